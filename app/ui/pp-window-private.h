/* pp-window-private.h: what the window's actions (pp-window-actions.c)
 * call in the window
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-window.h"

G_BEGIN_DECLS

void _pp_window_actions_install      (PpWindow   *self);

void _pp_window_run                  (PpWindow   *self);
void _pp_window_stop                 (PpWindow   *self);
void _pp_window_submit               (PpWindow   *self);
void _pp_window_show_page            (PpWindow   *self,
                                      const char *name);
void _pp_window_zoom                 (PpWindow   *self,
                                      int         steps);
void _pp_window_zoom_reset           (PpWindow   *self);
void _pp_window_show_stats           (PpWindow   *self);
void _pp_window_start_session        (PpWindow   *self);
void _pp_window_present_join         (PpWindow   *self);
void _pp_window_show_session         (PpWindow   *self);
void _pp_window_toggle_media         (PpWindow   *self,
                                      PpMediaKind kind);
void _pp_window_show_past_sessions   (PpWindow   *self);
void _pp_window_set_action_enabled   (PpWindow   *self,
                                      const char *name,
                                      gboolean    enabled);

G_END_DECLS

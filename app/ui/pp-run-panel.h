/* pp-run-panel.h: run the code, give it input, watch its output
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pp-language.h"
#include "pp-runner.h"

G_BEGIN_DECLS

#define PP_TYPE_RUN_PANEL (pp_run_panel_get_type ())

G_DECLARE_FINAL_TYPE (PpRunPanel, pp_run_panel, PP, RUN_PANEL, GtkWidget)

/* The limits of a run from the panel. */
#define PP_RUN_PANEL_TIME_LIMIT 5.0

void        pp_run_panel_set_runner      (PpRunPanel  *self,
                                          PpRunner    *runner);
void        pp_run_panel_run             (PpRunPanel  *self,
                                          PpLanguage  *language,
                                          const char  *source);
void        pp_run_panel_stop            (PpRunPanel  *self);
gboolean    pp_run_panel_get_running     (PpRunPanel  *self);
void        pp_run_panel_set_status      (PpRunPanel  *self,
                                          const char  *text,
                                          gboolean     is_error);
const char *pp_run_panel_get_status      (PpRunPanel  *self);
char       *pp_run_panel_get_output      (PpRunPanel  *self);
GtkTextView *pp_run_panel_get_input_view (PpRunPanel  *self);
GtkTextView *pp_run_panel_get_output_view (PpRunPanel *self);
gboolean    pp_run_panel_activate_link   (PpRunPanel  *self,
                                          guint        index);
void        pp_run_panel_show_shared     (PpRunPanel  *self,
                                          const char  *status);
void        pp_run_panel_append_shared   (PpRunPanel  *self,
                                          gboolean     is_stderr,
                                          const char  *text);

G_END_DECLS

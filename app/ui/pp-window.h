/* pp-window.h: the main window, an editor for the code
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "pp-practice-page.h"
#include "pp-problem-view.h"
#include "pp-run-panel.h"
#include "pp-session-view.h"

G_BEGIN_DECLS

#define PP_TYPE_WINDOW (pp_window_get_type ())

G_DECLARE_FINAL_TYPE (PpWindow, pp_window, PP, WINDOW, AdwApplicationWindow)

PpWindow      *pp_window_new                   (GtkApplication *application,
                                                PpStore        *store);
GtkSourceView *pp_window_get_source_view       (PpWindow       *self);
GtkDropDown   *pp_window_get_language_dropdown (PpWindow       *self);
const char    *pp_window_get_language          (PpWindow       *self);
PpRunPanel    *pp_window_get_run_panel         (PpWindow       *self);
gboolean       pp_window_select_language       (PpWindow       *self,
                                                const char     *id);
gboolean       pp_window_get_languages_detected (PpWindow      *self);
gboolean       pp_window_open_problem          (PpWindow       *self,
                                                const char     *id);
PpPracticePage *pp_window_get_practice_page    (PpWindow       *self);
PpProblemView *pp_window_get_problem_view      (PpWindow       *self);
GListModel    *pp_window_get_problems          (PpWindow       *self);
const char    *pp_window_get_scratch_error     (PpWindow       *self);
void           pp_window_show_message          (PpWindow       *self,
                                                const char     *message);
void           pp_window_show_error            (PpWindow       *self,
                                                const char     *title,
                                                const char     *details);
void           pp_window_save_now              (PpWindow       *self);
PpSessionView *pp_window_get_session_view      (PpWindow       *self);
gboolean       pp_window_join_link             (PpWindow       *self,
                                                const char     *link,
                                                GError        **error);

G_END_DECLS

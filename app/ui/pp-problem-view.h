/* pp-problem-view.h: one practice problem: its statement beside the editor,
 * Submit, the verdict, the timer, and the history of attempts
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "pp-judge.h"
#include "pp-language-set.h"
#include "pp-problem.h"
#include "pp-store.h"

G_BEGIN_DECLS

#define PP_TYPE_PROBLEM_VIEW (pp_problem_view_get_type ())

G_DECLARE_FINAL_TYPE (PpProblemView, pp_problem_view, PP, PROBLEM_VIEW, GtkWidget)

GtkWidget     *pp_problem_view_new             (PpRunner       *runner,
                                                PpLanguageSet  *languages,
                                                PpStore        *store);
void           pp_problem_view_open            (PpProblemView  *self,
                                                PpProblem      *problem);
PpProblem     *pp_problem_view_get_problem     (PpProblemView  *self);
void           pp_problem_view_submit          (PpProblemView  *self);
void           pp_problem_view_try             (PpProblemView  *self);
void           pp_problem_view_stop            (PpProblemView  *self);
gboolean       pp_problem_view_get_judging     (PpProblemView  *self);
gboolean       pp_problem_view_select_language (PpProblemView  *self,
                                                const char     *id);
GtkSourceView *pp_problem_view_get_source_view (PpProblemView  *self);
PpLanguage    *pp_problem_view_get_language    (PpProblemView  *self);
const char    *pp_problem_view_get_verdict     (PpProblemView  *self);
char          *pp_problem_view_get_details     (PpProblemView  *self);
guint          pp_problem_view_get_n_attempts  (PpProblemView  *self);
const char    *pp_problem_view_get_timer       (PpProblemView  *self);
const char    *pp_problem_view_get_store_error (PpProblemView  *self);
void           pp_problem_view_set_style_scheme (PpProblemView *self,
                                                 GtkSourceStyleScheme *scheme);
void           pp_problem_view_flush           (PpProblemView  *self);

G_END_DECLS

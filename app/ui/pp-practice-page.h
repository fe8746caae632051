/* pp-practice-page.h: the problem list, with search and filters, and the
 * numbers of the user's practice
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pp-problem.h"
#include "pp-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint solved[3];      /* by PpDifficulty */
  guint total[3];
  guint attempts;       /* submissions */
  guint streak_days;    /* days in a row, up to today, with a submission */
} PpPracticeStats;

void pp_practice_stats_compute (GListModel      *problems,
                                GPtrArray       *submissions,
                                GDateTime       *now,
                                PpPracticeStats *stats);

#define PP_TYPE_PRACTICE_PAGE (pp_practice_page_get_type ())

G_DECLARE_FINAL_TYPE (PpPracticePage, pp_practice_page, PP, PRACTICE_PAGE, GtkWidget)

GtkWidget *pp_practice_page_new          (void);
void       pp_practice_page_set_problems (PpPracticePage *self,
                                          GListModel     *problems,
                                          PpStore        *store);
void       pp_practice_page_refresh      (PpPracticePage *self);
void       pp_practice_page_set_filter   (PpPracticePage *self,
                                          const char     *search,
                                          int             difficulty,
                                          const char     *tag,
                                          int             status);
guint      pp_practice_page_count_shown  (PpPracticePage *self);
const char *pp_practice_page_get_store_error (PpPracticePage *self);
GtkWidget *pp_practice_page_stats_widget (PpPracticePage *self);

G_END_DECLS

/* pp-problem.h: a practice problem of the bank, as data/problems/ID/ holds it
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-checker.h"

G_BEGIN_DECLS

#define PP_PROBLEM_ERROR (pp_problem_error_quark ())

typedef enum
{
  PP_PROBLEM_ERROR_INVALID,   /* the files are there but say something wrong */
} PpProblemError;

typedef enum
{
  PP_DIFFICULTY_EASY,
  PP_DIFFICULTY_MEDIUM,
  PP_DIFFICULTY_HARD,
} PpDifficulty;

typedef struct
{
  char     *name;         /* "01": tests/01.in and tests/01.out */
  gboolean  hidden;
} PpProblemTest;

#define PP_TYPE_PROBLEM (pp_problem_get_type ())

G_DECLARE_FINAL_TYPE (PpProblem, pp_problem, PP, PROBLEM, GObject)

GQuark               pp_problem_error_quark       (void);
PpProblem           *pp_problem_new_from_directory (const char   *directory,
                                                    GError      **error);
const char          *pp_problem_get_id            (PpProblem    *self);
const char          *pp_problem_get_title         (PpProblem    *self);
PpDifficulty         pp_problem_get_difficulty    (PpProblem    *self);
const char * const  *pp_problem_get_tags          (PpProblem    *self);
const char          *pp_problem_get_statement     (PpProblem    *self);
double               pp_problem_get_time_limit    (PpProblem    *self);
guint                pp_problem_get_memory_limit  (PpProblem    *self);
PpCheckerMode        pp_problem_get_checker       (PpProblem    *self,
                                                   double       *tolerance);
guint                pp_problem_get_n_tests       (PpProblem    *self);
const PpProblemTest *pp_problem_get_test          (PpProblem    *self,
                                                   guint         index);
const char          *pp_problem_get_starter       (PpProblem    *self,
                                                   const char   *file_name);
gboolean             pp_problem_load_test         (PpProblem    *self,
                                                   guint         index,
                                                   GBytes      **input,
                                                   GBytes      **expected,
                                                   GError      **error);
const char          *pp_difficulty_to_string      (PpDifficulty  difficulty);

G_END_DECLS

/* pp-judge.h: judges a solution to a problem of the bank
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-language.h"
#include "pp-problem.h"
#include "pp-runner.h"

G_BEGIN_DECLS

typedef enum
{
  PP_VERDICT_ACCEPTED,
  PP_VERDICT_WRONG_ANSWER,
  PP_VERDICT_TIME_LIMIT,
  PP_VERDICT_MEMORY_LIMIT,
  PP_VERDICT_RUNTIME_ERROR,
  PP_VERDICT_COMPILATION_ERROR,
  PP_VERDICT_OUTPUT_LIMIT,
  PP_VERDICT_INTERNAL_ERROR,
} PpVerdict;

const char *pp_verdict_to_code   (PpVerdict   verdict);
gboolean    pp_verdict_from_code (const char *code,
                                  PpVerdict  *verdict);
const char *pp_verdict_to_string (PpVerdict   verdict);

/* One run of a try: a visible test, or the user's own input. */
typedef struct
{
  int        test;       /* the test's index, or -1 for the user's input */
  PpVerdict  verdict;    /* ACCEPTED: the output matched, or ran (own input) */
  GBytes    *input;      /* at most 64 KB of each */
  GBytes    *expected;   /* nullable: none for the user's input */
  GBytes    *actual;     /* nullable: the program did not run */
  char      *message;    /* why it failed, or "" */
} PpJudgeCase;

#define PP_TYPE_JUDGE_REPORT (pp_judge_report_get_type ())

G_DECLARE_FINAL_TYPE (PpJudgeReport, pp_judge_report, PP, JUDGE_REPORT, GObject)

PpVerdict   pp_judge_report_get_verdict      (PpJudgeReport *self);
guint       pp_judge_report_get_n_tests      (PpJudgeReport *self);
guint       pp_judge_report_get_n_passed     (PpJudgeReport *self);
int         pp_judge_report_get_failed_test  (PpJudgeReport *self);
gboolean    pp_judge_report_get_failed_hidden (PpJudgeReport *self);
GBytes     *pp_judge_report_get_input        (PpJudgeReport *self);
GBytes     *pp_judge_report_get_expected     (PpJudgeReport *self);
GBytes     *pp_judge_report_get_actual       (PpJudgeReport *self);
const char *pp_judge_report_get_message      (PpJudgeReport *self);
const char *pp_judge_report_get_compiler_output (PpJudgeReport *self);
guint64     pp_judge_report_get_max_cpu_ms   (PpJudgeReport *self);
guint64     pp_judge_report_get_max_rss_kb   (PpJudgeReport *self);
guint       pp_judge_report_get_n_cases      (PpJudgeReport *self);
const PpJudgeCase *pp_judge_report_get_case  (PpJudgeReport *self,
                                              guint          index);

#define PP_TYPE_JUDGE (pp_judge_get_type ())

G_DECLARE_FINAL_TYPE (PpJudge, pp_judge, PP, JUDGE, GObject)

PpJudge       *pp_judge_new           (PpRunner            *runner);
void           pp_judge_submit_async  (PpJudge             *self,
                                       PpProblem           *problem,
                                       PpLanguage          *language,
                                       const char          *source,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
void           pp_judge_try_async     (PpJudge             *self,
                                       PpProblem           *problem,
                                       PpLanguage          *language,
                                       const char          *source,
                                       GBytes              *custom_input,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
PpJudgeReport *pp_judge_submit_finish (PpJudge             *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS

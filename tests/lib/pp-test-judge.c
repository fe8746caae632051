/* pp-test-judge.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-test-judge.h"
#include "pp-test-wait.h"

typedef struct
{
  PpJudgeReport *report;   /* owned */
  GError *error;           /* owned */
  gboolean done;
} Judging;

static void
judged (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Judging *judging = user_data;

  judging->report = pp_judge_submit_finish (PP_JUDGE (object), result, &judging->error);
  judging->done = TRUE;
}

static PpJudgeReport *
wait_report (Judging     *judging,
             guint        timeout_s,
             const char  *what,
             GError     **error)
{
  pp_test_wait_for_flag (&judging->done, timeout_s, what);
  if (judging->error != NULL)
    g_propagate_error (error, judging->error);

  return judging->report;
}

/**
 * pp_test_judge:
 * @timeout_s: how long judging may take before the test fails
 *
 * Submits @source as the app does and runs the main loop until the
 * report comes, so the judge's signals and any timer of the caller's are
 * served meanwhile.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error
 *   set as pp_judge_submit_finish () set it
 */
PpJudgeReport *
pp_test_judge (PpJudge       *judge,
               PpProblem     *problem,
               PpLanguage    *language,
               const char    *source,
               GCancellable  *cancellable,
               guint          timeout_s,
               GError       **error)
{
  Judging judging = { 0 };

  g_return_val_if_fail (PP_IS_JUDGE (judge), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pp_judge_submit_async (judge, problem, language, source, cancellable, judged, &judging);
  return wait_report (&judging, timeout_s, "the judge's report", error);
}

/**
 * pp_test_try:
 * @custom_input: (nullable): the user's own input, in place of the examples
 *
 * Tries @source as Ctrl+Enter does, waiting as pp_test_judge() does.
 */
PpJudgeReport *
pp_test_try (PpJudge       *judge,
             PpProblem     *problem,
             PpLanguage    *language,
             const char    *source,
             GBytes        *custom_input,
             guint          timeout_s,
             GError       **error)
{
  Judging judging = { 0 };

  g_return_val_if_fail (PP_IS_JUDGE (judge), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pp_judge_try_async (judge, problem, language, source, custom_input, NULL, judged, &judging);
  return wait_report (&judging, timeout_s, "the try's report", error);
}

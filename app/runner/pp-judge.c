/* pp-judge.c: judges a solution to a problem of the bank
 *
 * Compile once (pp_runner_build_async), then for each test in order: read
 * its files on a worker thread, run the program on the input in the same
 * box with the problem's limits, compare its output with the answer on a
 * worker thread. The first test that fails decides the verdict; its input,
 * the answer and the output are kept only if the test is visible.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pp-judge.h"

#define SHOWN_MAX (64 * 1024)      /* bytes of a visible test kept to show */
#define COMPILER_OUTPUT_KB 256
#define RUN_PROCS 64               /* the JVM and Go start threads */
#define RUN_FSIZE_MB 64

static const struct
{
  const char *code;
  const char *name;
} verdicts[] = {
  [PP_VERDICT_ACCEPTED] = { "AC", N_("Accepted") },
  [PP_VERDICT_WRONG_ANSWER] = { "WA", N_("Wrong Answer") },
  [PP_VERDICT_TIME_LIMIT] = { "TLE", N_("Time Limit Exceeded") },
  [PP_VERDICT_MEMORY_LIMIT] = { "MLE", N_("Memory Limit Exceeded") },
  [PP_VERDICT_RUNTIME_ERROR] = { "RE", N_("Runtime Error") },
  [PP_VERDICT_COMPILATION_ERROR] = { "CE", N_("Compilation Error") },
  [PP_VERDICT_OUTPUT_LIMIT] = { "OLE", N_("Output Limit Exceeded") },
  [PP_VERDICT_INTERNAL_ERROR] = { "IE", N_("Internal Error") },
};

const char *
pp_verdict_to_code (PpVerdict verdict)
{
  g_return_val_if_fail (verdict < G_N_ELEMENTS (verdicts), NULL);
  return verdicts[verdict].code;
}

gboolean
pp_verdict_from_code (const char *code,
                      PpVerdict  *verdict)
{
  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    if (g_strcmp0 (code, verdicts[i].code) == 0)
      {
        *verdict = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pp_verdict_to_string (PpVerdict verdict)
{
  g_return_val_if_fail (verdict < G_N_ELEMENTS (verdicts), NULL);
  return _(verdicts[verdict].name);
}

/* The report */

static void
judge_case_free (PpJudgeCase *c)
{
  g_clear_pointer (&c->input, g_bytes_unref);
  g_clear_pointer (&c->expected, g_bytes_unref);
  g_clear_pointer (&c->actual, g_bytes_unref);
  g_free (c->message);
  g_free (c);
}

struct _PpJudgeReport
{
  GObject parent_instance;

  PpVerdict verdict;
  guint n_tests;
  guint n_passed;
  int failed_test;         /* -1 when none failed */
  gboolean failed_hidden;
  GBytes *input;           /* nullable: only for a visible test */
  GBytes *expected;
  GBytes *actual;
  char *message;           /* "" when there is nothing to add */
  char *compiler_output;   /* "" when there was none */
  guint64 max_cpu_ms;
  guint64 max_rss_kb;
  GPtrArray *cases;        /* PpJudgeCase: a try's, one per run */
};

G_DEFINE_FINAL_TYPE (PpJudgeReport, pp_judge_report, G_TYPE_OBJECT)

static void
pp_judge_report_finalize (GObject *object)
{
  PpJudgeReport *self = PP_JUDGE_REPORT (object);

  g_clear_pointer (&self->input, g_bytes_unref);
  g_clear_pointer (&self->expected, g_bytes_unref);
  g_clear_pointer (&self->actual, g_bytes_unref);
  g_free (self->message);
  g_free (self->compiler_output);
  g_ptr_array_unref (self->cases);
  G_OBJECT_CLASS (pp_judge_report_parent_class)->finalize (object);
}

static void
pp_judge_report_class_init (PpJudgeReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_judge_report_finalize;
}

static void
pp_judge_report_init (PpJudgeReport *self)
{
  self->failed_test = -1;
  self->message = g_strdup ("");
  self->compiler_output = g_strdup ("");
  self->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) judge_case_free);
}

PpVerdict pp_judge_report_get_verdict (PpJudgeReport *self) { return self->verdict; }
guint pp_judge_report_get_n_tests (PpJudgeReport *self) { return self->n_tests; }
guint pp_judge_report_get_n_passed (PpJudgeReport *self) { return self->n_passed; }
int pp_judge_report_get_failed_test (PpJudgeReport *self) { return self->failed_test; }
gboolean pp_judge_report_get_failed_hidden (PpJudgeReport *self) { return self->failed_hidden; }
const char *pp_judge_report_get_message (PpJudgeReport *self) { return self->message; }
const char *pp_judge_report_get_compiler_output (PpJudgeReport *self) { return self->compiler_output; }
guint64 pp_judge_report_get_max_cpu_ms (PpJudgeReport *self) { return self->max_cpu_ms; }
guint64 pp_judge_report_get_max_rss_kb (PpJudgeReport *self) { return self->max_rss_kb; }
guint pp_judge_report_get_n_cases (PpJudgeReport *self) { return self->cases->len; }

/**
 * pp_judge_report_get_case:
 *
 * Returns: (transfer none): the @index-th run of a try, in the order run
 */
const PpJudgeCase *
pp_judge_report_get_case (PpJudgeReport *self,
                          guint          index)
{
  g_return_val_if_fail (index < self->cases->len, NULL);
  return self->cases->pdata[index];
}

/**
 * pp_judge_report_get_input:
 *
 * Returns: (nullable) (transfer none): the failing test's input, at most
 *   64 KB of it; %NULL when the test is hidden or none failed
 */
GBytes *pp_judge_report_get_input (PpJudgeReport *self) { return self->input; }
GBytes *pp_judge_report_get_expected (PpJudgeReport *self) { return self->expected; }
GBytes *pp_judge_report_get_actual (PpJudgeReport *self) { return self->actual; }

/* The judge */

struct _PpJudge
{
  GObject parent_instance;
  PpRunner *runner;
};

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpJudge, pp_judge, G_TYPE_OBJECT)

/* A try runs the visible tests, or the user's own input, and goes on
 * past a failure; a submission runs every test and stops at the first
 * that fails. */
#define CUSTOM_INPUT G_MAXUINT

typedef struct
{
  PpProblem *problem;        /* owned */
  PpRunBox *box;             /* owned, nullable until built */
  GArray *tests;             /* guint: the indices to run, in order */
  guint position;            /* in @tests */
  gboolean trying;
  GBytes *custom_input;      /* owned, nullable: the user's own input */
  guint index;               /* the test being judged */
  GBytes *input;             /* owned, of that test */
  GBytes *expected;
  PpRunResult *run;          /* owned, of that test */
  PpJudgeReport *report;     /* owned */
} Submission;

static void
submission_free (Submission *sub)
{
  g_object_unref (sub->problem);
  g_clear_pointer (&sub->box, pp_run_box_unref);
  g_array_unref (sub->tests);
  g_clear_pointer (&sub->custom_input, g_bytes_unref);
  g_clear_pointer (&sub->input, g_bytes_unref);
  g_clear_pointer (&sub->expected, g_bytes_unref);
  g_clear_object (&sub->run);
  g_object_unref (sub->report);
  g_free (sub);
}

static void start_test (GTask *task);

static GBytes *
shown (GBytes *bytes)
{
  gsize size = bytes ? g_bytes_get_size (bytes) : 0;

  return bytes ? g_bytes_new_from_bytes (bytes, 0, MIN (size, SHOWN_MAX)) : NULL;
}

static void
conclude (GTask      *task,
          PpVerdict   verdict,
          const char *message)
{
  Submission *sub = g_task_get_task_data (task);
  PpJudgeReport *report = sub->report;

  report->verdict = verdict;
  if (message != NULL)
    {
      g_free (report->message);
      report->message = g_strdup (message);
    }
  if (verdict != PP_VERDICT_ACCEPTED && verdict != PP_VERDICT_COMPILATION_ERROR &&
      !sub->trying && sub->index < report->n_tests)
    {
      const PpProblemTest *test = pp_problem_get_test (sub->problem, sub->index);

      report->failed_test = sub->index;
      report->failed_hidden = test->hidden;
      if (!test->hidden)
        {
          report->input = shown (sub->input);
          report->expected = shown (sub->expected);
          if (sub->run != NULL)
            {
              g_autoptr(GBytes) out = pp_run_result_get_output (sub->run, PP_RUN_STAGE_RUN,
                                                                PP_RUN_STREAM_STDOUT);
              report->actual = shown (out);
            }
        }
    }
  /* Cleaning the box up is the last thing; the report does not wait. */
  g_clear_pointer (&sub->box, pp_run_box_unref);
  g_task_return_pointer (task, g_object_ref (report), g_object_unref);
}

/* A runner error that is the sandbox's failure is a verdict; cancelling,
 * a busy runner and a missing toolchain are errors. */
static void
conclude_or_fail (GTask  *task,
                  GError *error)
{
  if (g_error_matches (error, PP_RUNNER_ERROR, PP_RUNNER_ERROR_SANDBOX_FAILED))
    {
      conclude (task, PP_VERDICT_INTERNAL_ERROR, error->message);
      g_error_free (error);
    }
  else
    g_task_return_error (task, error);
}

static char *
output_text (PpRunResult *result,
             PpRunStage   stage,
             PpRunStream  stream)
{
  g_autoptr(GBytes) bytes = pp_run_result_get_output (result, stage, stream);

  if (g_bytes_get_size (bytes) == 0)
    return g_strdup ("");
  return g_utf8_make_valid (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Runtimes say so when they run out of the memory they were given. */
static gboolean
ran_out_of_memory (PpRunResult *result)
{
  static const char *signs[] = {
    "MemoryError",                    /* Python */
    "java.lang.OutOfMemoryError",     /* Java */
    "JavaScript heap out of memory",  /* Node */
    "runtime: out of memory",         /* Go */
    "std::bad_alloc",                 /* C++ */
  };
  g_autofree char *errors = output_text (result, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDERR);

  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    if (strstr (errors, signs[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The test SUB ran ended with VERDICT: a submission stops at a failure;
 * a try keeps the run and goes on. */
static void
finish_test (GTask      *task,
             PpVerdict   verdict,
             const char *message)
{
  PpJudge *self = g_task_get_source_object (task);
  Submission *sub = g_task_get_task_data (task);

  if (sub->trying)
    {
      PpJudgeCase *c = g_new0 (PpJudgeCase, 1);

      c->test = sub->index == CUSTOM_INPUT ? -1 : (int) sub->index;
      c->verdict = verdict;
      c->message = g_strdup (message != NULL ? message : "");
      c->input = shown (sub->input);
      c->expected = shown (sub->expected);
      if (sub->run != NULL)
        {
          g_autoptr(GBytes) out = pp_run_result_get_output (sub->run, PP_RUN_STAGE_RUN,
                                                            PP_RUN_STREAM_STDOUT);
          c->actual = shown (out);
        }
      g_ptr_array_add (sub->report->cases, c);
      if (sub->report->verdict == PP_VERDICT_ACCEPTED)
        sub->report->verdict = verdict;
    }
  else if (verdict != PP_VERDICT_ACCEPTED)
    {
      conclude (task, verdict, message);
      return;
    }

  if (verdict == PP_VERDICT_ACCEPTED)
    sub->report->n_passed++;
  g_signal_emit (self, signals[PROGRESS], 0, sub->report->n_passed, sub->report->n_tests);
  sub->position++;
  start_test (task);
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Submission *sub = task_data;
  g_autoptr(GBytes) out = pp_run_result_get_output (sub->run, PP_RUN_STAGE_RUN,
                                                    PP_RUN_STREAM_STDOUT);
  double tolerance;
  PpCheckerMode mode = pp_problem_get_checker (sub->problem, &tolerance);
  char *why = NULL;

  if (pp_checker_compare (mode, tolerance,
                          g_bytes_get_data (sub->expected, NULL), g_bytes_get_size (sub->expected),
                          g_bytes_get_data (out, NULL), g_bytes_get_size (out), &why))
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_return_pointer (task, why, g_free);
}

static void
compared (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *why = g_task_propagate_pointer (G_TASK (result), NULL);

  finish_test (task, why != NULL ? PP_VERDICT_WRONG_ANSWER : PP_VERDICT_ACCEPTED, why);
}

static void
ran (GObject      *object,
     GAsyncResult *result,
     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Submission *sub = g_task_get_task_data (task);
  g_autoptr(GTask) comparison = NULL;
  GError *error = NULL;
  const PpStepResult *step;

  g_clear_object (&sub->run);
  sub->run = pp_runner_run_in_box_finish (PP_RUNNER (object), result, &error);
  if (sub->run == NULL)
    {
      conclude_or_fail (task, error);
      return;
    }

  step = pp_run_result_get_step (sub->run, PP_RUN_STAGE_RUN);
  sub->report->max_cpu_ms = MAX (sub->report->max_cpu_ms, step->cpu_ms);
  sub->report->max_rss_kb = MAX (sub->report->max_rss_kb, step->max_rss_kb);

  switch (step->status)
    {
    case PP_RUN_STATUS_OK:
      /* The user's own input has no answer to compare with. */
      if (sub->expected == NULL)
        {
          finish_test (task, PP_VERDICT_ACCEPTED, NULL);
          return;
        }
      comparison = g_task_new (NULL, NULL, compared, g_object_ref (task));
      g_task_set_source_tag (comparison, ran);
      g_task_set_task_data (comparison, sub, NULL);
      g_task_run_in_thread (comparison, compare_thread);
      return;
    case PP_RUN_STATUS_TIME_LIMIT:
      finish_test (task, PP_VERDICT_TIME_LIMIT, step->message);
      return;
    case PP_RUN_STATUS_MEMORY_LIMIT:
      finish_test (task, PP_VERDICT_MEMORY_LIMIT, step->message);
      return;
    case PP_RUN_STATUS_OUTPUT_LIMIT:
      finish_test (task, PP_VERDICT_OUTPUT_LIMIT, step->message);
      return;
    case PP_RUN_STATUS_RUNTIME_ERROR:
    case PP_RUN_STATUS_SIGNALED:
      {
        g_autofree char *errors = output_text (sub->run, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDERR);

        finish_test (task, ran_out_of_memory (sub->run) ? PP_VERDICT_MEMORY_LIMIT
                                                     : PP_VERDICT_RUNTIME_ERROR,
                  errors[0] != '\0' ? errors : step->message);
        return;
      }
    case PP_RUN_STATUS_INTERNAL_ERROR:
    default:
      finish_test (task, PP_VERDICT_INTERNAL_ERROR, step->message);
      return;
    }
}

typedef struct
{
  GBytes *input;
  GBytes *expected;
} TestFiles;

static void
test_files_free (TestFiles *files)
{
  g_clear_pointer (&files->input, g_bytes_unref);
  g_clear_pointer (&files->expected, g_bytes_unref);
  g_free (files);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Submission *sub = task_data;
  TestFiles *files = g_new0 (TestFiles, 1);
  GError *error = NULL;

  if (pp_problem_load_test (sub->problem, sub->index, &files->input, &files->expected, &error))
    g_task_return_pointer (task, files, (GDestroyNotify) test_files_free);
  else
    {
      test_files_free (files);
      g_task_return_error (task, error);
    }
}

static PpRunLimits
run_limits (Submission *sub)
{
  double time = pp_problem_get_time_limit (sub->problem);
  gsize expected_kb = sub->expected != NULL ? g_bytes_get_size (sub->expected) / 1024 : 0;

  return (PpRunLimits) {
    .time_sec = time,
    .wall_sec = 2 * time + 1,
    .mem_mb = pp_problem_get_memory_limit (sub->problem),
    .procs = RUN_PROCS,
    .fsize_mb = RUN_FSIZE_MB,
    /* Room for a wrong answer to be seen as one, not as too long. */
    .output_kb = (guint) MAX (1024, 2 * expected_kb + 64),
  };
}

static void
loaded (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PpJudge *self = g_task_get_source_object (task);
  Submission *sub = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  TestFiles *files = g_task_propagate_pointer (G_TASK (result), &error);
  PpRunLimits limits;

  if (files == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Test %u could not be read: %s"),
                                                  sub->index + 1, error->message);

      conclude (task, PP_VERDICT_INTERNAL_ERROR, message);
      return;
    }
  g_clear_pointer (&sub->input, g_bytes_unref);
  g_clear_pointer (&sub->expected, g_bytes_unref);
  sub->input = g_steal_pointer (&files->input);
  sub->expected = g_steal_pointer (&files->expected);
  test_files_free (files);

  limits = run_limits (sub);
  pp_runner_run_in_box_async (self->runner, sub->box, sub->input, &limits,
                              g_task_get_cancellable (task), ran, g_object_ref (task));
}

static void
start_test (GTask *task)
{
  Submission *sub = g_task_get_task_data (task);
  g_autoptr(GTask) loading = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  g_clear_object (&sub->run);
  if (sub->position == sub->tests->len)
    {
      conclude (task, sub->trying ? sub->report->verdict : PP_VERDICT_ACCEPTED, NULL);
      return;
    }
  sub->index = g_array_index (sub->tests, guint, sub->position);
  if (sub->index == CUSTOM_INPUT)
    {
      PpJudge *self = g_task_get_source_object (task);
      PpRunLimits limits;

      g_clear_pointer (&sub->expected, g_bytes_unref);
      g_clear_pointer (&sub->input, g_bytes_unref);
      sub->input = g_bytes_ref (sub->custom_input);
      limits = run_limits (sub);
      pp_runner_run_in_box_async (self->runner, sub->box, sub->input, &limits,
                                  g_task_get_cancellable (task), ran, g_object_ref (task));
      return;
    }
  loading = g_task_new (NULL, NULL, loaded, g_object_ref (task));
  g_task_set_source_tag (loading, start_test);
  g_task_set_task_data (loading, sub, NULL);
  g_task_run_in_thread (loading, load_thread);
}

static void
built (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Submission *sub = g_task_get_task_data (task);
  g_autoptr(PpRunResult) compiled = NULL;
  GError *error = NULL;

  sub->box = pp_runner_build_finish (PP_RUNNER (object), result, &compiled, &error);
  if (compiled == NULL)
    {
      conclude_or_fail (task, error);
      return;
    }
  if (pp_run_result_get_step (compiled, PP_RUN_STAGE_COMPILE) != NULL)
    {
      g_autofree char *out = output_text (compiled, PP_RUN_STAGE_COMPILE, PP_RUN_STREAM_STDOUT);
      g_autofree char *err = output_text (compiled, PP_RUN_STAGE_COMPILE, PP_RUN_STREAM_STDERR);

      g_free (sub->report->compiler_output);
      sub->report->compiler_output = g_strconcat (out, err, NULL);
    }
  if (sub->box == NULL)
    {
      const PpStepResult *step = pp_run_result_get_step (compiled, PP_RUN_STAGE_COMPILE);

      conclude (task, step->status == PP_RUN_STATUS_INTERNAL_ERROR ? PP_VERDICT_INTERNAL_ERROR
                                                                   : PP_VERDICT_COMPILATION_ERROR,
                step->message);
      return;
    }
  start_test (task);
}

static void
judge_async (PpJudge             *self,
             PpProblem           *problem,
             PpLanguage          *language,
             const char          *source,
             gboolean             trying,
             GBytes              *custom_input,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Submission *sub;
  PpRunLimits limits = {
    .time_sec = 1, .wall_sec = 1, .mem_mb = 1, .procs = 1, .fsize_mb = 1,
    .output_kb = COMPILER_OUTPUT_KB,
  };
  guint custom = CUSTOM_INPUT;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trying ? (gpointer) pp_judge_try_async : (gpointer) pp_judge_submit_async);
  sub = g_new0 (Submission, 1);
  sub->problem = g_object_ref (problem);
  sub->trying = trying;
  sub->tests = g_array_new (FALSE, FALSE, sizeof (guint));
  if (custom_input != NULL)
    {
      sub->custom_input = g_bytes_ref (custom_input);
      g_array_append_val (sub->tests, custom);
    }
  else
    for (guint i = 0; i < pp_problem_get_n_tests (problem); i++)
      if (!trying || !pp_problem_get_test (problem, i)->hidden)
        g_array_append_val (sub->tests, i);
  sub->report = g_object_new (PP_TYPE_JUDGE_REPORT, NULL);
  sub->report->n_tests = sub->tests->len;
  g_task_set_task_data (task, sub, (GDestroyNotify) submission_free);

  pp_runner_build_async (self->runner, language, source, &limits, cancellable,
                         built, g_steal_pointer (&task));
}

/**
 * pp_judge_submit_async:
 *
 * Judges @source against every test of @problem, in order, stopping at the
 * first that fails. #PpJudge::progress tells each test passed. A program
 * that fails, and a sandbox that does, are verdicts in the report; errors
 * are those of pp_runner_run_async(): cancelling, a busy runner, a missing
 * toolchain.
 */
void
pp_judge_submit_async (PpJudge             *self,
                       PpProblem           *problem,
                       PpLanguage          *language,
                       const char          *source,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (PP_IS_JUDGE (self));
  g_return_if_fail (PP_IS_PROBLEM (problem));
  g_return_if_fail (PP_IS_LANGUAGE (language));
  g_return_if_fail (source != NULL);

  judge_async (self, problem, language, source, FALSE, NULL, cancellable, callback, user_data);
}

/**
 * pp_judge_try_async:
 * @custom_input: (nullable): input of the user's own, run instead of the
 *   examples
 *
 * Runs @source on the visible tests of @problem (the examples), or on
 * @custom_input, going on past a failure: the report holds one
 * #PpJudgeCase per run, and its verdict is the first that failed, if one
 * did. Finish with pp_judge_submit_finish().
 */
void
pp_judge_try_async (PpJudge             *self,
                    PpProblem           *problem,
                    PpLanguage          *language,
                    const char          *source,
                    GBytes              *custom_input,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (PP_IS_JUDGE (self));
  g_return_if_fail (PP_IS_PROBLEM (problem));
  g_return_if_fail (PP_IS_LANGUAGE (language));
  g_return_if_fail (source != NULL);

  judge_async (self, problem, language, source, TRUE, custom_input, cancellable, callback,
               user_data);
}

PpJudgeReport *
pp_judge_submit_finish (PpJudge       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (PP_IS_JUDGE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pp_judge_dispose (GObject *object)
{
  g_clear_object (&PP_JUDGE (object)->runner);
  G_OBJECT_CLASS (pp_judge_parent_class)->dispose (object);
}

static void
pp_judge_class_init (PpJudgeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pp_judge_dispose;

  /**
   * PpJudge::progress:
   * @passed: tests passed so far
   * @total: tests the problem has
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
pp_judge_init (PpJudge *self)
{
}

PpJudge *
pp_judge_new (PpRunner *runner)
{
  PpJudge *self;

  g_return_val_if_fail (PP_IS_RUNNER (runner), NULL);
  self = g_object_new (PP_TYPE_JUDGE, NULL);
  self->runner = g_object_ref (runner);
  return self;
}

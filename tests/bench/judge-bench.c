/* judge-bench.c: what judging costs over running the same programs bare
 *
 * Writes a problem of 20 tests (n numbers; print the sum of i × the i-th
 * smallest, mod 1,000,000,007) into a scratch folder, then for a Python
 * and a C++ solution: judges it through PpJudge and pairpad-sandbox, and
 * does the same work bare (compile with the same command, run each input
 * with the same interpreter, compare the output), RUNS times each. While
 * judging, a 1 ms timer on the main loop records the longest stall.
 * Prints name=value lines: medians in milliseconds.
 *
 * judge-bench SANDBOX LANGUAGES_JSON
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pp-checker.h"
#include "pp-judge.h"
#include "pp-language-set.h"
#include "pp-problem.h"
#include "pp-test-judge.h"
#include "pp-test-languages.h"
#include "pp-test-lib.h"

#define N_TESTS 20
#define RUNS 3

static const char *python_solution =
  "import sys\n"
  "def main():\n"
  "    data = sys.stdin.buffer.read().split()\n"
  "    n = int(data[0])\n"
  "    values = sorted(map(int, data[1:n + 1]))\n"
  "    total = 0\n"
  "    for i, v in enumerate(values):\n"
  "        total = (total + i * v) % 1000000007\n"
  "    print(total)\n"
  "main()\n";

static const char *cpp_solution =
  "#include <algorithm>\n#include <cstdio>\n#include <vector>\n"
  "int main () {\n"
  "  int n; if (scanf (\"%d\", &n) != 1) return 1;\n"
  "  std::vector<long long> v (n);\n"
  "  for (auto &x : v) if (scanf (\"%lld\", &x) != 1) return 1;\n"
  "  std::sort (v.begin (), v.end ());\n"
  "  long long total = 0;\n"
  "  for (int i = 0; i < n; i++) total = (total + (long long) i * v[i]) % 1000000007LL;\n"
  "  printf (\"%lld\\n\", total);\n"
  "}\n";

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, contents, length, &error))
    g_error ("%s", error->message);
}

static int
compare_values (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static char *
write_problem (void)
{
  char *dir = g_build_filename (pp_test_home_get_path (), "bench-sort", NULL);
  g_autofree char *tests = g_build_filename (dir, "tests", NULL);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);

  g_mkdir_with_parents (tests, 0700);
  g_string_append (json, "{ \"id\": \"bench-sort\", \"title\": \"Bench\", \"difficulty\": \"easy\","
                         " \"tags\": [], \"limits\": { \"time\": 10, \"memory\": 512 },"
                         " \"checker\": { \"mode\": \"tokens\" }, \"tests\": [");
  for (guint t = 0; t < N_TESTS; t++)
    {
      guint n = 10000 + t * 10000;   /* 10,000 to 200,000 numbers */
      g_autoptr(GString) input = g_string_sized_new (n * 8);
      g_autofree gint64 *values = g_new (gint64, n);
      g_autofree char *in_path = g_strdup_printf ("%s/%02u.in", tests, t + 1);
      g_autofree char *out_path = g_strdup_printf ("%s/%02u.out", tests, t + 1);
      g_autofree char *answer = NULL;
      gint64 total = 0;

      g_string_append_printf (input, "%u\n", n);
      for (guint i = 0; i < n; i++)
        {
          values[i] = g_rand_int_range (rand, 0, 1000000000);
          g_string_append_printf (input, "%" G_GINT64_FORMAT "%c", values[i], i + 1 < n ? ' ' : '\n');
        }
      qsort (values, n, sizeof (gint64), compare_values);
      for (guint i = 0; i < n; i++)
        total = (total + (gint64) i * values[i]) % 1000000007;
      answer = g_strdup_printf ("%" G_GINT64_FORMAT "\n", total);
      write_file (in_path, input->str, input->len);
      write_file (out_path, answer, -1);
      g_string_append_printf (json, "%s{ \"name\": \"%02u\", \"hidden\": %s }", t ? ", " : "",
                              t + 1, t < 2 ? "false" : "true");
    }
  g_string_append (json, "] }\n");
  {
    g_autofree char *json_path = g_build_filename (dir, "problem.json", NULL);
    g_autofree char *statement = g_build_filename (dir, "statement.md", NULL);

    write_file (json_path, json->str, -1);
    write_file (statement, "# Bench\n", -1);
  }
  return dir;
}

/* Judging */

/* Milliseconds to judge SOURCE; the longest main-loop stall goes to
 * *STALL_US. */
static double
judge_once (PpJudge    *judge,
            PpProblem  *problem,
            PpLanguage *language,
            const char *source,
            gint64     *stall_us)
{
  PpTestStallMeter meter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpJudgeReport) report = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 max_gap;
  double ms;

  pp_test_stall_meter_start (&meter, 1);
  report = pp_test_judge (judge, problem, language, source, NULL, 600, &error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  max_gap = pp_test_stall_meter_stop (&meter);
  if (report == NULL)
    g_error ("judging failed: %s", error->message);
  if (pp_judge_report_get_verdict (report) != PP_VERDICT_ACCEPTED)
    g_error ("%s: %s on test %d: %s", pp_language_get_id (language),
             pp_verdict_to_code (pp_judge_report_get_verdict (report)),
             pp_judge_report_get_failed_test (report) + 1, pp_judge_report_get_message (report));
  /* The timer's own period is not a stall. */
  *stall_us = MAX (*stall_us, max_gap - 1000);
  return ms;
}

/* Bare: the same compile command and the same runs, straight on the host. */

static char *
find_in_sandbox_path (const char *program)
{
  char *path = pp_test_find_in_sandbox_path (program);

  if (path == NULL)
    g_error ("%s is not in %s", program, PP_TEST_SANDBOX_PATH);
  return path;
}

static void
spawn_checked (const char * const *argv,
               const char         *cwd,
               const char         *stdin_path,
               char              **out)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (out ? G_SUBPROCESS_FLAGS_STDOUT_PIPE : G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_set_cwd (launcher, cwd);
  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, out, NULL, &error) ||
      !g_subprocess_get_successful (process))
    g_error ("%s failed: %s", argv[0], error ? error->message : "exit status");
}

static double
bare_once (const char *language,
           const char *source,
           const char *problem_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *work = g_build_filename (pp_test_home_get_path (), "bare-XXXXXX", NULL);
  g_autofree char *file = NULL;
  g_autofree char *program = NULL;
  gint64 start;
  double ms;

  g_assert_nonnull (g_mkdtemp (work));
  file = g_build_filename (work, g_str_equal (language, "cpp") ? "main.cpp" : "main.py", NULL);
  write_file (file, source, -1);

  start = g_get_monotonic_time ();
  if (g_str_equal (language, "cpp"))
    {
      g_autofree char *gxx = find_in_sandbox_path ("g++");
      const char *argv[] = { gxx, "-O2", "-std=gnu++17", "-o", "main", "main.cpp", NULL };

      spawn_checked (argv, work, NULL, NULL);
      program = g_build_filename (work, "main", NULL);
    }
  for (guint t = 0; t < N_TESTS; t++)
    {
      g_autofree char *in = g_strdup_printf ("%s/tests/%02u.in", problem_dir, t + 1);
      g_autofree char *out_path = g_strdup_printf ("%s/tests/%02u.out", problem_dir, t + 1);
      g_autofree char *expected = NULL;
      g_autofree char *out = NULL;
      g_autofree char *python = program ? NULL : find_in_sandbox_path ("python3");
      const char *argv[] = { program ? program : python, program ? NULL : "main.py", NULL };
      gsize len;

      spawn_checked (argv, work, in, &out);
      g_file_get_contents (out_path, &expected, &len, &error);
      g_assert_no_error (error);
      if (!pp_checker_compare (PP_CHECKER_TOKENS, 0, expected, len, out, strlen (out), NULL))
        g_error ("bare %s: test %u: wrong answer", language, t + 1);
    }
  ms = (g_get_monotonic_time () - start) / 1000.0;
  return ms;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);
  return values[RUNS / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) languages = NULL;
  g_autoptr(PpRunner) runner = NULL;
  g_autoptr(PpJudge) judge = NULL;
  g_autoptr(PpProblem) problem = NULL;
  g_autofree char *problem_dir = NULL;
  const struct { const char *id; const char *source; } solutions[] = {
    { "python", python_solution },
    { "cpp", cpp_solution },
  };
  gint64 stall_us = 0;

  if (argc != 3)
    {
      g_printerr ("usage: judge-bench SANDBOX LANGUAGES_JSON\n");
      return 2;
    }
  /* The runs make their folders in TMPDIR, in the home, as the app's do in its own. */
  pp_test_home_init ("judge-bench");
  problem_dir = write_problem ();
  problem = pp_problem_new_from_directory (problem_dir, &error);
  g_assert_no_error (error);
  languages = pp_test_languages_load (argv[2]);
  runner = pp_runner_new (argv[1]);
  judge = pp_judge_new (runner);

  for (guint s = 0; s < G_N_ELEMENTS (solutions); s++)
    {
      PpLanguage *language = pp_language_set_lookup (languages, solutions[s].id);
      double judged_ms[RUNS], bare_ms[RUNS];
      const char *name = g_str_equal (solutions[s].id, "cpp") ? "cpp" : "python";

      if (!pp_language_is_available (language))
        g_error ("%s: %s", solutions[s].id, pp_language_get_missing_reason (language));
      /* Alternate, so that a slow spell of the machine hits both. */
      for (guint r = 0; r < RUNS; r++)
        {
          judged_ms[r] = judge_once (judge, problem, language, solutions[s].source, &stall_us);
          bare_ms[r] = bare_once (solutions[s].id, solutions[s].source, problem_dir);
        }
      {
        double j = median (judged_ms), b = median (bare_ms);

        printf ("judge_ms_%s=%.0f\n", name, j);
        printf ("bare_ms_%s=%.0f\n", name, b);
        printf ("judge_ratio_%s=%.2f\n", name, j / b);
        fflush (stdout);
      }
    }
  printf ("main_loop_max_stall_ms=%.1f\n", stall_us / 1000.0);
  printf ("tests=%d\nruns=%d\n", N_TESTS, RUNS);

  g_clear_object (&problem);
  pp_test_home_cleanup ();
  return 0;
}

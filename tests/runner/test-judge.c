/* test-judge.c: the checker, problem files, and the judge giving every
 * verdict in every language this computer has, through pairpad-sandbox
 *
 * PAIRPAD_SANDBOX names the sandbox executable (judge tests skip without
 * it); PAIRPAD_LANGUAGES names data/languages.json. The problems judged
 * here are written by the test into its own folder.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "pp-checker.h"
#include "pp-judge.h"
#include "pp-language-set.h"
#include "pp-problem.h"
#include "pp-test-judge.h"
#include "pp-test-languages.h"
#include "pp-test-lib.h"

/* Compiling and running five tests, on a loaded machine. */
#define JUDGE_TIMEOUT_S 300

static PpLanguageSet *languages;
static PpProblem *sum_problem;

/* The problem: n, then n integers; print their sum (which may not fit in
 * 32 bits). Tests 01 and 02 are visible, the rest hidden. */
static const char *sum_tests[][2] = {
  { "3\n1 2 3\n", "6\n" },
  { "1\n-5\n", "-5\n" },
  { "4\n1 1 1 1\n", "4\n" },
  { "2\n1000000000 1000000000\n", "2000000000\n" },
  { "5\n-1 -2 -3 -4 -5\n", "-15\n" },
};

typedef struct
{
  const char *id;
  const char *accepted;
  const char *wrong;          /* prints 0 */
  const char *too_slow;       /* never ends */
  const char *too_big;        /* touches 1 GB */
  const char *crashes;        /* exits with status 3 or throws */
  const char *broken;         /* does not compile; NULL when not compiled */
  const char *too_long;       /* prints without end */
} Programs;

static const Programs programs[] = {
  {
    "python",
    "import sys\nd = sys.stdin.read().split()\nprint(sum(map(int, d[1:int(d[0]) + 1])))\n",
    "print(0)\n",
    "while True:\n    pass\n",
    "x = bytearray(1 << 30)\nfor i in range(0, len(x), 4096):\n    x[i] = 1\nprint(len(x))\n",
    "raise ValueError('bad input')\n",
    NULL,
    "while True:\n    print('y' * 100)\n",
  },
  {
    "c",
    "#include <stdio.h>\nint main (void) { int n; long long s = 0, x; scanf (\"%d\", &n);\n"
    "  while (n-- > 0 && scanf (\"%lld\", &x) == 1) s += x; printf (\"%lld\\n\", s); return 0; }\n",
    "#include <stdio.h>\nint main (void) { puts (\"0\"); return 0; }\n",
    "int main (void) { volatile unsigned long x = 0; for (;;) x++; }\n",
    "#include <stdlib.h>\n#include <stdio.h>\n"
    "int main (void) { volatile char *p = malloc (1UL << 30); long s = 0; if (!p) return 1;\n"
    "  for (unsigned long i = 0; i < (1UL << 30); i += 4096) p[i] = (char) i;\n"
    "  for (unsigned long i = 0; i < (1UL << 30); i += 4096) s += p[i];\n"
    "  printf (\"%ld\\n\", s); return 0; }\n",
    "int main (void) { return 3; }\n",
    "int main (void) { return undefined_name; }\n",
    "#include <stdio.h>\nint main (void) { for (;;) puts (\"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\"); }\n",
  },
  {
    "cpp",
    "#include <iostream>\nint main () { int n; long long s = 0, x; std::cin >> n;\n"
    "  while (n-- > 0 && std::cin >> x) s += x; std::cout << s << std::endl; }\n",
    "#include <iostream>\nint main () { std::cout << 0 << std::endl; }\n",
    "int main () { volatile unsigned long x = 0; for (;;) x++; }\n",
    "#include <vector>\n#include <iostream>\n"
    "int main () { std::vector<long> v; for (long i = 0; i < (1L << 27); i++) v.push_back (i);\n"
    "  long s = 0; for (long x : v) s += x; std::cout << s << std::endl; }\n",
    "#include <stdexcept>\nint main () { throw std::runtime_error (\"bad input\"); }\n",
    "int main () { return undefined_name; }\n",
    "#include <iostream>\nint main () { for (;;) std::cout << \"yyyyyyyyyyyyyyyyyyyyyyyy\\n\"; }\n",
  },
  {
    "java",
    "import java.util.*;\npublic class Main { public static void main (String[] a) {\n"
    "  Scanner in = new Scanner (System.in); int n = in.nextInt (); long s = 0;\n"
    "  for (int i = 0; i < n; i++) s += in.nextLong (); System.out.println (s); } }\n",
    "public class Main { public static void main (String[] a) { System.out.println (0); } }\n",
    "public class Main { public static void main (String[] a) { long x = 0;\n"
    "  while (true) { x++; if (x == -1) break; } System.out.println (x); } }\n",
    "public class Main { public static void main (String[] a) {\n"
    "  byte[][] b = new byte[64][]; for (int i = 0; i < 64; i++) b[i] = new byte[16 << 20];\n"
    "  System.out.println (b[3][5]); } }\n",
    "public class Main { public static void main (String[] a) {\n"
    "  throw new IllegalStateException (\"bad input\"); } }\n",
    "public class Main { public static void main (String[] a) {\n"
    "  System.out.println (undefined_name); } }\n",
    "public class Main { public static void main (String[] a) {\n"
    "  while (true) System.out.println (\"yyyyyyyyyyyyyyyyyyyyyyyy\"); } }\n",
  },
  {
    "javascript",
    "const d = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).map(Number);\n"
    "let s = 0; for (let i = 1; i <= d[0]; i++) s += d[i]; console.log(String(s));\n",
    "console.log('0');\n",
    "for (;;) {}\n",
    "const a = []; for (;;) a.push(new Array(1e6).fill(1.5));\n",
    "throw new Error('bad input');\n",
    NULL,
    "const fs = require('fs'); const line = 'y'.repeat(100) + '\\n'; for (;;) fs.writeSync(1, line);\n",
  },
  {
    "go",
    "package main\nimport (\"bufio\"; \"fmt\"; \"os\")\n"
    "func main() { in := bufio.NewReader(os.Stdin); var n int; fmt.Fscan(in, &n)\n"
    "  var s, x int64; for i := 0; i < n; i++ { fmt.Fscan(in, &x); s += x }; fmt.Println(s) }\n",
    "package main\nimport \"fmt\"\nfunc main() { fmt.Println(0) }\n",
    "package main\nfunc main() { x := 0; for { x++ } }\n",
    "package main\nimport \"fmt\"\n"
    "func main() { b := make([]byte, 1<<30); for i := range b { b[i] = 1 }; fmt.Println(b[5]) }\n",
    "package main\nimport \"os\"\nfunc main() { os.Exit(3) }\n",
    "package main\nfunc main() { println(undefined_name) }\n",
    "package main\nimport (\"bufio\"; \"os\")\n"
    "func main() { w := bufio.NewWriter(os.Stdout); for { w.WriteString(\"yyyyyyyyyyyyyyyyyyyy\\n\") } }\n",
  },
  {
    "bash",
    "read -r n\nread -r -a xs\ns=0\nfor x in \"${xs[@]}\"; do s=$((s + x)); done\necho \"$s\"\n",
    "echo 0\n",
    "while :; do :; done\n",
    /* dd holds a 400 MB block while sleep never reads it: memory at
     * little CPU (a pipe through tail took 2 s of CPU on a busy machine). */
    "dd if=/dev/zero bs=400M count=1 | sleep 20\n",
    "exit 3\n",
    NULL,
    "while :; do echo yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy; done\n",
  },
};

static void
write_file (const char *directory,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Writes problem ID into the test's folder: problem.json as given, the
 * statement, and the sum tests. */
static char *
write_problem (const char *id,
               const char *json)
{
  g_autofree char *tests = NULL;
  char *directory = g_build_filename (pp_test_home_get_path (), "problems", id, NULL);

  tests = g_build_filename (directory, "tests", NULL);
  g_assert_cmpint (g_mkdir_with_parents (tests, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  write_file (directory, "problem.json", json);
  write_file (directory, "statement.md", "# Sum\n\nAdd the numbers.\n");
  for (guint i = 0; i < G_N_ELEMENTS (sum_tests); i++)
    {
      g_autofree char *in = g_strdup_printf ("%02u.in", i + 1);
      g_autofree char *out = g_strdup_printf ("%02u.out", i + 1);

      write_file (tests, in, sum_tests[i][0]);
      write_file (tests, out, sum_tests[i][1]);
    }
  return directory;
}

#define SUM_JSON(id, extra) \
  "{ \"id\": \"" id "\", \"title\": \"Sum\", \"difficulty\": \"easy\", \"tags\": [\"math\"],\n" \
  "  \"limits\": { \"time\": 2, \"memory\": 256 }, \"checker\": { \"mode\": \"tokens\" },\n" \
  "  \"tests\": [ { \"name\": \"01\", \"hidden\": false }, { \"name\": \"02\", \"hidden\": false },\n" \
  "    { \"name\": \"03\", \"hidden\": true }, { \"name\": \"04\", \"hidden\": true },\n" \
  "    { \"name\": \"05\", \"hidden\": true } ]" extra " }\n"

/* The checker */

static gboolean
check (PpCheckerMode mode,
       const char   *expected,
       const char   *actual)
{
  return pp_checker_compare (mode, 1e-6, expected, strlen (expected), actual, strlen (actual), NULL);
}

static void
test_checker (void)
{
  g_autofree char *why = NULL;

  g_assert_true (check (PP_CHECKER_EXACT, "1 2\n3\n", "1 2\n3\n"));
  g_assert_true (check (PP_CHECKER_EXACT, "1 2\n3\n", "1 2\n3"));
  g_assert_false (check (PP_CHECKER_EXACT, "1 2\n3\n", "1  2\n3\n"));
  g_assert_false (check (PP_CHECKER_EXACT, "1 2\n3\n", "1 2\n3\n\n"));
  g_assert_false (check (PP_CHECKER_EXACT, "1 2\n3\n", "1 2\n"));
  g_assert_false (check (PP_CHECKER_EXACT, "a\n", ""));

  g_assert_true (check (PP_CHECKER_TOKENS, "1 2\n3\n", "1\n2   3"));
  g_assert_false (check (PP_CHECKER_TOKENS, "1 2\n3\n", "1 2"));
  g_assert_false (check (PP_CHECKER_TOKENS, "1 2\n3\n", "1 2 3 4"));
  g_assert_false (check (PP_CHECKER_TOKENS, "1.0\n", "1"));
  g_assert_false (check (PP_CHECKER_TOKENS, "", "x"));
  g_assert_true (check (PP_CHECKER_TOKENS, "\n", ""));

  g_assert_true (check (PP_CHECKER_FLOAT, "0.3333333\n", "0.33333335"));
  g_assert_true (check (PP_CHECKER_FLOAT, "1000000000\n", "1000000500"));   /* relative */
  g_assert_false (check (PP_CHECKER_FLOAT, "1000000000\n", "1000002000"));
  g_assert_false (check (PP_CHECKER_FLOAT, "0.5\n", "0.5001"));
  g_assert_true (check (PP_CHECKER_FLOAT, "YES 2.5\n", "YES 2.5000000001"));
  g_assert_false (check (PP_CHECKER_FLOAT, "YES 2.5\n", "yes 2.5"));
  g_assert_false (check (PP_CHECKER_FLOAT, "1\n", "nan"));
  g_assert_false (check (PP_CHECKER_FLOAT, "1\n", "inf"));
  g_assert_false (check (PP_CHECKER_FLOAT, "1\n", "0x1"));

  g_assert_false (pp_checker_compare (PP_CHECKER_TOKENS, 0, "a b c", 5, "a x c", 5, &why));
  g_assert_cmpstr (why, ==, "Word 2 is “x”; “b” was expected.");
}

/* Problem files */

static void
assert_broken (const char *id,
               const char *json,
               const char *says)
{
  g_autofree char *directory = write_problem (id, json);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProblem) problem = pp_problem_new_from_directory (directory, &error);

  g_assert_null (problem);
  g_assert_error (error, PP_PROBLEM_ERROR, PP_PROBLEM_ERROR_INVALID);
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
  g_assert_nonnull (strstr (error->message, id));
}

static void
test_problem_files (void)
{
  g_autofree char *directory = write_problem ("good", SUM_JSON ("good", ""));
  g_autofree char *starter = g_build_filename (directory, "starter", NULL);
  g_autofree char *missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProblem) problem = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) expected = NULL;
  double tolerance = -1;

  g_assert_cmpint (g_mkdir (starter, 0700), ==, 0);
  write_file (starter, "main.py", "print(0)\n");
  problem = pp_problem_new_from_directory (directory, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pp_problem_get_id (problem), ==, "good");
  g_assert_cmpint (pp_problem_get_difficulty (problem), ==, PP_DIFFICULTY_EASY);
  g_assert_cmpstr (pp_problem_get_tags (problem)[0], ==, "math");
  g_assert_cmpfloat (pp_problem_get_time_limit (problem), ==, 2);
  g_assert_cmpuint (pp_problem_get_memory_limit (problem), ==, 256);
  g_assert_cmpint (pp_problem_get_checker (problem, &tolerance), ==, PP_CHECKER_TOKENS);
  g_assert_cmpuint (pp_problem_get_n_tests (problem), ==, 5);
  g_assert_true (pp_problem_get_test (problem, 2)->hidden);
  g_assert_cmpstr (pp_problem_get_starter (problem, "main.py"), ==, "print(0)\n");
  g_assert_null (pp_problem_get_starter (problem, "main.c"));
  g_assert_true (pp_problem_load_test (problem, 3, &input, &expected, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (expected, NULL), g_bytes_get_size (expected), "2000000000\n", 11);

  assert_broken ("unknown-key", SUM_JSON ("unknown-key", ", \"timelimit\": 3"), "unknown field “timelimit”");
  assert_broken ("wrong-id", SUM_JSON ("other", ""), "folder is named");
  assert_broken ("not-json", "{ \"id\": ", "cannot be read");
  assert_broken ("bad-mode",
                 "{ \"id\": \"bad-mode\", \"title\": \"x\", \"difficulty\": \"easy\", \"tags\": [],"
                 " \"limits\": { \"time\": 2, \"memory\": 256 }, \"checker\": { \"mode\": \"fuzzy\" },"
                 " \"tests\": [ { \"name\": \"01\", \"hidden\": false } ] }", "“fuzzy”");
  assert_broken ("no-time",
                 "{ \"id\": \"no-time\", \"title\": \"x\", \"difficulty\": \"easy\", \"tags\": [],"
                 " \"limits\": { \"time\": 0, \"memory\": 256 }, \"checker\": { \"mode\": \"exact\" },"
                 " \"tests\": [ { \"name\": \"01\", \"hidden\": false } ] }", "“time”");
  assert_broken ("hidden-first",
                 "{ \"id\": \"hidden-first\", \"title\": \"x\", \"difficulty\": \"hard\", \"tags\": [],"
                 " \"limits\": { \"time\": 2, \"memory\": 256 }, \"checker\": { \"mode\": \"exact\" },"
                 " \"tests\": [ { \"name\": \"01\", \"hidden\": true } ] }", "first test");
  assert_broken ("escape",
                 "{ \"id\": \"escape\", \"title\": \"x\", \"difficulty\": \"hard\", \"tags\": [],"
                 " \"limits\": { \"time\": 2, \"memory\": 256 }, \"checker\": { \"mode\": \"exact\" },"
                 " \"tests\": [ { \"name\": \"../../etc/passwd\", \"hidden\": false } ] }",
                 "not a plain file name");

  /* A test whose answer file is gone. */
  missing = write_problem ("missing-answer", SUM_JSON ("missing-answer", ""));
  {
    g_autofree char *path = g_build_filename (missing, "tests", "04.out", NULL);
    g_autoptr(PpProblem) broken = NULL;

    g_assert_cmpint (g_unlink (path), ==, 0);
    broken = pp_problem_new_from_directory (missing, &error);
    g_assert_null (broken);
    g_assert_error (error, PP_PROBLEM_ERROR, PP_PROBLEM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "tests/04.out is missing"));
  }
}

/* Judging */

typedef struct
{
  PpJudgeReport *report;
  GError *error;
  guint progress_calls;
  guint last_passed;
} Outcome;

static void
on_progress (PpJudge *judge,
             guint    passed,
             guint    total,
             Outcome *outcome)
{
  g_assert_cmpuint (passed, ==, outcome->last_passed + 1);
  g_assert_cmpuint (total, ==, G_N_ELEMENTS (sum_tests));
  outcome->last_passed = passed;
  outcome->progress_calls++;
}

static void
judge (PpJudge      *judge,
       PpLanguage   *language,
       const char   *source,
       GCancellable *cancellable,
       Outcome      *outcome)
{
  gulong id = g_signal_connect (judge, "progress", G_CALLBACK (on_progress), outcome);

  outcome->report = pp_test_judge (judge, sum_problem, language, source, cancellable,
                                   JUDGE_TIMEOUT_S, &outcome->error);
  g_signal_handler_disconnect (judge, id);
}

static void
outcome_clear (Outcome *outcome)
{
  g_clear_object (&outcome->report);
  g_clear_error (&outcome->error);
}

static gboolean
runs_dir_is_empty (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (pp_test_home_get_tmp_dir (), 0, NULL);

  return g_dir_read_name (dir) == NULL;
}

/* Runs have finished removing their folders (on worker threads) from
 * TMPDIR. */
static void
assert_runs_removed (void)
{
  pp_test_wait_for_full (runs_dir_is_empty, NULL, 10,
                         "the runs' folders to be removed from TMPDIR");
}

static PpJudge *
judge_or_skip (const char  *id,
               PpLanguage **language)
{
  const char *sandbox = pp_test_sandbox_or_skip ();
  g_autoptr(PpRunner) runner = NULL;

  if (sandbox == NULL)
    return NULL;
  *language = pp_test_language_or_skip (languages, id);
  if (*language == NULL)
    return NULL;
  runner = pp_runner_new (sandbox);
  return pp_judge_new (runner);
}

typedef struct
{
  const Programs *programs;
  PpVerdict verdict;
} Case;

static const char *
program_for (const Case *c)
{
  switch (c->verdict)
    {
    case PP_VERDICT_ACCEPTED: return c->programs->accepted;
    case PP_VERDICT_WRONG_ANSWER: return c->programs->wrong;
    case PP_VERDICT_TIME_LIMIT: return c->programs->too_slow;
    case PP_VERDICT_MEMORY_LIMIT: return c->programs->too_big;
    case PP_VERDICT_RUNTIME_ERROR: return c->programs->crashes;
    case PP_VERDICT_COMPILATION_ERROR: return c->programs->broken;
    case PP_VERDICT_OUTPUT_LIMIT: return c->programs->too_long;
    default: g_assert_not_reached ();
    }
}

static void
test_verdict (gconstpointer data)
{
  const Case *c = data;
  PpLanguage *language = NULL;
  g_autoptr(PpJudge) j = judge_or_skip (c->programs->id, &language);
  PpJudgeReport *report;
  Outcome outcome = { 0 };

  if (j == NULL)
    return;
  judge (j, language, program_for (c), NULL, &outcome);
  g_assert_no_error (outcome.error);
  report = outcome.report;
  if (pp_judge_report_get_verdict (report) != c->verdict)
    g_error ("%s: %s, not %s: %s%s", c->programs->id,
             pp_verdict_to_code (pp_judge_report_get_verdict (report)), pp_verdict_to_code (c->verdict),
             pp_judge_report_get_message (report), pp_judge_report_get_compiler_output (report));
  g_assert_cmpuint (pp_judge_report_get_n_tests (report), ==, G_N_ELEMENTS (sum_tests));

  switch (c->verdict)
    {
    case PP_VERDICT_ACCEPTED:
      g_assert_cmpuint (pp_judge_report_get_n_passed (report), ==, G_N_ELEMENTS (sum_tests));
      g_assert_cmpuint (outcome.progress_calls, ==, G_N_ELEMENTS (sum_tests));
      g_assert_cmpint (pp_judge_report_get_failed_test (report), ==, -1);
      g_assert_null (pp_judge_report_get_input (report));
      g_assert_cmpuint (pp_judge_report_get_max_cpu_ms (report), >, 0);
      g_assert_cmpuint (pp_judge_report_get_max_rss_kb (report), >, 0);
      break;
    case PP_VERDICT_COMPILATION_ERROR:
      g_assert_nonnull (strstr (pp_judge_report_get_compiler_output (report), "undefined_name"));
      g_assert_cmpuint (outcome.progress_calls, ==, 0);
      g_assert_cmpint (pp_judge_report_get_failed_test (report), ==, -1);
      break;
    default:
      /* Each fails on the first test, which is visible: all is shown. */
      g_assert_cmpint (pp_judge_report_get_failed_test (report), ==, 0);
      g_assert_false (pp_judge_report_get_failed_hidden (report));
      g_assert_cmpuint (pp_judge_report_get_n_passed (report), ==, 0);
      g_assert_cmpmem (g_bytes_get_data (pp_judge_report_get_input (report), NULL),
                       g_bytes_get_size (pp_judge_report_get_input (report)),
                       sum_tests[0][0], strlen (sum_tests[0][0]));
      g_assert_cmpmem (g_bytes_get_data (pp_judge_report_get_expected (report), NULL),
                       g_bytes_get_size (pp_judge_report_get_expected (report)),
                       sum_tests[0][1], strlen (sum_tests[0][1]));
      if (c->verdict == PP_VERDICT_WRONG_ANSWER)
        g_assert_cmpmem (g_bytes_get_data (pp_judge_report_get_actual (report), NULL),
                         g_bytes_get_size (pp_judge_report_get_actual (report)), "0\n", 2);
      break;
    }
  outcome_clear (&outcome);
  assert_runs_removed ();
}

/* A solution that fails only a hidden test is told which, not what. */
static void
test_hidden_failure (void)
{
  PpLanguage *language = NULL;
  g_autoptr(PpJudge) j = judge_or_skip ("python", &language);
  Outcome outcome = { 0 };

  if (j == NULL)
    return;
  judge (j, language,
         "import sys\nd = sys.stdin.read().split()\nn = int(d[0])\n"
         "print(sum(map(int, d[1:n + 1])) + (1 if n > 3 else 0))\n", NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpint (pp_judge_report_get_verdict (outcome.report), ==, PP_VERDICT_WRONG_ANSWER);
  g_assert_cmpint (pp_judge_report_get_failed_test (outcome.report), ==, 2);
  g_assert_true (pp_judge_report_get_failed_hidden (outcome.report));
  g_assert_cmpuint (pp_judge_report_get_n_passed (outcome.report), ==, 2);
  g_assert_cmpuint (outcome.progress_calls, ==, 2);
  g_assert_null (pp_judge_report_get_input (outcome.report));
  g_assert_null (pp_judge_report_get_expected (outcome.report));
  g_assert_null (pp_judge_report_get_actual (outcome.report));
  outcome_clear (&outcome);
  assert_runs_removed ();
}

static void
assert_bytes (GBytes     *bytes,
              const char *expected)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   expected, strlen (expected));
}

/* Trying runs the visible tests only, goes on past a failure and shows
 * each output beside its answer; the user's own input runs alone. */
static void
test_try (void)
{
  PpLanguage *language = NULL;
  g_autoptr(PpJudge) j = judge_or_skip ("python", &language);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpJudgeReport) passes = NULL;
  g_autoptr(PpJudgeReport) fails = NULL;
  g_autoptr(PpJudgeReport) own = NULL;
  g_autoptr(GBytes) own_input = g_bytes_new_static ("2\n5 6\n", 6);
  const PpJudgeCase *c;

  if (j == NULL)
    return;

  /* Wrong on a hidden test only: the examples all pass. */
  passes = pp_test_try (j, sum_problem, language,
                        "import sys\nd = sys.stdin.read().split()\nn = int(d[0])\n"
                        "print(sum(map(int, d[1:n + 1])) + (1 if n > 3 else 0))\n",
                        NULL, JUDGE_TIMEOUT_S, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pp_judge_report_get_verdict (passes), ==, PP_VERDICT_ACCEPTED);
  g_assert_cmpuint (pp_judge_report_get_n_cases (passes), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      c = pp_judge_report_get_case (passes, i);
      g_assert_cmpint (c->test, ==, i);
      g_assert_cmpint (c->verdict, ==, PP_VERDICT_ACCEPTED);
      assert_bytes (c->input, sum_tests[i][0]);
      assert_bytes (c->expected, sum_tests[i][1]);
      assert_bytes (c->actual, sum_tests[i][1]);
    }

  fails = pp_test_try (j, sum_problem, language, programs[0].wrong, NULL, JUDGE_TIMEOUT_S, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pp_judge_report_get_verdict (fails), ==, PP_VERDICT_WRONG_ANSWER);
  g_assert_cmpuint (pp_judge_report_get_n_cases (fails), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      c = pp_judge_report_get_case (fails, i);
      g_assert_cmpint (c->verdict, ==, PP_VERDICT_WRONG_ANSWER);
      assert_bytes (c->actual, "0\n");
      g_assert_cmpstr (c->message, !=, "");
    }

  own = pp_test_try (j, sum_problem, language, programs[0].accepted, own_input, JUDGE_TIMEOUT_S,
                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pp_judge_report_get_n_cases (own), ==, 1);
  c = pp_judge_report_get_case (own, 0);
  g_assert_cmpint (c->test, ==, -1);
  g_assert_cmpint (c->verdict, ==, PP_VERDICT_ACCEPTED);
  g_assert_null (c->expected);
  assert_bytes (c->input, "2\n5 6\n");
  assert_bytes (c->actual, "11\n");
  assert_runs_removed ();
}

/* A sandbox that cannot start is the judge's failure: Internal Error. */
static void
test_internal_error (void)
{
  g_autoptr(PpRunner) runner = pp_runner_new ("/nonexistent/pairpad-sandbox");
  g_autoptr(PpJudge) j = pp_judge_new (runner);
  PpLanguage *language = pp_test_language_or_skip (languages, "python");
  Outcome outcome = { 0 };

  if (language == NULL)
    return;
  judge (j, language, programs[0].accepted, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpint (pp_judge_report_get_verdict (outcome.report), ==, PP_VERDICT_INTERNAL_ERROR);
  g_assert_nonnull (strstr (pp_judge_report_get_message (outcome.report), "sandbox"));
  outcome_clear (&outcome);
  assert_runs_removed ();
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Stopping a judgement kills the program and cleans up. */
static void
test_cancel (void)
{
  PpLanguage *language = NULL;
  g_autoptr(PpJudge) j = judge_or_skip ("python", &language);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { 0 };
  gint64 start;

  if (j == NULL)
    return;
  g_timeout_add (300, cancel_soon, cancellable);
  start = g_get_monotonic_time ();
  judge (j, language, programs[0].too_slow, cancellable, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome.report);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC * 3 / 2);
  outcome_clear (&outcome);
  assert_runs_removed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sum_dir = NULL;
  static const PpVerdict all[] = {
    PP_VERDICT_ACCEPTED, PP_VERDICT_WRONG_ANSWER, PP_VERDICT_TIME_LIMIT,
    PP_VERDICT_MEMORY_LIMIT, PP_VERDICT_RUNTIME_ERROR, PP_VERDICT_COMPILATION_ERROR,
    PP_VERDICT_OUTPUT_LIMIT,
  };
  static Case cases[G_N_ELEMENTS (programs) * G_N_ELEMENTS (all)];
  guint n_cases = 0;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The judge's runs make their folders in TMPDIR, the home's own: the
   * tests see whether each run removed its folder. */
  pp_test_home_init ("judge");
  languages = pp_test_languages_load (NULL);

  sum_dir = write_problem ("sum", SUM_JSON ("sum", ""));
  sum_problem = pp_problem_new_from_directory (sum_dir, &error);
  g_assert_no_error (error);

  g_test_add_func ("/judge/checker", test_checker);
  g_test_add_func ("/judge/problem-files", test_problem_files);
  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    for (guint k = 0; k < G_N_ELEMENTS (all); k++)
      {
        Case *c = &cases[n_cases];
        g_autofree char *name = NULL;

        c->programs = &programs[i];
        c->verdict = all[k];
        if (program_for (c) == NULL)
          continue;
        n_cases++;
        name = g_strdup_printf ("/judge/%s/%s", programs[i].id, pp_verdict_to_code (all[k]));
        g_test_add_data_func (name, c, test_verdict);
      }
  g_test_add_func ("/judge/hidden-failure", test_hidden_failure);
  g_test_add_func ("/judge/try", test_try);
  g_test_add_func ("/judge/internal-error", test_internal_error);
  g_test_add_func ("/judge/cancel", test_cancel);

  status = g_test_run ();

  g_clear_object (&sum_problem);
  g_clear_object (&languages);
  pp_test_home_cleanup ();
  return status;
}

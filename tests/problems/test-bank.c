/* test-bank.c: every problem of the bank loads, and its solutions get the
 * verdicts they should: tests/problems/ID/solution.EXT Accepted (at least
 * two languages per problem), tests/problems/ID/wrong-KIND.EXT the verdict
 * KIND names (wa, tle, mle, re), through the real judge and sandbox.
 *
 * PAIRPAD_PROBLEMS names data/problems, PAIRPAD_SOLUTIONS tests/problems,
 * PAIRPAD_LANGUAGES data/languages.json, PAIRPAD_SANDBOX the sandbox.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "pp-judge.h"
#include "pp-language-set.h"
#include "pp-problem.h"
#include "pp-test-judge.h"
#include "pp-test-languages.h"
#include "pp-test-lib.h"

/* Compiling and running every test of a problem, on a loaded machine. */
#define JUDGE_TIMEOUT_S 300

static PpLanguageSet *languages;
static PpJudge *judge;

static const struct
{
  const char *extension;
  const char *language;
} extensions[] = {
  { ".py", "python" }, { ".c", "c" }, { ".cpp", "cpp" }, { ".java", "java" },
  { ".js", "javascript" }, { ".go", "go" }, { ".sh", "bash" },
};

typedef struct
{
  char *problem_dir;
  char *solution;       /* path */
  const char *language; /* id */
  PpVerdict expected;
} Case;

static const char *
language_of (const char *file)
{
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (file, extensions[i].extension))
      return extensions[i].language;
  return NULL;
}

/* "solution.py" → AC, "wrong-tle.cpp" → TLE; FALSE for other files. */
static gboolean
expected_of (const char *file,
             PpVerdict  *verdict)
{
  g_autofree char *kind = NULL;
  const char *dot = strrchr (file, '.');

  if (g_str_has_prefix (file, "solution."))
    {
      *verdict = PP_VERDICT_ACCEPTED;
      return TRUE;
    }
  if (!g_str_has_prefix (file, "wrong-") || dot == NULL)
    return FALSE;
  kind = g_ascii_strup (file + strlen ("wrong-"), dot - file - strlen ("wrong-"));
  if (!pp_verdict_from_code (kind, verdict))
    g_error ("%s: “%s” is not a verdict", file, kind);
  return TRUE;
}

static void
test_solution (gconstpointer data)
{
  const Case *c = data;
  PpLanguage *language = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProblem) problem = NULL;
  g_autofree char *source = NULL;
  g_autoptr(PpJudgeReport) report = NULL;
  PpVerdict verdict;

  if (pp_test_sandbox_or_skip () == NULL)
    return;
  language = pp_test_language_or_skip (languages, c->language);
  if (language == NULL)
    return;
  problem = pp_problem_new_from_directory (c->problem_dir, &error);
  g_assert_no_error (error);
  g_file_get_contents (c->solution, &source, NULL, &error);
  g_assert_no_error (error);

  report = pp_test_judge (judge, problem, language, source, NULL, JUDGE_TIMEOUT_S, &error);
  g_assert_no_error (error);
  verdict = pp_judge_report_get_verdict (report);
  if (verdict != c->expected)
    g_error ("%s: %s on test %d (of %u), not %s: %s%s", c->solution, pp_verdict_to_code (verdict),
             pp_judge_report_get_failed_test (report) + 1,
             pp_judge_report_get_n_tests (report), pp_verdict_to_code (c->expected),
             pp_judge_report_get_message (report),
             pp_judge_report_get_compiler_output (report));
}

/* Every problem loads, and has what its solutions folder must hold. */
static void
test_problem (gconstpointer data)
{
  const char *problem_dir = data;
  g_autofree char *id = g_path_get_basename (problem_dir);
  g_autofree char *solutions = g_build_filename (g_getenv ("PAIRPAD_SOLUTIONS"), id, NULL);
  g_autoptr(GHashTable) accepted_in = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpProblem) problem = pp_problem_new_from_directory (problem_dir, &error);
  g_autoptr(GDir) dir = NULL;
  guint wrong = 0;
  const char *name;

  g_assert_no_error (error);
  g_assert_cmpstr (pp_problem_get_id (problem), ==, id);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (languages)); i++)
    {
      g_autoptr(PpLanguage) language = g_list_model_get_item (G_LIST_MODEL (languages), i);

      if (pp_problem_get_starter (problem, pp_language_get_file_name (language)) == NULL)
        g_error ("%s has no starter code for %s", id, pp_language_get_id (language));
    }

  dir = g_dir_open (solutions, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      PpVerdict verdict;

      if (!expected_of (name, &verdict) || language_of (name) == NULL)
        continue;
      if (verdict == PP_VERDICT_ACCEPTED)
        g_hash_table_add (accepted_in, (gpointer) language_of (name));
      else
        wrong++;
    }
  g_assert_cmpuint (g_hash_table_size (accepted_in), >=, 2);
  g_assert_cmpuint (wrong, >=, 1);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in PATH, sorted. */
static GPtrArray *
sorted_entries (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

int
main (int   argc,
      char *argv[])
{
  const char *problems_dir = g_getenv ("PAIRPAD_PROBLEMS");
  const char *solutions_dir = g_getenv ("PAIRPAD_SOLUTIONS");
  const char *sandbox = g_getenv ("PAIRPAD_SANDBOX");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new ();
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (problems_dir);
  g_assert_nonnull (solutions_dir);

  /* The judge's runs make their folders in TMPDIR. */
  pp_test_home_init ("bank");
  languages = pp_test_languages_load (NULL);
  if (sandbox != NULL)
    {
      g_autoptr(PpRunner) runner = pp_runner_new (sandbox);

      judge = pp_judge_new (runner);
    }

  problems = sorted_entries (problems_dir);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *id = problems->pdata[i];
      char *problem_dir = g_build_filename (problems_dir, id, NULL);
      g_autofree char *solutions = g_build_filename (solutions_dir, id, NULL);
      g_autofree char *name = NULL;
      g_autoptr(GPtrArray) files = NULL;

      if (!g_file_test (problem_dir, G_FILE_TEST_IS_DIR))
        {
          g_free (problem_dir);
          continue;
        }
      name = g_strdup_printf ("/bank/%s/files", id);
      g_test_add_data_func_full (name, problem_dir, test_problem, g_free);
      if (!g_file_test (solutions, G_FILE_TEST_IS_DIR))
        continue;
      files = sorted_entries (solutions);
      for (guint k = 0; k < files->len; k++)
        {
          const char *file = files->pdata[k];
          g_autofree char *test_name = NULL;
          Case *c;
          PpVerdict verdict;

          if (language_of (file) == NULL || !expected_of (file, &verdict))
            continue;
          c = g_new0 (Case, 1);
          c->problem_dir = g_build_filename (problems_dir, id, NULL);
          c->solution = g_build_filename (solutions, file, NULL);
          c->language = language_of (file);
          c->expected = verdict;
          g_ptr_array_add (cases, c);
          test_name = g_strdup_printf ("/bank/%s/%s", id, file);
          g_test_add_data_func (test_name, c, test_solution);
        }
    }

  status = g_test_run ();

  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = cases->pdata[i];

      g_free (c->problem_dir);
      g_free (c->solution);
      g_free (c);
    }
  g_clear_object (&judge);
  g_clear_object (&languages);
  pp_test_home_cleanup ();
  return status;
}

/* pp-problem-bank.c: every problem of data/problems, loaded off the main thread
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-problem-bank.h"

typedef struct
{
  GListStore *problems;
  GStrv broken;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->problems);
  g_strfreev (loaded->broken);
  g_free (loaded);
}

/* Easy before medium before hard; by title within each. */
static int
compare_problems (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  PpProblem *x = (PpProblem *) a, *y = (PpProblem *) b;
  int by_difficulty = (int) pp_problem_get_difficulty (x) - (int) pp_problem_get_difficulty (y);

  return by_difficulty != 0 ? by_difficulty
                            : g_utf8_collate (pp_problem_get_title (x), pp_problem_get_title (y));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *directory = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (directory, 0, &error);
  g_autoptr(GStrvBuilder) broken = g_strv_builder_new ();
  Loaded *loaded;
  const char *name;

  if (dir == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  loaded = g_new0 (Loaded, 1);
  loaded->problems = g_list_store_new (PP_TYPE_PROBLEM);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autoptr(PpProblem) problem = NULL;
      g_autoptr(GError) problem_error = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        {
          loaded_free (loaded);
          g_task_return_error_if_cancelled (task);
          return;
        }
      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      problem = pp_problem_new_from_directory (path, &problem_error);
      if (problem != NULL)
        g_list_store_insert_sorted (loaded->problems, problem, compare_problems, NULL);
      else
        g_strv_builder_add (broken, problem_error->message);
    }
  loaded->broken = g_strv_builder_end (broken);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

/**
 * pp_problem_bank_load_async:
 * @directory: data/problems, or where it was installed
 *
 * Reads every problem in @directory on a worker thread. A broken problem
 * does not stop the others: its sentence goes to the list of broken ones.
 */
void
pp_problem_bank_load_async (const char          *directory,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pp_problem_bank_load_async);
  g_task_set_task_data (task, g_strdup (directory), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * pp_problem_bank_load_finish:
 * @broken: (out) (optional): a sentence for each problem that could not be
 *   read
 *
 * Returns: (transfer full): the problems, easiest first; %NULL if the
 *   folder could not be read
 */
GListStore *
pp_problem_bank_load_finish (GAsyncResult  *result,
                             GStrv         *broken,
                             GError       **error)
{
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), error);
  GListStore *problems;

  if (loaded == NULL)
    return NULL;
  problems = g_steal_pointer (&loaded->problems);
  if (broken != NULL)
    *broken = g_steal_pointer (&loaded->broken);
  loaded_free (loaded);
  return problems;
}

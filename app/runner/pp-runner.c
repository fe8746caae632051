/* pp-runner.c
 *
 * One run, in the order it happens:
 *
 *   1. (worker thread) make two fresh directories, 0700 each:
 *        TMP/pairpad-box-XXXXXX/FILE       the source; mounted at /box
 *        TMP/pairpad-run-XXXXXX/stdin      the input, if any
 *   2. the compile step, if the language has one, with its own limits
 *   3. if it compiled, the run step, with the caller's limits
 *   4. (worker thread) remove both without following links
 *
 * The judge runs one program on many inputs: pp_runner_build_async() does
 * steps 1 and 2 and hands the directories over as a PpRunBox;
 * pp_runner_run_in_box_async() does step 3 in it, once per input; the last
 * pp_run_box_unref() does step 4.
 *
 * Each step is one pairpad-sandbox process. Its stdout and stderr are read
 * asynchronously and each chunk is emitted as it arrives; its verdict is
 * the JSON it writes to TMP/pairpad-run-XXXXXX/STEP.json. The input and the
 * verdicts live outside the box, where the program cannot reach them, and
 * nothing is written into the box once a step has run in it.
 *
 * The box is not inside the private directory: run as root, the sandbox
 * runs the program as nobody, who must be able to reach the box's path.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "pp-language-private.h"
#include "pp-run-result-private.h"
#include "pp-runner.h"

#define READ_CHUNK_SIZE 65536

/* The helper's exit status when it rejects its command line. */
#define SANDBOX_EXIT_USAGE 2

struct _PpRunner
{
  GObject   parent_instance;

  char     *sandbox_path;
  gboolean  busy;
};

enum {
  PROP_0,
  PROP_SANDBOX_PATH,
  N_PROPS
};

enum {
  OUTPUT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpRunner, pp_runner, G_TYPE_OBJECT)
G_DEFINE_QUARK (pp-runner-error-quark, pp_runner_error)

typedef struct
{
  PpLanguage   *language;        /* owned */
  char         *source;
  GBytes       *stdin_bytes;     /* owned, nullable */
  PpRunLimits   limits;
  char         *directory;       /* private: input and verdicts; NULL until made */
  char         *box;             /* the work directory; NULL until made */
  PpRunBox     *run_box;         /* owned, nullable: whose directories these are */
  gboolean      build_only;      /* stop after the compile step, hand the box over */
  PpRunBox     *built;           /* owned, nullable: the box handed over */
  PpRunResult  *result;          /* owned */

  PpRunStage    stage;
  GSubprocess  *subprocess;      /* owned, the helper of the current step */
  GCancellable *io_cancellable;  /* owned, stops the reads when the user cancels */
  GSource      *cancel_source;   /* owned, nullable */
  guint         pending;         /* reads and the wait still under way */
  GError       *error;           /* owned, reported once the directory is gone */
} RunJob;

struct _PpRunBox
{
  grefcount   ref_count;
  PpLanguage *language;   /* owned */
  char       *directory;  /* owned; removed with the box */
  char       *box;
};

static void
run_job_free (RunJob *job)
{
  if (job->cancel_source != NULL)
    g_source_destroy (job->cancel_source);
  g_clear_pointer (&job->cancel_source, g_source_unref);
  g_clear_object (&job->language);
  g_free (job->source);
  g_clear_pointer (&job->stdin_bytes, g_bytes_unref);
  g_free (job->directory);
  g_free (job->box);
  g_clear_pointer (&job->run_box, pp_run_box_unref);
  g_clear_pointer (&job->built, pp_run_box_unref);
  g_clear_object (&job->result);
  g_clear_object (&job->subprocess);
  g_clear_object (&job->io_cancellable);
  g_clear_error (&job->error);
  g_free (job);
}

static char *
job_path (RunJob     *job,
          const char *name)
{
  return g_build_filename (job->directory, name, NULL);
}

/* Removing the directories. The program may have left symbolic links
 * (to anywhere on the host) and directories without permissions:
 * everything is opened relative to its parent with O_NOFOLLOW. Each level
 * holds a descriptor, so a tree deeper than the open-file limit is left
 * behind, and the warning in directory_removed() names it. */

static int
open_directory_for_removal (int         parent_fd,
                            const char *name)
{
  int fd = openat (parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

  if (fd < 0 && errno == EACCES)
    {
      /* chmod through /proc/self/fd changes the directory itself, never
       * what a link might point to. */
      int path_fd = openat (parent_fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

      if (path_fd >= 0)
        {
          g_autofree char *proc_path = g_strdup_printf ("/proc/self/fd/%d", path_fd);

          if (chmod (proc_path, 0700) == 0)
            fd = openat (parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          close (path_fd);
        }
      else
        errno = EACCES;
    }

  /* Entries can only be removed from a writable directory. */
  if (fd >= 0)
    (void) fchmod (fd, 0700);

  return fd;
}

static gboolean
remove_at (int          parent_fd,
           const char  *name,
           GError     **error)
{
  struct stat st;
  int saved_errno;

  if (fstatat (parent_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      goto failed;
    }

  if (S_ISDIR (st.st_mode))
    {
      int fd = open_directory_for_removal (parent_fd, name);
      DIR *dir;
      struct dirent *entry;

      if (fd < 0)
        goto failed;

      dir = fdopendir (fd);
      if (dir == NULL)
        {
          saved_errno = errno;
          close (fd);
          errno = saved_errno;
          goto failed;
        }

      while ((entry = readdir (dir)) != NULL)
        {
          if (g_str_equal (entry->d_name, ".") || g_str_equal (entry->d_name, ".."))
            continue;

          if (!remove_at (dirfd (dir), entry->d_name, error))
            {
              closedir (dir);
              return FALSE;
            }
        }
      closedir (dir);

      if (unlinkat (parent_fd, name, AT_REMOVEDIR) != 0)
        goto failed;
    }
  else if (unlinkat (parent_fd, name, 0) != 0)
    {
      goto failed;
    }

  return TRUE;

failed:
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "“%s”: %s", name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
remove_directories (const char  *box,
                    const char  *directory,
                    GError     **error)
{
  const char *directories[] = { box, directory };

  for (guint i = 0; i < G_N_ELEMENTS (directories); i++)
    if (directories[i] != NULL && !remove_at (AT_FDCWD, directories[i], error))
      {
        g_prefix_error (error, "%s: ", directories[i]);
        return FALSE;
      }
  return TRUE;
}

static void
remove_directory_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  RunJob *job = task_data;
  GError *error = NULL;

  if (remove_directories (job->box, job->directory, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
box_removed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not remove a run's folder: %s", error->message);
}

static void
remove_box_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PpRunBox *box = task_data;
  GError *error = NULL;

  if (remove_directories (box->box, box->directory, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_box_free (PpRunBox *box)
{
  g_object_unref (box->language);
  g_free (box->directory);
  g_free (box->box);
  g_free (box);
}

PpRunBox *
pp_run_box_ref (PpRunBox *box)
{
  g_return_val_if_fail (box != NULL, NULL);
  g_ref_count_inc (&box->ref_count);
  return box;
}

/**
 * pp_run_box_unref:
 *
 * The last reference removes the box's folders, on a worker thread, without
 * following the links the program may have left.
 */
void
pp_run_box_unref (PpRunBox *box)
{
  g_autoptr(GTask) removal = NULL;

  g_return_if_fail (box != NULL);
  if (!g_ref_count_dec (&box->ref_count))
    return;
  removal = g_task_new (NULL, NULL, box_removed, NULL);
  g_task_set_source_tag (removal, pp_run_box_unref);
  g_task_set_task_data (removal, box, (GDestroyNotify) run_box_free);
  g_task_run_in_thread (removal, remove_box_thread);
}

PpLanguage *
pp_run_box_get_language (PpRunBox *box)
{
  g_return_val_if_fail (box != NULL, NULL);
  return box->language;
}

static void
complete (GTask *task)
{
  PpRunner *self = g_task_get_source_object (task);
  RunJob *job = g_task_get_task_data (task);

  self->busy = FALSE;

  if (job->error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->error));
  else
    g_task_return_pointer (task, g_object_ref (job->result), g_object_unref);
}

static void
directory_removed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* Not the run's failure: the result stands, but someone should know
   * that a folder was left in the temporary directory. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not remove a run's folder: %s", error->message);

  complete (task);
}

/* Every run ends here, with @error NULL when the result is ready. */
static void
finish (GTask  *task,
        GError *error)
{
  RunJob *job = g_task_get_task_data (task);
  const PpStepResult *compiled = pp_run_result_get_step (job->result, PP_RUN_STAGE_COMPILE);
  g_autoptr(GTask) removal = NULL;

  g_clear_object (&job->subprocess);
  job->error = error;

  /* A box that built (or had nothing to build) is handed over, not
   * removed. */
  if (job->build_only && error == NULL &&
      (compiled == NULL || compiled->status == PP_RUN_STATUS_OK))
    {
      job->built = g_new0 (PpRunBox, 1);
      g_ref_count_init (&job->built->ref_count);
      job->built->language = g_object_ref (job->language);
      job->built->directory = g_steal_pointer (&job->directory);
      job->built->box = g_steal_pointer (&job->box);
    }

  /* Another run's box: its last reference removes it. */
  if (job->run_box != NULL)
    {
      g_clear_pointer (&job->directory, g_free);
      g_clear_pointer (&job->box, g_free);
    }

  if (job->directory == NULL && job->box == NULL)
    {
      complete (task);
      return;
    }

  /* No source object: the worker thread may drop its reference after the
   * run has finished, and must not keep the runner alive then. */
  removal = g_task_new (NULL, NULL, directory_removed, g_object_ref (task));
  g_task_set_source_tag (removal, finish);
  g_task_set_task_data (removal, job, NULL);
  g_task_run_in_thread (removal, remove_directory_thread);
}

static GError *
sandbox_failed (RunJob     *job,
                const char *what)
{
  g_autoptr(GBytes) errors = pp_run_result_get_output (job->result, job->stage,
                                                       PP_RUN_STREAM_STDERR);
  g_autofree char *said = NULL;

  if (g_bytes_get_size (errors) > 0)
    said = g_strstrip (g_utf8_make_valid (g_bytes_get_data (errors, NULL),
                                          g_bytes_get_size (errors)));
  if (said == NULL || said[0] == '\0')
    return g_error_new (PP_RUNNER_ERROR, PP_RUNNER_ERROR_SANDBOX_FAILED,
                        _("The sandbox failed: %s. Reinstall Pairpad if this keeps happening."),
                        what);

  return g_error_new (PP_RUNNER_ERROR, PP_RUNNER_ERROR_SANDBOX_FAILED,
                      _("The sandbox failed: %s. It said: %s"), what, said);
}

static void start_step (GTask      *task,
                        PpRunStage  stage);

static void
result_loaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  PpStepResult *step;

  if (g_subprocess_get_if_exited (job->subprocess) &&
      g_subprocess_get_exit_status (job->subprocess) == SANDBOX_EXIT_USAGE)
    {
      finish (task, sandbox_failed (job, _("it did not accept its arguments")));
      return;
    }

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *what = g_strdup_printf (_("it ended without a result (%s)"),
                                               error->message);

      finish (task, sandbox_failed (job, what));
      return;
    }

  step = _pp_step_result_new_from_json (contents, length, &error);
  if (step == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("its result could not be read (%s)"),
                                               error->message);

      finish (task, sandbox_failed (job, what));
      return;
    }

  _pp_run_result_take_step (job->result, job->stage, step);

  if (job->stage == PP_RUN_STAGE_COMPILE && step->status == PP_RUN_STATUS_OK && !job->build_only)
    start_step (task, PP_RUN_STAGE_RUN);
  else
    finish (task, NULL);
}

static void
step_part_done (GTask *task)
{
  RunJob *job = g_task_get_task_data (task);
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert (job->pending > 0);
  if (--job->pending > 0)
    return;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         _("The run was stopped")));
      return;
    }

  name = g_strdup_printf ("%s.json", job->stage == PP_RUN_STAGE_COMPILE ? "compile" : "run");
  file = g_file_new_build_filename (job->directory, name, NULL);
  g_file_load_contents_async (file, NULL, result_loaded, g_object_ref (task));
}

static void
helper_exited (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* Without a cancellable the wait only ends when the helper has. */
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  step_part_done (task);
}

static void read_next (GTask         *task,
                       GInputStream  *stream);

static void
chunk_read (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GInputStream *stream = G_INPUT_STREAM (object);
  g_autoptr(GTask) task = user_data;
  PpRunner *self = g_task_get_source_object (task);
  RunJob *job = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (stream, result, NULL);
  PpRunStream which;
  gsize kept;

  /* End of the stream, an error, or the user cancelled. */
  if (chunk == NULL || g_bytes_get_size (chunk) == 0)
    {
      step_part_done (task);
      return;
    }

  which = stream == g_subprocess_get_stdout_pipe (job->subprocess)
            ? PP_RUN_STREAM_STDOUT : PP_RUN_STREAM_STDERR;
  kept = _pp_run_result_append_output (job->result, job->stage, which,
                                       g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk),
                                       (gsize) job->limits.output_kb * 1024);
  if (kept > 0)
    {
      g_autoptr(GBytes) shown = g_bytes_new_from_bytes (chunk, 0, kept);

      g_signal_emit (self, signals[OUTPUT], 0, which, job->stage, shown);
    }

  read_next (task, stream);
}

static void
read_next (GTask        *task,
           GInputStream *stream)
{
  RunJob *job = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   job->io_cancellable, chunk_read, g_object_ref (task));
}

static char *
format_seconds (double seconds)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", seconds));
}

/* pairpad-sandbox [limits] --dir BOX [--stdin FILE] [--env NAME=VALUE]...
 *                 --result FILE -- PROGRAM [ARG]...
 *
 * Never --allow-no-landlock: inside Flatpak on a kernel without Landlock
 * the run fails with the sandbox's words naming what the kernel lacks,
 * rather than running the user's code less confined without a word. */
static GStrv
build_command (PpRunner             *self,
               RunJob               *job,
               const PpLanguageStep *step,
               const PpRunLimits    *limits)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) env = _pp_language_expand (job->language, (const char * const *) step->env,
                                           limits->mem_mb);
  g_auto(GStrv) argv = _pp_language_expand (job->language, (const char * const *) step->argv,
                                            limits->mem_mb);
  g_autofree char *time = format_seconds (limits->time_sec);
  g_autofree char *wall = format_seconds (limits->wall_sec);
  g_autofree char *mem = g_strdup_printf ("%u", limits->mem_mb);
  g_autofree char *procs = g_strdup_printf ("%u", limits->procs);
  g_autofree char *fsize = g_strdup_printf ("%u", limits->fsize_mb);
  g_autofree char *output = g_strdup_printf ("%u", limits->output_kb);
  g_autofree char *stdin_path = job_path (job, "stdin");
  g_autofree char *result_name = g_strdup_printf ("%s.json",
                                                  job->stage == PP_RUN_STAGE_COMPILE
                                                    ? "compile" : "run");
  g_autofree char *result_path = job_path (job, result_name);

  g_strv_builder_add_many (builder,
                           self->sandbox_path,
                           "--time", time,
                           "--wall", wall,
                           "--mem", mem,
                           "--procs", procs,
                           "--fsize", fsize,
                           "--output", output,
                           "--dir", job->box,
                           NULL);
  /* The compiler reads no input. */
  if (job->stage == PP_RUN_STAGE_RUN && job->stdin_bytes != NULL)
    g_strv_builder_add_many (builder, "--stdin", stdin_path, NULL);
  for (guint i = 0; env[i] != NULL; i++)
    g_strv_builder_add_many (builder, "--env", env[i], NULL);
  g_strv_builder_add_many (builder, "--result", result_path, "--", NULL);
  g_strv_builder_addv (builder, (const char **) argv);

  return g_strv_builder_end (builder);
}

static void
start_step (GTask      *task,
            PpRunStage  stage)
{
  PpRunner *self = g_task_get_source_object (task);
  RunJob *job = g_task_get_task_data (task);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) command = NULL;
  const PpLanguageStep *step;
  PpRunLimits limits = job->limits;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         _("The run was stopped")));
      return;
    }

  job->stage = stage;
  _pp_run_result_set_stage (job->result, stage);

  if (stage == PP_RUN_STAGE_COMPILE)
    {
      step = _pp_language_get_compile (job->language);
      limits = step->limits;
      limits.output_kb = job->limits.output_kb;
    }
  else
    {
      step = _pp_language_get_run (job->language);
    }

  command = build_command (self, job, step, &limits);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_clear_object (&job->subprocess);
  job->subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) command,
                                                  &error);
  if (job->subprocess == NULL)
    {
      finish (task, g_error_new (PP_RUNNER_ERROR, PP_RUNNER_ERROR_SANDBOX_FAILED,
                                 _("The sandbox “%s” could not be started: %s. "
                                   "Reinstall Pairpad."),
                                 self->sandbox_path, error->message));
      return;
    }

  job->pending = 3;
  read_next (task, g_subprocess_get_stdout_pipe (job->subprocess));
  read_next (task, g_subprocess_get_stderr_pipe (job->subprocess));
  g_subprocess_wait_async (job->subprocess, NULL, helper_exited, g_object_ref (task));
}

static gboolean
cancelled (GCancellable *cancellable,
           gpointer      user_data)
{
  RunJob *job = user_data;

  /* The helper takes the program down with it. A step about to start
   * looks at the cancellable itself. */
  if (job->subprocess != NULL)
    g_subprocess_force_exit (job->subprocess);
  g_cancellable_cancel (job->io_cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
write_file (const char  *path,
            const char  *contents,
            gsize        length,
            GError     **error)
{
  return g_file_set_contents_full (path, contents, (gssize) length,
                                   G_FILE_SET_CONTENTS_NONE, 0600, error);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RunJob *job = task_data;
  GError *error = NULL;
  g_autofree char *source_path = NULL;
  g_autofree char *stdin_path = NULL;

  stdin_path = job_path (job, "stdin");
  if (job->run_box != NULL)
    {
      g_autofree char *verdict = job_path (job, "run.json");

      /* The last run's verdict must not pass for this one's. */
      if (unlink (verdict) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s",
                       verdict, g_strerror (saved_errno));
          g_task_return_error (task, error);
          return;
        }
      if (job->stdin_bytes != NULL &&
          !write_file (stdin_path, g_bytes_get_data (job->stdin_bytes, NULL),
                       g_bytes_get_size (job->stdin_bytes), &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  job->directory = g_dir_make_tmp ("pairpad-run-XXXXXX", &error);
  if (job->directory != NULL)
    job->box = g_dir_make_tmp ("pairpad-box-XXXXXX", &error);
  if (job->box == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_free (stdin_path);
  stdin_path = job_path (job, "stdin");

  source_path = g_build_filename (job->box, pp_language_get_file_name (job->language), NULL);
  if (!write_file (source_path, job->source, strlen (job->source), &error) ||
      (job->stdin_bytes != NULL &&
       !write_file (stdin_path, g_bytes_get_data (job->stdin_bytes, NULL),
                    g_bytes_get_size (job->stdin_bytes), &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
prepared (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_prefix_error (&error, _("The program could not be written to a temporary folder: "));
      finish (task, g_steal_pointer (&error));
      return;
    }

  if (job->run_box == NULL && pp_language_is_compiled (job->language))
    start_step (task, PP_RUN_STAGE_COMPILE);
  else if (job->build_only)
    finish (task, NULL); /* nothing to build */
  else
    start_step (task, PP_RUN_STAGE_RUN);
}

/**
 * pp_runner_run_async:
 * @language: the language of @source; one that detection found missing
 *   fails with %PP_RUNNER_ERROR_TOOLCHAIN_MISSING
 * @source: the program's source text
 * @stdin_bytes: (nullable): the program's input; %NULL for none
 * @limits: the run step's limits; the compile step has the language's own,
 *   except for the output limit, which applies to both
 *
 * Compiles @source if the language is compiled and, if that succeeds,
 * runs it. Output is emitted with #PpRunner::output as it arrives.
 * Cancelling kills the sandbox and fails with %G_IO_ERROR_CANCELLED once
 * it is gone. A runner runs one program at a time: a second call before
 * the first finished fails with %PP_RUNNER_ERROR_BUSY.
 */
/* Starts JOB, or fails TASK with the reason it cannot start. */
static void
start_job (PpRunner     *self,
           GTask        *task,
           RunJob       *job,
           GCancellable *cancellable)
{
  g_autoptr(GTask) preparation = NULL;

  g_task_set_task_data (task, job, (GDestroyNotify) run_job_free);

  /* Not detected yet is not missing: then the sandbox will tell. */
  if (pp_language_get_missing_reason (job->language) != NULL)
    {
      g_task_return_new_error (task, PP_RUNNER_ERROR, PP_RUNNER_ERROR_TOOLCHAIN_MISSING,
                               _("%s programs cannot run on this computer: %s"),
                               pp_language_get_name (job->language),
                               pp_language_get_missing_reason (job->language));
      return;
    }

  if (self->busy)
    {
      g_task_return_new_error (task, PP_RUNNER_ERROR, PP_RUNNER_ERROR_BUSY,
                               _("A program is running already. Wait for it to finish "
                                 "or stop it first."));
      return;
    }

  job->result = _pp_run_result_new ();
  job->io_cancellable = g_cancellable_new ();

  if (cancellable != NULL)
    {
      job->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (job->cancel_source, G_SOURCE_FUNC (cancelled), job, NULL);
      g_source_attach (job->cancel_source, g_task_get_context (task));
    }

  self->busy = TRUE;

  preparation = g_task_new (NULL, NULL, prepared, g_object_ref (task));
  g_task_set_source_tag (preparation, start_job);
  g_task_set_task_data (preparation, job, NULL);
  g_task_run_in_thread (preparation, prepare_thread);
}

static RunJob *
run_job_new (PpLanguage        *language,
             const char        *source,
             GBytes            *stdin_bytes,
             const PpRunLimits *limits)
{
  RunJob *job = g_new0 (RunJob, 1);

  job->language = g_object_ref (language);
  job->source = g_strdup (source);
  job->stdin_bytes = stdin_bytes != NULL ? g_bytes_ref (stdin_bytes) : NULL;
  job->limits = *limits;
  return job;
}

static gboolean
limits_valid (const PpRunLimits *limits)
{
  return limits->time_sec > 0 && limits->wall_sec > 0 && limits->mem_mb > 0 &&
         limits->procs > 0 && limits->fsize_mb > 0 && limits->output_kb > 0;
}

/**
 * pp_runner_run_async:
 * @language: the language of @source; one that detection found missing
 *   fails with %PP_RUNNER_ERROR_TOOLCHAIN_MISSING
 * @source: the program's source text
 * @stdin_bytes: (nullable): the program's input; %NULL for none
 * @limits: the run step's limits; the compile step has the language's own,
 *   except for the output limit, which applies to both
 *
 * Compiles @source if the language is compiled and, if that succeeds,
 * runs it. Output is emitted with #PpRunner::output as it arrives.
 * Cancelling kills the sandbox and fails with %G_IO_ERROR_CANCELLED once
 * it is gone. A runner runs one program at a time: a second call before
 * the first finished fails with %PP_RUNNER_ERROR_BUSY.
 */
void
pp_runner_run_async (PpRunner            *self,
                     PpLanguage          *language,
                     const char          *source,
                     GBytes              *stdin_bytes,
                     const PpRunLimits   *limits,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunJob *job;

  g_return_if_fail (PP_IS_RUNNER (self));
  g_return_if_fail (PP_IS_LANGUAGE (language));
  g_return_if_fail (source != NULL);
  g_return_if_fail (limits != NULL && limits_valid (limits));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_runner_run_async);
  job = run_job_new (language, source, stdin_bytes, limits);
  start_job (self, task, job, cancellable);
}

/**
 * pp_runner_build_async:
 * @limits: only the output limit counts: the compile step has the
 *   language's own limits
 *
 * The first half of a run: writes @source into a fresh box and compiles
 * it, if the language is compiled, for pp_runner_run_in_box_async() to
 * run as often as it needs. Errors and cancelling as for
 * pp_runner_run_async().
 */
void
pp_runner_build_async (PpRunner            *self,
                       PpLanguage          *language,
                       const char          *source,
                       const PpRunLimits   *limits,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunJob *job;

  g_return_if_fail (PP_IS_RUNNER (self));
  g_return_if_fail (PP_IS_LANGUAGE (language));
  g_return_if_fail (source != NULL);
  g_return_if_fail (limits != NULL && limits_valid (limits));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_runner_build_async);
  job = run_job_new (language, source, NULL, limits);
  job->build_only = TRUE;
  start_job (self, task, job, cancellable);
}

/**
 * pp_runner_build_finish:
 * @result_out: (out) (optional): the compile step's result (with no step
 *   for a language that is not compiled)
 *
 * Returns: (transfer full) (nullable): the box, ready to run; %NULL with
 *   no error when the program did not compile (see @result_out)
 */
PpRunBox *
pp_runner_build_finish (PpRunner      *self,
                        GAsyncResult  *result,
                        PpRunResult  **result_out,
                        GError       **error)
{
  g_autoptr(PpRunResult) run_result = NULL;
  RunJob *job;

  g_return_val_if_fail (PP_IS_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  run_result = g_task_propagate_pointer (G_TASK (result), error);
  if (result_out != NULL)
    *result_out = run_result ? g_object_ref (run_result) : NULL;
  if (run_result == NULL)
    return NULL;
  job = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&job->built);
}

/**
 * pp_runner_run_in_box_async:
 * @box: from pp_runner_build_finish()
 * @stdin_bytes: (nullable): the program's input
 * @limits: the run step's limits
 *
 * Runs the program @box holds, as the run step of pp_runner_run_async()
 * does. Nothing is written into the box: what the program left there
 * from an earlier run stays.
 */
void
pp_runner_run_in_box_async (PpRunner            *self,
                            PpRunBox            *box,
                            GBytes              *stdin_bytes,
                            const PpRunLimits   *limits,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunJob *job;

  g_return_if_fail (PP_IS_RUNNER (self));
  g_return_if_fail (box != NULL);
  g_return_if_fail (limits != NULL && limits_valid (limits));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_runner_run_in_box_async);

  job = run_job_new (box->language, "", stdin_bytes, limits);
  job->run_box = pp_run_box_ref (box);
  job->directory = g_strdup (box->directory);
  job->box = g_strdup (box->box);
  start_job (self, task, job, cancellable);
}

PpRunResult *
pp_runner_run_in_box_finish (PpRunner      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (PP_IS_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pp_runner_run_finish:
 *
 * Returns: (transfer full): the result; a program that failed to compile,
 *   crashed or ran out of time is a result, not an error
 */
PpRunResult *
pp_runner_run_finish (PpRunner      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (PP_IS_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pp_runner_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PpRunner *self = PP_RUNNER (object);

  switch (prop_id)
    {
    case PROP_SANDBOX_PATH:
      g_value_set_string (value, self->sandbox_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_runner_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PpRunner *self = PP_RUNNER (object);

  switch (prop_id)
    {
    case PROP_SANDBOX_PATH:
      self->sandbox_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_runner_finalize (GObject *object)
{
  PpRunner *self = PP_RUNNER (object);

  g_free (self->sandbox_path);

  G_OBJECT_CLASS (pp_runner_parent_class)->finalize (object);
}

static void
pp_runner_class_init (PpRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pp_runner_get_property;
  object_class->set_property = pp_runner_set_property;
  object_class->finalize = pp_runner_finalize;

  /**
   * PpRunner:sandbox-path:
   *
   * The pairpad-sandbox executable: the installed one under libexecdir,
   * or the build tree's in tests.
   */
  properties[PROP_SANDBOX_PATH] =
    g_param_spec_string ("sandbox-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PpRunner::output:
   * @stream: standard output or standard error
   * @stage: the compile or the run step
   * @chunk: the bytes, as they arrived (not split at lines or characters)
   *
   * Emitted on the main context that started the run, as the program
   * writes, up to the output limit.
   */
  signals[OUTPUT] =
    g_signal_new ("output",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, PP_TYPE_RUN_STREAM, PP_TYPE_RUN_STAGE, G_TYPE_BYTES);
}

static void
pp_runner_init (PpRunner *self)
{
}

PpRunner *
pp_runner_new (const char *sandbox_path)
{
  g_return_val_if_fail (sandbox_path != NULL, NULL);

  return g_object_new (PP_TYPE_RUNNER, "sandbox-path", sandbox_path, NULL);
}

/* pp-scratch.c
 *
 * The scratch buffer is a draft in the history database (PpStore, key
 * "scratch"). Without a database (it could not be opened) it lives in two
 * plain files under the data directory instead: scratch.txt (the code,
 * exactly as typed) and scratch.ini (which language it is in); those
 * files, left by an earlier Pairpad, are also where a store with no draft
 * yet takes it from. An edit is saved at most SAVE_DELAY_MS after it was
 * made, however fast typing goes on, on a worker thread, and once more,
 * synchronously, when the window or the app closes: a crash loses at most
 * the last tenth of a second.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pp-scratch.h"

#define SAVE_DELAY_MS 100
#define SCRATCH_KEY "scratch"
#define META_GROUP    "Scratch"

struct _PpScratch
{
  GObject        parent_instance;

  char          *directory;
  char          *text_path;
  char          *meta_path;
  char          *language;
  PpStore       *store;         /* owned, nullable: then the files */
  char          *key;           /* the draft's key in the store */
  GtkTextBuffer *buffer;        /* borrowed, weak pointer */

  guint          save_source;
  guint          saves_running;
  gboolean       dirty;
  /* A saved file we could not read must never be overwritten. */
  gboolean       read_only;
  gboolean       failing;
};

typedef struct
{
  PpStore *store;     /* owned, nullable */
  char  *key;
  char  *directory;
  char  *text_path;
  char  *meta_path;
  char  *text;
  char  *meta;
  char  *language;
} SaveJob;

enum {
  SAVE_FAILED,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_FAILING,
  N_PROPS
};

static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PpScratch, pp_scratch, G_TYPE_OBJECT)
G_DEFINE_QUARK (pp-scratch-error-quark, pp_scratch_error)

static void
save_job_free (SaveJob *job)
{
  g_free (job->directory);
  g_free (job->text_path);
  g_free (job->meta_path);
  g_free (job->text);
  g_free (job->meta);
  g_free (job->language);
  g_free (job->key);
  g_clear_object (&job->store);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

static gboolean
save_job_run (SaveJob  *job,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  GFileError code;
  const char *reason;

  if (job->store != NULL)
    return pp_store_save_draft (job->store, job->key, job->language, job->text, error);

  if (g_mkdir_with_parents (job->directory, 0700) != 0)
    {
      int saved_errno = errno;

      code = g_file_error_from_errno (saved_errno);
      reason = g_strerror (saved_errno);
    }
  else if (!g_file_set_contents_full (job->text_path, job->text, -1,
                                      G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error) ||
           !g_file_set_contents_full (job->meta_path, job->meta, -1,
                                      G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      code = local_error->code;
      reason = local_error->message;
    }
  else
    return TRUE;
  g_set_error (error, G_FILE_ERROR, code,
               /* Translators: the first %s is a folder, the second the system's reason */
               _("Your scratch code could not be saved in “%s” (%s). Check that the disk has "
                 "free space and that you may write to that folder, then keep typing to try "
                 "again."), job->directory, reason);
  return FALSE;
}

static SaveJob *
save_job_new (PpScratch *self)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  SaveJob *job = g_new0 (SaveJob, 1);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (self->language != NULL)
    g_key_file_set_string (meta, META_GROUP, "Language", self->language);

  job->store = self->store ? g_object_ref (self->store) : NULL;
  job->key = g_strdup (self->key);
  job->language = g_strdup (self->language ? self->language : "");
  job->directory = g_strdup (self->directory);
  job->text_path = g_strdup (self->text_path);
  job->meta_path = g_strdup (self->meta_path);
  job->text = gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
  job->meta = g_key_file_to_data (meta, NULL, NULL);

  return job;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (save_job_run (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
report_result (PpScratch    *self,
               const GError *error)
{
  gboolean was_failing = self->failing;

  self->failing = error != NULL;
  /* Tell the user once when saving starts failing, not on every keystroke. */
  if (error != NULL && !was_failing)
    g_signal_emit (self, signals[SAVE_FAILED], 0, error);
  if (self->failing != was_failing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILING]);
}

static void schedule_save (PpScratch *self);

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PpScratch *self = PP_SCRATCH (object);
  g_autoptr(GError) error = NULL;

  self->saves_running--;
  g_task_propagate_boolean (G_TASK (result), &error);
  report_result (self, error);

  /* Typing went on while we were writing: write again. */
  if (self->dirty && self->save_source == 0)
    schedule_save (self);
}

static void
start_save (PpScratch *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->buffer == NULL || self->read_only || !self->dirty)
    return;

  /* One writer at a time keeps the files in the order the edits were made. */
  if (self->saves_running > 0)
    return;

  self->dirty = FALSE;
  self->saves_running++;

  task = g_task_new (self, NULL, save_done, NULL);
  g_task_set_source_tag (task, start_save);
  g_task_set_task_data (task, save_job_new (self), (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static gboolean
save_timeout (gpointer user_data)
{
  PpScratch *self = user_data;

  self->save_source = 0;
  start_save (self);

  return G_SOURCE_REMOVE;
}

/* From the first unsaved edit, not the last: typing that never pauses is
 * saved all the same. */
static void
schedule_save (PpScratch *self)
{
  self->dirty = TRUE;

  if (self->read_only || self->save_source != 0)
    return;

  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

static void
on_buffer_changed (PpScratch     *self,
                   GtkTextBuffer *buffer)
{
  schedule_save (self);
}

static void
pp_scratch_dispose (GObject *object)
{
  PpScratch *self = PP_SCRATCH (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->buffer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->buffer, self);
      g_clear_weak_pointer (&self->buffer);
    }

  G_OBJECT_CLASS (pp_scratch_parent_class)->dispose (object);
}

static void
pp_scratch_finalize (GObject *object)
{
  PpScratch *self = PP_SCRATCH (object);

  g_free (self->directory);
  g_free (self->text_path);
  g_free (self->meta_path);
  g_free (self->language);
  g_free (self->key);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pp_scratch_parent_class)->finalize (object);
}

static void
pp_scratch_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PpScratch *self = PP_SCRATCH (object);

  switch (prop_id)
    {
    case PROP_FAILING:
      g_value_set_boolean (value, self->failing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_scratch_class_init (PpScratchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pp_scratch_dispose;
  object_class->finalize = pp_scratch_finalize;
  object_class->get_property = pp_scratch_get_property;

  /**
   * PpScratch:failing:
   *
   * Whether the last save failed: the code is only in the buffer.
   */
  properties[PROP_FAILING] =
    g_param_spec_boolean ("failing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PpScratch::save-failed:
   * @error: what went wrong
   *
   * Emitted when saving starts failing; not again until a save succeeds.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pp_scratch_init (PpScratch *self)
{
}

char *
pp_scratch_get_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "pairpad", NULL);
}

/**
 * pp_scratch_new:
 * @store: (nullable): where the draft is kept; %NULL for plain files in
 *   @directory
 * @directory: where the files are, or were before the database
 */
PpScratch *
pp_scratch_new (PpStore    *store,
                const char *directory)
{
  PpScratch *self;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (store == NULL || PP_IS_STORE (store), NULL);

  self = g_object_new (PP_TYPE_SCRATCH, NULL);
  self->store = store ? g_object_ref (store) : NULL;
  self->key = g_strdup (SCRATCH_KEY);
  self->directory = g_strdup (directory);
  self->text_path = g_build_filename (directory, "scratch.txt", NULL);
  self->meta_path = g_build_filename (directory, "scratch.ini", NULL);

  return self;
}

/**
 * pp_scratch_new_for_key:
 * @store: where the draft is kept
 * @key: its key there, as "problem:ID"
 *
 * A draft that lives only in the database: the code of a problem.
 */
PpScratch *
pp_scratch_new_for_key (PpStore    *store,
                        const char *key)
{
  PpScratch *self;

  g_return_val_if_fail (store == NULL || PP_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (PP_TYPE_SCRATCH, NULL);
  self->store = store ? g_object_ref (store) : NULL;
  self->key = g_strdup (key);
  return self;
}

/* Moves a file we cannot use out of the way, so that it is kept for the
 * user and the next save cannot overwrite it. */
static char *
keep_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *kept = g_strdup_printf ("%s.unreadable-%s", path, stamp);

  if (g_rename (path, kept) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s", g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&kept);
}

static char *
load_language (PpScratch *self)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();

  /* Losing only the language is harmless: the caller falls back. */
  if (!g_key_file_load_from_file (meta, self->meta_path, G_KEY_FILE_NONE, NULL))
    return NULL;

  return g_key_file_get_string (meta, META_GROUP, "Language", NULL);
}

/**
 * pp_scratch_load:
 * @text: (out): the saved code, "" when there is none or it is unusable
 * @language: (out) (nullable): the saved language id, or %NULL
 *
 * Reads the saved scratch buffer. A file that is not UTF-8 text is moved
 * aside (and named in @error); a file that cannot be read is left where it
 * is, and the scratch stops saving so that it is never overwritten.
 *
 * Returns: %FALSE with @error set when there was a saved buffer that could
 *   not be used; @text and @language are set either way.
 */
gboolean
pp_scratch_load (PpScratch  *self,
                 char      **text,
                 char      **language,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (PP_IS_SCRATCH (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  *text = NULL;
  *language = NULL;
  if (self->store != NULL)
    {
      *text = pp_store_load_draft (self->store, self->key, language, &local_error);
      if (local_error != NULL)
        {
          /* Reading failed now; writing may still work, and must not lose
           * what is there: stop saving. */
          self->read_only = TRUE;
          *text = g_strdup ("");
          /* The store's message is whole: what could not be read, what to do. */
          g_set_error_literal (error, PP_SCRATCH_ERROR, PP_SCRATCH_ERROR_UNREADABLE,
                               local_error->message);
          return FALSE;
        }
      if (*text != NULL || self->text_path == NULL)
        {
          if (*text == NULL)
            *text = g_strdup ("");
          return TRUE;
        }
      /* No draft yet: an earlier Pairpad's files, if any, are the draft. */
    }
  else if (self->text_path == NULL)
    {
      /* A draft with no database to keep it in. */
      self->read_only = TRUE;
      *text = g_strdup ("");
      return TRUE;
    }

  *text = g_strdup ("");
  *language = load_language (self);

  if (!g_file_get_contents (self->text_path, &contents, &length, &local_error))
    {
      /* Nothing was saved (a file in place of the folder is no saved code
       * either; saving will say what is in the way). */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
          g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        return TRUE;

      self->read_only = TRUE;
      g_set_error (error, PP_SCRATCH_ERROR, PP_SCRATCH_ERROR_UNREADABLE,
                   _("Your saved scratch code could not be read: %s. "
                     "It will not be overwritten; fix the file and restart Pairpad."),
                   local_error->message);
      return FALSE;
    }

  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_autofree char *kept = keep_aside (self->text_path, &local_error);

      if (kept == NULL)
        {
          self->read_only = TRUE;
          g_set_error (error, PP_SCRATCH_ERROR, PP_SCRATCH_ERROR_NOT_TEXT,
                       _("Your saved scratch code “%s” is not text and could not be "
                         "moved aside (%s). It will not be overwritten."),
                       self->text_path, local_error->message);
          return FALSE;
        }

      g_set_error (error, PP_SCRATCH_ERROR, PP_SCRATCH_ERROR_NOT_TEXT,
                   _("Your saved scratch code was not text. It was kept as “%s”."),
                   kept);
      return FALSE;
    }

  g_free (*text);
  *text = g_steal_pointer (&contents);
  /* Into the database with the first save. */
  if (self->store != NULL)
    self->dirty = TRUE;

  return TRUE;
}

/**
 * pp_scratch_attach:
 * @buffer: the buffer to keep; its text should already be loaded
 *
 * From now on every change of @buffer is saved.
 */
void
pp_scratch_attach (PpScratch     *self,
                   GtkTextBuffer *buffer)
{
  g_return_if_fail (PP_IS_SCRATCH (self));
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (self->buffer == NULL);

  g_set_weak_pointer (&self->buffer, buffer);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self,
                           G_CONNECT_SWAPPED);
  /* Imported from the files: into the database now. */
  if (self->dirty)
    schedule_save (self);
}

void
pp_scratch_set_language (PpScratch  *self,
                         const char *language)
{
  g_return_if_fail (PP_IS_SCRATCH (self));
  g_return_if_fail (language != NULL);

  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);

  if (self->buffer != NULL)
    schedule_save (self);
}

/**
 * pp_scratch_flush:
 *
 * Writes any unsaved change now, waiting for a save in progress first.
 * Meant for closing: it blocks.
 */
gboolean
pp_scratch_flush (PpScratch  *self,
                  GError    **error)
{
  g_autoptr(SaveJob) job = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (PP_IS_SCRATCH (self), FALSE);

  /* The thread's write must not land after ours with older text. */
  while (self->saves_running > 0)
    g_main_context_iteration (NULL, TRUE);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->dirty || self->read_only || self->buffer == NULL)
    return TRUE;

  job = save_job_new (self);
  self->dirty = FALSE;
  ok = save_job_run (job, &local_error);
  report_result (self, local_error);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

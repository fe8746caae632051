/* pp-session-record.c: a live session's record in the history
 *
 * The session, its document's newest state and every update, local or a
 * peer's, go to the history (PpStore) so that a past session can be
 * replayed and a peer that crashed can rejoin from what it kept. SQLite
 * may wait seconds for a lock or the disk, so none of it runs on the main
 * loop: one worker thread owns a store of its own, opened on the same
 * file (WAL lets it share the file with the app's), and takes jobs from a
 * queue in order. A job leaves the queue only once it is on disk; one
 * that fails is tried again a few times, then the record says so on the
 * creator's main context and keeps the job, trying again when the next
 * job comes or a flush asks.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pp-session-record.h"
#include "pp-store.h"

/* A lock held by another program is waited for inside SQLite (its busy
 * timeout); these are for the rest: a disk that fills and empties, a
 * file moved back. */
#define ATTEMPTS 3
#define RETRY_PAUSE_US (100 * 1000)

typedef enum
{
  JOB_SESSION,    /* the session's row, first of all */
  JOB_UPDATE,
  JOB_DOCUMENT,   /* writes whatever state is newest when it runs */
  JOB_LOAD,
  JOB_FLUSH,
} JobKind;

typedef struct
{
  JobKind kind;
  gint64  time;
  char   *origin;   /* owned */
  GBytes *update;   /* owned */
  GTask  *task;     /* owned: JOB_LOAD and JOB_FLUSH */
} Job;

struct _PpSessionRecord
{
  GObject       parent_instance;

  char         *store_path;
  char         *session_id;
  char         *title;
  gint64        started_at;
  GMainContext *context;        /* owned: the creator's, where `failed` is emitted */
  GThread      *thread;         /* owned; NULL once closed */

  /* Shared with the worker, under lock. */
  GMutex        lock;
  GCond         wake;
  GQueue        jobs;           /* Job *, oldest first; the head until written */
  GBytes       *document;       /* owned, nullable: the newest state not yet on disk */
  gboolean      document_queued;/* a JOB_DOCUMENT waits to take it */
  guint         n_pending;      /* writes not yet on disk */
  gboolean      stuck;          /* the head failed: wait for a new job to try again */
  gboolean      stopping;
  gboolean      failure_told;   /* `failed` went out for the current failure */
  GSource      *failed_source;  /* owned, nullable: an emission on its way */
  GError       *failed_error;   /* owned, nullable: what it carries */
  GError       *lost_error;     /* owned, nullable: why the worker ended with writes left */
};

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpSessionRecord, pp_session_record, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  g_free (job->origin);
  g_clear_pointer (&job->update, g_bytes_unref);
  g_clear_object (&job->task);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static gboolean
is_write (const Job *job)
{
  return job->kind != JOB_LOAD && job->kind != JOB_FLUSH;
}

/* Answers: a task's callback runs in the context it was started in, and
 * the task's last reference (and with it maybe the record's) is dropped
 * there too, never on the worker, which could not join itself. */

typedef struct
{
  GTask  *task;    /* owned */
  GBytes *bytes;   /* owned, nullable: a load's answer */
  GError *error;   /* owned, nullable */
} Answer;

static void
answer_free (Answer *answer)
{
  g_clear_object (&answer->task);
  g_clear_pointer (&answer->bytes, g_bytes_unref);
  g_clear_error (&answer->error);
  g_free (answer);
}

static gboolean
answer_in_context (gpointer data)
{
  Answer *answer = data;

  if (g_task_return_error_if_cancelled (answer->task))
    return G_SOURCE_REMOVE;
  if (answer->error != NULL)
    g_task_return_error (answer->task, g_steal_pointer (&answer->error));
  else if (g_task_get_source_tag (answer->task) == pp_session_record_load_document_async)
    g_task_return_pointer (answer->task, g_steal_pointer (&answer->bytes),
                           (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_boolean (answer->task, TRUE);
  return G_SOURCE_REMOVE;
}

/* Not g_main_context_invoke (): from the worker it may run the callback
 * right there, when the context is the global default and nobody is
 * iterating it at that moment. */
static void
answer (Job    *job,
        GBytes *bytes,
        GError *error)
{
  Answer *answer = g_new0 (Answer, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  answer->task = g_steal_pointer (&job->task);
  answer->bytes = bytes;
  answer->error = error;
  g_source_set_callback (source, answer_in_context, answer, (GDestroyNotify) answer_free);
  g_source_set_static_name (source, "[pairpad] session record answer");
  g_source_attach (source, g_task_get_context (answer->task));
}

static gboolean
emit_failed (gpointer data)
{
  PpSessionRecord *self = data;
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&self->lock);
  error = g_steal_pointer (&self->failed_error);
  g_clear_pointer (&self->failed_source, g_source_unref);
  g_mutex_unlock (&self->lock);
  g_signal_emit (self, signals[FAILED], 0, error);
  return G_SOURCE_REMOVE;
}

/* Called with the lock held. The source holds no reference: dispose
 * destroys it, on the same context, before the record goes. */
static void
tell_failed (PpSessionRecord *self,
             const GError    *error)
{
  g_clear_error (&self->failed_error);
  self->failed_error = g_error_new (error->domain, error->code,
                                    /* Translators: %s is the history's own message: what
                                     * could not be saved, why and what to do */
                                    _("%s The session goes on, and Pairpad holds on to the "
                                      "changes not saved yet; quitting now would lose them."),
                                    error->message);
  if (self->failed_source != NULL)
    return;
  self->failed_source = g_idle_source_new ();
  g_source_set_callback (self->failed_source, emit_failed, self, NULL);
  g_source_set_static_name (self->failed_source, "[pairpad] session record failed");
  g_source_attach (self->failed_source, self->context);
}

/* The worker's side. STORE is the worker's alone. */

static gboolean
ensure_store (PpSessionRecord  *self,
              PpStore         **store,
              GError          **error)
{
  if (*store == NULL)
    *store = pp_store_open (self->store_path, error);
  return *store != NULL;
}

static gboolean
write_once (PpSessionRecord  *self,
            PpStore         **store,
            Job              *job,
            GError          **error)
{
  g_autoptr(GBytes) state = NULL;

  if (!ensure_store (self, store, error))
    return FALSE;
  switch (job->kind)
    {
    case JOB_SESSION:
      return pp_store_add_session (*store, self->session_id, self->title, self->started_at, error);
    case JOB_UPDATE:
      return pp_store_append_update (*store, self->session_id, job->time, job->origin,
                                     job->update, error);
    case JOB_DOCUMENT:
      /* The newest state, however many saves came since this job was queued. */
      g_mutex_lock (&self->lock);
      state = g_bytes_ref (self->document);
      self->document_queued = FALSE;
      g_mutex_unlock (&self->lock);
      return pp_store_save_document (*store, self->session_id, state, error);
    case JOB_LOAD:
    case JOB_FLUSH:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
write_job (PpSessionRecord  *self,
           PpStore         **store,
           Job              *job,
           GError          **error)
{
  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (write_once (self, store, job, &local_error))
        return TRUE;
      if (attempt == ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_usleep (RETRY_PAUSE_US);
    }
}

/* Called with the lock held, and returns with it held. */
static void
load (PpSessionRecord  *self,
      PpStore         **store,
      Job              *job)
{
  /* A state not yet written is newer than the one on disk. */
  GBytes *bytes = self->document != NULL ? g_bytes_ref (self->document) : NULL;
  GError *error = NULL;

  g_mutex_unlock (&self->lock);
  if (bytes == NULL && ensure_store (self, store, &error))
    bytes = pp_store_load_document (*store, self->session_id, &error);
  answer (job, bytes, error);
  job_free (job);
  g_mutex_lock (&self->lock);
}

/* Called with the lock held after the head failed: flushes waiting
 * behind it learn why, and loads need not wait for it. */
static void
answer_waiting (PpSessionRecord  *self,
                PpStore         **store,
                const GError     *error)
{
  GList *link = self->jobs.head;

  while (link != NULL)
    {
      GList *next = link->next;
      Job *job = link->data;

      if (!is_write (job))
        {
          g_queue_delete_link (&self->jobs, link);
          if (job->kind == JOB_LOAD)
            load (self, store, job);
          else
            {
              answer (job, NULL, g_error_copy (error));
              job_free (job);
            }
          /* A job that came meanwhile is at the tail, past what this walk
           * may reach; it makes the worker try the head again, and meets
           * the same walk if that fails. */
        }
      link = next;
    }
}

/* At the end, after a last try failed: what is left is lost, and says so. */
static void
end_with_losses (PpSessionRecord  *self,
                 PpStore         **store,
                 const GError     *error)
{
  guint lost = self->n_pending;
  g_autoptr(Job) job = NULL;

  self->lost_error = g_error_new (error->domain, error->code,
                                  /* Translators: %s is the history's own message: what
                                   * could not be saved, why and what to do */
                                  ngettext ("%s So %u change to the session is not in its "
                                            "history.",
                                            "%s So %u changes to the session are not in its "
                                            "history.", lost),
                                  error->message, lost);
  while ((job = g_queue_pop_head (&self->jobs)) != NULL)
    {
      if (job->kind == JOB_LOAD)
        load (self, store, g_steal_pointer (&job));
      else if (job->kind == JOB_FLUSH)
        answer (job, NULL, g_error_copy (self->lost_error));
      g_clear_pointer (&job, job_free);
    }
  self->n_pending = 0;
  g_clear_pointer (&self->document, g_bytes_unref);
}

static gpointer
run_worker (gpointer data)
{
  PpSessionRecord *self = data;
  g_autoptr(PpStore) store = NULL;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      Job *job;
      gboolean ok;

      while (!self->stopping && (self->stuck || g_queue_is_empty (&self->jobs)))
        g_cond_wait (&self->wake, &self->lock);
      job = g_queue_peek_head (&self->jobs);
      if (job == NULL)
        break;
      if (!is_write (job))
        {
          g_queue_pop_head (&self->jobs);
          if (job->kind == JOB_LOAD)
            load (self, &store, job);
          else
            {
              answer (job, NULL, NULL);
              job_free (job);
            }
          continue;
        }

      g_mutex_unlock (&self->lock);
      ok = write_job (self, &store, job, &error);
      g_mutex_lock (&self->lock);
      if (ok)
        {
          /* Unless a newer save queued another job, the state is on disk. */
          if (job->kind == JOB_DOCUMENT && !self->document_queued)
            g_clear_pointer (&self->document, g_bytes_unref);
          g_queue_pop_head (&self->jobs);
          job_free (job);
          self->n_pending--;
          self->stuck = FALSE;
          self->failure_told = FALSE;
          continue;
        }

      if (job->kind == JOB_DOCUMENT)
        self->document_queued = TRUE;   /* still at the head, for the newest state */
      if (self->stopping)
        {
          end_with_losses (self, &store, error);
          break;
        }
      self->stuck = TRUE;
      if (!self->failure_told)
        tell_failed (self, error);
      self->failure_told = TRUE;
      answer_waiting (self, &store, error);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* The main thread's side. */

static void
enqueue (PpSessionRecord *self,
         Job             *job)
{
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->jobs, job);
  if (is_write (job))
    self->n_pending++;
  self->stuck = FALSE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

/**
 * pp_session_record_new:
 * @store_path: the history's file, as given to pp_store_open()
 * @session_id: the session's id, shared by its peers
 * @title: its title, kept if the history has the session already
 * @started_at: when it started, Unix time in microseconds
 *
 * Starts recording the session: the history gets its row (unless it has
 * it, as when a peer rejoins) before anything else. Use the record from
 * the thread that made it; `failed` is emitted on that thread's default
 * main context.
 *
 * Returns: (transfer full): the record
 */
PpSessionRecord *
pp_session_record_new (const char *store_path,
                       const char *session_id,
                       const char *title,
                       gint64      started_at)
{
  PpSessionRecord *self;
  Job *job;

  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (session_id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (PP_TYPE_SESSION_RECORD, NULL);
  self->store_path = g_strdup (store_path);
  self->session_id = g_strdup (session_id);
  self->title = g_strdup (title);
  self->started_at = started_at;
  job = g_new0 (Job, 1);
  job->kind = JOB_SESSION;
  enqueue (self, job);
  self->thread = g_thread_new ("pp-session-record", run_worker, self);
  return self;
}

/**
 * pp_session_record_append_update:
 * @time_us: when it was made or received, Unix time in microseconds
 * @origin: the peer's id, or "local"
 * @update: a Yjs update; referenced, not copied
 *
 * Queues @update for the session's playback, after every one before it.
 */
void
pp_session_record_append_update (PpSessionRecord *self,
                                 gint64           time_us,
                                 const char      *origin,
                                 GBytes          *update)
{
  Job *job;

  g_return_if_fail (PP_IS_SESSION_RECORD (self));
  g_return_if_fail (self->thread != NULL);
  g_return_if_fail (origin != NULL);
  g_return_if_fail (update != NULL);

  job = g_new0 (Job, 1);
  job->kind = JOB_UPDATE;
  job->time = time_us;
  job->origin = g_strdup (origin);
  job->update = g_bytes_ref (update);
  enqueue (self, job);
}

/**
 * pp_session_record_save_document:
 * @state: the document's whole state; referenced, not copied
 *
 * Queues @state as the one to start from next time. Saves that come
 * faster than the disk take them are written once, the newest.
 */
void
pp_session_record_save_document (PpSessionRecord *self,
                                 GBytes          *state)
{
  g_return_if_fail (PP_IS_SESSION_RECORD (self));
  g_return_if_fail (self->thread != NULL);
  g_return_if_fail (state != NULL);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->document, g_bytes_unref);
  self->document = g_bytes_ref (state);
  if (!self->document_queued)
    {
      Job *job = g_new0 (Job, 1);

      job->kind = JOB_DOCUMENT;
      g_queue_push_tail (&self->jobs, job);
      self->document_queued = TRUE;
      self->n_pending++;
    }
  self->stuck = FALSE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

static void
start_task (PpSessionRecord     *self,
            JobKind              kind,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Job *job;

  g_task_set_source_tag (task, source_tag);
  if (self->thread == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               "The session record is closed");
      return;
    }
  job = g_new0 (Job, 1);
  job->kind = kind;
  job->task = g_steal_pointer (&task);
  enqueue (self, job);
}

/**
 * pp_session_record_load_document_async:
 *
 * Reads the state to start the session's document from: the newest
 * saved, whether on disk yet or not.
 */
void
pp_session_record_load_document_async (PpSessionRecord     *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (PP_IS_SESSION_RECORD (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_task (self, JOB_LOAD, pp_session_record_load_document_async, cancellable, callback,
              user_data);
}

/**
 * pp_session_record_load_document_finish:
 *
 * Returns: (transfer full) (nullable): the state; %NULL with no error
 *   for a session that has none
 */
GBytes *
pp_session_record_load_document_finish (PpSessionRecord  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pp_session_record_load_document_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pp_session_record_flush_async:
 *
 * Completes once everything queued before it is on disk, or with the
 * error that keeps it from getting there; what failed stays queued.
 */
void
pp_session_record_flush_async (PpSessionRecord     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PP_IS_SESSION_RECORD (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_task (self, JOB_FLUSH, pp_session_record_flush_async, cancellable, callback, user_data);
}

gboolean
pp_session_record_flush_finish (PpSessionRecord  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pp_session_record_flush_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pp_session_record_get_n_pending:
 *
 * Returns: how many writes wait to be on disk: the session's row,
 *   updates, and one for the document's state however often it was saved
 */
guint
pp_session_record_get_n_pending (PpSessionRecord *self)
{
  guint n;

  g_return_val_if_fail (PP_IS_SESSION_RECORD (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_pending;
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * pp_session_record_close:
 *
 * Writes everything queued, trying once more what failed, and ends the
 * worker. It blocks, for as long as SQLite waits for a lock at worst:
 * for quitting or leaving a session, not while one goes on. Loads and
 * flushes still waiting are answered; later ones fail with
 * %G_IO_ERROR_CLOSED.
 *
 * Returns: %FALSE if writes were left that could not be made; @error
 *   says why and how many
 */
gboolean
pp_session_record_close (PpSessionRecord  *self,
                         GError          **error)
{
  g_return_val_if_fail (PP_IS_SESSION_RECORD (self), FALSE);

  if (self->thread == NULL)
    return TRUE;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));

  if (self->lost_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->lost_error));
      return FALSE;
    }
  return TRUE;
}

static void
pp_session_record_dispose (GObject *object)
{
  PpSessionRecord *self = PP_SESSION_RECORD (object);
  g_autoptr(GError) error = NULL;

  /* Quitting with writes queued: they go to disk first. */
  if (!pp_session_record_close (self, &error))
    g_warning ("%s", error->message);
  g_mutex_lock (&self->lock);
  if (self->failed_source != NULL)
    g_source_destroy (self->failed_source);
  g_clear_pointer (&self->failed_source, g_source_unref);
  g_clear_error (&self->failed_error);
  g_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (pp_session_record_parent_class)->dispose (object);
}

static void
pp_session_record_finalize (GObject *object)
{
  PpSessionRecord *self = PP_SESSION_RECORD (object);

  g_assert (g_queue_is_empty (&self->jobs));
  g_clear_pointer (&self->document, g_bytes_unref);
  g_free (self->store_path);
  g_free (self->session_id);
  g_free (self->title);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);

  G_OBJECT_CLASS (pp_session_record_parent_class)->finalize (object);
}

static void
pp_session_record_class_init (PpSessionRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pp_session_record_dispose;
  object_class->finalize = pp_session_record_finalize;

  /**
   * PpSessionRecord::failed:
   * @error: what could not be written, why and what to do, for the user
   *
   * Writing failed, tried again and failed again; what failed stays
   * queued. Emitted once until a write succeeds again.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pp_session_record_init (PpSessionRecord *self)
{
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  g_queue_init (&self->jobs);
}

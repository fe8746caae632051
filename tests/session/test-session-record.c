/* test-session-record.c: a live session's record, on real SQLite files in
 * a folder of the test's own: thousands of updates land in order with
 * their times and origins and quick saves are written once; another
 * program holding the file's lock never stalls the main loop; a write the
 * kernel refuses (a file size limit, as a full disk) is told on the main
 * thread, kept and written once it can be; the saved state is what the
 * next record starts from; nothing queued is lost when the record goes.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>

#include "pp-session-record.h"
#include "pp-store.h"
#include "pp-test-lib.h"

/* A frame is 16 ms; a loop that waited on SQLite would miss seconds. */
#define WORST_GAP_US (50 * 1000)

static char *
db_path (const char *name)
{
  return g_build_filename (pp_test_home_get_path (), name, "pairpad.db", NULL);
}

static GBytes *
bytes_printf (const char *format,
              ...) G_GNUC_PRINTF (1, 2);

static GBytes *
bytes_printf (const char *format,
              ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return g_bytes_new_take (text, strlen (text));
}

static void
assert_bytes_text (GBytes     *bytes,
                   const char *text)
{
  gsize size = 0;
  const char *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpmem (data, size, text, strlen (text));
}

/* An empty history at PATH, made before the record, as the app's is. */
static void
make_store (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&(PpStore *) { pp_store_open (path, &error) });
  g_assert_no_error (error);
}

static sqlite3 *
open_other (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static void
exec_other (sqlite3    *db,
            const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_count (const char *path,
             const char *sql)
{
  sqlite3 *db = open_other (path);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static gboolean
flush (PpSessionRecord  *record,
       GError          **error)
{
  Wait wait = { 0 };
  gboolean ok;

  pp_session_record_flush_async (record, NULL, got_result, &wait);
  pp_test_wait_for_flag (&wait.done, PP_TEST_WAIT_TIMEOUT_S, "the record to flush");
  ok = pp_session_record_flush_finish (record, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

static GBytes *
load (PpSessionRecord *record)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GBytes *state;

  pp_session_record_load_document_async (record, NULL, got_result, &wait);
  pp_test_wait_for_flag (&wait.done, PP_TEST_WAIT_TIMEOUT_S, "the document to load");
  state = pp_session_record_load_document_finish (record, wait.result, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return state;
}

static GPtrArray *
list_updates (const char *path,
              const char *session_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpStore) store = pp_store_open (path, &error);
  GPtrArray *updates;

  g_assert_no_error (error);
  updates = pp_store_list_updates (store, session_id, &error);
  g_assert_no_error (error);
  return updates;
}

static GBytes *
load_document (const char *path,
               const char *session_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpStore) store = pp_store_open (path, &error);
  GBytes *state;

  g_assert_no_error (error);
  state = pp_store_load_document (store, session_id, &error);
  g_assert_no_error (error);
  return state;
}

static char *
origin_of (guint i)
{
  return i % 3 == 0 ? g_strdup ("local") : g_strdup_printf ("peer-%u", i % 3);
}

/* Every update in order with its time and origin; of ten saves queued
 * while the worker waits, only the newest is written. */
static void
test_in_order (void)
{
  g_autofree char *path = db_path ("in-order");
  g_autoptr(PpSessionRecord) record = NULL;
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(GBytes) state = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *other;
  sqlite3_stmt *stmt = NULL;
  const guint n = 3000;

  make_store (path);
  other = open_other (path);
  /* The test's own count of the document's writes, by the file itself. */
  exec_other (other,
              "CREATE TABLE document_writes (session_id TEXT);"
              "CREATE TRIGGER count_insert AFTER INSERT ON documents"
              "  BEGIN INSERT INTO document_writes VALUES (new.session_id); END;"
              "CREATE TRIGGER count_update AFTER UPDATE ON documents"
              "  BEGIN INSERT INTO document_writes VALUES (new.session_id); END;");
  /* Holds the worker at its first write until all is queued. */
  exec_other (other, "BEGIN IMMEDIATE");

  record = pp_session_record_new (path, "s1", "Pairing", 1000);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) update = bytes_printf ("update %u", i);
      g_autofree char *origin = origin_of (i);

      pp_session_record_append_update (record, 2000 + i, origin, update);
      if (i % 300 == 299)
        {
          g_autoptr(GBytes) saved = bytes_printf ("state after %u", i);

          pp_session_record_save_document (record, saved);
        }
    }
  /* The session's row, the updates, one document write for ten saves. */
  g_assert_cmpuint (pp_session_record_get_n_pending (record), ==, 1 + n + 1);
  exec_other (other, "COMMIT");
  sqlite3_close (other);

  g_assert_true (flush (record, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pp_session_record_get_n_pending (record), ==, 0);

  updates = list_updates (path, "s1");
  g_assert_cmpuint (updates->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("update %u", i);

      assert_bytes_text (updates->pdata[i], text);
    }
  other = open_other (path);
  g_assert_cmpint (sqlite3_prepare_v2 (other, "SELECT time, origin FROM updates"
                                       " WHERE session_id = 's1' ORDER BY seq", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *origin = origin_of (i);

      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 2000 + i);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, origin);
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (other);

  state = load_document (path, "s1");
  assert_bytes_text (state, "state after 2999");
  g_assert_cmpint (query_count (path, "SELECT count(*) FROM document_writes"), ==, 1);
  g_assert_cmpint (query_count (path, "SELECT count(*) FROM sessions WHERE id = 's1'"
                                      " AND title = 'Pairing' AND started_at = 1000"), ==, 1);
}

typedef struct
{
  PpSessionRecord *record;
  guint            n;
} Typist;

static gboolean
type_once (gpointer data)
{
  Typist *typist = data;
  g_autoptr(GBytes) update = bytes_printf ("keystroke %u", typist->n);

  pp_session_record_append_update (typist->record, g_get_real_time (), "local", update);
  typist->n++;
  return G_SOURCE_CONTINUE;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Another program holds the file's write lock for 1.5 s while someone
 * types: the main loop goes on ticking, and every keystroke is written
 * once the lock is let go. */
static void
test_never_blocks (void)
{
  g_autofree char *path = db_path ("never-blocks");
  g_autoptr(PpSessionRecord) record = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  PpTestStallMeter meter = { 0 };
  Typist typist = { 0 };
  guint typing;
  gint64 worst;
  sqlite3 *other;

  make_store (path);
  other = open_other (path);
  exec_other (other, "BEGIN IMMEDIATE");

  record = pp_session_record_new (path, "s1", "Locked out", 1000);
  typist.record = record;
  pp_test_stall_meter_start (&meter, 5);
  typing = g_timeout_add (5, type_once, &typist);
  g_timeout_add (1500, quit_loop, loop);
  g_main_loop_run (loop);
  g_source_remove (typing);

  /* Nothing could be written meanwhile: the worker really waited. */
  g_assert_cmpuint (typist.n, >, 100);
  g_assert_cmpuint (pp_session_record_get_n_pending (record), ==, 1 + typist.n);
  exec_other (other, "ROLLBACK");
  sqlite3_close (other);
  g_assert_true (flush (record, &error));
  g_assert_no_error (error);
  worst = pp_test_stall_meter_stop (&meter);

  g_test_message ("worst main-loop gap %.1f ms over %u keystrokes in the 1.5 s lock",
                  worst / 1000.0, typist.n);
  g_assert_cmpint (worst, <, WORST_GAP_US);
  updates = list_updates (path, "s1");
  g_assert_cmpuint (updates->len, ==, typist.n);
  last = g_strdup_printf ("keystroke %u", typist.n - 1);
  assert_bytes_text (updates->pdata[typist.n - 1], last);
}

typedef struct
{
  GThread *main_thread;
  guint    n;
  GError  *error;
} Failures;

static void
on_failed (PpSessionRecord *record,
           const GError    *error,
           Failures        *failures)
{
  g_assert_true (g_thread_self () == failures->main_thread);
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  failures->n++;
  g_clear_error (&failures->error);
  failures->error = g_error_copy (error);
}

static gboolean
failed_once (gpointer data)
{
  return ((Failures *) data)->n > 0;
}

/* The kernel refuses to make a file bigger than the limit, root or not,
 * as a full disk refuses it. */
static void
limit_file_size (struct rlimit *was)
{
  struct rlimit small;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, was), ==, 0);
  small = *was;
  small.rlim_cur = 1024 * 1024;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
}

static void
unlimit_file_size (const struct rlimit *was)
{
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, was), ==, 0);
  signal (SIGXFSZ, SIG_DFL);
}

/* A change too big for the disk: the user is told once, on the main
 * thread, with the history's own sentence; the change and those after it
 * are kept, and written once there is room; loads meanwhile answer the
 * newest state. */
static void
test_failing_disk (void)
{
  g_autofree char *path = db_path ("failing-disk");
  g_autoptr(PpSessionRecord) record = NULL;
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (4 * 1024 * 1024), 4 * 1024 * 1024);
  g_autoptr(GBytes) typed = bytes_printf ("the state typed while the disk was full");
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(GBytes) state = NULL;
  g_autoptr(GError) error = NULL;
  Failures failures = { g_thread_self (), 0, NULL };
  struct rlimit was;
  gboolean flushed;

  record = pp_session_record_new (path, "s1", "Full disk", 1000);
  g_signal_connect (record, "failed", G_CALLBACK (on_failed), &failures);
  g_assert_true (flush (record, &error));

  limit_file_size (&was);
  pp_session_record_append_update (record, 1, "local", big);
  pp_test_wait_for (failed_once, &failures, "the record to fail");
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GBytes) update = bytes_printf ("after %u", i);

      pp_session_record_append_update (record, 2 + i, "peer-1", update);
    }
  /* A load does not wait behind the failing change, and answers the
   * newest state though it is not on disk. */
  pp_session_record_save_document (record, typed);
  state = load (record);
  flushed = flush (record, &error);
  unlimit_file_size (&was);
  g_assert_nonnull (state);
  g_assert_true (g_bytes_equal (state, typed));
  g_clear_pointer (&state, g_bytes_unref);

  g_test_message ("%s", failures.error->message);
  g_assert_error (failures.error, PP_STORE_ERROR, PP_STORE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (failures.error->message,
                                   "A change could not be added to the session’s playback "
                                   "(disk I/O error). Check that the disk has free space"));
  g_assert_true (g_str_has_suffix (failures.error->message,
                                   " The session goes on, and Pairpad holds on to the "
                                   "changes not saved yet; quitting now would lose them."));
  /* The flush waited behind the failing change and says why. */
  g_assert_false (flushed);
  g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (pp_session_record_get_n_pending (record), ==, 12);
  g_assert_cmpuint (failures.n, ==, 1);

  g_assert_true (flush (record, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pp_session_record_get_n_pending (record), ==, 0);
  updates = list_updates (path, "s1");
  g_assert_cmpuint (updates->len, ==, 11);
  g_assert_true (g_bytes_equal (updates->pdata[0], big));
  assert_bytes_text (updates->pdata[10], "after 9");
  state = load_document (path, "s1");
  g_assert_true (g_bytes_equal (state, typed));
  g_assert_cmpuint (failures.n, ==, 1);
  g_clear_error (&failures.error);
}

/* Closing while the disk is still full: what could not be written is
 * counted in what the app can tell the user. */
static void
test_close_while_failing (void)
{
  g_autofree char *path = db_path ("close-failing");
  g_autoptr(PpSessionRecord) record = NULL;
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (4 * 1024 * 1024), 4 * 1024 * 1024);
  g_autoptr(GBytes) small = bytes_printf ("small");
  g_autoptr(GError) error = NULL;
  struct rlimit was;
  gboolean closed;

  record = pp_session_record_new (path, "s1", "Full disk at quit", 1000);
  g_assert_true (flush (record, &error));
  limit_file_size (&was);
  pp_session_record_append_update (record, 1, "local", big);
  pp_session_record_append_update (record, 2, "local", small);
  closed = pp_session_record_close (record, &error);
  unlimit_file_size (&was);

  g_assert_false (closed);
  g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_suffix (error->message,
                                   " So 2 changes to the session are not in its history."));
  g_assert_cmpuint (pp_session_record_get_n_pending (record), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&record));
}

/* The state a record saved is what the next one starts from, and what a
 * load answers at once, written or not; a new session has none. */
static void
test_load (void)
{
  g_autofree char *path = db_path ("load");
  g_autoptr(PpSessionRecord) first = NULL;
  g_autoptr(PpSessionRecord) rejoined = NULL;
  g_autoptr(PpSessionRecord) other = NULL;
  g_autoptr(GBytes) saved = bytes_printf ("the first peer's state");
  g_autoptr(GBytes) state = NULL;
  g_autoptr(GError) error = NULL;

  first = pp_session_record_new (path, "s1", "Before the crash", 1000);
  g_assert_null (load (first));
  pp_session_record_save_document (first, saved);
  state = load (first);
  g_assert_true (g_bytes_equal (state, saved));
  g_clear_pointer (&state, g_bytes_unref);
  g_assert_true (pp_session_record_close (first, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&first));

  rejoined = pp_session_record_new (path, "s1", "After the crash", 2000);
  state = load (rejoined);
  g_assert_true (g_bytes_equal (state, saved));
  g_clear_pointer (&state, g_bytes_unref);
  other = pp_session_record_new (path, "s2", "Another", 3000);
  g_assert_null (load (other));
  g_assert_true (flush (rejoined, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_count (path, "SELECT count(*) FROM sessions WHERE id = 's1'"
                                      " AND title = 'Before the crash'"), ==, 1);
}

/* Quitting right after typing: the record's end writes all that was
 * queued before its thread ends. */
static void
test_dispose_writes (void)
{
  g_autofree char *path = db_path ("dispose");
  g_autoptr(GBytes) last = bytes_printf ("the last state");
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(GBytes) state = NULL;
  PpSessionRecord *record;
  const guint n = 5000;

  record = pp_session_record_new (path, "s1", "Quitting", 1000);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) update = bytes_printf ("update %u", i);

      pp_session_record_append_update (record, i, "local", update);
    }
  pp_session_record_save_document (record, last);
  g_assert_cmpuint (pp_session_record_get_n_pending (record), >, 0);
  g_assert_finalize_object (record);

  updates = list_updates (path, "s1");
  g_assert_cmpuint (updates->len, ==, n);
  assert_bytes_text (updates->pdata[n - 1], "update 4999");
  state = load_document (path, "s1");
  g_assert_true (g_bytes_equal (state, last));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pp_test_home_init ("session-record");

  g_test_add_func ("/session/record/in-order", test_in_order);
  g_test_add_func ("/session/record/never-blocks", test_never_blocks);
  g_test_add_func ("/session/record/failing-disk", test_failing_disk);
  g_test_add_func ("/session/record/close-while-failing", test_close_while_failing);
  g_test_add_func ("/session/record/load", test_load);
  g_test_add_func ("/session/record/dispose-writes", test_dispose_writes);

  status = g_test_run ();
  pp_test_home_cleanup ();
  return status;
}

/* pp-store.c: Pairpad's history in SQLite
 *
 * One file, $XDG_DATA_HOME/pairpad/pairpad.db, in WAL mode with
 * synchronous=NORMAL: a commit is in the WAL (so in the kernel's hands,
 * surviving the app being killed) when the call returns, and the WAL is
 * synced at checkpoints. PRAGMA user_version is the schema's version;
 * opening runs each migration past it in its own transaction. A file that
 * is not a database, or fails SQLite's quick check, is "corrupt":
 * pp_store_open_or_reset() moves it (and its -wal and -shm) aside and
 * starts afresh, telling the caller where the old one went.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pp-store-private.h"

struct _PpStore
{
  GObject parent_instance;
  sqlite3 *db;
  char *path;
  char *folder;   /* the file's folder as the user reads it: "~/.local/share/pairpad" */
  guint version;
};

G_DEFINE_FINAL_TYPE (PpStore, pp_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (pp-store-error-quark, pp_store_error)

/* Each entry takes the schema from the version before it to its index + 1.
 * Never edit one that has shipped: add the next. */
static const char *migrations[PP_STORE_SCHEMA_VERSION] = {
  /* 1: sessions and what they hold, and the practice drafts */
  "CREATE TABLE sessions (id TEXT PRIMARY KEY, title TEXT NOT NULL,"
  "  started_at INTEGER NOT NULL, ended_at INTEGER);"
  "CREATE TABLE documents (session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,"
  "  state BLOB NOT NULL, saved_at INTEGER NOT NULL);"
  /* Append-only: the raw material of playback. */
  "CREATE TABLE updates (seq INTEGER PRIMARY KEY,"
  "  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  time INTEGER NOT NULL, origin TEXT NOT NULL, data BLOB NOT NULL);"
  "CREATE INDEX updates_by_session ON updates (session_id, seq);"
  "CREATE TABLE runs (id TEXT PRIMARY KEY,"
  "  session_id TEXT REFERENCES sessions (id) ON DELETE CASCADE,"
  "  author TEXT NOT NULL, language TEXT NOT NULL, status TEXT NOT NULL,"
  "  exit_code INTEGER NOT NULL, started_at INTEGER NOT NULL, cpu_ms INTEGER NOT NULL,"
  "  wall_ms INTEGER NOT NULL, rss_kb INTEGER NOT NULL, stdout BLOB NOT NULL, stderr BLOB NOT NULL);"
  "CREATE TABLE chat (id TEXT PRIMARY KEY,"
  "  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  author TEXT NOT NULL, time INTEGER NOT NULL, text TEXT NOT NULL);"
  "CREATE TABLE notes (session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL, saved_at INTEGER NOT NULL);"
  "CREATE TABLE drafts (key TEXT PRIMARY KEY, language TEXT NOT NULL, text TEXT NOT NULL,"
  "  saved_at INTEGER NOT NULL);",

  /* 2: the practice judge's submissions; a run may belong to a problem */
  "CREATE TABLE submissions (id INTEGER PRIMARY KEY, problem_id TEXT NOT NULL,"
  "  language TEXT NOT NULL, code TEXT NOT NULL, verdict TEXT NOT NULL,"
  "  failed_test INTEGER NOT NULL, cpu_ms INTEGER NOT NULL, rss_kb INTEGER NOT NULL,"
  "  submitted_at INTEGER NOT NULL);"
  "CREATE INDEX submissions_by_problem ON submissions (problem_id, submitted_at);"
  "ALTER TABLE runs ADD COLUMN problem_id TEXT;",

  /* 3: who we were in each room we joined, so a restarted app rejoins as
   * itself; kept apart from sessions, whose row the record makes later */
  "CREATE TABLE room_peers (room TEXT PRIMARY KEY, peer_id TEXT NOT NULL,"
  "  joined_at INTEGER NOT NULL);",
};

static PpStoreError
code_of (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? PP_STORE_ERROR_CORRUPT
                                                     : PP_STORE_ERROR_FAILED;
}

/* SQLite's own reason for RC, in English: the detail in a message. */
static const char *
reason (sqlite3 *db,
        int      rc)
{
  return db != NULL && sqlite3_errcode (db) == rc ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
}

/* Sets ERROR to FORMAT: one whole sentence that says what could not be
 * done and what the user can do about it. */
G_GNUC_PRINTF (3, 4)
static gboolean
fail (PpStoreError   code,
      GError       **error,
      const char    *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (PP_STORE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

/* Opening failed at RC: one message for every step of it. */
static gboolean
open_failed (PpStore       *self,
             int            rc,
             PpStoreError   code,
             GError       **error)
{
  return fail (code, error,
               /* Translators: the first %s is the history's file, the second SQLite's
                * own reason, in English */
               _("Your history, “%s”, could not be opened (%s), so nothing you do now will "
                 "be kept in it. Check that you may read and write that file, then restart "
                 "Pairpad."), self->path, reason (self->db, rc));
}

/* A single-value query's integer. */
static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           int         *rc)
{
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return *rc == SQLITE_ROW;
}

static gboolean
check_integrity (PpStore  *self,
                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  gboolean ok = FALSE;

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return open_failed (self, rc, code_of (rc), error);
  if (!ok)
    g_set_error (error, PP_STORE_ERROR, PP_STORE_ERROR_CORRUPT,
                 /* Translators: %s is the history's file */
                 _("Your history, “%s”, is damaged. Restart Pairpad: it keeps the damaged "
                   "file aside and starts a new history."), self->path);
  return ok;
}

/* The folder of PATH, with the home folder as "~". */
static char *
shown_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize n = strlen (home);

  if (n > 1 && strncmp (folder, home, n) == 0 && (folder[n] == '/' || folder[n] == '\0'))
    return g_strconcat ("~", folder + n, NULL);
  return g_steal_pointer (&folder);
}

static gboolean
migrate (PpStore  *self,
         guint     target,
         GError  **error)
{
  for (guint v = self->version; v < target; v++)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE; %s PRAGMA user_version = %u; COMMIT;",
                                              migrations[v], v + 1);

      int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        {
          fail (code_of (rc), error,
                /* Translators: the first %s is the history's file, the second SQLite's
                 * own reason, in English */
                _("Your history, “%s”, could not be brought up to date for this Pairpad (%s). "
                  "Check that the disk has free space and that you may write to that file, "
                  "then restart Pairpad."), self->path, reason (self->db, rc));
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      self->version = v + 1;
    }
  return TRUE;
}

static PpStore *
open_at (const char  *path,
         guint        target,
         GError     **error)
{
  g_autoptr(PpStore) self = g_object_new (PP_TYPE_STORE, NULL);
  g_autofree char *directory = g_path_get_dirname (path);
  gint64 version = 0;
  int rc;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: the first %s is a folder, the second the system's reason */
                   _("The folder for your history, “%s”, could not be made (%s), so nothing "
                     "you do now will be kept. Check that you may write to the folder above "
                     "it, then restart Pairpad."), directory, g_strerror (saved));
      return NULL;
    }
  self->path = g_strdup (path);
  self->folder = shown_folder (path);
  /* Callers may use one store from several threads. */
  if (sqlite3_threadsafe () != 1)
    {
      g_set_error_literal (error, PP_STORE_ERROR, PP_STORE_ERROR_FAILED,
                           "SQLite was built without serialized threading");
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      /* Unreadable is as good as lost: the caller may move it aside. */
      open_failed (self, rc, rc == SQLITE_CANTOPEN ? PP_STORE_ERROR_CORRUPT : code_of (rc), error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);
  if ((rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                                    "PRAGMA foreign_keys = ON;", NULL, NULL, NULL)) != SQLITE_OK ||
      !query_int (self->db, "PRAGMA user_version", &version, &rc))
    {
      open_failed (self, rc, code_of (rc), error);
      return NULL;
    }
  if (!check_integrity (self, error))
    return NULL;
  if (version > PP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PP_STORE_ERROR, PP_STORE_ERROR_TOO_NEW,
                   _("The history database “%s” was written by a newer Pairpad (schema %d; "
                     "this one knows up to %d). Update Pairpad to open it."),
                   path, (int) version, PP_STORE_SCHEMA_VERSION);
      return NULL;
    }
  self->version = (guint) version;
  if (!migrate (self, target, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pp_store_open:
 *
 * Opens (or makes) the database at @path and brings its schema up to
 * %PP_STORE_SCHEMA_VERSION.
 *
 * Returns: (transfer full): the store, or %NULL: %PP_STORE_ERROR_CORRUPT
 *   for a file that is damaged, not a database, or cannot be opened;
 *   %PP_STORE_ERROR_TOO_NEW for a newer Pairpad's
 */
PpStore *
pp_store_open (const char  *path,
               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_at (path, PP_STORE_SCHEMA_VERSION, error);
}

PpStore *
_pp_store_open_at_version (const char  *path,
                           guint        version,
                           GError     **error)
{
  g_return_val_if_fail (version <= PP_STORE_SCHEMA_VERSION, NULL);
  return open_at (path, version, error);
}

/**
 * pp_store_open_or_reset:
 * @moved_to: (out) (optional) (nullable): where a damaged file went, or
 *   %NULL when nothing was moved
 *
 * As pp_store_open(), but a damaged or unreadable file is renamed to
 * "@path.damaged-DATE" (with its -wal and -shm) and a new one is made, so
 * that the app starts; the caller tells the user where the old one is.
 */
PpStore *
pp_store_open_or_reset (const char  *path,
                        char       **moved_to,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *aside = NULL;
  PpStore *self;

  if (moved_to != NULL)
    *moved_to = NULL;
  self = pp_store_open (path, &local_error);
  if (self != NULL || !g_error_matches (local_error, PP_STORE_ERROR, PP_STORE_ERROR_CORRUPT) ||
      !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (self == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return self;
    }

  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  for (guint i = 0; i < 3; i++)
    {
      const char *suffix = (const char *[]) { "", "-wal", "-shm" }[i];
      g_autofree char *from = g_strconcat (path, suffix, NULL);
      g_autofree char *to = g_strconcat (aside, suffix, NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       /* Translators: the first %s is the history's file, the second the
                        * system's reason */
                       _("Your history, “%s”, is damaged and could not be moved aside (%s). "
                         "Move or rename it yourself, then restart Pairpad."),
                       path, g_strerror (saved));
          return NULL;
        }
    }
  g_message ("The history database was damaged (%s); it is now %s", local_error->message, aside);
  self = pp_store_open (path, error);
  if (self != NULL && moved_to != NULL)
    *moved_to = g_steal_pointer (&aside);
  return self;
}

guint
pp_store_get_schema_version (PpStore *self)
{
  g_return_val_if_fail (PP_IS_STORE (self), 0);
  return self->version;
}

/* Statements: prepare, bind by type letters, step. */

typedef struct
{
  sqlite3_stmt *stmt;
  int rc;
} Query;

static void
query_clear (Query *q)
{
  sqlite3_finalize (q->stmt);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

/* TYPES, one letter a parameter: s (const char *, NULL for SQL NULL),
 * i (gint64), b (GBytes *). */
static gboolean
query_start (PpStore    *self,
             Query      *q,
             const char *sql,
             const char *types,
             ...)
{
  va_list args;

  q->rc = sqlite3_prepare_v2 (self->db, sql, -1, &q->stmt, NULL);
  if (q->rc != SQLITE_OK)
    return FALSE;
  va_start (args, types);
  for (int i = 0; types[i] != '\0' && q->rc == SQLITE_OK; i++)
    {
      if (types[i] == 's')
        {
          const char *text = va_arg (args, const char *);

          q->rc = text ? sqlite3_bind_text (q->stmt, i + 1, text, -1, SQLITE_TRANSIENT)
                       : sqlite3_bind_null (q->stmt, i + 1);
        }
      else if (types[i] == 'i')
        q->rc = sqlite3_bind_int64 (q->stmt, i + 1, va_arg (args, gint64));
      else if (types[i] == 'b')
        {
          GBytes *bytes = va_arg (args, GBytes *);
          gsize size = 0;
          gconstpointer data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

          q->rc = sqlite3_bind_blob64 (q->stmt, i + 1, data ? data : "", size, SQLITE_TRANSIENT);
        }
      else
        g_assert_not_reached ();
    }
  va_end (args);
  return q->rc == SQLITE_OK;
}

/* The next row, or the end: FALSE when SQLite failed (q->rc says how). */
static gboolean
query_step (Query *q)
{
  if (q->rc == SQLITE_OK)
    q->rc = sqlite3_step (q->stmt);
  return q->rc == SQLITE_DONE || q->rc == SQLITE_ROW;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           column)
{
  return g_bytes_new (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
}

/* Drafts */

gboolean
pp_store_save_draft (PpStore     *self,
                     const char  *key,
                     const char  *language,
                     const char  *text,
                     GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && language != NULL && text != NULL, FALSE);

  query_start (self, &q,
               "INSERT INTO drafts (key, language, text, saved_at) VALUES (?, ?, ?, ?)"
               " ON CONFLICT (key) DO UPDATE SET language = excluded.language,"
               " text = excluded.text, saved_at = excluded.saved_at",
               "sssi", key, language, text, g_get_real_time ());
  return query_step (&q) ||
         fail (code_of (q.rc), error,
               /* Translators: the first %s is SQLite's own reason, in English; the second
                * the folder of the history */
               _("Your draft could not be saved (%s). Check that the disk has free space, "
                 "that you may write to %s and that no other program holds your history "
                 "open, then keep typing to try again."), reason (self->db, q.rc), self->folder);
}

/**
 * pp_store_load_draft:
 * @language: (out) (optional): the draft's language
 *
 * Returns: (transfer full) (nullable): the draft's text; %NULL with no
 *   error when there is none
 */
char *
pp_store_load_draft (PpStore     *self,
                     const char  *key,
                     char       **language,
                     GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), NULL);
  if (language != NULL)
    *language = NULL;
  query_start (self, &q, "SELECT text, language FROM drafts WHERE key = ?", "s", key);
  if (!query_step (&q))
    {
      fail (code_of (q.rc), error,
            /* Translators: the first %s is SQLite's own reason, in English; the second the
             * folder of the history */
            _("Your saved draft could not be read (%s). Check that you may read %s and that "
              "no other program holds your history open, then try again."),
            reason (self->db, q.rc), self->folder);
      return NULL;
    }
  if (q.rc != SQLITE_ROW)
    return NULL;
  if (language != NULL)
    *language = column_text (q.stmt, 1);
  return column_text (q.stmt, 0);
}

/* Submissions */

void
pp_submission_free (PpSubmission *submission)
{
  g_free (submission->problem_id);
  g_free (submission->language);
  g_free (submission->code);
  g_free (submission->verdict);
  g_free (submission);
}

/**
 * pp_store_add_submission:
 *
 * Records @submission and sets its id.
 */
gboolean
pp_store_add_submission (PpStore       *self,
                         PpSubmission  *submission,
                         GError       **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), FALSE);
  query_start (self, &q,
               "INSERT INTO submissions (problem_id, language, code, verdict, failed_test,"
               " cpu_ms, rss_kb, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               "ssssiiii", submission->problem_id, submission->language, submission->code,
               submission->verdict, (gint64) submission->failed_test, submission->cpu_ms,
               submission->rss_kb, submission->submitted_at);
  if (!query_step (&q))
    return fail (code_of (q.rc), error,
                 /* Translators: the first %s is SQLite's own reason, in English; the second
                  * the folder of the history */
                 _("Your submission was judged but could not be added to your attempts (%s). "
                   "Check that the disk has free space, that you may write to %s and that no "
                   "other program holds your history open, then submit again."),
                 reason (self->db, q.rc), self->folder);
  submission->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * pp_store_list_submissions:
 * @problem_id: (nullable): one problem's, or %NULL for all
 *
 * Returns: (transfer container) (element-type PpSubmission): newest first
 */
GPtrArray *
pp_store_list_submissions (PpStore     *self,
                           const char  *problem_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_submission_free);
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), NULL);
  query_start (self, &q,
               "SELECT id, problem_id, language, code, verdict, failed_test, cpu_ms, rss_kb,"
               " submitted_at FROM submissions WHERE ?1 IS NULL OR problem_id = ?1"
               " ORDER BY submitted_at DESC, id DESC", "s", problem_id);
  while (query_step (&q) && q.rc == SQLITE_ROW)
    {
      PpSubmission *s = g_new0 (PpSubmission, 1);

      s->id = sqlite3_column_int64 (q.stmt, 0);
      s->problem_id = column_text (q.stmt, 1);
      s->language = column_text (q.stmt, 2);
      s->code = column_text (q.stmt, 3);
      s->verdict = column_text (q.stmt, 4);
      s->failed_test = sqlite3_column_int (q.stmt, 5);
      s->cpu_ms = sqlite3_column_int64 (q.stmt, 6);
      s->rss_kb = sqlite3_column_int64 (q.stmt, 7);
      s->submitted_at = sqlite3_column_int64 (q.stmt, 8);
      g_ptr_array_add (list, s);
      q.rc = SQLITE_OK;
    }
  if (q.rc != SQLITE_DONE)
    {
      fail (code_of (q.rc), error,
            /* Translators: the first %s is SQLite's own reason, in English; the second the
             * folder of the history */
            _("Your past submissions could not be read (%s). Check that you may read %s and "
              "that no other program holds your history open, then try again."),
            reason (self->db, q.rc), self->folder);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Runs */

void
pp_run_record_free (PpRunRecord *record)
{
  g_free (record->id);
  g_free (record->session_id);
  g_free (record->author);
  g_free (record->language);
  g_free (record->status);
  g_clear_pointer (&record->stdout_bytes, g_bytes_unref);
  g_clear_pointer (&record->stderr_bytes, g_bytes_unref);
  g_free (record);
}

gboolean
pp_store_add_run (PpStore            *self,
                  const PpRunRecord  *r,
                  GError            **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), FALSE);
  query_start (self, &q,
               "INSERT INTO runs (id, session_id, author, language, status, exit_code, started_at,"
               " cpu_ms, wall_ms, rss_kb, stdout, stderr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               "sssssiiiiibb", r->id, r->session_id, r->author, r->language, r->status,
               (gint64) r->exit_code, r->started_at, r->cpu_ms, r->wall_ms, r->rss_kb,
               r->stdout_bytes, r->stderr_bytes);
  return query_step (&q) ||
         fail (code_of (q.rc), error,
               /* Translators: the first %s is SQLite's own reason, in English; the second
                * the folder of the history */
               _("The run could not be added to your history (%s). Check that the disk has "
                 "free space, that you may write to %s and that no other program holds your "
                 "history open; the next run tries again."), reason (self->db, q.rc),
               self->folder);
}

/**
 * pp_store_list_runs:
 * @session_id: (nullable): one session's runs, or %NULL for those outside
 *   any session
 *
 * Returns: (transfer container) (element-type PpRunRecord): oldest first
 */
GPtrArray *
pp_store_list_runs (PpStore     *self,
                    const char  *session_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_run_record_free);
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), NULL);
  query_start (self, &q,
               "SELECT id, session_id, author, language, status, exit_code, started_at, cpu_ms,"
               " wall_ms, rss_kb, stdout, stderr FROM runs WHERE session_id IS ?"
               " ORDER BY started_at, rowid", "s", session_id);
  while (query_step (&q) && q.rc == SQLITE_ROW)
    {
      PpRunRecord *r = g_new0 (PpRunRecord, 1);

      r->id = column_text (q.stmt, 0);
      r->session_id = column_text (q.stmt, 1);
      r->author = column_text (q.stmt, 2);
      r->language = column_text (q.stmt, 3);
      r->status = column_text (q.stmt, 4);
      r->exit_code = sqlite3_column_int (q.stmt, 5);
      r->started_at = sqlite3_column_int64 (q.stmt, 6);
      r->cpu_ms = sqlite3_column_int64 (q.stmt, 7);
      r->wall_ms = sqlite3_column_int64 (q.stmt, 8);
      r->rss_kb = sqlite3_column_int64 (q.stmt, 9);
      r->stdout_bytes = column_bytes (q.stmt, 10);
      r->stderr_bytes = column_bytes (q.stmt, 11);
      g_ptr_array_add (list, r);
      q.rc = SQLITE_OK;
    }
  if (q.rc != SQLITE_DONE)
    {
      fail (code_of (q.rc), error,
            /* Translators: the first %s is SQLite's own reason, in English; the second the
             * folder of the history */
            _("Your past runs could not be read (%s). Check that you may read %s and that no "
              "other program holds your history open, then try again."),
            reason (self->db, q.rc), self->folder);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Sessions */

/**
 * pp_store_add_session:
 *
 * Adds the session @id; one that is there already (a peer rejoining a
 * session it kept) is kept as it is, title and start included.
 */
gboolean
pp_store_add_session (PpStore     *self,
                      const char  *id,
                      const char  *title,
                      gint64       started_at,
                      GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), FALSE);
  query_start (self, &q, "INSERT INTO sessions (id, title, started_at) VALUES (?, ?, ?)"
               " ON CONFLICT (id) DO NOTHING",
               "ssi", id, title, started_at);
  return query_step (&q) ||
         fail (code_of (q.rc), error,
               /* Translators: the first %s is SQLite's own reason, in English; the second
                * the folder of the history */
               _("The session could not be added to your history (%s). Check that the disk "
                 "has free space, that you may write to %s and that no other program holds "
                 "your history open, then start the session again."), reason (self->db, q.rc),
               self->folder);
}

void
pp_stored_session_free (PpStoredSession *session)
{
  g_free (session->id);
  g_free (session->title);
  g_free (session);
}

/**
 * pp_store_list_sessions:
 *
 * The sessions whose document was kept, the most recent first.
 *
 * Returns: (transfer full) (element-type PpStoredSession): the list, or
 *   %NULL with @error set
 */
GPtrArray *
pp_store_list_sessions (PpStore  *self,
                        GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_stored_session_free);
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), NULL);
  query_start (self, &q,
               "SELECT s.id, s.title, s.started_at, d.saved_at FROM sessions s"
               " JOIN documents d ON d.session_id = s.id ORDER BY s.started_at DESC, s.rowid DESC", "");
  while (query_step (&q) && q.rc == SQLITE_ROW)
    {
      PpStoredSession *session = g_new0 (PpStoredSession, 1);

      session->id = column_text (q.stmt, 0);
      session->title = column_text (q.stmt, 1);
      session->started_at = sqlite3_column_int64 (q.stmt, 2);
      session->saved_at = sqlite3_column_int64 (q.stmt, 3);
      g_ptr_array_add (list, session);
      q.rc = SQLITE_OK;
    }
  if (q.rc != SQLITE_DONE)
    {
      fail (code_of (q.rc), error,
            /* Translators: the first %s is SQLite's own reason, in English; the second the
             * folder of the history */
            _("Your past sessions could not be read (%s). Check that you may read %s and that "
              "no other program holds your history open, then try again."),
            reason (self->db, q.rc), self->folder);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
pp_store_save_document (PpStore     *self,
                        const char  *session_id,
                        GBytes      *state,
                        GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), FALSE);
  query_start (self, &q,
               "INSERT INTO documents (session_id, state, saved_at) VALUES (?, ?, ?)"
               " ON CONFLICT (session_id) DO UPDATE SET state = excluded.state,"
               " saved_at = excluded.saved_at", "sbi", session_id, state, g_get_real_time ());
  return query_step (&q) ||
         fail (code_of (q.rc), error,
               /* Translators: the first %s is SQLite's own reason, in English; the second
                * the folder of the history */
               _("The session’s code could not be saved (%s). Check that the disk has free "
                 "space, that you may write to %s and that no other program holds your "
                 "history open; the next change tries again."), reason (self->db, q.rc),
               self->folder);
}

/**
 * pp_store_load_document:
 *
 * Returns: (transfer full) (nullable): the document's state (a Yjs
 *   update); %NULL with no error when there is none
 */
GBytes *
pp_store_load_document (PpStore     *self,
                        const char  *session_id,
                        GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), NULL);
  query_start (self, &q, "SELECT state FROM documents WHERE session_id = ?", "s", session_id);
  if (!query_step (&q))
    {
      fail (code_of (q.rc), error,
            /* Translators: the first %s is SQLite's own reason, in English; the second the
             * folder of the history */
            _("The session’s saved code could not be read (%s). Check that you may read %s "
              "and that no other program holds your history open, then open the session "
              "again."), reason (self->db, q.rc), self->folder);
      return NULL;
    }
  if (q.rc != SQLITE_ROW)
    return NULL;
  return column_bytes (q.stmt, 0);
}

gboolean
pp_store_append_update (PpStore     *self,
                        const char  *session_id,
                        gint64       time,
                        const char  *origin,
                        GBytes      *update,
                        GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), FALSE);
  query_start (self, &q, "INSERT INTO updates (session_id, time, origin, data) VALUES (?, ?, ?, ?)",
               "sisb", session_id, time, origin, update);
  return query_step (&q) ||
         fail (code_of (q.rc), error,
               /* Translators: the first %s is SQLite's own reason, in English; the second
                * the folder of the history */
               _("A change could not be added to the session’s playback (%s). Check that the "
                 "disk has free space, that you may write to %s and that no other program "
                 "holds your history open; the next change tries again."),
               reason (self->db, q.rc), self->folder);
}

/**
 * pp_store_list_updates:
 *
 * Returns: (transfer container) (element-type GBytes): the session's
 *   updates in the order they were logged
 */
GPtrArray *
pp_store_list_updates (PpStore     *self,
                       const char  *session_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), NULL);
  query_start (self, &q, "SELECT data FROM updates WHERE session_id = ? ORDER BY seq", "s", session_id);
  while (query_step (&q) && q.rc == SQLITE_ROW)
    {
      g_ptr_array_add (list, column_bytes (q.stmt, 0));
      q.rc = SQLITE_OK;
    }
  if (q.rc != SQLITE_DONE)
    {
      fail (code_of (q.rc), error,
            /* Translators: the first %s is SQLite's own reason, in English; the second the
             * folder of the history */
            _("The session’s playback could not be read (%s). Check that you may read %s and "
              "that no other program holds your history open, then open the playback again."),
            reason (self->db, q.rc), self->folder);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
pp_store_add_chat (PpStore     *self,
                   const char  *session_id,
                   const char  *id,
                   const char  *author,
                   gint64       time,
                   const char  *text,
                   GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), FALSE);
  query_start (self, &q,
               "INSERT INTO chat (id, session_id, author, time, text) VALUES (?, ?, ?, ?, ?)"
               " ON CONFLICT (id) DO NOTHING", "sssis", id, session_id, author, time, text);
  return query_step (&q) ||
         fail (code_of (q.rc), error,
               /* Translators: the first %s is SQLite's own reason, in English; the second
                * the folder of the history */
               _("The chat message could not be added to your history (%s). Check that the "
                 "disk has free space, that you may write to %s and that no other program "
                 "holds your history open."), reason (self->db, q.rc), self->folder);
}

gboolean
pp_store_set_note (PpStore     *self,
                   const char  *session_id,
                   const char  *text,
                   GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), FALSE);
  query_start (self, &q,
               "INSERT INTO notes (session_id, text, saved_at) VALUES (?, ?, ?)"
               " ON CONFLICT (session_id) DO UPDATE SET text = excluded.text,"
               " saved_at = excluded.saved_at", "ssi", session_id, text, g_get_real_time ());
  return query_step (&q) ||
         fail (code_of (q.rc), error,
               /* Translators: the first %s is SQLite's own reason, in English; the second
                * the folder of the history */
               _("Your note could not be saved (%s). Check that the disk has free space, that "
                 "you may write to %s and that no other program holds your history open, then "
                 "keep typing to try again."), reason (self->db, q.rc), self->folder);
}

char *
pp_store_get_note (PpStore     *self,
                   const char  *session_id,
                   GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), NULL);
  query_start (self, &q, "SELECT text FROM notes WHERE session_id = ?", "s", session_id);
  if (!query_step (&q))
    {
      fail (code_of (q.rc), error,
            /* Translators: the first %s is SQLite's own reason, in English; the second the
             * folder of the history */
            _("Your saved note could not be read (%s). Check that you may read %s and that no "
              "other program holds your history open, then open the session again."),
            reason (self->db, q.rc), self->folder);
      return NULL;
    }
  if (q.rc != SQLITE_ROW)
    return NULL;
  return column_text (q.stmt, 0);
}

/* Rooms: the peer id we had in each, for a restarted app to rejoin as
 * itself rather than as a stranger the host must admit again. */
gboolean
pp_store_set_room_peer (PpStore     *self,
                        const char  *room,
                        const char  *peer_id,
                        GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), FALSE);
  query_start (self, &q,
               "INSERT INTO room_peers (room, peer_id, joined_at) VALUES (?, ?, ?)"
               " ON CONFLICT (room) DO UPDATE SET peer_id = excluded.peer_id,"
               " joined_at = excluded.joined_at", "ssi", room, peer_id, g_get_real_time ());
  return query_step (&q) ||
         fail (code_of (q.rc), error,
               /* Translators: the first %s is SQLite's own reason, in English; the second
                * the folder of the history */
               _("The session could not be kept in your history (%s). Check that the disk has "
                 "free space and that you may write to %s."), reason (self->db, q.rc),
               self->folder);
}

/* NULL without error when we were never in the room. */
char *
pp_store_get_room_peer (PpStore     *self,
                        const char  *room,
                        GError     **error)
{
  g_auto(Query) q = { 0 };

  g_return_val_if_fail (PP_IS_STORE (self), NULL);
  query_start (self, &q, "SELECT peer_id FROM room_peers WHERE room = ?", "s", room);
  if (!query_step (&q))
    {
      fail (code_of (q.rc), error,
            /* Translators: the first %s is SQLite's own reason, in English; the second the
             * folder of the history */
            _("Your history could not be read (%s). Check that you may read %s and that no "
              "other program holds it open."), reason (self->db, q.rc), self->folder);
      return NULL;
    }
  if (q.rc != SQLITE_ROW)
    return NULL;
  return column_text (q.stmt, 0);
}

static void
pp_store_finalize (GObject *object)
{
  PpStore *self = PP_STORE (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->folder);
  G_OBJECT_CLASS (pp_store_parent_class)->finalize (object);
}

static void
pp_store_class_init (PpStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_store_finalize;
}

static void
pp_store_init (PpStore *self)
{
}

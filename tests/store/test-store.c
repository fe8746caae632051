/* test-store.c: the history database, on real SQLite files in a folder of
 * the test's own: every table round trip, migrating a database made by the
 * first schema, refusing a newer one, moving a damaged or unreadable one
 * aside, nothing acknowledged lost when the writer is killed, and what the
 * user is told when SQLite really fails: another program holding the file,
 * a file size limit as a full disk, a read-only file, pages overwritten
 * under an open store.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "pp-store-private.h"
#include "pp-test-lib.h"

static char *
db_path (const char *name)
{
  return g_build_filename (pp_test_home_get_path (), name, "pairpad.db", NULL);
}

static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_round_trip (void)
{
  g_autofree char *path = db_path ("round-trip");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpStore) store = pp_store_open (path, &error);
  g_autofree char *language = NULL;
  g_autofree char *text = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GPtrArray) subs = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(GBytes) state = NULL;
  g_autoptr(GBytes) out = bytes ("6\n");
  g_autoptr(GBytes) err = bytes ("");
  g_autofree char *note = NULL;
  PpSubmission first = { 0, "sum", "python", "print(6)", "WA", 2, 12, 9000, 1000 };
  PpSubmission second = { 0, "sum", "c", "int main", "AC", -1, 3, 1200, 2000 };
  PpSubmission other = { 0, "other", "go", "package main", "TLE", 0, 2000, 3000, 1500 };
  PpRunRecord run = { "run-1", NULL, "me", "python", "OK", 0, 5000, 20, 25, 9300, out, err };

  g_assert_no_error (error);
  g_assert_cmpuint (pp_store_get_schema_version (store), ==, PP_STORE_SCHEMA_VERSION);

  /* Drafts: saved, replaced, and none for an unknown key. */
  g_assert_true (pp_store_save_draft (store, "scratch", "python", "print(1)\n", &error));
  g_assert_true (pp_store_save_draft (store, "scratch", "c", "int x;\n", &error));
  g_assert_no_error (error);
  text = pp_store_load_draft (store, "scratch", &language, &error);
  g_assert_cmpstr (text, ==, "int x;\n");
  g_assert_cmpstr (language, ==, "c");
  g_assert_null (pp_store_load_draft (store, "nothing", NULL, &error));
  g_assert_no_error (error);
  /* WAL mode: the write is in the log. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Submissions: newest first, by problem or all. */
  g_assert_true (pp_store_add_submission (store, &first, &error));
  g_assert_true (pp_store_add_submission (store, &second, &error));
  g_assert_true (pp_store_add_submission (store, &other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (second.id, >, first.id);
  subs = pp_store_list_submissions (store, "sum", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (subs->len, ==, 2);
  g_assert_cmpstr (((PpSubmission *) subs->pdata[0])->verdict, ==, "AC");
  g_assert_cmpstr (((PpSubmission *) subs->pdata[1])->code, ==, "print(6)");
  g_assert_cmpint (((PpSubmission *) subs->pdata[1])->failed_test, ==, 2);
  g_clear_pointer (&subs, g_ptr_array_unref);
  subs = pp_store_list_submissions (store, NULL, &error);
  g_assert_cmpuint (subs->len, ==, 3);
  g_assert_cmpstr (((PpSubmission *) subs->pdata[1])->problem_id, ==, "other");

  /* Runs, with their output. */
  g_assert_true (pp_store_add_run (store, &run, &error));
  g_assert_no_error (error);
  g_assert_false (pp_store_add_run (store, &run, &error));   /* the same id twice */
  g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_FAILED);
  g_clear_error (&error);
  runs = pp_store_list_runs (store, NULL, &error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_true (g_bytes_equal (((PpRunRecord *) runs->pdata[0])->stdout_bytes, out));
  g_assert_cmpint (((PpRunRecord *) runs->pdata[0])->rss_kb, ==, 9300);

  /* A session: its document, update log, chat and note. */
  g_assert_true (pp_store_add_session (store, "s1", "Interview", 100, &error));
  /* A peer rejoining adds it again: it is kept, as it was. */
  g_assert_true (pp_store_add_session (store, "s1", "Rejoined", 200, &error));
  g_assert_no_error (error);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title, started_at FROM sessions", -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Interview");
    g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 100);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  {
    g_autoptr(GBytes) u1 = bytes ("\x01\x02");
    g_autoptr(GBytes) u2 = bytes ("\x03");
    g_autoptr(GBytes) doc = bytes ("snapshot");

    g_assert_true (pp_store_append_update (store, "s1", 101, "local", u1, &error));
    g_assert_true (pp_store_append_update (store, "s1", 102, "peer-2", u2, &error));
    g_assert_true (pp_store_save_document (store, "s1", doc, &error));
    g_assert_no_error (error);
    updates = pp_store_list_updates (store, "s1", &error);
    g_assert_cmpuint (updates->len, ==, 2);
    g_assert_true (g_bytes_equal (updates->pdata[0], u1));
    g_assert_true (g_bytes_equal (updates->pdata[1], u2));
    state = pp_store_load_document (store, "s1", &error);
    g_assert_true (g_bytes_equal (state, doc));
  }
  /* Past sessions: those with a document, the most recent first. */
  {
    g_autoptr(GBytes) doc = bytes ("later");
    g_autoptr(GPtrArray) sessions = NULL;
    PpStoredSession *first, *second;

    g_assert_true (pp_store_add_session (store, "s0", "Without a document", 300, &error));
    g_assert_true (pp_store_add_session (store, "s2", "Two Sum", 150, &error));
    g_assert_true (pp_store_save_document (store, "s2", doc, &error));
    sessions = pp_store_list_sessions (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sessions->len, ==, 2);
    first = sessions->pdata[0];
    second = sessions->pdata[1];
    g_assert_cmpstr (first->id, ==, "s2");
    g_assert_cmpstr (first->title, ==, "Two Sum");
    g_assert_cmpint (first->started_at, ==, 150);
    g_assert_cmpint (first->saved_at, >, 0);
    g_assert_cmpstr (second->id, ==, "s1");
    g_assert_cmpstr (second->title, ==, "Interview");
  }
  g_assert_true (pp_store_add_chat (store, "s1", "m1", "Ada", 103, "hello", &error));
  g_assert_true (pp_store_add_chat (store, "s1", "m1", "Ada", 103, "hello", &error)); /* echoed */
  g_assert_true (pp_store_set_note (store, "s1", "strong on graphs", &error));
  g_assert_no_error (error);
  note = pp_store_get_note (store, "s1", &error);
  g_assert_cmpstr (note, ==, "strong on graphs");

  /* Who we were in a room: none until kept, then the last one kept. */
  {
    g_autofree char *none = pp_store_get_room_peer (store, "room1", &error);
    g_autofree char *first = NULL, *second = NULL;

    g_assert_no_error (error);
    g_assert_null (none);
    g_assert_true (pp_store_set_room_peer (store, "room1", "peerA", &error));
    first = pp_store_get_room_peer (store, "room1", &error);
    g_assert_cmpstr (first, ==, "peerA");
    g_assert_true (pp_store_set_room_peer (store, "room1", "peerB", &error));
    second = pp_store_get_room_peer (store, "room1", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (second, ==, "peerB");
  }

  /* An update for a session that does not exist is refused. */
  {
    g_autoptr(GBytes) u = bytes ("x");

    g_assert_false (pp_store_append_update (store, "nobody", 1, "local", u, &error));
    g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_FAILED);
  }
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A database as the first schema left it comes up to the latest, with
 * everything in it. */
static void
test_migration (void)
{
  g_autofree char *path = db_path ("migration");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) subs = NULL;
  PpSubmission sub = { 0, "sum", "python", "x", "AC", -1, 1, 1, 1 };

  {
    g_autoptr(PpStore) old = _pp_store_open_at_version (path, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pp_store_get_schema_version (old), ==, 1);
    g_assert_true (pp_store_save_draft (old, "scratch", "python", "kept\n", &error));
    g_assert_true (pp_store_add_session (old, "s1", "Old", 1, &error));
    g_assert_no_error (error);
    /* The first schema has no submissions. */
    g_assert_false (pp_store_add_submission (old, &sub, &error));
    g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_FAILED);
    g_clear_error (&error);
  }
  {
    g_autoptr(PpStore) store = pp_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pp_store_get_schema_version (store), ==, PP_STORE_SCHEMA_VERSION);
    text = pp_store_load_draft (store, "scratch", NULL, &error);
    g_assert_cmpstr (text, ==, "kept\n");
    g_assert_true (pp_store_add_submission (store, &sub, &error));
    g_assert_true (pp_store_set_room_peer (store, "room1", "peerA", &error));
    subs = pp_store_list_submissions (store, "sum", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (subs->len, ==, 1);
  }
  /* The new column is there. */
  raw_exec (path, "SELECT problem_id FROM runs");
}

static void
test_too_new (void)
{
  g_autofree char *path = db_path ("too-new");
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;

  g_clear_object (&(PpStore *) { pp_store_open (path, &error) });
  g_assert_no_error (error);
  raw_exec (path, "PRAGMA user_version = 99");
  g_assert_null (pp_store_open_or_reset (path, &moved, &error));
  g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_TOO_NEW);
  g_assert_null (moved);
  /* Left as it was, for the newer Pairpad. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
assert_reset (const char *path,
              const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpStore) store = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *text = NULL;

  g_assert_null (pp_store_open (path, &error));
  g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_CORRUPT);
  if (says != NULL && strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
  g_clear_error (&error);

  store = pp_store_open_or_reset (path, &moved, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  g_assert_true (g_str_has_prefix (moved, path));
  g_assert_true (g_file_test (moved, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (pp_store_get_schema_version (store), ==, PP_STORE_SCHEMA_VERSION);
  g_assert_true (pp_store_save_draft (store, "scratch", "python", "fresh\n", &error));
  text = pp_store_load_draft (store, "scratch", NULL, &error);
  g_assert_cmpstr (text, ==, "fresh\n");
}

static void
test_damaged (void)
{
  g_autofree char *garbage = db_path ("garbage");
  g_autofree char *damaged = db_path ("damaged");
  g_autofree char *unreadable = db_path ("unreadable");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (garbage);

  /* Not a database at all. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (garbage, "this is not an SQLite file, just some words on a page\n"
                       "and more words, enough to fill the header's hundred bytes......",
                       -1, &error);
  g_assert_no_error (error);
  assert_reset (garbage, "not a database");

  /* A real database with a page overwritten. */
  {
    g_autoptr(PpStore) store = pp_store_open (damaged, &error);
    g_autoptr(GString) big = g_string_new (NULL);
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_no_error (error);
    for (guint i = 0; i < 2000; i++)
      g_string_append (big, "a line of code that fills pages\n");
    for (guint i = 0; i < 20; i++)
      {
        g_autofree char *key = g_strdup_printf ("k%u", i);

        g_assert_true (pp_store_save_draft (store, key, "c", big->str, &error));
      }
    g_clear_object (&store);   /* checkpoints the WAL into the file */
    g_file_get_contents (damaged, &contents, &len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (len, >, 64 * 4096);
    memset (contents + 4096, 0x5a, 8 * 4096);
    g_file_set_contents (damaged, contents, len, &error);
    g_assert_no_error (error);
  }
  assert_reset (damaged, NULL);

  /* Cannot be opened: a folder where the file should be. */
  g_assert_cmpint (g_mkdir_with_parents (unreadable, 0700), ==, 0);
  assert_reset (unreadable, "could not be opened (unable to open database file)");
}

/* A writer killed at any moment has lost nothing it was told was saved. */
static void
test_killed_writer (void)
{
  g_autofree char *path = db_path ("killed");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpStore) store = NULL;
  g_autofree char *text = NULL;
  char buffer[64];
  guint acknowledged = 0;
  int fds[2];
  pid_t pid;
  ssize_t n;

  g_clear_object (&(PpStore *) { pp_store_open (path, &error) });
  g_assert_no_error (error);
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      PpStore *child = pp_store_open (path, NULL);

      close (fds[0]);
      for (guint i = 1; child != NULL; i++)
        {
          g_autofree char *draft = g_strdup_printf ("typed %u\n", i);

          if (!pp_store_save_draft (child, "scratch", "python", draft, NULL))
            _exit (3);
          if (write (fds[1], &i, sizeof i) != sizeof i)
            _exit (4);
        }
      _exit (2);
    }
  close (fds[1]);
  /* Let it write a while, then kill it between any two instructions. */
  g_usleep (300 * 1000);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  while ((n = read (fds[0], buffer, sizeof buffer)) > 0)
    for (ssize_t k = 0; k + (ssize_t) sizeof (guint) <= n; k += sizeof (guint))
      memcpy (&acknowledged, buffer + k, sizeof (guint));
  close (fds[0]);
  g_assert_cmpuint (acknowledged, >, 10);

  store = pp_store_open (path, &error);
  g_assert_no_error (error);
  text = pp_store_load_draft (store, "scratch", NULL, &error);
  g_assert_nonnull (text);
  /* The last acknowledged write or the one after it, never an older one. */
  {
    guint found = 0;

    g_assert_cmpint (sscanf (text, "typed %u", &found), ==, 1);
    g_assert_cmpuint (found, >=, acknowledged);
    g_assert_cmpuint (found, <=, acknowledged + 1);
  }
}

/* A message the user can act on: one whole message that begins with what
 * was being done, gives SQLite's reason as a detail, names the folder to
 * look at and is not a template left half filled. */
static void
assert_tells (const GError *error,
              const char   *begins,
              const char   *reason,
              const char   *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *detail = g_strdup_printf ("(%s)", reason);

  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, begins) || strstr (error->message, detail) == NULL ||
      strstr (error->message, folder) == NULL || !g_str_has_suffix (error->message, ".") ||
      strchr (error->message, '%') != NULL || strstr (error->message, "failed") != NULL)
    g_error ("“%s” should begin “%s”, give “%s” and name “%s”", error->message, begins, detail,
             folder);
}

/* Another connection holds the write lock longer than the store waits
 * (2 s): every kind of write says which it was, and works again once the
 * lock is let go. */
static void
test_error_locked (void)
{
  g_autofree char *path = db_path ("locked");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpStore) store = pp_store_open (path, &error);
  PpSubmission sub = { 0, "sum", "python", "print(1)", "AC", -1, 1, 1, 1 };
  PpRunRecord run = { "r1", NULL, "Ada", "python", "OK", 0, 1, 1, 1, 1, NULL, NULL };
  sqlite3 *other = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (pp_store_save_draft (store, "scratch", "python", "typed\n", &error));
  g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_FAILED);
  assert_tells (error, "Your draft could not be saved", "database is locked", path);
  g_clear_error (&error);
  g_assert_false (pp_store_add_submission (store, &sub, &error));
  assert_tells (error, "Your submission was judged but could not be added", "database is locked", path);
  g_clear_error (&error);
  g_assert_false (pp_store_add_run (store, &run, &error));
  assert_tells (error, "The run could not be added", "database is locked", path);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_true (pp_store_save_draft (store, "scratch", "python", "typed\n", &error));
  g_assert_no_error (error);
  text = pp_store_load_draft (store, "scratch", NULL, &error);
  g_assert_cmpstr (text, ==, "typed\n");
}

/* A write that would make a file bigger than the process may is refused
 * by the kernel, root or not, as a full disk refuses it. */
static void
test_error_too_big (void)
{
  g_autofree char *path = db_path ("too-big");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpStore) store = pp_store_open (path, &error);
  g_autofree char *big = g_strnfill (1024 * 1024, 'x');
  g_autofree char *text = NULL;
  struct rlimit was, small;

  g_assert_no_error (error);
  g_assert_true (pp_store_save_draft (store, "scratch", "python", "small\n", &error));
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &was), ==, 0);
  small = was;
  small.rlim_cur = 256 * 1024;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);

  g_assert_false (pp_store_save_draft (store, "scratch", "python", big, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &was), ==, 0);
  g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_FAILED);
  assert_tells (error, "Your draft could not be saved", "disk I/O error", path);
  g_clear_error (&error);

  /* What was saved before is still there; with room again, saving works. */
  text = pp_store_load_draft (store, "scratch", NULL, &error);
  g_assert_cmpstr (text, ==, "small\n");
  g_assert_true (pp_store_save_draft (store, "scratch", "python", big, &error));
  g_assert_no_error (error);
}

/* Sets or clears the immutable flag, which even root cannot write past
 * (setting it takes CAP_LINUX_IMMUTABLE and a file system that has it). */
static gboolean
set_immutable (const char *path,
               gboolean    immutable)
{
  int fd = open (path, O_RDONLY);
  int flags = 0;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0;
  flags = immutable ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
  ok = ok && ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0;
  close (fd);
  return ok;
}

/* A history the user may not write. Root writes past file permissions,
 * so as root the file and its WAL are made immutable under the open
 * store (SQLite then hears EPERM: "disk I/O error"); as anyone else the
 * file is made read-only before opening, and SQLite opens it read-only
 * ("attempt to write a readonly database"). Either way what was there
 * can still be read. */
static void
test_error_read_only (void)
{
  g_autofree char *path = db_path ("read-only");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpStore) store = NULL;
  g_autofree char *text = NULL;
  gboolean as_root = geteuid () == 0;

  store = pp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (pp_store_save_draft (store, "scratch", "python", "kept\n", &error));
  if (as_root)
    {
      if (!set_immutable (path, TRUE) || !set_immutable (wal, TRUE))
        {
          set_immutable (path, FALSE);
          g_test_skip ("root, on a file system without the immutable flag: root writes past "
                       "file permissions, so no read-only file can be made here");
          return;
        }
    }
  else
    {
      g_clear_object (&store);
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      store = pp_store_open (path, &error);
      g_assert_no_error (error);
    }

  g_assert_false (pp_store_save_draft (store, "scratch", "python", "lost?\n", &error));
  set_immutable (path, FALSE);
  set_immutable (wal, FALSE);
  g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_FAILED);
  assert_tells (error, "Your draft could not be saved",
                as_root ? "disk I/O error" : "attempt to write a readonly database", path);
  g_clear_error (&error);
  text = pp_store_load_draft (store, "scratch", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "kept\n");
}

/* Pages of the file overwritten while the store is open, as a failing
 * disk or another program would: reading says so, as damage. */
static void
test_error_damaged_under_store (void)
{
  g_autofree char *path = db_path ("damaged-under");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpStore) store = pp_store_open (path, &error);
  g_autofree char *code = g_strnfill (2000, 'c');
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      PpSubmission sub = { 0, "sum", "python", code, "WA", 0, 1, 1, i };

      g_assert_true (pp_store_add_submission (store, &sub, &error));
    }
  /* Everything into the file itself, then garbage over all but its header. */
  raw_exec (path, "PRAGMA wal_checkpoint(TRUNCATE)");
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 100 * 4096);
  memset (contents + 4096, 0x5a, len - 4096);
  g_file_set_contents_full (path, contents, len, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  list = pp_store_list_submissions (store, "sum", &error);
  g_assert_null (list);
  g_assert_error (error, PP_STORE_ERROR, PP_STORE_ERROR_CORRUPT);
  assert_tells (error, "Your past submissions could not be read", "database disk image is malformed",
                path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pp_test_home_init ("store");

  g_test_add_func ("/store/round-trip", test_round_trip);
  g_test_add_func ("/store/migration", test_migration);
  g_test_add_func ("/store/too-new", test_too_new);
  g_test_add_func ("/store/damaged", test_damaged);
  g_test_add_func ("/store/killed-writer", test_killed_writer);
  g_test_add_func ("/store/error/locked", test_error_locked);
  g_test_add_func ("/store/error/too-big", test_error_too_big);
  g_test_add_func ("/store/error/read-only", test_error_read_only);
  g_test_add_func ("/store/error/damaged-under-store", test_error_damaged_under_store);

  status = g_test_run ();
  pp_test_home_cleanup ();
  return status;
}

/* pp-store.h: Pairpad's history in SQLite
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PP_STORE_ERROR (pp_store_error_quark ())

typedef enum
{
  PP_STORE_ERROR_FAILED,    /* SQLite failed; the message says how */
  PP_STORE_ERROR_CORRUPT,   /* the file is not a database, or a damaged one */
  PP_STORE_ERROR_TOO_NEW,   /* written by a newer Pairpad */
} PpStoreError;

/* The schema this build writes; migrations bring older files up to it. */
#define PP_STORE_SCHEMA_VERSION 3

/* One attempt at a practice problem. */
typedef struct
{
  gint64  id;            /* set by the store */
  char   *problem_id;
  char   *language;
  char   *code;
  char   *verdict;       /* "AC", "WA", ... */
  int     failed_test;   /* -1 when none failed */
  gint64  cpu_ms;
  gint64  rss_kb;
  gint64  submitted_at;  /* Unix time, microseconds */
} PpSubmission;

/* One run of a program: what a session shares with its peers. */
typedef struct
{
  char   *id;            /* unique, made by whoever ran it */
  char   *session_id;    /* nullable: a run outside a session */
  char   *author;
  char   *language;
  char   *status;        /* the sandbox's: "OK", "RE", "TO", ... */
  int     exit_code;
  gint64  started_at;    /* Unix time, microseconds */
  gint64  cpu_ms;
  gint64  wall_ms;
  gint64  rss_kb;
  GBytes *stdout_bytes;  /* capped by the runner */
  GBytes *stderr_bytes;
} PpRunRecord;

/* A session kept in the history, with its document. */
typedef struct
{
  char   *id;
  char   *title;
  gint64  started_at;    /* Unix time, microseconds */
  gint64  saved_at;      /* its document's last save, the same */
} PpStoredSession;

void pp_submission_free (PpSubmission *submission);
void pp_run_record_free (PpRunRecord  *record);
void pp_stored_session_free (PpStoredSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpSubmission, pp_submission_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpRunRecord, pp_run_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpStoredSession, pp_stored_session_free)

#define PP_TYPE_STORE (pp_store_get_type ())

G_DECLARE_FINAL_TYPE (PpStore, pp_store, PP, STORE, GObject)

GQuark     pp_store_error_quark        (void);
PpStore   *pp_store_open               (const char          *path,
                                        GError             **error);
PpStore   *pp_store_open_or_reset      (const char          *path,
                                        char               **moved_to,
                                        GError             **error);
guint      pp_store_get_schema_version (PpStore             *self);

/* Drafts: the practice scratch buffers and each problem's code, by key. */
gboolean   pp_store_save_draft         (PpStore             *self,
                                        const char          *key,
                                        const char          *language,
                                        const char          *text,
                                        GError             **error);
char      *pp_store_load_draft         (PpStore             *self,
                                        const char          *key,
                                        char               **language,
                                        GError             **error);

/* Practice */
gboolean   pp_store_add_submission     (PpStore             *self,
                                        PpSubmission        *submission,
                                        GError             **error);
GPtrArray *pp_store_list_submissions   (PpStore             *self,
                                        const char          *problem_id,
                                        GError             **error);

/* Runs */
gboolean   pp_store_add_run            (PpStore             *self,
                                        const PpRunRecord   *record,
                                        GError             **error);
GPtrArray *pp_store_list_runs          (PpStore             *self,
                                        const char          *session_id,
                                        GError             **error);

/* Sessions: their documents, the update log for playback, chat, notes */
gboolean   pp_store_add_session        (PpStore             *self,
                                        const char          *id,
                                        const char          *title,
                                        gint64               started_at,
                                        GError             **error);
GPtrArray *pp_store_list_sessions      (PpStore             *self,
                                        GError             **error);
gboolean   pp_store_save_document      (PpStore             *self,
                                        const char          *session_id,
                                        GBytes              *state,
                                        GError             **error);
GBytes    *pp_store_load_document      (PpStore             *self,
                                        const char          *session_id,
                                        GError             **error);
gboolean   pp_store_append_update      (PpStore             *self,
                                        const char          *session_id,
                                        gint64               time,
                                        const char          *origin,
                                        GBytes              *update,
                                        GError             **error);
GPtrArray *pp_store_list_updates       (PpStore             *self,
                                        const char          *session_id,
                                        GError             **error);
gboolean   pp_store_add_chat           (PpStore             *self,
                                        const char          *session_id,
                                        const char          *id,
                                        const char          *author,
                                        gint64               time,
                                        const char          *text,
                                        GError             **error);
gboolean   pp_store_set_note           (PpStore             *self,
                                        const char          *session_id,
                                        const char          *text,
                                        GError             **error);
char      *pp_store_get_note           (PpStore             *self,
                                        const char          *session_id,
                                        GError             **error);

/* Rooms joined: who we were in each */
gboolean   pp_store_set_room_peer      (PpStore             *self,
                                        const char          *room,
                                        const char          *peer_id,
                                        GError             **error);
char      *pp_store_get_room_peer      (PpStore             *self,
                                        const char          *room,
                                        GError             **error);

G_END_DECLS

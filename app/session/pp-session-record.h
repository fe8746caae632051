/* pp-session-record.h: a live session's record in the history, written
 * on a thread of its own
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PP_TYPE_SESSION_RECORD (pp_session_record_get_type ())

G_DECLARE_FINAL_TYPE (PpSessionRecord, pp_session_record, PP, SESSION_RECORD, GObject)

PpSessionRecord *pp_session_record_new                   (const char           *store_path,
                                                          const char           *session_id,
                                                          const char           *title,
                                                          gint64                started_at);
void             pp_session_record_append_update         (PpSessionRecord      *self,
                                                          gint64                time_us,
                                                          const char           *origin,
                                                          GBytes               *update);
void             pp_session_record_save_document         (PpSessionRecord      *self,
                                                          GBytes               *state);
void             pp_session_record_load_document_async   (PpSessionRecord      *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GBytes          *pp_session_record_load_document_finish  (PpSessionRecord      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void             pp_session_record_flush_async           (PpSessionRecord      *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean         pp_session_record_flush_finish          (PpSessionRecord      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
guint            pp_session_record_get_n_pending         (PpSessionRecord      *self);
gboolean         pp_session_record_close                 (PpSessionRecord      *self,
                                                          GError              **error);

G_END_DECLS

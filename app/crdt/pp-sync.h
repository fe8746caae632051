/* pp-sync.h: y-protocols sync and awareness messages
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Byte-compatible with the y-protocols package: a sync message is a
 * varUint type (0 step 1, 1 step 2, 2 update) and a varUint8Array; an
 * awareness update lists (client, clock, JSON state) entries.
 */
#pragma once

#include "pp-crdt.h"

G_BEGIN_DECLS

typedef enum {
  PP_SYNC_STEP1 = 0,
  PP_SYNC_STEP2 = 1,
  PP_SYNC_UPDATE = 2,
} PpSyncType;

GBytes   *pp_sync_encode_step1        (PpDoc         *doc);
/* The answer to a step 1: what the peer with state vector sv lacks. */
GBytes   *pp_sync_encode_step2        (PpDoc         *doc,
                                       const guint8  *sv,
                                       gsize          sv_len,
                                       GError       **error);
GBytes   *pp_sync_encode_update       (const guint8  *update,
                                       gsize          len);
/* Handles one sync message. A step 1 sets *reply to the step 2 to send
 * back. Returns the message type, or -1 with error set. The remote one
 * is for messages from peers: it applies a step 2 or an update with
 * pp_doc_apply_remote_update(), and a refused one changes nothing. */
int       pp_sync_read_message        (PpDoc         *doc,
                                       const guint8  *message,
                                       gsize          len,
                                       gpointer       origin,
                                       GBytes       **reply,
                                       GError       **error);
int       pp_sync_read_remote_message (PpDoc         *doc,
                                       const guint8  *message,
                                       gsize          len,
                                       gpointer       origin,
                                       GBytes       **reply,
                                       GError       **error);

#define PP_AWARENESS_OUTDATED_MS 30000

typedef struct _PpAwareness PpAwareness;

typedef struct {
  const guint32 *added;
  guint n_added;
  const guint32 *updated;    /* includes clock renewals with equal state */
  guint n_updated;
  const guint32 *removed;
  guint n_removed;
  gboolean changed;          /* some state was added, changed or removed */
  gboolean local;
  gpointer origin;
} PpAwarenessChange;

typedef void   (*PpAwarenessFunc) (PpAwareness             *awareness,
                                   const PpAwarenessChange *change,
                                   gpointer                 user_data);
typedef gint64 (*PpClockFunc)     (gpointer                 user_data);

/* Starts with an empty object as the local state, like y-protocols. */
PpAwareness *pp_awareness_new              (guint32        client_id);
void         pp_awareness_free             (PpAwareness   *awareness);
guint32      pp_awareness_get_client_id    (PpAwareness   *awareness);
/* json is a JSON value; NULL (or "null") removes the local state. */
gboolean     pp_awareness_set_local_state  (PpAwareness   *awareness,
                                            const char    *json,
                                            GError       **error);
/* The state as compact JSON, or NULL. */
const char  *pp_awareness_get_state        (PpAwareness   *awareness,
                                            guint32        client_id);
guint32     *pp_awareness_get_clients      (PpAwareness   *awareness,
                                            guint         *n_clients);
guint32      pp_awareness_get_clock        (PpAwareness   *awareness,
                                            guint32        client_id);
GBytes      *pp_awareness_encode_update    (PpAwareness   *awareness,
                                            const guint32 *clients,
                                            guint          n_clients);
gboolean     pp_awareness_apply_update     (PpAwareness   *awareness,
                                            const guint8  *update,
                                            gsize          len,
                                            gpointer       origin,
                                            GError       **error);
void         pp_awareness_remove_states    (PpAwareness   *awareness,
                                            const guint32 *clients,
                                            guint          n_clients,
                                            gpointer       origin);
/* Renews the local state after half the timeout and drops remote states
 * not renewed for 30 s. Call every few seconds, or use start_timer. */
void         pp_awareness_check            (PpAwareness   *awareness);
void         pp_awareness_start_timer      (PpAwareness   *awareness);
/* Milliseconds, monotonic; replaceable for tests. */
void         pp_awareness_set_clock        (PpAwareness   *awareness,
                                            PpClockFunc    func,
                                            gpointer       user_data);
guint        pp_awareness_connect          (PpAwareness   *awareness,
                                            PpAwarenessFunc func,
                                            gpointer       user_data);
void         pp_awareness_disconnect       (PpAwareness   *awareness,
                                            guint          handler_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpAwareness, pp_awareness_free)

G_END_DECLS

/* yjs-peer.h: talk to real Yjs documents in a Node process
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _YjsPeer YjsPeer;

/* Starts node on tests/crdt/yjs-peer.mjs; fails the test if it cannot. */
YjsPeer    *yjs_peer_start    (void);
void        yjs_peer_stop     (YjsPeer    *yjs);
/* Sends {"cmd": cmd, ...members of args} and returns the answer object;
 * fails the test on an "error" answer unless allow_error. */
JsonObject *yjs_call          (YjsPeer    *yjs,
                               gboolean    allow_error,
                               const char *cmd,
                               const char *first_member,
                               ...) G_GNUC_NULL_TERMINATED;
/* The same for a command whose answer says nothing but that it worked. */
void        yjs_do            (YjsPeer    *yjs,
                               const char *cmd,
                               const char *first_member,
                               ...) G_GNUC_NULL_TERMINATED;
/* Members are given as name, JsonNode* pairs (the node is taken). */
JsonNode   *yjs_int           (gint64      v);
JsonNode   *yjs_str           (const char *s);
JsonNode   *yjs_bytes         (const guint8 *data, gsize len);
JsonNode   *yjs_json          (const char *json);
GBytes     *yjs_get_bytes     (JsonObject *answer, const char *member);
char       *yjs_to_string     (JsonNode   *node);

G_END_DECLS

/* pp-shards.h — many small main contexts driven as one source
 *
 * GLib 2.74 keeps a context's file descriptors in a linked list sorted by
 * descriptor, and walks it whenever a source is dispatched (blocked and
 * unblocked around its callback) or attached; libsoup 3.2 re-attaches a
 * WebSocket connection's input source after every read. With 10,000 idle
 * connections in one context, every message costs walks over all of them,
 * and a busy server falls behind by hundreds of milliseconds.
 *
 * PpShards spreads connections over many contexts ("shards"), each with a
 * few dozen descriptors, and drives them all from one source in the outer
 * context: the shards' descriptors sit in one epoll set, which tells which
 * shards have work; only those are checked and dispatched, each with its
 * own context pushed as the thread default so that what libsoup attaches
 * stays in the shard. Each shard is driven through GLib's own steps
 * (prepare and query after every dispatch, check and dispatch when epoll or
 * a timeout says so), so anything that runs in a GMainContext runs in one.
 *
 * Whoever attaches or destroys a source in a shard from outside that
 * shard's dispatch must then call g_main_context_wakeup() on it, as
 * another thread attaching a source does by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PpShards PpShards;

typedef void (*PpShardsDoneFunc) (gpointer user_data);

PpShards     *pp_shards_new  (GMainContext     *outer,
                              guint             n_shards,
                              PpShardsDoneFunc  after_dispatch,
                              gpointer          user_data,
                              GError          **error);
GMainContext *pp_shards_next (PpShards         *shards);
void          pp_shards_adopt (PpShards        *shards,
                               int              fd);
void          pp_shards_free (PpShards         *shards);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpShards, pp_shards_free)

G_END_DECLS

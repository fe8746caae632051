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
 * few connections, and drives them all from one source in the outer
 * context: the shards' descriptors sit in one epoll set, which tells which
 * shards have work, and their deadlines in a heap; only those shards are
 * checked and dispatched, each with its own context pushed as the thread
 * default so that what libsoup attaches stays in the shard. Each shard is
 * driven through GLib's own steps (prepare and query after every dispatch,
 * check and dispatch when epoll or a timeout says so), so anything that
 * runs in a GMainContext runs in one. A shard's context is made when a
 * connection first goes to it.
 *
 * GLib also wakes a context, with a write to its eventfd, whenever a
 * descriptor is added to or removed from it, and around the dispatch of
 * every source that has one: several system calls per message. A socket
 * can instead be watched (pp_shards_watch()): it stays in the epoll set,
 * edge-triggered, for as long as it is open, and the sources made for it
 * have no descriptor; the stream that reads and writes it says when a read
 * or write would block (pp_shard_watch_clear()).
 *
 * Whoever attaches or destroys a source in a shard from outside that
 * shard's dispatch must then call g_main_context_wakeup() on it, as
 * another thread attaching a source does by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PpShards PpShards;
typedef struct _PpShardWatch PpShardWatch;

typedef void (*PpShardsDoneFunc) (gpointer user_data);

PpShards     *pp_shards_new  (GMainContext     *outer,
                              guint             n_shards,
                              PpShardsDoneFunc  after_dispatch,
                              gpointer          user_data,
                              GError          **error);
GMainContext *pp_shards_next (PpShards         *shards,
                              guint             spread);
void          pp_shards_adopt (PpShards        *shards,
                               int              fd);
PpShardWatch *pp_shards_watch (PpShards        *shards,
                               int              fd);
void          pp_shards_free (PpShards         *shards);

PpShardWatch *pp_shard_watch_ref           (PpShardWatch *watch);
void          pp_shard_watch_unref         (PpShardWatch *watch);
void          pp_shard_watch_close         (PpShardWatch *watch);
void          pp_shard_watch_clear         (PpShardWatch *watch,
                                            GIOCondition  condition);
GSource      *pp_shard_watch_create_source (PpShardWatch *watch,
                                            GIOCondition  condition,
                                            GObject      *pollable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpShards, pp_shards_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpShardWatch, pp_shard_watch_unref)

G_END_DECLS

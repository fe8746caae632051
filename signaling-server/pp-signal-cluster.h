/* pp-signal-cluster.h — rooms shared by several pairpad-signal instances
 *
 * Instances that share a Redis server serve one room together. Each room
 * has a channel and a membership hash in Redis, both named
 * "pairpad:room:" + the SHA-256 of the room id (Redis never sees a room
 * id, which is the room's secret). An instance subscribes to the channels
 * of the rooms it has people in, and publishes to a room's channel what
 * people at other instances must hear: a signal, someone joining, someone
 * leaving. Joins run as one Lua script that checks max_peers and peer ids
 * against the whole room and publishes the join in the same step, so every
 * instance sees joins, leaves and signals of a room in one order.
 *
 * Each instance refreshes its lease in "pairpad:instances" every second;
 * a lease runs out after LEASE_MS, and the next instance to refresh its
 * own removes the dead one's people from their rooms and publishes that
 * they left.
 *
 * This file is the transport: two connections (one subscribed, one for
 * commands), reconnecting by themselves, the scripts, and the envelope of
 * a published message. What a message means for a room is the server's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PpSignalCluster PpSignalCluster;

/* What a published message says. */
typedef enum
{
  PP_CLUSTER_SIGNAL = 'S',   /* PEER (to), FROM, DATA */
  PP_CLUSTER_JOIN = 'J',     /* PEER, NAME, REJOIN, MEMBERS (id, name, ...) */
  PP_CLUSTER_LEAVE = 'L',    /* PEER */
} PpClusterKind;

typedef struct
{
  PpClusterKind kind;
  const char *origin;        /* the instance that published it, or "reaper" */
  const char *peer;
  const char *from;          /* SIGNAL */
  const char *data;          /* SIGNAL */
  const char *name;          /* JOIN */
  gboolean rejoin;           /* JOIN: again after a lost connection to Redis */
  const char *const *members;/* JOIN: id, name, id, name, …, NULL: the room before it */
} PpClusterMessage;

typedef struct
{
  /* Both connections work: subscribe the rooms again. */
  void (*up)           (gpointer user_data);
  /* A connection was lost. Every reply still awaited has been answered
   * with an error first; no room is subscribed any more. */
  void (*down)         (gpointer user_data);
  /* This instance's lease ran out while connected (it or Redis stalled):
   * the others may have removed its people; register them again. */
  void (*lapsed)       (gpointer user_data);
  void (*subscribed)   (const char *key, gpointer user_data);
  void (*unsubscribed) (const char *key, gpointer user_data);
  void (*message)      (const char *key, const PpClusterMessage *msg, gpointer user_data);
} PpSignalClusterCallbacks;

/* ERROR: NULL when joined (the JOIN message follows on the channel), else
 * "room-full", "peer-id-taken" or why Redis failed. */
typedef void (*PpClusterJoinReply) (const char *error, gpointer user_data);

#define PP_CLUSTER_LEASE_MS 5000

/* Whether URL is one pp_signal_cluster_new() takes. */
gboolean         pp_signal_cluster_check_url      (const char                     *url,
                                                   GError                        **error);
/* URL: redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] or unix:///PATH.
 * Connects at once and again every second while it cannot. */
PpSignalCluster *pp_signal_cluster_new            (const char                     *url,
                                                   const PpSignalClusterCallbacks *callbacks,
                                                   gpointer                        user_data,
                                                   GError                        **error);
/* Gives up the lease, so that the other instances drop this one's people
 * at their next refresh, and closes. Join replies still awaited are
 * answered with an error; no other callback comes. */
void             pp_signal_cluster_free           (PpSignalCluster                *cluster);

gboolean         pp_signal_cluster_is_up          (PpSignalCluster                *cluster);
/* Whether this instance published MSG. */
gboolean         pp_signal_cluster_is_mine        (PpSignalCluster                *cluster,
                                                   const PpClusterMessage         *msg);
/* "pairpad:room:" + hex SHA-256 of ROOM. */
char            *pp_signal_cluster_room_key       (const char                     *room);

void             pp_signal_cluster_subscribe      (PpSignalCluster                *cluster,
                                                   const char                     *key);
void             pp_signal_cluster_unsubscribe    (PpSignalCluster                *cluster,
                                                   const char                     *key);
void             pp_signal_cluster_publish_signal (PpSignalCluster                *cluster,
                                                   const char                     *key,
                                                   const char                     *to,
                                                   const char                     *from,
                                                   const char                     *data);
/* Only once KEY is subscribed. */
void             pp_signal_cluster_join           (PpSignalCluster                *cluster,
                                                   const char                     *key,
                                                   const char                     *peer,
                                                   const char                     *name,
                                                   guint                           max_peers,
                                                   gboolean                        rejoin,
                                                   PpClusterJoinReply              reply,
                                                   gpointer                        user_data);
void             pp_signal_cluster_leave          (PpSignalCluster                *cluster,
                                                   const char                     *key,
                                                   const char                     *peer);
/* Prometheus lines for the connection to Redis. */
void             pp_signal_cluster_append_metrics (PpSignalCluster                *cluster,
                                                   GString                        *out);

G_END_DECLS

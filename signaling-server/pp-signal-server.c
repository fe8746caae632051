/* pp-signal-server.c — rooms, relaying and limits of pairpad-signal
 *
 * One object per listening socket. Every accepted TCP connection is wrapped
 * in a PpMeteredStream and handed to a SoupServer, which serves the HTTP
 * pages and answers the upgrade of /ws. The upgraded connection is taken
 * from libsoup and carried by a PpWsConn (wslay frames, one epoll set for
 * all); a Peer record holds it, and a Room is the set of peers that joined
 * one room id.
 *
 * What a hostile client can cost is bounded here, in this order: the
 * connection count (at accept), the time to upgrade (the sweep), the bytes
 * read before the upgrade (the meter), the message size, fragments
 * included (wslay), the message rate (a token bucket), the send queue
 * (bytes handed to the connection and not yet written) and the time
 * without a pong (the sweep).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <gnutls/crypto.h>
#include <libsoup/soup.h>

#include "pp-metered-stream.h"
#include "pp-signal-cluster.h"
#include "pp-signal-resources.h"
#include "pp-signal-protocol.h"
#include "pp-signal-server.h"
#include "pp-ws-conn.h"

/* Bytes the HTTP exchange before the upgrade may take. */
#define UNDELIVERED_MAX (PP_SIGNAL_MAX_FRAME + 4096)

typedef enum
{
  /* The first PP_SIGNAL_N_ERRORS reasons are the protocol's error codes. */
  REJECT_BINARY = PP_SIGNAL_N_ERRORS,
  REJECT_TOO_BIG,
  REJECT_BAD_UTF8,
  REJECT_PROTOCOL_ERROR,
  REJECT_FLOOD,
  REJECT_SLOW_CONSUMER,
  REJECT_IDLE,
  REJECT_HANDSHAKE_TIMEOUT,
  N_REJECTS
} RejectReason;

static const char *const extra_reject_names[] = {
  [REJECT_BINARY - PP_SIGNAL_N_ERRORS] = "binary-frame",
  [REJECT_TOO_BIG - PP_SIGNAL_N_ERRORS] = "too-big",
  [REJECT_BAD_UTF8 - PP_SIGNAL_N_ERRORS] = "bad-utf8",
  [REJECT_PROTOCOL_ERROR - PP_SIGNAL_N_ERRORS] = "protocol-error",
  [REJECT_FLOOD - PP_SIGNAL_N_ERRORS] = "flood",
  [REJECT_SLOW_CONSUMER - PP_SIGNAL_N_ERRORS] = "slow-consumer",
  [REJECT_IDLE - PP_SIGNAL_N_ERRORS] = "idle",
  [REJECT_HANDSHAKE_TIMEOUT - PP_SIGNAL_N_ERRORS] = "handshake-timeout",
};

static const char *
reject_name (RejectReason reason)
{
  if (reason < (RejectReason) PP_SIGNAL_N_ERRORS)
    return pp_signal_error_code_name ((PpSignalErrorCode) reason);
  return extra_reject_names[reason - PP_SIGNAL_N_ERRORS];
}

typedef struct _Room Room;

typedef struct
{
  PpSignalServer *server;      /* borrowed */
  PpWsConn *conn;              /* borrowed: the loop frees it once closed */
  Room *room;                  /* borrowed; NULL until joined */
  Room *joining;               /* borrowed: its join is under way in the cluster */
  gboolean join_sent;
  char *id;                    /* owned; NULL until joined */
  char *name;                  /* owned; NULL until joined */
  char *addr;                  /* owned; for logs */
  double tokens;
  gint64 refilled_at;
  gint64 last_seen;
  gint64 next_ping;
  gboolean closing;
} Peer;

typedef enum
{
  SUB_NONE,
  SUB_PENDING,
  SUB_READY,
  SUB_LEAVING,
} RoomSub;

struct _Room
{
  char *id;                    /* owned */
  /* In a cluster only: */
  char *key;                   /* owned: its Redis channel and hash */
  GHashTable *remote;          /* people at other instances: id → name, owned */
  GPtrArray *joining;          /* Peer*, borrowed: joins under way */
  RoomSub sub;
  guint sending;               /* room_send_all() calls under way */
  guint n_peers;
  Peer *peers[];               /* borrowed; max_peers of them */
};

typedef struct
{
  PpMeteredStream *stream;     /* owned */
  GSocket *socket;             /* owned */
  gint64 accepted_at;
} Pending;

struct _PpSignalServer
{
  GObject parent_instance;

  PpSignalLimits limits;
  GTlsCertificate *tls_cert;   /* owned, nullable */
  GPtrArray *stun_uris;        /* owned strings */
  GPtrArray *turn_uris;        /* owned strings */
  char *turn_secret;           /* owned, nullable */
  char *public_url;            /* owned, nullable */
  gboolean logging;

  SoupServer *soup;            /* owned while running */
  GSocket *listener;           /* owned while running */
  GSource *accept_source;      /* owned while running */
  guint sweep_id;
  GInetSocketAddress *bound;   /* owned while running */

  PpWsLoop *ws_loop;           /* owned while running */

  GHashTable *pending;         /* GSocketAddress* (remote) → Pending* */
  GHashTable *peers;           /* Peer* set */
  GHashTable *rooms;           /* room id → Room*, owned unless clustered */
  char *redis_url;             /* owned, nullable */
  PpSignalCluster *cluster;    /* owned while running with Redis */
  GHashTable *cluster_rooms;   /* key → Room*, owned: every room while clustered */
  JsonParser *parser;          /* reused for every message */

  char *landing_page;          /* owned */
  char *landing_csp;           /* owned */

  guint64 joins_total;
  guint64 relayed_total;
  guint64 relayed_bytes_total;
  guint64 connections_total;
  guint64 rejects[N_REJECTS];
};

G_DEFINE_FINAL_TYPE (PpSignalServer, pp_signal_server, G_TYPE_OBJECT)

static void peer_close (Peer *peer, gushort code, const char *why, RejectReason reason);
static void set_common_headers (SoupServerMessage *message);
static void respond (SoupServerMessage *message, guint status, const char *content_type, const char *body);

/* Logging: one line per event, never a payload or a display name. */

static void
log_event (PpSignalServer *self,
           const char     *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
log_event (PpSignalServer *self,
           const char     *format,
           ...)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *text = NULL;
  va_list args;

  if (!self->logging)
    return;
  now = g_date_time_new_now_utc ();
  stamp = g_date_time_format (now, "%FT%T.%fZ");
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "%s %s\n", stamp, text);
}

/* Enough of a room id to tell rooms apart in a log, not to join one. */
static const char *
room_tag (const char *id,
          char        buf[8])
{
  g_strlcpy (buf, id, 7);
  return buf;
}

/* Sending */

static gboolean
peer_send (Peer       *peer,
           const char *text,
           gsize       len)
{
  if (peer->closing || !pp_ws_conn_send_text (peer->conn, text, len))
    return FALSE;
  if (pp_ws_conn_get_queued (peer->conn) > (gint64) peer->server->limits.max_send_queue)
    {
      peer_close (peer, PP_SIGNAL_CLOSE_SLOW_CONSUMER,
                  "The client read too slowly; its send queue was full.", REJECT_SLOW_CONSUMER);
      return FALSE;
    }
  return TRUE;
}

static void
peer_send_owned (Peer *peer,
                 char *text)
{
  peer_send (peer, text, strlen (text));
  g_free (text);
}

static void
send_error (Peer              *peer,
            PpSignalErrorCode  code,
            const char        *message)
{
  peer->server->rejects[code]++;
  peer_send_owned (peer, pp_signal_build_error (code, message));
}

/* Rooms */

/* KEY (taken) is the room's Redis key in a cluster, else NULL. */
static Room *
room_new (PpSignalServer *self,
          const char     *id,
          char           *key)
{
  Room *room = g_malloc0 (sizeof (Room) + self->limits.max_peers * sizeof (Peer *));

  room->id = g_strdup (id);
  if (self->cluster != NULL)
    {
      room->key = key;
      room->remote = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      room->joining = g_ptr_array_new ();
      g_hash_table_insert (self->cluster_rooms, room->key, room);
    }
  g_hash_table_insert (self->rooms, room->id, room);
  return room;
}

static void
room_free (Room *room)
{
  g_free (room->id);
  g_free (room->key);
  g_clear_pointer (&room->remote, g_hash_table_unref);
  g_clear_pointer (&room->joining, g_ptr_array_unref);
  g_free (room);
}

static gboolean
room_is_empty (Room *room)
{
  return room->n_peers == 0 && (room->joining == NULL || room->joining->len == 0);
}

static void
room_destroy (PpSignalServer *self,
              Room           *room)
{
  if (g_hash_table_lookup (self->rooms, room->id) == room)
    g_hash_table_remove (self->rooms, room->id);
  if (room->key != NULL)
    g_hash_table_remove (self->cluster_rooms, room->key);
  room_free (room);
}

/* A room nobody here is in any more. In a cluster it stays until its
 * channel is unsubscribed, in case someone joins it again meanwhile. */
static void
room_release (PpSignalServer *self,
              Room           *room)
{
  if (!room_is_empty (room) || room->sending > 0)
    return;
  /* No cluster: not configured, or stopping. */
  if (room->key == NULL || room->sub == SUB_NONE || self->cluster == NULL)
    {
      room_destroy (self, room);
      return;
    }
  if (g_hash_table_lookup (self->rooms, room->id) == room)
    g_hash_table_remove (self->rooms, room->id);
  g_hash_table_remove_all (room->remote);
  if (room->sub != SUB_LEAVING)
    {
      pp_signal_cluster_unsubscribe (self->cluster, room->key);
      room->sub = SUB_LEAVING;
    }
}

/* Whether KEY still names ROOM: sending may close a peer, and a room
 * whose last peer closes goes. */
static gboolean
room_alive (PpSignalServer *self,
            const char     *key,
            Room           *room)
{
  return g_hash_table_lookup (self->cluster_rooms, key) == room;
}

static Peer *
room_find (Room       *room,
           const char *id)
{
  for (guint i = 0; i < room->n_peers; i++)
    if (g_str_equal (room->peers[i]->id, id))
      return room->peers[i];
  return NULL;
}

static Peer *
room_find_joining (Room       *room,
                   const char *id)
{
  for (guint i = 0; room->joining != NULL && i < room->joining->len; i++)
    if (g_str_equal (((Peer *) room->joining->pdata[i])->id, id))
      return room->joining->pdata[i];
  return NULL;
}

/* A join under way ends without one. */
static void
join_cancel (Peer *peer)
{
  g_ptr_array_remove_fast (peer->joining->joining, peer);
  peer->joining = NULL;
  peer->join_sent = FALSE;
  g_clear_pointer (&peer->id, g_free);
  g_clear_pointer (&peer->name, g_free);
}

/* Sends TEXT to everyone in ROOM but EXCEPT. Sending may close a slow
 * peer, which then leaves the room: walk a copy of the list. If that
 * leaves the room empty, it is released: ROOM may be gone after. */
static void
room_send_all (PpSignalServer *self,
               Room           *room,
               const char     *text,
               Peer           *except)
{
  Peer *peers[room->n_peers ? room->n_peers : 1];
  guint n = room->n_peers;
  gsize len = strlen (text);

  memcpy (peers, room->peers, n * sizeof (Peer *));
  room->sending++;
  for (guint i = 0; i < n; i++)
    if (peers[i] != except)
      peer_send (peers[i], text, len);
  room->sending--;
  room_release (self, room);
}

static void
room_leave (Peer *peer)
{
  PpSignalServer *self = peer->server;
  Room *room = peer->room;
  g_autofree char *left = NULL;
  char tag[8];

  if (peer->joining != NULL)
    {
      room = peer->joining;
      /* If the script has run, its join message finds nobody waiting and
       * takes the membership back. */
      join_cancel (peer);
      room_release (self, room);
      return;
    }
  if (room == NULL)
    return;

  for (guint i = 0; i < room->n_peers; i++)
    if (room->peers[i] == peer)
      {
        room->peers[i] = room->peers[--room->n_peers];
        break;
      }
  peer->room = NULL;
  log_event (self, "leave room=%s peer=%s peers=%u", room_tag (room->id, tag), peer->id, room->n_peers);

  if (room->key != NULL)
    pp_signal_cluster_leave (self->cluster, room->key, peer->id);
  left = pp_signal_build_peer_left (peer->id);
  room_send_all (self, room, left, NULL);
  g_clear_pointer (&peer->id, g_free);
  g_clear_pointer (&peer->name, g_free);
}

/* TURN credentials */

void
pp_signal_turn_credentials (const char *secret,
                            gint64      expiry,
                            const char *peer,
                            char      **username,
                            char      **password)
{
  guint8 digest[20];
  char *user = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", expiry, peer);
  int rc = gnutls_hmac_fast (GNUTLS_MAC_SHA1, secret, strlen (secret), user, strlen (user), digest);

  /* HMAC-SHA1 is always compiled into GnuTLS; failing here is a broken
   * installation, not bad input. */
  if (rc != 0)
    g_error ("HMAC-SHA1: %s", gnutls_strerror (rc));
  *username = user;
  *password = g_base64_encode (digest, sizeof digest);
}

static JsonNode *
ice_servers_for (PpSignalServer *self,
                 const char     *peer)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  json_builder_begin_array (b);
  if (self->stun_uris->len > 0)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "urls");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->stun_uris->len; i++)
        json_builder_add_string_value (b, self->stun_uris->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  if (self->turn_uris->len > 0 && self->turn_secret != NULL)
    {
      g_autofree char *username = NULL;
      g_autofree char *password = NULL;
      gint64 expiry = g_get_real_time () / G_USEC_PER_SEC + self->limits.turn_ttl;

      pp_signal_turn_credentials (self->turn_secret, expiry, peer, &username, &password);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "urls");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->turn_uris->len; i++)
        json_builder_add_string_value (b, self->turn_uris->pdata[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "username");
      json_builder_add_string_value (b, username);
      json_builder_set_member_name (b, "credential");
      json_builder_add_string_value (b, password);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* Messages */

static void
json_add_member (JsonBuilder *b,
                 const char  *id,
                 const char  *name)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "peer");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_end_object (b);
}

/* PEER enters ROOM, where PEERS (a list for "joined") were before it. */
static void
admit (Peer     *peer,
       Room     *room,
       JsonNode *peers)
{
  PpSignalServer *self = peer->server;
  g_autoptr(JsonNode) ice = ice_servers_for (self, peer->id);
  g_autofree char *joined = pp_signal_build_joined (room->id, peer->id, peers, ice);
  g_autofree char *hello = pp_signal_build_peer_joined (peer->id, peer->name);
  char tag[8];

  room->peers[room->n_peers++] = peer;
  peer->room = room;
  self->joins_total++;
  log_event (self, "join room=%s peer=%s peers=%u from=%s", room_tag (room->id, tag), peer->id,
             room->n_peers, peer->addr);
  if (peer_send (peer, joined, strlen (joined)))
    room_send_all (self, room, hello, peer);
}

static void cluster_join (Peer *peer, Room *room);

static void
send_room_full (Peer *peer)
{
  g_autofree char *why = g_strdup_printf ("The room is full: it holds at most %u people.",
                                          peer->server->limits.max_peers);

  send_error (peer, PP_SIGNAL_ERR_ROOM_FULL, why);
}

static void
send_peer_id_taken (Peer *peer)
{
  send_error (peer, PP_SIGNAL_ERR_PEER_ID_TAKEN,
              "Someone in this room already uses that peer id; pick another at random.");
}

static void
handle_join (Peer            *peer,
             PpSignalMessage *msg)
{
  PpSignalServer *self = peer->server;
  g_autofree char *key = NULL;
  Room *room;
  guint n;

  if (peer->room != NULL || peer->joining != NULL)
    {
      send_error (peer, PP_SIGNAL_ERR_ALREADY_JOINED,
                  "This connection is already in a room; send “leave” first.");
      return;
    }
  if (self->cluster != NULL && !pp_signal_cluster_is_up (self->cluster))
    {
      send_error (peer, PP_SIGNAL_ERR_UNAVAILABLE,
                  "This server cannot reach the other servers of its cluster (Redis); "
                  "try again in a few seconds.");
      return;
    }

  room = g_hash_table_lookup (self->rooms, msg->room);
  if (room == NULL && self->cluster != NULL)
    {
      /* Perhaps one being unsubscribed: it serves again. */
      key = pp_signal_cluster_room_key (msg->room);
      room = g_hash_table_lookup (self->cluster_rooms, key);
      if (room != NULL)
        g_hash_table_insert (self->rooms, room->id, room);
    }
  /* In a cluster, Redis decides; what this instance knows may refuse
   * a join sooner. */
  n = room == NULL ? 0 : room->n_peers;
  if (room != NULL && room->remote != NULL)
    n += g_hash_table_size (room->remote) + room->joining->len;
  if (n >= self->limits.max_peers)
    {
      send_room_full (peer);
      return;
    }
  if (room != NULL &&
      (room_find (room, msg->peer) != NULL || room_find_joining (room, msg->peer) != NULL ||
       (room->remote && g_hash_table_contains (room->remote, msg->peer))))
    {
      send_peer_id_taken (peer);
      return;
    }
  if (room == NULL)
    room = room_new (self, msg->room, g_steal_pointer (&key));

  peer->id = g_strdup (msg->peer);
  peer->name = g_strdup (msg->name);
  if (self->cluster != NULL)
    {
      cluster_join (peer, room);
      return;
    }

  {
    g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
    g_autoptr(JsonNode) peers = NULL;

    json_builder_begin_array (b);
    for (guint i = 0; i < room->n_peers; i++)
      json_add_member (b, room->peers[i]->id, room->peers[i]->name);
    json_builder_end_array (b);
    peers = json_builder_get_root (b);
    admit (peer, room, peers);
  }
}

/* Rooms across instances (pp-signal-cluster.h) */

typedef struct
{
  PpSignalServer *server;
  char *key;
  char *peer;
} JoinCall;

static void
on_cluster_join_reply (const char *error,
                       gpointer    user_data)
{
  JoinCall *call = user_data;
  PpSignalServer *self = call->server;
  Room *room = g_hash_table_lookup (self->cluster_rooms, call->key);
  Peer *peer = room && error ? room_find_joining (room, call->peer) : NULL;

  if (peer != NULL)
    {
      join_cancel (peer);
      if (g_str_equal (error, "room-full"))
        send_room_full (peer);
      else if (g_str_equal (error, "peer-id-taken"))
        send_peer_id_taken (peer);
      else
        {
          g_autofree char *why = g_strdup_printf ("The join could not be recorded (%s); "
                                                  "try again in a few seconds.", error);

          send_error (peer, PP_SIGNAL_ERR_UNAVAILABLE, why);
        }
      room_release (self, room);
    }
  g_free (call->key);
  g_free (call->peer);
  g_free (call);
}

static void
send_cluster_join (PpSignalServer *self,
                   Room           *room,
                   Peer           *peer,
                   gboolean        rejoin)
{
  JoinCall *call = g_new0 (JoinCall, 1);

  call->server = self;
  call->key = g_strdup (room->key);
  call->peer = g_strdup (peer->id);
  pp_signal_cluster_join (self->cluster, room->key, peer->id, peer->name, self->limits.max_peers,
                          rejoin, on_cluster_join_reply, call);
}

/* The join is decided in Redis once the room's channel is subscribed, so
 * that nothing said in the room after it is missed. */
static void
cluster_join (Peer *peer,
              Room *room)
{
  PpSignalServer *self = peer->server;

  peer->joining = room;
  g_ptr_array_add (room->joining, peer);
  if (room->sub == SUB_READY)
    {
      peer->join_sent = TRUE;
      send_cluster_join (self, room, peer, FALSE);
    }
  else if (room->sub == SUB_NONE)
    {
      pp_signal_cluster_subscribe (self->cluster, room->key);
      room->sub = SUB_PENDING;
    }
}

static void
on_cluster_up (gpointer user_data)
{
  PpSignalServer *self = user_data;
  GHashTableIter iter;
  Room *room;

  g_hash_table_iter_init (&iter, self->cluster_rooms);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &room))
    {
      pp_signal_cluster_subscribe (self->cluster, room->key);
      room->sub = SUB_PENDING;
    }
  log_event (self, "redis up rooms=%u", g_hash_table_size (self->cluster_rooms));
}

/* Redis is gone: the people here stay in their rooms and keep talking;
 * those elsewhere are gone for them until it is back. */
static void
on_cluster_down (gpointer user_data)
{
  PpSignalServer *self = user_data;
  g_autoptr(GPtrArray) rooms = g_ptr_array_new ();
  GHashTableIter iter;
  Room *room;

  log_event (self, "redis down rooms=%u", g_hash_table_size (self->cluster_rooms));
  g_hash_table_iter_init (&iter, self->cluster_rooms);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &room))
    {
      room->sub = SUB_NONE;
      g_ptr_array_add (rooms, room);
    }
  for (guint i = 0; i < rooms->len; i++)
    {
      g_autoptr(GHashTable) remote = NULL;
      g_autofree char *key = NULL;
      GHashTableIter members;
      const char *id;

      room = rooms->pdata[i];
      key = g_strdup (room->key);
      while (room->joining->len > 0)
        {
          Peer *peer = room->joining->pdata[0];

          join_cancel (peer);
          send_error (peer, PP_SIGNAL_ERR_UNAVAILABLE,
                      "This server lost its connection to the other servers of its cluster "
                      "(Redis); try again in a few seconds.");
        }
      remote = g_steal_pointer (&room->remote);
      room->remote = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&members, remote);
      while (g_hash_table_iter_next (&members, (gpointer *) &id, NULL) &&
             room_alive (self, key, room))
        {
          g_autofree char *left = pp_signal_build_peer_left (id);

          room_send_all (self, room, left, NULL);
        }
      if (room_alive (self, key, room))
        room_release (self, room);
    }
}

static void
rejoin_all (PpSignalServer *self,
            Room           *room)
{
  for (guint i = 0; i < room->n_peers; i++)
    send_cluster_join (self, room, room->peers[i], TRUE);
}

static void
on_cluster_lapsed (gpointer user_data)
{
  PpSignalServer *self = user_data;
  GHashTableIter iter;
  Room *room;

  g_hash_table_iter_init (&iter, self->cluster_rooms);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &room))
    if (room->sub == SUB_READY)
      rejoin_all (self, room);
}

static void
on_cluster_subscribed (const char *key,
                       gpointer    user_data)
{
  PpSignalServer *self = user_data;
  Room *room = g_hash_table_lookup (self->cluster_rooms, key);

  if (room == NULL || room->sub != SUB_PENDING)
    return;
  room->sub = SUB_READY;
  /* Joins wait for the subscription, so people are here only in a room
   * subscribed again after Redis came back: they register again. */
  rejoin_all (self, room);
  for (guint i = 0; i < room->joining->len; i++)
    {
      Peer *peer = room->joining->pdata[i];

      if (!peer->join_sent)
        {
          peer->join_sent = TRUE;
          send_cluster_join (self, room, peer, FALSE);
        }
    }
}

static void
on_cluster_unsubscribed (const char *key,
                         gpointer    user_data)
{
  PpSignalServer *self = user_data;
  Room *room = g_hash_table_lookup (self->cluster_rooms, key);

  if (room == NULL || room->sub != SUB_LEAVING)
    return;
  if (room_is_empty (room))
    {
      room_destroy (self, room);
      return;
    }
  /* Someone joined while it was being left. */
  pp_signal_cluster_subscribe (self->cluster, room->key);
  room->sub = SUB_PENDING;
}

/* Someone at another instance is in ROOM: tell the people here once. */
static void
meet_remote (PpSignalServer *self,
             Room           *room,
             const char     *id,
             const char     *name)
{
  g_autofree char *hello = NULL;

  if (room_find (room, id) != NULL || g_hash_table_contains (room->remote, id))
    return;
  g_hash_table_insert (room->remote, g_strdup (id), g_strdup (name));
  hello = pp_signal_build_peer_joined (id, name);
  room_send_all (self, room, hello, NULL);
}

static void
on_cluster_own_join (PpSignalServer         *self,
                     Room                   *room,
                     const PpClusterMessage *msg)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) peers = NULL;
  Peer *peer;

  if (msg->rejoin)
    {
      /* Back after a lost connection: whoever is there now is new here. */
      g_autofree char *room_key = g_strdup (room->key);

      for (guint i = 0; msg->members[i] && room_alive (self, room_key, room); i += 2)
        meet_remote (self, room, msg->members[i], msg->members[i + 1]);
      return;
    }
  peer = room_find_joining (room, msg->peer);
  if (peer == NULL)
    {
      /* It closed while its join was under way. */
      pp_signal_cluster_leave (self->cluster, room->key, msg->peer);
      return;
    }
  g_ptr_array_remove_fast (room->joining, peer);
  peer->joining = NULL;
  peer->join_sent = FALSE;

  b = json_builder_new_immutable ();
  json_builder_begin_array (b);
  for (guint i = 0; msg->members[i]; i += 2)
    {
      json_add_member (b, msg->members[i], msg->members[i + 1]);
      if (room_find (room, msg->members[i]) == NULL)
        g_hash_table_replace (room->remote, g_strdup (msg->members[i]),
                              g_strdup (msg->members[i + 1]));
    }
  json_builder_end_array (b);
  peers = json_builder_get_root (b);
  admit (peer, room, peers);
}

static void
on_cluster_message (const char             *key,
                    const PpClusterMessage *msg,
                    gpointer                user_data)
{
  PpSignalServer *self = user_data;
  Room *room = g_hash_table_lookup (self->cluster_rooms, key);
  gboolean mine = pp_signal_cluster_is_mine (self->cluster, msg);
  g_autofree char *text = NULL;
  Peer *target;
  gsize len;

  if (room == NULL || room->sub != SUB_READY)
    return;
  switch (msg->kind)
    {
    case PP_CLUSTER_SIGNAL:
      target = mine ? NULL : room_find (room, msg->peer);
      if (target == NULL)
        return;
      text = pp_signal_build_signal_from (msg->from, msg->data, &len);
      if (peer_send (target, text, len))
        {
          self->relayed_total++;
          self->relayed_bytes_total += len;
        }
      break;
    case PP_CLUSTER_JOIN:
      if (mine)
        on_cluster_own_join (self, room, msg);
      else
        meet_remote (self, room, msg->peer, msg->name);
      break;
    case PP_CLUSTER_LEAVE:
      /* Someone here is alive whatever a lease says. */
      if (room_find (room, msg->peer) == NULL && g_hash_table_remove (room->remote, msg->peer))
        {
          text = pp_signal_build_peer_left (msg->peer);
          room_send_all (self, room, text, NULL);
        }
      break;
    default:
      break;
    }
}

static const PpSignalClusterCallbacks cluster_callbacks = {
  .up = on_cluster_up,
  .down = on_cluster_down,
  .lapsed = on_cluster_lapsed,
  .subscribed = on_cluster_subscribed,
  .unsubscribed = on_cluster_unsubscribed,
  .message = on_cluster_message,
};

static void
handle_signal (Peer            *peer,
               PpSignalMessage *msg)
{
  PpSignalServer *self = peer->server;
  g_autofree char *out = NULL;
  Peer *target;
  gsize len;

  if (peer->room == NULL)
    {
      send_error (peer, PP_SIGNAL_ERR_NOT_JOINED, "Join a room before sending signals.");
      return;
    }
  target = room_find (peer->room, msg->to);
  if (target == NULL && peer->room->remote != NULL &&
      g_hash_table_contains (peer->room->remote, msg->to))
    {
      /* The data goes as it came; its instance builds the message. */
      pp_signal_cluster_publish_signal (self->cluster, peer->room->key, msg->to, peer->id,
                                        msg->data);
      return;
    }
  if (target == NULL || target == peer)
    {
      send_error (peer, PP_SIGNAL_ERR_NO_SUCH_PEER,
                  target ? "A signal cannot be addressed to its sender."
                         : "No peer with that id is in this room; it may have left.");
      return;
    }

  out = pp_signal_build_signal_from (peer->id, msg->data, &len);
  if (peer_send (target, out, len))
    {
      self->relayed_total++;
      self->relayed_bytes_total += len;
    }
}

static gboolean
take_token (Peer  *peer,
            gint64 now)
{
  const PpSignalLimits *limits = &peer->server->limits;

  peer->tokens += (now - peer->refilled_at) * limits->msg_rate / G_USEC_PER_SEC;
  peer->refilled_at = now;
  if (peer->tokens > limits->msg_burst)
    peer->tokens = limits->msg_burst;
  if (peer->tokens < 1)
    return FALSE;
  peer->tokens -= 1;
  return TRUE;
}

static void
on_message (PpWsConn   *conn,
            gboolean    binary,
            const char *data,
            gsize       len,
            gpointer    user_data)
{
  Peer *peer = user_data;
  PpSignalServer *self = peer->server;
  g_autoptr(GError) error = NULL;
  PpSignalErrorCode code;
  PpSignalMessage msg;

  if (peer->closing)
    return;
  peer->last_seen = g_get_monotonic_time ();

  if (binary)
    {
      peer_close (peer, PP_SIGNAL_CLOSE_UNSUPPORTED_DATA,
                  "Only text frames holding JSON are accepted.", REJECT_BINARY);
      return;
    }
  if (!take_token (peer, peer->last_seen))
    {
      g_autofree char *why = g_strdup_printf ("Too many messages: at most %g a second (%u at once).",
                                              self->limits.msg_rate, self->limits.msg_burst);
      send_error (peer, PP_SIGNAL_ERR_RATE_LIMITED, why);
      peer_close (peer, PP_SIGNAL_CLOSE_FLOOD, "Message flood.", REJECT_FLOOD);
      return;
    }

  if (!pp_signal_message_parse (self->parser, data, len, FALSE, &msg, &code, &error))
    {
      send_error (peer, code, error->message);
      return;
    }

  switch (msg.type)
    {
    case PP_SIGNAL_MSG_SIGNAL:
      handle_signal (peer, &msg);
      break;
    case PP_SIGNAL_MSG_JOIN:
      handle_join (peer, &msg);
      break;
    case PP_SIGNAL_MSG_LEAVE:
      if (peer->room == NULL && peer->joining == NULL)
        {
          send_error (peer, PP_SIGNAL_ERR_NOT_JOINED, "This connection is not in a room.");
          break;
        }
      room_leave (peer);
      peer_send_owned (peer, pp_signal_build_left ());
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_pong (PpWsConn *conn,
         gpointer  user_data)
{
  Peer *peer = user_data;

  peer->last_seen = g_get_monotonic_time ();
}

static void
on_failed (PpWsConn *conn,
           guint16   code,
           gpointer  user_data)
{
  Peer *peer = user_data;
  PpSignalServer *self = peer->server;
  RejectReason reason = code == PP_SIGNAL_CLOSE_TOO_BIG   ? REJECT_TOO_BIG
                        : code == PP_SIGNAL_CLOSE_BAD_DATA ? REJECT_BAD_UTF8
                                                           : REJECT_PROTOCOL_ERROR;

  if (peer->closing)
    return;
  self->rejects[reason]++;
  log_event (self, "reject from=%s reason=%s code=%u", peer->addr, reject_name (reason), code);
  room_leave (peer);
  peer->closing = TRUE;
}

/* The client began to close: it is gone from its room from now on. */
static void
on_closing (PpWsConn *conn,
            gpointer  user_data)
{
  room_leave (user_data);
}

static void
peer_free (Peer *peer)
{
  g_free (peer->id);
  g_free (peer->name);
  g_free (peer->addr);
  g_free (peer);
}

static void
on_closed (PpWsConn *conn,
           gpointer  user_data)
{
  Peer *peer = user_data;
  PpSignalServer *self = peer->server;

  room_leave (peer);
  log_event (self, "close from=%s code=%u", peer->addr, pp_ws_conn_get_close_code (conn));
  g_hash_table_remove (self->peers, peer);
}

static const PpWsConnCallbacks peer_callbacks = {
  .message = on_message,
  .pong = on_pong,
  .failed = on_failed,
  .closing = on_closing,
  .closed = on_closed,
};

/* Closes on the server's initiative: the peer leaves its room at once and
 * nothing more is sent to it; the socket is closed once the client has
 * answered the close frame, or after 5 s. */
static void
peer_close (Peer         *peer,
            gushort       code,
            const char   *why,
            RejectReason  reason)
{
  PpSignalServer *self = peer->server;

  if (peer->closing)
    return;
  self->rejects[reason]++;
  log_event (self, "reject from=%s reason=%s code=%u", peer->addr, reject_name (reason), code);
  room_leave (peer);
  peer->closing = TRUE;
  pp_ws_conn_close (peer->conn, code, why);
}

/* Connections */

static char *
address_to_string (GSocketAddress *address)
{
  GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (address);
  g_autofree char *ip = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
  guint16 port = g_inet_socket_address_get_port (inet);

  return strchr (ip, ':') ? g_strdup_printf ("[%s]:%u", ip, port) : g_strdup_printf ("%s:%u", ip, port);
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->stream);
  g_object_unref (pending->socket);
  g_free (pending);
}

/* The 101 answer is out: the connection is ours from here. */
static void
on_upgraded (SoupServerMessage *message,
             gpointer           user_data)
{
  PpSignalServer *self = user_data;
  GSocketAddress *remote = soup_server_message_get_remote_address (message);
  Pending *pending = g_hash_table_lookup (self->pending, remote);
  g_autoptr(GIOStream) stream = NULL;
  PpMeter *meter;
  Peer *peer;

  g_signal_handlers_disconnect_by_func (message, on_upgraded, user_data);
  /* Every connection came through accept_ready(), so it is pending. */
  g_return_if_fail (pending != NULL);

  peer = g_new0 (Peer, 1);
  peer->server = self;
  peer->addr = address_to_string (remote);
  peer->tokens = self->limits.msg_burst;
  peer->refilled_at = peer->last_seen = g_get_monotonic_time ();
  /* The first ping comes at a random point in the second half of the
   * interval: connections opened together are not all pinged together. */
  peer->next_ping = peer->last_seen + (gint64) (self->limits.ping_interval * G_USEC_PER_SEC *
                                                g_random_double_range (0.5, 1.0));

  /* wslay bounds each message from now on. */
  meter = pp_metered_stream_get_meter (pending->stream);
  meter->in_allowance = G_MAXUINT64;
  stream = soup_server_message_steal_connection (message);
  peer->conn = pp_ws_conn_new (self->ws_loop, stream, pending->socket, self->tls_cert != NULL,
                               PP_SIGNAL_MAX_FRAME, &peer_callbacks, peer);
  g_hash_table_remove (self->pending, remote);

  g_hash_table_add (self->peers, peer);
  self->connections_total++;
  log_event (self, "open from=%s", peer->addr);

  if (g_hash_table_size (self->peers) > self->limits.max_connections)
    {
      /* Told, then closed; peer_close counts the rejection. */
      peer_send_owned (peer, pp_signal_build_error (PP_SIGNAL_ERR_SERVER_FULL,
                                                    "The server has too many connections; try again in a minute."));
      peer_close (peer, PP_SIGNAL_CLOSE_SERVER_FULL, "Server full.", (RejectReason) PP_SIGNAL_ERR_SERVER_FULL);
      return;
    }
  peer_send_owned (peer, pp_signal_build_hello (self->limits.max_peers, PP_SIGNAL_MAX_FRAME,
                                                self->limits.msg_rate, self->limits.msg_burst));
}

/* libsoup checks and answers the upgrade. It grants no extension: a
 * permessage-deflate message would have to be inflated under a cap of
 * our own, and sealed payloads hardly compress (PROTOCOL.md). */
static void
on_websocket_request (SoupServer        *soup,
                      SoupServerMessage *message,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  if (!g_str_equal (path, PP_SIGNAL_PATH))
    {
      respond (message, SOUP_STATUS_NOT_FOUND, "text/plain; charset=utf-8", "Not found.\n");
      return;
    }
  if (!soup_websocket_server_process_handshake (message, NULL, NULL, NULL, NULL))
    {
      set_common_headers (message);
      return;
    }
  g_signal_connect (message, "wrote-informational", G_CALLBACK (on_upgraded), user_data);
}

static void accept_connection (PpSignalServer *self, GSocket *socket, GSocketAddress *local,
                               GSocketAddress *remote);

static void
accept_one (PpSignalServer *self,
            GSocket        *socket)
{
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;

  g_socket_set_blocking (socket, FALSE);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  local = g_socket_get_local_address (socket, NULL);
  remote = g_socket_get_remote_address (socket, NULL);
  if (local == NULL || remote == NULL)
    return; /* already reset by the client */

  /* Past the WebSocket limit, a few more may still upgrade so that they are
   * told why they are refused; past that, they are dropped unanswered. */
  if (g_hash_table_size (self->pending) + g_hash_table_size (self->peers) >=
      self->limits.max_connections + 64)
    {
      self->rejects[PP_SIGNAL_ERR_SERVER_FULL]++;
      g_socket_close (socket, NULL);
      return;
    }

  accept_connection (self, socket, local, remote);
}

static void
accept_connection (PpSignalServer *self,
                   GSocket        *socket,
                   GSocketAddress *local,
                   GSocketAddress *remote)
{
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GIOStream) base = NULL;
  g_autoptr(GError) error = NULL;
  Pending *pending;

  conn = g_socket_connection_factory_create_connection (socket);
  if (self->tls_cert != NULL)
    {
      base = G_IO_STREAM (g_tls_server_connection_new (G_IO_STREAM (conn), self->tls_cert, &error));
      if (base == NULL)
        {
          log_event (self, "tls error: %s", error->message);
          return;
        }
    }
  else
    base = g_object_ref (G_IO_STREAM (conn));

  pending = g_new0 (Pending, 1);
  pending->stream = PP_METERED_STREAM (pp_metered_stream_new (base, UNDELIVERED_MAX));
  pending->socket = g_object_ref (socket);
  pending->accepted_at = g_get_monotonic_time ();
  g_hash_table_insert (self->pending, g_object_ref (remote), pending);

  if (!soup_server_accept_iostream (self->soup, G_IO_STREAM (pending->stream), local, remote, &error))
    {
      log_event (self, "accept error: %s", error->message);
      g_hash_table_remove (self->pending, remote);
    }
}

static gboolean
accept_ready (GSocket      *listener,
              GIOCondition  condition,
              gpointer      user_data)
{
  PpSignalServer *self = user_data;

  /* Take what the backlog holds, but give other sources a turn. */
  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            log_event (self, "accept: %s", error->message);
          break;
        }
      accept_one (self, socket);
    }
  return G_SOURCE_CONTINUE;
}

/* Ten times a second: drop connections that never upgraded and peers that
 * no longer answer pings, and ping those whose turn it is. Often, so that
 * pings go out a few at a time: 10,000 at once held the loop for 15 ms. */
static gboolean
sweep (gpointer user_data)
{
  PpSignalServer *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 handshake_deadline = now - (gint64) self->limits.handshake_timeout * G_USEC_PER_SEC;
  gint64 idle_deadline = now - (gint64) self->limits.ping_interval * G_USEC_PER_SEC * 5 / 2;
  g_autoptr(GPtrArray) idle = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Pending *pending = value;

      if (g_io_stream_is_closed (G_IO_STREAM (pending->stream)) || g_socket_is_closed (pending->socket))
        g_hash_table_iter_remove (&iter);
      else if (pending->accepted_at < handshake_deadline)
        {
          /* Shutting the socket down, not closing it, lets libsoup see the
           * end and clean up without an fd being reused under it. */
          self->rejects[REJECT_HANDSHAKE_TIMEOUT]++;
          g_socket_shutdown (pending->socket, TRUE, TRUE, NULL);
          g_hash_table_iter_remove (&iter);
        }
    }

  g_hash_table_iter_init (&iter, self->peers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Peer *peer = key;

      if (!peer->closing && peer->last_seen < idle_deadline)
        g_ptr_array_add (idle, peer);
      else if (!peer->closing && peer->next_ping <= now)
        {
          pp_ws_conn_ping (peer->conn);
          peer->next_ping = now + (gint64) self->limits.ping_interval * G_USEC_PER_SEC;
        }
    }
  for (guint i = 0; i < idle->len; i++)
    peer_close (idle->pdata[i], PP_SIGNAL_CLOSE_IDLE, "No pong in time.", REJECT_IDLE);

  return G_SOURCE_CONTINUE;
}

/* HTTP */

static void
set_common_headers (SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
}

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  set_common_headers (message);
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean
method_allowed (SoupServerMessage *message)
{
  const char *method = soup_server_message_get_method (message);

  if (method == SOUP_METHOD_GET || method == SOUP_METHOD_HEAD)
    return TRUE;
  respond (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
           "Only GET and HEAD are served here.\n");
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Allow", "GET, HEAD");
  return FALSE;
}

static void
on_healthz (SoupServer        *soup,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  if (method_allowed (message))
    respond (message, SOUP_STATUS_OK, "text/plain; charset=utf-8", "ok\n");
}

/* For a load balancer: whether joins are taken here now. */
static void
on_readyz (SoupServer        *soup,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  PpSignalServer *self = user_data;

  if (!method_allowed (message))
    return;
  if (self->cluster != NULL && !pp_signal_cluster_is_up (self->cluster))
    respond (message, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain; charset=utf-8",
             "Redis is unreachable: joins are refused until it is back.\n");
  else
    respond (message, SOUP_STATUS_OK, "text/plain; charset=utf-8", "ready\n");
}

static void
on_metrics (SoupServer        *soup,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  g_autofree char *text = NULL;

  if (!method_allowed (message))
    return;
  text = pp_signal_server_get_metrics (user_data);
  respond (message, SOUP_STATUS_OK, "text/plain; version=0.0.4; charset=utf-8", text);
}

static void
on_landing (SoupServer        *soup,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  PpSignalServer *self = user_data;
  const char *room = path + strlen (PP_SIGNAL_LANDING_PREFIX);

  if (!method_allowed (message))
    return;
  if (!g_str_has_prefix (path, PP_SIGNAL_LANDING_PREFIX) || !pp_signal_room_id_is_valid (room))
    {
      respond (message, SOUP_STATUS_NOT_FOUND, "text/plain; charset=utf-8",
               "There is no such page. An invite link looks like /j/ROOM#key=KEY.\n");
      return;
    }
  respond (message, SOUP_STATUS_OK, "text/html; charset=utf-8", self->landing_page);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Content-Security-Policy", self->landing_csp);
}

static void
on_other (SoupServer        *soup,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  if (!method_allowed (message))
    return;
  if (g_str_equal (path, "/"))
    respond (message, SOUP_STATUS_OK, "text/plain; charset=utf-8",
             "pairpad-signal: the signaling server of Pairpad. WebSocket endpoint: " PP_SIGNAL_PATH "\n");
  else
    respond (message, SOUP_STATUS_NOT_FOUND, "text/plain; charset=utf-8", "Not found.\n");
}

/* The landing page may run its own inline script and style and nothing
 * else: it can reach no other server, so the key in its URL stays in the
 * browser. The hashes in the policy are of the page as shipped. */
static char *
csp_hash (const char *page,
          const char *open,
          const char *close)
{
  const char *start = strstr (page, open);
  const char *end;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;

  g_assert (start != NULL);
  start += strlen (open);
  end = strstr (start, close);
  g_assert (end != NULL);
  g_checksum_update (sum, (const guchar *) start, end - start);
  g_checksum_get_digest (sum, digest, &len);
  b64 = g_base64_encode (digest, len);
  return g_strdup_printf ("'sha256-%s'", b64);
}

static void
load_landing_page (PpSignalServer *self)
{
  /* Looked up in our own resource, not the global table: a static library's
   * constructor that would register it may be dropped by the linker. */
  g_autoptr(GBytes) bytes = g_resource_lookup_data (pp_signal_get_resource (),
                                                    "/io/github/pairpad/Signal/landing.html",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *script = NULL;
  g_autofree char *style = NULL;
  g_autofree char *server = NULL;
  g_autofree char *tls = NULL;
  GString *page;

  g_assert (bytes != NULL);
  page = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* With --public-url the page names that server; without, the browser's
   * own location does. */
  if (self->public_url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (self->public_url, G_URI_FLAGS_NONE, NULL);
      gboolean secure = g_str_equal (g_uri_get_scheme (uri), "https") ||
                        g_str_equal (g_uri_get_scheme (uri), "wss");
      int port = g_uri_get_port (uri);

      server = g_strdup_printf ("%s:%d", g_uri_get_host (uri), port > 0 ? port : secure ? 443 : 80);
      tls = g_strdup (secure ? "1" : "0");
    }
  g_string_replace (page, "@SERVER@", server ? server : "", 0);
  g_string_replace (page, "@TLS@", tls ? tls : "", 0);

  script = csp_hash (page->str, "<script>", "</script>");
  style = csp_hash (page->str, "<style>", "</style>");
  g_free (self->landing_csp);
  self->landing_csp = g_strdup_printf ("default-src 'none'; script-src %s; style-src %s; "
                                       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                                       script, style);
  g_free (self->landing_page);
  self->landing_page = g_string_free (page, FALSE);
}

/* Public API */

void
pp_signal_server_get_default_limits (PpSignalLimits *limits)
{
  *limits = (PpSignalLimits) {
    .max_peers = 8,
    .max_connections = 16384,
    .msg_rate = 50,
    .msg_burst = 200,
    .max_send_queue = 1024 * 1024,
    .ping_interval = 30,
    .handshake_timeout = 10,
    .turn_ttl = 3600,
  };
}

static void
pp_signal_server_dispose (GObject *object)
{
  pp_signal_server_stop (PP_SIGNAL_SERVER (object));
  G_OBJECT_CLASS (pp_signal_server_parent_class)->dispose (object);
}

static void
pp_signal_server_finalize (GObject *object)
{
  PpSignalServer *self = PP_SIGNAL_SERVER (object);

  g_clear_object (&self->tls_cert);
  g_ptr_array_unref (self->stun_uris);
  g_ptr_array_unref (self->turn_uris);
  g_free (self->turn_secret);
  g_free (self->public_url);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->peers);
  g_hash_table_unref (self->rooms);
  g_free (self->redis_url);
  g_object_unref (self->parser);
  g_free (self->landing_page);
  g_free (self->landing_csp);
  G_OBJECT_CLASS (pp_signal_server_parent_class)->finalize (object);
}

static void
pp_signal_server_class_init (PpSignalServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pp_signal_server_dispose;
  object_class->finalize = pp_signal_server_finalize;
}

static void
pp_signal_server_init (PpSignalServer *self)
{
  pp_signal_server_get_default_limits (&self->limits);
  self->stun_uris = g_ptr_array_new_with_free_func (g_free);
  self->turn_uris = g_ptr_array_new_with_free_func (g_free);
  self->pending = g_hash_table_new_full (NULL, NULL, g_object_unref, (GDestroyNotify) pending_free);
  self->peers = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) peer_free, NULL);
  self->rooms = g_hash_table_new (g_str_hash, g_str_equal);
  /* Immutable nodes: the parser need not copy strings it hands back. */
  self->parser = json_parser_new_immutable ();
}

PpSignalServer *
pp_signal_server_new (void)
{
  return g_object_new (PP_TYPE_SIGNAL_SERVER, NULL);
}

void
pp_signal_server_set_limits (PpSignalServer       *self,
                             const PpSignalLimits *limits)
{
  g_return_if_fail (PP_IS_SIGNAL_SERVER (self));
  g_return_if_fail (self->soup == NULL);
  g_return_if_fail (limits->max_peers >= 2 && limits->msg_rate > 0 && limits->msg_burst >= 1);
  g_return_if_fail (limits->ping_interval >= 1 && limits->handshake_timeout >= 1);

  self->limits = *limits;
}

gboolean
pp_signal_server_set_tls_files (PpSignalServer *self,
                                const char     *cert_file,
                                const char     *key_file,
                                GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsCertificate *cert;

  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  if (g_tls_backend_get_default () == NULL || !g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "TLS is not available: install glib-networking.");
      return FALSE;
    }
  cert = g_tls_certificate_new_from_files (cert_file, key_file, &local_error);
  if (cert == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Cannot use the certificate %s with the key %s: %s",
                   cert_file, key_file, local_error->message);
      return FALSE;
    }
  g_clear_object (&self->tls_cert);
  self->tls_cert = cert;
  return TRUE;
}

gboolean
pp_signal_server_add_ice_uri (PpSignalServer *self,
                              const char     *uri,
                              GError        **error)
{
  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), FALSE);

  /* RFC 7064/7065 URIs have no "//": stun:host:port, turn:host?transport=udp */
  if (g_str_has_prefix (uri, "stun:") || g_str_has_prefix (uri, "stuns:"))
    g_ptr_array_add (self->stun_uris, g_strdup (uri));
  else if (g_str_has_prefix (uri, "turn:") || g_str_has_prefix (uri, "turns:"))
    g_ptr_array_add (self->turn_uris, g_strdup (uri));
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a STUN or TURN URI; write it as turn:HOST:PORT or stun:HOST:PORT.", uri);
      return FALSE;
    }
  return TRUE;
}

void
pp_signal_server_set_turn_secret (PpSignalServer *self,
                                  const char     *secret)
{
  g_return_if_fail (PP_IS_SIGNAL_SERVER (self));

  g_free (self->turn_secret);
  self->turn_secret = g_strdup (secret);
}

gboolean
pp_signal_server_set_public_url (PpSignalServer *self,
                                 const char     *url,
                                 GError        **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      !(g_str_equal (g_uri_get_scheme (uri), "https") || g_str_equal (g_uri_get_scheme (uri), "http")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a public URL; write it as https://HOST[:PORT].", url);
      return FALSE;
    }
  g_free (self->public_url);
  self->public_url = g_strdup (url);
  return TRUE;
}

void
pp_signal_server_set_logging (PpSignalServer *self,
                              gboolean        enabled)
{
  g_return_if_fail (PP_IS_SIGNAL_SERVER (self));
  self->logging = enabled;
}

static GInetAddress *
parse_listen_address (const char *address,
                      GError    **error)
{
  g_autofree char *bare = NULL;
  GInetAddress *inet;

  if (g_str_equal (address, "localhost"))
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  if (address[0] == '[' && g_str_has_suffix (address, "]"))
    bare = g_strndup (address + 1, strlen (address) - 2);
  inet = g_inet_address_new_from_string (bare ? bare : address);
  if (inet == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "Cannot listen on “%s”: give an IP address such as 0.0.0.0, 127.0.0.1 or ::.",
                 address);
  return inet;
}

gboolean
pp_signal_server_start (PpSignalServer *self,
                        const char     *address,
                        guint16         port,
                        GError        **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) want = NULL;
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMainContext) context = NULL;

  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  inet = parse_listen_address (address, error);
  if (inet == NULL)
    return FALSE;
  want = g_inet_socket_address_new (inet, port);
  listener = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, &local_error);
  if (listener != NULL)
    {
      g_socket_set_blocking (listener, FALSE);
      g_socket_set_listen_backlog (listener, 4096);
    }
  if (listener == NULL || !g_socket_bind (listener, want, TRUE, &local_error) ||
      !g_socket_listen (listener, &local_error))
    {
      g_set_error (error, G_IO_ERROR, local_error->code, "Cannot listen on %s port %u: %s",
                   address, port, local_error->message);
      return FALSE;
    }

  context = g_main_context_ref_thread_default ();
  if (self->redis_url != NULL)
    {
      self->cluster = pp_signal_cluster_new (self->redis_url, &cluster_callbacks, self, error);
      if (self->cluster == NULL)
        return FALSE;
      self->cluster_rooms = g_hash_table_new (g_str_hash, g_str_equal);
    }
  self->ws_loop = pp_ws_loop_new (context, error);
  if (self->ws_loop == NULL)
    {
      g_clear_pointer (&self->cluster, pp_signal_cluster_free);
      g_clear_pointer (&self->cluster_rooms, g_hash_table_unref);
      return FALSE;
    }

  load_landing_page (self);
  self->listener = g_steal_pointer (&listener);
  self->bound = G_INET_SOCKET_ADDRESS (g_socket_get_local_address (self->listener, NULL));
  self->soup = soup_server_new ("server-header", "pairpad-signal/" PACKAGE_VERSION, NULL);
  soup_server_add_handler (self->soup, PP_SIGNAL_PATH, on_websocket_request, self, NULL);
  soup_server_add_handler (self->soup, "/healthz", on_healthz, self, NULL);
  soup_server_add_handler (self->soup, "/readyz", on_readyz, self, NULL);
  soup_server_add_handler (self->soup, "/metrics", on_metrics, self, NULL);
  soup_server_add_handler (self->soup, PP_SIGNAL_LANDING_PREFIX, on_landing, self, NULL);
  soup_server_add_handler (self->soup, NULL, on_other, self, NULL);

  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_ready), self, NULL);
  g_source_attach (self->accept_source, g_main_context_get_thread_default ());
  self->sweep_id = g_timeout_add (100, sweep, self);
  return TRUE;
}

void
pp_signal_server_stop (PpSignalServer *self)
{
  g_autoptr(GPtrArray) peers = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (PP_IS_SIGNAL_SERVER (self));

  if (self->soup == NULL)
    return;

  g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  g_clear_object (&self->bound);
  /* Before the peers close: their leaving is not published one by one,
   * the lease given up says it for all of them. */
  g_clear_pointer (&self->cluster, pp_signal_cluster_free);

  /* Peers are freed when their connection is closed, which for a clean
   * close is later; free them now, as no callback may reach us after. */
  peers = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->peers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (peers, key);
  for (guint i = 0; i < peers->len; i++)
    {
      Peer *peer = peers->pdata[i];

      peer->room = NULL;
      peer->joining = NULL;
      pp_ws_conn_close (peer->conn, PP_SIGNAL_CLOSE_GOING_AWAY, "The server is stopping.");
    }
  g_hash_table_remove_all (self->peers);
  g_hash_table_iter_init (&iter, self->cluster_rooms ? self->cluster_rooms : self->rooms);
  while (g_hash_table_iter_next (&iter, NULL, &key))
    room_free (key);
  g_hash_table_remove_all (self->rooms);
  g_clear_pointer (&self->cluster_rooms, g_hash_table_unref);

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &key))
    g_socket_shutdown (((Pending *) key)->socket, TRUE, TRUE, NULL);
  g_hash_table_remove_all (self->pending);

  soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  /* The close frames go out now, and every connection is closed. */
  g_clear_pointer (&self->ws_loop, pp_ws_loop_free);
}

gboolean
pp_signal_server_set_redis_url (PpSignalServer *self,
                                const char     *url,
                                GError        **error)
{
  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  if (url != NULL && !pp_signal_cluster_check_url (url, error))
    return FALSE;
  g_free (self->redis_url);
  self->redis_url = g_strdup (url);
  return TRUE;
}

gboolean
pp_signal_server_is_running (PpSignalServer *self)
{
  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), FALSE);
  return self->soup != NULL;
}

guint16
pp_signal_server_get_port (PpSignalServer *self)
{
  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), 0);
  return self->bound ? g_inet_socket_address_get_port (self->bound) : 0;
}

char *
pp_signal_server_get_uri (PpSignalServer *self)
{
  g_autofree char *addr = NULL;

  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), NULL);
  if (self->bound == NULL)
    return NULL;
  addr = address_to_string (G_SOCKET_ADDRESS (self->bound));
  return g_strdup_printf ("%s://%s", self->tls_cert ? "wss" : "ws", addr);
}

guint
pp_signal_server_get_n_connections (PpSignalServer *self)
{
  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), 0);
  return g_hash_table_size (self->peers);
}

guint
pp_signal_server_get_n_rooms (PpSignalServer *self)
{
  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), 0);
  return g_hash_table_size (self->rooms);
}

char *
pp_signal_server_get_metrics (PpSignalServer *self)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (PP_IS_SIGNAL_SERVER (self), NULL);

#define GAUGE(name, help, value) \
  g_string_append_printf (s, "# HELP " name " " help "\n# TYPE " name " gauge\n" name " %u\n", (guint) (value))
#define COUNTER(name, help, value) \
  g_string_append_printf (s, "# HELP " name " " help "\n# TYPE " name " counter\n" name " %" G_GUINT64_FORMAT "\n", \
                          (guint64) (value))
  GAUGE ("pairpad_signal_connections", "Open WebSocket connections.", g_hash_table_size (self->peers));
  GAUGE ("pairpad_signal_pending_connections", "TCP connections not yet upgraded to WebSocket.",
         g_hash_table_size (self->pending));
  GAUGE ("pairpad_signal_rooms", "Rooms with someone in them.", g_hash_table_size (self->rooms));
  COUNTER ("pairpad_signal_connections_total", "WebSocket connections opened.", self->connections_total);
  COUNTER ("pairpad_signal_joins_total", "Rooms joined.", self->joins_total);
  COUNTER ("pairpad_signal_relayed_messages_total", "Signals relayed to a peer.", self->relayed_total);
  COUNTER ("pairpad_signal_relayed_bytes_total", "Bytes of relayed signal messages.", self->relayed_bytes_total);
#undef GAUGE
#undef COUNTER
  if (self->cluster != NULL)
    pp_signal_cluster_append_metrics (self->cluster, s);
  g_string_append (s, "# HELP pairpad_signal_rejections_total Messages or connections refused, by reason.\n"
                      "# TYPE pairpad_signal_rejections_total counter\n");
  for (guint i = 0; i < N_REJECTS; i++)
    g_string_append_printf (s, "pairpad_signal_rejections_total{reason=\"%s\"} %" G_GUINT64_FORMAT "\n",
                            reject_name (i), self->rejects[i]);
  return g_string_free (s, FALSE);
}

/* pp-signal-client.c: the app's side of signaling protocol v1
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection at a time, from connect to joined:
 *
 *   connect ─► WebSocket open ─► "hello" ─► send "join" ─► "joined"
 *
 * Anything that goes wrong on the way, or later, either ends the client
 * (FAILED, when trying again cannot help) or drops the connection and
 * schedules the next attempt after a backoff. Every message to a peer goes
 * through one queue, sent from the client's main context when joined, and
 * paced to the rate the server announced in "hello" so that a long queue
 * flushed after a rejoin does not get the connection closed for flooding.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "pp-signal-client.h"
#include "pp-signal-protocol.h"

#define DEFAULT_BACKOFF_MIN_MS 250
#define DEFAULT_BACKOFF_MAX_MS 10000
/* libsoup pings this often; the server answers with a pong. Hearing
 * nothing, not even a pong, for 2.5 intervals means the path is dead —
 * the same rule the server applies to us. */
#define KEEPALIVE_S 20
#define SILENCE_LIMIT_US (G_USEC_PER_SEC * KEEPALIVE_S * 5 / 2)
/* From TCP connect to the HTTP upgrade; the WebSocket has no timeout. */
#define IO_TIMEOUT_S 15
/* From the WebSocket opening to "joined". */
#define HANDSHAKE_TIMEOUT_S 10
/* PROTOCOL.md's defaults, for a "hello" that does not say. */
#define DEFAULT_MSG_RATE 50.0
#define DEFAULT_MSG_BURST 200

struct _PpSignalClient
{
  GObject parent_instance;

  GMainContext *context;         /* owned: where everything is emitted */
  SoupSession *session;          /* owned */
  GUri *uri;                     /* owned: ws[s]://HOST:PORT/ws */
  char *server_label;            /* owned: HOST:PORT, for sentences */
  char *room;
  char *peer_id;
  char *name;
  guint backoff_min_ms;
  guint backoff_max_ms;

  PpSignalClientState state;
  GError *error;                 /* owned: why FAILED, or why trying again */
  JsonNode *ice_servers;         /* owned: array node from the last "joined" */
  gint64 retry_time;             /* monotonic µs of the next attempt, or 0 */
  guint n_failures;              /* attempts since the connection last held */
  gboolean ever_joined;
  gint64 joined_at;
  guint n_refused;

  /* The connection or the attempt at one; at most one of the two. */
  GCancellable *cancellable;     /* owned: of the connect in flight */
  SoupWebsocketConnection *ws;   /* owned */
  gboolean got_hello;
  guint max_peers;               /* from "hello"; 0 if it did not say */
  double msg_rate;               /* what we allow ourselves, a bit under the server's */
  double msg_burst;
  double tokens;
  gint64 tokens_time;
  gint64 last_heard;
  GSource *retry_source;         /* owned */
  GSource *handshake_source;     /* owned */
  GSource *watchdog_source;      /* owned */

  /* send () may come from any thread. */
  GMutex lock;
  GQueue queue;                  /* owned frames (char *), oldest first */
  GSource *flush_source;         /* owned; holds a reference on the client */
  gboolean accepting;            /* FALSE once stopped or failed */
  guint n_dropped;
};

G_DEFINE_FINAL_TYPE (PpSignalClient, pp_signal_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (pp-signal-client-error-quark, pp_signal_client_error)

G_DEFINE_ENUM_TYPE (PpSignalClientState, pp_signal_client_state,
  G_DEFINE_ENUM_VALUE (PP_SIGNAL_CLIENT_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (PP_SIGNAL_CLIENT_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (PP_SIGNAL_CLIENT_JOINED, "joined"),
  G_DEFINE_ENUM_VALUE (PP_SIGNAL_CLIENT_RECONNECTING, "reconnecting"),
  G_DEFINE_ENUM_VALUE (PP_SIGNAL_CLIENT_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (PP_SIGNAL_CLIENT_STOPPED, "stopped"))

enum
{
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  PROP_RETRY_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  JOINED,
  PEER_JOINED,
  PEER_LEFT,
  SIGNAL,
  SERVER_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void connect_now (PpSignalClient *self);

/* Sources */

static GSource *
add_timeout (PpSignalClient *self,
             guint           ms,
             GSourceFunc     func)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* State */

static void
set_state (PpSignalClient      *self,
           PpSignalClientState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (PpSignalClient *self,
           GError         *error)
{
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_retry_time (PpSignalClient *self,
                gint64          retry_time)
{
  if (self->retry_time == retry_time)
    return;
  self->retry_time = retry_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_TIME]);
}

static gboolean
ws_is_open (PpSignalClient *self)
{
  return self->ws != NULL &&
         soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN;
}

/* The queue */

static gboolean on_flush (gpointer data);

static void
schedule_flush_locked (PpSignalClient *self,
                       guint           delay_ms)
{
  if (self->flush_source != NULL)
    return;
  self->flush_source = delay_ms == 0 ? g_idle_source_new () : g_timeout_source_new (delay_ms);
  g_source_set_callback (self->flush_source, on_flush, g_object_ref (self), g_object_unref);
  g_source_attach (self->flush_source, self->context);
}

/* Sends what the server's rate allows now, and comes back for the rest. */
static void
flush (PpSignalClient *self)
{
  gint64 now = g_get_monotonic_time ();

  /* Closing: what waits goes after the rejoin. */
  if (self->state != PP_SIGNAL_CLIENT_JOINED || !ws_is_open (self))
    return;

  self->tokens = MIN (self->msg_burst,
                      self->tokens + (now - self->tokens_time) * self->msg_rate / G_USEC_PER_SEC);
  self->tokens_time = now;

  for (;;)
    {
      g_autofree char *frame = NULL;

      g_mutex_lock (&self->lock);
      if (self->tokens < 1 && !g_queue_is_empty (&self->queue))
        schedule_flush_locked (self, (guint) ((1 - self->tokens) * 1000 / self->msg_rate) + 1);
      else
        frame = g_queue_pop_head (&self->queue);
      g_mutex_unlock (&self->lock);

      if (frame == NULL)
        return;
      soup_websocket_connection_send_text (self->ws, frame);
      self->tokens -= 1;
    }
}

static gboolean
on_flush (gpointer data)
{
  PpSignalClient *self = data;

  g_mutex_lock (&self->lock);
  /* Returning REMOVE destroys it; only our pointer goes here. */
  g_clear_pointer (&self->flush_source, g_source_unref);
  g_mutex_unlock (&self->lock);
  flush (self);
  return G_SOURCE_REMOVE;
}

/* Stops accepting messages and forgets those waiting. */
static void
close_queue (PpSignalClient *self)
{
  GSource *flush_source;

  g_mutex_lock (&self->lock);
  self->accepting = FALSE;
  g_queue_clear_full (&self->queue, g_free);
  flush_source = g_steal_pointer (&self->flush_source);
  g_mutex_unlock (&self->lock);

  /* Outside the lock: destroying it drops the reference it holds. */
  if (flush_source != NULL)
    {
      g_source_destroy (flush_source);
      g_source_unref (flush_source);
    }
}

/* The connection */

static void
on_abandoned_closed (SoupWebsocketConnection *ws,
                     gpointer                 user_data)
{
  g_signal_handlers_disconnect_by_func (ws, on_abandoned_closed, NULL);
  g_object_unref (ws);
}

/* Lets a connection we no longer listen to close on its own, so that
 * the close handshake (and a "leave" before it) still goes out. */
static void
abandon (SoupWebsocketConnection *ws)
{
  switch (soup_websocket_connection_get_state (ws))
    {
    case SOUP_WEBSOCKET_STATE_OPEN:
      g_signal_connect (ws, "closed", G_CALLBACK (on_abandoned_closed), NULL);
      soup_websocket_connection_close (ws, PP_SIGNAL_CLOSE_NORMAL, NULL);
      break;
    case SOUP_WEBSOCKET_STATE_CLOSING:
      g_signal_connect (ws, "closed", G_CALLBACK (on_abandoned_closed), NULL);
      break;
    case SOUP_WEBSOCKET_STATE_CLOSED:
    default:
      g_object_unref (ws);
      break;
    }
}

static void
drop_connection (PpSignalClient *self)
{
  clear_source (&self->handshake_source);
  clear_source (&self->watchdog_source);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  if (self->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->ws, self);
      abandon (g_steal_pointer (&self->ws));
    }
}

static gboolean
on_retry (gpointer data)
{
  PpSignalClient *self = data;

  clear_source (&self->retry_source);
  set_retry_time (self, 0);
  connect_now (self);
  return G_SOURCE_REMOVE;
}

/* Full jitter: anywhere between the minimum and a ceiling that starts at
 * twice the minimum and doubles with each failure, up to the maximum.
 * Jitter from the first retry on: the clients a server restart drops all
 * at once do not come back all at once. */
static guint
next_delay_ms (PpSignalClient *self)
{
  guint64 ceiling = (guint64) self->backoff_min_ms * 2;

  for (guint i = 0; i < self->n_failures && ceiling < self->backoff_max_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, self->backoff_max_ms);
  return g_random_int_range (self->backoff_min_ms, (gint32) ceiling + 1);
}

/* Drops the connection, says why, and tries again after a backoff. */
static void
retry (PpSignalClient *self,
       GError         *why)
{
  gint64 now = g_get_monotonic_time ();
  guint delay;

  drop_connection (self);
  /* A connection that held for a while resets the backoff; one that keeps
   * being dropped right after joining keeps growing it. */
  if (self->state == PP_SIGNAL_CLIENT_JOINED &&
      now - self->joined_at >= (gint64) self->backoff_max_ms * 1000)
    self->n_failures = 0;
  delay = next_delay_ms (self);
  self->n_failures++;

  g_object_freeze_notify (G_OBJECT (self));
  set_error (self, why);
  set_retry_time (self, now + (gint64) delay * 1000);
  set_state (self, PP_SIGNAL_CLIENT_RECONNECTING);
  self->retry_source = add_timeout (self, delay, on_retry);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
retry_unreachable (PpSignalClient *self)
{
  retry (self, g_error_new (PP_SIGNAL_CLIENT_ERROR, PP_SIGNAL_CLIENT_ERROR_UNREACHABLE,
                            _("Cannot reach %s; trying again."), self->server_label));
}

static void fail (PpSignalClient     *self,
                  PpSignalClientError code,
                  const char         *format,
                  ...) G_GNUC_PRINTF (3, 4);

/* Ends the client for good: trying again would not help. */
static void
fail (PpSignalClient     *self,
      PpSignalClientError code,
      const char         *format,
      ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (PP_SIGNAL_CLIENT_ERROR, code, format, args);
  va_end (args);

  drop_connection (self);
  clear_source (&self->retry_source);
  close_queue (self);

  g_object_freeze_notify (G_OBJECT (self));
  set_error (self, error);
  set_retry_time (self, 0);
  set_state (self, PP_SIGNAL_CLIENT_FAILED);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
fail_not_signal_server (PpSignalClient *self)
{
  fail (self, PP_SIGNAL_CLIENT_ERROR_NOT_SIGNAL_SERVER,
        _("%s is not a Pairpad signaling server. Check the server in the invite link."),
        self->server_label);
}

static void
fail_unsupported_version (PpSignalClient *self)
{
  fail (self, PP_SIGNAL_CLIENT_ERROR_UNSUPPORTED_VERSION,
        _("This server speaks a different version of Pairpad’s protocol. Update Pairpad or ask "
          "the host for another server."));
}

static void
fail_room_full (PpSignalClient *self)
{
  if (self->max_peers > 0)
    fail (self, PP_SIGNAL_CLIENT_ERROR_ROOM_FULL,
          g_dngettext (GETTEXT_PACKAGE, "The session is full: it already has %u person.",
                       "The session is full: it already has %u people.", self->max_peers),
          self->max_peers);
  else
    fail (self, PP_SIGNAL_CLIENT_ERROR_ROOM_FULL, "%s", _("The session is full."));
}

/* Messages from the server */

static void
read_hello (PpSignalClient *self,
            JsonParser     *parser)
{
  JsonObject *hello = json_node_get_object (json_parser_get_root (parser));
  gint64 max_peers = json_object_get_int_member_with_default (hello, "max_peers", 0);
  double rate = json_object_get_double_member_with_default (hello, "msg_rate", DEFAULT_MSG_RATE);
  gint64 burst = json_object_get_int_member_with_default (hello, "msg_burst", DEFAULT_MSG_BURST);
  g_autofree char *join = NULL;

  self->got_hello = TRUE;
  self->max_peers = CLAMP (max_peers, 0, G_MAXUINT);
  /* A margin under the server's bucket, which counts messages when they
   * arrive, not when we sent them: a burst held up on the way (a loaded
   * server, a retransmission) reaches it together with what we paced
   * after it. Half the burst at 80 % of the rate leaves room for
   * BURST / (1.6 × RATE) seconds of such delay (2.5 s at the defaults).
   * Bounds, so that no figure in "hello" stalls the queue for good. */
  self->msg_rate = CLAMP (rate * 0.8, 1.0, 1e6);
  self->msg_burst = CLAMP (burst / 2, 1, 1000000);

  /* Only now, knowing it is a server of ours: the room and our name. */
  join = pp_signal_build_join (self->room, self->peer_id, self->name);
  if (ws_is_open (self))
    soup_websocket_connection_send_text (self->ws, join);
}

static void
handle_joined (PpSignalClient  *self,
               PpSignalMessage *msg)
{
  g_autoptr(JsonNode) peers = NULL;

  clear_source (&self->handshake_source);
  g_clear_pointer (&self->ice_servers, json_node_unref);
  self->ice_servers = json_node_init_array (json_node_alloc (), msg->ice_servers);
  peers = json_node_init_array (json_node_alloc (), msg->peers);
  self->ever_joined = TRUE;
  self->joined_at = g_get_monotonic_time ();
  /* The join was one message already. */
  self->tokens = self->msg_burst - 1;
  self->tokens_time = self->joined_at;

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_error (&self->error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  set_state (self, PP_SIGNAL_CLIENT_JOINED);
  g_object_thaw_notify (G_OBJECT (self));

  /* A handler may have stopped us. */
  if (self->state != PP_SIGNAL_CLIENT_JOINED)
    return;
  g_signal_emit (self, signals[JOINED], 0, peers);
  flush (self);
}

static void
handle_error (PpSignalClient  *self,
              PpSignalMessage *msg)
{
  gboolean joining = self->state != PP_SIGNAL_CLIENT_JOINED;

  if (g_str_equal (msg->code, pp_signal_error_code_name (PP_SIGNAL_ERR_ROOM_FULL)))
    fail_room_full (self);
  else if (g_str_equal (msg->code, pp_signal_error_code_name (PP_SIGNAL_ERR_UNSUPPORTED_VERSION)))
    fail_unsupported_version (self);
  else if (joining &&
           g_str_equal (msg->code, pp_signal_error_code_name (PP_SIGNAL_ERR_PEER_ID_TAKEN)))
    {
      /* Our own previous connection, which the server has not yet seen
       * die; it notices within 2.5 ping intervals. */
      if (self->ever_joined)
        retry (self, g_error_new (PP_SIGNAL_CLIENT_ERROR, PP_SIGNAL_CLIENT_ERROR_PEER_ID_TAKEN,
                                  _("The server has not yet noticed that your previous "
                                    "connection ended; trying again.")));
      else
        fail (self, PP_SIGNAL_CLIENT_ERROR_PEER_ID_TAKEN,
              _("Someone in this session already uses your participant id. Join again."));
    }
  else if (joining &&
           g_str_equal (msg->code, pp_signal_error_code_name (PP_SIGNAL_ERR_UNAVAILABLE)))
    /* One server of several lost the others for a moment. */
    retry (self, g_error_new (PP_SIGNAL_CLIENT_ERROR, PP_SIGNAL_CLIENT_ERROR_UNREACHABLE,
                              _("%s cannot reach the rest of its service; trying again."),
                              self->server_label));
  else if (joining && self->got_hello &&
           !g_str_equal (msg->code, pp_signal_error_code_name (PP_SIGNAL_ERR_SERVER_FULL)) &&
           !g_str_equal (msg->code, pp_signal_error_code_name (PP_SIGNAL_ERR_RATE_LIMITED)))
    /* Translators: %s is the server's own explanation, in English. */
    fail (self, PP_SIGNAL_CLIENT_ERROR_REFUSED, _("The server refused to let you join: %s"),
          msg->message);
  else
    g_signal_emit (self, signals[SERVER_ERROR], 0, msg->code, msg->message);
}

static void
on_message (SoupWebsocketConnection *ws,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            gpointer                 user_data)
{
  g_autoptr(PpSignalClient) self = g_object_ref (user_data);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  PpSignalErrorCode code;
  PpSignalMessage msg;
  gsize len;
  const char *text = g_bytes_get_data (message, &len);

  self->last_heard = g_get_monotonic_time ();

  if (type != SOUP_WEBSOCKET_DATA_TEXT ||
      !pp_signal_message_parse (parser, text, len, TRUE, &msg, &code, &error))
    {
      if (self->got_hello)
        {
          g_debug ("Ignoring a message from %s: %s", self->server_label,
                   error ? error->message : "binary");
          self->n_refused++;
        }
      else if (error != NULL && code == PP_SIGNAL_ERR_UNSUPPORTED_VERSION)
        fail_unsupported_version (self);
      else
        fail_not_signal_server (self);
      return;
    }

  if (!self->got_hello)
    {
      /* A full server says so instead of hello, then closes. */
      if (msg.type == PP_SIGNAL_MSG_HELLO)
        read_hello (self, parser);
      else if (msg.type == PP_SIGNAL_MSG_ERROR)
        handle_error (self, &msg);
      else
        fail_not_signal_server (self);
      return;
    }

  switch (msg.type)
    {
    case PP_SIGNAL_MSG_JOINED:
      if (self->state == PP_SIGNAL_CLIENT_JOINED)
        self->n_refused++;
      else
        handle_joined (self, &msg);
      break;

    case PP_SIGNAL_MSG_PEER_JOINED:
      if (self->state == PP_SIGNAL_CLIENT_JOINED)
        g_signal_emit (self, signals[PEER_JOINED], 0, msg.peer, msg.name);
      break;

    case PP_SIGNAL_MSG_PEER_LEFT:
      if (self->state == PP_SIGNAL_CLIENT_JOINED)
        g_signal_emit (self, signals[PEER_LEFT], 0, msg.peer);
      break;

    case PP_SIGNAL_MSG_SIGNAL:
      if (self->state == PP_SIGNAL_CLIENT_JOINED)
        g_signal_emit (self, signals[SIGNAL], 0, msg.from, msg.data);
      break;

    case PP_SIGNAL_MSG_ERROR:
      handle_error (self, &msg);
      break;

    case PP_SIGNAL_MSG_LEFT:
      break;

    case PP_SIGNAL_MSG_HELLO:
    default:
      self->n_refused++;
      break;
    }
}

static void
on_pong (SoupWebsocketConnection *ws,
         GBytes                  *message,
         gpointer                 user_data)
{
  PpSignalClient *self = user_data;

  self->last_heard = g_get_monotonic_time ();
}

static void
on_closed (SoupWebsocketConnection *ws,
           gpointer                 user_data)
{
  PpSignalClient *self = user_data;

  g_debug ("%s closed the connection (%u)", self->server_label,
           soup_websocket_connection_get_close_code (ws));
  retry_unreachable (self);
}

static gboolean
on_handshake_timeout (gpointer data)
{
  PpSignalClient *self = data;

  clear_source (&self->handshake_source);
  if (!self->got_hello)
    fail_not_signal_server (self);
  else
    retry_unreachable (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_watchdog (gpointer data)
{
  PpSignalClient *self = data;

  if (g_get_monotonic_time () - self->last_heard > SILENCE_LIMIT_US)
    retry_unreachable (self);
  return G_SOURCE_CONTINUE;
}

static void
take_connection (PpSignalClient          *self,
                 SoupWebsocketConnection *ws)
{
  self->ws = ws;
  self->got_hello = FALSE;
  self->max_peers = 0;
  self->last_heard = g_get_monotonic_time ();
  soup_websocket_connection_set_max_incoming_payload_size (ws, PP_SIGNAL_MAX_FRAME);
  soup_websocket_connection_set_keepalive_interval (ws, KEEPALIVE_S);
  g_signal_connect (ws, "message", G_CALLBACK (on_message), self);
  g_signal_connect (ws, "pong", G_CALLBACK (on_pong), self);
  g_signal_connect (ws, "closed", G_CALLBACK (on_closed), self);
  self->handshake_source = add_timeout (self, HANDSHAKE_TIMEOUT_S * 1000, on_handshake_timeout);
  self->watchdog_source = add_timeout (self, KEEPALIVE_S * 1000, on_watchdog);
}

/* Connecting */

typedef struct
{
  PpSignalClient *self;       /* borrowed: alive unless cancellable is cancelled */
  GCancellable *cancellable;  /* owned */
  SoupMessage *msg;           /* owned */
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_object_unref (attempt->cancellable);
  g_object_unref (attempt->msg);
  g_free (attempt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attempt, attempt_free)

/* A proxy's answer while the server behind it is down or busy. */
static gboolean
status_is_passing (guint status)
{
  return status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429 /* Too Many Requests */;
}

static void
connect_failed (PpSignalClient *self,
                const GError   *error,
                guint           status)
{
  g_debug ("Connecting to %s: %s (HTTP %u)", self->server_label, error->message, status);

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    fail (self, PP_SIGNAL_CLIENT_ERROR_CERTIFICATE,
          _("The security certificate of %s is not valid, so the connection would not be "
            "private. Ask the host to check the server’s certificate."),
          self->server_label);
  else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    fail (self, PP_SIGNAL_CLIENT_ERROR_NOT_SIGNAL_SERVER,
          _("%s does not offer a secure connection. Ask the host for an invite link that "
            "matches the server."),
          self->server_label);
  else if ((error->domain == SOUP_WEBSOCKET_ERROR && !status_is_passing (status)) ||
           g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING))
    fail_not_signal_server (self);
  else
    retry_unreachable (self);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  PpSignalClient *self = attempt->self;

  ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  /* Stopped, or the client is gone: touch nothing of it. A connection
   * that made it all the same is closed properly. */
  if (g_cancellable_is_cancelled (attempt->cancellable))
    {
      if (ws != NULL)
        abandon (g_steal_pointer (&ws));
      return;
    }

  g_clear_object (&self->cancellable);
  if (ws == NULL)
    connect_failed (self, error, soup_message_get_status (attempt->msg));
  else
    take_connection (self, g_steal_pointer (&ws));
}

static void
connect_now (PpSignalClient *self)
{
  Attempt *attempt = g_new0 (Attempt, 1);

  g_assert (self->ws == NULL && self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  attempt->self = self;
  attempt->cancellable = g_object_ref (self->cancellable);
  attempt->msg = soup_message_new_from_uri (SOUP_METHOD_GET, self->uri);
  soup_session_websocket_connect_async (self->session, attempt->msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        attempt->cancellable, on_connected, attempt);
}

/* Ending */

static void
teardown (PpSignalClient *self)
{
  close_queue (self);
  clear_source (&self->retry_source);
  if (self->state == PP_SIGNAL_CLIENT_JOINED && ws_is_open (self))
    {
      g_autofree char *leave = pp_signal_build_leave ();

      soup_websocket_connection_send_text (self->ws, leave);
    }
  drop_connection (self);
}

/* GObject */

static void
pp_signal_client_dispose (GObject *object)
{
  PpSignalClient *self = PP_SIGNAL_CLIENT (object);

  teardown (self);

  G_OBJECT_CLASS (pp_signal_client_parent_class)->dispose (object);
}

static void
pp_signal_client_finalize (GObject *object)
{
  PpSignalClient *self = PP_SIGNAL_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_free (self->server_label);
  g_free (self->room);
  g_free (self->peer_id);
  g_free (self->name);
  g_clear_error (&self->error);
  g_clear_pointer (&self->ice_servers, json_node_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pp_signal_client_parent_class)->finalize (object);
}

static void
pp_signal_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PpSignalClient *self = PP_SIGNAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_RETRY_TIME:
      g_value_set_int64 (value, self->retry_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_signal_client_class_init (PpSignalClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pp_signal_client_dispose;
  object_class->finalize = pp_signal_client_finalize;
  object_class->get_property = pp_signal_client_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PP_TYPE_SIGNAL_CLIENT_STATE, PP_SIGNAL_CLIENT_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Why FAILED, or, while RECONNECTING, why it is trying again. */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* When the next attempt starts, in g_get_monotonic_time (); 0 if none
   * is waiting. For "Trying again in 4 s". */
  properties[PROP_RETRY_TIME] =
    g_param_spec_int64 ("retry-time", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The others in the room (PROTOCOL.md "joined"), borrowed for the
   * call; on every join, the first and each after a reconnect. */
  signals[JOINED] =
    g_signal_new ("joined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[PEER_JOINED] =
    g_signal_new ("peer-joined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[PEER_LEFT] =
    g_signal_new ("peer-left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* from, data: a sealed payload for pp_seal_box_open (). */
  signals[SIGNAL] =
    g_signal_new ("signal", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* code, message: an "error" that did not end the client, such as
   * "no-such-peer" for a peer that has just left. */
  signals[SERVER_ERROR] =
    g_signal_new ("server-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
pp_signal_client_init (PpSignalClient *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->backoff_min_ms = DEFAULT_BACKOFF_MIN_MS;
  self->backoff_max_ms = DEFAULT_BACKOFF_MAX_MS;
  self->msg_rate = DEFAULT_MSG_RATE;
  self->msg_burst = DEFAULT_MSG_BURST;
  self->accepting = TRUE;
  g_mutex_init (&self->lock);
  g_queue_init (&self->queue);
}

static char *
label_for (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  gboolean ipv6 = strchr (host, ':') != NULL;

  if (g_uri_get_port (uri) < 0)
    return g_strdup (host);
  return g_strdup_printf (ipv6 ? "[%s]:%d" : "%s:%d", host, g_uri_get_port (uri));
}

/**
 * pp_signal_client_new:
 * @server_uri: "ws://HOST:PORT" or "wss://HOST:PORT"; the path is /ws
 * @room: the room id from the invite link
 * @peer_id: ours, random; the same for the client's whole life
 * @name: the display name others see
 *
 * Returns: (transfer full): a client that does nothing until started
 */
PpSignalClient *
pp_signal_client_new (const char *server_uri,
                      const char *room,
                      const char *peer_id,
                      const char *name)
{
  g_autoptr(GUri) parsed = NULL;
  PpSignalClient *self;
  const char *scheme;

  g_return_val_if_fail (server_uri != NULL, NULL);
  g_return_val_if_fail (pp_signal_room_id_is_valid (room), NULL);
  g_return_val_if_fail (pp_signal_peer_id_is_valid (peer_id), NULL);
  g_return_val_if_fail (pp_signal_name_is_valid (name), NULL);

  parsed = g_uri_parse (server_uri, G_URI_FLAGS_NONE, NULL);
  g_return_val_if_fail (parsed != NULL, NULL);
  scheme = g_uri_get_scheme (parsed);
  g_return_val_if_fail (g_ascii_strcasecmp (scheme, "ws") == 0 ||
                        g_ascii_strcasecmp (scheme, "wss") == 0, NULL);
  g_return_val_if_fail (g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0', NULL);

  self = g_object_new (PP_TYPE_SIGNAL_CLIENT, NULL);
  self->uri = g_uri_build (G_URI_FLAGS_NONE, scheme, NULL, g_uri_get_host (parsed),
                           g_uri_get_port (parsed), PP_SIGNAL_PATH, NULL, NULL);
  self->server_label = label_for (parsed);
  self->room = g_strdup (room);
  self->peer_id = g_strdup (peer_id);
  self->name = g_strdup (name);
  self->session = soup_session_new_with_options ("user-agent", "Pairpad/" PACKAGE_VERSION,
                                                 "timeout", IO_TIMEOUT_S,
                                                 NULL);
  return self;
}

/**
 * pp_signal_client_start:
 *
 * Connects and joins, and from then on reconnects by itself until
 * stopped or FAILED. Once only.
 */
void
pp_signal_client_start (PpSignalClient *self)
{
  g_return_if_fail (PP_IS_SIGNAL_CLIENT (self));
  g_return_if_fail (self->state == PP_SIGNAL_CLIENT_IDLE);

  set_state (self, PP_SIGNAL_CLIENT_CONNECTING);
  connect_now (self);
}

/**
 * pp_signal_client_stop:
 *
 * Leaves the room if in one and closes the connection; cancels a connect
 * in flight or a pending retry. Nothing is emitted after this returns,
 * and waiting messages are dropped.
 */
void
pp_signal_client_stop (PpSignalClient *self)
{
  g_return_if_fail (PP_IS_SIGNAL_CLIENT (self));

  if (self->state == PP_SIGNAL_CLIENT_STOPPED)
    return;
  teardown (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_retry_time (self, 0);
  set_state (self, PP_SIGNAL_CLIENT_STOPPED);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * pp_signal_client_send:
 * @to: the peer id of someone in the room
 * @data: a sealed payload
 *
 * Queues a "signal" message; it goes out in order, as soon as the client
 * is joined and the server's rate allows. Safe from any thread. While not
 * joined at most %PP_SIGNAL_CLIENT_QUEUE_MAX wait; older ones are dropped.
 */
void
pp_signal_client_send (PpSignalClient *self,
                       const char     *to,
                       const char     *data)
{
  g_autofree char *frame = NULL;
  gsize len;

  g_return_if_fail (PP_IS_SIGNAL_CLIENT (self));
  g_return_if_fail (pp_signal_peer_id_is_valid (to));
  g_return_if_fail (data != NULL && g_utf8_validate (data, -1, NULL));

  frame = pp_signal_build_signal_to (to, data);
  len = strlen (frame);
  /* The server would close the connection, and the message would come
   * back after every rejoin. */
  if (len > PP_SIGNAL_MAX_FRAME)
    {
      g_critical ("%s: a message of %" G_GSIZE_FORMAT " bytes is over the limit of %d",
                  G_STRFUNC, len, PP_SIGNAL_MAX_FRAME);
      return;
    }

  g_mutex_lock (&self->lock);
  if (self->accepting)
    {
      g_queue_push_tail (&self->queue, g_steal_pointer (&frame));
      if (g_queue_get_length (&self->queue) > PP_SIGNAL_CLIENT_QUEUE_MAX)
        {
          g_free (g_queue_pop_head (&self->queue));
          self->n_dropped++;
        }
      schedule_flush_locked (self, 0);
    }
  g_mutex_unlock (&self->lock);
}

PpSignalClientState
pp_signal_client_get_state (PpSignalClient *self)
{
  g_return_val_if_fail (PP_IS_SIGNAL_CLIENT (self), PP_SIGNAL_CLIENT_IDLE);

  return self->state;
}

/**
 * pp_signal_client_get_ice_servers:
 *
 * Returns: (transfer none) (nullable): the "ice_servers" array of the
 * last "joined", in the form of WebRTC's RTCIceServer list
 */
JsonNode *
pp_signal_client_get_ice_servers (PpSignalClient *self)
{
  g_return_val_if_fail (PP_IS_SIGNAL_CLIENT (self), NULL);

  return self->ice_servers;
}

/**
 * pp_signal_client_get_error:
 *
 * Returns: (transfer none) (nullable): why the client FAILED, or, while
 * it is RECONNECTING, why it is trying again; %NULL when joined
 */
const GError *
pp_signal_client_get_error (PpSignalClient *self)
{
  g_return_val_if_fail (PP_IS_SIGNAL_CLIENT (self), NULL);

  return self->error;
}

gint64
pp_signal_client_get_retry_time (PpSignalClient *self)
{
  g_return_val_if_fail (PP_IS_SIGNAL_CLIENT (self), 0);

  return self->retry_time;
}

/* Bounds of the delay before each new attempt; it grows from @min_ms
 * towards @max_ms and is drawn at random in between. */
void
pp_signal_client_set_backoff (PpSignalClient *self,
                              guint           min_ms,
                              guint           max_ms)
{
  g_return_if_fail (PP_IS_SIGNAL_CLIENT (self));
  g_return_if_fail (min_ms > 0 && min_ms <= max_ms && max_ms <= G_MAXINT32);

  self->backoff_min_ms = min_ms;
  self->backoff_max_ms = max_ms;
}

/* Server frames that did not parse, or came when they made no sense. */
guint
pp_signal_client_get_n_refused (PpSignalClient *self)
{
  g_return_val_if_fail (PP_IS_SIGNAL_CLIENT (self), 0);

  return self->n_refused;
}

/* Messages dropped from a full queue. */
guint
pp_signal_client_get_n_dropped (PpSignalClient *self)
{
  guint n;

  g_return_val_if_fail (PP_IS_SIGNAL_CLIENT (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_dropped;
  g_mutex_unlock (&self->lock);
  return n;
}

/* test-signal-client.c: the app's signaling client against the real
 * pairpad-signal, and against servers that are not one, all on loopback
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <libsoup/soup.h>

#include "pp-signal-client.h"
#include "pp-signal-protocol.h"
#include "pp-test-lib.h"

#define ROOM "q8cZ0lGm1vQ3x2rPz9YtBg"
/* Short bounds, so that the tests see many retries. */
#define MIN_MS 50
#define MAX_MS 400
/* What a loaded machine may add to a delay between two attempts. */
#define SLACK_MS 150

/* One client and everything it emitted. */
typedef struct
{
  PpSignalClient *client;
  GArray *states;          /* PpSignalClientState, each notify::state */
  GArray *delays_ms;       /* double: retry-time minus now, when it was set */
  GPtrArray *joined;       /* "peer/name,…" of each "joined" */
  GPtrArray *peer_joined;  /* "peer/name" */
  GPtrArray *peer_left;
  GPtrArray *signals;      /* "from:data" */
  GPtrArray *errors;       /* server-error codes */
  GArray *error_codes;     /* int: PpSignalClientError of each notify::error, -1 for none */
  guint n_emissions;       /* signals and notifications of any kind */
  gboolean stop_on_joined;
} Watch;

static void
on_notify_state (PpSignalClient *client,
                 GParamSpec     *pspec,
                 Watch          *w)
{
  PpSignalClientState state = pp_signal_client_get_state (client);

  w->n_emissions++;
  g_array_append_val (w->states, state);
}

static void
on_notify_retry_time (PpSignalClient *client,
                      GParamSpec     *pspec,
                      Watch          *w)
{
  gint64 at = pp_signal_client_get_retry_time (client);

  w->n_emissions++;
  if (at != 0)
    {
      double delay = (at - g_get_monotonic_time ()) / 1000.0;

      g_array_append_val (w->delays_ms, delay);
    }
}

static void
on_notify_error (PpSignalClient *client,
                 GParamSpec     *pspec,
                 Watch          *w)
{
  const GError *error = pp_signal_client_get_error (client);
  int code = error ? error->code : -1;

  w->n_emissions++;
  g_array_append_val (w->error_codes, code);
}

static gboolean
had_error (Watch *w,
           int    code)
{
  for (guint i = 0; i < w->error_codes->len; i++)
    if (g_array_index (w->error_codes, int, i) == code)
      return TRUE;
  return FALSE;
}

static void
on_joined (PpSignalClient *client,
           JsonNode       *peers,
           Watch          *w)
{
  GString *s = g_string_new (NULL);
  JsonArray *array = json_node_get_array (peers);

  w->n_emissions++;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *peer = json_array_get_object_element (array, i);

      g_string_append_printf (s, "%s%s/%s", i ? "," : "", json_object_get_string_member (peer, "peer"),
                              json_object_get_string_member (peer, "name"));
    }
  g_ptr_array_add (w->joined, g_string_free (s, FALSE));
  if (w->stop_on_joined)
    pp_signal_client_stop (client);
}

static void
on_peer_joined (PpSignalClient *client,
                const char     *peer,
                const char     *name,
                Watch          *w)
{
  w->n_emissions++;
  g_ptr_array_add (w->peer_joined, g_strdup_printf ("%s/%s", peer, name));
}

static void
on_peer_left (PpSignalClient *client,
              const char     *peer,
              Watch          *w)
{
  w->n_emissions++;
  g_ptr_array_add (w->peer_left, g_strdup (peer));
}

static void
on_signal (PpSignalClient *client,
           const char     *from,
           const char     *data,
           Watch          *w)
{
  w->n_emissions++;
  g_ptr_array_add (w->signals, g_strdup_printf ("%s:%s", from, data));
}

static void
on_server_error (PpSignalClient *client,
                 const char     *code,
                 const char     *message,
                 Watch          *w)
{
  w->n_emissions++;
  g_ptr_array_add (w->errors, g_strdup (code));
}

static Watch *
watch_new (const char *uri,
           const char *peer,
           const char *name)
{
  Watch *w = g_new0 (Watch, 1);

  w->client = pp_signal_client_new (uri, ROOM, peer, name);
  g_assert_nonnull (w->client);
  pp_signal_client_set_backoff (w->client, MIN_MS, MAX_MS);
  w->states = g_array_new (FALSE, FALSE, sizeof (PpSignalClientState));
  w->delays_ms = g_array_new (FALSE, FALSE, sizeof (double));
  w->joined = g_ptr_array_new_with_free_func (g_free);
  w->peer_joined = g_ptr_array_new_with_free_func (g_free);
  w->peer_left = g_ptr_array_new_with_free_func (g_free);
  w->signals = g_ptr_array_new_with_free_func (g_free);
  w->errors = g_ptr_array_new_with_free_func (g_free);
  w->error_codes = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect (w->client, "notify::state", G_CALLBACK (on_notify_state), w);
  g_signal_connect (w->client, "notify::retry-time", G_CALLBACK (on_notify_retry_time), w);
  g_signal_connect (w->client, "notify::error", G_CALLBACK (on_notify_error), w);
  g_signal_connect (w->client, "joined", G_CALLBACK (on_joined), w);
  g_signal_connect (w->client, "peer-joined", G_CALLBACK (on_peer_joined), w);
  g_signal_connect (w->client, "peer-left", G_CALLBACK (on_peer_left), w);
  g_signal_connect (w->client, "signal", G_CALLBACK (on_signal), w);
  g_signal_connect (w->client, "server-error", G_CALLBACK (on_server_error), w);
  return w;
}

/* Stops the client and checks that nothing holds it any more. */
static void
watch_free (Watch *w)
{
  pp_signal_client_stop (w->client);
  g_assert_finalize_object (w->client);
  g_array_unref (w->states);
  g_array_unref (w->delays_ms);
  g_ptr_array_unref (w->joined);
  g_ptr_array_unref (w->peer_joined);
  g_ptr_array_unref (w->peer_left);
  g_ptr_array_unref (w->signals);
  g_ptr_array_unref (w->errors);
  g_array_unref (w->error_codes);
  g_free (w);
}

typedef struct
{
  Watch *w;
  PpSignalClientState state;
} StateWait;

static gboolean
is_in_state (gpointer data)
{
  StateWait *s = data;

  return pp_signal_client_get_state (s->w->client) == s->state;
}

static void
wait_state (Watch               *w,
            PpSignalClientState  state)
{
  StateWait s = { w, state };
  GEnumClass *klass = g_type_class_ref (PP_TYPE_SIGNAL_CLIENT_STATE);
  g_autofree char *what = g_strdup_printf ("the client to be %s",
                                           g_enum_get_value (klass, state)->value_nick);

  g_type_class_unref (klass);
  pp_test_wait_for (is_in_state, &s, what);
}

typedef struct
{
  GPtrArray *array;
  const char *item;
} ItemWait;

static gboolean
has_item (gpointer data)
{
  ItemWait *i = data;

  for (guint n = 0; n < i->array->len; n++)
    if (g_str_equal (i->array->pdata[n], i->item))
      return TRUE;
  return FALSE;
}

static void
wait_item (GPtrArray  *array,
           const char *item)
{
  ItemWait i = { array, item };
  g_autofree char *what = g_strdup_printf ("“%s”", item);

  pp_test_wait_for (has_item, &i, what);
}

static gboolean
either_has_item (gpointer data)
{
  ItemWait *two = data;

  return has_item (&two[0]) || has_item (&two[1]);
}

typedef struct
{
  const guint *counter;
  guint n;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *c = data;

  return *c->counter >= c->n;
}

static void
wait_count (const guint *counter,
            guint        n,
            const char  *what)
{
  CountWait c = { counter, n };

  pp_test_wait_for (count_reached, &c, what);
}

static void
wait_len (GPtrArray  *array,
          guint       n,
          const char *what)
{
  CountWait c = { &array->len, n };

  pp_test_wait_for (count_reached, &c, what);
}

static gboolean
ever_in_state (Watch               *w,
               PpSignalClientState  state)
{
  for (guint i = 0; i < w->states->len; i++)
    if (g_array_index (w->states, PpSignalClientState, i) == state)
      return TRUE;
  return FALSE;
}

static void
assert_delays_in_bounds (Watch *w)
{
  g_assert_cmpuint (w->delays_ms->len, >, 0);
  for (guint i = 0; i < w->delays_ms->len; i++)
    {
      double delay = g_array_index (w->delays_ms, double, i);

      /* Measured a moment after it was set: a little under is fine. */
      g_assert_cmpfloat (delay, >=, MIN_MS - 20);
      g_assert_cmpfloat (delay, <=, MAX_MS);
    }
}

/* The connection attempts pending closes finish on. */
static void
settle (void)
{
  pp_test_spin (100);
}

/* A raw TCP port on loopback: it closes each connection at once, or holds
 * it without a word. */
typedef struct
{
  GSocketService *service;
  guint16 port;
  char *uri;
  gboolean hold;
  GArray *accepts;    /* gint64 monotonic µs */
  GPtrArray *held;    /* GSocketConnection */
} Tcp;

static gboolean
on_tcp_incoming (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source,
                 gpointer           data)
{
  Tcp *t = data;
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (t->accepts, now);
  if (t->hold)
    g_ptr_array_add (t->held, g_object_ref (connection));
  else
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static Tcp *
tcp_new (gboolean hold)
{
  Tcp *t = g_new0 (Tcp, 1);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  t->hold = hold;
  t->accepts = g_array_new (FALSE, FALSE, sizeof (gint64));
  t->held = g_ptr_array_new_with_free_func (g_object_unref);
  t->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (t->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  t->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  t->uri = g_strdup_printf ("ws://127.0.0.1:%u", t->port);
  g_signal_connect (t->service, "incoming", G_CALLBACK (on_tcp_incoming), t);
  g_socket_service_start (t->service);
  return t;
}

static void
tcp_free (Tcp *t)
{
  g_socket_service_stop (t->service);
  g_socket_listener_close (G_SOCKET_LISTENER (t->service));
  g_object_unref (t->service);
  g_ptr_array_unref (t->held);
  g_array_unref (t->accepts);
  g_free (t->uri);
  g_free (t);
}

/* A WebSocket server on loopback that plays a part: libsoup's SoupServer,
 * so the handshake is a real one. It is handed connections from a socket
 * service of our own, as pairpad-signal does: libsoup 3.2's own listener
 * leaks its address and every socket it accepts. */
typedef struct
{
  SoupServer *soup;
  GSocketService *service;
  guint16 port;
  char *uri;
  const char *first;             /* the first frame: text, or NULL for hello */
  gboolean first_binary;         /* junk bytes as the first frame instead */
  const char *const *answers;    /* to each join in turn: an error code or "joined" */
  guint n_connections;
  guint n_joins;
  GPtrArray *connections;        /* SoupWebsocketConnection */
  GPtrArray *received;           /* every text frame, in order */
} Fake;

static void
fake_on_message (SoupWebsocketConnection *ws,
                 SoupWebsocketDataType    type,
                 GBytes                  *message,
                 gpointer                 data)
{
  Fake *f = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) empty = json_from_string ("[]", NULL);
  g_autofree char *answer = NULL;
  PpSignalMessage msg;
  gsize len;
  const char *text = g_bytes_get_data (message, &len);
  const char *what;

  g_ptr_array_add (f->received, g_strndup (text, len));
  g_assert_true (pp_signal_message_parse (parser, text, len, FALSE, &msg, NULL, NULL));
  if (msg.type != PP_SIGNAL_MSG_JOIN)
    return;

  what = f->answers && f->answers[f->n_joins] ? f->answers[f->n_joins] : "joined";
  f->n_joins++;
  if (g_str_equal (what, "joined"))
    answer = pp_signal_build_joined (msg.room, msg.peer, empty, empty);
  else
    answer = g_strdup_printf ("{\"type\":\"error\",\"code\":\"%s\",\"message\":\"No.\"}", what);
  soup_websocket_connection_send_text (ws, answer);
}

static void
fake_on_websocket (SoupServer              *soup,
                   SoupServerMessage       *msg,
                   const char              *path,
                   SoupWebsocketConnection *ws,
                   gpointer                 data)
{
  Fake *f = data;

  f->n_connections++;
  g_ptr_array_add (f->connections, g_object_ref (ws));
  g_signal_connect (ws, "message", G_CALLBACK (fake_on_message), f);
  if (f->first_binary)
    soup_websocket_connection_send_binary (ws, "\x00\xffjunk", 6);
  else if (f->first != NULL)
    soup_websocket_connection_send_text (ws, f->first);
  else
    {
      g_autofree char *hello = pp_signal_build_hello (8, PP_SIGNAL_MAX_FRAME, 50, 200);

      soup_websocket_connection_send_text (ws, hello);
    }
}

static gboolean
fake_on_incoming (GSocketService    *service,
                  GSocketConnection *connection,
                  GObject           *source,
                  gpointer           data)
{
  Fake *f = data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  soup_server_accept_iostream (f->soup, G_IO_STREAM (connection), local, remote, &error);
  g_assert_no_error (error);
  return TRUE;
}

static Fake *
fake_new (gboolean websocket)
{
  Fake *f = g_new0 (Fake, 1);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  f->soup = soup_server_new (NULL, NULL);
  f->connections = g_ptr_array_new_with_free_func (g_object_unref);
  f->received = g_ptr_array_new_with_free_func (g_free);
  if (websocket)
    soup_server_add_websocket_handler (f->soup, PP_SIGNAL_PATH, NULL, NULL, fake_on_websocket, f, NULL);
  f->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (f->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  f->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  f->uri = g_strdup_printf ("ws://127.0.0.1:%u", f->port);
  g_signal_connect (f->service, "incoming", G_CALLBACK (fake_on_incoming), f);
  g_socket_service_start (f->service);
  return f;
}

/* The last connection, from the server's side. */
static SoupWebsocketConnection *
fake_last (Fake *f)
{
  g_assert_cmpuint (f->connections->len, >, 0);
  return f->connections->pdata[f->connections->len - 1];
}

static void
fake_free (Fake *f)
{
  for (guint i = 0; i < f->connections->len; i++)
    {
      SoupWebsocketConnection *ws = f->connections->pdata[i];

      g_signal_handlers_disconnect_by_data (ws, f);
      if (soup_websocket_connection_get_state (ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }
  settle ();
  g_socket_service_stop (f->service);
  g_socket_listener_close (G_SOCKET_LISTENER (f->service));
  g_object_unref (f->service);
  soup_server_disconnect (f->soup);
  g_object_unref (f->soup);
  g_ptr_array_unref (f->connections);
  g_ptr_array_unref (f->received);
  g_free (f->uri);
  g_free (f);
}

/* A server that died without a word: SIGKILL, nothing to assert on. */
static void
server_kill (PpTestServer *server)
{
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_object_unref (server->process);
  g_free (server->uri);
  g_free (server);
}

/* 1. Two people meet, talk, and one leaves. */
static void
test_meet (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Watch *a = watch_new (server->uri, "alice", "Alice");
  Watch *b = watch_new (server->uri, "bob", "Bob");
  JsonNode *ice;

  pp_signal_client_start (a->client);
  wait_state (a, PP_SIGNAL_CLIENT_JOINED);
  g_assert_cmpuint (a->joined->len, ==, 1);
  g_assert_cmpstr (a->joined->pdata[0], ==, "");
  ice = pp_signal_client_get_ice_servers (a->client);
  g_assert_nonnull (ice);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (ice));
  g_assert_null (pp_signal_client_get_error (a->client));

  pp_signal_client_start (b->client);
  wait_state (b, PP_SIGNAL_CLIENT_JOINED);
  g_assert_cmpuint (b->joined->len, ==, 1);
  g_assert_cmpstr (b->joined->pdata[0], ==, "alice/Alice");
  wait_item (a->peer_joined, "bob/Bob");

  pp_signal_client_send (a->client, "bob", "offer-1");
  pp_signal_client_send (b->client, "alice", "answer-1");
  wait_item (b->signals, "alice:offer-1");
  wait_item (a->signals, "bob:answer-1");
  g_assert_cmpuint (a->signals->len, ==, 1);
  g_assert_cmpuint (b->signals->len, ==, 1);

  /* Someone who is not there: the server says so, nothing ends. */
  pp_signal_client_send (a->client, "nobody", "lost");
  wait_item (a->errors, "no-such-peer");
  g_assert_cmpint (pp_signal_client_get_state (a->client), ==, PP_SIGNAL_CLIENT_JOINED);

  watch_free (b);
  wait_item (a->peer_left, "bob");
  g_assert_cmpuint (a->states->len, ==, 2);
  g_assert_cmpint (g_array_index (a->states, PpSignalClientState, 0), ==, PP_SIGNAL_CLIENT_CONNECTING);
  g_assert_cmpint (g_array_index (a->states, PpSignalClientState, 1), ==, PP_SIGNAL_CLIENT_JOINED);
  g_assert_cmpuint (pp_signal_client_get_n_refused (a->client), ==, 0);

  watch_free (a);
  settle ();
  pp_test_server_stop (server);
}

typedef struct
{
  PpSignalClient *client;
  guint n;
} Sender;

static gpointer
send_from_thread (gpointer data)
{
  Sender *s = data;

  for (guint i = 0; i < s->n; i++)
    {
      g_autofree char *text = g_strdup_printf ("t%u", i);

      pp_signal_client_send (s->client, "bob", text);
    }
  return NULL;
}

/* send () from another thread, as webrtcbin's ICE candidates come: all
 * arrive, in order. */
static void
test_send_from_thread (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Watch *a = watch_new (server->uri, "alice", "Alice");
  Watch *b = watch_new (server->uri, "bob", "Bob");
  Sender sender = { a->client, 40 };
  GThread *thread;

  pp_signal_client_start (a->client);
  pp_signal_client_start (b->client);
  wait_state (a, PP_SIGNAL_CLIENT_JOINED);
  wait_state (b, PP_SIGNAL_CLIENT_JOINED);

  thread = g_thread_new ("sender", send_from_thread, &sender);
  g_thread_join (thread);
  wait_len (b->signals, sender.n, "every signal from the thread");
  for (guint i = 0; i < sender.n; i++)
    {
      g_autofree char *expected = g_strdup_printf ("alice:t%u", i);

      g_assert_cmpstr (b->signals->pdata[i], ==, expected);
    }

  watch_free (a);
  watch_free (b);
  settle ();
  pp_test_server_stop (server);
}

/* 2. The server dies and comes back on the same port. */
static void
test_reconnect (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  guint16 port = server->port;
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", port);
  g_autofree char *unreachable = g_strdup_printf ("Cannot reach 127.0.0.1:%u; trying again.", port);
  Watch *a = watch_new (server->uri, "alice", "Alice");
  Watch *b = watch_new (server->uri, "bob", "Bob");
  Watch *first, *second;
  const GError *error;

  pp_signal_client_start (a->client);
  wait_state (a, PP_SIGNAL_CLIENT_JOINED);
  pp_signal_client_start (b->client);
  wait_state (b, PP_SIGNAL_CLIENT_JOINED);

  server_kill (server);
  wait_state (a, PP_SIGNAL_CLIENT_RECONNECTING);
  wait_state (b, PP_SIGNAL_CLIENT_RECONNECTING);
  error = pp_signal_client_get_error (a->client);
  g_assert_error (error, PP_SIGNAL_CLIENT_ERROR, PP_SIGNAL_CLIENT_ERROR_UNREACHABLE);
  g_assert_cmpstr (error->message, ==, unreachable);

  /* Sent while down: kept until the rejoin. */
  pp_signal_client_send (a->client, "bob", "queued-a");
  pp_signal_client_send (b->client, "alice", "queued-b");

  /* Several attempts against a closed port; each is refused, none fatal. */
  pp_test_spin (700);
  g_assert_cmpint (pp_signal_client_get_state (a->client), ==, PP_SIGNAL_CLIENT_RECONNECTING);
  g_assert_cmpuint (a->delays_ms->len, >=, 2);
  g_assert_cmpuint (b->delays_ms->len, >=, 2);

  server = pp_test_server_start (FALSE, "--listen", listen, NULL);
  g_assert_cmpuint (server->port, ==, port);
  wait_state (a, PP_SIGNAL_CLIENT_JOINED);
  wait_state (b, PP_SIGNAL_CLIENT_JOINED);
  g_assert_cmpuint (a->joined->len, ==, 2);
  g_assert_cmpuint (b->joined->len, ==, 2);
  g_assert_null (pp_signal_client_get_error (a->client));
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_joins_total"), ==, 2);

  /* Whoever the server took second found the other there, under the same
   * id and name as before; its queued signal reaches the first. The first
   * one's went out when it was alone: the server answered no-such-peer,
   * unless the second got in while it was still flushing. */
  g_assert_true (g_str_equal (a->joined->pdata[1], "bob/Bob") !=
                 g_str_equal (b->joined->pdata[1], "alice/Alice"));
  second = g_str_equal (a->joined->pdata[1], "bob/Bob") ? a : b;
  first = second == a ? b : a;
  wait_item (first->signals, second == a ? "alice:queued-a" : "bob:queued-b");
  {
    ItemWait either[2] = { { second->signals, first == a ? "alice:queued-a" : "bob:queued-b" },
                           { first->errors, "no-such-peer" } };

    pp_test_wait_for (either_has_item, either, "the first one's queued signal, or its refusal");
  }

  assert_delays_in_bounds (a);
  assert_delays_in_bounds (b);

  watch_free (a);
  watch_free (b);
  settle ();
  pp_test_server_stop (server);
}

/* 3. The room is full: the third ends FAILED and comes back no more. */
static void
test_room_full (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, "--max-peers", "2", NULL);
  Watch *a = watch_new (server->uri, "alice", "Alice");
  Watch *b = watch_new (server->uri, "bob", "Bob");
  Watch *c = watch_new (server->uri, "carol", "Carol");
  const GError *error;

  pp_signal_client_start (a->client);
  pp_signal_client_start (b->client);
  wait_state (a, PP_SIGNAL_CLIENT_JOINED);
  wait_state (b, PP_SIGNAL_CLIENT_JOINED);

  pp_signal_client_start (c->client);
  wait_state (c, PP_SIGNAL_CLIENT_FAILED);
  error = pp_signal_client_get_error (c->client);
  g_assert_error (error, PP_SIGNAL_CLIENT_ERROR, PP_SIGNAL_CLIENT_ERROR_ROOM_FULL);
  g_assert_cmpstr (error->message, ==, "The session is full: it already has 2 people.");
  g_assert_cmpint (pp_signal_client_get_retry_time (c->client), ==, 0);

  /* Longer than any backoff: no second attempt. */
  pp_test_spin (3 * MAX_MS);
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_connections_total"), ==, 3);
  g_assert_cmpint (pp_signal_client_get_state (c->client), ==, PP_SIGNAL_CLIENT_FAILED);
  g_assert_false (ever_in_state (c, PP_SIGNAL_CLIENT_RECONNECTING));
  g_assert_cmpuint (c->joined->len, ==, 0);
  /* Sending to a client that failed is harmless. */
  pp_signal_client_send (c->client, "alice", "late");

  watch_free (c);
  watch_free (a);
  watch_free (b);
  settle ();
  pp_test_server_stop (server);
}

/* 3b. A server of several that cannot reach Redis refuses joins for the
 * moment: the client keeps trying, and gets in once Redis is back. */
static void
test_cluster_unavailable (void)
{
  PpTestRedis *redis = pp_test_redis_start ();
  PpTestServer *server;
  g_autofree char *message = NULL;
  const GError *error;
  Watch *a;

  if (redis == NULL)
    return;
  pp_test_redis_kill (redis);
  server = pp_test_server_start (FALSE, "--redis", redis->url, NULL);
  message = g_strdup_printf ("127.0.0.1:%u cannot reach the rest of its service; trying again.",
                             server->port);
  a = watch_new (server->uri, "alice", "Alice");
  pp_signal_client_start (a->client);
  wait_state (a, PP_SIGNAL_CLIENT_RECONNECTING);
  error = pp_signal_client_get_error (a->client);
  g_assert_error (error, PP_SIGNAL_CLIENT_ERROR, PP_SIGNAL_CLIENT_ERROR_UNREACHABLE);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (pp_test_server_metric (server,
                                           "pairpad_signal_rejections_total{reason=\"unavailable\"}"),
                    >=, 1);

  pp_test_redis_restart (redis);
  wait_state (a, PP_SIGNAL_CLIENT_JOINED);
  g_assert_null (pp_signal_client_get_error (a->client));
  g_assert_false (ever_in_state (a, PP_SIGNAL_CLIENT_FAILED));

  watch_free (a);
  settle ();
  pp_test_server_stop (server);
  pp_test_redis_stop (redis);
}

typedef struct
{
  const char *name;
  gboolean websocket;
  const char *first;
  gboolean first_binary;
  PpSignalClientError code;
  const char *message;   /* printf with the server's HOST:PORT */
} Impostor;

/* 4. Servers that are not pairpad-signal: FAILED, once, with a sentence. */
static void
test_not_a_server (void)
{
  static const Impostor impostors[] = {
    { "unknown first message", TRUE, "{\"type\":\"nope\"}", FALSE, PP_SIGNAL_CLIENT_ERROR_NOT_SIGNAL_SERVER,
      "127.0.0.1:%u is not a Pairpad signaling server. Check the server in the invite link." },
    { "binary first message", TRUE, NULL, TRUE, PP_SIGNAL_CLIENT_ERROR_NOT_SIGNAL_SERVER,
      "127.0.0.1:%u is not a Pairpad signaling server. Check the server in the invite link." },
    { "not JSON", TRUE, "hello", FALSE, PP_SIGNAL_CLIENT_ERROR_NOT_SIGNAL_SERVER,
      "127.0.0.1:%u is not a Pairpad signaling server. Check the server in the invite link." },
    { "a signal before hello", TRUE, "{\"type\":\"signal\",\"from\":\"x\",\"data\":\"y\"}", FALSE,
      PP_SIGNAL_CLIENT_ERROR_NOT_SIGNAL_SERVER,
      "127.0.0.1:%u is not a Pairpad signaling server. Check the server in the invite link." },
    { "no WebSocket (404)", FALSE, NULL, FALSE, PP_SIGNAL_CLIENT_ERROR_NOT_SIGNAL_SERVER,
      "127.0.0.1:%u is not a Pairpad signaling server. Check the server in the invite link." },
    { "protocol version 2", TRUE, "{\"type\":\"hello\",\"v\":2,\"max_peers\":8}", FALSE,
      PP_SIGNAL_CLIENT_ERROR_UNSUPPORTED_VERSION,
      "This server speaks a different version of Pairpad’s protocol. Update Pairpad or ask the host "
      "for another server." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (impostors); i++)
    {
      const Impostor *imp = &impostors[i];
      Fake *fake = fake_new (imp->websocket);
      Watch *w = watch_new (fake->uri, "alice", "Alice");
      g_autofree char *expected = NULL;
      const GError *error;

      g_test_message ("%s", imp->name);
      fake->first = imp->first;
      fake->first_binary = imp->first_binary;
      pp_signal_client_start (w->client);
      wait_state (w, PP_SIGNAL_CLIENT_FAILED);
      error = pp_signal_client_get_error (w->client);
      g_assert_error (error, PP_SIGNAL_CLIENT_ERROR, (int) imp->code);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      expected = g_strdup_printf (imp->message, fake->port);
#pragma GCC diagnostic pop
      g_assert_cmpstr (error->message, ==, expected);
      /* Neither our room nor our name went to it. */
      g_assert_cmpuint (fake->received->len, ==, 0);

      pp_test_spin (3 * MAX_MS);
      g_assert_cmpuint (fake->n_connections, <=, 1);
      g_assert_false (ever_in_state (w, PP_SIGNAL_CLIENT_RECONNECTING));

      watch_free (w);
      fake_free (fake);
    }
}

/* 4b. A port that closes at once is a server that is down, not an impostor:
 * the client keeps trying, and waits as long as the backoff says. */
static void
test_closed_port (void)
{
  Tcp *tcp = tcp_new (FALSE);
  Watch *w = watch_new (tcp->uri, "alice", "Alice");
  g_autofree char *unreachable = g_strdup_printf ("Cannot reach 127.0.0.1:%u; trying again.", tcp->port);
  const GError *error;

  pp_signal_client_start (w->client);
  wait_count (&tcp->accepts->len, 8, "eight attempts");
  g_assert_cmpint (pp_signal_client_get_state (w->client), ==, PP_SIGNAL_CLIENT_RECONNECTING);
  g_assert_false (ever_in_state (w, PP_SIGNAL_CLIENT_FAILED));
  error = pp_signal_client_get_error (w->client);
  g_assert_error (error, PP_SIGNAL_CLIENT_ERROR, PP_SIGNAL_CLIENT_ERROR_UNREACHABLE);
  g_assert_cmpstr (error->message, ==, unreachable);

  /* Between two attempts: at least the minimum, at most a ceiling that
   * starts at twice the minimum and doubles up to the maximum. */
  for (guint i = 0; i + 1 < tcp->accepts->len; i++)
    {
      gint64 gap_ms = (g_array_index (tcp->accepts, gint64, i + 1) -
                       g_array_index (tcp->accepts, gint64, i)) / 1000;
      guint ceiling = MIN (MAX_MS, MIN_MS << MIN (i + 1, 16));

      g_test_message ("attempt %u to %u: %" G_GINT64_FORMAT " ms (ceiling %u)", i, i + 1, gap_ms, ceiling);
      g_assert_cmpint (gap_ms, >=, MIN_MS);
      g_assert_cmpint (gap_ms, <=, ceiling + SLACK_MS);
    }
  assert_delays_in_bounds (w);

  watch_free (w);
  tcp_free (tcp);
}

/* Frames that do not parse are counted and ignored; one over 64 KiB
 * drops the connection, and the client comes back. */
static void
test_refused_frames (void)
{
  Fake *fake = fake_new (TRUE);
  Watch *w = watch_new (fake->uri, "alice", "Alice");
  g_autofree char *big = NULL;
  SoupWebsocketConnection *ws;

  pp_signal_client_start (w->client);
  wait_state (w, PP_SIGNAL_CLIENT_JOINED);
  ws = fake_last (fake);

  soup_websocket_connection_send_text (ws, "not json");
  soup_websocket_connection_send_text (ws, "{\"type\":\"signal\",\"from\":\"bob\"}");
  soup_websocket_connection_send_text (ws, "{\"type\":\"teleport\"}");
  soup_websocket_connection_send_binary (ws, "\x01\x02", 2);
  soup_websocket_connection_send_text (ws, "{\"type\":\"signal\",\"from\":\"bob\",\"data\":\"still here\"}");
  wait_item (w->signals, "bob:still here");
  g_assert_cmpuint (pp_signal_client_get_n_refused (w->client), ==, 4);
  g_assert_cmpint (pp_signal_client_get_state (w->client), ==, PP_SIGNAL_CLIENT_JOINED);

  big = g_strnfill (PP_SIGNAL_MAX_FRAME + 1, 'x');
  soup_websocket_connection_send_text (ws, big);
  wait_state (w, PP_SIGNAL_CLIENT_RECONNECTING);
  g_assert_cmpuint (w->signals->len, ==, 1);
  wait_state (w, PP_SIGNAL_CLIENT_JOINED);
  g_assert_cmpuint (fake->n_connections, ==, 2);

  watch_free (w);
  fake_free (fake);
}

/* peer-id-taken: after a reconnect, our old connection the server has
 * not yet seen die, so try again; on the first join, someone else. */
static void
test_peer_id_taken (void)
{
  static const char *const after_reconnect[] = { "joined", "peer-id-taken", "peer-id-taken", NULL };
  static const char *const at_first[] = { "peer-id-taken", NULL };
  static const char *const join = "{\"type\":\"join\",\"v\":1,\"room\":\"" ROOM "\",\"peer\":\"alice\","
                                  "\"name\":\"Alice\"}";
  Fake *fake = fake_new (TRUE);
  Watch *w = watch_new (fake->uri, "alice", "Alice");
  const GError *error;

  fake->answers = after_reconnect;
  pp_signal_client_start (w->client);
  wait_state (w, PP_SIGNAL_CLIENT_JOINED);
  soup_websocket_connection_close (fake_last (fake), SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  wait_state (w, PP_SIGNAL_CLIENT_RECONNECTING);
  wait_len (w->joined, 2, "the rejoin");
  g_assert_cmpuint (fake->n_joins, ==, 4);
  g_assert_true (had_error (w, PP_SIGNAL_CLIENT_ERROR_PEER_ID_TAKEN));
  g_assert_false (ever_in_state (w, PP_SIGNAL_CLIENT_FAILED));
  /* Handled, not something to show. */
  g_assert_cmpuint (w->errors->len, ==, 0);
  /* The same id and name every time. */
  for (guint i = 0; i < fake->received->len; i++)
    g_assert_cmpstr (fake->received->pdata[i], ==, join);
  watch_free (w);
  fake_free (fake);

  fake = fake_new (TRUE);
  fake->answers = at_first;
  w = watch_new (fake->uri, "alice", "Alice");
  pp_signal_client_start (w->client);
  wait_state (w, PP_SIGNAL_CLIENT_FAILED);
  error = pp_signal_client_get_error (w->client);
  g_assert_error (error, PP_SIGNAL_CLIENT_ERROR, PP_SIGNAL_CLIENT_ERROR_PEER_ID_TAKEN);
  watch_free (w);
  fake_free (fake);
}

static gboolean server_paused;

static void
resume_server (gpointer data)
{
  PpTestServer *server = data;

  g_subprocess_send_signal (server->process, SIGCONT);
}

static void
pause_server (PpSignalClient *client,
              JsonNode       *peers,
              PpTestServer   *server)
{
  g_signal_handlers_disconnect_by_func (client, pause_server, server);
  g_subprocess_send_signal (server->process, SIGSTOP);
  server_paused = TRUE;
  g_timeout_add_once (300, resume_server, server);
}

/* A full queue keeps the newest 256, and flushing them does not trip the
 * server's flood limit, even when the first of them are held up on the
 * way (a loaded machine) and reach the server together with later ones. */
static void
test_queue (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, "--msg-rate", "100", "--msg-burst", "100", NULL);
  Watch *a = watch_new (server->uri, "alice", "Alice");
  Watch *b = watch_new (server->uri, "bob", "Bob");
  const guint n = PP_SIGNAL_CLIENT_QUEUE_MAX + 44;

  pp_signal_client_start (a->client);
  wait_state (a, PP_SIGNAL_CLIENT_JOINED);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("m%u", i);

      pp_signal_client_send (b->client, "alice", text);
    }
  g_assert_cmpuint (pp_signal_client_get_n_dropped (b->client), ==, 44);
  /* The server stops reading the moment it has let Bob in (his "joined"
   * handlers run before the queue goes out) and resumes 300 ms later. */
  g_signal_connect (b->client, "joined", G_CALLBACK (pause_server), server);
  pp_signal_client_start (b->client);
  wait_len (a->signals, PP_SIGNAL_CLIENT_QUEUE_MAX, "the queued signals");
  g_assert_true (server_paused);
  for (guint i = 0; i < PP_SIGNAL_CLIENT_QUEUE_MAX; i++)
    {
      g_autofree char *expected = g_strdup_printf ("bob:m%u", i + 44);

      g_assert_cmpstr (a->signals->pdata[i], ==, expected);
    }
  g_assert_cmpuint (b->errors->len, ==, 0);
  g_assert_false (ever_in_state (b, PP_SIGNAL_CLIENT_RECONNECTING));
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_connections_total"), ==, 2);

  watch_free (a);
  watch_free (b);
  settle ();
  pp_test_server_stop (server);
}

/* A wss:// server whose certificate nobody vouches for. */
static void
test_bad_certificate (void)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("signal-client-tls-XXXXXX", &local_error);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *expected = NULL;
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                         "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", NULL };
  PpTestServer *server;
  const GError *error;
  Watch *w;
  int status;

  g_assert_no_error (local_error);
  if (!pp_test_have_program ("openssl"))
    {
      g_test_skip ("openssl is not installed to make a certificate");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &local_error);
  g_assert_no_error (local_error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  server = pp_test_server_start (FALSE, "--tls-cert", cert, "--tls-key", key, NULL);
  g_assert_true (g_str_has_prefix (server->uri, "wss://"));
  w = watch_new (server->uri, "alice", "Alice");
  pp_signal_client_start (w->client);
  wait_state (w, PP_SIGNAL_CLIENT_FAILED);
  error = pp_signal_client_get_error (w->client);
  g_assert_error (error, PP_SIGNAL_CLIENT_ERROR, PP_SIGNAL_CLIENT_ERROR_CERTIFICATE);
  expected = g_strdup_printf ("The security certificate of 127.0.0.1:%u is not valid, so the connection "
                              "would not be private. Ask the host to check the server’s certificate.",
                              server->port);
  g_assert_cmpstr (error->message, ==, expected);
  pp_test_spin (3 * MAX_MS);
  g_assert_false (ever_in_state (w, PP_SIGNAL_CLIENT_RECONNECTING));

  watch_free (w);
  settle ();
  pp_test_server_stop (server);
  g_assert_true (pp_test_remove_tree (dir));
}

/* 5. stop () while connecting and while waiting to retry: nothing after,
 * and the client is freed. */
static void
test_stop (void)
{
  Tcp *silent = tcp_new (TRUE);
  Tcp *closing = tcp_new (FALSE);
  Fake *fake = fake_new (TRUE);
  Watch *w;
  guint emitted;

  /* Connecting: the TCP connection is open, the answer never comes. */
  w = watch_new (silent->uri, "alice", "Alice");
  pp_signal_client_start (w->client);
  wait_count (&silent->accepts->len, 1, "the connection");
  pp_test_spin (50);
  g_assert_cmpint (pp_signal_client_get_state (w->client), ==, PP_SIGNAL_CLIENT_CONNECTING);
  pp_signal_client_stop (w->client);
  g_assert_cmpint (pp_signal_client_get_state (w->client), ==, PP_SIGNAL_CLIENT_STOPPED);
  emitted = w->n_emissions;
  pp_test_spin (200);
  g_assert_cmpuint (w->n_emissions, ==, emitted);
  watch_free (w);

  /* Waiting to retry. */
  w = watch_new (closing->uri, "alice", "Alice");
  pp_signal_client_start (w->client);
  wait_state (w, PP_SIGNAL_CLIENT_RECONNECTING);
  g_assert_cmpint (pp_signal_client_get_retry_time (w->client), >, g_get_monotonic_time ());
  pp_signal_client_stop (w->client);
  g_assert_cmpint (pp_signal_client_get_retry_time (w->client), ==, 0);
  emitted = w->n_emissions;
  pp_test_spin (2 * MAX_MS);
  g_assert_cmpuint (w->n_emissions, ==, emitted);
  g_assert_cmpuint (closing->accepts->len, ==, 1);
  watch_free (w);

  /* From a "joined" handler, with a signal waiting: it is not sent. */
  w = watch_new (fake->uri, "alice", "Alice");
  w->stop_on_joined = TRUE;
  pp_signal_client_send (w->client, "bob", "never");
  pp_signal_client_start (w->client);
  wait_state (w, PP_SIGNAL_CLIENT_STOPPED);
  emitted = w->n_emissions;
  pp_test_spin (200);
  g_assert_cmpuint (w->n_emissions, ==, emitted);
  g_assert_cmpuint (fake->received->len, ==, 2);
  g_assert_true (g_str_has_prefix (fake->received->pdata[0], "{\"type\":\"join\""));
  g_assert_cmpstr (fake->received->pdata[1], ==, "{\"type\":\"leave\"}");
  watch_free (w);

  /* Never started. */
  w = watch_new (fake->uri, "alice", "Alice");
  pp_signal_client_send (w->client, "bob", "never");
  watch_free (w);

  fake_free (fake);
  tcp_free (closing);
  tcp_free (silent);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pp_test_home_init ("signal-client");

  g_test_add_func ("/session/signal-client/meet", test_meet);
  g_test_add_func ("/session/signal-client/send-from-thread", test_send_from_thread);
  g_test_add_func ("/session/signal-client/reconnect", test_reconnect);
  g_test_add_func ("/session/signal-client/room-full", test_room_full);
  g_test_add_func ("/session/signal-client/cluster-unavailable", test_cluster_unavailable);
  g_test_add_func ("/session/signal-client/not-a-server", test_not_a_server);
  g_test_add_func ("/session/signal-client/closed-port", test_closed_port);
  g_test_add_func ("/session/signal-client/refused-frames", test_refused_frames);
  g_test_add_func ("/session/signal-client/peer-id-taken", test_peer_id_taken);
  g_test_add_func ("/session/signal-client/queue", test_queue);
  g_test_add_func ("/session/signal-client/bad-certificate", test_bad_certificate);
  g_test_add_func ("/session/signal-client/stop", test_stop);

  status = g_test_run ();
  pp_test_home_cleanup ();
  return status;
}

/* test-signal.c — pairpad-signal, the real process on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "pp-signal-server.h"
#include "signal-client.h"

#define ROOM_A "AAAAAAAAAAAAAAAAAAAAAA"
#define ROOM_B "BBBBBBBBBBBBBBBBBBBBBB"

/* A pair in a room of its own that must keep working whatever a hostile
 * client does elsewhere. */
typedef struct
{
  Ws *a;
  Ws *b;
} Control;

static Control
control_start (PpTestServer *server)
{
  Control c;

  c.a = ws_join (server->port, ROOM_B, "ctl-a", "Control A");
  c.b = ws_join (server->port, ROOM_B, "ctl-b", "Control B");
  json_node_unref (ws_expect (c.a, PP_SIGNAL_MSG_PEER_JOINED));
  return c;
}

static void
control_check_and_free (Control *c)
{
  ws_signal (c->a, "ctl-b", "still here?");
  ws_expect_signal (c->b, "ctl-a", "still here?");
  ws_signal (c->b, "ctl-a", "yes");
  ws_expect_signal (c->a, "ctl-b", "yes");
  ws_free (c->a);
  ws_free (c->b);
}

/* Protocol */

static void
test_join_relay_leave (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  g_autoptr(JsonNode) hello = NULL;
  g_autoptr(JsonNode) joined = NULL;
  g_autoptr(JsonNode) pj = NULL;
  g_autoptr(JsonNode) pl = NULL;
  g_autoptr(JsonNode) left = NULL;
  g_autofree char *join = NULL;
  JsonObject *obj;
  JsonArray *peers;
  Ws *a, *b, *c;

  a = ws_connect (server->port);
  hello = ws_expect (a, PP_SIGNAL_MSG_HELLO);
  obj = json_node_get_object (hello);
  g_assert_cmpint (json_object_get_int_member (obj, "v"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (obj, "max_peers"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (obj, "max_frame"), ==, 65536);

  join = pp_signal_build_join (ROOM_A, "alice", "Alice Ø");
  ws_send_text (a, join);
  joined = ws_expect (a, PP_SIGNAL_MSG_JOINED);
  obj = json_node_get_object (joined);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "peers")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "ice_servers")), ==, 0);
  g_clear_pointer (&joined, json_node_unref);

  /* The newcomer learns who is there; who is there learns of it. */
  b = ws_join (server->port, ROOM_A, "bob", "Bob");
  pj = ws_expect (a, PP_SIGNAL_MSG_PEER_JOINED);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (pj), "peer"), ==, "bob");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (pj), "name"), ==, "Bob");
  c = ws_connect (server->port);
  json_node_unref (ws_expect (c, PP_SIGNAL_MSG_HELLO));
  g_free (join);
  join = pp_signal_build_join (ROOM_A, "carol", "Carol");
  ws_send_text (c, join);
  joined = ws_expect (c, PP_SIGNAL_MSG_JOINED);
  peers = json_object_get_array_member (json_node_get_object (joined), "peers");
  g_assert_cmpuint (json_array_get_length (peers), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *p = json_array_get_object_element (peers, i);
      const char *id = json_object_get_string_member (p, "peer");

      g_assert_true (g_str_equal (id, "alice") || g_str_equal (id, "bob"));
      g_assert_cmpstr (json_object_get_string_member (p, "name"), ==,
                       g_str_equal (id, "alice") ? "Alice Ø" : "Bob");
    }
  json_node_unref (ws_expect (a, PP_SIGNAL_MSG_PEER_JOINED));
  json_node_unref (ws_expect (b, PP_SIGNAL_MSG_PEER_JOINED));

  /* A signal reaches its addressee only, from the sender the server saw,
   * whatever "from" the sender wrote. */
  ws_send_text (a, "{\"type\":\"signal\",\"to\":\"bob\",\"from\":\"carol\",\"data\":\"sealed-1\"}");
  ws_expect_signal (b, "alice", "sealed-1");
  ws_expect_silence (c, 200);
  ws_expect_silence (a, 10);

  /* Leaving: the leaver is told, the others see it go, and the
   * connection may join again. */
  ws_send_text (b, "{\"type\":\"leave\"}");
  left = ws_expect (b, PP_SIGNAL_MSG_LEFT);
  pl = ws_expect (a, PP_SIGNAL_MSG_PEER_LEFT);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (pl), "peer"), ==, "bob");
  json_node_unref (ws_expect (c, PP_SIGNAL_MSG_PEER_LEFT));
  ws_signal (a, "bob", "too late");
  ws_expect_error (a, PP_SIGNAL_ERR_NO_SUCH_PEER);
  g_free (join);
  join = pp_signal_build_join (ROOM_A, "bob", "Bob");
  ws_send_text (b, join);
  json_node_unref (ws_expect (b, PP_SIGNAL_MSG_JOINED));
  json_node_unref (ws_expect (a, PP_SIGNAL_MSG_PEER_JOINED));
  json_node_unref (ws_expect (c, PP_SIGNAL_MSG_PEER_JOINED));

  /* Closing the socket is leaving too. */
  ws_free (c);
  g_clear_pointer (&pl, json_node_unref);
  pl = ws_expect (a, PP_SIGNAL_MSG_PEER_LEFT);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (pl), "peer"), ==, "carol");
  json_node_unref (ws_expect (b, PP_SIGNAL_MSG_PEER_LEFT));
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_rooms"), ==, 1);
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_joins_total"), ==, 4);
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_relayed_messages_total"), ==, 1);

  ws_free (a);
  ws_free (b);
  /* Rooms exist while someone is in them. */
  for (int i = 0; i < 100 && pp_test_server_metric (server, "pairpad_signal_rooms") > 0; i++)
    g_usleep (10000);
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_rooms"), ==, 0);
  pp_test_server_stop (server);
}

static void
test_errors (void)
{
  static const struct
  {
    const char *message;
    PpSignalErrorCode code;
  } cases[] = {
    { "{\"type\" \"join\"}", PP_SIGNAL_ERR_BAD_JSON },
    { "not json", PP_SIGNAL_ERR_BAD_JSON },
    { "[1,2]", PP_SIGNAL_ERR_BAD_MESSAGE },
    { "\"join\"", PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{}", PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{\"type\":7}", PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{\"type\":\"dance\"}", PP_SIGNAL_ERR_UNKNOWN_TYPE },
    { "{\"type\":\"joined\"}", PP_SIGNAL_ERR_UNKNOWN_TYPE },
    { "{\"type\":\"join\",\"v\":2,\"room\":\"" ROOM_A "\",\"peer\":\"p\",\"name\":\"N\"}",
      PP_SIGNAL_ERR_UNSUPPORTED_VERSION },
    { "{\"type\":\"join\",\"room\":\"" ROOM_A "\",\"peer\":\"p\",\"name\":\"N\"}", PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{\"type\":\"join\",\"v\":1,\"room\":\"short\",\"peer\":\"p\",\"name\":\"N\"}", PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{\"type\":\"join\",\"v\":1,\"room\":\"AAAAAAAAAAAAAAAAAAAAA/\",\"peer\":\"p\",\"name\":\"N\"}",
      PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{\"type\":\"join\",\"v\":1,\"room\":\"" ROOM_A "\",\"peer\":\"a b\",\"name\":\"N\"}", PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{\"type\":\"join\",\"v\":1,\"room\":\"" ROOM_A "\",\"peer\":\"\",\"name\":\"N\"}", PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{\"type\":\"join\",\"v\":1,\"room\":\"" ROOM_A "\",\"peer\":\"p\",\"name\":\"\"}", PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{\"type\":\"join\",\"v\":1,\"room\":\"" ROOM_A "\",\"peer\":\"p\",\"name\":\"a\\u0007b\"}",
      PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{\"type\":\"join\",\"v\":1,\"room\":\"" ROOM_A "\",\"peer\":\"p\",\"name\":[\"N\"]}", PP_SIGNAL_ERR_BAD_MESSAGE },
    { "{\"type\":\"signal\",\"to\":\"p\",\"data\":\"x\"}", PP_SIGNAL_ERR_NOT_JOINED },
    { "{\"type\":\"leave\"}", PP_SIGNAL_ERR_NOT_JOINED },
  };
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  g_autofree char *long_name = g_strnfill (65, 'x');
  g_autofree char *long_peer = g_strnfill (65, 'p');
  g_autofree char *join_long_name = pp_signal_build_join (ROOM_A, "p", long_name);
  g_autofree char *join_long_peer = pp_signal_build_join (ROOM_A, long_peer, "N");
  g_autofree char *join = pp_signal_build_join (ROOM_A, "p", "N");
  Ws *ws = ws_connect (server->port);
  Ws *other;

  json_node_unref (ws_expect (ws, PP_SIGNAL_MSG_HELLO));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].message);
      ws_send_text (ws, cases[i].message);
      ws_expect_error (ws, cases[i].code);
    }
  ws_send_text (ws, join_long_name);
  ws_expect_error (ws, PP_SIGNAL_ERR_BAD_MESSAGE);
  ws_send_text (ws, join_long_peer);
  ws_expect_error (ws, PP_SIGNAL_ERR_BAD_MESSAGE);

  /* None of that closed the connection: it can still join. */
  ws_send_text (ws, join);
  json_node_unref (ws_expect (ws, PP_SIGNAL_MSG_JOINED));
  ws_send_text (ws, join);
  ws_expect_error (ws, PP_SIGNAL_ERR_ALREADY_JOINED);
  ws_signal (ws, "p", "to myself");
  ws_expect_error (ws, PP_SIGNAL_ERR_NO_SUCH_PEER);
  ws_signal (ws, "nobody", "x");
  ws_expect_error (ws, PP_SIGNAL_ERR_NO_SUCH_PEER);
  ws_send_text (ws, "{\"type\":\"signal\",\"to\":\"p\"}");
  ws_expect_error (ws, PP_SIGNAL_ERR_BAD_MESSAGE);
  ws_send_text (ws, "{\"type\":\"signal\",\"to\":\"p\",\"data\":{\"sdp\":1}}");
  ws_expect_error (ws, PP_SIGNAL_ERR_BAD_MESSAGE);

  /* A second connection may not take a peer id in use. */
  other = ws_connect (server->port);
  json_node_unref (ws_expect (other, PP_SIGNAL_MSG_HELLO));
  ws_send_text (other, join);
  ws_expect_error (other, PP_SIGNAL_ERR_PEER_ID_TAKEN);
  ws_expect_silence (ws, 100);

  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_rejections_total{reason=\"bad-json\"}"), ==, 2);
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_rejections_total{reason=\"peer-id-taken\"}"), ==, 1);
  ws_free (other);
  ws_free (ws);
  pp_test_server_stop (server);
}

/* A client may send its first message right behind the upgrade request;
 * libsoup then reads it with the request, and the server must take it
 * from libsoup's buffer, since the socket will not say it is readable. */
static void
test_pipelined (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  g_autofree char *join = pp_signal_build_join (ROOM_A, "early", "Early");
  Ws *ws = ws_connect_sending (server->port, join);
  g_autoptr(JsonNode) hello = ws_expect (ws, PP_SIGNAL_MSG_HELLO);
  g_autoptr(JsonNode) joined = ws_expect (ws, PP_SIGNAL_MSG_JOINED);

  ws_free (ws);
  pp_test_server_stop (server);
}

static void
test_room_full (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  g_autofree char *join = pp_signal_build_join (ROOM_A, "p9", "Nine");
  g_autofree char *join_b = pp_signal_build_join (ROOM_B, "p9", "Nine");
  Ws *peers[8];
  Ws *ninth;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i + 1);

      peers[i] = ws_join (server->port, ROOM_A, id, "Someone");
    }
  ninth = ws_connect (server->port);
  json_node_unref (ws_expect (ninth, PP_SIGNAL_MSG_HELLO));
  ws_send_text (ninth, join);
  ws_expect_error (ninth, PP_SIGNAL_ERR_ROOM_FULL);
  /* Refused, not closed: another room still takes it. */
  ws_send_text (ninth, join_b);
  json_node_unref (ws_expect (ninth, PP_SIGNAL_MSG_JOINED));
  ws_free (ninth);
  for (guint i = 0; i < 8; i++)
    ws_free (peers[i]);
  pp_test_server_stop (server);
}

static void
test_rooms_isolated (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Ws *a = ws_join (server->port, ROOM_A, "alice", "Alice");
  Ws *b = ws_join (server->port, ROOM_B, "bob", "Bob");

  /* Bob is in another room: to Alice he does not exist. */
  ws_signal (a, "bob", "across rooms");
  ws_expect_error (a, PP_SIGNAL_ERR_NO_SUCH_PEER);
  ws_expect_silence (b, 200);
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_relayed_messages_total"), ==, 0);
  ws_free (a);
  ws_free (b);
  pp_test_server_stop (server);
}

static void
test_relay_eight (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Ws *peers[8];

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("peer%u", i);

      peers[i] = ws_join (server->port, ROOM_A, id, id);
      for (guint j = 0; j < i; j++)
        json_node_unref (ws_expect (peers[j], PP_SIGNAL_MSG_PEER_JOINED));
    }
  /* Everyone signals everyone else, as a full mesh negotiates. */
  for (guint i = 0; i < 8; i++)
    for (guint j = 0; j < 8; j++)
      if (i != j)
        {
          g_autofree char *to = g_strdup_printf ("peer%u", j);
          g_autofree char *data = g_strdup_printf ("offer %u→%u", i, j);

          ws_signal (peers[i], to, data);
        }
  /* Each receives exactly one from each other; senders interleave, so
   * the order across senders is free. */
  for (guint j = 0; j < 8; j++)
    {
      g_autoptr(GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      for (guint i = 0; i < 8; i++)
        if (i != j)
          g_hash_table_insert (want, g_strdup_printf ("peer%u", i), g_strdup_printf ("offer %u→%u", i, j));
      for (guint k = 0; k < 7; k++)
        {
          g_autoptr(JsonNode) node = ws_expect (peers[j], PP_SIGNAL_MSG_SIGNAL);
          JsonObject *obj = json_node_get_object (node);
          const char *from = json_object_get_string_member (obj, "from");

          g_assert_cmpstr (json_object_get_string_member (obj, "data"), ==, g_hash_table_lookup (want, from));
          g_assert_true (g_hash_table_remove (want, from));
        }
      ws_expect_silence (peers[j], j == 0 ? 200 : 1);
    }
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_relayed_messages_total"), ==, 56);
  for (guint i = 0; i < 8; i++)
    ws_free (peers[i]);
  pp_test_server_stop (server);
}

/* The server held on to less than 8 MB more than before. Not under
 * AddressSanitizer, whose quarantine keeps freed memory resident. */
static void
assert_rss_bounded (PpTestServer *server,
                    gsize       before_kb)
{
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpuint (pp_test_server_rss_kb (server), <, before_kb + 8 * 1024);
#endif
}

/* Hostile clients: each is told or closed with a code, and a pair in
 * another room notices nothing. */

static void
check_closed_with (const char *what,
                   guint8      opcode,
                   gboolean    fin,
                   gsize       len,
                   guint16     code,
                   const char *reason)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Control control = control_start (server);
  Ws *ws = ws_join (server->port, ROOM_A, "hostile", "Hostile");
  Ws *mate = ws_join (server->port, ROOM_A, "mate", "Mate");
  g_autofree char *payload = g_malloc (len);
  g_autofree char *metric = g_strdup_printf ("pairpad_signal_rejections_total{reason=\"%s\"}", reason);
  g_autoptr(JsonNode) left = NULL;

  g_test_message ("%s", what);
  json_node_unref (ws_expect (ws, PP_SIGNAL_MSG_PEER_JOINED));
  memset (payload, 'a', len);
  if (len >= 4 && opcode == 0x1 && code == 1007)
    memcpy (payload, "\"\xc3\x28\"", 4); /* an invalid two-byte sequence */
  ws_send_frame (ws, opcode, fin, payload, len);
  g_assert_cmpuint (ws_wait_closed (ws, 5000), ==, code);
  left = ws_expect (mate, PP_SIGNAL_MSG_PEER_LEFT);
  g_assert_cmpuint (pp_test_server_metric (server, metric), ==, 1);
  control_check_and_free (&control);
  ws_free (ws);
  ws_free (mate);
  pp_test_server_stop (server);
}

static void
test_too_big (void)
{
  check_closed_with ("a frame of 64 KiB + 1", 0x1, TRUE, 65537, PP_SIGNAL_CLOSE_TOO_BIG, "too-big");
}

static void
test_binary (void)
{
  check_closed_with ("a binary frame", 0x2, TRUE, 16, PP_SIGNAL_CLOSE_UNSUPPORTED_DATA, "binary-frame");
}

static void
test_bad_utf8 (void)
{
  check_closed_with ("invalid UTF-8", 0x1, TRUE, 16, PP_SIGNAL_CLOSE_BAD_DATA, "bad-utf8");
}

/* libsoup 3.2 caps each frame but not a message sent as many fragments;
 * the server's meter must. */
static void
test_fragments (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Control control = control_start (server);
  Ws *ws = ws_join (server->port, ROOM_A, "hostile", "Hostile");
  char chunk[4096];
  gsize rss_before = pp_test_server_rss_kb (server);
  guint sent = 0;

  memset (chunk, 'f', sizeof chunk);
  ws_send_frame (ws, 0x1, FALSE, chunk, sizeof chunk);
  /* 64 MiB of continuation frames, never finished: the server must close
   * long before. */
  for (sent = 0; sent < 16384 && !ws->eof && ws->close_code == 0; sent++)
    {
      ws_send_frame (ws, 0x0, FALSE, chunk, sizeof chunk);
      if (sent % 64 == 0 && g_socket_condition_check (ws->socket, G_IO_IN))
        g_free (ws_recv (ws, 1));
    }
  g_assert_cmpuint (ws_wait_closed (ws, 5000), ==, PP_SIGNAL_CLOSE_TOO_BIG);
  g_test_message ("closed after %u fragments; server RSS %zu → %zu kB", sent, rss_before,
                  pp_test_server_rss_kb (server));
  g_assert_cmpuint (sent, <, 16384);
  assert_rss_bounded (server, rss_before);
  control_check_and_free (&control);
  ws_free (ws);
  pp_test_server_stop (server);
}

/* A message that deflates a thousandfold: 60 MiB of JSON in a frame of
 * about 60 KB, as a permessage-deflate client would send it. */
static GBytes *
deflate_bomb (void)
{
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 9);
  g_autoptr(GError) error = NULL;
  const gsize inflated = 60 * 1024 * 1024;
  g_autofree char *json = g_malloc (inflated);
  gsize out_size = 128 * 1024;
  g_autofree char *out = g_malloc (out_size);
  gsize read, written;
  GConverterResult result;

  memset (json, 'a', inflated);
  memcpy (json, "{\"type\":\"signal\",\"to\":\"mate\",\"data\":\"", 37);
  memcpy (json + inflated - 2, "\"}", 2);
  result = g_converter_convert (G_CONVERTER (zlib), json, inflated, out, out_size,
                                G_CONVERTER_INPUT_AT_END, &read, &written, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, G_CONVERTER_FINISHED);
  g_assert_cmpuint (read, ==, inflated);
  g_assert_cmpuint (written, <=, PP_SIGNAL_MAX_FRAME);
  return g_bytes_new (out, written);
}

/* permessage-deflate is refused (PROTOCOL.md says why): a client that
 * offers it is not granted it, and a compressed frame sent anyway is a
 * protocol error, closed before anything is inflated. Eight clients do it
 * at once, each joined beside a peer the bomb is addressed to; the
 * server's peak memory must not move. */
#define N_BOMBERS 8

static void
test_deflate_bomb (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Control control = control_start (server);
  g_autoptr(GBytes) bomb = deflate_bomb ();
  Ws *bombers[N_BOMBERS];
  Ws *mates[N_BOMBERS];
  gsize peak_before, peak_after;

  g_test_message ("a 60 MiB message deflated to %zu bytes", g_bytes_get_size (bomb));
  for (guint i = 0; i < N_BOMBERS; i++)
    {
      g_autofree char *room = g_strdup_printf ("bomb%018u", i);
      g_autofree char *accepted = NULL;
      g_autoptr(JsonNode) hello = NULL;
      g_autoptr(JsonNode) joined = NULL;
      g_autofree char *join = g_strdup_printf ("{\"type\":\"join\",\"v\":1,\"room\":\"%s\","
                                               "\"peer\":\"bomber\",\"name\":\"Bomber\"}", room);

      bombers[i] = ws_connect_offering (server->port,
                                        "permessage-deflate; client_max_window_bits", &accepted);
      g_assert_null (accepted);
      hello = ws_expect (bombers[i], PP_SIGNAL_MSG_HELLO);
      ws_send_text (bombers[i], join);
      joined = ws_expect (bombers[i], PP_SIGNAL_MSG_JOINED);
      mates[i] = ws_join (server->port, room, "mate", "Mate");
      json_node_unref (ws_expect (bombers[i], PP_SIGNAL_MSG_PEER_JOINED));
    }

  peak_before = pp_test_server_status_kb (server, "VmHWM");
  for (guint i = 0; i < N_BOMBERS; i++)
    ws_send_frame (bombers[i], 0x40 | 0x1, TRUE, g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
  for (guint i = 0; i < N_BOMBERS; i++)
    {
      g_autoptr(JsonNode) left = NULL;

      /* After a protocol error the server reads no more and closes the
       * socket once its close frame is out. */
      g_assert_cmpuint (ws_wait_closed (bombers[i], 5000), ==, 1002);
      left = ws_expect (mates[i], PP_SIGNAL_MSG_PEER_LEFT);
      ws_expect_silence (mates[i], 100);
    }
  peak_after = pp_test_server_status_kb (server, "VmHWM");
  g_test_message ("server peak memory %zu → %zu kB", peak_before, peak_after);
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpuint (peak_after, <, peak_before + 8 * 1024);
#endif
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_rejections_total{reason=\"protocol-error\"}"),
                    ==, N_BOMBERS);
  control_check_and_free (&control);
  for (guint i = 0; i < N_BOMBERS; i++)
    {
      ws_free (bombers[i]);
      ws_free (mates[i]);
    }
  pp_test_server_stop (server);
}

static void
test_flood (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, "--msg-rate", "20", "--msg-burst", "40", NULL);
  Control control = control_start (server);
  Ws *ws = ws_join (server->port, ROOM_A, "flooder", "Flooder");
  Ws *mate = ws_join (server->port, ROOM_A, "mate", "Mate");
  gboolean told = FALSE;
  guint relayed = 0;

  json_node_unref (ws_expect (ws, PP_SIGNAL_MSG_PEER_JOINED));
  for (guint i = 0; i < 200; i++)
    ws_signal (ws, "mate", "spam");
  /* The burst gets through (less the join), then the flooder is told and
   * closed. */
  for (;;)
    {
      g_autofree char *text = ws_recv (ws, 5000);

      if (text == NULL)
        break;
      if (strstr (text, "\"rate-limited\""))
        told = TRUE;
    }
  g_assert_true (told);
  g_assert_cmpuint (ws_wait_closed (ws, 5000), ==, PP_SIGNAL_CLOSE_FLOOD);
  for (;;)
    {
      g_autofree char *text = ws_recv (mate, 500);

      if (text == NULL || strstr (text, "peer-left"))
        break;
      relayed++;
    }
  g_test_message ("%u of 200 relayed before the close", relayed);
  g_assert_cmpuint (relayed, >=, 38);
  g_assert_cmpuint (relayed, <=, 45);
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_rejections_total{reason=\"flood\"}"), ==, 1);
  /* The control pair sends at a polite rate and is untouched. */
  control_check_and_free (&control);
  ws_free (ws);
  ws_free (mate);
  pp_test_server_stop (server);
}

static void
test_slow_consumer (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, "--msg-rate", "100000", "--msg-burst", "100000",
                                          "--max-send-queue", "262144", NULL);
  Control control = control_start (server);
  Ws *slow = ws_join (server->port, ROOM_A, "slow", "Slow");
  Ws *fast = ws_join (server->port, ROOM_A, "fast", "Fast");
  g_autofree char *big = g_strnfill (60000, 'z');
  gsize rss_before = pp_test_server_rss_kb (server);
  gboolean gone = FALSE;
  guint sent, delivered = 0;
  char *got;

  json_node_unref (ws_expect (slow, PP_SIGNAL_MSG_PEER_JOINED));
  /* The kernel's buffers grow to megabytes on loopback, and how many they
   * take depends on how the server writes: keep the slow end's small, so
   * that what fills up is the server's queue. */
  g_socket_set_option (slow->socket, SOL_SOCKET, SO_RCVBUF, 64 * 1024, NULL);
  /* The slow peer stops reading. 200 × 60 kB is 12 MB the server would
   * have to hold. */
  for (sent = 0; sent < 200 && !gone; sent++)
    {
      ws_signal (fast, "slow", big);
      while (g_socket_condition_check (fast->socket, G_IO_IN))
        {
          g_autofree char *text = ws_recv (fast, 100);

          if (text && strstr (text, "peer-left"))
            gone = TRUE;
          if (text && strstr (text, "no-such-peer"))
            gone = TRUE;
        }
    }
  if (!gone)
    {
      g_autoptr(JsonNode) left = ws_expect (fast, PP_SIGNAL_MSG_PEER_LEFT);

      gone = TRUE;
    }
  assert_rss_bounded (server, rss_before);
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_rejections_total{reason=\"slow-consumer\"}"), ==, 1);
  /* Reading at last, the slow client finds what fitted (the kernel's
   * buffers, then the queue up to its limit), then code 4001. */
  while ((got = ws_recv (slow, 10000)) != NULL)
    {
      delivered++;
      g_free (got);
    }
  g_test_message ("the slow peer got %u of %u signals; server RSS %zu → %zu kB", delivered, sent,
                  rss_before, pp_test_server_rss_kb (server));
  g_assert_cmpuint (delivered, <, sent);
  g_assert_cmpuint (ws_wait_closed (slow, 10000), ==, PP_SIGNAL_CLOSE_SLOW_CONSUMER);
  control_check_and_free (&control);
  ws_free (slow);
  ws_free (fast);
  pp_test_server_stop (server);
}

static void
test_idle (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, "--ping-interval", "1", NULL);
  Ws *mute = ws_join (server->port, ROOM_A, "mute", "Mute");
  Ws *alive = ws_join (server->port, ROOM_A, "alive", "Alive");
  gint64 start = g_get_monotonic_time ();
  gboolean saw_left = FALSE;
  guint16 code;

  json_node_unref (ws_expect (mute, PP_SIGNAL_MSG_PEER_JOINED));
  mute->answer_pings = FALSE;
  /* Both are read in turn, so that the live one answers its pings: 2.5
   * intervals, the next sweep, then libsoup's 5 s wait for the close that a
   * dead client never answers. */
  while (!mute->eof && g_get_monotonic_time () - start < 12 * G_USEC_PER_SEC)
    {
      g_autofree char *text = NULL;

      g_free (ws_recv (mute, 50));
      text = ws_recv (alive, 50);
      if (text != NULL)
        {
          g_assert_nonnull (strstr (text, "\"peer-left\""));
          g_assert_false (saw_left);
          saw_left = TRUE;
        }
      g_assert_cmpuint (alive->close_code, ==, 0);
    }
  code = ws_wait_closed (mute, 100);
  g_test_message ("closed after %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (code, ==, PP_SIGNAL_CLOSE_IDLE);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);
  /* The one that answers pings saw the other leave and is still here. */
  g_assert_true (saw_left);
  for (guint i = 0; i < 30; i++)
    ws_expect_silence (alive, 100);
  ws_free (mute);
  ws_free (alive);
  pp_test_server_stop (server);
}

static void
test_handshake_timeout (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, "--handshake-timeout", "1", NULL);
  Ws *silent = ws_connect_raw (server->port);
  Ws *garbage = ws_connect_raw (server->port);
  Ws *ws;
  gint64 start = g_get_monotonic_time ();
  const char junk[] = "\x16\x03\x01 this is not HTTP\r\n\r\n";

  ws_send_frame (garbage, 0x1, TRUE, junk, sizeof junk);
  ws_wait_closed (garbage, 3000);
  ws_wait_closed (silent, 4000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  /* libsoup answers the garbage with 400 and keeps the connection open:
   * the timeout ends both. */
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_rejections_total{reason=\"handshake-timeout\"}"),
                    ==, 2);
  /* And the server still serves. */
  ws = ws_join (server->port, ROOM_A, "after", "After");
  ws_free (ws);
  ws_free (silent);
  ws_free (garbage);
  pp_test_server_stop (server);
}

/* HTTP */

static void
test_http (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  g_autofree char *health = NULL;
  g_autofree char *metrics = NULL;
  g_autofree char *page = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *missing = NULL;
  guint status;

  health = pp_test_server_get (server, "/healthz", &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (health, ==, "ok\n");
  /* Alone, it is always ready for joins. */
  g_free (health);
  health = pp_test_server_get (server, "/readyz", &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (health, ==, "ready\n");

  metrics = pp_test_server_get (server, "/metrics", &status, &headers);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (headers, "text/plain; version=0.0.4"));
  for (const char *const *name = (const char *const[]) { "pairpad_signal_connections", "pairpad_signal_rooms",
                                                         "pairpad_signal_joins_total",
                                                         "pairpad_signal_relayed_messages_total",
                                                         "pairpad_signal_relayed_bytes_total",
                                                         "pairpad_signal_rejections_total", NULL };
       *name; name++)
    {
      g_autofree char *type = g_strdup_printf ("# TYPE %s ", *name);

      g_assert_nonnull (strstr (metrics, type));
    }
  g_clear_pointer (&headers, g_free);

  page = pp_test_server_get (server, "/j/" ROOM_A, &status, &headers);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (headers, "Content-Type: text/html"));
  /* The page may talk to no server at all, this one included. */
  g_assert_nonnull (strstr (headers, "Content-Security-Policy: default-src 'none';"));
  g_assert_null (strstr (headers, "connect-src"));
  g_assert_nonnull (strstr (page, "Open in Pairpad"));
  g_assert_null (strstr (page, "http://"));
  g_assert_null (strstr (page, "https://"));
  g_assert_null (strstr (page, "src="));

  missing = pp_test_server_get (server, "/j/not-a-room", &status, NULL);
  g_assert_cmpuint (status, ==, 404);
  g_free (missing);
  missing = pp_test_server_get (server, "/nothing", &status, NULL);
  g_assert_cmpuint (status, ==, 404);
  pp_test_server_stop (server);
}

/* The page's own script, run by Node with the browser objects it reads. */
static void
test_landing_script (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  g_autofree char *runner = g_test_build_filename (G_TEST_DIST, "signal", "run-landing.mjs", NULL);
  g_autofree char *page_file = NULL;
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  guint status;
  int fd;
  static const struct
  {
    const char *url;
    const char *link; /* NULL: the page must say the link is broken */
  } cases[] = {
    { "http://127.0.0.1:4444/j/" ROOM_A "#key=0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
      "pairpad://join?server=127.0.0.1%3A4444&room=" ROOM_A "&tls=0#key=0123456789abcdefghijklmnopqrstuvwxyzABCDEFG" },
    { "https://signal.example.org/j/" ROOM_A "#key=0123456789abcdefghijklmnopqrstuvwxyz-_CDEFG",
      "pairpad://join?server=signal.example.org%3A443&room=" ROOM_A "#key=0123456789abcdefghijklmnopqrstuvwxyz-_CDEFG" },
    { "http://127.0.0.1:4444/j/" ROOM_A, NULL },
    { "http://127.0.0.1:4444/j/" ROOM_A "#key=short", NULL },
    { "http://127.0.0.1:4444/j/" ROOM_A "#key=0123456789abcdefghijklmnopqrstuvwxyz\"><b>DEFG", NULL },
  };

  if (!pp_test_have_program ("node"))
    {
      g_test_skip ("node is not installed");
      pp_test_server_stop (server);
      return;
    }
  page = pp_test_server_get (server, "/j/" ROOM_A, &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  fd = g_file_open_tmp ("landing-XXXXXX.html", &page_file, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (page_file, page, -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int wait_status;
      const char *argv[] = { "node", runner, page_file, cases[i].url, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &wait_status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (wait_status, NULL))
        g_error ("run-landing.mjs failed: %s", err);
      g_strstrip (out);
      g_test_message ("%s → %s", cases[i].url, out);
      if (cases[i].link)
        g_assert_cmpstr (out, ==, cases[i].link);
      else
        g_assert_cmpstr (out, ==, "broken");
    }
  g_unlink (page_file);
  pp_test_server_stop (server);
}

/* Logs: one line per event, and never a payload or a name. */
static void
test_logs (void)
{
  PpTestServer *server = pp_test_server_start (TRUE, NULL);
  Ws *a = ws_join (server->port, ROOM_A, "alice", "Zelda Quux");
  Ws *b = ws_join (server->port, ROOM_A, "bob", "Bob");
  g_autoptr(GDataInputStream) log = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  GInputStream *pipe = server->stderr_pipe;
  char *line;

  ws_signal (a, "bob", "v=0 SECRET-SDP-PAYLOAD");
  ws_expect_signal (b, "alice", "v=0 SECRET-SDP-PAYLOAD");
  ws_free (a);
  ws_free (b);
  log = g_data_input_stream_new (g_object_ref (pipe));
  g_object_unref (pipe);
  g_subprocess_send_signal (server->process, SIGTERM);
  while ((line = g_data_input_stream_read_line (log, NULL, NULL, NULL)) != NULL)
    {
      g_string_append_printf (all, "%s\n", line);
      g_free (line);
    }
  g_test_message ("%s", all->str);
  g_assert_nonnull (strstr (all->str, " join room=AAAAAA peer=alice"));
  g_assert_nonnull (strstr (all->str, " open from=127.0.0.1:"));
  g_assert_null (strstr (all->str, "SECRET"));
  g_assert_null (strstr (all->str, "Zelda"));
  g_assert_null (strstr (all->str, ROOM_A)); /* room ids are shortened */
  server->stderr_pipe = NULL;
  pp_test_server_stop (server);
}

/* 2,000 connect, join, disconnect cycles leave the server where it was. */
static void
test_cycles (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  gsize warm = 0, after;

  for (guint round = 0; round < 2; round++)
    {
      guint n = round == 0 ? 200 : 2000;

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *id = g_strdup_printf ("c%u", i);
          Ws *ws = ws_join (server->port, i % 2 ? ROOM_A : ROOM_B, id, "Cycle");

          ws_free (ws);
        }
      for (int i = 0; i < 300 && pp_test_server_metric (server, "pairpad_signal_connections") > 0; i++)
        g_usleep (10000);
      g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_connections"), ==, 0);
      g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_rooms"), ==, 0);
      if (round == 0)
        warm = pp_test_server_rss_kb (server);
    }
  after = pp_test_server_rss_kb (server);
  g_test_message ("RSS after 200 cycles %zu kB, after 2,200 %zu kB", warm, after);
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpuint (after, <=, warm + 256);
#else
  /* AddressSanitizer holds freed memory in quarantine, so RSS only grows;
   * its leak check when the server exits (pp_test_server_stop) is the test. */
#endif
  g_assert_cmpuint (pp_test_server_metric (server, "pairpad_signal_connections_total"), ==, 2200);
  pp_test_server_stop (server);
}

/* TURN: coturn's REST-API credentials, checked against GLib's own HMAC
 * (the server uses GnuTLS's), and used for a real allocation. */

static char *
write_secret (const char *secret)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("turn-secret-XXXXXX", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, secret, -1, &error);
  g_assert_no_error (error);
  g_chmod (path, 0600);
  return path;
}

static JsonObject *
join_for_turn (PpTestServer *server,
               Ws        **ws,
               JsonNode  **joined)
{
  g_autofree char *join = pp_signal_build_join (ROOM_A, "peerA", "A");
  JsonArray *ice;

  *ws = ws_connect (server->port);
  json_node_unref (ws_expect (*ws, PP_SIGNAL_MSG_HELLO));
  ws_send_text (*ws, join);
  *joined = ws_expect (*ws, PP_SIGNAL_MSG_JOINED);
  ice = json_object_get_array_member (json_node_get_object (*joined), "ice_servers");
  g_assert_cmpuint (json_array_get_length (ice), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_array_get_object_element (ice, 0),
                                                                                "urls"), 0),
                   ==, "stun:127.0.0.1:3478");
  return json_array_get_object_element (ice, 1);
}

static void
test_turn_credentials (void)
{
  g_autofree char *secret_file = write_secret ("correct horse battery staple\n");
  PpTestServer *server = pp_test_server_start (FALSE, "--turn-uri", "stun:127.0.0.1:3478",
                                          "--turn-uri", "turn:127.0.0.1:3478?transport=udp",
                                          "--turn-uri", "turns:127.0.0.1:5349",
                                          "--turn-secret-file", secret_file, "--turn-ttl", "600", NULL);
  g_autoptr(JsonNode) joined = NULL;
  g_autoptr(GHmac) hmac = NULL;
  g_autofree char *expected = NULL;
  guint8 digest[20];
  gsize len = sizeof digest;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  JsonObject *turn;
  JsonArray *urls;
  const char *username;
  gint64 expiry;
  Ws *ws;

  turn = join_for_turn (server, &ws, &joined);
  urls = json_object_get_array_member (turn, "urls");
  g_assert_cmpuint (json_array_get_length (urls), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (urls, 0), ==, "turn:127.0.0.1:3478?transport=udp");
  g_assert_cmpstr (json_array_get_string_element (urls, 1), ==, "turns:127.0.0.1:5349");

  username = json_object_get_string_member (turn, "username");
  g_assert_true (g_str_has_suffix (username, ":peerA"));
  expiry = g_ascii_strtoll (username, NULL, 10);
  g_assert_cmpint (expiry, >=, now + 600 - 2);
  g_assert_cmpint (expiry, <=, now + 600 + 2);

  /* The secret file's trailing newline is not part of the secret. */
  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) "correct horse battery staple", 28);
  g_hmac_update (hmac, (const guchar *) username, -1);
  g_hmac_get_digest (hmac, digest, &len);
  expected = g_base64_encode (digest, len);
  g_assert_cmpstr (json_object_get_string_member (turn, "credential"), ==, expected);

  ws_free (ws);
  pp_test_server_stop (server);
  g_unlink (secret_file);
}

/* A vector computed outside this code base, with
 *   printf %s 1700000000:peer | openssl dgst -sha1 -hmac Jefe -binary | base64 */
static void
test_turn_vector (void)
{
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;

  pp_signal_turn_credentials ("Jefe", 1700000000, "peer", &username, &password);
  g_assert_cmpstr (username, ==, "1700000000:peer");
  g_assert_cmpstr (password, ==, "nLac7yIQRwspM1W2Gdv6mT6jJuc=");
}

static gboolean
turn_allocate (guint16     port,
               const char *username,
               const char *password,
               char      **output)
{
  g_autofree char *port_s = g_strdup_printf ("%u", port);
  const char *argv[] = { "turnutils_uclient", "-u", username, "-w", password, "-p", port_s,
                         "-n", "2", "-y", "-c", "127.0.0.1", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                output, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_turn_coturn (void)
{
  g_autofree char *secret_file = write_secret ("s3cret-for-coturn");
  g_autofree char *out = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(JsonNode) joined = NULL;
  PpTestCoturn *coturn = pp_test_coturn_start ("s3cret-for-coturn", NULL);
  PpTestServer *server;
  JsonObject *turn;
  Ws *ws;

  if (coturn == NULL || !pp_test_have_program ("turnutils_uclient"))
    {
      if (coturn != NULL)
        g_test_skip ("coturn's turnutils_uclient is not installed");
      pp_test_coturn_stop (coturn);
      g_unlink (secret_file);
      return;
    }

  server = pp_test_server_start (FALSE, "--turn-uri", "stun:127.0.0.1:3478", "--turn-uri", coturn->uri,
                                 "--turn-secret-file", secret_file, NULL);
  turn = join_for_turn (server, &ws, &joined);

  /* coturn may take a moment to listen. */
  for (guint i = 0; i < 20; i++)
    {
      g_clear_pointer (&out, g_free);
      if (turn_allocate (coturn->port, json_object_get_string_member (turn, "username"),
                         json_object_get_string_member (turn, "credential"), &out))
        break;
      g_usleep (250000);
    }
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Total lost packets 0"));

  /* A credential off by one character is refused. */
  bad = g_strdup (json_object_get_string_member (turn, "credential"));
  bad[0] = bad[0] == 'A' ? 'B' : 'A';
  g_clear_pointer (&out, g_free);
  g_assert_false (turn_allocate (coturn->port, json_object_get_string_member (turn, "username"), bad, &out));

  ws_free (ws);
  pp_test_server_stop (server);
  pp_test_coturn_stop (coturn);
  g_unlink (secret_file);
}

/* The command line */

static void
check_usage_error (const char *expect,
                   const char *const *args)
{
  const char *binary = pp_test_server_binary ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, (char *) binary);
  for (; *args; args++)
    g_ptr_array_add (argv, (char *) *args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, expect));
}

static void
test_cli (void)
{
  const char *binary = pp_test_server_binary ();
  g_autofree char *out = NULL;
  g_autofree char *help = NULL;
  g_autoptr(GError) error = NULL;
  PpTestServer *server;
  Ws *peers[3];
  g_autofree char *join = pp_signal_build_join (ROOM_A, "p3", "Three");
  int status;

  help = g_strdup_printf ("%s --help", binary);
  g_spawn_command_line_sync (help, &out, NULL, &status, &error);
  g_assert_no_error (error);
  for (const char *const *opt = (const char *const[]) { "--listen", "--tls-cert", "--tls-key", "--turn-uri",
                                                        "--turn-secret-file", "--max-peers", "--public-url",
                                                        "PAIRPAD_SIGNAL_", NULL };
       *opt; opt++)
    g_assert_nonnull (strstr (out, *opt));

  check_usage_error ("--listen takes ADDR:PORT", (const char *const[]) { "--listen", "nowhere", NULL });
  check_usage_error ("go together", (const char *const[]) { "--tls-cert", "/dev/null", NULL });
  check_usage_error ("needs --turn-secret-file", (const char *const[]) { "--turn-uri", "turn:127.0.0.1", NULL });
  check_usage_error ("out of range", (const char *const[]) { "--max-peers", "1", NULL });
  check_usage_error ("Unknown option", (const char *const[]) { "--bogus", NULL });

  /* Settings also come from the environment. */
  g_setenv ("PAIRPAD_SIGNAL_MAX_PEERS", "2", TRUE);
  server = pp_test_server_start (FALSE, NULL);
  g_unsetenv ("PAIRPAD_SIGNAL_MAX_PEERS");
  peers[0] = ws_join (server->port, ROOM_A, "p1", "One");
  peers[1] = ws_join (server->port, ROOM_A, "p2", "Two");
  peers[2] = ws_connect (server->port);
  json_node_unref (ws_expect (peers[2], PP_SIGNAL_MSG_HELLO));
  ws_send_text (peers[2], join);
  ws_expect_error (peers[2], PP_SIGNAL_ERR_ROOM_FULL);
  for (guint i = 0; i < 3; i++)
    ws_free (peers[i]);
  pp_test_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pp_test_home_init ("signal");

  g_test_add_func ("/signal/protocol/join-relay-leave", test_join_relay_leave);
  g_test_add_func ("/signal/protocol/errors", test_errors);
  g_test_add_func ("/signal/protocol/pipelined", test_pipelined);
  g_test_add_func ("/signal/protocol/room-full", test_room_full);
  g_test_add_func ("/signal/protocol/rooms-isolated", test_rooms_isolated);
  g_test_add_func ("/signal/relay/eight", test_relay_eight);
  g_test_add_func ("/signal/hostile/too-big", test_too_big);
  g_test_add_func ("/signal/hostile/fragments", test_fragments);
  g_test_add_func ("/signal/hostile/deflate-bomb", test_deflate_bomb);
  g_test_add_func ("/signal/hostile/binary", test_binary);
  g_test_add_func ("/signal/hostile/bad-utf8", test_bad_utf8);
  g_test_add_func ("/signal/hostile/flood", test_flood);
  g_test_add_func ("/signal/hostile/slow-consumer", test_slow_consumer);
  g_test_add_func ("/signal/hostile/idle", test_idle);
  g_test_add_func ("/signal/hostile/handshake-timeout", test_handshake_timeout);
  g_test_add_func ("/signal/http/pages", test_http);
  g_test_add_func ("/signal/http/landing-script", test_landing_script);
  g_test_add_func ("/signal/logs", test_logs);
  g_test_add_func ("/signal/cycles", test_cycles);
  g_test_add_func ("/signal/cli", test_cli);
  g_test_add_func ("/signal/turn/vector", test_turn_vector);
  g_test_add_func ("/signal/turn/credentials", test_turn_credentials);
  g_test_add_func ("/signal/turn/coturn", test_turn_coturn);

  status = g_test_run ();
  pp_test_home_cleanup ();
  return status;
}

/* test-signal-embedded.c — the server as the library the app links, with
 * libsoup's own WebSocket client, over ws:// and wss://
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>
#include <glib/gstdio.h>

#include "pp-signal-protocol.h"
#include "pp-signal-server.h"
#include "signal-client.h"

#define ROOM "CCCCCCCCCCCCCCCCCCCCCC"

typedef struct
{
  SoupWebsocketConnection *ws;
  GQueue messages; /* owned strings */
  gboolean closed;
} Client;

static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *cert,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  return TRUE;
}

static void
on_message (SoupWebsocketConnection *ws,
            SoupWebsocketDataType    type,
            GBytes                  *bytes,
            gpointer                 user_data)
{
  Client *c = user_data;

  g_queue_push_tail (&c->messages, g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
}

static void
on_closed (SoupWebsocketConnection *ws,
           gpointer                 user_data)
{
  ((Client *) user_data)->closed = TRUE;
}

static void
connected (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Client *c = user_data;
  g_autoptr(GError) error = NULL;

  c->ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  g_signal_connect (c->ws, "message", G_CALLBACK (on_message), c);
  g_signal_connect (c->ws, "closed", G_CALLBACK (on_closed), c);
}

static gboolean
client_is_connected (gpointer data)
{
  return ((Client *) data)->ws != NULL;
}

static gboolean
client_has_news (gpointer data)
{
  Client *c = data;

  return !g_queue_is_empty (&c->messages) || c->closed;
}

static Client *
client_connect (SoupSession *session,
                const char  *server_uri)
{
  g_autofree char *uri = g_strconcat (server_uri, PP_SIGNAL_PATH, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  Client *c = g_new0 (Client, 1);

  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL, connected, c);
  pp_test_wait_for_full (client_is_connected, c, 5, "the WebSocket to connect");
  return c;
}

/* The main loop runs while waiting, so the in-process server serves. */
static JsonNode *
client_expect (Client          *c,
               PpSignalMsgType  type)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PpSignalMessage msg;

  pp_test_wait_until_full (client_has_news, c, 5);
  text = g_queue_pop_head (&c->messages);
  g_assert_nonnull (text);
  g_assert_true (pp_signal_message_parse (parser, text, strlen (text), TRUE, &msg, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (msg.type, ==, type);
  return json_node_copy (json_parser_get_root (parser));
}

static void
client_send (Client *c,
             char   *text)
{
  soup_websocket_connection_send_text (c->ws, text);
  g_free (text);
}

static void
client_free (Client *c)
{
  g_signal_handlers_disconnect_by_data (c->ws, c);
  g_object_unref (c->ws);
  g_queue_clear_full (&c->messages, g_free);
  g_free (c);
}

/* Two peers meet and relay through the server at URI. */
static void
meet_and_relay (const char *uri,
                Client    **out_a,
                Client    **out_b)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonNode) signal = NULL;
  Client *a = client_connect (session, uri);
  Client *b = client_connect (session, uri);
  JsonObject *obj;

  json_node_unref (client_expect (a, PP_SIGNAL_MSG_HELLO));
  json_node_unref (client_expect (b, PP_SIGNAL_MSG_HELLO));
  client_send (a, pp_signal_build_join (ROOM, "a", "A"));
  json_node_unref (client_expect (a, PP_SIGNAL_MSG_JOINED));
  client_send (b, pp_signal_build_join (ROOM, "b", "B"));
  json_node_unref (client_expect (b, PP_SIGNAL_MSG_JOINED));
  json_node_unref (client_expect (a, PP_SIGNAL_MSG_PEER_JOINED));
  client_send (b, pp_signal_build_signal_to ("a", "sealed offer"));
  signal = client_expect (a, PP_SIGNAL_MSG_SIGNAL);
  obj = json_node_get_object (signal);
  g_assert_cmpstr (json_object_get_string_member (obj, "from"), ==, "b");
  g_assert_cmpstr (json_object_get_string_member (obj, "data"), ==, "sealed offer");
  *out_a = a;
  *out_b = b;
}

static gboolean
both_closed (gpointer data)
{
  Client **clients = data;

  return clients[0]->closed && clients[1]->closed;
}

static void
test_start_stop (void)
{
  g_autoptr(PpSignalServer) server = pp_signal_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *again = NULL;
  g_autofree char *expected = NULL;
  Client *a, *b;
  guint16 port;

  g_assert_false (pp_signal_server_is_running (server));
  g_assert_true (pp_signal_server_start (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  port = pp_signal_server_get_port (server);
  g_assert_cmpuint (port, >, 0);
  uri = pp_signal_server_get_uri (server);
  expected = g_strdup_printf ("ws://127.0.0.1:%u", port);
  g_assert_cmpstr (uri, ==, expected);

  meet_and_relay (uri, &a, &b);
  g_assert_cmpuint (pp_signal_server_get_n_connections (server), ==, 2);
  g_assert_cmpuint (pp_signal_server_get_n_rooms (server), ==, 1);

  /* Stopping tells every client why, and frees the port. */
  pp_signal_server_stop (server);
  g_assert_false (pp_signal_server_is_running (server));
  pp_test_wait_for_full (both_closed, (Client *[]) { a, b }, 5, "both clients to be closed");
  g_assert_cmpuint (soup_websocket_connection_get_close_code (a->ws), ==, PP_SIGNAL_CLOSE_GOING_AWAY);
  g_assert_cmpuint (pp_signal_server_get_n_connections (server), ==, 0);
  client_free (a);
  client_free (b);

  g_assert_true (pp_signal_server_start (server, "127.0.0.1", port, &error));
  g_assert_no_error (error);
  again = pp_signal_server_get_uri (server);
  g_assert_cmpstr (again, ==, uri);
  pp_signal_server_stop (server);
}

static void
test_bad_address (void)
{
  g_autoptr(PpSignalServer) server = pp_signal_server_new ();
  g_autoptr(PpSignalServer) second = pp_signal_server_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (pp_signal_server_start (server, "example.org", 0, &error));
  g_assert_nonnull (strstr (error->message, "give an IP address"));
  g_clear_error (&error);

  /* A port in use is named in the error. */
  g_assert_true (pp_signal_server_start (server, "127.0.0.1", 0, &error));
  g_assert_false (pp_signal_server_start (second, "127.0.0.1", pp_signal_server_get_port (server), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_assert_nonnull (strstr (error->message, "Cannot listen on 127.0.0.1 port"));
  pp_signal_server_stop (server);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
got_body (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* TLS with a self-signed certificate made here. */
static void
test_tls (void)
{
  g_autoptr(PpSignalServer) server = pp_signal_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("signal-tls-XXXXXX", &error);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *http = NULL;
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                         "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", NULL };
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  int status;
  Client *a, *b;

  g_assert_no_error (error);
  if (!pp_test_have_program ("openssl"))
    {
      g_test_skip ("openssl is not installed to make a certificate");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_false (pp_signal_server_set_tls_files (server, cert, "/nonexistent/key.pem", &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent/key.pem"));
  g_clear_error (&error);
  g_assert_true (pp_signal_server_set_tls_files (server, cert, key, &error));
  g_assert_no_error (error);
  g_assert_true (pp_signal_server_start (server, "127.0.0.1", 0, &error));
  uri = pp_signal_server_get_uri (server);
  g_assert_true (g_str_has_prefix (uri, "wss://127.0.0.1:"));

  meet_and_relay (uri, &a, &b);
  client_free (a);
  client_free (b);

  /* The pages are served over https too. */
  http = g_strdup_printf ("https%s/healthz", uri + 3);
  msg = soup_message_new ("GET", http);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  /* Asynchronously: the server answers from this thread's main loop. */
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, got_body, &result);
  pp_test_wait_for_full (has_result, &result, 5, "the page over https");
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "ok\n", 3);

  pp_signal_server_stop (server);
  g_assert_true (pp_test_remove_tree (dir));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pp_test_home_init ("signal-embedded");

  g_test_add_func ("/signal/embedded/start-stop", test_start_stop);
  g_test_add_func ("/signal/embedded/bad-address", test_bad_address);
  g_test_add_func ("/signal/embedded/tls", test_tls);

  status = g_test_run ();
  pp_test_home_cleanup ();
  return status;
}

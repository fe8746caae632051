/* tamper-proxy.c: a signaling server that is not to be trusted
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tamper-proxy.h"

struct _TamperProxy
{
  GSocketService *service;   /* accepts for the server: see tamper_proxy_new */
  SoupServer *server;
  SoupSession *session;
  char *upstream;
  char *uri;
  TamperMode mode;
  guint n_joins;
  guint n_tampered;
  GPtrArray *links;
};

typedef struct
{
  TamperProxy *proxy;
  SoupWebsocketConnection *client;     /* owned */
  SoupWebsocketConnection *upstream;   /* owned, NULL until connected */
  GPtrArray *early;                    /* texts from the client before upstream is up */
  gboolean victim;
  gboolean done;
} Link;

static void
link_free (gpointer data)
{
  Link *link = data;

  if (link->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (link->client, link);
      if (soup_websocket_connection_get_state (link->client) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (link->client, 1001, NULL);
      g_object_unref (link->client);
    }
  if (link->upstream != NULL)
    {
      g_signal_handlers_disconnect_by_data (link->upstream, link);
      if (soup_websocket_connection_get_state (link->upstream) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (link->upstream, 1000, NULL);
      g_object_unref (link->upstream);
    }
  g_ptr_array_unref (link->early);
  g_free (link);
}

static char *
tampered (TamperProxy *proxy,
          const char  *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  const char *type, *data;
  g_autofree char *changed = NULL;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  obj = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_string_member_with_default (obj, "type", "");
  data = json_object_get_string_member_with_default (obj, "data", NULL);
  if (strcmp (type, "signal") != 0 || data == NULL || strlen (data) < 60)
    return NULL;
  changed = g_strdup (data);
  /* A byte of the ciphertext: still base64url, no longer the payload. */
  changed[50] = changed[50] == 'A' ? 'B' : 'A';
  json_object_set_string_member (obj, "data", changed);
  return json_to_string (json_parser_get_root (parser), FALSE);
}

static void
on_upstream_message (SoupWebsocketConnection *ws,
                     int                      type,
                     GBytes                  *message,
                     gpointer                 data)
{
  Link *link = data;
  g_autofree char *text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  g_autofree char *changed = NULL;

  if (soup_websocket_connection_get_state (link->client) != SOUP_WEBSOCKET_STATE_OPEN)
    return;
  if (link->victim && !link->done && link->proxy->mode != TAMPER_NONE &&
      (changed = tampered (link->proxy, text)) != NULL)
    {
      link->done = TRUE;
      link->proxy->n_tampered++;
      if (link->proxy->mode == TAMPER_FLIP)
        {
          soup_websocket_connection_send_text (link->client, changed);
          return;
        }
      soup_websocket_connection_send_text (link->client, text);
    }
  soup_websocket_connection_send_text (link->client, text);
}

static void
on_client_message (SoupWebsocketConnection *ws,
                   int                      type,
                   GBytes                  *message,
                   gpointer                 data)
{
  Link *link = data;
  g_autofree char *text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));

  if (strstr (text, "\"join\"") != NULL && ++link->proxy->n_joins == 2)
    link->victim = TRUE;
  if (link->upstream == NULL)
    g_ptr_array_add (link->early, g_steal_pointer (&text));
  else if (soup_websocket_connection_get_state (link->upstream) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (link->upstream, text);
}

static void
on_closed (SoupWebsocketConnection *ws,
           gpointer                 data)
{
  Link *link = data;

  /* One side went: the other goes too. */
  if (link->client && soup_websocket_connection_get_state (link->client) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (link->client, 1001, NULL);
  if (link->upstream && soup_websocket_connection_get_state (link->upstream) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (link->upstream, 1000, NULL);
}

static void
on_upstream_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  Link *link = data;
  g_autoptr(GError) error = NULL;

  link->upstream = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (link->upstream == NULL)
    {
      soup_websocket_connection_close (link->client, 1011, NULL);
      return;
    }
  soup_websocket_connection_set_max_incoming_payload_size (link->upstream, 65536);
  g_signal_connect (link->upstream, "message", G_CALLBACK (on_upstream_message), link);
  g_signal_connect (link->upstream, "closed", G_CALLBACK (on_closed), link);
  for (guint i = 0; i < link->early->len; i++)
    soup_websocket_connection_send_text (link->upstream, g_ptr_array_index (link->early, i));
  g_ptr_array_set_size (link->early, 0);
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 data)
{
  TamperProxy *proxy = data;
  Link *link = g_new0 (Link, 1);
  g_autoptr(SoupMessage) upstream = soup_message_new ("GET", proxy->upstream);

  link->proxy = proxy;
  link->client = g_object_ref (connection);
  link->early = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (proxy->links, link);
  g_signal_connect (connection, "message", G_CALLBACK (on_client_message), link);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), link);
  soup_session_websocket_connect_async (proxy->session, upstream, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, on_upstream_ready, link);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           data)
{
  TamperProxy *proxy = data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);

  soup_server_accept_iostream (proxy->server, G_IO_STREAM (connection), local, remote, NULL);
  return TRUE;
}

TamperProxy *
tamper_proxy_new (const char *upstream_uri,
                  TamperMode  mode)
{
  TamperProxy *proxy = g_new0 (TamperProxy, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;

  proxy->mode = mode;
  proxy->upstream = g_strconcat (upstream_uri, "/ws", NULL);
  proxy->session = soup_session_new ();
  proxy->server = soup_server_new (NULL, NULL);
  proxy->links = g_ptr_array_new_with_free_func (link_free);
  soup_server_add_websocket_handler (proxy->server, "/ws", NULL, NULL, on_websocket, proxy, NULL);
  /* Connections are accepted here and handed to the server, as
   * pairpad-signal does: libsoup 3.2's own listener leaks each socket. */
  proxy->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (proxy->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, &error))
    g_error ("The proxy cannot listen: %s", error->message);
  proxy->uri = g_strdup_printf ("ws://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_signal_connect (proxy->service, "incoming", G_CALLBACK (on_incoming), proxy);
  g_socket_service_start (proxy->service);
  return proxy;
}

const char *
tamper_proxy_get_uri (TamperProxy *proxy)
{
  return proxy->uri;
}

guint
tamper_proxy_get_n_tampered (TamperProxy *proxy)
{
  return proxy->n_tampered;
}

void
tamper_proxy_free (TamperProxy *proxy)
{
  g_ptr_array_unref (proxy->links);
  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));
  g_object_unref (proxy->service);
  soup_server_disconnect (proxy->server);
  g_object_unref (proxy->server);
  g_object_unref (proxy->session);
  g_free (proxy->upstream);
  g_free (proxy->uri);
  g_free (proxy);
}

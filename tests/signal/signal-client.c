/* signal-client.c — a hand-framed WebSocket client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "signal-client.h"

/* The client */

Ws *
ws_connect_raw (guint16 port)
{
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, port);
  g_autoptr(GError) error = NULL;
  Ws *ws = g_new0 (Ws, 1);

  ws->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_connect (ws->socket, addr, NULL, &error);
  g_assert_no_error (error);
  ws->in = g_byte_array_new ();
  ws->answer_pings = TRUE;
  return ws;
}

static void
send_all (Ws         *ws,
          const void *data,
          gsize       len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send (ws->socket, (const char *) p, len, NULL, &error);

      if (n < 0)
        {
          /* The server may already have closed on us: that is for the
           * caller to find out from what it reads. */
          g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
                         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED));
          return;
        }
      p += n;
      len -= n;
    }
}

/* Reads more into ws->in; FALSE on EOF or timeout. */
static gboolean
fill (Ws   *ws,
      gint64 deadline)
{
  g_autoptr(GError) error = NULL;
  gint64 left = deadline - g_get_monotonic_time ();
  char buf[65536];
  gssize n;

  if (left <= 0 || !g_socket_condition_timed_wait (ws->socket, G_IO_IN, left, NULL, NULL))
    return FALSE;
  n = g_socket_receive (ws->socket, buf, sizeof buf, NULL, &error);
  if (n <= 0)
    {
      ws->eof = TRUE;
      return FALSE;
    }
  g_byte_array_append (ws->in, (guint8 *) buf, n);
  return TRUE;
}

static Ws *
ws_upgrade (guint16      port,
            const char  *extensions,
            const char  *first_text,
            char       **accepted)
{
  Ws *ws = ws_connect_raw (port);
  g_autofree char *offer = extensions ? g_strdup_printf ("Sec-WebSocket-Extensions: %s\r\n", extensions)
                                      : g_strdup ("");
  g_autofree char *request = g_strdup_printf ("GET " PP_SIGNAL_PATH " HTTP/1.1\r\n"
                                              "Host: 127.0.0.1:%u\r\n"
                                              "Upgrade: websocket\r\n"
                                              "Connection: Upgrade\r\n"
                                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                              "%s"
                                              "Sec-WebSocket-Version: 13\r\n\r\n", port, offer);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autofree char *head = NULL;
  guint8 *end;

  if (first_text != NULL)
    {
      /* Request and frame leave in one segment, so that the server reads
       * them together. */
      g_socket_set_option (ws->socket, IPPROTO_TCP, TCP_CORK, TRUE, NULL);
      send_all (ws, request, strlen (request));
      ws_send_text (ws, first_text);
      g_socket_set_option (ws->socket, IPPROTO_TCP, TCP_CORK, FALSE, NULL);
    }
  else
    send_all (ws, request, strlen (request));
  while (ws->in->len == 0 || (end = memmem (ws->in->data, ws->in->len, "\r\n\r\n", 4)) == NULL)
    g_assert_true (fill (ws, deadline));
  head = g_strndup ((const char *) ws->in->data, end + 2 - ws->in->data);
  /* RFC 6455's own example key and accept value. */
  g_assert_nonnull (strstr (head, "101"));
  g_assert_nonnull (strstr (head, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
  if (accepted != NULL)
    {
      const char *line = strcasestr (head, "\r\nSec-WebSocket-Extensions:");

      *accepted = line ? g_strstrip (g_strndup (line + 28, strstr (line + 2, "\r\n") - line - 28)) : NULL;
    }
  g_byte_array_remove_range (ws->in, 0, end + 4 - ws->in->data);
  return ws;
}

Ws *
ws_connect_offering (guint16      port,
                     const char  *extensions,
                     char       **accepted)
{
  return ws_upgrade (port, extensions, NULL, accepted);
}

Ws *
ws_connect_sending (guint16     port,
                    const char *first_text)
{
  return ws_upgrade (port, NULL, first_text, NULL);
}

Ws *
ws_connect (guint16 port)
{
  return ws_upgrade (port, NULL, NULL, NULL);
}

void
ws_free (Ws *ws)
{
  g_socket_close (ws->socket, NULL);
  g_object_unref (ws->socket);
  g_byte_array_unref (ws->in);
  g_free (ws->close_reason);
  g_free (ws);
}

void
ws_send_frame (Ws         *ws,
               guint8      opcode,
               gboolean    fin,
               const void *data,
               gsize       len)
{
  g_autoptr(GByteArray) frame = g_byte_array_sized_new (len + 14);
  guint8 head[14];
  gsize n = 0;
  const guint8 mask[4] = { 0x12, 0x34, 0x56, 0x78 };

  head[n++] = (fin ? 0x80 : 0) | opcode;
  if (len < 126)
    head[n++] = 0x80 | len;
  else if (len < 65536)
    {
      head[n++] = 0x80 | 126;
      head[n++] = len >> 8;
      head[n++] = len;
    }
  else
    {
      head[n++] = 0x80 | 127;
      for (int i = 7; i >= 0; i--)
        head[n++] = (guint64) len >> (8 * i);
    }
  memcpy (head + n, mask, 4);
  n += 4;
  g_byte_array_append (frame, head, n);
  g_byte_array_append (frame, data, len);
  for (gsize i = 0; i < len; i++)
    frame->data[n + i] ^= mask[i & 3];
  send_all (ws, frame->data, frame->len);
}

void
ws_send_text (Ws         *ws,
              const char *text)
{
  ws_send_frame (ws, 0x1, TRUE, text, strlen (text));
}

/* One frame out of ws->in, or FALSE if it is not all there yet. */
static gboolean
take_frame (Ws      *ws,
            guint8  *opcode,
            char   **payload,
            gsize   *len)
{
  const guint8 *d = ws->in->data;
  gsize have = ws->in->len;
  gsize at = 2;
  guint64 n;

  if (have < 2)
    return FALSE;
  g_assert_cmpuint (d[1] & 0x80, ==, 0); /* servers never mask */
  n = d[1] & 0x7f;
  if (n == 126)
    {
      if (have < 4)
        return FALSE;
      n = (d[2] << 8) | d[3];
      at = 4;
    }
  else if (n == 127)
    {
      if (have < 10)
        return FALSE;
      n = 0;
      for (int i = 0; i < 8; i++)
        n = (n << 8) | d[2 + i];
      at = 10;
    }
  if (have < at + n)
    return FALSE;
  *opcode = d[0] & 0x0f;
  *payload = g_strndup ((const char *) d + at, n);
  *len = n;
  g_byte_array_remove_range (ws->in, 0, at + n);
  return TRUE;
}

char *
ws_recv (Ws   *ws,
         guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      guint8 opcode;
      char *payload;
      gsize len;

      while (!take_frame (ws, &opcode, &payload, &len))
        if (!fill (ws, deadline))
          return NULL;

      switch (opcode)
        {
        case 0x1:
        case 0x2:
          return payload;
        case 0x8:
          ws->close_code = len >= 2 ? ((guint8) payload[0] << 8) | (guint8) payload[1] : 1005;
          g_free (ws->close_reason);
          ws->close_reason = g_strndup (payload + MIN (len, 2), len - MIN (len, 2));
          /* A live client answers a close; a dead one does not. */
          if (ws->answer_pings)
            ws_send_frame (ws, 0x8, TRUE, payload, MIN (len, 2));
          g_free (payload);
          return NULL;
        case 0x9:
          if (ws->answer_pings)
            ws_send_frame (ws, 0xA, TRUE, payload, len);
          break;
        default:
          break;
        }
      g_free (payload);
    }
}

guint16
ws_wait_closed (Ws   *ws,
                guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (ws->close_code == 0 && !ws->eof && g_get_monotonic_time () < deadline)
    g_free (ws_recv (ws, (deadline - g_get_monotonic_time ()) / 1000 + 1));
  /* After a close frame the server ends the TCP connection too. */
  while (!ws->eof && g_get_monotonic_time () < deadline)
    g_free (ws_recv (ws, (deadline - g_get_monotonic_time ()) / 1000 + 1));
  g_assert_true (ws->eof);
  return ws->close_code;
}

JsonNode *
ws_expect (Ws              *ws,
           PpSignalMsgType  type)
{
  return ws_expect_within (ws, type, 5000);
}

JsonNode *
ws_expect_within (Ws              *ws,
                  PpSignalMsgType  type,
                  guint            timeout_ms)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ws_recv (ws, timeout_ms);
  PpSignalMessage msg;

  if (text == NULL)
    g_error ("expected “%s”, got nothing (close code %u)", pp_signal_msg_type_name (type), ws->close_code);
  if (!pp_signal_message_parse (parser, text, strlen (text), TRUE, &msg, NULL, &error))
    g_error ("the server sent a message the protocol does not allow: %s\n%s", error->message, text);
  if (msg.type != type)
    g_error ("expected “%s”, got %s", pp_signal_msg_type_name (type), text);
  return json_node_copy (json_parser_get_root (parser));
}

void
ws_expect_error (Ws                *ws,
                 PpSignalErrorCode  code)
{
  g_autoptr(JsonNode) node = ws_expect (ws, PP_SIGNAL_MSG_ERROR);
  JsonObject *obj = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (obj, "code"), ==, pp_signal_error_code_name (code));
  /* A sentence, not a bare code. */
  g_assert_cmpuint (strlen (json_object_get_string_member (obj, "message")), >, 15);
}

void
ws_expect_silence (Ws   *ws,
                   guint timeout_ms)
{
  g_autofree char *text = ws_recv (ws, timeout_ms);

  if (text != NULL)
    g_error ("expected nothing, got %s", text);
  g_assert_false (ws->eof);
  g_assert_cmpuint (ws->close_code, ==, 0);
}

Ws *
ws_join (guint16     port,
         const char *room,
         const char *peer,
         const char *name)
{
  Ws *ws = ws_connect (port);
  g_autoptr(JsonNode) hello = ws_expect (ws, PP_SIGNAL_MSG_HELLO);
  g_autoptr(JsonNode) joined = NULL;
  g_autofree char *join = pp_signal_build_join (room, peer, name);

  ws_send_text (ws, join);
  joined = ws_expect (ws, PP_SIGNAL_MSG_JOINED);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (joined), "peer"), ==, peer);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (joined), "room"), ==, room);
  return ws;
}

void
ws_signal (Ws         *ws,
           const char *to,
           const char *data)
{
  g_autofree char *text = pp_signal_build_signal_to (to, data);

  ws_send_text (ws, text);
}

void
ws_expect_signal (Ws         *ws,
                  const char *from,
                  const char *data)
{
  g_autoptr(JsonNode) node = ws_expect (ws, PP_SIGNAL_MSG_SIGNAL);
  JsonObject *obj = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (obj, "from"), ==, from);
  g_assert_cmpstr (json_object_get_string_member (obj, "data"), ==, data);
}

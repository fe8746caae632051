/* pp-ws-conn.h — WebSocket connections after the upgrade, framed by wslay
 *
 * libsoup serves HTTP, the upgrade and TLS; once a connection has become a
 * WebSocket the server takes its stream from libsoup and hands it here.
 * wslay parses and builds the frames (RFC 6455: masking, fragments,
 * control frames, the close handshake, the message size limit); this file
 * moves bytes and says what happened.
 *
 * All connections of a PpWsLoop are watched by one epoll set, edge
 * triggered, which is the loop's one descriptor in its GMainContext.
 * Frames sent to a connection are gathered in its own buffer and written
 * with one call when the loop has handled everything that was ready: a
 * relayed message costs a share of a system call, not a whole one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PpWsLoop PpWsLoop;
typedef struct _PpWsConn PpWsConn;

typedef struct
{
  /* A whole message. A text message is valid UTF-8 (one that is not fails
   * the connection with 1007). TEXT is not NUL-terminated. */
  void (*message) (PpWsConn *conn, gboolean binary, const char *data, gsize len, gpointer user_data);
  void (*pong)    (PpWsConn *conn, gpointer user_data);
  /* The WebSocket layer failed the connection and has queued a close frame
   * with CODE: 1002 (protocol error), 1007 (bad UTF-8) or 1009 (too big). */
  void (*failed)  (PpWsConn *conn, guint16 code, gpointer user_data);
  /* The client sent a close frame; the answer is queued. */
  void (*closing) (PpWsConn *conn, gpointer user_data);
  /* The connection is closed; CONN is freed when this returns. */
  void (*closed)  (PpWsConn *conn, gpointer user_data);
} PpWsConnCallbacks;

PpWsLoop *pp_ws_loop_new   (GMainContext  *context,
                            GError       **error);
/* Closes every connection still open, without callbacks. */
void      pp_ws_loop_free  (PpWsLoop      *loop);
/* Writes what is queued on every connection now. */
void      pp_ws_loop_flush (PpWsLoop      *loop);

/* Takes STREAM, over SOCKET (through TLS if TLS), for a connection whose
 * messages may be at most MAX_MESSAGE bytes, fragments included. */
PpWsConn *pp_ws_conn_new            (PpWsLoop                *loop,
                                     GIOStream               *stream,
                                     GSocket                 *socket,
                                     gboolean                 tls,
                                     guint64                  max_message,
                                     const PpWsConnCallbacks *callbacks,
                                     gpointer                 user_data);
/* FALSE once a close frame is queued. */
gboolean  pp_ws_conn_send_text      (PpWsConn   *conn,
                                     const char *text,
                                     gsize       len);
void      pp_ws_conn_ping           (PpWsConn   *conn);
/* Starts the close handshake; the socket is closed when the client has
 * answered, or CLOSE_TIMEOUT after. Messages still arriving are dropped. */
void      pp_ws_conn_close          (PpWsConn   *conn,
                                     guint16     code,
                                     const char *reason);
/* Bytes handed to send and not yet written to the socket. */
gint64    pp_ws_conn_get_queued     (PpWsConn   *conn);
/* The code of the close frame received, or 1006 if none was. */
guint16   pp_ws_conn_get_close_code (PpWsConn   *conn);
gboolean  pp_ws_conn_is_open        (PpWsConn   *conn);
/* Whether the connection holds no wslay context: nothing half read or
 * half sent, and not busy (see RELEASE_AFTER). */
gboolean  pp_ws_conn_is_quiet       (PpWsConn   *conn);

#define PP_WS_CLOSE_TIMEOUT (5 * G_USEC_PER_SEC)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpWsLoop, pp_ws_loop_free)

G_END_DECLS

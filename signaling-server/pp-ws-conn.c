/* pp-ws-conn.c — WebSocket connections after the upgrade, framed by wslay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <wslay/wslay.h>

#include "pp-ws-conn.h"

/* Bytes gathered for one write; past this wslay keeps the rest queued. */
#define OUT_CHUNK (256 * 1024)
/* Events taken from epoll per run; the rest wait for the next. */
#define MAX_EVENTS 256
/* A wslay context takes 8.6 kB (two 4 kB buffers), more than all else a
 * connection holds, so only connections at work hold one. A connection
 * woken from rest (its hello and join, a ping) gives it back as soon as
 * it holds nothing, no part of a frame read, nothing to send; one woken
 * BUSY_WAKES times, each within this time of its last work, is busy and
 * keeps it until it has been quiet this long. Contexts are thus few at
 * any time, and their memory is reused rather than handed back to the
 * system (malloc_trim walks the whole heap: 20 to 100 ms with 10,000
 * connections). */
#define RELEASE_AFTER G_USEC_PER_SEC
#define BUSY_WAKES 3

struct _PpWsConn
{
  PpWsLoop *loop;                   /* borrowed */
  wslay_event_context_ptr ctx;      /* owned; NULL while quiet */
  guint64 max_message;
  GIOStream *stream;                /* owned */
  GSocket *socket;                  /* owned */
  int fd;
  /* Until the stream first has nothing more to give (what libsoup read
   * past the upgrade is in its buffer), and always over TLS, bytes go
   * through the stream; after that, straight through the socket. */
  gboolean direct;
  gboolean tls;
  GByteArray *out;                  /* owned, nullable: frames not yet written */
  gsize out_at;                     /* how much of out is written */
  const PpWsConnCallbacks *callbacks;
  gpointer user_data;
  gint64 handed;                    /* bytes of frames given to send */
  gint64 written;                   /* bytes written to the socket */
  gint64 close_deadline;            /* 0 until a close began on our side */
  /* A close asked for, queued once what was sent before it is out (wslay
   * would send it ahead of queued messages). */
  guint16 close_code;
  char *close_reason;
  gboolean on_dirty;                /* in loop->dirty */
  gboolean on_ready;                /* in loop->ready */
  gboolean blocked;                 /* the socket is full: wait for EPOLLOUT */
  gboolean dead;                    /* closed; freed at the loop's next run */
  gboolean failure_told;
  /* Whether wslay holds part of a frame or message: bytes read against
   * the bytes of the frames it has finished. */
  guint64 bytes_read;
  guint64 bytes_framed;
  guint64 frame_size;               /* of the frame being read */
  gboolean in_message;              /* a fragmented message is open */
  gint64 last_active;
  gint64 released_at;               /* 0 if it never was */
  guint wakes;                      /* in a row, each soon after the last */
  gboolean busy;                    /* keeps its context while quiet */
};

typedef struct
{
  GSource source;
  PpWsLoop *loop;
  gpointer tag;
} LoopSource;

struct _PpWsLoop
{
  GMainContext *context;            /* owned */
  GSource *source;                  /* owned */
  GSource *timer;                   /* owned */
  int epfd;
  GHashTable *conns;                /* PpWsConn* set, owned */
  GPtrArray *dirty;                 /* may have frames to write */
  GPtrArray *ready;                 /* may have bytes to read */
  GPtrArray *dead;                  /* to be freed */
  gboolean quiet;                   /* being freed: no more callbacks */
};

static void conn_shut (PpWsConn *conn);

static void
mark (PpWsConn  *conn,
      GPtrArray *list,
      gboolean  *flag)
{
  if (*flag || conn->dead)
    return;
  /* Called in the loop's own thread: its source's prepare sees the list
   * before the context next polls. */
  *flag = TRUE;
  g_ptr_array_add (list, conn);
}

static void
mark_dirty (PpWsConn *conn)
{
  mark (conn, conn->loop->dirty, &conn->on_dirty);
}

static gsize
out_pending (PpWsConn *conn)
{
  return conn->out ? conn->out->len - conn->out_at : 0;
}

/* The bytes of a whole frame carrying LEN bytes: 2, the extended length,
 * the mask if MASKED (a client's), the data. */
static guint64
frame_bytes (guint64  len,
             gboolean masked)
{
  return 2 + (len < 126 ? 0 : len < 65536 ? 2 : 8) + (masked ? 4 : 0) + len;
}

/* wslay's callbacks */

static ssize_t
recv_cb (wslay_event_context_ptr ctx,
         uint8_t                *buf,
         size_t                  len,
         int                     flags,
         void                   *user_data)
{
  PpWsConn *conn = user_data;
  g_autoptr(GError) error = NULL;
  GPollableInputStream *in;
  gssize n;

  if (conn->direct)
    {
      n = recv (conn->fd, buf, len, MSG_DONTWAIT);
      if (n > 0)
        {
          conn->bytes_read += n;
          return n;
        }
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        wslay_event_set_error (ctx, WSLAY_ERR_WOULDBLOCK);
      else
        wslay_event_set_error (ctx, WSLAY_ERR_CALLBACK_FAILURE);
      return -1;
    }

  in = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (conn->stream));
  n = g_pollable_input_stream_read_nonblocking (in, buf, len, NULL, &error);
  if (n > 0)
    {
      conn->bytes_read += n;
      return n;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      conn->direct = !conn->tls;
      wslay_event_set_error (ctx, WSLAY_ERR_WOULDBLOCK);
    }
  else
    wslay_event_set_error (ctx, WSLAY_ERR_CALLBACK_FAILURE);
  return -1;
}

static ssize_t
send_cb (wslay_event_context_ptr ctx,
         const uint8_t          *data,
         size_t                  len,
         int                     flags,
         void                   *user_data)
{
  PpWsConn *conn = user_data;
  gsize take;

  if (conn->out == NULL)
    conn->out = g_byte_array_new ();
  if (out_pending (conn) == 0)
    {
      g_byte_array_set_size (conn->out, 0);
      conn->out_at = 0;
    }
  if (out_pending (conn) >= OUT_CHUNK)
    {
      wslay_event_set_error (ctx, WSLAY_ERR_WOULDBLOCK);
      return -1;
    }
  take = MIN (len, OUT_CHUNK - out_pending (conn));
  g_byte_array_append (conn->out, data, take);
  return take;
}

static void
fail (PpWsConn *conn,
      guint16   code)
{
  conn->failure_told = TRUE;
  if (conn->close_deadline == 0)
    conn->close_deadline = g_get_monotonic_time () + PP_WS_CLOSE_TIMEOUT;
  if (!conn->loop->quiet)
    conn->callbacks->failed (conn, code, conn->user_data);
}

static void
on_msg_recv (wslay_event_context_ptr                   ctx,
             const struct wslay_event_on_msg_recv_arg *arg,
             void                                     *user_data)
{
  PpWsConn *conn = user_data;

  switch (arg->opcode)
    {
    case WSLAY_TEXT_FRAME:
    case WSLAY_BINARY_FRAME:
      if (conn->close_deadline != 0)
        break;
      if (arg->opcode == WSLAY_TEXT_FRAME &&
          !g_utf8_validate_len ((const char *) arg->msg, arg->msg_length, NULL))
        {
          static const char why[] = "Text frames must be valid UTF-8.";

          wslay_event_queue_close (ctx, WSLAY_CODE_INVALID_FRAME_PAYLOAD_DATA, (const uint8_t *) why,
                                   sizeof why - 1);
          wslay_event_shutdown_read (ctx);
          fail (conn, WSLAY_CODE_INVALID_FRAME_PAYLOAD_DATA);
          break;
        }
      conn->callbacks->message (conn, arg->opcode == WSLAY_BINARY_FRAME, (const char *) arg->msg,
                                arg->msg_length, conn->user_data);
      break;
    case WSLAY_PONG:
      conn->callbacks->pong (conn, conn->user_data);
      break;
    case WSLAY_CONNECTION_CLOSE:
      conn->callbacks->closing (conn, conn->user_data);
      break;
    default:
      break;
    }
}

static void
on_frame_start (wslay_event_context_ptr                           ctx,
                const struct wslay_event_on_frame_recv_start_arg *arg,
                void                                             *user_data)
{
  PpWsConn *conn = user_data;
  guint64 len = arg->payload_length;

  conn->frame_size = frame_bytes (len, TRUE);
  if (!(arg->opcode & 0x8))
    conn->in_message = !arg->fin;
}

static void
on_frame_end (wslay_event_context_ptr ctx,
              void                   *user_data)
{
  PpWsConn *conn = user_data;

  conn->bytes_framed += conn->frame_size;
  conn->frame_size = 0;
}

static const struct wslay_event_callbacks wslay_callbacks = {
  .recv_callback = recv_cb,
  .send_callback = send_cb,
  .on_frame_recv_start_callback = on_frame_start,
  .on_frame_recv_end_callback = on_frame_end,
  .on_msg_recv_callback = on_msg_recv,
};

static wslay_event_context_ptr
conn_ctx (PpWsConn *conn)
{
  gint64 now = g_get_monotonic_time ();

  if (conn->ctx == NULL)
    {
      if (wslay_event_context_server_init (&conn->ctx, &wslay_callbacks, conn) != 0)
        g_error ("wslay: out of memory");
      wslay_event_config_set_max_recv_msg_length (conn->ctx, conn->max_message);
      /* Each wake within RELEASE_AFTER of the last work extends a streak. */
      if (conn->released_at != 0 && now - conn->last_active < RELEASE_AFTER)
        conn->wakes++;
      else
        conn->wakes = 1;
      conn->busy = conn->wakes >= BUSY_WAKES;
    }
  conn->last_active = now;
  return conn->ctx;
}

/* Gives the wslay context back if it holds nothing: no part of a frame or
 * message, nothing to send, no close begun. */
static gboolean
conn_release (PpWsConn *conn)
{
  if (conn->ctx == NULL || conn->dead || conn->blocked || out_pending (conn) > 0 ||
      conn->close_deadline != 0 || conn->bytes_read != conn->bytes_framed || conn->in_message ||
      wslay_event_want_write (conn->ctx) || !wslay_event_get_read_enabled (conn->ctx) ||
      wslay_event_get_close_received (conn->ctx) || wslay_event_get_close_sent (conn->ctx))
    return FALSE;
  g_clear_pointer (&conn->ctx, wslay_event_context_free);
  g_clear_pointer (&conn->out, g_byte_array_unref);
  conn->out_at = 0;
  conn->released_at = g_get_monotonic_time ();
  return TRUE;
}

/* Reading and writing */

static void
conn_read (PpWsConn *conn)
{
  if (conn->dead)
    return;
  if (wslay_event_recv (conn_ctx (conn)) != 0)
    {
      /* The client went away, or its socket failed. */
      conn_shut (conn);
      return;
    }
  /* Something to answer (a pong, a close), or the socket to close: the
   * flush sees to both. */
  mark_dirty (conn);
}

/* FALSE if the socket failed. */
static gboolean
conn_write (PpWsConn *conn)
{
  while (out_pending (conn) > 0)
    {
      const guint8 *data = conn->out->data + conn->out_at;
      gssize n;

      if (conn->direct)
        {
          n = send (conn->fd, data, out_pending (conn), MSG_DONTWAIT | MSG_NOSIGNAL);
          if (n < 0 && (errno == EAGAIN || errno == EINTR))
            n = 0;
          else if (n < 0)
            return FALSE;
        }
      else
        {
          g_autoptr(GError) error = NULL;
          GOutputStream *out = g_io_stream_get_output_stream (conn->stream);

          n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (out), data,
                                                          out_pending (conn), NULL, &error);
          if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            n = 0;
          else if (n < 0)
            return FALSE;
        }
      if (n == 0)
        {
          conn->blocked = TRUE;
          return TRUE;
        }
      conn->out_at += n;
      conn->written += n;
    }
  return TRUE;
}

static void
conn_flush (PpWsConn *conn)
{
  conn->on_dirty = FALSE;
  if (conn->dead || conn->ctx == NULL)
    return;

  while (!conn->blocked)
    {
      if (conn->close_reason != NULL && !wslay_event_want_write (conn->ctx))
        {
          wslay_event_queue_close (conn->ctx, conn->close_code, (const uint8_t *) conn->close_reason,
                                   strlen (conn->close_reason));
          g_clear_pointer (&conn->close_reason, g_free);
        }
      if (out_pending (conn) < OUT_CHUNK && wslay_event_want_write (conn->ctx) &&
          wslay_event_send (conn->ctx) != 0)
        {
          conn_shut (conn);
          return;
        }
      /* wslay failed the connection by itself (a frame too big, a
       * protocol error) and its close frame is on the way. */
      if (!conn->failure_told && wslay_event_get_close_sent (conn->ctx) &&
          !wslay_event_get_close_received (conn->ctx) && conn->close_deadline == 0)
        fail (conn, wslay_event_get_status_code_sent (conn->ctx));
      if (out_pending (conn) == 0)
        break;
      if (!conn_write (conn))
        {
          conn_shut (conn);
          return;
        }
    }

  if (!conn->blocked && out_pending (conn) == 0 && !wslay_event_want_write (conn->ctx) &&
      !wslay_event_want_read (conn->ctx))
    conn_shut (conn);
  else if (!conn->busy)
    conn_release (conn);
}

/* Closes the socket; the connection is freed at the loop's next run. */
static void
conn_shut (PpWsConn *conn)
{
  PpWsLoop *loop = conn->loop;

  if (conn->dead)
    return;
  conn->dead = TRUE;
  epoll_ctl (loop->epfd, EPOLL_CTL_DEL, conn->fd, NULL);
  /* The socket itself, not the stream: closing a TLS stream would wait to
   * send its close_notify to a client that may not read. */
  g_socket_close (conn->socket, NULL);
  g_hash_table_steal (loop->conns, conn);
  g_ptr_array_add (loop->dead, conn);
  if (!loop->quiet)
    conn->callbacks->closed (conn, conn->user_data);
}

static void
conn_free (PpWsConn *conn)
{
  g_clear_pointer (&conn->ctx, wslay_event_context_free);
  g_clear_pointer (&conn->out, g_byte_array_unref);
  g_free (conn->close_reason);
  g_object_unref (conn->socket);
  g_object_unref (conn->stream);
  g_free (conn);
}

/* The loop */

static void
loop_run (PpWsLoop *loop)
{
  struct epoll_event events[MAX_EVENTS];
  int n = epoll_wait (loop->epfd, events, MAX_EVENTS, 0);

  for (int i = 0; i < n; i++)
    {
      PpWsConn *conn = events[i].data.ptr;

      if (conn->dead)
        continue;
      if (events[i].events & EPOLLOUT && conn->blocked)
        {
          conn->blocked = FALSE;
          mark_dirty (conn);
        }
      if (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        conn_read (conn);
    }

  for (guint i = 0; i < loop->ready->len; i++)
    {
      PpWsConn *conn = loop->ready->pdata[i];

      conn->on_ready = FALSE;
      conn_read (conn);
    }
  g_ptr_array_set_size (loop->ready, 0);

  pp_ws_loop_flush (loop);
  g_ptr_array_set_size (loop->dead, 0);
}

static gboolean
loop_source_prepare (GSource *source,
                     int     *timeout)
{
  PpWsLoop *loop = ((LoopSource *) source)->loop;

  *timeout = -1;
  return loop->dirty->len > 0 || loop->ready->len > 0 || loop->dead->len > 0;
}

static gboolean
loop_source_check (GSource *source)
{
  LoopSource *ls = (LoopSource *) source;
  PpWsLoop *loop = ls->loop;

  return (g_source_query_unix_fd (source, ls->tag) & G_IO_IN) || loop->dirty->len > 0 ||
         loop->ready->len > 0 || loop->dead->len > 0;
}

static gboolean
loop_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  loop_run (((LoopSource *) source)->loop);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs loop_source_funcs = {
  .prepare = loop_source_prepare,
  .check = loop_source_check,
  .dispatch = loop_source_dispatch,
};

/* Once a second: connections whose close was not answered in time, and
 * busy ones gone quiet that can give their wslay context back. */
static gboolean
loop_tick (gpointer user_data)
{
  PpWsLoop *loop = user_data;
  g_autoptr(GPtrArray) late = g_ptr_array_new ();
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, loop->conns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PpWsConn *conn = key;

      if (conn->close_deadline != 0 && conn->close_deadline < now)
        g_ptr_array_add (late, conn);
      else if (conn->ctx != NULL && conn->last_active < now - RELEASE_AFTER)
        conn_release (conn);
    }
  for (guint i = 0; i < late->len; i++)
    conn_shut (late->pdata[i]);
  /* The contexts were spread among longer-lived blocks: hand their pages
   * back to the system, or the memory stays resident. Trimming walks the
   * whole heap, so only for a good many at once (a burst of connections
   * gone quiet); a few are reused by the next to wake. */
  return G_SOURCE_CONTINUE;
}

PpWsLoop *
pp_ws_loop_new (GMainContext  *context,
                GError       **error)
{
  PpWsLoop *loop;
  LoopSource *ls;
  int epfd = epoll_create1 (EPOLL_CLOEXEC);

  if (epfd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "epoll: %s", g_strerror (saved));
      return NULL;
    }

  loop = g_new0 (PpWsLoop, 1);
  loop->context = g_main_context_ref (context);
  loop->epfd = epfd;
  loop->conns = g_hash_table_new (NULL, NULL);
  loop->dirty = g_ptr_array_new ();
  loop->ready = g_ptr_array_new ();
  loop->dead = g_ptr_array_new_with_free_func ((GDestroyNotify) conn_free);

  loop->source = g_source_new (&loop_source_funcs, sizeof (LoopSource));
  ls = (LoopSource *) loop->source;
  ls->loop = loop;
  ls->tag = g_source_add_unix_fd (loop->source, epfd, G_IO_IN);
  g_source_set_name (loop->source, "pairpad-signal WebSockets");
  g_source_attach (loop->source, context);

  loop->timer = g_timeout_source_new_seconds (1);
  g_source_set_callback (loop->timer, loop_tick, loop, NULL);
  g_source_attach (loop->timer, context);
  return loop;
}

void
pp_ws_loop_flush (PpWsLoop *loop)
{
  /* Flushing one connection may queue frames for others (a peer that
   * fails leaves its room): the list may grow while it is walked. */
  for (guint i = 0; i < loop->dirty->len; i++)
    conn_flush (loop->dirty->pdata[i]);
  g_ptr_array_set_size (loop->dirty, 0);
}

void
pp_ws_loop_free (PpWsLoop *loop)
{
  GHashTableIter iter;
  gpointer key;

  loop->quiet = TRUE;
  pp_ws_loop_flush (loop);
  g_hash_table_iter_init (&iter, loop->conns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PpWsConn *conn = key;

      g_socket_close (conn->socket, NULL);
      conn_free (conn);
    }
  g_hash_table_unref (loop->conns);
  g_ptr_array_unref (loop->dead);
  g_ptr_array_unref (loop->dirty);
  g_ptr_array_unref (loop->ready);
  g_source_destroy (loop->source);
  g_source_unref (loop->source);
  g_source_destroy (loop->timer);
  g_source_unref (loop->timer);
  close (loop->epfd);
  g_main_context_unref (loop->context);
  g_free (loop);
}

/* Connections */

PpWsConn *
pp_ws_conn_new (PpWsLoop                *loop,
                GIOStream               *stream,
                GSocket                 *socket,
                gboolean                 tls,
                guint64                  max_message,
                const PpWsConnCallbacks *callbacks,
                gpointer                 user_data)
{
  PpWsConn *conn = g_new0 (PpWsConn, 1);
  struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET };

  conn->loop = loop;
  conn->stream = g_object_ref (stream);
  conn->socket = g_object_ref (socket);
  conn->fd = g_socket_get_fd (socket);
  conn->tls = tls;
  conn->callbacks = callbacks;
  conn->user_data = user_data;
  conn->max_message = max_message;
  conn->last_active = g_get_monotonic_time ();

  ev.data.ptr = conn;
  if (epoll_ctl (loop->epfd, EPOLL_CTL_ADD, conn->fd, &ev) != 0)
    g_error ("epoll_ctl: %s", g_strerror (errno));
  g_hash_table_add (loop->conns, conn);
  /* What libsoup read past the upgrade is readable already. */
  mark (conn, loop->ready, &conn->on_ready);
  return conn;
}

gboolean
pp_ws_conn_send_text (PpWsConn   *conn,
                      const char *text,
                      gsize       len)
{
  struct wslay_event_msg msg = { WSLAY_TEXT_FRAME, (const uint8_t *) text, len };

  if (conn->dead || conn->close_deadline != 0 || wslay_event_queue_msg (conn_ctx (conn), &msg) != 0)
    return FALSE;
  conn->handed += frame_bytes (len, FALSE);
  mark_dirty (conn);
  return TRUE;
}

void
pp_ws_conn_ping (PpWsConn *conn)
{
  struct wslay_event_msg msg = { WSLAY_PING, NULL, 0 };

  if (!conn->dead && wslay_event_queue_msg (conn_ctx (conn), &msg) == 0)
    mark_dirty (conn);
}

void
pp_ws_conn_close (PpWsConn   *conn,
                  guint16     code,
                  const char *reason)
{
  if (conn->dead || conn->close_deadline != 0)
    return;
  conn_ctx (conn);
  conn->close_deadline = g_get_monotonic_time () + PP_WS_CLOSE_TIMEOUT;
  conn->close_code = code;
  /* A close frame's reason is at most 123 bytes; ours are short. */
  conn->close_reason = g_utf8_make_valid (reason, MIN (strlen (reason), 120));
  mark_dirty (conn);
}

gint64
pp_ws_conn_get_queued (PpWsConn *conn)
{
  return conn->handed - conn->written;
}

guint16
pp_ws_conn_get_close_code (PpWsConn *conn)
{
  /* A connection that received a close keeps its context. */
  return conn->ctx ? wslay_event_get_status_code_received (conn->ctx) : WSLAY_CODE_ABNORMAL_CLOSURE;
}

gboolean
pp_ws_conn_is_open (PpWsConn *conn)
{
  return !conn->dead && conn->close_deadline == 0 &&
         (conn->ctx == NULL || wslay_event_want_read (conn->ctx));
}

gboolean
pp_ws_conn_is_quiet (PpWsConn *conn)
{
  return conn->ctx == NULL;
}

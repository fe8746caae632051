/* test-signal-io.c — the server's I/O parts on real sockets: the metered
 * stream that caps what an HTTP client may send before the upgrade, and
 * the wslay connections that carry upgraded ones (frames gathered and
 * written together, in order, a close after what was sent before it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <gio/gio.h>

#include "pp-metered-stream.h"
#include "pp-ws-conn.h"

typedef struct
{
  int peer;              /* the other end, read and written by the test */
  GSocket *socket;       /* our end */
  GIOStream *stream;     /* over our end */
} Pair;

static void
pair_init (Pair *p)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) conn = NULL;
  int fds[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), ==, 0);
  p->peer = fds[1];
  p->socket = g_socket_new_from_fd (fds[0], &error);
  g_assert_no_error (error);
  g_socket_set_blocking (p->socket, FALSE);
  p->stream = G_IO_STREAM (g_socket_connection_factory_create_connection (p->socket));
}

static void
pair_clear (Pair *p)
{
  g_clear_object (&p->stream);
  g_clear_object (&p->socket);
  close (p->peer);
}

/* The metered stream */

static void
test_meter (void)
{
  g_autoptr(GIOStream) metered = NULL;
  g_autoptr(GError) error = NULL;
  GPollableInputStream *in;
  PpMeter *meter;
  char buf[64];
  Pair p;

  pair_init (&p);
  metered = pp_metered_stream_new (p.stream, 10);
  meter = pp_metered_stream_get_meter (PP_METERED_STREAM (metered));
  in = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (metered));

  g_assert_cmpint (write (p.peer, "0123456789", 10), ==, 10);
  g_assert_cmpint (g_pollable_input_stream_read_nonblocking (in, buf, sizeof buf, NULL, NULL), ==, 10);
  g_assert_cmpuint (meter->bytes_in, ==, 10);
  /* At the allowance, one more read may still go past it... */
  g_assert_cmpint (write (p.peer, "abcdef", 6), ==, 6);
  g_assert_cmpint (g_pollable_input_stream_read_nonblocking (in, buf, sizeof buf, NULL, NULL), ==, 6);
  g_assert_cmpuint (meter->bytes_in, ==, 16);
  /* ...and then every read fails, blocking or not, whatever is waiting. */
  g_assert_cmpint (write (p.peer, "ghij", 4), ==, 4);
  g_assert_cmpint (g_pollable_input_stream_read_nonblocking (in, buf, sizeof buf, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);
  g_assert_cmpint (g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);
  /* Lifted, as after the upgrade. */
  meter->in_allowance = G_MAXUINT64;
  g_assert_cmpint (g_pollable_input_stream_read_nonblocking (in, buf, sizeof buf, NULL, NULL), ==, 4);

  /* Writes go to the socket as they are. */
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (metered), "out", 3, NULL, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (read (p.peer, buf, sizeof buf), ==, 3);
  g_assert_cmpmem (buf, 3, "out", 3);
  pair_clear (&p);
}

/* WebSocket connections */

typedef struct
{
  GPtrArray *messages;   /* char*, as received by the server side */
  guint16 failed;
  gboolean closing;
  gboolean closed;
} Seen;

static void
seen_message (PpWsConn *conn, gboolean binary, const char *data, gsize len, gpointer user_data)
{
  g_ptr_array_add (((Seen *) user_data)->messages, g_strndup (data, len));
}

static void
seen_pong (PpWsConn *conn, gpointer user_data)
{
}

static void
seen_failed (PpWsConn *conn, guint16 code, gpointer user_data)
{
  ((Seen *) user_data)->failed = code;
}

static void
seen_closing (PpWsConn *conn, gpointer user_data)
{
  ((Seen *) user_data)->closing = TRUE;
}

static void
seen_closed (PpWsConn *conn, gpointer user_data)
{
  ((Seen *) user_data)->closed = TRUE;
}

static const PpWsConnCallbacks seen_callbacks = {
  seen_message, seen_pong, seen_failed, seen_closing, seen_closed,
};

/* Runs the context until nothing is left to do. */
static void
settle (GMainContext *context)
{
  for (int i = 0; i < 100 && g_main_context_iteration (context, FALSE); i++)
    ;
}

/* What the peer end has, without waiting. */
static GByteArray *
peer_take (Pair *p)
{
  GByteArray *got = g_byte_array_new ();
  guint8 buf[65536];
  gssize n;

  while ((n = recv (p->peer, buf, sizeof buf, MSG_DONTWAIT)) > 0)
    g_byte_array_append (got, buf, n);
  return got;
}

/* An unmasked server frame at AT: its opcode and payload. */
static gsize
frame_at (GByteArray  *bytes,
          gsize        at,
          guint8      *opcode,
          char       **payload)
{
  const guint8 *d = bytes->data + at;
  gsize len = d[1] & 0x7f, head = 2;

  g_assert_cmpuint (len, <, 126);
  *opcode = d[0] & 0x0f;
  *payload = g_strndup ((const char *) d + head, len);
  return at + head + len;
}

static void
test_ws_gathers_writes (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(PpWsLoop) loop = pp_ws_loop_new (context, NULL);
  g_autoptr(GByteArray) got = NULL;
  Seen seen = { g_ptr_array_new_with_free_func (g_free) };
  PpWsConn *conn;
  gsize at = 0;
  Pair p;

  pair_init (&p);
  conn = pp_ws_conn_new (loop, p.stream, p.socket, FALSE, 65536, &seen_callbacks, &seen);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *text = g_strdup_printf ("message %u", i);

      g_assert_true (pp_ws_conn_send_text (conn, text, strlen (text)));
    }
  /* Nothing is written until the loop runs, and then all of it, in order. */
  got = peer_take (&p);
  g_assert_cmpuint (got->len, ==, 0);
  g_clear_pointer (&got, g_byte_array_unref);
  g_assert_cmpint (pp_ws_conn_get_queued (conn), >, 100 * 9);
  settle (context);
  g_assert_cmpint (pp_ws_conn_get_queued (conn), ==, 0);
  got = peer_take (&p);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *want = g_strdup_printf ("message %u", i);
      g_autofree char *payload = NULL;
      guint8 opcode;

      at = frame_at (got, at, &opcode, &payload);
      g_assert_cmpuint (opcode, ==, 0x1);
      g_assert_cmpstr (payload, ==, want);
    }
  g_assert_cmpuint (at, ==, got->len);
  g_assert_false (seen.closed);
  pair_clear (&p);
  g_ptr_array_unref (seen.messages);
}

/* A masked client frame. */
static void
peer_send_frame (Pair       *p,
                 guint8      first,
                 const char *payload)
{
  guint8 frame[256];
  gsize len = strlen (payload);

  g_assert_cmpuint (len, <, 126);
  frame[0] = first;
  frame[1] = 0x80 | len;
  memset (frame + 2, 0, 4); /* a zero mask leaves the payload as it is */
  memcpy (frame + 6, payload, len);
  g_assert_cmpint (write (p->peer, frame, 6 + len), ==, (gssize) (6 + len));
}

/* wslay sends a queued close ahead of queued messages; the connection
 * holds it back until they are out. Then the client's answer closes it. */
static void
test_ws_close_after_messages (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(PpWsLoop) loop = pp_ws_loop_new (context, NULL);
  g_autoptr(GByteArray) got = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  Seen seen = { g_ptr_array_new_with_free_func (g_free) };
  PpWsConn *conn;
  guint8 opcode;
  gsize at;
  Pair p;

  pair_init (&p);
  conn = pp_ws_conn_new (loop, p.stream, p.socket, FALSE, 65536, &seen_callbacks, &seen);
  peer_send_frame (&p, 0x81, "hello");
  settle (context);
  g_assert_cmpuint (seen.messages->len, ==, 1);
  g_assert_cmpstr (seen.messages->pdata[0], ==, "hello");

  g_assert_true (pp_ws_conn_send_text (conn, "rate-limited", 12));
  pp_ws_conn_close (conn, 4000, "Message flood.");
  g_assert_false (pp_ws_conn_send_text (conn, "too late", 8));
  g_assert_false (pp_ws_conn_is_open (conn));
  /* Messages arriving after the close began are dropped. */
  peer_send_frame (&p, 0x81, "more");
  settle (context);
  g_assert_cmpuint (seen.messages->len, ==, 1);

  got = peer_take (&p);
  at = frame_at (got, 0, &opcode, &first);
  g_assert_cmpuint (opcode, ==, 0x1);
  g_assert_cmpstr (first, ==, "rate-limited");
  at = frame_at (got, at, &opcode, &second);
  g_assert_cmpuint (opcode, ==, 0x8);
  g_assert_cmpuint (((guint8) second[0] << 8) | (guint8) second[1], ==, 4000);
  g_assert_cmpuint (at, ==, got->len);
  g_assert_false (seen.closed);

  peer_send_frame (&p, 0x88, "\x0f\xa0");
  settle (context);
  g_assert_true (seen.closing);
  g_assert_true (seen.closed);
  g_assert_cmpuint (seen.failed, ==, 0);
  pair_clear (&p);
  g_ptr_array_unref (seen.messages);
}

/* Text that is not UTF-8 fails the connection with 1007, and it is
 * closed once that is said. */
static void
test_ws_bad_utf8 (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(PpWsLoop) loop = pp_ws_loop_new (context, NULL);
  g_autoptr(GByteArray) got = NULL;
  g_autofree char *payload = NULL;
  Seen seen = { g_ptr_array_new_with_free_func (g_free) };
  guint8 opcode;
  Pair p;

  pair_init (&p);
  pp_ws_conn_new (loop, p.stream, p.socket, FALSE, 65536, &seen_callbacks, &seen);
  peer_send_frame (&p, 0x81, "\xc3\x28");
  settle (context);
  g_assert_cmpuint (seen.messages->len, ==, 0);
  g_assert_cmpuint (seen.failed, ==, 1007);
  g_assert_true (seen.closed);
  got = peer_take (&p);
  frame_at (got, 0, &opcode, &payload);
  g_assert_cmpuint (opcode, ==, 0x8);
  g_assert_cmpuint (((guint8) payload[0] << 8) | (guint8) payload[1], ==, 1007);
  pair_clear (&p);
  g_ptr_array_unref (seen.messages);
}

/* Runs the context for MS milliseconds. */
static void
run_for (GMainContext *context,
         guint         ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (context, FALSE);
      g_usleep (10000);
    }
}

/* A connection woken from rest gives its wslay context back as soon as it
 * holds nothing; one woken a third time in quick succession is busy and
 * keeps it for a second; one holding half a frame keeps it. Each goes on
 * as before. */
static void
test_ws_quiet (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(PpWsLoop) loop = pp_ws_loop_new (context, NULL);
  g_autoptr(GByteArray) got = NULL;
  g_autofree char *hello = NULL;
  g_autofree char *payload = NULL;
  Seen seen = { g_ptr_array_new_with_free_func (g_free) };
  PpWsConn *quiet, *halfway;
  guint8 opcode;
  Pair p, q;

  pair_init (&p);
  pair_init (&q);
  quiet = pp_ws_conn_new (loop, p.stream, p.socket, FALSE, 65536, &seen_callbacks, &seen);
  halfway = pp_ws_conn_new (loop, q.stream, q.socket, FALSE, 65536, &seen_callbacks, &seen);
  g_assert_true (pp_ws_conn_send_text (quiet, "hello", 5));
  g_assert_false (pp_ws_conn_is_quiet (quiet));
  /* The first 4 bytes of a frame: its header and half its mask. */
  g_assert_cmpint (write (q.peer, "\x81\x85\0\0", 4), ==, 4);
  settle (context);
  g_assert_true (pp_ws_conn_is_quiet (quiet));
  g_assert_false (pp_ws_conn_is_quiet (halfway));

  /* Woken a second time, as by a join after the hello: not yet busy. */
  peer_send_frame (&p, 0x81, "one");
  settle (context);
  g_assert_cmpuint (seen.messages->len, ==, 1);
  g_assert_true (pp_ws_conn_is_quiet (quiet));
  /* A third: busy. */
  peer_send_frame (&p, 0x81, "one more");
  settle (context);
  g_assert_cmpuint (seen.messages->len, ==, 2);
  g_assert_false (pp_ws_conn_is_quiet (quiet));
  run_for (context, 2500);
  g_assert_true (pp_ws_conn_is_quiet (quiet));
  g_assert_false (pp_ws_conn_is_quiet (halfway));

  g_assert_cmpint (write (q.peer, "\0\0" "after", 7), ==, 7);
  peer_send_frame (&p, 0x81, "two");
  g_assert_true (pp_ws_conn_send_text (quiet, "again", 5));
  settle (context);
  g_assert_cmpuint (seen.messages->len, ==, 4);
  g_assert_cmpstr (seen.messages->pdata[2], ==, "after");
  g_assert_cmpstr (seen.messages->pdata[3], ==, "two");
  got = peer_take (&p);
  frame_at (got, frame_at (got, 0, &opcode, &hello), &opcode, &payload);
  g_assert_cmpstr (hello, ==, "hello");
  g_assert_cmpstr (payload, ==, "again");
  g_assert_true (pp_ws_conn_is_quiet (quiet));
  g_assert_true (pp_ws_conn_is_quiet (halfway));
  g_assert_false (seen.closed);
  pair_clear (&p);
  pair_clear (&q);
  g_ptr_array_unref (seen.messages);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/signal/io/meter", test_meter);
  g_test_add_func ("/signal/io/ws-gathers-writes", test_ws_gathers_writes);
  g_test_add_func ("/signal/io/ws-close-after-messages", test_ws_close_after_messages);
  g_test_add_func ("/signal/io/ws-bad-utf8", test_ws_bad_utf8);
  g_test_add_func ("/signal/io/ws-quiet", test_ws_quiet);
  return g_test_run ();
}

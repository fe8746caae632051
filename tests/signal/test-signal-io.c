/* test-signal-io.c — the server's I/O parts on real sockets: the metered
 * stream's outbox (writes taken at once, written together, in order, the
 * rest when the socket drains), its short-read shortcut, and the shards
 * that spread connections over many main contexts and watch sockets for
 * them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib-unix.h>

#include "pp-metered-stream.h"
#include "pp-shards.h"

typedef struct
{
  int peer;              /* the other end, read and written by the test */
  GIOStream *stream;     /* PpMeteredStream over our end */
  PpOutbox *outbox;
  GMainContext *home;    /* the stream's, pushed while it is made */
} Pair;

static void
pair_init (Pair    *p,
           gboolean with_outbox)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketConnection) conn = NULL;
  int fds[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), ==, 0);
  p->peer = fds[1];
  socket = g_socket_new_from_fd (fds[0], &error);
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);
  conn = g_socket_connection_factory_create_connection (socket);
  p->home = g_main_context_new ();
  p->outbox = with_outbox ? pp_outbox_new (p->home) : NULL;
  g_main_context_push_thread_default (p->home);
  p->stream = pp_metered_stream_new (G_IO_STREAM (conn), G_MAXUINT64, p->outbox);
  g_main_context_pop_thread_default (p->home);
}

static void
pair_clear (Pair *p)
{
  g_clear_object (&p->stream);
  g_clear_pointer (&p->outbox, pp_outbox_close);
  g_clear_pointer (&p->home, g_main_context_unref);
  if (p->peer >= 0)
    close (p->peer);
  p->peer = -1;
}

static GPollableOutputStream *
out_of (Pair *p)
{
  return G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (p->stream));
}

static PpMeter *
meter_of (Pair *p)
{
  return pp_metered_stream_get_meter (PP_METERED_STREAM (p->stream));
}

/* Reads what the peer end has now, without waiting. */
static gsize
peer_drain (Pair    *p,
            GString *into)
{
  char buf[65536];
  gsize total = 0;
  gssize n;

  while ((n = recv (p->peer, buf, sizeof buf, MSG_DONTWAIT)) > 0)
    {
      if (into != NULL)
        g_string_append_len (into, buf, n);
      total += n;
    }
  return total;
}

static void
test_outbox_coalesces (void)
{
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) got = g_string_new (NULL);
  Pair p;

  pair_init (&p, TRUE);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *frame = g_strdup_printf ("frame %03u\n", i);
      g_autoptr(GError) error = NULL;
      gssize n = g_pollable_output_stream_write_nonblocking (out_of (&p), frame, strlen (frame), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, ==, strlen (frame));
      g_string_append (expected, frame);
    }
  /* Taken, not yet written: nothing reached the socket. */
  g_assert_cmpuint (peer_drain (&p, NULL), ==, 0);
  g_assert_cmpuint (meter_of (&p)->bytes_out, ==, 0);

  pp_outbox_flush (p.outbox);
  peer_drain (&p, got);
  g_assert_cmpstr (got->str, ==, expected->str);
  g_assert_cmpuint (meter_of (&p)->bytes_out, ==, expected->len);

  /* The outbox's own source writes when the loop comes round. */
  g_pollable_output_stream_write_nonblocking (out_of (&p), "late\n", 5, NULL, NULL);
  g_assert_cmpuint (peer_drain (&p, NULL), ==, 0);
  while (g_main_context_iteration (p.home, FALSE))
    ;
  g_string_truncate (got, 0);
  peer_drain (&p, got);
  g_assert_cmpstr (got->str, ==, "late\n");
  pair_clear (&p);
}

/* A peer that reads slowly: the outbox writes what the socket takes, the
 * rest as it drains, in order; past the hard bound a write fails. */
static void
test_outbox_waits (void)
{
  const gsize chunk = 64 * 1024, total = 64 * chunk;
  g_autoptr(GString) got = g_string_new (NULL);
  g_autofree guint8 *data = g_malloc (total);
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  Pair p;

  pair_init (&p, TRUE);
  for (gsize i = 0; i < total; i++)
    data[i] = (guint8) (i * 7 + i / 251);
  for (gsize at = 0; at < total; at += chunk)
    g_assert_cmpint (g_pollable_output_stream_write_nonblocking (out_of (&p), data + at, chunk, NULL, NULL),
                     ==, chunk);
  pp_outbox_flush (p.outbox);
  /* 4 MiB is more than a socket pair holds: some waits in the queue. */
  g_assert_cmpuint (meter_of (&p)->bytes_out, <, total);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (got->len < total && g_get_monotonic_time () < deadline)
    {
      peer_drain (&p, got);
      g_main_context_iteration (p.home, FALSE);
    }
  peer_drain (&p, got);
  g_assert_cmpuint (got->len, ==, total);
  g_assert_true (memcmp (got->str, data, total) == 0);
  g_assert_cmpuint (meter_of (&p)->bytes_out, ==, total);

  /* Nobody reads at all: the queue stops at its bound. */
  for (gsize queued = 0; queued <= PP_METERED_STREAM_MAX_QUEUE; queued += chunk)
    if (g_pollable_output_stream_write_nonblocking (out_of (&p), data, chunk, NULL, &error) < 0)
      break;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  pair_clear (&p);
}

/* The peer is gone: the write that finds out is the outbox's, and the
 * next write the caller makes reports it. */
static void
test_outbox_reports_failure (void)
{
  g_autoptr(GError) error = NULL;
  Pair p;

  pair_init (&p, TRUE);
  close (p.peer);
  p.peer = -1;
  g_assert_cmpint (g_pollable_output_stream_write_nonblocking (out_of (&p), "x", 1, NULL, NULL), ==, 1);
  pp_outbox_flush (p.outbox);
  g_assert_cmpint (g_pollable_output_stream_write_nonblocking (out_of (&p), "y", 1, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE);
  pair_clear (&p);
}

/* Closing writes what is queued first: a close frame is not lost. */
static void
test_close_flushes (void)
{
  g_autoptr(GString) got = g_string_new (NULL);
  Pair p;

  pair_init (&p, TRUE);
  g_pollable_output_stream_write_nonblocking (out_of (&p), "last words", 10, NULL, NULL);
  g_assert_true (g_io_stream_close (p.stream, NULL, NULL));
  peer_drain (&p, got);
  g_assert_cmpstr (got->str, ==, "last words");
  pair_clear (&p);
}

static gboolean
on_readable (GObject  *stream,
             gpointer  user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_CONTINUE;
}

static gboolean
bump (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* After a short read the next says "would block" without asking the
 * socket; what arrived meanwhile is not lost: the stream's source is ready
 * and the read after returns it. */
static void
test_short_read (void)
{
  GPollableInputStream *in;
  g_autoptr(GSource) source = NULL;
  g_autoptr(GError) error = NULL;
  gboolean fired = FALSE;
  char buf[1024];
  Pair p;

  pair_init (&p, FALSE);
  in = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (p.stream));
  g_assert_cmpint (write (p.peer, "0123456789", 10), ==, 10);
  g_assert_cmpint (g_pollable_input_stream_read_nonblocking (in, buf, sizeof buf, NULL, NULL), ==, 10);
  g_assert_cmpint (write (p.peer, "abcdef", 6), ==, 6);
  g_assert_cmpint (g_pollable_input_stream_read_nonblocking (in, buf, sizeof buf, NULL, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);

  source = g_pollable_input_stream_create_source (in, NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (on_readable), &fired, NULL);
  g_source_attach (source, p.home);
  g_main_context_iteration (p.home, FALSE);
  g_assert_true (fired);
  g_source_destroy (source);
  g_assert_cmpint (g_pollable_input_stream_read_nonblocking (in, buf, sizeof buf, NULL, NULL), ==, 6);
  g_assert_cmpmem (buf, 6, "abcdef", 6);
  g_assert_cmpuint (meter_of (&p)->bytes_in, ==, 16);
  pair_clear (&p);
}

/* Shards */

typedef struct
{
  guint fired;
  guint dispatches;
} Counts;

static void
count_dispatch (gpointer user_data)
{
  ((Counts *) user_data)->dispatches++;
}

static gboolean
count_fd (int           fd,
          GIOCondition  condition,
          gpointer      user_data)
{
  char buf[64];

  while (read (fd, buf, sizeof buf) > 0)
    ;
  ((Counts *) user_data)->fired++;
  return G_SOURCE_CONTINUE;
}

static GSource *
watch_in (GMainContext *shard,
          int           fd,
          Counts       *counts)
{
  GSource *source = g_unix_fd_source_new (fd, G_IO_IN);

  g_source_set_callback (source, G_SOURCE_FUNC (count_fd), counts, NULL);
  /* As the server does: attach with the shard as the thread default, then
   * wake it. */
  g_main_context_push_thread_default (shard);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_main_context_pop_thread_default (shard);
  g_main_context_wakeup (shard);
  return source;
}

/* Runs OUTER until *VALUE reaches WANT, or 5 s. */
static void
run_until (GMainContext *outer,
           guint        *value,
           guint         want)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (*value < want && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (outer, FALSE))
      g_usleep (1000);
  g_assert_cmpuint (*value, >=, want);
}

static void
test_shards_sources (void)
{
  g_autoptr(GMainContext) outer = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PpShards) shards = NULL;
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GSource) watch = NULL;
  GMainContext *first, *second;
  Counts counts = { 0 }, ticks = { 0 };
  gint64 start;
  int fds[2];

  shards = pp_shards_new (outer, 4, count_dispatch, &counts, &error);
  g_assert_no_error (error);
  first = pp_shards_next (shards, G_MAXUINT);
  second = pp_shards_next (shards, G_MAXUINT);
  g_assert_true (first != second);

  /* A timeout in one shard fires on time, driven from the outer context. */
  timeout = g_timeout_source_new (50);
  g_source_set_callback (timeout, bump, &ticks.fired, NULL);
  g_main_context_push_thread_default (first);
  g_source_attach (timeout, g_main_context_get_thread_default ());
  g_main_context_pop_thread_default (first);
  g_main_context_wakeup (first);
  start = g_get_monotonic_time ();
  run_until (outer, &ticks.fired, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 50000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_source_destroy (timeout);

  /* A descriptor in another: each write is seen, each by one dispatch. */
  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds), ==, 0);
  watch = watch_in (second, fds[0], &counts);
  for (guint i = 1; i <= 3; i++)
    {
      g_assert_cmpint (write (fds[1], "x", 1), ==, 1);
      run_until (outer, &counts.fired, i);
    }
  g_assert_cmpuint (counts.dispatches, >=, 3);
  g_source_destroy (watch);
  close (fds[0]);
  close (fds[1]);
}

/* A descriptor closed while its shard still lists it comes back, by
 * number, in another shard: the first shard's next look must not take it
 * out of the epoll set under the other. */
static void
test_shards_descriptor_reuse (void)
{
  g_autoptr(GMainContext) outer = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PpShards) shards = NULL;
  g_autoptr(GSource) old_watch = NULL;
  g_autoptr(GSource) new_watch = NULL;
  GMainContext *earlier, *later;
  Counts old_counts = { 0 }, counts = { 0 };
  int a[2], b[2];

  shards = pp_shards_new (outer, 2, NULL, NULL, &error);
  g_assert_no_error (error);
  earlier = pp_shards_next (shards, G_MAXUINT);
  later = pp_shards_next (shards, G_MAXUINT);

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, a), ==, 0);
  old_watch = watch_in (later, a[0], &old_counts);
  g_assert_cmpint (write (a[1], "x", 1), ==, 1);
  run_until (outer, &old_counts.fired, 1);

  /* Closed while its source is still attached: the shard still lists the
   * number when it comes back in the other shard. */
  close (a[0]);
  close (a[1]);
  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, b), ==, 0);
  g_assert_cmpint (b[0], ==, a[0]);
  pp_shards_adopt (shards, b[0]);
  new_watch = watch_in (earlier, b[0], &counts);
  g_assert_cmpint (write (b[1], "y", 1), ==, 1);
  run_until (outer, &counts.fired, 1);

  /* Now the stale shard lets go of the number: the new registration must
   * stand. */
  g_source_destroy (old_watch);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (outer, FALSE);
  g_assert_cmpint (write (b[1], "z", 1), ==, 1);
  run_until (outer, &counts.fired, 2);
  g_assert_cmpuint (old_counts.fired, ==, 1);

  g_source_destroy (new_watch);
  close (b[0]);
  close (b[1]);
}

typedef struct
{
  GSocket *socket;
  GIOStream *stream;     /* PpMeteredStream, its sources on a watch */
  GSource *source;
  int peer;
  guint fired;
  guint got;
} Watched;

static gboolean
read_watched (GObject  *stream,
              gpointer  user_data)
{
  Watched *w = user_data;
  GInputStream *in = g_io_stream_get_input_stream (w->stream);
  char buf[4];
  gssize n;

  w->fired++;
  /* A small buffer: the read that drains the socket is the short one. */
  while ((n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (in), buf,
                                                        sizeof buf, NULL, NULL)) > 0)
    w->got += n;
  return G_SOURCE_CONTINUE;
}

static void
watched_init (Watched  *w,
              PpShards *shards)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(PpShardWatch) watch = NULL;
  GMainContext *shard = pp_shards_next (shards, G_MAXUINT);
  int fds[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), ==, 0);
  w->peer = fds[1];
  w->socket = g_socket_new_from_fd (fds[0], &error);
  g_assert_no_error (error);
  g_socket_set_blocking (w->socket, FALSE);
  conn = g_socket_connection_factory_create_connection (w->socket);
  g_main_context_push_thread_default (shard);
  w->stream = pp_metered_stream_new (G_IO_STREAM (conn), G_MAXUINT64, NULL);
  watch = pp_shards_watch (shards, fds[0]);
  pp_metered_stream_set_watch (PP_METERED_STREAM (w->stream), watch);
  w->source = g_pollable_input_stream_create_source (
    G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (w->stream)), NULL);
  g_source_set_callback (w->source, G_SOURCE_FUNC (read_watched), w, NULL);
  g_source_attach (w->source, g_main_context_get_thread_default ());
  g_main_context_pop_thread_default (shard);
  g_main_context_wakeup (shard);
}

static void
watched_clear (Watched *w)
{
  g_source_destroy (w->source);
  g_source_unref (w->source);
  g_io_stream_close (w->stream, NULL, NULL);
  g_object_unref (w->stream);
  g_object_unref (w->socket);
  close (w->peer);
}

static void
iterate (GMainContext *context,
         guint         times)
{
  for (guint i = 0; i < times; i++)
    {
      g_main_context_iteration (context, FALSE);
      g_usleep (1000);
    }
}

/* A watched stream's source needs no descriptor in GLib: it fires when
 * data comes, once for each arrival, and not while the socket is empty. */
static void
test_shards_watch (void)
{
  g_autoptr(GMainContext) outer = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PpShards) shards = NULL;
  GMainContext *shard;
  GPollFD fds[8];
  gint timeout, priority, n;
  Watched w = { 0 };

  shards = pp_shards_new (outer, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  watched_init (&w, shards);
  shard = g_source_get_context (w.source);

  iterate (outer, 10);
  g_assert_cmpuint (w.fired, ==, 0);
  /* GLib polls the shard's wakeup descriptor alone. */
  g_main_context_prepare (shard, &priority);
  n = g_main_context_query (shard, G_MAXINT, &timeout, fds, G_N_ELEMENTS (fds));
  g_main_context_check (shard, priority, fds, MIN (n, (gint) G_N_ELEMENTS (fds)));
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (fds[0].fd, !=, g_socket_get_fd (w.socket));

  g_assert_cmpint (write (w.peer, "0123456789", 10), ==, 10);
  run_until (outer, &w.fired, 1);
  g_assert_cmpuint (w.got, ==, 10);
  iterate (outer, 10);
  g_assert_cmpuint (w.fired, ==, 1);

  g_assert_cmpint (write (w.peer, "abc", 3), ==, 3);
  run_until (outer, &w.fired, 2);
  g_assert_cmpuint (w.got, ==, 13);
  iterate (outer, 10);
  g_assert_cmpuint (w.fired, ==, 2);

  watched_clear (&w);
}

/* A watched descriptor closed behind its watch comes back by number under
 * a new watch: ending the old watch must leave the new one alone. */
static void
test_shards_watch_reuse (void)
{
  g_autoptr(GMainContext) outer = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PpShards) shards = NULL;
  Watched old = { 0 }, now = { 0 };
  int number;

  /* One shard: a second one's wakeup descriptor would take the number. */
  shards = pp_shards_new (outer, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  watched_init (&old, shards);
  number = g_socket_get_fd (old.socket);
  g_socket_close (old.socket, NULL);
  watched_init (&now, shards);
  g_assert_cmpint (g_socket_get_fd (now.socket), ==, number);

  g_io_stream_close (old.stream, NULL, NULL);
  g_assert_cmpint (write (now.peer, "x", 1), ==, 1);
  run_until (outer, &now.got, 1);

  watched_clear (&old);
  watched_clear (&now);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signal/io/outbox-coalesces", test_outbox_coalesces);
  g_test_add_func ("/signal/io/outbox-waits", test_outbox_waits);
  g_test_add_func ("/signal/io/outbox-reports-failure", test_outbox_reports_failure);
  g_test_add_func ("/signal/io/close-flushes", test_close_flushes);
  g_test_add_func ("/signal/io/short-read", test_short_read);
  g_test_add_func ("/signal/io/shards-sources", test_shards_sources);
  g_test_add_func ("/signal/io/shards-descriptor-reuse", test_shards_descriptor_reuse);
  g_test_add_func ("/signal/io/shards-watch", test_shards_watch);
  g_test_add_func ("/signal/io/shards-watch-reuse", test_shards_watch_reuse);

  return g_test_run ();
}

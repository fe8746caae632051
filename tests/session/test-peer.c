/* test-peer.c: two real webrtcbin peers in one process, their signaling
 * handed across directly, and frames on their data channel
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pp-frame.h"
#include "pp-peer.h"
#include "pp-test-lib.h"

static const char * const loopback[] = { "127.0.0.1", NULL };

typedef struct
{
  PpPeer *a;             /* "alice": offers, her id sorts first */
  PpPeer *b;             /* "bob" */
  GPtrArray *to_b;       /* frames bob got */
  GPtrArray *to_a;
  guint n_signals;
  gboolean drop_signals;
  gboolean a_was_reconnecting;
} Pair;

static void
on_signal_out (PpPeer     *from,
               const char *json,
               gpointer    data)
{
  Pair *pair = data;
  PpPeer *to = from == pair->a ? pair->b : pair->a;
  g_autoptr(GError) error = NULL;

  pair->n_signals++;
  if (pair->drop_signals)
    return;
  g_assert_true (pp_peer_receive_signal (to, json, &error));
  g_assert_no_error (error);
}

static void
on_frame (PpPeer *peer,
          GBytes *frame,
          gpointer data)
{
  Pair *pair = data;

  g_ptr_array_add (peer == pair->b ? pair->to_b : pair->to_a, g_bytes_ref (frame));
}

static void
pair_init (Pair *pair)
{
  memset (pair, 0, sizeof *pair);
  pair->a = pp_peer_new ("alice", "bob", NULL);
  pair->b = pp_peer_new ("bob", "alice", NULL);
  pair->to_a = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  pair->to_b = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (PpPeer **p = &pair->a; p <= &pair->b; p++)
    {
      pp_peer_set_local_addresses (*p, loopback);
      g_signal_connect (*p, "signal-out", G_CALLBACK (on_signal_out), pair);
      g_signal_connect (*p, "frame", G_CALLBACK (on_frame), pair);
    }
  g_assert_true (pp_peer_is_offerer (pair->a));
  g_assert_false (pp_peer_is_offerer (pair->b));
}

static void
pair_clear (Pair *pair)
{
  pp_peer_close (pair->a);
  pp_peer_close (pair->b);
  g_assert_finalize_object (pair->a);
  g_assert_finalize_object (pair->b);
  g_ptr_array_unref (pair->to_a);
  g_ptr_array_unref (pair->to_b);
}

static gboolean
both_connected (gpointer data)
{
  Pair *pair = data;

  return pp_peer_get_state (pair->a) == PP_PEER_CONNECTED &&
         pp_peer_get_state (pair->b) == PP_PEER_CONNECTED;
}

static gboolean
b_has_frames (gpointer data)
{
  Pair *pair = data;
  return pair->to_b->len >= 3;
}

static gboolean
a_has_frame (gpointer data)
{
  Pair *pair = data;
  return pair->to_a->len >= 1;
}

/* Both start at once: the one whose id sorts first offers, the other
 * answers, and the channel opens; small and large frames cross whole. */
static void
test_peer_connect_and_frames (void)
{
  Pair pair;
  gint64 start;
  g_autoptr(GByteArray) big = g_byte_array_new ();
  g_autoptr(GBytes) small = pp_frame_build_control ("{\"type\":\"hello\"}");
  g_autoptr(GBytes) big_frame = NULL;
  g_autoptr(GBytes) empty_sync = pp_frame_build (PP_FRAME_SYNC, NULL, 0);

  pp_peer_warm_up ();
  pair_init (&pair);
  start = g_get_monotonic_time ();
  pp_peer_start (pair.b);
  pp_peer_start (pair.a);
  pp_test_wait_for (both_connected, &pair, "both data channels to open");
  g_test_message ("channel open after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (pair.n_signals, >=, 3);

  /* 1 MiB: sixteen and more chunks, reassembled in order. */
  for (guint i = 0; i < 1024 * 1024; i++)
    {
      guint8 byte = (i * 7919) >> 3;
      g_byte_array_append (big, &byte, 1);
    }
  big_frame = pp_frame_build (PP_FRAME_SYNC, big->data, big->len);
  g_assert_true (pp_peer_send (pair.a, small));
  g_assert_true (pp_peer_send (pair.a, big_frame));
  g_assert_true (pp_peer_send (pair.a, empty_sync));
  pp_test_wait_for (b_has_frames, &pair, "three frames at bob");
  g_assert_true (g_bytes_equal (g_ptr_array_index (pair.to_b, 0), small));
  g_assert_true (g_bytes_equal (g_ptr_array_index (pair.to_b, 1), big_frame));
  g_assert_true (g_bytes_equal (g_ptr_array_index (pair.to_b, 2), empty_sync));

  g_assert_true (pp_peer_send (pair.b, small));
  pp_test_wait_for (a_has_frame, &pair, "a frame at alice");
  g_assert_true (g_bytes_equal (g_ptr_array_index (pair.to_a, 0), small));

  pair_clear (&pair);
}

static gboolean
b_failed (gpointer data)
{
  Pair *pair = data;
  return pp_peer_get_state (pair->b) == PP_PEER_FAILED;
}

/* Chunks that do not add up are what no honest peer sends: the peer that
 * gets them drops the connection and says why. */
static void
test_peer_bad_chunks (void)
{
  Pair pair;
  guint8 chunk[] = { PP_FRAME_CHUNK, 0x05, 'a', 'b' };
  guint8 wrong[] = { PP_FRAME_CHUNK, 0x09, 'c' };
  g_autoptr(GBytes) first = g_bytes_new (chunk, sizeof chunk);
  g_autoptr(GBytes) second = g_bytes_new (wrong, sizeof wrong);

  pair_init (&pair);
  pp_peer_start (pair.a);
  pp_peer_start (pair.b);
  pp_test_wait_for (both_connected, &pair, "both data channels to open");

  /* Sent whole, so they reach bob as the chunks they pretend to be. */
  g_assert_true (pp_peer_send (pair.a, first));
  g_assert_true (pp_peer_send (pair.a, second));
  pp_test_wait_for (b_failed, &pair, "bob to refuse the chunks");
  g_assert_cmpint (pp_peer_get_failure (pair.b), ==, PP_PEER_FAILURE_PROTOCOL);
  g_assert_nonnull (strstr (pp_peer_get_failure_detail (pair.b), "does not fit"));
  g_assert_cmpuint (pair.to_b->len, ==, 0);

  pair_clear (&pair);
}

static void
on_a_state (PpPeer     *peer,
            GParamSpec *pspec,
            gpointer    data)
{
  Pair *pair = data;

  if (pp_peer_get_state (peer) == PP_PEER_RECONNECTING)
    pair->a_was_reconnecting = TRUE;
}

/* The answering side's connection goes away: the offering side notices,
 * offers again after a pause, and the channel works again. */
static void
test_peer_reconnect (void)
{
  Pair pair;
  g_autoptr(GBytes) small = pp_frame_build_control ("{}");

  pair_init (&pair);
  pp_peer_start (pair.a);
  pp_peer_start (pair.b);
  pp_test_wait_for (both_connected, &pair, "both data channels to open");
  g_signal_connect (pair.a, "notify::state", G_CALLBACK (on_a_state), &pair);

  /* Bob's side restarts: a new peer object, as after a crash. */
  pp_peer_close (pair.b);
  g_assert_finalize_object (pair.b);
  pair.b = pp_peer_new ("bob", "alice", NULL);
  pp_peer_set_local_addresses (pair.b, loopback);
  g_signal_connect (pair.b, "signal-out", G_CALLBACK (on_signal_out), &pair);
  g_signal_connect (pair.b, "frame", G_CALLBACK (on_frame), &pair);
  pp_peer_start (pair.b);

  pp_test_wait_for (both_connected, &pair, "the channel to open again");
  g_assert_true (pair.a_was_reconnecting);
  g_assert_true (pp_peer_send (pair.a, small));
  g_assert_true (pp_peer_send (pair.a, small));
  g_assert_true (pp_peer_send (pair.a, small));
  pp_test_wait_for (b_has_frames, &pair, "frames on the new channel");

  pair_clear (&pair);
}

/* With no signaling getting through, the peer gives up in time and says
 * so, rather than staying in "connecting". */
static void
test_peer_timeout (void)
{
  Pair pair;

  pair_init (&pair);
  pair.drop_signals = TRUE;
  pp_peer_set_timeout (pair.b, 1);
  pp_peer_start (pair.a);
  pp_peer_start (pair.b);
  pp_test_wait_for (b_failed, &pair, "bob to give up");
  g_assert_cmpint (pp_peer_get_failure (pair.b), ==, PP_PEER_FAILURE_TIMEOUT);
  pair_clear (&pair);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/peer/connect-and-frames", test_peer_connect_and_frames);
  g_test_add_func ("/session/peer/bad-chunks", test_peer_bad_chunks);
  g_test_add_func ("/session/peer/reconnect", test_peer_reconnect);
  g_test_add_func ("/session/peer/timeout", test_peer_timeout);
  return g_test_run ();
}

/* sync-bench: how fast a live session syncs, two PpSessions over real
 * webrtcbin on loopback, with the real pairpad-signal
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: sync-bench TRACE.json.gz (run by tests/bench/sync-latency)
 * Prints name=value lines:
 *   channel_oneway_p50_ms, channel_oneway_p99_ms  the peer: half the round
 *       trip of a bare message between two PpPeers' data channels
 *   channel_paced_p50_ms, channel_paced_p99_ms  the same channel, one way,
 *       5,000 messages at typing pace
 *   edit_p50_ms, edit_p99_ms  a local transaction to the remote document
 *       changed: 5,000 single-character edits at typing pace and 5,000 in
 *       bursts of 100; edit_typed_* and edit_burst_* each part alone
 *   edit_vs_channel_p50, edit_vs_channel_p99  the ratios of the two;
 *   edit_typed_vs_channel_paced_p99  typed edits against the paced channel
 *   join_ms     join call to a document in sync and editable (median of 5)
 *   catchup_ms  a late joiner, once admitted, to a document holding the
 *       whole trace in sync
 *   wire_bytes_per_edit  data channel payload bytes per edit
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pp-frame.h"
#include "pp-peer.h"
#include "pp-session.h"
#include "pp-test-lib.h"
#include "pp-trace.h"

#define N_TYPED 5000
#define N_BURST 5000
#define BURST 100
#define N_PINGS 2000

static const char * const loopback[] = { "127.0.0.1", NULL };

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

/* The peer: a bare data channel */

typedef struct
{
  PpPeer *a, *b;
  gint64 sent;
  GArray *rtts;
  guint left;
  /* Then one way at typing pace: b takes each message's index. */
  gint64 *paced_sent;
  GArray *oneway;
  guint paced_next;
} Ping;

static void
ping_signal (PpPeer *from, const char *json, gpointer data)
{
  Ping *ping = data;
  pp_peer_receive_signal (from == ping->a ? ping->b : ping->a, json, NULL);
}

static void
ping_send (Ping *ping)
{
  g_autoptr(GBytes) frame = pp_frame_build_control ("{\"type\":\"ping\"}");

  ping->sent = g_get_monotonic_time ();
  pp_peer_send (ping->a, frame);
}

static void
ping_frame (PpPeer *peer, GBytes *frame, gpointer data)
{
  Ping *ping = data;

  if (peer == ping->b && ping->paced_sent != NULL)
    {
      PpFrameKind kind;
      const guint8 *payload;
      gsize len;
      g_autofree char *text = NULL;
      guint i;

      /* A control frame: a varString, here shorter than 128 bytes. */
      if (!pp_frame_parse (frame, &kind, &payload, &len, NULL) || len < 1)
        return;
      text = g_strndup ((const char *) payload + 1, len - 1);
      i = MIN ((guint) g_ascii_strtoull (text, NULL, 10), N_TYPED - 1);
      g_array_append_val (ping->oneway, (double) { (g_get_monotonic_time () - ping->paced_sent[i]) / 1000.0 });
      return;
    }
  if (peer == ping->b)
    {
      pp_peer_send (ping->b, frame);
      return;
    }
  g_array_append_val (ping->rtts, (double) { (g_get_monotonic_time () - ping->sent) / 1000.0 });
  if (--ping->left > 0)
    ping_send (ping);
}

static gboolean
ping_open (gpointer data)
{
  Ping *ping = data;
  return pp_peer_get_state (ping->a) == PP_PEER_CONNECTED &&
         pp_peer_get_state (ping->b) == PP_PEER_CONNECTED;
}

static gboolean
ping_done (gpointer data)
{
  return ((Ping *) data)->left == 0;
}

static gboolean
paced_tick (gpointer data)
{
  Ping *ping = data;
  g_autofree char *json = g_strdup_printf ("%u", ping->paced_next);
  g_autoptr(GBytes) frame = pp_frame_build_control (json);

  ping->paced_sent[ping->paced_next++] = g_get_monotonic_time ();
  pp_peer_send (ping->a, frame);
  return ping->paced_next < N_TYPED ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
paced_done (gpointer data)
{
  return ((Ping *) data)->oneway->len >= N_TYPED;
}

static void
measure_channel (double *p50,
                 double *p99,
                 double *paced_p50,
                 double *paced_p99)
{
  Ping ping = { 0 };

  ping.a = pp_peer_new ("a", "b", NULL);
  ping.b = pp_peer_new ("b", "a", NULL);
  ping.rtts = g_array_new (FALSE, FALSE, sizeof (double));
  ping.left = N_PINGS;
  for (PpPeer **p = &ping.a; p <= &ping.b; p++)
    {
      pp_peer_set_local_addresses (*p, loopback);
      g_signal_connect (*p, "signal-out", G_CALLBACK (ping_signal), &ping);
      g_signal_connect (*p, "frame", G_CALLBACK (ping_frame), &ping);
      pp_peer_start (*p);
    }
  pp_test_wait_for (ping_open, &ping, "the bare channel to open");
  ping_send (&ping);
  pp_test_wait_for_full (ping_done, &ping, 60, "the pings");
  *p50 = percentile (ping.rtts, 0.5) / 2;
  *p99 = percentile (ping.rtts, 0.99) / 2;
  ping.paced_sent = g_new0 (gint64, N_TYPED);
  ping.oneway = g_array_new (FALSE, FALSE, sizeof (double));
  g_timeout_add (5, paced_tick, &ping);
  pp_test_wait_for_full (paced_done, &ping, 120, "the paced messages");
  *paced_p50 = percentile (ping.oneway, 0.5);
  *paced_p99 = percentile (ping.oneway, 0.99);
  g_free (ping.paced_sent);
  g_array_unref (ping.oneway);
  pp_peer_close (ping.a);
  pp_peer_close (ping.b);
  g_object_unref (ping.a);
  g_object_unref (ping.b);
  g_array_unref (ping.rtts);
}

/* Sessions */

static void
admit_all (PpSession *host, PpParticipant *participant, gpointer data)
{
  pp_session_admit (host, pp_participant_get_peer_id (participant), TRUE, NULL);
}

static PpSession *
new_host (const char *uri)
{
  PpSession *host = pp_session_new_host (uri, "host");

  pp_session_set_local_addresses (host, loopback);
  g_signal_connect (host, "join-request", G_CALLBACK (admit_all), NULL);
  pp_session_start (host);
  return host;
}

typedef struct
{
  PpSession *host, *guest;
  gint64 active_at;
} Join;

static gboolean
in_sync (gpointer data)
{
  Join *join = data;
  PpText *a = pp_doc_get_text (pp_session_get_doc (join->host), "code");
  PpText *b = pp_doc_get_text (pp_session_get_doc (join->guest), "code");

  if (join->active_at == 0 && pp_session_get_state (join->guest) == PP_SESSION_ACTIVE)
    join->active_at = g_get_monotonic_time ();
  return join->active_at != 0 && pp_text_length (a) == pp_text_length (b);
}

static gboolean
has_link (gpointer data)
{
  return pp_session_get_invite_link (data) != NULL &&
         pp_session_get_state (data) == PP_SESSION_ACTIVE;
}

/* Join call to in sync; *since_active: from being admitted to in sync. */
static double
join_once (PpSession  *host,
           PpSession **guest_out,
           double     *since_active)
{
  Join join = { host, NULL, 0 };
  gint64 start = g_get_monotonic_time ();
  double ms;

  join.guest = pp_session_new_join (pp_session_get_invite_link (host), "guest", NULL);
  pp_session_set_local_addresses (join.guest, loopback);
  pp_session_start (join.guest);
  pp_test_wait_for_full (in_sync, &join, 60, "the guest to be in sync");
  ms = (g_get_monotonic_time () - start) / 1000.0;
  if (since_active != NULL)
    *since_active = (g_get_monotonic_time () - join.active_at) / 1000.0;
  *guest_out = join.guest;
  return ms;
}

/* Edits */

typedef struct
{
  PpText *text;
  gint64 *sent;       /* per character index */
  GArray *latencies;
  guint arrived;
  guint next;
  guint end;
} Edits;

static void
on_remote_update (PpDoc                   *doc,
                  const guint8            *update,
                  gsize                    len,
                  const PpTransactionInfo *info,
                  gpointer                 data)
{
  Edits *edits = data;
  guint now_len = pp_text_length (pp_doc_get_text (doc, "code"));
  gint64 now = g_get_monotonic_time ();

  if (info->local)
    return;
  for (; edits->arrived < now_len && edits->arrived < edits->end; edits->arrived++)
    g_array_append_val (edits->latencies,
                        (double) { (now - edits->sent[edits->arrived]) / 1000.0 });
}

static void
type_one (Edits *edits)
{
  guint at = pp_text_length (edits->text);

  edits->sent[at] = g_get_monotonic_time ();
  pp_text_insert (edits->text, at, "x", 1, NULL);
  edits->next++;
}

static gboolean
typing_tick (gpointer data)
{
  Edits *edits = data;

  type_one (edits);
  return edits->next < N_TYPED ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
burst_tick (gpointer data)
{
  Edits *edits = data;

  for (guint i = 0; i < BURST; i++)
    type_one (edits);
  return edits->next < N_TYPED + N_BURST ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
all_arrived (gpointer data)
{
  Edits *edits = data;
  return edits->arrived >= edits->end;
}

int
main (int argc, char **argv)
{
  g_autoptr(PpTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  PpTestServer *server;
  PpSession *host, *guest = NULL, *big, *late = NULL;
  GArray *joins = g_array_new (FALSE, FALSE, sizeof (double));
  double channel_p50, channel_p99, paced_p50, paced_p99, join_ms, catchup_ms = 0, total;
  Edits edits = { 0 };
  GArray *typed, *burst;
  guint64 bytes_before;
  const char *host_id;

  if (argc != 2)
    {
      fprintf (stderr, "usage: sync-bench TRACE.json.gz\n");
      return 2;
    }
  trace = pp_trace_load (argv[1], &error);
  if (trace == NULL)
    {
      fprintf (stderr, "sync-bench: %s\n", error->message);
      return 1;
    }

  /* As the app does at start-up: the DTLS certificate is made now. */
  pp_peer_warm_up ();
  fprintf (stderr, "sync-bench: a bare channel, %u round trips\n", N_PINGS);
  measure_channel (&channel_p50, &channel_p99, &paced_p50, &paced_p99);
  fprintf (stderr, "sync-bench: joining 5 times\n");

  server = pp_test_server_start (FALSE, "--msg-rate", "10000", "--msg-burst", "10000", NULL);
  host = new_host (server->uri);
  pp_test_wait_for (has_link, host, "the host's room");
  pp_text_insert (pp_doc_get_text (pp_session_get_doc (host), "code"), 0,
                  "int main (void)\n{\n  return 0;\n}\n", -1, NULL);
  for (guint i = 0; i < 5; i++)
    {
      double ms = join_once (host, &guest, NULL);

      g_array_append_val (joins, ms);
      if (i < 4)
        {
          pp_session_leave (guest);
          g_clear_object (&guest);
        }
    }
  join_ms = percentile (joins, 0.5);

  /* 10,000 edits at the host, seen at the guest. */
  fprintf (stderr, "sync-bench: %u edits at typing pace, %u in bursts\n", N_TYPED, N_BURST);
  edits.text = pp_doc_get_text (pp_session_get_doc (host), "code");
  edits.end = pp_text_length (edits.text) + N_TYPED;
  edits.arrived = pp_text_length (edits.text);
  edits.sent = g_new0 (gint64, edits.end);
  edits.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  edits.next = 0;
  pp_doc_connect_update (pp_session_get_doc (guest), on_remote_update, &edits);
  host_id = pp_session_get_peer_id (host);
  bytes_before = pp_session_get_bytes_received_from (guest, host_id);
  g_timeout_add (5, typing_tick, &edits);
  pp_test_wait_for_full (all_arrived, &edits, 120, "the typed edits") ;
  edits.end = pp_text_length (edits.text) + N_BURST;
  g_free (edits.sent);
  edits.sent = g_new0 (gint64, edits.end);
  typed = edits.latencies;
  edits.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_timeout_add (50, burst_tick, &edits);
  pp_test_wait_for_full (all_arrived, &edits, 120, "the bursts");
  burst = edits.latencies;
  edits.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (edits.latencies, typed->data, typed->len);
  g_array_append_vals (edits.latencies, burst->data, burst->len);

  /* A late joiner to the whole trace. */
  fprintf (stderr, "sync-bench: a late joiner to the whole trace\n");
  big = new_host (server->uri);
  pp_test_wait_for (has_link, big, "the second room");
  if (!pp_trace_replay (trace, pp_doc_get_text (pp_session_get_doc (big), "code"), &error))
    {
      fprintf (stderr, "sync-bench: %s\n", error->message);
      return 1;
    }
  total = join_once (big, &late, &catchup_ms);

  printf ("channel_oneway_p50_ms=%.3f\n", channel_p50);
  printf ("channel_oneway_p99_ms=%.3f\n", channel_p99);
  printf ("channel_paced_p50_ms=%.3f\n", paced_p50);
  printf ("channel_paced_p99_ms=%.3f\n", paced_p99);
  printf ("edit_p50_ms=%.3f\n", percentile (edits.latencies, 0.5));
  printf ("edit_p99_ms=%.3f\n", percentile (edits.latencies, 0.99));
  printf ("edit_typed_p50_ms=%.3f\n", percentile (typed, 0.5));
  printf ("edit_typed_p99_ms=%.3f\n", percentile (typed, 0.99));
  printf ("edit_burst_p50_ms=%.3f\n", percentile (burst, 0.5));
  printf ("edit_burst_p99_ms=%.3f\n", percentile (burst, 0.99));
  printf ("edit_vs_channel_p50=%.2f\n", percentile (edits.latencies, 0.5) / channel_p50);
  printf ("edit_vs_channel_p99=%.2f\n", percentile (edits.latencies, 0.99) / channel_p99);
  printf ("edit_typed_vs_channel_paced_p99=%.2f\n", percentile (typed, 0.99) / paced_p99);
  printf ("join_ms=%.1f\n", join_ms);
  printf ("catchup_ms=%.1f\n", catchup_ms);
  printf ("catchup_join_ms=%.1f\n", total);
  printf ("catchup_chars=%u\n", pp_text_length_cp (pp_doc_get_text (pp_session_get_doc (big), "code")));
  printf ("wire_bytes_per_edit=%.1f\n",
          (double) (pp_session_get_bytes_received_from (guest, host_id) - bytes_before) /
          (N_TYPED + N_BURST));

  pp_session_leave (late);
  pp_session_leave (guest);
  g_object_unref (late);
  g_object_unref (guest);
  g_object_unref (big);
  g_object_unref (host);
  pp_test_server_stop (server);
  g_array_unref (joins);
  g_array_unref (edits.latencies);
  g_array_unref (typed);
  g_array_unref (burst);
  g_free (edits.sent);
  pp_peer_warm_up_wait ();
  return 0;
}

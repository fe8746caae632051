/* call-bench: a call between two processes, each a PpSession with the
 * test camera and microphone, through the real pairpad-signal on loopback
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: call-bench (run by tests/bench/call)
 * This process hosts; it starts itself again as the guest, and once more
 * as the named peer: the same encoding and decoding in one bare GStreamer
 * pipeline, with no session and no network. Prints name=value lines:
 *   first_frame_ms    the guest admitted to the host's first video frame
 *                     decoded there
 *   fps_received      the host's video at the guest, frames a second
 *   cpu_pct_per_peer  the guest process's CPU during the call (% of one
 *                     core), while the host types
 *   cpu_pct_bare_gstreamer, cpu_vs_bare_gstreamer  the named peer, and
 *                     the guest's CPU against it
 *   audio_latency_ms  a click of the host's test source to its sound in
 *                     the guest's played audio (median)
 *   editor_stall_max_ms  the host's longest main-loop stall while the call
 *                     runs and it types a character every 30 ms
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "pp-crdt.h"
#include "pp-media.h"
#include "pp-peer.h"
#include "pp-session.h"
#include "pp-test-lib.h"

#define MEASURE_S 10
#define VIDEO "videotestsrc is-live=true pattern=ball"
/* A click of 10 periods of 1 kHz every half second, seen as it leaves
 * the source. */
#define AUDIO "audiotestsrc is-live=true wave=ticks freq=1000 tick-interval=500000000 volume=0.8 " \
              "! identity name=clicks signal-handoffs=true"
#define CLICK_LEVEL 0.2f

static const char * const loopback[] = { "127.0.0.1", NULL };

/* Runs the main loop as the app does, blocking between events (the
 * tests' pp_test_spin () polls, which costs CPU of its own). */
static void
run_for (guint milliseconds)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add_once (milliseconds, (GSourceOnceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Clicks: the first loud sample after a quiet buffer. The time is when
 * the buffer passes, less the part of it after the click. */
typedef struct
{
  GMutex lock;
  GArray *times;     /* gint64 µs, monotonic */
  gboolean loud;
} Clicks;

static void
find_clicks (GstBuffer *buffer,
             GstCaps   *caps,
             Clicks    *clicks)
{
  gint64 now = g_get_monotonic_time ();
  GstStructure *s = caps != NULL ? gst_caps_get_structure (caps, 0) : NULL;
  const char *format = s != NULL ? gst_structure_get_string (s, "format") : NULL;
  gint rate = 0, channels = 1;
  GstMapInfo map;
  gssize onset = -1;
  gsize n;

  if (format == NULL || !gst_structure_get_int (s, "rate", &rate) || rate <= 0)
    return;
  gst_structure_get_int (s, "channels", &channels);
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;
  if (g_str_equal (format, "F32LE"))
    {
      const float *samples = (const float *) map.data;

      n = map.size / sizeof (float);
      for (gsize i = 0; i < n && onset < 0; i++)
        if (samples[i] > CLICK_LEVEL || samples[i] < -CLICK_LEVEL)
          onset = i;
    }
  else if (g_str_equal (format, "S16LE"))
    {
      const gint16 *samples = (const gint16 *) map.data;

      n = map.size / sizeof (gint16);
      for (gsize i = 0; i < n && onset < 0; i++)
        if (ABS (samples[i]) > CLICK_LEVEL * 32767)
          onset = i;
    }
  else
    n = 0;
  gst_buffer_unmap (buffer, &map);
  g_mutex_lock (&clicks->lock);
  if (onset >= 0 && !clicks->loud)
    {
      gint64 after_us = (gint64) (n - onset) / channels * G_USEC_PER_SEC / rate;
      gint64 t = now - after_us;

      g_array_append_val (clicks->times, t);
    }
  clicks->loud = onset >= 0;
  g_mutex_unlock (&clicks->lock);
}

/* fakesink's handoff: the buffer as it is played. */
static void
on_played (GstElement *sink,
           GstBuffer  *buffer,
           GstPad     *pad,
           Clicks     *clicks)
{
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);

  find_clicks (buffer, caps, clicks);
}

/* identity's handoff: the buffer as it leaves the source. */
static void
on_captured (GstElement *identity,
             GstBuffer  *buffer,
             Clicks     *clicks)
{
  g_autoptr(GstPad) pad = gst_element_get_static_pad (identity, "src");
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);

  find_clicks (buffer, caps, clicks);
}

static PpMedia *
bench_media (void)
{
  g_autoptr(GError) error = NULL;
  PpMedia *media = pp_media_new_from_sources (VIDEO, AUDIO, &error);

  if (media == NULL)
    g_error ("%s", error->message);
  pp_media_set_audio_output (media, "fakesink name=out sync=true signal-handoffs=true");
  if (!pp_media_start (media, &error))
    g_error ("%s", error->message);
  return media;
}

/* The guest */

typedef struct
{
  PpSession *session;
  PpParticipant *host;
  gint64 active_at;
  gboolean hooked;
  Clicks heard;
} Guest;

static gboolean
host_video_decodes (gpointer data)
{
  Guest *guest = data;
  GListModel *people = pp_session_get_participants (guest->session);

  for (guint i = 0; guest->host == NULL && i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(PpParticipant) p = g_list_model_get_item (people, i);

      if (!pp_participant_is_self (p))
        guest->host = p;
    }
  if (guest->active_at == 0 && pp_session_get_state (guest->session) == PP_SESSION_ACTIVE)
    guest->active_at = g_get_monotonic_time ();
  return guest->host != NULL && pp_participant_get_stream (guest->host, PP_MEDIA_VIDEO) != NULL &&
         pp_media_decoder_get_frames (pp_participant_get_stream (guest->host, PP_MEDIA_VIDEO)) > 0;
}

static guint64
host_frames (Guest *guest)
{
  return pp_media_decoder_get_frames (pp_participant_get_stream (guest->host, PP_MEDIA_VIDEO));
}

static int
run_guest (const char *link)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpMedia) media = bench_media ();
  Guest guest = { NULL };
  GstElement *out;
  guint64 frames;
  gint64 start;
  double cpu;

  g_mutex_init (&guest.heard.lock);
  guest.heard.times = g_array_new (FALSE, FALSE, sizeof (gint64));
  guest.session = pp_session_new_join (link, "Guest", &error);
  g_assert_no_error (error);
  pp_session_set_local_addresses (guest.session, loopback);
  pp_session_set_media (guest.session, media);
  pp_session_start (guest.session);
  pp_test_wait_for_full (host_video_decodes, &guest, 60, "the host's video");
  printf ("first_frame_ms=%.0f\n", (g_get_monotonic_time () - guest.active_at) / 1000.0);

  /* Where every peer's audio is played: the speaker, after the mixer. */
  out = pp_media_get_element (media, PP_MEDIA_AUDIO, "out");
  g_assert_nonnull (out);
  g_signal_connect (out, "handoff", G_CALLBACK (on_played), &guest.heard);
  gst_object_unref (out);

  run_for (1000);
  pp_test_say ("measuring");
  frames = host_frames (&guest);
  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  run_for (MEASURE_S * 1000);
  {
    double wall = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

    printf ("fps_received=%.1f\n", (host_frames (&guest) - frames) / wall);
    printf ("cpu_pct_per_peer=%.1f\n", 100.0 * (cpu_seconds () - cpu) / wall);
  }
  g_mutex_lock (&guest.heard.lock);
  for (guint i = 0; i < guest.heard.times->len; i++)
    printf ("heard %" G_GINT64_FORMAT "\n", g_array_index (guest.heard.times, gint64, i));
  g_mutex_unlock (&guest.heard.lock);
  pp_test_say ("done");

  pp_session_leave (guest.session);
  pp_test_spin (300);
  g_clear_object (&guest.session);
  pp_media_stop (media);
  pp_peer_warm_up_wait ();
  return 0;
}

/* The named peer: the same work with no session */

static int
run_bare (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = g_strdup_printf (
    VIDEO " ! videoconvert ! video/x-raw,width=%d,height=%d,framerate=30/1 ! "
    "vp8enc deadline=1 cpu-used=-8 end-usage=cbr target-bitrate=800000 lag-in-frames=0 "
    "error-resilient=partitions keyframe-max-dist=150 threads=2 ! rtpvp8pay ! rtpvp8depay ! "
    "vp8dec ! videoconvert ! video/x-raw,format=RGBA ! fakesink sync=false "
    "audiotestsrc is-live=true ! audioconvert ! audioresample ! audio/x-raw,rate=48000,channels=1 ! "
    "opusenc bitrate=32000 ! rtpopuspay ! rtpopusdepay ! opusdec ! audioconvert ! level ! volume ! "
    "fakesink sync=true",
    PP_MEDIA_VIDEO_WIDTH, PP_MEDIA_VIDEO_HEIGHT);
  GstElement *pipeline = gst_parse_launch (description, &error);
  double cpu;
  gint64 start;

  g_assert_no_error (error);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  run_for (1000);
  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  run_for (MEASURE_S * 1000);
  printf ("cpu_pct_bare_gstreamer=%.1f\n",
          100.0 * (cpu_seconds () - cpu) / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC));
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  return 0;
}

/* The host */

static void
on_join_request (PpSession     *session,
                 PpParticipant *participant,
                 gpointer       data)
{
  g_autoptr(GError) error = NULL;

  if (!pp_session_admit (session, pp_participant_get_peer_id (participant), TRUE, &error))
    g_error ("%s", error->message);
}

static gboolean
has_link (gpointer data)
{
  return pp_session_get_invite_link (data) != NULL;
}

static gboolean
type_one (gpointer data)
{
  PpSession *session = data;
  PpDoc *doc = pp_session_get_doc (session);
  PpText *text = pp_doc_get_text (doc, "code");

  pp_doc_transact_begin (doc, NULL);
  pp_text_insert (text, pp_text_length (text), "x", -1, NULL);
  pp_doc_transact_end (doc);
  return G_SOURCE_CONTINUE;
}

static PpTestProc *
spawn_self (const char *role,
            const char *link)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self, NULL };
  g_auto(GStrv) envp = g_get_environ ();

  envp = g_environ_setenv (envp, "CALL_BENCH_ROLE", role, TRUE);
  if (link != NULL)
    envp = g_environ_setenv (envp, "CALL_BENCH_LINK", link, TRUE);
  return pp_test_proc_spawn (role, argv, (const char * const *) envp);
}

static char *
expect_value (PpTestProc *proc,
              const char *name)
{
  g_autofree char *prefix = g_strconcat (name, "=", NULL);
  g_autofree char *line = pp_test_proc_expect (proc, prefix, 120);

  return g_strdup (line + strlen (prefix));
}

static int
cmp_int64 (gconstpointer a,
           gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static int
run_host (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  g_autoptr(PpMedia) media = bench_media ();
  g_autoptr(PpSession) session = pp_session_new_host (server->uri, "Host");
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *first = NULL, *fps = NULL, *cpu = NULL, *bare = NULL;
  Clicks sent = { .times = g_array_new (FALSE, FALSE, sizeof (gint64)) };
  PpTestStallMeter meter = { 0 };
  GstElement *clicks = pp_media_get_element (media, PP_MEDIA_AUDIO, "clicks");
  PpTestProc *guest, *peer;
  guint typing;
  gint64 stall_us;
  char *line;

  g_mutex_init (&sent.lock);
  g_signal_connect (clicks, "handoff", G_CALLBACK (on_captured), &sent);
  gst_object_unref (clicks);
  pp_session_set_local_addresses (session, loopback);
  pp_session_set_media (session, media);
  g_signal_connect (session, "join-request", G_CALLBACK (on_join_request), NULL);
  pp_session_start (session);
  pp_test_wait_for (has_link, session, "the invite link");

  guest = spawn_self ("guest", pp_session_get_invite_link (session));
  first = expect_value (guest, "first_frame_ms");
  g_free (pp_test_proc_expect (guest, "measuring", 60));
  pp_test_stall_meter_start (&meter, 2);
  typing = g_timeout_add (30, type_one, session);
  fps = expect_value (guest, "fps_received");
  cpu = expect_value (guest, "cpu_pct_per_peer");
  g_source_remove (typing);
  stall_us = pp_test_stall_meter_stop (&meter);
  /* Each click heard is matched with the last one sent before it. */
  while ((line = pp_test_proc_expect (guest, "", 30)) != NULL && !g_str_equal (line, "done"))
    {
      gint64 heard, best = -1;

      if (sscanf (line, "heard %" G_GINT64_FORMAT, &heard) == 1)
        {
          g_mutex_lock (&sent.lock);
          for (guint i = 0; i < sent.times->len; i++)
            {
              gint64 t = g_array_index (sent.times, gint64, i);

              if (t <= heard && heard - t < 400 * G_TIME_SPAN_MILLISECOND)
                best = heard - t;
            }
          g_mutex_unlock (&sent.lock);
          if (best >= 0)
            g_array_append_val (latencies, best);
        }
      g_free (line);
    }
  g_free (line);
  pp_test_proc_free (guest);
  pp_session_leave (session);
  pp_test_spin (300);
  pp_media_stop (media);

  peer = spawn_self ("bare", NULL);
  bare = expect_value (peer, "cpu_pct_bare_gstreamer");
  pp_test_proc_free (peer);
  pp_test_server_stop (server);

  printf ("first_frame_ms=%s\n", first);
  printf ("fps_received=%s\n", fps);
  printf ("cpu_pct_per_peer=%s\n", cpu);
  printf ("cpu_pct_bare_gstreamer=%s\n", bare);
  printf ("cpu_vs_bare_gstreamer=%.2f\n", g_ascii_strtod (cpu, NULL) / g_ascii_strtod (bare, NULL));
  if (latencies->len > 0)
    {
      g_array_sort (latencies, cmp_int64);
      printf ("audio_latency_ms=%.1f\n", g_array_index (latencies, gint64, latencies->len / 2) / 1000.0);
      printf ("audio_clicks_matched=%u\n", latencies->len);
    }
  else
    printf ("audio_latency_ms=nan\n");
  printf ("editor_stall_max_ms=%.1f\n", stall_us / 1000.0);
  g_array_unref (sent.times);
  pp_peer_warm_up_wait ();
  return 0;
}

int
main (int argc, char **argv)
{
  const char *role = g_getenv ("CALL_BENCH_ROLE");

  gst_init (&argc, &argv);
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (g_strcmp0 (role, "guest") == 0)
    return run_guest (g_getenv ("CALL_BENCH_LINK"));
  if (g_strcmp0 (role, "bare") == 0)
    return run_bare ();
  return run_host ();
}

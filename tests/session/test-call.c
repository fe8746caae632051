/* test-call.c: a call between two real webrtcbin peers in one process,
 * their camera and microphone from GStreamer's test sources: video and
 * audio both ways, muting seen in webrtcbin's statistics, and the data
 * channel whatever the media does
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/prctl.h>

#include "pp-frame.h"
#include "pp-media.h"
#include "pp-peer.h"
#include "pp-test-lib.h"

#define TEST_VIDEO "videotestsrc is-live=true pattern=ball"
#define TEST_AUDIO "audiotestsrc is-live=true wave=sine freq=440 volume=0.2"

static const char * const loopback[] = { "127.0.0.1", NULL };

/* The camera's rate must arrive: 25 fps or more for 30 sent. Under
 * AddressSanitizer the two peers' instrumented code shares two cores
 * with two encoders and two decoders: 24.5 fps was the steady rate on
 * some runs there, and 15 fps once. That build asks for a moving
 * picture; the normal build asks for the rate. */
#if defined(__SANITIZE_ADDRESS__)
#define MIN_FPS 10.0
#else
#define MIN_FPS 25.0
#endif

typedef struct
{
  PpPeer *peers[2];            /* "alice" offers, "bob" answers */
  PpMedia *media[2];           /* nullable */
  guint frames_to[2];          /* data channel frames each received */
  guint stream_changes[2];
  char *offer;                 /* the last offer's SDP */
} Call;

static void
on_signal_out (PpPeer     *from,
               const char *json,
               Call       *call)
{
  PpPeer *to = from == call->peers[0] ? call->peers[1] : call->peers[0];
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  JsonObject *obj = json_node_get_object (node);

  if (g_strcmp0 (json_object_get_string_member_with_default (obj, "t", NULL), "offer") == 0)
    {
      g_free (call->offer);
      call->offer = g_strdup (json_object_get_string_member (obj, "sdp"));
    }
  g_assert_true (pp_peer_receive_signal (to, json, &error));
  g_assert_no_error (error);
}

static void
on_frame (PpPeer *peer,
          GBytes *frame,
          Call   *call)
{
  call->frames_to[peer == call->peers[1]]++;
}

static void
on_stream_changed (PpPeer *peer,
                   guint   kind,
                   Call   *call)
{
  call->stream_changes[peer == call->peers[1]]++;
}

static PpMedia *
started_media (const char *video,
               const char *audio)
{
  g_autoptr(GError) error = NULL;
  PpMedia *media = pp_media_new_from_sources (video, audio, &error);

  g_assert_no_error (error);
  pp_media_set_audio_output (media, "fakesink sync=true");
  g_assert_true (pp_media_start (media, &error));
  g_assert_no_error (error);
  return media;
}

static gboolean
both_connected (gpointer data)
{
  Call *call = data;

  return pp_peer_get_state (call->peers[0]) == PP_PEER_CONNECTED &&
         pp_peer_get_state (call->peers[1]) == PP_PEER_CONNECTED;
}

/* Media given as NULL is a side that has no call at all. */
static void
call_start (Call    *call,
            PpMedia *alice,
            PpMedia *bob)
{
  static const char * const names[] = { "alice", "bob" };

  memset (call, 0, sizeof *call);
  call->media[0] = alice;
  call->media[1] = bob;
  pp_peer_warm_up ();
  for (guint i = 0; i < 2; i++)
    {
      call->peers[i] = pp_peer_new (names[i], names[!i], NULL);
      pp_peer_set_local_addresses (call->peers[i], loopback);
      if (call->media[i] != NULL)
        pp_peer_set_media (call->peers[i], call->media[i]);
      g_signal_connect (call->peers[i], "signal-out", G_CALLBACK (on_signal_out), call);
      g_signal_connect (call->peers[i], "frame", G_CALLBACK (on_frame), call);
      g_signal_connect (call->peers[i], "stream-changed", G_CALLBACK (on_stream_changed), call);
    }
  pp_peer_start (call->peers[1]);
  pp_peer_start (call->peers[0]);
  pp_test_wait_for (both_connected, call, "both data channels to open");
}

static void
call_finish (Call *call)
{
  for (guint i = 0; i < 2; i++)
    {
      pp_peer_close (call->peers[i]);
      g_assert_finalize_object (call->peers[i]);
    }
  for (guint i = 0; i < 2; i++)
    if (call->media[i] != NULL)
      {
        pp_media_stop (call->media[i]);
        g_assert_finalize_object (call->media[i]);
      }
  g_free (call->offer);
}

static guint
count_lines (const char *sdp,
             const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (sdp, "\r\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

static guint64
decoded (PpPeer      *peer,
         PpMediaKind  kind)
{
  PpMediaDecoder *decoder = pp_peer_get_decoder (peer, kind);

  return decoder != NULL ? pp_media_decoder_get_frames (decoder) : 0;
}

static gboolean
all_streams_decode (gpointer data)
{
  Call *call = data;

  for (guint i = 0; i < 2; i++)
    if (decoded (call->peers[i], PP_MEDIA_VIDEO) == 0 || decoded (call->peers[i], PP_MEDIA_AUDIO) == 0)
      return FALSE;
  return TRUE;
}

/* Waits for every stream to decode; when one does not, says what each
 * side sent, received and decoded before failing. */
static void
wait_for_decoding (Call *call)
{
  for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       !all_streams_decode (call) && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  if (all_streams_decode (call))
    return;
  for (guint i = 0; i < 2; i++)
    for (PpMediaKind kind = PP_MEDIA_AUDIO; kind <= PP_MEDIA_VIDEO; kind++)
      {
        guint64 sent = 0, received = 0;

        pp_peer_get_rtp_counts (call->peers[i], kind, &sent, &received);
        g_test_message ("%s %s: %" G_GUINT64_FORMAT " packets made, %" G_GUINT64_FORMAT
                        " sent, %" G_GUINT64_FORMAT " received, %" G_GUINT64_FORMAT
                        " decoded, decoder %s",
                        i ? "bob" : "alice", kind == PP_MEDIA_VIDEO ? "video" : "audio",
                        call->media[i] ? pp_media_get_packets_sent (call->media[i], kind) : 0,
                        sent, received, decoded (call->peers[i], kind),
                        pp_peer_get_decoder (call->peers[i], kind) ? "linked" : "missing");
      }
  g_assert_true (all_streams_decode (call));
}

/* Each side's data channel still carries frames. */
static void
assert_channel_works (Call *call)
{
  g_autoptr(GBytes) hello = pp_frame_build_control ("{\"type\":\"hello\"}");
  guint before[2] = { call->frames_to[0], call->frames_to[1] };

  g_assert_true (pp_peer_send (call->peers[0], hello));
  g_assert_true (pp_peer_send (call->peers[1], hello));
  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       (call->frames_to[0] == before[0] || call->frames_to[1] == before[1]) &&
       g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (call->frames_to[0], >, before[0]);
  g_assert_cmpuint (call->frames_to[1], >, before[1]);
}

/* Both ways: video at the camera's rate (25 fps at the least) and the
 * tone, on the connection that carries the document. */
static void
test_call_both_ways (void)
{
  Call call;
  guint64 start_frames[2];
  double fps[2] = { 0, 0 };
  gint64 start, first_frame;

  start = g_get_monotonic_time ();
  call_start (&call, started_media (TEST_VIDEO, TEST_AUDIO), started_media (TEST_VIDEO, TEST_AUDIO));
  g_test_message ("channel open after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  wait_for_decoding (&call);
  first_frame = g_get_monotonic_time ();
  g_test_message ("every stream decoding after %.0f ms", (first_frame - start) / 1000.0);
  g_assert_cmpuint (call.stream_changes[0], ==, 2);
  g_assert_cmpuint (call.stream_changes[1], ==, 2);

  /* The offer a browser would get: audio and video both ways, a video
   * section that only receives (for a browser's camera), the channel. */
  g_assert_nonnull (call.offer);
  g_assert_cmpuint (count_lines (call.offer, "m=audio"), ==, 1);
  g_assert_cmpuint (count_lines (call.offer, "m=video"), ==, 2);
  g_assert_cmpuint (count_lines (call.offer, "m=application"), ==, 1);
  g_assert_cmpuint (count_lines (call.offer, "a=sendrecv"), ==, 2);
  g_assert_cmpuint (count_lines (call.offer, "a=recvonly"), ==, 1);
  g_assert_cmpuint (count_lines (call.offer, "a=rtpmap:96 VP8/90000"), ==, 2);
  g_assert_cmpuint (count_lines (call.offer, "a=rtpmap:111 OPUS/48000"), ==, 1);

  /* The rate is counted over two seconds, up to three times: on this
   * shared two-core machine the two encoders in one process sometimes
   * run slower for a while (the same encoding measured three times as
   * costly, with nothing else changed); a call that stays slow fails. */
  for (guint window = 0; window < 3 && (fps[0] < MIN_FPS || fps[1] < MIN_FPS); window++)
    {
      pp_test_spin (1000);
      for (guint i = 0; i < 2; i++)
        start_frames[i] = decoded (call.peers[i], PP_MEDIA_VIDEO);
      start = g_get_monotonic_time ();
      pp_test_spin (2000);
      for (guint i = 0; i < 2; i++)
        {
          double seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

          fps[i] = MAX (fps[i], (decoded (call.peers[i], PP_MEDIA_VIDEO) - start_frames[i]) / seconds);
        }
      g_test_message ("alice receives %.1f fps, bob %.1f fps", fps[0], fps[1]);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GstSample) frame = pp_media_decoder_take_frame (pp_peer_get_decoder (call.peers[i], PP_MEDIA_VIDEO));
      GstStructure *s = gst_caps_get_structure (gst_sample_get_caps (frame), 0);
      double level = pp_media_decoder_get_level (pp_peer_get_decoder (call.peers[i], PP_MEDIA_AUDIO));
      gint width = 0, height = 0;

      g_test_message ("%s hears the tone at %.1f dB, in %" G_GUINT64_FORMAT " buffers",
                      i ? "bob" : "alice", level, decoded (call.peers[i], PP_MEDIA_AUDIO));
      g_assert_cmpfloat (fps[i], >=, MIN_FPS);
      gst_structure_get_int (s, "width", &width);
      gst_structure_get_int (s, "height", &height);
      g_assert_cmpint (width, ==, PP_MEDIA_VIDEO_WIDTH);
      g_assert_cmpint (height, ==, PP_MEDIA_VIDEO_HEIGHT);
      g_assert_cmpfloat (level, >, -30.0);
    }
  assert_channel_works (&call);
  call_finish (&call);
}

static void
rtp_counts (PpPeer      *peer,
            PpMediaKind  kind,
            guint64     *sent,
            guint64     *received)
{
  g_assert_true (pp_peer_get_rtp_counts (peer, kind, sent, received));
}

/* Is @peer sending packets of @kind, by webrtcbin's count? It must grow
 * in at least two of three half seconds: webrtcbin drops a source that
 * went quiet from its figures and may bring it back later with what it
 * had sent before, which is one jump, not a stream. */
static gboolean
sends (PpPeer      *peer,
       PpMediaKind  kind)
{
  guint64 counts[4];
  guint grew = 0;

  /* What was on its way when the state changed goes first. */
  pp_test_spin (300);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      if (i > 0)
        pp_test_spin (500);
      rtp_counts (peer, kind, &counts[i], NULL);
      if (i > 0 && counts[i] > counts[i - 1])
        grew++;
    }
  g_test_message ("%s packets sent in 1.5 s: %" G_GUINT64_FORMAT ", growing in %u of 3 readings",
                  kind == PP_MEDIA_VIDEO ? "video" : "audio", counts[3] - counts[0], grew);
  return grew >= 2;
}

static guint64
packets_sent (PpPeer      *peer,
              PpMediaKind  kind)
{
  guint64 sent = 0;

  rtp_counts (peer, kind, &sent, NULL);
  return sent;
}

/* Does @count of @peer's @kind stop growing? What was already queued when
 * the state changed still drains: on a loaded machine it took more than
 * 1.8 s (alice's audio under ASan in CI). The count must go flat within
 * ten seconds and then stay flat for a second; a stream that goes on
 * never does. */
static gboolean
stops (PpPeer       *peer,
       PpMediaKind   kind,
       guint64     (*count) (PpPeer *, PpMediaKind))
{
  gint64 start = g_get_monotonic_time ();
  gint64 flat_since = -1;
  guint64 last = count (peer, kind);

  while (g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    {
      guint64 now;

      pp_test_spin (250);
      now = count (peer, kind);
      if (now != last)
        {
          last = now;
          flat_since = -1;
        }
      else if (flat_since < 0)
        flat_since = g_get_monotonic_time ();
      else if (g_get_monotonic_time () - flat_since >= G_USEC_PER_SEC)
        {
          g_test_message ("%s stopped after %.1f s", kind == PP_MEDIA_VIDEO ? "video" : "audio",
                          (flat_since - start) / (double) G_USEC_PER_SEC);
          return TRUE;
        }
    }
  return FALSE;
}

/* Waits a few seconds at most for @peer's stream of @kind to decode
 * anew. (webrtcbin drops a source that went quiet from its statistics,
 * and counts it again only at a later RTCP report.) */
static gboolean
decodes_again (PpPeer      *peer,
               PpMediaKind  kind)
{
  gint64 start = g_get_monotonic_time ();
  guint64 before = decoded (peer, kind);

  while (decoded (peer, kind) < before + 5 && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    pp_test_spin (20);
  g_test_message ("%s decoded again after %.0f ms", kind == PP_MEDIA_VIDEO ? "video" : "audio",
                  (g_get_monotonic_time () - start) / 1000.0);
  return decoded (peer, kind) >= before + 5;
}

/* Muting the microphone stops alice's audio packets, as webrtcbin counts
 * them, and not her video; the camera off stops video; both come back. */
static void
test_call_mute (void)
{
  Call call;
  guint64 received_before;

  call_start (&call, started_media (TEST_VIDEO, TEST_AUDIO), started_media (TEST_VIDEO, TEST_AUDIO));
  wait_for_decoding (&call);
  g_assert_true (sends (call.peers[0], PP_MEDIA_AUDIO));
  rtp_counts (call.peers[1], PP_MEDIA_AUDIO, NULL, &received_before);
  g_assert_cmpuint (received_before, >, 0);

  pp_media_set_sending (call.media[0], PP_MEDIA_AUDIO, FALSE);
  g_assert_true (stops (call.peers[0], PP_MEDIA_AUDIO, packets_sent));
  g_assert_true (sends (call.peers[0], PP_MEDIA_VIDEO));
  /* bob's microphone is not alice's. */
  g_assert_true (sends (call.peers[1], PP_MEDIA_AUDIO));

  pp_media_set_sending (call.media[0], PP_MEDIA_VIDEO, FALSE);
  g_assert_true (stops (call.peers[0], PP_MEDIA_VIDEO, packets_sent));
  g_assert_true (stops (call.peers[1], PP_MEDIA_VIDEO, decoded));

  pp_media_set_sending (call.media[0], PP_MEDIA_AUDIO, TRUE);
  pp_media_set_sending (call.media[0], PP_MEDIA_VIDEO, TRUE);
  g_assert_true (decodes_again (call.peers[1], PP_MEDIA_AUDIO));
  g_assert_true (decodes_again (call.peers[1], PP_MEDIA_VIDEO));
  assert_channel_works (&call);
  call_finish (&call);
}

static gboolean
bob_decodes_video (gpointer data)
{
  Call *call = data;

  return decoded (call->peers[1], PP_MEDIA_VIDEO) > 10;
}

/* alice has no camera and no microphone: the channel opens all the same,
 * she sees bob, and bob gets no stream from her. */
static void
test_call_no_devices (void)
{
  Call call;

  call_start (&call, started_media (NULL, NULL), started_media (TEST_VIDEO, TEST_AUDIO));
  assert_channel_works (&call);
  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       decoded (call.peers[0], PP_MEDIA_VIDEO) < 10 && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (decoded (call.peers[0], PP_MEDIA_VIDEO), >=, 10);
  g_assert_null (pp_peer_get_decoder (call.peers[1], PP_MEDIA_VIDEO));
  g_assert_null (pp_peer_get_decoder (call.peers[1], PP_MEDIA_AUDIO));
  g_assert_false (sends (call.peers[0], PP_MEDIA_VIDEO));
  call_finish (&call);
}

/* One side without any call (an older Pairpad, or one that refused the
 * call) and the other offering media: the channel works both ways,
 * whichever side offers. */
static void
test_call_one_side_without (void)
{
  for (guint offerer_has_media = 0; offerer_has_media < 2; offerer_has_media++)
    {
      Call call;
      PpMedia *media = started_media (TEST_VIDEO, TEST_AUDIO);

      call_start (&call, offerer_has_media ? media : NULL, offerer_has_media ? NULL : media);
      assert_channel_works (&call);
      pp_test_spin (500);
      assert_channel_works (&call);
      call_finish (&call);
    }
}

static void
on_source_failed (PpMedia    *media,
                  int         kind,
                  const char *message,
                  int        *failed_kind)
{
  *failed_kind = kind;
}

static gboolean
int_set (gpointer data)
{
  return *(int *) data >= 0;
}

/* alice's camera fails mid-call: her audio goes on, and so does the
 * document's channel. */
static void
test_call_camera_fails (void)
{
  Call call;
  int failed_kind = -1;
  guint64 audio_before;

  call_start (&call, started_media (TEST_VIDEO " ! identity error-after=60", TEST_AUDIO),
              started_media (TEST_VIDEO, TEST_AUDIO));
  g_signal_connect (call.media[0], "source-failed", G_CALLBACK (on_source_failed), &failed_kind);
  pp_test_wait_for (bob_decodes_video, &call, "bob to see alice");
  pp_test_wait_for (int_set, &failed_kind, "alice's camera to fail");
  g_assert_cmpint (failed_kind, ==, PP_MEDIA_VIDEO);
  g_assert_false (sends (call.peers[0], PP_MEDIA_VIDEO));
  audio_before = decoded (call.peers[1], PP_MEDIA_AUDIO);
  pp_test_spin (500);
  g_assert_cmpuint (decoded (call.peers[1], PP_MEDIA_AUDIO), >, audio_before);
  g_assert_cmpint (pp_peer_get_state (call.peers[0]), ==, PP_PEER_CONNECTED);
  assert_channel_works (&call);
  call_finish (&call);
}

/* The network in front of bob's transport loses one packet in four. */
typedef struct
{
  gint dropping;         /* atomic */
  guint count;
} Lossy;

static GstPadProbeReturn
drop_some (GstPad          *pad,
           GstPadProbeInfo *info,
           gpointer         data)
{
  Lossy *lossy = data;

  if (g_atomic_int_get (&lossy->dropping) && ++lossy->count % 4 == 0)
    return GST_PAD_PROBE_DROP;
  return GST_PAD_PROBE_OK;
}

static void
make_lossy (PpPeer *peer,
            Lossy  *lossy)
{
  GstElement *decoder = GST_ELEMENT (pp_peer_get_decoder (peer, PP_MEDIA_VIDEO));
  g_autoptr(GstElement) pipeline = GST_ELEMENT (gst_element_get_parent (decoder));
  GstIterator *it = gst_bin_iterate_recurse (GST_BIN (pipeline));
  GValue value = G_VALUE_INIT;
  guint n = 0;

  while (gst_iterator_next (it, &value) == GST_ITERATOR_OK)
    {
      GstElement *element = g_value_get_object (&value);
      GstElementFactory *factory = gst_element_get_factory (element);

      if (factory != NULL && g_str_equal (GST_OBJECT_NAME (factory), "nicesrc"))
        {
          g_autoptr(GstPad) src = gst_element_get_static_pad (element, "src");

          gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER, drop_some, lossy, NULL);
          n++;
        }
      g_value_reset (&value);
    }
  gst_iterator_free (it);
  g_assert_cmpuint (n, >, 0);
}

typedef struct
{
  PpMedia *media;
  double last;
  guint reports;
} LossSeen;

/* What the sessions do with bob's count of what he lost: alice hears it,
 * and her camera follows. */
static void
on_loss (PpPeer   *peer,
         double    loss,
         LossSeen *seen)
{
  seen->last = loss;
  seen->reports++;
  pp_media_adapt_video_bitrate (seen->media, loss);
  g_test_message ("loss %.3f, bitrate %u", loss, pp_media_get_video_bitrate (seen->media));
}

static gboolean
bitrate_below (gpointer data)
{
  LossSeen *seen = data;

  return pp_media_get_video_bitrate (seen->media) <= 500000;
}

static gboolean
bitrate_back (gpointer data)
{
  LossSeen *seen = data;

  return pp_media_get_video_bitrate (seen->media) >= 700000;
}

/* bob's side of the network loses a quarter of the packets: his peer
 * counts the gaps, and alice's camera, told, lowers its bitrate; once the
 * loss is over, it climbs back. The channel works throughout. */
static void
test_call_loss (void)
{
  Call call;
  Lossy lossy = { 0 };
  LossSeen seen = { 0 };

  call_start (&call, started_media (TEST_VIDEO, TEST_AUDIO), started_media (TEST_VIDEO, TEST_AUDIO));
  seen.media = call.media[0];
  wait_for_decoding (&call);
  g_assert_cmpuint (pp_media_get_video_bitrate (call.media[0]), ==, 800000);
  g_signal_connect (call.peers[1], "loss", G_CALLBACK (on_loss), &seen);
  make_lossy (call.peers[1], &lossy);
  g_atomic_int_set (&lossy.dropping, TRUE);
  pp_test_wait_for_full (bitrate_below, &seen, 30, "alice's bitrate to follow the loss");
  g_assert_cmpfloat (seen.last, >, 0.10);
  assert_channel_works (&call);

  g_atomic_int_set (&lossy.dropping, FALSE);
  pp_test_wait_for_full (bitrate_back, &seen, 40, "alice's bitrate to climb back");
  g_assert_cmpfloat (seen.last, <, 0.02);
  g_assert_cmpuint (pp_media_get_video_bitrate (call.media[0]), <=, 800000);
  call_finish (&call);
}

/* GStreamer 1.22's RTCP thread (rtpsession's timeout) walks its table of
 * sources while a peer's first packets add one: GLib says so with a
 * critical, and that one report is skipped. Seen in about one call start
 * of sixty under AddressSanitizer; it is not ours to fix, and anything
 * else stays fatal. */
static gboolean
fatal_unless_rtcp_race (const char     *domain,
                        GLogLevelFlags  level,
                        const char     *message,
                        gpointer        data)
{
  char thread[16] = "";

  prctl (PR_GET_NAME, thread);
  if (g_strcmp0 (domain, "GLib") == 0 && g_str_equal (thread, "rtpsession-rtcp") &&
      strstr (message, "g_hash_table_foreach: assertion 'version == hash_table->version' failed") != NULL)
    return FALSE;
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_unless_rtcp_race, NULL);
  gst_init (NULL, NULL);

  g_test_add_func ("/call/both-ways", test_call_both_ways);
  g_test_add_func ("/call/mute", test_call_mute);
  g_test_add_func ("/call/no-devices", test_call_no_devices);
  g_test_add_func ("/call/one-side-without", test_call_one_side_without);
  g_test_add_func ("/call/camera-fails", test_call_camera_fails);
  g_test_add_func ("/call/loss", test_call_loss);
  return g_test_run ();
}

/* test-media.c: the camera and microphone of a call, from GStreamer's test
 * sources (a moving pattern and a tone), encoded once and decoded by
 * receivers as a peer's pipeline would: frame rates, turning off, a
 * source that fails, a missing plugin
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

#include "pp-media.h"
#include "pp-test-devices.h"
#include "pp-test-lib.h"

#define TEST_VIDEO "videotestsrc is-live=true pattern=ball"
#define TEST_AUDIO "audiotestsrc is-live=true wave=sine freq=440 volume=0.2"

/* What a peer's pipeline does with the packets: appsrc, then decoding. */
typedef struct
{
  GstElement *pipeline;
  GstElement *appsrc;          /* borrowed */
  PpMediaDecoder *decoder;     /* borrowed */
  guint frame_signals;
} Receiver;

static GThread *main_thread;

/* On the thread that made the decoder, never a streaming thread, even
 * when nobody runs the main loop as the frame comes. */
static void
on_frame (PpMediaDecoder *decoder,
          Receiver       *receiver)
{
  g_assert_true (g_thread_self () == main_thread);
  receiver->frame_signals++;
}

/* @sink: (nullable) (transfer floating): where audio goes; a sink that
 * plays it in time when %NULL */
static Receiver *
receiver_new_with_sink (PpMedia     *media,
                        PpMediaKind  kind,
                        GstElement  *sink)
{
  Receiver *receiver = g_new0 (Receiver, 1);

  if (sink == NULL && kind == PP_MEDIA_AUDIO)
    {
      sink = gst_element_factory_make ("fakesink", NULL);
      g_object_set (sink, "sync", TRUE, NULL);
    }
  receiver->pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  receiver->appsrc = gst_element_factory_make ("appsrc", NULL);
  receiver->decoder = PP_MEDIA_DECODER (pp_media_decoder_new (kind, sink));
  g_assert_nonnull (receiver->decoder);
  gst_bin_add_many (GST_BIN (receiver->pipeline), receiver->appsrc, GST_ELEMENT (receiver->decoder), NULL);
  g_assert_true (gst_element_link (receiver->appsrc, GST_ELEMENT (receiver->decoder)));
  g_signal_connect (receiver->decoder, "frame", G_CALLBACK (on_frame), receiver);
  pp_media_add_output (media, kind, receiver->appsrc);
  g_assert_cmpint (gst_element_set_state (receiver->pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
  return receiver;
}

static Receiver *
receiver_new (PpMedia     *media,
              PpMediaKind  kind)
{
  return receiver_new_with_sink (media, kind, NULL);
}

static void
receiver_free (Receiver *receiver)
{
  /* A frame's emission may still be on its way, holding the decoder. */
  g_signal_handlers_disconnect_by_data (receiver->decoder, receiver);
  gst_element_set_state (receiver->pipeline, GST_STATE_NULL);
  gst_object_unref (receiver->pipeline);
  g_free (receiver);
}

static guint64
frames (Receiver *receiver)
{
  return pp_media_decoder_get_frames (receiver->decoder);
}

static gboolean
has_frames (gpointer data)
{
  return frames (data) > 0;
}

static PpMedia *
started_media (const char *video,
               const char *audio)
{
  g_autoptr(GError) error = NULL;
  PpMedia *media = pp_media_new_from_sources (video, audio, &error);

  g_assert_no_error (error);
  /* Others' audio, played in time and heard by nobody. */
  pp_media_set_audio_output (media, "fakesink sync=true");
  g_assert_true (pp_media_start (media, &error));
  g_assert_no_error (error);
  return media;
}

/* Two receivers, as two peers in a call: each gets 640×480 video at the
 * camera's 30 fps (25 at the least) and the tone, at its loudness. */
static void
test_two_receivers (void)
{
  g_autoptr(PpMedia) media = started_media (TEST_VIDEO, TEST_AUDIO);
  Receiver *video[2] = { receiver_new (media, PP_MEDIA_VIDEO), receiver_new (media, PP_MEDIA_VIDEO) };
  Receiver *audio = receiver_new (media, PP_MEDIA_AUDIO);
  guint64 start[2];
  gint64 t0;
  double seconds, fps;

  for (guint i = 0; i < 2; i++)
    pp_test_wait_for (has_frames, video[i], "the first video frame");
  /* Frames that come while the main loop is not run wait for it. */
  g_usleep (300 * 1000);
  pp_test_wait_for (has_frames, audio, "the first audio");
  t0 = g_get_monotonic_time ();
  start[0] = frames (video[0]);
  start[1] = frames (video[1]);
  pp_test_spin (2000);
  seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
  for (guint i = 0; i < 2; i++)
    {
      fps = (frames (video[i]) - start[i]) / seconds;
      g_test_message ("receiver %u: %.1f fps", i, fps);
      g_assert_cmpfloat (fps, >=, 25.0);
      g_assert_cmpuint (video[i]->frame_signals, >, 0);
    }
  {
    g_autoptr(GstSample) frame = pp_media_decoder_take_frame (video[0]->decoder);
    GstStructure *s;
    int width = 0, height = 0;

    g_assert_nonnull (frame);
    s = gst_caps_get_structure (gst_sample_get_caps (frame), 0);
    g_assert_true (gst_structure_get_int (s, "width", &width));
    g_assert_true (gst_structure_get_int (s, "height", &height));
    g_assert_cmpint (width, ==, PP_MEDIA_VIDEO_WIDTH);
    g_assert_cmpint (height, ==, PP_MEDIA_VIDEO_HEIGHT);
    g_assert_cmpstr (gst_structure_get_string (s, "format"), ==, "RGBA");
  }
  /* The tone's RMS is about -17 dB; silence would be far below. */
  g_test_message ("audio: %" G_GUINT64_FORMAT " buffers, %.1f dB", frames (audio),
                  pp_media_decoder_get_level (audio->decoder));
  g_assert_cmpuint (frames (audio), >=, 50);
  g_assert_cmpfloat (pp_media_decoder_get_level (audio->decoder), >, -30.0);
  g_assert_cmpfloat (pp_media_decoder_get_level (audio->decoder), <, -5.0);

  pp_media_remove_output (media, video[1]->appsrc);
  start[1] = frames (video[1]);
  start[0] = frames (video[0]);
  pp_test_spin (500);
  g_assert_cmpuint (frames (video[1]), <=, start[1] + 2);
  g_assert_cmpuint (frames (video[0]), >, start[0] + 5);

  pp_media_stop (media);
  receiver_free (video[0]);
  receiver_free (video[1]);
  receiver_free (audio);
}

/* Camera or microphone off: not one packet goes; on again, the receiver
 * decodes again at once (it is sent a key frame). */
static void
test_turned_off (void)
{
  g_autoptr(PpMedia) media = started_media (TEST_VIDEO, TEST_AUDIO);
  Receiver *video = receiver_new (media, PP_MEDIA_VIDEO);
  Receiver *audio = receiver_new (media, PP_MEDIA_AUDIO);

  for (PpMediaKind kind = PP_MEDIA_AUDIO; kind <= PP_MEDIA_VIDEO; kind++)
    {
      Receiver *receiver = kind == PP_MEDIA_VIDEO ? video : audio;
      guint64 sent, got;

      pp_test_wait_for (has_frames, receiver, "the first media");
      pp_media_set_sending (media, kind, FALSE);
      g_assert_false (pp_media_get_sending (media, kind));
      /* What was on its way arrives first. */
      pp_test_spin (300);
      sent = pp_media_get_packets_sent (media, kind);
      got = frames (receiver);
      pp_test_spin (700);
      g_assert_cmpuint (pp_media_get_packets_sent (media, kind), ==, sent);
      g_assert_cmpuint (frames (receiver), ==, got);

      pp_media_set_sending (media, kind, TRUE);
      pp_test_spin (700);
      g_assert_cmpuint (pp_media_get_packets_sent (media, kind), >, sent);
      g_assert_cmpuint (frames (receiver), >, got + 5);
    }
  /* The bitrate is kept within bounds, and the encoder takes it. */
  pp_media_set_video_bitrate (media, 10);
  g_assert_cmpuint (pp_media_get_video_bitrate (media), ==, 100000);
  pp_media_set_video_bitrate (media, 300000);
  g_assert_cmpuint (pp_media_get_video_bitrate (media), ==, 300000);

  pp_media_stop (media);
  receiver_free (video);
  receiver_free (audio);
}

static void
on_source_failed (PpMedia    *media,
                  int         kind,
                  const char *message,
                  int        *failed_kind)
{
  g_test_message ("source failed: %s", message);
  *failed_kind = kind;
}

static gboolean
int_set (gpointer data)
{
  return *(int *) data >= 0;
}

/* A camera that fails mid-call is reported and gone; the microphone goes
 * on. */
static void
test_source_fails (void)
{
  g_autoptr(PpMedia) media = started_media (TEST_VIDEO " ! identity error-after=20", TEST_AUDIO);
  Receiver *audio = receiver_new (media, PP_MEDIA_AUDIO);
  int failed_kind = -1;
  guint64 sent;

  g_signal_connect (media, "source-failed", G_CALLBACK (on_source_failed), &failed_kind);
  pp_test_wait_for (int_set, &failed_kind, "the camera to fail");
  g_assert_cmpint (failed_kind, ==, PP_MEDIA_VIDEO);
  g_assert_false (pp_media_get_available (media, PP_MEDIA_VIDEO));
  g_assert_false (pp_media_get_sending (media, PP_MEDIA_VIDEO));
  g_assert_true (pp_media_get_available (media, PP_MEDIA_AUDIO));
  sent = pp_media_get_packets_sent (media, PP_MEDIA_AUDIO);
  pp_test_spin (500);
  g_assert_cmpuint (pp_media_get_packets_sent (media, PP_MEDIA_AUDIO), >, sent + 10);

  pp_media_stop (media);
  receiver_free (audio);
}

/* A camera that failed is started again (plugged back in): its packets
 * go to the receivers it had, and its receiver decodes again. */
static void
test_restart (void)
{
  g_autoptr(PpMedia) media = started_media (TEST_VIDEO " ! identity error-after=30", TEST_AUDIO);
  g_autoptr(GError) error = NULL;
  Receiver *video = receiver_new (media, PP_MEDIA_VIDEO);
  int failed_kind = -1;
  guint64 sent, decoded;

  g_signal_connect (media, "source-failed", G_CALLBACK (on_source_failed), &failed_kind);
  pp_test_wait_for (int_set, &failed_kind, "the camera to fail");
  g_assert_false (pp_media_get_available (media, PP_MEDIA_VIDEO));
  sent = pp_media_get_packets_sent (media, PP_MEDIA_VIDEO);
  decoded = frames (video);

  g_assert_true (pp_media_restart (media, PP_MEDIA_VIDEO, &error));
  g_assert_no_error (error);
  g_assert_true (pp_media_get_available (media, PP_MEDIA_VIDEO));
  g_assert_true (pp_media_get_sending (media, PP_MEDIA_VIDEO));
  failed_kind = -1;
  /* It fails again after its thirty frames, having sent them. */
  pp_test_wait_for (int_set, &failed_kind, "the camera started again to fail again");
  g_assert_cmpuint (pp_media_get_packets_sent (media, PP_MEDIA_VIDEO), >, sent);
  g_assert_cmpuint (frames (video), >, decoded);
  /* Restarting what runs changes nothing. */
  g_assert_true (pp_media_restart (media, PP_MEDIA_AUDIO, &error));

  pp_media_stop (media);
  receiver_free (video);
}

/* A call without a camera (none given) sends audio alone. */
static void
test_no_camera (void)
{
  g_autoptr(PpMedia) media = started_media (NULL, TEST_AUDIO);
  Receiver *audio = receiver_new (media, PP_MEDIA_AUDIO);

  g_assert_false (pp_media_get_available (media, PP_MEDIA_VIDEO));
  pp_test_wait_for (has_frames, audio, "audio without a camera");
  g_assert_cmpuint (pp_media_get_packets_sent (media, PP_MEDIA_VIDEO), ==, 0);

  pp_media_stop (media);
  receiver_free (audio);
}

typedef struct
{
  GMutex lock;
  guint buffers;
  GstClockTime latest;         /* the latest time stamp */
} Stamps;

static GstPadProbeReturn
note_stamp (GstPad          *pad,
            GstPadProbeInfo *info,
            gpointer         data)
{
  Stamps *stamps = data;
  GstClockTime pts = GST_BUFFER_PTS (GST_PAD_PROBE_INFO_BUFFER (info));

  g_mutex_lock (&stamps->lock);
  stamps->buffers++;
  if (GST_CLOCK_TIME_IS_VALID (pts))
    stamps->latest = MAX (stamps->latest, pts);
  g_mutex_unlock (&stamps->lock);
  return GST_PAD_PROBE_OK;
}

/* A peer's pipeline on its way to PLAYING gives its appsrc the clock
 * before the base time. A packet given to the appsrc then would be
 * stamped with the clock's absolute time, and webrtcbin's clock sync
 * would hold it, and every packet behind it, for hours: nothing may go
 * to an appsrc that does not play yet. */
static void
test_output_not_playing (void)
{
  g_autoptr(PpMedia) media = started_media (NULL, TEST_AUDIO);
  g_autoptr(GstElement) pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  g_autoptr(GstClock) clock = gst_system_clock_obtain ();
  GstElement *appsrc = gst_element_factory_make ("appsrc", NULL);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  Stamps stamps = { .latest = 0 };
  GstPad *pad;

  g_mutex_init (&stamps.lock);
  g_object_set (sink, "sync", FALSE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), appsrc, sink, NULL);
  g_assert_true (gst_element_link (appsrc, sink));
  pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, note_stamp, &stamps, NULL);
  gst_object_unref (pad);
  pp_media_add_output (media, PP_MEDIA_AUDIO, appsrc);

  /* Where a pipeline going to PLAYING stands for a moment. */
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PAUSED), !=, GST_STATE_CHANGE_FAILURE);
  gst_element_set_clock (appsrc, clock);
  pp_test_spin (300);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);
  pp_test_spin (300);

  /* Packets came, each stamped with the pipeline's running time. */
  pp_media_remove_output (media, appsrc);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  pp_media_stop (media);
  g_test_message ("%u packets, the latest at %" GST_TIME_FORMAT, stamps.buffers, GST_TIME_ARGS (stamps.latest));
  g_assert_cmpuint (stamps.buffers, >, 0);
  g_assert_cmpuint (stamps.latest, <, 5 * GST_SECOND);
  g_mutex_clear (&stamps.lock);
}

#define ROOM_CAPS "audio/x-raw,format=S16LE,rate=48000,channels=1,layout=interleaved"

/* The room: what the speaker plays comes back into the microphone at
 * once and as loud, as from a laptop's speakers with nothing else heard. */
static GstFlowReturn
on_played (GstAppSink *speaker,
           gpointer    data)
{
  GstElement *room = data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (speaker);
  GstBuffer *sound;

  /* The room is NULL once the test stopped listening. */
  if (sample == NULL || room == NULL || GST_STATE (room) != GST_STATE_PLAYING)
    return GST_FLOW_OK;
  sound = gst_buffer_copy (gst_sample_get_buffer (sample));
  GST_BUFFER_PTS (sound) = GST_BUFFER_DTS (sound) = GST_CLOCK_TIME_NONE;
  gst_app_src_push_buffer (GST_APP_SRC (room), sound);
  return GST_FLOW_OK;
}

/* How loud the other person hears themselves: they speak (pink noise,
 * speech's spectrum), we play it in our room, our microphone hears it
 * and sends it back. The mean level of what we send, after the echo
 * canceller has had four seconds to learn the room. */
static double
echo_heard_back (gboolean cancel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpMedia) far = started_media (NULL, "audiotestsrc is-live=true wave=pink-noise volume=0.8");
  g_autoptr(PpMedia) near = pp_media_new_from_sources (
    NULL, "appsrc name=room is-live=true format=time do-timestamp=true caps=" ROOM_CAPS, &error);
  g_autoptr(GstElement) room = NULL;
  g_autoptr(GstElement) speaker = NULL;
  GstAppSinkCallbacks callbacks = { .new_sample = on_played };
  Receiver *far_voice, *sent_back;
  double sum = 0;
  guint n = 0;

  g_assert_no_error (error);
  pp_media_set_audio_output (near, "appsink name=speaker sync=true caps=" ROOM_CAPS);
  pp_media_set_echo_cancellation (near, cancel);
  g_assert_cmpint (pp_media_get_echo_cancellation (near), ==, cancel);
  if (cancel)
    {
      g_autoptr(GstElement) dsp = pp_media_get_element (near, PP_MEDIA_AUDIO, "dsp");

      /* The echo alone is measured: noise suppression would also lower
       * a steady noise, echo or not. */
      g_assert_nonnull (dsp);
      g_object_set (dsp, "noise-suppression", FALSE, "gain-control", FALSE, NULL);
    }
  g_assert_true (pp_media_start (near, &error));
  g_assert_no_error (error);
  room = pp_media_get_element (near, PP_MEDIA_AUDIO, "room");
  speaker = pp_media_get_element (near, PP_MEDIA_AUDIO, "speaker");
  g_assert_nonnull (room);
  g_assert_nonnull (speaker);
  gst_app_sink_set_callbacks (GST_APP_SINK (speaker), &callbacks, room, NULL);

  far_voice = receiver_new_with_sink (far, PP_MEDIA_AUDIO, pp_media_make_audio_output (near));
  sent_back = receiver_new (near, PP_MEDIA_AUDIO);
  pp_test_wait_for (has_frames, sent_back, "our microphone to send");
  pp_test_spin (4000);
  for (guint i = 0; i < 20; i++, pp_test_spin (100))
    {
      double level = pp_media_decoder_get_level (sent_back->decoder);

      sum += MAX (level, -100.0);
      n++;
    }
  g_test_message ("the far side's voice at %.1f dB; sent back at %.1f dB with%s echo cancellation",
                  pp_media_decoder_get_level (far_voice->decoder), sum / n, cancel ? "" : "out");

  gst_app_sink_set_callbacks (GST_APP_SINK (speaker), &callbacks, NULL, NULL);
  pp_media_stop (far);
  pp_media_stop (near);
  receiver_free (far_voice);
  receiver_free (sent_back);
  return sum / n;
}

/* Without the canceller the other side hears its own voice back; with
 * it, much less of it. */
static void
test_echo_cancelled (void)
{
  g_autoptr(GstElementFactory) dsp = gst_element_factory_find ("webrtcdsp");
  double without, with;

  if (dsp == NULL)
    {
      g_test_skip ("webrtcdsp (gstreamer1.0-plugins-bad) is not installed");
      return;
    }
  without = echo_heard_back (FALSE);
  with = echo_heard_back (TRUE);
  g_assert_cmpfloat (without, >, -30.0);
  g_assert_cmpfloat (with, <, without - 12.0);
}

#define GREEN_CAMERA "videotestsrc is-live=true pattern=green"

/* The newest frame's colour at its middle: 'r', 'g', 'b', or '?' for
 * none of them (or no new frame). */
static char
frame_colour (Receiver *receiver)
{
  g_autoptr(GstSample) frame = pp_media_decoder_take_frame (receiver->decoder);
  GstStructure *s;
  GstMapInfo map;
  gint width = 0, height = 0;
  const guint8 *p;
  char colour = '?';

  if (frame == NULL)
    return '?';
  s = gst_caps_get_structure (gst_sample_get_caps (frame), 0);
  gst_structure_get_int (s, "width", &width);
  gst_structure_get_int (s, "height", &height);
  if (!gst_buffer_map (gst_sample_get_buffer (frame), &map, GST_MAP_READ))
    return '?';
  p = map.data + ((height / 2) * width + width / 2) * 4;
  if (p + 4 <= map.data + map.size)
    {
      if (p[0] > 180 && p[1] < 60 && p[2] < 60)
        colour = 'r';
      else if (p[0] < 60 && p[1] > 180 && p[2] < 60)
        colour = 'g';
      else if (p[0] < 60 && p[1] < 60 && p[2] > 180)
        colour = 'b';
    }
  gst_buffer_unmap (gst_sample_get_buffer (frame), &map);
  return colour;
}

static void
wait_for_colour (Receiver *receiver,
                 char      want)
{
  char seen = '?';

  for (gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
       seen != want && g_get_monotonic_time () < end;)
    {
      pp_test_spin (50);
      seen = frame_colour (receiver);
    }
  g_assert_cmpint (seen, ==, want);
}

static guint
count_handoffs (GstElement *sink)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (sink), "handoffs"));
}

static void
on_handoff (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            gpointer    data)
{
  /* From the streaming thread; read on the main one after it stopped
   * mattering exactly how many. */
  g_object_set_data (G_OBJECT (sink), "handoffs", GUINT_TO_POINTER (count_handoffs (sink) + 1));
}

static gboolean
sink_plays (gpointer data)
{
  return count_handoffs (data) > 10;
}

static gboolean
headphones_play (gpointer data)
{
  g_autoptr(GstElement) headphones = pp_media_get_element (data, PP_MEDIA_AUDIO, "headphones");
  g_autoptr(GstElement) speakers = pp_media_get_element (data, PP_MEDIA_AUDIO, "speakers");

  return headphones != NULL && speakers == NULL && count_handoffs (headphones) > 10;
}

/* The call's devices are listed by kind and chosen: the camera changes
 * mid-call (its colour reaches the receiver), and so does the speaker,
 * with a peer's audio playing. */
static void
test_devices (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpMedia) media = NULL;
  g_autoptr(PpMedia) far = started_media (NULL, TEST_AUDIO);
  g_autoptr(GstDevice) green = NULL, blue = NULL, microphone = NULL;
  g_autoptr(GstDevice) speakers = NULL, headphones = NULL;
  g_autoptr(GPtrArray) cameras = NULL;
  g_autoptr(GstElement) sink = NULL;
  Receiver *video, *far_voice;

  pp_test_devices_register_desk ();
  g_unsetenv ("PAIRPAD_TEST_MEDIA");
  media = pp_media_new (&error);
  g_assert_no_error (error);

  cameras = pp_media_list_devices (media, PP_MEDIA_DEVICE_CAMERA);
  green = pp_media_find_device (media, PP_MEDIA_DEVICE_CAMERA, "Green Camera");
  blue = pp_media_find_device (media, PP_MEDIA_DEVICE_CAMERA, "Blue Camera");
  microphone = pp_media_find_device (media, PP_MEDIA_DEVICE_MICROPHONE, "Desk Microphone");
  speakers = pp_media_find_device (media, PP_MEDIA_DEVICE_SPEAKER, "Speakers");
  headphones = pp_media_find_device (media, PP_MEDIA_DEVICE_SPEAKER, "Headphones");
  g_assert_nonnull (green);
  g_assert_nonnull (blue);
  g_assert_nonnull (microphone);
  g_assert_nonnull (speakers);
  g_assert_nonnull (headphones);
  /* Each kind lists its own. */
  g_assert_null (pp_media_find_device (media, PP_MEDIA_DEVICE_CAMERA, "Desk Microphone"));
  g_assert_null (pp_media_find_device (media, PP_MEDIA_DEVICE_SPEAKER, "Desk Microphone"));
  g_assert_null (pp_media_find_device (media, PP_MEDIA_DEVICE_MICROPHONE, "Speakers"));
  /* Without a choice, the first of each kind: the test provider comes
   * before the machine's own. */
  g_assert_true (pp_media_get_device (media, PP_MEDIA_DEVICE_CAMERA) == green);
  g_assert_true (pp_media_get_device (media, PP_MEDIA_DEVICE_MICROPHONE) == microphone);

  g_assert_true (pp_media_use_device (media, PP_MEDIA_DEVICE_SPEAKER, speakers, &error));
  g_assert_no_error (error);
  g_assert_true (pp_media_start (media, &error));
  g_assert_no_error (error);

  video = receiver_new (media, PP_MEDIA_VIDEO);
  wait_for_colour (video, 'g');
  /* Mid-call, to the other camera, and back to the default one. */
  g_assert_true (pp_media_use_device (media, PP_MEDIA_DEVICE_CAMERA, blue, &error));
  g_assert_no_error (error);
  g_assert_true (pp_media_get_device (media, PP_MEDIA_DEVICE_CAMERA) == blue);
  wait_for_colour (video, 'b');
  g_assert_true (pp_media_use_device (media, PP_MEDIA_DEVICE_CAMERA, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pp_media_get_device (media, PP_MEDIA_DEVICE_CAMERA) == green);
  wait_for_colour (video, 'g');

  /* A peer's voice plays on the speakers, then on the headphones. */
  far_voice = receiver_new_with_sink (far, PP_MEDIA_AUDIO, pp_media_make_audio_output (media));
  pp_test_wait_for (has_frames, far_voice, "the peer's voice");
  sink = pp_media_get_element (media, PP_MEDIA_AUDIO, "speakers");
  g_assert_nonnull (sink);
  g_object_set (sink, "signal-handoffs", TRUE, NULL);
  g_signal_connect (sink, "handoff", G_CALLBACK (on_handoff), NULL);
  pp_test_wait_for (sink_plays, sink, "the peer's voice on the speakers");
  g_assert_true (pp_media_use_device (media, PP_MEDIA_DEVICE_SPEAKER, headphones, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GstElement) phones = NULL;

    for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
         phones == NULL && g_get_monotonic_time () < end;)
      {
        pp_test_spin (20);
        phones = pp_media_get_element (media, PP_MEDIA_AUDIO, "headphones");
      }
    g_assert_nonnull (phones);
    g_signal_connect (phones, "handoff", G_CALLBACK (on_handoff), NULL);
  }
  pp_test_wait_for (headphones_play, media, "the peer's voice on the headphones");

  pp_media_stop (far);
  pp_media_stop (media);
  receiver_free (video);
  receiver_free (far_voice);
  pp_test_devices_register (NULL);
}

/* The camera failed mid-call; the one chosen next starts at once. */
static void
test_device_after_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpMedia) media = NULL;
  g_autoptr(GstDevice) broken = NULL;
  g_autoptr(GstDevice) green = NULL;
  int failed_kind = -1;
  Receiver *video;

  pp_test_devices_register_desk ();
  g_unsetenv ("PAIRPAD_TEST_MEDIA");
  media = pp_media_new (&error);
  g_assert_no_error (error);
  pp_media_set_audio_output (media, "fakesink sync=true");
  pp_test_devices_plug_in (pp_test_device_new ("Broken Camera", "Video/Source",
                                               "videotestsrc is-live=true pattern=red ! identity error-after=10"));
  broken = pp_media_find_device (media, PP_MEDIA_DEVICE_CAMERA, "Broken Camera");
  green = pp_media_find_device (media, PP_MEDIA_DEVICE_CAMERA, "Green Camera");
  g_assert_nonnull (broken);
  g_assert_true (pp_media_use_device (media, PP_MEDIA_DEVICE_CAMERA, broken, &error));
  g_assert_no_error (error);
  g_signal_connect (media, "source-failed", G_CALLBACK (on_source_failed), &failed_kind);
  g_assert_true (pp_media_start (media, &error));
  g_assert_no_error (error);
  video = receiver_new (media, PP_MEDIA_VIDEO);
  pp_test_wait_for (int_set, &failed_kind, "the broken camera to fail");
  g_assert_false (pp_media_get_available (media, PP_MEDIA_VIDEO));

  g_assert_true (pp_media_use_device (media, PP_MEDIA_DEVICE_CAMERA, green, &error));
  g_assert_no_error (error);
  g_assert_true (pp_media_get_available (media, PP_MEDIA_VIDEO));
  wait_for_colour (video, 'g');

  pp_media_stop (media);
  receiver_free (video);
  pp_test_devices_register (NULL);
}

static void
on_device_added (PpMedia    *media,
                 int         kind,
                 const char *name,
                 char      **added)
{
  g_assert_cmpint (kind, ==, PP_MEDIA_VIDEO);
  *added = g_strdup (name);
}

static gboolean
string_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* A call without a camera: one plugged in is offered, and taken. */
static void
test_device_plugged_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpMedia) media = NULL;
  g_autofree char *added = NULL;
  Receiver *video;

  pp_test_devices_register (g_list_append (NULL, pp_test_device_new ("Desk Microphone", "Audio/Source",
                                                                     TEST_AUDIO)));
  g_unsetenv ("PAIRPAD_TEST_MEDIA");
  media = pp_media_new (&error);
  g_assert_no_error (error);
  pp_media_set_audio_output (media, "fakesink sync=true");
  g_assert_true (pp_media_start (media, &error));
  g_assert_no_error (error);
  g_assert_false (pp_media_get_available (media, PP_MEDIA_VIDEO));
  g_signal_connect (media, "device-added", G_CALLBACK (on_device_added), &added);

  pp_test_devices_plug_in (pp_test_device_new ("Green Camera", "Video/Source", GREEN_CAMERA));
  pp_test_wait_for (string_set, &added, "the camera to be offered");
  g_assert_cmpstr (added, ==, "Green Camera");

  /* "Use It": the camera plugged in, not the default one. */
  g_assert_true (pp_media_restart (media, PP_MEDIA_VIDEO, &error));
  g_assert_no_error (error);
  video = receiver_new (media, PP_MEDIA_VIDEO);
  wait_for_colour (video, 'g');

  pp_media_stop (media);
  receiver_free (video);
  pp_test_devices_register (NULL);
}

static void
test_missing_plugin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpMedia) media = pp_media_new_from_sources ("pairpadnosuchsrc", TEST_AUDIO, &error);

  g_assert_null (media);
  g_assert_error (error, PP_MEDIA_ERROR, PP_MEDIA_ERROR_MISSING_PLUGIN);
  g_assert_nonnull (strstr (error->message, "camera"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/media/two-receivers", test_two_receivers);
  g_test_add_func ("/media/turned-off", test_turned_off);
  g_test_add_func ("/media/source-fails", test_source_fails);
  g_test_add_func ("/media/restart", test_restart);
  g_test_add_func ("/media/no-camera", test_no_camera);
  g_test_add_func ("/media/missing-plugin", test_missing_plugin);
  g_test_add_func ("/media/output-not-playing", test_output_not_playing);
  g_test_add_func ("/media/echo-cancelled", test_echo_cancelled);
  g_test_add_func ("/media/devices", test_devices);
  g_test_add_func ("/media/device-plugged-in", test_device_plugged_in);
  g_test_add_func ("/media/device-after-failure", test_device_after_failure);

  return g_test_run ();
}

/* pp-media.c: this app's camera and microphone in a call, encoded once for
 * every peer, and the decoding of one remote stream
 *
 * The camera and the microphone each have a pipeline of their own, so that
 * one failing (a camera unplugged) leaves the other going: source, scaled
 * to 640×480 at up to 30 fps (or mono 48 kHz), a valve that stops sending
 * when the user turns it off, VP8 (or Opus), RTP, and an appsink that hands
 * every packet to each peer's appsrc. Encoding once keeps a call with three
 * people as cheap as one with two; the bitrate is shared, lowered for all
 * when one link loses packets.
 *
 * A remote stream is decoded by a PpMediaDecoder, a bin put in the peer's
 * pipeline after webrtcbin: video ends in an appsink whose newest frame the
 * main context takes (never a queue of them: a late frame is dropped, not
 * shown late), audio in the sink given, with its level measured.
 *
 * Every peer's audio is played by one speaker pipeline: a mixer, then
 * webrtcechoprobe, then the output. The microphone's webrtcdsp takes what
 * the probe saw played out of what it hears (echo cancellation), and also
 * suppresses noise and evens the gain. The two are separate pipelines, so
 * the DSP runs delay-agnostic: it finds the echo's delay in the signal.
 *
 * PAIRPAD_TEST_MEDIA=1 uses a moving pattern and a tone instead of the
 * devices, for tests and demonstrations.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>
#ifdef HAVE_LIBPORTAL
#include <libportal/portal.h>
#endif

#include <unistd.h>

#include "pp-media.h"

#define DEFAULT_VIDEO_BITRATE 800000
#define MIN_VIDEO_BITRATE 100000
#define MAX_VIDEO_BITRATE 2000000
/* Packets an appsrc holds for a peer that does not keep up; older ones go. */
#define OUTPUT_QUEUE_BYTES (256 * 1024)
/* What the speaker's mixer takes from each peer, and the echo probe sees. */
#define SPEAKER_CAPS "audio/x-raw,format=S16LE,rate=48000,channels=1,layout=interleaved"
/* A quarter of a second of it, at most, waits for the mixer. */
#define SPEAKER_QUEUE_BYTES (48000 * 2 / 4)
/* How long the mixer waits for a peer's audio before mixing without it. */
#define SPEAKER_WAIT_MS 40

G_DEFINE_QUARK (pp-media-error-quark, pp_media_error)

/**
 * pp_media_get_rtp_caps:
 *
 * Returns: (transfer full): the caps of the RTP packets of @kind, as
 *   webrtcbin's sink pads take them
 */
GstCaps *
pp_media_get_rtp_caps (PpMediaKind kind)
{
  /* A receiver that lost a key frame asks for one (RTCP PLI), as
   * browsers do. */
  if (kind == PP_MEDIA_VIDEO)
    return gst_caps_new_simple ("application/x-rtp", "media", G_TYPE_STRING, "video",
                                "encoding-name", G_TYPE_STRING, "VP8",
                                "payload", G_TYPE_INT, PP_MEDIA_VIDEO_PT,
                                "clock-rate", G_TYPE_INT, 90000,
                                "rtcp-fb-nack-pli", G_TYPE_BOOLEAN, TRUE, NULL);
  return gst_caps_new_simple ("application/x-rtp", "media", G_TYPE_STRING, "audio",
                              "encoding-name", G_TYPE_STRING, "OPUS",
                              "payload", G_TYPE_INT, PP_MEDIA_AUDIO_PT,
                              "clock-rate", G_TYPE_INT, 48000, NULL);
}

/* One of the two: camera or microphone. */
typedef struct
{
  PpMedia *media;            /* borrowed: the owner */
  PpMediaKind kind;
  GstElement *pipeline;      /* owned; NULL once its source failed */
  GstElement *valve;         /* borrowed from the pipeline */
  GstElement *encoder;       /* borrowed from the pipeline */
  GstElement *sink;          /* borrowed from the pipeline */
  guint bus_watch;
  gboolean sending;
  GMutex lock;               /* outputs and packets, shared with the streaming thread */
  GPtrArray *outputs;        /* GstElement appsrc, owned references */
  guint64 packets;           /* under lock */
  char *source;              /* owned, nullable: the source's description */
  GstDevice *device;         /* owned, nullable: the device chosen, used before source */
} Branch;

struct _PpMedia
{
  GObject parent_instance;

  Branch branches[2];        /* by PpMediaKind */
  guint video_bitrate;
  char *audio_output;        /* nullable: a pipeline description for the speaker */
  GstDeviceMonitor *monitor;     /* owned, nullable: cameras and microphones coming */
  guint monitor_watch;
  GstElement *preview_pipeline;  /* owned, nullable: our own video, decoded */
  GstElement *preview;           /* borrowed from it: a PpMediaDecoder */
  gboolean started;              /* between pp_media_start() and pp_media_stop() */
  gboolean echo_cancel;          /* the microphone goes through webrtcdsp */
  char *probe_name;              /* the speaker's webrtcechoprobe */
  GMutex speaker_lock;           /* peers ask for outputs on their threads */
  GstElement *speaker;           /* owned, nullable: every peer's audio, played */
  GstElement *mixer;             /* borrowed from it */
  GstElement *mixing;            /* borrowed: the bin from the mixer to the output */
  GstDevice *speaker_device;     /* owned, nullable: the speaker chosen */
  int camera_fd;                 /* the camera portal's PipeWire remote, or -1 */
  GCancellable *portal_cancellable;  /* owned, nullable: access being asked */
};

enum { SOURCE_FAILED, DEVICE_ADDED, N_SIGNALS };

static void preview_stop (PpMedia *self);
static void speaker_stop (PpMedia *self);
static gboolean speaker_ensure (PpMedia *self);
static void watch_devices (PpMedia *self, GstDeviceMonitor *monitor);
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpMedia, pp_media, G_TYPE_OBJECT)

/* An appsrc stamps a packet with its pipeline's clock less its base
 * time. On the way to PLAYING it has the clock some milliseconds before
 * its base time: a packet stamped then carries the clock's absolute time,
 * and webrtcbin's clock sync holds it, and every packet behind it, for
 * hours. An element's base time is set before it becomes PLAYING. */
static gboolean
output_playing (GstElement *appsrc)
{
  gboolean playing;

  GST_OBJECT_LOCK (appsrc);
  playing = GST_STATE (appsrc) == GST_STATE_PLAYING;
  GST_OBJECT_UNLOCK (appsrc);
  return playing;
}

/* The streaming thread: the packet goes to every peer, as it is. */
static GstFlowReturn
on_packet (GstAppSink *sink,
           gpointer    data)
{
  Branch *branch = data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer = sample != NULL ? gst_sample_get_buffer (sample) : NULL;
  GstBuffer *packet;

  if (buffer == NULL)
    return GST_FLOW_OK;
  /* The encoder's times are of this pipeline's clock, and run behind
   * after the microphone was off: without them each peer's appsrc stamps
   * the packet as it arrives. The copy shares the packet's memory. */
  packet = gst_buffer_copy (buffer);
  GST_BUFFER_PTS (packet) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DTS (packet) = GST_CLOCK_TIME_NONE;
  g_mutex_lock (&branch->lock);
  for (guint i = 0; i < branch->outputs->len; i++)
    if (output_playing (branch->outputs->pdata[i]))
      gst_app_src_push_buffer (GST_APP_SRC (branch->outputs->pdata[i]), gst_buffer_ref (packet));
  branch->packets++;
  g_mutex_unlock (&branch->lock);
  gst_buffer_unref (packet);
  return GST_FLOW_OK;
}

/* A receiver that starts, or starts again, needs a key frame to decode. */
static void
ask_key_frame (Branch *branch)
{
  GstElement *sink = NULL;

  if (branch->kind != PP_MEDIA_VIDEO)
    return;
  /* Peers ask from their streaming threads, maybe as the camera stops. */
  g_mutex_lock (&branch->lock);
  if (branch->sink != NULL)
    sink = gst_object_ref (branch->sink);
  g_mutex_unlock (&branch->lock);
  if (sink == NULL)
    return;
  gst_element_send_event (sink, gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 0));
  gst_object_unref (sink);
}

/**
 * pp_media_request_key_frame:
 *
 * The next video frame is a key frame: for a peer that starts decoding,
 * or lost one. Any thread.
 */
void
pp_media_request_key_frame (PpMedia *self)
{
  g_return_if_fail (PP_IS_MEDIA (self));

  ask_key_frame (&self->branches[PP_MEDIA_VIDEO]);
}

static void
branch_stop (Branch *branch)
{
  GstElement *pipeline;

  g_clear_handle_id (&branch->bus_watch, g_source_remove);
  g_mutex_lock (&branch->lock);
  pipeline = g_steal_pointer (&branch->pipeline);
  branch->valve = branch->encoder = branch->sink = NULL;
  g_mutex_unlock (&branch->lock);
  if (pipeline != NULL)
    {
      gst_element_set_state (pipeline, GST_STATE_NULL);
      gst_object_unref (pipeline);
    }
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    data)
{
  Branch *branch = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *debug = NULL;

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_ERROR)
    return G_SOURCE_CONTINUE;
  gst_message_parse_error (message, &error, &debug);
  g_debug ("%s failed: %s (%s)", branch->kind == PP_MEDIA_VIDEO ? "Camera" : "Microphone",
           error->message, debug != NULL ? debug : "");
  /* The other one goes on; this one is gone until it is started again. */
  branch->bus_watch = 0;
  branch_stop (branch);
  g_signal_emit (branch->media, signals[SOURCE_FAILED], 0, branch->kind, error->message);
  return G_SOURCE_REMOVE;
}

/* A device's element, or else the description's (a bin with ghost pads
 * for what it leaves unlinked). */
static GstElement *
element_from (GstDevice   *device,
              const char  *description,
              GError     **error)
{
  if (device != NULL)
    {
      GstElement *element = gst_device_create_element (device, NULL);

      if (element == NULL)
        {
          g_autofree char *name = gst_device_get_display_name (device);

          g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_FAILED, "%s gave no element", name);
        }
      return element;
    }
  return gst_parse_bin_from_description_full (description, TRUE, NULL, GST_PARSE_FLAG_FATAL_ERRORS,
                                              error);
}

/* The branch's pipeline, from its device or source: not started. */
static gboolean
branch_build (PpMedia  *self,
              Branch   *branch,
              GError  **error)
{
  g_autofree char *description = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstAppSinkCallbacks callbacks = { .new_sample = on_packet };
  GstElement *source, *encoding = NULL, *pipeline;

  /* cpu-used=-8: libvpx's real-time speed 8, fixed; a positive value lets
   * it choose, and it chose slower, costlier settings whenever it thought
   * it had time, which it had not on a busy two-core machine. */
  if (branch->kind == PP_MEDIA_VIDEO)
    description = g_strdup_printf (
      "videoconvert ! videoscale ! videorate ! "
      "video/x-raw,width=%d,height=%d,framerate=30/1,pixel-aspect-ratio=1/1 ! "
      "valve name=valve ! queue max-size-buffers=2 leaky=downstream ! "
      "vp8enc name=encoder deadline=1 cpu-used=-8 end-usage=cbr target-bitrate=%u "
      "lag-in-frames=0 error-resilient=partitions keyframe-max-dist=150 threads=2 ! "
      "rtpvp8pay pt=%d mtu=1200 picture-id-mode=15-bit ! "
      "appsink name=sink sync=false max-buffers=256 drop=true",
      PP_MEDIA_VIDEO_WIDTH, PP_MEDIA_VIDEO_HEIGHT, self->video_bitrate, PP_MEDIA_VIDEO_PT);
  else
    {
      /* What the speaker played is taken out of what the microphone
       * hears; noise is suppressed and the gain evened as well. */
      g_autofree char *dsp = self->echo_cancel
        ? g_strdup_printf ("webrtcdsp name=dsp probe=%s delay-agnostic=true extended-filter=true ! "
                           "audioconvert ! ", self->probe_name)
        : g_strdup ("");

      description = g_strdup_printf (
        "audioconvert ! audioresample ! audio/x-raw,format=S16LE,rate=48000,channels=1 ! %s"
        "valve name=valve ! opusenc name=encoder bitrate=32000 ! "
        "rtpopuspay pt=%d mtu=1200 ! appsink name=sink sync=false max-buffers=256 drop=true",
        dsp, PP_MEDIA_AUDIO_PT);
    }

  source = element_from (branch->device, branch->source, &local_error);
  if (source != NULL)
    encoding = gst_parse_bin_from_description_full (description, TRUE, NULL,
                                                    GST_PARSE_FLAG_FATAL_ERRORS, &local_error);
  if (source == NULL || encoding == NULL)
    {
      if (source != NULL)
        gst_object_unref (gst_object_ref_sink (source));
      g_set_error (error, PP_MEDIA_ERROR, PP_MEDIA_ERROR_MISSING_PLUGIN,
                   "The %s cannot be used: %s (the GStreamer plugins, gstreamer1.0-plugins-good "
                   "and -base, may be missing)",
                   branch->kind == PP_MEDIA_VIDEO ? "camera" : "microphone", local_error->message);
      return FALSE;
    }
  pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  gst_bin_add_many (GST_BIN (pipeline), source, encoding, NULL);
  if (!gst_element_link (source, encoding))
    {
      gst_object_unref (pipeline);
      g_set_error (error, PP_MEDIA_ERROR, PP_MEDIA_ERROR_SOURCE, "The %s gives nothing to encode",
                   branch->kind == PP_MEDIA_VIDEO ? "camera" : "microphone");
      return FALSE;
    }
  branch->pipeline = pipeline;
  branch->valve = gst_bin_get_by_name (GST_BIN (branch->pipeline), "valve");
  branch->encoder = gst_bin_get_by_name (GST_BIN (branch->pipeline), "encoder");
  branch->sink = gst_bin_get_by_name (GST_BIN (branch->pipeline), "sink");
  /* Borrowed: the pipeline holds them. */
  gst_object_unref (branch->valve);
  gst_object_unref (branch->encoder);
  gst_object_unref (branch->sink);
  g_object_set (branch->valve, "drop", !branch->sending, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (branch->sink), &callbacks, branch, NULL);

  bus = gst_element_get_bus (branch->pipeline);
  branch->bus_watch = gst_bus_add_watch (bus, on_bus_message, branch);
  return TRUE;
}

static void
pp_media_finalize (GObject *object)
{
  PpMedia *self = PP_MEDIA (object);

  preview_stop (self);
  for (guint k = 0; k < G_N_ELEMENTS (self->branches); k++)
    {
      Branch *branch = &self->branches[k];

      branch_stop (branch);
      g_ptr_array_unref (branch->outputs);
      g_mutex_clear (&branch->lock);
      g_free (branch->source);
      g_clear_object (&branch->device);
    }
  if (self->monitor != NULL)
    gst_device_monitor_stop (self->monitor);
  g_clear_handle_id (&self->monitor_watch, g_source_remove);
  g_clear_object (&self->monitor);
  speaker_stop (self);
  g_clear_object (&self->speaker_device);
  if (self->portal_cancellable != NULL)
    g_cancellable_cancel (self->portal_cancellable);
  g_clear_object (&self->portal_cancellable);
  if (self->camera_fd >= 0)
    close (self->camera_fd);
  g_mutex_clear (&self->speaker_lock);
  g_free (self->probe_name);
  g_free (self->audio_output);
  G_OBJECT_CLASS (pp_media_parent_class)->finalize (object);
}

static void
pp_media_class_init (PpMediaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_media_finalize;

  /**
   * PpMedia::source-failed:
   * @kind: a #PpMediaKind
   * @message: what went wrong
   *
   * The camera or the microphone stopped (unplugged, taken by another
   * app); the other goes on, and the calls with it.
   */
  signals[SOURCE_FAILED] =
    g_signal_new ("source-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  /**
   * PpMedia::device-added:
   * @kind: a #PpMediaKind
   * @name: the device's name, for people
   *
   * A camera or a microphone was plugged in while the call has none of
   * that kind working: pp_media_restart() takes it.
   */
  signals[DEVICE_ADDED] =
    g_signal_new ("device-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
}

static void
pp_media_init (PpMedia *self)
{
  self->video_bitrate = DEFAULT_VIDEO_BITRATE;
  self->probe_name = g_strdup_printf ("pp-echo-probe-%p", self);
  self->camera_fd = -1;
  g_mutex_init (&self->speaker_lock);
  for (guint k = 0; k < G_N_ELEMENTS (self->branches); k++)
    {
      self->branches[k].media = self;
      self->branches[k].kind = k;
      self->branches[k].sending = TRUE;
      self->branches[k].outputs = g_ptr_array_new_with_free_func (gst_object_unref);
      g_mutex_init (&self->branches[k].lock);
    }
}

/**
 * pp_media_new_from_sources:
 * @video_source: (nullable): a GStreamer description of the camera, such
 *   as "videotestsrc is-live=true"; %NULL for none
 * @audio_source: (nullable): the same for the microphone
 *
 * Returns: (transfer full): the media, not started, or %NULL when an
 *   element is missing
 */
PpMedia *
pp_media_new_from_sources (const char  *video_source,
                           const char  *audio_source,
                           GError     **error)
{
  g_autoptr(PpMedia) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gst_init (NULL, NULL);
  self = g_object_new (PP_TYPE_MEDIA, NULL);
  self->branches[PP_MEDIA_VIDEO].source = g_strdup (video_source);
  self->branches[PP_MEDIA_AUDIO].source = g_strdup (audio_source);
  if (video_source != NULL && !branch_build (self, &self->branches[PP_MEDIA_VIDEO], error))
    return NULL;
  if (audio_source != NULL && !branch_build (self, &self->branches[PP_MEDIA_AUDIO], error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Cameras, microphones and speakers, now and as they are plugged in (see
 * PpMedia::device-added); %NULL when no provider starts. */
static GstDeviceMonitor *
device_monitor_new (void)
{
  GstDeviceMonitor *monitor = gst_device_monitor_new ();

  gst_device_monitor_add_filter (monitor, "Video/Source", NULL);
  gst_device_monitor_add_filter (monitor, "Audio/Source", NULL);
  gst_device_monitor_add_filter (monitor, "Audio/Sink", NULL);
  if (!gst_device_monitor_start (monitor))
    g_clear_object (&monitor);
  return monitor;
}

/* The device of @klass the system prefers (PulseAudio and PipeWire mark
 * it), or the first; %NULL without one: there is then no camera, rather
 * than autovideosrc's test pattern in its place. */
static GstDevice *
default_device (GstDeviceMonitor *monitor,
                const char       *klass)
{
  GList *devices = monitor != NULL ? gst_device_monitor_get_devices (monitor) : NULL;
  GstDevice *found = NULL;

  for (GList *l = devices; l != NULL; l = l->next)
    {
      g_autoptr(GstStructure) properties = gst_device_get_properties (l->data);
      gboolean is_default = FALSE;

      if (!gst_device_has_classes (l->data, klass))
        continue;
      if (properties != NULL)
        gst_structure_get_boolean (properties, "is-default", &is_default);
      if (found == NULL || is_default)
        g_set_object (&found, l->data);
      if (is_default)
        break;
    }
  g_list_free_full (devices, gst_object_unref);
  return found;
}

static gboolean
echo_cancellation_available (void)
{
  g_autoptr(GstElementFactory) dsp = gst_element_factory_find ("webrtcdsp");
  g_autoptr(GstElementFactory) probe = gst_element_factory_find ("webrtcechoprobe");

  return dsp != NULL && probe != NULL;
}

#ifdef HAVE_LIBPORTAL
/* The person allowed the camera, or did not: a PipeWire remote with only
 * the cameras in it comes back. The camera is then offered as one just
 * plugged in. */
static void
on_camera_access (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  XdpPortal *portal = XDP_PORTAL (source);
  g_autoptr(PpMedia) self = data;
  g_autoptr(GError) error = NULL;
  Branch *branch = &self->branches[PP_MEDIA_VIDEO];

  if (!xdp_portal_access_camera_finish (portal, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The camera portal: %s", error->message);
      g_object_unref (portal);
      return;
    }
  self->camera_fd = xdp_portal_open_pipewire_remote_for_camera (portal);
  g_object_unref (portal);
  if (self->camera_fd < 0 || branch->pipeline != NULL)
    return;
  g_free (branch->source);
  branch->source = g_strdup_printf ("pipewiresrc fd=%d", self->camera_fd);
  g_signal_emit (self, signals[DEVICE_ADDED], 0, PP_MEDIA_VIDEO, _("Camera"));
}
#endif

/* Inside Flatpak no camera device is seen: the camera portal is asked
 * for one, once, and the person decides. */
static void
ask_camera_portal (PpMedia *self)
{
#ifdef HAVE_LIBPORTAL
  XdpPortal *portal;

  if (!g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ||
      self->branches[PP_MEDIA_VIDEO].device != NULL)
    return;
  portal = xdp_portal_new ();
  if (!xdp_portal_is_camera_present (portal))
    {
      g_object_unref (portal);
      return;
    }
  self->portal_cancellable = g_cancellable_new ();
  xdp_portal_access_camera (portal, NULL, XDP_CAMERA_FLAG_NONE, self->portal_cancellable,
                            on_camera_access, g_object_ref (self));
#endif
}

/**
 * pp_media_new:
 *
 * The default camera and microphone, those there are, or with
 * PAIRPAD_TEST_MEDIA=1 a moving pattern and a tone.
 *
 * Returns: (transfer full): the media, not started
 */
PpMedia *
pp_media_new (GError **error)
{
  PpMedia *self;

  gst_init (NULL, NULL);
  if (g_strcmp0 (g_getenv ("PAIRPAD_TEST_MEDIA"), "1") != 0)
    {
      GstDeviceMonitor *monitor = device_monitor_new ();

      self = g_object_new (PP_TYPE_MEDIA, NULL);
      self->echo_cancel = echo_cancellation_available ();
      if (monitor != NULL)
        watch_devices (self, monitor);
      for (PpMediaKind kind = PP_MEDIA_AUDIO; kind <= PP_MEDIA_VIDEO; kind++)
        {
          Branch *branch = &self->branches[kind];

          branch->device = default_device (monitor, kind == PP_MEDIA_VIDEO ? "Video/Source"
                                                                           : "Audio/Source");
          if (branch->device != NULL && !branch_build (self, branch, error))
            {
              g_object_unref (self);
              return NULL;
            }
        }
      ask_camera_portal (self);
      return self;
    }
  self = pp_media_new_from_sources ("videotestsrc is-live=true pattern=ball",
                                    "audiotestsrc is-live=true wave=sine freq=440 volume=0.2",
                                    error);
  /* Played in time, as a speaker would, but heard by nobody. */
  if (self != NULL)
    pp_media_set_audio_output (self, "fakesink sync=true");
  return self;
}

/* Plays a branch that was built; one that cannot start is gone. */
static gboolean
branch_play (Branch  *branch,
             GError **error)
{
  if (gst_element_set_state (branch->pipeline, GST_STATE_PLAYING) != GST_STATE_CHANGE_FAILURE)
    return TRUE;
  branch_stop (branch);
  g_set_error_literal (error, PP_MEDIA_ERROR, PP_MEDIA_ERROR_SOURCE,
                       branch->kind == PP_MEDIA_VIDEO ? "The camera could not be started"
                                                      : "The microphone could not be started");
  return FALSE;
}

/**
 * pp_media_restart:
 *
 * Starts the camera or the microphone again after it failed or was
 * unplugged: the device chosen, or the one just plugged in, or the
 * default one; on or off as it was. Every peer gets it again, with a key
 * frame.
 */
gboolean
pp_media_restart (PpMedia      *self,
                  PpMediaKind   kind,
                  GError      **error)
{
  Branch *branch;

  g_return_val_if_fail (PP_IS_MEDIA (self), FALSE);

  branch = &self->branches[kind];
  if (branch->pipeline != NULL)
    return TRUE;
  if (branch->source == NULL)
    branch->source = g_strdup (kind == PP_MEDIA_VIDEO ? "autovideosrc" : "autoaudiosrc");
  if (kind == PP_MEDIA_AUDIO && self->echo_cancel)
    speaker_ensure (self);
  if (!branch_build (self, branch, error) || !branch_play (branch, error))
    return FALSE;
  ask_key_frame (branch);
  return TRUE;
}

static gboolean
on_monitor_message (GstBus     *bus,
                    GstMessage *message,
                    gpointer    data)
{
  PpMedia *self = data;
  g_autoptr(GstDevice) device = NULL;
  g_autofree char *name = NULL;
  PpMediaKind kind;

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_DEVICE_ADDED)
    return G_SOURCE_CONTINUE;
  gst_message_parse_device_added (message, &device);
  if (gst_device_has_classes (device, "Video/Source"))
    kind = PP_MEDIA_VIDEO;
  else if (gst_device_has_classes (device, "Audio/Source"))
    kind = PP_MEDIA_AUDIO;
  else
    return G_SOURCE_CONTINUE;
  if (self->branches[kind].pipeline != NULL)
    return G_SOURCE_CONTINUE;
  /* The one plugged in is the one pp_media_restart() takes. */
  g_set_object (&self->branches[kind].device, device);
  name = gst_device_get_display_name (device);
  g_signal_emit (self, signals[DEVICE_ADDED], 0, kind, name);
  return G_SOURCE_CONTINUE;
}

/* Cameras and microphones plugged in later: see PpMedia::device-added. */
static void
watch_devices (PpMedia          *self,
               GstDeviceMonitor *monitor)
{
  g_autoptr(GstBus) bus = gst_device_monitor_get_bus (monitor);

  self->monitor = monitor;
  self->monitor_watch = gst_bus_add_watch (bus, on_monitor_message, self);
}

/**
 * pp_media_get_element:
 * @name: an element named in the source description
 *
 * For diagnostics and benchmarks: an element of the camera's or the
 * microphone's pipeline, or for audio of the speaker's.
 *
 * Returns: (transfer full) (nullable): the element
 */
GstElement *
pp_media_get_element (PpMedia     *self,
                      PpMediaKind  kind,
                      const char  *name)
{
  GstElement *element = NULL;

  g_return_val_if_fail (PP_IS_MEDIA (self), NULL);

  if (self->branches[kind].pipeline != NULL)
    element = gst_bin_get_by_name (GST_BIN (self->branches[kind].pipeline), name);
  g_mutex_lock (&self->speaker_lock);
  if (element == NULL && kind == PP_MEDIA_AUDIO && self->speaker != NULL)
    element = gst_bin_get_by_name (GST_BIN (self->speaker), name);
  g_mutex_unlock (&self->speaker_lock);
  return element;
}

/**
 * pp_media_set_audio_output:
 * @description: (nullable): a gst-launch description of the element that
 *   plays peers' audio; %NULL for the default output. Set before
 *   pp_media_start().
 */
void
pp_media_set_audio_output (PpMedia    *self,
                           const char *description)
{
  g_return_if_fail (PP_IS_MEDIA (self));

  g_free (self->audio_output);
  self->audio_output = g_strdup (description);
}

static gboolean
on_speaker_message (GstBus     *bus,
                    GstMessage *message,
                    gpointer    data)
{
  g_autoptr(GError) error = NULL;

  /* A peer's audio came or went: what the output waits for changes. */
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_LATENCY)
    gst_bin_recalculate_latency (GST_BIN (data));
  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_ERROR)
    return G_SOURCE_CONTINUE;
  /* Peers' audio is no longer heard; the call and the microphone go on. */
  gst_message_parse_error (message, &error, NULL);
  g_debug ("The speaker failed: %s", error->message);
  return G_SOURCE_CONTINUE;
}

/* The speaker plays from its start, before any peer's audio: its output
 * must not wait for a first buffer to preroll, as a sink does, which
 * would hold the pipeline in PAUSED where no peer's appsrc gives any. */
static void
on_speaker_element (GstBin     *bin,
                    GstBin     *sub_bin,
                    GstElement *element,
                    gpointer    data)
{
  if (GST_OBJECT_FLAG_IS_SET (element, GST_ELEMENT_FLAG_SINK) && !GST_IS_BIN (element) &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (element), "async") != NULL)
    g_object_set (element, "async", FALSE, NULL);
}

/* The pipeline that plays every peer's audio; built once, on whichever
 * thread first needs it. */
static gboolean
speaker_ensure (PpMedia *self)
{
  g_autofree char *description = NULL;
  g_autofree char *probe = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstElement *mixing, *output = NULL;

  g_mutex_lock (&self->speaker_lock);
  if (self->speaker != NULL)
    {
      g_mutex_unlock (&self->speaker_lock);
      return TRUE;
    }
  probe = self->echo_cancel ? g_strdup_printf ("webrtcechoprobe name=%s", self->probe_name)
                            : g_strdup ("identity");
  description = g_strdup_printf (
    "audiomixer name=mixer latency=%" G_GUINT64_FORMAT " ! audioconvert ! audioresample ! "
    SPEAKER_CAPS " ! %s ! audioconvert ! audioresample",
    (guint64) SPEAKER_WAIT_MS * GST_MSECOND, probe);
  mixing = gst_parse_bin_from_description_full (description, TRUE, NULL,
                                                GST_PARSE_FLAG_FATAL_ERRORS, &error);
  if (mixing != NULL)
    output = element_from (self->speaker_device,
                           self->audio_output != NULL ? self->audio_output : "autoaudiosink", &error);
  if (mixing == NULL || output == NULL)
    {
      g_mutex_unlock (&self->speaker_lock);
      if (mixing != NULL)
        gst_object_unref (gst_object_ref_sink (mixing));
      g_debug ("No speaker: %s", error->message);
      return FALSE;
    }
  self->speaker = gst_object_ref_sink (gst_pipeline_new ("speaker"));
  g_signal_connect (self->speaker, "deep-element-added", G_CALLBACK (on_speaker_element), NULL);
  gst_bin_add_many (GST_BIN (self->speaker), mixing, output, NULL);
  gst_element_link (mixing, output);
  self->mixer = gst_bin_get_by_name (GST_BIN (mixing), "mixer");
  gst_object_unref (self->mixer);
  self->mixing = mixing;
  bus = gst_element_get_bus (self->speaker);
  gst_bus_add_watch (bus, on_speaker_message, self->speaker);
  gst_element_set_state (self->speaker, GST_STATE_PLAYING);
  g_mutex_unlock (&self->speaker_lock);
  return TRUE;
}

/* Between two buffers, on the speaker's streaming thread: the old output
 * goes, the new one takes its place. */
static GstPadProbeReturn
swap_output (GstPad          *pad,
             GstPadProbeInfo *info,
             gpointer         data)
{
  GstElement *output = data;
  GstElement *speaker = GST_ELEMENT (gst_element_get_parent (output));
  GstElement *mixing = GST_ELEMENT (gst_pad_get_parent (pad));
  GstElement *old = NULL;
  GstPad *peer = gst_pad_get_peer (pad);

  if (peer != NULL)
    {
      old = gst_pad_get_parent_element (peer);
      gst_pad_unlink (pad, peer);
      gst_object_unref (peer);
    }
  if (old != NULL)
    {
      gst_element_set_locked_state (old, TRUE);
      gst_element_set_state (old, GST_STATE_NULL);
      gst_bin_remove (GST_BIN (speaker), old);
      gst_object_unref (old);
    }
  gst_element_link (mixing, output);
  gst_element_sync_state_with_parent (output);
  gst_object_unref (mixing);
  gst_object_unref (speaker);
  return GST_PAD_PROBE_REMOVE;
}

static void
speaker_stop (PpMedia *self)
{
  GstElement *speaker;

  g_mutex_lock (&self->speaker_lock);
  speaker = g_steal_pointer (&self->speaker);
  self->mixer = self->mixing = NULL;
  g_mutex_unlock (&self->speaker_lock);
  if (speaker == NULL)
    return;
  gst_element_set_state (speaker, GST_STATE_NULL);
  {
    g_autoptr(GstBus) bus = gst_element_get_bus (speaker);

    gst_bus_remove_watch (bus);
  }
  gst_object_unref (speaker);
}

/* One peer's audio on its way to the speaker: the appsink at the end of
 * its decoder, and an appsrc on one of the mixer's inputs. */
typedef struct
{
  GstElement *speaker;         /* owned: the pipeline */
  GstElement *mixing;          /* owned: the bin of the mixer, where the appsrc goes */
  GstElement *mixer;           /* owned */
  GstElement *appsrc;          /* owned */
  GstPad *mixer_pad;           /* owned, requested from the mixer */
} SpeakerInput;

static GstFlowReturn
on_heard (GstAppSink *sink,
          gpointer    data)
{
  SpeakerInput *input = data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer = sample != NULL ? gst_sample_get_buffer (sample) : NULL;

  if (buffer == NULL || !output_playing (input->appsrc))
    return GST_FLOW_OK;
  /* Stamped again as it reaches the speaker's pipeline, whose clock
   * paces it. */
  buffer = gst_buffer_copy (buffer);
  GST_BUFFER_PTS (buffer) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DTS (buffer) = GST_CLOCK_TIME_NONE;
  gst_app_src_push_buffer (GST_APP_SRC (input->appsrc), buffer);
  return GST_FLOW_OK;
}

/* The peer's decoder is gone: its input leaves the mixer. */
static void
speaker_input_free (gpointer data)
{
  SpeakerInput *input = data;

  gst_element_set_locked_state (input->appsrc, TRUE);
  gst_element_set_state (input->appsrc, GST_STATE_NULL);
  gst_element_release_request_pad (input->mixer, input->mixer_pad);
  gst_bin_remove (GST_BIN (input->mixing), input->appsrc);
  gst_object_unref (input->mixer_pad);
  gst_object_unref (input->appsrc);
  gst_object_unref (input->mixer);
  gst_object_unref (input->mixing);
  gst_object_unref (input->speaker);
  g_free (input);
}

/**
 * pp_media_make_audio_output:
 *
 * May be called on any thread.
 *
 * Returns: (transfer floating) (nullable): a new element that takes one
 *   peer's audio to the speaker, heard by the echo canceller; %NULL when
 *   there is no speaker
 */
GstElement *
pp_media_make_audio_output (PpMedia *self)
{
  g_autoptr(GstCaps) caps = gst_caps_from_string (SPEAKER_CAPS);
  GstAppSinkCallbacks callbacks = { .new_sample = on_heard };
  SpeakerInput *input;
  GstElement *appsink, *appsrc;
  GstPad *src;

  g_return_val_if_fail (PP_IS_MEDIA (self), NULL);

  appsink = gst_element_factory_make ("appsink", NULL);
  appsrc = gst_element_factory_make ("appsrc", NULL);
  if (appsink == NULL || appsrc == NULL || !speaker_ensure (self))
    {
      if (appsink != NULL)
        gst_object_unref (gst_object_ref_sink (appsink));
      if (appsrc != NULL)
        gst_object_unref (gst_object_ref_sink (appsrc));
      return NULL;
    }
  /* Added to a pipeline that plays: it must not wait to preroll. */
  g_object_set (appsink, "caps", caps, "sync", FALSE, "async", FALSE, NULL);
  g_object_set (appsrc, "caps", caps, "is-live", TRUE, "format", GST_FORMAT_TIME,
                "do-timestamp", TRUE, "block", FALSE, "max-bytes", (guint64) SPEAKER_QUEUE_BYTES,
                "leaky-type", GST_APP_LEAKY_TYPE_DOWNSTREAM, NULL);

  input = g_new0 (SpeakerInput, 1);
  g_mutex_lock (&self->speaker_lock);
  input->speaker = gst_object_ref (self->speaker);
  input->mixing = gst_object_ref (self->mixing);
  input->mixer = gst_object_ref (self->mixer);
  g_mutex_unlock (&self->speaker_lock);
  input->appsrc = gst_object_ref (appsrc);
  input->mixer_pad = gst_element_request_pad_simple (input->mixer, "sink_%u");
  /* Beside the mixer: a pad links only within one bin. */
  gst_bin_add (GST_BIN (input->mixing), appsrc);
  src = gst_element_get_static_pad (appsrc, "src");
  if (input->mixer_pad == NULL || gst_pad_link (src, input->mixer_pad) != GST_PAD_LINK_OK)
    g_debug ("A peer's audio could not reach the speaker's mixer");
  gst_object_unref (src);
  gst_element_sync_state_with_parent (appsrc);
  gst_bin_recalculate_latency (GST_BIN (input->speaker));
  gst_app_sink_set_callbacks (GST_APP_SINK (appsink), &callbacks, input, speaker_input_free);
  return appsink;
}

/**
 * pp_media_set_echo_cancellation:
 *
 * Takes what the speaker plays out of what the microphone hears, and
 * suppresses noise (webrtcdsp), when the plugin is there. Set before
 * pp_media_start(); on for the devices of pp_media_new(), off for given
 * sources and for the test media.
 */
void
pp_media_set_echo_cancellation (PpMedia  *self,
                                gboolean  cancel)
{
  Branch *branch;

  g_return_if_fail (PP_IS_MEDIA (self));
  g_return_if_fail (self->speaker == NULL);

  cancel = cancel && echo_cancellation_available ();
  if (self->echo_cancel == !!cancel)
    return;
  self->echo_cancel = !!cancel;
  /* The microphone's pipeline is made again, with or without it. */
  branch = &self->branches[PP_MEDIA_AUDIO];
  if (branch->pipeline == NULL)
    return;
  branch_stop (branch);
  if (!branch_build (self, branch, NULL))
    g_debug ("The microphone could not be set up again");
}

gboolean
pp_media_get_echo_cancellation (PpMedia *self)
{
  g_return_val_if_fail (PP_IS_MEDIA (self), FALSE);

  return self->echo_cancel;
}

/**
 * pp_media_start:
 *
 * Starts capturing. A source that fails later says so in
 * #PpMedia::source-failed; one that fails now makes this fail, with the
 * other one started all the same.
 */
gboolean
pp_media_start (PpMedia  *self,
                GError  **error)
{
  g_autoptr(GError) failed = NULL;

  g_return_val_if_fail (PP_IS_MEDIA (self), FALSE);

  self->started = TRUE;
  /* Before the microphone: its echo canceller looks for the speaker's
   * probe as it starts. */
  if (!speaker_ensure (self) && self->echo_cancel)
    pp_media_set_echo_cancellation (self, FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (self->branches); k++)
    {
      g_autoptr(GError) local_error = NULL;

      /* The other one starts all the same; the last failure is told. */
      if (self->branches[k].pipeline != NULL && !branch_play (&self->branches[k], &local_error))
        {
          g_clear_error (&failed);
          failed = g_steal_pointer (&local_error);
        }
    }
  if (failed != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failed));
      return FALSE;
    }
  return TRUE;
}

static void
preview_stop (PpMedia *self)
{
  GstElement *appsrc;

  if (self->preview_pipeline == NULL)
    return;
  appsrc = gst_bin_get_by_name (GST_BIN (self->preview_pipeline), "preview-src");
  pp_media_remove_output (self, appsrc);
  gst_object_unref (appsrc);
  gst_element_set_state (self->preview_pipeline, GST_STATE_NULL);
  g_clear_object (&self->preview_pipeline);
  self->preview = NULL;
}

/**
 * pp_media_get_preview:
 *
 * Our own camera as the peers see it: its packets, decoded here. Made on
 * the first call; its "frame" signal comes on the caller's main context.
 *
 * Returns: (transfer none) (nullable): the decoder, or %NULL without a
 *   camera or a decoder
 */
PpMediaDecoder *
pp_media_get_preview (PpMedia *self)
{
  GstElement *appsrc;

  g_return_val_if_fail (PP_IS_MEDIA (self), NULL);

  if (self->preview != NULL || self->branches[PP_MEDIA_VIDEO].pipeline == NULL)
    return (PpMediaDecoder *) self->preview;
  self->preview = pp_media_decoder_new (PP_MEDIA_VIDEO, NULL);
  appsrc = gst_element_factory_make ("appsrc", "preview-src");
  if (self->preview == NULL || appsrc == NULL)
    {
      if (self->preview != NULL)
        gst_object_unref (gst_object_ref_sink (self->preview));
      if (appsrc != NULL)
        gst_object_unref (gst_object_ref_sink (appsrc));
      self->preview = NULL;
      return NULL;
    }
  self->preview_pipeline = gst_object_ref_sink (gst_pipeline_new ("preview"));
  gst_bin_add_many (GST_BIN (self->preview_pipeline), appsrc, self->preview, NULL);
  gst_element_link (appsrc, self->preview);
  pp_media_add_output (self, PP_MEDIA_VIDEO, appsrc);
  gst_element_set_state (self->preview_pipeline, GST_STATE_PLAYING);
  return (PpMediaDecoder *) self->preview;
}

void
pp_media_stop (PpMedia *self)
{
  g_return_if_fail (PP_IS_MEDIA (self));

  self->started = FALSE;
  preview_stop (self);
  for (guint k = 0; k < G_N_ELEMENTS (self->branches); k++)
    branch_stop (&self->branches[k]);
  speaker_stop (self);
  /* A camera portal's question still open no longer matters. */
  if (self->portal_cancellable != NULL)
    g_cancellable_cancel (self->portal_cancellable);
}

static const char * const device_classes[] = {
  [PP_MEDIA_DEVICE_MICROPHONE] = "Audio/Source",
  [PP_MEDIA_DEVICE_CAMERA] = "Video/Source",
  [PP_MEDIA_DEVICE_SPEAKER] = "Audio/Sink",
};

/**
 * pp_media_list_devices:
 *
 * Returns: (transfer container) (element-type GstDevice): the cameras,
 *   microphones or speakers there are now; none for media made from
 *   given sources
 */
GPtrArray *
pp_media_list_devices (PpMedia       *self,
                       PpMediaDevice  kind)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (gst_object_unref);
  GList *devices;

  g_return_val_if_fail (PP_IS_MEDIA (self), found);

  devices = self->monitor != NULL ? gst_device_monitor_get_devices (self->monitor) : NULL;
  for (GList *l = devices; l != NULL; l = l->next)
    if (gst_device_has_classes (l->data, device_classes[kind]))
      g_ptr_array_add (found, gst_object_ref (l->data));
  g_list_free_full (devices, gst_object_unref);
  return found;
}

/**
 * pp_media_find_device:
 * @name: a device's display name
 *
 * Returns: (transfer full) (nullable): the device of @kind by that name,
 *   if it is still there
 */
GstDevice *
pp_media_find_device (PpMedia       *self,
                      PpMediaDevice  kind,
                      const char    *name)
{
  g_autoptr(GPtrArray) devices = pp_media_list_devices (self, kind);

  for (guint i = 0; i < devices->len; i++)
    {
      g_autofree char *display = gst_device_get_display_name (devices->pdata[i]);

      if (g_strcmp0 (display, name) == 0)
        return gst_object_ref (devices->pdata[i]);
    }
  return NULL;
}

/**
 * pp_media_get_device:
 *
 * Returns: (transfer none) (nullable): the device in use, the one chosen
 *   or the system's default; %NULL for a source given as a description and
 *   for the default speaker
 */
GstDevice *
pp_media_get_device (PpMedia       *self,
                     PpMediaDevice  kind)
{
  g_return_val_if_fail (PP_IS_MEDIA (self), NULL);

  return kind == PP_MEDIA_DEVICE_SPEAKER ? self->speaker_device : self->branches[kind].device;
}

/**
 * pp_media_use_device:
 * @device: (nullable): one of pp_media_list_devices(), or %NULL for the
 *   default one
 *
 * Changes the camera, the microphone or the speaker, during a call too:
 * peers get the new camera's picture with a key frame. The camera or the
 * microphone stays on or off as it was.
 *
 * Returns: %FALSE when the device cannot be started; the call then has
 *   none of that kind until another is chosen
 */
gboolean
pp_media_use_device (PpMedia        *self,
                     PpMediaDevice   kind,
                     GstDevice      *device,
                     GError        **error)
{
  Branch *branch;

  g_return_val_if_fail (PP_IS_MEDIA (self), FALSE);
  g_return_val_if_fail (device == NULL || GST_IS_DEVICE (device), FALSE);

  if (kind == PP_MEDIA_DEVICE_SPEAKER)
    {
      g_autoptr(GError) local_error = NULL;
      GstElement *output;
      GstPad *pad;

      g_set_object (&self->speaker_device, device);
      g_mutex_lock (&self->speaker_lock);
      if (self->speaker == NULL)
        {
          g_mutex_unlock (&self->speaker_lock);
          return TRUE;
        }
      output = element_from (self->speaker_device,
                             self->audio_output != NULL ? self->audio_output : "autoaudiosink",
                             &local_error);
      if (output == NULL)
        {
          g_mutex_unlock (&self->speaker_lock);
          g_set_error (error, PP_MEDIA_ERROR, PP_MEDIA_ERROR_SOURCE,
                       "The speaker cannot be used: %s", local_error->message);
          return FALSE;
        }
      gst_bin_add (GST_BIN (self->speaker), output);
      /* The swap waits for the mixer's next buffer, between two. */
      pad = gst_element_get_static_pad (self->mixing, "src");
      gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BLOCK_DOWNSTREAM, swap_output, output, NULL);
      gst_object_unref (pad);
      g_mutex_unlock (&self->speaker_lock);
      return TRUE;
    }

  branch = &self->branches[kind];
  if (device != NULL)
    g_set_object (&branch->device, device);
  else
    {
      g_clear_object (&branch->device);
      branch->device = default_device (self->monitor, device_classes[kind]);
    }
  branch_stop (branch);
  if (branch->device == NULL && branch->source == NULL)
    branch->source = g_strdup (kind == PP_MEDIA_DEVICE_CAMERA ? "autovideosrc" : "autoaudiosrc");
  if (!branch_build (self, branch, error))
    return FALSE;
  /* A camera that had failed starts too, with the one chosen. */
  if (self->started && !branch_play (branch, error))
    return FALSE;
  ask_key_frame (branch);
  return TRUE;
}

/**
 * pp_media_add_output:
 * @appsrc: an appsrc in a peer's pipeline, linked to webrtcbin
 *
 * Sends the packets of @kind to @appsrc from now on. Its caps and queue
 * are set here: live, time-stamped as they arrive, and dropping the oldest
 * packets rather than blocking the camera when the peer falls behind.
 */
void
pp_media_add_output (PpMedia     *self,
                     PpMediaKind  kind,
                     GstElement  *appsrc)
{
  Branch *branch;
  g_autoptr(GstCaps) caps = pp_media_get_rtp_caps (kind);

  g_return_if_fail (PP_IS_MEDIA (self));
  g_return_if_fail (GST_IS_APP_SRC (appsrc));

  branch = &self->branches[kind];
  g_object_set (appsrc, "caps", caps, "is-live", TRUE, "format", GST_FORMAT_TIME,
                "do-timestamp", TRUE, "block", FALSE, "max-bytes", (guint64) OUTPUT_QUEUE_BYTES,
                "leaky-type", GST_APP_LEAKY_TYPE_DOWNSTREAM, NULL);
  g_mutex_lock (&branch->lock);
  g_ptr_array_add (branch->outputs, gst_object_ref (appsrc));
  g_mutex_unlock (&branch->lock);
  ask_key_frame (branch);
}

void
pp_media_remove_output (PpMedia    *self,
                        GstElement *appsrc)
{
  g_return_if_fail (PP_IS_MEDIA (self));

  for (guint k = 0; k < G_N_ELEMENTS (self->branches); k++)
    {
      Branch *branch = &self->branches[k];

      g_mutex_lock (&branch->lock);
      g_ptr_array_remove (branch->outputs, appsrc);
      g_mutex_unlock (&branch->lock);
    }
}

/**
 * pp_media_set_sending:
 *
 * Turns the camera or the microphone off or on for every peer: off, not
 * one packet goes (and the encoder rests).
 */
void
pp_media_set_sending (PpMedia     *self,
                      PpMediaKind  kind,
                      gboolean     sending)
{
  Branch *branch;

  g_return_if_fail (PP_IS_MEDIA (self));

  branch = &self->branches[kind];
  if (branch->sending == !!sending)
    return;
  branch->sending = !!sending;
  if (branch->valve != NULL)
    g_object_set (branch->valve, "drop", !branch->sending, NULL);
  if (branch->sending)
    ask_key_frame (branch);
}

gboolean
pp_media_get_sending (PpMedia     *self,
                      PpMediaKind  kind)
{
  g_return_val_if_fail (PP_IS_MEDIA (self), FALSE);

  return self->branches[kind].sending && self->branches[kind].pipeline != NULL;
}

/**
 * pp_media_get_available:
 *
 * Returns: whether the camera or microphone is there and has not failed
 */
gboolean
pp_media_get_available (PpMedia     *self,
                        PpMediaKind  kind)
{
  g_return_val_if_fail (PP_IS_MEDIA (self), FALSE);

  return self->branches[kind].pipeline != NULL;
}

/**
 * pp_media_set_video_bitrate:
 *
 * Sets the camera's bitrate, kept between 100 kbit/s and 2 Mbit/s; the
 * encoder follows at once.
 */
void
pp_media_set_video_bitrate (PpMedia *self,
                            guint    bits_per_second)
{
  Branch *branch;

  g_return_if_fail (PP_IS_MEDIA (self));

  branch = &self->branches[PP_MEDIA_VIDEO];
  self->video_bitrate = CLAMP (bits_per_second, MIN_VIDEO_BITRATE, MAX_VIDEO_BITRATE);
  if (branch->encoder != NULL)
    g_object_set (branch->encoder, "target-bitrate", self->video_bitrate, NULL);
}

guint
pp_media_get_video_bitrate (PpMedia *self)
{
  g_return_val_if_fail (PP_IS_MEDIA (self), 0);

  return self->video_bitrate;
}

/**
 * pp_media_next_video_bitrate:
 * @bitrate: the bitrate now
 * @loss: the share of packets lost, 0 to 1, as RTCP reports it
 *
 * The loss-based rule of WebRTC's congestion control: over 10 % lost, the
 * rate drops by half the loss; under 2 %, it grows by 8 %, up to the
 * default, which caps it; in between it holds.
 *
 * Returns: the next bitrate, bit/s
 */
guint
pp_media_next_video_bitrate (guint  bitrate,
                             double loss)
{
  double next = bitrate;

  if (loss > 0.10)
    next = bitrate * (1.0 - 0.5 * MIN (loss, 1.0));
  else if (loss < 0.02)
    next = MIN (bitrate * 1.08, (double) DEFAULT_VIDEO_BITRATE);
  return CLAMP ((guint) next, MIN_VIDEO_BITRATE, MAX (bitrate, DEFAULT_VIDEO_BITRATE));
}

/**
 * pp_media_adapt_video_bitrate:
 * @loss: the worst loss any peer reports, 0 to 1
 *
 * Applies pp_media_next_video_bitrate(): one encoding goes to every peer,
 * so the one that loses most sets the rate.
 */
void
pp_media_adapt_video_bitrate (PpMedia *self,
                              double   loss)
{
  guint next;

  g_return_if_fail (PP_IS_MEDIA (self));

  next = pp_media_next_video_bitrate (self->video_bitrate, loss);
  if (next != self->video_bitrate)
    {
      g_debug ("Video bitrate %u -> %u (%.1f %% lost)", self->video_bitrate, next, loss * 100);
      pp_media_set_video_bitrate (self, next);
    }
}

/**
 * pp_media_get_packets_sent:
 *
 * Returns: how many RTP packets of @kind have gone to the peers
 */
guint64
pp_media_get_packets_sent (PpMedia     *self,
                           PpMediaKind  kind)
{
  Branch *branch;
  guint64 packets;

  g_return_val_if_fail (PP_IS_MEDIA (self), 0);

  branch = &self->branches[kind];
  g_mutex_lock (&branch->lock);
  packets = branch->packets;
  g_mutex_unlock (&branch->lock);
  return packets;
}

/* PpMediaDecoder */

struct _PpMediaDecoder
{
  GstBin parent_instance;

  PpMediaKind kind;
  GstElement *volume;          /* borrowed; audio only */
  GMainContext *context;       /* owned: where "frame" is emitted */
  GMutex lock;
  GstSample *frame;            /* owned, nullable: the newest decoded frame */
  gboolean frame_pending;      /* an emission of "frame" is on its way */
  guint64 frames;              /* decoded frames, or audio buffers */
  double level_db;             /* the last measured loudness */
};

enum { FRAME, N_DECODER_SIGNALS };
static guint decoder_signals[N_DECODER_SIGNALS];

G_DEFINE_FINAL_TYPE (PpMediaDecoder, pp_media_decoder, GST_TYPE_BIN)

static gboolean
emit_frame (gpointer data)
{
  PpMediaDecoder *self = data;

  g_mutex_lock (&self->lock);
  self->frame_pending = FALSE;
  g_mutex_unlock (&self->lock);
  g_signal_emit (self, decoder_signals[FRAME], 0);
  return G_SOURCE_REMOVE;
}

/* The streaming thread: the newest frame replaces the one not yet shown,
 * and the main context hears of it once. */
static GstFlowReturn
on_frame (GstAppSink *sink,
          gpointer    data)
{
  PpMediaDecoder *self = data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  gboolean notify;

  if (sample == NULL)
    return GST_FLOW_OK;
  g_mutex_lock (&self->lock);
  if (self->frame != NULL)
    gst_sample_unref (self->frame);
  self->frame = sample;
  self->frames++;
  notify = !self->frame_pending;
  self->frame_pending = TRUE;
  g_mutex_unlock (&self->lock);
  /* A source, not g_main_context_invoke (): that would call it right here,
   * on the streaming thread, whenever nobody holds the context. */
  if (notify)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_frame, gst_object_ref (self), gst_object_unref);
      g_source_set_static_name (source, "[pairpad] video frame");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
  return GST_FLOW_OK;
}

static GstPadProbeReturn
count_audio (GstPad          *pad,
             GstPadProbeInfo *info,
             gpointer         data)
{
  PpMediaDecoder *self = data;

  g_mutex_lock (&self->lock);
  self->frames++;
  g_mutex_unlock (&self->lock);
  return GST_PAD_PROBE_OK;
}

/* The level element's reports, caught on their way up. */
static void
pp_media_decoder_handle_message (GstBin     *bin,
                                 GstMessage *message)
{
  PpMediaDecoder *self = PP_MEDIA_DECODER (bin);
  const GstStructure *s = gst_message_get_structure (message);

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ELEMENT && s != NULL &&
      gst_structure_has_name (s, "level"))
    {
      const GValue *rms = gst_structure_get_value (s, "rms");
      double loudest = -G_MAXDOUBLE;

      /* One value per channel, in the GValueArray that level still posts. */
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (rms != NULL && G_VALUE_HOLDS (rms, g_value_array_get_type ()))
        {
          GValueArray *values = g_value_get_boxed (rms);

          for (guint i = 0; i < values->n_values; i++)
            loudest = MAX (loudest, g_value_get_double (g_value_array_get_nth (values, i)));
        }
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_mutex_lock (&self->lock);
      self->level_db = loudest;
      g_mutex_unlock (&self->lock);
      gst_message_unref (message);
      return;
    }
  GST_BIN_CLASS (pp_media_decoder_parent_class)->handle_message (bin, message);
}

static void
pp_media_decoder_finalize (GObject *object)
{
  PpMediaDecoder *self = PP_MEDIA_DECODER (object);

  g_clear_pointer (&self->frame, gst_sample_unref);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (pp_media_decoder_parent_class)->finalize (object);
}

static void
pp_media_decoder_class_init (PpMediaDecoderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_media_decoder_finalize;
  GST_BIN_CLASS (klass)->handle_message = pp_media_decoder_handle_message;

  /**
   * PpMediaDecoder::frame:
   *
   * A new video frame is ready for pp_media_decoder_take_frame(), on the
   * main context of the thread that made the decoder.
   */
  decoder_signals[FRAME] =
    g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pp_media_decoder_init (PpMediaDecoder *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  self->level_db = -G_MAXDOUBLE;
}

static GstElement *
make (const char  *factory,
      gboolean    *missing)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    *missing = TRUE;
  return element;
}

/**
 * pp_media_decoder_new:
 * @audio_sink: (nullable) (transfer floating): where audio is played;
 *   %NULL for the default output. Ignored for video.
 *
 * Returns: (transfer floating) (nullable): a bin with one sink pad for the
 *   RTP packets of @kind, or %NULL when a GStreamer plugin is missing
 */
GstElement *
pp_media_decoder_new (PpMediaKind  kind,
                      GstElement  *audio_sink)
{
  PpMediaDecoder *self;
  GstElement *chain[6] = { NULL };
  gboolean missing = FALSE;
  guint n = 0;
  GstPad *pad;

  gst_init (NULL, NULL);
  self = g_object_new (PP_TYPE_MEDIA_DECODER, NULL);
  self->kind = kind;
  if (kind == PP_MEDIA_VIDEO)
    {
      g_autoptr(GstCaps) caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "RGBA", NULL);
      GstAppSinkCallbacks callbacks = { .new_sample = on_frame };

      chain[n++] = make ("rtpvp8depay", &missing);
      /* Nothing is decoded before a key frame, which is asked for. */
      if (chain[n - 1] != NULL)
        g_object_set (chain[n - 1], "request-keyframe", TRUE, "wait-for-keyframe", TRUE, NULL);
      chain[n++] = make ("vp8dec", &missing);
      chain[n++] = make ("videoconvert", &missing);
      chain[n++] = make ("appsink", &missing);
      if (!missing)
        {
          g_object_set (chain[3], "caps", caps, "sync", FALSE, "max-buffers", 1, "drop", TRUE, NULL);
          gst_app_sink_set_callbacks (GST_APP_SINK (chain[3]), &callbacks, self, NULL);
        }
    }
  else
    {
      chain[n++] = make ("rtpopusdepay", &missing);
      chain[n++] = make ("opusdec", &missing);
      chain[n++] = make ("audioconvert", &missing);
      chain[n++] = make ("level", &missing);
      chain[n++] = self->volume = make ("volume", &missing);
      chain[n++] = audio_sink != NULL ? audio_sink : make ("autoaudiosink", &missing);
      if (!missing)
        {
          g_object_set (chain[3], "interval", (guint64) 100 * GST_MSECOND, "post-messages", TRUE, NULL);
          pad = gst_element_get_static_pad (chain[3], "src");
          gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_audio, self, NULL);
          gst_object_unref (pad);
        }
    }
  if (missing)
    {
      for (guint i = 0; i < n; i++)
        if (chain[i] != NULL)
          gst_object_unref (gst_object_ref_sink (chain[i]));
      gst_object_unref (gst_object_ref_sink (self));
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    gst_bin_add (GST_BIN (self), chain[i]);
  for (guint i = 0; i + 1 < n; i++)
    gst_element_link (chain[i], chain[i + 1]);
  pad = gst_element_get_static_pad (chain[0], "sink");
  gst_element_add_pad (GST_ELEMENT (self), gst_ghost_pad_new ("sink", pad));
  gst_object_unref (pad);
  return GST_ELEMENT (self);
}

PpMediaKind
pp_media_decoder_get_kind (PpMediaDecoder *self)
{
  g_return_val_if_fail (PP_IS_MEDIA_DECODER (self), PP_MEDIA_AUDIO);

  return self->kind;
}

/**
 * pp_media_decoder_get_frames:
 *
 * Returns: the video frames decoded, or the audio buffers played
 */
guint64
pp_media_decoder_get_frames (PpMediaDecoder *self)
{
  guint64 frames;

  g_return_val_if_fail (PP_IS_MEDIA_DECODER (self), 0);

  g_mutex_lock (&self->lock);
  frames = self->frames;
  g_mutex_unlock (&self->lock);
  return frames;
}

/**
 * pp_media_decoder_take_frame:
 *
 * Returns: (transfer full) (nullable): the newest video frame not taken
 *   yet, RGBA at its own size
 */
GstSample *
pp_media_decoder_take_frame (PpMediaDecoder *self)
{
  GstSample *frame;

  g_return_val_if_fail (PP_IS_MEDIA_DECODER (self), NULL);

  g_mutex_lock (&self->lock);
  frame = g_steal_pointer (&self->frame);
  g_mutex_unlock (&self->lock);
  return frame;
}

/**
 * pp_media_decoder_get_level:
 *
 * Returns: the loudness of the last tenth of a second, in dB (0 is full
 *   scale); -G_MAXDOUBLE before any sound
 */
double
pp_media_decoder_get_level (PpMediaDecoder *self)
{
  double level;

  g_return_val_if_fail (PP_IS_MEDIA_DECODER (self), -G_MAXDOUBLE);

  g_mutex_lock (&self->lock);
  level = self->level_db;
  g_mutex_unlock (&self->lock);
  return level;
}

/**
 * pp_media_decoder_set_main_context:
 *
 * Where #PpMediaDecoder::frame is emitted; by default the thread-default
 * context of the thread that made the decoder. Set it before the decoder
 * is linked.
 */
void
pp_media_decoder_set_main_context (PpMediaDecoder *self,
                                   GMainContext   *context)
{
  g_return_if_fail (PP_IS_MEDIA_DECODER (self));
  g_return_if_fail (context != NULL);

  g_mutex_lock (&self->lock);
  g_main_context_unref (self->context);
  self->context = g_main_context_ref (context);
  g_mutex_unlock (&self->lock);
}

void
pp_media_decoder_set_volume (PpMediaDecoder *self,
                             double          volume)
{
  g_return_if_fail (PP_IS_MEDIA_DECODER (self));

  if (self->volume != NULL)
    g_object_set (self->volume, "volume", CLAMP (volume, 0.0, 4.0), NULL);
}

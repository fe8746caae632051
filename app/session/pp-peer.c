/* pp-peer.c: one WebRTC connection to one remote participant
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#define GST_USE_UNSTABLE_API
#include <gst/gst.h>
#include <gst/sdp/sdp.h>
#include <gst/video/video.h>
#include <gst/webrtc/webrtc.h>
#include <nice/agent.h>

#include "pp-frame.h"
#include "pp-media.h"
#include "pp-peer.h"

#define CHANNEL_LABEL "pairpad"
#define DEFAULT_TIMEOUT_S 20
/* How long a call's packets wait in the jitter buffer, in ms. */
#define JITTER_MS 60
/* How often a call counts the packets it lost. */
#define STATS_INTERVAL_S 2
/* When a channel holds less than this, held updates go out. */
#define BUFFERED_LOW 16384
/* How long a try at connecting waits for the other side's first word
 * before it is made again. */
#define RETRY_WAIT_MS 4000u
/* How long the answering side lets the offering side notice a lost
 * connection before asking it for a new offer. */
#define NOTICE_WAIT_MS 600u

/* What webrtcbin's threads reach the peer through. Tearing a connection
 * down clears `self`, so a callback that comes late finds nobody. */
typedef struct
{
  gatomicrefcount ref;
  GMutex lock;
  PpPeer *self;           /* borrowed; NULL once the connection is gone */
  GMainContext *context;  /* owned */
  guint generation;
} Link;

struct _PpPeer
{
  GObject parent_instance;

  char *self_id;
  char *remote_id;
  gboolean offerer;
  JsonNode *ice_servers;          /* owned, nullable */
  char **local_addresses;         /* owned, nullable */
  guint timeout_s;
  gboolean relay_only;
  GMainContext *context;          /* owned */

  GstElement *pipeline;           /* owned */
  GstElement *webrtc;             /* borrowed from pipeline */
  GstWebRTCDataChannel *channel;  /* owned */
  NiceAgent *agent;               /* owned: webrtcbin's ICE agent */
  Link *link;                     /* owned reference */
  guint generation;
  char *conn;                     /* the offer's id that this connection follows */
  gboolean have_remote;
  GPtrArray *early_candidates;    /* JSON texts that came before the remote description */
  PpFrameAssembler *assembler;
  guint timeout_id;
  guint retry_id;
  guint n_retries;
  gboolean heard;                 /* the other side answered this try */
  guint n_local_candidates;

  PpPeerState state;
  PpPeerFailure failure;
  char *failure_detail;
  guint64 bytes_received;

  PpMedia *media;                 /* owned, nullable: no call */
  GstElement *senders[2];         /* appsrc by PpMediaKind, borrowed from pipeline */
  GstElement *decoders[2];        /* PpMediaDecoder by kind, owned reference */
  guint stats_id;
  guint64 pushed_seen, lost_seen; /* the jitter buffers' counts at the last reading */
};

enum { PROP_0, PROP_STATE, N_PROPS };
enum { SIGNAL_OUT, FRAME, BUFFERED_LOW_SIGNAL, STREAM_CHANGED, LOSS, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpPeer, pp_peer, G_TYPE_OBJECT)

static void build_connection (PpPeer *self);
static void teardown_connection (PpPeer *self, gboolean notify);

/* The link */

static Link *
link_new (PpPeer *self)
{
  Link *link = g_new0 (Link, 1);

  g_atomic_ref_count_init (&link->ref);
  g_mutex_init (&link->lock);
  link->self = self;
  link->context = g_main_context_ref (self->context);
  link->generation = self->generation;
  return link;
}

static Link *
link_ref (Link *link)
{
  g_atomic_ref_count_inc (&link->ref);
  return link;
}

static void
link_unref (gpointer data)
{
  Link *link = data;

  if (!g_atomic_ref_count_dec (&link->ref))
    return;
  g_mutex_clear (&link->lock);
  g_main_context_unref (link->context);
  g_free (link);
}

static void
link_closure_notify (gpointer  data,
                     GClosure *closure)
{
  link_unref (data);
}

static void
connect_linked (gpointer    instance,
                const char *signal,
                GCallback   callback,
                Link       *link)
{
  g_signal_connect_data (instance, signal, callback, link_ref (link), link_closure_notify, 0);
}

static void
link_cut (Link *link)
{
  g_mutex_lock (&link->lock);
  link->self = NULL;
  g_mutex_unlock (&link->lock);
}

typedef enum {
  HOP_OFFER_CREATED,
  HOP_ANSWER_CREATED,
  HOP_REMOTE_SET,
  HOP_CANDIDATE,
  HOP_CHANNEL,
  HOP_CHANNEL_OPEN,
  HOP_CHANNEL_CLOSED,
  HOP_MESSAGE,
  HOP_ICE_STATE,
  HOP_GATHERING_DONE,
  HOP_BUFFERED_LOW,
  HOP_ERROR,
  HOP_STREAM,
  HOP_LATENCY,
} HopKind;

typedef struct
{
  Link *link;                     /* owned reference */
  HopKind kind;
  guint number;                   /* mline, ICE state */
  char *text;                     /* SDP, candidate, error */
  GBytes *bytes;                  /* a message */
  GstWebRTCDataChannel *channel;  /* owned */
  GstElement *element;            /* owned: a stream's decoder */
} Hop;

static void
hop_free (gpointer data)
{
  Hop *hop = data;

  link_unref (hop->link);
  g_free (hop->text);
  g_clear_pointer (&hop->bytes, g_bytes_unref);
  g_clear_object (&hop->channel);
  g_clear_object (&hop->element);
  g_free (hop);
}

static gboolean hop_dispatch (gpointer data);

/* Called on webrtcbin's threads: hands the event to the main context. */
static void
hop_post_full (Link   *link,
               HopKind kind,
               guint   number,
               char   *text,      /* taken */
               GBytes *bytes,     /* taken */
               GstWebRTCDataChannel *channel, /* taken */
               GstElement *element /* taken */)
{
  Hop *hop = g_new0 (Hop, 1);
  GSource *source;

  hop->link = link_ref (link);
  hop->kind = kind;
  hop->number = number;
  hop->text = text;
  hop->bytes = bytes;
  hop->channel = channel;
  hop->element = element;
  /* A source of its own, never g_main_context_invoke (): that runs the
   * function right here, on webrtcbin's thread, whenever nobody is
   * iterating the main context at this moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, hop_dispatch, hop, hop_free);
  g_source_set_static_name (source, "[pairpad] webrtcbin event");
  g_source_attach (source, link->context);
  g_source_unref (source);
}

static void
hop_post (Link   *link,
          HopKind kind,
          guint   number,
          char   *text,      /* taken */
          GBytes *bytes,     /* taken */
          GstWebRTCDataChannel *channel /* taken */)
{
  hop_post_full (link, kind, number, text, bytes, channel, NULL);
}

/* Signaling payloads */

static void
emit_signal_out (PpPeer     *self,
                 const char *type,
                 const char *key,
                 const char *value,
                 gint        mline)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "t");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "c");
  json_builder_add_string_value (builder, self->conn);
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
  if (mline >= 0)
    {
      json_builder_set_member_name (builder, "m");
      json_builder_add_int_value (builder, mline);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  g_debug ("Peer %s: sending %s for %s", self->remote_id, type, self->conn);
  g_signal_emit (self, signals[SIGNAL_OUT], 0, json);
}

/* State */

static void
set_state (PpPeer      *self,
           PpPeerState  state)
{
  if (self->state == state)
    return;
  g_debug ("Peer %s: state %d -> %d", self->remote_id, self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
clear_timers (PpPeer *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
}

void
pp_peer_fail (PpPeer        *self,
              PpPeerFailure  failure,
              const char    *detail)
{
  g_return_if_fail (PP_IS_PEER (self));

  if (self->state == PP_PEER_CLOSED || self->state == PP_PEER_FAILED)
    return;
  clear_timers (self);
  teardown_connection (self, TRUE);
  self->failure = failure;
  g_free (self->failure_detail);
  self->failure_detail = g_strdup (detail);
  set_state (self, PP_PEER_FAILED);
}

static gboolean
on_timeout (gpointer data)
{
  PpPeer *self = data;

  self->timeout_id = 0;
  /* Both sides described themselves, and still no pair of addresses
   * worked: that is no route, not silence. */
  if (self->have_remote)
    pp_peer_fail (self, PP_PEER_FAILURE_NO_ROUTE, "no ICE candidate pair worked in time");
  else
    pp_peer_fail (self, PP_PEER_FAILURE_TIMEOUT, "no data channel in time");
  return G_SOURCE_REMOVE;
}

static void
arm_timeout (PpPeer *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (self->timeout_s, on_timeout, self);
}

/* Asks the offering side for a new offer. */
static void
ask_for_offer (PpPeer *self)
{
  g_free (self->conn);
  self->conn = g_strdup ("");
  emit_signal_out (self, "hi", "v", "1", -1);
}

static void attempt (PpPeer *self);

static gboolean
on_retry (gpointer data)
{
  PpPeer *self = data;

  self->retry_id = 0;
  /* Once the other side has answered, ICE has the rest, within the
   * timeout. */
  if (!self->heard && self->state != PP_PEER_CONNECTED)
    attempt (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (PpPeer *self,
                guint   delay_ms)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add (delay_ms, on_retry, self);
}

/* One try at a connection: the offering side builds one and offers it,
 * the answering side asks for an offer. A try that goes unanswered (a
 * payload lost with a server that went away, an offer made to an
 * earlier run of the other side) is made again, less often each time,
 * until the timeout gives up. */
static void
attempt (PpPeer *self)
{
  guint wait_ms = RETRY_WAIT_MS << MIN (self->n_retries, 3u);

  self->n_retries++;
  self->heard = FALSE;
  if (self->offerer)
    build_connection (self);
  else
    ask_for_offer (self);
  if (self->state != PP_PEER_FAILED && self->state != PP_PEER_CLOSED)
    schedule_retry (self, wait_ms);
}

/* The channel went away after it was open. Either side may be the only
 * one to notice, since a channel's last words can be lost with its
 * connection: the offering side builds a new connection after a pause,
 * and the answering side, if no offer came meanwhile, asks for one. */
static void
connection_lost (PpPeer *self)
{
  if (self->state == PP_PEER_CLOSED || self->state == PP_PEER_FAILED)
    return;
  teardown_connection (self, TRUE);
  set_state (self, PP_PEER_RECONNECTING);
  arm_timeout (self);
  self->heard = FALSE;
  if (self->offerer)
    {
      guint delay_ms = MIN (200u << MIN (self->n_retries, 5u), 5000u);

      schedule_retry (self, delay_ms / 2 + g_random_int_range (0, delay_ms / 2 + 1));
    }
  else
    schedule_retry (self, NOTICE_WAIT_MS);
}

/* webrtcbin's threads */

/* The reply to create-offer or create-answer: "offer" or "answer". */
static void
description_created (GstPromise *promise,
                     Link       *link,
                     const char *field,
                     HopKind     kind)
{
  const GstStructure *reply = gst_promise_get_reply (promise);
  GstWebRTCSessionDescription *desc = NULL;
  g_autoptr(GError) error = NULL;

  if (reply != NULL)
    gst_structure_get (reply, field, GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &desc, NULL);
  if (desc == NULL)
    {
      if (reply != NULL && gst_structure_has_field (reply, "error"))
        gst_structure_get (reply, "error", G_TYPE_ERROR, &error, NULL);
      hop_post (link, HOP_ERROR, 0,
                g_strdup_printf ("webrtcbin made no %s: %s", field,
                                 error ? error->message : "no reason given"), NULL, NULL);
    }
  else
    {
      hop_post (link, kind, 0, gst_sdp_message_as_text (desc->sdp), NULL, NULL);
      gst_webrtc_session_description_free (desc);
    }
  gst_promise_unref (promise);
}

static void
on_offer_created (GstPromise *promise,
                  gpointer    data)
{
  description_created (promise, data, "offer", HOP_OFFER_CREATED);
}

static void
on_answer_created (GstPromise *promise,
                   gpointer    data)
{
  description_created (promise, data, "answer", HOP_ANSWER_CREATED);
}

static void
on_remote_set (GstPromise *promise,
               gpointer    data)
{
  Link *link = data;
  const GstStructure *reply = gst_promise_get_reply (promise);
  g_autoptr(GError) error = NULL;

  if (reply != NULL && gst_structure_has_field (reply, "error"))
    {
      gst_structure_get (reply, "error", G_TYPE_ERROR, &error, NULL);
      hop_post (link, HOP_ERROR, 0,
                g_strdup_printf ("the remote description was refused: %s",
                                 error ? error->message : "no reason"), NULL, NULL);
    }
  else
    hop_post (link, HOP_REMOTE_SET, 0, NULL, NULL, NULL);
  gst_promise_unref (promise);
}

static void
on_ice_candidate (GstElement *webrtc,
                  guint       mline,
                  const char *candidate,
                  gpointer    data)
{
  hop_post (data, HOP_CANDIDATE, mline, g_strdup (candidate), NULL, NULL);
}

static void
on_ice_state (GObject    *webrtc,
              GParamSpec *pspec,
              gpointer    data)
{
  GstWebRTCICEConnectionState state;

  g_object_get (webrtc, "ice-connection-state", &state, NULL);
  hop_post (data, HOP_ICE_STATE, state, NULL, NULL, NULL);
}

static void
on_gathering_state (GObject    *webrtc,
                    GParamSpec *pspec,
                    gpointer    data)
{
  GstWebRTCICEGatheringState state;

  g_object_get (webrtc, "ice-gathering-state", &state, NULL);
  if (state == GST_WEBRTC_ICE_GATHERING_STATE_COMPLETE)
    hop_post (data, HOP_GATHERING_DONE, 0, NULL, NULL, NULL);
}

static void
on_channel_open (GstWebRTCDataChannel *channel,
                 gpointer              data)
{
  hop_post (data, HOP_CHANNEL_OPEN, 0, NULL, NULL, NULL);
}

static void
on_channel_close (GstWebRTCDataChannel *channel,
                  gpointer              data)
{
  hop_post (data, HOP_CHANNEL_CLOSED, 0, NULL, NULL, NULL);
}

static void
on_channel_error (GstWebRTCDataChannel *channel,
                  GError               *error,
                  gpointer              data)
{
  hop_post (data, HOP_CHANNEL_CLOSED, 0, NULL, NULL, NULL);
}

static void
on_message_data (GstWebRTCDataChannel *channel,
                 GBytes               *bytes,
                 gpointer              data)
{
  if (bytes != NULL)
    hop_post (data, HOP_MESSAGE, 0, NULL, g_bytes_ref (bytes), NULL);
}

/* A peer that sends text frames is not a Pairpad: count it as data, so
 * the session refuses it like any malformed frame. */
static void
on_message_string (GstWebRTCDataChannel *channel,
                   const char           *text,
                   gpointer              data)
{
  if (text != NULL)
    hop_post (data, HOP_MESSAGE, 0, NULL, g_bytes_new (text, strlen (text)), NULL);
}

static void
on_buffered_low (GstWebRTCDataChannel *channel,
                 gpointer              data)
{
  hop_post (data, HOP_BUFFERED_LOW, 0, NULL, NULL, NULL);
}

static void
connect_channel (Link                 *link,
                 GstWebRTCDataChannel *channel)
{
  g_object_set (channel, "buffered-amount-low-threshold", (guint64) BUFFERED_LOW, NULL);
  connect_linked (channel, "on-open", G_CALLBACK (on_channel_open), link);
  connect_linked (channel, "on-close", G_CALLBACK (on_channel_close), link);
  connect_linked (channel, "on-error", G_CALLBACK (on_channel_error), link);
  connect_linked (channel, "on-message-data", G_CALLBACK (on_message_data), link);
  connect_linked (channel, "on-message-string", G_CALLBACK (on_message_string), link);
  connect_linked (channel, "on-buffered-amount-low", G_CALLBACK (on_buffered_low), link);
}

static void
on_data_channel (GstElement           *webrtc,
                 GstWebRTCDataChannel *channel,
                 gpointer              data)
{
  Link *link = data;

  /* Connected here, on webrtcbin's thread, so that no message that
   * comes right after the channel is missed. */
  connect_channel (link, channel);
  hop_post (link, HOP_CHANNEL, 0, NULL, NULL, g_object_ref (channel));
}

/* A remote stream begins: its decoder is linked here, on webrtcbin's
 * thread, so that no packet meets an unlinked pad. */
static void
on_pad_added (GstElement *webrtc,
              GstPad     *pad,
              gpointer    data)
{
  Link *link = data;
  g_autoptr(GstCaps) caps = NULL;
  const char *media = NULL;
  PpMediaKind kind;
  GstElement *decoder, *pipeline;
  GstElement *audio_out = NULL;
  GstPad *sink;
  PpPeer *self;

  if (GST_PAD_DIRECTION (pad) != GST_PAD_SRC)
    return;
  caps = gst_pad_get_current_caps (pad);
  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  if (caps != NULL && gst_caps_get_size (caps) > 0)
    media = gst_structure_get_string (gst_caps_get_structure (caps, 0), "media");
  if (g_strcmp0 (media, "video") != 0 && g_strcmp0 (media, "audio") != 0)
    return;
  kind = g_str_equal (media, "video") ? PP_MEDIA_VIDEO : PP_MEDIA_AUDIO;

  g_mutex_lock (&link->lock);
  self = link->self ? g_object_ref (link->self) : NULL;
  g_mutex_unlock (&link->lock);
  if (self == NULL)
    return;
  if (kind == PP_MEDIA_AUDIO && self->media != NULL)
    audio_out = pp_media_make_audio_output (self->media);
  g_object_unref (self);

  decoder = pp_media_decoder_new (kind, audio_out);
  if (decoder == NULL)
    {
      hop_post (link, HOP_ERROR, 0,
                g_strdup_printf ("no decoder for the peer's %s: a GStreamer plugin is missing", media),
                NULL, NULL);
      return;
    }
  pp_media_decoder_set_main_context (PP_MEDIA_DECODER (decoder), link->context);
  pipeline = GST_ELEMENT (gst_element_get_parent (webrtc));
  if (pipeline == NULL)
    {
      gst_object_unref (gst_object_ref_sink (decoder));
      return;
    }
  gst_object_ref (decoder);
  gst_bin_add (GST_BIN (pipeline), decoder);
  sink = gst_element_get_static_pad (decoder, "sink");
  if (gst_pad_link (pad, sink) != GST_PAD_LINK_OK)
    g_debug ("The peer's %s stream could not be linked", media);
  gst_object_unref (sink);
  gst_element_sync_state_with_parent (decoder);
  gst_object_unref (pipeline);
  hop_post_full (link, HOP_STREAM, kind, NULL, NULL, NULL, decoder);
}

/* The share of the peer's packets that never came, since the last
 * reading: from the jitter buffers, which see every gap in the sequence
 * numbers. (webrtcbin 1.22's RTCP figures say -1 lost whatever is lost,
 * so the peer hears it from us, over the data channel.) */
static gboolean
read_loss (gpointer data)
{
  PpPeer *self = data;
  guint64 pushed = 0, lost = 0, got;
  GstIterator *it;
  GValue value = G_VALUE_INIT;

  if (self->webrtc == NULL)
    return G_SOURCE_CONTINUE;
  it = gst_bin_iterate_recurse (GST_BIN (self->webrtc));
  for (GstIteratorResult result; (result = gst_iterator_next (it, &value)) != GST_ITERATOR_DONE;)
    {
      GstElementFactory *factory;
      GstStructure *stats = NULL;
      guint64 n;

      /* webrtcbin added or removed an element meanwhile: count again. */
      if (result == GST_ITERATOR_RESYNC)
        {
          gst_iterator_resync (it);
          pushed = lost = 0;
          continue;
        }
      if (result == GST_ITERATOR_ERROR)
        break;
      factory = gst_element_get_factory (g_value_get_object (&value));
      if (factory != NULL && g_str_equal (GST_OBJECT_NAME (factory), "rtpjitterbuffer"))
        g_object_get (g_value_get_object (&value), "stats", &stats, NULL);
      if (stats != NULL && gst_structure_get_uint64 (stats, "num-pushed", &n))
        pushed += n;
      if (stats != NULL && gst_structure_get_uint64 (stats, "num-lost", &n))
        lost += n;
      g_clear_pointer (&stats, gst_structure_free);
      g_value_reset (&value);
    }
  gst_iterator_free (it);
  /* A jitter buffer that went with its stream starts the count again. */
  if (pushed < self->pushed_seen || lost < self->lost_seen)
    self->pushed_seen = self->lost_seen = 0;
  got = (pushed - self->pushed_seen) + (lost - self->lost_seen);
  if (got > 0)
    g_signal_emit (self, signals[LOSS], 0, (double) (lost - self->lost_seen) / got);
  self->pushed_seen = pushed;
  self->lost_seen = lost;
  return G_SOURCE_CONTINUE;
}

/* Nothing waits on a peer's bus: what matters is handed over here, the
 * rest dropped, so that no message piles up during a long call. */
static GstBusSyncReply
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    data)
{
  Link *link = data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_LATENCY:
      hop_post (link, HOP_LATENCY, 0, NULL, NULL, NULL);
      break;
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;

        /* A decoder or speaker that fails ends its stream only; a
         * failing transport shows in ICE's state or the channel's. */
        gst_message_parse_error (message, &error, NULL);
        g_debug ("A peer's pipeline, %s: %s", GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
                 error ? error->message : "unknown");
      }
      break;
    default:
      break;
    }
  /* A sync handler that drops a message frees it. */
  gst_message_unref (message);
  return GST_BUS_DROP;
}

/* The main context */

static void
send_candidates_early (PpPeer *self)
{
  g_autoptr(GPtrArray) early = g_steal_pointer (&self->early_candidates);

  for (guint i = 0; early != NULL && i < early->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!pp_peer_receive_signal (self, g_ptr_array_index (early, i), &error))
        g_debug ("A candidate from %s: %s", self->remote_id, error->message);
    }
}

static void
set_local_description (PpPeer     *self,
                       GstWebRTCSDPType type,
                       const char *sdp_text)
{
  GstSDPMessage *sdp = NULL;
  GstWebRTCSessionDescription *desc;

  if (gst_sdp_message_new_from_text (sdp_text, &sdp) != GST_SDP_OK)
    return;
  desc = gst_webrtc_session_description_new (type, sdp);
  g_signal_emit_by_name (self->webrtc, "set-local-description", desc, NULL);
  gst_webrtc_session_description_free (desc);
}

static gboolean
hop_dispatch (gpointer data)
{
  Hop *hop = data;
  PpPeer *self;

  g_assert (g_main_context_is_owner (hop->link->context));
  g_mutex_lock (&hop->link->lock);
  self = hop->link->self ? g_object_ref (hop->link->self) : NULL;
  g_mutex_unlock (&hop->link->lock);
  if (self == NULL)
    return G_SOURCE_REMOVE;
  if (self->link != hop->link)
    goto out;

  switch (hop->kind)
    {
    case HOP_OFFER_CREATED:
      /* Sent before setting it locally: candidates come during that. */
      emit_signal_out (self, "offer", "sdp", hop->text, -1);
      if (self->link == hop->link)
        set_local_description (self, GST_WEBRTC_SDP_TYPE_OFFER, hop->text);
      break;
    case HOP_ANSWER_CREATED:
      emit_signal_out (self, "answer", "sdp", hop->text, -1);
      if (self->link == hop->link)
        set_local_description (self, GST_WEBRTC_SDP_TYPE_ANSWER, hop->text);
      break;
    case HOP_REMOTE_SET:
      self->have_remote = TRUE;
      if (!self->offerer)
        {
          GstPromise *promise = gst_promise_new_with_change_func (on_answer_created,
                                                                  link_ref (self->link),
                                                                  link_unref);
          g_signal_emit_by_name (self->webrtc, "create-answer", NULL, promise);
        }
      send_candidates_early (self);
      break;
    case HOP_CANDIDATE:
      self->n_local_candidates++;
      emit_signal_out (self, "ice", "cand", hop->text, hop->number);
      break;
    case HOP_GATHERING_DONE:
      /* Relays only and no relay, or no usable address at all. */
      if (self->n_local_candidates == 0 && self->state != PP_PEER_CONNECTED)
        pp_peer_fail (self, PP_PEER_FAILURE_NO_ROUTE, "no local ICE candidate");
      break;
    case HOP_CHANNEL:
      if (self->channel == NULL)
        self->channel = g_steal_pointer (&hop->channel);
      break;
    case HOP_CHANNEL_OPEN:
      clear_timers (self);
      self->n_retries = 0;
      /* What the camera sent before the connection was up went nowhere. */
      if (self->media != NULL)
        pp_media_request_key_frame (self->media);
      if (self->media != NULL && self->stats_id == 0)
        self->stats_id = g_timeout_add_seconds (STATS_INTERVAL_S, read_loss, self);
      set_state (self, PP_PEER_CONNECTED);
      break;
    case HOP_CHANNEL_CLOSED:
      if (self->state == PP_PEER_CONNECTED)
        connection_lost (self);
      break;
    case HOP_MESSAGE:
      {
        g_autoptr(GBytes) frame = NULL;
        g_autoptr(GError) error = NULL;

        self->bytes_received += g_bytes_get_size (hop->bytes);
        if (!pp_frame_assembler_push (self->assembler, hop->bytes, &frame, &error))
          pp_peer_fail (self, PP_PEER_FAILURE_PROTOCOL, error->message);
        else if (frame != NULL)
          g_signal_emit (self, signals[FRAME], 0, frame);
      }
      break;
    case HOP_ICE_STATE:
      if (hop->number == GST_WEBRTC_ICE_CONNECTION_STATE_FAILED)
        {
          if (self->state == PP_PEER_CONNECTED)
            connection_lost (self);
          else
            pp_peer_fail (self, PP_PEER_FAILURE_NO_ROUTE, "ICE failed");
        }
      break;
    case HOP_BUFFERED_LOW:
      g_signal_emit (self, signals[BUFFERED_LOW_SIGNAL], 0);
      break;
    case HOP_STREAM:
      g_clear_object (&self->decoders[hop->number]);
      self->decoders[hop->number] = g_steal_pointer (&hop->element);
      g_signal_emit (self, signals[STREAM_CHANGED], 0, hop->number);
      break;
    case HOP_LATENCY:
      if (self->pipeline != NULL)
        gst_bin_recalculate_latency (GST_BIN (self->pipeline));
      break;
    case HOP_ERROR:
      g_debug ("Connection to %s: %s", self->remote_id, hop->text);
      if (self->state == PP_PEER_CONNECTED)
        connection_lost (self);
      break;
    }

out:
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* Building and tearing down */

static char *
uri_with_credentials (const char *scheme,
                      const char *url,
                      const char *user,
                      const char *password)
{
  const char *rest = strchr (url, ':') + 1;
  g_autofree char *host = g_strdup (rest);
  g_autofree char *u = NULL, *p = NULL;

  if (strchr (host, '?') != NULL)
    *strchr (host, '?') = '\0';
  if (user == NULL)
    return g_strdup_printf ("%s://%s", scheme, host);
  u = g_uri_escape_string (user, NULL, FALSE);
  p = g_uri_escape_string (password ? password : "", NULL, FALSE);
  return g_strdup_printf ("%s://%s:%s@%s", scheme, u, p, host);
}

/* ICE servers as the signaling server lists them, RTCIceServer's form. */
static void
apply_ice_servers (PpPeer *self)
{
  JsonArray *servers;

  if (self->ice_servers == NULL || !JSON_NODE_HOLDS_ARRAY (self->ice_servers))
    return;
  servers = json_node_get_array (self->ice_servers);
  for (guint i = 0; i < json_array_get_length (servers); i++)
    {
      JsonNode *node = json_array_get_element (servers, i);
      JsonObject *server;
      JsonNode *urls;
      const char *user, *password;
      g_autoptr(GPtrArray) list = g_ptr_array_new ();

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      server = json_node_get_object (node);
      urls = json_object_get_member (server, "urls");
      user = json_object_get_string_member_with_default (server, "username", NULL);
      password = json_object_get_string_member_with_default (server, "credential", NULL);
      if (urls != NULL && JSON_NODE_HOLDS_VALUE (urls) && json_node_get_string (urls) != NULL)
        g_ptr_array_add (list, (gpointer) json_node_get_string (urls));
      else if (urls != NULL && JSON_NODE_HOLDS_ARRAY (urls))
        for (guint j = 0; j < json_array_get_length (json_node_get_array (urls)); j++)
          {
            JsonNode *u = json_array_get_element (json_node_get_array (urls), j);
            if (JSON_NODE_HOLDS_VALUE (u) && json_node_get_string (u) != NULL)
              g_ptr_array_add (list, (gpointer) json_node_get_string (u));
          }

      for (guint j = 0; j < list->len; j++)
        {
          const char *url = g_ptr_array_index (list, j);
          gboolean ok = FALSE;

          if (g_str_has_prefix (url, "stun:"))
            {
              g_autofree char *uri = uri_with_credentials ("stun", url, NULL, NULL);
              g_object_set (self->webrtc, "stun-server", uri, NULL);
            }
          else if (g_str_has_prefix (url, "turn:") || g_str_has_prefix (url, "turns:"))
            {
              g_autofree char *uri = uri_with_credentials (g_str_has_prefix (url, "turns:") ? "turns" : "turn",
                                                           url, user, password);
              g_signal_emit_by_name (self->webrtc, "add-turn-server", uri, &ok);
            }
        }
    }
}

/* webrtcbin turns a peer's request for a key frame (RTCP PLI) into an
 * event that goes up to our appsrc: it goes on to the encoder. */
static GstPadProbeReturn
on_sender_event (GstPad          *pad,
                 GstPadProbeInfo *info,
                 gpointer         data)
{
  Link *link = data;
  PpMedia *media = NULL;

  if (!gst_video_event_is_force_key_unit (GST_PAD_PROBE_INFO_EVENT (info)))
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&link->lock);
  if (link->self != NULL && link->self->media != NULL)
    media = g_object_ref (link->self->media);
  g_mutex_unlock (&link->lock);
  if (media != NULL)
    {
      pp_media_request_key_frame (media);
      g_object_unref (media);
    }
  return GST_PAD_PROBE_OK;
}

/* The camera and the microphone go on every connection, each in a
 * transceiver of its own that also receives the peer's: the media
 * sections are in the first offer, on the one bundled transport, so a
 * camera turned on later needs no new negotiation, and a side with no
 * device at all simply sends nothing. */
static void
add_senders (PpPeer *self)
{
  for (PpMediaKind kind = PP_MEDIA_AUDIO; kind <= PP_MEDIA_VIDEO; kind++)
    {
      g_autoptr(GstCaps) caps = pp_media_get_rtp_caps (kind);
      g_autoptr(GstWebRTCRTPTransceiver) transceiver = NULL;
      GstElement *appsrc = gst_element_factory_make ("appsrc", NULL);
      GstPad *src, *sink;

      if (appsrc == NULL)
        return;
      gst_bin_add (GST_BIN (self->pipeline), appsrc);
      pp_media_add_output (self->media, kind, appsrc);
      self->senders[kind] = appsrc;
      sink = gst_element_request_pad_simple (self->webrtc, "sink_%u");
      src = gst_element_get_static_pad (appsrc, "src");
      if (kind == PP_MEDIA_VIDEO)
        gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_EVENT_UPSTREAM, on_sender_event,
                           link_ref (self->link), link_unref);
      if (gst_pad_link (src, sink) != GST_PAD_LINK_OK)
        g_debug ("Peer %s: the %s sender could not be linked", self->remote_id,
                 kind == PP_MEDIA_VIDEO ? "video" : "audio");
      g_object_get (sink, "transceiver", &transceiver, NULL);
      if (transceiver != NULL)
        g_object_set (transceiver, "direction", GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_SENDRECV,
                      "codec-preferences", caps, NULL);
      gst_object_unref (src);
      gst_object_unref (sink);
    }

  /* A browser sends its camera only on a transceiver that receives
   * alone: offered as well, it costs a Pairpad nothing. */
  if (self->offerer)
    {
      g_autoptr(GstCaps) caps = pp_media_get_rtp_caps (PP_MEDIA_VIDEO);
      g_autoptr(GstWebRTCRTPTransceiver) transceiver = NULL;

      g_signal_emit_by_name (self->webrtc, "add-transceiver",
                             GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_RECVONLY, caps, &transceiver);
    }
}

static void
remove_senders (PpPeer *self)
{
  for (guint kind = 0; kind < G_N_ELEMENTS (self->senders); kind++)
    {
      if (self->senders[kind] != NULL && self->media != NULL)
        pp_media_remove_output (self->media, self->senders[kind]);
      self->senders[kind] = NULL;
    }
}

static void
build_connection (PpPeer *self)
{
  Link *link;
  GstStructure *options;
  GstBus *bus;
  g_autoptr(GstWebRTCICE) ice = NULL;

  teardown_connection (self, TRUE);
  self->generation++;
  self->link = link = link_new (self);
  self->assembler = pp_frame_assembler_new ();
  self->have_remote = FALSE;
  self->n_local_candidates = 0;

  self->pipeline = gst_pipeline_new (NULL);
  self->webrtc = gst_element_factory_make ("webrtcbin", NULL);
  if (self->webrtc == NULL)
    {
      pp_peer_fail (self, PP_PEER_FAILURE_NO_ROUTE,
                    "GStreamer's webrtcbin is not installed (gstreamer1.0-plugins-bad)");
      return;
    }
  /* The jitter buffer's wait for late packets: webrtcbin's 200 ms made a
   * word heard a quarter of a second after it was said. */
  g_object_set (self->webrtc, "bundle-policy", GST_WEBRTC_BUNDLE_POLICY_MAX_BUNDLE,
                "latency", (guint) JITTER_MS, NULL);
  if (self->relay_only)
    g_object_set (self->webrtc, "ice-transport-policy", GST_WEBRTC_ICE_TRANSPORT_POLICY_RELAY, NULL);
  gst_bin_add (GST_BIN (self->pipeline), self->webrtc);
  apply_ice_servers (self);

  g_object_get (self->webrtc, "ice-agent", &ice, NULL);
  if (ice != NULL)
    {
      /* libnice would otherwise ask the LAN's router, by multicast, to
       * open ports: not ours to do, and slow. */
      g_object_get (ice, "agent", &self->agent, NULL);
      if (self->agent != NULL)
        g_object_set (self->agent, "upnp", FALSE, NULL);
      for (guint i = 0; self->local_addresses != NULL && self->local_addresses[i] != NULL; i++)
        {
          gboolean ok = FALSE;
          g_signal_emit_by_name (ice, "add-local-ip-address", self->local_addresses[i], &ok);
        }
    }

  connect_linked (self->webrtc, "on-ice-candidate", G_CALLBACK (on_ice_candidate), link);
  connect_linked (self->webrtc, "notify::ice-connection-state", G_CALLBACK (on_ice_state), link);
  connect_linked (self->webrtc, "notify::ice-gathering-state", G_CALLBACK (on_gathering_state), link);
  connect_linked (self->webrtc, "on-data-channel", G_CALLBACK (on_data_channel), link);
  connect_linked (self->webrtc, "pad-added", G_CALLBACK (on_pad_added), link);
  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  gst_bus_set_sync_handler (bus, on_bus_message, link_ref (link), link_unref);
  gst_object_unref (bus);
  if (self->media != NULL)
    add_senders (self);

  gst_element_set_state (self->pipeline, GST_STATE_READY);

  if (self->offerer)
    {
      GstPromise *promise;
      guint8 id[9];

      for (guint i = 0; i < sizeof id; i++)
        id[i] = g_random_int_range (0, 256);
      g_free (self->conn);
      self->conn = g_base64_encode (id, sizeof id);

      /* Before the offer, or it has no m=application section; and the
       * offer is made here, since negotiation-needed came at READY. */
      options = gst_structure_new ("options", "ordered", G_TYPE_BOOLEAN, TRUE, NULL);
      g_signal_emit_by_name (self->webrtc, "create-data-channel", CHANNEL_LABEL, options,
                             &self->channel);
      gst_structure_free (options);
      if (self->channel == NULL)
        {
          pp_peer_fail (self, PP_PEER_FAILURE_NO_ROUTE, "webrtcbin made no data channel");
          return;
        }
      connect_channel (link, self->channel);
      gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
      promise = gst_promise_new_with_change_func (on_offer_created, link_ref (link),
                                                  link_unref);
      g_signal_emit_by_name (self->webrtc, "create-offer", NULL, promise);
    }
  else
    gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
}

/* TURN allocations are given back (a refresh with lifetime 0) rather
 * than left to expire on the relay, which also spares libnice's warning
 * about refreshes still alive when the agent goes. The agent was taken
 * when the connection was built: asking webrtcbin for it now would take
 * a lock its own threads may hold. */
static void
release_relays (PpPeer *self)
{
  if (self->agent == NULL)
    return;
  nice_agent_close_async (self->agent, NULL, NULL);
  g_clear_object (&self->agent);
}

static void
teardown_connection (PpPeer   *self,
                     gboolean  notify)
{
  if (self->link != NULL)
    {
      link_cut (self->link);
      g_clear_pointer (&self->link, link_unref);
    }
  remove_senders (self);
  g_clear_handle_id (&self->stats_id, g_source_remove);
  self->pushed_seen = self->lost_seen = 0;
  for (guint kind = 0; kind < G_N_ELEMENTS (self->decoders); kind++)
    if (self->decoders[kind] != NULL)
      {
        g_clear_object (&self->decoders[kind]);
        if (notify)
          g_signal_emit (self, signals[STREAM_CHANGED], 0, kind);
      }
  if (self->channel != NULL)
    {
      gst_webrtc_data_channel_close (self->channel);
      g_clear_object (&self->channel);
    }
  if (self->pipeline != NULL)
    {
      release_relays (self);
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      /* webrtcbin's own thread may have added a transport (its nicesink
       * in READY) while the bin went down: the second NULL-to-NULL
       * change reaches every child, late ones included, before they are
       * disposed. */
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      g_clear_object (&self->pipeline);
      self->webrtc = NULL;
    }
  g_clear_pointer (&self->assembler, pp_frame_assembler_free);
  g_clear_pointer (&self->early_candidates, g_ptr_array_unref);
  self->have_remote = FALSE;
}

/* Public */

static GMutex warm_up_lock;
static GCond warm_up_cond;
static gboolean warm_up_running;

static void
warm_up_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  /* webrtcbin makes its certificate in the first dtlsdec of the process
   * and keeps it: reading one's pem makes it now. */
  g_autoptr(GstElement) dtls = gst_element_factory_make ("dtlsdec", NULL);
  g_autofree char *pem = NULL;

  if (dtls != NULL)
    {
      gst_object_ref_sink (dtls);
      g_object_get (dtls, "pem", &pem, NULL);
    }
  g_mutex_lock (&warm_up_lock);
  warm_up_running = FALSE;
  g_cond_broadcast (&warm_up_cond);
  g_mutex_unlock (&warm_up_lock);
}

void
pp_peer_warm_up (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      gst_init (NULL, NULL);
      warm_up_running = TRUE;
      g_task_run_in_thread (task, warm_up_thread);
      g_once_init_leave (&once, 1);
    }
}

/* A process that ends while the certificate is being made crashes in
 * OpenSSL's exit handlers, which free what the maker still uses. */
void
pp_peer_warm_up_wait (void)
{
  g_mutex_lock (&warm_up_lock);
  while (warm_up_running)
    g_cond_wait (&warm_up_cond, &warm_up_lock);
  g_mutex_unlock (&warm_up_lock);
}

PpPeer *
pp_peer_new (const char *self_id,
             const char *remote_id,
             JsonNode   *ice_servers)
{
  PpPeer *self;

  g_return_val_if_fail (self_id != NULL && remote_id != NULL, NULL);
  g_return_val_if_fail (strcmp (self_id, remote_id) != 0, NULL);

  gst_init (NULL, NULL);
  self = g_object_new (PP_TYPE_PEER, NULL);
  self->self_id = g_strdup (self_id);
  self->remote_id = g_strdup (remote_id);
  self->offerer = strcmp (self_id, remote_id) < 0;
  self->ice_servers = ice_servers ? json_node_copy (ice_servers) : NULL;
  return self;
}

void
pp_peer_set_local_addresses (PpPeer             *self,
                             const char * const *addresses)
{
  g_return_if_fail (PP_IS_PEER (self));

  g_strfreev (self->local_addresses);
  self->local_addresses = g_strdupv ((char **) addresses);
}

void
pp_peer_set_relay_only (PpPeer   *self,
                        gboolean  relay_only)
{
  g_return_if_fail (PP_IS_PEER (self));
  self->relay_only = relay_only;
}

void
pp_peer_set_timeout (PpPeer *self,
                     guint   seconds)
{
  g_return_if_fail (PP_IS_PEER (self));
  self->timeout_s = MAX (seconds, 1);
}

void
pp_peer_start (PpPeer *self)
{
  g_return_if_fail (PP_IS_PEER (self));

  arm_timeout (self);
  /* The offering side may hold a connection to an earlier us (we
   * restarted, or lost the channel): asking makes it offer anew. */
  if (!self->offerer || self->link == NULL)
    attempt (self);
}

/* Everything in a payload has been through the seal, so it comes from
 * the peer; still, the peer may be hostile, so nothing is trusted. */
gboolean
pp_peer_receive_signal (PpPeer      *self,
                        const char  *json,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  const char *type, *conn;

  g_return_val_if_fail (PP_IS_PEER (self), FALSE);

  if (self->state == PP_PEER_CLOSED || self->state == PP_PEER_FAILED)
    return TRUE;
  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto bad;
  obj = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_string_member_with_default (obj, "t", NULL);
  conn = json_object_get_string_member_with_default (obj, "c", NULL);
  if (type == NULL || conn == NULL)
    goto bad;
  g_debug ("Peer %s: received %s for %s (ours %s, state %d)", self->remote_id, type, conn,
           self->conn ? self->conn : "none", self->state);

  if (strcmp (type, "offer") == 0)
    {
      const char *sdp_text = json_object_get_string_member_with_default (obj, "sdp", NULL);
      GstSDPMessage *sdp = NULL;
      GstWebRTCSessionDescription *desc;
      GstPromise *promise;

      /* The impolite side ignores offers: its own wins. */
      if (self->offerer)
        return TRUE;
      if (sdp_text == NULL || gst_sdp_message_new_from_text (sdp_text, &sdp) != GST_SDP_OK)
        goto bad;
      if (self->state == PP_PEER_CONNECTED)
        set_state (self, PP_PEER_RECONNECTING);
      build_connection (self);
      if (self->webrtc == NULL)
        {
          gst_sdp_message_free (sdp);
          return TRUE;
        }
      g_free (self->conn);
      self->conn = g_strdup (conn);
      self->heard = TRUE;
      g_clear_handle_id (&self->retry_id, g_source_remove);
      arm_timeout (self);
      desc = gst_webrtc_session_description_new (GST_WEBRTC_SDP_TYPE_OFFER, sdp);
      promise = gst_promise_new_with_change_func (on_remote_set, link_ref (self->link),
                                                  link_unref);
      g_signal_emit_by_name (self->webrtc, "set-remote-description", desc, promise);
      gst_webrtc_session_description_free (desc);
      return TRUE;
    }

  if (strcmp (type, "hi") == 0)
    {
      if (self->offerer)
        {
          if (self->state == PP_PEER_CONNECTED)
            set_state (self, PP_PEER_RECONNECTING);
          arm_timeout (self);
          attempt (self);
        }
      return TRUE;
    }

  /* Answers and candidates must follow the connection we have now. */
  if (self->conn == NULL || strcmp (conn, self->conn) != 0 || self->webrtc == NULL)
    return TRUE;

  if (strcmp (type, "answer") == 0)
    {
      const char *sdp_text = json_object_get_string_member_with_default (obj, "sdp", NULL);
      GstSDPMessage *sdp = NULL;
      GstWebRTCSessionDescription *desc;
      GstPromise *promise;

      if (!self->offerer || self->have_remote)
        return TRUE;
      if (sdp_text == NULL || gst_sdp_message_new_from_text (sdp_text, &sdp) != GST_SDP_OK)
        goto bad;
      self->heard = TRUE;
      g_clear_handle_id (&self->retry_id, g_source_remove);
      desc = gst_webrtc_session_description_new (GST_WEBRTC_SDP_TYPE_ANSWER, sdp);
      promise = gst_promise_new_with_change_func (on_remote_set, link_ref (self->link),
                                                  link_unref);
      g_signal_emit_by_name (self->webrtc, "set-remote-description", desc, promise);
      gst_webrtc_session_description_free (desc);
      return TRUE;
    }

  if (strcmp (type, "ice") == 0)
    {
      const char *cand = json_object_get_string_member_with_default (obj, "cand", NULL);
      gint64 mline = json_object_get_int_member_with_default (obj, "m", -1);

      if (cand == NULL || mline < 0 || mline > 64)
        goto bad;
      if (!self->have_remote)
        {
          if (self->early_candidates == NULL)
            self->early_candidates = g_ptr_array_new_with_free_func (g_free);
          if (self->early_candidates->len < 256)
            g_ptr_array_add (self->early_candidates, g_strdup (json));
          return TRUE;
        }
      /* An empty candidate ends the list; webrtcbin 1.22 wants none. */
      if (*cand != '\0')
        g_signal_emit_by_name (self->webrtc, "add-ice-candidate", (guint) mline, cand);
      return TRUE;
    }

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "A signaling payload that is not an offer, answer or candidate");
  return FALSE;
}

gboolean
pp_peer_send (PpPeer *self,
              GBytes *frame)
{
  g_autoptr(GPtrArray) messages = NULL;

  g_return_val_if_fail (PP_IS_PEER (self), FALSE);

  if (self->state != PP_PEER_CONNECTED || self->channel == NULL)
    return FALSE;
  messages = pp_frame_split (frame, PP_FRAME_MAX_MESSAGE);
  for (guint i = 0; i < messages->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!gst_webrtc_data_channel_send_data_full (self->channel, g_ptr_array_index (messages, i),
                                                   &error))
        {
          g_debug ("Sending to %s: %s", self->remote_id, error->message);
          connection_lost (self);
          return FALSE;
        }
    }
  return TRUE;
}

guint64
pp_peer_get_buffered_amount (PpPeer *self)
{
  guint64 amount = 0;

  g_return_val_if_fail (PP_IS_PEER (self), 0);

  if (self->channel != NULL)
    g_object_get (self->channel, "buffered-amount", &amount, NULL);
  return amount;
}

void
pp_peer_close_channel (PpPeer *self)
{
  g_return_if_fail (PP_IS_PEER (self));

  if (self->channel != NULL)
    gst_webrtc_data_channel_close (self->channel);
}

void
pp_peer_close (PpPeer *self)
{
  g_return_if_fail (PP_IS_PEER (self));

  clear_timers (self);
  teardown_connection (self, FALSE);
  set_state (self, PP_PEER_CLOSED);
}

const char *
pp_peer_get_remote_id (PpPeer *self)
{
  g_return_val_if_fail (PP_IS_PEER (self), NULL);
  return self->remote_id;
}

gboolean
pp_peer_is_offerer (PpPeer *self)
{
  g_return_val_if_fail (PP_IS_PEER (self), FALSE);
  return self->offerer;
}

PpPeerState
pp_peer_get_state (PpPeer *self)
{
  g_return_val_if_fail (PP_IS_PEER (self), PP_PEER_CLOSED);
  return self->state;
}

PpPeerFailure
pp_peer_get_failure (PpPeer *self)
{
  g_return_val_if_fail (PP_IS_PEER (self), PP_PEER_FAILURE_NONE);
  return self->failure;
}

const char *
pp_peer_get_failure_detail (PpPeer *self)
{
  g_return_val_if_fail (PP_IS_PEER (self), NULL);
  return self->failure_detail;
}

guint64
pp_peer_get_bytes_received (PpPeer *self)
{
  g_return_val_if_fail (PP_IS_PEER (self), 0);
  return self->bytes_received;
}

/**
 * pp_peer_set_media:
 * @media: (nullable): this side's camera and microphone
 *
 * Puts a call on every connection from the next one on: @media's streams
 * are sent, and the peer's are decoded (see pp_peer_get_decoder()).
 * Without media the connection carries the data channel only.
 */
void
pp_peer_set_media (PpPeer  *self,
                   PpMedia *media)
{
  g_return_if_fail (PP_IS_PEER (self));
  g_return_if_fail (media == NULL || PP_IS_MEDIA (media));

  remove_senders (self);
  g_set_object (&self->media, media);
}

/**
 * pp_peer_get_decoder:
 *
 * Returns: (transfer none) (nullable): the decoder of the peer's stream of
 *   @kind on this connection, or %NULL while none has come
 */
PpMediaDecoder *
pp_peer_get_decoder (PpPeer      *self,
                     PpMediaKind  kind)
{
  g_return_val_if_fail (PP_IS_PEER (self), NULL);
  g_return_val_if_fail (kind <= PP_MEDIA_VIDEO, NULL);

  return self->decoders[kind] ? PP_MEDIA_DECODER (self->decoders[kind]) : NULL;
}

/* Sums a counter of webrtcbin's statistics over the RTP streams of one
 * media kind. With one bundled transport, webrtcbin 1.22 gives every
 * stream the first one's "kind"; the clock rate tells them apart (90 kHz
 * is video, Opus is 48 kHz). */
static void
add_stats (const GstStructure *stats,
           GstWebRTCStatsType  type,
           const char         *counter,
           PpMediaKind         kind,
           guint64            *total)
{
  gint n = gst_structure_n_fields (stats);

  for (gint i = 0; i < n; i++)
    {
      const GValue *value = gst_structure_get_value (stats, gst_structure_nth_field_name (stats, i));
      const GstStructure *entry;
      GstStructure *source = NULL;
      GstWebRTCStatsType entry_type;
      gint clock_rate = 0;
      guint64 count = 0;
      guint count32 = 0;

      if (!GST_VALUE_HOLDS_STRUCTURE (value))
        continue;
      entry = gst_value_get_structure (value);
      if (!gst_structure_get (entry, "type", GST_TYPE_WEBRTC_STATS_TYPE, &entry_type, NULL) ||
          entry_type != type)
        continue;
      if (!gst_structure_get (entry, "gst-rtpsource-stats", GST_TYPE_STRUCTURE, &source, NULL))
        continue;
      gst_structure_get_int (source, "clock-rate", &clock_rate);
      gst_structure_free (source);
      if ((clock_rate == 90000) != (kind == PP_MEDIA_VIDEO))
        continue;
      if (gst_structure_get_uint64 (entry, counter, &count))
        *total += count;
      else if (gst_structure_get_uint (entry, counter, &count32))
        *total += count32;
    }
}

/**
 * pp_peer_get_rtp_counts:
 * @packets_sent: (out) (optional): RTP packets of @kind sent to the peer
 * @packets_received: (out) (optional): and received from it
 *
 * Reads webrtcbin's statistics; it waits for them, so it is meant for
 * tests and diagnostics, not for every frame.
 *
 * Returns: %FALSE without a connection
 */
gboolean
pp_peer_get_rtp_counts (PpPeer      *self,
                        PpMediaKind  kind,
                        guint64     *packets_sent,
                        guint64     *packets_received)
{
  GstPromise *promise;
  const GstStructure *stats;
  guint64 sent = 0, received = 0;

  g_return_val_if_fail (PP_IS_PEER (self), FALSE);

  if (self->webrtc == NULL)
    return FALSE;
  promise = gst_promise_new ();
  g_signal_emit_by_name (self->webrtc, "get-stats", NULL, promise);
  if (gst_promise_wait (promise) != GST_PROMISE_RESULT_REPLIED ||
      (stats = gst_promise_get_reply (promise)) == NULL)
    {
      gst_promise_unref (promise);
      return FALSE;
    }
  add_stats (stats, GST_WEBRTC_STATS_OUTBOUND_RTP, "packets-sent", kind, &sent);
  add_stats (stats, GST_WEBRTC_STATS_INBOUND_RTP, "packets-received", kind, &received);
  gst_promise_unref (promise);
  if (packets_sent != NULL)
    *packets_sent = sent;
  if (packets_received != NULL)
    *packets_received = received;
  return TRUE;
}

/* GObject */

static void
pp_peer_dispose (GObject *object)
{
  PpPeer *self = PP_PEER (object);

  clear_timers (self);
  teardown_connection (self, FALSE);
  g_clear_object (&self->media);
  G_OBJECT_CLASS (pp_peer_parent_class)->dispose (object);
}

static void
pp_peer_finalize (GObject *object)
{
  PpPeer *self = PP_PEER (object);

  g_free (self->self_id);
  g_free (self->remote_id);
  g_free (self->conn);
  g_free (self->failure_detail);
  g_strfreev (self->local_addresses);
  g_clear_pointer (&self->ice_servers, json_node_unref);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (pp_peer_parent_class)->finalize (object);
}

static void
pp_peer_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PpPeer *self = PP_PEER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_peer_class_init (PpPeerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pp_peer_dispose;
  object_class->finalize = pp_peer_finalize;
  object_class->get_property = pp_peer_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, PP_PEER_CONNECTING, PP_PEER_CLOSED, PP_PEER_CONNECTING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OUT] =
    g_signal_new ("signal-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[FRAME] =
    g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  /* PpPeer::stream-changed: (kind) a stream of the peer began or ended;
   * see pp_peer_get_decoder(). */
  signals[STREAM_CHANGED] =
    g_signal_new ("stream-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* PpPeer::loss: (fraction) the share of the peer's call packets that
   * never came, 0 to 1, every few seconds of a call. */
  signals[LOSS] =
    g_signal_new ("loss", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[BUFFERED_LOW_SIGNAL] =
    g_signal_new ("buffered-low", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pp_peer_init (PpPeer *self)
{
  self->timeout_s = DEFAULT_TIMEOUT_S;
  self->context = g_main_context_ref_thread_default ();
  self->state = PP_PEER_CONNECTING;
}

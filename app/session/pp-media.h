/* pp-media.h: this app's camera and microphone in a call, encoded once for
 * every peer, and the decoding of one remote stream
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

G_BEGIN_DECLS

typedef enum
{
  PP_MEDIA_AUDIO,
  PP_MEDIA_VIDEO,
} PpMediaKind;

/* The RTP payload types of the streams: the same on every Pairpad, so a
 * peer's packets go to webrtcbin as they are. */
#define PP_MEDIA_AUDIO_PT 111
#define PP_MEDIA_VIDEO_PT 96
#define PP_MEDIA_VIDEO_WIDTH 640
#define PP_MEDIA_VIDEO_HEIGHT 480

#define PP_MEDIA_ERROR (pp_media_error_quark ())

typedef enum
{
  PP_MEDIA_ERROR_MISSING_PLUGIN,   /* an element is not installed */
  PP_MEDIA_ERROR_SOURCE,           /* a camera or microphone failed */
} PpMediaError;

/* What a call can choose among the devices: the same numbers as
 * PpMediaKind for the two it sends. */
typedef enum
{
  PP_MEDIA_DEVICE_MICROPHONE = PP_MEDIA_AUDIO,
  PP_MEDIA_DEVICE_CAMERA = PP_MEDIA_VIDEO,
  PP_MEDIA_DEVICE_SPEAKER,
} PpMediaDevice;

GQuark    pp_media_error_quark (void);
GstCaps  *pp_media_get_rtp_caps (PpMediaKind kind);

#define PP_TYPE_MEDIA (pp_media_get_type ())

G_DECLARE_FINAL_TYPE (PpMedia, pp_media, PP, MEDIA, GObject)

PpMedia  *pp_media_new                 (GError     **error);
PpMedia  *pp_media_new_from_sources    (const char  *video_source,
                                        const char  *audio_source,
                                        GError     **error);
gboolean  pp_media_start               (PpMedia     *self,
                                        GError     **error);
void      pp_media_stop                (PpMedia     *self);
gboolean  pp_media_restart             (PpMedia     *self,
                                        PpMediaKind  kind,
                                        GError     **error);
void      pp_media_add_output          (PpMedia     *self,
                                        PpMediaKind  kind,
                                        GstElement  *appsrc);
void      pp_media_remove_output       (PpMedia     *self,
                                        GstElement  *appsrc);
void      pp_media_set_sending         (PpMedia     *self,
                                        PpMediaKind  kind,
                                        gboolean     sending);
gboolean  pp_media_get_sending         (PpMedia     *self,
                                        PpMediaKind  kind);
gboolean  pp_media_get_available       (PpMedia     *self,
                                        PpMediaKind  kind);
void      pp_media_request_key_frame   (PpMedia     *self);
void      pp_media_set_video_bitrate   (PpMedia     *self,
                                        guint        bits_per_second);
guint     pp_media_get_video_bitrate   (PpMedia     *self);
guint     pp_media_next_video_bitrate  (guint        bitrate,
                                        double       loss);
void      pp_media_adapt_video_bitrate (PpMedia     *self,
                                        double       loss);
guint64   pp_media_get_packets_sent    (PpMedia     *self,
                                        PpMediaKind  kind);
GstElement *pp_media_get_element       (PpMedia     *self,
                                        PpMediaKind  kind,
                                        const char  *name);
void      pp_media_set_audio_output    (PpMedia     *self,
                                        const char  *description);
GstElement *pp_media_make_audio_output (PpMedia     *self);
GPtrArray *pp_media_list_devices      (PpMedia       *self,
                                        PpMediaDevice  kind);
GstDevice *pp_media_find_device        (PpMedia       *self,
                                        PpMediaDevice  kind,
                                        const char    *name);
GstDevice *pp_media_get_device         (PpMedia       *self,
                                        PpMediaDevice  kind);
gboolean  pp_media_use_device          (PpMedia       *self,
                                        PpMediaDevice  kind,
                                        GstDevice     *device,
                                        GError       **error);
void      pp_media_set_echo_cancellation (PpMedia   *self,
                                          gboolean   cancel);
gboolean  pp_media_get_echo_cancellation (PpMedia   *self);

#define PP_TYPE_MEDIA_DECODER (pp_media_decoder_get_type ())

G_DECLARE_FINAL_TYPE (PpMediaDecoder, pp_media_decoder, PP, MEDIA_DECODER, GstBin)

PpMediaDecoder *pp_media_get_preview      (PpMedia        *self);

GstElement *pp_media_decoder_new          (PpMediaKind     kind,
                                           GstElement     *audio_sink);
PpMediaKind pp_media_decoder_get_kind     (PpMediaDecoder *self);
guint64     pp_media_decoder_get_frames   (PpMediaDecoder *self);
GstSample  *pp_media_decoder_take_frame   (PpMediaDecoder *self);
double      pp_media_decoder_get_level    (PpMediaDecoder *self);
void        pp_media_decoder_set_main_context (PpMediaDecoder *self,
                                               GMainContext   *context);
void        pp_media_decoder_set_volume   (PpMediaDecoder *self,
                                           double          volume);

G_END_DECLS

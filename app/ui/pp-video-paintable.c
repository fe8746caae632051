/* pp-video-paintable.c: a remote participant's video as a GdkPaintable
 *
 * Each frame the decoder hands over becomes a GdkMemoryTexture over the
 * decoded buffer itself, mapped and kept until the texture goes: no copy
 * here, so the one copy is GTK's upload when it draws. A frame that comes
 * while the last is not drawn yet replaces it (PpMediaDecoder keeps only
 * the newest), so a slow main loop drops frames instead of falling behind.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gst/video/video.h>

#include "pp-video-paintable.h"

struct _PpVideoPaintable
{
  GObject parent_instance;

  PpMediaDecoder *decoder;   /* owned, nullable */
  GdkTexture *texture;       /* owned, nullable: the newest frame */
  guint64 frames;            /* frames turned into textures */
};

static void paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PpVideoPaintable, pp_video_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, paintable_iface_init))

typedef struct
{
  GstBuffer *buffer;
  GstMapInfo map;
} MappedFrame;

static void
mapped_frame_free (gpointer data)
{
  MappedFrame *mapped = data;

  gst_buffer_unmap (mapped->buffer, &mapped->map);
  gst_buffer_unref (mapped->buffer);
  g_free (mapped);
}

/* The sample's RGBA as a texture over the same memory. */
static GdkTexture *
texture_from_sample (GstSample *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstVideoInfo info;
  MappedFrame *mapped;
  g_autoptr(GBytes) bytes = NULL;
  gsize offset, size;

  if (buffer == NULL || !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      GST_VIDEO_INFO_FORMAT (&info) != GST_VIDEO_FORMAT_RGBA)
    return NULL;
  mapped = g_new0 (MappedFrame, 1);
  mapped->buffer = gst_buffer_ref (buffer);
  if (!gst_buffer_map (buffer, &mapped->map, GST_MAP_READ))
    {
      gst_buffer_unref (mapped->buffer);
      g_free (mapped);
      return NULL;
    }
  offset = GST_VIDEO_INFO_PLANE_OFFSET (&info, 0);
  size = (gsize) GST_VIDEO_INFO_PLANE_STRIDE (&info, 0) * GST_VIDEO_INFO_HEIGHT (&info);
  if (offset + size > mapped->map.size)
    {
      mapped_frame_free (mapped);
      return NULL;
    }
  bytes = g_bytes_new_with_free_func (mapped->map.data + offset, size, mapped_frame_free, mapped);
  return gdk_memory_texture_new (GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info),
                                 GDK_MEMORY_R8G8B8A8, bytes, GST_VIDEO_INFO_PLANE_STRIDE (&info, 0));
}

static void
on_frame (PpVideoPaintable *self,
          PpMediaDecoder   *decoder)
{
  g_autoptr(GstSample) sample = pp_media_decoder_take_frame (decoder);
  g_autoptr(GdkTexture) texture = sample != NULL ? texture_from_sample (sample) : NULL;
  gboolean resized;

  if (texture == NULL)
    return;
  resized = self->texture == NULL ||
            gdk_texture_get_width (self->texture) != gdk_texture_get_width (texture) ||
            gdk_texture_get_height (self->texture) != gdk_texture_get_height (texture);
  g_set_object (&self->texture, texture);
  self->frames++;
  if (resized)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

static void
pp_video_paintable_snapshot (GdkPaintable *paintable,
                             GdkSnapshot  *snapshot,
                             double        width,
                             double        height)
{
  PpVideoPaintable *self = PP_VIDEO_PAINTABLE (paintable);

  if (self->texture != NULL)
    gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static GdkPaintable *
pp_video_paintable_get_current_image (GdkPaintable *paintable)
{
  PpVideoPaintable *self = PP_VIDEO_PAINTABLE (paintable);

  if (self->texture != NULL)
    return g_object_ref (GDK_PAINTABLE (self->texture));
  return gdk_paintable_new_empty (PP_MEDIA_VIDEO_WIDTH, PP_MEDIA_VIDEO_HEIGHT);
}

static int
pp_video_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  PpVideoPaintable *self = PP_VIDEO_PAINTABLE (paintable);

  return self->texture != NULL ? gdk_texture_get_width (self->texture) : PP_MEDIA_VIDEO_WIDTH;
}

static int
pp_video_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  PpVideoPaintable *self = PP_VIDEO_PAINTABLE (paintable);

  return self->texture != NULL ? gdk_texture_get_height (self->texture) : PP_MEDIA_VIDEO_HEIGHT;
}

static void
paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = pp_video_paintable_snapshot;
  iface->get_current_image = pp_video_paintable_get_current_image;
  iface->get_intrinsic_width = pp_video_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = pp_video_paintable_get_intrinsic_height;
}

static void
pp_video_paintable_dispose (GObject *object)
{
  PpVideoPaintable *self = PP_VIDEO_PAINTABLE (object);

  pp_video_paintable_set_decoder (self, NULL);
  g_clear_object (&self->texture);
  G_OBJECT_CLASS (pp_video_paintable_parent_class)->dispose (object);
}

static void
pp_video_paintable_class_init (PpVideoPaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pp_video_paintable_dispose;
}

static void
pp_video_paintable_init (PpVideoPaintable *self)
{
}

PpVideoPaintable *
pp_video_paintable_new (void)
{
  return g_object_new (PP_TYPE_VIDEO_PAINTABLE, NULL);
}

/**
 * pp_video_paintable_set_decoder:
 * @decoder: (nullable): a video decoder made on this thread's main context
 *
 * Shows @decoder's frames from now on; the last frame stays until the
 * next one comes.
 */
void
pp_video_paintable_set_decoder (PpVideoPaintable *self,
                                PpMediaDecoder   *decoder)
{
  g_return_if_fail (PP_IS_VIDEO_PAINTABLE (self));
  g_return_if_fail (decoder == NULL || PP_IS_MEDIA_DECODER (decoder));

  if (self->decoder == decoder)
    return;
  if (self->decoder != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->decoder, on_frame, self);
      gst_clear_object (&self->decoder);
    }
  if (decoder != NULL)
    {
      self->decoder = gst_object_ref (decoder);
      g_signal_connect_object (decoder, "frame", G_CALLBACK (on_frame), self, G_CONNECT_SWAPPED);
    }
}

/**
 * pp_video_paintable_get_frames:
 *
 * Returns: how many frames have been shown
 */
guint64
pp_video_paintable_get_frames (PpVideoPaintable *self)
{
  g_return_val_if_fail (PP_IS_VIDEO_PAINTABLE (self), 0);

  return self->frames;
}

/**
 * pp_video_paintable_get_texture:
 *
 * Returns: (transfer none) (nullable): the frame shown now
 */
GdkTexture *
pp_video_paintable_get_texture (PpVideoPaintable *self)
{
  g_return_val_if_fail (PP_IS_VIDEO_PAINTABLE (self), NULL);

  return self->texture;
}

/* pp-video-paintable.h: a remote participant's video as a GdkPaintable
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pp-media.h"

G_BEGIN_DECLS

#define PP_TYPE_VIDEO_PAINTABLE (pp_video_paintable_get_type ())

G_DECLARE_FINAL_TYPE (PpVideoPaintable, pp_video_paintable, PP, VIDEO_PAINTABLE, GObject)

PpVideoPaintable *pp_video_paintable_new          (void);
void              pp_video_paintable_set_decoder  (PpVideoPaintable *self,
                                                   PpMediaDecoder   *decoder);
guint64           pp_video_paintable_get_frames   (PpVideoPaintable *self);
GdkTexture       *pp_video_paintable_get_texture  (PpVideoPaintable *self);

G_END_DECLS

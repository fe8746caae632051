/* pp-call-tile.h: one participant of a call, as a tile: their video, or
 * their avatar when the camera is off
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pp-participant.h"
#include "pp-video-paintable.h"

G_BEGIN_DECLS

#define PP_TYPE_CALL_TILE (pp_call_tile_get_type ())

G_DECLARE_FINAL_TYPE (PpCallTile, pp_call_tile, PP, CALL_TILE, GtkWidget)

GtkWidget        *pp_call_tile_new            (PpParticipant *participant);
PpParticipant    *pp_call_tile_get_participant (PpCallTile   *self);
PpVideoPaintable *pp_call_tile_get_paintable  (PpCallTile    *self);
gboolean          pp_call_tile_shows_video    (PpCallTile    *self);
gboolean          pp_call_tile_shows_muted    (PpCallTile    *self);
gboolean          pp_call_tile_is_speaking    (PpCallTile    *self);
gboolean          pp_call_tile_is_stalled     (PpCallTile    *self);

G_END_DECLS

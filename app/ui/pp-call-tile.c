/* pp-call-tile.c: one participant of a call, as a tile
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tile shows the participant's video while their camera is on and
 * frames come, and their avatar (initials on their own colour) otherwise:
 * a camera that is off or absent is not an error. Video that stops while
 * the camera is on keeps its last frame, dimmed, under "Poor connection".
 * A muted microphone shows a badge; a participant whose audio is loud
 * enough is outlined as speaking. Others' tiles have a volume control.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pp-call-tile.h"

/* How often the tile looks at the audio level and the frame count. */
#define CHECK_INTERVAL_MS 100
/* Louder than this is speaking (the level is RMS, in dB of full scale). */
#define SPEAKING_DB -45.0
/* No frame for this long, with the camera on, is a stall. */
#define STALL_US (1500 * G_TIME_SPAN_MILLISECOND)

struct _PpCallTile
{
  GtkWidget parent_instance;

  PpParticipant *participant;    /* owned */
  PpVideoPaintable *paintable;   /* owned */
  GtkWidget *overlay;            /* the child */
  GtkStack *stack;
  GtkPicture *picture;
  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkImage *muted_icon;
  GtkLabel *poor_label;
  GtkAdjustment *volume;         /* nullable: not on our own tile */
  guint check_id;
  guint64 frames_seen;
  gint64 frame_time;             /* when frames_seen last grew */
  gboolean stalled;
  gboolean speaking;
};

G_DEFINE_FINAL_TYPE (PpCallTile, pp_call_tile, GTK_TYPE_WIDGET)

static gboolean
camera_shown (PpCallTile *self)
{
  return pp_participant_get_sending (self->participant, PP_MEDIA_VIDEO) &&
         pp_participant_get_stream (self->participant, PP_MEDIA_VIDEO) != NULL &&
         pp_video_paintable_get_frames (self->paintable) > 0;
}

static void
update_view (PpCallTile *self)
{
  gboolean video = camera_shown (self);
  gboolean muted = !pp_participant_get_sending (self->participant, PP_MEDIA_AUDIO);

  gtk_stack_set_visible_child_name (self->stack, video ? "video" : "avatar");
  gtk_widget_set_visible (GTK_WIDGET (self->muted_icon), muted);
  gtk_widget_set_visible (GTK_WIDGET (self->poor_label), video && self->stalled);
  gtk_widget_set_opacity (GTK_WIDGET (self->picture), video && self->stalled ? 0.45 : 1.0);
  if (self->speaking && !muted)
    gtk_widget_add_css_class (GTK_WIDGET (self), "speaking");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "speaking");
}

static void
apply_volume (PpCallTile *self)
{
  PpMediaDecoder *audio = pp_participant_get_stream (self->participant, PP_MEDIA_AUDIO);

  if (audio != NULL && self->volume != NULL)
    pp_media_decoder_set_volume (audio, gtk_adjustment_get_value (self->volume));
}

static gboolean
check (gpointer data)
{
  PpCallTile *self = data;
  PpMediaDecoder *audio = pp_participant_get_stream (self->participant, PP_MEDIA_AUDIO);
  guint64 frames = pp_video_paintable_get_frames (self->paintable);
  gint64 now = g_get_monotonic_time ();
  gboolean stalled, speaking;

  if (frames != self->frames_seen)
    {
      self->frames_seen = frames;
      self->frame_time = now;
    }
  stalled = pp_participant_get_sending (self->participant, PP_MEDIA_VIDEO) && frames > 0 &&
            now - self->frame_time > STALL_US;
  speaking = audio != NULL && pp_media_decoder_get_level (audio) > SPEAKING_DB;
  if (stalled != self->stalled || speaking != self->speaking || camera_shown (self) !=
      g_str_equal (gtk_stack_get_visible_child_name (self->stack), "video"))
    {
      self->stalled = stalled;
      self->speaking = speaking;
      update_view (self);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_stream (PpCallTile *self)
{
  pp_video_paintable_set_decoder (self->paintable,
                                  pp_participant_get_stream (self->participant, PP_MEDIA_VIDEO));
  apply_volume (self);
  self->frame_time = g_get_monotonic_time ();
  update_view (self);
}

static void
on_name (PpCallTile *self)
{
  const char *name = pp_participant_get_name (self->participant);
  g_autofree char *label = pp_participant_is_self (self->participant)
                           ? g_strdup_printf (_("%s (You)"), name) : g_strdup (name);

  gtk_label_set_label (self->name_label, label);
  adw_avatar_set_text (self->avatar, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkWidget *
volume_button_new (PpCallTile *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Volume"));
  GtkWidget *scale;
  g_autofree char *tooltip = g_strdup_printf (_("Volume of %s"), pp_participant_get_name (self->participant));

  self->volume = gtk_adjustment_new (1.0, 0.0, 2.0, 0.1, 0.25, 0.0);
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->volume);
  gtk_scale_add_mark (GTK_SCALE (scale), 1.0, GTK_POS_BOTTOM, NULL);
  gtk_widget_set_size_request (scale, 180, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), scale);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "audio-volume-high-symbolic");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "osd");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "call-tile-volume");
  g_signal_connect_swapped (self->volume, "value-changed", G_CALLBACK (apply_volume), self);
  return button;
}

static void
build (PpCallTile *self)
{
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  self->overlay = gtk_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  self->avatar = ADW_AVATAR (adw_avatar_new (56, pp_participant_get_name (self->participant), TRUE));
  gtk_widget_set_valign (GTK_WIDGET (self->avatar), GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->avatar), "avatar");
  self->picture = GTK_PICTURE (gtk_picture_new_for_paintable (GDK_PAINTABLE (self->paintable)));
  /* The whole frame, at its own aspect ratio. */
  gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_can_shrink (self->picture, TRUE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->picture), "video");
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->stack));

  self->muted_icon = GTK_IMAGE (gtk_image_new_from_icon_name ("microphone-disabled-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->muted_icon), _("Microphone off"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->muted_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Microphone off"), -1);
  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->name_label, 0);
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->muted_icon));
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->name_label));
  gtk_widget_set_halign (footer, GTK_ALIGN_START);
  gtk_widget_set_valign (footer, GTK_ALIGN_END);
  gtk_widget_add_css_class (footer, "call-tile-footer");
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), footer);

  self->poor_label = GTK_LABEL (gtk_label_new (_("Poor connection")));
  gtk_widget_set_halign (GTK_WIDGET (self->poor_label), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->poor_label), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->poor_label), "call-tile-poor");
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->poor_label));

  if (!pp_participant_is_self (self->participant))
    gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), volume_button_new (self));
}

GtkWidget *
pp_call_tile_new (PpParticipant *participant)
{
  PpCallTile *self;

  g_return_val_if_fail (PP_IS_PARTICIPANT (participant), NULL);

  self = g_object_new (PP_TYPE_CALL_TILE, NULL);
  self->participant = g_object_ref (participant);
  build (self);
  on_name (self);
  on_stream (self);
  g_signal_connect_object (participant, "notify::name", G_CALLBACK (on_name), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (participant, "notify::video", G_CALLBACK (on_stream), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (participant, "notify::audio", G_CALLBACK (on_stream), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (participant, "notify::camera-on", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (participant, "notify::microphone-on", G_CALLBACK (update_view), self,
                           G_CONNECT_SWAPPED);
  self->check_id = g_timeout_add (CHECK_INTERVAL_MS, check, self);
  return GTK_WIDGET (self);
}

PpParticipant *
pp_call_tile_get_participant (PpCallTile *self)
{
  g_return_val_if_fail (PP_IS_CALL_TILE (self), NULL);
  return self->participant;
}

PpVideoPaintable *
pp_call_tile_get_paintable (PpCallTile *self)
{
  g_return_val_if_fail (PP_IS_CALL_TILE (self), NULL);
  return self->paintable;
}

gboolean
pp_call_tile_shows_video (PpCallTile *self)
{
  g_return_val_if_fail (PP_IS_CALL_TILE (self), FALSE);
  return g_str_equal (gtk_stack_get_visible_child_name (self->stack), "video");
}

gboolean
pp_call_tile_shows_muted (PpCallTile *self)
{
  g_return_val_if_fail (PP_IS_CALL_TILE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->muted_icon));
}

gboolean
pp_call_tile_is_speaking (PpCallTile *self)
{
  g_return_val_if_fail (PP_IS_CALL_TILE (self), FALSE);
  return gtk_widget_has_css_class (GTK_WIDGET (self), "speaking");
}

gboolean
pp_call_tile_is_stalled (PpCallTile *self)
{
  g_return_val_if_fail (PP_IS_CALL_TILE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->poor_label));
}

static void
pp_call_tile_dispose (GObject *object)
{
  PpCallTile *self = PP_CALL_TILE (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  if (self->paintable != NULL)
    pp_video_paintable_set_decoder (self->paintable, NULL);
  g_clear_object (&self->paintable);
  g_clear_object (&self->participant);
  G_OBJECT_CLASS (pp_call_tile_parent_class)->dispose (object);
}

static void
pp_call_tile_class_init (PpCallTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pp_call_tile_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calltile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pp_call_tile_init (PpCallTile *self)
{
  self->paintable = pp_video_paintable_new ();
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_size_request (GTK_WIDGET (self), 128, 96);
}

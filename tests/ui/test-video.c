/* test-video.c: a remote participant's video in a window — the test camera
 * (a moving pattern) encoded, decoded as a peer's pipeline would and
 * shown by a GtkPicture through PpVideoPaintable
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "pp-media.h"
#include "pp-test-app.h"
#include "pp-test-lib.h"
#include "pp-video-paintable.h"

static gboolean
has_frames (gpointer data)
{
  return pp_video_paintable_get_frames (data) >= 2;
}

static GBytes *
download (GdkTexture *texture)
{
  gsize stride = gdk_texture_get_width (texture) * 4;
  gsize size = stride * gdk_texture_get_height (texture);
  guchar *data = g_malloc (size);

  gdk_texture_download (texture, data, stride);
  return g_bytes_new_take (data, size);
}

/* The window's picture shows the video as it moves, at the camera's rate;
 * the last frame stays when the decoder goes. */
static void
test_moving_video (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpMedia) media = pp_media_new_from_sources ("videotestsrc is-live=true pattern=ball",
                                                        NULL, &error);
  g_autoptr(PpVideoPaintable) paintable = pp_video_paintable_new ();
  GstElement *pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  GstElement *appsrc = gst_element_factory_make ("appsrc", NULL);
  GstElement *decoder = pp_media_decoder_new (PP_MEDIA_VIDEO, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (paintable));
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) later = NULL;
  GdkTexture *shown;
  guint64 start;
  gint64 t0;
  double fps;

  g_assert_no_error (error);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (paintable)), ==, PP_MEDIA_VIDEO_WIDTH);
  g_assert_null (pp_video_paintable_get_texture (paintable));

  gst_bin_add_many (GST_BIN (pipeline), appsrc, decoder, NULL);
  g_assert_true (gst_element_link (appsrc, decoder));
  pp_video_paintable_set_decoder (paintable, PP_MEDIA_DECODER (decoder));
  pp_media_add_output (media, PP_MEDIA_VIDEO, appsrc);
  gtk_window_set_child (GTK_WINDOW (window), picture);
  gtk_window_set_default_size (GTK_WINDOW (window), 320, 240);
  gtk_window_present (GTK_WINDOW (window));
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  g_assert_true (pp_media_start (media, &error));

  pp_test_wait_for (has_frames, paintable, "the first frames in the window");
  shown = pp_video_paintable_get_texture (paintable);
  g_assert_cmpint (gdk_texture_get_width (shown), ==, PP_MEDIA_VIDEO_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (shown), ==, PP_MEDIA_VIDEO_HEIGHT);
  first = download (shown);

  t0 = g_get_monotonic_time ();
  start = pp_video_paintable_get_frames (paintable);
  pp_test_spin (2000);
  fps = (pp_video_paintable_get_frames (paintable) - start) /
        ((g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
  g_test_message ("%.1f frames a second in the window", fps);
  g_assert_cmpfloat (fps, >=, 25.0);
  later = download (pp_video_paintable_get_texture (paintable));
  /* The ball has moved. */
  g_assert_false (g_bytes_equal (first, later));
  pp_test_screenshot (window, "video");

  /* No decoder: the last frame stays. */
  pp_video_paintable_set_decoder (paintable, NULL);
  shown = pp_video_paintable_get_texture (paintable);
  start = pp_video_paintable_get_frames (paintable);
  pp_test_spin (300);
  g_assert_true (pp_video_paintable_get_texture (paintable) == shown);
  g_assert_cmpuint (pp_video_paintable_get_frames (paintable), ==, start);

  pp_media_stop (media);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  gst_init (NULL, NULL);

  g_test_add_func ("/ui/video/moving", test_moving_video);

  return g_test_run ();
}

/* test-devices.c: the call's device menu in a window, with cameras,
 * microphones and speakers made of GStreamer's test elements behind a
 * device provider
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "pp-device-button.h"
#include "pp-media.h"
#include "pp-test-app.h"
#include "pp-test-devices.h"
#include "pp-test-lib.h"

/* "Label: item, item" for one section of the menu. */
static char *
describe_section (GMenuModel *menu,
                  int         index)
{
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, index, G_MENU_LINK_SECTION);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *label = NULL;

  g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  g_string_append_printf (text, "%s:", label);
  for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *item = NULL;
      g_autofree char *action = NULL;

      g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &item);
      g_string_append_printf (text, "%s %s", i ? "," : "", item);
      /* An item without an action is shown dimmed. */
      if (!g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_string_append (text, " (dimmed)");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
device_name (PpMedia       *media,
             PpMediaDevice  kind)
{
  GstDevice *device = pp_media_get_device (media, kind);

  return device != NULL ? gst_device_get_display_name (device) : g_strdup ("(default)");
}

static void
on_notice (PpDeviceButton *button,
           const char     *message,
           char          **notice)
{
  g_free (*notice);
  *notice = g_strdup (message);
}

static void
on_device_changed (PpDeviceButton *button,
                   int             kind,
                   GString        *changes)
{
  g_string_append_printf (changes, "%d ", kind);
}

static gboolean
menu_made (gpointer data)
{
  return pp_device_button_get_menu_model (data) != NULL;
}

/* The menu lists each kind's devices under its name; choosing one
 * switches the call to it; one that went away is said so. */
static void
test_device_menu (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpMedia) media = NULL;
  g_autofree char *notice = NULL;
  g_autoptr(GString) changes = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = pp_device_button_new ();
  GMenuModel *menu;

  pp_test_devices_register_desk ();
  g_unsetenv ("PAIRPAD_TEST_MEDIA");
  media = pp_media_new (&error);
  g_assert_no_error (error);
  pp_media_set_audio_output (media, "fakesink sync=true");
  g_assert_true (pp_media_start (media, &error));
  g_assert_no_error (error);

  /* Without a call the button is dimmed. */
  g_assert_false (gtk_widget_get_sensitive (gtk_widget_get_first_child (button)));
  pp_device_button_set_media (PP_DEVICE_BUTTON (button), media);
  g_assert_true (gtk_widget_get_sensitive (gtk_widget_get_first_child (button)));
  g_signal_connect (button, "notice", G_CALLBACK (on_notice), &notice);
  g_signal_connect (button, "device-changed", G_CALLBACK (on_device_changed), changes);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 420);
  gtk_window_present (GTK_WINDOW (window));

  pp_device_button_popup (PP_DEVICE_BUTTON (button));
  pp_test_wait_for (menu_made, button, "the device menu");
  pp_test_spin (300);
  pp_test_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (gtk_widget_get_first_child (button)))),
                      "device-menu");
  menu = pp_device_button_get_menu_model (PP_DEVICE_BUTTON (button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  {
    g_autofree char *camera = describe_section (menu, 0);
    g_autofree char *microphone = describe_section (menu, 1);
    g_autofree char *speaker = describe_section (menu, 2);

    g_assert_cmpstr (camera, ==, "Camera: Green Camera, Blue Camera");
    g_assert_cmpstr (microphone, ==, "Microphone: Desk Microphone");
    g_assert_cmpstr (speaker, ==, "Speaker: Default, Speakers, Headphones");
  }

  /* Chosen from the menu's actions, as a click on an item does. */
  g_assert_true (gtk_widget_activate_action (button, "devices.camera", "s", "Blue Camera"));
  {
    g_autofree char *camera = device_name (media, PP_MEDIA_DEVICE_CAMERA);

    g_assert_cmpstr (camera, ==, "Blue Camera");
  }
  g_assert_true (gtk_widget_activate_action (button, "devices.speaker", "s", "Headphones"));
  {
    g_autofree char *speaker = device_name (media, PP_MEDIA_DEVICE_SPEAKER);

    g_assert_cmpstr (speaker, ==, "Headphones");
  }
  g_assert_true (gtk_widget_activate_action (button, "devices.speaker", "s", ""));
  {
    g_autofree char *speaker = device_name (media, PP_MEDIA_DEVICE_SPEAKER);

    g_assert_cmpstr (speaker, ==, "(default)");
  }
  g_assert_null (notice);

  /* Each choice that took is told, by kind, for the peers to hear of it. */
  {
    g_autofree char *want = g_strdup_printf ("%d %d %d ", PP_MEDIA_DEVICE_CAMERA, PP_MEDIA_DEVICE_SPEAKER,
                                             PP_MEDIA_DEVICE_SPEAKER);

    g_assert_cmpstr (changes->str, ==, want);
  }

  /* A device unplugged while the menu was open. */
  g_assert_true (gtk_widget_activate_action (button, "devices.camera", "s", "Old Camera"));
  g_assert_cmpstr (notice, ==, "“Old Camera” is no longer connected");
  g_assert_cmpuint (changes->len, ==, 6);
  {
    g_autofree char *camera = device_name (media, PP_MEDIA_DEVICE_CAMERA);

    g_assert_cmpstr (camera, ==, "Blue Camera");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  pp_media_stop (media);
  pp_test_devices_register (NULL);
}

/* No camera on the machine: the menu says so, dimmed. */
static void
test_no_camera (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpMedia) media = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = pp_device_button_new ();
  g_autofree char *camera = NULL;

  pp_test_devices_register (g_list_append (NULL, pp_test_device_new ("Desk Microphone", "Audio/Source",
                                                                     "audiotestsrc is-live=true")));
  g_unsetenv ("PAIRPAD_TEST_MEDIA");
  media = pp_media_new (&error);
  g_assert_no_error (error);
  pp_device_button_set_media (PP_DEVICE_BUTTON (button), media);
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  pp_device_button_popup (PP_DEVICE_BUTTON (button));
  pp_test_wait_for (menu_made, button, "the device menu");
  camera = describe_section (pp_device_button_get_menu_model (PP_DEVICE_BUTTON (button)), 0);
  g_assert_cmpstr (camera, ==, "Camera: No Camera Found (dimmed)");

  gtk_window_destroy (GTK_WINDOW (window));
  pp_media_stop (media);
  pp_test_devices_register (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  gst_init (NULL, NULL);

  g_test_add_func ("/ui/devices/menu", test_device_menu);
  g_test_add_func ("/ui/devices/no-camera", test_no_camera);

  return g_test_run ();
}

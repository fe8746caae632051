/* pp-test-devices.c: cameras, microphones and speakers for tests, made of
 * GStreamer's test elements behind a real GstDeviceProvider, so that a
 * GstDeviceMonitor lists them and sees them plugged in
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-test-devices.h"

#define PROVIDER_NAME "pairpadtestdevices"

struct _PpTestDevice
{
  GstDevice parent_instance;
  char *description;           /* what it is, as a gst-launch description */
};

G_DEFINE_FINAL_TYPE (PpTestDevice, pp_test_device, GST_TYPE_DEVICE)

static GstElement *
pp_test_device_create_element (GstDevice  *device,
                               const char *name)
{
  PpTestDevice *self = (PpTestDevice *) device;
  g_autoptr(GError) error = NULL;
  GstElement *element = gst_parse_bin_from_description (self->description, TRUE, &error);

  g_assert_no_error (error);
  if (name != NULL)
    gst_object_set_name (GST_OBJECT (element), name);
  return element;
}

static void
pp_test_device_finalize (GObject *object)
{
  g_free (((PpTestDevice *) object)->description);
  G_OBJECT_CLASS (pp_test_device_parent_class)->finalize (object);
}

static void
pp_test_device_class_init (PpTestDeviceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_test_device_finalize;
  GST_DEVICE_CLASS (klass)->create_element = pp_test_device_create_element;
}

static void
pp_test_device_init (PpTestDevice *self)
{
}

/**
 * pp_test_device_new:
 * @device_class: "Video/Source", "Audio/Source" or "Audio/Sink"
 * @description: the elements it stands for, such as
 *   "videotestsrc is-live=true pattern=green"
 */
GstDevice *
pp_test_device_new (const char *name,
                    const char *device_class,
                    const char *description)
{
  g_autoptr(GstCaps) caps = gst_caps_new_any ();
  PpTestDevice *self = g_object_new (PP_TYPE_TEST_DEVICE, "display-name", name,
                                     "device-class", device_class, "caps", caps, NULL);

  self->description = g_strdup (description);
  return GST_DEVICE (self);
}

struct _PpTestDeviceProvider
{
  GstDeviceProvider parent_instance;
};

G_DEFINE_FINAL_TYPE (PpTestDeviceProvider, pp_test_device_provider, GST_TYPE_DEVICE_PROVIDER)

/* The devices there are when a monitor starts: (element-type GstDevice) */
static GList *initial;

static GList *
pp_test_device_provider_probe (GstDeviceProvider *provider)
{
  GList *devices = NULL;

  for (GList *l = initial; l != NULL; l = l->next)
    devices = g_list_append (devices, gst_object_ref (l->data));
  return devices;
}

static void
pp_test_device_provider_class_init (PpTestDeviceProviderClass *klass)
{
  GST_DEVICE_PROVIDER_CLASS (klass)->probe = pp_test_device_provider_probe;
  gst_device_provider_class_set_static_metadata (GST_DEVICE_PROVIDER_CLASS (klass),
                                                 "Pairpad test devices",
                                                 "Audio/Video/Source/Sink",
                                                 "Test sources and sinks as devices",
                                                 "The Pairpad developers");
}

static void
pp_test_device_provider_init (PpTestDeviceProvider *self)
{
}

/**
 * pp_test_devices_register:
 * @devices: (transfer full) (element-type GstDevice): what the provider
 *   lists from now on, at every monitor's start
 */
void
pp_test_devices_register (GList *devices)
{
  static gboolean registered;

  if (!registered)
    {
      /* Above every real provider, so a machine's own devices come after. */
      g_assert_true (gst_device_provider_register (NULL, PROVIDER_NAME, GST_RANK_PRIMARY + 1,
                                                   PP_TYPE_TEST_DEVICE_PROVIDER));
      registered = TRUE;
    }
  g_list_free_full (initial, gst_object_unref);
  initial = NULL;
  for (GList *l = devices; l != NULL; l = l->next)
    initial = g_list_append (initial, gst_object_ref_sink (l->data));
  g_list_free (devices);
}

/* A device plugged in: the monitors that run see it. */
void
pp_test_devices_plug_in (GstDevice *device)
{
  GstDeviceProvider *provider = gst_device_provider_factory_get_by_name (PROVIDER_NAME);

  g_assert_nonnull (provider);
  gst_device_provider_device_add (provider, device);
  gst_object_unref (provider);
}

/* A desk: a green and a blue camera, a microphone (a tone), speakers and
 * headphones (fakesinks named "speakers" and "headphones"). */
void
pp_test_devices_register_desk (void)
{
  GList *devices = NULL;

  devices = g_list_append (devices, pp_test_device_new ("Green Camera", "Video/Source",
                                                        "videotestsrc is-live=true pattern=green"));
  devices = g_list_append (devices, pp_test_device_new ("Blue Camera", "Video/Source",
                                                        "videotestsrc is-live=true pattern=blue"));
  devices = g_list_append (devices, pp_test_device_new ("Desk Microphone", "Audio/Source",
                                                        "audiotestsrc is-live=true wave=sine "
                                                        "freq=440 volume=0.2"));
  devices = g_list_append (devices, pp_test_device_new ("Speakers", "Audio/Sink",
                                                        "fakesink name=speakers sync=true"));
  devices = g_list_append (devices, pp_test_device_new ("Headphones", "Audio/Sink",
                                                        "fakesink name=headphones sync=true "
                                                        "signal-handoffs=true"));
  pp_test_devices_register (devices);
}

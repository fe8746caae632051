/* pp-test-devices.h: test sources and sinks as devices
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define PP_TYPE_TEST_DEVICE (pp_test_device_get_type ())
G_DECLARE_FINAL_TYPE (PpTestDevice, pp_test_device, PP, TEST_DEVICE, GstDevice)

#define PP_TYPE_TEST_DEVICE_PROVIDER (pp_test_device_provider_get_type ())
G_DECLARE_FINAL_TYPE (PpTestDeviceProvider, pp_test_device_provider, PP, TEST_DEVICE_PROVIDER,
                      GstDeviceProvider)

GstDevice *pp_test_device_new       (const char *name,
                                     const char *device_class,
                                     const char *description);
void       pp_test_devices_register (GList      *devices);
void       pp_test_devices_plug_in  (GstDevice  *device);
void       pp_test_devices_register_desk (void);

G_END_DECLS

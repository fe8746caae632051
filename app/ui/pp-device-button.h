/* pp-device-button.h: the call's devices, chosen from a menu — camera,
 * microphone, speaker
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pp-media.h"

G_BEGIN_DECLS

#define PP_TYPE_DEVICE_BUTTON (pp_device_button_get_type ())

G_DECLARE_FINAL_TYPE (PpDeviceButton, pp_device_button, PP, DEVICE_BUTTON, GtkWidget)

GtkWidget  *pp_device_button_new            (void);
void        pp_device_button_set_media      (PpDeviceButton *self,
                                             PpMedia        *media);
GMenuModel *pp_device_button_get_menu_model (PpDeviceButton *self);
void        pp_device_button_popup          (PpDeviceButton *self);

G_END_DECLS

/* pp-notice.h: how a failure reaches the user: a banner for trouble that
 * lasts, a toast for an action that did not work
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pp-scratch.h"

G_BEGIN_DECLS

GtkWidget *pp_notice_banner_new  (void);
void       pp_notice_banner_show (GtkWidget        *banner,
                                  const char       *message);
void       pp_notice_banner_hide (GtkWidget        *banner);
void       pp_notice_banner_follow (GtkWidget      *banner,
                                    PpScratch      *scratch);
const char *pp_notice_banner_get_message (GtkWidget *banner);
AdwToast  *pp_notice_toast       (AdwToastOverlay  *overlay,
                                  const char       *title,
                                  const char       *details);
void       pp_notice_toast_once  (AdwToastOverlay  *overlay,
                                  AdwToast        **shown,
                                  const char       *title,
                                  const char       *details);

G_END_DECLS

/* pp-application.h
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pp-store.h"

G_BEGIN_DECLS

#define PP_TYPE_APPLICATION (pp_application_get_type ())

G_DECLARE_FINAL_TYPE (PpApplication, pp_application, PP, APPLICATION, AdwApplication)

void           pp_application_init_i18n (void);
PpApplication *pp_application_new       (GApplicationFlags flags);
PpStore       *pp_application_get_store (PpApplication    *self);

G_END_DECLS

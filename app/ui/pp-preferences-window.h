/* pp-preferences-window.h
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PP_TYPE_PREFERENCES_WINDOW (pp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PpPreferencesWindow, pp_preferences_window, PP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

PpPreferencesWindow *pp_preferences_window_new (GtkWindow *transient_for);

G_END_DECLS

/* pp-window-actions.h: the main window's actions and their keys
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pp_window_actions_set_accels (GtkApplication *application);

G_END_DECLS

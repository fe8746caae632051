/* pp-subwindow.h: a window over the main one, closed with Esc or Ctrl+W
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "pp-language.h"

G_BEGIN_DECLS

GtkWidget *pp_subwindow_new            (GtkWindow  *parent,
                                        const char *title,
                                        const char *subtitle,
                                        GtkWidget  *content,
                                        GtkWidget **header);
void       pp_subwindow_add_close_keys (GtkWidget  *window);
GtkWidget *pp_subwindow_code_view      (const char           *code,
                                        PpLanguage           *language,
                                        GtkSourceStyleScheme *scheme);

G_END_DECLS

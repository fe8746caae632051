/* pp-style.h: editor colour schemes that follow the light/dark style
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

GtkSourceStyleScheme  *pp_style_resolve_scheme    (const char *scheme_id,
                                                   gboolean    dark);
char                 **pp_style_list_scheme_ids   (void);
char                  *pp_style_font_to_css       (const char *font,
                                                   double      scale,
                                                   const char *selector);

G_END_DECLS

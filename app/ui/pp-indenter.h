/* pp-indenter.h: indents code as it is typed, the way its language nests
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define PP_TYPE_INDENTER (pp_indenter_get_type ())
G_DECLARE_FINAL_TYPE (PpIndenter, pp_indenter, PP, INDENTER, GObject)

GtkSourceIndenter *pp_indenter_new (const char *language_id);

G_END_DECLS

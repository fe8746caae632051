/* pp-indent.h: how code is indented in each language
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "pp-language.h"

G_BEGIN_DECLS

void pp_indent_for_language (const char *language_id,
                             guint      *width,
                             gboolean   *with_tabs);

void pp_indent_apply_language (GtkSourceView *view,
                               PpLanguage    *language);

G_END_DECLS

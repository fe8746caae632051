/* pp-indent.c: how code is indented in each language
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-indent.h"

/* Go's own formatter uses tabs; the others follow their communities'
 * common four-space style, except JavaScript's and Bash's two. */
static const struct
{
  const char *id;
  guint width;
  gboolean with_tabs;
} styles[] = {
  { "javascript", 2, FALSE },
  { "bash", 2, FALSE },
  { "go", 4, TRUE },
};

void
pp_indent_for_language (const char *language_id,
                        guint      *width,
                        gboolean   *with_tabs)
{
  *width = 4;
  *with_tabs = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_strcmp0 (styles[i].id, language_id) == 0)
      {
        *width = styles[i].width;
        *with_tabs = styles[i].with_tabs;
      }
}

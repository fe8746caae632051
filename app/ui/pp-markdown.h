/* pp-markdown.h: a problem statement's Markdown, shown in a GtkTextBuffer
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pp_markdown_append (GtkTextBuffer *buffer,
                         const char    *markdown);
void pp_markdown_append_code (GtkTextBuffer *buffer,
                              const char    *code);

G_END_DECLS

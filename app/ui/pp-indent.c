/* pp-indent.c: how code is indented in each language
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-indent.h"
#include "pp-indenter.h"

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

/* Highlights VIEW's code as LANGUAGE and indents it that language's way. */
void
pp_indent_apply_language (GtkSourceView *view,
                          PpLanguage    *language)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  g_autoptr(GtkSourceIndenter) indenter = NULL;
  guint width;
  gboolean with_tabs;

  gtk_source_buffer_set_language (buffer,
                                  gtk_source_language_manager_get_language (manager,
                                                                            pp_language_get_source_id (language)));
  pp_indent_for_language (pp_language_get_id (language), &width, &with_tabs);
  gtk_source_view_set_tab_width (view, width);
  gtk_source_view_set_indent_width (view, -1);
  gtk_source_view_set_insert_spaces_instead_of_tabs (view, !with_tabs);
  indenter = pp_indenter_new (pp_language_get_id (language));
  gtk_source_view_set_indenter (view, indenter);
}

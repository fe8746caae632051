/* pp-markdown.c: a problem statement's Markdown, shown in a GtkTextBuffer
 *
 * The bank's statements use a small part of Markdown: headings (#, ##,
 * ###), paragraphs, bulleted lists (- or *), fenced code blocks, and
 * inline `code`, **bold** and *italic*; and in prose, a little of TeX's
 * math: d_i, a_{i+1}, c_(l+1) and 10^18, 2^{k} set as sub- and superscripts.
 * Anything else shows as written. The usual section headings (Input,
 * Output, Constraints, Notes) are shown in the user's language.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pp-markdown.h"

/* Headings a statement's author writes in English, shown translated. */
static const char * const section_names[] = {
  N_("Input"), N_("Output"), N_("Constraints"), N_("Notes"), N_("Example"), N_("Examples"),
};

static GtkTextTag *
tag (GtkTextBuffer *buffer,
     const char    *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *found = gtk_text_tag_table_lookup (table, name);

  if (found != NULL)
    return found;
  if (g_str_equal (name, "h1"))
    return gtk_text_buffer_create_tag (buffer, name, "weight", PANGO_WEIGHT_BOLD,
                                       "scale", 1.6, "pixels-below-lines", 8, NULL);
  if (g_str_equal (name, "h2"))
    return gtk_text_buffer_create_tag (buffer, name, "weight", PANGO_WEIGHT_BOLD,
                                       "scale", 1.2, "pixels-above-lines", 10,
                                       "pixels-below-lines", 4, NULL);
  if (g_str_equal (name, "h3") || g_str_equal (name, "bold"))
    return gtk_text_buffer_create_tag (buffer, name, "weight", PANGO_WEIGHT_BOLD, NULL);
  if (g_str_equal (name, "italic"))
    return gtk_text_buffer_create_tag (buffer, name, "style", PANGO_STYLE_ITALIC, NULL);
  if (g_str_equal (name, "code"))
    return gtk_text_buffer_create_tag (buffer, name, "family", "monospace", NULL);
  if (g_str_equal (name, "block"))
    return gtk_text_buffer_create_tag (buffer, name, "family", "monospace", "left-margin", 24,
                                       "pixels-above-lines", 0, "pixels-below-lines", 0,
                                       "wrap-mode", GTK_WRAP_NONE, NULL);
  /* Small, and raised or lowered by about half of it. */
  if (g_str_equal (name, "sub"))
    return gtk_text_buffer_create_tag (buffer, name, "scale", 0.75, "rise", -3 * PANGO_SCALE, NULL);
  if (g_str_equal (name, "sup"))
    return gtk_text_buffer_create_tag (buffer, name, "scale", 0.75, "rise", 5 * PANGO_SCALE, NULL);
  if (g_str_equal (name, "bullet"))
    return gtk_text_buffer_create_tag (buffer, name, "left-margin", 12, "indent", -12, NULL);
  g_return_val_if_reached (NULL);
}

static void
insert (GtkTextBuffer *buffer,
        const char    *text,
        gssize         length,
        GtkTextTag    *first,
        GtkTextTag    *second)
{
  GtkTextIter start, end;
  int offset;

  /* Each tag on its own: with FIRST unset, insert_with_tags () would
   * stop at it and drop SECOND (a paragraph's bold, say). */
  gtk_text_buffer_get_end_iter (buffer, &end);
  offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (buffer, &end, text, length);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  if (first != NULL)
    gtk_text_buffer_apply_tag (buffer, first, &start, &end);
  if (second != NULL)
    gtk_text_buffer_apply_tag (buffer, second, &start, &end);
}

/* How long the sub- or superscript at P is: {…} or (…) whole, or a run
 * of letters and digits; 0 when there is none. */
static gsize
script_length (const char *p,
               const char *end)
{
  const char *q = p;

  if (q < end && (*q == '{' || *q == '('))
    {
      const char *close = memchr (q, *q == '{' ? '}' : ')', end - q);

      return close != NULL && close > q + 1 ? (gsize) (close - q + 1) : 0;
    }
  while (q < end && g_ascii_isalnum (*q))
    q++;
  return q - p;
}

/* Prose: d_i and 10^18 as sub- and superscripts, "..." as an ellipsis,
 * and a thin space between digits (10 000) kept from breaking the line. */
static void
insert_prose (GtkTextBuffer *buffer,
              const char    *text,
              gssize         length,
              GtkTextTag    *line_tag,
              GtkTextTag    *style_tag)
{
  const char *end = text + (length < 0 ? (gssize) strlen (text) : length);
  g_autoptr(GString) plain = g_string_new (NULL);

  for (const char *p = text; p < end;)
    {
      gsize script = 0;

      if ((*p == '_' || *p == '^') && p > text &&
          (g_ascii_isalnum (p[-1]) || p[-1] == ')' || p[-1] == '}'))
        script = script_length (p + 1, end);
      if (script > 0)
        {
          gboolean braced = p[1] == '{' || p[1] == '(';

          insert (buffer, plain->str, plain->len, line_tag, style_tag);
          g_string_truncate (plain, 0);
          insert (buffer, p + 1 + braced, script - 2 * braced, line_tag,
                  tag (buffer, *p == '_' ? "sub" : "sup"));
          p += 1 + script;
          continue;
        }
      if (g_str_has_prefix (p, "...") && p + 3 <= end)
        {
          g_string_append (plain, "…");
          p += 3;
          continue;
        }
      /* U+2009 THIN SPACE between digits becomes U+202F, which does not break. */
      if (g_str_has_prefix (p, "\u2009") && p + 3 <= end && p > text && g_ascii_isdigit (p[-1]) &&
          p + 3 < end && g_ascii_isdigit (p[3]))
        {
          g_string_append (plain, "\u202F");
          p += 3;
          continue;
        }
      g_string_append_c (plain, *p);
      p++;
    }
  insert (buffer, plain->str, plain->len, line_tag, style_tag);
}

/* Inline `code`, **bold** and *italic*, in LINE_TAG's paragraph. */
static void
insert_inline (GtkTextBuffer *buffer,
               const char    *text,
               GtkTextTag    *line_tag)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *mark = strpbrk (p, "`*");
      const char *close;
      const char *name;
      gsize open_len;

      if (mark == NULL)
        break;
      open_len = (mark[0] == '*' && mark[1] == '*') ? 2 : 1;
      name = mark[0] == '`' ? "code" : open_len == 2 ? "bold" : "italic";
      close = strstr (mark + open_len, open_len == 2 ? "**" : mark[0] == '`' ? "`" : "*");
      /* A lone star (5 * 3) is text. */
      if (close == NULL || close == mark + open_len)
        {
          insert_prose (buffer, p, mark + open_len - p, line_tag, NULL);
          p = mark + open_len;
          continue;
        }
      insert_prose (buffer, p, mark - p, line_tag, NULL);
      if (mark[0] == '`')
        insert (buffer, mark + open_len, close - mark - open_len, line_tag, tag (buffer, name));
      else
        insert_prose (buffer, mark + open_len, close - mark - open_len, line_tag, tag (buffer, name));
      p = close + open_len;
    }
  insert_prose (buffer, p, -1, line_tag, NULL);
}

static const char *
shown_heading (const char *title)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    if (g_str_equal (title, section_names[i]))
      return _(section_names[i]);
  return title;
}

/**
 * pp_markdown_append:
 *
 * Appends @markdown to @buffer, formatted.
 */
void
pp_markdown_append (GtkTextBuffer *buffer,
                    const char    *markdown)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  gboolean in_code = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autofree char *stripped = g_strstrip (g_strdup (line));

      if (g_str_has_prefix (stripped, "```"))
        {
          if (paragraph->len > 0)
            {
              insert_inline (buffer, paragraph->str, NULL);
              insert (buffer, "\n\n", -1, NULL, NULL);
              g_string_truncate (paragraph, 0);
            }
          in_code = !in_code;
          continue;
        }
      if (in_code)
        {
          insert (buffer, line, -1, tag (buffer, "block"), NULL);
          insert (buffer, "\n", -1, tag (buffer, "block"), NULL);
          continue;
        }

      /* A heading, a list item or a blank line ends the paragraph. */
      if (stripped[0] == '\0' || stripped[0] == '#' ||
          g_str_has_prefix (stripped, "- ") || g_str_has_prefix (stripped, "* "))
        {
          if (paragraph->len > 0)
            {
              insert_inline (buffer, paragraph->str, NULL);
              insert (buffer, "\n\n", -1, NULL, NULL);
              g_string_truncate (paragraph, 0);
            }
        }
      if (stripped[0] == '\0')
        continue;
      if (stripped[0] == '#')
        {
          guint level = strspn (stripped, "#");
          const char *title = stripped + level;

          while (*title == ' ')
            title++;
          insert (buffer, shown_heading (title), -1,
                  tag (buffer, level == 1 ? "h1" : level == 2 ? "h2" : "h3"), NULL);
          insert (buffer, "\n", -1, NULL, NULL);
        }
      else if (g_str_has_prefix (stripped, "- ") || g_str_has_prefix (stripped, "* "))
        {
          insert (buffer, "•  ", -1, tag (buffer, "bullet"), NULL);
          insert_inline (buffer, stripped + 2, tag (buffer, "bullet"));
          insert (buffer, "\n", -1, tag (buffer, "bullet"), NULL);
        }
      else
        {
          if (paragraph->len > 0)
            g_string_append_c (paragraph, ' ');
          g_string_append (paragraph, stripped);
        }
    }
  if (paragraph->len > 0)
    {
      insert_inline (buffer, paragraph->str, NULL);
      insert (buffer, "\n", -1, NULL, NULL);
    }
}

/* Appends CODE as a block, as written. */
void
pp_markdown_append_code (GtkTextBuffer *buffer,
                         const char    *code)
{
  insert (buffer, code, -1, tag (buffer, "block"), NULL);
  if (!g_str_has_suffix (code, "\n"))
    insert (buffer, "\n", -1, tag (buffer, "block"), NULL);
}

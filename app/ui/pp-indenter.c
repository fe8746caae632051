/* pp-indenter.c: indents code as it is typed, the way its language nests
 *
 * Enter after a line that opens a block (a bracket left open; ':' in
 * Python; "then", "do" or "else" in Bash) indents the new line one step
 * deeper than the statement that opened it; Enter between a bracket and
 * its closer puts the closer on a line of its own. Typing a closing
 * bracket, or a word that closes a block (Python's "else:", Bash's "fi"),
 * as the first thing on a line lines it up with its opener.
 *
 * Lines are read one at a time, with strings and comments skipped, which
 * is enough for code typed in an interview; a string or comment spanning
 * lines can mislead it, and then the user's Tab and Shift+Tab win.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pp-indenter.h"

/* How far back a closer looks for its opener: far enough for any
 * function written in a session, bounded so a key press stays cheap. */
#define MAX_LINES_BACK 2000

typedef enum
{
  SYNTAX_BRACES,   /* C, C++, Java, JavaScript, Go: // and block comments */
  SYNTAX_PYTHON,
  SYNTAX_SHELL,
} Syntax;

struct _PpIndenter
{
  GObject parent_instance;

  Syntax syntax;
};

static void pp_indenter_iface_init (GtkSourceIndenterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PpIndenter, pp_indenter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_SOURCE_TYPE_INDENTER,
                                                      pp_indenter_iface_init))

/* A block-closing word, and the words of the lines it lines up with. */
typedef struct
{
  const char *word;
  const char *openers[7];
} Closer;

static const Closer python_closers[] = {
  { "else", { "if", "elif", "for", "while", "try", "except" } },
  { "elif", { "if", "elif" } },
  { "except", { "try", "except" } },
  { "finally", { "try", "except", "else" } },
};

static const Closer shell_closers[] = {
  { "fi", { "if", "elif", "else" } },
  { "else", { "if", "elif" } },
  { "elif", { "if", "elif" } },
  { "done", { "for", "while", "until", "select" } },
  { "esac", { "case" } },
};

/* What one line of code does to nesting. */
typedef struct
{
  int  opened;        /* brackets still open at its end */
  int  closed_early;  /* closers of brackets opened on earlier lines */
  char last;          /* its last character of code, or 0 */
  const char *code;   /* its first character of code */
  gsize code_len;     /* up to its last character of code */
} Shape;

static gboolean
is_bracket_open (char c)
{
  return c == '(' || c == '[' || c == '{';
}

static gboolean
is_bracket_close (char c)
{
  return c == ')' || c == ']' || c == '}';
}

/* Whether a comment starts at P, in LINE. */
static gboolean
starts_comment (Syntax      syntax,
                const char *line,
                const char *p)
{
  switch (syntax)
    {
    case SYNTAX_PYTHON:
      return *p == '#';
    case SYNTAX_SHELL:
      /* "$#" and "${#var}" are not comments. */
      return *p == '#' && (p == line || g_ascii_isspace (p[-1]));
    case SYNTAX_BRACES:
    default:
      return p[0] == '/' && p[1] == '/';
    }
}

static void
scan_line (Syntax      syntax,
           const char *line,
           Shape      *shape)
{
  char quote = 0;
  int depth = 0;
  const char *end_of_code = NULL;

  memset (shape, 0, sizeof *shape);
  for (const char *p = line; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          /* Only Bash's single quotes take a backslash as it is. */
          if (*p == '\\' && p[1] != '\0' && !(syntax == SYNTAX_SHELL && quote == '\''))
            p++;
          else if (*p == quote)
            quote = 0;
          end_of_code = p;
          continue;
        }
      if (starts_comment (syntax, line, p))
        break;
      if (syntax == SYNTAX_BRACES && p[0] == '/' && p[1] == '*')
        {
          const char *close = strstr (p + 2, "*/");

          if (close == NULL)
            break;
          p = close + 1;
          continue;
        }

      if (*p == '"' || *p == '\'' || *p == '`')
        quote = *p;
      else if (is_bracket_open (*p))
        depth++;
      else if (is_bracket_close (*p))
        {
          if (depth > 0)
            depth--;
          else
            shape->closed_early++;
        }

      if (!g_ascii_isspace (*p))
        {
          if (shape->code == NULL)
            shape->code = p;
          end_of_code = p;
        }
    }

  shape->opened = depth;
  if (end_of_code != NULL)
    {
      if (shape->code == NULL)
        shape->code = end_of_code;
      shape->last = *end_of_code;
      shape->code_len = end_of_code - shape->code + 1;
    }
}

static char *
get_line_text (GtkTextBuffer *buffer,
               int            line)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);

  return gtk_text_iter_get_slice (&start, &end);
}

static char *
leading_space (const char *text)
{
  return g_strndup (text, strspn (text, " \t"));
}

static gboolean
is_blank (const char *text)
{
  return text[strspn (text, " \t")] == '\0';
}

/* The width LINE's indentation takes on screen. */
static guint
indent_columns (const char *text,
                guint       tab_width)
{
  guint columns = 0;

  for (; *text == ' ' || *text == '\t'; text++)
    columns = *text == '\t' ? columns + tab_width - columns % tab_width : columns + 1;

  return columns;
}

/* Whether CODE (LEN bytes) begins with WORD as a whole word. */
static gboolean
starts_with_word (const char *code,
                  gsize       len,
                  const char *word)
{
  gsize word_len = strlen (word);

  return len >= word_len && strncmp (code, word, word_len) == 0 &&
         (len == word_len || !(g_ascii_isalnum (code[word_len]) || code[word_len] == '_'));
}

static gboolean
ends_with_word (const Shape *shape,
                const char  *word)
{
  gsize word_len = strlen (word);
  const char *start;

  if (shape->code_len < word_len)
    return FALSE;
  start = shape->code + shape->code_len - word_len;

  return strncmp (start, word, word_len) == 0 &&
         (start == shape->code || !(g_ascii_isalnum (start[-1]) || start[-1] == '_'));
}

/* The columns of one step of indentation: the tab width unless set. */
static int
step_width (GtkSourceView *view)
{
  int width = gtk_source_view_get_indent_width (view);

  return width > 0 ? width : (int) gtk_source_view_get_tab_width (view);
}

/* One step of indentation, as VIEW is set to write it. */
static char *
indent_unit (GtkSourceView *view)
{
  int width = step_width (view);

  if (!gtk_source_view_get_insert_spaces_instead_of_tabs (view))
    return g_strdup ("\t");

  return g_strnfill (width, ' ');
}

/* PREFIX one step shallower: a tab, or up to one step of spaces. */
static char *
dedent (GtkSourceView *view,
        const char    *prefix)
{
  gsize len = strlen (prefix);
  int width = step_width (view);

  if (len > 0 && prefix[len - 1] == '\t')
    return g_strndup (prefix, len - 1);
  for (int i = 0; i < width && len > 0 && prefix[len - 1] == ' '; i++)
    len--;

  return g_strndup (prefix, len);
}

/* The line, at or before LINE, that opened the brackets NEEDED closers
 * close; -1 when there is none in reach. */
static int
find_opener_line (PpIndenter    *self,
                  GtkTextBuffer *buffer,
                  int            line,
                  int            needed)
{
  for (int l = line; l >= 0 && l > line - MAX_LINES_BACK; l--)
    {
      g_autofree char *text = get_line_text (buffer, l);
      Shape shape;

      scan_line (self->syntax, text, &shape);
      /* A line's unmatched closers all come before its unmatched openers. */
      needed -= shape.opened;
      if (needed <= 0)
        return l;
      needed += shape.closed_early;
    }

  return -1;
}

static char *
indent_after (PpIndenter    *self,
              GtkSourceView *view,
              GtkTextBuffer *buffer,
              int            line)
{
  g_autofree char *text = get_line_text (buffer, line);
  g_autofree char *prefix = leading_space (text);
  Shape shape;
  gboolean opens;

  scan_line (self->syntax, text, &shape);

  /* After a line closing what earlier lines opened, the statement's
   * first line sets the indentation. */
  if (shape.closed_early > 0)
    {
      int start = find_opener_line (self, buffer, line - 1, shape.closed_early);

      if (start >= 0)
        {
          g_autofree char *start_text = get_line_text (buffer, start);

          g_free (prefix);
          prefix = leading_space (start_text);
        }
    }

  opens = shape.opened > 0;
  if (self->syntax == SYNTAX_PYTHON)
    {
      opens = opens || shape.last == ':';
      if (!opens && shape.closed_early == 0 &&
          (starts_with_word (shape.code, shape.code_len, "return") ||
           starts_with_word (shape.code, shape.code_len, "pass") ||
           starts_with_word (shape.code, shape.code_len, "break") ||
           starts_with_word (shape.code, shape.code_len, "continue") ||
           starts_with_word (shape.code, shape.code_len, "raise")))
        return dedent (view, prefix);
    }
  else if (self->syntax == SYNTAX_SHELL)
    opens = opens || ends_with_word (&shape, "then") || ends_with_word (&shape, "do") ||
            ends_with_word (&shape, "else");

  if (opens)
    {
      g_autofree char *unit = indent_unit (view);

      return g_strconcat (prefix, unit, NULL);
    }

  return g_steal_pointer (&prefix);
}

/* Sets LINE's indentation to PREFIX, keeping ITER where it was in the
 * line's text. */
static void
set_line_indent (GtkTextBuffer *buffer,
                 int            line,
                 const char    *prefix,
                 GtkTextIter   *iter)
{
  GtkTextMark *mark = gtk_text_buffer_create_mark (buffer, NULL, iter, FALSE);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  while (!gtk_text_iter_ends_line (&end) &&
         (gtk_text_iter_get_char (&end) == ' ' || gtk_text_iter_get_char (&end) == '\t'))
    gtk_text_iter_forward_char (&end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, prefix, -1);

  gtk_text_buffer_get_iter_at_mark (buffer, iter, mark);
  gtk_text_buffer_delete_mark (buffer, mark);
}

/* The text of ITER's line before ITER, less its indentation. */
static char *
first_text_before (const GtkTextIter *iter)
{
  GtkTextIter start = *iter;
  g_autofree char *text = NULL;

  gtk_text_iter_set_line_offset (&start, 0);
  text = gtk_text_iter_get_slice (&start, iter);

  return g_strdup (text + strspn (text, " \t"));
}

/* The block-closing word CODE (LEN bytes) starts with, if any. */
static const Closer *
find_closer (Syntax      syntax,
             const char *code,
             gsize       len)
{
  const Closer *closers = syntax == SYNTAX_PYTHON ? python_closers : shell_closers;
  guint n_closers = syntax == SYNTAX_PYTHON ? G_N_ELEMENTS (python_closers)
                                            : G_N_ELEMENTS (shell_closers);

  if (syntax == SYNTAX_BRACES || code == NULL)
    return NULL;
  for (guint i = 0; i < n_closers; i++)
    if (starts_with_word (code, len, closers[i].word))
      return &closers[i];

  return NULL;
}

/* Python's block-closing words line up as their ':' is typed. Bash's
 * wait for Enter: "fi" could still become "file=". */
static const Closer *
colon_completes_closer (Syntax      syntax,
                        const char *before,
                        gunichar    typed)
{
  if (syntax != SYNTAX_PYTHON || typed != ':')
    return NULL;

  return find_closer (syntax, before, strlen (before));
}

/* Lines up LINE, which starts with CLOSER's word, with the nearest
 * shallower line that opened its block; ITER stays where it was. */
static void
indent_closing_line (PpIndenter    *self,
                     GtkSourceView *view,
                     const Closer  *closer,
                     int            line,
                     GtkTextIter   *iter)
{
  GtkTextBuffer *buffer = gtk_text_iter_get_buffer (iter);
  guint tab_width = gtk_source_view_get_tab_width (view);
  g_autofree char *text = get_line_text (buffer, line);
  guint columns = indent_columns (text, tab_width);

  for (int l = line - 1; l >= 0 && l > line - MAX_LINES_BACK; l--)
    {
      g_autofree char *other = get_line_text (buffer, l);
      const char *code = other + strspn (other, " \t");
      guint other_columns = indent_columns (other, tab_width);
      gboolean opens = FALSE;

      if (is_blank (other) || other_columns > columns)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (closer->openers) && closer->openers[i] != NULL; i++)
        opens = opens || starts_with_word (code, strlen (code), closer->openers[i]);

      /* A statement level with the line is the block's body; an opener
       * level with it means the line is lined up already. */
      if (other_columns == columns)
        {
          if (opens)
            return;
          continue;
        }
      if (opens)
        {
          g_autofree char *prefix = leading_space (other);

          set_line_indent (buffer, line, prefix, iter);
        }
      return;
    }
}

static gboolean
pp_indenter_is_trigger (GtkSourceIndenter *indenter,
                        GtkSourceView     *view,
                        const GtkTextIter *location,
                        GdkModifierType    state,
                        guint              keyval)
{
  PpIndenter *self = PP_INDENTER (indenter);
  GtkTextBuffer *buffer = gtk_text_iter_get_buffer (location);
  g_autofree char *before = NULL;
  gunichar typed;

  if ((state & gtk_accelerator_get_default_mod_mask () & ~GDK_SHIFT_MASK) != 0 ||
      gtk_text_buffer_get_has_selection (buffer))
    return FALSE;

  /* Shift+Enter is the way to a new line left as it is; Enter at the
   * start of a line only moves the line down. */
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter)
    return (state & GDK_SHIFT_MASK) == 0 && !gtk_text_iter_starts_line (location);

  typed = gdk_keyval_to_unicode (keyval);
  before = first_text_before (location);
  if (is_bracket_close (typed) && typed < 128)
    return before[0] == '\0';

  return colon_completes_closer (self->syntax, before, typed) != NULL;
}

static void
pp_indenter_indent (GtkSourceIndenter *indenter,
                    GtkSourceView     *view,
                    GtkTextIter       *iter)
{
  PpIndenter *self = PP_INDENTER (indenter);
  GtkTextBuffer *buffer = gtk_text_iter_get_buffer (iter);
  int line = gtk_text_iter_get_line (iter);
  GtkTextIter typed_at = *iter;
  gunichar typed;

  if (gtk_text_iter_starts_line (iter))
    {
      g_autofree char *prefix = NULL;
      g_autofree char *rest = NULL;
      Shape shape;

      if (line == 0)
        return;
      if (self->syntax == SYNTAX_SHELL)
        {
          g_autofree char *above = get_line_text (buffer, line - 1);
          const Closer *closer;

          scan_line (self->syntax, above, &shape);
          closer = find_closer (self->syntax, shape.code, shape.code_len);
          if (closer != NULL)
            indent_closing_line (self, view, closer, line - 1, iter);
        }
      prefix = indent_after (self, view, buffer, line - 1);
      set_line_indent (buffer, line, prefix, iter);
      gtk_text_iter_set_line_offset (iter, 0);
      gtk_text_iter_forward_chars (iter, g_utf8_strlen (prefix, -1));

      /* Enter between a bracket and its closer: the closer goes to a line
       * of its own, lined up with the line that opened it. */
      rest = get_line_text (buffer, line);
      scan_line (self->syntax, rest, &shape);
      if (shape.code != NULL && is_bracket_close (*shape.code))
        {
          g_autofree char *opener = get_line_text (buffer, line - 1);
          g_autofree char *closer_prefix = leading_space (opener);
          g_autofree char *tail = g_strconcat ("\n", closer_prefix, NULL);
          int offset = gtk_text_iter_get_offset (iter);

          if (find_opener_line (self, buffer, line - 1, 1) == line - 1)
            {
              gtk_text_buffer_insert (buffer, iter, tail, -1);
              gtk_text_buffer_get_iter_at_offset (buffer, iter, offset);
              gtk_text_buffer_place_cursor (buffer, iter);
            }
        }
      return;
    }

  gtk_text_iter_backward_char (&typed_at);
  typed = gtk_text_iter_get_char (&typed_at);
  if (is_bracket_close (typed) && typed < 128)
    {
      int opener = find_opener_line (self, buffer, line - 1, 1);

      if (opener >= 0)
        {
          g_autofree char *text = get_line_text (buffer, opener);
          g_autofree char *prefix = leading_space (text);

          set_line_indent (buffer, line, prefix, iter);
        }
    }
  else
    {
      g_autofree char *before = NULL;
      const Closer *closer;

      before = first_text_before (&typed_at);
      closer = colon_completes_closer (self->syntax, before, typed);
      if (closer != NULL)
        indent_closing_line (self, view, closer, line, iter);
    }
}

static void
pp_indenter_iface_init (GtkSourceIndenterInterface *iface)
{
  iface->is_trigger = pp_indenter_is_trigger;
  iface->indent = pp_indenter_indent;
}

static void
pp_indenter_class_init (PpIndenterClass *klass)
{
}

static void
pp_indenter_init (PpIndenter *self)
{
}

/* An indenter for the language with Pairpad's LANGUAGE_ID ("python",
 * "bash", or one of the languages that nest with braces). */
GtkSourceIndenter *
pp_indenter_new (const char *language_id)
{
  PpIndenter *self = g_object_new (PP_TYPE_INDENTER, NULL);

  if (g_strcmp0 (language_id, "python") == 0)
    self->syntax = SYNTAX_PYTHON;
  else if (g_strcmp0 (language_id, "bash") == 0)
    self->syntax = SYNTAX_SHELL;
  else
    self->syntax = SYNTAX_BRACES;

  return GTK_SOURCE_INDENTER (self);
}

/* pp-subwindow.c: a window over the main one, closed with Esc or Ctrl+W
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pp-indent.h"
#include "pp-subwindow.h"

/* Esc and Ctrl+W close WINDOW, as in GNOME's own secondary windows. */
void
pp_subwindow_add_close_keys (GtkWidget *window)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  g_return_if_fail (GTK_IS_WINDOW (window));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape|<Control>w"),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
}

/**
 * pp_subwindow_new:
 * @subtitle: (nullable)
 * @header: (out) (optional) (transfer none): the header bar, for buttons
 *
 * A modal window over @parent: a header bar titled @title, then @content.
 *
 * Returns: (transfer none): the window, not yet presented
 */
GtkWidget *
pp_subwindow_new (GtkWindow  *parent,
                  const char *title,
                  const char *subtitle,
                  GtkWidget  *content,
                  GtkWidget **header)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = adw_header_bar_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (content), NULL);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (bar), adw_window_title_new (title, subtitle));
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  pp_subwindow_add_close_keys (window);
  if (header != NULL)
    *header = bar;
  return window;
}

/**
 * pp_subwindow_code_view:
 * @language: (nullable): the code's language, for its highlighting
 * @scheme: (nullable): the editor's colours
 *
 * Returns: (transfer floating): @code, read-only, as the editor shows it
 */
GtkWidget *
pp_subwindow_code_view (const char           *code,
                        PpLanguage           *language,
                        GtkSourceStyleScheme *scheme)
{
  g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new (NULL);
  GtkWidget *view = gtk_source_view_new_with_buffer (buffer);

  g_return_val_if_fail (code != NULL, NULL);

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), code, -1);
  gtk_source_buffer_set_style_scheme (buffer, scheme);
  if (language != NULL)
    pp_indent_apply_language (GTK_SOURCE_VIEW (view), language);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Code"), -1);
  return view;
}

/* pp-records.c: the records a session's document keeps — chat messages
 * and runs — as rows, for the live session and for past ones
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record is an a{sv} in the document's "chat" or "runs" array, written
 * by this version or by a peer (then boxed in a variant); anything else
 * a peer put there is not shown.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pp-records.h"

const char *
pp_record_lookup_string (GVariant   *record,
                         const char *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (record, key, G_VARIANT_TYPE_STRING);

  /* The string lives as long as the record holds the value. */
  return value != NULL ? g_variant_get_string (value, NULL) : NULL;
}

/* A record of the document's chat or runs (a{sv}), as this version
 * writes it or a peer's boxed in a variant; NULL for anything else. */
GVariant *
pp_record_unbox (GVariant *item)
{
  g_autoptr(GVariant) record = g_variant_is_of_type (item, G_VARIANT_TYPE_VARIANT)
                                 ? g_variant_get_variant (item) : g_variant_ref (item);

  return g_variant_is_of_type (record, G_VARIANT_TYPE_VARDICT) ? g_steal_pointer (&record) : NULL;
}

/* "14:05", the local time of a record's "time" (milliseconds) */
char *
pp_record_clock (GVariant *record)
{
  g_autoptr(GVariant) time = g_variant_lookup_value (record, "time", G_VARIANT_TYPE_INT64);
  g_autoptr(GDateTime) at = NULL;
  gint64 ms;

  if (time == NULL)
    time = g_variant_lookup_value (record, "time", G_VARIANT_TYPE_DOUBLE);
  if (time == NULL)
    return NULL;
  ms = g_variant_is_of_type (time, G_VARIANT_TYPE_INT64) ? g_variant_get_int64 (time)
                                                         : (gint64) g_variant_get_double (time);
  at = g_date_time_new_from_unix_local (ms / 1000);
  return at != NULL ? g_date_time_format (at, "%H:%M") : NULL;
}

GtkWidget *
pp_record_chat_row (GVariant *message)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *head = gtk_label_new (NULL);
  GtkWidget *body = gtk_label_new (pp_record_lookup_string (message, "text"));
  g_autofree char *when = pp_record_clock (message);
  g_autofree char *line = NULL;

  /* TRANSLATORS: two parts of one line: "Editor · Connected", "Ada · 14:05" */
  line = when != NULL ? g_strdup_printf (_("%s · %s"), pp_record_lookup_string (message, "author"), when)
                      : g_strdup (pp_record_lookup_string (message, "author"));
  gtk_label_set_label (GTK_LABEL (head), line);
  gtk_label_set_xalign (GTK_LABEL (head), 0);
  gtk_widget_add_css_class (head, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box), head);
  gtk_box_append (GTK_BOX (box), body);
  return box;
}

/* A record of a finished run, as every version writes one. */
GVariant *
pp_record_run (GVariant *item)
{
  g_autoptr(GVariant) record = pp_record_unbox (item);

  if (record == NULL || pp_record_lookup_string (record, "id") == NULL ||
      pp_record_lookup_string (record, "author") == NULL || pp_record_lookup_string (record, "status") == NULL)
    return NULL;
  return g_steal_pointer (&record);
}

char *
pp_record_run_line (GVariant *record)
{
  /* TRANSLATORS: who ran the code, and how it ended: "Grace’s run: Exit code 0" */
  return g_strdup_printf (_("%s’s run: %s"), pp_record_lookup_string (record, "author"),
                          pp_record_lookup_string (record, "status"));
}

GtkWidget *
pp_record_run_row (GVariant *record)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *head = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (pp_record_lookup_string (record, "status"));
  g_autofree char *when = pp_record_clock (record);
  g_autofree char *line = when != NULL ? g_strdup_printf (_("%s · %s"), pp_record_lookup_string (record, "author"), when)
                                       : g_strdup (pp_record_lookup_string (record, "author"));

  gtk_label_set_label (GTK_LABEL (head), line);
  gtk_label_set_xalign (GTK_LABEL (head), 0);
  gtk_label_set_ellipsize (GTK_LABEL (head), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (head, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_ellipsize (GTK_LABEL (status), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box), head);
  gtk_box_append (GTK_BOX (box), status);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Show this run’s output"));
  g_object_set_data_full (G_OBJECT (row), "record", g_variant_ref (record),
                          (GDestroyNotify) g_variant_unref);
  return row;
}

/* A row for a chat array's item, or NULL for one that is not a message. */
static GtkWidget *
chat_row_for (GVariant *item)
{
  g_autoptr(GVariant) message = pp_record_unbox (item);

  if (message == NULL || pp_record_lookup_string (message, "text") == NULL ||
      pp_record_lookup_string (message, "author") == NULL)
    return NULL;
  return pp_record_chat_row (message);
}

static GtkWidget *
run_row_for (GVariant *item)
{
  g_autoptr(GVariant) record = pp_record_run (item);

  return record != NULL ? pp_record_run_row (record) : NULL;
}

/* Replaces list's rows with one per item that has one; how many. */
static guint
fill (GtkListBox  *list,
      GVariant    *all,
      GtkWidget *(*row_for) (GVariant *item),
      gboolean     newest_first)
{
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (gsize i = 0; all != NULL && i < g_variant_n_children (all); i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (all, i);
      GtkWidget *row = row_for (item);

      if (row == NULL)
        continue;
      if (newest_first)
        gtk_list_box_prepend (list, row);
      else
        gtk_list_box_append (list, row);
      shown++;
    }
  return shown;
}

/**
 * pp_record_fill_chat:
 * @all: (nullable): the document's chat array, as a variant
 *
 * Replaces @list's rows with one per message, in order.
 *
 * Returns: how many messages it shows
 */
guint
pp_record_fill_chat (GtkListBox *list,
                     GVariant   *all)
{
  return fill (list, all, chat_row_for, FALSE);
}

/**
 * pp_record_fill_runs:
 * @all: (nullable): the document's runs array, as a variant
 *
 * Replaces @list's rows with one per run, the newest first; each row
 * holds its record as "record".
 *
 * Returns: how many runs it shows
 */
guint
pp_record_fill_runs (GtkListBox *list,
                     GVariant   *all)
{
  return fill (list, all, run_row_for, TRUE);
}

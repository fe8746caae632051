/* pp-past-sessions.c: the sessions kept in the history, each opened
 * read-only and offline with its code, chat and runs
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything a past session shows comes from its saved document: the
 * code, the "meta" language, and the "chat" and "runs" arrays, the same
 * records the live session page lists.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "pp-crdt.h"
#include "pp-subwindow.h"
#include "pp-past-sessions.h"
#include "pp-records.h"

/* "5 December 2026, 14:05", from microseconds */
static char *
when_text (gint64 time_us)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);

  /* TRANSLATORS: when a past session started; see g_date_time_format () */
  return at != NULL ? g_date_time_format (at, _("%e %B %Y, %H:%M")) : g_strdup ("");
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

/* One past session */

typedef struct
{
  GtkLabel *run_status;
  GtkTextBuffer *run_output;
} Viewer;

static void
run_activated (GtkListBox    *list,
               GtkListBoxRow *row,
               Viewer        *viewer)
{
  GVariant *record = g_object_get_data (G_OBJECT (row), "record");
  const char *out = pp_record_lookup_string (record, "stdout");
  const char *err = pp_record_lookup_string (record, "stderr");
  g_autofree char *line = pp_record_run_line (record);
  g_autofree char *text = g_strconcat (out != NULL ? out : "", err != NULL ? err : "", NULL);

  gtk_label_set_label (viewer->run_status, line);
  gtk_text_buffer_set_text (viewer->run_output, text, -1);
}

/* A list, or a sentence when there is nothing in it. */
static GtkWidget *
list_or_none (GtkListBox *list,
              guint       n,
              gboolean    expand,
              const char *none)
{
  GtkWidget *label;

  if (n > 0)
    {
      GtkWidget *scroller = scrolled (GTK_WIDGET (list));

      /* As tall as its rows, up to a point; the chat takes the rest. */
      if (expand)
        return scroller;
      gtk_widget_set_vexpand (scroller, FALSE);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 220);
      return scroller;
    }
  label = gtk_label_new (none);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
code_view (PpDoc                *doc,
           PpLanguageSet        *languages,
           GtkSourceStyleScheme *scheme)
{
  g_autofree char *code = pp_text_to_string (pp_doc_get_text (doc, "code"));
  g_autoptr(GVariant) language = pp_map_get (pp_doc_get_map (doc, "meta"), "language");
  PpLanguage *found = NULL;
  GtkWidget *view;

  if (languages != NULL && language != NULL && g_variant_is_of_type (language, G_VARIANT_TYPE_STRING))
    found = pp_language_set_lookup (languages, g_variant_get_string (language, NULL));
  view = pp_subwindow_code_view (code, found, scheme);
  gtk_widget_set_name (view, "past-session-code");
  return view;
}

static GtkWidget *
viewer_new (GtkWindow             *parent,
            const PpStoredSession *session,
            PpDoc                 *doc,
            PpLanguageSet         *languages,
            GtkSourceStyleScheme  *scheme)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  g_autofree char *when = when_text (session->started_at);
  /* TRANSLATORS: the subtitle of a past session's window: when, and that it cannot be changed */
  g_autofree char *subtitle = g_strdup_printf (_("%s · Read-only"), when);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *left = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *output_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *output = gtk_text_view_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *runs = gtk_list_box_new ();
  GtkWidget *chat = gtk_list_box_new ();
  g_autoptr(GVariant) all_runs = pp_array_to_variant (pp_doc_get_array (doc, "runs"));
  g_autoptr(GVariant) all_chat = pp_array_to_variant (pp_doc_get_array (doc, "chat"));
  guint n_runs = pp_record_fill_runs (GTK_LIST_BOX (runs), all_runs);
  guint n_chat = pp_record_fill_chat (GTK_LIST_BOX (chat), all_chat);
  Viewer *viewer = g_new0 (Viewer, 1);

  gtk_window_set_title (GTK_WINDOW (window), session->title);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 620);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (session->title, subtitle));
  gtk_box_append (GTK_BOX (box), header);

  viewer->run_status = GTK_LABEL (gtk_label_new (n_runs > 0 ? _("Pick a run to see its output")
                                                            : _("Nobody ran the code in this session")));
  gtk_label_set_xalign (viewer->run_status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (viewer->run_status), "dim-label");
  viewer->run_output = gtk_text_view_get_buffer (GTK_TEXT_VIEW (output));
  gtk_text_view_set_editable (GTK_TEXT_VIEW (output), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (output), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (output), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Output"), -1);
  gtk_box_append (GTK_BOX (output_box), GTK_WIDGET (viewer->run_status));
  gtk_box_append (GTK_BOX (output_box), scrolled (output));
  gtk_widget_set_margin_start (output_box, 6);
  gtk_widget_set_margin_top (output_box, 6);

  gtk_paned_set_start_child (GTK_PANED (left), scrolled (code_view (doc, languages, scheme)));
  gtk_paned_set_end_child (GTK_PANED (left), output_box);
  gtk_paned_set_position (GTK_PANED (left), 380);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (runs), GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (runs, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (runs), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Runs"), -1);
  g_signal_connect_data (runs, "row-activated", G_CALLBACK (run_activated), viewer,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (chat), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chat), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chat Messages"), -1);
  gtk_widget_set_size_request (side, 290, -1);
  gtk_widget_set_margin_start (side, 6);
  gtk_widget_set_margin_end (side, 6);
  gtk_widget_set_margin_top (side, 6);
  gtk_widget_set_margin_bottom (side, 6);
  gtk_box_append (GTK_BOX (side), heading (_("Runs")));
  gtk_box_append (GTK_BOX (side), list_or_none (GTK_LIST_BOX (runs), n_runs, FALSE, _("No runs")));
  gtk_box_append (GTK_BOX (side), heading (_("Chat")));
  gtk_box_append (GTK_BOX (side), list_or_none (GTK_LIST_BOX (chat), n_chat, TRUE, _("No messages")));
  /* A list not shown is not kept. */
  if (n_runs == 0)
    g_object_unref (g_object_ref_sink (runs));
  if (n_chat == 0)
    g_object_unref (g_object_ref_sink (chat));

  gtk_paned_set_start_child (GTK_PANED (paned), left);
  gtk_paned_set_end_child (GTK_PANED (paned), side);
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), paned);
  adw_window_set_content (ADW_WINDOW (window), box);
  pp_subwindow_add_close_keys (window);
  return window;
}

/* The list */

typedef struct
{
  GtkWindow *window;            /* the list's own */
  GtkWindow *parent;            /* borrowed: the app's window */
  PpStore *store;
  PpLanguageSet *languages;     /* nullable */
  GtkSourceStyleScheme *scheme; /* nullable */
  GPtrArray *sessions;          /* PpStoredSession */
} Browser;

static void
browser_free (Browser *browser)
{
  g_object_unref (browser->store);
  g_clear_object (&browser->languages);
  g_clear_object (&browser->scheme);
  g_ptr_array_unref (browser->sessions);
  g_free (browser);
}

static void
show_problem (GtkWindow  *parent,
              const char *heading_text,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading_text, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
session_activated (GtkListBox    *list,
                   GtkListBoxRow *row,
                   Browser       *browser)
{
  const PpStoredSession *session = browser->sessions->pdata[gtk_list_box_row_get_index (row)];
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) state = pp_store_load_document (browser->store, session->id, &error);
  g_autoptr(PpDoc) doc = pp_doc_new ();
  GtkWidget *viewer;

  /* A damaged history must not take the app down: the document is
   * read as if a peer had sent it. */
  if (state == NULL ||
      !pp_doc_apply_remote_update (doc, g_bytes_get_data (state, NULL), g_bytes_get_size (state), NULL,
                                   &error))
    {
      show_problem (browser->window, _("This Session Cannot Be Opened"),
                    error != NULL ? error->message : _("Its code was not kept."));
      return;
    }
  viewer = viewer_new (browser->parent, session, doc, browser->languages, browser->scheme);
  gtk_window_present (GTK_WINDOW (viewer));
}

static GtkWidget *
session_row (const PpStoredSession *session)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = when_text (session->started_at);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), session->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

/**
 * pp_past_sessions_present:
 * @parent: the window it belongs to
 * @store: the history
 * @languages: (nullable): for highlighting each session's code
 * @scheme: (nullable): the editor's colours
 *
 * Shows the sessions kept in @store; each opens read-only.
 *
 * Returns: (transfer none): the list's window
 */
GtkWindow *
pp_past_sessions_present (GtkWindow            *parent,
                          PpStore              *store,
                          PpLanguageSet        *languages,
                          GtkSourceStyleScheme *scheme)
{
  Browser *browser = g_new0 (Browser, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PP_IS_STORE (store), NULL);

  browser->window = GTK_WINDOW (window);
  browser->parent = parent;
  browser->store = g_object_ref (store);
  browser->languages = languages != NULL ? g_object_ref (languages) : NULL;
  browser->scheme = scheme != NULL ? g_object_ref (scheme) : NULL;
  browser->sessions = pp_store_list_sessions (store, &error);
  if (browser->sessions == NULL)
    browser->sessions = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (window), "browser", browser, (GDestroyNotify) browser_free);

  gtk_window_set_title (GTK_WINDOW (window), _("Past Sessions"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 560);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  if (error != NULL || browser->sessions->len == 0)
    {
      content = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (content),
                                     error != NULL ? "dialog-error-symbolic" : "document-open-recent-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (content),
                                 error != NULL ? _("Past Sessions Cannot Be Read") : _("No Past Sessions"));
      adw_status_page_set_description (ADW_STATUS_PAGE (content),
                                       error != NULL ? error->message
                                                     : _("Sessions you start or join are kept here, "
                                                         "with their code, chat and runs."));
      gtk_widget_set_vexpand (content, TRUE);
    }
  else
    {
      GtkWidget *clamp = adw_clamp_new ();
      GtkWidget *list = gtk_list_box_new ();

      for (guint i = 0; i < browser->sessions->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list), session_row (browser->sessions->pdata[i]));
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_valign (list, GTK_ALIGN_START);
      gtk_widget_set_margin_top (list, 12);
      gtk_widget_set_margin_bottom (list, 12);
      gtk_widget_set_margin_start (list, 12);
      gtk_widget_set_margin_end (list, 12);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Past Sessions"), -1);
      g_signal_connect (list, "row-activated", G_CALLBACK (session_activated), browser);
      adw_clamp_set_child (ADW_CLAMP (clamp), list);
      content = scrolled (clamp);
    }
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (window), box);
  pp_subwindow_add_close_keys (window);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/* pp-window.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pp-indent.h"
#include "pp-language-set.h"
#include "pp-notice.h"
#include "pp-past-sessions.h"
#include "pp-practice-page.h"
#include "pp-problem-bank.h"
#include "pp-problem-view.h"
#include "pp-run-panel.h"
#include "pp-runner.h"
#include "pp-scratch.h"
#include "pp-session-view.h"
#include "pp-style.h"
#include "pp-subwindow.h"
#include "pp-window-private.h"

#define EDITOR_SELECTOR "textview.pp-editor"
/* Zoom steps of a tenth of the chosen size: from half to three times it. */
#define ZOOM_MIN  -5
#define ZOOM_MAX  20

struct _PpWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkDropDown          *language_dropdown;
  GtkSourceView        *source_view;
  PpRunPanel           *run_panel;
  GtkStack             *main_stack;    /* "views", "problem" or "session" */
  AdwViewStack         *view_stack;    /* the switcher's: "practice" and "scratch" */
  AdwViewSwitcherTitle *switcher_title;
  GtkBox               *scratch_box;
  GtkWidget            *scratch_banner;  /* the scratch code cannot be saved */
  PpPracticePage       *practice_page;
  GtkBox               *problem_box;
  GtkWidget            *back_button;
  GtkWidget            *stats_button;
  PpProblemView        *problem_view;  /* made with the languages */
  GListModel           *problems;      /* nullable until loaded */

  GtkSourceBuffer      *buffer;        /* borrowed from source_view */
  GSettings            *settings;
  PpStore              *store;         /* owned, nullable: the history could not be opened */
  GtkCssProvider       *font_css;
  PpScratch            *scratch;       /* NULL until the first frame is drawn */
  PpScratch            *scratch_input;  /* the scratch pad's standard input */
  PpLanguageSet        *languages;     /* nullable: languages.json did not load */
  PpRunner             *runner;
  PpLanguage           *language;      /* owned; nullable without languages */
  GPtrArray            *shown;         /* PpLanguage, in the selector's order */
  gboolean              has_more;      /* the selector ends with "More Languages…" */
  gboolean              detected;
  GCancellable         *cancellable;   /* detection, the bank's loading */
  int                   zoom;
  AdwToast             *run_toast;     /* weak: the last "run not kept" on screen */
  PpSessionView        *session_view;
  PpSession            *session;       /* owned, nullable: the live session */
  const char           *page_before_session;  /* static: where Close goes back to */
};

G_DEFINE_FINAL_TYPE (PpWindow, pp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
pp_window_show_message (PpWindow   *self,
                        const char *message)
{
  g_return_if_fail (PP_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  pp_notice_toast (self->toast_overlay, message, NULL);
}

/**
 * pp_window_show_error:
 * @title: one short line
 * @details: the whole message, with what to do, behind a Details button
 */
void
pp_window_show_error (PpWindow   *self,
                      const char *title,
                      const char *details)
{
  g_return_if_fail (PP_IS_WINDOW (self));
  g_return_if_fail (title != NULL && details != NULL);

  pp_notice_toast (self->toast_overlay, title, details);
}

/* The editor colours chosen in Preferences, in the light or dark twin
 * of the style in use. */
static GtkSourceStyleScheme *
current_scheme (PpWindow *self)
{
  g_autofree char *scheme_id = g_settings_get_string (self->settings, "style-scheme");

  return pp_style_resolve_scheme (scheme_id, adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
update_style_scheme (PpWindow *self)
{
  GtkSourceStyleScheme *scheme = current_scheme (self);

  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
  if (self->problem_view != NULL)
    pp_problem_view_set_style_scheme (self->problem_view, scheme);
  gtk_source_buffer_set_style_scheme (
    GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (pp_session_view_get_source_view (self->session_view)))),
    scheme);
}

static void
update_font (PpWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "font");
  g_autofree char *css = pp_style_font_to_css (font, 1.0 + self->zoom / 10.0, EDITOR_SELECTOR);

  gtk_css_provider_load_from_data (self->font_css, css, -1);
}

static void
set_zoom (PpWindow *self,
          int       zoom)
{
  self->zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  update_font (self);
  _pp_window_set_action_enabled (self, "zoom-in", self->zoom < ZOOM_MAX);
  _pp_window_set_action_enabled (self, "zoom-out", self->zoom > ZOOM_MIN);
}

void
_pp_window_zoom (PpWindow *self,
                 int       steps)
{
  set_zoom (self, self->zoom + steps);
}

void
_pp_window_zoom_reset (PpWindow *self)
{
  set_zoom (self, 0);
}

static void update_run_action (PpWindow *self);

/* "practice", "scratch", "problem" or "session". */
static const char *
current_page (PpWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (page, "views") == 0)
    return adw_view_stack_get_visible_child_name (self->view_stack);
  return page;
}

static gboolean
on_problem_page (PpWindow *self)
{
  return self->problem_view != NULL && g_str_equal (current_page (self), "problem");
}

void
_pp_window_run (PpWindow *self)
{
  g_autofree char *source = NULL;
  GtkTextIter start, end;

  if (g_str_equal (current_page (self), "session"))
    {
      pp_session_view_run (self->session_view);
      return;
    }
  if (on_problem_page (self))
    {
      pp_problem_view_try (self->problem_view);
      return;
    }
  if (self->language == NULL || !pp_language_is_available (self->language))
    return;
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  source = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
  pp_run_panel_run (self->run_panel, self->language, source);
}

void
_pp_window_stop (PpWindow *self)
{
  if (g_str_equal (current_page (self), "session"))
    pp_session_view_stop (self->session_view);
  else if (on_problem_page (self))
    pp_problem_view_stop (self->problem_view);
  else
    pp_run_panel_stop (self->run_panel);
}

static void show_page (PpWindow *self, const char *name);

void
_pp_window_show_page (PpWindow   *self,
                      const char *name)
{
  show_page (self, name);
}

void
_pp_window_submit (PpWindow *self)
{
  if (on_problem_page (self))
    pp_problem_view_submit (self->problem_view);
}

void
_pp_window_show_stats (PpWindow *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *stats = pp_practice_page_stats_widget (self->practice_page);
  GtkWidget *window;

  g_object_set (stats, "margin-top", 12, "margin-bottom", 12, "margin-start", 12, "margin-end", 12, NULL);
  adw_clamp_set_child (ADW_CLAMP (clamp), stats);
  window = pp_subwindow_new (GTK_WINDOW (self), _("Statistics"), NULL, clamp, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, -1);
  gtk_window_present (GTK_WINDOW (window));
}

/* Live sessions */

static char *
display_name (PpWindow *self)
{
  g_autofree char *name = g_strstrip (g_settings_get_string (self->settings, "display-name"));

  if (*name != '\0')
    return g_steal_pointer (&name);
  if (g_strcmp0 (g_get_real_name (), "Unknown") != 0 && *g_get_real_name () != '\0')
    return g_strdup (g_get_real_name ());
  return g_strdup (g_get_user_name ());
}


static void
on_session_closed (PpWindow *self)
{
  pp_session_view_set_session (self->session_view, NULL);
  g_clear_object (&self->session);
  show_page (self, self->page_before_session != NULL ? self->page_before_session : "scratch");
}

static void
on_media_source_failed (PpWindow   *self,
                        int         kind,
                        const char *message)
{
  pp_window_show_error (self, kind == PP_MEDIA_VIDEO ? _("The camera stopped working")
                                                     : _("The microphone stopped working"),
                        message);
}

static gboolean session_running (PpWindow *self);

static void
on_use_device (AdwToast *toast,
               PpWindow *self)
{
  PpMediaKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "pp-kind"));
  g_autoptr(GError) error = NULL;

  if (self->session != NULL && !pp_session_restart_media (self->session, kind, &error))
    pp_window_show_error (self, kind == PP_MEDIA_VIDEO ? _("The camera could not be used")
                                                       : _("The microphone could not be used"),
                          error->message);
}

/* A camera or microphone plugged in during a call that has none working
 * is offered, not taken: the person may not want to be seen. */
static void
on_media_device_added (PpWindow   *self,
                       int         kind,
                       const char *name)
{
  g_autofree char *title = g_strdup_printf (kind == PP_MEDIA_VIDEO ? _("Camera connected: %s")
                                                                   : _("Microphone connected: %s"),
                                            name);
  g_autofree char *markup = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (markup);

  if (!session_running (self))
    return;
  adw_toast_set_button_label (toast, _("_Use It"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data (G_OBJECT (toast), "pp-kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_use_device), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_history_failed (PpWindow     *self,
                   const GError *error)
{
  pp_window_show_error (self, _("This session is not being kept in the history"), error->message);
}

/* The call's camera and microphone, on or off as the user chose. A
 * machine without either still takes part (with the other, or with
 * neither); only a missing GStreamer plugin leaves the call out. */
static void
add_call (PpWindow  *self,
          PpSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpMedia) media = pp_media_new (&error);
  gboolean on = g_settings_get_boolean (self->settings, "call-media-on");

  if (media == NULL)
    {
      pp_window_show_error (self, _("Calls are not available"), error->message);
      return;
    }
  pp_media_set_sending (media, PP_MEDIA_AUDIO, on);
  pp_media_set_sending (media, PP_MEDIA_VIDEO, on);
  if (!pp_media_start (media, &error))
    pp_window_show_error (self, _("The camera or microphone could not be used"), error->message);
  g_signal_connect_object (media, "source-failed", G_CALLBACK (on_media_source_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (media, "device-added", G_CALLBACK (on_media_device_added), self,
                           G_CONNECT_SWAPPED);
  pp_session_set_media (session, media);
}

/* Shows session, kept in the history, with the Preferences' servers. */
static void
begin_session (PpWindow  *self,
               PpSession *session)
{
  g_autofree char *store_path = g_build_filename (g_get_user_data_dir (), "pairpad", "pairpad.db", NULL);
  const char *page = current_page (self);

  if (!g_str_equal (page, "session"))
    self->page_before_session = g_str_equal (page, "problem") ? "problem"
                                : g_str_equal (page, "practice") ? "practice" : "scratch";
  g_set_object (&self->session, session);
  pp_session_apply_settings (session, self->settings);
  if (self->store != NULL)
    pp_session_set_store_path (session, store_path);
  g_signal_connect_object (session, "history-failed", G_CALLBACK (on_history_failed), self,
                           G_CONNECT_SWAPPED);
  add_call (self, session);
  pp_session_view_set_session (self->session_view, session);
  show_page (self, "session");
  pp_session_start (session);
}

static gboolean
session_running (PpWindow *self)
{
  PpSessionState state;

  if (self->session == NULL)
    return FALSE;
  state = pp_session_get_state (self->session);
  return state != PP_SESSION_ENDED && state != PP_SESSION_FAILED;
}

/* Starts a session whose document is the code on screen: the scratch
 * pad's, or the open problem's. */
void
_pp_window_start_session (PpWindow *self)
{
  g_autofree char *name = display_name (self);
  g_autoptr(PpSession) session = NULL;
  g_autofree char *code = NULL;
  const char *language = NULL;
  const char *title = NULL;
  GtkSourceView *view = self->source_view;
  GtkTextIter start, end;
  PpDoc *doc;

  if (session_running (self))
    {
      show_page (self, "session");
      return;
    }
  if (self->problem_view != NULL && g_str_equal (current_page (self), "problem"))
    {
      PpLanguage *problem_language = pp_problem_view_get_language (self->problem_view);

      view = pp_problem_view_get_source_view (self->problem_view);
      language = problem_language != NULL ? pp_language_get_id (problem_language) : NULL;
      title = pp_problem_get_title (pp_problem_view_get_problem (self->problem_view));
    }
  else if (self->language != NULL)
    language = pp_language_get_id (self->language);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
  code = gtk_text_iter_get_text (&start, &end);

  session = pp_session_new_host (NULL, name);
  /* In the history under the problem's name. */
  pp_session_set_title (session, title);
  doc = pp_session_get_doc (session);
  pp_doc_transact_begin (doc, NULL);
  pp_text_insert (pp_doc_get_text (doc, "code"), 0, code, -1, NULL);
  if (language != NULL)
    pp_map_set (pp_doc_get_map (doc, "meta"), "language", g_variant_new_string (language));
  pp_doc_transact_end (doc);
  begin_session (self, session);
}

/* A guest that was in the room before (the app crashed, or was closed)
 * comes back as the same peer: the host knows it, lets it straight in,
 * and its participant is the one who was away, not a second one. Losing
 * this costs only a new admission, so a failing store is not fatal. */
static void
remember_peer_id (PpWindow  *self,
                  PpSession *session)
{
  const char *room = pp_session_get_room (session);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *peer_id = NULL;

  if (self->store == NULL)
    return;
  kept = pp_store_get_room_peer (self->store, room, &error);
  if (kept != NULL && pp_session_peer_id_is_valid (kept))
    {
      pp_session_set_peer_id (session, kept);
      return;
    }
  if (error != NULL)
    {
      g_message ("Rejoining as a new peer: %s", error->message);
      return;
    }
  peer_id = pp_session_new_peer_id ();
  pp_session_set_peer_id (session, peer_id);
  if (!pp_store_set_room_peer (self->store, room, peer_id, &error))
    g_message ("A restart will rejoin as a new peer: %s", error->message);
}

/**
 * pp_window_join_link:
 * @link: an invite link, either form
 * @error: why it cannot be joined
 *
 * Joins the session the link names, as the name in the settings.
 */
gboolean
pp_window_join_link (PpWindow    *self,
                     const char  *link,
                     GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(PpSession) session = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (PP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (link != NULL, FALSE);

  if (session_running (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("You are in a live session already. Leave it before you join another."));
      return FALSE;
    }
  name = display_name (self);
  trimmed = g_strstrip (g_strdup (link));
  session = pp_session_new_join (trimmed, name, error);
  if (session == NULL)
    return FALSE;
  remember_peer_id (self, session);
  begin_session (self, session);
  return TRUE;
}

static void join_dialog_present (PpWindow *self, const char *link, const char *problem);

static void
join_response (AdwMessageDialog *dialog,
               const char       *response,
               PpWindow         *self)
{
  GtkEditable *link_entry = g_object_get_data (G_OBJECT (dialog), "link");
  GtkEditable *name_entry = g_object_get_data (G_OBJECT (dialog), "name");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (name_entry)));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "join"))
    return;
  if (*name != '\0')
    g_settings_set_string (self->settings, "display-name", name);
  if (!pp_window_join_link (self, gtk_editable_get_text (link_entry), &error))
    join_dialog_present (self, gtk_editable_get_text (link_entry), error->message);
}

/* "Camera and microphone": one switch, kept for the next session. */
static GtkWidget *
media_switch_row_new (PpWindow *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Ca_mera and Microphone"));
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), toggle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_name (toggle, "media-switch");
  g_settings_bind (self->settings, "call-media-on", toggle, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), toggle);
  gtk_widget_set_margin_top (row, 6);
  return row;
}

static void
join_dialog_present (PpWindow   *self,
                     const char *link,
                     const char *problem)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Join a Live Session"),
                                              problem != NULL ? problem
                                                              : _("Paste the invite link you were sent."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *link_entry = gtk_entry_new ();
  GtkWidget *name_entry = gtk_entry_new ();
  g_autofree char *name = display_name (self);

  gtk_entry_set_placeholder_text (GTK_ENTRY (link_entry), "pairpad://join?…");
  gtk_entry_set_activates_default (GTK_ENTRY (link_entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (link_entry), link != NULL ? link : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (link_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Invite Link"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (name_entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (name_entry), name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (name_entry), _("Your name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (name_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your Name, as Others See It"), -1);
  gtk_box_append (GTK_BOX (box), link_entry);
  gtk_box_append (GTK_BOX (box), name_entry);
  gtk_box_append (GTK_BOX (box), media_switch_row_new (self));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "join", _("_Join"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "join", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "join");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "link", link_entry);
  g_object_set_data (G_OBJECT (dialog), "name", name_entry);
  g_signal_connect (dialog, "response", G_CALLBACK (join_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (link_entry);
}

void
_pp_window_present_join (PpWindow *self)
{
  join_dialog_present (self, NULL, NULL);
}

/* The microphone or the camera of the call, on or off. */
void
_pp_window_toggle_media (PpWindow    *self,
                         PpMediaKind  kind)
{
  PpMedia *media = session_running (self) ? pp_session_get_media (self->session) : NULL;

  if (media != NULL && pp_media_get_available (media, kind))
    pp_session_set_sending (self->session, kind, !pp_media_get_sending (media, kind));
}

void
_pp_window_show_session (PpWindow *self)
{
  if (self->session != NULL)
    show_page (self, "session");
}

static void sync_language_selector (PpWindow *self);

static void
setup_session (PpWindow *self)
{
  self->session_view = PP_SESSION_VIEW (pp_session_view_new ());
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->session_view), "session");
  g_signal_connect_object (self->session_view, "notice", G_CALLBACK (pp_window_show_message), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session_view, "closed", G_CALLBACK (on_session_closed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session_view, "notify::language", G_CALLBACK (sync_language_selector),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session_view, "notify::editable", G_CALLBACK (sync_language_selector),
                           self, G_CONNECT_SWAPPED);
}

/**
 * pp_window_get_session_view:
 *
 * Returns: (transfer none): the live session's page
 */
PpSessionView *
pp_window_get_session_view (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return self->session_view;
}

/* Past sessions, each read-only: its code, chat and runs, offline. */
void
_pp_window_show_past_sessions (PpWindow *self)
{
  if (self->store == NULL)
    {
      pp_window_show_error (self, _("Past sessions cannot be shown"),
                            _("Your history could not be opened when Pairpad started."));
      return;
    }
  pp_past_sessions_present (GTK_WINDOW (self), self->store, self->languages, current_scheme (self));
}

static void on_language_selected (PpWindow *self, GParamSpec *pspec, GtkDropDown *dropdown);
static guint shown_position (PpWindow *self, PpLanguage *language);

static gboolean
on_session_page (PpWindow *self)
{
  return g_strcmp0 (current_page (self), "session") == 0;
}

static void
select_quietly (PpWindow   *self,
                PpLanguage *language)
{
  g_signal_handlers_block_by_func (self->language_dropdown, on_language_selected, self);
  gtk_drop_down_set_selected (self->language_dropdown, shown_position (self, language));
  g_signal_handlers_unblock_by_func (self->language_dropdown, on_language_selected, self);
}

/* On the session page the selector shows the shared code's language and
 * sets it for everyone, when this person may edit; elsewhere it is the
 * scratch pad's. */
static void
sync_language_selector (PpWindow *self)
{
  gboolean session = on_session_page (self);
  const char *id = session ? pp_session_view_get_language (self->session_view) : NULL;

  if (session)
    select_quietly (self, id != NULL && self->languages != NULL
                            ? pp_language_set_lookup (self->languages, id) : NULL);
  else
    select_quietly (self, self->language);
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown),
                            !session || pp_session_view_get_editable (self->session_view));
}

/* The page, and the header's buttons and title for it. */
static void
show_page (PpWindow   *self,
           const char *name)
{
  gboolean practice = g_str_equal (name, "practice");
  gboolean problem = g_str_equal (name, "problem");
  gboolean session = g_str_equal (name, "session");
  gboolean view = practice || g_str_equal (name, "scratch");

  if (problem && self->problem_view == NULL)
    return;
  if (!problem && self->problem_view != NULL)
    pp_problem_view_flush (self->problem_view);
  if (view)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
  gtk_stack_set_visible_child_name (self->main_stack, view ? "views" : name);
  /* The switcher is for the two views; a problem and a session are
   * reached from them and have Back or Leave instead. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, view);
  gtk_widget_set_visible (self->back_button, !view && !session);
  gtk_widget_set_visible (GTK_WIDGET (self->language_dropdown), g_str_equal (name, "scratch") || session);
  sync_language_selector (self);
  gtk_widget_set_visible (self->stats_button, practice);
  if (practice)
    adw_view_switcher_title_set_subtitle (self->switcher_title, _("Practice"));
  else if (problem)
    adw_view_switcher_title_set_subtitle (self->switcher_title,
                                          pp_problem_get_title (pp_problem_view_get_problem (self->problem_view)));
  else if (session)
    adw_view_switcher_title_set_subtitle (self->switcher_title, _("Live Session"));
  else
    adw_view_switcher_title_set_subtitle (self->switcher_title, _("Scratch"));
  if (g_str_equal (name, "scratch"))
    gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
  else if (practice)
    gtk_widget_grab_focus (GTK_WIDGET (self->practice_page));
  else if (problem)
    gtk_widget_grab_focus (GTK_WIDGET (pp_problem_view_get_source_view (self->problem_view)));
  else if (session)
    gtk_widget_grab_focus (GTK_WIDGET (pp_session_view_get_source_view (self->session_view)));
  update_run_action (self);
}

void
_pp_window_set_action_enabled (PpWindow   *self,
                               const char *name,
                               gboolean    enabled)
{
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), name)),
                               enabled);
}

/* Run while a language that can run is chosen and nothing runs; Stop
 * while something runs. */
static void
update_run_action (PpWindow *self)
{
  gboolean running = pp_run_panel_get_running (self->run_panel);
  gboolean runnable = self->language != NULL && self->runner != NULL &&
                      pp_language_get_missing_reason (self->language) == NULL;

  /* A problem's page runs its examples and stops its judging. */
  if (on_problem_page (self))
    {
      gboolean judging = pp_problem_view_get_judging (self->problem_view);

      _pp_window_set_action_enabled (self, "run", !judging);
      _pp_window_set_action_enabled (self, "stop", judging);
      return;
    }

  _pp_window_set_action_enabled (self, "run", runnable && !running);
  _pp_window_set_action_enabled (self, "stop", running);
  if (!running && self->language != NULL && pp_language_get_missing_reason (self->language) != NULL)
    pp_run_panel_set_status (self->run_panel, pp_language_get_missing_reason (self->language), TRUE);
}

static guint
shown_position (PpWindow   *self,
                PpLanguage *language)
{
  guint position;

  if (language != NULL && g_ptr_array_find (self->shown, language, &position))
    return position;
  return GTK_INVALID_LIST_POSITION;
}

/* The selector lists the languages this computer can run, each with its
 * version, and the chosen one even if it cannot; then, when some are
 * missing, "More Languages…", which says how to install them. It is
 * filled once detection has finished (a fraction of a second), not
 * before: GTK 4.8's drop-down leaks when the selected item is replaced. */
static void
fill_language_dropdown (PpWindow *self)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  GListModel *model = gtk_drop_down_get_model (self->language_dropdown);
  guint n = self->languages ? g_list_model_get_n_items (G_LIST_MODEL (self->languages)) : 0;

  g_ptr_array_set_size (self->shown, 0);
  self->has_more = FALSE;
  if (!self->detected)
    n = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PpLanguage) language = g_list_model_get_item (G_LIST_MODEL (self->languages), i);
      g_autofree char *label = NULL;

      if (!pp_language_is_available (language) && language != self->language)
        {
          self->has_more = TRUE;
          continue;
        }
      label = pp_language_dup_label (language);
      g_strv_builder_add (labels, label);
      g_ptr_array_add (self->shown, language);
    }
  if (self->has_more)
    g_strv_builder_add (labels, _("More Languages…"));
  strings = g_strv_builder_end (labels);
  /* In place: GTK 4.8's drop-down leaks when its model is replaced. */
  gtk_string_list_splice (GTK_STRING_LIST (model), 0, g_list_model_get_n_items (model),
                          (const char * const *) strings);
  gtk_drop_down_set_selected (self->language_dropdown, shown_position (self, self->language));
}

static void
apply_language (PpWindow   *self,
                PpLanguage *language)
{
  if (self->language == language)
    return;

  g_set_object (&self->language, language);
  pp_indent_apply_language (self->source_view, language);
  if (self->detected && shown_position (self, language) == GTK_INVALID_LIST_POSITION)
    fill_language_dropdown (self);
  gtk_drop_down_set_selected (self->language_dropdown, shown_position (self, language));
  pp_scratch_set_language (self->scratch, pp_language_get_id (language));
  if (!pp_run_panel_get_running (self->run_panel))
    pp_run_panel_set_status (self->run_panel, _("Press Ctrl+Enter to run the code"), FALSE);
  update_run_action (self);
}

/* "More Languages…": which are missing, and how to install each. */
static void
explain_missing (PpWindow *self)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->languages));
  AdwMessageDialog *dialog;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PpLanguage) language = g_list_model_get_item (G_LIST_MODEL (self->languages), i);

      if (pp_language_get_missing_reason (language) != NULL)
        g_string_append_printf (body, "%s%s: %s", body->len > 0 ? "\n\n" : "",
                                _(pp_language_get_name (language)),
                                pp_language_get_missing_reason (language));
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("More Languages"), body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_language_selected (PpWindow    *self,
                      GParamSpec  *pspec,
                      GtkDropDown *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (on_session_page (self))
    {
      if (position < self->shown->len &&
          pp_session_view_set_language (self->session_view,
                                        pp_language_get_id (self->shown->pdata[position])))
        return;
      if (self->has_more && position == self->shown->len)
        explain_missing (self);
      sync_language_selector (self);
      return;
    }
  if (position < self->shown->len)
    apply_language (self, self->shown->pdata[position]);
  else if (self->has_more && position == self->shown->len)
    {
      /* Not a language: back to the one in use. */
      gtk_drop_down_set_selected (dropdown, shown_position (self, self->language));
      explain_missing (self);
    }
}

static void
languages_detected (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PpWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pp_language_set_detect_finish (PP_LANGUAGE_SET (object), result, &error))
    return; /* cancelled: the window is closing */
  self->detected = TRUE;
  g_signal_handlers_block_by_func (self->language_dropdown, on_language_selected, self);
  fill_language_dropdown (self);
  g_signal_handlers_unblock_by_func (self->language_dropdown, on_language_selected, self);
  sync_language_selector (self);
  update_run_action (self);
}

/* Every run is kept, as the self-contained record a session will share:
 * who ran it, the language, how it ended, times, memory, and the output
 * as the runner capped it. */
static void
on_run_finished (PpWindow    *self,
                 PpLanguage  *language,
                 PpRunResult *result,
                 PpRunPanel  *panel)
{
  const PpStepResult *step = pp_run_result_get_step (result, PP_RUN_STAGE_RUN);
  const PpStepResult *compile = pp_run_result_get_step (result, PP_RUN_STAGE_COMPILE);
  PpRunStage stage = step != NULL ? PP_RUN_STAGE_RUN : PP_RUN_STAGE_COMPILE;
  const PpStepResult *last = step != NULL ? step : compile;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GBytes) out = pp_run_result_get_output (result, stage, PP_RUN_STREAM_STDOUT);
  g_autoptr(GBytes) err = pp_run_result_get_output (result, stage, PP_RUN_STREAM_STDERR);
  PpRunRecord record = {
    .id = id,
    .author = (char *) g_get_real_name (),
    .language = (char *) pp_language_get_id (language),
    .status = (char *) (last != NULL ? pp_run_status_to_code (last->status) : "XX"),
    .exit_code = last != NULL ? last->exit_code : -1,
    .started_at = g_get_real_time () - (last != NULL ? (gint64) last->wall_ms * 1000 : 0),
    .cpu_ms = last != NULL ? last->cpu_ms : 0,
    .wall_ms = last != NULL ? last->wall_ms : 0,
    .rss_kb = last != NULL ? last->max_rss_kb : 0,
    .stdout_bytes = out,
    .stderr_bytes = err,
  };

  /* Runs go on failing to be kept while the cause lasts: told once, until
   * the user has dismissed it. */
  if (self->store != NULL && !pp_store_add_run (self->store, &record, &error))
    pp_notice_toast_once (self->toast_overlay, &self->run_toast,
                          _("The run could not be added to your history"), error->message);
}

static void
on_jump_to_line (PpWindow   *self,
                 int         line,
                 int         column,
                 PpRunPanel *panel)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (self->buffer), &iter, line - 1,
                                           MAX (column - 1, 0));
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &iter, 0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
load_scratch (PpWindow *self)
{
  g_autofree char *directory = pp_scratch_get_default_directory ();
  g_autofree char *text = NULL;
  g_autofree char *language_id = NULL;
  g_autoptr(GError) error = NULL;
  PpLanguage *language = NULL;
  GtkTextIter start;

  self->scratch = pp_scratch_new (self->store, directory);
  /* Above the editor while saving fails: the code is only there. */
  pp_notice_banner_follow (self->scratch_banner, self->scratch);

  if (!pp_scratch_load (self->scratch, &text, &language_id, &error))
    pp_window_show_error (self, _("Your saved scratch code could not be used"), error->message);

  /* Loading is not an edit the user could undo. */
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);

  if (self->languages != NULL)
    {
      language = language_id ? pp_language_set_lookup (self->languages, language_id) : NULL;
      if (language == NULL)
        language = g_list_model_get_item (G_LIST_MODEL (self->languages), 0);
      else
        g_object_ref (language);
      apply_language (self, language);
      g_object_unref (language);
    }

  pp_scratch_attach (self->scratch, GTK_TEXT_BUFFER (self->buffer));

  /* The input typed for the scratch code is kept as the code is. */
  self->scratch_input = pp_scratch_new_for_key (self->store, "scratch:stdin");
  {
    GtkTextBuffer *input = gtk_text_view_get_buffer (pp_run_panel_get_input_view (self->run_panel));
    g_autofree char *input_text = NULL;
    g_autofree char *unused = NULL;
    g_autoptr(GError) input_error = NULL;

    /* Unreadable, it is not saved over: the code's banner tells of the store. */
    if (pp_scratch_load (self->scratch_input, &input_text, &unused, &input_error))
      {
        gtk_text_buffer_begin_irreversible_action (input);
        gtk_text_buffer_set_text (input, input_text, -1);
        gtk_text_buffer_end_irreversible_action (input);
      }
    /* Input has no language; the store keeps one with each draft. */
    pp_scratch_set_language (self->scratch_input, "");
    pp_scratch_attach (self->scratch_input, input);
  }
}

/**
 * pp_window_save_now:
 *
 * Writes the scratch buffer to disk now (it blocks), telling the user if
 * that fails. Called when the window or the app closes.
 */
void
pp_window_save_now (PpWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PP_IS_WINDOW (self));

  if (self->scratch != NULL && !pp_scratch_flush (self->scratch, &error))
    g_printerr ("%s\n", error->message);
  g_clear_error (&error);
  if (self->scratch_input != NULL && !pp_scratch_flush (self->scratch_input, &error))
    g_printerr ("%s\n", error->message);
  if (self->problem_view != NULL)
    pp_problem_view_flush (self->problem_view);
}

static gboolean
pp_window_close_request (GtkWindow *window)
{
  PpWindow *self = PP_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  pp_window_save_now (self);

  return GTK_WINDOW_CLASS (pp_window_parent_class)->close_request (window);
}

static void
pp_window_dispose (GObject *object)
{
  PpWindow *self = PP_WINDOW (object);

  if (self->font_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->font_css));
  g_clear_object (&self->font_css);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->scratch);
  g_clear_object (&self->scratch_input);
  g_clear_weak_pointer (&self->run_toast);
  g_clear_object (&self->language);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_object (&self->languages);
  g_clear_object (&self->runner);
  g_clear_object (&self->problems);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  /* Closing the window is leaving: the others are told at once. */
  if (session_running (self))
    pp_session_leave (self->session);
  if (self->session_view != NULL)
    pp_session_view_set_session (self->session_view, NULL);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), PP_TYPE_WINDOW);

  G_OBJECT_CLASS (pp_window_parent_class)->dispose (object);
}

static void
pp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PpWindow *self = PP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void pp_window_constructed (GObject *object);

static void
pp_window_class_init (PpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pp_window_dispose;
  object_class->constructed = pp_window_constructed;
  object_class->set_property = pp_window_set_property;
  window_class->close_request = pp_window_close_request;

  /**
   * PpWindow:store:
   *
   * The history, or %NULL when it could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PP_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (PP_TYPE_RUN_PANEL);
  g_type_ensure (PP_TYPE_PRACTICE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/pp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, source_view);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, run_panel);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, scratch_box);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, practice_page);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, problem_box);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, stats_button);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, switcher_title);
}

/* The languages, from PAIRPAD_LANGUAGES (the source tree's, when run from
 * the build) or the installed file; detection comes after the first frame. */
static void
setup_languages (PpWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  const char *path = g_getenv ("PAIRPAD_LANGUAGES");
  const char *sandbox = g_getenv ("PAIRPAD_SANDBOX");
  g_autoptr(GError) error = NULL;

  self->shown = g_ptr_array_new ();
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (labels));
  self->runner = pp_runner_new (sandbox != NULL ? sandbox : LIBEXECDIR "/pairpad-sandbox");
  pp_run_panel_set_runner (self->run_panel, self->runner);
  self->languages = pp_language_set_new_from_file (path != NULL ? path
                                                                : PKGDATADIR "/languages.json",
                                                   &error);
  if (self->languages == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No code can run: %s"), error->message);

      pp_run_panel_set_status (self->run_panel, message, TRUE);
      return;
    }
  fill_language_dropdown (self);
}

static void
on_problem_activated (PpWindow       *self,
                      PpProblem      *problem,
                      PpPracticePage *page)
{
  pp_window_open_problem (self, pp_problem_get_id (problem));
}

static void
on_submitted (PpWindow      *self,
              PpProblemView *view)
{
  pp_practice_page_refresh (self->practice_page);
}

static void
problems_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) broken = NULL;
  GListStore *problems = pp_problem_bank_load_finish (result, &broken, &error);

  if (problems == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The practice problems could not be read: %s"),
                                                      error->message);
          pp_window_show_message (self, message);
        }
      return;
    }
  self->problems = G_LIST_MODEL (problems);
  for (guint i = 0; broken != NULL && broken[i] != NULL; i++)
    pp_window_show_message (self, broken[i]);
  pp_practice_page_set_problems (self->practice_page, self->problems, self->store);
}

/* The problem view, once languages are known; the bank, read off the main
 * thread, from PAIRPAD_PROBLEMS (the source tree's, from the build) or the
 * installed one. */
static void
setup_practice (PpWindow *self)
{
  const char *problems = g_getenv ("PAIRPAD_PROBLEMS");

  if (self->languages != NULL)
    {
      self->problem_view = PP_PROBLEM_VIEW (pp_problem_view_new (self->runner, self->languages,
                                                                 self->store));
      gtk_widget_set_hexpand (GTK_WIDGET (self->problem_view), TRUE);
      gtk_box_append (self->problem_box, GTK_WIDGET (self->problem_view));
      g_signal_connect_object (self->problem_view, "notify::judging", G_CALLBACK (update_run_action),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->problem_view, "submitted", G_CALLBACK (on_submitted), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->practice_page, "problem-activated",
                           G_CALLBACK (on_problem_activated), self, G_CONNECT_SWAPPED);
  pp_problem_bank_load_async (problems != NULL ? problems : PKGDATADIR "/problems",
                              self->cancellable, problems_loaded, g_object_ref (self));
}

static void
pp_window_init (PpWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_PROFILE
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  setup_session (self);
  self->scratch_banner = pp_notice_banner_new ();
  gtk_box_prepend (self->scratch_box, self->scratch_banner);
  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, TRUE);

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->font_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->font_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  _pp_window_actions_install (self);
  set_zoom (self, 0);
  g_signal_connect_object (self->settings, "changed::font",
                           G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed::style-scheme",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
}

/* What the first frame does not need waits until it is drawn: the
 * scratch pad, which is not the page shown at start, and looking for
 * compilers, which starts a process per language. Before, they were
 * about 130 ms of the 450 ms to the first frame. */
static void
after_first_frame (PpWindow      *self,
                   GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, after_first_frame, self);
  if (self->scratch != NULL)
    return;
  /* The selector moves while the saved language is restored. */
  g_signal_handlers_block_by_func (self->language_dropdown, on_language_selected, self);
  load_scratch (self);
  g_signal_handlers_unblock_by_func (self->language_dropdown, on_language_selected, self);
  if (self->languages != NULL)
    pp_language_set_detect_async (self->languages, self->cancellable, languages_detected,
                                  g_object_ref (self));
}

static void
on_realized (PpWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (after_first_frame), self, G_CONNECT_SWAPPED);
}

static void
on_view_switched (PpWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "views") && view != NULL)
    show_page (self, view);
}

/* What needs the store, which construction has set by now. */
static void
pp_window_constructed (GObject *object)
{
  PpWindow *self = PP_WINDOW (object);

  G_OBJECT_CLASS (pp_window_parent_class)->constructed (object);

  setup_languages (self);
  pp_session_view_set_languages (self->session_view, self->languages);
  {
    /* A runner of its own: a runner's output goes to every panel on it. */
    const char *sandbox = g_getenv ("PAIRPAD_SANDBOX");
    g_autoptr(PpRunner) runner = pp_runner_new (sandbox != NULL ? sandbox : LIBEXECDIR "/pairpad-sandbox");
    pp_session_view_set_runner (self->session_view, runner);
  }
  setup_practice (self);
  /* Once both editors exist: the scratch one and the problem view's. */
  update_style_scheme (self);
  show_page (self, "practice");
  update_run_action (self);
  g_signal_connect_object (self->run_panel, "notify::running",
                           G_CALLBACK (update_run_action), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run_panel, "jump-to-line",
                           G_CALLBACK (on_jump_to_line), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run_panel, "finished",
                           G_CALLBACK (on_run_finished), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "realize", G_CALLBACK (on_realized), NULL);
  /* The switcher changes the view itself: the rest follows it. */
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_view_switched), self, G_CONNECT_SWAPPED);
  /* Only now: the selector moves while the saved language is restored. */
  g_signal_connect_object (self->language_dropdown, "notify::selected",
                           G_CALLBACK (on_language_selected), self, G_CONNECT_SWAPPED);
}

/**
 * pp_window_new:
 * @store: (nullable): the history, or %NULL when it could not be opened
 */
PpWindow *
pp_window_new (GtkApplication *application,
               PpStore        *store)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || PP_IS_STORE (store), NULL);

  return g_object_new (PP_TYPE_WINDOW, "application", application, "store", store, NULL);
}

GtkSourceView *
pp_window_get_source_view (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return self->source_view;
}

GtkDropDown *
pp_window_get_language_dropdown (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return self->language_dropdown;
}

const char *
pp_window_get_language (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return self->language != NULL ? pp_language_get_id (self->language) : NULL;
}

PpRunPanel *
pp_window_get_run_panel (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return self->run_panel;
}

/**
 * pp_window_select_language:
 *
 * Picks language @id in the selector, as the user would.
 *
 * Returns: whether the selector lists it
 */
gboolean
pp_window_select_language (PpWindow   *self,
                           const char *id)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), FALSE);

  for (guint i = 0; i < self->shown->len; i++)
    if (g_str_equal (pp_language_get_id (self->shown->pdata[i]), id))
      {
        gtk_drop_down_set_selected (self->language_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

/**
 * pp_window_open_problem:
 *
 * Opens practice problem @id, as picking it in the list does.
 *
 * Returns: whether the bank has it (and has been read)
 */
gboolean
pp_window_open_problem (PpWindow   *self,
                        const char *id)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), FALSE);

  for (guint i = 0; self->problems != NULL && self->problem_view != NULL &&
                    i < g_list_model_get_n_items (self->problems); i++)
    {
      g_autoptr(PpProblem) problem = g_list_model_get_item (self->problems, i);

      if (g_str_equal (pp_problem_get_id (problem), id))
        {
          pp_problem_view_open (self->problem_view, problem);
          show_page (self, "problem");
          return TRUE;
        }
    }
  return FALSE;
}

PpPracticePage *
pp_window_get_practice_page (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);
  return self->practice_page;
}

PpProblemView *
pp_window_get_problem_view (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);
  return self->problem_view;
}

/**
 * pp_window_get_scratch_error:
 *
 * Returns: (nullable): what the banner above the scratch editor says, or
 *   %NULL when it is hidden
 */
const char *
pp_window_get_scratch_error (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);
  return pp_notice_banner_get_message (self->scratch_banner);
}

GListModel *
pp_window_get_problems (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);
  return self->problems;
}

/**
 * pp_window_get_languages_detected:
 *
 * Returns: whether the language selector is filled: detection has finished
 */
gboolean
pp_window_get_languages_detected (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), FALSE);
  return self->detected;
}

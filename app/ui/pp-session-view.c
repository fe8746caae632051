/* pp-session-view.c: a live session in the window — the shared editor,
 * who is in, the chat, and the host's answer to those who ask to join
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here reads the session and its document on the main
 * context, where PpSession reports. The chat is the document's "chat"
 * array, redrawn when it changes; its entries come from peers, so each
 * is read without trusting its shape. Joiners wait in a banner that
 * never takes the focus from the editor: Alt+A admits, Alt+R refuses.
 * Others' cursors are drawn over the editor, and one of them can be
 * followed; runs here stream to everyone, and others' runs show here.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "pp-call-tile.h"
#include "pp-device-button.h"
#include "pp-indent.h"
#include "pp-records.h"
#include "pp-run-panel.h"
#include "pp-run-text.h"
#include "pp-session-view.h"

struct _PpSessionView
{
  GtkWidget parent_instance;

  GtkWidget *box;               /* bound so that dispose_template unparents it */
  GtkWidget *invite_button;
  GtkToggleButton *panel_button;
  GtkLabel *unread_label;
  GtkWidget *side_panel;
  GtkLabel *status_label;
  GtkWidget *end_button;
  GtkWidget *leave_button;
  GtkWidget *close_button;
  GtkLabel *link_label;
  GtkLabel *server_label;
  GtkRevealer *admit_revealer;
  GtkLabel *admit_label;
  GtkRevealer *notice_revealer;
  GtkLabel *notice_label;
  GtkWidget *runs_heading;
  GtkWidget *runs_scroller;
  GtkListBox *runs_list;
  GtkSourceView *source_view;
  GtkListBox *participants_list;
  GtkWidget *call_box;
  GtkFlowBox *call_grid;
  GtkToggleButton *microphone_button;
  GtkToggleButton *camera_button;
  PpDeviceButton *device_button;
  GtkListBox *chat_list;
  GtkScrolledWindow *chat_scroller;
  GtkEntry *chat_entry;
  PpRunPanel *run_panel;

  PpSession *session;           /* owned, nullable */
  PpEditorBinding *binding;     /* owned, nullable */
  PpLanguageSet *languages;     /* owned, nullable */
  GQueue requests;              /* peer ids (owned) waiting for an answer */
  guint chat_id, meta_id, code_id, awareness_id;
  GHashTable *cursors;          /* awareness client -> Cursor */
  GtkCssProvider *cursor_css;
  GtkWidget *cursor_layer;      /* the editor's overlay at buffer (0, 0): the cursors' parent */
  guint refresh_id;
  PpRunner *runner;             /* owned, nullable */
  gulong output_id, run_output_id;
  guint runs_id;
  char *run_id;                 /* this side's run under way */
  GString *run_text[2];         /* its stdout and stderr, capped */
  char *shown_run;              /* the run whose output the panel shows */
  char *following;              /* the peer whose cursor the view keeps in sight */
  gboolean updating_follow;
  guint cursor_id;
  gulong state_id, request_id, mark_id, items_id, link_id;
  char *status;
  char *language;
  guint n_messages;
  guint n_seen;                 /* messages shown while the panel was open */
};

G_DEFINE_FINAL_TYPE (PpSessionView, pp_session_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_LANGUAGE,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NOTICE,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PpParticipant *
self_participant (PpSessionView *self)
{
  GListModel *model = pp_session_get_participants (self->session);
  g_autoptr(PpParticipant) first = g_list_model_get_item (model, 0);

  /* The model lists this side first; it lives as long as the session. */
  return first;
}

/* Status */

/* How many are here (this side among them), and of the others let in,
 * how many are away and coming back, and how many are lost. */
static guint
count_live (PpSessionView *self,
            guint         *n_away,
            guint         *n_lost)
{
  GListModel *model = pp_session_get_participants (self->session);
  guint n = 0;

  *n_away = *n_lost = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PpParticipant) p = g_list_model_get_item (model, i);
      PpParticipantState state = pp_participant_get_state (p);

      if (pp_participant_is_self (p) || state == PP_PARTICIPANT_CONNECTED)
        n++;
      else if (!pp_participant_get_admitted (p))
        continue;
      else if (state == PP_PARTICIPANT_RECONNECTING || state == PP_PARTICIPANT_CONNECTING)
        (*n_away)++;
      else if (state == PP_PARTICIPANT_FAILED)
        (*n_lost)++;
    }
  return n;
}

static void
update_status (PpSessionView *self)
{
  g_autofree char *status = NULL;

  if (self->session == NULL)
    status = g_strdup ("");
  else
    switch (pp_session_get_state (self->session))
      {
      case PP_SESSION_IDLE:
      case PP_SESSION_CONNECTING:
        status = g_strdup (_("Connecting…"));
        break;
      case PP_SESSION_WAITING:
        status = g_strdup (_("Waiting for the host to let you in"));
        break;
      case PP_SESSION_ACTIVE:
        {
          guint n_away, n_lost;
          guint n = count_live (self, &n_away, &n_lost);

          /* Alone, but not by choice: the others' connections dropped. */
          if (n == 1 && n_away > 0)
            status = g_strdup (_("Reconnecting…"));
          else if (n == 1 && n_lost > 0)
            status = g_strdup (_("Disconnected — your copy is kept"));
          else
            status = g_strdup_printf (ngettext ("Live, just you", "Live with %u people", n), n);
        }
        break;
      case PP_SESSION_ENDED:
        status = g_strdup (_("Session ended — your copy is kept"));
        break;
      case PP_SESSION_FAILED:
      default:
        {
          const GError *error = pp_session_get_error (self->session);
          status = g_strdup (error != NULL ? error->message : _("The session failed."));
        }
        break;
      }
  if (g_strcmp0 (status, self->status) == 0)
    return;
  g_free (self->status);
  self->status = g_steal_pointer (&status);
  gtk_label_set_label (self->status_label, self->status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* The link as it may be shown: its key, the room's secret, cut short. */
static char *
shown_link (const char *link)
{
  const char *key = strstr (link, "#key=");

  if (key == NULL)
    return g_strdup (link);
  return g_strdup_printf ("%.*s#key=%.4s…", (int) (key - link), link, key + 5);
}

static void
update_controls (PpSessionView *self)
{
  PpSessionState state = self->session != NULL ? pp_session_get_state (self->session) : PP_SESSION_ENDED;
  gboolean over = state == PP_SESSION_ENDED || state == PP_SESSION_FAILED;
  gboolean host = self->session != NULL && pp_session_is_host (self->session);
  const char *link = self->session != NULL ? pp_session_get_invite_link (self->session) : NULL;

  gtk_widget_set_visible (self->invite_button, host && !over && link != NULL);
  gtk_widget_set_visible (self->end_button, host && !over);
  gtk_widget_set_visible (self->leave_button, !over);
  gtk_widget_set_visible (self->close_button, over);
  if (link != NULL)
    {
      g_autofree char *shown = shown_link (link);
      const char *server = pp_session_get_server_uri (self->session);
      g_autofree char *via = NULL;

      gtk_label_set_label (self->link_label, shown);
      if (server != NULL)
        /* TRANSLATORS: the signaling server that introduces the peers */
        via = g_strdup_printf (_("Peers meet through %s; the code goes directly between you."), server);
      gtk_label_set_label (self->server_label, via != NULL ? via : "");
    }
}

static void
copy_clicked (PpSessionView *self)
{
  const char *link = self->session != NULL ? pp_session_get_invite_link (self->session) : NULL;

  if (link == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), link);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->invite_button));
  g_signal_emit (self, signals[NOTICE], 0, _("Invite link copied"));
}

static void
leave_clicked (PpSessionView *self)
{
  if (self->session != NULL)
    pp_session_leave (self->session);
}

static void
end_clicked (PpSessionView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session != NULL && !pp_session_end (self->session, &error))
    g_signal_emit (self, signals[NOTICE], 0, error->message);
}

static void
close_clicked (PpSessionView *self)
{
  g_signal_emit (self, signals[CLOSED], 0);
}

/* A viewer cannot type, and is told why; so can no one once it failed. */
static void
update_editable (PpSessionView *self)
{
  gboolean viewer = FALSE;

  if (self->session != NULL && pp_session_get_state (self->session) == PP_SESSION_ACTIVE)
    viewer = pp_participant_get_role (self_participant (self)) == PP_ROLE_VIEWER;
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), !viewer);
  gtk_label_set_label (self->notice_label,
                       viewer ? _("The host made you read-only: you see every change but cannot type.") : "");
  gtk_revealer_set_reveal_child (self->notice_revealer, viewer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

/**
 * pp_session_view_get_editable:
 *
 * Whether this person may change the shared document now: the session
 * is live and the host has not made them read-only.
 */
gboolean
pp_session_view_get_editable (PpSessionView *self)
{
  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), FALSE);

  return self->session != NULL && pp_session_get_state (self->session) == PP_SESSION_ACTIVE &&
         pp_participant_get_role (self_participant (self)) != PP_ROLE_VIEWER;
}

/* Participants */

static const char *
role_label (PpRole role)
{
  switch (role)
    {
    case PP_ROLE_HOST:
      return _("Host");
    case PP_ROLE_VIEWER:
      return _("Read-only");
    case PP_ROLE_EDITOR:
    default:
      return _("Editor");
    }
}

static const char *
state_label (PpParticipantState state)
{
  switch (state)
    {
    case PP_PARTICIPANT_WAITING:
      return _("Asks to join");
    case PP_PARTICIPANT_CONNECTING:
      return _("Connecting…");
    case PP_PARTICIPANT_CONNECTED:
      return _("Connected");
    case PP_PARTICIPANT_RECONNECTING:
      return _("Reconnecting…");
    case PP_PARTICIPANT_FAILED:
      return _("Disconnected");
    case PP_PARTICIPANT_LEFT:
      return _("Left");
    case PP_PARTICIPANT_REMOVED:
      return _("Removed by the host");
    case PP_PARTICIPANT_REFUSED:
    default:
      return _("Not let in");
    }
}

static void queue_refresh_cursors (PpSessionView *self);

/* Follow: the view keeps that person's cursor in sight until this person
 * types or scrolls. One at a time. */
static void
set_following (PpSessionView *self,
               const char    *peer_id)
{
  if (g_strcmp0 (peer_id, self->following) == 0)
    return;
  g_free (self->following);
  self->following = g_strdup (peer_id);
  self->updating_follow = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkToggleButton *follow = g_object_get_data (G_OBJECT (row), "follow-button");
      PpParticipant *participant = g_object_get_data (G_OBJECT (row), "participant");

      if (follow != NULL && participant != NULL)
        gtk_toggle_button_set_active (follow, g_strcmp0 (pp_participant_get_peer_id (participant),
                                                         self->following) == 0);
    }
  self->updating_follow = FALSE;
  if (self->following != NULL)
    queue_refresh_cursors (self);
}

static void
follow_toggled (GtkToggleButton *button,
                GtkWidget       *row)
{
  PpSessionView *self = g_object_get_data (G_OBJECT (row), "view");
  PpParticipant *participant = g_object_get_data (G_OBJECT (row), "participant");

  if (self->updating_follow)
    return;
  set_following (self, gtk_toggle_button_get_active (button) ? pp_participant_get_peer_id (participant) : NULL);
}

static void
update_row (PpParticipant *participant,
            GParamSpec    *pspec,
            GtkWidget     *row)
{
  GtkLabel *name = g_object_get_data (G_OBJECT (row), "name");
  GtkLabel *detail = g_object_get_data (G_OBJECT (row), "detail");
  GtkWidget *host_menu = g_object_get_data (G_OBJECT (row), "host-menu");
  GActionGroup *actions = g_object_get_data (G_OBJECT (row), "actions");
  PpSessionView *self = g_object_get_data (G_OBJECT (row), "view");
  g_autofree char *who = NULL;
  g_autofree char *what = NULL;
  const char *reason = pp_participant_get_reason (participant);

  who = pp_participant_is_self (participant)
          /* TRANSLATORS: this person's own name in the participants list */
          ? g_strdup_printf (_("%s (you)"), pp_participant_get_name (participant))
          : g_strdup (pp_participant_get_name (participant));
  gtk_label_set_label (name, who);
  /* TRANSLATORS: two parts of one line: "Editor · Connected", "Ada · 14:05" */
  what = g_strdup_printf (_("%s · %s"), role_label (pp_participant_get_role (participant)),
                          reason != NULL && *reason != '\0' ? reason
                                                           : state_label (pp_participant_get_state (participant)));
  gtk_label_set_label (detail, what);

  gtk_widget_set_visible (host_menu,
                          self->session != NULL && pp_session_is_host (self->session) &&
                          !pp_participant_is_self (participant) &&
                          pp_participant_get_admitted (participant) &&
                          pp_participant_get_role (participant) != PP_ROLE_HOST);
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (actions), "read-only")),
                             g_variant_new_boolean (pp_participant_get_role (participant) == PP_ROLE_VIEWER));
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "follow-button"),
                          !pp_participant_is_self (participant) &&
                          pp_participant_get_state (participant) == PP_PARTICIPANT_CONNECTED);
  update_status (self);
  if (pp_participant_is_self (participant))
    update_editable (self);
}

static void
show_notice (PpSessionView *self,
             const char    *text)
{
  gtk_label_set_label (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

static void
read_only_changed (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       row)
{
  PpSessionView *self = g_object_get_data (G_OBJECT (row), "view");
  PpParticipant *participant = g_object_get_data (G_OBJECT (row), "participant");
  g_autoptr(GError) error = NULL;

  /* The state follows the participant's role, in update_row (). */
  if (!pp_session_set_read_only (self->session, pp_participant_get_peer_id (participant),
                                 g_variant_get_boolean (value), &error))
    show_notice (self, error->message);
}

static void
remove_confirmed (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          data)
{
  PpSessionView *self = g_object_get_data (G_OBJECT (dialog), "view");
  const char *peer_id = g_object_get_data (G_OBJECT (dialog), "peer-id");
  g_autoptr(GError) error = NULL;

  if (strcmp (response, "remove") == 0 && self->session != NULL &&
      !pp_session_remove (self->session, peer_id, &error))
    show_notice (self, error->message);
}

/* Removing someone cannot be undone for this session: asked first. */
static void
remove_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       row)
{
  PpSessionView *self = g_object_get_data (G_OBJECT (row), "view");
  PpParticipant *participant = g_object_get_data (G_OBJECT (row), "participant");
  g_autofree char *heading = g_strdup_printf (_("Remove %s?"), pp_participant_get_name (participant));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading,
                                              _("They will be told, and cannot rejoin this session. "
                                                "Their copy of the code stays with them."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "view", self);
  g_object_set_data_full (G_OBJECT (dialog), "peer-id",
                          g_strdup (pp_participant_get_peer_id (participant)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The call */

static void update_media_buttons (PpSessionView *self);
static void on_media_button_toggled (GtkToggleButton *button, PpSessionView *self);

static GtkWidget *
create_call_tile (gpointer item,
                  gpointer data)
{
  PpSessionView *self = data;
  GtkWidget *tile = pp_call_tile_new (PP_PARTICIPANT (item));

  if (pp_participant_is_self (PP_PARTICIPANT (item)))
    g_signal_connect_object (item, "notify::microphone-on", G_CALLBACK (update_media_buttons), self,
                             G_CONNECT_SWAPPED);
  if (pp_participant_is_self (PP_PARTICIPANT (item)))
    g_signal_connect_object (item, "notify::camera-on", G_CALLBACK (update_media_buttons), self,
                             G_CONNECT_SWAPPED);
  return tile;
}

/* The buttons show what the call does: a camera that failed is off. */
static void
update_media_buttons (PpSessionView *self)
{
  PpMedia *media = self->session != NULL ? pp_session_get_media (self->session) : NULL;
  GtkToggleButton *buttons[2] = { self->microphone_button, self->camera_button };
  static const char *icons[2][2] = {
    { "microphone-disabled-symbolic", "microphone-sensitivity-high-symbolic" },
    { "camera-disabled-symbolic", "camera-web-symbolic" },
  };

  if (media == NULL)
    return;
  for (PpMediaKind kind = PP_MEDIA_AUDIO; kind <= PP_MEDIA_VIDEO; kind++)
    {
      gboolean on = pp_media_get_sending (media, kind);

      g_signal_handlers_block_by_func (buttons[kind], on_media_button_toggled, self);
      gtk_toggle_button_set_active (buttons[kind], on);
      g_signal_handlers_unblock_by_func (buttons[kind], on_media_button_toggled, self);
      gtk_button_set_icon_name (GTK_BUTTON (buttons[kind]), icons[kind][on]);
      gtk_widget_set_sensitive (GTK_WIDGET (buttons[kind]), pp_media_get_available (media, kind));
    }
}

static void
on_device_notice (PpDeviceButton *button,
                  const char     *message,
                  PpSessionView  *self)
{
  g_signal_emit (self, signals[NOTICE], 0, message);
}

/* A camera or microphone that had failed may work again with the device
 * chosen: the peers hear of it, and the buttons show it. */
static void
on_device_changed (PpDeviceButton *button,
                   int             kind,
                   PpSessionView  *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || kind == PP_MEDIA_DEVICE_SPEAKER)
    return;
  if (!pp_session_restart_media (self->session, kind, &error))
    g_signal_emit (self, signals[NOTICE], 0, error->message);
  update_media_buttons (self);
}

static void
on_media_button_toggled (GtkToggleButton *button,
                         PpSessionView   *self)
{
  if (self->session == NULL)
    return;
  pp_session_set_sending (self->session, button == self->camera_button ? PP_MEDIA_VIDEO : PP_MEDIA_AUDIO,
                          gtk_toggle_button_get_active (button));
  update_media_buttons (self);
}

static GtkWidget *
create_participant_row (gpointer item,
                        gpointer data)
{
  PpParticipant *participant = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *host_menu = gtk_menu_button_new ();
  GtkWidget *follow_button = gtk_toggle_button_new_with_mnemonic (_("_Follow"));
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) read_only = g_simple_action_new_stateful ("read-only", NULL,
                                                                   g_variant_new_boolean (FALSE));
  g_autoptr(GSimpleAction) remove = g_simple_action_new ("remove", NULL);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *menu_name = NULL;

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), detail);
  /* The host's powers over this person, in a menu: the row stays one
   * line of name and state beside two buttons. */
  g_menu_append (menu, _("_Read-Only"), "participant.read-only");
  g_menu_append (menu, _("Re_move from Session…"), "participant.remove");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (host_menu), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (host_menu), "view-more-symbolic");
  gtk_widget_set_valign (host_menu, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (host_menu, "flat");
  gtk_widget_set_tooltip_text (host_menu, _("Host Controls"));
  /* TRANSLATORS: the accessible name of the menu beside a participant */
  menu_name = g_strdup_printf (_("Host controls for %s"), pp_participant_get_name (participant));
  gtk_accessible_update_property (GTK_ACCESSIBLE (host_menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  menu_name, -1);
  g_signal_connect_object (read_only, "change-state", G_CALLBACK (read_only_changed), row, 0);
  g_signal_connect_object (remove, "activate", G_CALLBACK (remove_activated), row, 0);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (read_only));
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (remove));
  gtk_widget_insert_action_group (row, "participant", G_ACTION_GROUP (actions));
  gtk_widget_set_valign (follow_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (follow_button, "flat");
  gtk_widget_set_tooltip_text (follow_button, _("Keep their cursor in sight until you type or scroll"));
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), follow_button);
  gtk_box_append (GTK_BOX (box), host_menu);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "detail", detail);
  g_object_set_data (G_OBJECT (row), "host-menu", host_menu);
  g_object_set_data (G_OBJECT (row), "actions", actions);
  g_object_set_data (G_OBJECT (row), "follow-button", follow_button);
  g_object_set_data (G_OBJECT (row), "view", data);
  g_object_set_data_full (G_OBJECT (row), "participant", g_object_ref (participant), g_object_unref);
  g_signal_connect (follow_button, "toggled", G_CALLBACK (follow_toggled), row);
  g_signal_connect_object (participant, "notify", G_CALLBACK (update_row), row, 0);
  update_row (participant, NULL, row);
  return row;
}

/* Joiners */

static void
show_next_request (PpSessionView *self)
{
  const char *peer_id = g_queue_peek_head (&self->requests);
  PpParticipant *participant = NULL;
  g_autofree char *text = NULL;

  /* Those who left or were answered meanwhile need no answer. */
  while (peer_id != NULL)
    {
      participant = pp_session_find_participant (self->session, peer_id);
      if (participant != NULL && pp_participant_get_state (participant) == PP_PARTICIPANT_WAITING &&
          !pp_participant_get_admitted (participant))
        break;
      g_free (g_queue_pop_head (&self->requests));
      peer_id = g_queue_peek_head (&self->requests);
    }
  if (peer_id == NULL)
    {
      gtk_revealer_set_reveal_child (self->admit_revealer, FALSE);
      return;
    }
  text = g_strdup_printf (_("%s wants to join"), pp_participant_get_name (participant));
  gtk_label_set_label (self->admit_label, text);
  gtk_revealer_set_reveal_child (self->admit_revealer, TRUE);
}

static void
on_join_request (PpSession     *session,
                 PpParticipant *participant,
                 PpSessionView *self)
{
  g_queue_push_tail (&self->requests, g_strdup (pp_participant_get_peer_id (participant)));
  show_next_request (self);
}

static void
answer (PpSessionView *self,
        gboolean       admit)
{
  g_autofree char *peer_id = g_queue_pop_head (&self->requests);
  g_autoptr(GError) error = NULL;

  if (peer_id != NULL && !pp_session_admit (self->session, peer_id, admit, &error))
    g_warning ("Could not answer a joiner: %s", error->message);
  show_next_request (self);
}

static void
admit_clicked (PpSessionView *self)
{
  answer (self, TRUE);
}

static void
refuse_clicked (PpSessionView *self)
{
  answer (self, FALSE);
}

/* Chat */

static gboolean
scroll_chat_to_end (gpointer data)
{
  PpSessionView *self = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->chat_scroller);

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  return G_SOURCE_REMOVE;
}

/* While the side panel is closed, the button that opens it counts the
 * messages that came meanwhile. */
static void
update_unread (PpSessionView *self)
{
  guint unread;

  if (gtk_widget_get_visible (self->side_panel) || self->n_messages < self->n_seen)
    self->n_seen = self->n_messages;
  unread = self->n_messages - self->n_seen;
  if (unread > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", unread);
      g_autofree char *description =
        g_strdup_printf (ngettext ("%u unread message", "%u unread messages", unread),
                         unread);

      gtk_label_set_label (self->unread_label, count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->panel_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->panel_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_visible (GTK_WIDGET (self->unread_label), unread > 0);
}

static void
panel_toggled (PpSessionView *self)
{
  gboolean open = gtk_toggle_button_get_active (self->panel_button);
  /* Closed with the focus in the chat, the focus goes to the editor. */
  gboolean had_focus = gtk_widget_get_focus_child (self->side_panel) != NULL;

  gtk_widget_set_visible (self->side_panel, open);
  update_unread (self);
  if (!open && had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
toggle_panel_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PpSessionView *self = PP_SESSION_VIEW (widget);

  gtk_toggle_button_set_active (self->panel_button, !gtk_toggle_button_get_active (self->panel_button));
}

static void
reload_chat (PpSessionView *self)
{
  g_autoptr(GVariant) all = pp_array_to_variant (pp_doc_get_array (pp_session_get_doc (self->session), "chat"));
  guint shown = pp_record_fill_chat (self->chat_list, all);

  self->n_messages = shown;
  update_unread (self);
  g_idle_add_full (G_PRIORITY_LOW, scroll_chat_to_end, g_object_ref (self), g_object_unref);
}

static void
on_chat_changed (PpYType                 *type,
                 const PpDelta           *delta,
                 guint                    n_delta,
                 const PpTransactionInfo *info,
                 gpointer                 data)
{
  reload_chat (data);
}

static void
chat_activated (PpSessionView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->chat_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (self->session == NULL || *trimmed == '\0')
    return;
  pp_session_send_chat (self->session, trimmed);
  gtk_editable_set_text (GTK_EDITABLE (self->chat_entry), "");
}

/* Language */

static void
apply_language (PpSessionView *self)
{
  PpLanguage *language = NULL;

  if (self->languages != NULL && self->language != NULL)
    language = pp_language_set_lookup (self->languages, self->language);
  if (language != NULL)
    pp_indent_apply_language (self->source_view, language);
}

static void
on_meta_changed (PpMap              *map,
                 const char * const *keys,
                 const PpTransactionInfo *info,
                 gpointer            data)
{
  PpSessionView *self = data;
  g_autoptr(GVariant) value = pp_map_get (map, "language");
  const char *id = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                     ? g_variant_get_string (value, NULL) : NULL;

  if (id == NULL || g_strcmp0 (id, self->language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (id);
  apply_language (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/* Cursor */

static gboolean
send_cursor (gpointer data)
{
  PpSessionView *self = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  GtkTextIter anchor, head;

  self->cursor_id = 0;
  gtk_text_buffer_get_iter_at_mark (buffer, &head, gtk_text_buffer_get_insert (buffer));
  gtk_text_buffer_get_iter_at_mark (buffer, &anchor, gtk_text_buffer_get_selection_bound (buffer));
  pp_session_set_cursor (self->session, gtk_text_iter_get_offset (&anchor), gtk_text_iter_get_offset (&head));
  return G_SOURCE_REMOVE;
}

/* Both ends of a selection move at once: told once. */
static void
on_mark_set (GtkTextBuffer *buffer,
             GtkTextIter   *location,
             GtkTextMark   *mark,
             PpSessionView *self)
{
  if (mark != gtk_text_buffer_get_insert (buffer) && mark != gtk_text_buffer_get_selection_bound (buffer))
    return;
  if (self->cursor_id == 0)
    self->cursor_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, send_cursor, self, NULL);
}

static void
on_state_changed (PpSessionView *self)
{
  PpSessionState state = pp_session_get_state (self->session);

  update_status (self);
  update_editable (self);
  update_controls (self);
  /* The call ends with the session; the code stays on screen. */
  if (state == PP_SESSION_ENDED || state == PP_SESSION_FAILED)
    gtk_widget_set_visible (self->call_box, FALSE);
}

/* Others' cursors: a bar in each one's colour where their cursor is,
 * their name beside it until they have not moved for a while, and their
 * selection tinted. Colours come from peers: each is parsed, and only
 * what GDK printed from it goes into the style sheet. */

#define NAME_SHOWN_MS 3000

typedef struct {
  PpSessionView *view;          /* borrowed */
  GtkWidget *caret;             /* owned; in the view's cursor layer */
  GtkWidget *bar;
  GtkWidget *label;
  GtkTextTag *selection;        /* in the buffer's tag table */
  gboolean tinted;              /* the tag is on some text */
  GdkRGBA tint;                 /* the tag's colour */
  GdkRectangle at;              /* where the caret was put */
  guint anchor, head;
  char *name;
  GdkRGBA color;
  guint fade_id;
} Cursor;

static void
cursor_free (gpointer data)
{
  Cursor *cursor = data;
  GtkTextView *view = GTK_TEXT_VIEW (cursor->view->source_view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  g_clear_handle_id (&cursor->fade_id, g_source_remove);
  if (gtk_widget_get_parent (cursor->caret) == cursor->view->cursor_layer)
    gtk_fixed_remove (GTK_FIXED (cursor->view->cursor_layer), cursor->caret);
  g_object_unref (cursor->caret);
  gtk_text_tag_table_remove (gtk_text_buffer_get_tag_table (buffer), cursor->selection);
  g_free (cursor->name);
  g_free (cursor);
}

static gboolean
fade_name (gpointer data)
{
  Cursor *cursor = data;

  cursor->fade_id = 0;
  gtk_widget_set_visible (cursor->label, FALSE);
  return G_SOURCE_REMOVE;
}

static void
update_cursor_css (PpSessionView *self)
{
  g_autoptr(GString) css = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->cursors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Cursor *cursor = value;
      g_autofree char *color = gdk_rgba_to_string (&cursor->color);

      g_string_append_printf (css, ".pp-cursor-%u { background-color: %s; color: rgba(0, 0, 0, 0.8); "
                              "border-radius: 3px; padding: 0 3px; font-size: smaller; }\n"
                              ".pp-cursor-bar-%u { background-color: %s; }\n",
                              GPOINTER_TO_UINT (key), color, GPOINTER_TO_UINT (key), color);
    }
  gtk_css_provider_load_from_data (self->cursor_css, css->str, -1);
}

static Cursor *
cursor_new (PpSessionView *self,
            guint32        client)
{
  Cursor *cursor = g_new0 (Cursor, 1);
  g_autofree char *label_class = g_strdup_printf ("pp-cursor-%u", client);
  g_autofree char *bar_class = g_strdup_printf ("pp-cursor-bar-%u", client);
  GtkTextView *view = GTK_TEXT_VIEW (self->source_view);

  cursor->view = self;
  cursor->caret = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  cursor->bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  cursor->label = gtk_label_new (NULL);
  gtk_widget_add_css_class (cursor->bar, bar_class);
  gtk_widget_add_css_class (cursor->label, label_class);
  gtk_widget_set_valign (cursor->label, GTK_ALIGN_START);
  gtk_widget_set_can_target (cursor->caret, FALSE);
  gtk_box_append (GTK_BOX (cursor->caret), cursor->bar);
  gtk_box_append (GTK_BOX (cursor->caret), cursor->label);
  gtk_fixed_put (GTK_FIXED (self->cursor_layer), cursor->caret, 0, 0);
  cursor->selection = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (view), NULL, NULL);
  cursor->anchor = cursor->head = G_MAXUINT;
  cursor->at.width = -1;
  return cursor;
}

/* Puts one cursor where its relative positions resolve now. */
static void
place_cursor (PpSessionView *self,
              Cursor        *cursor,
              guint          anchor,
              guint          head,
              const char    *name,
              const GdkRGBA *color)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->source_view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter at, start, end;
  GdkRectangle rect;
  GdkRGBA tint = *color;
  gboolean moved = anchor != cursor->anchor || head != cursor->head || g_strcmp0 (name, cursor->name) != 0;

  /* Called for every change to the code: each step is taken only when
   * it changes something, since moving the caret makes GTK lay it out
   * again and retagging the buffer redraws the whole editor. */
  gtk_text_buffer_get_iter_at_offset (buffer, &at, head);
  gtk_text_view_get_iter_location (view, &at, &rect);
  if (!gdk_rectangle_equal (&rect, &cursor->at))
    {
      gtk_widget_set_size_request (cursor->bar, 2, MAX (rect.height, 1));
      gtk_fixed_move (GTK_FIXED (self->cursor_layer), cursor->caret, rect.x, rect.y);
      cursor->at = rect;
    }

  tint.alpha = 0.25;
  if (!gdk_rgba_equal (&tint, &cursor->tint))
    {
      g_object_set (cursor->selection, "background-rgba", &tint, NULL);
      cursor->tint = tint;
    }
  /* The tag's text moves with edits; only a new selection retags. */
  if (cursor->tinted && (anchor != cursor->anchor || head != cursor->head))
    {
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_remove_tag (buffer, cursor->selection, &start, &end);
      cursor->tinted = FALSE;
    }
  if (anchor != head && !cursor->tinted)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &start, MIN (anchor, head));
      gtk_text_buffer_get_iter_at_offset (buffer, &end, MAX (anchor, head));
      gtk_text_buffer_apply_tag (buffer, cursor->selection, &start, &end);
      cursor->tinted = TRUE;
    }

  if (!moved)
    return;
  cursor->anchor = anchor;
  cursor->head = head;
  g_free (cursor->name);
  cursor->name = g_strdup (name);
  gtk_label_set_label (GTK_LABEL (cursor->label), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cursor->label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  gtk_widget_set_visible (cursor->label, TRUE);
  g_clear_handle_id (&cursor->fade_id, g_source_remove);
  cursor->fade_id = g_timeout_add (NAME_SHOWN_MS, fade_name, cursor);
}

static void
follow_cursor (PpSessionView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->source_view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree guint32 *clients = NULL;
  guint n = 0;

  if (self->following == NULL)
    return;
  clients = pp_session_get_participant_clients (self->session, self->following, &n);
  for (guint i = 0; i < n; i++)
    {
      Cursor *cursor = g_hash_table_lookup (self->cursors, GUINT_TO_POINTER (clients[i]));
      GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "pp-follow");
      GtkTextIter at;

      if (cursor == NULL)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &at, cursor->head);
      if (mark == NULL)
        mark = gtk_text_buffer_create_mark (buffer, "pp-follow", &at, TRUE);
      else
        gtk_text_buffer_move_mark (buffer, mark, &at);
      gtk_text_view_scroll_mark_onscreen (view, mark);
      return;
    }
}

static gboolean
refresh_cursors (gpointer data)
{
  PpSessionView *self = data;
  PpAwareness *awareness = pp_session_get_awareness (self->session);
  guint32 own = pp_awareness_get_client_id (awareness);
  g_autofree guint32 *clients = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gboolean restyle = FALSE;
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  self->refresh_id = 0;
  clients = pp_awareness_get_clients (awareness, &n);
  for (guint i = 0; i < n; i++)
    {
      guint anchor, head;
      g_autofree char *name = NULL;
      g_autofree char *color = NULL;
      GdkRGBA rgba;
      Cursor *cursor;

      if (clients[i] == own ||
          !pp_session_get_cursor (self->session, clients[i], &anchor, &head, &name, &color))
        continue;
      if (color == NULL || !gdk_rgba_parse (&rgba, color))
        gdk_rgba_parse (&rgba, "#888a85");
      rgba.alpha = 1;
      cursor = g_hash_table_lookup (self->cursors, GUINT_TO_POINTER (clients[i]));
      if (cursor == NULL)
        {
          cursor = cursor_new (self, clients[i]);
          g_hash_table_insert (self->cursors, GUINT_TO_POINTER (clients[i]), cursor);
          restyle = TRUE;
        }
      restyle |= !gdk_rgba_equal (&rgba, &cursor->color);
      cursor->color = rgba;
      place_cursor (self, cursor, anchor, head, name != NULL ? name : "", &rgba);
      g_hash_table_add (seen, GUINT_TO_POINTER (clients[i]));
    }
  g_hash_table_iter_init (&iter, self->cursors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      {
        g_hash_table_iter_remove (&iter);
        restyle = TRUE;
      }
  if (restyle)
    update_cursor_css (self);
  follow_cursor (self);
  return G_SOURCE_REMOVE;
}

/* After GTK has laid out what changed. */
static void
queue_refresh_cursors (PpSessionView *self)
{
  if (self->refresh_id == 0 && self->session != NULL)
    self->refresh_id = g_idle_add (refresh_cursors, self);
}

static void
on_awareness_change (PpAwareness             *awareness,
                     const PpAwarenessChange *change,
                     gpointer                 data)
{
  if (!change->local)
    queue_refresh_cursors (data);
}

static void
on_code_changed (PpYType                 *type,
                 const PpDelta           *delta,
                 guint                    n_delta,
                 const PpTransactionInfo *info,
                 gpointer                 data)
{
  PpSessionView *self = data;

  /* This person typed: they lead now. */
  if (info->origin != NULL && info->origin == self->binding)
    set_following (self, NULL);
  queue_refresh_cursors (self);
}

static gboolean
on_user_scroll (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                PpSessionView            *self)
{
  set_following (self, NULL);
  return FALSE;
}

/* The person this view follows, by peer id; NULL for none. */
const char *
pp_session_view_get_following (PpSessionView *self)
{
  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), NULL);

  return self->following;
}

void
pp_session_view_follow (PpSessionView *self,
                        const char    *peer_id)
{
  g_return_if_fail (PP_IS_SESSION_VIEW (self));

  set_following (self, peer_id);
}

/**
 * pp_session_view_get_cursor_label:
 * @name: a participant's name
 *
 * Returns: (transfer none) (nullable): the label beside that person's
 *   cursor, if their cursor is shown
 */
GtkWidget *
pp_session_view_get_cursor_label (PpSessionView *self,
                                  const char    *name)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), NULL);

  g_hash_table_iter_init (&iter, self->cursors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((Cursor *) value)->name, name) == 0)
      return ((Cursor *) value)->label;
  return NULL;
}

/* Where that person's cursor is, in characters; FALSE if not shown. */
gboolean
pp_session_view_get_cursor_offset (PpSessionView *self,
                                   const char    *name,
                                   guint         *offset)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), FALSE);

  g_hash_table_iter_init (&iter, self->cursors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((Cursor *) value)->name, name) == 0)
      {
        *offset = ((Cursor *) value)->head;
        return TRUE;
      }
  return FALSE;
}

/* Shared runs: a run here streams its output to everyone as it comes
 * and ends as a record in the document's runs; others' runs show in
 * this panel the same way. */

#define RUN_TEXT_MAX (64 * 1024)

static const char *
participant_name (PpSessionView *self,
                  const char    *peer_id)
{
  PpParticipant *participant = pp_session_find_participant (self->session, peer_id);

  return participant != NULL ? pp_participant_get_name (participant) : _("Someone");
}

static void
on_local_output (PpRunner      *runner,
                 PpRunStream    stream,
                 PpRunStage     stage,
                 GBytes        *chunk,
                 PpSessionView *self)
{
  g_autofree char *text = NULL;
  gsize len;
  const char *data = g_bytes_get_data (chunk, &len);

  if (self->run_id == NULL || self->session == NULL || stream > PP_RUN_STREAM_STDERR)
    return;
  text = g_utf8_make_valid (data, len);
  pp_session_send_run_output (self->session, self->run_id,
                              stream == PP_RUN_STREAM_STDERR ? "stderr" : "stdout", text);
  if (self->run_text[stream]->len < RUN_TEXT_MAX)
    g_string_append_len (self->run_text[stream], text,
                         MIN (strlen (text), RUN_TEXT_MAX - self->run_text[stream]->len));
}

static void
on_local_finished (PpRunPanel    *panel,
                   PpLanguage    *language,
                   PpRunResult   *run,
                   PpSessionView *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  const PpStepResult *step = pp_run_result_get_step (run, PP_RUN_STAGE_RUN);
  g_autofree char *status = pp_run_result_describe (run, PP_RUN_PANEL_TIME_LIMIT);
  g_autofree char *id = g_steal_pointer (&self->run_id);

  if (id == NULL || self->session == NULL)
    return;
  g_variant_builder_add (&builder, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&builder, "{sv}", "author",
                         g_variant_new_string (pp_participant_get_name (self_participant (self))));
  g_variant_builder_add (&builder, "{sv}", "time", g_variant_new_int64 (g_get_real_time () / 1000));
  g_variant_builder_add (&builder, "{sv}", "language", g_variant_new_string (pp_language_get_id (language)));
  g_variant_builder_add (&builder, "{sv}", "status", g_variant_new_string (status));
  if (step != NULL)
    {
      g_variant_builder_add (&builder, "{sv}", "exit", g_variant_new_int64 (step->exit_code));
      g_variant_builder_add (&builder, "{sv}", "time_ms", g_variant_new_int64 (step->cpu_ms));
      g_variant_builder_add (&builder, "{sv}", "mem_kb", g_variant_new_int64 (step->max_rss_kb));
    }
  g_variant_builder_add (&builder, "{sv}", "stdout", g_variant_new_string (self->run_text[0]->str));
  g_variant_builder_add (&builder, "{sv}", "stderr", g_variant_new_string (self->run_text[1]->str));
  g_free (self->shown_run);
  self->shown_run = g_strdup (id);
  pp_session_add_run (self->session, g_variant_builder_end (&builder));
}

static void
on_remote_run_output (PpSession     *session,
                      const char    *from,
                      const char    *run,
                      const char    *stream,
                      const char    *text,
                      PpSessionView *self)
{
  if (g_strcmp0 (run, self->shown_run) != 0)
    {
      g_autofree char *status = g_strdup_printf (_("%s is running the code…"), participant_name (self, from));

      g_free (self->shown_run);
      self->shown_run = g_strdup (run);
      pp_run_panel_show_shared (self->run_panel, status);
    }
  pp_run_panel_append_shared (self->run_panel, g_strcmp0 (stream, "stderr") == 0, text);
}

/* A run's record in the run panel: its status and its output. */
static void
show_run (PpSessionView *self,
          GVariant      *record)
{
  g_autofree char *line = pp_record_run_line (record);
  const char *out = pp_record_lookup_string (record, "stdout");
  const char *err = pp_record_lookup_string (record, "stderr");

  g_free (self->shown_run);
  self->shown_run = g_strdup (pp_record_lookup_string (record, "id"));
  pp_run_panel_show_shared (self->run_panel, line);
  if (out != NULL)
    pp_run_panel_append_shared (self->run_panel, FALSE, out);
  if (err != NULL)
    pp_run_panel_append_shared (self->run_panel, TRUE, err);
}

/* A run from the list, in the run panel; not over a run going on here. */
static void
run_row_activated (PpSessionView *self,
                   GtkListBoxRow *row)
{
  if (pp_run_panel_get_running (self->run_panel) || self->run_id != NULL)
    {
      show_notice (self, _("Wait for the run going on to end, or stop it, to see another."));
      return;
    }
  show_run (self, g_object_get_data (G_OBJECT (row), "record"));
}

/* Every run of the session, the newest first. */
static void
reload_runs (PpSessionView *self,
             GVariant      *all)
{
  guint shown = pp_record_fill_runs (self->runs_list, all);

  gtk_widget_set_visible (self->runs_heading, shown > 0);
  gtk_widget_set_visible (self->runs_scroller, shown > 0);
  /* A scroll bar's own height is more than a run's row: only for more
   * runs than fit. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->runs_scroller), GTK_POLICY_NEVER,
                                  shown > 2 ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
}

/* The list of runs; and the newest run's status, with its output when
 * its live output was not seen here (a late joiner, or a run while away). */
static void
on_runs_changed (PpYType                 *type,
                 const PpDelta           *delta,
                 guint                    n_delta,
                 const PpTransactionInfo *info,
                 gpointer                 data)
{
  PpSessionView *self = data;
  g_autoptr(GVariant) all = pp_array_to_variant (pp_doc_get_array (pp_session_get_doc (self->session), "runs"));
  gsize n = g_variant_n_children (all);
  g_autoptr(GVariant) newest = n > 0 ? g_variant_get_child_value (all, n - 1) : NULL;
  g_autoptr(GVariant) record = newest != NULL ? pp_record_run (newest) : NULL;

  reload_runs (self, all);
  if (record == NULL || self->run_id != NULL)
    return;
  if (g_strcmp0 (pp_record_lookup_string (record, "id"), self->shown_run) != 0)
    show_run (self, record);
  else if (!pp_run_panel_get_running (self->run_panel))
    {
      g_autofree char *line = pp_record_run_line (record);

      pp_run_panel_set_status (self->run_panel, line, FALSE);
    }
}

void
pp_session_view_set_runner (PpSessionView *self,
                            PpRunner      *runner)
{
  g_return_if_fail (PP_IS_SESSION_VIEW (self));

  if (self->runner != NULL)
    g_clear_signal_handler (&self->output_id, self->runner);
  g_set_object (&self->runner, runner);
  pp_run_panel_set_runner (self->run_panel, runner);
  if (runner != NULL)
    self->output_id = g_signal_connect (runner, "output", G_CALLBACK (on_local_output), self);
}

void
pp_session_view_run (PpSessionView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  PpLanguage *language = NULL;
  g_autofree char *source = NULL;
  GtkTextIter start, end;

  g_return_if_fail (PP_IS_SESSION_VIEW (self));

  if (self->session == NULL || self->runner == NULL || pp_run_panel_get_running (self->run_panel))
    return;
  if (self->languages != NULL && self->language != NULL)
    language = pp_language_set_lookup (self->languages, self->language);
  if (language == NULL || !pp_language_is_available (language))
    {
      pp_run_panel_set_status (self->run_panel,
                               language != NULL && pp_language_get_missing_reason (language) != NULL
                                 ? pp_language_get_missing_reason (language)
                                 : _("This computer cannot run the session’s language."), TRUE);
      return;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  source = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_free (self->run_id);
  self->run_id = g_uuid_string_random ();
  g_string_truncate (self->run_text[0], 0);
  g_string_truncate (self->run_text[1], 0);
  pp_run_panel_run (self->run_panel, language, source);
}

void
pp_session_view_stop (PpSessionView *self)
{
  g_return_if_fail (PP_IS_SESSION_VIEW (self));

  pp_run_panel_stop (self->run_panel);
}

/* Session */

static void
release_session (PpSessionView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  PpDoc *doc;

  if (self->session == NULL)
    return;
  doc = pp_session_get_doc (self->session);
  g_clear_signal_handler (&self->state_id, self->session);
  g_clear_signal_handler (&self->request_id, self->session);
  g_clear_signal_handler (&self->link_id, self->session);
  g_clear_signal_handler (&self->run_output_id, self->session);
  g_clear_signal_handler (&self->mark_id, buffer);
  g_clear_signal_handler (&self->items_id, pp_session_get_participants (self->session));
  if (self->chat_id != 0)
    pp_doc_disconnect (doc, self->chat_id);
  if (self->meta_id != 0)
    pp_doc_disconnect (doc, self->meta_id);
  if (self->code_id != 0)
    pp_doc_disconnect (doc, self->code_id);
  if (self->awareness_id != 0)
    pp_awareness_disconnect (pp_session_get_awareness (self->session), self->awareness_id);
  if (self->runs_id != 0)
    pp_doc_disconnect (doc, self->runs_id);
  self->chat_id = self->meta_id = self->code_id = self->awareness_id = self->runs_id = 0;
  g_clear_pointer (&self->run_id, g_free);
  g_clear_pointer (&self->shown_run, g_free);
  g_clear_pointer (&self->following, g_free);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->cursor_id, g_source_remove);
  g_hash_table_remove_all (self->cursors);
  update_cursor_css (self);
  gtk_list_box_bind_model (self->participants_list, NULL, NULL, NULL, NULL);
  gtk_flow_box_bind_model (self->call_grid, NULL, NULL, NULL, NULL);
  gtk_widget_set_visible (self->call_box, FALSE);
  if (self->binding != NULL)
    pp_editor_binding_unbind (self->binding);
  g_clear_object (&self->binding);
  g_queue_clear_full (&self->requests, g_free);
  g_clear_object (&self->session);
}

void
pp_session_view_set_session (PpSessionView *self,
                             PpSession     *session)
{
  GtkTextBuffer *buffer;
  PpDoc *doc;

  g_return_if_fail (PP_IS_SESSION_VIEW (self));
  g_return_if_fail (session == NULL || PP_IS_SESSION (session));

  if (session == self->session)
    return;
  release_session (self);
  gtk_revealer_set_reveal_child (self->admit_revealer, FALSE);
  if (session == NULL)
    {
      reload_runs (self, NULL);
      update_status (self);
      update_controls (self);
      return;
    }

  self->session = g_object_ref (session);
  doc = pp_session_get_doc (session);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  self->binding = pp_editor_binding_new (buffer, pp_doc_get_text (doc, "code"));
  gtk_list_box_bind_model (self->participants_list, pp_session_get_participants (session),
                           create_participant_row, self, NULL);
  if (pp_session_get_media (session) != NULL)
    {
      gtk_flow_box_bind_model (self->call_grid, pp_session_get_participants (session),
                               create_call_tile, self, NULL);
      gtk_widget_set_visible (self->call_box, TRUE);
      pp_device_button_set_media (self->device_button, pp_session_get_media (session));
      update_media_buttons (self);
    }
  self->items_id = g_signal_connect_swapped (pp_session_get_participants (session), "items-changed",
                                             G_CALLBACK (update_status), self);
  self->state_id = g_signal_connect_swapped (session, "notify::state", G_CALLBACK (on_state_changed), self);
  self->request_id = g_signal_connect (session, "join-request", G_CALLBACK (on_join_request), self);
  self->link_id = g_signal_connect_swapped (session, "notify::invite-link", G_CALLBACK (update_controls), self);
  self->mark_id = g_signal_connect (buffer, "mark-set", G_CALLBACK (on_mark_set), self);
  self->chat_id = pp_y_type_connect_delta (pp_doc_get_array (doc, "chat"), on_chat_changed, self);
  self->meta_id = pp_map_connect_keys (pp_doc_get_map (doc, "meta"), on_meta_changed, self);
  self->code_id = pp_y_type_connect_delta (pp_doc_get_text (doc, "code"), on_code_changed, self);
  self->awareness_id = pp_awareness_connect (pp_session_get_awareness (session), on_awareness_change, self);
  self->runs_id = pp_y_type_connect_delta (pp_doc_get_array (doc, "runs"), on_runs_changed, self);
  self->run_output_id = g_signal_connect (session, "run-output", G_CALLBACK (on_remote_run_output), self);
  g_clear_pointer (&self->language, g_free);
  on_meta_changed (pp_doc_get_map (doc, "meta"), NULL, NULL, self);
  /* What the session already held (a resumed one's chat) was seen. */
  self->n_seen = G_MAXUINT;
  reload_chat (self);
  on_runs_changed (NULL, NULL, 0, NULL, self);
  on_state_changed (self);
}

PpSession *
pp_session_view_get_session (PpSessionView *self)
{
  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), NULL);

  return self->session;
}

void
pp_session_view_set_languages (PpSessionView *self,
                               PpLanguageSet *languages)
{
  g_return_if_fail (PP_IS_SESSION_VIEW (self));

  g_set_object (&self->languages, languages);
  apply_language (self);
}

gboolean
pp_session_view_set_language (PpSessionView *self,
                              const char    *language_id)
{
  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), FALSE);
  g_return_val_if_fail (language_id != NULL, FALSE);

  /* The others would drop a read-only person's change. */
  if (!pp_session_view_get_editable (self))
    return FALSE;
  pp_map_set (pp_doc_get_map (pp_session_get_doc (self->session), "meta"), "language",
              g_variant_new_string (language_id));
  return TRUE;
}

const char *
pp_session_view_get_language (PpSessionView *self)
{
  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), NULL);

  return self->language;
}

GtkSourceView *
pp_session_view_get_source_view (PpSessionView *self)
{
  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), NULL);

  return self->source_view;
}

PpEditorBinding *
pp_session_view_get_binding (PpSessionView *self)
{
  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), NULL);

  return self->binding;
}

const char *
pp_session_view_get_status (PpSessionView *self)
{
  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), NULL);

  return self->status != NULL ? self->status : "";
}

guint
pp_session_view_get_n_messages (PpSessionView *self)
{
  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), 0);

  return self->n_messages;
}

/* Messages that came while the side panel was closed. */
guint
pp_session_view_get_n_unread (PpSessionView *self)
{
  g_return_val_if_fail (PP_IS_SESSION_VIEW (self), 0);

  return self->n_messages - self->n_seen;
}

/* Undo and redo are the document's: one's own steps only. */
static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PpSessionView *self = PP_SESSION_VIEW (widget);

  if (self->binding != NULL && gtk_text_view_get_editable (GTK_TEXT_VIEW (self->source_view)))
    {
      if (g_str_equal (action_name, "session.undo"))
        pp_editor_binding_undo (self->binding);
      else
        pp_editor_binding_redo (self->binding);
    }
}

static void
pp_session_view_dispose (GObject *object)
{
  PpSessionView *self = PP_SESSION_VIEW (object);

  release_session (self);
  g_clear_pointer (&self->cursors, g_hash_table_unref);
  if (self->cursor_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->cursor_css));
  g_clear_object (&self->cursor_css);
  g_clear_object (&self->languages);
  if (self->runner != NULL)
    g_clear_signal_handler (&self->output_id, self->runner);
  g_clear_object (&self->runner);
  gtk_widget_dispose_template (GTK_WIDGET (self), PP_TYPE_SESSION_VIEW);
  G_OBJECT_CLASS (pp_session_view_parent_class)->dispose (object);
}

static void
pp_session_view_finalize (GObject *object)
{
  PpSessionView *self = PP_SESSION_VIEW (object);

  g_free (self->status);
  g_free (self->language);
  g_string_free (self->run_text[0], TRUE);
  g_string_free (self->run_text[1], TRUE);
  G_OBJECT_CLASS (pp_session_view_parent_class)->finalize (object);
}

static void
pp_session_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PpSessionView *self = PP_SESSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, pp_session_view_get_status (self));
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, pp_session_view_get_editable (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_session_view_class_init (PpSessionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pp_session_view_dispose;
  object_class->finalize = pp_session_view_finalize;
  object_class->get_property = pp_session_view_get_property;

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pairpad/Pairpad/pp-session-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, box);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, panel_button);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, unread_label);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, side_panel);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, invite_button);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, end_button);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, leave_button);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, close_button);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, link_label);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, server_label);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, admit_revealer);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, admit_label);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, notice_label);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, runs_heading);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, runs_scroller);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, runs_list);
  gtk_widget_class_bind_template_callback (widget_class, run_row_activated);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, source_view);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, participants_list);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, call_box);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, call_grid);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, microphone_button);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, camera_button);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, device_button);
  gtk_widget_class_bind_template_callback (widget_class, on_media_button_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_device_notice);
  gtk_widget_class_bind_template_callback (widget_class, on_device_changed);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, chat_list);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, chat_scroller);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, chat_entry);
  gtk_widget_class_bind_template_child (widget_class, PpSessionView, run_panel);
  gtk_widget_class_bind_template_callback (widget_class, admit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, refuse_clicked);
  gtk_widget_class_bind_template_callback (widget_class, chat_activated);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked);
  gtk_widget_class_bind_template_callback (widget_class, leave_clicked);
  gtk_widget_class_bind_template_callback (widget_class, end_clicked);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked);
  gtk_widget_class_bind_template_callback (widget_class, panel_toggled);

  /* A sentence for the window to show as a toast. */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The person is done with an ended session. */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "session.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "session.redo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "session.toggle-panel", NULL, toggle_panel_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* Before the editor sees them: its own Ctrl+Z would go to the buffer's
 * undo, which is off while the buffer is bound. F9 opens and closes the
 * side panel, as in GNOME's apps. */
static void
add_undo_shortcuts (PpSessionView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, "session.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "session.redo" },
    { GDK_KEY_y, GDK_CONTROL_MASK, "session.redo" },
    { GDK_KEY_F9, 0, "session.toggle-panel" },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
pp_session_view_init (PpSessionView *self)
{
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (PP_TYPE_RUN_PANEL);
  g_type_ensure (PP_TYPE_DEVICE_BUTTON);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->run_text[0] = g_string_new (NULL);
  self->run_text[1] = g_string_new (NULL);
  /* The panel is ours: the handler goes with it. */
  g_signal_connect (self->run_panel, "finished", G_CALLBACK (on_local_finished), self);
  add_undo_shortcuts (self);
  self->cursors = g_hash_table_new_full (NULL, NULL, NULL, cursor_free);
  {
    GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

    gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
    g_signal_connect (scroll, "scroll", G_CALLBACK (on_user_scroll), self);
    gtk_widget_add_controller (GTK_WIDGET (self->source_view), scroll);
  }
  /* One overlay for all cursors, placed in buffer coordinates. */
  self->cursor_layer = gtk_fixed_new ();
  gtk_widget_set_can_target (self->cursor_layer, FALSE);
  gtk_text_view_add_overlay (GTK_TEXT_VIEW (self->source_view), self->cursor_layer, 0, 0);
  self->cursor_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->cursor_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_queue_init (&self->requests);
  self->status = g_strdup ("");
}

GtkWidget *
pp_session_view_new (void)
{
  return g_object_new (PP_TYPE_SESSION_VIEW, NULL);
}

/* test-session.c: a live session in the real window
 *
 * The app hosts; the guest is a real PpSession in the same process (its
 * own document, its own webrtcbin), joining through the real
 * pairpad-signal on loopback with the link the window shows. The host
 * admits with a key press, types with key presses, chats; the guest's
 * edits and chat show in the window; read-only and the end of the
 * session reach the guest.
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pp-peer.h"
#include "pp-test-app.h"

static const char *loopback[] = { "127.0.0.1", NULL };

/* The longest the main loop may stall while both type. AddressSanitizer
 * makes our code two to four times slower: its build gets more. */
#if defined(__SANITIZE_ADDRESS__)
#define MAX_STALL_MS 400
#else
#define MAX_STALL_MS 100
#endif

typedef struct {
  PpWindow *window;
  PpSession *guest;
  const char *want;
} Wait;

static PpSession *
host_session (PpWindow *window)
{
  return pp_session_view_get_session (pp_window_get_session_view (window));
}

static char *
editor_text (PpWindow *window)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (
    GTK_TEXT_VIEW (pp_session_view_get_source_view (pp_window_get_session_view (window))));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static gboolean
has_link (gpointer data)
{
  PpSession *host = host_session (data);
  return host != NULL && pp_session_get_invite_link (host) != NULL;
}

static gboolean
label_shown (gpointer data)
{
  Wait *wait = data;
  GtkWidget *label = pp_test_find_label (GTK_WIDGET (wait->window), wait->want);
  return label != NULL && gtk_widget_get_mapped (label);
}

static gboolean
guest_active (gpointer data)
{
  return pp_session_get_state (data) == PP_SESSION_ACTIVE;
}

static gboolean
guest_has (gpointer data)
{
  Wait *wait = data;
  g_autofree char *text = pp_text_to_string (pp_doc_get_text (pp_session_get_doc (wait->guest), "code"));
  return g_str_equal (text, wait->want);
}

static gboolean
editor_has (gpointer data)
{
  Wait *wait = data;
  g_autofree char *text = editor_text (wait->window);
  return g_str_equal (text, wait->want);
}

static gboolean
editors_equal (gpointer data)
{
  Wait *wait = data;
  g_autofree char *a = editor_text (wait->window);
  g_autofree char *b = pp_text_to_string (pp_doc_get_text (pp_session_get_doc (wait->guest), "code"));
  return g_str_equal (a, b) && strstr (a, wait->want) != NULL;
}

static gboolean
guest_chat_has (gpointer data)
{
  Wait *wait = data;
  g_autoptr(GVariant) chat = pp_array_to_variant (pp_doc_get_array (pp_session_get_doc (wait->guest), "chat"));
  g_autofree char *printed = g_variant_print (chat, FALSE);
  return strstr (printed, wait->want) != NULL;
}

static gboolean
guest_is_viewer (gpointer data)
{
  PpSession *guest = data;
  g_autoptr(PpParticipant) me = g_list_model_get_item (pp_session_get_participants (guest), 0);
  return pp_participant_get_role (me) == PP_ROLE_VIEWER;
}

static gboolean
guest_ended (gpointer data)
{
  return pp_session_get_state (data) == PP_SESSION_ENDED;
}

static gboolean
cursor_shown (gpointer data)
{
  PpSessionView *view = pp_window_get_session_view (data);
  GtkWidget *label = pp_session_view_get_cursor_label (view, "Grace");
  guint offset;

  return label != NULL && gtk_widget_get_mapped (label) &&
         pp_session_view_get_cursor_offset (view, "Grace", &offset) && offset == 4;
}

static gboolean
cursor_name_faded (gpointer data)
{
  GtkWidget *label = pp_session_view_get_cursor_label (pp_window_get_session_view (data), "Grace");

  return label != NULL && !gtk_widget_get_visible (label);
}

static gboolean
languages_detected (gpointer data)
{
  return pp_window_get_languages_detected (data);
}

static void
count_run_output (PpSession  *session,
                  const char *from,
                  const char *run,
                  const char *stream,
                  const char *text,
                  guint      *n)
{
  (*n)++;
}

static gboolean
guest_runs_have (gpointer data)
{
  Wait *wait = data;
  g_autoptr(GVariant) runs = pp_array_to_variant (pp_doc_get_array (pp_session_get_doc (wait->guest), "runs"));
  g_autofree char *printed = g_variant_print (runs, FALSE);
  return strstr (printed, wait->want) != NULL;
}

static PpRunPanel *
find_run_panel (PpWindow *window)
{
  return PP_RUN_PANEL (pp_test_find_widget (GTK_WIDGET (pp_window_get_session_view (window)), PP_TYPE_RUN_PANEL));
}

static gboolean
scrolled_down (gpointer data)
{
  GtkScrollable *view = GTK_SCROLLABLE (pp_session_view_get_source_view (pp_window_get_session_view (data)));
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (view);

  /* The end of the text in sight: scrolled to (nearly) the bottom. */
  return gtk_adjustment_get_value (adj) > 0 &&
         gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
           gtk_adjustment_get_upper (adj) - 60;
}

static gboolean
not_following (gpointer data)
{
  return pp_session_view_get_following (pp_window_get_session_view (data)) == NULL;
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0 &&
          gtk_widget_get_mapped (child))
        return child;
      if ((found = find_button_labelled (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static void
host_and_guest (PpApplication *app,
                PpWindow      *window,
                gpointer       data)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkTextBuffer *scratch = gtk_text_view_get_buffer (GTK_TEXT_VIEW (pp_window_get_source_view (window)));
  g_autoptr(GError) error = NULL;
  PpSession *guest;
  PpEditorBinding *binding;
  Wait wait = { window, NULL, NULL };
  PpTestStallMeter meter = { 0 };
  gint64 stall_us;
  guint n_live = 0;

  g_settings_set_string (settings, "signaling-server", server->uri);
  g_settings_set_string (settings, "display-name", "Ada");
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-scratch", NULL);
  gtk_text_buffer_set_text (scratch, "print(1)\n", -1);
  g_assert_true (pp_window_select_language (window, "python"));

  /* Start: the scratch code and language become the session's. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "start-session", NULL);
  pp_test_wait_for (has_link, window, "the invite link");
  wait.want = "print(1)\n";
  g_assert_true (editor_has (&wait));
  g_assert_cmpstr (pp_session_view_get_language (pp_window_get_session_view (window)), ==, "python");
  /* The link's key is on the clipboard, not on screen. */
  g_assert_null (pp_test_find_label (GTK_WIDGET (window),
                                     strstr (pp_session_get_invite_link (host_session (window)), "#key=")));

  guest = pp_session_new_join (pp_session_get_invite_link (host_session (window)), "Grace", &error);
  g_assert_no_error (error);
  wait.guest = guest;
  pp_session_set_local_addresses (guest, loopback);
  pp_session_start (guest);

  /* The host admits with a key press; the editor keeps the focus. */
  wait.want = "Grace wants to join";
  pp_test_wait_for (label_shown, &wait, "the request to join");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (pp_session_view_get_source_view (pp_window_get_session_view (window)))));
  pp_test_xdotool ("key", "alt+a", NULL);
  pp_test_wait_for_full (guest_active, guest, 30, "the guest to be admitted");
  wait.want = "print(1)\n";
  pp_test_wait_for (guest_has, &wait, "the guest to hold the code");

  /* Both type at once: the host with keys, the guest through its
   * document, emoji and CJK among it. */
  pp_test_stall_meter_start (&meter, 2);
  pp_test_xdotool ("key", "ctrl+End", NULL);
  pp_text_insert (pp_doc_get_text (pp_session_get_doc (guest), "code"), 0, "# 漢字 😀\n", -1, NULL);
  pp_test_xdotool ("type", "--delay", "20", "x = 2", NULL);
  wait.want = "x = 2";
  pp_test_wait_for (editors_equal, &wait, "both editors to hold the host's typing");
  wait.want = "# 漢字 😀\nprint(1)\nx = 2";
  pp_test_wait_for (editor_has, &wait, "the window to show the guest's line");
  stall_us = pp_test_stall_meter_stop (&meter);
  pp_test_note ("stall_while_both_typed_ms=%.1f", stall_us / 1000.0);
  pp_test_note ("longest_remote_apply_ms=%.2f",
                pp_editor_binding_get_longest_apply (pp_session_view_get_binding (pp_window_get_session_view (window))) / 1000.0);
  g_assert_cmpint (stall_us, <, MAX_STALL_MS * 1000);

  /* The guest's cursor and selection: drawn in the window with the
   * guest's name, which fades once the cursor rests. */
  pp_session_set_cursor (guest, 2, 4);
  pp_test_wait_for (cursor_shown, window, "the guest's cursor");
  pp_test_spin (100);
  pp_test_screenshot (GTK_WIDGET (window), "session-cursor");
  pp_test_wait_for_full (cursor_name_faded, window, 20, "the guest's name to fade");

  /* Undo takes back the host's typing, not the guest's line. */
  binding = pp_session_view_get_binding (pp_window_get_session_view (window));
  g_assert_true (pp_editor_binding_get_can_undo (binding));
  pp_test_xdotool ("key", "ctrl+z", NULL);
  wait.want = "# 漢字 😀\nprint(1)\n";
  pp_test_wait_for (guest_has, &wait, "the guest to see the host's undo");
  pp_test_wait_for (editor_has, &wait, "the undo in the window");

  /* Chat, both ways. */
  pp_session_send_chat (guest, "hello from Grace");
  wait.want = "hello from Grace";
  pp_test_wait_for (label_shown, &wait, "the guest's message in the window");
  g_assert_cmpuint (pp_session_view_get_n_messages (pp_window_get_session_view (window)), ==, 1);
  pp_test_xdotool ("key", "ctrl+End", NULL);
  {
    GtkWidget *entry = pp_test_find_widget (GTK_WIDGET (pp_window_get_session_view (window)), GTK_TYPE_ENTRY);
    gtk_widget_grab_focus (entry);
  }
  pp_test_xdotool ("type", "--delay", "20", "hi Grace", NULL);
  pp_test_xdotool ("key", "Return", NULL);
  wait.want = "hi Grace";
  pp_test_wait_for (guest_chat_has, &wait, "the host's message at the guest");

  /* A run in the window: Ctrl+Enter in the shared editor; the guest
   * sees its output live and its record in the document. */
  pp_test_wait_for_full (languages_detected, window, 60, "the languages");
  g_signal_connect (guest, "run-output", G_CALLBACK (count_run_output), &n_live);
  gtk_widget_grab_focus (GTK_WIDGET (pp_session_view_get_source_view (pp_window_get_session_view (window))));
  pp_test_xdotool ("key", "ctrl+Return", NULL);
  wait.want = "'stdout': <'1\\n'>";
  pp_test_wait_for_full (guest_runs_have, &wait, 60, "the run's record at the guest");
  g_assert_cmpuint (n_live, >, 0);

  /* The guest's run, in the window's run panel as it comes. */
  pp_session_send_run_output (guest, "guest-run", "stdout", "from Grace\n");
  wait.want = "Grace is running the code";
  pp_test_wait_for (label_shown, &wait, "the guest's run in the window");
  {
    g_autofree char *output = pp_run_panel_get_output (find_run_panel (window));
    g_assert_cmpstr (output, ==, "from Grace\n");
  }

  pp_test_spin (300);
  pp_test_screenshot (GTK_WIDGET (window), "session-host");

  /* Follow: the guest writes far below; the window keeps the guest's
   * cursor in sight, until the host types. */
  {
    GtkWidget *follow = find_button_labelled (GTK_WIDGET (window), "_Follow");
    PpText *code = pp_doc_get_text (pp_session_get_doc (guest), "code");
    g_autoptr(GString) lines = g_string_new (NULL);

    g_assert_nonnull (follow);
    g_signal_emit_by_name (follow, "clicked");
    g_assert_cmpstr (pp_session_view_get_following (pp_window_get_session_view (window)), ==,
                     pp_session_get_peer_id (guest));
    for (guint i = 0; i < 120; i++)
      g_string_append_printf (lines, "# line %u\n", i);
    pp_text_insert (code, pp_text_length (code), lines->str, -1, NULL);
    pp_session_set_cursor (guest, pp_text_length_cp (code), pp_text_length_cp (code));
    pp_test_wait_for (scrolled_down, window, "the window to follow the guest's cursor");
    gtk_widget_grab_focus (GTK_WIDGET (pp_session_view_get_source_view (pp_window_get_session_view (window))));
    pp_test_xdotool ("type", "--delay", "20", "#", NULL);
    pp_test_wait_for (not_following, window, "following to stop when the host types");
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (follow)));
  }

  /* Read-only, from the participants list. */
  {
    GtkWidget *button = find_button_labelled (GTK_WIDGET (window), "Make Read-Only");
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
  }
  pp_test_wait_for (guest_is_viewer, guest, "the guest to be read-only");

  /* The end reaches the guest, which keeps the code. */
  {
    GtkWidget *button = find_button_labelled (GTK_WIDGET (window), "_End for Everyone");
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
  }
  pp_test_wait_for (guest_ended, guest, "the guest to see the end");
  wait.want = "print(1)\n";
  g_assert_true (editors_equal (&wait));
  wait.want = "Session ended";
  pp_test_wait_for (label_shown, &wait, "the ended status");

  g_object_unref (guest);
  pp_test_server_stop (server);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/session/host-and-guest", PpTestHome, host_and_guest,
              pp_test_home_setup, pp_test_run_driver, pp_test_home_teardown);
  status = g_test_run ();
  pp_peer_warm_up_wait ();
  return status;
}

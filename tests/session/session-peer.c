/* session-peer.c: one participant of a live session, as a process of its
 * own, driven line by line on standard input by the session tests
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It runs a real PpSession. What happens is written to standard output,
 * one event a line ("state active", "request PEER", …); commands answer
 * with a line of their own. Texts travel in base64, so any character
 * survives the pipe.
 *
 *   session-peer --host [--server URI] [--auto-admit] NAME
 *   session-peer --join LINK NAME
 *   common: --peer-id ID --store PATH --loopback
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "pp-peer.h"
#include "pp-session.h"
#include "pp-test-proc.h"

static PpSession *session;
static gboolean auto_admit;
static GMainLoop *loop;


static const char *
state_name (PpSessionState state)
{
  const char *names[] = { "idle", "connecting", "waiting", "active", "ended", "failed" };
  return names[state];
}

static void
on_state (PpSession  *s,
          GParamSpec *pspec,
          gpointer    data)
{
  pp_test_say ("state %s", state_name (pp_session_get_state (s)));
  if (pp_session_get_state (s) == PP_SESSION_FAILED)
    pp_test_say ("error %s", pp_session_get_error (s)->message);
}

static void
on_link (PpSession  *s,
         GParamSpec *pspec,
         gpointer    data)
{
  if (pp_session_get_invite_link (s) != NULL)
    pp_test_say ("link %s", pp_session_get_invite_link (s));
}

static void
on_participant_state (PpParticipant *p,
                      GParamSpec    *pspec,
                      gpointer       data)
{
  pp_test_say ("pstate %s %d %s", pp_participant_get_peer_id (p), pp_participant_get_state (p),
       pp_participant_get_reason (p) ? pp_participant_get_reason (p) : "");
}

static void
on_participants_changed (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         gpointer    data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(PpParticipant) p = g_list_model_get_item (model, i);
      g_signal_connect (p, "notify::state", G_CALLBACK (on_participant_state), NULL);
    }
}

static void
on_join_request (PpSession     *s,
                 PpParticipant *participant,
                 gpointer       data)
{
  pp_test_say ("request %s", pp_participant_get_peer_id (participant));
  if (auto_admit)
    pp_session_admit (s, pp_participant_get_peer_id (participant), TRUE, NULL);
}

static void
on_run_output (PpSession  *s,
               const char *from,
               const char *run,
               const char *stream,
               const char *text,
               gpointer    data)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) text, strlen (text));
  pp_test_say ("run-output %s %s %s %s", from, run, stream, b64);
}

/* Random edits, like typing: mostly inserts of a few characters from
 * several scripts, some deletes, at a pace. */
typedef struct
{
  guint left;
  GRand *rand;
  guint pace_ms;
} Edits;

static const char *pieces[] = {
  "a", "b", "x", " ", "\n", "if (x) {", "}", "é", "ß", "漢", "字", "한", "😀", "👩‍💻", "𝔘", "\t",
};

static void
edit_once (GRand *rand)
{
  PpText *text = pp_doc_get_text (pp_session_get_doc (session), "code");
  guint len = pp_text_length_cp (text);

  if (len > 0 && g_rand_int_range (rand, 0, 4) == 0)
    {
      guint at = g_rand_int_range (rand, 0, len);
      guint n = MIN (len - at, (guint) g_rand_int_range (rand, 1, 4));
      pp_text_delete_cp (text, at, n, NULL);
    }
  else
    {
      const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];
      pp_text_insert_cp (text, g_rand_int_range (rand, 0, len + 1), piece, -1, NULL);
    }
}

static gboolean
edit_tick (gpointer data)
{
  Edits *edits = data;

  edit_once (edits->rand);
  if (--edits->left > 0)
    return G_SOURCE_CONTINUE;
  pp_test_say ("edited");
  g_rand_free (edits->rand);
  g_free (edits);
  return G_SOURCE_REMOVE;
}

/* Insert-only edits with names of their own ("G7;"), so a test can tell
 * that none was lost. */
typedef struct
{
  char *prefix;
  guint next;
  guint n;
  GRand *rand;
} Marks;

static gboolean
mark_tick (gpointer data)
{
  Marks *marks = data;
  PpText *text = pp_doc_get_text (pp_session_get_doc (session), "code");
  g_autofree char *mark = g_strdup_printf ("%s%u;", marks->prefix, marks->next);

  g_autofree char *now = pp_text_to_string (text);
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (guint));
  guint cp = 0;

  /* Only between marks, so each stays whole. */
  g_array_append_val (bounds, cp);
  for (const char *p = now; *p; p = g_utf8_next_char (p))
    {
      cp++;
      if (*p == ';')
        g_array_append_val (bounds, cp);
    }
  pp_text_insert_cp (text, g_array_index (bounds, guint, g_rand_int_range (marks->rand, 0, bounds->len)),
                     mark, -1, NULL);
  if (++marks->next < marks->n)
    return G_SOURCE_CONTINUE;
  pp_test_say ("marked");
  g_rand_free (marks->rand);
  g_free (marks->prefix);
  g_free (marks);
  return G_SOURCE_REMOVE;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (pp_session_save_finish (PP_SESSION (source), result, &error))
    pp_test_say ("saved");
  else
    pp_test_say ("error %s", error->message);
}

static void
print_text (void)
{
  g_autofree char *text = pp_text_to_string (pp_doc_get_text (pp_session_get_doc (session), "code"));
  g_autofree char *b64 = g_base64_encode ((const guchar *) text, strlen (text));

  pp_test_say ("text %s", b64);
}

static char *
unbase64 (const char *b64)
{
  gsize len;
  guchar *data = g_base64_decode (b64, &len);
  char *text = g_strndup ((const char *) data, len);

  g_free (data);
  return text;
}

static void
command (char *line)
{
  g_auto(GStrv) argv = g_strsplit (line, " ", 4);
  guint argc = g_strv_length (argv);
  g_autoptr(GError) error = NULL;
  PpDoc *doc = pp_session_get_doc (session);

  if (argc == 0)
    return;
  if (strcmp (argv[0], "edit") == 0 && argc >= 4)
    {
      Edits *edits = g_new0 (Edits, 1);

      edits->left = MAX (1, atoi (argv[1]));
      edits->rand = g_rand_new_with_seed (atoi (argv[2]));
      edits->pace_ms = atoi (argv[3]);
      g_timeout_add (edits->pace_ms, edit_tick, edits);
    }
  else if (strcmp (argv[0], "insert") == 0 && argc >= 3)
    {
      g_autofree char *text = unbase64 (argv[2]);
      pp_text_insert_cp (pp_doc_get_text (doc, "code"), atoi (argv[1]), text, -1, &error);
      pp_test_say (error ? "error %s" : "ok", error ? error->message : "");
    }
  else if (strcmp (argv[0], "marks") == 0 && argc >= 4)
    {
      g_auto(GStrv) more = g_strsplit (argv[3], " ", 2);
      Marks *marks = g_new0 (Marks, 1);

      marks->prefix = g_strdup (argv[1]);
      marks->next = atoi (argv[2]);
      marks->n = marks->next + atoi (more[0]);
      marks->rand = g_rand_new_with_seed (g_str_hash (argv[1]) + marks->next);
      g_timeout_add (more[1] ? atoi (more[1]) : 1, mark_tick, marks);
    }
  else if (strcmp (argv[0], "save") == 0)
    pp_session_save_async (session, NULL, on_saved, NULL);
  else if (strcmp (argv[0], "reconnect") == 0 && argc >= 2)
    pp_test_say (pp_session_reconnect (session, argv[1]) ? "ok" : "error not connected");
  else if (strcmp (argv[0], "text") == 0)
    print_text ();
  else if (strcmp (argv[0], "admit") == 0 || strcmp (argv[0], "refuse") == 0)
    {
      pp_session_admit (session, argv[1], strcmp (argv[0], "admit") == 0, &error);
      pp_test_say (error ? "error %s" : "ok", error ? error->message : "");
    }
  else if (strcmp (argv[0], "readonly") == 0 && argc >= 2)
    {
      pp_session_set_read_only (session, argv[1], TRUE, &error);
      pp_test_say (error ? "error %s" : "ok", error ? error->message : "");
    }
  else if (strcmp (argv[0], "remove") == 0 && argc >= 2)
    {
      pp_session_remove (session, argv[1], &error);
      pp_test_say (error ? "error %s" : "ok", error ? error->message : "");
    }
  else if (strcmp (argv[0], "chat") == 0 && argc >= 2)
    {
      g_autofree char *text = unbase64 (argv[1]);
      pp_session_send_chat (session, text);
      pp_test_say ("ok");
    }
  else if (strcmp (argv[0], "add-run") == 0 && argc >= 2)
    {
      g_auto(GVariantBuilder) b = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

      g_variant_builder_add (&b, "{sv}", "id", g_variant_new_string (argv[1]));
      g_variant_builder_add (&b, "{sv}", "status", g_variant_new_string ("OK"));
      g_variant_builder_add (&b, "{sv}", "stdout", g_variant_new_string ("42\n"));
      pp_session_add_run (session, g_variant_builder_end (&b));
      pp_test_say ("ok");
    }
  else if (strcmp (argv[0], "run-output") == 0 && argc >= 4)
    {
      g_autofree char *text = unbase64 (argv[3]);
      pp_session_send_run_output (session, argv[1], argv[2], text);
      pp_test_say ("ok");
    }
  else if (strcmp (argv[0], "counts") == 0)
    pp_test_say ("counts chat=%u runs=%u", pp_array_length (pp_doc_get_array (doc, "chat")),
         pp_array_length (pp_doc_get_array (doc, "runs")));
  else if (strcmp (argv[0], "bytes") == 0 && argc >= 2)
    pp_test_say ("bytes %" G_GUINT64_FORMAT, pp_session_get_bytes_received_from (session, argv[1]));
  else if (strcmp (argv[0], "refused") == 0)
    pp_test_say ("refused %u", pp_session_get_n_refused (session));
  else if (strcmp (argv[0], "participant") == 0 && argc >= 2)
    {
      PpParticipant *p = pp_session_find_participant (session, argv[1]);

      if (p == NULL)
        pp_test_say ("participant none");
      else
        pp_test_say ("participant state=%d role=%d admitted=%d reason=%s", pp_participant_get_state (p),
             pp_participant_get_role (p), pp_participant_get_admitted (p),
             pp_participant_get_reason (p) ? pp_participant_get_reason (p) : "");
    }
  else if (strcmp (argv[0], "cursor") == 0 && argc >= 3)
    {
      pp_session_set_cursor (session, atoi (argv[1]), atoi (argv[2]));
      pp_test_say ("ok");
    }
  else if (strcmp (argv[0], "cursors") == 0)
    {
      PpAwareness *awareness = pp_session_get_awareness (session);
      guint n = 0;
      g_autofree guint32 *clients = pp_awareness_get_clients (awareness, &n);
      GString *line = g_string_new ("cursors");

      for (guint i = 0; i < n; i++)
        {
          guint anchor, head;
          g_autofree char *name = NULL, *color = NULL;

          if (clients[i] == pp_awareness_get_client_id (awareness) ||
              !pp_session_get_cursor (session, clients[i], &anchor, &head, &name, &color))
            continue;
          g_string_append_printf (line, " %s:%u:%u:%s", name, anchor, head, color);
        }
      pp_test_say ("%s", line->str);
      g_string_free (line, TRUE);
    }
  else if (strcmp (argv[0], "awareness") == 0)
    {
      PpAwareness *awareness = pp_session_get_awareness (session);
      guint n = 0;
      g_autofree guint32 *clients = pp_awareness_get_clients (awareness, &n);

      for (guint i = 0; i < n; i++)
        if (clients[i] != pp_awareness_get_client_id (awareness))
          pp_test_say ("awareness %s", pp_awareness_get_state (awareness, clients[i]));
      pp_test_say ("awareness-end");
    }
  else if (strcmp (argv[0], "colors") == 0)
    {
      /* Every state's colour, ours included, in client id order. */
      PpAwareness *awareness = pp_session_get_awareness (session);
      guint n = 0;
      g_autofree guint32 *clients = pp_awareness_get_clients (awareness, &n);
      GString *line = g_string_new ("colors");

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(JsonNode) root = json_from_string (pp_awareness_get_state (awareness, clients[i]), NULL);
          JsonObject *user = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                             ? json_object_get_object_member (json_node_get_object (root), "user") : NULL;

          g_string_append_printf (line, " %s",
                                  user ? json_object_get_string_member_with_default (user, "color", "-") : "-");
        }
      pp_test_say ("%s", line->str);
      g_string_free (line, TRUE);
    }
  else if (strcmp (argv[0], "leave") == 0)
    pp_session_leave (session);
  else if (strcmp (argv[0], "end") == 0)
    {
      pp_session_end (session, &error);
      pp_test_say (error ? "error %s" : "ok", error ? error->message : "");
    }
  else if (strcmp (argv[0], "quit") == 0)
    g_main_loop_quit (loop);
  else
    pp_test_say ("error unknown command %s", argv[0]);
}

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GDataInputStream *in = G_DATA_INPUT_STREAM (source);
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (in, result, NULL, NULL);

  if (line == NULL)
    {
      /* The test went away: so do we. */
      g_main_loop_quit (loop);
      return;
    }
  command (line);
  g_data_input_stream_read_line_async (in, G_PRIORITY_DEFAULT, NULL, on_line, NULL);
}

int
main (int argc, char **argv)
{
  gboolean host = FALSE, loopback = FALSE, relay_only = FALSE;
  g_autofree char *server = NULL, *join = NULL, *peer_id = NULL, *store = NULL, *turn = NULL;
  g_autofree char *settings_file = NULL;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_NONE, &host, "Start a room", NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "Signaling server (host)", "URI" },
    { "join", 0, 0, G_OPTION_ARG_STRING, &join, "Join from an invite link", "LINK" },
    { "auto-admit", 0, 0, G_OPTION_ARG_NONE, &auto_admit, "Admit everyone (host)", NULL },
    { "peer-id", 0, 0, G_OPTION_ARG_STRING, &peer_id, "Peer id", "ID" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store, "The store's file", "PATH" },
    { "loopback", 0, 0, G_OPTION_ARG_NONE, &loopback, "ICE on 127.0.0.1 only", NULL },
    { "turn", 0, 0, G_OPTION_ARG_STRING, &turn, "A TURN server of our own", "URI,USER,PASSWORD" },
    { "relay-only", 0, 0, G_OPTION_ARG_NONE, &relay_only, "Through relays only", NULL },
    { "settings", 0, 0, G_OPTION_ARG_FILENAME, &settings_file, "The app's settings, from a key file", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("NAME");
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stdin_stream = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (stdin_stream);
  static const char * const lo[] = { "127.0.0.1", NULL };

  /* Standard output is where the test reads our answers. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("session-peer: %s\n", error ? error->message : "give one NAME");
      return 2;
    }

  if (host)
    session = pp_session_new_host (server, argv[1]);
  else
    session = pp_session_new_join (join, argv[1], &error);
  if (session == NULL)
    {
      pp_test_say ("error %s", error->message);
      return 1;
    }
  if (peer_id != NULL)
    pp_session_set_peer_id (session, peer_id);
  if (store != NULL)
    pp_session_set_store_path (session, store);
  if (turn != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (turn, ",", 3);
      pp_session_set_turn_server (session, parts[0], parts[1], parts[1] ? parts[2] : NULL);
    }
  if (relay_only)
    pp_session_set_relay_only (session, TRUE);
  if (settings_file != NULL)
    {
      /* The app's own schema and keys, as Preferences write them. */
      g_autoptr(GSettingsBackend) backend =
        g_keyfile_settings_backend_new (settings_file, "/io/github/pairpad/Pairpad/", "pairpad");
      g_autoptr(GSettings) settings = g_settings_new_with_backend ("io.github.pairpad.Pairpad", backend);

      pp_session_apply_settings (session, settings);
    }
  if (loopback)
    {
      pp_session_set_local_addresses (session, lo);
      pp_session_set_embedded_address (session, "127.0.0.1");
    }
  g_signal_connect (session, "notify::state", G_CALLBACK (on_state), NULL);
  g_signal_connect (session, "notify::invite-link", G_CALLBACK (on_link), NULL);
  g_signal_connect (session, "join-request", G_CALLBACK (on_join_request), NULL);
  g_signal_connect (session, "run-output", G_CALLBACK (on_run_output), NULL);
  g_signal_connect (pp_session_get_participants (session), "items-changed",
                    G_CALLBACK (on_participants_changed), NULL);

  loop = g_main_loop_new (NULL, FALSE);
  g_data_input_stream_read_line_async (in, G_PRIORITY_DEFAULT, NULL, on_line, NULL);
  pp_session_start (session);
  pp_test_say ("peer %s", pp_session_get_peer_id (session));
  g_main_loop_run (loop);

  /* Every peer's pipeline stops here, whoever still holds the session (a
   * save under way, say): a DTLS thread still running when the process
   * exits meets OpenSSL's exit handlers, which free its state under it. */
  g_object_run_dispose (G_OBJECT (session));
  g_clear_object (&session);
  g_main_loop_unref (loop);
  pp_peer_warm_up_wait ();
  return 0;
}

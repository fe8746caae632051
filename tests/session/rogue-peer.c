/* rogue-peer.c: a participant that holds the link and turns hostile
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It joins a room as a Pairpad would — the real signaling client, sealed
 * payloads, real webrtcbin peers, hello, sync — and, once admitted and in
 * sync, sends every peer the same update no honest peer writes:
 *
 *   same-origins       an item whose left and right origins are one item
 *   left-after-right   an item whose left origin comes after its right one
 *   malformed          an honest update cut short
 *   file:PATH          the bytes of a fuzzer seed (its first byte, the
 *                      fuzzer's selector, dropped)
 *
 *   rogue-peer --join LINK --case CASE [--loopback] NAME
 *
 * It prints "admitted", then "sent" once the update is out.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "crdt-test-util.h"
#include "pp-frame.h"
#include "pp-invite.h"
#include "pp-lib0.h"
#include "pp-peer.h"
#include "pp-seal.h"
#include "pp-signal-client.h"
#include "pp-sync.h"

static PpSignalClient *client;
static PpSealBox *seal;
static GHashTable *peers;      /* id -> PpPeer */
static GHashTable *synced;     /* PpPeer that sent us sync: it counts us a member */
static PpDoc *doc;
static char *self_id;
static char *name;
static char *hostile_case;
static gboolean loopback;
static gboolean admitted;
static gboolean sent;

static void
say (const char *line)
{
  printf ("%s\n", line);
  fflush (stdout);
}

static void
send_control (PpPeer *peer, const char *json)
{
  g_autoptr(GBytes) frame = pp_frame_build_control (json);
  pp_peer_send (peer, frame);
}

static void
send_sync (PpPeer *peer, GBytes *message)
{
  g_autoptr(GBytes) frame = pp_frame_build (PP_FRAME_SYNC, g_bytes_get_data (message, NULL),
                                            g_bytes_get_size (message));
  pp_peer_send (peer, frame);
}

/* The client whose run is longest: the author of the host's text. */
static guint32
author (guint32 *n_clocks)
{
  g_autoptr(GBytes) sv = pp_doc_encode_state_vector (doc);
  g_autoptr(GHashTable) clocks = pp_state_vector_decode (g_bytes_get_data (sv, NULL),
                                                         g_bytes_get_size (sv), NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint32 best = 0;

  *n_clocks = 0;
  g_hash_table_iter_init (&iter, clocks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > *n_clocks)
      {
        best = GPOINTER_TO_UINT (key);
        *n_clocks = GPOINTER_TO_UINT (value);
      }
  return best;
}

static GBytes *
hostile_update (void)
{
  guint32 n = 0, by = author (&n);
  guint32 me = pp_doc_get_client_id (doc);

  if (strcmp (hostile_case, "same-origins") == 0)
    {
      Struct bad = { me, 0, ID (by, 1), ID (by, 1), .text = "X" };
      return build_update (&bad, 1, NULL, 0);
    }
  if (strcmp (hostile_case, "left-after-right") == 0)
    {
      Struct bad = { me, 0, ID (by, 3), ID (by, 1), .text = "X" };
      return build_update (&bad, 1, NULL, 0);
    }
  if (strcmp (hostile_case, "malformed") == 0)
    {
      Struct honest = { me, 0, ID (by, n - 1), NULL, .text = "tail" };
      g_autoptr(GBytes) whole = build_update (&honest, 1, NULL, 0);
      return g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) - 3);
    }
  if (g_str_has_prefix (hostile_case, "file:"))
    {
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (hostile_case + 5, &data, &len, NULL) || len < 2)
        return NULL;
      return g_bytes_new (data + 1, len - 1);
    }
  return NULL;
}

static gboolean
all_open (void)
{
  GHashTableIter iter;
  gpointer peer;

  g_hash_table_iter_init (&iter, peers);
  while (g_hash_table_iter_next (&iter, NULL, &peer))
    if (pp_peer_get_state (peer) != PP_PEER_CONNECTED)
      return FALSE;
  return g_hash_table_size (peers) > 0;
}

/* Control messages and an awareness state whose members have the wrong
 * kinds: honest peers ignore what they cannot use and carry on. */
static void
send_wrong_kinds (PpPeer *peer)
{
  static const char * const controls[] = {
    "{\"type\":5}",
    "{\"type\":\"hello\",\"name\":[1]}",
    "{\"type\":\"roster\",\"host\":{},\"members\":7}",
    "{\"type\":\"roster\",\"host\":\"x\",\"members\":[{\"peer\":1,\"role\":[]}]}",
    "{\"type\":\"run-output\",\"run\":2,\"stream\":null,\"text\":{}}",
    "{\"type\":[\"end\"]}",
    "{\"type\":\"call-loss\",\"loss\":\"all\"}",
    "{\"type\":\"call-loss\",\"loss\":-1e300}",
    "{\"type\":\"call-loss\"}",
  };
  g_autoptr(PpAwareness) awareness = pp_awareness_new (pp_doc_get_client_id (doc));
  guint32 client = pp_doc_get_client_id (doc);
  g_autoptr(GBytes) update = NULL;
  g_autoptr(GBytes) frame = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autoptr(GBytes) control = pp_frame_build_control (controls[i]);
      pp_peer_send (peer, control);
    }
  pp_awareness_set_local_state (awareness,
                                "{\"user\":{\"name\":7,\"color\":[\"#30bced\"]},\"cursor\":{\"anchor\":1},"
                                "\"media\":{\"audio\":\"yes\",\"video\":[1]}}",
                                NULL);
  update = pp_awareness_encode_update (awareness, &client, 1);
  frame = pp_frame_build (PP_FRAME_AWARENESS, g_bytes_get_data (update, NULL), g_bytes_get_size (update));
  pp_peer_send (peer, frame);
}

static void
maybe_strike (void)
{
  g_autoptr(GBytes) update = NULL;
  g_autoptr(GBytes) message = NULL;
  GHashTableIter iter;
  gpointer peer;
  guint32 n = 0;

  author (&n);
  /* Only once every peer takes us for a member: one that has not seen
   * the roster with us in yet would drop what we send, as it should. */
  if (sent || !admitted || !all_open () || n < 5 ||
      g_hash_table_size (synced) < g_hash_table_size (peers))
    return;
  if (strcmp (hostile_case, "wrong-kinds") == 0)
    {
      g_hash_table_iter_init (&iter, peers);
      while (g_hash_table_iter_next (&iter, NULL, &peer))
        send_wrong_kinds (peer);
      sent = TRUE;
      say ("sent");
      return;
    }
  update = hostile_update ();
  if (update == NULL)
    {
      say ("error no such case");
      return;
    }
  message = pp_sync_encode_update (g_bytes_get_data (update, NULL), g_bytes_get_size (update));
  g_hash_table_iter_init (&iter, peers);
  while (g_hash_table_iter_next (&iter, NULL, &peer))
    send_sync (peer, message);
  sent = TRUE;
  say ("sent");
}

static void
on_frame (PpPeer *peer, GBytes *frame, gpointer data)
{
  PpFrameKind kind;
  const guint8 *payload;
  gsize len;

  if (!pp_frame_parse (frame, &kind, &payload, &len, NULL))
    return;
  if (kind == PP_FRAME_CONTROL)
    {
      PpDecoder dec;
      g_autofree char *json = NULL;

      pp_decoder_init (&dec, payload, len);
      json = pp_read_var_string_dup (&dec);
      if (json != NULL && strstr (json, "\"roster\"") != NULL && strstr (json, self_id) != NULL &&
          !admitted)
        {
          g_autoptr(GBytes) step1 = pp_sync_encode_step1 (doc);
          GHashTableIter iter;
          gpointer other;

          admitted = TRUE;
          say ("admitted");
          g_hash_table_iter_init (&iter, peers);
          while (g_hash_table_iter_next (&iter, NULL, &other))
            send_sync (other, step1);
        }
    }
  else if (kind == PP_FRAME_SYNC)
    {
      g_autoptr(GBytes) reply = NULL;

      g_hash_table_add (synced, peer);
      if (pp_sync_read_message (doc, payload, len, NULL, &reply, NULL) >= 0 && reply != NULL)
        send_sync (peer, reply);
    }
  maybe_strike ();
}

static void
on_peer_state (PpPeer *peer, GParamSpec *pspec, gpointer data)
{
  if (pp_peer_get_state (peer) == PP_PEER_CONNECTED)
    {
      g_autofree char *hello = g_strdup_printf ("{\"type\":\"hello\",\"name\":\"%s\"}", name);
      send_control (peer, hello);
      if (admitted)
        {
          g_autoptr(GBytes) step1 = pp_sync_encode_step1 (doc);
          send_sync (peer, step1);
        }
    }
}

static void
on_signal_out (PpPeer *peer, const char *json, gpointer data)
{
  g_autofree char *sealed = pp_seal_box_seal (seal, pp_peer_get_remote_id (peer),
                                              (const guint8 *) json, strlen (json), NULL);
  if (sealed != NULL)
    pp_signal_client_send (client, pp_peer_get_remote_id (peer), sealed);
}

static void
add_peer (const char *id)
{
  static const char * const lo[] = { "127.0.0.1", NULL };
  PpPeer *peer;

  if (g_hash_table_contains (peers, id) || strcmp (id, self_id) == 0)
    return;
  peer = pp_peer_new (self_id, id, pp_signal_client_get_ice_servers (client));
  if (loopback)
    pp_peer_set_local_addresses (peer, lo);
  g_signal_connect (peer, "signal-out", G_CALLBACK (on_signal_out), NULL);
  g_signal_connect (peer, "frame", G_CALLBACK (on_frame), NULL);
  g_signal_connect (peer, "notify::state", G_CALLBACK (on_peer_state), NULL);
  g_hash_table_insert (peers, g_strdup (id), peer);
  pp_peer_start (peer);
}

static void
on_joined (PpSignalClient *c, JsonNode *list, gpointer data)
{
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    add_peer (json_object_get_string_member (json_array_get_object_element (array, i), "peer"));
}

static void
on_peer_joined (PpSignalClient *c, const char *peer, const char *peer_name, gpointer data)
{
  add_peer (peer);
}

static void
on_signal (PpSignalClient *c, const char *from, const char *data_text, gpointer data)
{
  g_autoptr(GBytes) opened = pp_seal_box_open (seal, from, data_text, NULL);
  PpPeer *peer = g_hash_table_lookup (peers, from);
  g_autofree char *json = NULL;

  if (opened == NULL)
    return;
  if (peer == NULL)
    {
      add_peer (from);
      peer = g_hash_table_lookup (peers, from);
    }
  json = g_strndup (g_bytes_get_data (opened, NULL), g_bytes_get_size (opened));
  pp_peer_receive_signal (peer, json, NULL);
}

static gboolean
on_stdin (GIOChannel   *channel,
          GIOCondition  condition,
          gpointer      loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  g_autofree char *link = NULL;
  GOptionEntry entries[] = {
    { "join", 0, 0, G_OPTION_ARG_STRING, &link, "Invite link", "LINK" },
    { "case", 0, 0, G_OPTION_ARG_STRING, &hostile_case, "What to send", "CASE" },
    { "loopback", 0, 0, G_OPTION_ARG_NONE, &loopback, "ICE on 127.0.0.1 only", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("NAME");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpInvite) invite = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_log_writer_default_set_use_stderr (TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || link == NULL ||
      hostile_case == NULL || (invite = pp_invite_parse (link, &error)) == NULL)
    {
      g_printerr ("rogue-peer: %s\n", error ? error->message : "see the comment at the top");
      return 2;
    }
  name = argv[1];
  self_id = g_strdup_printf ("rogue%08x", g_random_int ());
  doc = pp_doc_new ();
  peers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  synced = g_hash_table_new (NULL, NULL);
  seal = pp_seal_box_new (invite->key, invite->room, self_id, &error);
  g_assert_no_error (error);
  uri = pp_invite_get_server_uri (invite);
  client = pp_signal_client_new (uri, invite->room, self_id, name);
  g_signal_connect (client, "joined", G_CALLBACK (on_joined), NULL);
  g_signal_connect (client, "peer-joined", G_CALLBACK (on_peer_joined), NULL);
  g_signal_connect (client, "signal", G_CALLBACK (on_signal), NULL);
  pp_signal_client_start (client);
  printf ("peer %s\n", self_id);
  fflush (stdout);
  /* Until the test closes our standard input, or kills us. */
  {
    g_autoptr(GIOChannel) in = g_io_channel_unix_new (0);
    g_io_add_watch (in, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, loop);
  }
  g_main_loop_run (loop);

  g_hash_table_unref (peers);
  pp_signal_client_stop (client);
  g_object_unref (client);
  pp_seal_box_free (seal);
  pp_doc_free (doc);
  g_free (self_id);
  return 0;
}

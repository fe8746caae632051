/* pp-session.c: a live session — the shared document, kept in sync with
 * every other participant, peer to peer
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who may send what (DESIGN.md, "Trust"): anyone with the link reaches
 * the room, and the host admits. Until a peer is in the host's roster no
 * document data goes to it, and none from it is read. Control that
 * changes the room (the roster, refusals, the end) counts only from the
 * host. Updates from a read-only participant are dropped. A peer that
 * sends what no honest peer sends is disconnected and kept out.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pp-frame.h"
#include "pp-invite.h"
#include "pp-lib0.h"
#include "pp-peer.h"
#include "pp-seal.h"
#include "pp-session.h"
#include "pp-session-record.h"
#include "pp-signal-client.h"
#include "pp-signal-protocol.h"
#include "pp-signal-server.h"

/* Held updates go out once a channel has less than this waiting. */
#define SEND_BUFFER_HIGH (64 * 1024)
#define PEER_ID_BYTES 12

/* Why a peer id is kept out for the rest of the session. */
typedef enum
{
  KEPT_OUT_BROKE_RULES = 1,    /* sent what no honest Pairpad sends */
  KEPT_OUT_REFUSED,
  KEPT_OUT_REMOVED,
} KeptOut;

typedef struct
{
  PpSession *session;          /* borrowed: the session owns this */
  char *peer_id;
  PpPeer *peer;                /* owned, nullable */
  PpParticipant *participant;  /* borrowed from the model */
  GPtrArray *pending;          /* GBytes updates held while the channel is busy */
  GHashTable *clients;         /* awareness client ids it announced */
  gboolean synced;             /* step 1 sent on this channel */
  GBytes *held_step1;          /* its step 1 from before we counted it in; answered then */
  gboolean said_leave;
  gint64 asked_at;             /* when we last asked it for what we lack */
  gint64 told_at;              /* when we last told it it is kept out */
  double loss;                 /* the share of our call's packets it last reported lost */
} Remote;

struct _PpSession
{
  GObject parent_instance;

  gboolean hosting;            /* started the room (the role may move) */
  char *name;
  char *peer_id;
  char *host_id;               /* who the host is now; NULL while unknown */
  char *server_uri;            /* nullable until start for an embedded server */
  char *server_label;          /* HOST:PORT, for sentences */
  char *room;
  char *key;
  gboolean tls;
  char *invite_link;
  char *embedded_address;
  char *color;
  char *color_light;
  gboolean color_picked;         /* ours from the palette, not the caller's */
  guint color_check_id;
  char *published;              /* the awareness state last set */
  gboolean closed;              /* disposed: nothing more goes out */
  JsonNode *own_turn;          /* owned, nullable: an RTCIceServer */
  gboolean relay_only;
  PpRelativePosition *anchor;  /* owned, nullable: our cursor */
  PpRelativePosition *head;
  char **local_addresses;
  char *store_path;
  char *title;                 /* nullable: "Live session" */
  PpMedia *media;              /* owned, nullable: no call */
  gint64 adapted_at;           /* when the camera's bitrate last followed the loss */

  PpSealBox *seal;
  PpSignalClient *client;
  GObject *embedded;           /* PpSignalServer, owned */
  PpSessionRecord *record;     /* owned, nullable: without a store path */
  GCancellable *cancellable;   /* owned: the stored state's load */
  guint save_id;
  PpDoc *doc;
  PpAwareness *awareness;
  GListStore *participants;    /* PpParticipant, this side first */
  PpParticipant *me;           /* borrowed from the model */
  GHashTable *remotes;         /* peer id -> Remote */
  GHashTable *blocked;         /* peer id -> KeptOut: kept out for the session */
  GHashTable *bytes_from;      /* peer id -> guint64 *: bytes of connections gone */
  GPtrArray *roster;           /* peer ids in order of admission; the host's view */
  guint flush_id;
  guint linger_id;
  gint64 linger_until;
  guint removed_close_id;
  guint n_refused;

  PpSessionState state;
  GError *error;
};

enum { PROP_0, PROP_STATE, PROP_INVITE_LINK, N_PROPS };
enum { JOIN_REQUEST, RUN_OUTPUT, HISTORY_FAILED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpSession, pp_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (pp-session-error-quark, pp_session_error)

static void start_sync (PpSession *self, Remote *remote);
static void send_roster (PpSession *self);

static gboolean
am_admitted (PpSession *self)
{
  return pp_participant_get_admitted (self->me);
}

static gboolean
am_host (PpSession *self)
{
  return self->host_id != NULL && strcmp (self->host_id, self->peer_id) == 0;
}

static gboolean
is_open (Remote *remote)
{
  return remote->peer != NULL && pp_peer_get_state (remote->peer) == PP_PEER_CONNECTED;
}

/* Document data flows between two peers when both are in the roster. */
static gboolean
may_sync (PpSession *self,
          Remote    *remote)
{
  return am_admitted (self) && pp_participant_get_admitted (remote->participant) && is_open (remote);
}

static void
set_state (PpSession      *self,
           PpSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void close_everything (PpSession *self);

static void
fail (PpSession  *self,
      GError     *error /* taken */)
{
  if (self->state == PP_SESSION_FAILED || self->state == PP_SESSION_ENDED)
    {
      g_error_free (error);
      return;
    }
  g_clear_error (&self->error);
  self->error = error;
  close_everything (self);
  set_state (self, PP_SESSION_FAILED);
}

/* The host removed us, or did not let us in: said on the data channel
 * or, to one that comes back, through the server. */
static void
fail_kept_out (PpSession *self,
               gboolean   removed)
{
  if (removed)
    fail (self, g_error_new_literal (PP_SESSION_ERROR, PP_SESSION_ERROR_REMOVED,
                                     _("The host removed you from the session. Your copy of the "
                                       "code is kept.")));
  else
    fail (self, g_error_new_literal (PP_SESSION_ERROR, PP_SESSION_ERROR_REFUSED,
                                     _("The host did not let you in.")));
}

/* Sending */

static void
send_frame (Remote *remote,
            GBytes *frame)
{
  if (is_open (remote))
    pp_peer_send (remote->peer, frame);
}

static void
send_control (Remote     *remote,
              JsonNode   *node)
{
  g_autofree char *json = json_to_string (node, FALSE);
  g_autoptr(GBytes) frame = pp_frame_build_control (json);

  send_frame (remote, frame);
}

static JsonNode *
control_new (const char *type,
             JsonObject **obj)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  *obj = json_object_new ();
  json_node_take_object (node, *obj);
  json_object_set_string_member (*obj, "type", type);
  return node;
}

static void
broadcast_control (PpSession *self,
                   JsonNode  *node,
                   gboolean   admitted_only)
{
  GHashTableIter iter;
  Remote *remote;

  g_hash_table_iter_init (&iter, self->remotes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
    if (!admitted_only || pp_participant_get_admitted (remote->participant))
      send_control (remote, node);
}

static void
send_awareness (PpSession *self,
                Remote    *remote)
{
  guint32 client = pp_awareness_get_client_id (self->awareness);
  g_autoptr(GBytes) update = pp_awareness_encode_update (self->awareness, &client, 1);
  g_autoptr(GBytes) frame = pp_frame_build (PP_FRAME_AWARENESS, g_bytes_get_data (update, NULL),
                                            g_bytes_get_size (update));

  send_frame (remote, frame);
}

static void
flush_remote (PpSession *self,
              Remote    *remote)
{
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) error = NULL;

  if (remote->pending->len == 0 || !may_sync (self, remote))
    return;
  if (pp_peer_get_buffered_amount (remote->peer) > SEND_BUFFER_HIGH)
    return;   /* "buffered-low" brings us back */

  if (remote->pending->len == 1)
    merged = g_bytes_ref (g_ptr_array_index (remote->pending, 0));
  else
    merged = pp_update_merge ((GBytes **) remote->pending->pdata, remote->pending->len, &error);
  if (merged == NULL)
    {
      g_warning ("Could not merge updates for %s: %s", remote->peer_id, error->message);
      return;
    }
  g_ptr_array_set_size (remote->pending, 0);
  message = pp_sync_encode_update (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged));
  frame = pp_frame_build (PP_FRAME_SYNC, g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  send_frame (remote, frame);
}

static gboolean
flush_all (gpointer data)
{
  PpSession *self = data;
  GHashTableIter iter;
  Remote *remote;

  self->flush_id = 0;
  g_hash_table_iter_init (&iter, self->remotes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
    flush_remote (self, remote);
  return G_SOURCE_REMOVE;
}

/* Sends what is held now, instead of when the main loop is idle. */
static void
flush_now (PpSession *self)
{
  g_clear_handle_id (&self->flush_id, g_source_remove);
  flush_all (self);
}

/* The history: every update with its time and origin, and now and then
 * the whole state, so the session can be reopened and resumed. */
#define SAVE_DELAY_MS 2000

static gboolean
save_now (gpointer data)
{
  PpSession *self = data;
  g_autoptr(GBytes) state = NULL;

  self->save_id = 0;
  if (self->record == NULL)
    return G_SOURCE_REMOVE;
  state = pp_doc_encode_state (self->doc, NULL, 0, NULL);
  pp_session_record_save_document (self->record, state);
  return G_SOURCE_REMOVE;
}

static void
record_update (PpSession               *self,
               const guint8            *update,
               gsize                    len,
               const PpTransactionInfo *info)
{
  g_autoptr(GBytes) bytes = NULL;
  Remote *remote = NULL;
  GHashTableIter iter;
  const char *origin = "local";

  if (self->record == NULL || info->origin == self->record)
    return;
  if (!info->local)
    {
      g_hash_table_iter_init (&iter, self->remotes);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
        if (remote == info->origin)
          {
            origin = remote->peer_id;
            break;
          }
    }
  bytes = g_bytes_new (update, len);
  pp_session_record_append_update (self->record, g_get_real_time (), origin, bytes);
  if (self->save_id == 0)
    self->save_id = g_timeout_add (SAVE_DELAY_MS, save_now, self);
}

/* Every local transaction: held for each peer and sent once the main
 * loop is idle, so a burst of keystrokes goes out as one merged update. */
static void
on_doc_update (PpDoc                   *doc,
               const guint8            *update,
               gsize                    len,
               const PpTransactionInfo *info,
               gpointer                 data)
{
  PpSession *self = data;
  GHashTableIter iter;
  Remote *remote;

  record_update (self, update, len, info);
  if (!info->local || self->closed)
    return;
  g_hash_table_iter_init (&iter, self->remotes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
    if (may_sync (self, remote))
      g_ptr_array_add (remote->pending, g_bytes_new (update, len));
  if (self->flush_id == 0)
    self->flush_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, flush_all, self, NULL);
}

static JsonObject *object_member (JsonObject *obj, const char *name);
static const char *string_member (JsonObject *obj, const char *name);

/* y-codemirror.next's own palette: colour and its light variant. */
static const char * const palette[][2] = {
  { "#30bced", "#30bced33" }, { "#6eeb83", "#6eeb8333" }, { "#ffbc42", "#ffbc4233" },
  { "#ecd444", "#ecd44433" }, { "#ee6352", "#ee635233" }, { "#9ac2c9", "#9ac2c933" },
  { "#8acb88", "#8acb8833" }, { "#1be7ff", "#1be7ff33" },
};

/* The colour an awareness state shows, lower case, or NULL. */
static char *
state_color (const char *state)
{
  g_autoptr(JsonNode) root = state != NULL ? json_from_string (state, NULL) : NULL;
  const char *color;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (color = string_member (object_member (json_node_get_object (root), "user"), "color")) == NULL)
    return NULL;
  return g_ascii_strdown (color, -1);
}

/* Up to eight people each get a colour of their own. Hashing peer ids
 * lets two meet on one colour; when ours is also shown by a client with
 * a smaller awareness id (the rule picks the same one of two on both
 * sides), ours moves to the first colour of the palette that nobody
 * shows. Those that moved at once meet again and settle the same way. A
 * colour the caller chose is left alone. */
static gboolean
check_color (gpointer data)
{
  PpSession *self = data;
  guint32 me = pp_awareness_get_client_id (self->awareness);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint32 *clients = NULL;
  gboolean clash = FALSE;
  guint n = 0;

  self->color_check_id = 0;
  if (!self->color_picked)
    return G_SOURCE_REMOVE;
  clients = pp_awareness_get_clients (self->awareness, &n);
  for (guint i = 0; i < n; i++)
    {
      char *color;

      if (clients[i] == me ||
          (color = state_color (pp_awareness_get_state (self->awareness, clients[i]))) == NULL)
        continue;
      if (clients[i] < me && g_ascii_strcasecmp (color, self->color) == 0)
        clash = TRUE;
      g_hash_table_add (shown, color);
    }
  if (!clash)
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    if (!g_hash_table_contains (shown, palette[i][0]))
      {
        pp_session_set_user_color (self, palette[i][0], palette[i][1]);
        self->color_picked = TRUE;
        break;
      }
  return G_SOURCE_REMOVE;
}

static JsonObject *object_member (JsonObject *obj, const char *name);
static gboolean boolean_member (JsonObject *obj, const char *name);

/* Whether their microphone and camera are on, as their awareness state
 * says ("media": {"audio": true, "video": false}); off when it says
 * nothing. */
static void
update_call_state (PpSession *self,
                   Remote    *remote)
{
  gboolean on[2] = { FALSE, FALSE };
  GHashTableIter iter;
  gpointer client;

  g_hash_table_iter_init (&iter, remote->clients);
  while (g_hash_table_iter_next (&iter, &client, NULL))
    {
      const char *state = pp_awareness_get_state (self->awareness, GPOINTER_TO_UINT (client));
      g_autoptr(JsonNode) root = state != NULL ? json_from_string (state, NULL) : NULL;
      JsonObject *media;

      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
          (media = object_member (json_node_get_object (root), "media")) == NULL)
        continue;
      on[PP_MEDIA_AUDIO] |= boolean_member (media, "audio");
      on[PP_MEDIA_VIDEO] |= boolean_member (media, "video");
    }
  pp_participant_set_sending (remote->participant, PP_MEDIA_AUDIO, on[PP_MEDIA_AUDIO]);
  pp_participant_set_sending (remote->participant, PP_MEDIA_VIDEO, on[PP_MEDIA_VIDEO]);
}

static void
on_awareness_change (PpAwareness             *awareness,
                     const PpAwarenessChange *change,
                     gpointer                 data)
{
  PpSession *self = data;
  GHashTableIter iter;
  Remote *remote;

  if (change->local)
    {
      g_hash_table_iter_init (&iter, self->remotes);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
        if (may_sync (self, remote))
          send_awareness (self, remote);
      return;
    }
  if (change->changed && self->color_picked && self->color_check_id == 0)
    self->color_check_id = g_idle_add (check_color, self);
  /* Remember whose clients are whose, to drop their cursors with them. */
  remote = change->origin;
  if (remote == NULL)
    return;
  for (guint i = 0; i < change->n_added; i++)
    g_hash_table_add (remote->clients, GUINT_TO_POINTER (change->added[i]));
  update_call_state (self, remote);
}

/* Sentences */

static char *
failure_reason (Remote *remote)
{
  const char *name = pp_participant_get_name (remote->participant);

  switch (pp_peer_get_failure (remote->peer))
    {
    case PP_PEER_FAILURE_NO_ROUTE:
      return g_strdup_printf (_("No route between you and %s. The host can configure a TURN "
                                "server in Preferences."), name);
    case PP_PEER_FAILURE_TIMEOUT:
      return g_strdup_printf (_("Could not connect to %s in time. Check that both of you are "
                                "online; the host can configure a TURN server in Preferences."),
                              name);
    case PP_PEER_FAILURE_PROTOCOL:
      return g_strdup_printf (_("%s sent data Pairpad refuses (%s), so they were disconnected."),
                              name, pp_peer_get_failure_detail (remote->peer));
    case PP_PEER_FAILURE_NONE:
    default:
      return g_strdup_printf (_("The connection to %s failed."), name);
    }
}

/* Peers */

static void remote_free (gpointer data);
static Remote *ensure_remote (PpSession *self, const char *peer_id, const char *name);

static void
drop_awareness_of (PpSession *self,
                   Remote    *remote)
{
  g_autofree guint32 *clients = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  clients = g_new (guint32, g_hash_table_size (remote->clients) + 1);
  g_hash_table_iter_init (&iter, remote->clients);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    clients[n++] = GPOINTER_TO_UINT (key);
  if (n > 0)
    pp_awareness_remove_states (self->awareness, clients, n, remote);
  g_hash_table_remove_all (remote->clients);
}

/* A peer that broke the rules: out for the rest of the session. */
static void
block_remote (PpSession  *self,
              Remote     *remote,
              const char *detail)
{
  g_autofree char *reason = NULL;

  self->n_refused++;
  g_hash_table_insert (self->blocked, g_strdup (remote->peer_id), GINT_TO_POINTER (KEPT_OUT_BROKE_RULES));
  if (remote->peer != NULL)
    pp_peer_fail (remote->peer, PP_PEER_FAILURE_PROTOCOL, detail);
  reason = g_strdup_printf (_("%s sent data Pairpad refuses (%s), so they were disconnected."),
                            pp_participant_get_name (remote->participant), detail);
  pp_participant_set_state (remote->participant, PP_PARTICIPANT_FAILED, reason);
  drop_awareness_of (self, remote);
}

static gboolean
is_joining (PpSession *self)
{
  return !am_admitted (self) &&
         (self->state == PP_SESSION_CONNECTING || self->state == PP_SESSION_WAITING);
}

static gboolean
any_peer_alive (PpSession *self)
{
  GHashTableIter iter;
  Remote *remote;

  g_hash_table_iter_init (&iter, self->remotes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
    if (remote->peer != NULL && pp_peer_get_state (remote->peer) != PP_PEER_FAILED &&
        pp_peer_get_state (remote->peer) != PP_PEER_CLOSED)
      return TRUE;
  return FALSE;
}

static void
on_peer_state (PpPeer     *peer,
               GParamSpec *pspec,
               gpointer    data)
{
  Remote *remote = data;
  PpSession *self = remote->session;
  g_autoptr(JsonNode) hello = NULL;
  JsonObject *obj;

  /* Its connection closes shortly; it stays what it is. */
  if (pp_participant_get_state (remote->participant) == PP_PARTICIPANT_REMOVED ||
      pp_participant_get_state (remote->participant) == PP_PARTICIPANT_REFUSED)
    return;
  switch (pp_peer_get_state (peer))
    {
    case PP_PEER_CONNECTED:
      remote->synced = FALSE;
      if (pp_participant_get_state (remote->participant) != PP_PARTICIPANT_WAITING)
        pp_participant_set_state (remote->participant, PP_PARTICIPANT_CONNECTED, NULL);
      hello = control_new ("hello", &obj);
      json_object_set_string_member (obj, "name", self->name);
      send_control (remote, hello);
      if (am_host (self) && pp_participant_get_admitted (remote->participant))
        send_roster (self);
      start_sync (self, remote);
      break;
    case PP_PEER_RECONNECTING:
      remote->synced = FALSE;
      pp_participant_set_state (remote->participant, PP_PARTICIPANT_RECONNECTING, NULL);
      break;
    case PP_PEER_FAILED:
      if (pp_participant_get_state (remote->participant) != PP_PARTICIPANT_FAILED)
        {
          g_autofree char *reason = failure_reason (remote);
          pp_participant_set_state (remote->participant, PP_PARTICIPANT_FAILED, reason);
        }
      /* A guest that can reach nobody has not joined: say why. */
      if (is_joining (self) && !any_peer_alive (self))
        fail (self, g_error_new_literal (PP_SESSION_ERROR, PP_SESSION_ERROR_FAILED,
                                         pp_participant_get_reason (remote->participant)));
      break;
    case PP_PEER_CONNECTING:
    case PP_PEER_CLOSED:
    default:
      break;
    }
}

static void
send_sealed (PpSession  *self,
             const char *peer_id,
             const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sealed = NULL;

  sealed = pp_seal_box_seal (self->seal, peer_id, (const guint8 *) json, strlen (json), &error);
  if (sealed == NULL)
    {
      g_warning ("Could not seal a payload for %s: %s", peer_id, error->message);
      return;
    }
  pp_signal_client_send (self->client, peer_id, sealed);
}

static void
on_peer_signal_out (PpPeer     *peer,
                    const char *json,
                    gpointer    data)
{
  Remote *remote = data;

  send_sealed (remote->session, remote->peer_id, json);
}

static void
on_peer_buffered_low (PpPeer  *peer,
                      gpointer data)
{
  Remote *remote = data;

  flush_remote (remote->session, remote);
}

static void handle_frame (PpSession *self, Remote *remote, GBytes *frame);

static void
on_peer_frame (PpPeer  *peer,
               GBytes  *frame,
               gpointer data)
{
  Remote *remote = data;

  handle_frame (remote->session, remote, frame);
}

/* The camera's one encoding goes to every peer: the worst loss they
 * report sets its bitrate, once per round of reports. */
static void
adapt_bitrate (PpSession *self)
{
  gint64 now = g_get_monotonic_time ();
  double worst = 0;
  GHashTableIter iter;
  Remote *remote;

  if (self->media == NULL || now - self->adapted_at < 1500 * G_TIME_SPAN_MILLISECOND)
    return;
  g_hash_table_iter_init (&iter, self->remotes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
    if (is_open (remote))
      worst = MAX (worst, remote->loss);
  self->adapted_at = now;
  pp_media_adapt_video_bitrate (self->media, worst);
}

/* What we lose of a peer's call, that peer hears, to follow it. */
static void
on_peer_loss (PpPeer   *peer,
              double    loss,
              gpointer  data)
{
  Remote *remote = data;
  JsonObject *obj;
  g_autoptr(JsonNode) node = control_new ("call-loss", &obj);

  json_object_set_double_member (obj, "loss", loss);
  if (may_sync (remote->session, remote))
    send_control (remote, node);
}

static void
on_peer_stream_changed (PpPeer  *peer,
                        guint    kind,
                        gpointer data)
{
  Remote *remote = data;

  pp_participant_set_stream (remote->participant, kind, pp_peer_get_decoder (peer, kind));
}

static void
remote_close_peer (Remote *remote)
{
  guint64 *total;

  if (remote->peer == NULL)
    return;
  pp_participant_set_stream (remote->participant, PP_MEDIA_AUDIO, NULL);
  pp_participant_set_stream (remote->participant, PP_MEDIA_VIDEO, NULL);
  total = g_hash_table_lookup (remote->session->bytes_from, remote->peer_id);
  if (total == NULL)
    {
      total = g_new0 (guint64, 1);
      g_hash_table_insert (remote->session->bytes_from, g_strdup (remote->peer_id), total);
    }
  *total += pp_peer_get_bytes_received (remote->peer);
  g_signal_handlers_disconnect_by_data (remote->peer, remote);
  pp_peer_close (remote->peer);
  g_clear_object (&remote->peer);
  remote->synced = FALSE;
  remote->loss = 0;
  g_clear_pointer (&remote->held_step1, g_bytes_unref);
  g_ptr_array_set_size (remote->pending, 0);
}

/* The server's relays, and the user's own. */
static JsonNode *
ice_servers (PpSession *self)
{
  JsonNode *given = pp_signal_client_get_ice_servers (self->client);
  JsonArray *all = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  if (given != NULL && JSON_NODE_HOLDS_ARRAY (given))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (given)); i++)
      json_array_add_element (all, json_node_copy (json_array_get_element (json_node_get_array (given), i)));
  if (self->own_turn != NULL)
    json_array_add_element (all, json_node_copy (self->own_turn));
  json_node_take_array (node, all);
  return node;
}

static void
remote_start_peer (Remote *remote)
{
  PpSession *self = remote->session;
  g_autoptr(JsonNode) ice = NULL;

  remote_close_peer (remote);
  ice = ice_servers (self);
  remote->peer = pp_peer_new (self->peer_id, remote->peer_id, ice);
  pp_peer_set_relay_only (remote->peer, self->relay_only);
  if (self->local_addresses != NULL)
    pp_peer_set_local_addresses (remote->peer, (const char * const *) self->local_addresses);
  g_signal_connect (remote->peer, "notify::state", G_CALLBACK (on_peer_state), remote);
  g_signal_connect (remote->peer, "signal-out", G_CALLBACK (on_peer_signal_out), remote);
  g_signal_connect (remote->peer, "frame", G_CALLBACK (on_peer_frame), remote);
  g_signal_connect (remote->peer, "buffered-low", G_CALLBACK (on_peer_buffered_low), remote);
  g_signal_connect (remote->peer, "stream-changed", G_CALLBACK (on_peer_stream_changed), remote);
  g_signal_connect (remote->peer, "loss", G_CALLBACK (on_peer_loss), remote);
  pp_peer_set_media (remote->peer, self->media);
  if (pp_participant_get_state (remote->participant) != PP_PARTICIPANT_WAITING)
    pp_participant_set_state (remote->participant, PP_PARTICIPANT_CONNECTING, NULL);
  pp_peer_start (remote->peer);
}

static void
remote_free (gpointer data)
{
  Remote *remote = data;

  remote_close_peer (remote);
  g_free (remote->peer_id);
  g_clear_pointer (&remote->held_step1, g_bytes_unref);
  g_ptr_array_unref (remote->pending);
  g_hash_table_unref (remote->clients);
  g_free (remote);
}

static Remote *
ensure_remote (PpSession  *self,
               const char *peer_id,
               const char *name)
{
  Remote *remote = g_hash_table_lookup (self->remotes, peer_id);
  PpParticipant *participant;

  if (remote != NULL)
    return remote;

  participant = pp_session_find_participant (self, peer_id);
  if (participant == NULL)
    {
      g_autoptr(PpParticipant) p = pp_participant_new (peer_id, name, FALSE);
      g_list_store_append (self->participants, p);
      participant = p;
    }
  remote = g_new0 (Remote, 1);
  remote->session = self;
  remote->peer_id = g_strdup (peer_id);
  remote->participant = participant;
  remote->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  remote->clients = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (self->remotes, remote->peer_id, remote);
  return remote;
}

/* Sync */

static void handle_sync (PpSession *self, Remote *remote, const guint8 *payload, gsize len);

/* Parts of an update that waited for others are checked when those
 * arrive, and dropped if they fail: whoever sent them is out. */
static void
block_late_refusals (PpSession *self)
{
  g_autoptr(GError) error = NULL;
  gpointer origin = NULL;
  GHashTableIter iter;
  Remote *remote;

  if (pp_doc_take_refused (self->doc, &origin, &error) == 0)
    return;
  g_hash_table_iter_init (&iter, self->remotes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
    if (remote == origin)
      {
        block_remote (self, remote, error ? error->message : "an update Pairpad refuses");
        return;
      }
}

static void
start_sync (PpSession *self,
            Remote    *remote)
{
  g_autoptr(GBytes) step1 = NULL;
  g_autoptr(GBytes) frame = NULL;

  if (remote->synced || !may_sync (self, remote))
    return;
  remote->synced = TRUE;
  step1 = pp_sync_encode_step1 (self->doc);
  frame = pp_frame_build (PP_FRAME_SYNC, g_bytes_get_data (step1, NULL), g_bytes_get_size (step1));
  send_frame (remote, frame);
  send_awareness (self, remote);
  if (remote->held_step1 != NULL)
    {
      g_autoptr(GBytes) held = g_steal_pointer (&remote->held_step1);
      handle_sync (self, remote, g_bytes_get_data (held, NULL), g_bytes_get_size (held));
    }
}

static void
start_sync_all (PpSession *self)
{
  GHashTableIter iter;
  Remote *remote;

  g_hash_table_iter_init (&iter, self->remotes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
    start_sync (self, remote);
}

static void
handle_sync (PpSession    *self,
             Remote       *remote,
             const guint8 *payload,
             gsize         len)
{
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  PpDecoder dec;
  guint64 type;

  pp_decoder_init (&dec, payload, len);
  type = pp_read_var_uint (&dec);
  if (!pp_decoder_ok (&dec) || type > PP_SYNC_UPDATE)
    {
      block_remote (self, remote, "a sync message of unknown type");
      return;
    }
  if (!am_admitted (self) || !pp_participant_get_admitted (remote->participant))
    {
      /* The roster that counts it in may be on its way to us: its
       * step 1 is answered then, or it would never get our state. */
      if (type == PP_SYNC_STEP1 && len <= PP_FRAME_MAX_MESSAGE)
        {
          g_clear_pointer (&remote->held_step1, g_bytes_unref);
          remote->held_step1 = g_bytes_new (payload, len);
        }
      return;
    }
  if (type != PP_SYNC_STEP1 && pp_participant_get_role (remote->participant) == PP_ROLE_VIEWER)
    return;   /* read-only: their changes go nowhere */

  if (pp_sync_read_remote_message (self->doc, payload, len, remote, &reply, &error) < 0)
    {
      block_remote (self, remote, error->message);
      return;
    }
  block_late_refusals (self);
  if (reply != NULL)
    {
      g_autoptr(GBytes) frame = pp_frame_build (PP_FRAME_SYNC, g_bytes_get_data (reply, NULL),
                                                g_bytes_get_size (reply));
      send_frame (remote, frame);
    }
  /* An update that builds on changes we never got (a member's last
   * edits that reached the others but not us before the host removed
   * them or made them read-only): asking the sender for what we lack
   * brings them. Its answer does not ask again, and neither does more
   * than one update a second. */
  if (type == PP_SYNC_UPDATE && pp_doc_has_pending (self->doc) &&
      g_get_monotonic_time () - remote->asked_at > G_USEC_PER_SEC)
    {
      g_autoptr(GBytes) step1 = pp_sync_encode_step1 (self->doc);
      g_autoptr(GBytes) frame = pp_frame_build (PP_FRAME_SYNC, g_bytes_get_data (step1, NULL),
                                                g_bytes_get_size (step1));

      remote->asked_at = g_get_monotonic_time ();
      send_frame (remote, frame);
    }
}

/* Control */

static const char *
role_name (PpRole role)
{
  switch (role)
    {
    case PP_ROLE_HOST:
      return "host";
    case PP_ROLE_VIEWER:
      return "viewer";
    case PP_ROLE_EDITOR:
    default:
      return "editor";
    }
}

static gboolean
role_from_name (const char *name,
                PpRole     *role)
{
  if (g_strcmp0 (name, "host") == 0)
    *role = PP_ROLE_HOST;
  else if (g_strcmp0 (name, "editor") == 0)
    *role = PP_ROLE_EDITOR;
  else if (g_strcmp0 (name, "viewer") == 0)
    *role = PP_ROLE_VIEWER;
  else
    return FALSE;
  return TRUE;
}

static void
send_roster (PpSession *self)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj;
  JsonArray *members = json_array_new ();

  node = control_new ("roster", &obj);
  json_object_set_string_member (obj, "host", self->host_id);
  for (guint i = 0; i < self->roster->len; i++)
    {
      const char *id = g_ptr_array_index (self->roster, i);
      PpParticipant *p = pp_session_find_participant (self, id);
      JsonObject *member = json_object_new ();

      json_object_set_string_member (member, "peer", id);
      json_object_set_string_member (member, "name", p ? pp_participant_get_name (p) : id);
      json_object_set_string_member (member, "role",
                                     role_name (p ? pp_participant_get_role (p) : PP_ROLE_EDITOR));
      json_array_add_object_element (members, member);
    }
  json_object_set_array_member (obj, "members", members);
  broadcast_control (self, node, TRUE);
}

static gboolean
in_roster (PpSession  *self,
           const char *peer_id)
{
  for (guint i = 0; i < self->roster->len; i++)
    if (strcmp (g_ptr_array_index (self->roster, i), peer_id) == 0)
      return TRUE;
  return FALSE;
}

/* Out for the rest of the session, by the host's decision. */
static void
mark_removed (PpSession *self,
              Remote    *remote)
{
  g_hash_table_insert (self->blocked, g_strdup (remote->peer_id), GINT_TO_POINTER (KEPT_OUT_REMOVED));
  pp_participant_set_admitted (remote->participant, FALSE);
  pp_participant_set_state (remote->participant, PP_PARTICIPANT_REMOVED, NULL);
  drop_awareness_of (self, remote);
}

/* A member the host's roster no longer counts in was removed: no more
 * document data to or from them, and no connection. */
static void
drop_removed_members (PpSession *self)
{
  GHashTableIter iter;
  Remote *remote;

  g_hash_table_iter_init (&iter, self->remotes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
    if (pp_participant_get_admitted (remote->participant) && !in_roster (self, remote->peer_id))
      {
        mark_removed (self, remote);
        remote_close_peer (remote);
      }
}

/* Takes over the roster the host sent. */
static void
apply_roster (PpSession  *self,
              Remote     *from,
              JsonObject *obj)
{
  JsonNode *members_node = json_object_get_member (obj, "members");
  JsonArray *members = members_node != NULL && JSON_NODE_HOLDS_ARRAY (members_node)
                       ? json_node_get_array (members_node) : NULL;
  const char *host = string_member (obj, "host");
  g_autoptr(GPtrArray) roster = g_ptr_array_new_with_free_func (g_free);
  gboolean was_admitted = am_admitted (self);

  if (members == NULL || host == NULL || strcmp (host, from->peer_id) != 0)
    return;
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      JsonObject *member;
      const char *peer, *name, *role_text;
      PpRole role;
      PpParticipant *p;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      member = json_node_get_object (node);
      peer = string_member (member, "peer");
      name = string_member (member, "name");
      role_text = string_member (member, "role");
      if (!pp_signal_peer_id_is_valid (peer) || !role_from_name (role_text, &role))
        continue;
      g_ptr_array_add (roster, g_strdup (peer));
      p = pp_session_find_participant (self, peer);
      if (p == NULL)
        p = ensure_remote (self, peer, name)->participant;
      if (!pp_participant_is_self (p) && name != NULL && pp_signal_name_is_valid (name))
        pp_participant_set_name (p, name);
      pp_participant_set_role (p, role);
      pp_participant_set_admitted (p, TRUE);
    }
  g_free (self->host_id);
  self->host_id = g_strdup (host);
  g_ptr_array_unref (self->roster);
  self->roster = g_steal_pointer (&roster);
  drop_removed_members (self);

  if (!was_admitted && am_admitted (self))
    set_state (self, PP_SESSION_ACTIVE);
  start_sync_all (self);
}

static Remote *
find_remote (PpSession  *self,
             const char *peer_id)
{
  return peer_id ? g_hash_table_lookup (self->remotes, peer_id) : NULL;
}

/* The host left: the longest-present participant still here takes over. */
static void
hand_off_host (PpSession *self)
{
  const char *next = NULL;

  for (guint i = 0; i < self->roster->len && next == NULL; i++)
    {
      const char *id = g_ptr_array_index (self->roster, i);
      PpParticipant *p = pp_session_find_participant (self, id);
      Remote *remote = find_remote (self, id);

      if (g_strcmp0 (id, self->host_id) == 0 || p == NULL)
        continue;
      if (pp_participant_is_self (p) || (remote != NULL && !remote->said_leave &&
                                        pp_participant_get_state (p) != PP_PARTICIPANT_FAILED))
        next = id;
    }
  if (next == NULL)
    return;
  g_free (self->host_id);
  self->host_id = g_strdup (next);
  pp_participant_set_role (pp_session_find_participant (self, next), PP_ROLE_HOST);
  if (am_host (self))
    send_roster (self);
}

static void
handle_control (PpSession    *self,
                Remote       *remote,
                const guint8 *payload,
                gsize         len)
{
  PpDecoder dec;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *obj;
  const char *type;
  gboolean from_host;

  pp_decoder_init (&dec, payload, len);
  json = pp_read_var_string_dup (&dec);
  if (!pp_decoder_ok (&dec) || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      block_remote (self, remote, "a control message that is not a JSON object");
      return;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  type = string_member (obj, "type");
  if (type == NULL)
    type = "";
  from_host = g_strcmp0 (self->host_id, remote->peer_id) == 0;

  if (strcmp (type, "hello") == 0)
    {
      const char *name = string_member (obj, "name");

      if (name != NULL && pp_signal_name_is_valid (name))
        pp_participant_set_name (remote->participant, name);
      if (am_host (self) && !pp_participant_get_admitted (remote->participant) &&
          pp_participant_get_state (remote->participant) != PP_PARTICIPANT_WAITING)
        {
          pp_participant_set_state (remote->participant, PP_PARTICIPANT_WAITING, NULL);
          g_signal_emit (self, signals[JOIN_REQUEST], 0, remote->participant);
        }
    }
  else if (strcmp (type, "roster") == 0)
    {
      /* A guest not yet in learns who the host is from the host itself. */
      if (from_host || (self->host_id == NULL && !am_admitted (self)))
        apply_roster (self, remote, obj);
    }
  else if (strcmp (type, "refused") == 0 && (from_host || self->host_id == NULL) && !am_admitted (self))
    fail_kept_out (self, FALSE);
  else if (strcmp (type, "removed") == 0 && from_host && am_admitted (self))
    fail_kept_out (self, TRUE);
  else if (strcmp (type, "end") == 0 && from_host)
    {
      close_everything (self);
      set_state (self, PP_SESSION_ENDED);
    }
  else if (strcmp (type, "leave") == 0)
    {
      remote->said_leave = TRUE;
      pp_participant_set_state (remote->participant, PP_PARTICIPANT_LEFT, NULL);
      drop_awareness_of (self, remote);
      if (from_host)
        hand_off_host (self);
    }
  else if (strcmp (type, "call-loss") == 0)
    {
      JsonNode *loss = json_object_get_member (obj, "loss");

      if (loss != NULL && JSON_NODE_HOLDS_VALUE (loss) &&
          (json_node_get_value_type (loss) == G_TYPE_DOUBLE || json_node_get_value_type (loss) == G_TYPE_INT64))
        {
          remote->loss = CLAMP (json_node_get_double (loss), 0.0, 1.0);
          adapt_bitrate (self);
        }
    }
  else if (strcmp (type, "run-output") == 0 && pp_participant_get_admitted (remote->participant))
    {
      const char *run = string_member (obj, "run");
      const char *stream = string_member (obj, "stream");
      const char *text = string_member (obj, "text");

      if (run != NULL && stream != NULL && text != NULL)
        g_signal_emit (self, signals[RUN_OUTPUT], 0, remote->peer_id, run, stream, text);
    }
  /* Anything else is from a later version, or not for us: ignored. */
}

static void
handle_frame (PpSession *self,
              Remote    *remote,
              GBytes    *frame)
{
  g_autoptr(GError) error = NULL;
  PpFrameKind kind;
  const guint8 *payload;
  gsize len;

  if (g_hash_table_contains (self->blocked, remote->peer_id) ||
      self->state == PP_SESSION_ENDED || self->state == PP_SESSION_FAILED)
    return;
  if (!pp_frame_parse (frame, &kind, &payload, &len, &error))
    {
      block_remote (self, remote, error->message);
      return;
    }
  switch (kind)
    {
    case PP_FRAME_SYNC:
      handle_sync (self, remote, payload, len);
      break;
    case PP_FRAME_AWARENESS:
      if (am_admitted (self) && pp_participant_get_admitted (remote->participant) &&
          !pp_awareness_apply_update (self->awareness, payload, len, remote, &error))
        block_remote (self, remote, error->message);
      break;
    case PP_FRAME_CONTROL:
      handle_control (self, remote, payload, len);
      break;
    case PP_FRAME_CHUNK:
    default:
      block_remote (self, remote, "a frame of unknown kind");
      break;
    }
}

/* Signaling */

static void
on_client_joined (PpSignalClient *client,
                  JsonNode       *peers,
                  gpointer        data)
{
  PpSession *self = data;
  JsonArray *list = peers && JSON_NODE_HOLDS_ARRAY (peers) ? json_node_get_array (peers) : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *obj;
      const char *peer, *name;
      Remote *remote;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      obj = json_node_get_object (node);
      peer = string_member (obj, "peer");
      name = string_member (obj, "name");
      if (!pp_signal_peer_id_is_valid (peer) || g_hash_table_contains (self->blocked, peer) ||
          strcmp (peer, self->peer_id) == 0)
        continue;
      remote = ensure_remote (self, peer, name);
      /* Connections that lived through the server's absence stay. */
      if (remote->peer == NULL || pp_peer_get_state (remote->peer) == PP_PEER_FAILED)
        remote_start_peer (remote);
    }
  if (self->state == PP_SESSION_CONNECTING)
    set_state (self, am_admitted (self) ? PP_SESSION_ACTIVE : PP_SESSION_WAITING);
}

/* Someone the host removed or refused comes back to the room (an app
 * restarted, the link opened again): there is no connection to say it
 * on, so it goes sealed through the server, or they would wait to be
 * let in for ever. */
static void
tell_kept_out (PpSession  *self,
               const char *peer_id)
{
  Remote *remote = find_remote (self, peer_id);
  KeptOut why = GPOINTER_TO_INT (g_hash_table_lookup (self->blocked, peer_id));

  /* On its arrival and on what it sends, but not more than once a
   * second, whatever it sends. */
  if (!am_host (self) || remote == NULL || g_get_monotonic_time () - remote->told_at < G_USEC_PER_SEC ||
      (why != KEPT_OUT_REMOVED && why != KEPT_OUT_REFUSED))
    return;
  remote->told_at = g_get_monotonic_time ();
  send_sealed (self, peer_id, why == KEPT_OUT_REMOVED ? "{\"type\":\"removed\"}"
                                                      : "{\"type\":\"refused\"}");
}

/* The host's answer to a join it will not let in, as tell_kept_out ()
 * sends it. Anything else goes to the connection. */
static gboolean
kept_out (PpSession  *self,
          const char *from,
          const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *type = NULL;

  /* From the host; or, while joining and before the roster says who
   * that is, from whoever answers (as "refused" on a channel). */
  if ((self->host_id != NULL ? strcmp (from, self->host_id) != 0 : am_admitted (self)) ||
      !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  type = string_member (json_node_get_object (json_parser_get_root (parser)), "type");
  if (g_strcmp0 (type, "removed") != 0 && g_strcmp0 (type, "refused") != 0)
    return FALSE;
  fail_kept_out (self, g_str_equal (type, "removed"));
  return TRUE;
}

static void
on_client_peer_joined (PpSignalClient *client,
                       const char     *peer,
                       const char     *name,
                       gpointer        data)
{
  PpSession *self = data;
  Remote *remote;

  if (strcmp (peer, self->peer_id) == 0)
    return;
  if (g_hash_table_contains (self->blocked, peer))
    {
      tell_kept_out (self, peer);
      return;
    }
  remote = ensure_remote (self, peer, name);
  remote->said_leave = FALSE;
  /* Came back (a restart, a new connection): a new peer connection. */
  remote_start_peer (remote);
}

static void
on_client_peer_left (PpSignalClient *client,
                     const char     *peer,
                     gpointer        data)
{
  PpSession *self = data;
  Remote *remote = find_remote (self, peer);

  if (remote == NULL)
    return;
  remote_close_peer (remote);
  drop_awareness_of (self, remote);
  if (pp_participant_get_state (remote->participant) == PP_PARTICIPANT_FAILED ||
      pp_participant_get_state (remote->participant) == PP_PARTICIPANT_REFUSED ||
      pp_participant_get_state (remote->participant) == PP_PARTICIPANT_REMOVED)
    return;
  if (remote->said_leave || !pp_participant_get_admitted (remote->participant))
    pp_participant_set_state (remote->participant, PP_PARTICIPANT_LEFT, NULL);
  else
    {
      g_autofree char *reason =
        g_strdup_printf (_("%s lost the connection; their edits will arrive when they are back."),
                         pp_participant_get_name (remote->participant));
      pp_participant_set_state (remote->participant, PP_PARTICIPANT_RECONNECTING, reason);
    }
}

static void
on_client_signal (PpSignalClient *client,
                  const char     *from,
                  const char     *data_text,
                  gpointer        data)
{
  PpSession *self = data;
  Remote *remote = find_remote (self, from);
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (remote == NULL || g_hash_table_contains (self->blocked, from))
    {
      g_debug ("A payload from %s, who is %s, was dropped", from,
               remote == NULL ? "unknown" : "blocked");
      tell_kept_out (self, from);
      return;
    }
  opened = pp_seal_box_open (self->seal, from, data_text, &error);
  if (opened == NULL)
    {
      self->n_refused++;
      g_debug ("A payload from %s was refused: %s", from, error->message);
      if (is_joining (self))
        fail (self, g_error_new (PP_SESSION_ERROR, PP_SESSION_ERROR_TAMPERED,
                                 _("The connection through %s was tampered with; the join was "
                                   "stopped. Ask the host for a new link or another server."),
                                 self->server_label));
      return;
    }
  json = g_strndup (g_bytes_get_data (opened, NULL), g_bytes_get_size (opened));
  if (kept_out (self, from, json))
    return;
  if (remote->peer == NULL)
    remote_start_peer (remote);
  if (!pp_peer_receive_signal (remote->peer, json, &error))
    block_remote (self, remote, error->message);
}

static void
on_client_state (PpSignalClient *client,
                 GParamSpec     *pspec,
                 gpointer        data)
{
  PpSession *self = data;
  const GError *error;

  if (pp_signal_client_get_state (client) != PP_SIGNAL_CLIENT_FAILED)
    return;
  error = pp_signal_client_get_error (client);
  /* Peers already connected carry on without the server. */
  if (am_admitted (self) && self->state == PP_SESSION_ACTIVE)
    return;
  fail (self, g_error_new_literal (PP_SESSION_ERROR, PP_SESSION_ERROR_SERVER,
                                   error ? error->message : _("The signaling server failed.")));
}

/* Start and stop */

static char *
random_id (guint n_bytes)
{
  g_autofree guint8 *bytes = g_new (guint8, n_bytes);
  char *text;

  for (guint i = 0; i < n_bytes; i++)
    bytes[i] = g_random_int_range (0, 256);
  text = g_base64_encode (bytes, n_bytes);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  g_strdelimit (text, "=", '\0');
  return text;
}

/* The first address of this machine that another on the LAN can reach. */
static char *
lan_address (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) probe = g_inet_address_new_from_string ("192.0.2.1");
  g_autoptr(GSocketAddress) target = g_inet_socket_address_new (probe, 9);
  g_autoptr(GSocketAddress) local = NULL;

  /* A connected UDP socket sends nothing; it only asks the routing
   * table which local address faces the network. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  if (socket != NULL && g_socket_connect (socket, target, NULL, NULL))
    local = g_socket_get_local_address (socket, NULL);
  if (local != NULL)
    return g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  return g_strdup ("127.0.0.1");
}

static gboolean
start_embedded_server (PpSession  *self,
                       GError    **error)
{
  PpSignalServer *server = pp_signal_server_new ();
  g_autofree char *address = self->embedded_address ? g_strdup (self->embedded_address)
                                                    : lan_address ();

  self->embedded = G_OBJECT (server);
  if (!pp_signal_server_start (server, address, 0, error))
    return FALSE;
  g_free (self->server_uri);
  self->server_uri = pp_signal_server_get_uri (server);
  return TRUE;
}

static void
build_invite_link (PpSession *self)
{
  g_autoptr(PpInvite) invite = NULL;
  const char *rest = strstr (self->server_uri, "://");

  self->tls = g_str_has_prefix (self->server_uri, "wss://");
  invite = pp_invite_new (rest ? rest + 3 : self->server_uri, self->room, self->key, self->tls);
  g_free (self->invite_link);
  self->invite_link = pp_invite_to_string (invite);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVITE_LINK]);
}

static void join_room (PpSession *self);

static void
on_record_failed (PpSessionRecord *record,
                  GError          *error,
                  gpointer         data)
{
  g_signal_emit (data, signals[HISTORY_FAILED], 0, error);
}

static void
on_stored_state (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) state = pp_session_record_load_document_finish (PP_SESSION_RECORD (source),
                                                                    result, &error);
  PpSession *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = data;
  g_clear_object (&self->cancellable);
  if (error != NULL)
    g_signal_emit (self, signals[HISTORY_FAILED], 0, error);
  /* Our own state: trusted, and already in the history. */
  else if (state != NULL &&
           !pp_doc_apply_update (self->doc, g_bytes_get_data (state, NULL),
                                 g_bytes_get_size (state), self->record, &error))
    g_signal_emit (self, signals[HISTORY_FAILED], 0, error);
  join_room (self);
}

void
pp_session_start (PpSession *self)
{
  g_autoptr(GError) error = NULL;
  const char *rest;

  g_return_if_fail (PP_IS_SESSION (self));
  g_return_if_fail (self->state == PP_SESSION_IDLE);

  pp_peer_warm_up ();
  if (self->peer_id == NULL)
    self->peer_id = random_id (PEER_ID_BYTES);
  self->me = NULL;
  {
    g_autoptr(PpParticipant) me = pp_participant_new (self->peer_id, self->name, TRUE);
    g_list_store_insert (self->participants, 0, me);
    self->me = me;
    for (PpMediaKind kind = PP_MEDIA_AUDIO; self->media != NULL && kind <= PP_MEDIA_VIDEO; kind++)
      pp_participant_set_sending (me, kind, pp_media_get_sending (self->media, kind));
    /* Our own tile shows what the others see of us. */
    if (self->media != NULL)
      pp_participant_set_stream (me, PP_MEDIA_VIDEO, pp_media_get_preview (self->media));
  }

  if (self->hosting)
    {
      if (self->server_uri == NULL && !start_embedded_server (self, &error))
        {
          fail (self, g_steal_pointer (&error));
          return;
        }
      self->room = pp_signal_room_id_new ();
      self->key = pp_seal_new_room_key ();
      self->host_id = g_strdup (self->peer_id);
      g_ptr_array_add (self->roster, g_strdup (self->peer_id));
      pp_participant_set_role (self->me, PP_ROLE_HOST);
      pp_participant_set_admitted (self->me, TRUE);
      build_invite_link (self);
    }
  pp_participant_set_state (self->me, PP_PARTICIPANT_CONNECTED, NULL);
  if (self->color == NULL)
    {
      guint pick = g_str_hash (self->peer_id) % G_N_ELEMENTS (palette);

      pp_session_set_user_color (self, palette[pick][0], palette[pick][1]);
      self->color_picked = TRUE;
    }
  pp_awareness_start_timer (self->awareness);

  rest = strstr (self->server_uri, "://");
  g_free (self->server_label);
  self->server_label = g_strdup (rest ? rest + 3 : self->server_uri);

  self->seal = pp_seal_box_new (self->key, self->room, self->peer_id, &error);
  if (self->seal == NULL)
    {
      fail (self, g_steal_pointer (&error));
      return;
    }

  set_state (self, PP_SESSION_CONNECTING);
  if (self->store_path != NULL)
    {
      self->record = pp_session_record_new (self->store_path, self->room,
                                            self->title != NULL ? self->title : _("Live session"),
                                            g_get_real_time ());
      g_signal_connect (self->record, "failed", G_CALLBACK (on_record_failed), self);
      /* A guest that was here before resumes from what it kept. */
      if (!self->hosting)
        {
          self->cancellable = g_cancellable_new ();
          pp_session_record_load_document_async (self->record, self->cancellable, on_stored_state,
                                                 self);
          return;
        }
    }
  join_room (self);
}

static void
join_room (PpSession *self)
{
  self->client = pp_signal_client_new (self->server_uri, self->room, self->peer_id, self->name);
  g_signal_connect (self->client, "joined", G_CALLBACK (on_client_joined), self);
  g_signal_connect (self->client, "peer-joined", G_CALLBACK (on_client_peer_joined), self);
  g_signal_connect (self->client, "peer-left", G_CALLBACK (on_client_peer_left), self);
  g_signal_connect (self->client, "signal", G_CALLBACK (on_client_signal), self);
  g_signal_connect (self->client, "notify::state", G_CALLBACK (on_client_state), self);
  pp_signal_client_start (self->client);
}

static void
close_everything (PpSession *self)
{
  self->closed = TRUE;
  /* The camera and microphone go off with the session, not with the
   * window that may keep showing its code. */
  if (self->media != NULL)
    pp_media_stop (self->media);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      save_now (self);
    }
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_handle_id (&self->linger_id, g_source_remove);
  g_clear_handle_id (&self->color_check_id, g_source_remove);
  g_clear_handle_id (&self->removed_close_id, g_source_remove);
  g_hash_table_remove_all (self->remotes);
  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->client, self);
      pp_signal_client_stop (self->client);
      g_clear_object (&self->client);
    }
  if (self->embedded != NULL)
    {
      pp_signal_server_stop (PP_SIGNAL_SERVER (self->embedded));
      g_clear_object (&self->embedded);
    }
}

/* After a goodbye: the channels get a moment to deliver it before the
 * connections go, or the others would only see us vanish. */
#define LINGER_MAX_US (1000 * 1000)
#define LINGER_GRACE_MS 100

static gboolean
linger_done (gpointer data)
{
  PpSession *self = data;

  self->linger_id = 0;
  close_everything (self);
  return G_SOURCE_REMOVE;
}

static gboolean
linger_check (gpointer data)
{
  PpSession *self = data;
  GHashTableIter iter;
  Remote *remote;

  g_hash_table_iter_init (&iter, self->remotes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
    if (is_open (remote) && pp_peer_get_buffered_amount (remote->peer) > 0 &&
        g_get_monotonic_time () < self->linger_until)
      return G_SOURCE_CONTINUE;
  self->linger_id = g_timeout_add (LINGER_GRACE_MS, linger_done, self);
  return G_SOURCE_REMOVE;
}

static void
close_after_goodbye (PpSession *self)
{
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_handle_id (&self->linger_id, g_source_remove);
  self->linger_until = g_get_monotonic_time () + LINGER_MAX_US;
  self->linger_id = g_timeout_add (10, linger_check, self);
}

void
pp_session_leave (PpSession *self)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj;

  g_return_if_fail (PP_IS_SESSION (self));

  if (self->state == PP_SESSION_ENDED || self->state == PP_SESSION_FAILED)
    return;
  flush_now (self);
  node = control_new ("leave", &obj);
  broadcast_control (self, node, FALSE);
  close_after_goodbye (self);
  set_state (self, PP_SESSION_ENDED);
}

gboolean
pp_session_end (PpSession  *self,
                GError    **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj;

  g_return_val_if_fail (PP_IS_SESSION (self), FALSE);

  if (!am_host (self))
    {
      g_set_error_literal (error, PP_SESSION_ERROR, PP_SESSION_ERROR_NOT_ALLOWED,
                           _("Only the host can end the session."));
      return FALSE;
    }
  flush_now (self);
  node = control_new ("end", &obj);
  broadcast_control (self, node, TRUE);
  close_after_goodbye (self);
  set_state (self, PP_SESSION_ENDED);
  return TRUE;
}

gboolean
pp_session_reconnect (PpSession  *self,
                      const char *peer_id)
{
  Remote *remote;

  g_return_val_if_fail (PP_IS_SESSION (self), FALSE);

  remote = find_remote (self, peer_id);
  if (remote == NULL || !is_open (remote))
    return FALSE;
  pp_peer_close_channel (remote->peer);
  return TRUE;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (pp_session_record_flush_finish (PP_SESSION_RECORD (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pp_session_save_async (PpSession           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PP_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_session_save_async);
  if (self->record == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  save_now (self);
  pp_session_record_flush_async (self->record, cancellable, on_saved, g_steal_pointer (&task));
}

gboolean
pp_session_save_finish (PpSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Host's powers */

static Remote *
host_target (PpSession   *self,
             const char  *peer_id,
             GError     **error)
{
  Remote *remote;

  if (!am_host (self))
    {
      g_set_error_literal (error, PP_SESSION_ERROR, PP_SESSION_ERROR_NOT_ALLOWED,
                           _("Only the host can do that."));
      return NULL;
    }
  remote = find_remote (self, peer_id);
  if (remote == NULL)
    g_set_error (error, PP_SESSION_ERROR, PP_SESSION_ERROR_FAILED,
                 _("Nobody in this session has the id %s."), peer_id);
  return remote;
}

gboolean
pp_session_admit (PpSession   *self,
                  const char  *peer_id,
                  gboolean     admit,
                  GError     **error)
{
  Remote *remote;

  g_return_val_if_fail (PP_IS_SESSION (self), FALSE);

  remote = host_target (self, peer_id, error);
  if (remote == NULL)
    return FALSE;
  if (!admit)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *obj;

      node = control_new ("refused", &obj);
      send_control (remote, node);
      g_hash_table_insert (self->blocked, g_strdup (peer_id), GINT_TO_POINTER (KEPT_OUT_REFUSED));
      pp_participant_set_state (remote->participant, PP_PARTICIPANT_REFUSED, NULL);
      return TRUE;
    }
  if (!pp_participant_get_admitted (remote->participant))
    {
      pp_participant_set_admitted (remote->participant, TRUE);
      g_ptr_array_add (self->roster, g_strdup (peer_id));
    }
  pp_participant_set_state (remote->participant,
                            is_open (remote) ? PP_PARTICIPANT_CONNECTED : PP_PARTICIPANT_CONNECTING,
                            NULL);
  send_roster (self);
  start_sync (self, remote);
  return TRUE;
}

gboolean
pp_session_set_read_only (PpSession   *self,
                          const char  *peer_id,
                          gboolean     read_only,
                          GError     **error)
{
  Remote *remote;

  g_return_val_if_fail (PP_IS_SESSION (self), FALSE);

  remote = host_target (self, peer_id, error);
  if (remote == NULL)
    return FALSE;
  pp_participant_set_role (remote->participant, read_only ? PP_ROLE_VIEWER : PP_ROLE_EDITOR);
  send_roster (self);
  return TRUE;
}

/* The removed member's connection closes once its goodbye had a moment
 * to arrive; an honest one closes first. */
#define REMOVED_CLOSE_MS 1000

static gboolean
close_removed (gpointer data)
{
  PpSession *self = data;
  GHashTableIter iter;
  Remote *remote;

  self->removed_close_id = 0;
  g_hash_table_iter_init (&iter, self->remotes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &remote))
    if (pp_participant_get_state (remote->participant) == PP_PARTICIPANT_REMOVED)
      remote_close_peer (remote);
  return G_SOURCE_REMOVE;
}

gboolean
pp_session_remove (PpSession   *self,
                   const char  *peer_id,
                   GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj;
  Remote *remote;
  guint index;

  g_return_val_if_fail (PP_IS_SESSION (self), FALSE);

  remote = host_target (self, peer_id, error);
  if (remote == NULL)
    return FALSE;
  /* Their copy holds everything up to now, as at the end. */
  flush_now (self);
  node = control_new ("removed", &obj);
  send_control (remote, node);
  mark_removed (self, remote);
  if (g_ptr_array_find_with_equal_func (self->roster, peer_id, g_str_equal, &index))
    g_ptr_array_remove_index (self->roster, index);
  send_roster (self);
  if (self->removed_close_id == 0)
    self->removed_close_id = g_timeout_add (REMOVED_CLOSE_MS, close_removed, self);
  return TRUE;
}

/* Shared records */

static void
push_record (PpSession  *self,
             const char *array_name,
             GVariant   *record)
{
  PpArray *array = pp_doc_get_array (self->doc, array_name);

  pp_doc_transact_begin (self->doc, NULL);
  pp_array_push (array, record);
  pp_doc_transact_end (self->doc);
}

void
pp_session_send_chat (PpSession  *self,
                      const char *text)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autofree char *id = random_id (9);

  g_return_if_fail (PP_IS_SESSION (self));
  g_return_if_fail (text != NULL && g_utf8_validate (text, -1, NULL));

  g_variant_builder_add (&builder, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&builder, "{sv}", "author", g_variant_new_string (self->name));
  g_variant_builder_add (&builder, "{sv}", "time",
                         g_variant_new_int64 (g_get_real_time () / 1000));
  g_variant_builder_add (&builder, "{sv}", "text", g_variant_new_string (text));
  push_record (self, "chat", g_variant_builder_end (&builder));
}

void
pp_session_add_run (PpSession *self,
                    GVariant  *record)
{
  g_return_if_fail (PP_IS_SESSION (self));
  g_return_if_fail (g_variant_is_of_type (record, G_VARIANT_TYPE_VARDICT));

  push_record (self, "runs", record);
}

void
pp_session_send_run_output (PpSession  *self,
                            const char *run_id,
                            const char *stream,
                            const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj;

  g_return_if_fail (PP_IS_SESSION (self));

  node = control_new ("run-output", &obj);
  json_object_set_string_member (obj, "run", run_id);
  json_object_set_string_member (obj, "stream", stream);
  json_object_set_string_member (obj, "text", text);
  if (am_admitted (self))
    broadcast_control (self, node, TRUE);
}

/* Awareness, in y-codemirror.next's fields */

static void
publish_awareness (PpSession *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, self->color);
  json_builder_set_member_name (builder, "colorLight");
  json_builder_add_string_value (builder, self->color_light);
  json_builder_end_object (builder);
  if (self->anchor != NULL && self->head != NULL)
    {
      g_autofree char *anchor = pp_relative_position_to_json (self->anchor);
      g_autofree char *head = pp_relative_position_to_json (self->head);

      json_builder_set_member_name (builder, "cursor");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "anchor");
      json_builder_add_value (builder, json_from_string (anchor, NULL));
      json_builder_set_member_name (builder, "head");
      json_builder_add_value (builder, json_from_string (head, NULL));
      json_builder_end_object (builder);
    }
  if (self->media != NULL)
    {
      json_builder_set_member_name (builder, "media");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "audio");
      json_builder_add_boolean_value (builder, pp_media_get_sending (self->media, PP_MEDIA_AUDIO));
      json_builder_set_member_name (builder, "video");
      json_builder_add_boolean_value (builder, pp_media_get_sending (self->media, PP_MEDIA_VIDEO));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  /* A peer's edit before the cursor moves its offset, not its relative
   * position: nothing new to tell (the awareness renews by itself). */
  if (g_strcmp0 (json, self->published) == 0)
    return;
  pp_awareness_set_local_state (self->awareness, json, NULL);
  g_free (self->published);
  self->published = g_steal_pointer (&json);
}

void
pp_session_set_user_color (PpSession  *self,
                           const char *color,
                           const char *color_light)
{
  g_return_if_fail (PP_IS_SESSION (self));
  g_return_if_fail (color != NULL && color_light != NULL);

  g_free (self->color);
  self->color = g_strdup (color);
  g_free (self->color_light);
  self->color_light = g_strdup (color_light);
  self->color_picked = FALSE;
  publish_awareness (self);
}

void
pp_session_set_cursor (PpSession *self,
                       guint      anchor,
                       guint      head)
{
  PpText *code;

  g_return_if_fail (PP_IS_SESSION (self));

  code = pp_doc_get_text (self->doc, "code");
  anchor = MIN (anchor, pp_text_length_cp (code));
  head = MIN (head, pp_text_length_cp (code));
  g_clear_pointer (&self->anchor, pp_relative_position_free);
  g_clear_pointer (&self->head, pp_relative_position_free);
  self->anchor = pp_relative_position_new_cp (code, anchor, 0);
  self->head = pp_relative_position_new_cp (code, head, 0);
  publish_awareness (self);
}

void
pp_session_clear_cursor (PpSession *self)
{
  g_return_if_fail (PP_IS_SESSION (self));

  g_clear_pointer (&self->anchor, pp_relative_position_free);
  g_clear_pointer (&self->head, pp_relative_position_free);
  publish_awareness (self);
}

/* A peer's JSON is not trusted to have the members, or of the kind. */
static JsonObject *
object_member (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_member (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gboolean
boolean_member (JsonObject *obj,
                const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static gboolean
resolve_member (PpSession  *self,
                JsonObject *cursor,
                const char *member,
                guint      *index_cp)
{
  JsonNode *node = json_object_get_member (cursor, member);
  g_autofree char *json = NULL;
  g_autoptr(PpRelativePosition) pos = NULL;
  PpYType *type = NULL;
  guint index;

  if (node == NULL)
    return FALSE;
  json = json_to_string (node, FALSE);
  pos = pp_relative_position_new_from_json (json, NULL);
  return pos != NULL && pp_relative_position_resolve (pos, self->doc, &type, &index, index_cp) &&
         type == pp_doc_get_text (self->doc, "code");
}

gboolean
pp_session_get_cursor (PpSession  *self,
                       guint32     client,
                       guint      *anchor,
                       guint      *head,
                       char      **name,
                       char      **color)
{
  const char *state;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj, *user, *cursor;

  g_return_val_if_fail (PP_IS_SESSION (self), FALSE);

  state = pp_awareness_get_state (self->awareness, client);
  if (state == NULL || (root = json_from_string (state, NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  obj = json_node_get_object (root);
  cursor = object_member (obj, "cursor");
  if (cursor == NULL || !resolve_member (self, cursor, "anchor", anchor) ||
      !resolve_member (self, cursor, "head", head))
    return FALSE;
  user = object_member (obj, "user");
  if (name != NULL)
    *name = g_strdup (string_member (user, "name"));
  if (color != NULL)
    *color = g_strdup (string_member (user, "color"));
  return TRUE;
}

/* Settings */

void
pp_session_set_turn_server (PpSession  *self,
                            const char *uri,
                            const char *username,
                            const char *credential)
{
  JsonObject *server;
  JsonArray *urls;

  g_return_if_fail (PP_IS_SESSION (self));

  g_clear_pointer (&self->own_turn, json_node_unref);
  if (uri == NULL || *uri == '\0')
    return;
  server = json_object_new ();
  urls = json_array_new ();
  json_array_add_string_element (urls, uri);
  json_object_set_array_member (server, "urls", urls);
  if (username != NULL && *username != '\0')
    {
      json_object_set_string_member (server, "username", username);
      json_object_set_string_member (server, "credential", credential ? credential : "");
    }
  self->own_turn = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (self->own_turn, server);
}

void
pp_session_set_relay_only (PpSession *self,
                           gboolean   relay_only)
{
  g_return_if_fail (PP_IS_SESSION (self));
  self->relay_only = relay_only;
}

void
pp_session_apply_settings (PpSession *self,
                           GSettings *settings)
{
  g_autofree char *server = NULL, *turn = NULL, *user = NULL, *password = NULL;

  g_return_if_fail (PP_IS_SESSION (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->state == PP_SESSION_IDLE);

  server = g_settings_get_string (settings, "signaling-server");
  if (self->hosting && self->server_uri == NULL && *server != '\0')
    self->server_uri = g_steal_pointer (&server);
  turn = g_settings_get_string (settings, "turn-server");
  user = g_settings_get_string (settings, "turn-username");
  password = g_settings_get_string (settings, "turn-password");
  pp_session_set_turn_server (self, turn, user, password);
  pp_session_set_relay_only (self, g_settings_get_boolean (settings, "relay-only"));
}

const char *
pp_session_get_server_uri (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);
  return self->server_uri;
}

/* Construction and getters */

PpSession *
pp_session_new_host (const char *server_uri,
                     const char *name)
{
  PpSession *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (PP_TYPE_SESSION, NULL);
  self->hosting = TRUE;
  self->name = g_strdup (name);
  self->server_uri = g_strdup (server_uri);
  return self;
}

PpSession *
pp_session_new_join (const char  *invite_link,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(PpInvite) invite = NULL;
  PpSession *self;

  g_return_val_if_fail (invite_link != NULL && name != NULL, NULL);

  invite = pp_invite_parse (invite_link, error);
  if (invite == NULL)
    return NULL;
  self = g_object_new (PP_TYPE_SESSION, NULL);
  self->name = g_strdup (name);
  self->server_uri = pp_invite_get_server_uri (invite);
  self->room = g_strdup (invite->room);
  self->key = g_strdup (invite->key);
  self->tls = invite->tls;
  self->invite_link = pp_invite_to_string (invite);
  return self;
}

void
pp_session_set_store_path (PpSession  *self,
                           const char *path)
{
  g_return_if_fail (PP_IS_SESSION (self));
  g_free (self->store_path);
  self->store_path = g_strdup (path);
}

/* The title it has in the history: a problem's, say. Before it starts. */
void
pp_session_set_title (PpSession  *self,
                      const char *title)
{
  g_return_if_fail (PP_IS_SESSION (self));
  g_free (self->title);
  self->title = g_strdup (title);
}

/* Our participant and the peers learn whether our microphone or camera
 * sends now. */
static void
announce_media (PpSession   *self,
                PpMediaKind  kind)
{
  if (self->me != NULL)
    pp_participant_set_sending (self->me, kind, pp_media_get_sending (self->media, kind));
  publish_awareness (self);
}

/* A failed source is gone from the media: it no longer sends. */
static void
on_media_source_failed (PpMedia    *media,
                        int         kind,
                        const char *message,
                        PpSession  *self)
{
  announce_media (self, kind);
}

/**
 * pp_session_set_media:
 * @media: (nullable): this side's camera and microphone, started
 *
 * Makes the session a call: @media goes to every peer, and their streams
 * come to their participants (pp_participant_get_stream()). Before
 * pp_session_start().
 */
void
pp_session_set_media (PpSession *self,
                      PpMedia   *media)
{
  g_return_if_fail (PP_IS_SESSION (self));
  g_return_if_fail (media == NULL || PP_IS_MEDIA (media));

  if (self->media != NULL)
    g_signal_handlers_disconnect_by_data (self->media, self);
  if (!g_set_object (&self->media, media) || media == NULL)
    return;
  g_signal_connect (media, "source-failed", G_CALLBACK (on_media_source_failed), self);
}

/**
 * pp_session_get_media:
 *
 * Returns: (transfer none) (nullable): the call's camera and microphone
 */
PpMedia *
pp_session_get_media (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);
  return self->media;
}

/**
 * pp_session_set_sending:
 *
 * Turns our microphone (audio) or camera (video) on or off, for every
 * peer, and tells them.
 */
void
pp_session_set_sending (PpSession   *self,
                        PpMediaKind  kind,
                        gboolean     sending)
{
  g_return_if_fail (PP_IS_SESSION (self));

  if (self->media == NULL)
    return;
  pp_media_set_sending (self->media, kind, sending);
  announce_media (self, kind);
}

/**
 * pp_session_restart_media:
 *
 * Takes the camera or microphone plugged in (again) since it failed, on
 * as it was, and tells the peers.
 */
gboolean
pp_session_restart_media (PpSession    *self,
                          PpMediaKind   kind,
                          GError      **error)
{
  g_return_val_if_fail (PP_IS_SESSION (self), FALSE);

  if (self->media == NULL || self->closed)
    return TRUE;
  if (!pp_media_restart (self->media, kind, error))
    return FALSE;
  announce_media (self, kind);
  return TRUE;
}

void
pp_session_set_peer_id (PpSession  *self,
                        const char *peer_id)
{
  g_return_if_fail (PP_IS_SESSION (self));
  g_return_if_fail (self->state == PP_SESSION_IDLE);
  g_return_if_fail (pp_signal_peer_id_is_valid (peer_id));

  g_free (self->peer_id);
  self->peer_id = g_strdup (peer_id);
}

char *
pp_session_new_peer_id (void)
{
  return random_id (PEER_ID_BYTES);
}

gboolean
pp_session_peer_id_is_valid (const char *peer_id)
{
  return pp_signal_peer_id_is_valid (peer_id);
}

void
pp_session_set_local_addresses (PpSession          *self,
                                const char * const *addresses)
{
  g_return_if_fail (PP_IS_SESSION (self));
  g_strfreev (self->local_addresses);
  self->local_addresses = g_strdupv ((char **) addresses);
}

void
pp_session_set_embedded_address (PpSession  *self,
                                 const char *address)
{
  g_return_if_fail (PP_IS_SESSION (self));
  g_free (self->embedded_address);
  self->embedded_address = g_strdup (address);
}

PpSessionState
pp_session_get_state (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), PP_SESSION_FAILED);
  return self->state;
}

const GError *
pp_session_get_error (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);
  return self->error;
}

gboolean
pp_session_is_host (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), FALSE);
  return am_host (self);
}

const char *
pp_session_get_peer_id (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);
  return self->peer_id;
}

const char *
pp_session_get_room (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);
  return self->room;
}

const char *
pp_session_get_invite_link (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);
  return self->invite_link;
}

PpDoc *
pp_session_get_doc (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);
  return self->doc;
}

PpAwareness *
pp_session_get_awareness (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);
  return self->awareness;
}

GListModel *
pp_session_get_participants (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->participants);
}

PpParticipant *
pp_session_find_participant (PpSession  *self,
                             const char *peer_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));

  g_return_val_if_fail (PP_IS_SESSION (self), NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PpParticipant) p = g_list_model_get_item (G_LIST_MODEL (self->participants), i);

      if (g_strcmp0 (pp_participant_get_peer_id (p), peer_id) == 0)
        return p;   /* the model keeps it */
    }
  return NULL;
}

/**
 * pp_session_get_participant_clients:
 * @n_clients: (out): how many
 *
 * Returns: (transfer full) (array length=n_clients): the awareness client
 *   ids the participant's connection announced (for its cursor)
 */
guint32 *
pp_session_get_participant_clients (PpSession  *self,
                                    const char *peer_id,
                                    guint      *n_clients)
{
  Remote *remote;
  guint32 *clients;
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_return_val_if_fail (PP_IS_SESSION (self), NULL);
  g_return_val_if_fail (n_clients != NULL, NULL);

  remote = peer_id != NULL ? g_hash_table_lookup (self->remotes, peer_id) : NULL;
  clients = g_new (guint32, remote != NULL ? g_hash_table_size (remote->clients) + 1 : 1);
  if (remote != NULL)
    {
      g_hash_table_iter_init (&iter, remote->clients);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        clients[n++] = GPOINTER_TO_UINT (key);
    }
  *n_clients = n;
  return clients;
}

guint64
pp_session_get_bytes_received_from (PpSession  *self,
                                    const char *peer_id)
{
  Remote *remote;
  guint64 *total;

  g_return_val_if_fail (PP_IS_SESSION (self), 0);

  remote = find_remote (self, peer_id);
  total = g_hash_table_lookup (self->bytes_from, peer_id);
  return (total ? *total : 0) + (remote && remote->peer ? pp_peer_get_bytes_received (remote->peer) : 0);
}

guint
pp_session_get_n_refused (PpSession *self)
{
  g_return_val_if_fail (PP_IS_SESSION (self), 0);
  return self->n_refused + (self->seal ? pp_seal_box_get_n_refused (self->seal) : 0);
}

/* GObject */

static void
pp_session_dispose (GObject *object)
{
  PpSession *self = PP_SESSION (object);

  close_everything (self);
  if (self->media != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->media, self);
      g_clear_object (&self->media);
    }
  if (self->record != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_signal_handlers_disconnect_by_data (self->record, self);
      /* Everything kept so far reaches the disk before we go. */
      if (!pp_session_record_close (self->record, &error))
        g_warning ("%s", error->message);
      g_clear_object (&self->record);
    }
  G_OBJECT_CLASS (pp_session_parent_class)->dispose (object);
}

static void
pp_session_finalize (GObject *object)
{
  PpSession *self = PP_SESSION (object);

  /* Nothing may run for a session that is gone. */
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->linger_id, g_source_remove);
  g_clear_handle_id (&self->color_check_id, g_source_remove);
  g_hash_table_unref (self->remotes);
  g_hash_table_unref (self->blocked);
  g_hash_table_unref (self->bytes_from);
  g_ptr_array_unref (self->roster);
  g_clear_object (&self->participants);
  g_clear_pointer (&self->awareness, pp_awareness_free);
  g_clear_pointer (&self->doc, pp_doc_free);
  g_clear_pointer (&self->seal, pp_seal_box_free);
  g_clear_error (&self->error);
  g_free (self->name);
  g_free (self->peer_id);
  g_free (self->host_id);
  g_free (self->server_uri);
  g_free (self->server_label);
  g_free (self->room);
  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_free (self->key);
  g_free (self->invite_link);
  g_free (self->embedded_address);
  g_free (self->store_path);
  g_free (self->title);
  g_free (self->color);
  g_free (self->color_light);
  g_free (self->published);
  g_clear_pointer (&self->own_turn, json_node_unref);
  g_clear_pointer (&self->anchor, pp_relative_position_free);
  g_clear_pointer (&self->head, pp_relative_position_free);
  g_strfreev (self->local_addresses);
  G_OBJECT_CLASS (pp_session_parent_class)->finalize (object);
}

static void
pp_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PpSession *self = PP_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_INVITE_LINK:
      g_value_set_string (value, self->invite_link);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_session_class_init (PpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pp_session_dispose;
  object_class->finalize = pp_session_finalize;
  object_class->get_property = pp_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, PP_SESSION_IDLE, PP_SESSION_FAILED, PP_SESSION_IDLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INVITE_LINK] =
    g_param_spec_string ("invite-link", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A guest asks to join; answer with pp_session_admit(). */
  signals[JOIN_REQUEST] =
    g_signal_new ("join-request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PP_TYPE_PARTICIPANT);
  /* from peer id, run id, stream ("stdout", "stderr"), text */
  /* The history could not be written; the session goes on. */
  signals[HISTORY_FAILED] =
    g_signal_new ("history-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[RUN_OUTPUT] =
    g_signal_new ("run-output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
pp_session_init (PpSession *self)
{
  self->doc = pp_doc_new ();
  self->awareness = pp_awareness_new (pp_doc_get_client_id (self->doc));
  self->participants = g_list_store_new (PP_TYPE_PARTICIPANT);
  self->remotes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, remote_free);
  self->blocked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bytes_from = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->roster = g_ptr_array_new_with_free_func (g_free);
  pp_doc_connect_update (self->doc, on_doc_update, self);
  pp_awareness_connect (self->awareness, on_awareness_change, self);
}

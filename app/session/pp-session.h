/* pp-session.h: a live session — the shared document, kept in sync with
 * every other participant, peer to peer
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PpSession owns one PpDoc, the signaling client, one PpPeer per remote
 * participant, the awareness states (cursors, names, colours), the roles,
 * and the session's record in the store. The host starts a room and
 * admits each joiner before any document data flows to them; a guest
 * joins from an invite link. Everything it reports — signals, property
 * notifications, the participants' model — reaches the caller on the
 * main context of the thread that made it.
 */
#pragma once

#include <gio/gio.h>

#include "pp-crdt.h"
#include "pp-participant.h"
#include "pp-sync.h"

G_BEGIN_DECLS

#define PP_SESSION_ERROR (pp_session_error_quark ())
GQuark pp_session_error_quark (void);

typedef enum {
  PP_SESSION_ERROR_TAMPERED,     /* the signaling server changed or replayed a payload */
  PP_SESSION_ERROR_REFUSED,      /* the host did not let us in */
  PP_SESSION_ERROR_SERVER,       /* the signaling server failed us for good */
  PP_SESSION_ERROR_NOT_ALLOWED,  /* only the host may do that */
  PP_SESSION_ERROR_FAILED,
  PP_SESSION_ERROR_REMOVED,      /* the host removed us from the session */
} PpSessionError;

typedef enum {
  PP_SESSION_IDLE,
  PP_SESSION_CONNECTING,     /* reaching the server and the peers */
  PP_SESSION_WAITING,        /* a guest waiting for the host to admit it */
  PP_SESSION_ACTIVE,         /* editing together */
  PP_SESSION_ENDED,          /* left, or the host ended it; the document stays */
  PP_SESSION_FAILED,         /* see pp_session_get_error() */
} PpSessionState;

#define PP_TYPE_SESSION (pp_session_get_type ())
G_DECLARE_FINAL_TYPE (PpSession, pp_session, PP, SESSION, GObject)

/* A new room on server_uri (ws:// or wss://); with NULL, the session runs
 * a signaling server of its own on a LAN address. */
PpSession      *pp_session_new_host          (const char     *server_uri,
                                              const char     *name);
/* A guest's session from an invite link; NULL with error if the link is
 * not a whole one. */
PpSession      *pp_session_new_join          (const char     *invite_link,
                                              const char     *name,
                                              GError        **error);

/* Where the session keeps its record (the store's SQLite file); set
 * before start. A guest that was in the room before resumes from it. */
void            pp_session_set_store_path    (PpSession      *self,
                                              const char     *path);
void            pp_session_set_title         (PpSession      *self,
                                              const char     *title);
/* The peer id to use, so a restarted app rejoins as itself; set before
 * start. A random one otherwise. */
void            pp_session_set_peer_id       (PpSession      *self,
                                              const char     *peer_id);
/* A new random peer id, and whether a kept one is still a peer id. */
char           *pp_session_new_peer_id       (void);
gboolean        pp_session_peer_id_is_valid  (const char     *peer_id);
/* Limits ICE to these local addresses (tests use 127.0.0.1). */
void            pp_session_set_local_addresses (PpSession    *self,
                                              const char * const *addresses);
/* Where the embedded server listens when there is no server: by default
 * the first LAN address of this machine. */
void            pp_session_set_embedded_address (PpSession   *self,
                                              const char     *address);

/* A TURN relay of the user's own, besides those the signaling server
 * hands out: uri as in RTCIceServer ("turn:host:port"). */
void            pp_session_set_turn_server   (PpSession      *self,
                                              const char     *uri,
                                              const char     *username,
                                              const char     *credential);
/* Connect only through TURN relays, so peers never learn our address. */
void            pp_session_set_relay_only    (PpSession      *self,
                                              gboolean        relay_only);
void            pp_session_set_media         (PpSession      *self,
                                              PpMedia        *media);
PpMedia        *pp_session_get_media         (PpSession      *self);
void            pp_session_set_sending       (PpSession      *self,
                                              PpMediaKind     kind,
                                              gboolean        sending);
gboolean        pp_session_restart_media     (PpSession      *self,
                                              PpMediaKind     kind,
                                              GError        **error);
/* The Preferences: the signaling server a host uses (when it was made
 * with none), the user's TURN server and relay-only, from the app's
 * GSettings schema (keys "signaling-server", "turn-server",
 * "turn-username", "turn-password", "relay-only"). Before start. */
void            pp_session_apply_settings    (PpSession      *self,
                                              GSettings      *settings);

void            pp_session_start             (PpSession      *self);
/* Leaves; a host hands its role to the longest-present participant. */
void            pp_session_leave             (PpSession      *self);
/* Host only: ends the session for everyone; each keeps the document. */
gboolean        pp_session_end               (PpSession      *self,
                                              GError        **error);

PpSessionState  pp_session_get_state         (PpSession      *self);
const GError   *pp_session_get_error         (PpSession      *self);
gboolean        pp_session_is_host           (PpSession      *self);
const char     *pp_session_get_peer_id       (PpSession      *self);
const char     *pp_session_get_room          (PpSession      *self);
/* The link to send to guests; NULL until the room is open. */
const char     *pp_session_get_invite_link   (PpSession      *self);
PpDoc          *pp_session_get_doc           (PpSession      *self);
PpAwareness    *pp_session_get_awareness     (PpSession      *self);
/* PpParticipant items, this side first. */
GListModel     *pp_session_get_participants  (PpSession      *self);
PpParticipant  *pp_session_find_participant  (PpSession      *self,
                                              const char     *peer_id);

/* Drops the connection to a participant and builds it again, for when it
 * seems stuck; what either side typed meanwhile is exchanged on return. */
gboolean        pp_session_reconnect         (PpSession      *self,
                                              const char     *peer_id);
/* Writes the document's state to the history now, and completes when
 * everything so far is on disk (without a store path, at once). */
void            pp_session_save_async        (PpSession      *self,
                                              GCancellable   *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer        user_data);
gboolean        pp_session_save_finish       (PpSession      *self,
                                              GAsyncResult   *result,
                                              GError        **error);

/* Host only. */
gboolean        pp_session_admit             (PpSession      *self,
                                              const char     *peer_id,
                                              gboolean        admit,
                                              GError        **error);
gboolean        pp_session_set_read_only     (PpSession      *self,
                                              const char     *peer_id,
                                              gboolean        read_only,
                                              GError        **error);
/* Out for the rest of the session: they are told, everyone disconnects
 * from them, and their peer id is not let in again. */
gboolean        pp_session_remove            (PpSession      *self,
                                              const char     *peer_id,
                                              GError        **error);

/* The signaling server's address, ws:// or wss://; NULL for a host with
 * an embedded one until start. */
const char     *pp_session_get_server_uri    (PpSession      *self);

/* What others see of us, in y-codemirror.next's awareness fields, so a
 * browser peer shows it too: user {name, color, colorLight} and cursor
 * {anchor, head} as relative positions in the code. Colours are CSS
 * colours ("#30bced"); offsets are characters (code points). */
void            pp_session_set_user_color    (PpSession      *self,
                                              const char     *color,
                                              const char     *color_light);
void            pp_session_set_cursor        (PpSession      *self,
                                              guint           anchor,
                                              guint           head);
void            pp_session_clear_cursor      (PpSession      *self);
/* Where a participant's cursor is in the code now, by awareness client
 * id (pp_awareness_get_clients()); FALSE when it has none or it does not
 * resolve. name and color are new strings (NULL when the peer gave none). */
gboolean        pp_session_get_cursor        (PpSession      *self,
                                              guint32         client,
                                              guint          *anchor,
                                              guint          *head,
                                              char          **name,
                                              char          **color);

/* The awareness clients a participant's connection announced. */
guint32        *pp_session_get_participant_clients (PpSession *self,
                                              const char     *peer_id,
                                              guint          *n_clients);

/* Appends {id, author, time, text} to the document's chat. */
void            pp_session_send_chat         (PpSession      *self,
                                              const char     *text);
/* Appends a run's result to the document's runs; record is an a{sv}
 * with DESIGN.md's fields. */
void            pp_session_add_run           (PpSession      *self,
                                              GVariant       *record);
/* Output of a run still going, to every peer now ("run-output"). */
void            pp_session_send_run_output   (PpSession      *self,
                                              const char     *run_id,
                                              const char     *stream,
                                              const char     *text);

/* Figures for tests and the benchmark. */
guint64         pp_session_get_bytes_received_from (PpSession *self,
                                              const char     *peer_id);
guint           pp_session_get_n_refused     (PpSession      *self);

G_END_DECLS

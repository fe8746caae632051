/* pp-signal-client.h: the app's side of signaling protocol v1
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Joins one room of a pairpad-signal server over a WebSocket and keeps it
 * joined: when the connection drops or the server cannot be reached, the
 * client tries again after a growing, random delay and joins under the
 * same peer id and name. It gives up (FAILED) only when trying again
 * cannot help: the room is full, the server speaks another protocol
 * version or is no signaling server at all, or its certificate is bad.
 *
 * Signals and property notifications are emitted on the thread-default
 * main context of the thread that made the client; call start () and
 * stop () there too. send () may be called from any thread (webrtcbin
 * hands ICE candidates over on its own threads).
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PP_SIGNAL_CLIENT_ERROR (pp_signal_client_error_quark ())
GQuark pp_signal_client_error_quark (void);

typedef enum
{
  PP_SIGNAL_CLIENT_ERROR_UNREACHABLE,         /* not fatal: trying again */
  PP_SIGNAL_CLIENT_ERROR_NOT_SIGNAL_SERVER,   /* no or a wrong "hello", no WebSocket, not TLS */
  PP_SIGNAL_CLIENT_ERROR_UNSUPPORTED_VERSION,
  PP_SIGNAL_CLIENT_ERROR_CERTIFICATE,
  PP_SIGNAL_CLIENT_ERROR_ROOM_FULL,
  PP_SIGNAL_CLIENT_ERROR_PEER_ID_TAKEN,       /* on the first join only */
  PP_SIGNAL_CLIENT_ERROR_REFUSED,             /* the server refused the join for another reason */
} PpSignalClientError;

typedef enum
{
  PP_SIGNAL_CLIENT_IDLE,
  PP_SIGNAL_CLIENT_CONNECTING,    /* the first attempt, until joined */
  PP_SIGNAL_CLIENT_JOINED,
  PP_SIGNAL_CLIENT_RECONNECTING,  /* waiting or trying again, until joined */
  PP_SIGNAL_CLIENT_FAILED,        /* for good: see pp_signal_client_get_error () */
  PP_SIGNAL_CLIENT_STOPPED,
} PpSignalClientState;

/* Messages send () keeps while not joined; beyond, the oldest go. */
#define PP_SIGNAL_CLIENT_QUEUE_MAX 256

#define PP_TYPE_SIGNAL_CLIENT_STATE (pp_signal_client_state_get_type ())
GType pp_signal_client_state_get_type (void);

#define PP_TYPE_SIGNAL_CLIENT (pp_signal_client_get_type ())
G_DECLARE_FINAL_TYPE (PpSignalClient, pp_signal_client, PP, SIGNAL_CLIENT, GObject)

PpSignalClient      *pp_signal_client_new             (const char     *server_uri,
                                                       const char     *room,
                                                       const char     *peer_id,
                                                       const char     *name);
void                 pp_signal_client_start           (PpSignalClient *self);
void                 pp_signal_client_stop            (PpSignalClient *self);
void                 pp_signal_client_send            (PpSignalClient *self,
                                                       const char     *to,
                                                       const char     *data);
PpSignalClientState  pp_signal_client_get_state       (PpSignalClient *self);
JsonNode            *pp_signal_client_get_ice_servers (PpSignalClient *self);
const GError        *pp_signal_client_get_error       (PpSignalClient *self);
gint64               pp_signal_client_get_retry_time  (PpSignalClient *self);
void                 pp_signal_client_set_backoff     (PpSignalClient *self,
                                                       guint           min_ms,
                                                       guint           max_ms);
guint                pp_signal_client_get_n_refused   (PpSignalClient *self);
guint                pp_signal_client_get_n_dropped   (PpSignalClient *self);

G_END_DECLS

/* pp-peer.h: one WebRTC connection to one remote participant
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PpPeer owns a webrtcbin and the one reliable, ordered data channel a
 * session uses with that participant. Negotiation is fixed by peer id, so
 * two peers that start at once never wait on each other: the peer whose
 * id sorts first offers, the other answers, and an offer that arrives at
 * the offering side is ignored (it is the impolite one). A new offer at
 * the answering side replaces the connection it had: that is how a peer
 * that lost its connection, or restarted, comes back.
 *
 * What must reach the remote peer through the signaling server comes out
 * of the "signal-out" signal as a JSON text, for the session to seal and
 * send; what the server delivers goes into pp_peer_receive_signal().
 * webrtcbin calls back on its own threads; every signal of a PpPeer is
 * emitted on the main context of the thread that made it.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pp-media.h"

G_BEGIN_DECLS

typedef enum {
  PP_PEER_CONNECTING,
  PP_PEER_CONNECTED,        /* the data channel is open */
  PP_PEER_RECONNECTING,     /* it was open and went away; trying again */
  PP_PEER_FAILED,           /* see pp_peer_get_failure() */
  PP_PEER_CLOSED,           /* pp_peer_close() */
} PpPeerState;

typedef enum {
  PP_PEER_FAILURE_NONE,
  PP_PEER_FAILURE_NO_ROUTE,     /* ICE found no pair that works */
  PP_PEER_FAILURE_TIMEOUT,      /* no data channel in time */
  PP_PEER_FAILURE_PROTOCOL,     /* the peer sent what no honest peer sends */
} PpPeerFailure;

#define PP_TYPE_PEER (pp_peer_get_type ())
G_DECLARE_FINAL_TYPE (PpPeer, pp_peer, PP, PEER, GObject)

/* Runs the one-time costs of a first connection (the DTLS certificate)
 * on a worker thread, so that the first join does not wait for them. */
void          pp_peer_warm_up            (void);
/* Waits for that thread: call before the process exits. */
void          pp_peer_warm_up_wait       (void);

PpPeer       *pp_peer_new                (const char    *self_id,
                                          const char    *remote_id,
                                          JsonNode      *ice_servers);
/* Limits ICE to these local addresses (tests use 127.0.0.1). */
void          pp_peer_set_local_addresses (PpPeer       *self,
                                           const char * const *addresses);
/* Only relayed candidates (TURN): the other side never learns our
 * address. */
void          pp_peer_set_relay_only     (PpPeer        *self,
                                          gboolean       relay_only);
/* Seconds to an open channel before the peer counts as failed. */
void          pp_peer_set_timeout        (PpPeer        *self,
                                          guint          seconds);
void          pp_peer_start              (PpPeer        *self);
gboolean      pp_peer_receive_signal     (PpPeer        *self,
                                          const char    *json,
                                          GError       **error);
/* Sends one frame, in chunks when it is large. FALSE when the channel
 * is not open. */
gboolean      pp_peer_send               (PpPeer        *self,
                                          GBytes        *frame);
guint64       pp_peer_get_buffered_amount (PpPeer       *self);
/* Closes the data channel as a network failure would: both sides notice,
 * and the connection is built again. */
void          pp_peer_close_channel      (PpPeer        *self);
/* Drops the connection and frees its resources; no signal after it. */
void          pp_peer_close              (PpPeer        *self);
/* The peer misbehaved: close and report it FAILED with PROTOCOL. */
void          pp_peer_fail               (PpPeer        *self,
                                          PpPeerFailure  failure,
                                          const char    *detail);

const char   *pp_peer_get_remote_id      (PpPeer        *self);
gboolean      pp_peer_is_offerer         (PpPeer        *self);
PpPeerState   pp_peer_get_state          (PpPeer        *self);
PpPeerFailure pp_peer_get_failure        (PpPeer        *self);
const char   *pp_peer_get_failure_detail (PpPeer        *self);
guint64       pp_peer_get_bytes_received (PpPeer        *self);

/* A call on the connection: see pp-media.h. */
void            pp_peer_set_media        (PpPeer        *self,
                                          PpMedia       *media);
PpMediaDecoder *pp_peer_get_decoder      (PpPeer        *self,
                                          PpMediaKind    kind);
gboolean        pp_peer_get_rtp_counts   (PpPeer        *self,
                                          PpMediaKind    kind,
                                          guint64       *packets_sent,
                                          guint64       *packets_received);

G_END_DECLS

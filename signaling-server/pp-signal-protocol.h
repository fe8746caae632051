/* pp-signal-protocol.h — the messages of signaling protocol v1, in one place
 *
 * Both pairpad-signal and the app's signaling client parse and build
 * messages through this file, so the two cannot drift apart. PROTOCOL.md
 * is the prose version of the same definitions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PP_SIGNAL_PROTOCOL_VERSION 1
#define PP_SIGNAL_PATH "/ws"
#define PP_SIGNAL_LANDING_PREFIX "/j/"

/* 128 random bits in base64url without padding. */
#define PP_SIGNAL_ROOM_ID_LEN 22
#define PP_SIGNAL_PEER_ID_MAX 64
#define PP_SIGNAL_NAME_MAX 64 /* characters, not bytes */
#define PP_SIGNAL_MAX_FRAME (64 * 1024)

typedef enum
{
  PP_SIGNAL_MSG_INVALID = 0,
  /* client → server */
  PP_SIGNAL_MSG_JOIN,
  PP_SIGNAL_MSG_LEAVE,
  /* both directions: client → server carries "to", server → client "from" */
  PP_SIGNAL_MSG_SIGNAL,
  /* server → client */
  PP_SIGNAL_MSG_HELLO,
  PP_SIGNAL_MSG_JOINED,
  PP_SIGNAL_MSG_PEER_JOINED,
  PP_SIGNAL_MSG_PEER_LEFT,
  PP_SIGNAL_MSG_LEFT,
  PP_SIGNAL_MSG_ERROR,
} PpSignalMsgType;

/* Error codes carried by "error" messages. Their wire names are the
 * strings of pp_signal_error_code_name(). */
typedef enum
{
  PP_SIGNAL_ERR_BAD_JSON,
  PP_SIGNAL_ERR_BAD_MESSAGE,
  PP_SIGNAL_ERR_UNKNOWN_TYPE,
  PP_SIGNAL_ERR_UNSUPPORTED_VERSION,
  PP_SIGNAL_ERR_NOT_JOINED,
  PP_SIGNAL_ERR_ALREADY_JOINED,
  PP_SIGNAL_ERR_ROOM_FULL,
  PP_SIGNAL_ERR_PEER_ID_TAKEN,
  PP_SIGNAL_ERR_NO_SUCH_PEER,
  PP_SIGNAL_ERR_RATE_LIMITED,
  PP_SIGNAL_ERR_SERVER_FULL,
  PP_SIGNAL_ERR_UNAVAILABLE,
  PP_SIGNAL_N_ERRORS
} PpSignalErrorCode;

/* WebSocket close codes. 1000–1011 are RFC 6455's; 4000–4999 are ours. */
typedef enum
{
  PP_SIGNAL_CLOSE_NORMAL = 1000,
  PP_SIGNAL_CLOSE_GOING_AWAY = 1001,        /* the server is stopping */
  PP_SIGNAL_CLOSE_UNSUPPORTED_DATA = 1003,  /* a binary frame */
  PP_SIGNAL_CLOSE_BAD_DATA = 1007,          /* invalid UTF-8 */
  PP_SIGNAL_CLOSE_TOO_BIG = 1009,           /* a frame over 64 KiB */
  PP_SIGNAL_CLOSE_FLOOD = 4000,             /* over the message rate */
  PP_SIGNAL_CLOSE_SLOW_CONSUMER = 4001,     /* send queue over its cap */
  PP_SIGNAL_CLOSE_IDLE = 4002,              /* no pong or message in time */
  PP_SIGNAL_CLOSE_SERVER_FULL = 4003,       /* too many connections */
} PpSignalCloseCode;

/* A parsed message. Strings point into the JsonNode it was parsed from,
 * which must outlive it. Fields a type does not use are NULL. */
typedef struct
{
  PpSignalMsgType type;
  gint64 version;        /* join, hello */
  const char *room;      /* join, joined */
  const char *peer;      /* join, joined, peer-joined, peer-left */
  const char *name;      /* join, joined, peer-joined */
  const char *to;        /* signal (client → server) */
  const char *from;      /* signal (server → client) */
  const char *data;      /* signal */
  JsonArray *peers;      /* joined: [{peer, name}] */
  JsonArray *ice_servers;/* joined: RTCIceServer dictionaries */
  const char *code;      /* error */
  const char *message;   /* error */
} PpSignalMessage;

const char *pp_signal_msg_type_name   (PpSignalMsgType type);
const char *pp_signal_error_code_name (PpSignalErrorCode code);

gboolean pp_signal_room_id_is_valid (const char *room);
gboolean pp_signal_peer_id_is_valid (const char *peer);
gboolean pp_signal_name_is_valid    (const char *name);
char    *pp_signal_room_id_new      (void);

/* Parses one text frame as sent by a client (from_server FALSE) or by the
 * server (TRUE). On failure returns FALSE with *code set to the error to
 * answer with and error set to a sentence saying what was wrong. */
gboolean pp_signal_message_parse (JsonParser        *parser,
                                  const char        *text,
                                  gsize              len,
                                  gboolean           from_server,
                                  PpSignalMessage   *msg,
                                  PpSignalErrorCode *code,
                                  GError           **error);

/* Builders. Each returns a newly allocated text frame. */
char *pp_signal_build_join        (const char *room,
                                   const char *peer,
                                   const char *name);
char *pp_signal_build_leave       (void);
char *pp_signal_build_signal_to   (const char *to,
                                   const char *data);
char *pp_signal_build_signal_from (const char *from,
                                   const char *data,
                                   gsize      *len);
char *pp_signal_build_hello       (guint       max_peers,
                                   guint       max_frame,
                                   double      msg_rate,
                                   guint       msg_burst);
char *pp_signal_build_joined      (const char *room,
                                   const char *peer,
                                   JsonNode   *peers,
                                   JsonNode   *ice_servers);
char *pp_signal_build_peer_joined (const char *peer,
                                   const char *name);
char *pp_signal_build_peer_left   (const char *peer);
char *pp_signal_build_left        (void);
char *pp_signal_build_error       (PpSignalErrorCode code,
                                   const char       *message);

G_END_DECLS

/* signal-client.h — what the signal tests share: a WebSocket client that
 * can also misbehave (the server process is in tests/lib)
 *
 * The client is written from PROTOCOL.md and RFC 6455 with frames built by
 * hand, because the hostile cases need frames no real library will send.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pp-signal-protocol.h"
#include "pp-test-lib.h"

typedef struct
{
  GSocket *socket;
  GByteArray *in;
  gboolean answer_pings;
  guint16 close_code;       /* set when a close frame arrived */
  char *close_reason;
  gboolean eof;
} Ws;

Ws      *ws_connect      (guint16 port);
/* Offers EXTENSIONS (a Sec-WebSocket-Extensions value) in the upgrade and
 * stores what the server accepted, or NULL, in ACCEPTED. */
Ws      *ws_connect_offering (guint16 port, const char *extensions, char **accepted);
/* Sends FIRST_TEXT as a text frame right behind the upgrade request, in
 * the same TCP segment, before the answer. */
Ws      *ws_connect_sending (guint16 port, const char *first_text);
/* Opens the TCP connection only. */
Ws      *ws_connect_raw  (guint16 port);
void     ws_free         (Ws *ws);
/* OPCODE may carry the RSV bits too (0x40 | opcode sets RSV1). */
void     ws_send_frame   (Ws *ws, guint8 opcode, gboolean fin, const void *data, gsize len);
void     ws_send_text    (Ws *ws, const char *text);
/* Next data frame's payload (NUL-terminated) within timeout_ms; NULL on
 * close, EOF or timeout. Pings are answered while waiting. */
char    *ws_recv         (Ws *ws, guint timeout_ms);
/* Waits for the connection to end; returns the close code (0 if none). */
guint16  ws_wait_closed  (Ws *ws, guint timeout_ms);

/* Receives one message and checks it parses as a server message of TYPE. */
JsonNode *ws_expect      (Ws *ws, PpSignalMsgType type);
JsonNode *ws_expect_within (Ws *ws, PpSignalMsgType type, guint timeout_ms);
/* Receives an error and checks its code. */
void      ws_expect_error (Ws *ws, PpSignalErrorCode code);
/* Nothing arrives within timeout_ms. */
void      ws_expect_silence (Ws *ws, guint timeout_ms);

/* Connects, takes hello, joins and takes joined. */
Ws       *ws_join        (guint16 port, const char *room, const char *peer, const char *name);
void      ws_signal      (Ws *ws, const char *to, const char *data);
/* Expects a signal from FROM carrying DATA. */
void      ws_expect_signal (Ws *ws, const char *from, const char *data);

/* tamper-proxy.h: a signaling server that is not to be trusted — a
 * WebSocket proxy in front of the real pairpad-signal that changes or
 * replays what it relays to one client
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

typedef enum {
  TAMPER_NONE,
  TAMPER_FLIP,      /* one character of the first signal's data changed */
  TAMPER_REPLAY,    /* the first signal delivered twice */
} TamperMode;

typedef struct _TamperProxy TamperProxy;

/* Relays to upstream_uri (ws://…); tampers with what goes to the
 * second client that joins. */
TamperProxy *tamper_proxy_new      (const char  *upstream_uri,
                                    TamperMode   mode);
/* ws://127.0.0.1:PORT */
const char  *tamper_proxy_get_uri  (TamperProxy *proxy);
guint        tamper_proxy_get_n_tampered (TamperProxy *proxy);
void         tamper_proxy_free     (TamperProxy *proxy);

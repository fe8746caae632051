/* pp-test-coturn.h: a real TURN server (coturn) on a free UDP port of
 * 127.0.0.1, for the tests that relay through one
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;   /* owned */
  guint16      port;
  char        *uri;       /* owned: turn:127.0.0.1:PORT */
  char        *dir;       /* owned: its user database */
} PpTestCoturn;

/* NULL (and the test skipped) without coturn installed. With secret,
 * coturn checks REST-API credentials as pairpad-signal hands them out;
 * with user ("name:password"), one long-term user. Relays on 127.0.0.1,
 * to loopback peers too. */
PpTestCoturn *pp_test_coturn_start (const char   *secret,
                                    const char   *user);
void          pp_test_coturn_stop  (PpTestCoturn *coturn);

G_END_DECLS

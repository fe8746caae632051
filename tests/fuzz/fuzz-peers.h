/* fuzz-peers.h: two honest peers with the same content, for fuzz-update
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-crdt.h"

G_BEGIN_DECLS

/* A peer with client id client_id holding the session's starting
 * content: text, map entries and an array made by clients 1 and 2, partly
 * concurrently. With whole, it got it as one update of the whole state;
 * else one update per transaction as they were made, so its runs are
 * split where the other's are not. Client 1's first item is the text
 * "def f():\n    return 😀\n" (clocks 0-22, the emoji at 20 and 21);
 * 1:23 is the map entry "language". */
PpDoc *fuzz_peer_new (guint32  client_id,
                      gboolean whole);

G_END_DECLS

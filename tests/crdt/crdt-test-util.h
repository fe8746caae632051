/* crdt-test-util.h: what the CRDT's tests share
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-crdt.h"

G_BEGIN_DECLS

/* The whole state of doc, as one update. */
GBytes *state_of  (PpDoc *doc);
/* Sends to what from has and it lacks. */
void    sync_into (PpDoc *to,
                   PpDoc *from);
/* The text called "code". */
char   *text_of   (PpDoc *doc);

/* The updates a document emitted: how many, and the last one. */
typedef struct {
  guint n;
  GBytes *last;
} Updates;

/* A PpUpdateFunc that counts into an Updates. */
void    on_update     (PpDoc                   *doc,
                       const guint8            *update,
                       gsize                    len,
                       const PpTransactionInfo *info,
                       gpointer                 data);

G_END_DECLS

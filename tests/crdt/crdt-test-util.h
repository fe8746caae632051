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
/* Sends to what from has and it lacks, as a peer's update would. */
void    sync_into (PpDoc *to,
                   PpDoc *from);
/* The text called "code". */
char   *text_of   (PpDoc *doc);

/* Asserts that the text called "code" of doc is want. */
#define assert_text(doc, want) G_STMT_START { \
    g_autofree char *text_of_doc_ = text_of (doc); \
    g_assert_cmpstr (text_of_doc_, ==, (want)); \
  } G_STMT_END

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
void    updates_clear (Updates                 *updates);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Updates, updates_clear)

G_END_DECLS

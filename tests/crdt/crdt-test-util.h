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

/* Hand-written updates, as a hostile peer could send them. */
typedef struct {
  guint32 client;
  guint32 clock;
} Id;

typedef struct {
  guint32 client;
  guint32 clock;
  guint32 len;
} Deleted;

/* One struct of a hand-written update. Ids are pointers, NULL for none.
 * Without origins, root or parent says where it goes. */
typedef struct {
  guint32 client;
  guint32 clock;
  const Id *origin;
  const Id *right;
  const char *root;
  const Id *parent;
  const char *key;     /* a map key (with root or parent only) */
  const char *text;    /* string content; NULL for a nested Map */
} Struct;

#define ID(c, k) (&(const Id) { (c), (k) })

/* An update of the given structs, one client block each, and of the
 * given deletes. */
GBytes *build_update  (const Struct            *structs,
                       guint                    n,
                       const Deleted           *deletes,
                       guint                    n_deletes);

G_END_DECLS

/* pp-crdt-private.h: the document's internals, shared by its parts
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are run-length: one item holds a run of content (a string of
 * many characters, many Any values) created by one client at consecutive
 * clocks. Items of a type form a doubly linked list in document order.
 * Each client's items are also kept in clock order in a chunked array
 * (PpClientStructs) so an id is found by binary search. Local typing
 * extends the previous item in place, so typing allocates nothing per
 * character; split items are merged back at the end of a transaction, as
 * Yjs does, and deleted content is dropped (garbage collected).
 */
#pragma once

#include "pp-crdt.h"
#include "pp-lib0.h"

G_BEGIN_DECLS

typedef enum {
  PP_CONTENT_GC = 0,
  PP_CONTENT_DELETED = 1,
  PP_CONTENT_JSON = 2,
  PP_CONTENT_BINARY = 3,
  PP_CONTENT_STRING = 4,
  PP_CONTENT_EMBED = 5,
  PP_CONTENT_FORMAT = 6,
  PP_CONTENT_TYPE = 7,
  PP_CONTENT_ANY = 8,
  PP_CONTENT_DOC = 9,
  PP_CONTENT_SKIP = 10,
} PpContentKind;

typedef enum {
  PP_Y_TYPE_UNDEFINED = -1, /* a root type nobody has asked for yet */
  PP_Y_TYPE_ARRAY = 0,
  PP_Y_TYPE_MAP = 1,
  PP_Y_TYPE_TEXT = 2,
  PP_Y_TYPE_XML_ELEMENT = 3,
  PP_Y_TYPE_XML_FRAGMENT = 4,
  PP_Y_TYPE_XML_HOOK = 5,
  PP_Y_TYPE_XML_TEXT = 6,
} PpYTypeRef;

enum {
  PP_ITEM_HAS_ORIGIN = 1 << 0,
  PP_ITEM_HAS_RIGHT_ORIGIN = 1 << 1,
  PP_ITEM_DELETED = 1 << 2,
  PP_ITEM_KEEP = 1 << 3,
  PP_ITEM_HAS_REDONE = 1 << 4,
};

typedef struct {
  guint32 client;
  guint32 clock;
} PpId;

typedef struct _PpItem PpItem;

struct _PpItem {
  PpItem *left;
  PpItem *right;
  PpYType *parent;          /* NULL for GC structs */
  char *parent_sub;         /* map key, NULL in sequences */
  guint32 client;
  guint32 clock;
  guint32 len;              /* Yjs length: UTF-16 units for strings */
  guint32 cp_len;           /* code points for strings, else len */
  PpId origin;
  PpId right_origin;
  guint8 kind;
  guint8 flags;
  union {
    struct {
      gunichar2 *s;
      guint32 cap;
    } str;
    GVariant **any;         /* len values */
    char **json;            /* len raw JSON texts */
    GBytes *binary;
    char *embed;            /* raw JSON text */
    struct {
      char *key;
      char *value;          /* raw JSON text */
    } format;
    PpYType *type;
    struct {
      char *guid;
      GVariant *opts;
    } doc;
  } c;
};

static inline gboolean
_pp_item_deleted (const PpItem *item)
{
  return (item->flags & PP_ITEM_DELETED) != 0;
}

static inline gboolean
_pp_kind_countable (guint8 kind)
{
  return kind != PP_CONTENT_DELETED && kind != PP_CONTENT_FORMAT &&
         kind != PP_CONTENT_GC && kind != PP_CONTENT_SKIP;
}

/* Both have no such origin, or the same one. */
static inline gboolean
_pp_ids_equal (gboolean has_a, PpId a, gboolean has_b, PpId b)
{
  if (!has_a || !has_b)
    return !has_a == !has_b;
  return a.client == b.client && a.clock == b.clock;
}

static inline gboolean
_pp_item_origin_equal (const PpItem *a, const PpItem *b)
{
  return _pp_ids_equal (a->flags & PP_ITEM_HAS_ORIGIN, a->origin, b->flags & PP_ITEM_HAS_ORIGIN, b->origin);
}

static inline gboolean
_pp_item_right_origin_equal (const PpItem *a, const PpItem *b)
{
  return _pp_ids_equal (a->flags & PP_ITEM_HAS_RIGHT_ORIGIN, a->right_origin,
                       b->flags & PP_ITEM_HAS_RIGHT_ORIGIN, b->right_origin);
}

/* Counts toward the length of its (sequence) parent. */
static inline gboolean
_pp_item_visible (const PpItem *item)
{
  return !(item->flags & PP_ITEM_DELETED) && _pp_kind_countable (item->kind);
}

typedef struct {
  void (*func) (void);
  gpointer user_data;
  guint id;
} PpHandler;

struct _PpYType {
  PpDoc *doc;
  PpItem *item;             /* the item holding this type; NULL at the root */
  char *name;               /* root name */
  int type_ref;
  char *node_name;          /* XML element and hook names */
  PpItem *start;
  GHashTable *map;          /* key -> PpItem (the rightmost for the key) */
  guint32 length;
  guint32 length_cp;
  /* Position cache: m_item has m_index visible units before it. */
  PpItem *m_item;
  guint32 m_index;
  guint32 m_index_cp;
  GArray *delta_handlers;   /* PpHandler */
  GArray *keys_handlers;
  gboolean txn_changed;
  GHashTable *txn_keys;     /* changed map keys in this transaction */
};

/* 64 pointers: small enough that glibc serves a chunk from its small bins
 * (a larger request makes it consolidate every freed fast chunk first). */
#define PP_CHUNK_MAX 64

typedef struct {
  PpItem **items;
  guint n;
} PpChunk;

typedef struct {
  guint32 client;
  guint32 state;            /* next clock */
  PpChunk *chunks;
  guint n_chunks;
  guint cap_chunks;
  guint finger_ci;          /* where the last lookup landed */
  guint finger_pi;
} PpClientStructs;

typedef struct {
  guint32 client;
  guint32 clock;
  guint32 len;
} PpRange;

/* A struct read from an update but not integrated yet. */
typedef struct {
  PpItem *item;             /* parent is NULL until integrated */
  char *parent_key;         /* root name, or NULL */
  PpId parent_id;
  gboolean has_parent_id;
  gboolean remote;          /* from a peer: checked before it integrates */
  gpointer origin;          /* the origin its update was applied with */
} PpRef;

/* One client's structs in an update. */
typedef struct {
  guint32 client;
  GPtrArray *refs;          /* PpRef, in clock order */
} PpClientRefs;

/* An update read in full, not applied yet. */
typedef struct {
  GArray *clients;          /* PpClientRefs, in the order read */
  GArray *ds;               /* PpRange, sorted and merged */
} PpDecodedUpdate;

typedef struct {
  GPtrArray *refs;          /* PpRef sorted by clock; [head, len) wait */
  guint head;
} PpPending;

typedef struct {
  gboolean active;
  gboolean local;
  gpointer origin;
  GArray *before;           /* PpId: client and its clock at first change */
  GArray *ds;               /* PpRange deleted in this transaction */
  GArray *merge;            /* PpId of items split in this transaction */
  GPtrArray *changed;       /* PpYType */
} PpTxn;

/* What integrating an item leaves to do once it is linked in: its
 * deletes, and telling its parent's observers. A peer's update has all
 * its structs linked and checked before any of this is done, so that a
 * refused one can be rolled back (pp-crdt-updates.c); meanwhile later
 * links may split the items named here. */
typedef struct {
  PpItem *item;
  PpYType *parent;          /* NULL for a GC */
  PpItem *replaced;         /* the map entry it replaces, to delete */
  guint32 len;              /* the item's length when linked */
  guint32 replaced_len;
  guint8 keyed;             /* a map entry */
  guint8 superseded;        /* a map entry with a newer one to its right */
  guint8 deleted_content;
} PpLink;

/* The rollback log of a peer's update being linked in: enough to take
 * the update back out when one of its structs fails the checks. */
typedef enum {
  PP_ROLLBACK_LINK,         /* link: an item linked in and stored */
  PP_ROLLBACK_SPLIT,        /* split: an item split in two */
  PP_ROLLBACK_CLIENT,       /* cs: a client first seen */
  PP_ROLLBACK_ROOT,         /* root: a root type first named */
} PpRollbackKind;

typedef struct {
  PpRollbackKind kind;
  union {
    PpLink link;
    struct {
      PpItem *left;
      PpItem *right;
      guint32 cp_len;       /* the whole item's, before */
      gunichar2 units[2];   /* the units either side of the cut, before */
    } split;
    PpClientStructs *cs;
    PpYType *root;
  } u;
} PpRollback;

typedef struct _PpUndoManager PpUndoManager;

struct _PpDoc {
  guint32 client_id;
  GHashTable *share;        /* name -> PpYType */
  GHashTable *clients;      /* client -> PpClientStructs */
  PpClientStructs *last_cs;
  PpTxn txn;
  int txn_depth;
  GArray *update_handlers;
  guint next_handler_id;
  /* Structs and deletes waiting for dependencies. */
  GHashTable *pending;      /* client -> PpPending */
  GArray *pending_ds;       /* PpRange */
  GArray *rollback;         /* rollback_log while a peer's update is linked in */
  GArray *rollback_log;     /* PpRollback; scratch, like incoming */
  GHashTable *incoming;     /* client -> PpPending of a peer's update */
  /* Structs from peers refused when their dependencies arrived, since
   * pp_doc_take_refused() last asked. */
  guint n_refused;
  char *refused_reason;     /* owned; the first one's */
  gpointer refused_origin;
  /* Scratch for YATA's conflict scan (pp-crdt-integrate.c). */
  GHashTable *items_before_origin;
  GHashTable *conflicting_items;
  GPtrArray *undo_managers;
  GHashTable *redone;       /* PpItem -> PpId of its redo copy (rare) */
  PpItem *spare_items;      /* dropped items kept for reuse, via right */
  guint n_spare_items;
};

/* pp-crdt-struct-store.c: items, and each client's structs in clock
 * order (Yjs's StructStore) */
PpClientStructs  *_pp_struct_store_get_slow (PpDoc *doc, guint32 client, gboolean create);
PpItem           *_pp_struct_store_find (PpDoc *doc, guint32 client, guint32 clock);
void              _pp_struct_store_try_merge_at (PpDoc *doc, guint32 client, guint32 clock);
gboolean          _pp_cs_find (PpClientStructs *cs, guint32 clock, guint *ci, guint *pi);
void              _pp_cs_append (PpClientStructs *cs, PpItem *item);

/* Inline: every edit and every integrated struct asks for its client. */
static inline PpClientStructs *
_pp_struct_store_get (PpDoc *doc, guint32 client, gboolean create)
{
  if (doc->last_cs != NULL && doc->last_cs->client == client)
    return doc->last_cs;
  return _pp_struct_store_get_slow (doc, client, create);
}

static inline guint32
_pp_struct_store_get_state (PpDoc *doc, guint32 client)
{
  PpClientStructs *cs = _pp_struct_store_get (doc, client, FALSE);

  return cs ? cs->state : 0;
}

PpItem           *_pp_item_alloc (void);
PpItem           *_pp_item_reuse (PpDoc *doc);
void              _pp_item_recycle (PpDoc *doc, PpItem *item);
PpItem           *_pp_item_new_local (PpDoc *doc, PpYType *parent, PpItem *left, PpItem *right,
                                      const char *key);
void              _pp_item_free (PpItem *item);
void              _pp_item_free_content (PpItem *item);
void              _pp_item_copy_content (PpItem *dst, const PpItem *src);
void              _pp_item_content_drop_front (PpItem *item, guint32 n);
PpItem           *_pp_item_split (PpDoc *doc, PpItem *item, guint32 diff);
void              _pp_item_unsplit (PpDoc *doc, PpItem *left, PpItem *right, guint32 cp_len,
                                    const gunichar2 units[2]);
void              _pp_cs_remove_last (PpClientStructs *cs);
PpItem           *_pp_item_clean_start (PpDoc *doc, guint32 client, guint32 clock);
PpItem           *_pp_item_clean_end (PpDoc *doc, guint32 client, guint32 clock);
gboolean          _pp_item_get_redone (PpDoc *doc, const PpItem *item, PpId *out);
void              _pp_item_set_redone (PpDoc *doc, PpItem *item, guint32 client, guint32 clock);

/* pp-crdt-doc.c: documents and their types */
PpYType          *_pp_y_type_new (PpDoc *doc, int type_ref);
void              _pp_y_type_free (PpYType *type);
PpYType          *_pp_doc_get_root (PpDoc *doc, const char *name, int type_ref);
void              _pp_y_type_mark_changed (PpDoc *doc, PpYType *type, const char *key);
void              _pp_y_type_reset_marker (PpYType *type);

/* pp-crdt-transaction.c */
void              _pp_txn_note_before (PpDoc *doc, guint32 client);
guint32           _pp_txn_before_state (PpDoc *doc, guint32 client);
void              _pp_txn_add_delete (PpDoc *doc, guint32 client, guint32 clock, guint32 len);
void              _pp_txn_add_delete_to (GArray *ranges, guint32 client, guint32 clock, guint32 len);
void              _pp_txn_add_merge (PpDoc *doc, guint32 client, guint32 clock);
gboolean          _pp_ranges_contain (GArray *sorted, guint32 client, guint32 clock);
void              _pp_ranges_sort_merge (GArray *ranges);

/* pp-crdt-integrate.c */
void              _pp_item_integrate (PpDoc *doc, PpItem *item, guint32 offset);
PpLink            _pp_item_link (PpDoc *doc, PpItem *item, guint32 offset);
void              _pp_item_finish (PpDoc *doc, const PpLink *link);
void              _pp_item_unlink (PpDoc *doc, PpItem *item);
void              _pp_item_delete (PpDoc *doc, PpItem *item);

/* pp-crdt-updates.c */
void              _pp_pending_free (PpPending *p);

/* pp-crdt-validate.c: whether an honest peer could have written a struct */
gboolean          _pp_ref_check_alone (const PpRef *ref, GError **error);
gboolean          _pp_ref_check (PpDoc *doc, const PpRef *ref, guint32 offset, GError **error);

/* pp-crdt-delta.c */
void              _pp_delta_emit (PpDoc *doc, PpYType *type, PpTransactionInfo *info);

/* pp-crdt-encoding.c */
void              _pp_item_write (PpEncoder *enc, const PpItem *item, guint32 offset,
                                  const char *parent_key, const PpId *parent_id);
void              _pp_item_write_integrated (PpEncoder *enc, const PpItem *item, guint32 offset);
void              _pp_write_client_structs (PpEncoder *enc, PpClientStructs *cs, guint32 clock);
void              _pp_write_delete_set (PpEncoder *enc, GArray *sorted_ranges);
void              _pp_write_state_vector (PpEncoder *enc, GArray *pairs);
int               _pp_id_compare_client_desc (gconstpointer a, gconstpointer b);
GPtrArray        *_pp_sorted_clients (GHashTable *table);
GArray           *_pp_doc_delete_set (PpDoc *doc);
gboolean          _pp_update_decode (const guint8 *data, gsize len, PpDecodedUpdate *out,
                                     GError **error);
void              _pp_decoded_update_clear (PpDecodedUpdate *d);
void              _pp_ref_free (PpRef *ref);

/* A state vector's clock for client: 0 for a client it does not name,
 * or when there is no state vector. */
static inline guint32
_pp_state_vector_get (GHashTable *sv, guint32 client)
{
  return sv ? GPOINTER_TO_UINT (g_hash_table_lookup (sv, GUINT_TO_POINTER (client))) : 0;
}

/* pp-crdt-types.c: positions inside a string item */
guint32           _pp_cp_to_utf16 (const gunichar2 *s, guint32 len, guint32 n);
guint32           _pp_utf16_to_cp (const gunichar2 *s, guint32 len, guint32 n);

/* pp-crdt-undo.c */
void              _pp_undo_manager_after_transaction (PpUndoManager *um, PpDoc *doc);

G_END_DECLS

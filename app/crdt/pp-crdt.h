/* pp-crdt.h: the shared document, a CRDT compatible with Yjs v1 updates
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PpDoc holds root types by name: Text, Map and Array. Local changes are
 * grouped in transactions; each transaction that changes something emits
 * one update (Yjs update format v1). Updates from peers are applied with
 * pp_doc_apply_remote_update(), trusted ones (a saved state) with
 * pp_doc_apply_update(); parts whose dependencies have not arrived yet
 * are held and integrated when they do.
 *
 * Updates from peers. Anyone holding a session's invite link may send
 * anything, and an item whose origins no honest peer writes makes the
 * replicas that take it order text differently. An honest peer's new
 * item has as origin the item just left of it and as right origin the
 * item just right of it, neighbours in one list at the time; later
 * inserts only come between them. So pp_doc_apply_remote_update()
 * refuses (PP_CRDT_ERROR_REFUSED, the message says what was wrong) an
 * update with an item
 *  - whose left and right origins are the same item;
 *  - whose origin, right origin or parent is a change of its own client
 *    no earlier than the item;
 *  - whose left and right origins lie in different types, or under
 *    different map keys;
 *  - whose left origin is not before its right origin in their list;
 *  - that continues its client's previous item (an update that overlaps
 *    what the document has) in another type, or after its right origin;
 *  - whose parent, named by id, is an item that is not a shared type.
 * A refused update changes nothing: not a struct, not a delete, nothing
 * kept to wait. Its structs are checked as they are linked in, against
 * the document and the structs of the update linked before them, and a
 * log of the links (and the splits they made) is rolled back if one
 * fails; their deletes are only done once all passed.
 *
 * Structs whose dependencies have not arrived wait, as in Yjs; what can
 * be checked on its own (the first two cases) is checked on arrival, the
 * rest when they integrate, which may be while a later update applies.
 * A struct failing then is dropped (the update that brought it was
 * accepted already, and the one applying now is not at fault):
 * pp_doc_take_refused() tells how many and why, with the origin of the
 * update that brought the first. Where the document no longer knows (an
 * origin or the parent was garbage collected), nothing is checked and the
 * struct becomes a GC, as in Yjs.
 *
 * Text positions come in two units: UTF-16 code units (Yjs's unit, the
 * plain functions) and code points (GTK's unit, the _cp functions).
 *
 * Map and Array values are lib0 "Any" values as GVariants: "mv" with no
 * value is null, "()" is undefined, booleans, integers ("x"), doubles,
 * strings, "ay" for binary, "av" for arrays and "a{sv}" for objects.
 *
 * Who owns what is said at each function's definition, in gtk-doc
 * annotations: values and encoded bytes come back as new references
 * ((transfer full): hold them in g_autoptr), types are the document's
 * ((transfer none)), and values handed in as floating GVariants are sunk.
 *
 * Not thread-safe: use a document from one thread (the main context).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_CRDT_ERROR (pp_crdt_error_quark ())
GQuark pp_crdt_error_quark (void);

typedef enum {
  PP_CRDT_ERROR_MALFORMED,     /* bytes that are not a valid message */
  PP_CRDT_ERROR_INVALID,       /* an argument out of range, a wrong type */
  PP_CRDT_ERROR_REFUSED,       /* a peer's update no honest peer writes */
} PpCrdtError;

typedef struct _PpDoc PpDoc;
/* A shared type, Yjs's AbstractType (not a GType): Text, Map and Array
 * are the same structure seen through different functions. */
typedef struct _PpYType PpYType;
typedef PpYType PpText;
typedef PpYType PpMap;
typedef PpYType PpArray;

typedef enum {
  PP_DELTA_RETAIN,
  PP_DELTA_INSERT,
  PP_DELTA_DELETE,
} PpDeltaOp;

/* One step of a change to a Text or an Array, in both units. For a Text
 * insert, text is the inserted UTF-8. For an Array insert, the values are
 * at the positions the retains and inserts before it add up to. */
typedef struct {
  PpDeltaOp op;
  guint len;        /* UTF-16 units for Text, elements for Array */
  guint len_cp;     /* code points for Text, elements for Array */
  const char *text; /* inserts into Text only */
} PpDelta;

typedef struct {
  gboolean local;    /* made by this document (including undo/redo) */
  gpointer origin;   /* the origin given to the transaction */
} PpTransactionInfo;

/* Observers. What they are handed (the update's bytes, the deltas and
 * their text, the changed keys, the info) is borrowed: valid for the
 * call only; copy what you keep. */
typedef void (*PpUpdateFunc)    (PpDoc                   *doc,
                                 const guint8            *update,
                                 gsize                    len,
                                 const PpTransactionInfo *info,
                                 gpointer                 user_data);
typedef void (*PpDeltaFunc)     (PpYType                 *type,
                                 const PpDelta           *delta,
                                 guint                    n_delta,
                                 const PpTransactionInfo *info,
                                 gpointer                 user_data);
typedef void (*PpKeysFunc)      (PpMap                   *map,
                                 const char * const      *changed_keys,
                                 const PpTransactionInfo *info,
                                 gpointer                 user_data);

PpDoc      *pp_doc_new                  (void);
PpDoc      *pp_doc_new_with_client_id   (guint32         client_id);
void        pp_doc_free                 (PpDoc          *doc);
guint32     pp_doc_get_client_id        (PpDoc          *doc);

PpText     *pp_doc_get_text             (PpDoc          *doc,
                                         const char     *name);
PpMap      *pp_doc_get_map              (PpDoc          *doc,
                                         const char     *name);
PpArray    *pp_doc_get_array            (PpDoc          *doc,
                                         const char     *name);
PpDoc      *pp_y_type_get_doc           (PpYType        *type);

/* Transactions nest; the outermost end emits the update and events. */
void        pp_doc_transact_begin       (PpDoc          *doc,
                                         gpointer        origin);
void        pp_doc_transact_end         (PpDoc          *doc);

guint       pp_doc_connect_update       (PpDoc          *doc,
                                         PpUpdateFunc    func,
                                         gpointer        user_data);
void        pp_doc_disconnect           (PpDoc          *doc,
                                         guint           handler_id);
guint       pp_y_type_connect_delta     (PpYType        *type,
                                         PpDeltaFunc     func,
                                         gpointer        user_data);
guint       pp_map_connect_keys         (PpMap          *map,
                                         PpKeysFunc      func,
                                         gpointer        user_data);

/* Text */
gboolean    pp_text_insert              (PpText         *text,
                                         guint           index,
                                         const char     *utf8,
                                         gssize          len,
                                         GError        **error);
gboolean    pp_text_insert_cp           (PpText         *text,
                                         guint           index,
                                         const char     *utf8,
                                         gssize          len,
                                         GError        **error);
gboolean    pp_text_delete              (PpText         *text,
                                         guint           index,
                                         guint           len,
                                         GError        **error);
gboolean    pp_text_delete_cp           (PpText         *text,
                                         guint           index,
                                         guint           len,
                                         GError        **error);
char       *pp_text_to_string           (PpText         *text);
guint       pp_text_length              (PpText         *text);
guint       pp_text_length_cp           (PpText         *text);

/* Map */
void        pp_map_set                  (PpMap          *map,
                                         const char     *key,
                                         GVariant       *value);
GVariant   *pp_map_get                  (PpMap          *map,
                                         const char     *key);
gboolean    pp_map_has                  (PpMap          *map,
                                         const char     *key);
void        pp_map_delete               (PpMap          *map,
                                         const char     *key);
guint       pp_map_size                 (PpMap          *map);
/* All entries as "a{sv}", keys sorted. */
GVariant   *pp_map_to_variant           (PpMap          *map);

/* Array */
gboolean    pp_array_insert             (PpArray        *array,
                                         guint           index,
                                         GVariant      **values,
                                         guint           n_values,
                                         GError        **error);
void        pp_array_push               (PpArray        *array,
                                         GVariant       *value);
gboolean    pp_array_delete             (PpArray        *array,
                                         guint           index,
                                         guint           len,
                                         GError        **error);
guint       pp_array_length             (PpArray        *array);
GVariant   *pp_array_get                (PpArray        *array,
                                         guint           index);
/* All elements as "av". */
GVariant   *pp_array_to_variant         (PpArray        *array);

/* Updates (Yjs update format v1) */
GBytes     *pp_doc_encode_state_vector  (PpDoc          *doc);
/* The whole state, or what a peer with state vector sv lacks. */
GBytes     *pp_doc_encode_state         (PpDoc          *doc,
                                         const guint8   *sv,
                                         gsize           sv_len,
                                         GError        **error);
/* From a trusted source, such as this document's own saved state. */
gboolean    pp_doc_apply_update         (PpDoc          *doc,
                                         const guint8   *update,
                                         gsize           len,
                                         gpointer        origin,
                                         GError        **error);
/* From a peer, who may be hostile: see "Updates from peers" above. */
gboolean    pp_doc_apply_remote_update  (PpDoc          *doc,
                                         const guint8   *update,
                                         gsize           len,
                                         gpointer        origin,
                                         GError        **error);
guint       pp_doc_take_refused         (PpDoc          *doc,
                                         gpointer       *origin,
                                         GError        **error);
/* TRUE while parts of received updates wait for missing dependencies. */
gboolean    pp_doc_has_pending          (PpDoc          *doc);

/* Updates without a document */
GBytes     *pp_update_merge             (GBytes        **updates,
                                         guint           n_updates,
                                         GError        **error);
GBytes     *pp_update_diff              (const guint8   *update,
                                         gsize           len,
                                         const guint8   *sv,
                                         gsize           sv_len,
                                         GError        **error);
GBytes     *pp_update_state_vector      (const guint8   *update,
                                         gsize           len,
                                         GError        **error);
/* Parses a state vector into client -> clock (both guint32, as
 * GUINT_TO_POINTER keys and values). */
GHashTable *pp_state_vector_decode      (const guint8   *sv,
                                         gsize           len,
                                         GError        **error);

/* Relative positions (Yjs's RelativePosition, in its JSON form): a place
 * in a Text or an Array that stays at its character through others'
 * edits, as cursors are shared. */
typedef struct _PpRelativePosition PpRelativePosition;

PpRelativePosition *pp_relative_position_new           (PpYType                   *type,
                                                        guint                      index,
                                                        int                        assoc);
PpRelativePosition *pp_relative_position_new_cp        (PpYType                   *type,
                                                        guint                      index,
                                                        int                        assoc);
PpRelativePosition *pp_relative_position_new_from_json (const char                *json,
                                                        GError                   **error);
char               *pp_relative_position_to_json       (const PpRelativePosition  *pos);
gboolean            pp_relative_position_resolve       (const PpRelativePosition  *pos,
                                                        PpDoc                     *doc,
                                                        PpYType                  **type,
                                                        guint                     *index,
                                                        guint                     *index_cp);
void                pp_relative_position_free          (PpRelativePosition        *pos);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpDoc, pp_doc_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpRelativePosition, pp_relative_position_free)

G_END_DECLS

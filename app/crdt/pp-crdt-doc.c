/* pp-crdt-doc.c: documents and their shared types
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document owns its root types (by name), each client's structs, the
 * structs and deletes still waiting for dependencies, and the observers.
 */
#include "config.h"

#include "pp-crdt-private.h"

G_DEFINE_QUARK (pp-crdt-error-quark, pp_crdt_error)

/* ---- documents ---- */

static void
client_structs_free (gpointer data)
{
  PpClientStructs *cs = data;

  for (guint c = 0; c < cs->n_chunks; c++)
    {
      for (guint i = 0; i < cs->chunks[c].n; i++)
        _pp_item_free (cs->chunks[c].items[i]);
      g_free (cs->chunks[c].items);
    }
  g_free (cs->chunks);
  g_free (cs);
}

/**
 * pp_doc_new_with_client_id:
 * @client_id: the id this document's own changes carry
 *
 * A document whose changes are made as client @client_id; give each peer
 * its own.
 *
 * Returns: (transfer full): a new document; free it with pp_doc_free()
 */
PpDoc *
pp_doc_new_with_client_id (guint32 client_id)
{
  PpDoc *doc = g_new0 (PpDoc, 1);

  doc->client_id = client_id;
  doc->share = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) _pp_y_type_free);
  doc->clients = g_hash_table_new_full (NULL, NULL, NULL, client_structs_free);
  doc->txn.before = g_array_new (FALSE, FALSE, sizeof (PpId));
  doc->txn.ds = g_array_new (FALSE, FALSE, sizeof (PpRange));
  doc->txn.merge = g_array_new (FALSE, FALSE, sizeof (PpId));
  doc->txn.changed = g_ptr_array_new ();
  doc->update_handlers = g_array_new (FALSE, FALSE, sizeof (PpHandler));
  doc->next_handler_id = 1;
  doc->pending = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) _pp_pending_free);
  doc->pending_ds = g_array_new (FALSE, FALSE, sizeof (PpRange));
  doc->incoming = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) _pp_pending_free);
  doc->rollback_log = g_array_new (FALSE, FALSE, sizeof (PpRollback));
  doc->items_before_origin = g_hash_table_new (NULL, NULL);
  doc->conflicting_items = g_hash_table_new (NULL, NULL);
  doc->undo_managers = g_ptr_array_new ();
  return doc;
}

/**
 * pp_doc_new:
 *
 * A document with a random client id (see pp_doc_new_with_client_id()).
 *
 * Returns: (transfer full): a new document; free it with pp_doc_free()
 */
PpDoc *
pp_doc_new (void)
{
  return pp_doc_new_with_client_id (g_random_int ());
}

/**
 * pp_doc_free:
 * @doc: (transfer full) (nullable): a document, with no undo manager left
 *
 * Frees the document, its types and everything it holds.
 */
void
pp_doc_free (PpDoc *doc)
{
  if (doc == NULL)
    return;
  g_return_if_fail (doc->txn_depth == 0);
  g_return_if_fail (doc->undo_managers->len == 0);
  /* Items own nested types; root types are owned by share. */
  g_clear_pointer (&doc->redone, g_hash_table_destroy);
  g_hash_table_destroy (doc->clients);
  g_hash_table_destroy (doc->share);
  g_hash_table_destroy (doc->pending);
  g_array_unref (doc->pending_ds);
  g_hash_table_destroy (doc->incoming);
  g_array_unref (doc->rollback_log);
  g_array_unref (doc->txn.before);
  g_array_unref (doc->txn.ds);
  g_array_unref (doc->txn.merge);
  g_ptr_array_unref (doc->txn.changed);
  g_array_unref (doc->update_handlers);
  g_hash_table_destroy (doc->items_before_origin);
  g_hash_table_destroy (doc->conflicting_items);
  g_ptr_array_unref (doc->undo_managers);
  g_clear_pointer (&doc->redone, g_hash_table_destroy);
  g_free (doc->refused_reason);
  while (doc->spare_items != NULL)
    {
      PpItem *next = doc->spare_items->right;
      g_free (doc->spare_items);
      doc->spare_items = next;
    }
  g_free (doc);
}

guint32
pp_doc_get_client_id (PpDoc *doc)
{
  return doc->client_id;
}

static guint
handlers_add (PpDoc *doc, GArray **handlers, void (*func) (void), gpointer user_data)
{
  PpHandler h = { func, user_data, doc->next_handler_id++ };

  if (*handlers == NULL)
    *handlers = g_array_new (FALSE, FALSE, sizeof (PpHandler));
  g_array_append_val (*handlers, h);
  return h.id;
}

static gboolean
handlers_remove (GArray *handlers, guint id)
{
  if (handlers == NULL)
    return FALSE;
  for (guint i = 0; i < handlers->len; i++)
    if (g_array_index (handlers, PpHandler, i).id == id)
      {
        g_array_remove_index (handlers, i);
        return TRUE;
      }
  return FALSE;
}

guint
pp_doc_connect_update (PpDoc *doc, PpUpdateFunc func, gpointer user_data)
{
  return handlers_add (doc, &doc->update_handlers, (void (*) (void)) func, user_data);
}

guint
pp_y_type_connect_delta (PpYType *type, PpDeltaFunc func, gpointer user_data)
{
  return handlers_add (type->doc, &type->delta_handlers, (void (*) (void)) func, user_data);
}

guint
pp_map_connect_keys (PpMap *map, PpKeysFunc func, gpointer user_data)
{
  return handlers_add (map->doc, &map->keys_handlers, (void (*) (void)) func, user_data);
}

static gboolean
disconnect_type (gpointer key, gpointer value, gpointer user_data)
{
  PpYType *type = value;
  guint id = GPOINTER_TO_UINT (user_data);

  return handlers_remove (type->delta_handlers, id) || handlers_remove (type->keys_handlers, id);
}

void
pp_doc_disconnect (PpDoc *doc, guint handler_id)
{
  if (handlers_remove (doc->update_handlers, handler_id))
    return;
  /* Observers are only offered on root types. */
  g_hash_table_find (doc->share, disconnect_type, GUINT_TO_POINTER (handler_id));
}

/* ---- types ---- */

PpYType *
_pp_y_type_new (PpDoc *doc, int type_ref)
{
  PpYType *type = g_new0 (PpYType, 1);

  type->doc = doc;
  type->type_ref = type_ref;
  type->map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return type;
}

void
_pp_y_type_free (PpYType *type)
{
  if (type == NULL)
    return;
  g_hash_table_destroy (type->map);
  g_clear_pointer (&type->txn_keys, g_hash_table_destroy);
  g_clear_pointer (&type->delta_handlers, g_array_unref);
  g_clear_pointer (&type->keys_handlers, g_array_unref);
  g_free (type->name);
  g_free (type->node_name);
  g_free (type);
}

PpYType *
_pp_doc_get_root (PpDoc *doc, const char *name, int type_ref)
{
  PpYType *type = g_hash_table_lookup (doc->share, name);

  if (type == NULL)
    {
      type = _pp_y_type_new (doc, type_ref);
      type->name = g_strdup (name);
      g_hash_table_insert (doc->share, type->name, type);
      if (doc->rollback != NULL)
        {
          PpRollback r = { PP_ROLLBACK_ROOT, { .root = type } };
          g_array_append_val (doc->rollback, r);
        }
    }
  else if (type->type_ref == PP_Y_TYPE_UNDEFINED)
    type->type_ref = type_ref;
  return type;
}

static PpYType *
get_typed_root (PpDoc *doc, const char *name, int type_ref)
{
  PpYType *type = _pp_doc_get_root (doc, name, type_ref);

  if (type_ref != PP_Y_TYPE_UNDEFINED && type->type_ref != type_ref)
    {
      g_critical ("Root type “%s” already exists with another kind", name);
      return NULL;
    }
  return type;
}

/**
 * pp_doc_get_text:
 * @doc: a document
 * @name: the root type's name
 *
 * Returns: (transfer none): the Text called @name, made on first use; it
 *   lives as long as @doc
 */
PpText *
pp_doc_get_text (PpDoc *doc, const char *name)
{
  return get_typed_root (doc, name, PP_Y_TYPE_TEXT);
}

/**
 * pp_doc_get_map:
 * @doc: a document
 * @name: the root type's name
 *
 * Returns: (transfer none): the Map called @name, made on first use; it
 *   lives as long as @doc
 */
PpMap *
pp_doc_get_map (PpDoc *doc, const char *name)
{
  return get_typed_root (doc, name, PP_Y_TYPE_MAP);
}

/**
 * pp_doc_get_array:
 * @doc: a document
 * @name: the root type's name
 *
 * Returns: (transfer none): the Array called @name, made on first use; it
 *   lives as long as @doc
 */
PpArray *
pp_doc_get_array (PpDoc *doc, const char *name)
{
  return get_typed_root (doc, name, PP_Y_TYPE_ARRAY);
}

/**
 * pp_y_type_get_doc:
 * @type: a shared type
 *
 * Returns: (transfer none): the document @type belongs to
 */
PpDoc *
pp_y_type_get_doc (PpYType *type)
{
  return type->doc;
}

void
_pp_y_type_reset_marker (PpYType *type)
{
  type->m_item = NULL;
  type->m_index = type->m_index_cp = 0;
}

void
_pp_y_type_mark_changed (PpDoc *doc, PpYType *type, const char *key)
{
  if (!type->txn_changed)
    {
      type->txn_changed = TRUE;
      g_ptr_array_add (doc->txn.changed, type);
    }
  if (key != NULL && type->keys_handlers != NULL)
    {
      if (type->txn_keys == NULL)
        type->txn_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (type->txn_keys, g_strdup (key));
    }
}

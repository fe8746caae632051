/* pp-crdt-doc.c: documents, types, transactions and integration
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Integration is YATA exactly as Yjs implements it (Item.integrate), so
 * that any mix of our peers and Yjs peers converges to the same order.
 */
#include "config.h"

#include <string.h>

#include "pp-crdt-private.h"
#include "pp-crdt-undo.h"

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

static void
pending_free (gpointer data)
{
  PpPending *p = data;

  g_ptr_array_unref (p->refs);
  g_free (p);
}

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
  doc->pending = g_hash_table_new_full (NULL, NULL, NULL, pending_free);
  doc->pending_ds = g_array_new (FALSE, FALSE, sizeof (PpRange));
  doc->scan_before = g_hash_table_new (NULL, NULL);
  doc->scan_conflict = g_hash_table_new (NULL, NULL);
  doc->undo_managers = g_ptr_array_new ();
  return doc;
}

PpDoc *
pp_doc_new (void)
{
  return pp_doc_new_with_client_id (g_random_int ());
}

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
  g_array_unref (doc->txn.before);
  g_array_unref (doc->txn.ds);
  g_array_unref (doc->txn.merge);
  g_ptr_array_unref (doc->txn.changed);
  g_array_unref (doc->update_handlers);
  g_hash_table_destroy (doc->scan_before);
  g_hash_table_destroy (doc->scan_conflict);
  g_ptr_array_unref (doc->undo_managers);
  g_clear_pointer (&doc->redone, g_hash_table_destroy);
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

PpText *
pp_doc_get_text (PpDoc *doc, const char *name)
{
  return get_typed_root (doc, name, PP_Y_TYPE_TEXT);
}

PpMap *
pp_doc_get_map (PpDoc *doc, const char *name)
{
  return get_typed_root (doc, name, PP_Y_TYPE_MAP);
}

PpArray *
pp_doc_get_array (PpDoc *doc, const char *name)
{
  return get_typed_root (doc, name, PP_Y_TYPE_ARRAY);
}

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

/* ---- transactions ---- */

void
_pp_txn_note_before (PpDoc *doc, guint32 client)
{
  GArray *before = doc->txn.before;
  PpId id;

  for (guint i = 0; i < before->len; i++)
    if (g_array_index (before, PpId, i).client == client)
      return;
  id.client = client;
  id.clock = _pp_struct_store_get_state (doc, client);
  g_array_append_val (before, id);
}

guint32
_pp_txn_before_state (PpDoc *doc, guint32 client)
{
  GArray *before = doc->txn.before;

  for (guint i = 0; i < before->len; i++)
    if (g_array_index (before, PpId, i).client == client)
      return g_array_index (before, PpId, i).clock;
  return G_MAXUINT32;
}

void
_pp_txn_add_delete (PpDoc *doc, guint32 client, guint32 clock, guint32 len)
{
  _pp_txn_add_delete_to (doc->txn.ds, client, clock, len);
}

void
_pp_txn_add_delete_to (GArray *ds, guint32 client, guint32 clock, guint32 len)
{
  PpRange r = { client, clock, len };

  if (ds->len > 0)
    {
      PpRange *last = &g_array_index (ds, PpRange, ds->len - 1);
      if (last->client == client && last->clock + last->len == clock)
        {
          last->len += len;
          return;
        }
    }
  g_array_append_val (ds, r);
}

void
_pp_txn_add_merge (PpDoc *doc, guint32 client, guint32 clock)
{
  PpId id = { client, clock };

  g_array_append_val (doc->txn.merge, id);
}

static int
range_cmp (gconstpointer a, gconstpointer b)
{
  const PpRange *x = a, *y = b;

  if (x->client != y->client)
    return x->client < y->client ? -1 : 1;
  if (x->clock != y->clock)
    return x->clock < y->clock ? -1 : 1;
  return 0;
}

/* Sorts by client and clock, and merges overlapping or adjacent ranges. */
void
_pp_ranges_sort_merge (GArray *ranges)
{
  guint j = 0;

  if (ranges->len < 2)
    return;
  g_array_sort (ranges, range_cmp);
  for (guint i = 1; i < ranges->len; i++)
    {
      PpRange *l = &g_array_index (ranges, PpRange, j);
      PpRange *r = &g_array_index (ranges, PpRange, i);
      if (l->client == r->client && (guint64) l->clock + l->len >= r->clock)
        {
          guint64 end = MAX ((guint64) l->clock + l->len, (guint64) r->clock + r->len);
          l->len = end - l->clock;
        }
      else
        {
          j++;
          if (j != i)
            g_array_index (ranges, PpRange, j) = *r;
        }
    }
  g_array_set_size (ranges, j + 1);
}

gboolean
_pp_ranges_contain (GArray *sorted, guint32 client, guint32 clock)
{
  guint lo = 0, hi = sorted->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const PpRange *r = &g_array_index (sorted, PpRange, mid);
      if (r->client < client || (r->client == client && (guint64) r->clock + r->len <= clock))
        lo = mid + 1;
      else if (r->client > client || r->clock > clock)
        hi = mid;
      else
        return TRUE;
    }
  return FALSE;
}

void
pp_doc_transact_begin (PpDoc *doc, gpointer origin)
{
  if (doc->txn_depth++ > 0)
    return;
  doc->txn.active = TRUE;
  doc->txn.local = TRUE;
  doc->txn.origin = origin;
}

/* Replaces a struct's content by a GC marker, for items whose parent was
 * deleted and collected (Yjs's item.gc(store, true)). */
static void item_gc (PpDoc *doc, PpItem *item, gboolean parent_gcd);

static void
type_gc_children (PpDoc *doc, PpYType *type)
{
  GHashTableIter iter;
  gpointer value;

  for (PpItem *it = type->start, *next; it != NULL; it = next)
    {
      next = it->right;
      item_gc (doc, it, TRUE);
    }
  type->start = NULL;
  g_hash_table_iter_init (&iter, type->map);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      for (PpItem *it = value, *prev; it != NULL; it = prev)
        {
          prev = it->left;
          item_gc (doc, it, TRUE);
        }
    }
  g_hash_table_remove_all (type->map);
}

static void
item_gc (PpDoc *doc, PpItem *item, gboolean parent_gcd)
{
  if (item->kind == PP_CONTENT_GC)
    return;
  if (item->kind == PP_CONTENT_TYPE && item->c.type != NULL)
    type_gc_children (doc, item->c.type);
  _pp_item_free_content (item);
  if (parent_gcd)
    {
      item->kind = PP_CONTENT_GC;
      item->parent = NULL;
      g_clear_pointer (&item->parent_sub, g_free);
      item->left = item->right = NULL;
      item->flags = PP_ITEM_DELETED;
    }
  else
    item->kind = PP_CONTENT_DELETED;
  item->cp_len = item->len;
}

/* Merges structs with their left neighbours, from the one holding clock
 * leftwards until one starting at or before stop. */
static void
merge_back (PpDoc *doc, guint32 client, guint32 clock, guint32 stop)
{
  while (_pp_struct_store_find (doc, client, clock) != NULL)
    {
      PpItem *it;
      _pp_struct_store_try_merge_at (doc, client, clock);
      it = _pp_struct_store_find (doc, client, clock);
      if (it->clock <= stop || it->clock == 0)
        break;
      clock = it->clock - 1;
    }
}

static void
collect_deleted (PpDoc *doc)
{
  GArray *ds = doc->txn.ds;

  /* Drop deleted content, unless undo keeps it. */
  for (guint d = 0; d < ds->len; d++)
    {
      const PpRange *r = &g_array_index (ds, PpRange, d);
      PpClientStructs *cs = _pp_struct_store_get (doc, r->client, FALSE);
      guint ci, pi;

      if (!_pp_cs_find (cs, r->clock, &ci, &pi))
        continue;
      while (ci < cs->n_chunks)
        {
          PpItem *it = cs->chunks[ci].items[pi];
          if (it->clock >= r->clock + r->len)
            break;
          if (_pp_item_deleted (it) && !(it->flags & PP_ITEM_KEEP) && it->kind != PP_CONTENT_DELETED)
            item_gc (doc, it, FALSE);
          if (++pi == cs->chunks[ci].n)
            {
              ci++;
              pi = 0;
            }
        }
    }
  /* Merge deleted runs, right to left inside each range. */
  for (guint d = 0; d < ds->len; d++)
    {
      const PpRange *r = &g_array_index (ds, PpRange, d);
      merge_back (doc, r->client, r->clock + r->len - 1, r->clock);
    }
}

static void
merge_new_structs (PpDoc *doc)
{
  GArray *before = doc->txn.before;

  for (guint i = 0; i < before->len; i++)
    {
      const PpId *b = &g_array_index (before, PpId, i);
      PpClientStructs *cs = _pp_struct_store_get (doc, b->client, FALSE);

      if (cs == NULL || cs->state == b->clock)
        continue;
      {
        /* Typing extended the last struct in place: nothing new to merge. */
        PpChunk *last = &cs->chunks[cs->n_chunks - 1];
        if (last->items[last->n - 1]->clock < b->clock)
          continue;
      }
      merge_back (doc, b->client, cs->state - 1, b->clock);
    }
  for (guint i = doc->txn.merge->len; i > 0; i--)
    {
      const PpId *m = &g_array_index (doc->txn.merge, PpId, i - 1);
      _pp_struct_store_try_merge_at (doc, m->client, m->clock);
    }
}

/* ---- deltas for observers ---- */

typedef struct {
  GArray *ops;       /* PpDelta */
  GPtrArray *texts;  /* the text of each op: a GString for a Text's
                      * inserts, NULL for other ops and for arrays */
  gboolean with_text;
} DeltaBuilder;

static void
free_text (gpointer s)
{
  if (s != NULL)
    g_string_free (s, TRUE);
}

static void
delta_push (DeltaBuilder *b, PpDeltaOp op, guint len, guint len_cp, const gunichar2 *s)
{
  PpDelta *last = b->ops->len ? &g_array_index (b->ops, PpDelta, b->ops->len - 1) : NULL;
  GString *text;

  if (len == 0)
    return;
  if (last == NULL || last->op != op)
    {
      PpDelta d = { op, 0, 0, NULL };
      g_array_append_val (b->ops, d);
      g_ptr_array_add (b->texts, op == PP_DELTA_INSERT && b->with_text ? g_string_new (NULL) : NULL);
      last = &g_array_index (b->ops, PpDelta, b->ops->len - 1);
    }
  last->len += len;
  last->len_cp += len_cp;
  text = b->texts->pdata[b->texts->len - 1];
  if (text == NULL)
    return;
  if (s != NULL)
    pp_utf16_append_utf8 (text, s, len);
  else
    for (guint i = 0; i < len; i++)
      g_string_append (text, "\xef\xbf\xbc");
}

/* Points each insert at its text, and drops a trailing retain, which
 * says nothing. */
static void
delta_finish (DeltaBuilder *b)
{
  PpDelta *ops = (PpDelta *) b->ops->data;

  for (guint k = 0; k < b->ops->len; k++)
    if (b->texts->pdata[k] != NULL)
      ops[k].text = ((GString *) b->texts->pdata[k])->str;
  if (b->ops->len > 0 && ops[b->ops->len - 1].op == PP_DELTA_RETAIN)
    g_array_set_size (b->ops, b->ops->len - 1);
}

static void
item_sub_units (const PpItem *it, guint32 from, guint32 to, guint *len, guint *len_cp)
{
  *len = to - from;
  if (it->kind == PP_CONTENT_STRING && it->c.str.s != NULL)
    *len_cp = pp_utf16_count_code_points (it->c.str.s + from, to - from);
  else
    *len_cp = to - from;
}

static void
compute_delta (PpDoc *doc, PpYType *type, DeltaBuilder *b)
{
  GArray *ds = doc->txn.ds;
  gboolean is_text = type->type_ref == PP_Y_TYPE_TEXT;

  for (PpItem *it = type->start; it != NULL; it = it->right)
    {
      guint32 before = _pp_txn_before_state (doc, it->client);
      guint32 split = before <= it->clock ? 0 : MIN ((guint64) before - it->clock, it->len);
      guint len, len_cp;

      if (!_pp_kind_countable (it->kind))
        continue;
      if (_pp_item_deleted (it))
        {
          if (split > 0 && _pp_ranges_contain (ds, it->client, it->clock))
            {
              item_sub_units (it, 0, split, &len, &len_cp);
              delta_push (b, PP_DELTA_DELETE, len, len_cp, NULL);
            }
          continue;
        }
      if (split > 0)
        {
          item_sub_units (it, 0, split, &len, &len_cp);
          delta_push (b, PP_DELTA_RETAIN, len, len_cp, NULL);
        }
      if (split < it->len)
        {
          item_sub_units (it, split, it->len, &len, &len_cp);
          delta_push (b, PP_DELTA_INSERT, len, len_cp,
                      is_text && it->kind == PP_CONTENT_STRING ? it->c.str.s + split : NULL);
        }
    }
}

static void
emit_type_events (PpDoc *doc, PpTransactionInfo *info)
{
  GPtrArray *changed = doc->txn.changed;

  for (guint i = 0; i < changed->len; i++)
    {
      PpYType *type = changed->pdata[i];

      if (type->delta_handlers != NULL && type->delta_handlers->len > 0)
        {
          DeltaBuilder b;
          b.ops = g_array_new (FALSE, FALSE, sizeof (PpDelta));
          b.texts = g_ptr_array_new_with_free_func (free_text);
          /* Only Text deltas carry inserted text. */
          b.with_text = type->type_ref == PP_Y_TYPE_TEXT || type->type_ref == PP_Y_TYPE_XML_TEXT;
          compute_delta (doc, type, &b);
          delta_finish (&b);
          if (b.ops->len > 0)
            {
              GArray *handlers = g_array_copy (type->delta_handlers);
              for (guint h = 0; h < handlers->len; h++)
                {
                  PpHandler *hd = &g_array_index (handlers, PpHandler, h);
                  ((PpDeltaFunc) hd->func) (type, (PpDelta *) b.ops->data, b.ops->len, info, hd->user_data);
                }
              g_array_unref (handlers);
            }
          g_array_unref (b.ops);
          g_ptr_array_unref (b.texts);
        }
      if (type->txn_keys != NULL && type->keys_handlers != NULL && type->keys_handlers->len > 0)
        {
          g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (type->txn_keys, NULL);
          GArray *handlers = g_array_copy (type->keys_handlers);
          for (guint h = 0; h < handlers->len; h++)
            {
              PpHandler *hd = &g_array_index (handlers, PpHandler, h);
              ((PpKeysFunc) hd->func) (type, keys, info, hd->user_data);
            }
          g_array_unref (handlers);
        }
    }
}

static void
emit_update (PpDoc *doc, PpTransactionInfo *info)
{
  GArray *before = doc->txn.before;
  PpEncoder enc;
  guint n = 0;
  GArray *handlers;

  if (doc->update_handlers->len == 0)
    return;
  for (guint i = 0; i < before->len; i++)
    if (_pp_struct_store_get_state (doc, g_array_index (before, PpId, i).client) > g_array_index (before, PpId, i).clock)
      n++;
  if (n == 0 && doc->txn.ds->len == 0)
    return;

  pp_encoder_init (&enc);
  {
    /* Clients with higher ids first, as Yjs writes them. */
    g_autoptr(GArray) sorted = g_array_copy (before);
    g_array_sort (sorted, _pp_id_compare_client_desc);
    pp_write_var_uint (&enc, n);
    for (guint i = 0; i < sorted->len; i++)
      {
        const PpId *b = &g_array_index (sorted, PpId, i);
        PpClientStructs *cs = _pp_struct_store_get (doc, b->client, FALSE);

        if (cs != NULL && cs->state > b->clock)
          _pp_write_client_structs (&enc, cs, b->clock);
      }
  }
  _pp_write_delete_set (&enc, doc->txn.ds);

  handlers = g_array_copy (doc->update_handlers);
  for (guint h = 0; h < handlers->len; h++)
    {
      PpHandler *hd = &g_array_index (handlers, PpHandler, h);
      ((PpUpdateFunc) hd->func) (doc, enc.data, enc.len, info, hd->user_data);
    }
  g_array_unref (handlers);
  pp_encoder_clear (&enc);
}

void
pp_doc_transact_end (PpDoc *doc)
{
  PpTransactionInfo info;

  g_return_if_fail (doc->txn_depth > 0);
  if (--doc->txn_depth > 0)
    return;

  info.local = doc->txn.local;
  info.origin = doc->txn.origin;
  _pp_ranges_sort_merge (doc->txn.ds);

  /* Observers see the content of what was deleted, so they run before it
   * is collected; the update is written after merging, like Yjs. An
   * observer that edits the document adds to this transaction's update
   * but raises no events of its own. */
  doc->txn_depth++;
  emit_type_events (doc, &info);
  for (guint i = 0; i < doc->undo_managers->len; i++)
    _pp_undo_manager_after_transaction (doc->undo_managers->pdata[i], doc);
  collect_deleted (doc);
  merge_new_structs (doc);
  emit_update (doc, &info);
  doc->txn_depth--;

  for (guint i = 0; i < doc->txn.changed->len; i++)
    {
      PpYType *type = doc->txn.changed->pdata[i];
      type->txn_changed = FALSE;
      if (type->txn_keys != NULL)
        g_hash_table_remove_all (type->txn_keys);
    }
  /* Plain arrays without clear functions: emptying is resetting len. */
  doc->txn.changed->len = 0;
  doc->txn.before->len = 0;
  doc->txn.ds->len = 0;
  doc->txn.merge->len = 0;
  doc->txn.active = FALSE;
  doc->txn.origin = NULL;
}

/* ---- deleting and integrating items ---- */

static void type_delete_children (PpDoc *doc, PpYType *type);

void
_pp_item_delete (PpDoc *doc, PpItem *item)
{
  PpYType *parent = item->parent;

  if (_pp_item_deleted (item))
    return;
  if (parent != NULL && item->parent_sub == NULL && _pp_kind_countable (item->kind))
    {
      parent->length -= item->len;
      parent->length_cp -= item->cp_len;
      /* Positions after it move; a local delete sets the cache again. */
      _pp_y_type_reset_marker (parent);
    }
  item->flags |= PP_ITEM_DELETED;
  _pp_txn_add_delete (doc, item->client, item->clock, item->len);
  if (parent != NULL)
    _pp_y_type_mark_changed (doc, parent, item->parent_sub);
  if (item->kind == PP_CONTENT_TYPE && item->c.type != NULL)
    type_delete_children (doc, item->c.type);
}

static void
type_delete_children (PpDoc *doc, PpYType *type)
{
  GHashTableIter iter;
  gpointer value;

  for (PpItem *it = type->start; it != NULL; it = it->right)
    if (!_pp_item_deleted (it))
      _pp_item_delete (doc, it);
    else if (it->clock < _pp_txn_before_state (doc, it->client))
      _pp_txn_add_merge (doc, it->client, it->clock);
  g_hash_table_iter_init (&iter, type->map);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PpItem *it = value;
      if (!_pp_item_deleted (it))
        _pp_item_delete (doc, it);
      else if (it->clock < _pp_txn_before_state (doc, it->client))
        _pp_txn_add_merge (doc, it->client, it->clock);
    }
}

static PpItem *
map_first (PpYType *parent, const char *key)
{
  PpItem *o = g_hash_table_lookup (parent->map, key);

  while (o != NULL && o->left != NULL)
    o = o->left;
  return o;
}

/* Yjs's Item.integrate. item->left/right hold the neighbours found from
 * origin and right origin; item->parent is set (or NULL for a GC). The
 * caller has already split off what the store has (offset). */
void
_pp_item_integrate (PpDoc *doc, PpItem *item, guint32 offset)
{
  PpYType *parent = item->parent;
  PpClientStructs *cs;

  if (offset > 0 && item->kind == PP_CONTENT_GC)
    {
      item->clock += offset;
      item->len -= offset;
      item->cp_len = item->len;
    }
  else if (offset > 0)
    {
      PpItem *left;
      item->clock += offset;
      left = _pp_item_clean_end (doc, item->client, item->clock - 1);
      item->left = left;
      item->flags |= PP_ITEM_HAS_ORIGIN;
      item->origin.client = item->client;
      item->origin.clock = item->clock - 1;
      _pp_item_content_drop_front (item, offset);
    }

  _pp_txn_note_before (doc, item->client);
  cs = _pp_struct_store_get (doc, item->client, TRUE);

  if (parent == NULL || item->kind == PP_CONTENT_GC)
    {
      /* No parent to live in: keep only the fact that the clocks exist. */
      _pp_item_free_content (item);
      item->kind = PP_CONTENT_GC;
      item->parent = NULL;
      g_clear_pointer (&item->parent_sub, g_free);
      item->left = item->right = NULL;
      item->flags = PP_ITEM_DELETED;
      item->cp_len = item->len;
      _pp_cs_append (cs, item);
      return;
    }

  _pp_y_type_reset_marker (parent);

  if ((item->left == NULL && (item->right == NULL || item->right->left != NULL)) ||
      (item->left != NULL && item->left->right != item->right))
    {
      PpItem *left = item->left;
      PpItem *o;

      if (left != NULL)
        o = left->right;
      else if (item->parent_sub != NULL)
        o = map_first (parent, item->parent_sub);
      else
        o = parent->start;

      g_hash_table_remove_all (doc->scan_before);
      g_hash_table_remove_all (doc->scan_conflict);
      while (o != NULL && o != item->right)
        {
          g_hash_table_add (doc->scan_before, o);
          g_hash_table_add (doc->scan_conflict, o);
          if (_pp_item_origin_equal (item, o))
            {
              if (o->client < item->client)
                {
                  left = o;
                  g_hash_table_remove_all (doc->scan_conflict);
                }
              else if (_pp_item_right_origin_equal (item, o))
                break;
            }
          else
            {
              PpItem *oo = (o->flags & PP_ITEM_HAS_ORIGIN) ? _pp_struct_store_find (doc, o->origin.client, o->origin.clock) : NULL;
              if (oo != NULL && g_hash_table_contains (doc->scan_before, oo))
                {
                  if (!g_hash_table_contains (doc->scan_conflict, oo))
                    {
                      left = o;
                      g_hash_table_remove_all (doc->scan_conflict);
                    }
                }
              else
                break;
            }
          o = o->right;
        }
      item->left = left;
    }

  if (item->left != NULL)
    {
      item->right = item->left->right;
      item->left->right = item;
    }
  else
    {
      PpItem *r;
      if (item->parent_sub != NULL)
        r = map_first (parent, item->parent_sub);
      else
        {
          r = parent->start;
          parent->start = item;
        }
      item->right = r;
    }
  if (item->right != NULL)
    item->right->left = item;
  else if (item->parent_sub != NULL)
    {
      g_hash_table_replace (parent->map, g_strdup (item->parent_sub), item);
      if (item->left != NULL)
        _pp_item_delete (doc, item->left);
    }

  if (item->parent_sub == NULL && _pp_item_visible (item))
    {
      parent->length += item->len;
      parent->length_cp += item->cp_len;
    }
  _pp_cs_append (cs, item);

  /* Content integration. */
  if (item->kind == PP_CONTENT_TYPE && item->c.type != NULL)
    item->c.type->item = item;
  else if (item->kind == PP_CONTENT_DELETED)
    {
      _pp_txn_add_delete (doc, item->client, item->clock, item->len);
      item->flags |= PP_ITEM_DELETED;
    }

  _pp_y_type_mark_changed (doc, parent, item->parent_sub);
  if ((parent->item != NULL && _pp_item_deleted (parent->item)) ||
      (item->parent_sub != NULL && item->right != NULL))
    _pp_item_delete (doc, item);
}

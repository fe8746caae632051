/* pp-crdt-transaction.c: transactions
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A transaction gathers what changed (the clients' clocks before it, the
 * deleted ranges, the split items); its outermost end tells observers and
 * undo managers, drops deleted content, merges runs back together and
 * writes one update, as Yjs's transaction cleanup does.
 */
#include "config.h"

#include "pp-crdt-private.h"

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

/* Calls each changed type's delta and keys observers. Most types have
 * none: this loop runs at the end of every transaction, so it stays here
 * and only an observed type pays for computing its delta. */
static void
emit_type_events (PpDoc *doc, PpTransactionInfo *info)
{
  GPtrArray *changed = doc->txn.changed;

  for (guint i = 0; i < changed->len; i++)
    {
      PpYType *type = changed->pdata[i];

      if (type->delta_handlers != NULL && type->delta_handlers->len > 0)
        _pp_delta_emit (doc, type, info);
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

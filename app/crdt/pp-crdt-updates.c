/* pp-crdt-updates.c: applying updates, and updates without a document
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A decoded update's structs wait per client, in clock order, until what
 * they depend on (the clocks before them, their origins, their parent)
 * has been integrated; deletes of clocks not seen yet wait as well. Both
 * are retried on every update. Merging and diffing work on decoded
 * updates alone, as Yjs's mergeUpdates and diffUpdate do.
 */
#include "config.h"

#include <string.h>

#include "pp-crdt-private.h"

static int
compare_ref_clock (gconstpointer a, gconstpointer b)
{
  const PpRef *x = *(PpRef * const *) a, *y = *(PpRef * const *) b;

  if (x->item->clock != y->item->clock)
    return x->item->clock < y->item->clock ? -1 : 1;
  return 0;
}

/* A dependency on another client's clock we have not seen yet. */
static gboolean
is_missing (PpDoc *doc, const PpItem *it, gboolean has, PpId id)
{
  return has && id.client != it->client && id.clock >= _pp_struct_store_get_state (doc, id.client);
}

/* Yjs's getMissing, second half: finds neighbours and parent. */
static void
resolve (PpDoc *doc, PpRef *ref)
{
  PpItem *it = ref->item;
  PpItem *left = NULL, *right = NULL;
  gboolean gc = FALSE;

  if (it->kind == PP_CONTENT_GC)
    return;
  if (it->flags & PP_ITEM_HAS_ORIGIN)
    {
      left = _pp_item_clean_end (doc, it->origin.client, it->origin.clock);
      if (left == NULL)
        gc = TRUE;
      else
        it->origin.clock = left->clock + left->len - 1;
    }
  if (it->flags & PP_ITEM_HAS_RIGHT_ORIGIN)
    {
      right = _pp_item_clean_start (doc, it->right_origin.client, it->right_origin.clock);
      if (right == NULL)
        gc = TRUE;
      else
        it->right_origin.clock = right->clock;
    }
  it->left = left;
  it->right = right;
  if (gc || (left && left->kind == PP_CONTENT_GC) || (right && right->kind == PP_CONTENT_GC))
    it->parent = NULL;
  else if (ref->parent_key == NULL && !ref->has_parent_id)
    {
      PpItem *from = left != NULL ? left : right;
      it->parent = from ? from->parent : NULL;
      g_free (it->parent_sub);
      it->parent_sub = from ? g_strdup (from->parent_sub) : NULL;
    }
  else if (ref->has_parent_id)
    {
      PpItem *p = _pp_struct_store_find (doc, ref->parent_id.client, ref->parent_id.clock);
      it->parent = p != NULL && p->kind == PP_CONTENT_TYPE ? p->c.type : NULL;
    }
  else
    it->parent = _pp_doc_get_root (doc, ref->parent_key, PP_Y_TYPE_UNDEFINED);

  /* Neighbours from another parent only come from broken updates. */
  if (it->parent != NULL &&
      ((left && left->parent != it->parent) || (right && right->parent != it->parent)))
    it->parent = NULL;
  if (it->kind == PP_CONTENT_TYPE && it->c.type != NULL)
    it->c.type->doc = doc;
}

static gboolean
integrate_pending (PpDoc *doc)
{
  gboolean any = FALSE, progress = TRUE;

  while (progress)
    {
      g_autoptr(GPtrArray) clients = _pp_sorted_clients (doc->pending);

      progress = FALSE;
      for (guint c = 0; c < clients->len; c++)
        {
          guint32 client = GPOINTER_TO_UINT (clients->pdata[c]);
          PpPending *p = g_hash_table_lookup (doc->pending, clients->pdata[c]);

          while (p->head < p->refs->len)
            {
              PpRef *ref = p->refs->pdata[p->head];
              PpItem *it = ref->item;
              guint32 state = _pp_struct_store_get_state (doc, client);

              if (it->clock + it->len <= state || it->kind == PP_CONTENT_SKIP)
                {
                  p->head++;   /* already have it, or nothing to apply */
                  continue;
                }
              if (it->clock > state)
                break;
              if (is_missing (doc, it, it->flags & PP_ITEM_HAS_ORIGIN, it->origin) ||
                  is_missing (doc, it, it->flags & PP_ITEM_HAS_RIGHT_ORIGIN, it->right_origin) ||
                  is_missing (doc, it, ref->has_parent_id, ref->parent_id))
                break;
              resolve (doc, ref);
              ref->item = NULL;
              p->head++;
              _pp_item_integrate (doc, it, state - it->clock);
              progress = any = TRUE;
            }
          if (p->head == p->refs->len)
            g_hash_table_remove (doc->pending, clients->pdata[c]);
        }
    }
  return any;
}

static void
add_pending (PpDoc *doc, PpClientRefs *cr)
{
  PpPending *p = g_hash_table_lookup (doc->pending, GUINT_TO_POINTER (cr->client));
  guint32 state = _pp_struct_store_get_state (doc, cr->client);

  if (p == NULL)
    {
      p = g_new0 (PpPending, 1);
      p->refs = g_ptr_array_new_with_free_func ((GDestroyNotify) _pp_ref_free);
      g_hash_table_insert (doc->pending, GUINT_TO_POINTER (cr->client), p);
    }
  else if (p->head > 0)
    {
      g_ptr_array_remove_range (p->refs, 0, p->head);
      p->head = 0;
    }
  for (guint i = 0; i < cr->refs->len; i++)
    {
      PpRef *ref = cr->refs->pdata[i];
      if (ref->item->clock + ref->item->len > state)
        {
          g_ptr_array_add (p->refs, ref);
          cr->refs->pdata[i] = NULL;
        }
    }
  g_ptr_array_sort (p->refs, compare_ref_clock);
}

/* Applies the part of each range whose structs exist; keeps the rest. */
static void
apply_delete_set (PpDoc *doc, GArray *ranges, GArray *rest)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      const PpRange *r = &g_array_index (ranges, PpRange, i);
      guint32 state = _pp_struct_store_get_state (doc, r->client);
      guint32 end = r->clock + r->len;
      guint32 clock = r->clock;

      if (clock >= state)
        {
          _pp_txn_add_delete_to (rest, r->client, clock, r->len);
          continue;
        }
      if (end > state)
        {
          _pp_txn_add_delete_to (rest, r->client, state, end - state);
          end = state;
        }
      while (clock < end)
        {
          PpItem *it = _pp_struct_store_find (doc, r->client, clock);
          if (it->kind != PP_CONTENT_GC && !_pp_item_deleted (it))
            {
              if (it->clock < clock)
                it = _pp_item_split (doc, it, clock - it->clock);
              if (end < it->clock + it->len)
                _pp_item_split (doc, it, end - it->clock);
              _pp_item_delete (doc, it);
            }
          clock = it->clock + it->len;
        }
    }
}

static gboolean
apply_update (PpDoc *doc, const guint8 *update, gsize len, GError **error)
{
  PpDecodedUpdate d = { NULL, NULL };
  g_autoptr(GArray) rest = NULL;

  if (!_pp_update_decode (update, len, &d, error))
    return FALSE;
  for (guint i = 0; i < d.clients->len; i++)
    add_pending (doc, &g_array_index (d.clients, PpClientRefs, i));
  integrate_pending (doc);

  rest = g_array_new (FALSE, FALSE, sizeof (PpRange));
  g_array_append_vals (d.ds, doc->pending_ds->data, doc->pending_ds->len);
  _pp_ranges_sort_merge (d.ds);
  apply_delete_set (doc, d.ds, rest);
  _pp_ranges_sort_merge (rest);
  g_array_set_size (doc->pending_ds, 0);
  g_array_append_vals (doc->pending_ds, rest->data, rest->len);
  _pp_decoded_update_clear (&d);
  return TRUE;
}

gboolean
pp_doc_apply_update (PpDoc *doc, const guint8 *update, gsize len, gpointer origin, GError **error)
{
  gboolean ok;

  pp_doc_transact_begin (doc, origin);
  if (doc->txn_depth == 1)
    doc->txn.local = FALSE;
  ok = apply_update (doc, update, len, error);
  pp_doc_transact_end (doc);
  return ok;
}

gboolean
pp_doc_has_pending (PpDoc *doc)
{
  return g_hash_table_size (doc->pending) > 0 || doc->pending_ds->len > 0;
}

/* ---- updates without a document ---- */

/* A copy of ref starting offset units later (Yjs's sliceStruct). */
static PpRef *
ref_slice (const PpRef *ref, guint32 offset)
{
  PpRef *out = g_new0 (PpRef, 1);
  PpItem *it = _pp_item_alloc ();
  const PpItem *src = ref->item;

  *it = *src;
  it->left = it->right = NULL;
  it->parent = NULL;
  memset (&it->c, 0, sizeof it->c);
  _pp_item_copy_content (it, src);
  if (it->kind == PP_CONTENT_TYPE)
    it->c.type->doc = NULL;
  it->parent_sub = g_strdup (src->parent_sub);
  out->item = it;
  out->parent_key = g_strdup (ref->parent_key);
  out->parent_id = ref->parent_id;
  out->has_parent_id = ref->has_parent_id;
  if (offset > 0)
    {
      it->clock += offset;
      if (it->kind != PP_CONTENT_GC && it->kind != PP_CONTENT_SKIP)
        {
          it->flags |= PP_ITEM_HAS_ORIGIN;
          it->origin.client = it->client;
          it->origin.clock = it->clock - 1;
          _pp_item_content_drop_front (it, offset);
        }
      else
        {
          it->len -= offset;
          it->cp_len = it->len;
        }
    }
  return out;
}

static PpRef *
skip_ref (guint32 client, guint32 clock, guint32 len)
{
  PpRef *ref = g_new0 (PpRef, 1);

  ref->item = _pp_item_alloc ();
  ref->item->client = client;
  ref->item->clock = clock;
  ref->item->len = ref->item->cp_len = len;
  ref->item->kind = PP_CONTENT_SKIP;
  return ref;
}

static int
compare_ref_for_merge (gconstpointer a, gconstpointer b)
{
  const PpRef *x = *(PpRef * const *) a, *y = *(PpRef * const *) b;
  gboolean xs = x->item->kind == PP_CONTENT_SKIP, ys = y->item->kind == PP_CONTENT_SKIP;

  if (x->item->clock != y->item->clock)
    return x->item->clock < y->item->clock ? -1 : 1;
  if (xs != ys)
    return xs ? 1 : -1;       /* real structs before skips */
  return x->item->len > y->item->len ? -1 : x->item->len < y->item->len ? 1 : 0;
}

static void
write_refs (PpEncoder *enc, GHashTable *per_client)
{
  g_autoptr(GPtrArray) clients = _pp_sorted_clients (per_client);
  guint n = 0;

  for (guint c = 0; c < clients->len; c++)
    if (((GPtrArray *) g_hash_table_lookup (per_client, clients->pdata[c]))->len > 0)
      n++;
  pp_write_var_uint (enc, n);
  for (guint c = 0; c < clients->len; c++)
    {
      GPtrArray *refs = g_hash_table_lookup (per_client, clients->pdata[c]);
      if (refs->len == 0)
        continue;
      pp_write_var_uint (enc, refs->len);
      pp_write_var_uint (enc, GPOINTER_TO_UINT (clients->pdata[c]));
      pp_write_var_uint (enc, ((PpRef *) refs->pdata[0])->item->clock);
      for (guint i = 0; i < refs->len; i++)
        {
          PpRef *ref = refs->pdata[i];
          _pp_item_write (enc, ref->item, 0, ref->parent_key, &ref->parent_id);
        }
    }
}

/* Sorted, non-overlapping refs with skips over the gaps (Yjs's
 * mergeUpdates); refs before from are dropped or sliced (diffUpdate). */
static GPtrArray *
normalise_refs (GPtrArray *refs, guint32 from)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) _pp_ref_free);
  guint64 end = from;

  g_ptr_array_sort (refs, compare_ref_for_merge);
  for (guint i = 0; i < refs->len; i++)
    {
      PpRef *ref = refs->pdata[i];
      guint64 start = ref->item->clock;
      guint64 rend = start + ref->item->len;
      gboolean skip = ref->item->kind == PP_CONTENT_SKIP;

      if (out->len > 0 && !skip && start < end)
        {
          PpItem *last = ((PpRef *) out->pdata[out->len - 1])->item;
          if (last->kind == PP_CONTENT_SKIP)
            {
              /* A real struct where a skip was: cut the skip short. */
              if (start <= last->clock)
                {
                  end = last->clock;
                  g_ptr_array_remove_index (out, out->len - 1);
                }
              else
                {
                  last->len = last->cp_len = start - last->clock;
                  end = start;
                }
            }
        }
      if (rend <= end)
        continue;
      if (out->len > 0 && start > end)
        g_ptr_array_add (out, skip_ref (ref->item->client, end, start - end));
      g_ptr_array_add (out, ref_slice (ref, start < end ? end - start : 0));
      end = rend;
    }
  /* Skips at the end say nothing. */
  while (out->len > 0 && ((PpRef *) out->pdata[out->len - 1])->item->kind == PP_CONTENT_SKIP)
    g_ptr_array_remove_index (out, out->len - 1);
  return out;
}

static GBytes *
merge_decoded (PpDecodedUpdate *all, guint n, GHashTable *sv)
{
  g_autoptr(GHashTable) per_client = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) ds = g_array_new (FALSE, FALSE, sizeof (PpRange));
  GHashTableIter iter;
  gpointer key, value;
  PpEncoder enc;

  for (guint u = 0; u < n; u++)
    {
      for (guint c = 0; c < all[u].clients->len; c++)
        {
          PpClientRefs *cr = &g_array_index (all[u].clients, PpClientRefs, c);
          GPtrArray *list = g_hash_table_lookup (per_client, GUINT_TO_POINTER (cr->client));
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (per_client, GUINT_TO_POINTER (cr->client), list);
            }
          for (guint i = 0; i < cr->refs->len; i++)
            g_ptr_array_add (list, cr->refs->pdata[i]);
        }
      g_array_append_vals (ds, all[u].ds->data, all[u].ds->len);
    }
  g_hash_table_iter_init (&iter, per_client);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_iter_replace (&iter, normalise_refs (value, _pp_state_vector_get (sv, GPOINTER_TO_UINT (key))));
  _pp_ranges_sort_merge (ds);

  pp_encoder_init (&enc);
  write_refs (&enc, per_client);
  _pp_write_delete_set (&enc, ds);
  return pp_encoder_free_to_bytes (&enc);
}

/**
 * pp_update_merge:
 * @updates: (array length=n_updates) (transfer none): updates
 * @n_updates: the number of @updates
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): one update with the content of all,
 *   or %NULL with @error set when one is malformed
 */
GBytes *
pp_update_merge (GBytes **updates, guint n_updates, GError **error)
{
  PpDecodedUpdate *all = g_new0 (PpDecodedUpdate, MAX (n_updates, 1));
  GBytes *result = NULL;
  guint done = 0;

  for (; done < n_updates; done++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (updates[done], &len);
      g_autoptr(GError) local_error = NULL;
      if (!_pp_update_decode (data, len, &all[done], &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Update %u: ", done + 1);
          break;
        }
    }
  if (done == n_updates)
    result = merge_decoded (all, n_updates, NULL);
  for (guint i = 0; i < done; i++)
    _pp_decoded_update_clear (&all[i]);
  g_free (all);
  return result;
}

/**
 * pp_update_diff:
 * @update: (array length=len): an update
 * @len: its length in bytes
 * @sv_bytes: (array length=sv_len): an encoded state vector
 * @sv_len: its length in bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what of @update a peer with
 *   @sv_bytes lacks, or %NULL with @error set
 */
GBytes *
pp_update_diff (const guint8 *update, gsize len, const guint8 *sv_bytes, gsize sv_len, GError **error)
{
  g_autoptr(GHashTable) sv = pp_state_vector_decode (sv_bytes, sv_len, error);
  PpDecodedUpdate d;
  GBytes *result;

  if (sv == NULL)
    return NULL;
  if (!_pp_update_decode (update, len, &d, error))
    return NULL;
  result = merge_decoded (&d, 1, sv);
  _pp_decoded_update_clear (&d);
  return result;
}

/**
 * pp_update_state_vector:
 * @update: (array length=len): an update
 * @len: its length in bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the state vector @update brings a
 *   document to, or %NULL with @error set
 */
GBytes *
pp_update_state_vector (const guint8 *update, gsize len, GError **error)
{
  PpDecodedUpdate d;
  PpEncoder enc;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (PpId));

  if (!_pp_update_decode (update, len, &d, error))
    return NULL;
  for (guint c = 0; c < d.clients->len; c++)
    {
      PpClientRefs *cr = &g_array_index (d.clients, PpClientRefs, c);
      PpId id = { cr->client, 0 };
      if (cr->refs->len == 0 || ((PpRef *) cr->refs->pdata[0])->item->clock != 0)
        continue;
      for (guint i = 0; i < cr->refs->len; i++)
        {
          PpItem *it = ((PpRef *) cr->refs->pdata[i])->item;
          if (it->kind == PP_CONTENT_SKIP || it->clock != id.clock)
            break;
          id.clock = it->clock + it->len;
        }
      g_array_append_val (pairs, id);
    }
  _pp_decoded_update_clear (&d);
  pp_encoder_init (&enc);
  _pp_write_state_vector (&enc, pairs);
  return pp_encoder_free_to_bytes (&enc);
}

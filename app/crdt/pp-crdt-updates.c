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

void
_pp_pending_free (PpPending *p)
{
  g_ptr_array_unref (p->refs);
  g_free (p);
}

/* Drops a struct from a peer that failed the checks when its
 * dependencies arrived, for pp_doc_take_refused() to tell. */
static void
note_refused (PpDoc *doc, const PpRef *ref, const GError *error)
{
  if (doc->n_refused++ == 0)
    {
      doc->refused_reason = g_strdup (error->message);
      doc->refused_origin = ref->origin;
    }
}

/* Integrates what it can of table (client -> PpPending), until nothing
 * more can. Structs from peers are checked first: in strict mode the
 * first that fails stops it, returning FALSE with error set; otherwise
 * that struct is dropped and noted. While doc->rollback is set, items
 * are only linked, and logged there for _pp_item_finish(). */
static gboolean
integrate_refs (PpDoc *doc, GHashTable *table, gboolean strict, GError **error)
{
  gboolean progress = TRUE;

  while (progress && g_hash_table_size (table) > 0)
    {
      /* Most updates hold one client: no sorting, no allocation. */
      guint n = g_hash_table_size (table);
      g_autoptr(GPtrArray) sorted = n > 1 ? _pp_sorted_clients (table) : NULL;
      gpointer only = NULL;

      if (sorted == NULL)
        {
          GHashTableIter iter;
          g_hash_table_iter_init (&iter, table);
          g_hash_table_iter_next (&iter, &only, NULL);
        }
      progress = FALSE;
      for (guint c = 0; c < n; c++)
        {
          gpointer key = sorted != NULL ? sorted->pdata[c] : only;
          guint32 client = GPOINTER_TO_UINT (key);
          PpPending *p = g_hash_table_lookup (table, key);

          while (p->head < p->refs->len)
            {
              PpRef *ref = p->refs->pdata[p->head];
              PpItem *it = ref->item;
              guint32 state = _pp_struct_store_get_state (doc, client);
              g_autoptr(GError) local_error = NULL;

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
              if (ref->remote && !_pp_ref_check (doc, ref, state - it->clock, &local_error))
                {
                  if (strict)
                    {
                      g_propagate_error (error, g_steal_pointer (&local_error));
                      return FALSE;
                    }
                  note_refused (doc, ref, local_error);
                  p->head++;
                  continue;
                }
              resolve (doc, ref);
              ref->item = NULL;
              p->head++;
              if (doc->rollback != NULL)
                {
                  PpRollback r = { PP_ROLLBACK_LINK, { .link = _pp_item_link (doc, it, state - it->clock) } };
                  g_array_append_val (doc->rollback, r);
                }
              else
                _pp_item_integrate (doc, it, state - it->clock);
              progress = TRUE;
            }
          if (p->head == p->refs->len)
            g_hash_table_remove (table, key);
        }
    }
  return TRUE;
}

/* Moves the structs of refs (from index from on) that the store lacks
 * into table (client -> PpPending), in clock order. */
static void
add_refs (PpDoc *doc, GHashTable *table, guint32 client, GPtrArray *refs, guint from)
{
  PpPending *p = g_hash_table_lookup (table, GUINT_TO_POINTER (client));
  guint32 state = _pp_struct_store_get_state (doc, client);

  if (p == NULL)
    {
      p = g_new0 (PpPending, 1);
      p->refs = g_ptr_array_new_with_free_func ((GDestroyNotify) _pp_ref_free);
      g_hash_table_insert (table, GUINT_TO_POINTER (client), p);
    }
  else if (p->head > 0)
    {
      g_ptr_array_remove_range (p->refs, 0, p->head);
      p->head = 0;
    }
  for (guint i = from; i < refs->len; i++)
    {
      PpRef *ref = refs->pdata[i];
      if (ref != NULL && ref->item != NULL && ref->item->clock + ref->item->len > state)
        {
          g_ptr_array_add (p->refs, ref);
          refs->pdata[i] = NULL;
        }
    }
  g_ptr_array_sort (p->refs, compare_ref_clock);
}

/* Takes a refused update's links back out, last first, so that each
 * step finds the document as it was right after the step it undoes. */
static void
roll_back (PpDoc *doc, GArray *log, guint before_len, guint merge_len)
{
  for (guint i = log->len; i > 0; i--)
    {
      PpRollback *r = &g_array_index (log, PpRollback, i - 1);

      switch (r->kind)
        {
        case PP_ROLLBACK_LINK:
          _pp_item_unlink (doc, r->u.link.item);
          _pp_item_free (r->u.link.item);
          break;
        case PP_ROLLBACK_SPLIT:
          _pp_item_unsplit (doc, r->u.split.left, r->u.split.right, r->u.split.cp_len, r->u.split.units);
          break;
        case PP_ROLLBACK_CLIENT:
          doc->last_cs = NULL;
          g_hash_table_remove (doc->clients, GUINT_TO_POINTER (r->u.cs->client));
          break;
        case PP_ROLLBACK_ROOT:
          g_hash_table_remove (doc->share, r->u.root->name);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  /* What the links noted for the end of the transaction. */
  g_array_set_size (doc->txn.before, before_len);
  g_array_set_size (doc->txn.merge, merge_len);
}

/* Integrates the structs of a peer's update whose dependencies are here,
 * all or none: each is checked before it is linked, and if one fails the
 * links made so far are rolled back. Only then are their deletes done.
 * What waits for dependencies joins the structs already waiting, to be
 * checked when it integrates. */
static gboolean
integrate_remote (PpDoc *doc, PpDecodedUpdate *d, gpointer origin, GError **error)
{
  GHashTable *incoming = doc->incoming;
  GArray *log = doc->rollback_log;
  guint before_len = doc->txn.before->len, merge_len = doc->txn.merge->len;
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok;

  for (guint c = 0; c < d->clients->len; c++)
    {
      GPtrArray *refs = g_array_index (d->clients, PpClientRefs, c).refs;
      for (guint i = 0; i < refs->len; i++)
        {
          PpRef *ref = refs->pdata[i];
          if (!_pp_ref_check_alone (ref, error))
            return FALSE;
          ref->remote = TRUE;
          ref->origin = origin;
        }
    }
  for (guint c = 0; c < d->clients->len; c++)
    {
      PpClientRefs *cr = &g_array_index (d->clients, PpClientRefs, c);
      add_refs (doc, incoming, cr->client, cr->refs, 0);
    }

  doc->rollback = log;
  ok = integrate_refs (doc, incoming, TRUE, error);
  doc->rollback = NULL;
  if (!ok)
    roll_back (doc, log, before_len, merge_len);
  else
    for (guint i = 0; i < log->len; i++)
      if (g_array_index (log, PpRollback, i).kind == PP_ROLLBACK_LINK)
        _pp_item_finish (doc, &g_array_index (log, PpRollback, i).u.link);
  /* Scratch: kept for the next update, unless a large one grew it. */
  if (log->len > 4096)
    {
      g_array_unref (log);
      doc->rollback_log = g_array_new (FALSE, FALSE, sizeof (PpRollback));
    }
  else
    g_array_set_size (log, 0);

  if (ok)
    {
      g_hash_table_iter_init (&iter, incoming);
      while (g_hash_table_iter_next (&iter, &key, &value))
        add_refs (doc, doc->pending, GPOINTER_TO_UINT (key), ((PpPending *) value)->refs, ((PpPending *) value)->head);
    }
  g_hash_table_remove_all (incoming);
  return ok;
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
apply_update (PpDoc *doc, const guint8 *update, gsize len, gboolean remote, gpointer origin,
              GError **error)
{
  PpDecodedUpdate d = { NULL, NULL };
  g_autoptr(GArray) rest = NULL;

  if (!_pp_update_decode (update, len, &d, error))
    return FALSE;
  if (remote && !integrate_remote (doc, &d, origin, error))
    {
      _pp_decoded_update_clear (&d);
      return FALSE;
    }
  if (!remote)
    for (guint i = 0; i < d.clients->len; i++)
      {
        PpClientRefs *cr = &g_array_index (d.clients, PpClientRefs, i);
        add_refs (doc, doc->pending, cr->client, cr->refs, 0);
      }
  integrate_refs (doc, doc->pending, FALSE, NULL);

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

static gboolean
apply (PpDoc *doc, const guint8 *update, gsize len, gboolean remote, gpointer origin, GError **error)
{
  gboolean ok;

  pp_doc_transact_begin (doc, origin);
  if (doc->txn_depth == 1)
    doc->txn.local = FALSE;
  ok = apply_update (doc, update, len, remote, origin, error);
  pp_doc_transact_end (doc);
  return ok;
}

/**
 * pp_doc_apply_update:
 * @doc: a document
 * @update: (array length=len): an update (Yjs update format v1)
 * @len: its length in bytes
 * @origin: (nullable): the origin of the transaction that applies it
 * @error: return location for a #GError
 *
 * Applies an update from a source trusted not to be hostile, such as
 * this document's own saved state. Use pp_doc_apply_remote_update() for
 * updates from peers.
 *
 * Returns: %TRUE, or %FALSE with @error set (%PP_CRDT_ERROR_MALFORMED)
 *   and @doc unchanged
 */
gboolean
pp_doc_apply_update (PpDoc *doc, const guint8 *update, gsize len, gpointer origin, GError **error)
{
  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (update != NULL || len == 0, FALSE);
  return apply (doc, update, len, FALSE, origin, error);
}

/**
 * pp_doc_apply_remote_update:
 * @doc: a document
 * @update: (array length=len): an update from a peer
 * @len: its length in bytes
 * @origin: (nullable): the origin of the transaction that applies it,
 *   such as the peer it came from
 * @error: return location for a #GError
 *
 * Applies an update from a peer that may be hostile: each of its
 * structs must be one an honest peer could have written (see
 * pp-crdt.h), or none of the update is applied.
 *
 * Returns: %TRUE, or %FALSE with @error set (%PP_CRDT_ERROR_MALFORMED or
 *   %PP_CRDT_ERROR_REFUSED) and @doc unchanged
 */
gboolean
pp_doc_apply_remote_update (PpDoc *doc, const guint8 *update, gsize len, gpointer origin, GError **error)
{
  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (update != NULL || len == 0, FALSE);
  return apply (doc, update, len, TRUE, origin, error);
}

/**
 * pp_doc_take_refused:
 * @doc: a document
 * @origin: (out) (optional): the origin given with the update that
 *   brought the first of them
 * @error: return location for a #GError
 *
 * Structs of peers' updates that waited for dependencies are checked
 * when these arrive, and dropped if they fail. Tells how many were
 * dropped since the last call, and forgets them.
 *
 * Returns: how many; when not 0, @error is set (%PP_CRDT_ERROR_REFUSED)
 *   to why the first of them was
 */
guint
pp_doc_take_refused (PpDoc *doc, gpointer *origin, GError **error)
{
  guint n;

  g_return_val_if_fail (doc != NULL, 0);
  n = doc->n_refused;
  if (origin != NULL)
    *origin = doc->refused_origin;
  if (n > 0)
    g_set_error_literal (error, PP_CRDT_ERROR, PP_CRDT_ERROR_REFUSED, doc->refused_reason);
  doc->n_refused = 0;
  doc->refused_origin = NULL;
  g_clear_pointer (&doc->refused_reason, g_free);
  return n;
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

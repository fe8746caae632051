/* pp-crdt-struct-store.c: items, and each client's items in clock order (the struct store)
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pp-crdt-private.h"

/* ---- the chunked, clock-ordered array of one client's structs ---- */

static void
cs_insert_chunk (PpClientStructs *cs, guint at)
{
  if (cs->n_chunks == cs->cap_chunks)
    {
      cs->cap_chunks = cs->cap_chunks ? cs->cap_chunks * 2 : 4;
      cs->chunks = g_renew (PpChunk, cs->chunks, cs->cap_chunks);
    }
  memmove (cs->chunks + at + 1, cs->chunks + at, (cs->n_chunks - at) * sizeof (PpChunk));
  cs->chunks[at].items = g_new (PpItem *, PP_CHUNK_MAX);
  cs->chunks[at].n = 0;
  cs->n_chunks++;
}

static void
cs_remove_chunk (PpClientStructs *cs, guint at)
{
  g_free (cs->chunks[at].items);
  memmove (cs->chunks + at, cs->chunks + at + 1, (cs->n_chunks - at - 1) * sizeof (PpChunk));
  cs->n_chunks--;
}

/* Finds the struct holding clock. */
gboolean
_pp_cs_find (PpClientStructs *cs, guint32 clock, guint *ci_out, guint *pi_out)
{
  guint lo, hi;
  PpChunk *chunk;
  PpItem *item;

  if (cs == NULL || cs->n_chunks == 0 || clock >= cs->state)
    return FALSE;
  /* Edits are local: try where the last lookup landed, and its right. */
  if (cs->finger_ci < cs->n_chunks)
    {
      guint fci = cs->finger_ci, fpi = cs->finger_pi;
      for (int step = 0; step < 2; step++)
        {
          if (fpi >= cs->chunks[fci].n)
            {
              if (++fci >= cs->n_chunks)
                break;
              fpi = 0;
            }
          item = cs->chunks[fci].items[fpi];
          if (clock >= item->clock && clock < item->clock + item->len)
            {
              *ci_out = cs->finger_ci = fci;
              *pi_out = cs->finger_pi = fpi;
              return TRUE;
            }
          fpi++;
        }
    }
  lo = 0;
  hi = cs->n_chunks - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;
      if (cs->chunks[mid].items[0]->clock <= clock)
        lo = mid;
      else
        hi = mid - 1;
    }
  chunk = &cs->chunks[lo];
  *ci_out = lo;
  lo = 0;
  hi = chunk->n - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;
      if (chunk->items[mid]->clock <= clock)
        lo = mid;
      else
        hi = mid - 1;
    }
  item = chunk->items[lo];
  if (clock < item->clock || clock >= item->clock + item->len)
    return FALSE;
  *pi_out = lo;
  cs->finger_ci = *ci_out;
  cs->finger_pi = lo;
  return TRUE;
}

void
_pp_cs_append (PpClientStructs *cs, PpItem *item)
{
  PpChunk *last;

  if (cs->n_chunks == 0 || cs->chunks[cs->n_chunks - 1].n == PP_CHUNK_MAX)
    cs_insert_chunk (cs, cs->n_chunks);
  last = &cs->chunks[cs->n_chunks - 1];
  last->items[last->n++] = item;
  cs->state = item->clock + item->len;
}

/* Inserts item right after position (ci, pi). */
static void
cs_insert_after (PpClientStructs *cs, guint ci, guint pi, PpItem *item)
{
  PpChunk *chunk = &cs->chunks[ci];

  if (chunk->n == PP_CHUNK_MAX)
    {
      guint half = PP_CHUNK_MAX / 2;
      PpChunk *next;

      cs_insert_chunk (cs, ci + 1);
      chunk = &cs->chunks[ci];
      next = &cs->chunks[ci + 1];
      memcpy (next->items, chunk->items + half, (chunk->n - half) * sizeof (PpItem *));
      next->n = chunk->n - half;
      chunk->n = half;
      if (pi >= half)
        {
          ci++;
          pi -= half;
          chunk = next;
        }
    }
  memmove (chunk->items + pi + 2, chunk->items + pi + 1, (chunk->n - pi - 1) * sizeof (PpItem *));
  chunk->items[pi + 1] = item;
  chunk->n++;
}

static void
cs_remove (PpClientStructs *cs, guint ci, guint pi)
{
  PpChunk *chunk = &cs->chunks[ci];

  memmove (chunk->items + pi, chunk->items + pi + 1, (chunk->n - pi - 1) * sizeof (PpItem *));
  chunk->n--;
  if (chunk->n == 0)
    cs_remove_chunk (cs, ci);
}

/* Takes the last struct out (it stays allocated): the store's state goes
 * back to where that struct began. */
void
_pp_cs_remove_last (PpClientStructs *cs)
{
  PpChunk *last = &cs->chunks[cs->n_chunks - 1];
  PpItem *item = last->items[last->n - 1];

  cs_remove (cs, cs->n_chunks - 1, last->n - 1);
  cs->state = item->clock;
}

static inline PpItem *
cs_at (PpClientStructs *cs, guint ci, guint pi)
{
  return cs->chunks[ci].items[pi];
}

PpClientStructs *
_pp_struct_store_get_slow (PpDoc *doc, guint32 client, gboolean create)
{
  PpClientStructs *cs;

  cs = g_hash_table_lookup (doc->clients, GUINT_TO_POINTER (client));
  if (cs == NULL && create)
    {
      cs = g_new0 (PpClientStructs, 1);
      cs->client = client;
      g_hash_table_insert (doc->clients, GUINT_TO_POINTER (client), cs);
      if (doc->rollback != NULL)
        {
          PpRollback r = { PP_ROLLBACK_CLIENT, { .cs = cs } };
          g_array_append_val (doc->rollback, r);
        }
    }
  if (cs != NULL)
    doc->last_cs = cs;
  return cs;
}

PpItem *
_pp_struct_store_find (PpDoc *doc, guint32 client, guint32 clock)
{
  PpClientStructs *cs = _pp_struct_store_get (doc, client, FALSE);
  guint ci, pi;

  if (!_pp_cs_find (cs, clock, &ci, &pi))
    return NULL;
  return cs_at (cs, ci, pi);
}

/* ---- items ---- */

/* Few items are ever redone, so where their copies are lives aside. */
gboolean
_pp_item_get_redone (PpDoc *doc, const PpItem *item, PpId *out)
{
  PpId *id;

  if (!(item->flags & PP_ITEM_HAS_REDONE) || doc->redone == NULL)
    return FALSE;
  id = g_hash_table_lookup (doc->redone, item);
  if (id == NULL)
    return FALSE;
  *out = *id;
  return TRUE;
}

void
_pp_item_set_redone (PpDoc *doc, PpItem *item, guint32 client, guint32 clock)
{
  PpId *id = g_new (PpId, 1);

  if (doc->redone == NULL)
    doc->redone = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  id->client = client;
  id->clock = clock;
  g_hash_table_replace (doc->redone, item, id);
  item->flags |= PP_ITEM_HAS_REDONE;
}

PpItem *
_pp_item_alloc (void)
{
  return g_new0 (PpItem, 1);
}

/* A new item of this document's client between left and right, which
 * become its origins. */
PpItem *
_pp_item_new_local (PpDoc *doc, PpYType *parent, PpItem *left, PpItem *right, const char *key)
{
  PpItem *item = _pp_item_reuse (doc);

  item->client = doc->client_id;
  item->clock = _pp_struct_store_get_state (doc, doc->client_id);
  item->parent = parent;
  item->parent_sub = g_strdup (key);
  item->left = left;
  item->right = right;
  if (left != NULL)
    {
      item->flags |= PP_ITEM_HAS_ORIGIN;
      item->origin.client = left->client;
      item->origin.clock = left->clock + left->len - 1;
    }
  if (right != NULL)
    {
      item->flags |= PP_ITEM_HAS_RIGHT_ORIGIN;
      item->right_origin.client = right->client;
      item->right_origin.clock = right->clock;
    }
  return item;
}

void
_pp_item_free_content (PpItem *item)
{
  switch (item->kind)
    {
    case PP_CONTENT_STRING:
      g_clear_pointer (&item->c.str.s, g_free);
      item->c.str.cap = 0;
      break;
    case PP_CONTENT_ANY:
      if (item->c.any != NULL)
        for (guint32 i = 0; i < item->len; i++)
          g_variant_unref (item->c.any[i]);
      g_clear_pointer (&item->c.any, g_free);
      break;
    case PP_CONTENT_JSON:
      if (item->c.json != NULL)
        for (guint32 i = 0; i < item->len; i++)
          g_free (item->c.json[i]);
      g_clear_pointer (&item->c.json, g_free);
      break;
    case PP_CONTENT_BINARY:
      g_clear_pointer (&item->c.binary, g_bytes_unref);
      break;
    case PP_CONTENT_EMBED:
      g_clear_pointer (&item->c.embed, g_free);
      break;
    case PP_CONTENT_FORMAT:
      g_clear_pointer (&item->c.format.key, g_free);
      g_clear_pointer (&item->c.format.value, g_free);
      break;
    case PP_CONTENT_TYPE:
      g_clear_pointer (&item->c.type, _pp_y_type_free);
      break;
    case PP_CONTENT_DOC:
      g_clear_pointer (&item->c.doc.guid, g_free);
      g_clear_pointer (&item->c.doc.opts, g_variant_unref);
      break;
    default:
      break;
    }
}

/* Splits and merges make and drop items all the time while typing; a
 * few dropped ones are kept for the next split instead of going back to
 * malloc. */
#define PP_SPARE_ITEMS_MAX 64

PpItem *
_pp_item_reuse (PpDoc *doc)
{
  PpItem *item = doc->spare_items;

  if (item == NULL)
    return _pp_item_alloc ();
  doc->spare_items = item->right;
  doc->n_spare_items--;
  memset (item, 0, sizeof *item);
  return item;
}

void
_pp_item_recycle (PpDoc *doc, PpItem *item)
{
  if (doc->n_spare_items >= PP_SPARE_ITEMS_MAX)
    {
      _pp_item_free (item);
      return;
    }
  _pp_item_free_content (item);
  g_clear_pointer (&item->parent_sub, g_free);
  item->right = doc->spare_items;
  doc->spare_items = item;
  doc->n_spare_items++;
}

void
_pp_item_free (PpItem *item)
{
  _pp_item_free_content (item);
  g_free (item->parent_sub);
  g_free (item);
}

/* Copies content for redo: types are not copied (a fresh empty type of
 * the same kind is made, as Yjs's ContentType.copy does). */
void
_pp_item_copy_content (PpItem *dst, const PpItem *src)
{
  dst->kind = src->kind;
  dst->len = src->len;
  dst->cp_len = src->cp_len;
  switch (src->kind)
    {
    case PP_CONTENT_STRING:
      dst->c.str.s = g_memdup2 (src->c.str.s, src->len * sizeof (gunichar2));
      dst->c.str.cap = src->len;
      break;
    case PP_CONTENT_ANY:
      dst->c.any = g_new (GVariant *, src->len);
      for (guint32 i = 0; i < src->len; i++)
        dst->c.any[i] = g_variant_ref (src->c.any[i]);
      break;
    case PP_CONTENT_JSON:
      dst->c.json = g_new (char *, src->len);
      for (guint32 i = 0; i < src->len; i++)
        dst->c.json[i] = g_strdup (src->c.json[i]);
      break;
    case PP_CONTENT_BINARY:
      dst->c.binary = g_bytes_ref (src->c.binary);
      break;
    case PP_CONTENT_EMBED:
      dst->c.embed = g_strdup (src->c.embed);
      break;
    case PP_CONTENT_FORMAT:
      dst->c.format.key = g_strdup (src->c.format.key);
      dst->c.format.value = g_strdup (src->c.format.value);
      break;
    case PP_CONTENT_TYPE:
      dst->c.type = _pp_y_type_new (src->c.type->doc, src->c.type->type_ref);
      dst->c.type->node_name = g_strdup (src->c.type->node_name);
      break;
    case PP_CONTENT_DOC:
      dst->c.doc.guid = g_strdup (src->c.doc.guid);
      dst->c.doc.opts = src->c.doc.opts ? g_variant_ref (src->c.doc.opts) : NULL;
      break;
    default:
      break;
    }
}

/* Splits the content of left at diff; the right part goes to right. */
static void
content_split (PpItem *left, PpItem *right, guint32 diff)
{
  guint32 rlen = left->len - diff;

  right->kind = left->kind;
  right->len = rlen;
  right->cp_len = rlen;
  switch (left->kind)
    {
    case PP_CONTENT_STRING:
      {
        gunichar2 *s = left->c.str.s;
        right->c.str.s = g_memdup2 (s + diff, rlen * sizeof (gunichar2));
        right->c.str.cap = rlen;
        /* Never keep half a surrogate pair: both halves become U+FFFD,
         * as Yjs's ContentString.splice does. */
        if (s[diff - 1] >= 0xd800 && s[diff - 1] <= 0xdbff)
          {
            s[diff - 1] = 0xfffd;
            right->c.str.s[0] = 0xfffd;
          }
        if (left->cp_len == left->len)
          left->cp_len = diff;   /* no surrogate pairs: nothing to count */
        else
          {
            right->cp_len = pp_utf16_count_code_points (right->c.str.s, rlen);
            left->cp_len = pp_utf16_count_code_points (s, diff);
          }
      }
      break;
    case PP_CONTENT_ANY:
      right->c.any = g_memdup2 (left->c.any + diff, rlen * sizeof (GVariant *));
      left->c.any = g_renew (GVariant *, left->c.any, diff);
      left->cp_len = diff;
      break;
    case PP_CONTENT_JSON:
      right->c.json = g_memdup2 (left->c.json + diff, rlen * sizeof (char *));
      left->c.json = g_renew (char *, left->c.json, diff);
      left->cp_len = diff;
      break;
    default:
      left->cp_len = diff;
      break;
    }
  left->len = diff;
}

/* Removes the first n units of content (integration with an offset). */
void
_pp_item_content_drop_front (PpItem *item, guint32 n)
{
  switch (item->kind)
    {
    case PP_CONTENT_STRING:
      {
        gunichar2 *s = item->c.str.s;
        if (s[n - 1] >= 0xd800 && s[n - 1] <= 0xdbff)
          s[n] = 0xfffd;
        memmove (s, s + n, (item->len - n) * sizeof (gunichar2));
        item->len -= n;
        item->cp_len = pp_utf16_count_code_points (s, item->len);
      }
      return;
    case PP_CONTENT_ANY:
      for (guint32 i = 0; i < n; i++)
        g_variant_unref (item->c.any[i]);
      memmove (item->c.any, item->c.any + n, (item->len - n) * sizeof (GVariant *));
      break;
    case PP_CONTENT_JSON:
      for (guint32 i = 0; i < n; i++)
        g_free (item->c.json[i]);
      memmove (item->c.json, item->c.json + n, (item->len - n) * sizeof (char *));
      break;
    default:
      break;
    }
  item->len -= n;
  item->cp_len = item->len;
}

/* Yjs's splitItem: item keeps [0, diff), the returned item the rest. */
PpItem *
_pp_item_split (PpDoc *doc, PpItem *item, guint32 diff)
{
  PpClientStructs *cs = _pp_struct_store_get (doc, item->client, FALSE);
  PpItem *right = _pp_item_reuse (doc);
  guint32 old_cp = item->cp_len;
  PpRollback r = { PP_ROLLBACK_SPLIT, { .split = { item, right, old_cp, { 0, 0 } } } };
  guint ci, pi;

  right->client = item->client;
  right->clock = item->clock + diff;
  right->left = item;
  right->right = item->right;
  right->parent = item->parent;
  right->parent_sub = g_strdup (item->parent_sub);
  right->flags = PP_ITEM_HAS_ORIGIN | (item->flags & (PP_ITEM_HAS_RIGHT_ORIGIN | PP_ITEM_DELETED | PP_ITEM_KEEP));
  right->origin.client = item->client;
  right->origin.clock = item->clock + diff - 1;
  right->right_origin = item->right_origin;
  if (item->flags & PP_ITEM_HAS_REDONE)
    {
      PpId redone;
      if (_pp_item_get_redone (doc, item, &redone))
        _pp_item_set_redone (doc, right, redone.client, redone.clock + diff);
    }
  if (item->kind == PP_CONTENT_STRING)
    {
      /* Cutting a surrogate pair changes both halves. */
      r.u.split.units[0] = item->c.str.s[diff - 1];
      r.u.split.units[1] = item->c.str.s[diff];
    }
  content_split (item, right, diff);
  if (item->parent != NULL && _pp_item_visible (item) && item->cp_len + right->cp_len != old_cp)
    {
      item->parent->length_cp += item->cp_len + right->cp_len - old_cp;
      _pp_y_type_reset_marker (item->parent);
    }
  item->right = right;
  if (right->right != NULL)
    right->right->left = right;
  if (right->parent_sub != NULL && right->right == NULL && right->parent != NULL)
    g_hash_table_replace (right->parent->map, g_strdup (right->parent_sub), right);

  if (_pp_cs_find (cs, item->clock, &ci, &pi))
    cs_insert_after (cs, ci, pi, right);
  else
    g_assert_not_reached ();
  if (doc->txn.active)
    _pp_txn_add_merge (doc, right->client, right->clock);
  if (doc->rollback != NULL)
    g_array_append_val (doc->rollback, r);
  return right;
}

/* Undoes _pp_item_split (item, ...) exactly, when nothing has changed
 * since but what was undone already: the parts join again with the
 * content, lengths and neighbours the item had. cp_len and units are
 * what the split's rollback entry saved. */
void
_pp_item_unsplit (PpDoc *doc, PpItem *item, PpItem *right, guint32 cp_len, const gunichar2 units[2])
{
  PpClientStructs *cs = _pp_struct_store_get (doc, item->client, FALSE);
  PpYType *parent = item->parent;
  guint32 diff = item->len, n = right->len;
  guint ci, pi;

  /* Out of the store first: once item grows, right's clock finds it. */
  if (_pp_cs_find (cs, right->clock, &ci, &pi))
    cs_remove (cs, ci, pi);
  else
    g_assert_not_reached ();
  switch (item->kind)
    {
    case PP_CONTENT_STRING:
      if (item->c.str.cap < diff + n)
        {
          item->c.str.cap = diff + n;
          item->c.str.s = g_renew (gunichar2, item->c.str.s, item->c.str.cap);
        }
      memcpy (item->c.str.s + diff, right->c.str.s, n * sizeof (gunichar2));
      item->c.str.s[diff - 1] = units[0];
      item->c.str.s[diff] = units[1];
      break;
    case PP_CONTENT_ANY:
      item->c.any = g_renew (GVariant *, item->c.any, diff + n);
      memcpy (item->c.any + diff, right->c.any, n * sizeof (GVariant *));
      g_clear_pointer (&right->c.any, g_free);
      break;
    case PP_CONTENT_JSON:
      item->c.json = g_renew (char *, item->c.json, diff + n);
      memcpy (item->c.json + diff, right->c.json, n * sizeof (char *));
      g_clear_pointer (&right->c.json, g_free);
      break;
    default:
      break;
    }
  if (parent != NULL)
    {
      if (_pp_item_visible (item))
        parent->length_cp = parent->length_cp - item->cp_len - right->cp_len + cp_len;
      if (right->parent_sub != NULL && g_hash_table_lookup (parent->map, right->parent_sub) == right)
        g_hash_table_replace (parent->map, g_strdup (right->parent_sub), item);
      _pp_y_type_reset_marker (parent);
    }
  item->len = diff + n;
  item->cp_len = cp_len;
  item->right = right->right;
  if (item->right != NULL)
    item->right->left = item;
  if ((right->flags & PP_ITEM_HAS_REDONE) && doc->redone != NULL)
    g_hash_table_remove (doc->redone, right);
  _pp_item_recycle (doc, right);
}

PpItem *
_pp_item_clean_start (PpDoc *doc, guint32 client, guint32 clock)
{
  PpItem *item = _pp_struct_store_find (doc, client, clock);

  if (item == NULL)
    return NULL;
  if (item->clock < clock && item->kind != PP_CONTENT_GC)
    return _pp_item_split (doc, item, clock - item->clock);
  return item;
}

PpItem *
_pp_item_clean_end (PpDoc *doc, guint32 client, guint32 clock)
{
  PpItem *item = _pp_struct_store_find (doc, client, clock);

  if (item == NULL)
    return NULL;
  if (clock != item->clock + item->len - 1 && item->kind != PP_CONTENT_GC)
    _pp_item_split (doc, item, clock - item->clock + 1);
  return item;
}

/* ---- merging (Yjs's mergeWith / tryToMergeWithLefts) ---- */

static gboolean
can_merge (const PpItem *left, const PpItem *right)
{
  if (left->kind != right->kind || left->client != right->client ||
      left->clock + left->len != right->clock)
    return FALSE;
  if (left->kind == PP_CONTENT_GC)
    return TRUE;
  if (_pp_item_deleted (left) != _pp_item_deleted (right))
    return FALSE;
  if ((left->flags | right->flags) & PP_ITEM_HAS_REDONE)
    return FALSE;
  if (!(right->flags & PP_ITEM_HAS_ORIGIN) || right->origin.client != left->client ||
      right->origin.clock != left->clock + left->len - 1)
    return FALSE;
  if (left->right != right)
    return FALSE;
  if (!_pp_item_right_origin_equal (left, right))
    return FALSE;
  switch (left->kind)
    {
    case PP_CONTENT_STRING:
    case PP_CONTENT_DELETED:
    case PP_CONTENT_ANY:
    case PP_CONTENT_JSON:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
merge_into_left (PpItem *left, PpItem *right)
{
  guint32 n = right->len;

  switch (left->kind)
    {
    case PP_CONTENT_STRING:
      {
        /* Merged text is where most edits land; grow geometrically. */
        guint32 need = left->len + n;
        if (need > left->c.str.cap)
          {
            left->c.str.cap = MAX (need, left->c.str.cap + left->c.str.cap / 2);
            left->c.str.s = g_renew (gunichar2, left->c.str.s, left->c.str.cap);
          }
        memcpy (left->c.str.s + left->len, right->c.str.s, n * sizeof (gunichar2));
      }
      break;
    case PP_CONTENT_ANY:
      left->c.any = g_renew (GVariant *, left->c.any, left->len + n);
      memcpy (left->c.any + left->len, right->c.any, n * sizeof (GVariant *));
      g_clear_pointer (&right->c.any, g_free);
      right->len = 0;
      break;
    case PP_CONTENT_JSON:
      left->c.json = g_renew (char *, left->c.json, left->len + n);
      memcpy (left->c.json + left->len, right->c.json, n * sizeof (char *));
      g_clear_pointer (&right->c.json, g_free);
      right->len = 0;
      break;
    default:
      break;
    }
  if (left->kind != PP_CONTENT_GC)
    {
      PpYType *parent = left->parent;

      if (parent != NULL && parent->m_item == right)
        {
          parent->m_item = left;
          if (_pp_item_visible (left))
            {
              parent->m_index -= left->len;
              parent->m_index_cp -= left->cp_len;
            }
        }
      if (right->flags & PP_ITEM_KEEP)
        left->flags |= PP_ITEM_KEEP;
      left->right = right->right;
      if (left->right != NULL)
        left->right->left = left;
      if (right->parent_sub != NULL && parent != NULL &&
          g_hash_table_lookup (parent->map, right->parent_sub) == right)
        g_hash_table_replace (parent->map, g_strdup (right->parent_sub), left);
    }
  left->len += n;
  left->cp_len += right->cp_len;
}

/* Merges the struct at position (ci, pi) into its left neighbours while
 * possible; returns how many merged. */
static guint
try_merge_with_lefts (PpDoc *doc, PpClientStructs *cs, guint ci, guint pi)
{
  guint merged = 0;

  while (TRUE)
    {
      PpItem *right = cs_at (cs, ci, pi);
      guint lci = ci, lpi = pi;
      PpItem *left;

      if (lpi == 0)
        {
          if (lci == 0)
            break;
          lci--;
          lpi = cs->chunks[lci].n - 1;
        }
      else
        lpi--;
      left = cs_at (cs, lci, lpi);
      if (!can_merge (left, right))
        break;
      merge_into_left (left, right);
      cs_remove (cs, ci, pi);
      _pp_item_recycle (doc, right);
      merged++;
      ci = lci;
      pi = lpi;
    }
  return merged;
}

/* Tries to merge the struct holding (client, clock) with its left
 * neighbours, and the struct after it with it. */
void
_pp_struct_store_try_merge_at (PpDoc *doc, guint32 client, guint32 clock)
{
  PpClientStructs *cs = _pp_struct_store_get (doc, client, FALSE);
  guint ci, pi, nci, npi;

  if (!_pp_cs_find (cs, clock, &ci, &pi))
    return;
  /* The next struct into this one first: that leaves (ci, pi) valid. */
  nci = ci;
  npi = pi + 1;
  if (npi == cs->chunks[nci].n)
    {
      nci++;
      npi = 0;
    }
  if (nci < cs->n_chunks && try_merge_with_lefts (doc, cs, nci, npi) > 1)
    return;   /* this one merged into its left as well */
  try_merge_with_lefts (doc, cs, ci, pi);
}

/* pp-crdt-integrate.c: deleting items and integrating new ones
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Integration is YATA exactly as Yjs implements it (Item.integrate), so
 * that any mix of our peers and Yjs peers converges to the same order.
 */
#include "config.h"

#include "pp-crdt-private.h"

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

/* Deletes the len clocks from item on: links made since item was may
 * have split it. */
static void
delete_run (PpDoc *doc, PpItem *item, guint32 len)
{
  guint32 end = item->clock + len;

  for (;;)
    {
      _pp_item_delete (doc, item);
      if (item->clock + item->len >= end)
        return;
      item = _pp_struct_store_find (doc, item->client, item->clock + item->len);
    }
}

/* Yjs's Item.integrate: links a new item, then does the deletes that
 * follow from it. */
void
_pp_item_integrate (PpDoc *doc, PpItem *item, guint32 offset)
{
  PpLink link = _pp_item_link (doc, item, offset);

  _pp_item_finish (doc, &link);
}

/* Links a new item into its parent's list (or its map key's list of
 * entries) and into the struct store, and returns the deletes that
 * follow, for _pp_item_finish(). item->left/right hold the neighbours
 * found from origin and right origin; item->parent is set (or NULL for a
 * GC). offset is how many of its first clocks the store already has:
 * those are cut off first, and the item's origin becomes the clock before
 * what is left. */
PpLink
_pp_item_link (PpDoc *doc, PpItem *item, guint32 offset)
{
  PpYType *parent = item->parent;
  PpClientStructs *cs;
  PpLink link = { item, NULL, NULL, 0, 0, FALSE, FALSE, FALSE };

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
      /* Next to a GC there is no list to join, and next to an item of
       * another parent or key (only a broken update gets there) not
       * this one's: keep only the fact that the clocks exist. */
      if (left->kind == PP_CONTENT_GC || left->parent != parent ||
          g_strcmp0 (left->parent_sub, item->parent_sub) != 0)
        parent = NULL;
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
      link.len = item->len;
      return link;
    }

  _pp_y_type_reset_marker (parent);

  /* Nothing lies between the neighbours the origins gave (left is the
   * start and right the first item, or right follows left directly): no
   * concurrent insert competes for this place, so no scan. Otherwise the
   * items between them were inserted concurrently, and YATA decides
   * where among them this one goes. */
  if ((item->left == NULL && (item->right == NULL || item->right->left != NULL)) ||
      (item->left != NULL && item->left->right != item->right))
    {
      PpItem *left = item->left;
      PpItem *o;

      /* The first candidate: the item after left, or the first item of
       * the sequence (of the key's entries, for a map). */
      if (left != NULL)
        o = left->right;
      else if (item->parent_sub != NULL)
        o = map_first (parent, item->parent_sub);
      else
        o = parent->start;

      /* items_before_origin holds every item scanned so far;
       * conflicting_items only those scanned since left last moved, a
       * subset of it. The new item goes after left, which the scan
       * moves to the right past every item that must come first. It
       * ends at the right neighbour at the latest: the new item was
       * made to its left, so nothing past it can come first. */
      g_hash_table_remove_all (doc->items_before_origin);
      g_hash_table_remove_all (doc->conflicting_items);
      while (o != NULL && o != item->right)
        {
          g_hash_table_add (doc->items_before_origin, o);
          g_hash_table_add (doc->conflicting_items, o);
          if (_pp_item_origin_equal (item, o))
            {
              /* Case 1: o has the same origin as the new item. The
               * lower client id goes first: if o's is lower, the new
               * item goes after it. If o's is higher and o also has the
               * same right origin, both aim at exactly the same gap and
               * the new item goes before o: the scan stops. If only the
               * right origins differ, keep scanning: a later item may
               * still have to come first. */
              if (o->client < item->client)
                {
                  left = o;
                  g_hash_table_remove_all (doc->conflicting_items);
                }
              else if (_pp_item_right_origin_equal (item, o))
                break;
            }
          else
            {
              /* Case 2: o's origin lies between the new item's origin
               * and o, among the items already scanned: o was inserted
               * after one of them. If that origin is not one of the
               * conflicting items (it was passed before left last
               * moved), o belongs after left too, and the new item goes
               * after o. If it is, o stays to the right of the new item
               * unless case 1 later moves left past it.
               *
               * Otherwise o's origin lies before the new item's origin
               * (or o has none): o and everything after it belong to
               * the right of the new item, and the scan stops. */
              PpItem *oo = (o->flags & PP_ITEM_HAS_ORIGIN)
                             ? _pp_struct_store_find (doc, o->origin.client, o->origin.clock)
                             : NULL;
              if (oo != NULL && g_hash_table_contains (doc->items_before_origin, oo))
                {
                  if (!g_hash_table_contains (doc->conflicting_items, oo))
                    {
                      left = o;
                      g_hash_table_remove_all (doc->conflicting_items);
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
      link.replaced = item->left;
      link.replaced_len = item->left != NULL ? item->left->len : 0;
    }
  link.parent = parent;
  link.keyed = item->parent_sub != NULL;
  link.superseded = item->parent_sub != NULL && item->right != NULL;
  link.deleted_content = item->kind == PP_CONTENT_DELETED;

  if (item->parent_sub == NULL && _pp_item_visible (item))
    {
      parent->length += item->len;
      parent->length_cp += item->cp_len;
    }
  _pp_cs_append (cs, item);
  link.len = item->len;
  if (item->kind == PP_CONTENT_TYPE && item->c.type != NULL)
    item->c.type->item = item;
  return link;
}

/* The rest of Yjs's Item.integrate, once the item is linked: the map
 * entry it replaces is deleted, and so is the item itself if it is
 * deleted content, lies in a deleted parent or is already superseded. */
void
_pp_item_finish (PpDoc *doc, const PpLink *link)
{
  PpItem *item = link->item;
  PpYType *parent = link->parent;

  /* Only what the link says is read here, unless there is more to do
   * than to mark the parent: after a large update's links, its items
   * are no longer in the cache. */
  if (parent == NULL)
    return;
  if (link->replaced != NULL)
    delete_run (doc, link->replaced, link->replaced_len);
  if (link->deleted_content)
    {
      guint32 end = item->clock + link->len;

      _pp_txn_add_delete (doc, item->client, item->clock, link->len);
      for (PpItem *it = item;; it = _pp_struct_store_find (doc, it->client, it->clock + it->len))
        {
          it->flags |= PP_ITEM_DELETED;
          if (it->clock + it->len >= end)
            break;
        }
    }
  _pp_y_type_mark_changed (doc, parent, link->keyed ? item->parent_sub : NULL);
  if ((parent->item != NULL && _pp_item_deleted (parent->item)) || link->superseded)
    delete_run (doc, item, link->len);
}

/* Takes a linked item back out of its list and the struct store: the
 * last link of a refused update first (pp-crdt-updates.c), so it is the
 * last struct of its client and nothing links to it. */
void
_pp_item_unlink (PpDoc *doc, PpItem *item)
{
  PpYType *parent = item->parent;

  if (parent != NULL && item->kind != PP_CONTENT_GC)
    {
      if (item->left != NULL)
        item->left->right = item->right;
      else if (item->parent_sub == NULL)
        parent->start = item->right;
      if (item->right != NULL)
        item->right->left = item->left;
      else if (item->parent_sub != NULL && item->left != NULL)
        g_hash_table_replace (parent->map, g_strdup (item->parent_sub), item->left);
      else if (item->parent_sub != NULL)
        g_hash_table_remove (parent->map, item->parent_sub);
      if (item->parent_sub == NULL && _pp_item_visible (item))
        {
          parent->length -= item->len;
          parent->length_cp -= item->cp_len;
        }
      _pp_y_type_reset_marker (parent);
    }
  _pp_cs_remove_last (_pp_struct_store_get (doc, item->client, FALSE));
}

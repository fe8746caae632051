/* pp-crdt-validate.c: whether an honest peer could have written a struct
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An honest peer (Yjs or ours) makes an item with origin the item just
 * left of where it inserts and right origin the item just right of it:
 * the two were neighbours in one parent's list (or one map key's list of
 * entries) when it was made. Items inserted since can only come between
 * them, so in every later state of every honest replica the origin comes
 * before the right origin in that list. YATA relies on it: an item whose
 * origins break it is placed by how runs happen to be split, which
 * differs between replicas and across a save and load, so replicas that
 * took it order text differently (and Yjs crashes on some).
 *
 * The checks read the document and never change it: they find the items
 * holding the origins without splitting them. Where the document no
 * longer knows (an origin or the parent was garbage collected) there is
 * nothing to check: such an item becomes a GC, as in Yjs.
 */
#include "config.h"

#include "pp-crdt-private.h"

static gboolean
refuse (GError **error, const char *what)
{
  g_set_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_REFUSED,
               "Refused a change that no honest peer makes: %s", what);
  return FALSE;
}

/* An id of the item's own client that is not earlier than the item: no
 * peer can have seen it when making the item. */
static gboolean
not_before (const PpItem *it, gboolean has, PpId id)
{
  return has && id.client == it->client && id.clock >= it->clock;
}

/* Checks what a struct says on its own: run on every struct of an update
 * before any of it is applied, so they also hold for those that wait. */
gboolean
_pp_ref_check_alone (const PpRef *ref, GError **error)
{
  const PpItem *it = ref->item;
  gboolean has_origin = (it->flags & PP_ITEM_HAS_ORIGIN) != 0;
  gboolean has_right = (it->flags & PP_ITEM_HAS_RIGHT_ORIGIN) != 0;

  if (it->kind == PP_CONTENT_GC || it->kind == PP_CONTENT_SKIP)
    return TRUE;
  if (has_origin && has_right && _pp_ids_equal (TRUE, it->origin, TRUE, it->right_origin))
    return refuse (error, "an item's left and right origins are the same item");
  if (not_before (it, has_origin, it->origin) || not_before (it, has_right, it->right_origin))
    return refuse (error, "an item's origin is a later change of its own client");
  if (not_before (it, ref->has_parent_id, ref->parent_id))
    return refuse (error, "an item's parent is a later change of its own client");
  return TRUE;
}

/* Whether the unit at l_clock of item l comes before the unit at r_clock
 * of item r in their list. Inside one item, clocks run left to right.
 * Otherwise walk right from l: honest origins have only the items
 * inserted between them since to pass, as YATA's own scan does. */
static gboolean
precedes (const PpItem *l, guint32 l_clock, const PpItem *r, guint32 r_clock)
{
  if (l == r)
    return l_clock < r_clock;
  for (const PpItem *o = l->right; o != NULL; o = o->right)
    if (o == r)
      return TRUE;
  return FALSE;
}

/* What the maker of an item must have known when it made it: its own
 * client's earlier changes, and each origin's client up to the origin
 * (a peer holds a client's changes only in order). A lower bound: it
 * may have known more. */
typedef struct {
  guint32 client, below;                /* own client: clocks below */
  gboolean has_left, has_right;
  PpId left, right;                     /* clocks up to these */
} Known;

static gboolean
knew_any (const Known *k, guint32 client, guint32 first)
{
  return (client == k->client && first < k->below) ||
         (k->has_left && client == k->left.client && first <= k->left.clock) ||
         (k->has_right && client == k->right.client && first <= k->right.clock);
}

/* Whether an item its maker knew lies between where it puts an item:
 * after the unit at l_clock of l (from the start of the list when l is
 * NULL) and before the unit at r_clock of r (to the end when r is NULL).
 * When it was made, its origins were neighbours, and what its maker
 * knew was left of the one or right of the other, as it is in every
 * replica since: only changes it had not seen can come between. An item
 * that says otherwise is placed by the order in which a replica took
 * it and its neighbours, so replicas, and a replica across a save and
 * load, would differ. */
static gboolean
knew_between (const Known *k, const PpItem *l, guint32 l_clock, const PpItem *r, guint32 r_clock)
{
  const PpItem *o;

  if (l != NULL && r == l)
    return l_clock + 1 < r_clock && knew_any (k, l->client, l_clock + 1);
  if (l != NULL && l_clock + 1 < l->clock + l->len && knew_any (k, l->client, l_clock + 1))
    return TRUE;
  if (r != NULL && r_clock > r->clock && knew_any (k, r->client, r->clock))
    return TRUE;
  if (l != NULL)
    {
      for (o = l->right; o != NULL && o != r; o = o->right)
        if (knew_any (k, o->client, o->clock))
          return TRUE;
    }
  else if (r != NULL)
    {
      for (o = r->left; o != NULL; o = o->left)
        if (knew_any (k, o->client, o->clock))
          return TRUE;
    }
  return FALSE;
}

static gboolean
same_list (const PpItem *a, const PpItem *b)
{
  return a->parent == b->parent && g_strcmp0 (a->parent_sub, b->parent_sub) == 0;
}

/* Checks a struct from a peer about to be integrated: its dependencies
 * are in the store. offset is as for _pp_item_link(): when the store
 * already has the struct's first clocks, the clock before the rest is
 * its left neighbour. */
gboolean
_pp_ref_check (PpDoc *doc, const PpRef *ref, guint32 offset, GError **error)
{
  const PpItem *it = ref->item;
  gboolean has_origin = (it->flags & PP_ITEM_HAS_ORIGIN) != 0;
  gboolean has_right = (it->flags & PP_ITEM_HAS_RIGHT_ORIGIN) != 0;
  PpItem *l = NULL, *r = NULL;
  guint32 l_clock = it->origin.clock;
  PpYType *parent;
  const char *sub;
  Known known;

  if (it->kind == PP_CONTENT_GC || it->kind == PP_CONTENT_SKIP)
    return TRUE;
  if (has_origin)
    l = _pp_struct_store_find (doc, it->origin.client, it->origin.clock);
  if (has_right)
    r = _pp_struct_store_find (doc, it->right_origin.client, it->right_origin.clock);
  if ((has_origin && (l == NULL || l->kind == PP_CONTENT_GC)) ||
      (has_right && (r == NULL || r->kind == PP_CONTENT_GC)))
    return TRUE;   /* becomes a GC */

  if (l != NULL || r != NULL)
    {
      const PpItem *from = l != NULL ? l : r;

      if (l != NULL && r != NULL && !same_list (l, r))
        return refuse (error, l->parent != r->parent
                                ? "an item's left and right origins are in different types"
                                : "an item's left and right origins are under different keys");
      if (l != NULL && r != NULL && !precedes (l, it->origin.clock, r, it->right_origin.clock))
        return refuse (error, "an item's left origin is not before its right origin");
      parent = from->parent;
      sub = from->parent_sub;
    }
  else if (ref->has_parent_id)
    {
      PpItem *p = _pp_struct_store_find (doc, ref->parent_id.client, ref->parent_id.clock);

      /* A deleted type's content may be gone already: then the item
       * becomes a GC, whatever its parent was. */
      if (p == NULL || p->kind == PP_CONTENT_GC || p->kind == PP_CONTENT_DELETED)
        return TRUE;
      if (p->kind != PP_CONTENT_TYPE)
        return refuse (error, "an item's parent is not a shared type");
      parent = p->c.type;
      sub = it->parent_sub;
    }
  else
    {
      parent = ref->parent_key != NULL ? g_hash_table_lookup (doc->share, ref->parent_key) : NULL;
      sub = it->parent_sub;
    }

  known = (Known) { it->client, it->clock, has_origin, has_right, it->origin, it->right_origin };
  if (offset > 0)
    {
      guint32 clock = it->clock + offset - 1;
      PpItem *el = _pp_struct_store_find (doc, it->client, clock);

      if (el->kind == PP_CONTENT_GC)
        return TRUE;   /* becomes a GC */
      if (el->parent != parent || g_strcmp0 (el->parent_sub, sub) != 0)
        return refuse (error, "an item continues its client's previous item in another type");
      if (r != NULL && !precedes (el, clock, r, it->right_origin.clock))
        return refuse (error, "an item's left origin is not before its right origin");
      l = el;
      l_clock = clock;
    }
  if (l == NULL && r == NULL && parent != NULL)
    {
      /* Made in an empty list: all of it is new to its maker. */
      const PpItem *o = sub != NULL ? g_hash_table_lookup (parent->map, sub) : parent->start;

      for (; o != NULL; o = sub != NULL ? o->left : o->right)
        if (knew_any (&known, o->client, o->clock))
          return refuse (error, "an item is put where its maker's list was not empty");
    }
  else if (knew_between (&known, l, l_clock, r, it->right_origin.clock))
    return refuse (error, "an item's origins have between them a change its maker knew");
  return TRUE;
}

/* pp-crdt-undo.c: undo and redo of this peer's own changes
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Works like Yjs's UndoManager: each step records the ids this peer
 * inserted and the ids it deleted. Undo deletes what the step inserted
 * and re-inserts copies of what it deleted, next to the deleted originals
 * (whose content is kept from garbage collection while a step needs it).
 * Undo's own transaction becomes a redo step, and the other way round.
 */
#include "config.h"

#include "pp-crdt-private.h"
#include "pp-crdt-undo.h"

typedef struct {
  GArray *insertions;  /* PpRange, sorted */
  GArray *deletions;
} StackItem;

struct _PpUndoManager {
  PpDoc *doc;
  GPtrArray *scope;
  GPtrArray *undo_stack;   /* StackItem */
  GPtrArray *redo_stack;
  gboolean undoing;
  gboolean redoing;
  gint64 last_change;      /* monotonic microseconds, 0 = never */
  guint capture_timeout_ms;
};

static void
stack_item_free (gpointer data)
{
  StackItem *si = data;

  g_array_unref (si->insertions);
  g_array_unref (si->deletions);
  g_free (si);
}

/**
 * pp_undo_manager_new:
 * @doc: the document, which must outlive the manager
 * @scope: (array length=n_scope) (transfer none): the types whose changes
 *   are tracked; the manager copies the array, the types stay @doc's
 * @n_scope: the number of @scope
 *
 * Returns: (transfer full): a new undo manager; free it with
 *   pp_undo_manager_free() before @doc
 */
PpUndoManager *
pp_undo_manager_new (PpDoc *doc, PpYType * const *scope, guint n_scope)
{
  PpUndoManager *um = g_new0 (PpUndoManager, 1);

  um->doc = doc;
  um->scope = g_ptr_array_new ();
  for (guint i = 0; i < n_scope; i++)
    g_ptr_array_add (um->scope, scope[i]);
  um->undo_stack = g_ptr_array_new_with_free_func (stack_item_free);
  um->redo_stack = g_ptr_array_new_with_free_func (stack_item_free);
  um->capture_timeout_ms = 500;
  g_ptr_array_add (doc->undo_managers, um);
  return um;
}

/* Walks every item of ranges, splitting at their edges. */
typedef void (*ItemFunc) (PpUndoManager *um, PpItem *item, gpointer data);

static void
iterate_ranges (PpUndoManager *um, GArray *ranges, gboolean split, ItemFunc func, gpointer data)
{
  PpDoc *doc = um->doc;

  for (guint i = 0; i < ranges->len; i++)
    {
      PpRange r = g_array_index (ranges, PpRange, i);
      guint32 end = r.clock + r.len;
      guint32 clock = r.clock;
      guint32 state = _pp_struct_store_get_state (doc, r.client);

      end = MIN (end, state);
      if (split && clock < end)
        {
          _pp_item_clean_start (doc, r.client, clock);
          if (end < state)
            _pp_item_clean_start (doc, r.client, end);
        }
      while (clock < end)
        {
          PpItem *it = _pp_struct_store_find (doc, r.client, clock);
          if (it == NULL)
            break;
          clock = it->clock + it->len;
          func (um, it, data);
        }
    }
}

static void
unkeep (PpUndoManager *um, PpItem *item, gpointer data)
{
  item->flags &= ~PP_ITEM_KEEP;
}

static void
stack_clear (PpUndoManager *um, GPtrArray *stack)
{
  /* Let the kept content go (Yjs keeps it until the stack is cleared). */
  for (guint i = 0; i < stack->len; i++)
    iterate_ranges (um, ((StackItem *) stack->pdata[i])->deletions, FALSE, unkeep, NULL);
  g_ptr_array_set_size (stack, 0);
}

void
pp_undo_manager_clear (PpUndoManager *um)
{
  stack_clear (um, um->undo_stack);
  stack_clear (um, um->redo_stack);
}

/**
 * pp_undo_manager_free:
 * @um: (transfer full) (nullable): an undo manager
 *
 * Frees the manager and lets go of the deleted content it kept.
 */
void
pp_undo_manager_free (PpUndoManager *um)
{
  if (um == NULL)
    return;
  pp_undo_manager_clear (um);
  g_ptr_array_remove (um->doc->undo_managers, um);
  g_ptr_array_unref (um->undo_stack);
  g_ptr_array_unref (um->redo_stack);
  g_ptr_array_unref (um->scope);
  g_free (um);
}

static gboolean
in_scope (PpUndoManager *um, PpItem *item)
{
  for (PpYType *t = item->parent; t != NULL; t = t->item ? t->item->parent : NULL)
    {
      if (g_ptr_array_find (um->scope, t, NULL))
        return TRUE;
      if (t->item == NULL)
        break;
    }
  return FALSE;
}

static void
keep (PpUndoManager *um, PpItem *item, gpointer data)
{
  if (item->kind != PP_CONTENT_GC && in_scope (um, item))
    item->flags |= PP_ITEM_KEEP;
}

void
_pp_undo_manager_after_transaction (PpUndoManager *um, PpDoc *doc)
{
  gboolean undoing = um->undoing && doc->txn.origin == um;
  gboolean redoing = um->redoing && doc->txn.origin == um;
  gboolean touched = FALSE;
  GPtrArray *stack;
  GArray *insertions;
  gint64 now;

  if (!doc->txn.local)
    return;
  for (guint i = 0; i < doc->txn.changed->len && !touched; i++)
    touched = g_ptr_array_find (um->scope, doc->txn.changed->pdata[i], NULL);
  if (!touched)
    return;

  if (!undoing && !redoing)
    stack_clear (um, um->redo_stack);
  stack = undoing ? um->redo_stack : um->undo_stack;

  insertions = g_array_new (FALSE, FALSE, sizeof (PpRange));
  for (guint i = 0; i < doc->txn.before->len; i++)
    {
      PpId b = g_array_index (doc->txn.before, PpId, i);
      guint32 after = _pp_struct_store_get_state (doc, b.client);
      if (after > b.clock)
        _pp_txn_add_delete_to (insertions, b.client, b.clock, after - b.clock);
    }
  _pp_ranges_sort_merge (insertions);

  now = g_get_monotonic_time ();
  if (um->last_change > 0 && now - um->last_change < (gint64) um->capture_timeout_ms * 1000 &&
      stack->len > 0 && !undoing && !redoing)
    {
      StackItem *last = stack->pdata[stack->len - 1];
      g_array_append_vals (last->insertions, insertions->data, insertions->len);
      g_array_append_vals (last->deletions, doc->txn.ds->data, doc->txn.ds->len);
      _pp_ranges_sort_merge (last->insertions);
      _pp_ranges_sort_merge (last->deletions);
      g_array_unref (insertions);
    }
  else
    {
      StackItem *si = g_new0 (StackItem, 1);
      si->insertions = insertions;
      si->deletions = g_array_copy (doc->txn.ds);
      g_ptr_array_add (stack, si);
    }
  if (!undoing && !redoing)
    um->last_change = now;
  iterate_ranges (um, doc->txn.ds, FALSE, keep, NULL);
}

/* Follows an item's chain of redone copies (Yjs's followRedone). */
static PpItem *
follow_redone (PpDoc *doc, PpItem *item)
{
  guint guard = 0;

  while ((item->flags & PP_ITEM_HAS_REDONE) && item->kind != PP_CONTENT_GC && guard++ < 1000000)
    {
      PpId redone;
      PpItem *next;
      if (!_pp_item_get_redone (doc, item, &redone))
        break;
      next = _pp_item_clean_start (doc, redone.client, redone.clock);
      if (next == NULL)
        break;
      item = next;
    }
  return item;
}

typedef struct {
  GPtrArray *to_delete;
  GPtrArray *to_redo;
  StackItem *si;
} PopState;

static void
collect_insertion (PpUndoManager *um, PpItem *item, gpointer data)
{
  PopState *st = data;

  if (item->kind == PP_CONTENT_GC)
    return;
  item = follow_redone (um->doc, item);
  if (!_pp_item_deleted (item) && in_scope (um, item))
    g_ptr_array_add (st->to_delete, item);
}

static void
collect_deletion (PpUndoManager *um, PpItem *item, gpointer data)
{
  PopState *st = data;

  if (item->kind == PP_CONTENT_GC || item->kind == PP_CONTENT_DELETED || !in_scope (um, item))
    return;
  if (_pp_ranges_contain (st->si->insertions, item->client, item->clock))
    return;
  g_ptr_array_add (st->to_redo, item);
}

static gboolean
stack_deletes (GPtrArray *stack, PpItem *item)
{
  for (guint i = 0; i < stack->len; i++)
    if (_pp_ranges_contain (((StackItem *) stack->pdata[i])->deletions, item->client, item->clock))
      return TRUE;
  return FALSE;
}

/* Yjs's redoItem for items whose parent still exists. */
static gboolean
redo_item (PpUndoManager *um, PpItem *item, StackItem *si)
{
  PpDoc *doc = um->doc;
  PpYType *parent = item->parent;
  PpItem *left, *right, *copy;

  if (item->flags & PP_ITEM_HAS_REDONE)
    return FALSE;
  if (parent == NULL || (parent->item != NULL && _pp_item_deleted (parent->item)))
    return FALSE;   /* restoring a deleted parent is not supported */
  if (item->parent_sub == NULL)
    {
      left = item->left;
      right = item;
    }
  else
    {
      right = NULL;
      if (item->right != NULL)
        {
          left = item;
          while (left != NULL && left->right != NULL &&
                 ((left->right->flags & PP_ITEM_HAS_REDONE) ||
                  _pp_ranges_contain (si->insertions, left->right->client, left->right->clock) ||
                  stack_deletes (um->undo_stack, left->right) || stack_deletes (um->redo_stack, left->right)))
            left = follow_redone (doc, left->right);
          if (left != NULL && left->right != NULL)
            return FALSE;   /* someone else changed the key since */
        }
      else
        left = g_hash_table_lookup (parent->map, item->parent_sub);
    }
  copy = _pp_item_new_local (doc, parent, left, right, item->parent_sub);
  _pp_item_copy_content (copy, item);
  if (copy->kind == PP_CONTENT_TYPE)
    copy->c.type->doc = doc;
  copy->flags |= PP_ITEM_KEEP;
  _pp_item_set_redone (doc, item, copy->client, copy->clock);
  _pp_txn_note_before (doc, doc->client_id);
  _pp_item_integrate (doc, copy, 0);
  return TRUE;
}

static gboolean
pop_stack (PpUndoManager *um, GPtrArray *stack)
{
  PpDoc *doc = um->doc;
  gboolean performed = FALSE;

  pp_doc_transact_begin (doc, um);
  while (stack->len > 0 && !performed)
    {
      StackItem *si = g_ptr_array_steal_index (stack, stack->len - 1);
      PopState st = { g_ptr_array_new (), g_ptr_array_new (), si };

      iterate_ranges (um, si->insertions, TRUE, collect_insertion, &st);
      iterate_ranges (um, si->deletions, TRUE, collect_deletion, &st);
      for (guint i = 0; i < st.to_redo->len; i++)
        performed |= redo_item (um, st.to_redo->pdata[i], si);
      for (guint i = st.to_delete->len; i > 0; i--)
        {
          PpItem *it = st.to_delete->pdata[i - 1];
          if (!_pp_item_deleted (it))
            {
              _pp_item_delete (doc, it);
              performed = TRUE;
            }
        }
      g_ptr_array_unref (st.to_delete);
      g_ptr_array_unref (st.to_redo);
      stack_item_free (si);
    }
  pp_doc_transact_end (doc);
  return performed;
}

gboolean
pp_undo_manager_undo (PpUndoManager *um)
{
  gboolean ok;

  um->undoing = TRUE;
  ok = pop_stack (um, um->undo_stack);
  um->undoing = FALSE;
  return ok;
}

gboolean
pp_undo_manager_redo (PpUndoManager *um)
{
  gboolean ok;

  um->redoing = TRUE;
  ok = pop_stack (um, um->redo_stack);
  um->redoing = FALSE;
  return ok;
}

gboolean
pp_undo_manager_can_undo (PpUndoManager *um)
{
  return um->undo_stack->len > 0;
}

gboolean
pp_undo_manager_can_redo (PpUndoManager *um)
{
  return um->redo_stack->len > 0;
}

void
pp_undo_manager_stop_capturing (PpUndoManager *um)
{
  um->last_change = 0;
}

void
pp_undo_manager_set_capture_timeout (PpUndoManager *um, guint msec)
{
  um->capture_timeout_ms = msec;
}

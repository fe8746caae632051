/* pp-crdt-delta.c: deltas for observers
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a transaction changed in a Text or an Array, as retain, insert and
 * delete steps in both units, computed from the items when the
 * transaction ends (Yjs's YEvent.delta).
 */
#include "config.h"

#include "pp-crdt-private.h"

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

/* Calls type's delta observers with what the transaction changed in it,
 * if that is anything. */
void
_pp_delta_emit (PpDoc *doc, PpYType *type, PpTransactionInfo *info)
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

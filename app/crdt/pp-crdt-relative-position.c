/* pp-crdt-relative-position.c: positions that follow the text they are in
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A relative position names the item a position sits before (or, with a
 * negative assoc, after), so it stays at the same character whatever
 * peers insert or delete around it: what a cursor sent to peers must be.
 * Yjs's RelativePosition, in its JSON form, so that a Yjs peer (a
 * browser with y-codemirror.next) reads ours and we read its.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "pp-crdt-private.h"

struct _PpRelativePosition
{
  char *tname;          /* the root type's name, or NULL */
  gboolean has_type;    /* a nested type: the id of the item holding it */
  PpId type;
  gboolean has_item;    /* the item the position is at; none: the end (or start) */
  PpId item;
  int assoc;
};

static PpRelativePosition *
position_new (PpYType *type,
              gboolean has_item,
              guint32  client,
              guint32  clock,
              int      assoc)
{
  PpRelativePosition *pos = g_new0 (PpRelativePosition, 1);

  if (type->item == NULL)
    pos->tname = g_strdup (type->name);
  else
    {
      pos->has_type = TRUE;
      pos->type = (PpId) { type->item->client, type->item->clock };
    }
  pos->has_item = has_item;
  pos->item = (PpId) { client, clock };
  pos->assoc = assoc;
  return pos;
}

/**
 * pp_relative_position_new:
 * @type: a Text or an Array
 * @index: a position in @type, in UTF-16 units for a Text
 * @assoc: 0 or more to stay before the character at @index (a cursor),
 *   less than 0 to stay after the one before it (the end of a selection)
 *
 * Returns: (transfer full): the position, as Yjs's
 *   createRelativePositionFromTypeIndex() makes it
 */
PpRelativePosition *
pp_relative_position_new (PpYType *type,
                          guint    index,
                          int      assoc)
{
  g_return_val_if_fail (type != NULL, NULL);

  if (assoc < 0)
    {
      /* After the character before: at the start there is none. */
      if (index == 0)
        return position_new (type, FALSE, 0, 0, assoc);
      index--;
    }
  for (PpItem *it = type->start; it != NULL; it = it->right)
    {
      if (_pp_item_visible (it))
        {
          if (it->len > index)
            return position_new (type, TRUE, it->client, it->clock + index, assoc);
          index -= it->len;
        }
      /* Past the end, a left-associated position holds to the last item. */
      if (it->right == NULL && assoc < 0)
        return position_new (type, TRUE, it->client, it->clock + it->len - 1, assoc);
    }
  return position_new (type, FALSE, 0, 0, assoc);
}

/**
 * pp_relative_position_new_cp:
 * @index: a position in @type, in code points for a Text
 *
 * As pp_relative_position_new(), with the position in GTK's unit.
 *
 * Returns: (transfer full): the position
 */
PpRelativePosition *
pp_relative_position_new_cp (PpYType *type,
                             guint    index,
                             int      assoc)
{
  guint units = 0;

  g_return_val_if_fail (type != NULL, NULL);

  for (PpItem *it = type->start; it != NULL && index > 0; it = it->right)
    {
      if (!_pp_item_visible (it))
        continue;
      if (it->cp_len > index)
        {
          units += it->kind == PP_CONTENT_STRING ? _pp_cp_to_utf16 (it->c.str.s, it->len, index)
                                                 : index;
          index = 0;
          break;
        }
      units += it->len;
      index -= it->cp_len;
    }
  /* Past the end: as far as the end goes. */
  return pp_relative_position_new (type, units + index, assoc);
}

void
pp_relative_position_free (PpRelativePosition *pos)
{
  if (pos == NULL)
    return;
  g_free (pos->tname);
  g_free (pos);
}

static JsonNode *
id_node (PpId id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client");
  json_builder_add_int_value (builder, id.client);
  json_builder_set_member_name (builder, "clock");
  json_builder_add_int_value (builder, id.clock);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * pp_relative_position_to_json:
 *
 * Yjs's relativePositionToJSON(): `type` or `tname`, then `item` where
 * there is one, then `assoc`.
 *
 * Returns: (transfer full): the JSON text of the object
 */
char *
pp_relative_position_to_json (const PpRelativePosition *pos)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (pos != NULL, NULL);

  json_builder_begin_object (builder);
  if (pos->has_type)
    {
      json_builder_set_member_name (builder, "type");
      json_builder_add_value (builder, id_node (pos->type));
    }
  if (pos->tname != NULL)
    {
      json_builder_set_member_name (builder, "tname");
      json_builder_add_string_value (builder, pos->tname);
    }
  if (pos->has_item)
    {
      json_builder_set_member_name (builder, "item");
      json_builder_add_value (builder, id_node (pos->item));
    }
  json_builder_set_member_name (builder, "assoc");
  json_builder_add_int_value (builder, pos->assoc);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* A whole number that fits a guint32, as ids' clients and clocks are. */
static gboolean
read_uint32 (JsonObject *object,
             const char *name,
             guint32    *out)
{
  JsonNode *node = json_object_get_member (object, name);
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return FALSE;
  if (!(value >= 0 && value <= G_MAXUINT32) || value != (double) (guint32) value)
    return FALSE;
  *out = (guint32) value;
  return TRUE;
}

static gboolean
read_id (JsonObject *object,
         const char *name,
         gboolean   *has,
         PpId       *id)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonObject *member;

  *has = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  member = json_node_get_object (node);
  *has = TRUE;
  return read_uint32 (member, "client", &id->client) && read_uint32 (member, "clock", &id->clock);
}

/**
 * pp_relative_position_new_from_json:
 * @json: Yjs's JSON form, as relativePositionToJSON() writes it
 *
 * Reads a position a peer sent; it may come from anyone, so anything but
 * that form is refused.
 *
 * Returns: (transfer full) (nullable): the position, or %NULL with
 *   @error set (%PP_CRDT_ERROR_MALFORMED)
 */
PpRelativePosition *
pp_relative_position_new_from_json (const char  *json,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PpRelativePosition) pos = g_new0 (PpRelativePosition, 1);
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (json != NULL, NULL);

  /* An empty text parses, to no root at all. */
  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto malformed;
  object = json_node_get_object (json_parser_get_root (parser));

  if (!read_id (object, "type", &pos->has_type, &pos->type) ||
      !read_id (object, "item", &pos->has_item, &pos->item))
    goto malformed;
  node = json_object_get_member (object, "tname");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (json_node_get_value_type (node) != G_TYPE_STRING)
        goto malformed;
      pos->tname = json_node_dup_string (node);
    }
  /* Yjs reads a missing or null assoc as 0, and only its sign matters. */
  node = json_object_get_member (object, "assoc");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      GType value_type = json_node_get_value_type (node);

      if (value_type != G_TYPE_INT64 && value_type != G_TYPE_DOUBLE)
        goto malformed;
      pos->assoc = json_node_get_double (node) < 0 ? -1 : 0;
    }
  /* Yjs prefers the type's id, then its name; it needs one of them, or
   * an item to find the type from. */
  if (pos->has_type)
    g_clear_pointer (&pos->tname, g_free);
  if (!pos->has_type && pos->tname == NULL && !pos->has_item)
    goto malformed;
  return g_steal_pointer (&pos);

malformed:
  g_set_error_literal (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED,
                       "not a relative position in Yjs's JSON form");
  return NULL;
}

/* Follows an item's redo copies, as an undone deletion moved it. */
static PpItem *
follow_redone (PpDoc   *doc,
               PpId     id,
               guint32 *diff)
{
  PpItem *item;
  PpId next;

  for (;;)
    {
      item = _pp_struct_store_find (doc, id.client, id.clock);
      if (item == NULL)
        return NULL;
      *diff = id.clock - item->clock;
      if (item->kind == PP_CONTENT_GC || !_pp_item_get_redone (doc, item, &next))
        return item;
      id = (PpId) { next.client, next.clock + *diff };
    }
}

/**
 * pp_relative_position_resolve:
 * @doc: the document to find it in
 * @type: (out) (optional) (transfer none): the type it is in
 * @index: (out) (optional): where it is now, in UTF-16 units for a Text
 * @index_cp: (out) (optional): the same in code points
 *
 * Where @pos is now in @doc, as Yjs's
 * createAbsolutePositionFromRelativePosition() finds it. A position in a
 * deleted item is where that item was.
 *
 * Returns: %FALSE when @doc does not have what @pos names (yet)
 */
gboolean
pp_relative_position_resolve (const PpRelativePosition  *pos,
                              PpDoc                     *doc,
                              PpYType                  **type,
                              guint                     *index,
                              guint                     *index_cp)
{
  PpYType *parent = NULL;
  guint32 at = 0, at_cp = 0;

  g_return_val_if_fail (pos != NULL, FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  if (pos->has_item)
    {
      PpItem *right;
      guint32 diff = 0;

      if (_pp_struct_store_get_state (doc, pos->item.client) <= pos->item.clock)
        return FALSE;
      right = follow_redone (doc, pos->item, &diff);
      if (right == NULL || right->kind == PP_CONTENT_GC || right->parent == NULL)
        return FALSE;
      parent = right->parent;
      if (parent->item == NULL || !_pp_item_deleted (parent->item))
        {
          if (_pp_item_visible (right))
            {
              at = diff + (pos->assoc >= 0 ? 0 : 1);
              at_cp = right->kind == PP_CONTENT_STRING
                        ? _pp_utf16_to_cp (right->c.str.s, right->len, at) : at;
            }
          for (PpItem *n = right->left; n != NULL; n = n->left)
            if (_pp_item_visible (n))
              {
                at += n->len;
                at_cp += n->cp_len;
              }
        }
    }
  else
    {
      if (pos->tname != NULL)
        /* Only a root that exists: a peer's position must not make one. */
        parent = g_hash_table_lookup (doc->share, pos->tname);
      else if (pos->has_type)
        {
          PpItem *holder = _pp_struct_store_find (doc, pos->type.client, pos->type.clock);

          if (holder != NULL && holder->kind == PP_CONTENT_TYPE && holder->clock == pos->type.clock)
            parent = holder->c.type;
        }
      if (parent == NULL)
        return FALSE;
      at = pos->assoc >= 0 ? parent->length : 0;
      at_cp = pos->assoc >= 0 ? parent->length_cp : 0;
    }

  if (type != NULL)
    *type = parent;
  if (index != NULL)
    *index = at;
  if (index_cp != NULL)
    *index_cp = at_cp;
  return TRUE;
}

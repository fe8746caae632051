/* pp-crdt-types.c: local edits of Text, Map and Array
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where a new item goes follows Yjs, so both libraries make the same
 * structure from the same edits: Text inserts after any deleted items at
 * the position (YText's minimizeAttributeChanges), Array inserts right
 * after the visible element before the position, and Map entries go to
 * the right of the key's current entry.
 */
#include "config.h"

#include <string.h>

#include "pp-crdt-private.h"

typedef struct {
  PpItem *it;       /* first visible item starting at the index, or NULL */
  PpItem *prev;     /* the item before it in the list */
  guint32 pos;      /* UTF-16 units before it */
  guint32 pos_cp;   /* code points before it */
} Seek;

static inline guint32
units (const PpItem *it, gboolean cp)
{
  return cp ? it->cp_len : it->len;
}

/* The UTF-16 offset of code point n in s. */
guint32
_pp_cp_to_utf16 (const gunichar2 *s, guint32 len, guint32 n)
{
  guint32 i = 0;

  while (n > 0 && i < len)
    {
      if (s[i] >= 0xd800 && s[i] <= 0xdbff && i + 1 < len && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff)
        i += 2;
      else
        i++;
      n--;
    }
  return i;
}

/* The code points in the first n UTF-16 units of s; a pair that n cuts
 * counts whole. */
guint32
_pp_utf16_to_cp (const gunichar2 *s, guint32 len, guint32 n)
{
  guint32 i = 0, cp = 0;

  while (i < n && i < len)
    {
      if (s[i] >= 0xd800 && s[i] <= 0xdbff && i + 1 < len && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff)
        i += 2;
      else
        i++;
      cp++;
    }
  return cp;
}

static inline gboolean
is_high_surrogate (gunichar2 c)
{
  return c >= 0xd800 && c <= 0xdbff;
}

/* The split point inside it for a position d units into it. In UTF-16
 * units a point between the halves of a surrogate pair moves back before
 * the pair (round_up moves it after instead). */
static guint32
split_point (const PpItem *it, guint32 d, gboolean cp, gboolean round_up)
{
  if (it->kind != PP_CONTENT_STRING)
    return d;
  if (it->cp_len == it->len)
    return d;   /* no surrogate pairs in this item */
  if (cp)
    return _pp_cp_to_utf16 (it->c.str.s, it->len, d);
  if (d > 0 && d < it->len && is_high_surrogate (it->c.str.s[d - 1]))
    return round_up ? d + 1 : d - 1;
  return d;
}

static void
seek (PpDoc *doc, PpYType *type, guint32 index, gboolean cp, Seek *out)
{
  PpItem *it = type->start, *prev = NULL;
  guint32 p16 = 0, pcp = 0;

  if (type->m_item != NULL)
    {
      guint32 mark = cp ? type->m_index_cp : type->m_index;
      guint32 dist = mark <= index ? index - mark : mark - index;
      if (dist < index)
        {
          it = type->m_item;
          p16 = type->m_index;
          pcp = type->m_index_cp;
        }
    }
  while ((cp ? pcp : p16) > index)
    {
      it = it->left;
      if (_pp_item_visible (it))
        {
          p16 -= it->len;
          pcp -= it->cp_len;
        }
    }
  prev = it != NULL ? it->left : NULL;
  while (it != NULL)
    {
      if (_pp_item_visible (it))
        {
          guint32 p = cp ? pcp : p16;
          if (index < p + units (it, cp))
            {
              if (index > p)
                {
                  guint32 d = split_point (it, index - p, cp, FALSE);
                  if (d > 0)
                    {
                      PpItem *right = _pp_item_split (doc, it, d);
                      p16 += it->len;
                      pcp += it->cp_len;
                      prev = it;
                      it = right;
                    }
                }
              break;
            }
          p16 += it->len;
          pcp += it->cp_len;
        }
      prev = it;
      it = it->right;
    }
  out->it = it;
  out->prev = prev;
  out->pos = p16;
  out->pos_cp = pcp;
}

static void
set_marker (PpYType *type, PpItem *item, guint32 pos, guint32 pos_cp)
{
  type->m_item = item;
  type->m_index = pos;
  type->m_index_cp = pos_cp;
}

static gboolean
check_clock_space (PpDoc *doc, guint32 n, GError **error)
{
  if ((guint64) _pp_struct_store_get_state (doc, doc->client_id) + n > G_MAXUINT32)
    {
      g_set_error_literal (error, PP_CRDT_ERROR, PP_CRDT_ERROR_INVALID,
                           "This document has used up its client’s clock space");
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin_implicit (PpDoc *doc)
{
  if (doc->txn_depth > 0)
    return FALSE;
  pp_doc_transact_begin (doc, NULL);
  return TRUE;
}

static void
end_implicit (PpDoc *doc, gboolean began)
{
  if (began)
    pp_doc_transact_end (doc);
}

/* ---- Text ---- */

/* Typing extends our own previous item in place when Yjs would merge the
 * new item into it at the end of the transaction anyway. */
static gboolean
can_extend (PpDoc *doc, PpItem *left, PpItem *right)
{
  if (left == NULL || left->client != doc->client_id || left->kind != PP_CONTENT_STRING ||
      (left->flags & (PP_ITEM_DELETED | PP_ITEM_HAS_REDONE)) ||
      left->clock + left->len != _pp_struct_store_get_state (doc, doc->client_id))
    return FALSE;
  if (right == NULL)
    return !(left->flags & PP_ITEM_HAS_RIGHT_ORIGIN);
  return (left->flags & PP_ITEM_HAS_RIGHT_ORIGIN) && left->right_origin.client == right->client &&
         left->right_origin.clock == right->clock;
}

static gboolean
text_insert (PpText *text, guint index, gboolean cp, const char *utf8, gssize len, GError **error)
{
  PpDoc *doc = text->doc;
  gsize n16, ncp;
  PpItem *left, *right;
  Seek s;
  gboolean began;

  g_return_val_if_fail (text->type_ref == PP_Y_TYPE_TEXT, FALSE);
  if (len < 0)
    len = strlen (utf8);
  if (!g_utf8_validate_len (utf8, len, NULL))
    {
      g_set_error_literal (error, PP_CRDT_ERROR, PP_CRDT_ERROR_INVALID, "Inserted text is not valid UTF-8");
      return FALSE;
    }
  if (index > (cp ? text->length_cp : text->length))
    {
      g_set_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_INVALID,
                   "Insert position %u is past the end of the text (%u)", index,
                   cp ? text->length_cp : text->length);
      return FALSE;
    }
  if (len == 0)
    return TRUE;
  n16 = pp_utf8_utf16_len (utf8, len, &ncp);
  if (!check_clock_space (doc, n16, error))
    return FALSE;

  began = begin_implicit (doc);
  seek (doc, text, index, cp, &s);
  right = s.it;
  left = right != NULL ? right->left : s.prev;

  _pp_txn_note_before (doc, doc->client_id);
  if (can_extend (doc, left, right))
    {
      guint32 need = left->len + n16;
      PpClientStructs *cs = _pp_struct_store_get (doc, doc->client_id, FALSE);

      if (need > left->c.str.cap)
        {
          left->c.str.cap = MAX (need, MAX (16, left->c.str.cap * 2));
          left->c.str.s = g_renew (gunichar2, left->c.str.s, left->c.str.cap);
        }
      set_marker (text, left, s.pos - left->len, s.pos_cp - left->cp_len);
      pp_utf8_to_utf16 (utf8, len, left->c.str.s + left->len);
      left->len += n16;
      left->cp_len += ncp;
      cs->state += n16;
      text->length += n16;
      text->length_cp += ncp;
      _pp_y_type_mark_changed (doc, text, NULL);
    }
  else
    {
      PpItem *item = _pp_item_new_local (doc, text, left, right, NULL);

      item->kind = PP_CONTENT_STRING;
      item->len = n16;
      item->cp_len = ncp;
      item->c.str.cap = n16;
      item->c.str.s = g_new (gunichar2, n16);
      pp_utf8_to_utf16 (utf8, len, item->c.str.s);
      _pp_item_integrate (doc, item, 0);
      set_marker (text, item, s.pos, s.pos_cp);
    }
  end_implicit (doc, began);
  return TRUE;
}

gboolean
pp_text_insert (PpText *text, guint index, const char *utf8, gssize len, GError **error)
{
  return text_insert (text, index, FALSE, utf8, len, error);
}

gboolean
pp_text_insert_cp (PpText *text, guint index, const char *utf8, gssize len, GError **error)
{
  return text_insert (text, index, TRUE, utf8, len, error);
}

/* Deletes len units of a sequence from index (Text and Array). */
static gboolean
sequence_delete (PpYType *type, guint index, guint len, gboolean cp, GError **error)
{
  PpDoc *doc = type->doc;
  guint32 length = cp ? type->length_cp : type->length;
  guint32 remaining = len;
  gboolean began;
  PpItem *it;
  Seek s;

  if (index > length || len > length - index)
    {
      g_set_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_INVALID,
                   "Cannot delete %u from position %u: the length is %u", len, index, length);
      return FALSE;
    }
  if (len == 0)
    return TRUE;

  began = begin_implicit (doc);
  seek (doc, type, index, cp, &s);
  if (!cp && s.pos < index)
    remaining += index - s.pos;     /* moved back before a surrogate pair */
  for (it = s.it; remaining > 0 && it != NULL; it = it->right)
    {
      if (!_pp_item_visible (it))
        continue;
      if (remaining < units (it, cp))
        _pp_item_split (doc, it, split_point (it, remaining, cp, TRUE));
      remaining -= MIN (remaining, units (it, cp));
      _pp_item_delete (doc, it);
    }
  if (s.it != NULL)
    set_marker (type, s.it, s.pos, s.pos_cp);
  end_implicit (doc, began);
  return TRUE;
}

gboolean
pp_text_delete (PpText *text, guint index, guint len, GError **error)
{
  g_return_val_if_fail (text->type_ref == PP_Y_TYPE_TEXT, FALSE);
  return sequence_delete (text, index, len, FALSE, error);
}

gboolean
pp_text_delete_cp (PpText *text, guint index, guint len, GError **error)
{
  g_return_val_if_fail (text->type_ref == PP_Y_TYPE_TEXT, FALSE);
  return sequence_delete (text, index, len, TRUE, error);
}

static void
append_text (GString *out, PpYType *type)
{
  for (PpItem *it = type->start; it != NULL; it = it->right)
    {
      if (!_pp_item_visible (it))
        continue;
      if (it->kind == PP_CONTENT_STRING)
        pp_utf16_append_utf8 (out, it->c.str.s, it->len);
      else
        /* Embeds and nested types hold one position each. */
        for (guint32 i = 0; i < it->len; i++)
          g_string_append (out, "\xef\xbf\xbc");
    }
}

/**
 * pp_text_to_string:
 * @text: a Text
 *
 * Returns: (transfer full): the text as UTF-8, embeds and nested types as
 *   U+FFFC
 */
char *
pp_text_to_string (PpText *text)
{
  GString *out = g_string_sized_new (text->length + 1);

  append_text (out, text);
  return g_string_free (out, FALSE);
}

guint
pp_text_length (PpText *text)
{
  return text->length;
}

guint
pp_text_length_cp (PpText *text)
{
  return text->length_cp;
}

/* ---- values ---- */

static GVariant *type_to_variant (PpYType *type);

/* The i-th value of an item's content, as Yjs's getContent() gives it. */
static GVariant *
content_value (PpItem *it, guint32 i)
{
  switch (it->kind)
    {
    case PP_CONTENT_ANY:
      return g_variant_ref (it->c.any[i]);
    case PP_CONTENT_JSON:
      if (g_strcmp0 (it->c.json[i], "undefined") == 0)
        return g_variant_ref_sink (pp_any_new_undefined ());
      return g_variant_ref_sink (g_variant_new_string (it->c.json[i]));
    case PP_CONTENT_STRING:
      {
        GString *s = g_string_new (NULL);
        pp_utf16_append_utf8 (s, it->c.str.s + i, 1);
        return g_variant_ref_sink (g_variant_new_take_string (g_string_free (s, FALSE)));
      }
    case PP_CONTENT_BINARY:
      return g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, it->c.binary, TRUE));
    case PP_CONTENT_EMBED:
      return g_variant_ref_sink (g_variant_new_string (it->c.embed));
    case PP_CONTENT_TYPE:
      return type_to_variant (it->c.type);
    case PP_CONTENT_DOC:
      return g_variant_ref_sink (g_variant_new_string (it->c.doc.guid));
    default:
      return g_variant_ref_sink (pp_any_new_undefined ());
    }
}

/* Values that are not stored are let go as if they had been: a floating
 * reference handed in is no longer the caller's either way. */
static void
drop_values (GVariant * const *values, guint n_values)
{
  for (guint i = 0; i < n_values; i++)
    g_variant_unref (g_variant_ref_sink (values[i]));
}

/* ---- Map ---- */

/**
 * pp_map_set:
 * @map: a Map
 * @key: the key
 * @value: (transfer none): the value, a lib0 Any; a floating reference is
 *   sunk, so pp_map_set (map, key, g_variant_new_string (s)) leaks nothing
 *
 * Sets @key to @value. The map keeps its own reference.
 */
void
pp_map_set (PpMap *map, const char *key, GVariant *value)
{
  PpDoc *doc = map->doc;
  PpItem *left, *item;
  gboolean began;

  g_return_if_fail (map->type_ref == PP_Y_TYPE_MAP);
  g_return_if_fail (key != NULL && value != NULL);
  if (!check_clock_space (doc, 1, NULL))
    {
      drop_values (&value, 1);
      return;
    }
  began = begin_implicit (doc);
  left = g_hash_table_lookup (map->map, key);
  item = _pp_item_new_local (doc, map, left, NULL, key);
  item->kind = PP_CONTENT_ANY;
  item->len = item->cp_len = 1;
  item->c.any = g_new (GVariant *, 1);
  item->c.any[0] = g_variant_ref_sink (value);
  _pp_item_integrate (doc, item, 0);
  end_implicit (doc, began);
}

/**
 * pp_map_get:
 * @map: a Map
 * @key: the key
 *
 * Returns: (transfer full) (nullable): the key's value, or %NULL when it
 *   has none
 */
GVariant *
pp_map_get (PpMap *map, const char *key)
{
  PpItem *it = g_hash_table_lookup (map->map, key);

  if (it == NULL || _pp_item_deleted (it))
    return NULL;
  return content_value (it, it->len - 1);
}

gboolean
pp_map_has (PpMap *map, const char *key)
{
  PpItem *it = g_hash_table_lookup (map->map, key);

  return it != NULL && !_pp_item_deleted (it);
}

void
pp_map_delete (PpMap *map, const char *key)
{
  PpItem *it = g_hash_table_lookup (map->map, key);
  gboolean began;

  if (it == NULL || _pp_item_deleted (it))
    return;
  began = begin_implicit (map->doc);
  _pp_item_delete (map->doc, it);
  end_implicit (map->doc, began);
}

guint
pp_map_size (PpMap *map)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, map->map);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!_pp_item_deleted (value))
      n++;
  return n;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/**
 * pp_map_to_variant:
 * @map: a Map
 *
 * Returns: (transfer full): every entry as "a{sv}", keys sorted
 */
GVariant *
pp_map_to_variant (PpMap *map)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (map->map, NULL);
  guint n = g_hash_table_size (map->map);
  GVariantBuilder b;

  qsort (keys, n, sizeof (char *), compare_strings);
  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GVariant) v = pp_map_get (map, keys[i]);
      if (v != NULL)
        g_variant_builder_add (&b, "{sv}", keys[i], v);
    }
  return g_variant_ref_sink (g_variant_builder_end (&b));
}

/* ---- Array ---- */

/**
 * pp_array_insert:
 * @array: an Array
 * @index: where the first value goes
 * @values: (array length=n_values) (transfer none): lib0 Any values;
 *   floating references are sunk, even when inserting fails
 * @n_values: the number of @values
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with @error set when @index is past the end
 */
gboolean
pp_array_insert (PpArray *array, guint index, GVariant **values, guint n_values, GError **error)
{
  PpDoc *doc = array->doc;
  PpItem *left, *right, *item;
  gboolean began;

  g_return_val_if_fail (array->type_ref == PP_Y_TYPE_ARRAY, FALSE);
  if (index > array->length)
    {
      g_set_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_INVALID,
                   "Insert position %u is past the end of the array (%u)", index, array->length);
      drop_values (values, n_values);
      return FALSE;
    }
  if (n_values == 0)
    return TRUE;
  if (!check_clock_space (doc, n_values, error))
    {
      drop_values (values, n_values);
      return FALSE;
    }

  began = begin_implicit (doc);
  if (index == 0)
    {
      left = NULL;
      right = array->start;
    }
  else
    {
      Seek s;
      seek (doc, array, index, FALSE, &s);
      left = s.it != NULL ? s.it->left : s.prev;
      while (left != NULL && !_pp_item_visible (left))
        left = left->left;
      right = left != NULL ? left->right : array->start;
    }
  item = _pp_item_new_local (doc, array, left, right, NULL);
  item->kind = PP_CONTENT_ANY;
  item->len = item->cp_len = n_values;
  item->c.any = g_new (GVariant *, n_values);
  for (guint i = 0; i < n_values; i++)
    item->c.any[i] = g_variant_ref_sink (values[i]);
  _pp_item_integrate (doc, item, 0);
  set_marker (array, item, index, index);
  end_implicit (doc, began);
  return TRUE;
}

/**
 * pp_array_push:
 * @array: an Array
 * @value: (transfer none): a lib0 Any value; a floating reference is sunk
 *
 * Appends @value.
 */
void
pp_array_push (PpArray *array, GVariant *value)
{
  pp_array_insert (array, array->length, &value, 1, NULL);
}

gboolean
pp_array_delete (PpArray *array, guint index, guint len, GError **error)
{
  g_return_val_if_fail (array->type_ref == PP_Y_TYPE_ARRAY, FALSE);
  return sequence_delete (array, index, len, FALSE, error);
}

guint
pp_array_length (PpArray *array)
{
  return array->length;
}

/**
 * pp_array_get:
 * @array: an Array
 * @index: a position
 *
 * Returns: (transfer full) (nullable): the value at @index, or %NULL past
 *   the end
 */
GVariant *
pp_array_get (PpArray *array, guint index)
{
  guint32 pos = 0;

  for (PpItem *it = array->start; it != NULL; it = it->right)
    {
      if (!_pp_item_visible (it))
        continue;
      if (index < pos + it->len)
        return content_value (it, index - pos);
      pos += it->len;
    }
  return NULL;
}

static GVariant *
sequence_to_variant (PpYType *type)
{
  GVariantBuilder b;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("av"));
  for (PpItem *it = type->start; it != NULL; it = it->right)
    {
      if (!_pp_item_visible (it))
        continue;
      for (guint32 i = 0; i < it->len; i++)
        {
          g_autoptr(GVariant) v = content_value (it, i);
          g_variant_builder_add (&b, "v", v);
        }
    }
  return g_variant_ref_sink (g_variant_builder_end (&b));
}

/**
 * pp_array_to_variant:
 * @array: an Array
 *
 * Returns: (transfer full): every element as "av"
 */
GVariant *
pp_array_to_variant (PpArray *array)
{
  return sequence_to_variant (array);
}

static GVariant *
type_to_variant (PpYType *type)
{
  switch (type->type_ref)
    {
    case PP_Y_TYPE_MAP:
      return pp_map_to_variant (type);
    case PP_Y_TYPE_ARRAY:
      return sequence_to_variant (type);
    case PP_Y_TYPE_TEXT:
    case PP_Y_TYPE_XML_TEXT:
      return g_variant_ref_sink (g_variant_new_take_string (pp_text_to_string (type)));
    default:
      return g_variant_ref_sink (pp_any_new_undefined ());
    }
}

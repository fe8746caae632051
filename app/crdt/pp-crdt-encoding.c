/* pp-crdt-encoding.c: Yjs update format v1, both ways
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An update is: the number of clients; for each client (highest id
 * first) the number of structs, the client id, the first clock, and the
 * structs; then a delete set. An update is decoded completely before any
 * of it is applied (pp-crdt-updates.c), so a malformed one changes
 * nothing.
 */
#include "config.h"

#include <string.h>

#include "pp-crdt-private.h"

enum {
  INFO_ORIGIN = 0x80,
  INFO_RIGHT_ORIGIN = 0x40,
  INFO_PARENT_SUB = 0x20,
  INFO_KIND = 0x1f,
};

/* ---- writing ---- */

static void
write_content (PpEncoder *enc, const PpItem *it, guint32 offset)
{
  switch (it->kind)
    {
    case PP_CONTENT_DELETED:
      pp_write_var_uint (enc, it->len - offset);
      break;
    case PP_CONTENT_JSON:
      pp_write_var_uint (enc, it->len - offset);
      for (guint32 i = offset; i < it->len; i++)
        pp_write_var_string (enc, it->c.json[i], -1);
      break;
    case PP_CONTENT_BINARY:
      {
        gsize n;
        const guint8 *b = g_bytes_get_data (it->c.binary, &n);
        pp_write_var_bytes (enc, b, n);
      }
      break;
    case PP_CONTENT_STRING:
      pp_write_var_utf16 (enc, it->c.str.s + offset, it->len - offset);
      break;
    case PP_CONTENT_EMBED:
      pp_write_var_string (enc, it->c.embed, -1);
      break;
    case PP_CONTENT_FORMAT:
      pp_write_var_string (enc, it->c.format.key, -1);
      pp_write_var_string (enc, it->c.format.value, -1);
      break;
    case PP_CONTENT_TYPE:
      pp_write_var_uint (enc, it->c.type->type_ref < 0 ? 0 : it->c.type->type_ref);
      if (it->c.type->type_ref == PP_Y_TYPE_XML_ELEMENT || it->c.type->type_ref == PP_Y_TYPE_XML_HOOK)
        pp_write_var_string (enc, it->c.type->node_name ? it->c.type->node_name : "", -1);
      break;
    case PP_CONTENT_ANY:
      pp_write_var_uint (enc, it->len - offset);
      for (guint32 i = offset; i < it->len; i++)
        pp_write_any (enc, it->c.any[i]);
      break;
    case PP_CONTENT_DOC:
      pp_write_var_string (enc, it->c.doc.guid, -1);
      pp_write_any (enc, it->c.doc.opts);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Writes a struct from offset on. Parent info is written only when the
 * struct has neither origin: then parent_key (a root name) or parent_id. */
void
_pp_item_write (PpEncoder *enc, const PpItem *it, guint32 offset,
               const char *parent_key, const PpId *parent_id)
{
  gboolean has_origin = offset > 0 || (it->flags & PP_ITEM_HAS_ORIGIN);
  gboolean has_right = (it->flags & PP_ITEM_HAS_RIGHT_ORIGIN) != 0;

  if (it->kind == PP_CONTENT_GC || it->kind == PP_CONTENT_SKIP)
    {
      pp_write_u8 (enc, it->kind);
      pp_write_var_uint (enc, it->len - offset);
      return;
    }
  pp_write_u8 (enc, (it->kind & INFO_KIND) | (has_origin ? INFO_ORIGIN : 0) |
                    (has_right ? INFO_RIGHT_ORIGIN : 0) | (it->parent_sub ? INFO_PARENT_SUB : 0));
  if (has_origin)
    {
      pp_write_var_uint (enc, offset > 0 ? it->client : it->origin.client);
      pp_write_var_uint (enc, offset > 0 ? it->clock + offset - 1 : it->origin.clock);
    }
  if (has_right)
    {
      pp_write_var_uint (enc, it->right_origin.client);
      pp_write_var_uint (enc, it->right_origin.clock);
    }
  if (!has_origin && !has_right)
    {
      if (parent_key != NULL)
        {
          pp_write_var_uint (enc, 1);
          pp_write_var_string (enc, parent_key, -1);
        }
      else
        {
          pp_write_var_uint (enc, 0);
          pp_write_var_uint (enc, parent_id ? parent_id->client : 0);
          pp_write_var_uint (enc, parent_id ? parent_id->clock : 0);
        }
      if (it->parent_sub != NULL)
        pp_write_var_string (enc, it->parent_sub, -1);
    }
  write_content (enc, it, offset);
}

void
_pp_item_write_integrated (PpEncoder *enc, const PpItem *it, guint32 offset)
{
  PpId pid = { 0, 0 };
  const char *key = NULL;

  if (it->parent != NULL)
    {
      if (it->parent->item == NULL)
        key = it->parent->name;
      else
        {
          pid.client = it->parent->item->client;
          pid.clock = it->parent->item->clock;
        }
    }
  _pp_item_write (enc, it, offset, key, &pid);
}

/* Writes one client's structs from clock on (the first one cut at clock):
 * their number, the client, the clock, then the structs. */
void
_pp_write_client_structs (PpEncoder *enc, PpClientStructs *cs, guint32 clock)
{
  guint ci, pi, count = 0;

  if (!_pp_cs_find (cs, clock, &ci, &pi))
    g_assert_not_reached ();
  for (guint c = ci, p = pi; c < cs->n_chunks; c++, p = 0)
    count += cs->chunks[c].n - p;
  pp_write_var_uint (enc, count);
  pp_write_var_uint (enc, cs->client);
  pp_write_var_uint (enc, clock);
  for (guint c = ci, p = pi; c < cs->n_chunks; c++, p = 0)
    for (; p < cs->chunks[c].n; p++)
      {
        PpItem *it = cs->chunks[c].items[p];
        _pp_item_write_integrated (enc, it, c == ci && p == pi ? clock - it->clock : 0);
      }
}

int
_pp_id_compare_client_desc (gconstpointer a, gconstpointer b)
{
  guint32 x = ((const PpId *) a)->client, y = ((const PpId *) b)->client;

  return x > y ? -1 : x < y ? 1 : 0;
}

/* Writes (client, clock) pairs as a state vector, highest client first as
 * Yjs does; sorts pairs in place. */
void
_pp_write_state_vector (PpEncoder *enc, GArray *pairs)
{
  g_array_sort (pairs, _pp_id_compare_client_desc);
  pp_write_var_uint (enc, pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      pp_write_var_uint (enc, g_array_index (pairs, PpId, i).client);
      pp_write_var_uint (enc, g_array_index (pairs, PpId, i).clock);
    }
}

/* ranges sorted by client then clock; written highest client first */
void
_pp_write_delete_set (PpEncoder *enc, GArray *ranges)
{
  guint n_clients = 0;
  gint end;

  for (guint i = 0; i < ranges->len; i++)
    if (i == 0 || g_array_index (ranges, PpRange, i).client != g_array_index (ranges, PpRange, i - 1).client)
      n_clients++;
  pp_write_var_uint (enc, n_clients);
  end = ranges->len;
  while (end > 0)
    {
      guint32 client = g_array_index (ranges, PpRange, end - 1).client;
      gint start = end - 1;
      while (start > 0 && g_array_index (ranges, PpRange, start - 1).client == client)
        start--;
      pp_write_var_uint (enc, client);
      pp_write_var_uint (enc, end - start);
      for (gint i = start; i < end; i++)
        {
          pp_write_var_uint (enc, g_array_index (ranges, PpRange, i).clock);
          pp_write_var_uint (enc, g_array_index (ranges, PpRange, i).len);
        }
      end = start;
    }
}

static int
compare_client_desc (gconstpointer a, gconstpointer b)
{
  guint32 x = GPOINTER_TO_UINT (*(gconstpointer *) a), y = GPOINTER_TO_UINT (*(gconstpointer *) b);

  return x > y ? -1 : x < y ? 1 : 0;
}

/* The keys of a table keyed by client, highest client first. */
GPtrArray *
_pp_sorted_clients (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);

  g_ptr_array_sort (keys, compare_client_desc);
  return keys;
}

GArray *
_pp_doc_delete_set (PpDoc *doc)
{
  GArray *ds = g_array_new (FALSE, FALSE, sizeof (PpRange));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, doc->clients);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PpClientStructs *cs = value;
      for (guint c = 0; c < cs->n_chunks; c++)
        for (guint i = 0; i < cs->chunks[c].n; i++)
          {
            PpItem *it = cs->chunks[c].items[i];
            if (_pp_item_deleted (it))
              _pp_txn_add_delete_to (ds, it->client, it->clock, it->len);
          }
    }
  _pp_ranges_sort_merge (ds);
  return ds;
}

/**
 * pp_doc_encode_state_vector:
 * @doc: a document
 *
 * Returns: (transfer full): @doc's state vector, encoded as Yjs does
 */
GBytes *
pp_doc_encode_state_vector (PpDoc *doc)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (PpId));
  GHashTableIter iter;
  gpointer value;
  PpEncoder enc;

  g_hash_table_iter_init (&iter, doc->clients);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PpId id = { ((PpClientStructs *) value)->client, ((PpClientStructs *) value)->state };
      g_array_append_val (pairs, id);
    }
  pp_encoder_init (&enc);
  _pp_write_state_vector (&enc, pairs);
  return pp_encoder_free_to_bytes (&enc);
}

static gboolean
set_malformed (GError **error, const PpDecoder *dec, const char *what)
{
  g_set_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED,
               "%s at byte %" G_GSIZE_FORMAT ": %s", what, dec->failed_at, dec->failure);
  return FALSE;
}

/**
 * pp_state_vector_decode:
 * @sv: (array length=len): an encoded state vector
 * @len: its length in bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): client -> clock, or %NULL with
 *   @error set when @sv is malformed
 */
GHashTable *
pp_state_vector_decode (const guint8 *sv, gsize len, GError **error)
{
  GHashTable *table = g_hash_table_new (NULL, NULL);
  PpDecoder dec;
  guint64 n;

  pp_decoder_init (&dec, sv, len);
  n = pp_read_var_uint (&dec);
  if (n > len)
    pp_decoder_fail (&dec, "too many clients");
  for (guint64 i = 0; i < n && pp_decoder_ok (&dec); i++)
    {
      guint32 client = pp_read_var_u32 (&dec);
      guint32 clock = pp_read_var_u32 (&dec);
      g_hash_table_insert (table, GUINT_TO_POINTER (client), GUINT_TO_POINTER (clock));
    }
  if (pp_decoder_ok (&dec) && pp_decoder_has_content (&dec))
    pp_decoder_fail (&dec, "unexpected data after the state vector");
  if (!pp_decoder_ok (&dec))
    {
      set_malformed (error, &dec, "Malformed state vector");
      g_hash_table_destroy (table);
      return NULL;
    }
  return table;
}

/**
 * pp_doc_encode_state:
 * @doc: a document
 * @sv: (array length=sv_len) (nullable): a peer's encoded state vector
 * @sv_len: its length in bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): an update with all of @doc's state,
 *   or what a peer with @sv lacks; %NULL with @error set when @sv is
 *   malformed
 */
GBytes *
pp_doc_encode_state (PpDoc *doc, const guint8 *sv_bytes, gsize sv_len, GError **error)
{
  g_autoptr(GHashTable) sv = NULL;
  g_autoptr(GPtrArray) clients = _pp_sorted_clients (doc->clients);
  g_autoptr(GArray) ds = NULL;
  PpEncoder enc;
  guint n = 0;

  if (sv_bytes != NULL)
    {
      sv = pp_state_vector_decode (sv_bytes, sv_len, error);
      if (sv == NULL)
        return NULL;
    }
  for (guint i = 0; i < clients->len; i++)
    {
      guint32 client = GPOINTER_TO_UINT (clients->pdata[i]);
      if (_pp_struct_store_get_state (doc, client) > _pp_state_vector_get (sv, client))
        n++;
    }
  pp_encoder_init (&enc);
  pp_write_var_uint (&enc, n);
  for (guint i = 0; i < clients->len; i++)
    {
      guint32 client = GPOINTER_TO_UINT (clients->pdata[i]);
      PpClientStructs *cs = _pp_struct_store_get (doc, client, FALSE);

      if (cs->state > _pp_state_vector_get (sv, client))
        _pp_write_client_structs (&enc, cs, MAX (_pp_state_vector_get (sv, client), cs->chunks[0].items[0]->clock));
    }
  ds = _pp_doc_delete_set (doc);
  _pp_write_delete_set (&enc, ds);
  return pp_encoder_free_to_bytes (&enc);
}

/* ---- reading ---- */

void
_pp_ref_free (PpRef *ref)
{
  if (ref == NULL)
    return;
  if (ref->item != NULL)
    _pp_item_free (ref->item);
  g_free (ref->parent_key);
  g_free (ref);
}

void
_pp_decoded_update_clear (PpDecodedUpdate *d)
{
  if (d->clients != NULL)
    {
      for (guint i = 0; i < d->clients->len; i++)
        {
          GPtrArray *refs = g_array_index (d->clients, PpClientRefs, i).refs;
          if (refs != NULL)
            g_ptr_array_unref (refs);
        }
      g_array_unref (d->clients);
    }
  if (d->ds != NULL)
    g_array_unref (d->ds);
  d->clients = NULL;
  d->ds = NULL;
}

static gboolean
read_content (PpDecoder *dec, PpItem *it)
{
  gsize n;

  switch (it->kind)
    {
    case PP_CONTENT_DELETED:
      it->len = pp_read_var_u32 (dec);
      break;
    case PP_CONTENT_JSON:
      {
        guint32 count = pp_read_var_u32 (dec);
        if (count > (gsize) (dec->end - dec->pos))
          {
            pp_decoder_fail (dec, "length runs past the end of data");
            return FALSE;
          }
        it->c.json = g_new0 (char *, MAX (count, 1));
        for (guint32 i = 0; i < count && pp_decoder_ok (dec); i++)
          {
            it->c.json[i] = pp_read_var_string_dup (dec);
            it->len = i + 1;
          }
      }
      break;
    case PP_CONTENT_BINARY:
      {
        const guint8 *b = pp_read_var_bytes (dec, &n);
        it->c.binary = g_bytes_new (b, n);
        it->len = 1;
      }
      break;
    case PP_CONTENT_STRING:
      {
        const char *s = pp_read_var_string (dec, &n);
        gsize cps;
        gsize units = pp_utf8_utf16_len (s, n, &cps);
        if (units > G_MAXUINT32)
          {
            pp_decoder_fail (dec, "string too long");
            return FALSE;
          }
        it->len = units;
        it->cp_len = cps;
        it->c.str.cap = units;
        it->c.str.s = g_new (gunichar2, MAX (units, 1));
        pp_utf8_to_utf16 (s, n, it->c.str.s);
        return pp_decoder_ok (dec);
      }
    case PP_CONTENT_EMBED:
      it->c.embed = pp_read_var_string_dup (dec);
      it->len = 1;
      break;
    case PP_CONTENT_FORMAT:
      it->c.format.key = pp_read_var_string_dup (dec);
      it->c.format.value = pp_read_var_string_dup (dec);
      it->len = 1;
      break;
    case PP_CONTENT_TYPE:
      {
        const guint8 *at = dec->pos;
        guint32 ref = pp_read_var_u32 (dec);
        if (ref > PP_Y_TYPE_XML_TEXT)
          {
            dec->pos = at;
            pp_decoder_fail (dec, "unknown type");
            return FALSE;
          }
        it->c.type = _pp_y_type_new (NULL, ref);
        if (ref == PP_Y_TYPE_XML_ELEMENT || ref == PP_Y_TYPE_XML_HOOK)
          it->c.type->node_name = pp_read_var_string_dup (dec);
        it->len = 1;
      }
      break;
    case PP_CONTENT_ANY:
      {
        guint32 count = pp_read_var_u32 (dec);
        if (count > (gsize) (dec->end - dec->pos))
          {
            pp_decoder_fail (dec, "length runs past the end of data");
            return FALSE;
          }
        it->c.any = g_new0 (GVariant *, MAX (count, 1));
        for (guint32 i = 0; i < count && pp_decoder_ok (dec); i++)
          {
            GVariant *v = pp_read_any (dec);
            if (v == NULL)
              break;
            it->c.any[i] = v;
            it->len = i + 1;
          }
      }
      break;
    case PP_CONTENT_DOC:
      it->c.doc.guid = pp_read_var_string_dup (dec);
      it->c.doc.opts = pp_read_any (dec);
      it->len = 1;
      break;
    default:
      pp_decoder_fail (dec, "unknown content kind");
      return FALSE;
    }
  it->cp_len = it->len;
  return pp_decoder_ok (dec);
}

static gboolean
read_id (PpDecoder *dec, PpId *id)
{
  id->client = pp_read_var_u32 (dec);
  id->clock = pp_read_var_u32 (dec);
  return pp_decoder_ok (dec);
}

static PpRef *
read_struct (PpDecoder *dec, guint32 client, guint32 clock)
{
  const guint8 *at = dec->pos;
  guint8 info = pp_read_u8 (dec);
  guint8 kind = info & INFO_KIND;
  PpRef *ref = g_new0 (PpRef, 1);
  PpItem *it = _pp_item_alloc ();

  ref->item = it;
  it->client = client;
  it->clock = clock;
  it->kind = kind;
  if (!pp_decoder_ok (dec))
    goto fail;
  if (kind == PP_CONTENT_GC || kind == PP_CONTENT_SKIP)
    {
      it->len = it->cp_len = pp_read_var_u32 (dec);
      if (kind == PP_CONTENT_GC)
        it->flags = PP_ITEM_DELETED;
    }
  else if (kind > PP_CONTENT_SKIP)
    {
      dec->pos = at;
      pp_decoder_fail (dec, "unknown struct kind");
      goto fail;
    }
  else
    {
      if (info & INFO_ORIGIN)
        {
          it->flags |= PP_ITEM_HAS_ORIGIN;
          read_id (dec, &it->origin);
        }
      if (info & INFO_RIGHT_ORIGIN)
        {
          it->flags |= PP_ITEM_HAS_RIGHT_ORIGIN;
          read_id (dec, &it->right_origin);
        }
      if (!(info & (INFO_ORIGIN | INFO_RIGHT_ORIGIN)))
        {
          const guint8 *pat = dec->pos;
          guint64 parent_info = pp_read_var_uint (dec);
          if (parent_info == 1)
            ref->parent_key = pp_read_var_string_dup (dec);
          else if (parent_info == 0)
            {
              ref->has_parent_id = TRUE;
              read_id (dec, &ref->parent_id);
            }
          else
            {
              dec->pos = pat;
              pp_decoder_fail (dec, "bad parent info");
            }
          if (info & INFO_PARENT_SUB)
            it->parent_sub = pp_read_var_string_dup (dec);
        }
      if (!read_content (dec, it))
        goto fail;
    }
  if (!pp_decoder_ok (dec))
    goto fail;
  if (it->len == 0)
    {
      dec->pos = at;
      pp_decoder_fail (dec, "struct of length zero");
      goto fail;
    }
  if ((guint64) clock + it->len > G_MAXUINT32)
    {
      dec->pos = at;
      pp_decoder_fail (dec, "clock out of range");
      goto fail;
    }
  return ref;

fail:
  /* A type made while reading has no document yet. */
  _pp_ref_free (ref);
  return NULL;
}

gboolean
_pp_update_decode (const guint8 *data, gsize len, PpDecodedUpdate *out, GError **error)
{
  PpDecoder dec;
  guint64 n_clients;

  out->clients = g_array_new (FALSE, TRUE, sizeof (PpClientRefs));
  out->ds = g_array_new (FALSE, FALSE, sizeof (PpRange));
  pp_decoder_init (&dec, data, len);

  n_clients = pp_read_var_uint (&dec);
  if (n_clients > len)
    pp_decoder_fail (&dec, "too many clients");
  for (guint64 c = 0; c < n_clients && pp_decoder_ok (&dec); c++)
    {
      PpClientRefs cr;
      guint64 n_structs = pp_read_var_uint (&dec);
      guint32 clock;

      if (n_structs > (guint64) (dec.end - dec.pos))
        {
          pp_decoder_fail (&dec, "too many structs");
          break;
        }
      cr.client = pp_read_var_u32 (&dec);
      clock = pp_read_var_u32 (&dec);
      cr.refs = g_ptr_array_new_with_free_func ((GDestroyNotify) _pp_ref_free);
      g_array_append_val (out->clients, cr);
      for (guint64 i = 0; i < n_structs && pp_decoder_ok (&dec); i++)
        {
          PpRef *ref = read_struct (&dec, cr.client, clock);
          if (ref == NULL)
            break;
          g_ptr_array_add (cr.refs, ref);
          clock += ref->item->len;
        }
    }
  if (pp_decoder_ok (&dec))
    {
      guint64 n_ds = pp_read_var_uint (&dec);
      if (n_ds > len)
        pp_decoder_fail (&dec, "too many clients in the delete set");
      for (guint64 c = 0; c < n_ds && pp_decoder_ok (&dec); c++)
        {
          guint32 client = pp_read_var_u32 (&dec);
          guint64 n = pp_read_var_uint (&dec);
          if (n > (guint64) (dec.end - dec.pos))
            {
              pp_decoder_fail (&dec, "too many deletes");
              break;
            }
          for (guint64 i = 0; i < n && pp_decoder_ok (&dec); i++)
            {
              const guint8 *at = dec.pos;
              guint32 clock = pp_read_var_u32 (&dec);
              guint32 dlen = pp_read_var_u32 (&dec);
              if ((guint64) clock + dlen > G_MAXUINT32)
                {
                  dec.pos = at;
                  pp_decoder_fail (&dec, "delete range out of range");
                }
              else if (dlen > 0 && pp_decoder_ok (&dec))
                _pp_txn_add_delete_to (out->ds, client, clock, dlen);
            }
        }
    }
  if (pp_decoder_ok (&dec) && pp_decoder_has_content (&dec))
    pp_decoder_fail (&dec, "unexpected data after the update");
  if (!pp_decoder_ok (&dec))
    {
      _pp_decoded_update_clear (out);
      return set_malformed (error, &dec, "Malformed update");
    }
  _pp_ranges_sort_merge (out->ds);
  return TRUE;
}

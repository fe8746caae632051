/* pp-crdt-update.c: Yjs update format v1, both ways
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An update is: the number of clients; for each client (highest id
 * first) the number of structs, the client id, the first clock, and the
 * structs; then a delete set. An update is decoded completely before any
 * of it is applied, so a malformed one changes nothing.
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

static GPtrArray *
sorted_clients (GHashTable *table)
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

static guint32
sv_get (GHashTable *sv, guint32 client)
{
  return sv ? GPOINTER_TO_UINT (g_hash_table_lookup (sv, GUINT_TO_POINTER (client))) : 0;
}

GBytes *
pp_doc_encode_state (PpDoc *doc, const guint8 *sv_bytes, gsize sv_len, GError **error)
{
  g_autoptr(GHashTable) sv = NULL;
  g_autoptr(GPtrArray) clients = sorted_clients (doc->clients);
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
      if (_pp_struct_store_get_state (doc, client) > sv_get (sv, client))
        n++;
    }
  pp_encoder_init (&enc);
  pp_write_var_uint (&enc, n);
  for (guint i = 0; i < clients->len; i++)
    {
      guint32 client = GPOINTER_TO_UINT (clients->pdata[i]);
      PpClientStructs *cs = _pp_struct_store_get (doc, client, FALSE);

      if (cs->state > sv_get (sv, client))
        _pp_write_client_structs (&enc, cs, MAX (sv_get (sv, client), cs->chunks[0].items[0]->clock));
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

typedef struct {
  guint32 client;
  GPtrArray *refs;    /* PpRef, in clock order */
} ClientRefs;

typedef struct {
  GArray *clients;    /* ClientRefs, in the order read */
  GArray *ds;         /* PpRange, sorted and merged */
} Decoded;

static void
decoded_clear (Decoded *d)
{
  if (d->clients != NULL)
    {
      for (guint i = 0; i < d->clients->len; i++)
        {
          GPtrArray *refs = g_array_index (d->clients, ClientRefs, i).refs;
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

static gboolean
decode_update (const guint8 *data, gsize len, Decoded *out, GError **error)
{
  PpDecoder dec;
  guint64 n_clients;

  out->clients = g_array_new (FALSE, TRUE, sizeof (ClientRefs));
  out->ds = g_array_new (FALSE, FALSE, sizeof (PpRange));
  pp_decoder_init (&dec, data, len);

  n_clients = pp_read_var_uint (&dec);
  if (n_clients > len)
    pp_decoder_fail (&dec, "too many clients");
  for (guint64 c = 0; c < n_clients && pp_decoder_ok (&dec); c++)
    {
      ClientRefs cr;
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
      decoded_clear (out);
      return set_malformed (error, &dec, "Malformed update");
    }
  _pp_ranges_sort_merge (out->ds);
  return TRUE;
}

/* ---- applying ---- */

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
      g_autoptr(GPtrArray) clients = sorted_clients (doc->pending);

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
add_pending (PpDoc *doc, ClientRefs *cr)
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
  Decoded d = { NULL, NULL };
  g_autoptr(GArray) rest = NULL;

  if (!decode_update (update, len, &d, error))
    return FALSE;
  for (guint i = 0; i < d.clients->len; i++)
    add_pending (doc, &g_array_index (d.clients, ClientRefs, i));
  integrate_pending (doc);

  rest = g_array_new (FALSE, FALSE, sizeof (PpRange));
  g_array_append_vals (d.ds, doc->pending_ds->data, doc->pending_ds->len);
  _pp_ranges_sort_merge (d.ds);
  apply_delete_set (doc, d.ds, rest);
  _pp_ranges_sort_merge (rest);
  g_array_set_size (doc->pending_ds, 0);
  g_array_append_vals (doc->pending_ds, rest->data, rest->len);
  decoded_clear (&d);
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
  g_autoptr(GPtrArray) clients = sorted_clients (per_client);
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
merge_decoded (Decoded *all, guint n, GHashTable *sv)
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
          ClientRefs *cr = &g_array_index (all[u].clients, ClientRefs, c);
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
    g_hash_table_iter_replace (&iter, normalise_refs (value, sv_get (sv, GPOINTER_TO_UINT (key))));
  _pp_ranges_sort_merge (ds);

  pp_encoder_init (&enc);
  write_refs (&enc, per_client);
  _pp_write_delete_set (&enc, ds);
  return pp_encoder_free_to_bytes (&enc);
}

GBytes *
pp_update_merge (GBytes **updates, guint n_updates, GError **error)
{
  Decoded *all = g_new0 (Decoded, MAX (n_updates, 1));
  GBytes *result = NULL;
  guint done = 0;

  for (; done < n_updates; done++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (updates[done], &len);
      g_autoptr(GError) local_error = NULL;
      if (!decode_update (data, len, &all[done], &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Update %u: ", done + 1);
          break;
        }
    }
  if (done == n_updates)
    result = merge_decoded (all, n_updates, NULL);
  for (guint i = 0; i < done; i++)
    decoded_clear (&all[i]);
  g_free (all);
  return result;
}

GBytes *
pp_update_diff (const guint8 *update, gsize len, const guint8 *sv_bytes, gsize sv_len, GError **error)
{
  g_autoptr(GHashTable) sv = pp_state_vector_decode (sv_bytes, sv_len, error);
  Decoded d;
  GBytes *result;

  if (sv == NULL)
    return NULL;
  if (!decode_update (update, len, &d, error))
    return NULL;
  result = merge_decoded (&d, 1, sv);
  decoded_clear (&d);
  return result;
}

GBytes *
pp_update_state_vector (const guint8 *update, gsize len, GError **error)
{
  Decoded d;
  PpEncoder enc;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (PpId));

  if (!decode_update (update, len, &d, error))
    return NULL;
  for (guint c = 0; c < d.clients->len; c++)
    {
      ClientRefs *cr = &g_array_index (d.clients, ClientRefs, c);
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
  decoded_clear (&d);
  pp_encoder_init (&enc);
  _pp_write_state_vector (&enc, pairs);
  return pp_encoder_free_to_bytes (&enc);
}

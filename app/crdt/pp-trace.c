/* pp-trace.c: editing traces (josephg/editing-traces format)
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pp-trace.h"

static GBytes *
read_gunzipped (const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GConverter) gunzip = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  raw = G_INPUT_STREAM (g_file_read (file, NULL, error));
  if (raw == NULL)
    return NULL;
  if (g_str_has_suffix (path, ".gz"))
    {
      gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
      in = g_converter_input_stream_new (raw, gunzip);
    }
  else
    in = g_object_ref (raw);
  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static gboolean
bad (GError **error, const char *what, guint index)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not an editing trace: %s (transaction %u)", what, index);
  return FALSE;
}

void
pp_trace_free (PpTrace *trace)
{
  if (trace == NULL)
    return;
  for (guint i = 0; i < trace->txns->len; i++)
    g_free (g_array_index (trace->txns, PpTraceTxn, i).parents);
  g_array_unref (trace->txns);
  g_array_unref (trace->patches);
  g_string_chunk_free (trace->strings);
  g_free (trace->end_content);
  g_free (trace);
}

/**
 * pp_trace_load:
 * @path: a trace file, gzip-compressed if its name ends in .gz
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the trace; free it with
 *   pp_trace_free()
 */
PpTrace *
pp_trace_load (const char *path, GError **error)
{
  g_autoptr(GBytes) bytes = read_gunzipped (path, error);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(PpTrace) trace = NULL;
  JsonObject *root;
  JsonArray *txns;

  if (bytes == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      bad (error, "not an object", 0);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  trace = g_new0 (PpTrace, 1);
  trace->txns = g_array_new (FALSE, TRUE, sizeof (PpTraceTxn));
  trace->patches = g_array_new (FALSE, TRUE, sizeof (PpTracePatch));
  trace->strings = g_string_chunk_new (1 << 16);
  trace->end_content = g_strdup (json_object_get_string_member_with_default (root, "endContent", NULL));
  trace->concurrent = g_strcmp0 (json_object_get_string_member_with_default (root, "kind", ""), "concurrent") == 0;
  trace->n_agents = json_object_get_int_member_with_default (root, "numAgents", 1);
  if (!json_object_has_member (root, "txns") || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "txns")))
    {
      bad (error, "no txns", 0);
      return NULL;
    }
  txns = json_object_get_array_member (root, "txns");
  for (guint t = 0; t < json_array_get_length (txns); t++)
    {
      JsonNode *tn = json_array_get_element (txns, t);
      JsonObject *to;
      JsonArray *patches;
      PpTraceTxn txn = { trace->patches->len, 0, 0, 0, NULL };

      if (!JSON_NODE_HOLDS_OBJECT (tn))
        return bad (error, "a transaction is not an object", t), NULL;
      to = json_node_get_object (tn);
      if (!json_object_has_member (to, "patches") || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (to, "patches")))
        return bad (error, "no patches", t), NULL;
      patches = json_object_get_array_member (to, "patches");
      txn.agent = json_object_get_int_member_with_default (to, "agent", 0);
      if (json_object_has_member (to, "parents") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (to, "parents")))
        {
          JsonArray *parents = json_object_get_array_member (to, "parents");
          txn.n_parents = json_array_get_length (parents);
          txn.parents = g_new (guint, MAX (txn.n_parents, 1));
          for (guint p = 0; p < txn.n_parents; p++)
            {
              gint64 v = json_array_get_int_element (parents, p);
              if (v < 0 || v >= t)
                {
                  g_free (txn.parents);
                  return bad (error, "a parent is not an earlier transaction", t), NULL;
                }
              txn.parents[p] = v;
            }
        }
      for (guint p = 0; p < json_array_get_length (patches); p++)
        {
          JsonNode *pn = json_array_get_element (patches, p);
          JsonArray *pa;
          PpTracePatch patch;
          const char *ins;

          if (!JSON_NODE_HOLDS_ARRAY (pn) || json_array_get_length (pa = json_node_get_array (pn)) != 3)
            {
              g_free (txn.parents);
              return bad (error, "a patch is not [pos, del, text]", t), NULL;
            }
          patch.pos = json_array_get_int_element (pa, 0);
          patch.del = json_array_get_int_element (pa, 1);
          ins = json_array_get_string_element (pa, 2);
          if (ins == NULL)
            ins = "";
          patch.ins_len = strlen (ins);
          patch.ins = patch.ins_len ? g_string_chunk_insert_len (trace->strings, ins, patch.ins_len) : "";
          g_array_append_val (trace->patches, patch);
          txn.n_patches++;
        }
      g_array_append_val (trace->txns, txn);
    }
  return g_steal_pointer (&trace);
}

gboolean
pp_trace_replay (PpTrace *trace, PpText *text, GError **error)
{
  return pp_trace_replay_at (trace, text, 0, error);
}

gboolean
pp_trace_replay_at (PpTrace *trace, PpText *text, guint base, GError **error)
{
  PpDoc *doc = pp_y_type_get_doc (text);
  const PpTracePatch *patches = (const PpTracePatch *) trace->patches->data;

  for (guint t = 0; t < trace->txns->len; t++)
    {
      const PpTraceTxn *txn = &g_array_index (trace->txns, PpTraceTxn, t);

      pp_doc_transact_begin (doc, NULL);
      for (guint p = txn->first_patch; p < txn->first_patch + txn->n_patches; p++)
        {
          if ((patches[p].del > 0 && !pp_text_delete_cp (text, base + patches[p].pos, patches[p].del, error)) ||
              (patches[p].ins_len > 0 &&
               !pp_text_insert_cp (text, base + patches[p].pos, patches[p].ins, patches[p].ins_len, error)))
            {
              pp_doc_transact_end (doc);
              g_prefix_error (error, "Transaction %u: ", t);
              return FALSE;
            }
        }
      pp_doc_transact_end (doc);
    }
  return TRUE;
}

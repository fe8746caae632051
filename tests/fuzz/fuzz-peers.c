/* fuzz-peers.c: two honest peers with the same content, for fuzz-update
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-peers.h"

static void
keep_local (PpDoc *doc, const guint8 *update, gsize len, const PpTransactionInfo *info, gpointer data)
{
  if (info->local)
    g_ptr_array_add (data, g_bytes_new (update, len));
}

static void
send (PpDoc *to, PpDoc *from)
{
  g_autoptr(GBytes) sv = pp_doc_encode_state_vector (to);
  g_autoptr(GBytes) diff = pp_doc_encode_state (from, g_bytes_get_data (sv, NULL), g_bytes_get_size (sv), NULL);

  pp_doc_apply_update (to, g_bytes_get_data (diff, NULL), g_bytes_get_size (diff), NULL, NULL);
}

/* Every transaction's update in the order made (so each comes after
 * what it builds on), and the whole state at the end. Made once. */
static GPtrArray *updates;
static GBytes *whole_state;

static void
make_content (void)
{
  g_autoptr(PpDoc) one = pp_doc_new_with_client_id (1);
  g_autoptr(PpDoc) two = pp_doc_new_with_client_id (2);
  PpText *code1 = pp_doc_get_text (one, "code");
  PpText *code2 = pp_doc_get_text (two, "code");

  updates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  pp_doc_connect_update (one, keep_local, updates);
  pp_doc_connect_update (two, keep_local, updates);
  pp_text_insert (code1, 0, "def f():\n    return 😀\n", -1, NULL);
  pp_map_set (pp_doc_get_map (one, "meta"), "language", g_variant_new_string ("python"));
  send (two, one);
  /* Both edit before seeing the other's edit. */
  pp_text_insert_cp (code2, 4, "é", -1, NULL);
  pp_text_insert (pp_doc_get_text (two, "notes"), 0, "hi", -1, NULL);
  pp_text_insert_cp (code1, 4, "XY", -1, NULL);
  pp_text_delete_cp (code1, 12, 3, NULL);
  pp_array_push (pp_doc_get_array (two, "chat"), g_variant_new_string ("a"));
  pp_array_push (pp_doc_get_array (two, "chat"), g_variant_new_int64 (2));
  pp_map_set (pp_doc_get_map (two, "meta"), "n", g_variant_new_int64 (3));
  send (one, two);
  send (two, one);
  pp_text_insert_cp (code1, pp_text_length_cp (code1), "# done\n", -1, NULL);
  pp_text_delete_cp (code2, 0, 2, NULL);
  send (one, two);
  send (two, one);
  whole_state = pp_doc_encode_state (one, NULL, 0, NULL);
}

PpDoc *
fuzz_peer_new (guint32 client_id, gboolean whole)
{
  PpDoc *doc = pp_doc_new_with_client_id (client_id);

  if (updates == NULL)
    make_content ();
  if (whole)
    pp_doc_apply_update (doc, g_bytes_get_data (whole_state, NULL), g_bytes_get_size (whole_state), NULL, NULL);
  else
    for (guint i = 0; i < updates->len; i++)
      pp_doc_apply_update (doc, g_bytes_get_data (updates->pdata[i], NULL),
                           g_bytes_get_size (updates->pdata[i]), NULL, NULL);
  return doc;
}

/* make-seeds: writes the seed corpus for fuzz-update
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: make-seeds DIR. The seeds are committed; this only documents
 * (and can redo) how they were made.
 */
#include "config.h"

#include <stdio.h>

#include "pp-crdt.h"
#include "pp-sync.h"

static void
save (const char *dir, const char *name, guint8 selector, GBytes *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, &selector, 1);
  g_byte_array_append (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_file_set_contents (path, (char *) out->data, out->len, NULL);
  g_byte_array_unref (out);
}

int
main (int argc, char **argv)
{
  g_autoptr(PpDoc) a = pp_doc_new_with_client_id (1);
  g_autoptr(PpDoc) b = pp_doc_new_with_client_id (2);
  g_autoptr(PpAwareness) aw = pp_awareness_new (7);
  guint32 me = 7;
  GVariant *vals[2];
  g_autoptr(GBytes) s1 = NULL, s2 = NULL, s3 = NULL, step1 = NULL, step2 = NULL, awu = NULL, sv = NULL, both = NULL;

  if (argc != 2)
    return 2;
  pp_text_insert (pp_doc_get_text (a, "code"), 0, "def f():\n    return 😀\n", -1, NULL);
  pp_text_delete (pp_doc_get_text (a, "code"), 4, 2, NULL);
  s1 = pp_doc_encode_state (a, NULL, 0, NULL);
  pp_doc_apply_update (b, g_bytes_get_data (s1, NULL), g_bytes_get_size (s1), NULL, NULL);
  pp_text_insert (pp_doc_get_text (b, "code"), 3, "é", -1, NULL);
  pp_map_set (pp_doc_get_map (b, "meta"), "language", g_variant_new_string ("python"));
  vals[0] = g_variant_new_string ("hi");
  vals[1] = g_variant_new_double (2.5);
  pp_array_insert (pp_doc_get_array (b, "chat"), 0, vals, 2, NULL);
  sv = pp_doc_encode_state_vector (a);
  s2 = pp_doc_encode_state (b, g_bytes_get_data (sv, NULL), g_bytes_get_size (sv), NULL);
  s3 = pp_doc_encode_state (b, NULL, 0, NULL);
  step1 = pp_sync_encode_step1 (b);
  step2 = pp_sync_encode_step2 (b, g_bytes_get_data (sv, NULL), g_bytes_get_size (sv), NULL);
  pp_awareness_set_local_state (aw, "{\"user\":{\"name\":\"Ada\"},\"cursor\":{\"anchor\":3}}", NULL);
  awu = pp_awareness_encode_update (aw, &me, 1);
  {
    GByteArray *cat = g_byte_array_new ();
    g_byte_array_append (cat, g_bytes_get_data (s1, NULL), g_bytes_get_size (s1));
    g_byte_array_append (cat, g_bytes_get_data (s2, NULL), g_bytes_get_size (s2));
    both = g_byte_array_free_to_bytes (cat);
  }
  save (argv[1], "update-text", 0, s1);
  save (argv[1], "update-diff", 0, s2);
  save (argv[1], "update-all", 0, s3);
  save (argv[1], "sync-step1", 1, step1);
  save (argv[1], "sync-step2", 1, step2);
  save (argv[1], "awareness", 2, awu);
  save (argv[1], "merge", 3, both);
  return 0;
}

/* make-seeds: writes the seed corpus for fuzz-update
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: make-seeds DIR. The seeds are committed; this only documents
 * (and can redo) how they were made. Each starts with the byte that
 * picks fuzz-update's class.
 */
#include "config.h"

#include <stdio.h>

#include "crdt-test-util.h"
#include "fuzz-peers.h"
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

/* A seed for the two honest peers: the first update's length, the first
 * update, the second. */
static void
save_pair (const char *dir, const char *name, GBytes *first, GBytes *second)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GByteArray *out = g_byte_array_new ();
  guint8 head[2] = { 4, g_bytes_get_size (first) };

  g_assert (g_bytes_get_size (first) <= G_MAXUINT8);
  g_byte_array_append (out, head, 2);
  g_byte_array_append (out, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  g_byte_array_append (out, g_bytes_get_data (second, NULL), g_bytes_get_size (second));
  g_file_set_contents (path, (char *) out->data, out->len, NULL);
  g_byte_array_unref (out);
}

static GBytes *
one_struct (const Struct *s)
{
  return build_update (s, 1, NULL, 0);
}

/* Updates a peer could send the two honest peers (fuzz-peers.h says
 * where their content's items are): honest ones, in order and not, and
 * one of each kind that must be refused. */
static void
save_peer_seeds (const char *dir)
{
  g_autoptr(PpDoc) peer = fuzz_peer_new (3, TRUE);
  g_auto(Updates) made = { 0, NULL };
  g_autoptr(GBytes) typed = NULL, inside = NULL;
  const Struct rollback[] = {
    { 90, 0, ID (1, 20), ID (1, 21), .text = "AB" },   /* inside the emoji */
    { 90, 2, ID (90, 0), ID (90, 1), .text = "C" },
    { 50, 0, ID (1, 11), ID (1, 9), .text = "bad" },
  };
  const Struct waits = { 70, 0, ID (71, 0), ID (1, 1), .text = "bad" };
  const Struct arrives = { 71, 0, ID (1, 5), ID (1, 6), .text = "Z" };
  const Struct same = { 77, 0, ID (1, 2), ID (1, 2), .text = "X" };
  const Struct reversed = { 77, 0, ID (1, 10), ID (1, 3), .text = "X" };
  const Struct keys = { 77, 0, ID (1, 23), ID (2, 5), .text = "X" };
  const Struct types = { 77, 0, ID (1, 2), ID (2, 1), .text = "X" };
  const Struct parent = { 77, 0, .parent = ID (1, 3), .text = "X" };
  /* "f XY": 1:3 and 1:24 lie between, and whoever saw 1:25 saw them. */
  const Struct knew = { 77, 0, ID (1, 2), ID (1, 25), .text = "X" };

  pp_doc_connect_update (peer, on_update, &made);
  pp_text_insert_cp (pp_doc_get_text (peer, "code"), 6, "abc", -1, NULL);
  typed = g_bytes_ref (made.last);
  pp_text_insert_cp (pp_doc_get_text (peer, "code"), 7, "Z", -1, NULL);
  inside = g_bytes_ref (made.last);
  save_pair (dir, "peers-honest", typed, inside);
  save_pair (dir, "peers-pending", inside, typed);
  {
    g_autoptr(GBytes) bad = build_update (rollback, G_N_ELEMENTS (rollback), NULL, 0);
    g_autoptr(GBytes) good = build_update (rollback, G_N_ELEMENTS (rollback) - 1, NULL, 0);
    save_pair (dir, "peers-rollback", bad, good);
  }
  {
    g_autoptr(GBytes) u1 = one_struct (&waits), u2 = one_struct (&arrives);
    save_pair (dir, "peers-waiting-refused", u1, u2);
  }
  {
    const Struct *bad[] = { &same, &reversed, &keys, &types, &parent, &knew };
    const char *names[] = { "peers-same-origins", "peers-left-after-right", "peers-different-keys",
                            "peers-different-types", "peers-parent-not-a-type", "peers-knew-between" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GBytes) u = one_struct (bad[i]);
        save_pair (dir, names[i], u, typed);
      }
  }
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
  save_peer_seeds (argv[1]);
  return 0;
}

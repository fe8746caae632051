/* test-crdt-updates.c: one update per transaction, pending, malformed, merged and diffed updates
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "crdt-test-util.h"

static void
test_one_update_per_transaction (void)
{
  g_autoptr(PpDoc) a = pp_doc_new ();
  g_autoptr(PpDoc) b = pp_doc_new ();
  g_auto(Updates) up = { 0, NULL };
  g_autofree char *ta = NULL, *tb = NULL;

  pp_doc_connect_update (a, on_update, &up);
  pp_doc_transact_begin (a, NULL);
  pp_text_insert (pp_doc_get_text (a, "code"), 0, "abc", -1, NULL);
  pp_text_insert (pp_doc_get_text (a, "code"), 1, "X", -1, NULL);
  pp_text_delete (pp_doc_get_text (a, "code"), 3, 1, NULL);
  pp_map_set (pp_doc_get_map (a, "meta"), "k", g_variant_new_boolean (TRUE));
  pp_doc_transact_end (a);
  g_assert_cmpuint (up.n, ==, 1);
  g_assert_true (pp_doc_apply_update (b, g_bytes_get_data (up.last, NULL), g_bytes_get_size (up.last), NULL, NULL));
  ta = text_of (a);
  tb = text_of (b);
  g_assert_cmpstr (ta, ==, "aXb");
  g_assert_cmpstr (tb, ==, ta);
  /* A transaction that changes nothing emits nothing. */
  pp_doc_transact_begin (a, NULL);
  pp_doc_transact_end (a);
  g_assert_cmpuint (up.n, ==, 1);
}

/* ---- pending updates ---- */

static void
test_pending (void)
{
  g_autoptr(PpDoc) a = pp_doc_new_with_client_id (1);
  g_autoptr(PpDoc) b = pp_doc_new_with_client_id (2);
  g_autoptr(PpDoc) c = pp_doc_new ();
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *ta = NULL, *tc = NULL;
  g_auto(Updates) ua = { 0, NULL }, ub = { 0, NULL };

  /* A chain of edits across two clients, delivered to c backwards. */
  for (int i = 0; i < 6; i++)
    {
      PpDoc *d = i % 2 ? b : a;
      Updates *u = i % 2 ? &ub : &ua;
      guint h = pp_doc_connect_update (d, on_update, u);
      if (i == 5)
        pp_text_delete (pp_doc_get_text (d, "code"), 0, 2, NULL);
      else
        pp_text_insert (pp_doc_get_text (d, "code"), i, i % 2 ? "b" : "a", -1, NULL);
      pp_doc_disconnect (d, h);
      g_ptr_array_add (updates, g_bytes_ref (u->last));
      sync_into (i % 2 ? a : b, d);
    }
  for (guint i = updates->len; i > 0; i--)
    {
      GBytes *u = updates->pdata[i - 1];
      g_assert_true (pp_doc_apply_update (c, g_bytes_get_data (u, NULL), g_bytes_get_size (u), NULL, NULL));
      g_assert_true (i == 1 || pp_doc_has_pending (c));
    }
  g_assert_false (pp_doc_has_pending (c));
  ta = text_of (a);
  tc = text_of (c);
  g_assert_cmpstr (tc, ==, ta);
  g_assert_cmpstr (ta, ==, "aba");
}

/* ---- malformed input ---- */

static void
test_malformed_updates (void)
{
  g_autoptr(PpDoc) src = pp_doc_new_with_client_id (77);
  g_autoptr(PpDoc) doc = pp_doc_new ();
  g_autoptr(GBytes) state = NULL, sv_before = NULL;
  g_autofree char *before = NULL;
  const guint8 *data;
  gsize len;

  pp_text_insert (pp_doc_get_text (doc, "code"), 0, "keep me", -1, NULL);
  before = text_of (doc);
  sv_before = pp_doc_encode_state_vector (doc);

  pp_text_insert (pp_doc_get_text (src, "code"), 0, "hello 😀 world", -1, NULL);
  pp_text_delete (pp_doc_get_text (src, "code"), 2, 3, NULL);
  pp_map_set (pp_doc_get_map (src, "meta"), "k", g_variant_new_string ("v"));
  state = state_of (src);
  data = g_bytes_get_data (state, &len);

  /* Every truncation is rejected with an offset, and changes nothing. */
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) sv = NULL;
      g_autofree char *now = NULL;
      g_assert_false (pp_doc_apply_update (doc, data, cut, NULL, &error));
      g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "at byte "));
      now = text_of (doc);
      g_assert_cmpstr (now, ==, before);
      sv = pp_doc_encode_state_vector (doc);
      g_assert_true (g_bytes_equal (sv, sv_before));
      g_assert_false (pp_doc_has_pending (doc));
    }
  /* Every single flipped byte is either applied or rejected. */
  for (gsize i = 0; i < len; i++)
    for (guint bit = 0; bit < 8; bit++)
      {
        g_autofree guint8 *copy = g_memdup2 (data, len);
        g_autoptr(PpDoc) d = pp_doc_new ();
        g_autofree char *text = NULL;
        g_autoptr(GBytes) state = NULL;
        copy[i] ^= 1 << bit;
        if (!pp_doc_apply_update (d, copy, len, NULL, NULL))
          g_assert_false (pp_doc_has_pending (d));
        /* Whatever was applied reads and encodes again. */
        text = text_of (d);
        state = state_of (d);
      }
  /* Trailing bytes, invalid UTF-8, zero-length structs. */
  {
    g_autofree guint8 *longer = g_malloc (len + 1);
    const guint8 bad_utf8[] = { 1, 1, 5, 0, 4, 1, 4, 'c', 'o', 'd', 'e', 2, 0xc3, 0x28, 0 };
    const guint8 zero_len[] = { 1, 1, 5, 0, 4, 1, 4, 'c', 'o', 'd', 'e', 0, 0 };
    g_autoptr(GError) error = NULL;
    memcpy (longer, data, len);
    longer[len] = 0;
    g_assert_false (pp_doc_apply_update (doc, longer, len + 1, NULL, &error));
    g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED);
    g_clear_error (&error);
    g_assert_false (pp_doc_apply_update (doc, bad_utf8, sizeof bad_utf8, NULL, &error));
    g_assert_nonnull (strstr (error->message, "UTF-8"));
    g_clear_error (&error);
    g_assert_false (pp_doc_apply_update (doc, zero_len, sizeof zero_len, NULL, &error));
    g_assert_nonnull (strstr (error->message, "length zero"));
  }
  {
    g_autofree char *now = text_of (doc);
    g_assert_cmpstr (now, ==, before);
  }
  /* The intact update still applies afterwards. */
  g_assert_true (pp_doc_apply_update (doc, data, len, NULL, NULL));
}

/* ---- merging and diffs ---- */

static void
test_merge_diff_sv (void)
{
  g_autoptr(PpDoc) a = pp_doc_new_with_client_id (5);
  g_autoptr(GPtrArray) ups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) merged = NULL, sv = NULL, sv2 = NULL, diff = NULL;
  g_auto(Updates) u = { 0, NULL };
  g_autoptr(PpDoc) m = pp_doc_new ();
  g_autoptr(PpDoc) half = pp_doc_new ();
  g_autofree char *ta = NULL, *tm = NULL, *th = NULL;

  pp_doc_connect_update (a, on_update, &u);
  for (int i = 0; i < 10; i++)
    {
      pp_text_insert (pp_doc_get_text (a, "code"), 0, "ab", -1, NULL);
      if (i % 3 == 2)
        pp_text_delete (pp_doc_get_text (a, "code"), 1, 2, NULL);
      g_ptr_array_add (ups, g_bytes_ref (u.last));
      if (i == 4)
        sync_into (half, a);
    }
  /* Merging duplicates and the whole state together still works. */
  g_ptr_array_add (ups, g_bytes_ref (ups->pdata[3]));
  g_ptr_array_add (ups, state_of (a));
  merged = pp_update_merge ((GBytes **) ups->pdata, ups->len, NULL);
  g_assert_true (pp_doc_apply_update (m, g_bytes_get_data (merged, NULL), g_bytes_get_size (merged), NULL, NULL));
  ta = text_of (a);
  tm = text_of (m);
  g_assert_cmpstr (tm, ==, ta);

  sv = pp_update_state_vector (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged), NULL);
  sv2 = pp_doc_encode_state_vector (a);
  g_assert_true (g_bytes_equal (sv, sv2));

  g_clear_pointer (&sv, g_bytes_unref);
  sv = pp_doc_encode_state_vector (half);
  diff = pp_update_diff (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged), g_bytes_get_data (sv, NULL), g_bytes_get_size (sv), NULL);
  g_assert_cmpuint (g_bytes_get_size (diff), <, g_bytes_get_size (merged));
  g_assert_true (pp_doc_apply_update (half, g_bytes_get_data (diff, NULL), g_bytes_get_size (diff), NULL, NULL));
  th = text_of (half);
  g_assert_cmpstr (th, ==, ta);
  g_assert_false (pp_doc_has_pending (half));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crdt/one-update-per-transaction", test_one_update_per_transaction);
  g_test_add_func ("/crdt/pending", test_pending);
  g_test_add_func ("/crdt/malformed-updates", test_malformed_updates);
  g_test_add_func ("/crdt/merge-diff-state-vector", test_merge_diff_sv);
  return g_test_run ();
}

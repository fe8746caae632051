/* test-crdt-text.c: Text: units, edits against a model, concurrent edits
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crdt-test-util.h"

static void
test_text_units (void)
{
  g_autoptr(PpDoc) doc = pp_doc_new ();
  PpText *text = pp_doc_get_text (doc, "code");
  g_autoptr(GError) error = NULL;

  g_assert_true (pp_text_insert (text, 0, "a😀b", -1, &error));
  g_assert_cmpuint (pp_text_length (text), ==, 4);     /* 😀 is two UTF-16 units */
  g_assert_cmpuint (pp_text_length_cp (text), ==, 3);
  /* Code-point positions: after the emoji is 2. */
  g_assert_true (pp_text_insert_cp (text, 2, "é", -1, &error));
  assert_text (doc, "a😀éb");
  /* A UTF-16 position inside the pair moves before it: never split. */
  g_assert_true (pp_text_insert (text, 2, "X", -1, &error));
  assert_text (doc, "aX😀éb");
  /* Deleting half a pair deletes the whole character. */
  g_assert_true (pp_text_delete (text, 3, 1, &error));
  assert_text (doc, "aXéb");
  g_assert_true (pp_text_delete_cp (text, 1, 2, &error));
  assert_text (doc, "ab");
  g_assert_cmpuint (pp_text_length (text), ==, 2);
  /* Out of range and invalid UTF-8 are errors, and change nothing. */
  g_assert_false (pp_text_insert (text, 5, "z", -1, &error));
  g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pp_text_delete_cp (text, 1, 5, &error));
  g_clear_error (&error);
  g_assert_false (pp_text_insert (text, 0, "\xff\xfe", 2, &error));
  g_clear_error (&error);
  assert_text (doc, "ab");
}

static void
test_text_random_model (void)
{
  /* Random edits in both units against a plain string model. */
  g_autoptr(GRand) r = g_rand_new_with_seed (7);
  const char *pieces[] = { "a", "😀", "é", "\n", "日本", "𝄞x" };
  g_autoptr(PpDoc) doc = pp_doc_new ();
  PpText *text = pp_doc_get_text (doc, "code");
  g_autoptr(GString) model = g_string_new (NULL);

  for (int i = 0; i < 3000; i++)
    {
      glong len = g_utf8_strlen (model->str, -1);
      if (len == 0 || g_rand_int_range (r, 0, 3) > 0)
        {
          const char *p = pieces[g_rand_int_range (r, 0, G_N_ELEMENTS (pieces))];
          glong at = g_rand_int_range (r, 0, len + 1);
          gsize byte = g_utf8_offset_to_pointer (model->str, at) - model->str;
          g_assert_true (pp_text_insert_cp (text, at, p, -1, NULL));
          g_string_insert (model, byte, p);
        }
      else
        {
          glong at = g_rand_int_range (r, 0, len);
          glong want = g_rand_int_range (r, 1, 4);
          glong n = MIN (len - at, want);
          gsize b0 = g_utf8_offset_to_pointer (model->str, at) - model->str;
          gsize b1 = g_utf8_offset_to_pointer (model->str, at + n) - model->str;
          g_assert_true (pp_text_delete_cp (text, at, n, NULL));
          g_string_erase (model, b0, b1 - b0);
        }
      if (i % 100 == 0)
        {
          g_autofree char *s = text_of (doc);
          glong n16 = 0;
          g_autofree gunichar2 *u16 G_GNUC_UNUSED = g_utf8_to_utf16 (model->str, -1, NULL, &n16, NULL);
          g_assert_cmpstr (s, ==, model->str);
          g_assert_cmpuint (pp_text_length_cp (text), ==, g_utf8_strlen (model->str, -1));
          g_assert_cmpuint (pp_text_length (text), ==, n16);
        }
    }
  {
    g_autofree char *s = text_of (doc);
    g_autoptr(GBytes) state = state_of (doc);
    g_autoptr(PpDoc) copy = pp_doc_new ();
    g_autofree char *t = NULL;
    g_assert_cmpstr (s, ==, model->str);
    g_assert_true (pp_doc_apply_update (copy, g_bytes_get_data (state, NULL), g_bytes_get_size (state), NULL, NULL));
    t = text_of (copy);
    g_assert_cmpstr (t, ==, model->str);
  }
}

static void
test_concurrent_same_position (void)
{
  g_autoptr(PpDoc) a = pp_doc_new_with_client_id (1);
  g_autoptr(PpDoc) b = pp_doc_new_with_client_id (2);
  g_autoptr(PpDoc) c = pp_doc_new_with_client_id (3);
  g_autofree char *ta = NULL, *tb = NULL, *tc = NULL;

  pp_text_insert (pp_doc_get_text (a, "code"), 0, "ac", -1, NULL);
  sync_into (b, a);
  sync_into (c, a);
  pp_text_insert (pp_doc_get_text (a, "code"), 1, "A", -1, NULL);
  pp_text_insert (pp_doc_get_text (b, "code"), 1, "B", -1, NULL);
  pp_text_insert (pp_doc_get_text (c, "code"), 1, "C", -1, NULL);
  /* Different delivery orders. */
  sync_into (a, c);
  sync_into (a, b);
  sync_into (b, a);
  sync_into (c, b);
  sync_into (c, a);
  ta = text_of (a);
  tb = text_of (b);
  tc = text_of (c);
  /* Yjs's tie-break puts the lower client id first. */
  g_assert_cmpstr (ta, ==, "aABCc");
  g_assert_cmpstr (tb, ==, ta);
  g_assert_cmpstr (tc, ==, ta);
}

/* The position cache must follow deletes that arrive from peers. */
static void
test_remote_delete_then_local_insert (void)
{
  g_autoptr(PpDoc) a = pp_doc_new_with_client_id (1);
  g_autoptr(PpDoc) b = pp_doc_new_with_client_id (2);
  PpText *ta = pp_doc_get_text (a, "code");

  pp_text_insert (ta, 0, "abc", -1, NULL);
  pp_text_insert (ta, 1, "Z", -1, NULL);        /* "aZbc", cached at Z */
  sync_into (b, a);
  pp_text_delete (pp_doc_get_text (b, "code"), 0, 1, NULL);
  sync_into (a, b);                              /* "Zbc" */
  pp_text_insert (ta, 3, "Q", -1, NULL);
  assert_text (a, "ZbcQ");
  pp_text_insert_cp (ta, 1, "😀", -1, NULL);
  sync_into (b, a);
  pp_text_delete_cp (pp_doc_get_text (b, "code"), 0, 2, NULL);
  sync_into (a, b);                              /* "bcQ" */
  pp_text_insert_cp (ta, 3, "!", -1, NULL);
  assert_text (a, "bcQ!");
}

/* What a peer may send as a cursor: anything but Yjs's form is refused,
 * and a root the document does not have is not made for it. */
static void
test_relative_position_hostile (void)
{
  const char *bad[] = {
    "", "[]", "null", "{}", "{\"assoc\": 0}", "{\"item\": 5}", "{\"item\": {\"client\": -1, \"clock\": 0}}",
    "{\"item\": {\"client\": 1, \"clock\": 4294967296}}", "{\"item\": {\"client\": 1.5, \"clock\": 0}}",
    "{\"tname\": 7}", "{\"tname\": \"code\", \"assoc\": \"left\"}",
  };
  g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (1);
  g_autoptr(PpRelativePosition) pos = NULL;
  guint index = 99;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpRelativePosition) refused = pp_relative_position_new_from_json (bad[i], &error);

      g_assert_null (refused);
      g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED);
    }
  pos = pp_relative_position_new_from_json ("{\"tname\": \"nowhere\", \"assoc\": 0}", NULL);
  g_assert_nonnull (pos);
  g_assert_false (pp_relative_position_resolve (pos, doc, NULL, &index, NULL));
  g_clear_pointer (&pos, pp_relative_position_free);
  /* An item the document has not seen yet. */
  pos = pp_relative_position_new_from_json ("{\"tname\": \"code\", \"item\": {\"client\": 3, \"clock\": 9}}", NULL);
  g_assert_nonnull (pos);
  g_assert_false (pp_relative_position_resolve (pos, doc, NULL, &index, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crdt/text/units", test_text_units);
  g_test_add_func ("/crdt/text/random-model", test_text_random_model);
  g_test_add_func ("/crdt/text/concurrent-same-position", test_concurrent_same_position);
  g_test_add_func ("/crdt/text/remote-delete-then-local-insert", test_remote_delete_then_local_insert);
  g_test_add_func ("/crdt/text/relative-position-hostile", test_relative_position_hostile);
  return g_test_run ();
}

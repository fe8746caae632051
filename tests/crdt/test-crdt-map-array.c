/* test-crdt-map-array.c: Map and Array values
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crdt-test-util.h"

static void
test_map_and_array (void)
{
  g_autoptr(PpDoc) a = pp_doc_new_with_client_id (10);
  g_autoptr(PpDoc) b = pp_doc_new_with_client_id (20);
  PpMap *ma = pp_doc_get_map (a, "meta"), *mb = pp_doc_get_map (b, "meta");
  PpArray *arr = pp_doc_get_array (a, "runs");
  g_autoptr(GVariant) v = NULL, all = NULL;
  GVariant *vals[3];
  g_autofree char *printed = NULL;

  pp_map_set (ma, "language", g_variant_new_string ("go"));
  pp_map_set (ma, "language", g_variant_new_string ("c"));
  v = pp_map_get (ma, "language");
  g_assert_cmpstr (g_variant_get_string (v, NULL), ==, "c");
  g_assert_cmpuint (pp_map_size (ma), ==, 1);
  sync_into (b, a);
  /* Concurrent sets of one key: both end with the same winner. */
  pp_map_set (ma, "title", g_variant_new_string ("from a"));
  pp_map_set (mb, "title", g_variant_new_string ("from b"));
  sync_into (a, b);
  sync_into (b, a);
  {
    g_autoptr(GVariant) x = pp_map_get (ma, "title"), y = pp_map_get (mb, "title");
    g_assert_true (g_variant_equal (x, y));
  }
  pp_map_delete (mb, "language");
  sync_into (a, b);
  g_assert_false (pp_map_has (ma, "language"));
  g_assert_null (pp_map_get (ma, "language"));

  vals[0] = g_variant_new_int64 (1);
  vals[1] = g_variant_new_string ("two");
  vals[2] = g_variant_new_boolean (TRUE);
  g_assert_true (pp_array_insert (arr, 0, vals, 3, NULL));
  pp_array_push (arr, g_variant_new_double (4.5));
  g_assert_true (pp_array_delete (arr, 1, 1, NULL));
  g_assert_false (pp_array_delete (arr, 2, 5, NULL));
  g_assert_cmpuint (pp_array_length (arr), ==, 3);
  all = pp_array_to_variant (arr);
  printed = g_variant_print (all, FALSE);
  g_assert_cmpstr (printed, ==, "[<int64 1>, <true>, <4.5>]");
  {
    g_autoptr(GVariant) x = pp_array_get (arr, 2);
    g_assert_cmpfloat (g_variant_get_double (x), ==, 4.5);
    g_assert_null (pp_array_get (arr, 3));
  }
}

/* pp_map_set, pp_array_push and pp_array_insert sink floating values: a
 * value made in the call is the document's, and nothing leaks. A
 * reference of our own on each shows whether the floating one was
 * taken. */
static void
test_sinks_floating (void)
{
  g_autoptr(PpDoc) doc = pp_doc_new ();
  PpMap *map = pp_doc_get_map (doc, "meta");
  PpArray *array = pp_doc_get_array (doc, "runs");
  GVariant *values[2] = { g_variant_new_int64 (1), g_variant_new_int64 (2) };
  g_autoptr(GVariant) first = g_variant_ref (values[0]);
  g_autoptr(GVariant) second = g_variant_ref (values[1]);
  g_autoptr(GVariant) set = g_variant_ref (g_variant_new_string ("c"));
  g_autoptr(GVariant) pushed = g_variant_ref (g_variant_new_string ("run"));
  g_autoptr(GVariant) got_set = NULL, got_pushed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_variant_is_floating (set));
  pp_map_set (map, "language", set);
  g_assert_false (g_variant_is_floating (set));
  got_set = pp_map_get (map, "language");
  g_assert_true (got_set == set);

  pp_array_push (array, pushed);
  g_assert_false (g_variant_is_floating (pushed));
  got_pushed = pp_array_get (array, 0);
  g_assert_true (got_pushed == pushed);

  /* Refused values are taken all the same. */
  g_assert_false (pp_array_insert (array, 5, values, 2, &error));
  g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_INVALID);
  g_assert_false (g_variant_is_floating (first));
  g_assert_false (g_variant_is_floating (second));
  g_assert_cmpuint (pp_array_length (array), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crdt/map-and-array", test_map_and_array);
  g_test_add_func ("/crdt/map-and-array/sinks-floating", test_sinks_floating);
  return g_test_run ();
}

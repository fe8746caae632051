/* test-crdt-observers.c: observers of Text, Array and Map
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crdt-test-util.h"

typedef struct {
  GString *log;
} Seen;

static void
on_delta (PpYType *type, const PpDelta *d, guint n, const PpTransactionInfo *info, gpointer data)
{
  Seen *seen = data;

  g_string_append (seen->log, info->local ? "L" : "R");
  if (info->origin)
    g_string_append_printf (seen->log, "(%s)", (const char *) info->origin);
  for (guint i = 0; i < n; i++)
    switch (d[i].op)
      {
      case PP_DELTA_RETAIN:
        g_string_append_printf (seen->log, " r%u/%u", d[i].len, d[i].len_cp);
        break;
      case PP_DELTA_INSERT:
        g_string_append_printf (seen->log, " i'%s'%u/%u", d[i].text ? d[i].text : "NULL", d[i].len, d[i].len_cp);
        break;
      case PP_DELTA_DELETE:
        g_string_append_printf (seen->log, " d%u/%u", d[i].len, d[i].len_cp);
        break;
      }
  g_string_append (seen->log, ";");
}

static void
on_keys (PpMap *map, const char * const *keys, const PpTransactionInfo *info, gpointer data)
{
  Seen *seen = data;

  g_string_append_printf (seen->log, "%s keys=%u;", info->local ? "L" : "R", g_strv_length ((char **) keys));
}

static void
test_observers (void)
{
  g_autoptr(PpDoc) a = pp_doc_new_with_client_id (1);
  g_autoptr(PpDoc) b = pp_doc_new_with_client_id (2);
  g_autoptr(GString) log_a = g_string_new (NULL);
  g_autoptr(GString) log_b = g_string_new (NULL);
  Seen sa = { log_a }, sb = { log_b };

  pp_y_type_connect_delta (pp_doc_get_text (a, "code"), on_delta, &sa);
  pp_y_type_connect_delta (pp_doc_get_text (b, "code"), on_delta, &sb);
  pp_map_connect_keys (pp_doc_get_map (b, "meta"), on_keys, &sb);

  pp_doc_transact_begin (a, (gpointer) "me");
  pp_text_insert (pp_doc_get_text (a, "code"), 0, "h😀llo", -1, NULL);
  pp_doc_transact_end (a);
  g_assert_cmpstr (sa.log->str, ==, "L(me) i'h😀llo'6/5;");
  sync_into (b, a);
  g_assert_cmpstr (sb.log->str, ==, "R i'h😀llo'6/5;");

  g_string_truncate (sa.log, 0);
  g_string_truncate (sb.log, 0);
  /* One transaction: delete the emoji, type after it. */
  pp_doc_transact_begin (a, NULL);
  pp_text_delete_cp (pp_doc_get_text (a, "code"), 1, 1, NULL);
  pp_text_insert_cp (pp_doc_get_text (a, "code"), 3, "!", -1, NULL);
  pp_doc_transact_end (a);
  g_assert_cmpstr (sa.log->str, ==, "L r1/1 d2/1 r2/2 i'!'1/1;");
  sync_into (b, a);
  g_assert_cmpstr (sb.log->str, ==, "R r1/1 d2/1 r2/2 i'!'1/1;");

  /* Arrays: the same deltas, counted in elements. */
  g_string_truncate (sb.log, 0);
  pp_y_type_connect_delta (pp_doc_get_array (b, "chat"), on_delta, &sb);
  pp_array_push (pp_doc_get_array (a, "chat"), g_variant_new_string ("one"));
  pp_array_push (pp_doc_get_array (a, "chat"), g_variant_new_string ("two"));
  sync_into (b, a);
  g_assert_cmpstr (sb.log->str, ==, "R i'NULL'2/2;");
  g_string_truncate (sb.log, 0);
  pp_doc_transact_begin (a, NULL);
  pp_array_delete (pp_doc_get_array (a, "chat"), 0, 1, NULL);
  pp_array_push (pp_doc_get_array (a, "chat"), g_variant_new_int64 (3));
  pp_doc_transact_end (a);
  sync_into (b, a);
  g_assert_cmpstr (sb.log->str, ==, "R d1/1 r1/1 i'NULL'1/1;");

  g_string_truncate (sb.log, 0);
  pp_map_set (pp_doc_get_map (a, "meta"), "language", g_variant_new_string ("c"));
  pp_map_set (pp_doc_get_map (a, "meta"), "title", g_variant_new_string ("t"));
  sync_into (b, a);
  g_assert_cmpstr (sb.log->str, ==, "R keys=2;");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crdt/observers", test_observers);
  return g_test_run ();
}

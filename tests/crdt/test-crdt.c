/* test-crdt.c: the shared document on its own
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "pp-crdt.h"
#include "pp-crdt-undo.h"
#include "pp-lib0.h"
#include "pp-sync.h"

static GBytes *
state_of (PpDoc *doc)
{
  return pp_doc_encode_state (doc, NULL, 0, NULL);
}

static void
sync_into (PpDoc *to, PpDoc *from)
{
  g_autoptr(GBytes) sv = pp_doc_encode_state_vector (to);
  g_autoptr(GBytes) diff = pp_doc_encode_state (from, g_bytes_get_data (sv, NULL), g_bytes_get_size (sv), NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pp_doc_apply_update (to, g_bytes_get_data (diff, NULL), g_bytes_get_size (diff), NULL, &error));
  g_assert_no_error (error);
}

static char *
text_of (PpDoc *doc)
{
  return pp_text_to_string (pp_doc_get_text (doc, "code"));
}

/* ---- lib0 ---- */

static void
test_lib0_numbers (void)
{
  PpEncoder enc;
  PpDecoder dec;
  const guint64 uints[] = { 0, 1, 127, 128, 300, 16383, 16384, G_MAXUINT32, (G_GUINT64_CONSTANT (1) << 53) - 1 };
  const gint64 ints[] = { 0, 1, -1, 63, 64, -64, -65, 8191, -8192, G_MAXINT32, -(gint64) G_MAXINT32 };

  pp_encoder_init (&enc);
  pp_write_var_uint (&enc, 300);
  g_assert_cmpuint (enc.len, ==, 2);
  g_assert_cmpuint (enc.data[0], ==, 0xac);
  g_assert_cmpuint (enc.data[1], ==, 0x02);
  enc.len = 0;
  pp_write_var_int (&enc, -65);   /* sign in bit 6 of the first byte */
  g_assert_cmpuint (enc.len, ==, 2);
  g_assert_cmpuint (enc.data[0], ==, 0x80 | 0x40 | 1);
  g_assert_cmpuint (enc.data[1], ==, 1);

  enc.len = 0;
  for (guint i = 0; i < G_N_ELEMENTS (uints); i++)
    pp_write_var_uint (&enc, uints[i]);
  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    pp_write_var_int (&enc, ints[i]);
  pp_decoder_init (&dec, enc.data, enc.len);
  for (guint i = 0; i < G_N_ELEMENTS (uints); i++)
    g_assert_cmpuint (pp_read_var_uint (&dec), ==, uints[i]);
  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    g_assert_cmpint (pp_read_var_int (&dec), ==, ints[i]);
  g_assert_true (pp_decoder_ok (&dec));
  g_assert_false (pp_decoder_has_content (&dec));
  /* Reading past the end fails, with the offset. */
  pp_read_var_uint (&dec);
  g_assert_false (pp_decoder_ok (&dec));
  g_assert_cmpuint (dec.failed_at, ==, enc.len);
  pp_encoder_clear (&enc);
}

static void
test_lib0_any (void)
{
  const char *texts[] = { "true", "false", "int64 42", "int64 -3", "2.5", "0.1", "'héllo 😀'",
                          "@mv nothing", "()", "[<int64 1>, <'x'>, <[<true>]>]",
                          "{'a': <int64 1>, 'b': <{'c': <@mv nothing>}>}", "[byte 1, 2, 255]" };
  PpEncoder enc;

  pp_encoder_init (&enc);
  pp_write_any (&enc, g_variant_new_int64 (7));
  g_assert_cmpuint (enc.data[0], ==, 125);      /* integer */
  enc.len = 0;
  pp_write_any (&enc, g_variant_new_double (2.5));
  g_assert_cmpuint (enc.data[0], ==, 124);      /* exact in float32 */
  enc.len = 0;
  pp_write_any (&enc, g_variant_new_double (0.1));
  g_assert_cmpuint (enc.data[0], ==, 123);      /* needs float64 */
  /* Past 31 bits an integer is a JavaScript number, as lib0 writes one:
   * float32 when exact, else float64; a BigInt only past 2^53. */
  enc.len = 0;
  pp_write_any (&enc, g_variant_new_int64 (G_GINT64_CONSTANT (3) << 40));
  g_assert_cmpuint (enc.data[0], ==, 124);
  enc.len = 0;
  pp_write_any (&enc, g_variant_new_int64 (1700000000123));
  g_assert_cmpuint (enc.data[0], ==, 123);
  enc.len = 0;
  pp_write_any (&enc, g_variant_new_int64 (G_GINT64_CONSTANT (1) << 60));
  g_assert_cmpuint (enc.data[0], ==, 122);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GVariant) v = g_variant_parse (NULL, texts[i], NULL, NULL, NULL);   /* not floating */
      g_autoptr(GVariant) back = NULL;
      g_autofree char *a = NULL, *b = NULL;
      PpDecoder dec;

      g_assert_nonnull (v);
      enc.len = 0;
      pp_write_any (&enc, v);
      pp_decoder_init (&dec, enc.data, enc.len);
      back = pp_read_any (&dec);
      g_assert_nonnull (back);
      g_assert_false (pp_decoder_has_content (&dec));
      /* Values come back as Any types: arrays as "av", ints as "x". */
      a = g_variant_print (v, FALSE);
      b = g_variant_print (back, FALSE);
      if (g_variant_is_of_type (v, G_VARIANT_TYPE ("av")) || g_variant_is_of_type (v, G_VARIANT_TYPE_VARDICT) ||
          g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN) || g_variant_is_of_type (v, G_VARIANT_TYPE_INT64) ||
          g_variant_is_of_type (v, G_VARIANT_TYPE_STRING) || g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE) ||
          g_variant_is_of_type (v, G_VARIANT_TYPE_BYTESTRING))
        g_assert_cmpstr (a, ==, b);
    }
  /* A bad tag and deep nesting are errors, not crashes. */
  {
    guint8 bad[] = { 200 };
    guint8 deep[200];
    PpDecoder dec;
    memset (deep, 117, sizeof deep);   /* arrays of arrays ... */
    for (guint i = 1; i < sizeof deep; i += 2)
      deep[i] = 1;
    pp_decoder_init (&dec, bad, sizeof bad);
    g_assert_null (pp_read_any (&dec));
    g_assert_false (pp_decoder_ok (&dec));
    pp_decoder_init (&dec, deep, sizeof deep);
    g_assert_null (pp_read_any (&dec));
    g_assert_false (pp_decoder_ok (&dec));
  }
  pp_encoder_clear (&enc);
}

/* ---- text ---- */

static void
test_text_units (void)
{
  PpDoc *doc = pp_doc_new ();
  PpText *text = pp_doc_get_text (doc, "code");
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;

  g_assert_true (pp_text_insert (text, 0, "a😀b", -1, &error));
  g_assert_cmpuint (pp_text_length (text), ==, 4);     /* 😀 is two UTF-16 units */
  g_assert_cmpuint (pp_text_length_cp (text), ==, 3);
  /* Code-point positions: after the emoji is 2. */
  g_assert_true (pp_text_insert_cp (text, 2, "é", -1, &error));
  s = text_of (doc);
  g_assert_cmpstr (s, ==, "a😀éb");
  g_free (s);
  /* A UTF-16 position inside the pair moves before it: never split. */
  g_assert_true (pp_text_insert (text, 2, "X", -1, &error));
  s = text_of (doc);
  g_assert_cmpstr (s, ==, "aX😀éb");
  g_free (s);
  /* Deleting half a pair deletes the whole character. */
  g_assert_true (pp_text_delete (text, 3, 1, &error));
  s = text_of (doc);
  g_assert_cmpstr (s, ==, "aXéb");
  g_free (s);
  g_assert_true (pp_text_delete_cp (text, 1, 2, &error));
  s = text_of (doc);
  g_assert_cmpstr (s, ==, "ab");
  g_assert_cmpuint (pp_text_length (text), ==, 2);
  /* Out of range and invalid UTF-8 are errors, and change nothing. */
  g_assert_false (pp_text_insert (text, 5, "z", -1, &error));
  g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pp_text_delete_cp (text, 1, 5, &error));
  g_clear_error (&error);
  g_assert_false (pp_text_insert (text, 0, "\xff\xfe", 2, &error));
  g_clear_error (&error);
  g_free (s);
  s = text_of (doc);
  g_assert_cmpstr (s, ==, "ab");
  pp_doc_free (doc);
}

static void
test_text_random_model (void)
{
  /* Random edits in both units against a plain string model. */
  g_autoptr(GRand) r = g_rand_new_with_seed (7);
  const char *pieces[] = { "a", "😀", "é", "\n", "日本", "𝄞x" };
  PpDoc *doc = pp_doc_new ();
  PpText *text = pp_doc_get_text (doc, "code");
  GString *model = g_string_new (NULL);

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
          g_autofree gunichar2 *u16 = g_utf8_to_utf16 (model->str, -1, NULL, &n16, NULL);
          g_assert_cmpstr (s, ==, model->str);
          g_assert_cmpuint (pp_text_length_cp (text), ==, g_utf8_strlen (model->str, -1));
          g_assert_cmpuint (pp_text_length (text), ==, n16);
        }
    }
  {
    g_autofree char *s = text_of (doc);
    g_autoptr(GBytes) state = state_of (doc);
    PpDoc *copy = pp_doc_new ();
    g_autofree char *t = NULL;
    g_assert_cmpstr (s, ==, model->str);
    g_assert_true (pp_doc_apply_update (copy, g_bytes_get_data (state, NULL), g_bytes_get_size (state), NULL, NULL));
    t = text_of (copy);
    g_assert_cmpstr (t, ==, model->str);
    pp_doc_free (copy);
  }
  g_string_free (model, TRUE);
  pp_doc_free (doc);
}

static void
test_concurrent_same_position (void)
{
  PpDoc *a = pp_doc_new_with_client_id (1), *b = pp_doc_new_with_client_id (2), *c = pp_doc_new_with_client_id (3);
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
  pp_doc_free (a);
  pp_doc_free (b);
  pp_doc_free (c);
}

/* The position cache must follow deletes that arrive from peers. */
static void
test_remote_delete_then_local_insert (void)
{
  PpDoc *a = pp_doc_new_with_client_id (1), *b = pp_doc_new_with_client_id (2);
  PpText *ta = pp_doc_get_text (a, "code");
  g_autofree char *s = NULL;

  pp_text_insert (ta, 0, "abc", -1, NULL);
  pp_text_insert (ta, 1, "Z", -1, NULL);        /* "aZbc", cached at Z */
  sync_into (b, a);
  pp_text_delete (pp_doc_get_text (b, "code"), 0, 1, NULL);
  sync_into (a, b);                              /* "Zbc" */
  pp_text_insert (ta, 3, "Q", -1, NULL);
  s = text_of (a);
  g_assert_cmpstr (s, ==, "ZbcQ");
  g_free (s);
  pp_text_insert_cp (ta, 1, "😀", -1, NULL);
  sync_into (b, a);
  pp_text_delete_cp (pp_doc_get_text (b, "code"), 0, 2, NULL);
  sync_into (a, b);                              /* "bcQ" */
  pp_text_insert_cp (ta, 3, "!", -1, NULL);
  s = text_of (a);
  g_assert_cmpstr (s, ==, "bcQ!");
  pp_doc_free (a);
  pp_doc_free (b);
}

/* ---- maps and arrays ---- */

static void
test_map_and_array (void)
{
  PpDoc *a = pp_doc_new_with_client_id (10), *b = pp_doc_new_with_client_id (20);
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
  pp_doc_free (a);
  pp_doc_free (b);
}

/* ---- observers ---- */

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
  PpDoc *a = pp_doc_new_with_client_id (1), *b = pp_doc_new_with_client_id (2);
  Seen sa = { g_string_new (NULL) }, sb = { g_string_new (NULL) };

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

  g_string_free (sa.log, TRUE);
  g_string_free (sb.log, TRUE);
  pp_doc_free (a);
  pp_doc_free (b);
}

typedef struct {
  guint n;
  GBytes *last;
} Updates;

static void
on_update (PpDoc *doc, const guint8 *u, gsize len, const PpTransactionInfo *info, gpointer data)
{
  Updates *up = data;

  up->n++;
  g_clear_pointer (&up->last, g_bytes_unref);
  up->last = g_bytes_new (u, len);
}

static void
test_one_update_per_transaction (void)
{
  PpDoc *a = pp_doc_new (), *b = pp_doc_new ();
  Updates up = { 0, NULL };
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
  g_bytes_unref (up.last);
  pp_doc_free (a);
  pp_doc_free (b);
}

/* ---- pending updates ---- */

static void
test_pending (void)
{
  PpDoc *a = pp_doc_new_with_client_id (1), *b = pp_doc_new_with_client_id (2), *c = pp_doc_new ();
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *ta = NULL, *tc = NULL;
  Updates ua = { 0, NULL }, ub = { 0, NULL };

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
  g_bytes_unref (ua.last);
  g_bytes_unref (ub.last);
  pp_doc_free (a);
  pp_doc_free (b);
  pp_doc_free (c);
}

/* ---- malformed input ---- */

static void
test_malformed_updates (void)
{
  PpDoc *src = pp_doc_new_with_client_id (77);
  PpDoc *doc = pp_doc_new ();
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
        PpDoc *d = pp_doc_new ();
        copy[i] ^= 1 << bit;
        if (!pp_doc_apply_update (d, copy, len, NULL, NULL))
          g_assert_false (pp_doc_has_pending (d));
        g_free (text_of (d));
        g_bytes_unref (state_of (d));
        pp_doc_free (d);
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
  pp_doc_free (src);
  pp_doc_free (doc);
}

/* ---- merging and diffs ---- */

static void
test_merge_diff_sv (void)
{
  PpDoc *a = pp_doc_new_with_client_id (5);
  g_autoptr(GPtrArray) ups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) merged = NULL, sv = NULL, sv2 = NULL, diff = NULL;
  Updates u = { 0, NULL };
  PpDoc *m = pp_doc_new (), *half = pp_doc_new ();
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
  g_bytes_unref (u.last);
  pp_doc_free (a);
  pp_doc_free (m);
  pp_doc_free (half);
}

/* ---- undo ---- */

static void
test_undo (void)
{
  PpDoc *a = pp_doc_new_with_client_id (1), *b = pp_doc_new_with_client_id (2);
  PpText *text = pp_doc_get_text (a, "code");
  PpUndoManager *um = pp_undo_manager_new (a, &text, 1);
  char *s = NULL;

  /* Edits within 500 ms form one step. */
  pp_text_insert (text, 0, "hello", -1, NULL);
  pp_text_insert (text, 5, " world", -1, NULL);
  g_usleep (600 * 1000);
  pp_text_delete (text, 0, 6, NULL);            /* -> "world" */
  s = text_of (a);
  g_assert_cmpstr (s, ==, "world");
  g_free (s);

  /* A remote edit arrives; undo never removes it. */
  sync_into (b, a);
  pp_text_insert (pp_doc_get_text (b, "code"), 5, "!", -1, NULL);
  sync_into (a, b);

  g_assert_true (pp_undo_manager_undo (um));     /* restores "hello " */
  s = text_of (a);
  g_assert_cmpstr (s, ==, "hello world!");
  g_free (s);
  g_assert_true (pp_undo_manager_undo (um));     /* removes the typing */
  s = text_of (a);
  g_assert_cmpstr (s, ==, "!");
  g_free (s);
  g_assert_false (pp_undo_manager_can_undo (um));
  g_assert_true (pp_undo_manager_redo (um));
  s = text_of (a);
  g_assert_cmpstr (s, ==, "hello world!");
  g_free (s);
  g_assert_true (pp_undo_manager_redo (um));
  s = text_of (a);
  g_assert_cmpstr (s, ==, "world!");
  g_free (s);
  /* Undone text reaches other peers as ordinary updates. */
  g_assert_true (pp_undo_manager_undo (um));
  sync_into (b, a);
  s = pp_text_to_string (pp_doc_get_text (b, "code"));
  g_assert_cmpstr (s, ==, "hello world!");
  g_free (s);
  /* A new edit clears the redo stack. */
  pp_text_insert (text, 0, ">", -1, NULL);
  g_assert_false (pp_undo_manager_can_redo (um));
  /* stop_capturing starts a new step at once. */
  pp_undo_manager_stop_capturing (um);
  pp_text_insert (text, 0, ">", -1, NULL);
  g_assert_true (pp_undo_manager_undo (um));
  s = text_of (a);
  g_assert_cmpstr (s, ==, ">hello world!");
  g_free (s);
  pp_undo_manager_free (um);
  pp_doc_free (a);
  pp_doc_free (b);
}

/* ---- sync and awareness ---- */

static void
test_sync_messages (void)
{
  PpDoc *a = pp_doc_new (), *b = pp_doc_new ();
  g_autoptr(GBytes) step1 = NULL, step2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ta = NULL, *tb = NULL;
  const guint8 bad[] = { 7, 0 };

  pp_text_insert (pp_doc_get_text (a, "code"), 0, "from a", -1, NULL);
  pp_text_insert (pp_doc_get_text (b, "code"), 0, "from b ", -1, NULL);
  step1 = pp_sync_encode_step1 (b);
  g_assert_cmpint (pp_sync_read_message (a, g_bytes_get_data (step1, NULL), g_bytes_get_size (step1), NULL, &step2, &error), ==, PP_SYNC_STEP1);
  g_assert_no_error (error);
  g_assert_cmpint (pp_sync_read_message (b, g_bytes_get_data (step2, NULL), g_bytes_get_size (step2), NULL, NULL, &error), ==, PP_SYNC_STEP2);
  g_clear_pointer (&step1, g_bytes_unref);
  g_clear_pointer (&step2, g_bytes_unref);
  step1 = pp_sync_encode_step1 (a);
  pp_sync_read_message (b, g_bytes_get_data (step1, NULL), g_bytes_get_size (step1), NULL, &step2, &error);
  pp_sync_read_message (a, g_bytes_get_data (step2, NULL), g_bytes_get_size (step2), NULL, NULL, &error);
  g_assert_no_error (error);
  ta = text_of (a);
  tb = text_of (b);
  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpint (pp_sync_read_message (a, bad, sizeof bad, NULL, NULL, &error), ==, -1);
  g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED);
  pp_doc_free (a);
  pp_doc_free (b);
}

static gint64 now_ms = 0;

static gint64
clock_func (gpointer data)
{
  return now_ms;
}

typedef struct {
  guint changes;
  guint removed;
} AwSeen;

static void
on_awareness (PpAwareness *aw, const PpAwarenessChange *c, gpointer data)
{
  AwSeen *s = data;

  if (c->changed)
    s->changes++;
  s->removed += c->n_removed;
}

static void
test_awareness (void)
{
  PpAwareness *a = pp_awareness_new (1), *b = pp_awareness_new (2);
  guint32 ca = 1, cb = 2;
  g_autoptr(GBytes) ua = NULL, ub = NULL, removal = NULL;
  g_autoptr(GError) error = NULL;
  AwSeen seen = { 0, 0 };
  const guint8 not_json[] = { 1, 5, 1, 3, 'n', 'o', '{' };

  pp_awareness_set_clock (a, clock_func, NULL);
  pp_awareness_set_clock (b, clock_func, NULL);
  pp_awareness_connect (b, on_awareness, &seen);
  g_assert_cmpstr (pp_awareness_get_state (a, 1), ==, "{}");
  g_assert_true (pp_awareness_set_local_state (a, "{ \"name\" : \"Ada\", \"cursor\": [1, 2] }", NULL));
  g_assert_cmpstr (pp_awareness_get_state (a, 1), ==, "{\"name\":\"Ada\",\"cursor\":[1,2]}");
  g_assert_false (pp_awareness_set_local_state (a, "{broken", &error));
  g_clear_error (&error);

  ua = pp_awareness_encode_update (a, &ca, 1);
  g_assert_true (pp_awareness_apply_update (b, g_bytes_get_data (ua, NULL), g_bytes_get_size (ua), NULL, NULL));
  g_assert_cmpstr (pp_awareness_get_state (b, 1), ==, "{\"name\":\"Ada\",\"cursor\":[1,2]}");
  g_assert_cmpuint (seen.changes, ==, 1);
  /* The same update again is old news. */
  g_assert_true (pp_awareness_apply_update (b, g_bytes_get_data (ua, NULL), g_bytes_get_size (ua), NULL, NULL));
  g_assert_cmpuint (seen.changes, ==, 1);

  /* A peer cannot remove our own state; our clock moves on instead. */
  {
    PpAwareness *fake = pp_awareness_new (2);
    guint32 clock_before = pp_awareness_get_clock (b, 2);
    PpEncoder enc;
    pp_encoder_init (&enc);
    pp_write_var_uint (&enc, 1);
    pp_write_var_uint (&enc, 2);
    pp_write_var_uint (&enc, clock_before + 1);
    pp_write_var_string (&enc, "null", -1);
    g_assert_true (pp_awareness_apply_update (b, enc.data, enc.len, NULL, NULL));
    g_assert_nonnull (pp_awareness_get_state (b, 2));
    g_assert_cmpuint (pp_awareness_get_clock (b, 2), ==, clock_before + 2);
    pp_encoder_clear (&enc);
    pp_awareness_free (fake);
  }

  /* Malformed: not JSON, truncated. Nothing changes. */
  g_assert_false (pp_awareness_apply_update (b, not_json, sizeof not_json, NULL, &error));
  g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (pp_awareness_apply_update (b, g_bytes_get_data (ua, NULL), g_bytes_get_size (ua) - 1, NULL, &error));
  g_clear_error (&error);
  g_assert_nonnull (pp_awareness_get_state (b, 1));

  /* 30 s without renewal: a's state times out at b. b renews its own
   * state after 15 s so a keeps it. */
  now_ms += 15000;
  pp_awareness_check (b);
  g_assert_cmpuint (pp_awareness_get_clock (b, 2), >=, 2);
  now_ms += 15000;
  pp_awareness_check (b);
  g_assert_null (pp_awareness_get_state (b, 1));
  g_assert_cmpuint (seen.removed, ==, 1);
  g_assert_nonnull (pp_awareness_get_state (b, 2));

  /* Explicit removal travels as a null state with a newer clock. */
  ub = pp_awareness_encode_update (b, &cb, 1);
  g_assert_true (pp_awareness_apply_update (a, g_bytes_get_data (ub, NULL), g_bytes_get_size (ub), NULL, NULL));
  g_assert_nonnull (pp_awareness_get_state (a, 2));
  pp_awareness_remove_states (b, &cb, 1, NULL);
  removal = pp_awareness_encode_update (b, &cb, 1);
  g_assert_true (pp_awareness_apply_update (a, g_bytes_get_data (removal, NULL), g_bytes_get_size (removal), NULL, NULL));
  g_assert_null (pp_awareness_get_state (a, 2));
  pp_awareness_free (a);
  pp_awareness_free (b);
}

/* ---- the command-line tool ---- */

static void
run_tool (const char * const *args, int *status, char **out, char **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("PAIRPAD_CRDT_TOOL"));
  for (const char * const *a = args; *a; a++)
    g_ptr_array_add (argv, (gpointer) *a);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, status, &error);
  g_assert_no_error (error);
}

static void
test_tool (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pairpad-crdt-XXXXXX", NULL);
  g_autofree char *f1 = g_build_filename (dir, "one.bin", NULL);
  g_autofree char *f2 = g_build_filename (dir, "two.bin", NULL);
  g_autofree char *bad = g_build_filename (dir, "cut.bin", NULL);
  PpDoc *doc = pp_doc_new_with_client_id (314);
  Updates u = { 0, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  pp_doc_connect_update (doc, on_update, &u);
  pp_text_insert (pp_doc_get_text (doc, "code"), 0, "print('hi 😀')\n", -1, NULL);
  g_file_set_contents (f1, g_bytes_get_data (u.last, NULL), g_bytes_get_size (u.last), NULL);
  pp_text_insert (pp_doc_get_text (doc, "notes"), 0, "private", -1, NULL);
  pp_text_delete (pp_doc_get_text (doc, "code"), 0, 6, NULL);
  {
    g_autoptr(GBytes) st = state_of (doc);
    g_file_set_contents (f2, g_bytes_get_data (st, NULL), g_bytes_get_size (st), NULL);
    g_file_set_contents (bad, g_bytes_get_data (st, NULL), g_bytes_get_size (st) - 3, NULL);
  }

  run_tool ((const char *[]) { "apply", f1, NULL }, &status, &out, &err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "print('hi 😀')\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_tool ((const char *[]) { "apply", f1, f2, NULL }, &status, &out, &err);
  g_assert_cmpstr (out, ==, "'hi 😀')\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_tool ((const char *[]) { "apply", "--text", "notes", f2, NULL }, &status, &out, &err);
  g_assert_cmpstr (out, ==, "private");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A truncated file: exit 1, one line naming it and the offset. */
  run_tool ((const char *[]) { "apply", f1, bad, NULL }, &status, &out, &err);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, bad));
  g_assert_nonnull (strstr (err, "at byte "));
  g_assert_cmpuint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_tool ((const char *[]) { "state-vector", f2, NULL }, &status, &out, &err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    g_autofree char *want = g_strdup_printf ("314 %u\n", (guint) (strlen ("print('hi ')\n") + 2 + strlen ("private")));
    g_assert_cmpstr (out, ==, want);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_tool ((const char *[]) { "bogus", NULL }, &status, &out, &err);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* replay: a trace, if the traces are here. */
  {
    g_autofree char *trace = g_build_filename (g_getenv ("PAIRPAD_TESTS_DIR"), "..", "..", "shared", "traces",
                                               "sveltecomponent.json.gz", NULL);
    g_autofree char *outfile = g_build_filename (dir, "svelte.bin", NULL);
    if (g_file_test (trace, G_FILE_TEST_EXISTS))
      {
        g_autofree char *text = NULL;
        run_tool ((const char *[]) { "replay", trace, outfile, NULL }, &status, &out, &err);
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        g_assert_cmpstr (err, ==, "");
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
        run_tool ((const char *[]) { "apply", outfile, NULL }, &status, &text, &err);
        g_assert_cmpuint (g_utf8_strlen (text, -1), ==, 18451);
        g_remove (outfile);
      }
    else
      g_test_message ("No traces: replay not checked");
  }
  g_remove (f1);
  g_remove (f2);
  g_remove (bad);
  g_rmdir (dir);
  g_bytes_unref (u.last);
  pp_doc_free (doc);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crdt/lib0/numbers", test_lib0_numbers);
  g_test_add_func ("/crdt/lib0/any", test_lib0_any);
  g_test_add_func ("/crdt/text/units", test_text_units);
  g_test_add_func ("/crdt/text/random-model", test_text_random_model);
  g_test_add_func ("/crdt/text/concurrent-same-position", test_concurrent_same_position);
  g_test_add_func ("/crdt/text/remote-delete-then-local-insert", test_remote_delete_then_local_insert);
  g_test_add_func ("/crdt/map-and-array", test_map_and_array);
  g_test_add_func ("/crdt/observers", test_observers);
  g_test_add_func ("/crdt/one-update-per-transaction", test_one_update_per_transaction);
  g_test_add_func ("/crdt/pending", test_pending);
  g_test_add_func ("/crdt/malformed-updates", test_malformed_updates);
  g_test_add_func ("/crdt/merge-diff-state-vector", test_merge_diff_sv);
  g_test_add_func ("/crdt/undo", test_undo);
  g_test_add_func ("/crdt/sync-messages", test_sync_messages);
  g_test_add_func ("/crdt/awareness", test_awareness);
  g_test_add_func ("/crdt/tool", test_tool);
  return g_test_run ();
}

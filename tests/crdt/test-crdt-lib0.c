/* test-crdt-lib0.c: lib0 encodings: numbers and Any values
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pp-lib0.h"

static void
test_lib0_numbers (void)
{
  g_auto(PpEncoder) enc = { NULL, 0, 0 };
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
}

static void
test_lib0_any (void)
{
  const char *texts[] = { "true", "false", "int64 42", "int64 -3", "2.5", "0.1", "'héllo 😀'",
                          "@mv nothing", "()", "[<int64 1>, <'x'>, <[<true>]>]",
                          "{'a': <int64 1>, 'b': <{'c': <@mv nothing>}>}", "[byte 1, 2, 255]" };
  g_auto(PpEncoder) enc = { NULL, 0, 0 };

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
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crdt/lib0/numbers", test_lib0_numbers);
  g_test_add_func ("/crdt/lib0/any", test_lib0_any);
  return g_test_run ();
}

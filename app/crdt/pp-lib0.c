/* pp-lib0.c: the lib0 binary encodings that Yjs and y-protocols use
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Byte layouts follow lib0's encoding.js/decoding.js: varUint is 7 bits
 * per byte, low first; varInt puts the sign in bit 6 of the first byte;
 * strings are varUint byte length + UTF-8; "Any" values are a tag byte
 * (127 undefined ... 116 Uint8Array) followed by the value.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pp-lib0.h"

#define ANY_MAX_DEPTH 64

enum {
  ANY_UINT8ARRAY = 116,
  ANY_ARRAY = 117,
  ANY_OBJECT = 118,
  ANY_STRING = 119,
  ANY_TRUE = 120,
  ANY_FALSE = 121,
  ANY_BIGINT = 122,
  ANY_FLOAT64 = 123,
  ANY_FLOAT32 = 124,
  ANY_INTEGER = 125,
  ANY_NULL = 126,
  ANY_UNDEFINED = 127,
};

void
pp_encoder_init (PpEncoder *enc)
{
  enc->cap = 64;
  enc->len = 0;
  enc->data = g_malloc (enc->cap);
}

void
pp_encoder_clear (PpEncoder *enc)
{
  g_clear_pointer (&enc->data, g_free);
  enc->len = enc->cap = 0;
}

void
pp_encoder_grow (PpEncoder *enc, gsize extra)
{
  gsize want = enc->len + extra;

  if (want <= enc->cap)
    return;
  while (enc->cap < want)
    enc->cap = enc->cap ? enc->cap * 2 : 64;
  enc->data = g_realloc (enc->data, enc->cap);
}

/**
 * pp_encoder_free_to_bytes:
 * @enc: an encoder
 *
 * Hands the encoder's buffer over; @enc is empty afterwards.
 *
 * Returns: (transfer full): the bytes written
 */
GBytes *
pp_encoder_free_to_bytes (PpEncoder *enc)
{
  GBytes *bytes = g_bytes_new_take (g_realloc (enc->data, MAX (enc->len, 1)), enc->len);

  enc->data = NULL;
  enc->len = enc->cap = 0;
  return bytes;
}

void
pp_write_var_int (PpEncoder *enc, gint64 v)
{
  gboolean negative = v < 0;
  guint64 n = negative ? (guint64) 0 - (guint64) v : (guint64) v;

  pp_write_u8 (enc, (n > 63 ? 0x80 : 0) | (negative ? 0x40 : 0) | (n & 63));
  n >>= 6;
  while (n > 0)
    {
      pp_write_u8 (enc, (n > 127 ? 0x80 : 0) | (n & 127));
      n >>= 7;
    }
}

void
pp_write_bytes (PpEncoder *enc, const void *data, gsize len)
{
  if (len == 0)
    return;
  pp_encoder_grow (enc, len);
  memcpy (enc->data + enc->len, data, len);
  enc->len += len;
}

void
pp_write_var_bytes (PpEncoder *enc, const void *data, gsize len)
{
  pp_write_var_uint (enc, len);
  pp_write_bytes (enc, data, len);
}

void
pp_write_var_string (PpEncoder *enc, const char *utf8, gssize len)
{
  if (len < 0)
    len = strlen (utf8);
  pp_write_var_bytes (enc, utf8, len);
}

/* Writes UTF-16 as a lib0 string. A lone surrogate becomes U+FFFD, as
 * TextEncoder does in Yjs. */
void
pp_write_var_utf16 (PpEncoder *enc, const gunichar2 *s, gsize n)
{
  gsize bytes = 0;

  for (gsize i = 0; i < n; i++)
    {
      gunichar2 c = s[i];
      if (c < 0x80)
        bytes += 1;
      else if (c < 0x800)
        bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff)
        {
          bytes += 4;
          i++;
        }
      else
        bytes += 3;
    }
  pp_write_var_uint (enc, bytes);
  pp_encoder_grow (enc, bytes);

  guint8 *o = enc->data + enc->len;
  for (gsize i = 0; i < n; i++)
    {
      guint32 c = s[i];
      if (c < 0x80)
        {
          *o++ = c;
          continue;
        }
      if (c < 0x800)
        {
          *o++ = 0xc0 | (c >> 6);
          *o++ = 0x80 | (c & 63);
          continue;
        }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff)
        {
          c = 0x10000 + ((c - 0xd800) << 10) + (s[i + 1] - 0xdc00);
          i++;
          *o++ = 0xf0 | (c >> 18);
          *o++ = 0x80 | ((c >> 12) & 63);
          *o++ = 0x80 | ((c >> 6) & 63);
          *o++ = 0x80 | (c & 63);
          continue;
        }
      if (c >= 0xd800 && c <= 0xdfff)
        c = 0xfffd;
      *o++ = 0xe0 | (c >> 12);
      *o++ = 0x80 | ((c >> 6) & 63);
      *o++ = 0x80 | (c & 63);
    }
  enc->len += bytes;
}

void
pp_write_float32 (PpEncoder *enc, float v)
{
  guint32 bits;

  memcpy (&bits, &v, 4);
  bits = GUINT32_TO_BE (bits);
  pp_write_bytes (enc, &bits, 4);
}

void
pp_write_float64 (PpEncoder *enc, double v)
{
  guint64 bits;

  memcpy (&bits, &v, 8);
  bits = GUINT64_TO_BE (bits);
  pp_write_bytes (enc, &bits, 8);
}

static void
write_number (PpEncoder *enc, double v)
{
  /* The range first: casting a double outside gint64's range is undefined. */
  if (v >= -2147483647.0 && v <= 2147483647.0 && v == (double) (gint64) v &&
      !(v == 0 && signbit (v)))
    {
      pp_write_u8 (enc, ANY_INTEGER);
      pp_write_var_int (enc, (gint64) v);
    }
  else if ((double) (float) v == v)
    {
      pp_write_u8 (enc, ANY_FLOAT32);
      pp_write_float32 (enc, (float) v);
    }
  else
    {
      pp_write_u8 (enc, ANY_FLOAT64);
      pp_write_float64 (enc, v);
    }
}

/* Integers are written the way lib0 writes a JavaScript number holding
 * them, so that Yjs peers read a number, not a BigInt; only integers a
 * number cannot hold exactly become a BigInt. */
static void
write_integer (PpEncoder *enc, gint64 v)
{
  if (v >= -2147483647 && v <= 2147483647)
    {
      pp_write_u8 (enc, ANY_INTEGER);
      pp_write_var_int (enc, v);
    }
  else if (v >= -((G_GINT64_CONSTANT (1) << 53) - 1) && v <= (G_GINT64_CONSTANT (1) << 53) - 1)
    write_number (enc, (double) v);
  else
    {
      guint64 bits = GUINT64_TO_BE ((guint64) v);
      pp_write_u8 (enc, ANY_BIGINT);
      pp_write_bytes (enc, &bits, 8);
    }
}

static void write_any (PpEncoder *enc, GVariant *value);

/**
 * pp_write_any:
 * @enc: an encoder
 * @value: (transfer none): a lib0 Any value; a floating reference is sunk
 *
 * Writes @value as lib0 writes an Any.
 */
void
pp_write_any (PpEncoder *enc, GVariant *value)
{
  if (value == NULL)
    {
      write_any (enc, NULL);
      return;
    }
  g_variant_ref_sink (value);
  write_any (enc, value);
  g_variant_unref (value);
}

/* Maps GVariant values onto lib0 Any: "mv" nothing is null, "()" is
 * undefined, integers, doubles, booleans, strings, "ay" is a Uint8Array,
 * other arrays are arrays, and dictionaries with string keys are objects.
 * A variant or maybe with a value is unwrapped. */
static void
write_any (PpEncoder *enc, GVariant *value)
{
  const GVariantType *type;

  if (value == NULL)
    {
      pp_write_u8 (enc, ANY_UNDEFINED);
      return;
    }
  type = g_variant_get_type (value);
  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_BOOLEAN:
      pp_write_u8 (enc, g_variant_get_boolean (value) ? ANY_TRUE : ANY_FALSE);
      return;
    case G_VARIANT_CLASS_BYTE:
      write_integer (enc, g_variant_get_byte (value));
      return;
    case G_VARIANT_CLASS_INT16:
      write_integer (enc, g_variant_get_int16 (value));
      return;
    case G_VARIANT_CLASS_UINT16:
      write_integer (enc, g_variant_get_uint16 (value));
      return;
    case G_VARIANT_CLASS_INT32:
      write_integer (enc, g_variant_get_int32 (value));
      return;
    case G_VARIANT_CLASS_UINT32:
      write_integer (enc, g_variant_get_uint32 (value));
      return;
    case G_VARIANT_CLASS_INT64:
      write_integer (enc, g_variant_get_int64 (value));
      return;
    case G_VARIANT_CLASS_UINT64:
      {
        guint64 u = g_variant_get_uint64 (value);
        if (u <= G_MAXINT64)
          write_integer (enc, (gint64) u);
        else
          write_number (enc, (double) u);
      }
      return;
    case G_VARIANT_CLASS_DOUBLE:
      write_number (enc, g_variant_get_double (value));
      return;
    case G_VARIANT_CLASS_STRING:
    case G_VARIANT_CLASS_OBJECT_PATH:
    case G_VARIANT_CLASS_SIGNATURE:
      {
        gsize len;
        const char *s = g_variant_get_string (value, &len);
        pp_write_u8 (enc, ANY_STRING);
        pp_write_var_string (enc, s, len);
      }
      return;
    case G_VARIANT_CLASS_VARIANT:
      {
        g_autoptr(GVariant) inner = g_variant_get_variant (value);
        write_any (enc, inner);
      }
      return;
    case G_VARIANT_CLASS_MAYBE:
      {
        g_autoptr(GVariant) inner = g_variant_get_maybe (value);
        if (inner == NULL)
          pp_write_u8 (enc, ANY_NULL);
        else
          write_any (enc, inner);
      }
      return;
    case G_VARIANT_CLASS_ARRAY:
      if (g_variant_type_equal (type, G_VARIANT_TYPE_BYTESTRING))
        {
          gsize n;
          const guint8 *b = g_variant_get_fixed_array (value, &n, 1);
          pp_write_u8 (enc, ANY_UINT8ARRAY);
          pp_write_var_bytes (enc, b, n);
        }
      else if (g_variant_type_is_dict_entry (g_variant_type_element (type)) &&
               g_variant_type_equal (g_variant_type_key (g_variant_type_element (type)), G_VARIANT_TYPE_STRING))
        {
          gsize n = g_variant_n_children (value);
          pp_write_u8 (enc, ANY_OBJECT);
          pp_write_var_uint (enc, n);
          for (gsize i = 0; i < n; i++)
            {
              g_autoptr(GVariant) entry = g_variant_get_child_value (value, i);
              g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);
              g_autoptr(GVariant) val = g_variant_get_child_value (entry, 1);
              gsize klen;
              const char *k = g_variant_get_string (key, &klen);
              pp_write_var_string (enc, k, klen);
              write_any (enc, val);
            }
        }
      else
        {
          gsize n = g_variant_n_children (value);
          pp_write_u8 (enc, ANY_ARRAY);
          pp_write_var_uint (enc, n);
          for (gsize i = 0; i < n; i++)
            {
              g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
              write_any (enc, child);
            }
        }
      return;
    case G_VARIANT_CLASS_TUPLE:
    case G_VARIANT_CLASS_DICT_ENTRY:
    case G_VARIANT_CLASS_HANDLE:
    default:
      pp_write_u8 (enc, ANY_UNDEFINED);
      return;
    }
}

void
pp_decoder_init (PpDecoder *dec, const guint8 *data, gsize len)
{
  dec->start = dec->pos = data;
  /* Empty input may come as NULL, and NULL + 0 is undefined. */
  dec->end = len > 0 ? data + len : data;
  dec->failure = NULL;
  dec->failed_at = 0;
}

void
pp_decoder_fail (PpDecoder *dec, const char *why)
{
  if (dec->failure != NULL)
    return;
  dec->failure = why;
  dec->failed_at = pp_decoder_offset (dec);
  /* Stop all further reads. */
  dec->pos = dec->end;
}

guint64
pp_read_var_uint_slow (PpDecoder *dec)
{
  guint64 num = 0;
  guint shift = 0;

  while (TRUE)
    {
      guint8 r;

      if (dec->pos >= dec->end)
        {
          pp_decoder_fail (dec, "unexpected end of data");
          return 0;
        }
      r = *dec->pos++;
      if (shift >= 53 || (shift > 0 && ((guint64) (r & 0x7f) << shift) >> shift != (guint64) (r & 0x7f)))
        {
          dec->pos--;
          pp_decoder_fail (dec, "integer too large");
          return 0;
        }
      num |= (guint64) (r & 0x7f) << shift;
      shift += 7;
      if (r < 0x80)
        break;
    }
  if (num > (G_GUINT64_CONSTANT (1) << 53) - 1)
    {
      pp_decoder_fail (dec, "integer too large");
      return 0;
    }
  return num;
}

guint32
pp_read_var_u32 (PpDecoder *dec)
{
  const guint8 *at = dec->pos;
  guint64 v = pp_read_var_uint (dec);

  if (v > G_MAXUINT32)
    {
      dec->pos = at;
      pp_decoder_fail (dec, "number out of range");
      return 0;
    }
  return (guint32) v;
}

gint64
pp_read_var_int (PpDecoder *dec)
{
  guint8 r = pp_read_u8 (dec);
  gboolean negative = (r & 0x40) != 0;
  guint64 num = r & 63;
  guint shift = 6;

  while (r & 0x80)
    {
      if (dec->pos >= dec->end)
        {
          pp_decoder_fail (dec, "unexpected end of data");
          return 0;
        }
      r = *dec->pos++;
      if (shift >= 53)
        {
          pp_decoder_fail (dec, "integer too large");
          return 0;
        }
      num |= (guint64) (r & 0x7f) << shift;
      shift += 7;
    }
  if (num > (G_GUINT64_CONSTANT (1) << 53) - 1)
    {
      pp_decoder_fail (dec, "integer too large");
      return 0;
    }
  return negative ? -(gint64) num : (gint64) num;
}

/**
 * pp_read_var_bytes:
 * @dec: a decoder
 * @len: (out): return location for the length in bytes
 *
 * Returns: (transfer none) (array length=len): a pointer into the input
 */
const guint8 *
pp_read_var_bytes (PpDecoder *dec, gsize *len)
{
  guint64 n = pp_read_var_uint (dec);
  const guint8 *p = dec->pos;

  if (!pp_decoder_ok (dec) || n > (guint64) (dec->end - dec->pos))
    {
      pp_decoder_fail (dec, "length runs past the end of data");
      *len = 0;
      return NULL;
    }
  dec->pos += n;
  *len = n;
  return p;
}

/**
 * pp_read_var_string:
 * @dec: a decoder
 * @len: (out): return location for the length in bytes
 *
 * Returns: (transfer none): a pointer into the input, not nul-terminated;
 *   valid UTF-8 (Yjs writes strings with TextEncoder, which never emits
 *   invalid UTF-8)
 */
const char *
pp_read_var_string (PpDecoder *dec, gsize *len)
{
  const guint8 *at = dec->pos;
  const char *s = (const char *) pp_read_var_bytes (dec, len);

  if (s == NULL)
    return "";
  if (!g_utf8_validate_len (s, *len, NULL))
    {
      dec->pos = at;
      pp_decoder_fail (dec, "string is not valid UTF-8");
      *len = 0;
      return "";
    }
  return s;
}

/**
 * pp_read_var_string_dup:
 * @dec: a decoder
 *
 * Returns: (transfer full): the string, nul-terminated
 */
char *
pp_read_var_string_dup (PpDecoder *dec)
{
  gsize len;
  const char *s = pp_read_var_string (dec, &len);

  return g_strndup (s, len);
}

static GVariant *
read_any (PpDecoder *dec, guint depth)
{
  const guint8 *at = dec->pos;
  guint8 tag = pp_read_u8 (dec);

  if (depth > ANY_MAX_DEPTH)
    {
      dec->pos = at;
      pp_decoder_fail (dec, "value nested too deeply");
      return NULL;
    }
  switch (tag)
    {
    case ANY_UNDEFINED:
      return pp_any_new_undefined ();
    case ANY_NULL:
      return pp_any_new_null ();
    case ANY_INTEGER:
      return g_variant_new_int64 (pp_read_var_int (dec));
    case ANY_FLOAT32:
      {
        guint32 bits = 0;
        float f;
        for (int i = 0; i < 4; i++)
          bits = (bits << 8) | pp_read_u8 (dec);
        memcpy (&f, &bits, 4);
        return g_variant_new_double (f);
      }
    case ANY_FLOAT64:
      {
        guint64 bits = 0;
        double d;
        for (int i = 0; i < 8; i++)
          bits = (bits << 8) | pp_read_u8 (dec);
        memcpy (&d, &bits, 8);
        return g_variant_new_double (d);
      }
    case ANY_BIGINT:
      {
        guint64 bits = 0;
        for (int i = 0; i < 8; i++)
          bits = (bits << 8) | pp_read_u8 (dec);
        return g_variant_new_int64 ((gint64) bits);
      }
    case ANY_FALSE:
      return g_variant_new_boolean (FALSE);
    case ANY_TRUE:
      return g_variant_new_boolean (TRUE);
    case ANY_STRING:
      {
        gsize len;
        const char *s = pp_read_var_string (dec, &len);
        g_autofree char *copy = g_strndup (s, len);
        if (memchr (s, 0, len) != NULL)
          {
            /* GVariant strings cannot hold NUL; keep the bytes instead. */
            return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, s, len, 1);
          }
        return g_variant_new_string (copy);
      }
    case ANY_OBJECT:
      {
        guint64 n = pp_read_var_uint (dec);
        GVariantBuilder b;
        if (n > (guint64) (dec->end - dec->pos))
          {
            pp_decoder_fail (dec, "length runs past the end of data");
            return NULL;
          }
        g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
        for (guint64 i = 0; i < n && pp_decoder_ok (dec); i++)
          {
            g_autofree char *key = pp_read_var_string_dup (dec);
            GVariant *v = read_any (dec, depth + 1);
            if (v == NULL)
              break;
            g_variant_builder_add (&b, "{sv}", key, v);
          }
        if (!pp_decoder_ok (dec))
          {
            g_variant_builder_clear (&b);
            return NULL;
          }
        return g_variant_builder_end (&b);
      }
    case ANY_ARRAY:
      {
        guint64 n = pp_read_var_uint (dec);
        GVariantBuilder b;
        if (n > (guint64) (dec->end - dec->pos))
          {
            pp_decoder_fail (dec, "length runs past the end of data");
            return NULL;
          }
        g_variant_builder_init (&b, G_VARIANT_TYPE ("av"));
        for (guint64 i = 0; i < n && pp_decoder_ok (dec); i++)
          {
            GVariant *v = read_any (dec, depth + 1);
            if (v == NULL)
              break;
            g_variant_builder_add (&b, "v", v);
          }
        if (!pp_decoder_ok (dec))
          {
            g_variant_builder_clear (&b);
            return NULL;
          }
        return g_variant_builder_end (&b);
      }
    case ANY_UINT8ARRAY:
      {
        gsize len;
        const guint8 *p = pp_read_var_bytes (dec, &len);
        if (p == NULL)
          return NULL;
        return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, p, len, 1);
      }
    default:
      dec->pos = at;
      pp_decoder_fail (dec, "unknown value type");
      return NULL;
    }
}

/**
 * pp_read_any:
 * @dec: a decoder
 *
 * Returns: (transfer full) (nullable): the value (not floating), or %NULL
 *   with @dec failed
 */
GVariant *
pp_read_any (PpDecoder *dec)
{
  GVariant *v = read_any (dec, 0);

  if (v == NULL || !pp_decoder_ok (dec))
    {
      if (v != NULL)
        g_variant_unref (g_variant_ref_sink (v));
      if (pp_decoder_ok (dec))
        pp_decoder_fail (dec, "bad value");
      return NULL;
    }
  return g_variant_ref_sink (v);
}

/**
 * pp_any_new_null:
 *
 * Returns: (transfer floating): JavaScript's null, as "mv" with no value
 */
GVariant *
pp_any_new_null (void)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL);
}

/**
 * pp_any_new_undefined:
 *
 * Returns: (transfer floating): JavaScript's undefined, as "()"
 */
GVariant *
pp_any_new_undefined (void)
{
  return g_variant_new_tuple (NULL, 0);
}

/* Returns the number of UTF-16 units of valid UTF-8 text. */
gsize
pp_utf8_utf16_len (const char *s, gsize len, gsize *n_code_points)
{
  const guint8 *p = (const guint8 *) s, *end = p + len;
  gsize units = 0, cps = 0;

  while (p < end)
    {
      guint8 c = *p;
      if (c < 0x80)
        p += 1;
      else if (c < 0xe0)
        p += 2;
      else if (c < 0xf0)
        p += 3;
      else
        {
          p += 4;
          units++;
        }
      units++;
      cps++;
    }
  if (n_code_points)
    *n_code_points = cps;
  return units;
}

void
pp_utf8_to_utf16 (const char *s, gsize len, gunichar2 *out)
{
  const guint8 *p = (const guint8 *) s, *end = p + len;

  while (p < end)
    {
      guint32 c = *p;
      if (c < 0x80)
        {
          *out++ = c;
          p += 1;
        }
      else if (c < 0xe0)
        {
          *out++ = ((c & 0x1f) << 6) | (p[1] & 0x3f);
          p += 2;
        }
      else if (c < 0xf0)
        {
          *out++ = ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
          p += 3;
        }
      else
        {
          c = ((c & 0x07) << 18) | ((p[1] & 0x3f) << 12) | ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
          c -= 0x10000;
          *out++ = 0xd800 + (c >> 10);
          *out++ = 0xdc00 + (c & 0x3ff);
          p += 4;
        }
    }
}

void
pp_utf16_append_utf8 (GString *out, const gunichar2 *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      guint32 c = s[i];
      if (c < 0x80)
        {
          g_string_append_c (out, (char) c);
          continue;
        }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff)
        {
          c = 0x10000 + ((c - 0xd800) << 10) + (s[i + 1] - 0xdc00);
          i++;
        }
      else if (c >= 0xd800 && c <= 0xdfff)
        c = 0xfffd;
      g_string_append_unichar (out, c);
    }
}

gsize
pp_utf16_count_code_points (const gunichar2 *s, gsize n)
{
  gsize cps = n;

  for (gsize i = 0; i + 1 < n; i++)
    if (s[i] >= 0xd800 && s[i] <= 0xdbff && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff)
      {
        cps--;
        i++;
      }
  return cps;
}

/* pp-lib0.h: the lib0 binary encodings that Yjs and y-protocols use
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A growable output buffer. */
typedef struct {
  guint8 *data;
  gsize len;
  gsize cap;
} PpEncoder;

void     pp_encoder_init          (PpEncoder *enc);
void     pp_encoder_clear         (PpEncoder *enc);
void     pp_encoder_grow          (PpEncoder *enc, gsize extra);
GBytes  *pp_encoder_free_to_bytes (PpEncoder *enc);

static inline void
pp_write_u8 (PpEncoder *enc, guint8 b)
{
  if (G_UNLIKELY (enc->len == enc->cap))
    pp_encoder_grow (enc, 1);
  enc->data[enc->len++] = b;
}

static inline void
pp_write_var_uint (PpEncoder *enc, guint64 v)
{
  if (G_UNLIKELY (enc->cap - enc->len < 10))
    pp_encoder_grow (enc, 10);
  while (v > 0x7f)
    {
      enc->data[enc->len++] = 0x80 | (v & 0x7f);
      v >>= 7;
    }
  enc->data[enc->len++] = (guint8) v;
}

void     pp_write_var_int       (PpEncoder *enc, gint64 v);
void     pp_write_bytes         (PpEncoder *enc, const void *data, gsize len);
void     pp_write_var_bytes     (PpEncoder *enc, const void *data, gsize len);
void     pp_write_var_string    (PpEncoder *enc, const char *utf8, gssize len);
void     pp_write_var_utf16     (PpEncoder *enc, const gunichar2 *s, gsize n);
void     pp_write_float32       (PpEncoder *enc, float v);
void     pp_write_float64       (PpEncoder *enc, double v);
void     pp_write_any           (PpEncoder *enc, GVariant *value);

/* A reader over untrusted bytes. Every read checks bounds; the first
 * failure is kept (with its offset) and later reads return zeroes. */
typedef struct {
  const guint8 *start;
  const guint8 *pos;
  const guint8 *end;
  gsize failed_at;
  const char *failure;   /* static string, NULL while all is well */
} PpDecoder;

void     pp_decoder_init        (PpDecoder *dec, const guint8 *data, gsize len);
void     pp_decoder_fail        (PpDecoder *dec, const char *why);

static inline gboolean
pp_decoder_ok (const PpDecoder *dec)
{
  return dec->failure == NULL;
}

static inline gsize
pp_decoder_offset (const PpDecoder *dec)
{
  return (gsize) (dec->pos - dec->start);
}

static inline gboolean
pp_decoder_has_content (const PpDecoder *dec)
{
  return dec->pos < dec->end;
}

static inline guint8
pp_read_u8 (PpDecoder *dec)
{
  if (G_UNLIKELY (dec->pos >= dec->end))
    {
      pp_decoder_fail (dec, "unexpected end of data");
      return 0;
    }
  return *dec->pos++;
}

guint64  pp_read_var_uint_slow  (PpDecoder *dec);

static inline guint64
pp_read_var_uint (PpDecoder *dec)
{
  if (G_LIKELY (dec->pos < dec->end && *dec->pos < 0x80))
    return *dec->pos++;
  return pp_read_var_uint_slow (dec);
}

/* A varUint that must fit in 32 bits (client ids, clocks, lengths). */
guint32       pp_read_var_u32       (PpDecoder *dec);
gint64        pp_read_var_int       (PpDecoder *dec);
const guint8 *pp_read_var_bytes     (PpDecoder *dec, gsize *len);
/* Returns a pointer into the input and its byte length; validates UTF-8
 * (Yjs writes strings with TextEncoder, which never emits invalid UTF-8). */
const char   *pp_read_var_string    (PpDecoder *dec, gsize *len);
char         *pp_read_var_string_dup (PpDecoder *dec);
GVariant     *pp_read_any           (PpDecoder *dec);

/* UTF-8 <-> UTF-16 helpers used by text content. */
gsize    pp_utf8_utf16_len      (const char *s, gsize len, gsize *n_code_points);
void     pp_utf8_to_utf16       (const char *s, gsize len, gunichar2 *out);
void     pp_utf16_append_utf8   (GString *out, const gunichar2 *s, gsize n);
gsize    pp_utf16_count_code_points (const gunichar2 *s, gsize n);

/* GVariant forms of lib0 "Any" values. */
#define PP_ANY_IS_NULL(v)       (g_variant_is_of_type ((v), G_VARIANT_TYPE ("mv")))
GVariant *pp_any_new_null       (void);
GVariant *pp_any_new_undefined  (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PpEncoder, pp_encoder_clear)

G_END_DECLS

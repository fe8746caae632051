/* pp-frame.c: frames on a session's data channel
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "pp-frame.h"
#include "pp-lib0.h"

/* A chunk's kind and its varUint count, at their largest. */
#define CHUNK_HEADER_MAX (2 + 10)

struct _PpFrameAssembler
{
  GByteArray *data;   /* owned; NULL between frames */
  gsize expected;     /* the whole frame's length */
};

GBytes *
pp_frame_build (PpFrameKind   kind,
                const guint8 *payload,
                gsize         len)
{
  g_auto(PpEncoder) enc = { 0 };

  pp_encoder_init (&enc);
  pp_write_var_uint (&enc, kind);
  pp_write_bytes (&enc, payload, len);
  return pp_encoder_free_to_bytes (&enc);
}

GBytes *
pp_frame_build_control (const char *json)
{
  g_auto(PpEncoder) enc = { 0 };

  g_return_val_if_fail (json != NULL, NULL);

  pp_encoder_init (&enc);
  pp_write_var_uint (&enc, PP_FRAME_CONTROL);
  pp_write_var_string (&enc, json, -1);
  return pp_encoder_free_to_bytes (&enc);
}

GPtrArray *
pp_frame_split (GBytes *frame,
                gsize   max_message)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize len;
  const guint8 *data = g_bytes_get_data (frame, &len);
  gsize piece = max_message - CHUNK_HEADER_MAX;
  gsize offset = 0;

  g_return_val_if_fail (max_message > CHUNK_HEADER_MAX, messages);

  if (len <= max_message)
    {
      g_ptr_array_add (messages, g_bytes_ref (frame));
      return messages;
    }

  while (offset < len)
    {
      g_auto(PpEncoder) enc = { 0 };
      gsize n = MIN (piece, len - offset);

      pp_encoder_init (&enc);
      pp_write_var_uint (&enc, PP_FRAME_CHUNK);
      pp_write_var_uint (&enc, len - offset - n);
      pp_write_bytes (&enc, data + offset, n);
      g_ptr_array_add (messages, pp_encoder_free_to_bytes (&enc));
      offset += n;
    }
  return messages;
}

gboolean
pp_frame_parse (GBytes        *frame,
                PpFrameKind   *kind,
                const guint8 **payload,
                gsize         *len,
                GError       **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (frame, &size);
  PpDecoder dec;
  guint64 k;

  pp_decoder_init (&dec, data, size);
  k = pp_read_var_uint (&dec);
  if (!pp_decoder_ok (&dec) || (k != PP_FRAME_SYNC && k != PP_FRAME_AWARENESS &&
                                k != PP_FRAME_CONTROL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "A message of unknown kind %" G_GUINT64_FORMAT, k);
      return FALSE;
    }
  *kind = (PpFrameKind) k;
  *payload = dec.pos;
  *len = dec.end - dec.pos;
  return TRUE;
}

PpFrameAssembler *
pp_frame_assembler_new (void)
{
  return g_new0 (PpFrameAssembler, 1);
}

void
pp_frame_assembler_free (PpFrameAssembler *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->data, g_byte_array_unref);
  g_free (self);
}

static gboolean
chunk_failed (PpFrameAssembler *self,
              const char       *why,
              GError          **error)
{
  g_clear_pointer (&self->data, g_byte_array_unref);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", why);
  return FALSE;
}

gboolean
pp_frame_assembler_push (PpFrameAssembler *self,
                         GBytes           *message,
                         GBytes          **frame,
                         GError          **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (message, &size);
  PpDecoder dec;
  guint64 kind, remaining;
  gsize n;

  *frame = NULL;
  pp_decoder_init (&dec, data, size);
  kind = pp_read_var_uint (&dec);
  if (!pp_decoder_ok (&dec))
    return chunk_failed (self, "An empty message", error);

  if (kind != PP_FRAME_CHUNK)
    {
      if (self->data != NULL)
        return chunk_failed (self, "A message came between the chunks of another", error);
      *frame = g_bytes_ref (message);
      return TRUE;
    }

  remaining = pp_read_var_uint (&dec);
  if (!pp_decoder_ok (&dec))
    return chunk_failed (self, "A chunk without its length", error);
  n = dec.end - dec.pos;

  if (self->data == NULL)
    {
      if (n == 0 || remaining == 0 || remaining > PP_FRAME_MAX_ASSEMBLED - n)
        return chunk_failed (self, "A first chunk of an impossible size", error);
      self->expected = n + remaining;
      self->data = g_byte_array_sized_new (self->expected);
    }
  else if (n == 0 || self->data->len + n + remaining != self->expected)
    return chunk_failed (self, "A chunk that does not fit the ones before it", error);

  g_byte_array_append (self->data, dec.pos, n);
  if (remaining == 0)
    {
      *frame = g_byte_array_free_to_bytes (g_steal_pointer (&self->data));
      if (!g_bytes_get_size (*frame) || ((const guint8 *) g_bytes_get_data (*frame, NULL))[0] == PP_FRAME_CHUNK)
        {
          g_clear_pointer (frame, g_bytes_unref);
          return chunk_failed (self, "Chunks that hold chunks", error);
        }
    }
  return TRUE;
}

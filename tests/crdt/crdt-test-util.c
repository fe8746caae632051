/* crdt-test-util.c: what the CRDT's tests share
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crdt-test-util.h"
#include "pp-lib0.h"

GBytes *
state_of (PpDoc *doc)
{
  return pp_doc_encode_state (doc, NULL, 0, NULL);
}

void
sync_into (PpDoc *to, PpDoc *from)
{
  g_autoptr(GBytes) sv = pp_doc_encode_state_vector (to);
  g_autoptr(GBytes) diff = pp_doc_encode_state (from, g_bytes_get_data (sv, NULL), g_bytes_get_size (sv), NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pp_doc_apply_remote_update (to, g_bytes_get_data (diff, NULL), g_bytes_get_size (diff), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pp_doc_take_refused (to, NULL, &error), ==, 0);
  g_assert_no_error (error);
}

char *
text_of (PpDoc *doc)
{
  return pp_text_to_string (pp_doc_get_text (doc, "code"));
}

void
on_update (PpDoc *doc, const guint8 *u, gsize len, const PpTransactionInfo *info, gpointer data)
{
  Updates *up = data;

  up->n++;
  g_clear_pointer (&up->last, g_bytes_unref);
  up->last = g_bytes_new (u, len);
}

void
updates_clear (Updates *updates)
{
  g_clear_pointer (&updates->last, g_bytes_unref);
}

/* An update of the given structs, one client block each, and of the
 * given deletes. */
GBytes *
build_update (const Struct *structs, guint n, const Deleted *deletes, guint n_deletes)
{
  PpEncoder enc;

  pp_encoder_init (&enc);
  pp_write_var_uint (&enc, n);
  for (guint i = 0; i < n; i++)
    {
      const Struct *s = &structs[i];
      gboolean placed = s->origin != NULL || s->right != NULL;
      guint8 info = s->text != NULL ? 4 : 7;

      pp_write_var_uint (&enc, 1);
      pp_write_var_uint (&enc, s->client);
      pp_write_var_uint (&enc, s->clock);
      if (s->origin != NULL)
        info |= 0x80;
      if (s->right != NULL)
        info |= 0x40;
      if (!placed && s->key != NULL)
        info |= 0x20;
      pp_write_u8 (&enc, info);
      if (s->origin != NULL)
        {
          pp_write_var_uint (&enc, s->origin->client);
          pp_write_var_uint (&enc, s->origin->clock);
        }
      if (s->right != NULL)
        {
          pp_write_var_uint (&enc, s->right->client);
          pp_write_var_uint (&enc, s->right->clock);
        }
      if (!placed && s->root != NULL)
        {
          pp_write_var_uint (&enc, 1);
          pp_write_var_string (&enc, s->root, -1);
        }
      else if (!placed)
        {
          pp_write_var_uint (&enc, 0);
          pp_write_var_uint (&enc, s->parent->client);
          pp_write_var_uint (&enc, s->parent->clock);
        }
      if (!placed && s->key != NULL)
        pp_write_var_string (&enc, s->key, -1);
      if (s->text != NULL)
        pp_write_var_string (&enc, s->text, -1);
      else
        pp_write_var_uint (&enc, 1);   /* a Y.Map */
    }
  pp_write_var_uint (&enc, n_deletes);
  for (guint i = 0; i < n_deletes; i++)
    {
      pp_write_var_uint (&enc, deletes[i].client);
      pp_write_var_uint (&enc, 1);
      pp_write_var_uint (&enc, deletes[i].clock);
      pp_write_var_uint (&enc, deletes[i].len);
    }
  return pp_encoder_free_to_bytes (&enc);
}

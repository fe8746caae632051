/* crdt-test-util.c: what the CRDT's tests share
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crdt-test-util.h"

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

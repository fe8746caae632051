/* fuzz-update: libFuzzer target for everything that decodes peer bytes
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks what the rest is fed to: a Yjs update (into an
 * empty document and into one with content), a y-protocols sync message,
 * an awareness update, or a merge of the input's two halves. Whatever
 * is accepted must encode again into an update a fresh document accepts.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pp-crdt.h"
#include "pp-sync.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static PpDoc *
reload (PpDoc *doc)
{
  g_autoptr(GBytes) state = pp_doc_encode_state (doc, NULL, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpDoc) copy = pp_doc_new ();

  if (!pp_doc_apply_update (copy, g_bytes_get_data (state, NULL), g_bytes_get_size (state), NULL, &error))
    {
      fprintf (stderr, "Our own encoding was rejected: %s\n", error->message);
      abort ();
    }
  return g_steal_pointer (&copy);
}

/* What we write must load again. (Its text need not match: hostile
 * updates can give an item origins no real peer would, such as a left
 * origin equal to or right of its right origin, and then the order
 * depends on how runs were split, in Yjs as here.) */
static void
check_roundtrip (PpDoc *doc)
{
  g_autoptr(PpDoc) once = reload (doc);
  g_autoptr(PpDoc) twice G_GNUC_UNUSED = reload (once);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  if (size < 1)
    return 0;
  switch (data[0] % 4)
    {
    case 0:
      {
        g_autoptr(PpDoc) empty = pp_doc_new_with_client_id (1);
        g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (2);
        if (pp_doc_apply_update (empty, data + 1, size - 1, NULL, NULL))
          check_roundtrip (empty);
        pp_text_insert (pp_doc_get_text (doc, "code"), 0, "base 😀 text", -1, NULL);
        pp_map_set (pp_doc_get_map (doc, "meta"), "k", g_variant_new_int64 (1));
        if (pp_doc_apply_update (doc, data + 1, size - 1, NULL, NULL))
          {
            pp_text_insert (pp_doc_get_text (doc, "code"), 0, "x", -1, NULL);
            check_roundtrip (doc);
          }
      }
      break;
    case 1:
      {
        g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (3);
        g_autoptr(GBytes) reply = NULL;
        pp_sync_read_message (doc, data + 1, size - 1, NULL, &reply, NULL);
      }
      break;
    case 2:
      {
        g_autoptr(PpAwareness) aw = pp_awareness_new (4);
        guint n;
        g_autofree guint32 *clients = NULL;
        g_autoptr(GBytes) again = NULL;
        pp_awareness_apply_update (aw, data + 1, size - 1, NULL, NULL);
        clients = pp_awareness_get_clients (aw, &n);
        again = pp_awareness_encode_update (aw, clients, n);
      }
      break;
    default:
      {
        gsize half = (size - 1) / 2;
        g_autoptr(GBytes) a = g_bytes_new (data + 1, half);
        g_autoptr(GBytes) b = g_bytes_new (data + 1 + half, size - 1 - half);
        GBytes *both[2] = { a, b };
        g_autoptr(GBytes) merged = pp_update_merge (both, 2, NULL);
        if (merged != NULL)
          {
            g_autoptr(GBytes) sv G_GNUC_UNUSED = pp_update_state_vector (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged), NULL);
            g_autoptr(PpDoc) doc = pp_doc_new ();
            pp_doc_apply_update (doc, g_bytes_get_data (merged, NULL), g_bytes_get_size (merged), NULL, NULL);
          }
      }
      break;
    }
  return 0;
}

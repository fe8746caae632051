/* fuzz-update: libFuzzer target for everything that decodes peer bytes
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks what the rest is fed to: a Yjs update (into an
 * empty document and into one with content), a y-protocols sync message,
 * an awareness update, a merge of the input's two halves, or two updates
 * from a peer applied by two honest peers. Whatever is accepted must
 * encode again into an update a fresh document accepts.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-peers.h"
#include "pp-crdt.h"
/* Only to list a document's root types, which the API does not. */
#include "pp-crdt-private.h"
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

/* What we write must load again. (Its text need not match: the plain
 * path trusts its input and does not check origins, and with origins no
 * real peer writes, such as a left origin equal to or right of its right
 * origin, the order depends on how runs were split, in Yjs as here. The
 * remote path refuses those: see the two peers below, whose text must
 * match.) */
static void
check_roundtrip (PpDoc *doc)
{
  g_autoptr(PpDoc) once = reload (doc);
  g_autoptr(PpDoc) twice G_GNUC_UNUSED = reload (once);
}

static G_NORETURN void
diverged (const char *what)
{
  fprintf (stderr, "Honest peers diverged: %s\n", what);
  abort ();
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Everything a user sees of a document, and its state vector: each root
 * type's text and map entries, by name. */
static char *
seen (PpDoc *doc)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) sv = pp_doc_encode_state_vector (doc);
  g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (doc->share, NULL);
  guint n = g_hash_table_size (doc->share);

  for (gsize i = 0; i < g_bytes_get_size (sv); i++)
    g_string_append_printf (out, "%02x", ((const guint8 *) g_bytes_get_data (sv, NULL))[i]);
  g_string_append_c (out, '\n');
  qsort (names, n, sizeof (char *), compare_names);
  for (guint i = 0; i < n; i++)
    {
      PpYType *root = g_hash_table_lookup (doc->share, names[i]);
      g_autofree char *text = pp_text_to_string (root);
      g_autoptr(GVariant) map = pp_map_to_variant (root);
      g_autofree char *entries = g_variant_print (map, FALSE);

      /* A root nothing was put in is the same as one never named. */
      if (*text == '\0' && g_variant_n_children (map) == 0)
        continue;
      g_string_append_printf (out, "%s: %s %s\n", names[i], text, entries);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GBytes *
state (PpDoc *doc)
{
  return pp_doc_encode_state (doc, NULL, 0, NULL);
}

/* Applies a peer's update to both peers: both take it or both refuse
 * it, and a refusal leaves a peer exactly as it was. */
static void
apply_to_both (PpDoc *a, PpDoc *b, const guint8 *update, gsize len)
{
  g_autoptr(GBytes) before_a = state (a);
  g_autoptr(GBytes) before_b = state (b);
  gboolean pending_a = pp_doc_has_pending (a), pending_b = pp_doc_has_pending (b);
  gboolean took_a = pp_doc_apply_remote_update (a, update, len, NULL, NULL);
  gboolean took_b = pp_doc_apply_remote_update (b, update, len, NULL, NULL);

  if (took_a != took_b)
    diverged ("one took an update the other refused");
  if (!took_a)
    {
      g_autoptr(GBytes) after_a = state (a);
      g_autoptr(GBytes) after_b = state (b);
      if (!g_bytes_equal (before_a, after_a) || !g_bytes_equal (before_b, after_b) ||
          pending_a != pp_doc_has_pending (a) || pending_b != pp_doc_has_pending (b))
        {
          fprintf (stderr, "A refused update changed the document\n");
          abort ();
        }
    }
  if (pp_doc_take_refused (a, NULL, NULL) != pp_doc_take_refused (b, NULL, NULL))
    diverged ("one dropped a waiting change the other took");
}

/* Our own encoding of what passed the checks passes them again, and
 * loads to the same content. */
static void
check_reload_alike (PpDoc *doc, const char *want)
{
  g_autoptr(GBytes) saved = state (doc);
  g_autoptr(PpDoc) copy = pp_doc_new_with_client_id (9);
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  if (!pp_doc_apply_remote_update (copy, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), NULL, &error))
    {
      fprintf (stderr, "Our own encoding of checked content was refused: %s\n", error->message);
      abort ();
    }
  got = seen (copy);
  if (strcmp (got, want) != 0)
    {
      fprintf (stderr, "%s---\n%s", want, got);
      diverged ("a save and load changed the content");
    }
}

/* Two honest peers with the same content, its runs split differently,
 * take the same two updates from a peer (the second byte is the first
 * one's length): they must end alike, and stay alike through a save and
 * load. */
static void
two_peers (const guint8 *data, size_t size)
{
  g_autoptr(PpDoc) a = fuzz_peer_new (5, TRUE);
  g_autoptr(PpDoc) b = fuzz_peer_new (6, FALSE);
  g_autofree char *seen_a = NULL, *seen_b = NULL;
  gsize first;

  if (size < 1)
    return;
  first = MIN (data[0], size - 1);
  apply_to_both (a, b, data + 1, first);
  apply_to_both (a, b, data + 1 + first, size - 1 - first);
  seen_a = seen (a);
  seen_b = seen (b);
  if (strcmp (seen_a, seen_b) != 0)
    {
      fprintf (stderr, "%s---\n%s", seen_a, seen_b);
      diverged ("their content differs");
    }
  check_reload_alike (a, seen_a);
  check_reload_alike (b, seen_b);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  if (size < 1)
    return 0;
  switch (data[0] % 5)
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
        g_autoptr(PpDoc) checked = pp_doc_new_with_client_id (3);
        g_autoptr(GBytes) reply = NULL, checked_reply = NULL;
        pp_sync_read_message (doc, data + 1, size - 1, NULL, &reply, NULL);
        pp_sync_read_remote_message (checked, data + 1, size - 1, NULL, &checked_reply, NULL);
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
    case 4:
      two_peers (data + 1, size - 1);
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

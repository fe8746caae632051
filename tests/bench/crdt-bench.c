/* crdt-bench: Pairpad's side of tests/bench/crdt-compare
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: crdt-bench TRACE.json.gz RUNS
 * Prints name=value lines (medians over RUNS). The trace is parsed before
 * timing; each run replays into a fresh document with client id 1, one
 * transaction per trace transaction. Loading, merging and applying the
 * trace's updates one by one are measured both ways a peer may apply an
 * update: plain (trusted) and remote (checked, as from a peer).
 */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "pp-crdt.h"
#include "pp-trace.h"

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v, int n)
{
  qsort (v, n, sizeof (double), compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
keep_update (PpDoc *doc, const guint8 *update, gsize len, const PpTransactionInfo *info, gpointer data)
{
  g_ptr_array_add (data, g_bytes_new (update, len));
}

/* Applies updates to a fresh document as a peer receives them: with the
 * checks on peers' updates (remote) or without; returns milliseconds. */
static double
apply_all (GPtrArray *updates, gboolean remote, const char *want)
{
  g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (2);
  g_autofree char *text = NULL;
  double t0 = now_ms (), t;

  for (guint i = 0; i < updates->len; i++)
    {
      gsize len;
      const guint8 *u = g_bytes_get_data (updates->pdata[i], &len);
      g_autoptr(GError) error = NULL;
      if (!(remote ? pp_doc_apply_remote_update : pp_doc_apply_update) (doc, u, len, NULL, &error))
        {
          fprintf (stderr, "crdt-bench: %s\n", error->message);
          exit (1);
        }
    }
  t = now_ms () - t0;
  text = pp_text_to_string (pp_doc_get_text (doc, "code"));
  if (want != NULL && g_strcmp0 (text, want) != 0)
    {
      fprintf (stderr, "crdt-bench: the updates do not give endContent\n");
      exit (1);
    }
  return t;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpTrace) trace = NULL;
  g_autoptr(GBytes) snapshot = NULL;
  int runs;
  g_autofree double *replay = NULL, *load = NULL, *merge = NULL;
  g_autofree double *updates_plain = NULL, *updates_remote = NULL, *load_remote = NULL, *merge_remote = NULL;
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize heap = 0;

  if (argc != 3)
    {
      fprintf (stderr, "usage: crdt-bench TRACE.json.gz RUNS\n");
      return 2;
    }
  runs = atoi (argv[2]);
  trace = pp_trace_load (argv[1], &error);
  if (trace == NULL)
    {
      fprintf (stderr, "crdt-bench: %s\n", error->message);
      return 1;
    }
  replay = g_new (double, runs);
  load = g_new (double, runs);
  merge = g_new (double, runs);
  updates_plain = g_new (double, runs);
  updates_remote = g_new (double, runs);
  load_remote = g_new (double, runs);
  merge_remote = g_new (double, runs);

  for (int r = 0; r < runs; r++)
    {
      size_t before = mallinfo2 ().uordblks;
      g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (1);
      PpText *text = pp_doc_get_text (doc, "code");
      double t0 = now_ms ();
      g_autofree char *result = NULL;

      if (!pp_trace_replay (trace, text, &error))
        {
          fprintf (stderr, "crdt-bench: %s\n", error->message);
          return 1;
        }
      replay[r] = now_ms () - t0;
      heap = mallinfo2 ().uordblks - before;
      result = pp_text_to_string (text);
      if (trace->end_content && g_strcmp0 (result, trace->end_content) != 0)
        {
          fprintf (stderr, "crdt-bench: the replay does not give endContent\n");
          return 1;
        }
      if (snapshot == NULL)
        snapshot = pp_doc_encode_state (doc, NULL, 0, NULL);
    }

  /* Plain and remote alternate, each document gone before the next, so
   * that neither finds a warmer heap. */
  for (int r = 0; r < runs * 2; r++)
    {
      g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (2);
      gboolean remote = r % 2;
      double t0 = now_ms ();
      if (!(remote ? pp_doc_apply_remote_update : pp_doc_apply_update) (doc, g_bytes_get_data (snapshot, NULL),
                                                                         g_bytes_get_size (snapshot), NULL, &error))
        {
          fprintf (stderr, "crdt-bench: %s\n", error->message);
          return 1;
        }
      pp_text_length (pp_doc_get_text (doc, "code"));
      (remote ? load_remote : load)[r / 2] = now_ms () - t0;
    }

  /* The trace as a peer receives it: one update per transaction. */
  {
    g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (1);

    pp_doc_connect_update (doc, keep_update, updates);
    if (!pp_trace_replay (trace, pp_doc_get_text (doc, "code"), &error))
      {
        fprintf (stderr, "crdt-bench: %s\n", error->message);
        return 1;
      }
  }
  for (int r = 0; r < runs; r++)
    {
      updates_plain[r] = apply_all (updates, FALSE, trace->end_content);
      updates_remote[r] = apply_all (updates, TRUE, trace->end_content);
    }

  /* The trace typed three times in a row (eg-walker's S1 style), then its
   * whole state applied to an empty document as one remote update. */
  {
    g_autoptr(GBytes) big = NULL;

    {
      /* Gone before the runs, so they find the heap as a receiving
       * peer would. */
      g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (1);
      PpText *text = pp_doc_get_text (doc, "code");

      for (int round = 0; round < 3; round++)
        if (!pp_trace_replay_at (trace, text, pp_text_length_cp (text), &error))
          {
            fprintf (stderr, "crdt-bench: %s\n", error->message);
            return 1;
          }
      big = pp_doc_encode_state (doc, NULL, 0, NULL);
    }
    for (int r = 0; r < runs * 2; r++)
      {
        g_autoptr(PpDoc) target = pp_doc_new_with_client_id (2);
        gboolean remote = r % 2;
        double t0 = now_ms ();
        (remote ? pp_doc_apply_remote_update : pp_doc_apply_update) (target, g_bytes_get_data (big, NULL),
                                                                     g_bytes_get_size (big), NULL, NULL);
        (remote ? merge_remote : merge)[r / 2] = now_ms () - t0;
      }
  }

  printf ("replay_ms_pairpad=%.2f\n", median (replay, runs));
  printf ("snapshot_bytes_pairpad=%" G_GSIZE_FORMAT "\n", g_bytes_get_size (snapshot));
  printf ("load_ms_pairpad=%.2f\n", median (load, runs));
  printf ("heap_bytes_pairpad=%" G_GSIZE_FORMAT "\n", heap);
  printf ("merge_ms_pairpad=%.2f\n", median (merge, runs));
  {
    double up = median (updates_plain, runs), ur = median (updates_remote, runs);
    double lp = median (load, runs), lr = median (load_remote, runs);
    double mp = median (merge, runs), mr = median (merge_remote, runs);

    printf ("updates_n_pairpad=%u\n", updates->len);
    printf ("updates_ms_plain_pairpad=%.2f\n", up);
    printf ("updates_ms_remote_pairpad=%.2f\n", ur);
    printf ("load_ms_remote_pairpad=%.2f\n", lr);
    printf ("merge_ms_remote_pairpad=%.2f\n", mr);
    printf ("remote_ratio_updates=%.2f\n", ur / up);
    printf ("remote_ratio_load=%.2f\n", lr / lp);
    printf ("remote_ratio_merge=%.2f\n", mr / mp);
  }
  return 0;
}

/* pp-trace.h: editing traces (josephg/editing-traces format)
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-crdt.h"

G_BEGIN_DECLS

typedef struct {
  guint pos;          /* code points */
  guint del;          /* code points */
  const char *ins;    /* UTF-8 */
  gsize ins_len;
} PpTracePatch;

typedef struct {
  guint first_patch;
  guint n_patches;
  guint agent;
  guint n_parents;
  guint *parents;     /* indices of earlier transactions */
} PpTraceTxn;

typedef struct {
  char *end_content;
  gboolean concurrent;
  guint n_agents;
  GArray *txns;       /* PpTraceTxn */
  GArray *patches;    /* PpTracePatch */
  GStringChunk *strings;
} PpTrace;

PpTrace  *pp_trace_load    (const char  *path,
                            GError     **error);
void      pp_trace_free    (PpTrace     *trace);
/* Applies a sequential trace, one transaction per trace transaction. */
gboolean  pp_trace_replay  (PpTrace     *trace,
                            PpText      *text,
                            GError     **error);
/* The same with every position moved base code points on. */
gboolean  pp_trace_replay_at (PpTrace   *trace,
                              PpText    *text,
                              guint      base,
                              GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpTrace, pp_trace_free)

G_END_DECLS

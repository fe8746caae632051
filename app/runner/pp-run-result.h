/* pp-run-result.h: what came of compiling and running one program
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pp-run-types.h"

G_BEGIN_DECLS

/* One step as the sandbox reported it. Read-only. */
typedef struct
{
  PpRunStatus status;
  int         exit_code;         /* when it exited */
  int         signal;            /* when a signal killed it, else 0 */
  guint64     cpu_ms;
  guint64     wall_ms;
  guint64     max_rss_kb;
  gboolean    output_truncated;
  char       *message;           /* the sandbox's words, "" when it has none */
  char       *backend;           /* "namespaces" or "flatpak" */
  char       *memory_limit_by;   /* "cgroup-v2", "cgroup-v1", "supervisor", or "" */
  int         landlock_abi;      /* flatpak: 0 when the kernel has none; else -1 */
  GStrv       seccomp_unresolved; /* calls the filter could not refuse, never NULL */
} PpStepResult;

#define PP_TYPE_RUN_RESULT (pp_run_result_get_type ())

G_DECLARE_FINAL_TYPE (PpRunResult, pp_run_result, PP, RUN_RESULT, GObject)

PpRunStage          pp_run_result_get_stage  (PpRunResult *self);
const PpStepResult *pp_run_result_get_step   (PpRunResult *self,
                                              PpRunStage   stage);
GBytes             *pp_run_result_get_output (PpRunResult *self,
                                              PpRunStage   stage,
                                              PpRunStream  stream);

G_END_DECLS

/* pp-run-types.h: limits, stages, streams and statuses of a run
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What pairpad-sandbox enforces on one step; every field must be set. */
typedef struct
{
  double time_sec;   /* CPU time, all processes together */
  double wall_sec;
  guint  mem_mb;
  guint  procs;
  guint  fsize_mb;   /* the largest file the program may write */
  guint  output_kb;  /* standard output and error together */
} PpRunLimits;

typedef enum
{
  PP_RUN_STAGE_COMPILE,
  PP_RUN_STAGE_RUN,
} PpRunStage;

typedef enum
{
  PP_RUN_STREAM_STDOUT,
  PP_RUN_STREAM_STDERR,
} PpRunStream;

/* The sandbox's verdict on one step, as in its result's "status". */
typedef enum
{
  PP_RUN_STATUS_OK,              /* "OK": exited with status 0 */
  PP_RUN_STATUS_RUNTIME_ERROR,   /* "RE": exited with another status */
  PP_RUN_STATUS_SIGNALED,        /* "SG": killed by a signal */
  PP_RUN_STATUS_TIME_LIMIT,      /* "TO": CPU or wall time ran out */
  PP_RUN_STATUS_MEMORY_LIMIT,    /* "ML" */
  PP_RUN_STATUS_OUTPUT_LIMIT,    /* "OL" */
  PP_RUN_STATUS_INTERNAL_ERROR,  /* "XX": the sandbox itself failed */
} PpRunStatus;

#define PP_TYPE_RUN_STAGE  (pp_run_stage_get_type ())
#define PP_TYPE_RUN_STREAM (pp_run_stream_get_type ())

GType       pp_run_stage_get_type     (void) G_GNUC_CONST;
GType       pp_run_stream_get_type    (void) G_GNUC_CONST;

const char *pp_run_status_to_code     (PpRunStatus  status);
gboolean    pp_run_status_from_code   (const char  *code,
                                       PpRunStatus *status);

G_END_DECLS

/* pp-run-types.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-run-types.h"

G_DEFINE_ENUM_TYPE (PpRunStage, pp_run_stage,
  G_DEFINE_ENUM_VALUE (PP_RUN_STAGE_COMPILE, "compile"),
  G_DEFINE_ENUM_VALUE (PP_RUN_STAGE_RUN, "run"))

G_DEFINE_ENUM_TYPE (PpRunStream, pp_run_stream,
  G_DEFINE_ENUM_VALUE (PP_RUN_STREAM_STDOUT, "stdout"),
  G_DEFINE_ENUM_VALUE (PP_RUN_STREAM_STDERR, "stderr"))

/* In PpRunStatus order. */
static const char * const status_codes[] = { "OK", "RE", "SG", "TO", "ML", "OL", "XX" };

/**
 * pp_run_status_to_code:
 *
 * Returns: the sandbox's two-letter code for @status, such as "RE"
 */
const char *
pp_run_status_to_code (PpRunStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_codes), NULL);

  return status_codes[status];
}

/**
 * pp_run_status_from_code:
 * @code: a two-letter code from the sandbox's result
 * @status: (out): where to store the status
 *
 * Returns: %FALSE when @code is not one the sandbox writes
 */
gboolean
pp_run_status_from_code (const char  *code,
                         PpRunStatus *status)
{
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (status_codes); i++)
    {
      if (g_str_equal (code, status_codes[i]))
        {
          *status = (PpRunStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

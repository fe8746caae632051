/* pp-run-text.h: a run told in words, its output cleaned, and where its
 * messages point in the source
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pp-run-result.h"

G_BEGIN_DECLS

/* A place in the source that compiler or runtime output names. */
typedef struct
{
  gsize start;   /* byte offsets of the mention in the text */
  gsize end;
  int   line;    /* 1-based */
  int   column;  /* 1-based, or 0 when not given */
} PpSourceMention;

char   *pp_run_result_describe (PpRunResult *result,
                                double       time_limit);
char   *pp_run_result_describe_details (PpRunResult *result);
char   *pp_run_text_clean      (const char  *text,
                                gsize        length);
GArray *pp_run_text_find_mentions (const char *text,
                                   const char *file_name);

G_END_DECLS

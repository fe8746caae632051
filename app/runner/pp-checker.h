/* pp-checker.h: does a program's output match the expected output?
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PP_CHECKER_EXACT,   /* byte for byte, but for one newline at the very end */
  PP_CHECKER_TOKENS,  /* the same words, however they are spaced */
  PP_CHECKER_FLOAT,   /* as TOKENS, numbers within a tolerance */
} PpCheckerMode;

gboolean pp_checker_mode_from_string (const char    *name,
                                      PpCheckerMode *mode);
gboolean pp_checker_compare          (PpCheckerMode  mode,
                                      double         tolerance,
                                      const char    *expected,
                                      gsize          expected_len,
                                      const char    *actual,
                                      gsize          actual_len,
                                      char         **why);

G_END_DECLS

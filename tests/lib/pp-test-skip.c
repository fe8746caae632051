/* pp-test-skip.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-test-skip.h"

/* Whether NAME is a program in PATH. */
gboolean
pp_test_have_program (const char *name)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  path = g_find_program_in_path (name);
  return path != NULL;
}

/**
 * pp_test_sandbox_or_skip:
 *
 * Returns: (nullable): $PAIRPAD_SANDBOX, which meson test sets once
 *   pairpad-sandbox is built; %NULL, skipping the test, when it is not set
 */
const char *
pp_test_sandbox_or_skip (void)
{
  const char *path = g_getenv ("PAIRPAD_SANDBOX");

  if (path == NULL)
    g_test_skip ("PAIRPAD_SANDBOX is not set: build sandbox/pairpad-sandbox first");

  return path;
}

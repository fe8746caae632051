/* pp-test-skip.h: skipping a test when what it needs is not installed
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    pp_test_have_program      (const char *name);
const char *pp_test_sandbox_or_skip   (void);

G_END_DECLS

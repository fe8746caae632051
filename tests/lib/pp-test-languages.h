/* pp-test-languages.h: which languages this computer can run, and
 * skipping the tests of those it cannot
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-language-set.h"

G_BEGIN_DECLS

/* The sandbox's PATH: where the sandbox will look for a toolchain. */
#define PP_TEST_SANDBOX_PATH "/usr/local/bin:/usr/bin:/bin"

PpLanguageSet *pp_test_languages_load       (const char    *path);
PpLanguage    *pp_test_language_or_skip     (PpLanguageSet *languages,
                                             const char    *id);
char          *pp_test_find_in_sandbox_path (const char    *program);

G_END_DECLS

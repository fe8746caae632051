/* pp-test-judge.h: judging a solution and waiting for the report
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-judge.h"

G_BEGIN_DECLS

PpJudgeReport *pp_test_judge (PpJudge       *judge,
                              PpProblem     *problem,
                              PpLanguage    *language,
                              const char    *source,
                              GCancellable  *cancellable,
                              guint          timeout_s,
                              GError       **error);
PpJudgeReport *pp_test_try   (PpJudge       *judge,
                              PpProblem     *problem,
                              PpLanguage    *language,
                              const char    *source,
                              GBytes        *custom_input,
                              guint          timeout_s,
                              GError       **error);

G_END_DECLS

/* pp-run-result-private.h: how the runner fills in a result
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-run-result.h"

G_BEGIN_DECLS

void          _pp_step_result_free          (PpStepResult *step);
PpStepResult *_pp_step_result_new_from_json (const char   *json,
                                             gsize         length,
                                             GError      **error);

PpRunResult  *_pp_run_result_new            (void);
void          _pp_run_result_set_stage      (PpRunResult  *self,
                                             PpRunStage    stage);
void          _pp_run_result_take_step      (PpRunResult  *self,
                                             PpRunStage    stage,
                                             PpStepResult *step);
gsize         _pp_run_result_append_output  (PpRunResult  *self,
                                             PpRunStage    stage,
                                             PpRunStream   stream,
                                             const guint8 *data,
                                             gsize         length,
                                             gsize         max_length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpStepResult, _pp_step_result_free)

G_END_DECLS

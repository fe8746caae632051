/* pp-runner.h: compiles and runs one program at a time in pairpad-sandbox
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-language.h"
#include "pp-run-result.h"
#include "pp-run-types.h"

G_BEGIN_DECLS

#define PP_RUNNER_ERROR (pp_runner_error_quark ())

typedef enum
{
  PP_RUNNER_ERROR_TOOLCHAIN_MISSING,  /* detection found no compiler or interpreter */
  PP_RUNNER_ERROR_SANDBOX_FAILED,     /* the helper did not start or wrote no result */
  PP_RUNNER_ERROR_BUSY,               /* this runner is running a program already */
} PpRunnerError;

/* A built program and its folders, for running it on many inputs. */
typedef struct _PpRunBox PpRunBox;

PpRunBox    *pp_run_box_ref             (PpRunBox             *box);
void         pp_run_box_unref           (PpRunBox             *box);
PpLanguage  *pp_run_box_get_language    (PpRunBox             *box);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpRunBox, pp_run_box_unref)

#define PP_TYPE_RUNNER (pp_runner_get_type ())

G_DECLARE_FINAL_TYPE (PpRunner, pp_runner, PP, RUNNER, GObject)

GQuark       pp_runner_error_quark      (void);
PpRunner    *pp_runner_new              (const char           *sandbox_path);
void         pp_runner_run_async        (PpRunner             *self,
                                         PpLanguage           *language,
                                         const char           *source,
                                         GBytes               *stdin_bytes,
                                         const PpRunLimits    *limits,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
PpRunResult *pp_runner_run_finish       (PpRunner             *self,
                                         GAsyncResult         *result,
                                         GError              **error);
void         pp_runner_build_async      (PpRunner             *self,
                                         PpLanguage           *language,
                                         const char           *source,
                                         const PpRunLimits    *limits,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
PpRunBox    *pp_runner_build_finish     (PpRunner             *self,
                                         GAsyncResult         *result,
                                         PpRunResult         **result_out,
                                         GError              **error);
void         pp_runner_run_in_box_async (PpRunner             *self,
                                         PpRunBox             *box,
                                         GBytes               *stdin_bytes,
                                         const PpRunLimits    *limits,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer             user_data);
PpRunResult *pp_runner_run_in_box_finish (PpRunner            *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS

/* pp-problem-bank.h: every problem of data/problems, loaded off the main thread
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-problem.h"

G_BEGIN_DECLS

void       pp_problem_bank_load_async  (const char           *directory,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GListStore *pp_problem_bank_load_finish (GAsyncResult        *result,
                                         GStrv               *broken,
                                         GError             **error);

G_END_DECLS

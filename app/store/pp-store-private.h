/* pp-store-private.h: for the store's tests
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-store.h"

G_BEGIN_DECLS

/* Opens PATH migrated no further than VERSION: a file as an older
 * Pairpad left it. */
PpStore *_pp_store_open_at_version (const char  *path,
                                    guint        version,
                                    GError     **error);

G_END_DECLS

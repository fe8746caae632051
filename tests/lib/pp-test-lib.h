/* pp-test-lib.h: what the test programs share, GLib and GIO only
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-test-coturn.h"
#include "pp-test-home.h"
#include "pp-test-proc.h"
#include "pp-test-redis.h"
#include "pp-test-server.h"
#include "pp-test-skip.h"
#include "pp-test-wait.h"

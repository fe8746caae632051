/* pp-test-wait.h: waiting for a condition on the main loop, with a
 * timeout that fails the test and says what it waited for
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a UI step waits for, at most: a window shown, a file saved. */
#define PP_TEST_WAIT_TIMEOUT_S 20

typedef gboolean (*PpTestCondition) (gpointer data);

/* How long the main loop went without serving a timer of ours, not
 * counting the time its thread waited for a CPU that other processes
 * held. */
typedef struct
{
  guint  source;
  gint64 last;      /* µs, monotonic */
  gint64 waited;    /* µs the thread had waited for a CPU at @last */
  gint64 max_gap;   /* µs */
  int    schedstat; /* fd of /proc/thread-self/schedstat, or -1 */
} PpTestStallMeter;

gboolean pp_test_wait_until         (PpTestCondition  condition,
                                     gpointer         data);
gboolean pp_test_wait_until_full    (PpTestCondition  condition,
                                     gpointer         data,
                                     guint            timeout_s);
void     pp_test_wait_for           (PpTestCondition  condition,
                                     gpointer         data,
                                     const char      *what);
void     pp_test_wait_for_full      (PpTestCondition  condition,
                                     gpointer         data,
                                     guint            timeout_s,
                                     const char      *what);
void     pp_test_wait_for_flag      (const gboolean  *flag,
                                     guint            timeout_s,
                                     const char      *what);
void     pp_test_spin               (guint            milliseconds);

void     pp_test_stall_meter_start  (PpTestStallMeter *meter,
                                     guint             period_ms);
gint64   pp_test_stall_meter_stop   (PpTestStallMeter *meter);

G_END_DECLS

/* pp-test-wait.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "pp-test-wait.h"

/* How often a condition that no source of the loop announces (a file on
 * disk, another process) is looked at again. */
#define POLL_MS 1

static gboolean
keep_polling (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * pp_test_wait_until_full:
 * @condition: checked before waiting and after every turn of the loop
 * @data: for @condition
 * @timeout_s: how long to wait at most
 *
 * Runs the thread's default main context until @condition holds. The
 * loop sleeps between events, as the app's does, so a callback that
 * makes @condition true is seen at once; a timer wakes it every
 * millisecond for conditions no event announces.
 *
 * Returns: %FALSE if @condition still did not hold after @timeout_s
 */
gboolean
pp_test_wait_until_full (PpTestCondition condition,
                         gpointer        data,
                         guint           timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  guint poll;
  gboolean held;

  g_return_val_if_fail (condition != NULL, FALSE);

  if (condition (data))
    return TRUE;

  poll = g_timeout_add (POLL_MS, keep_polling, NULL);
  while (!(held = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);

  return held;
}

/* The same, for PP_TEST_WAIT_TIMEOUT_S. */
gboolean
pp_test_wait_until (PpTestCondition condition,
                    gpointer        data)
{
  return pp_test_wait_until_full (condition, data, PP_TEST_WAIT_TIMEOUT_S);
}

/**
 * pp_test_wait_for_full:
 * @what: what is waited for, for the failure's message: "the run to end"
 *
 * Like pp_test_wait_until_full (), but fails the test if @timeout_s
 * passes first.
 */
void
pp_test_wait_for_full (PpTestCondition  condition,
                       gpointer         data,
                       guint            timeout_s,
                       const char      *what)
{
  g_return_if_fail (what != NULL);

  if (!pp_test_wait_until_full (condition, data, timeout_s))
    g_error ("Timed out after %u s waiting for %s", timeout_s, what);
}

void
pp_test_wait_for (PpTestCondition  condition,
                  gpointer         data,
                  const char      *what)
{
  pp_test_wait_for_full (condition, data, PP_TEST_WAIT_TIMEOUT_S, what);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(const gboolean *) data;
}

/* Waits until a callback sets *@flag, as an async call's callback does. */
void
pp_test_wait_for_flag (const gboolean *flag,
                       guint           timeout_s,
                       const char     *what)
{
  g_return_if_fail (flag != NULL);

  pp_test_wait_for_full (flag_is_set, (gpointer) flag, timeout_s, what);
}

/* Lets the main loop run for @milliseconds, whatever happens. */
void
pp_test_spin (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* µs the calling thread has spent runnable but waiting for a CPU, from
 * the second figure of schedstat (ns); 0 when the kernel does not say. */
static gint64
waited_for_cpu (int fd)
{
  char text[128];
  ssize_t n;
  guint64 running, waiting;

  if (fd < 0 || (n = pread (fd, text, sizeof text - 1, 0)) <= 0)
    return 0;
  text[n] = '\0';
  if (sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &running, &waiting) != 2)
    return 0;
  return (gint64) (waiting / 1000);
}

static gboolean
stall_meter_tick (gpointer data)
{
  PpTestStallMeter *meter = data;
  gint64 now = g_get_monotonic_time ();
  gint64 waited = waited_for_cpu (meter->schedstat);

  if (meter->last != 0)
    meter->max_gap = MAX (meter->max_gap, (now - meter->last) - (waited - meter->waited));
  meter->last = now;
  meter->waited = waited;
  return G_SOURCE_CONTINUE;
}

/**
 * pp_test_stall_meter_start:
 * @meter: zeroed, or stopped
 * @period_ms: how often a timer on the default main context ticks
 *
 * Starts measuring the longest gap between two ticks: a main loop that
 * is never blocked keeps it near @period_ms. Time the loop's thread
 * spent ready to run while other processes held the CPUs (a loaded test
 * machine) is not counted: it says nothing of the code under test.
 * Call it on the thread that runs the default main context.
 */
void
pp_test_stall_meter_start (PpTestStallMeter *meter,
                           guint             period_ms)
{
  g_return_if_fail (meter != NULL);
  g_return_if_fail (meter->source == 0);

  meter->last = 0;
  meter->max_gap = 0;
  meter->schedstat = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  meter->source = g_timeout_add (period_ms, stall_meter_tick, meter);
}

/* Returns: the longest gap between two ticks, in µs, the period included. */
gint64
pp_test_stall_meter_stop (PpTestStallMeter *meter)
{
  g_return_val_if_fail (meter != NULL && meter->source != 0, 0);

  g_clear_handle_id (&meter->source, g_source_remove);
  if (meter->schedstat >= 0)
    close (meter->schedstat);
  meter->schedstat = -1;
  return meter->max_gap;
}

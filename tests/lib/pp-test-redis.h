/* pp-test-redis.h: a real redis-server on a free TCP port of 127.0.0.1,
 * its files in a temporary directory, for the tests and benchmarks of
 * pairpad-signal instances that share rooms
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;   /* owned; NULL while stopped */
  guint16      port;
  char        *url;       /* owned: redis://127.0.0.1:PORT */
  char        *dir;       /* owned: its working directory */
  char        *password;  /* owned, nullable */
  char        *socket_url;/* owned: unix:///DIR/redis.sock, the same server */
} PpTestRedis;

/* NULL (and the test skipped) without redis-server installed. Nothing is
 * saved to disk: a restart starts empty, as after a crash. */
PpTestRedis *pp_test_redis_start   (void);
/* The same, asking clients for PASSWORD (requirepass). */
PpTestRedis *pp_test_redis_start_with_password (const char *password);
/* Kills it (SIGKILL) and waits; the port stays its own for restart(). */
void         pp_test_redis_kill    (PpTestRedis *redis);
/* Starts it again on the same port. */
void         pp_test_redis_restart (PpTestRedis *redis);
/* Runs one command (hiredis's format) and returns its integer or string
 * reply as text; NULL for nil. */
char        *pp_test_redis_command (PpTestRedis *redis,
                                    const char  *format,
                                    ...);
void         pp_test_redis_stop    (PpTestRedis *redis);

G_END_DECLS

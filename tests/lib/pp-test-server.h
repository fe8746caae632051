/* pp-test-server.h: the real pairpad-signal, started from the build on a
 * free port of 127.0.0.1 and stopped again
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess  *process;       /* owned */
  guint16       port;
  char         *uri;           /* owned: ws://127.0.0.1:PORT or wss://… */
  GInputStream *stderr_pipe;   /* borrowed from process; only with log_to_pipe */
} PpTestServer;

const char   *pp_test_server_binary  (void);
PpTestServer *pp_test_server_start   (gboolean      log_to_pipe,
                                      const char   *first_arg,
                                      ...);
void          pp_test_server_stop    (PpTestServer *server);
gsize         pp_test_server_rss_kb  (PpTestServer *server);
gsize         pp_test_server_status_kb (PpTestServer *server,
                                        const char   *field);
char         *pp_test_server_get     (PpTestServer *server,
                                      const char   *path,
                                      guint        *status,
                                      char        **headers);
guint64       pp_test_server_metric  (PpTestServer *server,
                                      const char   *name);

G_END_DECLS

/* pp-test-proc.h: a helper process driven by lines on its standard input
 * and answering with lines on its standard output
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PpTestProc PpTestProc;

/* Starts argv (NULL-terminated) named name in messages; with envp, in
 * that environment. The process dies with the test. */
PpTestProc *pp_test_proc_spawn   (const char          *name,
                                  const char * const  *argv,
                                  const char * const  *envp);
void        pp_test_proc_send    (PpTestProc          *proc,
                                  const char          *format,
                                  ...) G_GNUC_PRINTF (2, 3);
/* The first line starting with prefix; lines before it are dropped. */
char       *pp_test_proc_expect  (PpTestProc          *proc,
                                  const char          *prefix,
                                  guint                timeout_s);
/* Sends command and decodes the "COMMAND BASE64" answer. */
char       *pp_test_proc_ask_text (PpTestProc         *proc,
                                   const char         *command);
/* Closing its standard input ends it, which must be a clean exit. */
void        pp_test_proc_free    (PpTestProc          *proc);
void        pp_test_proc_kill    (PpTestProc          *proc);

/* The helper's side: a line on stdout, sent at once. */
void        pp_test_say          (const char          *format,
                                  ...) G_GNUC_PRINTF (1, 2);

/* For any helper a test starts: it dies when the test does. */
void        pp_test_child_dies_with_parent (gpointer data);

/* A port of 127.0.0.1 that was free a moment ago, for TYPE (stream: TCP,
 * datagram: UDP); another process may take it before the helper does. */
guint16     pp_test_free_port    (GSocketType          type);

G_END_DECLS

/* pp-test-server.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "pp-test-proc.h"
#include "pp-test-server.h"

/* $PAIRPAD_SIGNAL_BINARY, which meson test sets. */
const char *
pp_test_server_binary (void)
{
  const char *binary = g_getenv ("PAIRPAD_SIGNAL_BINARY");

  if (binary == NULL)
    g_error ("Set PAIRPAD_SIGNAL_BINARY to _build/signaling-server/pairpad-signal "
             "(meson test does).");
  return binary;
}

/**
 * pp_test_server_start:
 * @log_to_pipe: keep the server's log in stderr_pipe; otherwise --quiet
 * @first_arg: further arguments, ending with %NULL
 *
 * Starts the pairpad-signal of the build ($PAIRPAD_SIGNAL_BINARY) on
 * 127.0.0.1, port 0, and waits for its first line to learn the port the
 * kernel gave it: no other address, no port that could be taken. The
 * server dies with the test, should the test fail before stopping it.
 */
PpTestServer *
pp_test_server_start (gboolean    log_to_pipe,
                      const char *first_arg,
                      ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *binary = pp_test_server_binary ();
  g_autofree char *line = NULL;
  PpTestServer *server = g_new0 (PpTestServer, 1);
  const char *colon;
  va_list args;

  g_ptr_array_add (argv, (char *) binary);
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, "127.0.0.1:0");
  if (!log_to_pipe)
    g_ptr_array_add (argv, "--quiet");
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        (log_to_pipe ? G_SUBPROCESS_FLAGS_STDERR_PIPE : 0));
  /* A failed assertion here must not leave a server holding meson's pipe. */
  g_subprocess_launcher_set_child_setup (launcher, pp_test_child_dies_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on ws://127.0.0.1:") ||
                 g_str_has_prefix (line, "listening on wss://127.0.0.1:"));
  colon = strrchr (line, ':');
  server->port = atoi (colon + 1);
  g_assert_cmpuint (server->port, >, 0);
  server->uri = g_strdup (line + strlen ("listening on "));
  if (log_to_pipe)
    server->stderr_pipe = g_subprocess_get_stderr_pipe (server->process);
  return server;
}

/* SIGTERM, wait, and assert a clean exit (under the sanitizer: no leak). */
void
pp_test_server_stop (PpTestServer *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
  g_object_unref (server->process);
  g_free (server->uri);
  g_free (server);
}

/* A memory figure from the server's /proc/PID/status, in kB: FIELD is
 * "VmRSS" for what it holds now, "VmHWM" for the most it ever held. */
gsize
pp_test_server_status_kb (PpTestServer *server,
                          const char   *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status",
                                           g_subprocess_get_identifier (server->process));
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  g_autofree char *text = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  line = strstr (text, key);
  g_assert_nonnull (line);
  return strtoul (line + strlen (key), NULL, 10);
}

gsize
pp_test_server_rss_kb (PpTestServer *server)
{
  return pp_test_server_status_kb (server, "VmRSS");
}

/* A one-shot HTTP/1.0 GET over a plain socket. */
char *
pp_test_server_get (PpTestServer  *server,
                    const char    *path,
                    guint         *status,
                    char         **headers)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autofree char *request = g_strdup_printf ("GET %s HTTP/1.0\r\nHost: 127.0.0.1:%u\r\n\r\n",
                                              path, server->port);
  char buf[4096];
  gssize n;
  char *body;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                   buf, sizeof buf, NULL, &error)) > 0)
    g_byte_array_append (all, (guint8 *) buf, n);
  g_assert_no_error (error);
  g_byte_array_append (all, (guint8 *) "", 1);

  body = strstr ((char *) all->data, "\r\n\r\n");
  g_assert_nonnull (body);
  *status = atoi ((char *) all->data + strlen ("HTTP/1.1 "));
  if (headers)
    *headers = g_strndup ((char *) all->data, body - (char *) all->data);
  return g_strdup (body + 4);
}

/* The value of metric NAME on /metrics. */
guint64
pp_test_server_metric (PpTestServer *server,
                       const char   *name)
{
  guint status;
  g_autofree char *text = pp_test_server_get (server, "/metrics", &status, NULL);
  g_autofree char *needle = g_strdup_printf ("\n%s ", name);
  const char *at = strstr (text, needle);

  g_assert_cmpuint (status, ==, 200);
  if (at == NULL)
    g_error ("metric %s missing from:\n%s", name, text);
  return g_ascii_strtoull (at + strlen (needle), NULL, 10);
}


/* pp-test-proc.c: a helper process driven by lines on its standard input
 *
 * Tests talk to peers and to second app processes this way: a command
 * per line in, an answer or an event per line out, read while the test's
 * main loop keeps running.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include "pp-test-proc.h"
#include "pp-test-wait.h"

struct _PpTestProc
{
  char *name;
  GSubprocess *process;
  GDataInputStream *out;
  GOutputStream *in;
  GQueue lines;           /* char *, not yet taken */
  GCancellable *cancellable;
  gboolean eof;
};

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  PpTestProc *proc = data;
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (line == NULL)
    {
      proc->eof = TRUE;
      return;
    }
  if (g_test_verbose ())
    g_test_message ("%s: %s", proc->name, line);
  g_queue_push_tail (&proc->lines, line);
  g_data_input_stream_read_line_async (proc->out, G_PRIORITY_DEFAULT, proc->cancellable,
                                       on_line, proc);
}

/* A GSpawnChildSetupFunc: the child gets SIGKILL when the test ends. */
void
pp_test_child_dies_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

PpTestProc *
pp_test_proc_spawn (const char         *name,
                    const char * const *argv,
                    const char * const *envp)
{
  PpTestProc *proc = g_new0 (PpTestProc, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  proc->name = g_strdup (name);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  if (envp != NULL)
    g_subprocess_launcher_set_environ (launcher, (char **) envp);
  /* A failed assertion here must not leave helpers behind. */
  g_subprocess_launcher_set_child_setup (launcher, pp_test_child_dies_with_parent, NULL, NULL);
  proc->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  proc->in = g_subprocess_get_stdin_pipe (proc->process);
  proc->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc->process));
  proc->cancellable = g_cancellable_new ();
  g_queue_init (&proc->lines);
  g_data_input_stream_read_line_async (proc->out, G_PRIORITY_DEFAULT, proc->cancellable,
                                       on_line, proc);
  return proc;
}

void
pp_test_proc_send (PpTestProc *proc,
                   const char *format,
                   ...)
{
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_output_stream_printf (proc->in, NULL, NULL, &error, "%s\n", line);
  g_assert_no_error (error);
}

typedef struct
{
  PpTestProc *proc;
  const char *prefix;
} Want;

static gboolean
has_line (gpointer data)
{
  Want *want = data;

  for (GList *l = want->proc->lines.head; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, want->prefix))
      return TRUE;
  return want->proc->eof;
}

char *
pp_test_proc_expect (PpTestProc *proc,
                     const char *prefix,
                     guint       timeout_s)
{
  Want want = { proc, prefix };
  g_autofree char *what = g_strdup_printf ("%s to say “%s”", proc->name, prefix);

  if (!pp_test_wait_until_full (has_line, &want, timeout_s))
    {
      /* What it did say is most of the diagnosis. */
      for (GList *l = proc->lines.head; l != NULL; l = l->next)
        g_printerr ("%s said: %s\n", proc->name, (const char *) l->data);
      g_error ("Timed out after %u s waiting for %s", timeout_s, what);
    }
  while (!g_queue_is_empty (&proc->lines))
    {
      char *line = g_queue_pop_head (&proc->lines);

      if (g_str_has_prefix (line, prefix))
        return line;
      g_free (line);
    }
  g_error ("%s ended before saying “%s”", proc->name, prefix);
}

char *
pp_test_proc_ask_text (PpTestProc *proc,
                       const char *command)
{
  g_autofree char *prefix = g_strconcat (command, " ", NULL);
  g_autofree char *line = NULL;
  g_autofree guchar *data = NULL;
  gsize len;

  pp_test_proc_send (proc, "%s", command);
  line = pp_test_proc_expect (proc, prefix, 10);
  data = g_base64_decode (line + strlen (prefix), &len);
  return g_strndup ((const char *) data, len);
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) data = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Closing its standard input ends a helper; one that hangs is killed.
 * One that was not killed must exit cleanly: under the sanitizer a leak
 * or a bad access in it ends it with another status. */
static void
end (PpTestProc *proc,
     gboolean    killed)
{
  gboolean exited = FALSE;

  g_cancellable_cancel (proc->cancellable);
  g_output_stream_close (proc->in, NULL, NULL);
  g_subprocess_wait_async (proc->process, NULL, on_exited, &exited);
  if (!pp_test_wait_until_full (flag_is_set, &exited, 10))
    {
      g_test_message ("%s did not end when asked: killed", proc->name);
      g_subprocess_force_exit (proc->process);
      killed = TRUE;
    }
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  if (!killed && !(g_subprocess_get_if_exited (proc->process) &&
                   g_subprocess_get_exit_status (proc->process) == 0))
    g_error ("%s ended with status %d", proc->name, g_subprocess_get_status (proc->process));
  g_queue_clear_full (&proc->lines, g_free);
  g_object_unref (proc->cancellable);
  g_object_unref (proc->out);
  g_object_unref (proc->process);
  g_free (proc->name);
  g_free (proc);
}

void
pp_test_proc_free (PpTestProc *proc)
{
  end (proc, FALSE);
}

void
pp_test_proc_kill (PpTestProc *proc)
{
  g_subprocess_send_signal (proc->process, SIGKILL);
  end (proc, TRUE);
}

void
pp_test_say (const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

guint16
pp_test_free_port (GSocketType type)
{
  g_autoptr(GSocket) s = g_socket_new (G_SOCKET_FAMILY_IPV4, type, G_SOCKET_PROTOCOL_DEFAULT, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (s, any, FALSE, NULL));
  bound = g_socket_get_local_address (s, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

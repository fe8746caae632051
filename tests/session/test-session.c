/* test-session.c: live sessions between separate processes, through the
 * real pairpad-signal on loopback and through the embedded server
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every participant is a session-peer process running a real PpSession
 * with real webrtcbin peers (ICE on 127.0.0.1 only); this program starts
 * them, drives them line by line and checks what they say.
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <gio/gio.h>

#include "pp-test-lib.h"

typedef struct
{
  char *name;
  GSubprocess *process;
  GDataInputStream *out;
  GOutputStream *in;
  GQueue lines;           /* char *, not yet taken */
  GCancellable *cancellable;
  gboolean eof;
} Proc;

static void
on_proc_line (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Proc *proc = data;
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
                                       on_proc_line, proc);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static Proc *
proc_spawn (const char *name,
            const char *first_arg,
            ...)
{
  Proc *proc = g_new0 (Proc, 1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  va_list args;

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "session", "session-peer", NULL));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, g_strdup ("--loopback"));
  g_ptr_array_add (argv, g_strdup (name));
  g_ptr_array_add (argv, NULL);

  proc->name = g_strdup (name);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* A failed assertion here must not leave peers behind. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  proc->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  proc->in = g_subprocess_get_stdin_pipe (proc->process);
  proc->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc->process));
  proc->cancellable = g_cancellable_new ();
  g_queue_init (&proc->lines);
  g_data_input_stream_read_line_async (proc->out, G_PRIORITY_DEFAULT, proc->cancellable,
                                       on_proc_line, proc);
  return proc;
}

static void
proc_send (Proc       *proc,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
proc_send (Proc       *proc,
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
  Proc *proc;
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

/* The first line starting with prefix; lines before it are dropped. */
static char *
proc_expect (Proc       *proc,
             const char *prefix,
             guint       timeout_s)
{
  Want want = { proc, prefix };
  g_autofree char *what = g_strdup_printf ("%s to say “%s”", proc->name, prefix);

  pp_test_wait_for_full (has_line, &want, timeout_s, what);
  while (!g_queue_is_empty (&proc->lines))
    {
      char *line = g_queue_pop_head (&proc->lines);

      if (g_str_has_prefix (line, prefix))
        return line;
      g_free (line);
    }
  g_error ("%s ended before saying “%s”", proc->name, prefix);
}

static char *
proc_text (Proc *proc)
{
  g_autofree char *line = NULL;
  gsize len;
  guchar *data;
  char *text;

  proc_send (proc, "text");
  line = proc_expect (proc, "text ", 10);
  data = g_base64_decode (line + 5, &len);
  text = g_strndup ((const char *) data, len);
  g_free (data);
  return text;
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

/* Closing its standard input ends a peer; one that hangs is killed. */
static void
proc_free (Proc *proc)
{
  gboolean exited = FALSE;

  g_cancellable_cancel (proc->cancellable);
  g_output_stream_close (proc->in, NULL, NULL);
  g_subprocess_wait_async (proc->process, NULL, on_exited, &exited);
  if (!pp_test_wait_until_full (flag_is_set, &exited, 10))
    g_subprocess_force_exit (proc->process);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  g_queue_clear_full (&proc->lines, g_free);
  g_object_unref (proc->cancellable);
  g_object_unref (proc->out);
  g_object_unref (proc->process);
  g_free (proc->name);
  g_free (proc);
}

G_GNUC_UNUSED static void
proc_kill (Proc *proc)
{
  g_subprocess_send_signal (proc->process, SIGKILL);
  proc_free (proc);
}

/* "link pairpad://…" from a host */
static char *
host_link (Proc *host)
{
  g_autofree char *line = proc_expect (host, "link ", 20);
  return g_strdup (line + 5);
}

G_GNUC_UNUSED static char *
peer_id_of (Proc *proc)
{
  g_autofree char *line = proc_expect (proc, "peer ", 20);
  return g_strdup (line + 5);
}

typedef struct
{
  Proc **procs;
  guint n;
  char *text;   /* the text they all hold, when they agree */
} Agreement;

static gboolean
all_agree (gpointer data)
{
  Agreement *a = data;
  g_autofree char *first = proc_text (a->procs[0]);

  for (guint i = 1; i < a->n; i++)
    {
      g_autofree char *other = proc_text (a->procs[i]);
      if (strcmp (first, other) != 0)
        return FALSE;
    }
  g_free (a->text);
  a->text = g_steal_pointer (&first);
  return TRUE;
}

static char *
wait_agree (Proc **procs,
            guint  n)
{
  Agreement a = { procs, n, NULL };

  pp_test_wait_for_full (all_agree, &a, 30, "every peer to hold the same text");
  return a.text;
}

static gboolean
has_astral (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) > 0xFFFF)
      return TRUE;
  return FALSE;
}

/* n peers, the first hosting (on server_uri, or on its own embedded
 * server when NULL) and admitting everyone; all edit at once. */
static void
run_concurrent_edits (const char *server_uri,
                      guint       n)
{
  g_autofree Proc **procs = g_new0 (Proc *, n);
  g_autofree char *link = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  if (server_uri != NULL)
    procs[0] = proc_spawn ("host", "--host", "--auto-admit", "--server", server_uri, NULL);
  else
    procs[0] = proc_spawn ("host", "--host", "--auto-admit", NULL);
  link = host_link (procs[0]);
  g_free (proc_expect (procs[0], "state active", 20));
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("guest%u", i);
      procs[i] = proc_spawn (name, "--join", link, NULL);
    }
  for (guint i = 1; i < n; i++)
    g_free (proc_expect (procs[i], "state active", 30));

  for (guint i = 0; i < n; i++)
    proc_send (procs[i], "edit 200 %u %u", 17 + i, i % 2 ? 0 : 3);
  for (guint i = 0; i < n; i++)
    g_free (proc_expect (procs[i], "edited", 60));

  text = wait_agree (procs, n);
  g_test_message ("%u peers agree on %zu bytes", n, strlen (text));
  g_assert_cmpuint (strlen (text), >, 200);
  g_assert_true (has_astral (text));
  g_assert_nonnull (strstr (text, "漢") ? text : strstr (text, "字"));

  for (guint i = 0; i < n; i++)
    proc_free (procs[i]);
}

static void
test_two_peers_server (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);

  run_concurrent_edits (server->uri, 2);
  pp_test_server_stop (server);
}

static void
test_four_peers_server (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);

  run_concurrent_edits (server->uri, 4);
  pp_test_server_stop (server);
}

static void
test_two_peers_embedded (void)
{
  run_concurrent_edits (NULL, 2);
}

static void
test_four_peers_embedded (void)
{
  run_concurrent_edits (NULL, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/live/two-peers-server", test_two_peers_server);
  g_test_add_func ("/session/live/four-peers-server", test_four_peers_server);
  g_test_add_func ("/session/live/two-peers-embedded", test_two_peers_embedded);
  g_test_add_func ("/session/live/four-peers-embedded", test_four_peers_embedded);
  return g_test_run ();
}

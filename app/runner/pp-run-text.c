/* pp-run-text.c: a run told in words, its output cleaned, and where its
 * messages point in the source
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "pp-run-text.h"

static char *
format_memory (guint64 kb)
{
  return g_format_size_full (kb * 1024, G_FORMAT_SIZE_DEFAULT);
}

/**
 * pp_run_result_describe:
 * @time_limit: the run's CPU limit in seconds, to say what ran out
 *
 * Returns: (transfer full): the verdict in a sentence: "Finished in
 *   0.12 s, 9.3 MB", "Time limit exceeded after 5 s", "Compilation
 *   failed", "Killed: out of memory"…
 */
char *
pp_run_result_describe (PpRunResult *result,
                        double       time_limit)
{
  const PpStepResult *compile = pp_run_result_get_step (result, PP_RUN_STAGE_COMPILE);
  const PpStepResult *run = pp_run_result_get_step (result, PP_RUN_STAGE_RUN);
  g_autofree char *memory = NULL;
  double seconds;

  if (compile != NULL && compile->status != PP_RUN_STATUS_OK)
    {
      if (compile->status == PP_RUN_STATUS_INTERNAL_ERROR)
        return g_strdup_printf (_("The sandbox failed: %s"), compile->message);
      if (compile->status == PP_RUN_STATUS_TIME_LIMIT)
        return g_strdup (_("Compilation took too long"));
      return g_strdup (_("Compilation failed"));
    }
  if (run == NULL)
    return g_strdup (_("Did not run"));

  seconds = run->cpu_ms / 1000.0;
  memory = format_memory (run->max_rss_kb);
  switch (run->status)
    {
    case PP_RUN_STATUS_OK:
      /* TRANSLATORS: "Finished in 0.12 s, 9.3 MB" */
      return g_strdup_printf (_("Finished in %.2f s, %s"), seconds, memory);
    case PP_RUN_STATUS_RUNTIME_ERROR:
      return g_strdup_printf (_("Exited with status %d after %.2f s"), run->exit_code, seconds);
    case PP_RUN_STATUS_SIGNALED:
      return g_strdup_printf (_("Killed by signal %d (%s) after %.2f s"), run->signal,
                              g_strsignal (run->signal), seconds);
    case PP_RUN_STATUS_TIME_LIMIT:
      if (seconds >= time_limit)
        return g_strdup_printf (_("Time limit exceeded after %g s"), time_limit);
      return g_strdup_printf (_("Stopped: it waited too long (%.1f s of wall time)"),
                              run->wall_ms / 1000.0);
    case PP_RUN_STATUS_MEMORY_LIMIT:
      return g_strdup (_("Killed: out of memory"));
    case PP_RUN_STATUS_OUTPUT_LIMIT:
      return g_strdup (_("Stopped: too much output"));
    case PP_RUN_STATUS_INTERNAL_ERROR:
    default:
      return g_strdup_printf (_("The sandbox failed: %s"), run->message);
    }
}

static char *
describe_sandbox (const PpStepResult *step)
{
  if (g_str_equal (step->backend, "namespaces"))
    return g_strdup (_("Sandbox: Linux namespaces"));
  if (g_str_equal (step->backend, "flatpak") && step->landlock_abi > 0)
    return g_strdup_printf (_("Sandbox: a Flatpak subsandbox with Landlock (ABI %d)"),
                            step->landlock_abi);
  if (g_str_equal (step->backend, "flatpak"))
    return g_strdup (_("Sandbox: a Flatpak subsandbox, without Landlock"));
  return g_strdup_printf (_("Sandbox: %s"), step->backend);
}

static const char *
describe_memory_limit (const PpStepResult *step)
{
  if (g_str_equal (step->memory_limit_by, "cgroup-v2"))
    return _("Memory limit kept by: a cgroup (v2)");
  if (g_str_equal (step->memory_limit_by, "cgroup-v1"))
    return _("Memory limit kept by: a cgroup (v1)");
  if (g_str_equal (step->memory_limit_by, "supervisor"))
    return _("Memory limit kept by: the sandbox's supervisor");
  /* The sandbox failed before it got so far. */
  return NULL;
}

/**
 * pp_run_result_describe_details:
 *
 * How the sandbox ran the program (or the compiler, when the program did
 * not get to run): which sandbox, what kept its memory limit, the time
 * and memory it took (unless the sandbox itself failed), and the system
 * calls the sandbox meant to refuse but could not, as the installed
 * libseccomp does not know them.
 *
 * Returns: (transfer full): lines of text, "" when no step ran
 */
char *
pp_run_result_describe_details (PpRunResult *result)
{
  const PpStepResult *step = pp_run_result_get_step (result, PP_RUN_STAGE_RUN);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *sandbox = NULL;
  g_autofree char *memory = NULL;

  g_return_val_if_fail (PP_IS_RUN_RESULT (result), NULL);

  if (step == NULL)
    step = pp_run_result_get_step (result, PP_RUN_STAGE_COMPILE);
  if (step == NULL)
    return g_strdup ("");

  sandbox = describe_sandbox (step);
  g_string_append_printf (text, "%s\n", sandbox);
  if (describe_memory_limit (step) != NULL)
    g_string_append_printf (text, "%s\n", describe_memory_limit (step));
  if (step->status != PP_RUN_STATUS_INTERNAL_ERROR)
    {
      memory = format_memory (step->max_rss_kb);
      /* TRANSLATORS: "CPU time: 0.12 s, wall time: 0.15 s, peak memory: 9.3 MB" */
      g_string_append_printf (text, _("CPU time: %.2f s, wall time: %.2f s, peak memory: %s"),
                              step->cpu_ms / 1000.0, step->wall_ms / 1000.0, memory);
      g_string_append_c (text, '\n');
    }
  if (step->seccomp_unresolved[0] == NULL)
    g_string_append (text, _("System calls the sandbox could not block: none"));
  else
    {
      g_autofree char *names = g_strjoinv (", ", step->seccomp_unresolved);

      /* TRANSLATORS: %s is a list of system call names, "open_tree_attr, …" */
      g_string_append_printf (text, _("System calls the sandbox could not block, as the "
                                      "installed libseccomp does not know them: %s"), names);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * pp_run_text_clean:
 *
 * Returns: (transfer full): @text as UTF-8 without terminal escape
 *   sequences (colours, cursor moves) and without carriage returns before
 *   a newline
 */
char *
pp_run_text_clean (const char *text,
                   gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p++)
    {
      if (*p == '\x1b')
        {
          /* CSI: ESC [ parameters final-byte; OSC: ESC ] ... BEL or ESC \ */
          if (p[1] == '[')
            {
              p += 2;
              while (*p != '\0' && !(*p >= '@' && *p <= '~'))
                p++;
            }
          else if (p[1] == ']')
            {
              p += 2;
              while (*p != '\0' && *p != '\a' && !(p[0] == '\x1b' && p[1] == '\\'))
                p++;
              if (*p == '\x1b')
                p++;
            }
          else if (p[1] != '\0')
            p++;
          if (*p == '\0')
            break;
          continue;
        }
      if (*p == '\r' && p[1] == '\n')
        continue;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const PpSourceMention *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

/* Adds each match of PATTERN: group 1 the mention's start, group 2 the
 * line, group 3 (optional) the column. */
static void
find_with (GArray     *mentions,
           const char *text,
           const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_return_if_fail (regex != NULL);
  for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      PpSourceMention mention = { 0 };
      g_autofree char *line = g_match_info_fetch (match, 2);
      g_autofree char *column = g_match_info_fetch (match, 3);
      int start, end, column_start = -1, column_end = -1;

      g_match_info_fetch_pos (match, 1, &start, NULL);
      g_match_info_fetch_pos (match, 2, NULL, &end);
      if (g_match_info_get_match_count (match) > 3)
        g_match_info_fetch_pos (match, 3, &column_start, &column_end);
      mention.start = start;
      mention.end = column_start >= 0 ? column_end : end;
      mention.line = atoi (line);
      mention.column = column != NULL && column[0] != '\0' ? atoi (column) : 0;
      if (mention.line > 0)
        g_array_append_val (mentions, mention);
    }
}

/**
 * pp_run_text_find_mentions:
 * @text: cleaned output (see pp_run_text_clean())
 * @file_name: the source's name in the box ("main.c", "Main.java")
 *
 * Finds the places compilers and runtimes name: "main.c:12:5:" (GCC, Go,
 * javac's "Main.java:3:", Node's "/box/main.js:4") and Python's
 * 'File "/box/main.py", line 3'.
 *
 * Returns: (transfer full) (element-type PpSourceMention): in order
 */
GArray *
pp_run_text_find_mentions (const char *text,
                           const char *file_name)
{
  GArray *mentions = g_array_new (FALSE, FALSE, sizeof (PpSourceMention));
  g_autofree char *quoted = g_regex_escape_string (file_name, -1);
  g_autofree char *colon = g_strdup_printf ("(?:^|(?<=[\\s(]))((?:\\./|/box/)?%s):(\\d+)(?::(\\d+))?",
                                            quoted);
  g_autofree char *python = g_strdup_printf ("(File \"(?:/box/)?%s\"), line (\\d+)", quoted);

  find_with (mentions, text, colon);
  find_with (mentions, text, python);
  g_array_sort (mentions, compare_mentions);
  return mentions;
}

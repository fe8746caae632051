/* test-run-text.c: a run's verdict in words, output cleaned of terminal
 * escapes, and the source places compiler and runtime messages name
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pp-run-result-private.h"
#include "pp-run-text.h"

static PpRunResult *
result_of (const char *compile_json,
           const char *run_json)
{
  PpRunResult *result = _pp_run_result_new ();
  g_autoptr(GError) error = NULL;

  if (compile_json != NULL)
    {
      _pp_run_result_take_step (result, PP_RUN_STAGE_COMPILE,
                                _pp_step_result_new_from_json (compile_json, strlen (compile_json), &error));
      g_assert_no_error (error);
    }
  if (run_json != NULL)
    {
      _pp_run_result_take_step (result, PP_RUN_STAGE_RUN,
                                _pp_step_result_new_from_json (run_json, strlen (run_json), &error));
      g_assert_no_error (error);
    }
  return result;
}

#define STEP(status, extra) \
  "{\"status\":\"" status "\",\"exit_code\":0,\"signal\":0,\"cpu_ms\":120,\"wall_ms\":130," \
  "\"max_rss_kb\":9300,\"output_truncated\":false,\"message\":\"m\",\"backend\":\"namespaces\"" extra "}"

static void
assert_described (const char *compile,
                  const char *run,
                  const char *says)
{
  g_autoptr(PpRunResult) result = result_of (compile, run);
  g_autofree char *text = pp_run_result_describe (result, 5);

  g_assert_cmpstr (text, ==, says);
}

static void
test_describe (void)
{
  assert_described (STEP ("OK", ""), STEP ("OK", ""), "Finished in 0.12 s, 9.5\u00a0MB");
  assert_described (NULL, STEP ("OK", ""), "Finished in 0.12 s, 9.5\u00a0MB");
  assert_described (STEP ("RE", ""), NULL, "Compilation failed");
  assert_described (NULL, "{\"status\":\"TO\",\"exit_code\":0,\"signal\":9,\"cpu_ms\":5010,"
                    "\"wall_ms\":5100,\"max_rss_kb\":1,\"output_truncated\":false,\"message\":\"\","
                    "\"backend\":\"namespaces\"}", "Time limit exceeded after 5 s");
  assert_described (NULL, STEP ("ML", ""), "Killed: out of memory");
  assert_described (NULL, STEP ("OL", ""), "Stopped: too much output");
  assert_described (NULL, "{\"status\":\"RE\",\"exit_code\":3,\"signal\":0,\"cpu_ms\":10,"
                    "\"wall_ms\":10,\"max_rss_kb\":1,\"output_truncated\":false,\"message\":\"\","
                    "\"backend\":\"namespaces\"}", "Exited with status 3 after 0.01 s");
}

static void
assert_details (const char *run,
                const char *says)
{
  g_autoptr(PpRunResult) result = result_of (NULL, run);
  g_autofree char *text = pp_run_result_describe_details (result);

  g_assert_cmpstr (text, ==, says);
}

static void
test_details (void)
{
  assert_details (STEP ("OK", ",\"memory_limit_by\":\"cgroup-v2\",\"seccomp_unresolved\":[]"),
                  "Sandbox: Linux namespaces\n"
                  "Memory limit kept by: a cgroup (v2)\n"
                  "CPU time: 0.12 s, wall time: 0.13 s, peak memory: 9.5\u00a0MB\n"
                  "System calls the sandbox could not block: none");
  assert_details ("{\"status\":\"OK\",\"exit_code\":0,\"signal\":0,\"cpu_ms\":5,\"wall_ms\":7,"
                  "\"max_rss_kb\":1000,\"output_truncated\":false,\"message\":\"\","
                  "\"backend\":\"flatpak\",\"memory_limit_by\":\"supervisor\",\"landlock_abi\":7,"
                  "\"seccomp_unresolved\":[\"open_tree_attr\",\"listmount\"]}",
                  "Sandbox: a Flatpak subsandbox with Landlock (ABI 7)\n"
                  "Memory limit kept by: the sandbox's supervisor\n"
                  "CPU time: 0.01 s, wall time: 0.01 s, peak memory: 1.0\u00a0MB\n"
                  "System calls the sandbox could not block, as the installed libseccomp "
                  "does not know them: open_tree_attr, listmount");
  /* The sandbox failed before the program ran: no limits or figures to tell of. */
  assert_details ("{\"status\":\"XX\",\"exit_code\":0,\"signal\":0,\"cpu_ms\":0,\"wall_ms\":0,"
                  "\"max_rss_kb\":0,\"output_truncated\":false,\"message\":\"m\","
                  "\"backend\":\"flatpak\",\"landlock_abi\":0,\"seccomp_unresolved\":[]}",
                  "Sandbox: a Flatpak subsandbox, without Landlock\n"
                  "System calls the sandbox could not block: none");
}

static void
test_step_fields (void)
{
  g_autoptr(GError) error = NULL;
  const char *flatpak = STEP ("OK", ",\"landlock_abi\":3,\"seccomp_unresolved\":[\"a\",7,\"b\"]");
  g_autoptr(PpStepResult) step = _pp_step_result_new_from_json (flatpak, strlen (flatpak), &error);
  /* What an older sandbox wrote: none of the newer fields. */
  g_autoptr(PpStepResult) old = _pp_step_result_new_from_json (STEP ("OK", ""), strlen (STEP ("OK", "")),
                                                               &error);

  g_assert_no_error (error);
  g_assert_cmpint (step->landlock_abi, ==, 3);
  g_assert_cmpstrv (step->seccomp_unresolved, ((const char *const[]) { "a", "b", NULL }));
  g_assert_cmpstr (old->memory_limit_by, ==, "");
  g_assert_cmpint (old->landlock_abi, ==, -1);
  g_assert_nonnull (old->seccomp_unresolved);
  g_assert_null (old->seccomp_unresolved[0]);
}

static void
test_clean (void)
{
  const char *colored = "\x1b[01;31m\x1b[Kerror:\x1b[m\x1b[K bad\r\nnext\x1b]8;;http://x\x07link\x1b]8;;\x1b\\\n";
  g_autofree char *clean = pp_run_text_clean (colored, strlen (colored));
  g_autofree char *broken = pp_run_text_clean ("a\xff" "b\x1b[", 5);

  g_assert_cmpstr (clean, ==, "error: bad\nnext" "link" "\n");
  g_assert_true (g_utf8_validate (broken, -1, NULL));
  g_assert_true (g_str_has_prefix (broken, "a"));
}

static void
assert_mentions (const char *text,
                 const char *file,
                 guint       n,
                 const int  *lines,
                 const int  *columns,
                 const char *first_mention)
{
  g_autoptr(GArray) found = pp_run_text_find_mentions (text, file);

  g_assert_cmpuint (found->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      PpSourceMention *m = &g_array_index (found, PpSourceMention, i);

      g_assert_cmpint (m->line, ==, lines[i]);
      g_assert_cmpint (m->column, ==, columns[i]);
    }
  if (n > 0)
    {
      PpSourceMention *m = &g_array_index (found, PpSourceMention, 0);
      g_autofree char *mention = g_strndup (text + m->start, m->end - m->start);

      g_assert_cmpstr (mention, ==, first_mention);
    }
}

static void
test_mentions (void)
{
  assert_mentions ("main.c: In function 'main':\n"
                   "main.c:3:10: error: 'undefined_name' undeclared\n"
                   "main.c:7:1: warning: no return\n", "main.c", 2,
                   (int[]) { 3, 7 }, (int[]) { 10, 1 }, "main.c:3:10");
  assert_mentions ("Main.java:2: error: cannot find symbol\n", "Main.java", 1,
                   (int[]) { 2 }, (int[]) { 0 }, "Main.java:2");
  assert_mentions ("# command-line-arguments\n./main.go:4:10: undefined: x\n", "main.go", 1,
                   (int[]) { 4 }, (int[]) { 10 }, "./main.go:4:10");
  assert_mentions ("Traceback (most recent call last):\n"
                   "  File \"/box/main.py\", line 5, in <module>\n"
                   "    f()\n  File \"/box/main.py\", line 2, in f\n", "main.py", 2,
                   (int[]) { 5, 2 }, (int[]) { 0, 0 }, "File \"/box/main.py\", line 5");
  assert_mentions ("/box/main.js:4\n  throw new Error('x');\n", "main.js", 1,
                   (int[]) { 4 }, (int[]) { 0 }, "/box/main.js:4");
  /* Other files, and the name inside a longer one, are not ours. */
  assert_mentions ("/usr/include/stdio.h:12:3: note\nxmain.c:4: no\n", "main.c", 0, NULL, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/run-text/describe", test_describe);
  g_test_add_func ("/run-text/details", test_details);
  g_test_add_func ("/run-text/step-fields", test_step_fields);
  g_test_add_func ("/run-text/clean", test_clean);
  g_test_add_func ("/run-text/mentions", test_mentions);
  return g_test_run ();
}

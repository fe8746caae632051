/* test-crdt-tool.c: the pairpad-crdt command-line tool
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "crdt-test-util.h"
#include "pp-test-home.h"

static void
run_tool (const char * const *args, int *status, char **out, char **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("PAIRPAD_CRDT_TOOL"));
  for (const char * const *a = args; *a; a++)
    g_ptr_array_add (argv, (gpointer) *a);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, status, &error);
  g_assert_no_error (error);
}

static void
test_tool (void)
{
  const char *dir = pp_test_home_get_path ();
  g_autofree char *f1 = g_build_filename (dir, "one.bin", NULL);
  g_autofree char *f2 = g_build_filename (dir, "two.bin", NULL);
  g_autofree char *bad = g_build_filename (dir, "cut.bin", NULL);
  g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (314);
  g_auto(Updates) u = { 0, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  pp_doc_connect_update (doc, on_update, &u);
  pp_text_insert (pp_doc_get_text (doc, "code"), 0, "print('hi 😀')\n", -1, NULL);
  g_file_set_contents (f1, g_bytes_get_data (u.last, NULL), g_bytes_get_size (u.last), NULL);
  pp_text_insert (pp_doc_get_text (doc, "notes"), 0, "private", -1, NULL);
  pp_text_delete (pp_doc_get_text (doc, "code"), 0, 6, NULL);
  {
    g_autoptr(GBytes) st = state_of (doc);
    g_file_set_contents (f2, g_bytes_get_data (st, NULL), g_bytes_get_size (st), NULL);
    g_file_set_contents (bad, g_bytes_get_data (st, NULL), g_bytes_get_size (st) - 3, NULL);
  }

  run_tool ((const char *[]) { "apply", f1, NULL }, &status, &out, &err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "print('hi 😀')\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_tool ((const char *[]) { "apply", f1, f2, NULL }, &status, &out, &err);
  g_assert_cmpstr (out, ==, "'hi 😀')\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_tool ((const char *[]) { "apply", "--text", "notes", f2, NULL }, &status, &out, &err);
  g_assert_cmpstr (out, ==, "private");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A truncated file: exit 1, one line naming it and the offset. */
  run_tool ((const char *[]) { "apply", f1, bad, NULL }, &status, &out, &err);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, bad));
  g_assert_nonnull (strstr (err, "at byte "));
  g_assert_cmpuint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_tool ((const char *[]) { "state-vector", f2, NULL }, &status, &out, &err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    g_autofree char *want = g_strdup_printf ("314 %u\n", (guint) (strlen ("print('hi ')\n") + 2 + strlen ("private")));
    g_assert_cmpstr (out, ==, want);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_tool ((const char *[]) { "bogus", NULL }, &status, &out, &err);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* replay: a trace, if the traces are here. */
  {
    g_autofree char *trace = g_build_filename (g_getenv ("PAIRPAD_TESTS_DIR"), "..", "..", "shared", "traces",
                                               "sveltecomponent.json.gz", NULL);
    g_autofree char *outfile = g_build_filename (dir, "svelte.bin", NULL);
    if (g_file_test (trace, G_FILE_TEST_EXISTS))
      {
        g_autofree char *text = NULL;
        run_tool ((const char *[]) { "replay", trace, outfile, NULL }, &status, &out, &err);
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        g_assert_cmpstr (err, ==, "");
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
        run_tool ((const char *[]) { "apply", outfile, NULL }, &status, &text, &err);
        g_assert_cmpuint (g_utf8_strlen (text, -1), ==, 18451);
      }
    else
      g_test_message ("No traces: replay not checked");
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The files the tool reads and writes go to a folder removed at the end,
   * whatever the test leaves in it. */
  pp_test_home_init ("crdt-tool");
  g_test_add_func ("/crdt/tool", test_tool);
  status = g_test_run ();
  pp_test_home_cleanup ();
  return status;
}

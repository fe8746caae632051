/* test-run-panel.c: running code from the real window: input in, output
 * out as it comes, the verdict in words, compile errors linked to the
 * line, the run's details tell how the sandbox ran it, Esc stops, the
 * main loop never stalls, and languages this computer lacks are explained
 *
 * PAIRPAD_SANDBOX and PAIRPAD_LANGUAGES come from meson.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "pp-test-app.h"

/* The longest the main loop may stall while output streams in. AddressSanitizer
 * makes our code (not GTK's) two to four times slower: its build gets more. */
#if defined(__SANITIZE_ADDRESS__)
#define MAX_STALL_MS 400
#else
#define MAX_STALL_MS 100
#endif

static void
set_code (PpWindow   *window,
          const char *code)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (pp_window_get_source_view (window)));

  gtk_text_buffer_set_text (buffer, code, -1);
}

static gboolean
run_ended (gpointer data)
{
  return !pp_run_panel_get_running (data);
}

static gboolean
running (gpointer data)
{
  return pp_run_panel_get_running (data);
}

static gboolean
not_running (gpointer data)
{
  return !pp_run_panel_get_running (data);
}

/* Waits without pp_test_spin's sleeps, so that a tick late by more than a
 * frame is the app's doing. */
static void
wait_run_ended (PpRunPanel *panel)
{
  pp_test_wait_for_full (not_running, panel, 60, "the run to end");
}

static void
keep_result (PpRunPanel  *panel,
             PpLanguage  *language,
             PpRunResult *result,
             PpRunResult **kept)
{
  g_set_object (kept, result);
}

static gboolean
details_shown (gpointer data)
{
  return pp_test_find_label (data, "Sandbox: ") != NULL;
}

/* Opens the run's details as a click on the button beside the status
 * does, and checks they tell what the sandbox reported. */
static void
assert_details_shown (PpRunPanel  *panel,
                      PpRunResult *result)
{
  const PpStepResult *step = pp_run_result_get_step (result, PP_RUN_STAGE_RUN);
  GtkWidget *button = pp_test_find_widget (GTK_WIDGET (panel), GTK_TYPE_MENU_BUTTON);
  const char *details;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  pp_test_wait_for (details_shown, button, "the run's details");
  details = gtk_label_get_label (GTK_LABEL (pp_test_find_label (button, "Sandbox: ")));
  g_test_message ("the run's details:\n%s", details);

  g_assert_nonnull (strstr (details, "Memory limit kept by: "));
  g_assert_nonnull (strstr (details, "CPU time: "));
  g_assert_nonnull (strstr (details, "System calls the sandbox could not block"));
  if (step->seccomp_unresolved[0] == NULL)
    g_assert_nonnull (strstr (details, "could not block: none"));
  for (guint i = 0; step->seccomp_unresolved[i] != NULL; i++)
    g_assert_nonnull (strstr (details, step->seccomp_unresolved[i]));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static GtkAdjustment *
output_adjustment (PpRunPanel *panel)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pp_run_panel_get_output_view (panel)));
}

static gboolean
output_at_end (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) > 2 * gtk_adjustment_get_page_size (adjustment) &&
         gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
           gtk_adjustment_get_upper (adjustment) - 1;
}

static gboolean
output_has_lines (gpointer data)
{
  g_autofree char *output = pp_run_panel_get_output (data);

  return strstr (output, "line 40\n") != NULL;
}

/* Streaming output stays scrolled to its end, to the very last line once
 * it stops; a user who scrolls up to read is left there. */
static void
output_follows_its_end (PpWindow   *window,
                        PpRunPanel *panel)
{
  GtkAdjustment *adjustment = output_adjustment (panel);

  set_code (window, "for i in range(3000):\n    print('line', i)\n");
  gtk_widget_grab_focus (GTK_WIDGET (pp_window_get_source_view (window)));
  pp_test_xdotool ("key", "ctrl+Return", NULL);
  pp_test_wait_for (running, panel, "the run to start");
  wait_run_ended (panel);
  if (!pp_test_wait_until (output_at_end, adjustment))
    g_error ("output not at its end: %g + %g of %g", gtk_adjustment_get_value (adjustment),
             gtk_adjustment_get_page_size (adjustment), gtk_adjustment_get_upper (adjustment));

  set_code (window, "import time\nfor i in range(400):\n    print('line', i, flush=True)\n"
                    "    time.sleep(0.005)\n");
  gtk_widget_grab_focus (GTK_WIDGET (pp_window_get_source_view (window)));
  pp_test_xdotool ("key", "ctrl+Return", NULL);
  pp_test_wait_for (output_has_lines, panel, "some lines of output");
  /* Up to the top, as a reader would, while lines still come. */
  gtk_widget_grab_focus (GTK_WIDGET (pp_run_panel_get_output_view (panel)));
  pp_test_xdotool ("key", "ctrl+Home", NULL);
  wait_run_ended (panel);
  pp_test_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, 1);
}

static void
run_with_input (PpApplication *app,
                PpWindow      *window,
                gpointer       data)
{
  PpRunPanel *panel = pp_window_get_run_panel (window);
  GtkTextBuffer *input = gtk_text_view_get_buffer (pp_run_panel_get_input_view (panel));
  g_autofree char *output = NULL;
  g_autoptr(PpRunResult) result = NULL;
  PpTestStallMeter meter = { 0 };
  gint64 max_gap;

  g_signal_connect (panel, "finished", G_CALLBACK (keep_result), &result);
  g_assert_true (pp_window_select_language (window, "python"));
  set_code (window,
            "import sys\n"
            "name = sys.stdin.readline().strip()\n"
            "print('Hello, \\033[1;32m' + name + '\\033[0m')\n"
            "for i in range(20000):\n"
            "    print('line', i)\n"
            "print('oops', file=sys.stderr)\n");
  gtk_text_buffer_set_text (input, "Ada\n", -1);
  gtk_widget_grab_focus (GTK_WIDGET (pp_window_get_source_view (window)));

  /* The shortcut, pressed in the editor, runs the code: no new line. */
  pp_test_xdotool ("key", "ctrl+Return", NULL);
  pp_test_wait_for (running, panel, "the run to start");
  pp_test_stall_meter_start (&meter, 5);
  wait_run_ended (panel);
  max_gap = pp_test_stall_meter_stop (&meter);

  output = pp_run_panel_get_output (panel);
  g_assert_true (g_str_has_prefix (output, "Hello, Ada\nline 0\n"));
  /* Two pipes: where standard error lands among the lines is not fixed. */
  g_assert_nonnull (strstr (output, "line 19999\n"));
  g_assert_nonnull (strstr (output, "oops\n"));
  g_assert_null (strchr (output, '\033'));
  if (!g_str_has_prefix (pp_run_panel_get_status (panel), "Finished in "))
    g_error ("status: %s", pp_run_panel_get_status (panel));
  g_signal_handlers_disconnect_by_func (panel, keep_result, &result);
  g_assert_nonnull (result);
  assert_details_shown (panel, result);
  {
    g_autofree char *code = pp_test_get_text (window);

    g_assert_null (strstr (code, "\n\n"));
  }
  /* 20,000 lines streamed in while the loop kept its frames. */
  g_test_message ("longest main-loop stall while running: %" G_GINT64_FORMAT " ms",
                  max_gap / 1000);
  g_assert_cmpint (max_gap, <, MAX_STALL_MS * 1000);

  /* Kept as a record a session could share: language, status, output. */
  {
    g_autoptr(GPtrArray) runs = pp_store_list_runs (pp_application_get_store (app), NULL, NULL);
    PpRunRecord *run;

    g_assert_nonnull (runs);
    g_assert_cmpuint (runs->len, ==, 1);
    run = runs->pdata[0];
    g_assert_cmpstr (run->language, ==, "python");
    g_assert_cmpstr (run->status, ==, "OK");
    g_assert_cmpint (run->exit_code, ==, 0);
    g_assert_true (g_str_has_prefix (g_bytes_get_data (run->stdout_bytes, NULL), "Hello, "));
    g_assert_cmpmem (g_bytes_get_data (run->stderr_bytes, NULL), g_bytes_get_size (run->stderr_bytes),
                     "oops\n", 5);
  }

  output_follows_its_end (window, panel);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
compile_error_links (PpApplication *app,
                     PpWindow      *window,
                     gpointer       data)
{
  PpRunPanel *panel = pp_window_get_run_panel (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (pp_window_get_source_view (window)));
  GtkTextIter cursor;
  g_autofree char *output = NULL;

  g_assert_true (pp_window_select_language (window, "c"));
  set_code (window, "#include <stdio.h>\n\nint main (void)\n{\n  return undefined_name;\n}\n");
  gtk_text_buffer_get_start_iter (buffer, &cursor);
  gtk_text_buffer_place_cursor (buffer, &cursor);
  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  wait_run_ended (panel);

  g_assert_cmpstr (pp_run_panel_get_status (panel), ==, "Compilation failed");
  output = pp_run_panel_get_output (panel);
  g_assert_nonnull (strstr (output, "undefined_name"));
  /* The first link is "main.c:5:10": following it puts the cursor there. */
  g_assert_true (pp_run_panel_activate_link (panel, 0));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, 4);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&cursor), ==, 9);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static gboolean
output_has_started (gpointer data)
{
  g_autofree char *output = pp_run_panel_get_output (data);

  return strstr (output, "started") != NULL;
}

static void
escape_stops (PpApplication *app,
              PpWindow      *window,
              gpointer       data)
{
  PpRunPanel *panel = pp_window_get_run_panel (window);
  gint64 start;

  g_assert_true (pp_window_select_language (window, "python"));
  set_code (window, "import time\nprint('started', flush=True)\nwhile True:\n    time.sleep(0.1)\n");
  gtk_widget_grab_focus (GTK_WIDGET (pp_window_get_source_view (window)));
  pp_test_xdotool ("key", "ctrl+Return", NULL);
  pp_test_wait_for (output_has_started, panel, "the program's first line");
  g_assert_true (pp_run_panel_get_running (panel));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run"));

  start = g_get_monotonic_time ();
  pp_test_xdotool ("key", "Escape", NULL);
  pp_test_wait_for (run_ended, panel, "the run to stop");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpstr (pp_run_panel_get_status (panel), ==, "Stopped");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static gboolean
dialog_shown (gpointer data)
{
  return pp_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
more_listed (gpointer data)
{
  GListModel *model = gtk_drop_down_get_model (pp_window_get_language_dropdown (data));
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GtkStringObject) last = n > 0 ? g_list_model_get_item (model, n - 1) : NULL;

  return last != NULL && g_str_equal (gtk_string_object_get_string (last), "More Languages…");
}

static void
missing_is_explained (PpApplication *app,
                      PpWindow      *window,
                      gpointer       data)
{
  GtkDropDown *dropdown = pp_window_get_language_dropdown (window);
  GListModel *model;
  GtkWindow *dialog;

  /* Detection finds Nolang's compiler missing: it leaves the list. */
  pp_test_wait_for (more_listed, window, "“More Languages…” in the selector");
  g_assert_false (pp_window_select_language (window, "nolang"));
  g_assert_true (pp_window_select_language (window, "python"));
  model = gtk_drop_down_get_model (dropdown);
  gtk_drop_down_set_selected (dropdown, g_list_model_get_n_items (model) - 1);
  pp_test_wait_for (dialog_shown, NULL, "the dialog about missing languages");
  dialog = pp_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Nolang: nolangc is not installed. Install the Debian package nolang-tools."));
  /* Still Python, which can run. */
  g_assert_cmpstr (pp_window_get_language (window), ==, "python");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run"));
  gtk_window_destroy (dialog);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* languages.json and one more language, whose compiler no computer has. */
static char *
languages_with_nolang (const char *directory)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *path = g_build_filename (directory, "languages.json", NULL);
  JsonArray *languages;
  JsonObject *nolang, *version;
  JsonArray *argv;

  json_parser_load_from_file (parser, g_getenv ("PAIRPAD_LANGUAGES"), &error);
  g_assert_no_error (error);
  languages = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "languages");
  /* json_node_copy() would share the object: a deep copy through text. */
  {
    g_autofree char *text = json_to_string (json_array_get_element (languages, 0), FALSE);
    g_autoptr(JsonNode) copy = json_from_string (text, &error);

    g_assert_no_error (error);
    nolang = json_object_ref (json_node_get_object (copy));
  }
  json_object_set_string_member (nolang, "id", "nolang");
  json_object_set_string_member (nolang, "name", "Nolang");
  json_object_set_string_member (nolang, "package", "nolang-tools");
  version = json_object_get_object_member (nolang, "version");
  argv = json_array_new ();
  json_array_add_string_element (argv, "nolangc");
  json_array_add_string_element (argv, "--version");
  json_object_set_array_member (version, "argv", argv);
  json_array_add_object_element (languages, nolang);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_missing_language (PpTestHome    *home,
                       gconstpointer  data)
{
  const PpTestPhase phase = { missing_is_explained, NULL };
  g_autofree char *saved = g_strdup (g_getenv ("PAIRPAD_LANGUAGES"));
  g_autofree char *path = NULL;

  /* The phase's process inherits the file from this one. */
  if (!g_test_subprocess ())
    {
      path = languages_with_nolang (home->path);
      g_setenv ("PAIRPAD_LANGUAGES", path, TRUE);
    }
  pp_test_run_phases (&phase, 1);
  g_setenv ("PAIRPAD_LANGUAGES", saved, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define add_test(path, func, data) \
  g_test_add (path, PpTestHome, data, pp_test_home_setup, func, pp_test_home_teardown)

  add_test ("/ui/run/input-output-and-status", pp_test_run_driver, run_with_input);
  add_test ("/ui/run/compile-error-links-to-line", pp_test_run_driver, compile_error_links);
  add_test ("/ui/run/escape-stops", pp_test_run_driver, escape_stops);
  add_test ("/ui/run/missing-language-explained", test_missing_language, NULL);

  return g_test_run ();
}

/* test-practice.c: the offline practice judge from the real window: the
 * problem list with search and filters, a problem's statement beside the
 * editor, Submit, the verdict, the history of attempts, the statistics,
 * the code kept across a restart, and what the user sees when the history
 * cannot keep the code or an attempt. Uses the real problem bank
 * (PAIRPAD_PROBLEMS) and a reference solution from tests/problems.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "pp-test-app.h"

#define PROBLEM_ID "lantern-relay"

static gboolean
bank_loaded (gpointer data)
{
  return pp_window_get_problems (data) != NULL;
}

static gboolean
judged (gpointer data)
{
  return !pp_problem_view_get_judging (data);
}

static char *
statement_text (PpProblemView *view)
{
  return pp_test_view_text (GTK_TEXT_VIEW (pp_test_find_widget (GTK_WIDGET (view), GTK_TYPE_TEXT_VIEW)));
}

static char *
editor_text (PpProblemView *view)
{
  return pp_test_view_text (GTK_TEXT_VIEW (pp_problem_view_get_source_view (view)));
}

static void
set_code (PpProblemView *view,
          const char    *code)
{
  GtkSourceView *editor = pp_problem_view_get_source_view (view);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), "", 0);
  gtk_widget_grab_focus (GTK_WIDGET (editor));
  /* The input method's commit path, as typing does. */
  g_signal_emit_by_name (editor, "insert-at-cursor", code);
}

static char *
solution (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PAIRPAD_SOLUTIONS"), PROBLEM_ID, "solution.py", NULL);
  g_autoptr(GError) error = NULL;
  char *code = NULL;

  g_file_get_contents (path, &code, NULL, &error);
  g_assert_no_error (error);
  return code;
}

static void
submit_with_keys (PpProblemView *view)
{
  pp_test_xdotool ("key", "ctrl+shift+Return", NULL);
  pp_test_wait_for ((PpTestCondition) pp_problem_view_get_judging, view, "judging to start");
  pp_test_wait_for (judged, view, "the verdict");
}

static gboolean
example_shown (gpointer data)
{
  return pp_test_find_label (data, "Example 1 — ") != NULL;
}

static gboolean
own_input_shown (gpointer data)
{
  return pp_test_find_label (data, "Your Input") != NULL;
}

static void
try_with_keys (PpProblemView *view)
{
  pp_test_xdotool ("key", "ctrl+Return", NULL);
  pp_test_wait_for ((PpTestCondition) pp_problem_view_get_judging, view, "the try to start");
  pp_test_wait_for (judged, view, "the try to end");
}

/* Ctrl+Enter runs the examples and records nothing; the user's own input
 * runs alone; Esc stops a try and a judging. */
static void
try_before_submitting (PpProblemView *view,
                       const char    *wrong_code)
{
  GtkWidget *expander = pp_test_find_widget (GTK_WIDGET (view), GTK_TYPE_EXPANDER);
  GtkTextView *input = NULL;

  set_code (view, wrong_code);
  try_with_keys (view);
  g_assert_true (g_str_has_prefix (pp_problem_view_get_verdict (view), "0 of "));
  g_assert_nonnull (strstr (pp_problem_view_get_verdict (view), "nothing was recorded"));
  pp_test_wait_for (example_shown, view, "each example's outcome");
  g_assert_nonnull (pp_test_find_label (GTK_WIDGET (view), "Example 1 — Wrong Answer"));
  g_assert_nonnull (pp_test_find_label (GTK_WIDGET (view), "Expected Output"));
  g_assert_nonnull (pp_test_find_label (GTK_WIDGET (view), "Your Output"));
  g_assert_cmpuint (pp_problem_view_get_n_attempts (view), ==, 0);
  pp_test_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view))), "problem-try");

  g_assert_nonnull (expander);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  input = GTK_TEXT_VIEW (pp_test_find_widget (expander, GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (input), "my own input\n", -1);
  set_code (view, "print(input()[::-1])\n");
  try_with_keys (view);
  pp_test_wait_for (own_input_shown, view, "the run on the user's input");
  g_assert_nonnull (pp_test_find_label (GTK_WIDGET (view), "tupni nwo ym"));
  g_assert_null (pp_test_find_label (GTK_WIDGET (view), "Example 1 — "));
  pp_test_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view))), "problem-try-own-input");
  gtk_expander_set_expanded (GTK_EXPANDER (expander), FALSE);

  set_code (view, "while True:\n    pass\n");
  pp_test_xdotool ("key", "ctrl+Return", NULL);
  pp_test_wait_for ((PpTestCondition) pp_problem_view_get_judging, view, "the try to start");
  pp_test_xdotool ("key", "Escape", NULL);
  pp_test_wait_for (judged, view, "Esc to stop the try");
  g_assert_cmpstr (pp_problem_view_get_verdict (view), ==, "The run was stopped");

  pp_test_xdotool ("key", "ctrl+shift+Return", NULL);
  pp_test_wait_for ((PpTestCondition) pp_problem_view_get_judging, view, "judging to start");
  pp_test_xdotool ("key", "Escape", NULL);
  pp_test_wait_for (judged, view, "Esc to stop the judging");
  g_assert_cmpstr (pp_problem_view_get_verdict (view), ==, "Judging was stopped");
  g_assert_cmpuint (pp_problem_view_get_n_attempts (view), ==, 0);
}

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
button_labelled (GtkWidget     *widget,
                 gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* Opens the code of the attempt with VERDICT, as its Code button does. */
static GtkWindow *
open_attempt (PpProblemView *view,
              const char    *verdict)
{
  GtkWidget *row = pp_test_find_widget_where (GTK_WIDGET (view), row_titled, verdict);

  g_assert_nonnull (row);
  g_signal_emit_by_name (pp_test_find_widget_where (row, button_labelled, "Code"), "clicked");
  pp_test_wait_for (pp_test_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_WINDOW), "the attempt's code");
  return pp_test_find_toplevel (ADW_TYPE_WINDOW);
}

/* A past attempt's code: highlighted, titled with the problem, closed with
 * Esc, and taken back into the editor as one undoable step. */
static void
restore_an_attempt (PpProblemView *view,
                    const char    *attempt_code,
                    const char    *current_code)
{
  GtkWindow *window = open_attempt (view, "Wrong Answer");
  GtkSourceView *code = GTK_SOURCE_VIEW (pp_test_find_widget (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW));
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (code)));
  g_autofree char *restored = NULL;

  g_assert_cmpstr (gtk_window_get_title (window), ==, "Lantern Relay");
  g_assert_nonnull (gtk_source_buffer_get_language (buffer));
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)), ==, "python3");
  g_assert_true (gtk_source_buffer_get_style_scheme (buffer) ==
                 gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (pp_problem_view_get_source_view (view))))));
  pp_test_screenshot (GTK_WIDGET (window), "attempt-code");
  pp_test_xdotool ("key", "Escape", NULL);
  pp_test_wait_for (pp_test_toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_WINDOW), "Esc to close the attempt's code");

  window = open_attempt (view, "Wrong Answer");
  pp_test_xdotool ("key", "ctrl+w", NULL);
  pp_test_wait_for (pp_test_toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_WINDOW), "Ctrl+W to close the attempt's code");

  window = open_attempt (view, "Wrong Answer");
  g_signal_emit_by_name (pp_test_find_widget_where (GTK_WIDGET (window), button_labelled,
                                                    "_Restore to Editor"), "clicked");
  pp_test_wait_for (pp_test_toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_WINDOW), "the code window to close on restoring");
  restored = editor_text (view);
  g_assert_cmpstr (restored, ==, attempt_code);
  pp_test_xdotool ("key", "ctrl+z", NULL);
  pp_test_assert_view_text_soon (GTK_TEXT_VIEW (pp_problem_view_get_source_view (view)), current_code);
}

static gboolean
problem_shown (gpointer data)
{
  PpProblemView *view = data;

  return gtk_widget_get_mapped (GTK_WIDGET (view)) && pp_problem_view_get_problem (view) != NULL &&
         g_str_equal (pp_problem_get_id (pp_problem_view_get_problem (view)), PROBLEM_ID);
}

static gboolean
list_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
nothing_found_shown (gpointer data)
{
  return pp_test_find_label (data, "No Problems Found") != NULL;
}

static gboolean
row_focused (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (data));

  return GTK_IS_LIST_BOX_ROW (focus);
}

static gboolean
count_is_one (gpointer data)
{
  return pp_practice_page_count_shown (data) == 1;
}

/* The problem list by keyboard: a search that finds nothing says so;
 * Enter in the search opens the first match; Down moves into the list,
 * arrows move within it, and Tab leaves it. */
static void
list_by_keyboard (PpWindow *window)
{
  PpPracticePage *page = pp_window_get_practice_page (window);
  PpProblemView *view = pp_window_get_problem_view (window);
  GtkWidget *search = pp_test_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *focus;

  pp_test_wait_for (list_shown, page, "the problem list");
  gtk_widget_grab_focus (search);
  pp_test_xdotool ("type", "--delay", "5", "no such problem", NULL);
  pp_test_wait_for (nothing_found_shown, page, "No Problems Found");
  pp_test_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))), "nothing-found");

  pp_test_xdotool ("key", "ctrl+a", NULL);
  pp_test_xdotool ("type", "--delay", "5", "lantern rel", NULL);
  pp_test_wait_for (count_is_one, page, "the search to find one problem");
  g_assert_null (pp_test_find_label (GTK_WIDGET (page), "No Problems Found"));
  pp_test_xdotool ("key", "Return", NULL);
  pp_test_wait_for (problem_shown, view, "Enter to open the first match");

  pp_test_xdotool ("key", "alt+Left", NULL);
  pp_test_wait_for (list_shown, page, "the list again");
  gtk_widget_grab_focus (search);
  pp_test_xdotool ("key", "ctrl+a", "BackSpace", NULL);
  pp_test_xdotool ("key", "Down", NULL);
  pp_test_wait_for (row_focused, page, "Down to move into the list");
  pp_test_xdotool ("key", "Down", NULL);
  pp_test_spin (100);
  g_assert_true (row_focused (page));
  pp_test_xdotool ("key", "Tab", NULL);
  pp_test_spin (100);
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (page)));
  g_assert_false (GTK_IS_LIST_BOX_ROW (focus));
}

/* The app as it starts for a user: on the problem list. */
static void
run_on_practice_page (const PpTestPhase *phases,
                      guint              n_phases)
{
  g_setenv ("PP_TEST_START_PAGE", "practice", TRUE);
  pp_test_run_phases (phases, n_phases);
  g_unsetenv ("PP_TEST_START_PAGE");
}

static void
practise (PpApplication *app,
          PpWindow      *window,
          gpointer       data)
{
  PpPracticePage *page = pp_window_get_practice_page (window);
  PpProblemView *view = pp_window_get_problem_view (window);
  g_autofree char *code = solution ();
  g_autofree char *statement = NULL;
  g_autofree char *text = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PpStore *store = pp_application_get_store (app);
  PpPracticeStats stats;
  guint n, easy = 0;

  /* The start page is the problem list: the whole bank, then filtered. */
  pp_test_wait_for (bank_loaded, window, "the problem bank to be read");
  n = g_list_model_get_n_items (pp_window_get_problems (window));
  g_assert_cmpuint (n, >=, 30);
  g_assert_cmpuint (pp_practice_page_count_shown (page), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PpProblem) p = g_list_model_get_item (pp_window_get_problems (window), i);

      easy += pp_problem_get_difficulty (p) == PP_DIFFICULTY_EASY;
    }
  pp_practice_page_set_filter (page, NULL, PP_DIFFICULTY_EASY, NULL, 0);
  g_assert_cmpuint (pp_practice_page_count_shown (page), ==, easy);
  pp_practice_page_set_filter (page, "lantern rel", -1, NULL, 0);
  g_assert_cmpuint (pp_practice_page_count_shown (page), ==, 1);
  pp_practice_page_set_filter (page, NULL, -1, "simulation", 0);
  g_assert_cmpuint (pp_practice_page_count_shown (page), >=, 1);
  g_assert_cmpuint (pp_practice_page_count_shown (page), <, n);
  pp_practice_page_set_filter (page, NULL, -1, NULL, 1);
  g_assert_cmpuint (pp_practice_page_count_shown (page), ==, 0);
  pp_practice_page_set_filter (page, NULL, -1, NULL, 0);
  list_by_keyboard (window);

  /* The statement beside the editor, with its examples; starter code. */
  g_assert_true (pp_window_open_problem (window, PROBLEM_ID));
  g_assert_true (pp_problem_view_select_language (view, "python"));
  statement = statement_text (view);
  g_assert_true (g_str_has_prefix (statement, "Lantern Relay\n"));
  g_assert_nonnull (strstr (statement, "Example 1"));
  g_assert_nonnull (strstr (statement, "Constraints"));
  text = editor_text (view);
  g_assert_nonnull (strstr (text, "TODO"));

  try_before_submitting (view, "print(0)\n");

  /* The starter code is wrong: told on the first, visible, test. */
  set_code (view, text);
  submit_with_keys (view);
  g_assert_true (g_str_has_prefix (pp_problem_view_get_verdict (view), "Wrong Answer on test 1 of "));
  details = pp_problem_view_get_details (view);
  g_assert_nonnull (strstr (details, "Expected output:"));
  g_assert_cmpuint (pp_problem_view_get_n_attempts (view), ==, 1);

  /* The reference solution, typed in, is Accepted. */
  set_code (view, code);
  submit_with_keys (view);
  if (!g_str_has_prefix (pp_problem_view_get_verdict (view), "Accepted: all "))
    {
      g_autofree char *why = pp_problem_view_get_details (view);
      g_error ("verdict: %s\n%s", pp_problem_view_get_verdict (view), why);
    }
  g_assert_cmpuint (pp_problem_view_get_n_attempts (view), ==, 2);
  /* The timer stopped at Accepted. */
  {
    g_autofree char *at_accepted = g_strdup (pp_problem_view_get_timer (view));

    pp_test_spin (1500);
    g_assert_cmpstr (pp_problem_view_get_timer (view), ==, at_accepted);
  }
  try_with_keys (view);
  g_assert_nonnull (strstr (pp_problem_view_get_verdict (view), " match"));
  g_assert_false (g_str_has_prefix (pp_problem_view_get_verdict (view), "0 of "));
  g_assert_null (pp_test_find_label (GTK_WIDGET (view), "— Wrong Answer"));
  g_assert_cmpuint (pp_problem_view_get_n_attempts (view), ==, 2);
  restore_an_attempt (view, text, code);

  /* The statistics close with Esc as well. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-stats", NULL);
  pp_test_wait_for (pp_test_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_WINDOW), "the statistics");
  g_assert_cmpstr (gtk_window_get_title (pp_test_find_toplevel (ADW_TYPE_WINDOW)), ==, "Statistics");
  pp_test_xdotool ("key", "Escape", NULL);
  pp_test_wait_for (pp_test_toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_WINDOW), "Esc to close the statistics");

  /* The list knows it is solved; the statistics count it. */
  pp_practice_page_set_filter (page, NULL, -1, NULL, 1);
  g_assert_cmpuint (pp_practice_page_count_shown (page), ==, 1);
  all = pp_store_list_submissions (store, NULL, NULL);
  pp_practice_stats_compute (pp_window_get_problems (window), all, now, &stats);
  g_assert_cmpuint (stats.solved[PP_DIFFICULTY_EASY], ==, 1);
  g_assert_cmpuint (stats.attempts, ==, 2);
  g_assert_cmpuint (stats.streak_days, ==, 1);
  g_assert_cmpuint (strlen (pp_problem_view_get_timer (view)), >=, 5);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* After a restart: the code typed for the problem and its history. */
static void
come_back (PpApplication *app,
           PpWindow      *window,
           gpointer       data)
{
  PpProblemView *view = pp_window_get_problem_view (window);
  g_autofree char *code = solution ();
  g_autofree char *text = NULL;

  pp_test_wait_for (bank_loaded, window, "the problem bank to be read");
  g_assert_true (pp_window_open_problem (window, PROBLEM_ID));
  text = editor_text (view);
  g_assert_cmpstr (text, ==, code);
  g_assert_cmpuint (pp_problem_view_get_n_attempts (view), ==, 2);
  /* The time it took is kept, and stays stopped. */
  {
    g_autofree char *kept = pp_store_load_draft (pp_application_get_store (app), "timer:" PROBLEM_ID,
                                                 NULL, NULL);
    g_autofree char *shown = g_strdup (pp_problem_view_get_timer (view));
    guint seconds = 0;

    g_assert_nonnull (kept);
    g_assert_true (g_str_has_suffix (kept, " solved"));
    seconds = g_ascii_strtoull (kept, NULL, 10);
    g_assert_cmpuint (seconds, >, 0);
    g_assert_cmpuint (seconds, ==, g_ascii_strtoull (shown + 3, NULL, 10) + 60 * g_ascii_strtoull (shown, NULL, 10));
    pp_test_spin (1500);
    g_assert_cmpstr (pp_problem_view_get_timer (view), ==, shown);
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_practice (PpTestHome    *home,
               gconstpointer  data)
{
  const PpTestPhase phases[] = {
    { practise, NULL },
    { come_back, NULL },
  };

  run_on_practice_page (phases, G_N_ELEMENTS (phases));
}

static gboolean
has_store_error (gpointer data)
{
  return pp_problem_view_get_store_error (data) != NULL;
}

static gboolean
store_error_gone (gpointer data)
{
  return pp_problem_view_get_store_error (data) == NULL;
}

static guint
toasts_saying (PpWindow   *window,
               const char *substring)
{
  guint n = 0;

  for (GtkWidget *toast = pp_test_find_widget (GTK_WIDGET (window), g_type_from_name ("AdwToastWidget"));
       toast != NULL; toast = gtk_widget_get_next_sibling (toast))
    if (G_TYPE_CHECK_INSTANCE_TYPE (toast, g_type_from_name ("AdwToastWidget")))
      n += pp_test_count_labels (toast, substring);
  return n;
}

static gboolean
toast_shown (gpointer data)
{
  return toasts_saying (data, "Your attempt could not be added to your history") > 0;
}

static gboolean
toast_gone (gpointer data)
{
  return !toast_shown (data);
}

/* Another program holds the history's write lock longer than Pairpad
 * waits: typing and submitting go on, the user is told once of each, and
 * the code is never lost; once the lock is gone, saving works again and
 * the banner goes. */
static void
save_while_locked (PpApplication *app,
                   PpWindow      *window,
                   gpointer       data)
{
  PpProblemView *view = pp_window_get_problem_view (window);
  GtkSourceView *editor = pp_problem_view_get_source_view (view);
  g_autofree char *path = pp_test_scratch_path ("pairpad.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  sqlite3 *other = NULL;
  GtkWidget *toast, *details, *dismiss;
  GtkWindow *dialog;

  pp_test_wait_for (bank_loaded, window, "the problem bank to be read");
  g_assert_true (pp_window_open_problem (window, PROBLEM_ID));
  g_assert_true (pp_problem_view_select_language (view, "python"));
  g_assert_null (pp_problem_view_get_store_error (view));

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  set_code (view, "print('one')\n");
  pp_test_wait_for (has_store_error, view, "the banner saying the code is not saved");
  g_assert_true (g_str_has_prefix (pp_problem_view_get_store_error (view),
                                   "Your draft could not be saved (database is locked)."));
  /* Typing on fails again every tenth of a second: still one banner. */
  for (guint i = 0; i < 3; i++)
    {
      g_signal_emit_by_name (editor, "insert-at-cursor", "print('more')\n");
      pp_test_spin (2500);
    }
  g_assert_cmpuint (pp_test_count_labels (GTK_WIDGET (window), "Your draft could not be saved"), ==, 1);
  g_assert_cmpuint (toasts_saying (window, "could not be saved"), ==, 0);
  text = editor_text (view);
  g_assert_cmpstr (text, ==, "print('one')\nprint('more')\nprint('more')\nprint('more')\n");

  /* Judged, but not recorded: a toast, once for two such submissions. */
  submit_with_keys (view);
  pp_test_wait_for (toast_shown, window, "the toast saying the attempt was not recorded");
  submit_with_keys (view);
  pp_test_spin (300);
  g_assert_cmpuint (toasts_saying (window, "Your attempt could not be added to your history"), ==, 1);
  g_assert_cmpuint (pp_problem_view_get_n_attempts (view), ==, 0);
  /* One line on the toast; the whole message, with what to do, behind
   * its Details button. */
  toast = pp_test_find_widget (GTK_WIDGET (window), g_type_from_name ("AdwToastWidget"));
  details = pp_test_find_widget (toast, GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (details)), ==, "_Details");
  g_signal_emit_by_name (details, "clicked");
  pp_test_wait_for (pp_test_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the details");
  dialog = pp_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                                   "Your submission was judged but could not be added to your "
                                   "attempts (database is locked). Check that"));
  gtk_window_destroy (dialog);
  /* Dismissed, it does not come back for the second submission. */
  dismiss = pp_test_find_button (toast, "window-close-symbolic");
  g_assert_nonnull (dismiss);
  g_signal_emit_by_name (dismiss, "clicked");
  /* Its hiding is animated, slowly on a loaded machine; a second toast
   * queued behind it would keep this from ever becoming true. */
  pp_test_wait_for (toast_gone, window, "the dismissed toast to go");
  pp_test_spin (500);
  g_assert_cmpuint (toasts_saying (window, "Your attempt could not be added to your history"), ==, 0);
  g_clear_pointer (&text, g_free);
  text = editor_text (view);
  g_assert_cmpstr (text, ==, "print('one')\nprint('more')\nprint('more')\nprint('more')\n");

  /* The other program lets go: the next edit is saved, the banner goes. */
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_signal_emit_by_name (editor, "insert-at-cursor", "print('two')\n");
  pp_test_wait_for (store_error_gone, view, "the banner to go once saving works");
  saved = pp_store_load_draft (pp_application_get_store (app), "problem:" PROBLEM_ID, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = editor_text (view);
  g_assert_cmpstr (saved, ==, text);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
raw_exec (const char *sql)
{
  g_autofree char *path = pp_test_scratch_path ("pairpad.db");
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
}

#define READ_ERROR "Your past submissions could not be read (no such table: submissions)."

static gboolean
page_tells_read_error (gpointer page)
{
  return pp_test_count_labels (page, READ_ERROR) > 0;
}

/* Another program takes the submissions out of the history: the problem
 * list still works and says why nothing is marked solved, with Try Again;
 * a problem says it in place of its attempts; the statistics say it
 * instead of counting from nothing. */
static void
read_while_missing (PpApplication *app,
                    PpWindow      *window,
                    gpointer       data)
{
  PpPracticePage *page = pp_window_get_practice_page (window);
  PpProblemView *view = pp_window_get_problem_view (window);
  const char *said = READ_ERROR;
  GtkWidget *banner, *again, *status;
  GtkWindow *stats;
  guint n;

  pp_test_wait_for (bank_loaded, window, "the problem bank to be read");
  n = g_list_model_get_n_items (pp_window_get_problems (window));
  g_assert_null (pp_practice_page_get_store_error (page));
  raw_exec ("ALTER TABLE submissions RENAME TO submissions_kept");

  g_assert_true (pp_window_open_problem (window, PROBLEM_ID));
  g_assert_cmpuint (pp_test_count_labels (GTK_WIDGET (view), said), ==, 1);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-problems", NULL);

  pp_practice_page_refresh (page);
  g_assert_true (g_str_has_prefix (pp_practice_page_get_store_error (page), said));
  /* The banner slides in, slowly on a loaded machine. */
  pp_test_wait_for (page_tells_read_error, page, "the banner saying the submissions are unread");
  g_assert_cmpuint (pp_test_count_labels (GTK_WIDGET (page), said), ==, 1);
  g_assert_cmpuint (pp_practice_page_count_shown (page), ==, n);

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-stats", NULL);
  pp_test_wait_for (pp_test_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_WINDOW), "the statistics");
  stats = pp_test_find_toplevel (ADW_TYPE_WINDOW);
  status = pp_test_find_widget (GTK_WIDGET (stats), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Statistics Unavailable");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (ADW_STATUS_PAGE (status)), said));
  gtk_window_destroy (stats);

  /* Put back, Try Again reads them and the banner goes. */
  raw_exec ("ALTER TABLE submissions_kept RENAME TO submissions");
  banner = pp_test_find_widget (GTK_WIDGET (page), GTK_TYPE_INFO_BAR);
  again = pp_test_find_widget (banner, GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (again)), ==, "_Try Again");
  g_signal_emit_by_name (again, "clicked");
  g_assert_null (pp_practice_page_get_store_error (page));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* For tests that are one run of the app, DRIVER, from the problem list. */
static void
run_driver_on_practice_page (PpTestHome    *home,
                             gconstpointer  driver)
{
  const PpTestPhase phase = { (PpTestDriver) driver, NULL };

  run_on_practice_page (&phase, 1);
}

static void
test_stats_streak (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 11, 26, 12, 0, 0);
  g_autoptr(GListStore) problems = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GPtrArray) subs = g_ptr_array_new ();
  PpSubmission days[4] = { 0 };
  /* Yesterday, the day before, and three days before that: a streak of
   * two, counted from yesterday as there is none today. */
  const int back[] = { 1, 2, 5, 5 };
  PpPracticeStats stats;

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -back[i]);

      days[i].problem_id = (char *) "x";
      days[i].verdict = (char *) "WA";
      days[i].submitted_at = g_date_time_to_unix (when) * G_USEC_PER_SEC;
      g_ptr_array_add (subs, &days[i]);
    }
  pp_practice_stats_compute (G_LIST_MODEL (problems), subs, now, &stats);
  g_assert_cmpuint (stats.attempts, ==, 4);
  g_assert_cmpuint (stats.streak_days, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/practice/streak", test_stats_streak);
  g_test_add ("/ui/practice/solve-a-problem", PpTestHome, NULL, pp_test_home_setup, test_practice,
              pp_test_home_teardown);
  g_test_add ("/ui/practice/save-error-is-shown", PpTestHome, save_while_locked, pp_test_home_setup,
              run_driver_on_practice_page, pp_test_home_teardown);
  g_test_add ("/ui/practice/read-error-is-shown", PpTestHome, read_while_missing, pp_test_home_setup,
              run_driver_on_practice_page, pp_test_home_teardown);

  return g_test_run ();
}

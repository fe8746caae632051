/* pp-problem-view.c: one practice problem: its statement beside the editor,
 * Submit, the verdict, the timer, and the history of attempts
 *
 * The code of each problem is its own draft in the store ("problem:ID"),
 * saved as it is typed; a problem never opened before starts from its
 * starter code. Submit judges the code against every test (PpJudge) and
 * records the attempt, with its code, in the store. Run Examples (Ctrl+Enter)
 * tries the code on the visible tests, or on the user's own input, showing
 * each output beside its answer, and records nothing. Esc stops either.
 *
 * When the store fails the user is told, and the code stays in the editor:
 * a banner while the code cannot be read or saved (until a save works
 * again), a toast when an attempt cannot be recorded, and a line in place
 * of the attempts when they cannot be read.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "pp-indent.h"
#include "pp-markdown.h"
#include "pp-notice.h"
#include "pp-problem-view.h"
#include "pp-scratch.h"
#include "pp-subwindow.h"

#define EXAMPLE_MAX 4096

struct _PpProblemView
{
  GtkWidget parent_instance;

  GtkWidget *overlay;            /* AdwToastOverlay, the child */
  GtkBox *content;
  GtkWidget *banner;             /* the code cannot be read or saved */
  GtkTextView *statement;
  GtkListBox *history;
  GtkLabel *history_error;       /* the attempts cannot be read */
  GtkDropDown *language_dropdown;
  GtkButton *submit_button;
  GtkButton *try_button;
  GtkSpinner *spinner;
  GtkLabel *timer_label;
  GtkSourceView *source_view;
  GtkSourceBuffer *buffer;
  GtkLabel *verdict_label;
  GtkStack *result_stack;        /* "details" of a submission, "examples" of a try */
  GtkTextView *details;
  GtkBox *examples;              /* a try's runs */
  GtkExpander *custom_expander;
  GtkTextView *custom_input;

  PpRunner *runner;
  PpJudge *judge;
  PpLanguageSet *languages;
  PpStore *store;                /* nullable */
  GPtrArray *shown;              /* PpLanguage of the dropdown */
  PpProblem *problem;            /* nullable */
  PpScratch *draft;              /* nullable */
  PpLanguage *language;          /* nullable */
  GCancellable *cancellable;     /* while judging or trying */
  gboolean trying;               /* what runs is a try, not a submission */
  gint64 elapsed_us;             /* on this problem, before counting_since */
  gint64 counting_since;         /* monotonic µs; 0 while away or solved */
  gboolean solved_in_time;       /* the timer stopped at Accepted */
  guint timer_source;
  char *timer_text;
  AdwToast *submission_toast;    /* weak: the last "not recorded" on screen */
};

enum {
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_JUDGING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PpProblemView, pp_problem_view, GTK_TYPE_WIDGET)

static void
set_verdict (PpProblemView *self,
             const char    *text,
             const char    *css_class)
{
  gtk_label_set_text (self->verdict_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->verdict_label), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), css_class);
}

static void
set_details (PpProblemView *self,
             const char    *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->details), text, -1);
  gtk_stack_set_visible_child_name (self->result_stack, "details");
}

/* Judging or trying holds the buttons and turns the spinner; Esc stops. */
static void
set_busy (PpProblemView *self,
          gboolean       busy)
{
  if (busy)
    {
      self->cancellable = g_cancellable_new ();
      gtk_spinner_start (self->spinner);
    }
  else
    {
      g_clear_object (&self->cancellable);
      gtk_spinner_stop (self->spinner);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->try_button), !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JUDGING]);
}

/* The timer counts the time spent on the problem's page, kept across
 * visits and restarts (in the store, beside the code), and stops at
 * Accepted. */
static gint64
timer_elapsed (PpProblemView *self)
{
  return self->elapsed_us +
         (self->counting_since != 0 ? g_get_monotonic_time () - self->counting_since : 0);
}

static gboolean
update_timer (gpointer data)
{
  PpProblemView *self = data;
  gint64 seconds = timer_elapsed (self) / G_USEC_PER_SEC;

  g_free (self->timer_text);
  self->timer_text = seconds >= 3600
                       ? g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600),
                                          (int) (seconds / 60 % 60), (int) (seconds % 60))
                       : g_strdup_printf ("%02d:%02d", (int) (seconds / 60), (int) (seconds % 60));
  gtk_label_set_text (self->timer_label, self->timer_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->timer_label),
                               self->solved_in_time ? _("The time you took to solve it")
                                                    : _("Time spent on this problem"));
  return G_SOURCE_CONTINUE;
}

static char *
timer_key (PpProblemView *self)
{
  return g_strdup_printf ("timer:%s", pp_problem_get_id (self->problem));
}

static void
timer_save (PpProblemView *self)
{
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;

  if (self->store == NULL || self->problem == NULL)
    return;
  key = timer_key (self);
  text = g_strdup_printf ("%" G_GINT64_FORMAT "%s", timer_elapsed (self) / G_USEC_PER_SEC,
                          self->solved_in_time ? " solved" : "");
  /* Losing the time is not worth a word to the user: the code's own
   * saving tells of a store that fails. */
  pp_store_save_draft (self->store, key, "", text, NULL);
}

static void
timer_load (PpProblemView *self)
{
  g_autofree char *key = timer_key (self);
  g_autofree char *text = self->store != NULL ? pp_store_load_draft (self->store, key, NULL, NULL)
                                              : NULL;
  char *end = NULL;
  gint64 seconds = text != NULL ? g_ascii_strtoll (text, &end, 10) : 0;

  self->elapsed_us = MAX (seconds, 0) * G_USEC_PER_SEC;
  self->solved_in_time = end != NULL && g_str_equal (end, " solved");
  self->counting_since = 0;
}

static void
timer_pause (PpProblemView *self)
{
  self->elapsed_us = timer_elapsed (self);
  self->counting_since = 0;
  g_clear_handle_id (&self->timer_source, g_source_remove);
  update_timer (self);
}

static void
timer_resume (PpProblemView *self)
{
  if (self->problem == NULL || self->solved_in_time || self->counting_since != 0)
    return;
  self->counting_since = g_get_monotonic_time ();
  if (self->timer_source == 0)
    self->timer_source = g_timeout_add_seconds (1, update_timer, self);
  update_timer (self);
}

static void
on_shown (PpProblemView *self)
{
  timer_resume (self);
}

static void
on_hidden (PpProblemView *self)
{
  timer_pause (self);
  timer_save (self);
}

/* The history */

static char *
format_when (gint64 time_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void apply_language (PpProblemView *self, PpLanguage *language, gboolean load_starter);

static void
copy_code (GtkWidget *button,
           GtkWidget *overlay)
{
  const char *code = g_object_get_data (G_OBJECT (button), "pp-code");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (button), code);
  pp_notice_toast (ADW_TOAST_OVERLAY (overlay), _("Code copied"), NULL);
}

/* The attempt's code replaces the editor's, in its language, as one step
 * that Ctrl+Z takes back. */
static void
restore_code (GtkWidget     *button,
              PpProblemView *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "pp-code");
  const char *language_id = g_object_get_data (G_OBJECT (button), "pp-language");
  PpLanguage *language = pp_language_set_lookup (self->languages, language_id);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  if (language != NULL && language != self->language)
    apply_language (self, language, FALSE);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, code, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_window_close (GTK_WINDOW (gtk_widget_get_root (button)));
  pp_notice_toast (ADW_TOAST_OVERLAY (self->overlay),
                   _("The attempt’s code is in the editor; Ctrl+Z undoes it"), NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* A past attempt's code, highlighted as the editor is, to copy or to take
 * back into the editor. */
static void
show_code (GtkButton *button,
           gpointer   user_data)
{
  PpProblemView *self = user_data;
  const char *code = g_object_get_data (G_OBJECT (button), "pp-code");
  const char *subtitle = g_object_get_data (G_OBJECT (button), "pp-title");
  const char *language_id = g_object_get_data (G_OBJECT (button), "pp-language");
  PpLanguage *language = pp_language_set_lookup (self->languages, language_id);
  GtkWidget *view = pp_subwindow_code_view (code, language,
                                            gtk_source_buffer_get_style_scheme (self->buffer));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore to Editor"));
  GtkWidget *header;
  GtkWidget *window;

  /* In the editor's font and size. */
  gtk_widget_add_css_class (view, "pp-editor");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), scrolled);

  window = pp_subwindow_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                             pp_problem_get_title (self->problem), subtitle, overlay, &header);
  gtk_widget_set_tooltip_text (copy, _("Copy the Code"));
  gtk_widget_set_tooltip_text (restore, _("Put this code in the editor in place of yours"));
  g_object_set_data_full (G_OBJECT (copy), "pp-code", g_strdup (code), g_free);
  g_object_set_data_full (G_OBJECT (restore), "pp-code", g_strdup (code), g_free);
  g_object_set_data_full (G_OBJECT (restore), "pp-language", g_strdup (language_id), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_code), overlay);
  g_signal_connect_object (restore, "clicked", G_CALLBACK (restore_code), self, 0);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), copy);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), restore);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_present (GTK_WINDOW (window));
}

static void
fill_history (PpProblemView *self)
{
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history))) != NULL)
    gtk_list_box_remove (self->history, child);
  gtk_widget_set_visible (GTK_WIDGET (self->history_error), FALSE);
  if (self->store == NULL || self->problem == NULL)
    return;
  attempts = pp_store_list_submissions (self->store, pp_problem_get_id (self->problem), &error);
  if (attempts == NULL)
    {
      gtk_label_set_text (self->history_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->history_error), TRUE);
      return;
    }
  for (guint i = 0; attempts != NULL && i < attempts->len; i++)
    {
      PpSubmission *s = attempts->pdata[i];
      PpVerdict verdict = PP_VERDICT_INTERNAL_ERROR;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Code"));
      g_autofree char *when = format_when (s->submitted_at);
      PpLanguage *language = pp_language_set_lookup (self->languages, s->language);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", when,
                                                   language ? pp_language_get_name (language) : s->language);
      g_autofree char *title = NULL;

      pp_verdict_from_code (s->verdict, &verdict);
      title = g_strdup_printf ("%s — %s", pp_verdict_to_string (verdict), when);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pp_verdict_to_string (verdict));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "pp-code", g_strdup (s->code), g_free);
      g_object_set_data_full (G_OBJECT (button), "pp-title", g_steal_pointer (&title), g_free);
      g_object_set_data_full (G_OBJECT (button), "pp-language", g_strdup (s->language), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (show_code), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->history, row);
    }
}

guint
pp_problem_view_get_n_attempts (PpProblemView *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->history)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* The statement, then the visible tests as the examples. */
static void
show_statement (PpProblemView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->statement);
  guint example = 0;

  gtk_text_buffer_set_text (buffer, "", 0);
  pp_markdown_append (buffer, pp_problem_get_statement (self->problem));
  for (guint i = 0; i < pp_problem_get_n_tests (self->problem); i++)
    {
      g_autoptr(GBytes) input = NULL;
      g_autoptr(GBytes) output = NULL;
      g_autofree char *heading = NULL;
      g_autofree char *in_text = NULL;
      g_autofree char *out_text = NULL;

      if (pp_problem_get_test (self->problem, i)->hidden ||
          !pp_problem_load_test (self->problem, i, &input, &output, NULL))
        continue;
      heading = g_strdup_printf ("\n## %s %u\n", _("Example"), ++example);
      pp_markdown_append (buffer, heading);
      in_text = g_utf8_make_valid (g_bytes_get_data (input, NULL), MIN (g_bytes_get_size (input), EXAMPLE_MAX));
      out_text = g_utf8_make_valid (g_bytes_get_data (output, NULL), MIN (g_bytes_get_size (output), EXAMPLE_MAX));
      pp_markdown_append (buffer, _("**Input**"));
      pp_markdown_append_code (buffer, in_text);
      pp_markdown_append (buffer, _("**Output**"));
      pp_markdown_append_code (buffer, out_text);
    }
  {
    g_autofree char *limits = g_strdup_printf (_("\n*Time limit: %g s of CPU per test. Memory limit: %u MB.*\n"),
                                               pp_problem_get_time_limit (self->problem),
                                               pp_problem_get_memory_limit (self->problem));
    pp_markdown_append (buffer, limits);
  }
}

static void
apply_language (PpProblemView *self,
                PpLanguage    *language,
                gboolean       load_starter)
{
  guint position;

  g_set_object (&self->language, language);
  pp_indent_apply_language (self->source_view, language);
  if (g_ptr_array_find (self->shown, language, &position))
    gtk_drop_down_set_selected (self->language_dropdown, position);
  if (self->draft != NULL)
    pp_scratch_set_language (self->draft, pp_language_get_id (language));
  /* Untouched starter code follows the language; the user's code stays. */
  if (load_starter && self->problem != NULL)
    {
      const char *starter = pp_problem_get_starter (self->problem, pp_language_get_file_name (language));

      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), starter ? starter : "", -1);
    }
}

static gboolean
is_untouched_starter (PpProblemView *self)
{
  g_autofree char *text = NULL;
  const char *starter;
  GtkTextIter start, end;

  if (self->problem == NULL || self->language == NULL)
    return TRUE;
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
  starter = pp_problem_get_starter (self->problem, pp_language_get_file_name (self->language));
  return text[0] == '\0' || g_strcmp0 (text, starter) == 0;
}

static void
on_language_selected (PpProblemView *self)
{
  guint position = gtk_drop_down_get_selected (self->language_dropdown);

  if (position < self->shown->len && self->shown->pdata[position] != self->language)
    apply_language (self, self->shown->pdata[position], is_untouched_starter (self));
}

static void
fill_languages (PpProblemView *self)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  GListModel *model = gtk_drop_down_get_model (self->language_dropdown);

  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->languages)); i++)
    {
      g_autoptr(PpLanguage) language = g_list_model_get_item (G_LIST_MODEL (self->languages), i);
      g_autofree char *label = NULL;

      if (pp_language_get_missing_reason (language) != NULL)
        continue;
      /* As the scratch pad's selector shows it: with its version. */
      label = pp_language_dup_label (language);
      g_strv_builder_add (labels, label);
      g_ptr_array_add (self->shown, language);
    }
  strings = g_strv_builder_end (labels);
  g_signal_handlers_block_by_func (self->language_dropdown, on_language_selected, self);
  /* In place: GTK 4.8's drop-down leaks when its model is replaced. */
  gtk_string_list_splice (GTK_STRING_LIST (model), 0, g_list_model_get_n_items (model),
                          (const char * const *) strings);
  g_signal_handlers_unblock_by_func (self->language_dropdown, on_language_selected, self);
}

void
pp_problem_view_flush (PpProblemView *self)
{
  g_return_if_fail (PP_IS_PROBLEM_VIEW (self));

  if (self->draft != NULL)
    pp_scratch_flush (self->draft, NULL);
  timer_save (self);
}

/**
 * pp_problem_view_open:
 *
 * Shows @problem with the code last typed for it, or its starter code.
 */
void
pp_problem_view_open (PpProblemView *self,
                      PpProblem     *problem)
{
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  g_autofree char *language_id = NULL;
  g_autoptr(GError) error = NULL;
  PpLanguage *language = NULL;

  g_return_if_fail (PP_IS_PROBLEM_VIEW (self));
  g_return_if_fail (PP_IS_PROBLEM (problem));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  timer_pause (self);
  pp_problem_view_flush (self);
  g_clear_object (&self->draft);
  g_set_object (&self->problem, problem);
  fill_languages (self);
  show_statement (self);

  key = g_strdup_printf ("problem:%s", pp_problem_get_id (problem));
  self->draft = pp_scratch_new_for_key (self->store, key);
  pp_notice_banner_follow (self->banner, self->draft);
  /* Unreadable, the draft is not saved over: the banner stays until the
   * problem is opened again and it can be read. Without a history the
   * code is kept nowhere, and that lasts as long as the view does. */
  if (!pp_scratch_load (self->draft, &text, &language_id, &error))
    pp_notice_banner_show (self->banner, error->message);
  else if (self->store == NULL)
    pp_notice_banner_show (self->banner,
                           _("Your code for this problem is not kept, because your history "
                             "could not be opened. Copy it somewhere else before you close "
                             "Pairpad."));
  else
    pp_notice_banner_hide (self->banner);
  if (language_id != NULL)
    language = pp_language_set_lookup (self->languages, language_id);
  if (language == NULL || !g_ptr_array_find (self->shown, language, NULL))
    language = self->shown->len > 0 ? self->shown->pdata[0] : NULL;

  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  if (language != NULL)
    apply_language (self, language, text[0] == '\0');
  if (text[0] != '\0')
    gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  pp_scratch_attach (self->draft, GTK_TEXT_BUFFER (self->buffer));
  if (language != NULL)
    pp_scratch_set_language (self->draft, pp_language_get_id (language));

  set_verdict (self, _("Ctrl+Enter tries the examples; Ctrl+Shift+Enter submits"), "dim-label");
  set_details (self, "");
  fill_history (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), language != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->try_button), language != NULL);
  timer_load (self);
  update_timer (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    timer_resume (self);
}

/* Judging */

static void
on_progress (PpJudge       *judge,
             guint          passed,
             guint          total,
             PpProblemView *self)
{
  g_autofree char *text = self->trying
                            ? g_strdup_printf (_("Running the examples: %u of %u match…"), passed, total)
                            : g_strdup_printf (_("Judging: %u of %u tests passed…"), passed, total);

  set_verdict (self, text, "dim-label");
}

static char *
shown_text (GBytes *bytes)
{
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return g_strdup ("");
  return g_utf8_make_valid (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
show_report (PpProblemView *self,
             PpJudgeReport *report)
{
  PpVerdict verdict = pp_judge_report_get_verdict (report);
  int failed = pp_judge_report_get_failed_test (report);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *headline = NULL;

  g_autofree char *memory = g_format_size (pp_judge_report_get_max_rss_kb (report) * 1024);

  if (verdict == PP_VERDICT_ACCEPTED)
    headline = g_strdup_printf (_("%s: all %u tests passed (longest %.2f s, %s)"),
                                pp_verdict_to_string (verdict), pp_judge_report_get_n_tests (report),
                                pp_judge_report_get_max_cpu_ms (report) / 1000.0, memory);
  else if (failed >= 0)
    headline = g_strdup_printf (_("%s on test %d of %u"), pp_verdict_to_string (verdict), failed + 1,
                                pp_judge_report_get_n_tests (report));
  else
    headline = g_strdup (pp_verdict_to_string (verdict));
  set_verdict (self, headline, verdict == PP_VERDICT_ACCEPTED ? "success" : "error");

  if (pp_judge_report_get_compiler_output (report)[0] != '\0' && verdict == PP_VERDICT_COMPILATION_ERROR)
    g_string_append (details, pp_judge_report_get_compiler_output (report));
  if (pp_judge_report_get_message (report)[0] != '\0')
    g_string_append_printf (details, "%s\n", pp_judge_report_get_message (report));
  if (failed >= 0 && pp_judge_report_get_failed_hidden (report))
    g_string_append (details, _("This test is hidden: its input and answer are not shown.\n"));
  else if (failed >= 0)
    {
      g_autofree char *input = shown_text (pp_judge_report_get_input (report));
      g_autofree char *expected = shown_text (pp_judge_report_get_expected (report));
      g_autofree char *actual = shown_text (pp_judge_report_get_actual (report));

      g_string_append_printf (details, "\n%s\n%s\n%s\n%s\n%s\n%s", _("Input:"), input,
                              _("Expected output:"), expected, _("Your output:"), actual);
    }
  set_details (self, details->str);
}

static void
judged (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PpProblemView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpJudgeReport) report = pp_judge_submit_finish (PP_JUDGE (object), result, &error);
  g_autofree char *code = g_object_steal_data (G_OBJECT (self), "pp-submitted-code");
  g_autofree char *language = g_object_steal_data (G_OBJECT (self), "pp-submitted-language");

  set_busy (self, FALSE);
  if (report == NULL)
    {
      set_verdict (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                           ? _("Judging was stopped") : error->message, "error");
      return;
    }
  show_report (self, report);
  if (pp_judge_report_get_verdict (report) == PP_VERDICT_ACCEPTED && !self->solved_in_time)
    {
      timer_pause (self);
      self->solved_in_time = TRUE;
      timer_save (self);
      update_timer (self);
    }
  if (self->store != NULL && self->problem != NULL)
    {
      PpSubmission submission = {
        .problem_id = (char *) pp_problem_get_id (self->problem),
        .language = language,
        .code = code,
        .verdict = (char *) pp_verdict_to_code (pp_judge_report_get_verdict (report)),
        .failed_test = pp_judge_report_get_failed_test (report),
        .cpu_ms = pp_judge_report_get_max_cpu_ms (report),
        .rss_kb = pp_judge_report_get_max_rss_kb (report),
        .submitted_at = g_get_real_time (),
      };

      if (!pp_store_add_submission (self->store, &submission, &error))
        pp_notice_toast_once (ADW_TOAST_OVERLAY (self->overlay), &self->submission_toast,
                              _("Your attempt could not be added to your history"),
                              error->message);
      fill_history (self);
    }
  g_signal_emit (self, signals[SUBMITTED], 0);
}

/**
 * pp_problem_view_submit:
 *
 * Judges the code against every test of the problem and keeps the attempt.
 */
void
pp_problem_view_submit (PpProblemView *self)
{
  GtkTextIter start, end;
  char *code;

  g_return_if_fail (PP_IS_PROBLEM_VIEW (self));

  if (self->problem == NULL || self->language == NULL || self->cancellable != NULL)
    return;
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  code = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
  g_object_set_data_full (G_OBJECT (self), "pp-submitted-code", code, g_free);
  /* What was judged, even if the selector moves meanwhile. */
  g_object_set_data_full (G_OBJECT (self), "pp-submitted-language",
                          g_strdup (pp_language_get_id (self->language)), g_free);
  set_busy (self, TRUE);
  set_verdict (self, pp_language_is_compiled (self->language) ? _("Compiling…") : _("Judging…"),
               "dim-label");
  set_details (self, "");
  pp_judge_submit_async (self->judge, self->problem, self->language, code, self->cancellable,
                         judged, g_object_ref (self));
}

/* Trying */

static GtkWidget *
output_column (const char *title,
               GBytes     *bytes)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *heading = gtk_label_new (title);
  g_autofree char *text = shown_text (bytes);
  GtkWidget *label = gtk_label_new (text[0] != '\0' ? text : _("(nothing)"));

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  if (text[0] == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* One run of a try: its outcome, then the output beside the answer (or
 * beside the user's input), then why it failed. */
static GtkWidget *
case_widget (const PpJudgeCase *c)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *title = NULL;
  GtkWidget *heading;
  gboolean own = c->test < 0;

  if (own)
    title = g_strdup_printf (c->verdict == PP_VERDICT_ACCEPTED ? "%s" : "%s — %s", _("Your Input"),
                             pp_verdict_to_string (c->verdict));
  else
    /* TRANSLATORS: "Example 2 — Matches", or "Example 2 — Wrong Answer" */
    title = g_strdup_printf (_("Example %d — %s"), c->test + 1,
                             c->verdict == PP_VERDICT_ACCEPTED ? _("Matches")
                                                               : pp_verdict_to_string (c->verdict));
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  if (!own || c->verdict != PP_VERDICT_ACCEPTED)
    gtk_widget_add_css_class (heading, c->verdict == PP_VERDICT_ACCEPTED ? "success" : "error");
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  if (own)
    gtk_box_append (GTK_BOX (columns), output_column (_("Input"), c->input));
  else
    gtk_box_append (GTK_BOX (columns), output_column (_("Expected Output"), c->expected));
  gtk_box_append (GTK_BOX (columns), output_column (_("Your Output"), c->actual));
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), columns);
  if (c->message[0] != '\0')
    {
      GtkWidget *message = gtk_label_new (c->message);

      gtk_label_set_xalign (GTK_LABEL (message), 0);
      gtk_label_set_wrap (GTK_LABEL (message), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (message), TRUE);
      gtk_widget_add_css_class (message, "monospace");
      gtk_widget_add_css_class (message, "error");
      gtk_box_append (GTK_BOX (box), message);
    }
  return box;
}

static void
show_try (PpProblemView *self,
          PpJudgeReport *report)
{
  guint n_cases = pp_judge_report_get_n_cases (report);
  g_autofree char *headline = NULL;
  GtkWidget *child;

  /* Nothing ran: the code did not build, or the sandbox failed. */
  if (n_cases == 0)
    {
      show_report (self, report);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->examples))) != NULL)
    gtk_box_remove (self->examples, child);
  for (guint i = 0; i < n_cases; i++)
    gtk_box_append (self->examples, case_widget (pp_judge_report_get_case (report, i)));

  if (pp_judge_report_get_case (report, 0)->test < 0)
    headline = g_strdup (_("Ran on your input; nothing was recorded"));
  else
    headline = g_strdup_printf (ngettext ("%u of %u example matches; nothing was recorded",
                                          "%u of %u examples match; nothing was recorded",
                                          pp_judge_report_get_n_tests (report)),
                                pp_judge_report_get_n_passed (report),
                                pp_judge_report_get_n_tests (report));
  set_verdict (self, headline,
               pp_judge_report_get_verdict (report) == PP_VERDICT_ACCEPTED ? "success" : "error");
  gtk_stack_set_visible_child_name (self->result_stack, "examples");
}

static void
tried (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(PpProblemView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpJudgeReport) report = pp_judge_submit_finish (PP_JUDGE (object), result, &error);

  self->trying = FALSE;
  set_busy (self, FALSE);
  if (report == NULL)
    {
      set_verdict (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                           ? _("The run was stopped") : error->message, "error");
      return;
    }
  show_try (self, report);
}

/* The user's own input, when its box is open and holds some. */
static GBytes *
custom_input (PpProblemView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->custom_input);
  GtkTextIter start, end;
  char *text;

  if (!gtk_expander_get_expanded (self->custom_expander) ||
      gtk_text_buffer_get_char_count (buffer) == 0)
    return NULL;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

/**
 * pp_problem_view_try:
 *
 * Runs the code on the examples, or on the user's own input when its box
 * is open and holds some, and records nothing.
 */
void
pp_problem_view_try (PpProblemView *self)
{
  g_autoptr(GBytes) input = NULL;
  g_autofree char *code = NULL;
  GtkTextIter start, end;

  g_return_if_fail (PP_IS_PROBLEM_VIEW (self));

  if (self->problem == NULL || self->language == NULL || self->cancellable != NULL)
    return;
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  code = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
  input = custom_input (self);
  self->trying = TRUE;
  set_busy (self, TRUE);
  if (pp_language_is_compiled (self->language))
    set_verdict (self, _("Compiling…"), "dim-label");
  else
    set_verdict (self, input != NULL ? _("Running on your input…") : _("Running the examples…"),
                 "dim-label");
  pp_judge_try_async (self->judge, self->problem, self->language, code, input, self->cancellable,
                      tried, g_object_ref (self));
}

/**
 * pp_problem_view_stop:
 *
 * Stops a judging or a try in progress.
 */
void
pp_problem_view_stop (PpProblemView *self)
{
  g_return_if_fail (PP_IS_PROBLEM_VIEW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
pp_problem_view_get_judging (PpProblemView *self)
{
  return self->cancellable != NULL;
}

gboolean
pp_problem_view_select_language (PpProblemView *self,
                                 const char    *id)
{
  for (guint i = 0; i < self->shown->len; i++)
    if (g_str_equal (pp_language_get_id (self->shown->pdata[i]), id))
      {
        gtk_drop_down_set_selected (self->language_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

PpProblem *pp_problem_view_get_problem (PpProblemView *self) { return self->problem; }
GtkSourceView *pp_problem_view_get_source_view (PpProblemView *self) { return self->source_view; }
PpLanguage *pp_problem_view_get_language (PpProblemView *self) { return self->language; }
const char *pp_problem_view_get_verdict (PpProblemView *self) { return gtk_label_get_text (self->verdict_label); }
const char *pp_problem_view_get_timer (PpProblemView *self) { return gtk_label_get_text (self->timer_label); }

/**
 * pp_problem_view_get_store_error:
 *
 * Returns: (nullable): what the banner says of the code's saving or
 *   reading, or %NULL when it is hidden
 */
const char *
pp_problem_view_get_store_error (PpProblemView *self)
{
  g_return_val_if_fail (PP_IS_PROBLEM_VIEW (self), NULL);
  return pp_notice_banner_get_message (self->banner);
}

char *
pp_problem_view_get_details (PpProblemView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->details);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
pp_problem_view_set_style_scheme (PpProblemView        *self,
                                  GtkSourceStyleScheme *scheme)
{
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
pp_problem_view_dispose (GObject *object)
{
  PpProblemView *self = PP_PROBLEM_VIEW (object);

  g_signal_handlers_disconnect_by_func (self, on_shown, NULL);
  g_signal_handlers_disconnect_by_func (self, on_hidden, NULL);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  pp_problem_view_flush (self);
  g_clear_handle_id (&self->timer_source, g_source_remove);
  g_clear_weak_pointer (&self->submission_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), PP_TYPE_PROBLEM_VIEW);
  g_clear_object (&self->draft);
  g_clear_object (&self->problem);
  g_clear_object (&self->language);
  g_clear_object (&self->judge);
  g_clear_object (&self->runner);
  g_clear_object (&self->languages);
  g_clear_object (&self->store);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->timer_text, g_free);
  G_OBJECT_CLASS (pp_problem_view_parent_class)->dispose (object);
}

static void
pp_problem_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PpProblemView *self = PP_PROBLEM_VIEW (object);

  switch (prop_id)
    {
    case PROP_JUDGING:
      g_value_set_boolean (value, pp_problem_view_get_judging (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_problem_view_class_init (PpProblemViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pp_problem_view_dispose;
  G_OBJECT_CLASS (klass)->get_property = pp_problem_view_get_property;

  /**
   * PpProblemView:judging:
   *
   * Whether the code is being judged or tried; Esc stops it.
   */
  properties[PROP_JUDGING] =
    g_param_spec_boolean ("judging", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * PpProblemView::submitted:
   *
   * A submission was judged and recorded.
   */
  signals[SUBMITTED] =
    g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/pp-problem-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, overlay);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, content);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, statement);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, history);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, history_error);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, submit_button);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, try_button);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, timer_label);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, source_view);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, result_stack);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, details);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, examples);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, custom_expander);
  gtk_widget_class_bind_template_child (widget_class, PpProblemView, custom_input);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected);
  gtk_widget_class_bind_template_callback (widget_class, pp_problem_view_try);
  gtk_widget_class_bind_template_callback (widget_class, pp_problem_view_submit);
}

static void
pp_problem_view_init (PpProblemView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown = g_ptr_array_new ();
  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  self->banner = pp_notice_banner_new ();
  gtk_box_prepend (self->content, self->banner);
  g_signal_connect (self, "map", G_CALLBACK (on_shown), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_hidden), NULL);
}

GtkWidget *
pp_problem_view_new (PpRunner      *runner,
                     PpLanguageSet *languages,
                     PpStore       *store)
{
  PpProblemView *self = g_object_new (PP_TYPE_PROBLEM_VIEW, NULL);

  self->runner = g_object_ref (runner);
  self->judge = pp_judge_new (runner);
  self->languages = g_object_ref (languages);
  self->store = store ? g_object_ref (store) : NULL;
  g_signal_connect (self->judge, "progress", G_CALLBACK (on_progress), self);
  return GTK_WIDGET (self);
}

/* pp-run-panel.c: run the code, give it input, watch its output
 *
 * The panel runs what the window gives it through PpRunner and shows the
 * output as it arrives, standard error in the error colour and the
 * compiler's messages dimmed, without terminal escapes; when the run ends
 * the status line says how, the details button beside it how the sandbox
 * ran it, and the places in the source that messages name become links
 * (PpRunPanel::jump-to-line).
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pp-run-panel.h"
#include "pp-run-text.h"

#define LINE_KEY "pp-line"
#define COLUMN_KEY "pp-column"

struct _PpRunPanel
{
  GtkWidget parent_instance;

  /* Template children */
  GtkWidget *box;
  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkWidget *details_button;
  GtkLabel *details_label;
  GtkTextView *input_view;
  GtkTextView *output_view;

  PpRunner *runner;            /* owned, nullable */
  gulong output_handler;
  GCancellable *cancellable;   /* owned while running */
  PpLanguage *language;        /* owned while running */
  GByteArray *pending[2];      /* a character split between chunks, by stream */
  GtkTextTag *stderr_tag;
  GtkTextTag *compile_tag;
  GPtrArray *links;            /* GtkTextTag, borrowed from the buffer's table */
  gboolean follow_output;      /* keep the output's end in view */
  guint follow_source;         /* the scroll to the end, once the layout settles */
};

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

enum {
  JUMP_TO_LINE,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpRunPanel, pp_run_panel, GTK_TYPE_WIDGET)

static GtkTextBuffer *
output_buffer (PpRunPanel *self)
{
  return gtk_text_view_get_buffer (self->output_view);
}

void
pp_run_panel_set_status (PpRunPanel *self,
                         const char *text,
                         gboolean    is_error)
{
  g_return_if_fail (PP_IS_RUN_PANEL (self));

  gtk_label_set_text (self->status_label, text);
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
}

const char *
pp_run_panel_get_status (PpRunPanel *self)
{
  g_return_val_if_fail (PP_IS_RUN_PANEL (self), NULL);
  return gtk_label_get_text (self->status_label);
}

char *
pp_run_panel_get_output (PpRunPanel *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (PP_IS_RUN_PANEL (self), NULL);
  gtk_text_buffer_get_bounds (output_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (output_buffer (self), &start, &end, FALSE);
}

GtkTextView *
pp_run_panel_get_input_view (PpRunPanel *self)
{
  g_return_val_if_fail (PP_IS_RUN_PANEL (self), NULL);
  return self->input_view;
}

GtkTextView *
pp_run_panel_get_output_view (PpRunPanel *self)
{
  g_return_val_if_fail (PP_IS_RUN_PANEL (self), NULL);
  return self->output_view;
}

gboolean
pp_run_panel_get_running (PpRunPanel *self)
{
  g_return_val_if_fail (PP_IS_RUN_PANEL (self), FALSE);
  return self->cancellable != NULL;
}

/* Output follows its end until the user scrolls up to read (wheel,
 * scroll bar, keys, or a press in the output), and again once they are
 * back at the end. The adjustment alone cannot tell: GtkTextView moves it
 * too, as it lays out lines whose heights it had estimated. */
static gboolean
scroll_to_end (gpointer data)
{
  PpRunPanel *self = data;

  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->output_view));

  self->follow_source = 0;
  if (self->follow_output)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                          gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

/* By the adjustment, from an idle: the adjustment changes while GTK lays
 * the view out, and a scroll to a mark, or any scroll then, is carried out
 * by GtkTextView mid-allocation, where it leaves the scroll bar's slider
 * to be drawn unallocated ("Trying to snapshot GtkGizmo without a current
 * allocation"). Just after GtkTextView's own layout in the background
 * (its priority is GDK_PRIORITY_REDRAW + 5): before it, each scroll made it
 * lay out one more line at the bottom, and the end ran away line by line
 * while nothing else ran. */
#define FOLLOW_PRIORITY (GDK_PRIORITY_REDRAW + 6)

static void
follow_end (PpRunPanel *self)
{
  if (self->follow_output && self->follow_source == 0)
    self->follow_source = g_idle_add_full (FOLLOW_PRIORITY, scroll_to_end, self, NULL);
}

static void
on_output_edge (GtkScrolledWindow *scrolled,
                GtkPositionType    position,
                PpRunPanel        *self)
{
  if (position == GTK_POS_BOTTOM)
    self->follow_output = TRUE;
}

static gboolean
on_output_wheel (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 PpRunPanel               *self)
{
  if (dy < 0)
    self->follow_output = FALSE;
  return GDK_EVENT_PROPAGATE;
}

static void
on_output_pressed (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   PpRunPanel      *self)
{
  self->follow_output = FALSE;
}

static gboolean
on_output_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               PpRunPanel            *self)
{
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_Page_Up ||
      keyval == GDK_KEY_KP_Page_Up || keyval == GDK_KEY_Home || keyval == GDK_KEY_KP_Home)
    self->follow_output = FALSE;
  return GDK_EVENT_PROPAGATE;
}

static void
watch_output_scrolling (PpRunPanel *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->output_view),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkEventController *wheel = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *drag = gtk_gesture_click_new ();
  GtkGesture *touch;

  gtk_event_controller_set_propagation_phase (wheel, GTK_PHASE_CAPTURE);
  g_signal_connect (wheel, "scroll", G_CALLBACK (on_output_wheel), self);
  gtk_widget_add_controller (scrolled, wheel);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_output_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->output_view), keys);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "pressed", G_CALLBACK (on_output_pressed), self);
  gtk_widget_add_controller (gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scrolled)),
                             GTK_EVENT_CONTROLLER (drag));
  /* A press in the output (selecting, a touch drag) is the user's too. */
  touch = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (touch), GTK_PHASE_CAPTURE);
  g_signal_connect (touch, "pressed", G_CALLBACK (on_output_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->output_view), GTK_EVENT_CONTROLLER (touch));
  g_signal_connect (scrolled, "edge-reached", G_CALLBACK (on_output_edge), self);
  /* Lines laid out after the last chunk move the end down, and GtkTextView
   * moves the view as it lays them out: while following, pin the end
   * again after either. */
  g_signal_connect_swapped (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->output_view)),
                            "changed", G_CALLBACK (follow_end), self);
  g_signal_connect_swapped (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->output_view)),
                            "value-changed", G_CALLBACK (follow_end), self);
}

static void
append (PpRunPanel  *self,
        const char  *text,
        GtkTextTag  *tag,
        GtkTextTag  *tag2)
{
  GtkTextBuffer *buffer = output_buffer (self);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags (buffer, &end, text, -1, tag, tag2, NULL);
  follow_end (self);
}

/* Shows what of PENDING is whole characters; keeps a character cut at the
 * end of a chunk for the next one. ALL shows everything. */
static void
show_pending (PpRunPanel  *self,
              PpRunStream  stream,
              PpRunStage   stage,
              gboolean     all)
{
  GByteArray *pending = self->pending[stream];
  const char *data = (const char *) pending->data;
  const char *valid_end = NULL;
  g_autofree char *text = NULL;
  gsize take = pending->len;

  if (pending->len == 0)
    return;
  if (!all && !g_utf8_validate_len (data, pending->len, &valid_end) &&
      pending->len - (valid_end - data) < 4 &&
      g_utf8_get_char_validated (valid_end, pending->len - (valid_end - data)) == (gunichar) -2)
    take = valid_end - data;
  text = pp_run_text_clean (data, take);
  append (self, text,
          stream == PP_RUN_STREAM_STDERR ? self->stderr_tag : NULL,
          stage == PP_RUN_STAGE_COMPILE ? self->compile_tag : NULL);
  g_byte_array_remove_range (pending, 0, take);
}

static void
on_output (PpRunner    *runner,
           PpRunStream  stream,
           PpRunStage   stage,
           GBytes      *chunk,
           PpRunPanel  *self)
{
  if (self->cancellable == NULL)
    return;
  g_byte_array_append (self->pending[stream], g_bytes_get_data (chunk, NULL),
                       g_bytes_get_size (chunk));
  show_pending (self, stream, stage, FALSE);
}

static void
clear_links (PpRunPanel *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (output_buffer (self));

  for (guint i = 0; i < self->links->len; i++)
    gtk_text_tag_table_remove (table, self->links->pdata[i]);
  g_ptr_array_set_size (self->links, 0);
}

static void
clear_output (PpRunPanel *self)
{
  clear_links (self);
  gtk_text_buffer_set_text (output_buffer (self), "", 0);
  self->follow_output = TRUE;
}

/* Each place in the output that names a line of the source is a link. */
static void
add_links (PpRunPanel *self,
           PpLanguage *language)
{
  GtkTextBuffer *buffer = output_buffer (self);
  g_autofree char *text = pp_run_panel_get_output (self);
  g_autoptr(GArray) mentions = pp_run_text_find_mentions (text, pp_language_get_file_name (language));

  for (guint i = 0; i < mentions->len; i++)
    {
      PpSourceMention *m = &g_array_index (mentions, PpSourceMention, i);
      GtkTextTag *tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                    "underline", PANGO_UNDERLINE_SINGLE,
                                                    NULL);
      GtkTextIter start, end;

      g_object_set_data (G_OBJECT (tag), LINE_KEY, GINT_TO_POINTER (m->line));
      g_object_set_data (G_OBJECT (tag), COLUMN_KEY, GINT_TO_POINTER (m->column));
      gtk_widget_add_css_class (GTK_WIDGET (self->output_view), "pp-has-links");
      gtk_text_buffer_get_iter_at_offset (buffer, &start, g_utf8_pointer_to_offset (text, text + m->start));
      gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_pointer_to_offset (text, text + m->end));
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
      g_ptr_array_add (self->links, tag);
    }
}

static void
finished (PpRunPanel *self)
{
  g_clear_object (&self->cancellable);
  g_clear_object (&self->language);
  gtk_spinner_stop (self->spinner);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
ran (GObject      *object,
     GAsyncResult *result,
     gpointer      user_data)
{
  g_autoptr(PpRunPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpRunResult) run = pp_runner_run_finish (PP_RUNNER (object), result, &error);

  for (guint s = 0; s < G_N_ELEMENTS (self->pending); s++)
    show_pending (self, s, PP_RUN_STAGE_RUN, TRUE);

  if (run != NULL)
    {
      const PpStepResult *compile = pp_run_result_get_step (run, PP_RUN_STAGE_COMPILE);
      const PpStepResult *step = pp_run_result_get_step (run, PP_RUN_STAGE_RUN);
      g_autofree char *text = pp_run_result_describe (run, PP_RUN_PANEL_TIME_LIMIT);
      g_autofree char *details = pp_run_result_describe_details (run);
      gboolean failed = (compile != NULL && compile->status != PP_RUN_STATUS_OK) ||
                        step == NULL || step->status != PP_RUN_STATUS_OK;

      if (step != NULL && step->output_truncated)
        append (self, _("\n[The output was cut here: it was too long.]\n"), self->compile_tag, NULL);
      add_links (self, self->language);
      pp_run_panel_set_status (self, text, failed);
      gtk_label_set_text (self->details_label, details);
      gtk_widget_set_sensitive (self->details_button, TRUE);
      g_signal_emit (self, signals[FINISHED], 0, self->language, run);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pp_run_panel_set_status (self, _("Stopped"), FALSE);
  else
    pp_run_panel_set_status (self, error->message, TRUE);

  finished (self);
}

void
pp_run_panel_set_runner (PpRunPanel *self,
                         PpRunner   *runner)
{
  g_return_if_fail (PP_IS_RUN_PANEL (self));

  if (self->runner != NULL)
    g_clear_signal_handler (&self->output_handler, self->runner);
  g_set_object (&self->runner, runner);
  if (runner != NULL)
    self->output_handler = g_signal_connect (runner, "output", G_CALLBACK (on_output), self);
}

/**
 * pp_run_panel_show_shared:
 * @status: what the status line says, such as who is running the code
 *
 * Empties the output for a run someone else started, unless a run of
 * this panel is under way.
 */
void
pp_run_panel_show_shared (PpRunPanel *self,
                          const char *status)
{
  g_return_if_fail (PP_IS_RUN_PANEL (self));

  if (self->cancellable != NULL)
    return;
  clear_output (self);
  pp_run_panel_set_status (self, status, FALSE);
}

/* Appends output of someone else's run, as it arrives to them. */
void
pp_run_panel_append_shared (PpRunPanel *self,
                            gboolean    is_stderr,
                            const char *text)
{
  g_return_if_fail (PP_IS_RUN_PANEL (self));
  g_return_if_fail (text != NULL);

  if (self->cancellable != NULL)
    return;
  append (self, text, is_stderr ? self->stderr_tag : NULL, NULL);
}

/**
 * pp_run_panel_run:
 *
 * Runs @source with what the Input box holds as its input. Nothing
 * happens while a run is under way.
 */
void
pp_run_panel_run (PpRunPanel *self,
                  PpLanguage *language,
                  const char *source)
{
  static const PpRunLimits limits = {
    .time_sec = PP_RUN_PANEL_TIME_LIMIT,
    .wall_sec = 3 * PP_RUN_PANEL_TIME_LIMIT,
    .mem_mb = 512,
    .procs = 64,
    .fsize_mb = 64,
    .output_kb = 1024,
  };
  GtkTextBuffer *input = gtk_text_view_get_buffer (self->input_view);
  g_autoptr(GBytes) stdin_bytes = NULL;
  GtkTextIter start, end;
  char *text;

  g_return_if_fail (PP_IS_RUN_PANEL (self));
  g_return_if_fail (PP_IS_LANGUAGE (language));

  if (self->cancellable != NULL || self->runner == NULL)
    return;

  gtk_text_buffer_get_bounds (input, &start, &end);
  text = gtk_text_buffer_get_text (input, &start, &end, FALSE);
  stdin_bytes = g_bytes_new_take (text, strlen (text));

  clear_output (self);
  /* The details are the last run's until this one ends. */
  gtk_widget_set_sensitive (self->details_button, FALSE);
  for (guint s = 0; s < G_N_ELEMENTS (self->pending); s++)
    g_byte_array_set_size (self->pending[s], 0);
  self->cancellable = g_cancellable_new ();
  self->language = g_object_ref (language);
  gtk_spinner_start (self->spinner);
  pp_run_panel_set_status (self, pp_language_is_compiled (language) ? _("Compiling and running…")
                                                                    : _("Running…"), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  pp_runner_run_async (self->runner, language, source, stdin_bytes, &limits,
                       self->cancellable, ran, g_object_ref (self));
}

void
pp_run_panel_stop (PpRunPanel *self)
{
  g_return_if_fail (PP_IS_RUN_PANEL (self));

  if (self->cancellable != NULL)
    {
      pp_run_panel_set_status (self, _("Stopping…"), FALSE);
      g_cancellable_cancel (self->cancellable);
    }
}

static GtkTextTag *
link_at (PpRunPanel  *self,
         GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    if (g_object_get_data (l->data, LINE_KEY) != NULL)
      return l->data;
  return NULL;
}

static void
follow (PpRunPanel *self,
        GtkTextTag *link)
{
  g_signal_emit (self, signals[JUMP_TO_LINE], 0,
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (link), LINE_KEY)),
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (link), COLUMN_KEY)));
}

/**
 * pp_run_panel_activate_link:
 *
 * Follows the @index-th link of the output, as a click on it does.
 *
 * Returns: whether there is one
 */
gboolean
pp_run_panel_activate_link (PpRunPanel *self,
                            guint       index)
{
  g_return_val_if_fail (PP_IS_RUN_PANEL (self), FALSE);

  if (index >= self->links->len)
    return FALSE;
  follow (self, self->links->pdata[index]);
  return TRUE;
}

static void
on_output_released (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    PpRunPanel      *self)
{
  GtkTextIter iter;
  GtkTextTag *link;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->output_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (self->output_view, &iter, bx, by) &&
      (link = link_at (self, &iter)) != NULL)
    follow (self, link);
}

static void
on_output_motion (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  PpRunPanel               *self)
{
  GtkTextIter iter;
  int bx, by;
  gboolean over = FALSE;

  gtk_text_view_window_to_buffer_coords (self->output_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (self->output_view, &iter, bx, by))
    over = link_at (self, &iter) != NULL;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->output_view), over ? "pointer" : NULL);
}

static void
pp_run_panel_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, pp_run_panel_get_running (PP_RUN_PANEL (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_run_panel_dispose (GObject *object)
{
  PpRunPanel *self = PP_RUN_PANEL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->follow_source, g_source_remove);
  pp_run_panel_set_runner (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PP_TYPE_RUN_PANEL);
  G_OBJECT_CLASS (pp_run_panel_parent_class)->dispose (object);
}

static void
pp_run_panel_finalize (GObject *object)
{
  PpRunPanel *self = PP_RUN_PANEL (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->language);
  for (guint s = 0; s < G_N_ELEMENTS (self->pending); s++)
    g_byte_array_unref (self->pending[s]);
  g_ptr_array_unref (self->links);
  G_OBJECT_CLASS (pp_run_panel_parent_class)->finalize (object);
}

static void
pp_run_panel_class_init (PpRunPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pp_run_panel_get_property;
  object_class->dispose = pp_run_panel_dispose;
  object_class->finalize = pp_run_panel_finalize;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PpRunPanel::jump-to-line:
   * @line: 1-based
   * @column: 1-based, or 0 when the message gave none
   */
  signals[JUMP_TO_LINE] =
    g_signal_new ("jump-to-line", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  /**
   * PpRunPanel::finished:
   * @language: what ran
   * @result: how it went
   *
   * A run ended with a result (not when stopped or when the sandbox could
   * not start).
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, PP_TYPE_LANGUAGE, PP_TYPE_RUN_RESULT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/pp-run-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PpRunPanel, box);
  gtk_widget_class_bind_template_child (widget_class, PpRunPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, PpRunPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, PpRunPanel, details_button);
  gtk_widget_class_bind_template_child (widget_class, PpRunPanel, details_label);
  gtk_widget_class_bind_template_child (widget_class, PpRunPanel, input_view);
  gtk_widget_class_bind_template_child (widget_class, PpRunPanel, output_view);
}

static void
pp_run_panel_init (PpRunPanel *self)
{
  GtkTextBuffer *buffer;
  GtkGesture *click;
  GtkEventController *motion;

  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = output_buffer (self);
  /* The palette's red and a dimmed grey read in light and dark styles. */
  self->stderr_tag = gtk_text_buffer_create_tag (buffer, "stderr", "foreground", "#e01b24", NULL);
  self->compile_tag = gtk_text_buffer_create_tag (buffer, "compile", "foreground", "#77767b", NULL);
  self->links = g_ptr_array_new ();
  for (guint s = 0; s < G_N_ELEMENTS (self->pending); s++)
    self->pending[s] = g_byte_array_new ();
  self->follow_output = TRUE;
  watch_output_scrolling (self);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (on_output_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->output_view), GTK_EVENT_CONTROLLER (click));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_output_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self->output_view), motion);
}

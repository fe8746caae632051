/* pp-practice-page.c: the problem list, with search and filters, and the
 * numbers of the user's practice
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pp-notice.h"
#include "pp-practice-page.h"

typedef enum
{
  STATUS_ANY,
  STATUS_SOLVED,
  STATUS_ATTEMPTED,   /* tried, not solved */
  STATUS_NEW,         /* never tried */
} StatusFilter;

typedef enum
{
  PROBLEM_NEW,
  PROBLEM_ATTEMPTED,
  PROBLEM_SOLVED,
} ProblemStatus;

struct _PpPracticePage
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *banner;        /* the submissions cannot be read */
  GtkSearchEntry *search;
  GtkDropDown *difficulty;
  GtkDropDown *tag;
  GtkDropDown *status;
  GtkListBox *list;
  GtkStack *results;        /* "list", or "empty" when nothing matches */

  GListModel *problems;     /* owned, nullable */
  PpStore *store;           /* owned, nullable */
  GHashTable *statuses;     /* problem id → ProblemStatus */
  GStrv tags;               /* the tag filter's entries after "All tags" */
  GtkStringList *tag_labels;  /* the tag filter's model, updated in place; borrowed */
};

enum {
  PROBLEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpPracticePage, pp_practice_page, GTK_TYPE_WIDGET)

static const char *difficulty_labels[] = { N_("Easy"), N_("Medium"), N_("Hard") };

/* Stats */

static char *
day_of (gint64     time_us,
        GTimeZone *zone)
{
  /* GLib 2.74 has no g_date_time_new_from_unix_usec(). */
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (seconds, zone);

  return g_date_time_format (local, "%Y-%m-%d");
}

/**
 * pp_practice_stats_compute:
 * @submissions: (element-type PpSubmission): all of them
 * @now: the time the streak counts back from, in the zone days are told in
 *
 * A streak is the days in a row with at least one submission, ending today,
 * or yesterday when there is none yet today.
 */
void
pp_practice_stats_compute (GListModel      *problems,
                           GPtrArray       *submissions,
                           GDateTime       *now,
                           PpPracticeStats *stats)
{
  g_autoptr(GHashTable) solved = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GTimeZone *zone = g_date_time_get_timezone (now);
  g_autoptr(GDateTime) day = NULL;

  memset (stats, 0, sizeof *stats);
  stats->attempts = submissions->len;
  for (guint i = 0; i < submissions->len; i++)
    {
      PpSubmission *s = submissions->pdata[i];

      if (g_str_equal (s->verdict, "AC"))
        g_hash_table_add (solved, s->problem_id);
      g_hash_table_add (days, day_of (s->submitted_at, zone));
    }
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(PpProblem) problem = g_list_model_get_item (problems, i);
      PpDifficulty d = pp_problem_get_difficulty (problem);

      stats->total[d]++;
      if (g_hash_table_contains (solved, pp_problem_get_id (problem)))
        stats->solved[d]++;
    }

  day = g_date_time_ref (now);
  for (guint back = 0;; back++)
    {
      g_autofree char *name = g_date_time_format (day, "%Y-%m-%d");
      GDateTime *before;

      if (g_hash_table_contains (days, name))
        stats->streak_days++;
      else if (back > 0 || stats->streak_days > 0)
        break;
      before = g_date_time_add_days (day, -1);
      g_date_time_unref (day);
      day = before;
    }
}

/* The list */

static ProblemStatus
status_of (PpPracticePage *self,
           PpProblem      *problem)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->statuses, pp_problem_get_id (problem)));
}

static gboolean
matches (PpPracticePage *self,
         PpProblem      *problem)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search));
  guint difficulty = gtk_drop_down_get_selected (self->difficulty);
  guint tag = gtk_drop_down_get_selected (self->tag);
  guint status = gtk_drop_down_get_selected (self->status);
  ProblemStatus current = status_of (self, problem);

  if (search[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *title = g_utf8_casefold (pp_problem_get_title (problem), -1);
      g_autofree char *tags = g_strjoinv (" ", (char **) pp_problem_get_tags (problem));

      if (strstr (title, needle) == NULL && strstr (tags, needle) == NULL)
        return FALSE;
    }
  if (difficulty > 0 && pp_problem_get_difficulty (problem) != difficulty - 1)
    return FALSE;
  if (tag > 0 && self->tags != NULL &&
      !g_strv_contains (pp_problem_get_tags (problem), self->tags[tag - 1]))
    return FALSE;
  switch (status)
    {
    case STATUS_SOLVED:
      return current == PROBLEM_SOLVED;
    case STATUS_ATTEMPTED:
      return current == PROBLEM_ATTEMPTED;
    case STATUS_NEW:
      return current == PROBLEM_NEW;
    default:
      return TRUE;
    }
}

/* Whether WIDGET, a child of the list, is a row the filters let through. */
static gboolean
row_is_shown (PpPracticePage *self,
              GtkWidget      *widget)
{
  return GTK_IS_LIST_BOX_ROW (widget) &&
         matches (self, g_object_get_data (G_OBJECT (widget), "pp-problem"));
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  return row_is_shown (user_data, GTK_WIDGET (row));
}

static void on_filter_changed (PpPracticePage *self);

static GtkWidget *
make_row (PpPracticePage *self,
          PpProblem      *problem)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *tags = g_strjoinv (", ", (char **) pp_problem_get_tags (problem));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                               _(difficulty_labels[pp_problem_get_difficulty (problem)]),
                                               tags);
  ProblemStatus status = status_of (self, problem);
  GtkWidget *badge;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pp_problem_get_title (problem));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (status != PROBLEM_NEW)
    {
      badge = gtk_label_new (status == PROBLEM_SOLVED ? _("Solved") : _("Attempted"));
      gtk_widget_add_css_class (badge, status == PROBLEM_SOLVED ? "success" : "warning");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "pp-problem", g_object_ref (problem), g_object_unref);
  return row;
}

static void
load_statuses (PpPracticePage *self)
{
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->statuses);
  if (self->store == NULL)
    return;
  /* Without them the list still works, with every problem as new: say so
   * above it until reading them works again. */
  submissions = pp_store_list_submissions (self->store, NULL, &error);
  if (submissions == NULL)
    pp_notice_banner_show (self->banner, error->message);
  else
    pp_notice_banner_hide (self->banner);
  for (guint i = 0; submissions != NULL && i < submissions->len; i++)
    {
      PpSubmission *s = submissions->pdata[i];
      ProblemStatus now = g_str_equal (s->verdict, "AC") ? PROBLEM_SOLVED : PROBLEM_ATTEMPTED;

      if ((int) now > GPOINTER_TO_INT (g_hash_table_lookup (self->statuses, s->problem_id)))
        g_hash_table_insert (self->statuses, g_strdup (s->problem_id), GINT_TO_POINTER (now));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
fill_tags (PpPracticePage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (self->problems); i++)
    {
      g_autoptr(PpProblem) problem = g_list_model_get_item (self->problems, i);
      const char * const *list = pp_problem_get_tags (problem);

      for (guint k = 0; list[k] != NULL; k++)
        if (g_hash_table_add (seen, (gpointer) list[k]))
          g_ptr_array_add (tags, (gpointer) list[k]);
    }
  g_ptr_array_sort (tags, compare_names);
  g_clear_pointer (&self->tags, g_strfreev);
  self->tags = g_new0 (char *, tags->len + 1);
  for (guint i = 0; i < tags->len; i++)
    self->tags[i] = g_strdup (tags->pdata[i]);
  /* In place: GTK 4.8's drop-down leaks when its model is replaced. */
  gtk_string_list_splice (self->tag_labels, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tag_labels)) - 1,
                          (const char * const *) self->tags);
}

/**
 * pp_practice_page_refresh:
 *
 * Reads which problems are solved or attempted again, after a submission.
 */
void
pp_practice_page_refresh (PpPracticePage *self)
{
  GtkWidget *child;

  g_return_if_fail (PP_IS_PRACTICE_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->problems == NULL)
    return;
  load_statuses (self);
  for (guint i = 0; i < g_list_model_get_n_items (self->problems); i++)
    {
      g_autoptr(PpProblem) problem = g_list_model_get_item (self->problems, i);

      gtk_list_box_append (self->list, make_row (self, problem));
    }
  on_filter_changed (self);
}

void
pp_practice_page_set_problems (PpPracticePage *self,
                               GListModel     *problems,
                               PpStore        *store)
{
  g_return_if_fail (PP_IS_PRACTICE_PAGE (self));

  g_set_object (&self->problems, problems);
  g_set_object (&self->store, store);
  fill_tags (self);
  pp_practice_page_refresh (self);
}

/**
 * pp_practice_page_set_filter:
 * @difficulty: -1 for any, else a #PpDifficulty
 * @tag: (nullable): %NULL for any
 * @status: 0 any, 1 solved, 2 attempted, 3 never tried
 *
 * Sets the search and the filters, as the user would.
 */
void
pp_practice_page_set_filter (PpPracticePage *self,
                             const char     *search,
                             int             difficulty,
                             const char     *tag,
                             int             status)
{
  guint tag_position = 0;

  g_return_if_fail (PP_IS_PRACTICE_PAGE (self));

  for (guint i = 0; tag != NULL && self->tags != NULL && self->tags[i] != NULL; i++)
    if (g_str_equal (self->tags[i], tag))
      tag_position = i + 1;
  gtk_editable_set_text (GTK_EDITABLE (self->search), search ? search : "");
  gtk_drop_down_set_selected (self->difficulty, difficulty + 1);
  gtk_drop_down_set_selected (self->tag, tag_position);
  gtk_drop_down_set_selected (self->status, status);
  on_filter_changed (self);
}

/**
 * pp_practice_page_get_store_error:
 *
 * Returns: (nullable): what the banner says, or %NULL when it is hidden
 */
const char *
pp_practice_page_get_store_error (PpPracticePage *self)
{
  g_return_val_if_fail (PP_IS_PRACTICE_PAGE (self), NULL);
  return pp_notice_banner_get_message (self->banner);
}

guint
pp_practice_page_count_shown (PpPracticePage *self)
{
  guint shown = 0;

  g_return_val_if_fail (PP_IS_PRACTICE_PAGE (self), 0);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (row_is_shown (self, row))
      shown++;
  return shown;
}

/**
 * pp_practice_page_stats_widget:
 *
 * Returns: (transfer floating): the user's numbers: solved by difficulty,
 *   attempts and streak
 */
GtkWidget *
pp_practice_page_stats_widget (PpPracticePage *self)
{
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PpPracticeStats stats;
  GtkWidget *group;

  submissions = self->store ? pp_store_list_submissions (self->store, NULL, &error) : NULL;
  if (error != NULL)
    {
      /* Numbers counted from nothing would be wrong, not empty. */
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-warning-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Statistics Unavailable"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
      return status;
    }
  if (submissions == NULL)
    submissions = g_ptr_array_new ();
  group = adw_preferences_group_new ();
  pp_practice_stats_compute (self->problems, submissions, now, &stats);
  for (guint d = 0; d < 3; d++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *value = g_strdup_printf (_("%u of %u solved"), stats.solved[d], stats.total[d]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(difficulty_labels[d]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (value));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  {
    GtkWidget *row = adw_action_row_new ();
    g_autofree char *value = g_strdup_printf ("%u", stats.attempts);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Submissions"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (value));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  }
  {
    GtkWidget *row = adw_action_row_new ();
    g_autofree char *value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                                           stats.streak_days), stats.streak_days);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Streak"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (value));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  }
  return group;
}

static GtkListBoxRow *
first_shown_row (PpPracticePage *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (row_is_shown (self, row))
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

/* The list, or a page saying nothing matches: never an empty card. */
static void
update_results (PpPracticePage *self)
{
  gboolean empty = self->problems != NULL && first_shown_row (self) == NULL;

  gtk_stack_set_visible_child_name (self->results, empty ? "empty" : "list");
}

/* Enter in the search opens the first problem it found. */
static void
on_search_activate (PpPracticePage *self)
{
  GtkListBoxRow *row = first_shown_row (self);

  if (row != NULL)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "pp-problem"));
}

/* Down in the search moves into the results, as in GNOME Settings. */
static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               PpPracticePage        *self)
{
  GtkListBoxRow *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;
  row = first_shown_row (self);
  if (row == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return GDK_EVENT_STOP;
}

static GtkListBoxRow *
last_shown_row (PpPracticePage *self)
{
  for (GtkWidget *row = gtk_widget_get_last_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_prev_sibling (row))
    if (row_is_shown (self, row))
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

/* The list is one Tab stop, the arrows move within it: GTK 4.8's list
 * box has every row in the Tab chain, so Tab first goes to the row at the
 * list's end (Shift+Tab to its start) and the window's own Tab handling
 * then leaves the list from there. */
static gboolean
on_list_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             PpPracticePage        *self)
{
  GtkListBoxRow *edge;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    edge = last_shown_row (self);
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    edge = first_shown_row (self);
  else
    return GDK_EVENT_PROPAGATE;
  if (edge != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (edge));
  return GDK_EVENT_PROPAGATE;
}

static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  gtk_widget_grab_focus (GTK_WIDGET (PP_PRACTICE_PAGE (widget)->search));
  return TRUE;
}

static void
on_row_activated (GtkListBox     *list,
                  GtkListBoxRow  *row,
                  PpPracticePage *self)
{
  g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "pp-problem"));
}

static void
on_filter_changed (PpPracticePage *self)
{
  gtk_list_box_invalidate_filter (self->list);
  update_results (self);
}

static void
pp_practice_page_dispose (GObject *object)
{
  PpPracticePage *self = PP_PRACTICE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PP_TYPE_PRACTICE_PAGE);
  g_clear_object (&self->problems);
  g_clear_object (&self->store);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  G_OBJECT_CLASS (pp_practice_page_parent_class)->dispose (object);
}

/* The page's focus is its search: typing searches at once. */
static gboolean
pp_practice_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (PP_PRACTICE_PAGE (widget)->search));
}

static void
pp_practice_page_class_init (PpPracticePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pp_practice_page_dispose;
  widget_class->grab_focus = pp_practice_page_grab_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, PP_TYPE_PROBLEM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/pp-practice-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PpPracticePage, box);
  gtk_widget_class_bind_template_child (widget_class, PpPracticePage, search);
  gtk_widget_class_bind_template_child (widget_class, PpPracticePage, difficulty);
  gtk_widget_class_bind_template_child (widget_class, PpPracticePage, tag);
  gtk_widget_class_bind_template_child (widget_class, PpPracticePage, tag_labels);
  gtk_widget_class_bind_template_child (widget_class, PpPracticePage, status);
  gtk_widget_class_bind_template_child (widget_class, PpPracticePage, list);
  gtk_widget_class_bind_template_child (widget_class, PpPracticePage, results);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_list_key);
  /* Ctrl+F goes to the search. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search, NULL);
}

static void
pp_practice_page_init (PpPracticePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Typing anywhere on the page searches. */
  gtk_search_entry_set_key_capture_widget (self->search, GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  self->banner = pp_notice_banner_new ();
  gtk_info_bar_add_button (GTK_INFO_BAR (self->banner), _("_Try Again"), GTK_RESPONSE_OK);
  g_signal_connect_swapped (self->banner, "response", G_CALLBACK (pp_practice_page_refresh), self);
  gtk_box_prepend (GTK_BOX (self->box), self->banner);
}

GtkWidget *
pp_practice_page_new (void)
{
  return g_object_new (PP_TYPE_PRACTICE_PAGE, NULL);
}

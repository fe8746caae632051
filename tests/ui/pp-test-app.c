/* pp-test-app.c
 *
 * Each UI test runs the application in a child process (a phase), so that
 * a "restart" is a real new process reading what the last one left on
 * disk. The parent points HOME and XDG_* at a fresh folder before the first
 * phase.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pp-test-app.h"

typedef struct
{
  PpTestDriver driver;
  gpointer     data;
  gboolean     ran;
} RunData;

/* Runs the current test again in a child process, with PP_TEST_PHASE set,
 * and fails unless the child passes. */
static void
run_phase_in_child (guint    phase,
                    gboolean ends_killed)
{
  g_autofree char *name = g_strdup_printf ("%u", phase);

  g_setenv ("PP_TEST_PHASE", name, TRUE);
  /* A guard, not a measure: meson's own timeout is the one that counts. */
  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("PP_TEST_PHASE");
  if (ends_killed)
    g_test_trap_assert_failed ();
  else
    g_test_trap_assert_passed ();
}

/**
 * pp_test_run_phases:
 *
 * Runs the app once per phase, each in a new process, in order; so a
 * phase sees on disk what the last one left, as after a restart.
 *
 * Returns: %TRUE in the test's own process once every phase passed;
 *   %FALSE in a phase's process, where the test must return at once.
 */
gboolean
pp_test_run_phases (const PpTestPhase *phases,
                    guint              n_phases)
{
  const char *current = g_getenv ("PP_TEST_PHASE");

  if (current != NULL)
    {
      guint64 phase = 0;

      g_assert_true (g_ascii_string_to_unsigned (current, 10, 0, n_phases - 1, &phase, NULL));
      pp_test_run_app (phases[phase].driver, phases[phase].data);
      return FALSE;
    }

  for (guint i = 0; i < n_phases; i++)
    run_phase_in_child (i, phases[i].ends_killed);

  return TRUE;
}

/* For tests that are one run of the app and nothing else. */
void
pp_test_run_driver (PpTestHome    *home,
                    gconstpointer  driver)
{
  PpTestPhase phase = { (PpTestDriver) driver, NULL };

  pp_test_run_phases (&phase, 1);
}

/* A fresh home for each test; a phase's process inherits its parent's. */
void
pp_test_home_setup (PpTestHome    *home,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    return;

  home->path = g_dir_make_tmp ("pairpad-ui-XXXXXX", &error);
  g_assert_no_error (error);
  pp_test_home_point_to (home->path);
}

void
pp_test_home_teardown (PpTestHome    *home,
                       gconstpointer  data)
{
  if (home->path == NULL)
    return;

  pp_test_remove_tree (home->path);
  g_clear_pointer (&home->path, g_free);
}

/* Not g_get_user_data_dir (): GLib caches it for the process, and the
 * parent sets a new XDG_DATA_HOME for every test. */
char *
pp_test_scratch_path (const char *name)
{
  const char *data_home = g_getenv ("XDG_DATA_HOME");

  g_assert_nonnull (data_home);

  return g_build_filename (data_home, "pairpad", name, NULL);
}

/* All of VIEW's text. */
char *
pp_test_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* The scratch editor's text. */
char *
pp_test_get_text (PpWindow *window)
{
  return pp_test_view_text (GTK_TEXT_VIEW (pp_window_get_source_view (window)));
}

typedef struct
{
  GtkTextView *view;
  const char  *expected;
} TextWait;

static gboolean
text_is (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = pp_test_view_text (wait->view);

  return g_str_equal (text, wait->expected);
}

/* Waits for VIEW to hold EXPECTED; on a timeout, fails showing what it
 * holds and the caller's LINE. */
void
pp_test_assert_view_text_soon_at (GtkTextView *view,
                                  const char  *expected,
                                  int          line)
{
  TextWait wait = { view, expected };
  g_autofree char *text = NULL;

  if (pp_test_wait_until (text_is, &wait))
    return;

  text = pp_test_view_text (view);
  g_printerr ("The editor's text, checked at line %d, is not as expected\n", line);
  g_assert_cmpstr (text, ==, expected);
}

/* Real key presses: xdotool sends them through the X server's XTEST
 * extension to the focused window, and GTK handles them like a keyboard's. */
void
pp_test_xdotool (const char *first_arg,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("xdotool");
  int status = 0;
  va_list args;

  if (program == NULL)
    g_error ("xdotool is not installed (build-aux/dev setup installs it)");

  g_ptr_array_add (argv, program);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

GtkWidget *
pp_test_find_label (GtkWidget  *root,
                    const char *substring)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), substring) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pp_test_find_label (child, substring);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* How many labels on screen under @root say @substring. */
guint
pp_test_count_labels (GtkWidget  *root,
                      const char *substring)
{
  guint n = GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
            strstr (gtk_label_get_label (GTK_LABEL (root)), substring) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += pp_test_count_labels (child, substring);

  return n;
}

GtkWidget *
pp_test_find_widget (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pp_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first widget under @root, itself included, for which @match
 * holds, depth first. */
GtkWidget *
pp_test_find_widget_where (GtkWidget         *root,
                           PpTestWidgetMatch  match,
                           gconstpointer      data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pp_test_find_widget_where (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
pp_test_find_button (GtkWidget  *root,
                     const char *icon_name)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pp_test_find_button (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWindow *
pp_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Conditions for pp_test_wait_for (): a mapped toplevel of the type
 * given with GSIZE_TO_POINTER () is shown, or is gone. */
gboolean
pp_test_toplevel_shown (gpointer type)
{
  return pp_test_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

gboolean
pp_test_toplevel_gone (gpointer type)
{
  return pp_test_find_toplevel (GPOINTER_TO_SIZE (type)) == NULL;
}

static gboolean
window_is_ready (gpointer data)
{
  GtkWindow *window = data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) && gtk_window_is_active (window);
}

static gboolean
drive (gpointer user_data)
{
  RunData *run = user_data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (PP_IS_WINDOW (window));
  /* Key presses go to the focused window: wait until it has the focus. */
  pp_test_wait_for (window_is_ready, window, "the window to be shown and focused");

  /* The language selector is filled once detection has run. */
  pp_test_wait_for ((PpTestCondition) pp_window_get_languages_detected, window,
                    "the languages to be detected");

  /* The app starts on the practice page; most tests are about the
   * scratch editor, and go there as the user would. */
  if (g_strcmp0 (g_getenv ("PP_TEST_START_PAGE"), "practice") != 0)
    g_action_group_activate_action (G_ACTION_GROUP (window), "show-scratch", NULL);

  run->ran = TRUE;
  run->driver (PP_APPLICATION (app), PP_WINDOW (window), run->data);

  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app,
             RunData      *run)
{
  g_idle_add (drive, run);
}

/* Starts the real application in this process; @driver runs once its
 * window is shown and must end it (quit, or exit the process). */
void
pp_test_run_app (PpTestDriver  driver,
                 gconstpointer data)
{
  PpApplication *app;
  RunData run = { driver, (gpointer) data, FALSE };
  int status;

  pp_application_init_i18n ();
  app = pp_application_new (G_APPLICATION_NON_UNIQUE);

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &run);
  status = g_application_run (G_APPLICATION (app), 0, NULL);

  g_assert_true (run.ran);
  g_assert_cmpint (status, ==, 0);
  /* Nothing of ours may keep the app alive once it has quit. */
  g_assert_finalize_object (app);
}

/* With PAIRPAD_TEST_SCREENSHOTS set to a directory, saves the widget as
 * drawn now to NAME.png there, for a person to look at. */
void
pp_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  const char *dir = g_getenv ("PAIRPAD_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width = 0;
  int height = 0;

  if (dir == NULL || *dir == '\0')
    return;
  paintable = gtk_widget_paintable_new (widget);
  /* A window or page just shown has no size, and nothing to paint, until
   * its first frame. */
  for (guint tries = 0; node == NULL && tries < 100; tries++)
    {
      if (tries > 0)
        pp_test_spin (20);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* With PAIRPAD_TEST_SCREENSHOTS set, appends a name=value line to
 * figures.txt there: what a test measured, for a person to read (a
 * phase's own output is not shown). */
void
pp_test_note (const char *format,
              ...)
{
  const char *dir = g_getenv ("PAIRPAD_TEST_SCREENSHOTS");
  g_autofree char *line = NULL;
  g_autofree char *path = NULL;
  FILE *file;
  va_list args;

  if (dir == NULL || *dir == '\0')
    return;
  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  path = g_build_filename (dir, "figures.txt", NULL);
  file = fopen (path, "a");
  g_assert_nonnull (file);
  fprintf (file, "%s\n", line);
  fclose (file);
}

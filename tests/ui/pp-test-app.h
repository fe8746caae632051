/* pp-test-app.h: drives the real Pairpad application from a UI test
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-application.h"
#include "pp-test-lib.h"
#include "pp-window.h"

G_BEGIN_DECLS

typedef void     (*PpTestDriver)    (PpApplication *app,
                                     PpWindow      *window,
                                     gpointer       data);

/* One run of the app, in a process of its own. */
typedef struct
{
  PpTestDriver  driver;
  gconstpointer data;
  gboolean      ends_killed;   /* the phase ends by SIGKILL, on purpose */
} PpTestPhase;

/* A test's own temporary home: HOME, XDG_DATA_HOME and friends point
 * into it. */
typedef struct
{
  char *path;
} PpTestHome;

void        pp_test_home_setup         (PpTestHome      *home,
                                        gconstpointer    data);
void        pp_test_home_teardown      (PpTestHome      *home,
                                        gconstpointer    data);
gboolean    pp_test_run_phases         (const PpTestPhase *phases,
                                        guint            n_phases);
void        pp_test_run_app            (PpTestDriver     driver,
                                        gconstpointer    data);
void        pp_test_run_driver         (PpTestHome      *home,
                                        gconstpointer    driver);
char       *pp_test_view_text          (GtkTextView     *view);
char       *pp_test_get_text           (PpWindow        *window);
void        pp_test_assert_view_text_soon_at (GtkTextView *view,
                                              const char  *expected,
                                              int          line);
#define pp_test_assert_view_text_soon(view, expected) \
  pp_test_assert_view_text_soon_at (view, expected, __LINE__)
/* The scratch editor's text. */
#define pp_test_assert_text_soon(window, expected) \
  pp_test_assert_view_text_soon_at (GTK_TEXT_VIEW (pp_window_get_source_view (window)), \
                                    expected, __LINE__)
void        pp_test_xdotool            (const char      *first_arg,
                                        ...) G_GNUC_NULL_TERMINATED;
GtkWidget  *pp_test_find_label         (GtkWidget       *root,
                                        const char      *substring);
guint       pp_test_count_labels       (GtkWidget       *root,
                                        const char      *substring);
GtkWidget  *pp_test_find_widget        (GtkWidget       *root,
                                        GType            type);
typedef gboolean (*PpTestWidgetMatch)  (GtkWidget       *widget,
                                        gconstpointer    data);
GtkWidget  *pp_test_find_widget_where  (GtkWidget       *root,
                                        PpTestWidgetMatch match,
                                        gconstpointer    data);
GtkWidget  *pp_test_find_button        (GtkWidget       *root,
                                        const char      *icon_name);
GtkWindow  *pp_test_find_toplevel      (GType            type);
gboolean    pp_test_toplevel_shown     (gpointer         type);
gboolean    pp_test_toplevel_gone      (gpointer         type);
char       *pp_test_scratch_path       (const char      *name);
void        pp_test_screenshot         (GtkWidget       *widget,
                                        const char      *name);
void        pp_test_note               (const char      *format,
                                        ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS

/* pp-application.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gtksourceview/gtksource.h>

#include "pp-application.h"
#include "pp-peer.h"
#include "pp-preferences-window.h"
#include "pp-window.h"
#include "pp-window-actions.h"

struct _PpApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  guint           signal_sources[3];
  PpStore        *store;           /* nullable: it could not be opened */
  const char     *store_title;     /* nullable: what the user must know of it, in a line */
  char           *store_message;   /* nullable: and the whole of it */
};

G_DEFINE_FINAL_TYPE (PpApplication, pp_application, ADW_TYPE_APPLICATION)

static PpWindow *
get_main_window (PpApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PP_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static PpWindow *
ensure_main_window (PpApplication *self)
{
  PpWindow *window = get_main_window (self);

  /* One window: it owns the scratch buffer's files. */
  if (window == NULL)
    {
      g_autofree char *message = g_steal_pointer (&self->store_message);

      window = pp_window_new (GTK_APPLICATION (self), self->store);
      if (message != NULL)
        pp_window_show_error (window, self->store_title, message);
    }

  return window;
}

static void
apply_color_scheme (PpApplication *self)
{
  g_autofree char *choice = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (choice, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (choice, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

/* Quitting closes every window as its close button would, so each saves
 * what it holds; the app ends when the last one is gone. */
static void
close_all_windows (PpApplication *self)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_list_free (windows);
}

static gboolean
close_all_windows_idle (gpointer user_data)
{
  close_all_windows (user_data);

  return G_SOURCE_REMOVE;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  /* Ctrl+Q arrives inside the key press's dispatch: closing the windows
   * there leaves GTK delivering the rest of that event to a window being
   * destroyed (under AddressSanitizer, a key event of GTK's own was then
   * never freed). The windows close once the press is handled. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_all_windows_idle,
                   g_object_ref (user_data), g_object_unref);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (pp_preferences_window_new (parent)));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PpApplication *self = user_data;
  static const char *developers[] = { "The Pairpad developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        "application-name", _("Pairpad"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Pairpad developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Write code together, peer to peer: for pair programming, "
                                      "code interviews and practice."),
                        "website", "https://github.com/pairpad/pairpad",
                        "issue-url", "https://github.com/pairpad/pairpad/issues",
                        "copyright", _("© 2026 The Pairpad developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static gboolean
on_terminate (gpointer user_data)
{
  /* A logout or `kill` is a quit, and saves like one. */
  close_all_windows (PP_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

/* The history database, $XDG_DATA_HOME/pairpad/pairpad.db: a damaged one
 * is moved aside and a new one made; one that cannot be opened at all
 * leaves the app working without it, saying so. */
static void
open_store (PpApplication *self)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "pairpad", "pairpad.db", NULL);
  g_autofree char *moved = NULL;
  g_autoptr(GError) error = NULL;

  self->store = pp_store_open_or_reset (path, &moved, &error);
  /* The store's message says what could not be done and what to do. */
  if (self->store == NULL)
    {
      self->store_title = _("Your history could not be opened");
      self->store_message = g_strdup (error->message);
    }
  else if (moved != NULL)
    {
      self->store_title = _("Your history was damaged; a new one was started");
      self->store_message = g_strdup_printf (_("Your history could not be read, so a new one was "
                                             "started. The old one was kept as “%s”."), moved);
    }
}

/**
 * pp_application_get_store:
 *
 * Returns: (transfer none) (nullable): the history database, or %NULL when
 *   it could not be opened
 */
PpStore *
pp_application_get_store (PpApplication *self)
{
  g_return_val_if_fail (PP_IS_APPLICATION (self), NULL);
  return self->store;
}

static void
pp_application_startup (GApplication *application)
{
  PpApplication *self = PP_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const int quit_signals[] = { SIGTERM, SIGINT, SIGHUP };

  G_APPLICATION_CLASS (pp_application_parent_class)->startup (application);

  gtk_source_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  pp_window_actions_set_accels (GTK_APPLICATION (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  for (guint i = 0; i < G_N_ELEMENTS (quit_signals); i++)
    self->signal_sources[i] = g_unix_signal_add (quit_signals[i], on_terminate, self);

  open_store (self);
}

static void
pp_application_shutdown (GApplication *application)
{
  PpApplication *self = PP_APPLICATION (application);
  PpWindow *window = get_main_window (self);

  /* Quitting closes the windows, which save; this is for anything that
   * ends the app with its window still open (g_application_quit ()). */
  if (window != NULL)
    pp_window_save_now (window);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_sources); i++)
    g_clear_handle_id (&self->signal_sources[i], g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_message, g_free);
  pp_peer_warm_up_wait ();

  G_APPLICATION_CLASS (pp_application_parent_class)->shutdown (application);
}

static void
pp_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (ensure_main_window (PP_APPLICATION (application))));
}

static void
pp_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PpWindow *window = ensure_main_window (PP_APPLICATION (application));

  gtk_window_present (GTK_WINDOW (window));

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autoptr(GError) error = NULL;

      if (g_file_has_uri_scheme (files[i], "pairpad"))
        {
          if (!pp_window_join_link (window, uri, &error))
            pp_window_show_error (window, _("Could not join the live session"), error->message);
        }
      else
        {
          /* The path alone: the link's query and key are not for the screen. */
          g_autofree char *message = g_strdup_printf (_("Could not open “%s”: Pairpad opens only "
                                                        "invite links that start with pairpad://."),
                                                      g_file_peek_path (files[i]) != NULL
                                                        ? g_file_peek_path (files[i]) : uri);
          pp_window_show_message (window, message);
        }
    }
}

static void
pp_application_class_init (PpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = pp_application_startup;
  app_class->shutdown = pp_application_shutdown;
  app_class->activate = pp_application_activate;
  app_class->open = pp_application_open;
}

static void
pp_application_init (PpApplication *self)
{
}

/**
 * pp_application_init_i18n:
 *
 * Points gettext at our translations. PAIRPAD_LOCALEDIR overrides where
 * they are, so that the app run from the build tree (meson devenv, tests)
 * speaks the user's language too.
 */
void
pp_application_init_i18n (void)
{
  const char *localedir = g_getenv ("PAIRPAD_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

PpApplication *
pp_application_new (GApplicationFlags flags)
{
  return g_object_new (PP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

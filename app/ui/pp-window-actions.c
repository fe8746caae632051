/* pp-window-actions.c: what the main window does, in one table — each
 * action's name, its keys and what it calls in the window
 *
 * An action's first key is its application accelerator: the shortcuts
 * window names the actions and shows that key. The others are the same key
 * elsewhere on the keyboard (the keypad's Enter, "=" for "+"), handled by
 * the window alone so the shortcuts window stays readable. Both are
 * handled before the focused widget sees the key, so the editor never
 * inserts a line break for Ctrl+Enter, and a key whose action is disabled
 * goes on to the widget under it (Esc still closes a popover when nothing
 * runs).
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-window-actions.h"
#include "pp-window-private.h"

typedef struct
{
  const char *name;
  void      (*activate) (PpWindow *self);
  const char *accels[3];   /* the first is shown; NULL-padded */
} WindowAction;

static void show_problems (PpWindow *self) { _pp_window_show_page (self, "practice"); }
static void show_scratch  (PpWindow *self) { _pp_window_show_page (self, "scratch"); }
static void zoom_in       (PpWindow *self) { _pp_window_zoom (self, 1); }
static void zoom_out      (PpWindow *self) { _pp_window_zoom (self, -1); }
static void toggle_microphone (PpWindow *self) { _pp_window_toggle_media (self, PP_MEDIA_AUDIO); }
static void toggle_camera (PpWindow *self) { _pp_window_toggle_media (self, PP_MEDIA_VIDEO); }

static const WindowAction window_actions[] = {
  { "run",           _pp_window_run,    { "<Control>Return", "<Control>KP_Enter" } },
  { "stop",          _pp_window_stop,   { "Escape" } },
  { "submit",        _pp_window_submit, { "<Control><Shift>Return", "<Control><Shift>KP_Enter" } },
  { "show-problems", show_problems,     { "<Alt>Left" } },
  { "show-scratch",  show_scratch },
  { "show-stats",    _pp_window_show_stats },
  { "zoom-in",       zoom_in,           { "<Control>plus", "<Control>equal", "<Control>KP_Add" } },
  { "zoom-out",      zoom_out,          { "<Control>minus", "<Control>KP_Subtract" } },
  { "zoom-reset",    _pp_window_zoom_reset, { "<Control>0", "<Control>KP_0" } },
  { "start-session", _pp_window_start_session },
  { "join-session",  _pp_window_present_join },
  { "show-session",  _pp_window_show_session },
  { "past-sessions", _pp_window_show_past_sessions },
  { "toggle-microphone", toggle_microphone, { "<Control><Shift>m" } },
  { "toggle-camera", toggle_camera,     { "<Control><Shift>o" } },
};

static void
on_activate (GSimpleAction *action,
             GVariant      *parameter,
             PpWindow      *self)
{
  const WindowAction *entry = g_object_get_data (G_OBJECT (action), "pp-window-action");

  entry->activate (self);
}

/* The actions of @self: they live as long as the window does. */
void
_pp_window_actions_install (PpWindow *self)
{
  GtkEventController *aliases = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (aliases, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (window_actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (window_actions[i].name, NULL);
      g_autofree char *detailed = g_strconcat ("win.", window_actions[i].name, NULL);

      g_object_set_data (G_OBJECT (action), "pp-window-action", (gpointer) &window_actions[i]);
      g_signal_connect (action, "activate", G_CALLBACK (on_activate), self);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
      for (guint k = 1; k < G_N_ELEMENTS (window_actions[i].accels) && window_actions[i].accels[k]; k++)
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (aliases),
                                              gtk_shortcut_new (gtk_shortcut_trigger_parse_string (
                                                                  window_actions[i].accels[k]),
                                                                gtk_named_action_new (detailed)));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), aliases);
}

/**
 * pp_window_actions_set_accels:
 *
 * Gives every window action its first key, as "win.NAME".
 */
void
pp_window_actions_set_accels (GtkApplication *application)
{
  g_return_if_fail (GTK_IS_APPLICATION (application));

  for (guint i = 0; i < G_N_ELEMENTS (window_actions); i++)
    {
      g_autofree char *detailed = NULL;

      if (window_actions[i].accels[0] == NULL)
        continue;
      detailed = g_strconcat ("win.", window_actions[i].name, NULL);
      gtk_application_set_accels_for_action (application, detailed,
                                             (const char *[]) { window_actions[i].accels[0], NULL });
    }
}

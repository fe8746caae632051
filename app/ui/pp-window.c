/* pp-window.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pp-language.h"
#include "pp-scratch.h"
#include "pp-style.h"
#include "pp-window.h"

#define EDITOR_SELECTOR "textview.pp-editor"
/* Zoom steps of a tenth of the chosen size: from half to three times it. */
#define ZOOM_MIN  -5
#define ZOOM_MAX  20

struct _PpWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkDropDown          *language_dropdown;
  GtkSourceView        *source_view;

  GtkSourceBuffer      *buffer;        /* borrowed from source_view */
  GSettings            *settings;
  GtkCssProvider       *font_css;
  PpScratch            *scratch;
  const PpLanguage     *language;
  int                   zoom;
};

G_DEFINE_FINAL_TYPE (PpWindow, pp_window, ADW_TYPE_APPLICATION_WINDOW)

void
pp_window_show_message (PpWindow   *self,
                        const char *message)
{
  g_autofree char *markup = NULL;
  AdwToast *toast;

  g_return_if_fail (PP_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Toast titles are markup; messages quote links and file names. */
  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  /* Errors stay until the user has read and dismissed them. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_style_scheme (PpWindow *self)
{
  g_autofree char *scheme_id = g_settings_get_string (self->settings, "style-scheme");
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_source_buffer_set_style_scheme (self->buffer, pp_style_resolve_scheme (scheme_id, dark));
}

static void
update_font (PpWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "font");
  g_autofree char *css = pp_style_font_to_css (font, 1.0 + self->zoom / 10.0, EDITOR_SELECTOR);

  gtk_css_provider_load_from_data (self->font_css, css, -1);
}

static void
set_zoom (PpWindow *self,
          int       zoom)
{
  self->zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  update_font (self);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "zoom-in")),
                               self->zoom < ZOOM_MAX);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "zoom-out")),
                               self->zoom > ZOOM_MIN);
}

static void
zoom_in_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PpWindow *self = user_data;

  set_zoom (self, self->zoom + 1);
}

static void
zoom_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PpWindow *self = user_data;

  set_zoom (self, self->zoom - 1);
}

static void
zoom_reset_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  set_zoom (PP_WINDOW (user_data), 0);
}

static const GActionEntry window_actions[] = {
  { "zoom-in", zoom_in_activated },
  { "zoom-out", zoom_out_activated },
  { "zoom-reset", zoom_reset_activated },
};

static void
apply_language (PpWindow         *self,
                const PpLanguage *language)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();

  if (self->language == language)
    return;

  self->language = language;
  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (manager,
                                                                            language->source_id));
  gtk_source_view_set_tab_width (self->source_view, language->indent_width);
  gtk_source_view_set_indent_width (self->source_view, -1);
  gtk_source_view_set_insert_spaces_instead_of_tabs (self->source_view,
                                                     !language->indent_with_tabs);
  gtk_drop_down_set_selected (self->language_dropdown, pp_language_get_position (language));
  pp_scratch_set_language (self->scratch, language->id);
}

static void
on_language_selected (PpWindow    *self,
                      GParamSpec  *pspec,
                      GtkDropDown *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (position < pp_language_get_n_languages ())
    apply_language (self, pp_language_get_nth (position));
}

static void
on_scratch_save_failed (PpWindow     *self,
                        const GError *error,
                        PpScratch    *scratch)
{
  g_autofree char *message = g_strdup_printf (_("Your scratch code could not be saved: %s"),
                                              error->message);

  pp_window_show_message (self, message);
}

static void
load_scratch (PpWindow *self)
{
  g_autofree char *directory = pp_scratch_get_default_directory ();
  g_autofree char *text = NULL;
  g_autofree char *language_id = NULL;
  g_autoptr(GError) error = NULL;
  const PpLanguage *language;
  GtkTextIter start;

  self->scratch = pp_scratch_new (directory);
  g_signal_connect_object (self->scratch, "save-failed",
                           G_CALLBACK (on_scratch_save_failed), self, G_CONNECT_SWAPPED);

  if (!pp_scratch_load (self->scratch, &text, &language_id, &error))
    pp_window_show_message (self, error->message);

  /* Loading is not an edit the user could undo. */
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);

  language = pp_language_lookup (language_id);
  apply_language (self, language != NULL ? language : pp_language_get_default ());

  pp_scratch_attach (self->scratch, GTK_TEXT_BUFFER (self->buffer));
}

/**
 * pp_window_save_now:
 *
 * Writes the scratch buffer to disk now (it blocks), telling the user if
 * that fails. Called when the window or the app closes.
 */
void
pp_window_save_now (PpWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PP_IS_WINDOW (self));

  if (!pp_scratch_flush (self->scratch, &error))
    g_printerr ("%s\n", error->message);
}

static gboolean
pp_window_close_request (GtkWindow *window)
{
  PpWindow *self = PP_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  pp_window_save_now (self);

  return GTK_WINDOW_CLASS (pp_window_parent_class)->close_request (window);
}

static void
pp_window_dispose (GObject *object)
{
  PpWindow *self = PP_WINDOW (object);

  if (self->font_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->font_css));
  g_clear_object (&self->font_css);
  g_clear_object (&self->scratch);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), PP_TYPE_WINDOW);

  G_OBJECT_CLASS (pp_window_parent_class)->dispose (object);
}

static void
pp_window_class_init (PpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pp_window_dispose;
  window_class->close_request = pp_window_close_request;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/pp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PpWindow, source_view);
}

static void
setup_language_dropdown (PpWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < pp_language_get_n_languages (); i++)
    gtk_string_list_append (names, _(pp_language_get_nth (i)->name));

  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
}

static void
pp_window_init (PpWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_PROFILE
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  self->settings = g_settings_new (APPLICATION_ID);
  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, TRUE);

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->font_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->font_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  set_zoom (self, 0);
  g_signal_connect_object (self->settings, "changed::font",
                           G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);

  update_style_scheme (self);
  g_signal_connect_object (self->settings, "changed::style-scheme",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);

  setup_language_dropdown (self);
  load_scratch (self);
  /* Only now: the selector moves while the saved language is restored. */
  g_signal_connect_object (self->language_dropdown, "notify::selected",
                           G_CALLBACK (on_language_selected), self, G_CONNECT_SWAPPED);

  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

PpWindow *
pp_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (PP_TYPE_WINDOW, "application", application, NULL);
}

GtkSourceView *
pp_window_get_source_view (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return self->source_view;
}

GtkDropDown *
pp_window_get_language_dropdown (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return self->language_dropdown;
}

const char *
pp_window_get_language (PpWindow *self)
{
  g_return_val_if_fail (PP_IS_WINDOW (self), NULL);

  return self->language->id;
}

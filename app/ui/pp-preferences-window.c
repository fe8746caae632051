/* pp-preferences-window.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "pp-preferences-window.h"
#include "pp-style.h"

struct _PpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwComboRow          *style_row;
  AdwComboRow          *scheme_row;
  GtkFontButton        *font_button;

  GSettings            *settings;
  char                **scheme_ids;
};

G_DEFINE_FINAL_TYPE (PpPreferencesWindow, pp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the style row's items. */
static const char * const color_schemes[] = { "system", "light", "dark", NULL };

static gboolean
position_from_setting (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *chosen = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], chosen))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  /* A value this list does not offer (a scheme since uninstalled). */
  g_value_set_uint (value, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static GVariant *
position_to_setting (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  const char * const *choices = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) choices))
    return NULL;

  return g_variant_new_string (choices[position]);
}

static gboolean
is_monospace (const PangoFontFamily *family,
              const PangoFontFace   *face,
              gpointer               user_data)
{
  return pango_font_family_is_monospace ((PangoFontFamily *) family);
}

static void
setup_scheme_row (PpPreferencesWindow *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->scheme_ids = pp_style_list_scheme_ids ();
  for (guint i = 0; self->scheme_ids[i] != NULL; i++)
    {
      GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager,
                                                                                 self->scheme_ids[i]);
      gtk_string_list_append (names, gtk_source_style_scheme_get_name (scheme));
    }

  adw_combo_row_set_model (self->scheme_row, G_LIST_MODEL (names));
}

static void
pp_preferences_window_dispose (GObject *object)
{
  PpPreferencesWindow *self = PP_PREFERENCES_WINDOW (object);

  /* The bindings' mappings point into scheme_ids: end them first. */
  if (self->scheme_row != NULL)
    g_settings_unbind (self->scheme_row, "selected");
  gtk_widget_dispose_template (GTK_WIDGET (self), PP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->scheme_ids, g_strfreev);

  G_OBJECT_CLASS (pp_preferences_window_parent_class)->dispose (object);
}

static void
pp_preferences_window_class_init (PpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, scheme_row);
  gtk_widget_class_bind_template_child (widget_class, PpPreferencesWindow, font_button);
}

static void
pp_preferences_window_init (PpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);

  setup_scheme_row (self);
  gtk_font_chooser_set_filter_func (GTK_FONT_CHOOSER (self->font_button), is_monospace, NULL, NULL);

  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                position_from_setting, position_to_setting,
                                (gpointer) color_schemes, NULL);
  g_settings_bind_with_mapping (self->settings, "style-scheme", self->scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                position_from_setting, position_to_setting,
                                self->scheme_ids, NULL);
  g_settings_bind (self->settings, "font", self->font_button, "font", G_SETTINGS_BIND_DEFAULT);
}

PpPreferencesWindow *
pp_preferences_window_new (GtkWindow *transient_for)
{
  return g_object_new (PP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       "modal", transient_for != NULL,
                       NULL);
}

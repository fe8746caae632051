/* pp-preferences-window.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "pp-preferences-window.h"
#include "pp-signal-protocol.h"
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

/* Sessions: each text is checked when applied (Enter, or the row's
 * apply button); a wrong one is marked, said why under its group, and
 * not stored, so the last good value stays in use. */

typedef gboolean (*PpCheck) (const char *text);

typedef struct
{
  GSettings *settings;          /* borrowed from the window */
  const char *key;
  PpCheck check;                /* nullable: anything goes */
  const char *problem;          /* what to say when the check fails */
  AdwPreferencesGroup *group;
  char *description;            /* the group's own */
} Field;

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->description);
  g_free (field);
}

/* The sentence below says 64. */
G_STATIC_ASSERT (PP_SIGNAL_NAME_MAX == 64);

static gboolean
check_name (const char *text)
{
  return *text == '\0' || pp_signal_name_is_valid (text);
}

/* "wss://host:port" or "ws://…": a server, nothing after it. */
static gboolean
check_server (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;

  if (*text == '\0')
    return TRUE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  path = g_uri_get_path (uri);
  return (g_strcmp0 (g_uri_get_scheme (uri), "ws") == 0 || g_strcmp0 (g_uri_get_scheme (uri), "wss") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' && g_uri_get_userinfo (uri) == NULL &&
         (*path == '\0' || g_str_equal (path, "/")) && g_uri_get_query (uri) == NULL &&
         g_uri_get_fragment (uri) == NULL;
}

/* "turn:host:port" or "turns:host:port", the port optional, as
 * RFC 7065 writes them (a "?transport=" after it allowed). */
static gboolean
check_turn (const char *text)
{
  g_autofree char *address = NULL;
  const char *rest, *colon;

  if (*text == '\0')
    return TRUE;
  if (g_str_has_prefix (text, "turn:"))
    rest = text + strlen ("turn:");
  else if (g_str_has_prefix (text, "turns:"))
    rest = text + strlen ("turns:");
  else
    return FALSE;
  address = g_strndup (rest, strcspn (rest, "?"));
  if (*address == '\0' || strpbrk (address, "/@ \t[]") != NULL)
    return FALSE;
  colon = strrchr (address, ':');
  if (colon != NULL)
    {
      guint64 port;

      if (colon == address ||
          !g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL))
        return FALSE;
    }
  return TRUE;
}

static void
field_mark (Field    *field,
            GtkWidget *row,
            gboolean  wrong)
{
  if (wrong)
    {
      gtk_widget_add_css_class (row, "error");
      adw_preferences_group_set_description (field->group, _(field->problem));
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      adw_preferences_group_set_description (field->group, field->description);
    }
}

static void
field_applied (AdwEntryRow *row,
               Field       *field)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (field->check != NULL && !field->check (text))
    {
      field_mark (field, GTK_WIDGET (row), TRUE);
      return;
    }
  field_mark (field, GTK_WIDGET (row), FALSE);
  g_settings_set_string (field->settings, field->key, text);
}

static GtkWidget *
field_row (PpPreferencesWindow *self,
           AdwPreferencesGroup *group,
           GtkWidget           *row,
           const char          *title,
           const char          *key,
           PpCheck              check,
           const char          *problem)
{
  Field *field = g_new0 (Field, 1);
  g_autofree char *value = g_settings_get_string (self->settings, key);

  field->settings = self->settings;
  field->key = key;
  field->check = check;
  field->problem = problem;
  field->group = group;
  field->description = g_strdup (adw_preferences_group_get_description (group));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), value);
  g_signal_connect_data (row, "apply", G_CALLBACK (field_applied), field,
                         (GClosureNotify) (void (*) (void)) field_free, 0);
  adw_preferences_group_add (group, row);
  return row;
}

static AdwPreferencesGroup *
group_new (AdwPreferencesPage *page,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static void
add_sessions_page (PpPreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *you, *server, *relay;
  GtkWidget *relay_only = adw_action_row_new ();
  GtkWidget *relay_switch = gtk_switch_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Sessions"));
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (page), "sessions");
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "system-users-symbolic");

  you = group_new (ADW_PREFERENCES_PAGE (page), _("You"),
                   _("The name others see beside your cursor and your messages. Empty: your "
                     "account’s name."));
  field_row (self, you, adw_entry_row_new (), _("Display Name"), "display-name", check_name,
             N_("A name has at most 64 characters and no line breaks."));

  server = group_new (ADW_PREFERENCES_PAGE (page), _("Signaling Server"),
                      _("Introduces the people of the sessions you host. Empty: this computer, "
                        "for people on your network."));
  field_row (self, server, adw_entry_row_new (), _("Server Address"), "signaling-server", check_server,
             N_("Enter the server as wss://host:port, or ws://host:port for one without TLS."));

  relay = group_new (ADW_PREFERENCES_PAGE (page), _("Relay"),
                     _("A TURN server of your own, for people who cannot reach each other "
                       "directly. Empty: the relays the signaling server offers."));
  field_row (self, relay, adw_entry_row_new (), _("TURN Server"), "turn-server", check_turn,
             N_("Enter the relay as turn:host:port, or turns:host:port for one with TLS."));
  field_row (self, relay, adw_entry_row_new (), _("User Name"), "turn-username", NULL, NULL);
  field_row (self, relay, adw_password_entry_row_new (), _("Password"), "turn-password", NULL, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (relay_only), _("Relays Only"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (relay_only),
                               _("Others never learn your network address; needs a relay"));
  gtk_widget_set_valign (relay_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (relay_only), relay_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (relay_only), relay_switch);
  g_settings_bind (self->settings, "relay-only", relay_switch, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (relay, relay_only);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
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
  add_sessions_page (self);
}

PpPreferencesWindow *
pp_preferences_window_new (GtkWindow *transient_for)
{
  return g_object_new (PP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       "modal", transient_for != NULL,
                       NULL);
}

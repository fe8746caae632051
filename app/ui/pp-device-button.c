/* pp-device-button.c: the call's devices, chosen from a menu — camera,
 * microphone, speaker
 *
 * A circular menu button beside the microphone and camera buttons. Its
 * menu is made each time it opens, from the devices there are then: one
 * section for each kind, the one in use marked. Choosing one switches
 * the call to it at once; one that cannot start says so in a notice.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pp-device-button.h"

#define N_KINDS 3

struct _PpDeviceButton
{
  GtkWidget parent_instance;

  GtkMenuButton *button;
  PpMedia *media;                        /* nullable */
  GSimpleAction *choose[N_KINDS];        /* by PpMediaDevice; state: the device's name */
};

enum { NOTICE, DEVICE_CHANGED, N_SIGNALS };

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PpDeviceButton, pp_device_button, GTK_TYPE_WIDGET)

static const char * const action_names[N_KINDS] = {
  [PP_MEDIA_DEVICE_MICROPHONE] = "microphone",
  [PP_MEDIA_DEVICE_CAMERA] = "camera",
  [PP_MEDIA_DEVICE_SPEAKER] = "speaker",
};

static char *
device_name (GstDevice *device)
{
  return device != NULL ? gst_device_get_display_name (device) : g_strdup ("");
}

/* Each action's state is the device in use: the menu marks it. */
static void
update_states (PpDeviceButton *self)
{
  for (PpMediaDevice kind = 0; kind < N_KINDS; kind++)
    {
      g_autofree char *name = device_name (self->media != NULL ? pp_media_get_device (self->media, kind)
                                                               : NULL);

      g_simple_action_set_state (self->choose[kind], g_variant_new_string (name));
    }
}

static GMenu *
kind_section (PpDeviceButton *self,
              PpMediaDevice   kind)
{
  g_autoptr(GPtrArray) devices = pp_media_list_devices (self->media, kind);
  g_autofree char *action = g_strdup_printf ("devices.%s", action_names[kind]);
  GMenu *section = g_menu_new ();

  /* The speaker can follow the system's choice; the camera and the
   * microphone use a device of their own from the start. */
  if (kind == PP_MEDIA_DEVICE_SPEAKER)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (C_("speaker", "Default"), NULL);

      g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (""));
      g_menu_append_item (section, item);
    }
  for (guint i = 0; i < devices->len; i++)
    {
      g_autofree char *name = gst_device_get_display_name (devices->pdata[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (name));
      g_menu_append_item (section, item);
    }
  /* Without an action the item is shown dimmed: there is nothing to pick. */
  if (devices->len == 0 && kind != PP_MEDIA_DEVICE_SPEAKER)
    g_menu_append (section, kind == PP_MEDIA_DEVICE_CAMERA ? _("No Camera Found")
                                                           : _("No Microphone Found"), NULL);
  return section;
}

/* The menu, made as it opens: devices come and go. */
static void
build_menu (GtkMenuButton *button,
            gpointer       data)
{
  PpDeviceButton *self = data;
  g_autoptr(GMenu) menu = g_menu_new ();
  static const struct { PpMediaDevice kind; const char *label; } sections[] = {
    { PP_MEDIA_DEVICE_CAMERA, N_("Camera") },
    { PP_MEDIA_DEVICE_MICROPHONE, N_("Microphone") },
    { PP_MEDIA_DEVICE_SPEAKER, N_("Speaker") },
  };

  if (self->media == NULL)
    return;
  update_states (self);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autoptr(GMenu) section = kind_section (self, sections[i].kind);

      g_menu_append_section (menu, _(sections[i].label), G_MENU_MODEL (section));
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
on_choose (GSimpleAction *action,
           GVariant      *value,
           gpointer       data)
{
  PpDeviceButton *self = data;
  const char *name = g_variant_get_string (value, NULL);
  g_autoptr(GstDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  PpMediaDevice kind = 0;

  if (self->media == NULL)
    return;
  while (self->choose[kind] != action)
    kind++;
  /* "" is the speaker's default; any other name must still be there. */
  if (*name != '\0' && (device = pp_media_find_device (self->media, kind, name)) == NULL)
    {
      g_autofree char *notice = g_strdup_printf (_("“%s” is no longer connected"), name);

      g_signal_emit (self, signals[NOTICE], 0, notice);
      return;
    }
  if (!pp_media_use_device (self->media, kind, device, &error))
    {
      /* TRANSLATORS: the first %s is a device's name, the second why it failed */
      g_autofree char *notice = g_strdup_printf (_("“%s” could not be started: %s"), name, error->message);

      g_signal_emit (self, signals[NOTICE], 0, notice);
    }
  else
    g_signal_emit (self, signals[DEVICE_CHANGED], 0, kind);
  update_states (self);
}

/**
 * pp_device_button_set_media:
 * @media: (nullable): the call's media; %NULL leaves the button dimmed
 */
void
pp_device_button_set_media (PpDeviceButton *self,
                            PpMedia        *media)
{
  g_return_if_fail (PP_IS_DEVICE_BUTTON (self));

  g_set_object (&self->media, media);
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), media != NULL);
  update_states (self);
}

/**
 * pp_device_button_get_menu_model:
 *
 * Returns: (transfer none) (nullable): the menu as it was last opened
 */
GMenuModel *
pp_device_button_get_menu_model (PpDeviceButton *self)
{
  g_return_val_if_fail (PP_IS_DEVICE_BUTTON (self), NULL);

  return gtk_menu_button_get_menu_model (self->button);
}

void
pp_device_button_popup (PpDeviceButton *self)
{
  g_return_if_fail (PP_IS_DEVICE_BUTTON (self));

  gtk_menu_button_popup (self->button);
}

GtkWidget *
pp_device_button_new (void)
{
  return g_object_new (PP_TYPE_DEVICE_BUTTON, NULL);
}

static void
pp_device_button_dispose (GObject *object)
{
  PpDeviceButton *self = PP_DEVICE_BUTTON (object);

  if (self->button != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->button));
  self->button = NULL;
  g_clear_object (&self->media);
  G_OBJECT_CLASS (pp_device_button_parent_class)->dispose (object);
}

static void
pp_device_button_finalize (GObject *object)
{
  PpDeviceButton *self = PP_DEVICE_BUTTON (object);

  for (guint k = 0; k < N_KINDS; k++)
    g_clear_object (&self->choose[k]);
  G_OBJECT_CLASS (pp_device_button_parent_class)->finalize (object);
}

static void
pp_device_button_class_init (PpDeviceButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pp_device_button_dispose;
  object_class->finalize = pp_device_button_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  /**
   * PpDeviceButton::notice:
   * @message: a sentence for a toast
   *
   * A device chosen could not be used.
   */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PpDeviceButton::device-changed:
   * @kind: a #PpMediaDevice
   *
   * The call uses another device of @kind now, which runs: a camera that
   * had failed works again, which the peers are to be told.
   */
  signals[DEVICE_CHANGED] =
    g_signal_new ("device-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
pp_device_button_init (PpDeviceButton *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "emblem-system-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Camera, Microphone and Speaker"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Devices"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "circular");
  gtk_menu_button_set_create_popup_func (self->button, build_menu, self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  for (PpMediaDevice kind = 0; kind < N_KINDS; kind++)
    {
      self->choose[kind] = g_simple_action_new_stateful (action_names[kind], G_VARIANT_TYPE_STRING,
                                                         g_variant_new_string (""));
      g_signal_connect (self->choose[kind], "change-state", G_CALLBACK (on_choose), self);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->choose[kind]));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "devices", G_ACTION_GROUP (group));
}

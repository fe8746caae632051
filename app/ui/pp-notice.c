/* pp-notice.c: how a failure reaches the user
 *
 * A banner (libadwaita 1.2 has no AdwBanner: a GtkInfoBar, which it
 * styles) says what stays wrong, such as code that cannot be saved, for as
 * long as it stays wrong, above what it is about; it goes away by itself
 * once it is over. A toast tells of one action that did not work, in one
 * short line (libadwaita 1.2 cuts a longer one off), with Details for the
 * whole message; while one is on screen the same trouble adds no other.
 * A toast with Details stays until dismissed, one without goes by itself;
 * the newest is shown at once, and one it pushed aside comes back after.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pp-notice.h"

/* What fits on a toast at the window's smallest width; libadwaita 1.2's
 * toasts neither wrap nor grow. */
#define TOAST_MAX_CHARS 56

/**
 * pp_notice_banner_new:
 *
 * Returns: (transfer floating): a hidden banner; buttons added with
 *   gtk_info_bar_add_button() answer with #GtkInfoBar::response
 */
GtkWidget *
pp_notice_banner_new (void)
{
  GtkWidget *banner = gtk_info_bar_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_info_bar_set_message_type (GTK_INFO_BAR (banner), GTK_MESSAGE_ERROR);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (banner), FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_info_bar_add_child (GTK_INFO_BAR (banner), label);
  g_object_set_data (G_OBJECT (banner), "pp-label", label);
  return banner;
}

void
pp_notice_banner_show (GtkWidget  *banner,
                       const char *message)
{
  g_return_if_fail (GTK_IS_INFO_BAR (banner));
  g_return_if_fail (message != NULL);

  gtk_label_set_text (g_object_get_data (G_OBJECT (banner), "pp-label"), message);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (banner), TRUE);
}

void
pp_notice_banner_hide (GtkWidget *banner)
{
  g_return_if_fail (GTK_IS_INFO_BAR (banner));

  gtk_info_bar_set_revealed (GTK_INFO_BAR (banner), FALSE);
}

static void
on_save_failed (GtkWidget    *banner,
                const GError *error,
                PpScratch    *scratch)
{
  pp_notice_banner_show (banner, error->message);
}

static void
on_failing (GtkWidget  *banner,
            GParamSpec *pspec,
            PpScratch  *scratch)
{
  gboolean failing;

  g_object_get (scratch, "failing", &failing, NULL);
  if (!failing)
    pp_notice_banner_hide (banner);
}

/**
 * pp_notice_banner_follow:
 *
 * Shows @banner with the message of @scratch's failing save, once, and
 * hides it when a save works again.
 */
void
pp_notice_banner_follow (GtkWidget *banner,
                         PpScratch *scratch)
{
  g_return_if_fail (GTK_IS_INFO_BAR (banner));
  g_return_if_fail (PP_IS_SCRATCH (scratch));

  g_signal_connect_object (scratch, "save-failed", G_CALLBACK (on_save_failed), banner,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scratch, "notify::failing", G_CALLBACK (on_failing), banner,
                           G_CONNECT_SWAPPED);
}

/**
 * pp_notice_banner_get_message:
 *
 * Returns: (nullable): what the banner says, or %NULL while it is hidden
 */
const char *
pp_notice_banner_get_message (GtkWidget *banner)
{
  g_return_val_if_fail (GTK_IS_INFO_BAR (banner), NULL);

  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (banner)))
    return NULL;
  return gtk_label_get_text (g_object_get_data (G_OBJECT (banner), "pp-label"));
}

static void
show_details (AdwToast        *toast,
              AdwToastOverlay *overlay)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (overlay))),
                                   g_object_get_data (G_OBJECT (toast), "pp-title"),
                                   g_object_get_data (G_OBJECT (toast), "pp-details"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* TEXT cut at a word, with an ellipsis, to fit a toast. */
static char *
shortened (const char *text)
{
  const char *end = g_utf8_offset_to_pointer (text, TOAST_MAX_CHARS - 1);
  const char *cut = end;

  while (cut > text && *cut != ' ')
    cut = g_utf8_prev_char (cut);
  if (cut == text)
    cut = end;
  while (cut > text && strchr (" ,:;", cut[-1]) != NULL)
    cut--;

  return g_strdup_printf ("%.*s…", (int) (cut - text), text);
}

/**
 * pp_notice_toast:
 * @title: one short line; a longer one is cut short, and shown whole
 *   behind Details when there are no @details
 * @details: (nullable): the whole message, with what to do, for a Details
 *   button to show
 *
 * Shows a toast at once. With Details it stays until the user dismisses
 * it; without, it goes by itself.
 *
 * Returns: (transfer none): the toast
 */
AdwToast *
pp_notice_toast (AdwToastOverlay *overlay,
                 const char      *title,
                 const char      *details)
{
  g_autofree char *markup = NULL;
  g_autofree char *short_title = NULL;
  AdwToast *toast;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (g_utf8_strlen (title, -1) > TOAST_MAX_CHARS)
    {
      short_title = shortened (title);
      if (details == NULL)
        details = title;
    }

  /* Toast titles are markup; messages quote links and file names. */
  markup = g_markup_escape_text (short_title != NULL ? short_title : title, -1);
  toast = adw_toast_new (markup);
  /* The newest first: an older one waits behind it, not it behind that. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* What has Details stays until read and dismissed. */
  if (details != NULL)
    adw_toast_set_timeout (toast, 0);
  if (details != NULL)
    {
      g_object_set_data_full (G_OBJECT (toast), "pp-title", g_strdup (title), g_free);
      g_object_set_data_full (G_OBJECT (toast), "pp-details", g_strdup (details), g_free);
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_details), overlay, 0);
    }
  adw_toast_overlay_add_toast (overlay, toast);
  return toast;
}

/**
 * pp_notice_toast_once:
 * @shown: (inout): a weak pointer, kept by the caller, to the toast last
 *   shown for this kind of trouble; it turns %NULL once that is dismissed
 *
 * As pp_notice_toast(), unless the last toast for the same trouble is
 * still on screen: failing again and again is told once.
 */
void
pp_notice_toast_once (AdwToastOverlay  *overlay,
                      AdwToast        **shown,
                      const char       *title,
                      const char       *details)
{
  g_return_if_fail (shown != NULL);

  if (*shown == NULL)
    g_set_weak_pointer (shown, pp_notice_toast (overlay, title, details));
}

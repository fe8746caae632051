/* pp-style.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-style.h"

#define FALLBACK_SCHEME "Adwaita"

/**
 * pp_style_resolve_scheme:
 * @scheme_id: the scheme the user chose
 * @dark: whether the app is dark now
 *
 * Schemes name their light or dark twin in their metadata ("Adwaita" and
 * "Adwaita-dark"); use the twin that matches the app's style, so that the
 * editor never stays light in a dark window.
 *
 * Returns: (transfer none): the scheme to use
 */
GtkSourceStyleScheme *
pp_style_resolve_scheme (const char *scheme_id,
                         gboolean    dark)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme = NULL;
  const char *variant;

  if (scheme_id != NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, scheme_id);
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, FALLBACK_SCHEME);
  if (scheme == NULL)
    return NULL;

  variant = gtk_source_style_scheme_get_metadata (scheme, "variant");
  if (g_strcmp0 (variant, dark ? "dark" : "light") != 0)
    {
      const char *twin_id = gtk_source_style_scheme_get_metadata (scheme,
                                                                  dark ? "dark-variant"
                                                                       : "light-variant");
      GtkSourceStyleScheme *twin = NULL;

      if (twin_id != NULL)
        twin = gtk_source_style_scheme_manager_get_scheme (manager, twin_id);
      if (twin != NULL)
        scheme = twin;
    }

  return scheme;
}

/**
 * pp_style_list_scheme_ids:
 *
 * The schemes worth offering: one of each light/dark pair (the light one,
 * since the twin follows the style anyway), and every scheme with no twin.
 *
 * Returns: (transfer full): scheme ids
 */
char **
pp_style_list_scheme_ids (void)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  const char * const *ids = gtk_source_style_scheme_manager_get_scheme_ids (manager);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager, ids[i]);
      const char *variant = gtk_source_style_scheme_get_metadata (scheme, "variant");
      const char *light_twin = gtk_source_style_scheme_get_metadata (scheme, "light-variant");

      if (g_strcmp0 (variant, "dark") == 0 && light_twin != NULL &&
          gtk_source_style_scheme_manager_get_scheme (manager, light_twin) != NULL)
        continue;

      g_strv_builder_add (builder, ids[i]);
    }

  return g_strv_builder_end (builder);
}

static void
append_css_string (GString    *css,
                   const char *value)
{
  g_string_append_c (css, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (css, '\\');
      g_string_append_c (css, *p);
    }
  g_string_append_c (css, '"');
}

/**
 * pp_style_font_to_css:
 * @font: a Pango font description string, such as "Monospace 11"
 * @scale: how much larger than @font's size to make it (zoom)
 * @selector: the CSS selector to style
 *
 * Returns: (transfer full): CSS that gives @selector that font
 */
char *
pp_style_font_to_css (const char *font,
                      double      scale,
                      const char *selector)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  PangoFontMask set = pango_font_description_get_set_fields (desc);
  GString *css = g_string_new (NULL);

  g_string_append_printf (css, "%s {\n", selector);

  if (set & PANGO_FONT_MASK_FAMILY)
    {
      g_string_append (css, "  font-family: ");
      append_css_string (css, pango_font_description_get_family (desc));
      g_string_append (css, ";\n");
    }

  if (set & PANGO_FONT_MASK_SIZE)
    {
      /* CSS wants a dot whatever the locale's decimal separator is. */
      char size[G_ASCII_DTOSTR_BUF_SIZE];
      double points = scale * pango_font_description_get_size (desc) / PANGO_SCALE;

      g_ascii_formatd (size, sizeof size, "%.2f", points);
      g_string_append_printf (css, "  font-size: %s%s;\n", size,
                              pango_font_description_get_size_is_absolute (desc) ? "px" : "pt");
    }

  if (set & PANGO_FONT_MASK_WEIGHT)
    g_string_append_printf (css, "  font-weight: %d;\n",
                            (int) pango_font_description_get_weight (desc));

  if (set & PANGO_FONT_MASK_STYLE)
    {
      static const char * const styles[] = { "normal", "oblique", "italic" };
      PangoStyle style = pango_font_description_get_style (desc);

      if ((guint) style < G_N_ELEMENTS (styles))
        g_string_append_printf (css, "  font-style: %s;\n", styles[style]);
    }

  g_string_append (css, "}\n");

  return g_string_free (css, FALSE);
}

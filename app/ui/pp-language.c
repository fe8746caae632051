/* pp-language.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pp-language.h"

/* Order is the order of the language selector. Go's own formatter uses
 * tabs; the others follow their communities' common four-space style,
 * except JavaScript's two. */
static const PpLanguage languages[] = {
  { "python",     N_("Python"),     "python3", 4, FALSE },
  { "c",          N_("C"),          "c",       4, FALSE },
  { "cpp",        N_("C++"),        "cpp",     4, FALSE },
  { "java",       N_("Java"),       "java",    4, FALSE },
  { "javascript", N_("JavaScript"), "js",      2, FALSE },
  { "go",         N_("Go"),         "go",      4, TRUE  },
};

guint
pp_language_get_n_languages (void)
{
  return G_N_ELEMENTS (languages);
}

const PpLanguage *
pp_language_get_nth (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (languages), NULL);

  return &languages[position];
}

const PpLanguage *
pp_language_lookup (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].id, id))
      return &languages[i];

  return NULL;
}

const PpLanguage *
pp_language_get_default (void)
{
  return &languages[0];
}

guint
pp_language_get_position (const PpLanguage *language)
{
  g_return_val_if_fail (language >= languages &&
                        language < languages + G_N_ELEMENTS (languages), 0);

  return (guint) (language - languages);
}

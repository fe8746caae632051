/* pp-language.h: the programming languages Pairpad edits and runs
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *id;           /* stable id, stored in files and sent to peers */
  const char *name;         /* untranslated; translate with _() when shown */
  const char *source_id;    /* GtkSourceView language id */
  guint indent_width;
  gboolean indent_with_tabs;
} PpLanguage;

guint             pp_language_get_n_languages (void);
const PpLanguage *pp_language_get_nth         (guint       position);
const PpLanguage *pp_language_lookup          (const char *id);
const PpLanguage *pp_language_get_default     (void);
guint             pp_language_get_position    (const PpLanguage *language);

G_END_DECLS

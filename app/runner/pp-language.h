/* pp-language.h: a language Pairpad can run, as data/languages.json
 * describes it, and whether this computer has its toolchain
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PP_TYPE_LANGUAGE (pp_language_get_type ())

G_DECLARE_FINAL_TYPE (PpLanguage, pp_language, PP, LANGUAGE, GObject)

const char *pp_language_get_id             (PpLanguage *self);
const char *pp_language_get_name           (PpLanguage *self);
const char *pp_language_get_file_name      (PpLanguage *self);
const char *pp_language_get_source_id      (PpLanguage *self);
const char *pp_language_get_package        (PpLanguage *self);
gboolean    pp_language_is_compiled        (PpLanguage *self);
gboolean    pp_language_is_available       (PpLanguage *self);
const char *pp_language_get_version        (PpLanguage *self);
const char *pp_language_get_missing_reason (PpLanguage *self);
char       *pp_language_dup_label          (PpLanguage *self);

G_END_DECLS

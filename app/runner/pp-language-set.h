/* pp-language-set.h: the languages of a languages.json file, in its order
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-language.h"

G_BEGIN_DECLS

#define PP_LANGUAGE_SET_ERROR (pp_language_set_error_quark ())

typedef enum
{
  PP_LANGUAGE_SET_ERROR_INVALID,
} PpLanguageSetError;

#define PP_TYPE_LANGUAGE_SET (pp_language_set_get_type ())

G_DECLARE_FINAL_TYPE (PpLanguageSet, pp_language_set, PP, LANGUAGE_SET, GObject)

GQuark         pp_language_set_error_quark    (void);
PpLanguageSet *pp_language_set_new_from_file  (const char           *path,
                                               GError              **error);
PpLanguage    *pp_language_set_lookup         (PpLanguageSet        *self,
                                               const char           *id);
void           pp_language_set_detect_async   (PpLanguageSet        *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean       pp_language_set_detect_finish  (PpLanguageSet        *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS

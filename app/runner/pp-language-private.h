/* pp-language-private.h: what the language set and the runner need of a
 * language
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pp-language.h"
#include "pp-run-types.h"

G_BEGIN_DECLS

/* The sandbox runs every step with this PATH, so the toolchain is looked
 * for there too, whatever the app's own PATH holds. */
#define PP_SANDBOX_PATH "/usr/local/bin:/usr/bin:/bin"

/* The box: where the sandbox mounts the work directory. */
#define PP_SANDBOX_BOX "/box"

/* One step, with its templates ({file}, {heap_mb}) not yet expanded. */
typedef struct
{
  char        **argv;    /* owned */
  char        **env;     /* owned, NAME=VALUE, may be empty */
  PpRunLimits   limits;  /* the compile step's own; unused for the run step */
} PpLanguageStep;

PpLanguage           *_pp_language_new_from_json (JsonObject           *object,
                                                  GError              **error);
const PpLanguageStep *_pp_language_get_compile   (PpLanguage           *self);
const PpLanguageStep *_pp_language_get_run       (PpLanguage           *self);
char                **_pp_language_expand        (PpLanguage           *self,
                                                  const char * const   *templates,
                                                  guint                 mem_mb);
void                  _pp_language_detect_async  (PpLanguage           *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean              _pp_language_detect_finish (PpLanguage           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS

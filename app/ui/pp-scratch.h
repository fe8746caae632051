/* pp-scratch.h: keeps the scratch buffer on disk across restarts
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pp-store.h"

G_BEGIN_DECLS

#define PP_SCRATCH_ERROR (pp_scratch_error_quark ())

typedef enum
{
  PP_SCRATCH_ERROR_NOT_TEXT,
  PP_SCRATCH_ERROR_UNREADABLE,
} PpScratchError;

#define PP_TYPE_SCRATCH (pp_scratch_get_type ())

G_DECLARE_FINAL_TYPE (PpScratch, pp_scratch, PP, SCRATCH, GObject)

GQuark     pp_scratch_error_quark     (void);
PpScratch *pp_scratch_new             (PpStore        *store,
                                       const char     *directory);
PpScratch *pp_scratch_new_for_key     (PpStore        *store,
                                       const char     *key);
gboolean   pp_scratch_load            (PpScratch      *self,
                                       char          **text,
                                       char          **language,
                                       GError        **error);
void       pp_scratch_attach          (PpScratch      *self,
                                       GtkTextBuffer  *buffer);
void       pp_scratch_set_language    (PpScratch      *self,
                                       const char     *language);
gboolean   pp_scratch_flush           (PpScratch      *self,
                                       GError        **error);
char      *pp_scratch_get_default_directory (void);

G_END_DECLS

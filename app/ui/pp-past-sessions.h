/* pp-past-sessions.h: the sessions kept in the history, opened read-only
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "pp-language-set.h"
#include "pp-store.h"

G_BEGIN_DECLS

GtkWindow *pp_past_sessions_present (GtkWindow            *parent,
                                     PpStore              *store,
                                     PpLanguageSet        *languages,
                                     GtkSourceStyleScheme *scheme);

G_END_DECLS

/* pp-editor-binding.h: an editor's buffer kept equal to a shared text
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pp-crdt.h"

G_BEGIN_DECLS

#define PP_TYPE_EDITOR_BINDING (pp_editor_binding_get_type ())

G_DECLARE_FINAL_TYPE (PpEditorBinding, pp_editor_binding, PP, EDITOR_BINDING, GObject)

PpEditorBinding *pp_editor_binding_new          (GtkTextBuffer   *buffer,
                                                 PpText          *text);
void             pp_editor_binding_unbind       (PpEditorBinding *self);
GtkTextBuffer   *pp_editor_binding_get_buffer   (PpEditorBinding *self);
PpText          *pp_editor_binding_get_text     (PpEditorBinding *self);

gboolean         pp_editor_binding_undo         (PpEditorBinding *self);
gboolean         pp_editor_binding_redo         (PpEditorBinding *self);
gboolean         pp_editor_binding_get_can_undo (PpEditorBinding *self);
gboolean         pp_editor_binding_get_can_redo (PpEditorBinding *self);

/* The longest time one change from elsewhere took to reach the buffer,
 * in microseconds, since the binding was made. */
gint64           pp_editor_binding_get_longest_apply (PpEditorBinding *self);

G_END_DECLS

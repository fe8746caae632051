/* pp-crdt-undo.h: undo and redo of this peer's own changes
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pp-crdt.h"

G_BEGIN_DECLS

typedef struct _PpUndoManager PpUndoManager;

/* Tracks local transactions that change any of the scope types. Changes
 * less than the capture timeout (500 ms) apart form one step. Remote
 * changes are never undone. Free the manager before the document. */
PpUndoManager *pp_undo_manager_new          (PpDoc          *doc,
                                             PpYType * const *scope,
                                             guint           n_scope);
void           pp_undo_manager_free         (PpUndoManager  *um);
gboolean       pp_undo_manager_undo         (PpUndoManager  *um);
gboolean       pp_undo_manager_redo         (PpUndoManager  *um);
gboolean       pp_undo_manager_can_undo     (PpUndoManager  *um);
gboolean       pp_undo_manager_can_redo     (PpUndoManager  *um);
/* The next change starts a new step whatever the time. */
void           pp_undo_manager_stop_capturing (PpUndoManager *um);
void           pp_undo_manager_set_capture_timeout (PpUndoManager *um,
                                                    guint          msec);
void           pp_undo_manager_clear        (PpUndoManager  *um);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpUndoManager, pp_undo_manager_free)

G_END_DECLS

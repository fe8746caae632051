/* test-crdt-undo.c: undo and redo
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-crdt-undo.h"
#include "crdt-test-util.h"

static void
test_undo (void)
{
  g_autoptr(PpDoc) a = pp_doc_new_with_client_id (1);
  g_autoptr(PpDoc) b = pp_doc_new_with_client_id (2);
  PpText *text = pp_doc_get_text (a, "code");
  g_autoptr(PpUndoManager) um = pp_undo_manager_new (a, &text, 1);

  /* Edits within 500 ms form one step. */
  pp_text_insert (text, 0, "hello", -1, NULL);
  pp_text_insert (text, 5, " world", -1, NULL);
  g_usleep (600 * 1000);
  pp_text_delete (text, 0, 6, NULL);            /* -> "world" */
  assert_text (a, "world");

  /* A remote edit arrives; undo never removes it. */
  sync_into (b, a);
  pp_text_insert (pp_doc_get_text (b, "code"), 5, "!", -1, NULL);
  sync_into (a, b);

  g_assert_true (pp_undo_manager_undo (um));     /* restores "hello " */
  assert_text (a, "hello world!");
  g_assert_true (pp_undo_manager_undo (um));     /* removes the typing */
  assert_text (a, "!");
  g_assert_false (pp_undo_manager_can_undo (um));
  g_assert_true (pp_undo_manager_redo (um));
  assert_text (a, "hello world!");
  g_assert_true (pp_undo_manager_redo (um));
  assert_text (a, "world!");
  /* Undone text reaches other peers as ordinary updates. */
  g_assert_true (pp_undo_manager_undo (um));
  sync_into (b, a);
  assert_text (b, "hello world!");
  /* A new edit clears the redo stack. */
  pp_text_insert (text, 0, ">", -1, NULL);
  g_assert_false (pp_undo_manager_can_redo (um));
  /* stop_capturing starts a new step at once. */
  pp_undo_manager_stop_capturing (um);
  pp_text_insert (text, 0, ">", -1, NULL);
  g_assert_true (pp_undo_manager_undo (um));
  assert_text (a, ">hello world!");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crdt/undo", test_undo);
  return g_test_run ();
}

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
  PpDoc *a = pp_doc_new_with_client_id (1), *b = pp_doc_new_with_client_id (2);
  PpText *text = pp_doc_get_text (a, "code");
  PpUndoManager *um = pp_undo_manager_new (a, &text, 1);
  char *s = NULL;

  /* Edits within 500 ms form one step. */
  pp_text_insert (text, 0, "hello", -1, NULL);
  pp_text_insert (text, 5, " world", -1, NULL);
  g_usleep (600 * 1000);
  pp_text_delete (text, 0, 6, NULL);            /* -> "world" */
  s = text_of (a);
  g_assert_cmpstr (s, ==, "world");
  g_free (s);

  /* A remote edit arrives; undo never removes it. */
  sync_into (b, a);
  pp_text_insert (pp_doc_get_text (b, "code"), 5, "!", -1, NULL);
  sync_into (a, b);

  g_assert_true (pp_undo_manager_undo (um));     /* restores "hello " */
  s = text_of (a);
  g_assert_cmpstr (s, ==, "hello world!");
  g_free (s);
  g_assert_true (pp_undo_manager_undo (um));     /* removes the typing */
  s = text_of (a);
  g_assert_cmpstr (s, ==, "!");
  g_free (s);
  g_assert_false (pp_undo_manager_can_undo (um));
  g_assert_true (pp_undo_manager_redo (um));
  s = text_of (a);
  g_assert_cmpstr (s, ==, "hello world!");
  g_free (s);
  g_assert_true (pp_undo_manager_redo (um));
  s = text_of (a);
  g_assert_cmpstr (s, ==, "world!");
  g_free (s);
  /* Undone text reaches other peers as ordinary updates. */
  g_assert_true (pp_undo_manager_undo (um));
  sync_into (b, a);
  s = pp_text_to_string (pp_doc_get_text (b, "code"));
  g_assert_cmpstr (s, ==, "hello world!");
  g_free (s);
  /* A new edit clears the redo stack. */
  pp_text_insert (text, 0, ">", -1, NULL);
  g_assert_false (pp_undo_manager_can_redo (um));
  /* stop_capturing starts a new step at once. */
  pp_undo_manager_stop_capturing (um);
  pp_text_insert (text, 0, ">", -1, NULL);
  g_assert_true (pp_undo_manager_undo (um));
  s = text_of (a);
  g_assert_cmpstr (s, ==, ">hello world!");
  g_free (s);
  pp_undo_manager_free (um);
  pp_doc_free (a);
  pp_doc_free (b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crdt/undo", test_undo);
  return g_test_run ();
}

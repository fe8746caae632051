/* test-editor-binding.c: an editor's buffer and a shared text stay equal
 *
 * A real GtkSourceBuffer bound to one document, a second document as the
 * peer, updates carried between them by hand in any order. Local edits
 * go through the buffer as a person's do (user actions); the peer's
 * through the CRDT. After every step the buffer holds the document's
 * text, and after a peer's change the cursor is where a relative
 * position on it (the CRDT's own notion of "the same place") says.
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtksourceview/gtksource.h>

#include "pp-editor-binding.h"

typedef struct {
  PpDoc *local;             /* bound to the buffer */
  PpDoc *peer;
  GtkTextBuffer *buffer;
  PpEditorBinding *binding;
  GPtrArray *to_peer;       /* updates not delivered yet */
  GPtrArray *to_local;
  gboolean selected;        /* text was selected at some time */
} Pair;

static void
keep_update (PpDoc                   *doc,
             const guint8            *update,
             gsize                    len,
             const PpTransactionInfo *info,
             gpointer                 data)
{
  /* Only what the document made itself travels, as in a session. */
  if (info->local)
    g_ptr_array_add (data, g_bytes_new (update, len));
}

static void
pair_init (Pair       *pair,
           const char *text)
{
  pair->local = pp_doc_new_with_client_id (1);
  pair->peer = pp_doc_new_with_client_id (2);
  pair->to_peer = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  pair->to_local = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  pp_text_insert (pp_doc_get_text (pair->peer, "code"), 0, text, -1, NULL);
  {
    g_autoptr(GBytes) state = pp_doc_encode_state (pair->peer, NULL, 0, NULL);
    g_assert_true (pp_doc_apply_update (pair->local, g_bytes_get_data (state, NULL),
                                        g_bytes_get_size (state), NULL, NULL));
  }
  pp_doc_connect_update (pair->local, keep_update, pair->to_peer);
  pp_doc_connect_update (pair->peer, keep_update, pair->to_local);
  pair->buffer = GTK_TEXT_BUFFER (gtk_source_buffer_new (NULL));
  pair->binding = pp_editor_binding_new (pair->buffer, pp_doc_get_text (pair->local, "code"));
}

static void
pair_clear (Pair *pair)
{
  g_assert_finalize_object (pair->binding);
  /* Once it had a selection, GTK's text buffer keeps a reference to
   * itself (its selection's content), so only the binding's end is
   * checked: a buffer never selected in goes, in test_local_edits. */
  if (pair->selected)
    g_object_unref (pair->buffer);
  else
    g_assert_finalize_object (pair->buffer);
  g_clear_pointer (&pair->local, pp_doc_free);
  g_clear_pointer (&pair->peer, pp_doc_free);
  g_clear_pointer (&pair->to_peer, g_ptr_array_unref);
  g_clear_pointer (&pair->to_local, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pair, pair_clear)

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
assert_equal (Pair *pair)
{
  g_autofree char *in_buffer = buffer_text (pair->buffer);
  g_autofree char *in_doc = pp_text_to_string (pp_doc_get_text (pair->local, "code"));

  g_assert_cmpstr (in_buffer, ==, in_doc);
}

static guint
offset_of (GtkTextBuffer *buffer,
           GtkTextMark   *mark)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  return gtk_text_iter_get_offset (&iter);
}

static guint
cursor (Pair *pair)
{
  return offset_of (pair->buffer, gtk_text_buffer_get_insert (pair->buffer));
}

static guint
bound (Pair *pair)
{
  return offset_of (pair->buffer, gtk_text_buffer_get_selection_bound (pair->buffer));
}

static void
select (Pair *pair,
        guint cursor_at,
        guint bound_at)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (pair->buffer, &a, cursor_at);
  gtk_text_buffer_get_iter_at_offset (pair->buffer, &b, bound_at);
  gtk_text_buffer_select_range (pair->buffer, &a, &b);
  pair->selected |= cursor_at != bound_at;
}

/* As typing does: one user action at the cursor. */
static void
type_text (Pair       *pair,
           guint       at,
           const char *text)
{
  GtkTextIter iter;

  gtk_text_buffer_begin_user_action (pair->buffer);
  gtk_text_buffer_get_iter_at_offset (pair->buffer, &iter, at);
  gtk_text_buffer_insert (pair->buffer, &iter, text, -1);
  gtk_text_buffer_end_user_action (pair->buffer);
}

static void
erase (Pair *pair,
       guint from,
       guint to)
{
  GtkTextIter a, b;

  gtk_text_buffer_begin_user_action (pair->buffer);
  gtk_text_buffer_get_iter_at_offset (pair->buffer, &a, from);
  gtk_text_buffer_get_iter_at_offset (pair->buffer, &b, to);
  gtk_text_buffer_delete (pair->buffer, &a, &b);
  gtk_text_buffer_end_user_action (pair->buffer);
}

static void
deliver (PpDoc     *to,
         GPtrArray *updates,
         guint      n)
{
  for (guint i = 0; i < n && updates->len > 0; i++)
    {
      GBytes *update = updates->pdata[0];
      g_assert_true (pp_doc_apply_update (to, g_bytes_get_data (update, NULL), g_bytes_get_size (update),
                                          NULL, NULL));
      g_ptr_array_remove_index (updates, 0);
    }
}

/* Delivers the peer's next update; the cursor and the selection's other
 * end must land where relative positions taken before say. */
static void
deliver_to_local (Pair *pair)
{
  PpText *code = pp_doc_get_text (pair->local, "code");
  g_autoptr(PpRelativePosition) at_cursor = pp_relative_position_new_cp (code, cursor (pair), -1);
  g_autoptr(PpRelativePosition) at_bound = pp_relative_position_new_cp (code, bound (pair), -1);
  guint want_cursor, want_bound;

  deliver (pair->local, pair->to_local, 1);
  g_assert_true (pp_relative_position_resolve (at_cursor, pair->local, NULL, NULL, &want_cursor));
  g_assert_true (pp_relative_position_resolve (at_bound, pair->local, NULL, NULL, &want_bound));
  assert_equal (pair);
  g_assert_cmpuint (cursor (pair), ==, want_cursor);
  g_assert_cmpuint (bound (pair), ==, want_bound);
}

static void
test_local_edits (void)
{
  g_auto(Pair) pair = { 0 };

  pair_init (&pair, "int x;\n");
  assert_equal (&pair);
  type_text (&pair, 4, "😀漢");
  type_text (&pair, 0, "e\xcc\x81 ");   /* e and a combining acute */
  assert_equal (&pair);
  erase (&pair, 7, 8);                  /* the emoji: one character, two units */
  assert_equal (&pair);
  deliver (pair.peer, pair.to_peer, G_MAXUINT);
  {
    g_autofree char *peer = pp_text_to_string (pp_doc_get_text (pair.peer, "code"));
    g_assert_cmpstr (peer, ==, "e\xcc\x81 int 漢x;\n");
  }
}

/* A peer's insert before the cursor moves it with the text, one at the
 * cursor goes after it, a deletion around it leaves it at its start;
 * the selection keeps its characters. Counted in characters, whatever
 * the UTF-16 units. */
static void
test_remote_keeps_cursor (void)
{
  g_auto(Pair) pair = { 0 };
  PpText *peer = NULL;

  pair_init (&pair, "hello world");
  peer = pp_doc_get_text (pair.peer, "code");
  select (&pair, 6, 6);                                   /* before "world" */

  pp_text_insert (peer, 0, "😀漢", -1, NULL);             /* 3 units, 2 characters */
  deliver (pair.local, pair.to_local, 1);
  assert_equal (&pair);
  g_assert_cmpuint (cursor (&pair), ==, 8);

  pp_text_insert_cp (peer, 8, "big ", -1, NULL);          /* at the cursor */
  deliver (pair.local, pair.to_local, 1);
  g_assert_cmpuint (cursor (&pair), ==, 8);

  pp_text_insert_cp (peer, pp_text_length_cp (peer), "!", -1, NULL);   /* after it */
  deliver (pair.local, pair.to_local, 1);
  g_assert_cmpuint (cursor (&pair), ==, 8);

  select (&pair, 12, 17);                                 /* "world" */
  pp_text_delete_cp (peer, 0, 2, NULL);
  deliver (pair.local, pair.to_local, 1);
  g_assert_cmpuint (cursor (&pair), ==, 10);
  g_assert_cmpuint (bound (&pair), ==, 15);

  pp_text_delete_cp (peer, 5, 8, NULL);                   /* " big wor" */
  deliver (pair.local, pair.to_local, 1);
  assert_equal (&pair);
  g_assert_cmpuint (cursor (&pair), ==, 5);
  g_assert_cmpuint (bound (&pair), ==, 7);
}

static void
count_insert_set (GtkTextBuffer *buffer,
                  GtkTextIter   *location,
                  GtkTextMark   *mark,
                  guint         *n)
{
  if (mark == gtk_text_buffer_get_insert (buffer) || mark == gtk_text_buffer_get_selection_bound (buffer))
    (*n)++;
}

/* Setting the cursor resets the text view's input method, which would
 * drop the character a person is composing at every keystroke of a
 * peer: a peer's edit that leaves the cursor where the text took it does
 * not set it. */
static void
test_remote_keeps_input_method (void)
{
  g_auto(Pair) pair = { 0 };
  PpText *peer = NULL;
  guint n_set = 0;

  pair_init (&pair, "hello world");
  peer = pp_doc_get_text (pair.peer, "code");
  select (&pair, 6, 6);
  g_signal_connect (pair.buffer, "mark-set", G_CALLBACK (count_insert_set), &n_set);

  pp_text_insert_cp (peer, pp_text_length_cp (peer), "!", -1, NULL);   /* after the cursor */
  deliver (pair.local, pair.to_local, 1);
  pp_text_insert (peer, 0, "😀漢", -1, NULL);                          /* before it */
  deliver (pair.local, pair.to_local, 1);
  pp_text_delete_cp (peer, 0, 1, NULL);
  deliver (pair.local, pair.to_local, 1);
  assert_equal (&pair);
  g_assert_cmpuint (cursor (&pair), ==, 7);
  g_assert_cmpuint (n_set, ==, 0);
  g_signal_handlers_disconnect_by_func (pair.buffer, count_insert_set, &n_set);
}

/* Undo takes back this person's typing only, never the peer's. */
static void
test_undo_own_only (void)
{
  g_auto(Pair) pair = { 0 };
  PpText *peer = NULL;

  pair_init (&pair, "x\n");
  peer = pp_doc_get_text (pair.peer, "code");
  g_assert_false (pp_editor_binding_get_can_undo (pair.binding));
  type_text (&pair, 0, "mine ");
  deliver (pair.peer, pair.to_peer, G_MAXUINT);
  pp_text_insert_cp (peer, pp_text_length_cp (peer), "theirs", -1, NULL);
  deliver (pair.local, pair.to_local, G_MAXUINT);
  {
    g_autofree char *text = buffer_text (pair.buffer);
    g_assert_cmpstr (text, ==, "mine x\ntheirs");
  }
  g_assert_true (pp_editor_binding_get_can_undo (pair.binding));
  g_assert_true (pp_editor_binding_undo (pair.binding));
  assert_equal (&pair);
  {
    g_autofree char *text = buffer_text (pair.buffer);
    g_assert_cmpstr (text, ==, "x\ntheirs");
  }
  g_assert_false (pp_editor_binding_undo (pair.binding));
  g_assert_true (pp_editor_binding_redo (pair.binding));
  assert_equal (&pair);
  {
    g_autofree char *text = buffer_text (pair.buffer);
    g_assert_cmpstr (text, ==, "mine x\ntheirs");
  }
  /* The undo went to the peer as any change does. */
  deliver (pair.peer, pair.to_peer, G_MAXUINT);
  {
    g_autofree char *text = pp_text_to_string (peer);
    g_assert_cmpstr (text, ==, "mine x\ntheirs");
  }
}

static const char *pieces[] = { "a", "bc", "😀", "漢字", "e\xcc\x81", "\n", "    ", "}" };

/* Random edits on both sides, delivered late and in any order. */
static void
test_random_interleavings (void)
{
  for (guint round = 0; round < 40; round++)
    {
      g_auto(Pair) pair = { 0 };
      PpText *peer = NULL;

      pair_init (&pair, "fn main() {\n}\n");
      peer = pp_doc_get_text (pair.peer, "code");
      for (guint step = 0; step < 150; step++)
        {
          guint len = gtk_text_buffer_get_char_count (pair.buffer);
          guint peer_len = pp_text_length_cp (peer);

          switch (g_test_rand_int_range (0, 7))
            {
            case 0:
            case 1:
              type_text (&pair, g_test_rand_int_range (0, len + 1),
                         pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
              break;
            case 2:
              if (len > 0)
                {
                  guint from = g_test_rand_int_range (0, len);
                  erase (&pair, from, MIN (len, from + g_test_rand_int_range (1, 4)));
                }
              break;
            case 3:
              pp_text_insert_cp (peer, g_test_rand_int_range (0, peer_len + 1),
                                 pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))], -1, NULL);
              break;
            case 4:
              if (peer_len > 0)
                {
                  guint from = g_test_rand_int_range (0, peer_len);
                  pp_text_delete_cp (peer, from, MIN (peer_len - from, (guint) g_test_rand_int_range (1, 4)), NULL);
                }
              break;
            case 5:
              {
                guint a = g_test_rand_int_range (0, len + 1), b = g_test_rand_int_range (0, len + 1);
                select (&pair, a, b);
                if (pair.to_local->len > 0)
                  deliver_to_local (&pair);
              }
              break;
            default:
              deliver (pair.peer, pair.to_peer, g_test_rand_int_range (1, 4));
              break;
            }
          assert_equal (&pair);
        }
      while (pair.to_local->len > 0)
        deliver_to_local (&pair);
      deliver (pair.peer, pair.to_peer, G_MAXUINT);
      {
        g_autofree char *a = buffer_text (pair.buffer);
        g_autofree char *b = pp_text_to_string (peer);
        g_assert_cmpstr (a, ==, b);
      }
    }
}

/* A change from elsewhere is not sent back: the peer hears of it once,
 * from its author. */
static void
test_no_echo (void)
{
  g_auto(Pair) pair = { 0 };

  pair_init (&pair, "abc");
  pp_text_insert (pp_doc_get_text (pair.peer, "code"), 3, "def", -1, NULL);
  deliver (pair.local, pair.to_local, G_MAXUINT);
  assert_equal (&pair);
  g_assert_cmpuint (pair.to_peer->len, ==, 0);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/editor-binding/local-edits", test_local_edits);
  g_test_add_func ("/ui/editor-binding/remote-keeps-cursor", test_remote_keeps_cursor);
  g_test_add_func ("/ui/editor-binding/remote-keeps-input-method", test_remote_keeps_input_method);
  g_test_add_func ("/ui/editor-binding/undo-own-only", test_undo_own_only);
  g_test_add_func ("/ui/editor-binding/no-echo", test_no_echo);
  g_test_add_func ("/ui/editor-binding/random-interleavings", test_random_interleavings);
  return g_test_run ();
}

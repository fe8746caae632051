/* pp-editor-binding.c: an editor's buffer kept equal to a shared text
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typing changes the buffer first: its insert-text and delete-range
 * signals, before the buffer takes them, become changes of the shared
 * text, one transaction per user action. Changes from elsewhere (peers,
 * and undo or redo, which the document's undo manager makes) arrive as
 * deltas and are applied to the buffer with those handlers muted, so
 * nothing echoes back. GTK counts characters and the deltas carry code
 * points as well as Yjs's UTF-16 units, so positions never convert by
 * hand.
 *
 * The local cursor and selection stay where the person left them: a
 * peer's insert exactly at the cursor goes after it, text inserted or
 * removed before it moves it with the text. Undo and redo are the
 * document's, so they take back this person's changes only; the
 * buffer's own undo is off while bound.
 */
#include "config.h"

#include "pp-crdt-undo.h"
#include "pp-editor-binding.h"

struct _PpEditorBinding
{
  GObject parent_instance;

  GtkTextBuffer *buffer;      /* owned */
  PpText *text;               /* borrowed: the document outlives the binding */
  PpDoc *doc;                 /* borrowed */
  PpUndoManager *undo;        /* owned */
  guint delta_id;
  gulong insert_id, delete_id, begin_id, end_id;
  gboolean buffer_had_undo;
  guint applying;             /* > 0 while a change from elsewhere is applied */
  gboolean in_action;         /* a transaction is open for a user action */
  gint64 longest_apply;
};

G_DEFINE_FINAL_TYPE (PpEditorBinding, pp_editor_binding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify_undo (PpEditorBinding *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* The buffer to the document */

static void
on_insert_text (GtkTextBuffer   *buffer,
                GtkTextIter     *location,
                const char      *text,
                int              len,
                PpEditorBinding *self)
{
  g_autoptr(GError) error = NULL;

  if (self->applying > 0 || len == 0)
    return;
  pp_doc_transact_begin (self->doc, self);
  if (!pp_text_insert_cp (self->text, gtk_text_iter_get_offset (location), text, len, &error))
    g_critical ("The shared text and the editor differ: %s", error->message);
  pp_doc_transact_end (self->doc);
  notify_undo (self);
}

static void
on_delete_range (GtkTextBuffer   *buffer,
                 GtkTextIter     *start,
                 GtkTextIter     *end,
                 PpEditorBinding *self)
{
  g_autoptr(GError) error = NULL;
  int from = gtk_text_iter_get_offset (start);
  int to = gtk_text_iter_get_offset (end);

  if (self->applying > 0 || from == to)
    return;
  pp_doc_transact_begin (self->doc, self);
  if (!pp_text_delete_cp (self->text, MIN (from, to), ABS (to - from), &error))
    g_critical ("The shared text and the editor differ: %s", error->message);
  pp_doc_transact_end (self->doc);
  notify_undo (self);
}

/* One user action (typing over a selection, a paste, an indent) is one
 * transaction: one update to peers, one step to undo. */
static void
on_begin_user_action (GtkTextBuffer   *buffer,
                      PpEditorBinding *self)
{
  if (self->applying > 0 || self->in_action)
    return;
  self->in_action = TRUE;
  pp_doc_transact_begin (self->doc, self);
}

static void
on_end_user_action (GtkTextBuffer   *buffer,
                    PpEditorBinding *self)
{
  if (!self->in_action)
    return;
  self->in_action = FALSE;
  pp_doc_transact_end (self->doc);
}

/* The document to the buffer */

/* Where a position ends up after count characters are inserted at at:
 * a position at the insertion point stays before the new text. */
static guint
map_insert (guint pos,
            guint at,
            guint count)
{
  return pos > at ? pos + count : pos;
}

static guint
map_delete (guint pos,
            guint at,
            guint count)
{
  if (pos >= at + count)
    return pos - count;
  return MIN (pos, at);
}

static void
apply_delta (PpEditorBinding *self,
             const PpDelta   *delta,
             guint            n_delta,
             gboolean         own)
{
  GtkTextIter iter, end;
  guint cursor, bound, pos = 0, changed_at = G_MAXUINT;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  cursor = gtk_text_iter_get_offset (&iter);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_selection_bound (self->buffer));
  bound = gtk_text_iter_get_offset (&iter);

  for (guint i = 0; i < n_delta; i++)
    {
      const PpDelta *d = &delta[i];

      switch (d->op)
        {
        case PP_DELTA_RETAIN:
          pos += d->len_cp;
          break;
        case PP_DELTA_INSERT:
          gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, pos);
          gtk_text_buffer_insert (self->buffer, &iter, d->text, -1);
          cursor = map_insert (cursor, pos, d->len_cp);
          bound = map_insert (bound, pos, d->len_cp);
          pos += d->len_cp;
          changed_at = pos;
          break;
        case PP_DELTA_DELETE:
          gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, pos);
          gtk_text_buffer_get_iter_at_offset (self->buffer, &end, pos + d->len_cp);
          gtk_text_buffer_delete (self->buffer, &iter, &end);
          cursor = map_delete (cursor, pos, d->len_cp);
          bound = map_delete (bound, pos, d->len_cp);
          changed_at = pos;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* Undo and redo put the cursor where they changed the text, as an
   * editor's own undo does. */
  if (own && changed_at != G_MAXUINT)
    cursor = bound = changed_at;
  /* Setting the cursor resets the input method: the character being
   * composed (an input method's preedit, a Ctrl+Shift+U code) would be
   * lost at every keystroke of a peer. Where the marks moved with the
   * text to the right place, they stay untouched. */
  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, gtk_text_buffer_get_selection_bound (self->buffer));
  if ((guint) gtk_text_iter_get_offset (&iter) == cursor && (guint) gtk_text_iter_get_offset (&end) == bound)
    return;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, cursor);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, bound);
  gtk_text_buffer_select_range (self->buffer, &iter, &end);
}

/* The buffer holds exactly the document's text again, the cursor kept
 * at its character offset. For text GTK cannot hold as given. */
static void
reload (PpEditorBinding *self)
{
  g_autofree char *text = pp_text_to_string (self->text);
  GtkTextIter iter;
  guint cursor;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  cursor = gtk_text_iter_get_offset (&iter);
  gtk_text_buffer_set_text (self->buffer, text, -1);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, cursor);
  gtk_text_buffer_place_cursor (self->buffer, &iter);
}

static void
on_delta (PpYType                 *type,
          const PpDelta           *delta,
          guint                    n_delta,
          const PpTransactionInfo *info,
          gpointer                 data)
{
  PpEditorBinding *self = data;
  gint64 start;

  if (info->origin == self)
    return;
  start = g_get_monotonic_time ();
  self->applying++;
  apply_delta (self, delta, n_delta, info->local);
  /* A peer can send text GTK does not keep as it is (a NUL ends it): the
   * document is the truth, and the buffer follows it. */
  if ((guint) gtk_text_buffer_get_char_count (self->buffer) != pp_text_length_cp (self->text))
    reload (self);
  self->applying--;
  self->longest_apply = MAX (self->longest_apply, g_get_monotonic_time () - start);
  if (info->local)
    notify_undo (self);
}

/* GObject */

static void
disconnect (PpEditorBinding *self)
{
  if (self->buffer == NULL)
    return;
  if (self->in_action)
    on_end_user_action (self->buffer, self);
  g_clear_signal_handler (&self->insert_id, self->buffer);
  g_clear_signal_handler (&self->delete_id, self->buffer);
  g_clear_signal_handler (&self->begin_id, self->buffer);
  g_clear_signal_handler (&self->end_id, self->buffer);
  gtk_text_buffer_set_enable_undo (self->buffer, self->buffer_had_undo);
  if (self->delta_id != 0)
    pp_doc_disconnect (self->doc, self->delta_id);
  self->delta_id = 0;
  g_clear_pointer (&self->undo, pp_undo_manager_free);
  g_clear_object (&self->buffer);
}

static void
pp_editor_binding_dispose (GObject *object)
{
  disconnect (PP_EDITOR_BINDING (object));
  G_OBJECT_CLASS (pp_editor_binding_parent_class)->dispose (object);
}

static void
pp_editor_binding_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PpEditorBinding *self = PP_EDITOR_BINDING (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pp_editor_binding_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pp_editor_binding_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_editor_binding_class_init (PpEditorBindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pp_editor_binding_dispose;
  object_class->get_property = pp_editor_binding_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pp_editor_binding_init (PpEditorBinding *self)
{
}

/**
 * pp_editor_binding_new:
 * @buffer: the editor's buffer; its text is replaced by @text's
 * @text: the shared text; its document must outlive the binding, or
 *   pp_editor_binding_unbind() be called first
 *
 * Returns: (transfer full): a binding that keeps them equal
 */
PpEditorBinding *
pp_editor_binding_new (GtkTextBuffer *buffer,
                       PpText        *text)
{
  PpEditorBinding *self;
  g_autofree char *content = NULL;
  PpYType *scope[1] = { text };
  GtkTextIter start;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (PP_TYPE_EDITOR_BINDING, NULL);
  self->buffer = g_object_ref (buffer);
  self->text = text;
  self->doc = pp_y_type_get_doc (text);
  self->undo = pp_undo_manager_new (self->doc, scope, 1);

  self->buffer_had_undo = gtk_text_buffer_get_enable_undo (buffer);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  content = pp_text_to_string (text);
  self->applying++;
  gtk_text_buffer_set_text (buffer, content, -1);
  self->applying--;
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);

  self->insert_id = g_signal_connect (buffer, "insert-text", G_CALLBACK (on_insert_text), self);
  self->delete_id = g_signal_connect (buffer, "delete-range", G_CALLBACK (on_delete_range), self);
  self->begin_id = g_signal_connect (buffer, "begin-user-action", G_CALLBACK (on_begin_user_action), self);
  self->end_id = g_signal_connect (buffer, "end-user-action", G_CALLBACK (on_end_user_action), self);
  self->delta_id = pp_y_type_connect_delta (text, on_delta, self);
  return self;
}

/* Stops keeping them equal: both keep their text. */
void
pp_editor_binding_unbind (PpEditorBinding *self)
{
  g_return_if_fail (PP_IS_EDITOR_BINDING (self));

  disconnect (self);
}

GtkTextBuffer *
pp_editor_binding_get_buffer (PpEditorBinding *self)
{
  g_return_val_if_fail (PP_IS_EDITOR_BINDING (self), NULL);

  return self->buffer;
}

PpText *
pp_editor_binding_get_text (PpEditorBinding *self)
{
  g_return_val_if_fail (PP_IS_EDITOR_BINDING (self), NULL);

  return self->text;
}

/* Takes back this person's last step, never a peer's. */
gboolean
pp_editor_binding_undo (PpEditorBinding *self)
{
  g_return_val_if_fail (PP_IS_EDITOR_BINDING (self), FALSE);

  return self->undo != NULL && pp_undo_manager_undo (self->undo);
}

gboolean
pp_editor_binding_redo (PpEditorBinding *self)
{
  g_return_val_if_fail (PP_IS_EDITOR_BINDING (self), FALSE);

  return self->undo != NULL && pp_undo_manager_redo (self->undo);
}

gboolean
pp_editor_binding_get_can_undo (PpEditorBinding *self)
{
  g_return_val_if_fail (PP_IS_EDITOR_BINDING (self), FALSE);

  return self->undo != NULL && pp_undo_manager_can_undo (self->undo);
}

gboolean
pp_editor_binding_get_can_redo (PpEditorBinding *self)
{
  g_return_val_if_fail (PP_IS_EDITOR_BINDING (self), FALSE);

  return self->undo != NULL && pp_undo_manager_can_redo (self->undo);
}

gint64
pp_editor_binding_get_longest_apply (PpEditorBinding *self)
{
  g_return_val_if_fail (PP_IS_EDITOR_BINDING (self), 0);

  return self->longest_apply;
}

/* pp-session-view.h: a live session in the window — the shared editor,
 * who is in, the chat, and the host's answer to those who ask to join
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "pp-editor-binding.h"
#include "pp-language-set.h"
#include "pp-runner.h"
#include "pp-session.h"

G_BEGIN_DECLS

#define PP_TYPE_SESSION_VIEW (pp_session_view_get_type ())

G_DECLARE_FINAL_TYPE (PpSessionView, pp_session_view, PP, SESSION_VIEW, GtkWidget)

GtkWidget       *pp_session_view_new             (void);
/* Shows session (or none), its document bound to the editor. */
void             pp_session_view_set_session     (PpSessionView *self,
                                                  PpSession     *session);
PpSession       *pp_session_view_get_session     (PpSessionView *self);
void             pp_session_view_set_languages   (PpSessionView *self,
                                                  PpLanguageSet *languages);
void             pp_session_view_set_runner      (PpSessionView *self,
                                                  PpRunner      *runner);
/* Runs the shared code here; everyone sees it run. */
void             pp_session_view_run             (PpSessionView *self);
void             pp_session_view_stop            (PpSessionView *self);
GtkSourceView   *pp_session_view_get_source_view (PpSessionView *self);
PpEditorBinding *pp_session_view_get_binding     (PpSessionView *self);
/* One line on where the session stands, for the window's title. */
const char      *pp_session_view_get_status      (PpSessionView *self);
/* The language of the shared code, as the document's meta says. */
const char      *pp_session_view_get_language    (PpSessionView *self);
/* Sets the language for everyone; FALSE when this person may not. */
gboolean         pp_session_view_set_language    (PpSessionView *self,
                                                  const char    *language_id);
gboolean         pp_session_view_get_editable    (PpSessionView *self);
guint            pp_session_view_get_n_messages  (PpSessionView *self);
guint            pp_session_view_get_n_unread    (PpSessionView *self);
void             pp_session_view_follow          (PpSessionView *self,
                                                  const char    *peer_id);
const char      *pp_session_view_get_following   (PpSessionView *self);
GtkWidget       *pp_session_view_get_cursor_label (PpSessionView *self,
                                                  const char    *name);
gboolean         pp_session_view_get_cursor_offset (PpSessionView *self,
                                                  const char    *name,
                                                  guint         *offset);

G_END_DECLS

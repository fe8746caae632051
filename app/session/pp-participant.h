/* pp-participant.h: one person in a live session, as the others see them
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pp-media.h"

G_BEGIN_DECLS

typedef enum {
  PP_ROLE_HOST,        /* started the room, or took it over; admits others */
  PP_ROLE_EDITOR,
  PP_ROLE_VIEWER,      /* read-only: every peer drops their updates */
} PpRole;

typedef enum {
  PP_PARTICIPANT_WAITING,       /* asked to join; the host has not answered */
  PP_PARTICIPANT_CONNECTING,
  PP_PARTICIPANT_CONNECTED,
  PP_PARTICIPANT_RECONNECTING,
  PP_PARTICIPANT_FAILED,        /* see the reason */
  PP_PARTICIPANT_LEFT,
  PP_PARTICIPANT_REFUSED,       /* the host did not let them in */
  PP_PARTICIPANT_REMOVED,       /* the host removed them from the session */
} PpParticipantState;

#define PP_TYPE_PARTICIPANT (pp_participant_get_type ())
G_DECLARE_FINAL_TYPE (PpParticipant, pp_participant, PP, PARTICIPANT, GObject)

PpParticipant      *pp_participant_new           (const char         *peer_id,
                                                  const char         *name,
                                                  gboolean            is_self);
const char         *pp_participant_get_peer_id   (PpParticipant      *self);
const char         *pp_participant_get_name      (PpParticipant      *self);
gboolean            pp_participant_is_self       (PpParticipant      *self);
PpRole              pp_participant_get_role      (PpParticipant      *self);
PpParticipantState  pp_participant_get_state     (PpParticipant      *self);
/* Why the state is what it is, as a sentence a person can act on. */
const char         *pp_participant_get_reason    (PpParticipant      *self);
gboolean            pp_participant_get_admitted  (PpParticipant      *self);

/* For the session that owns it. */
void                pp_participant_set_name      (PpParticipant      *self,
                                                  const char         *name);
void                pp_participant_set_role      (PpParticipant      *self,
                                                  PpRole              role);
void                pp_participant_set_state     (PpParticipant      *self,
                                                  PpParticipantState  state,
                                                  const char         *reason);
void                pp_participant_set_admitted  (PpParticipant      *self,
                                                  gboolean            admitted);

/* In a call. */
gboolean            pp_participant_get_sending   (PpParticipant      *self,
                                                  PpMediaKind         kind);
void                pp_participant_set_sending   (PpParticipant      *self,
                                                  PpMediaKind         kind,
                                                  gboolean            sending);
PpMediaDecoder     *pp_participant_get_stream    (PpParticipant      *self,
                                                  PpMediaKind         kind);
void                pp_participant_set_stream    (PpParticipant      *self,
                                                  PpMediaKind         kind,
                                                  PpMediaDecoder     *stream);

G_END_DECLS

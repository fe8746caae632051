/* pp-participant.c: one person in a live session, as the others see them
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-participant.h"

struct _PpParticipant
{
  GObject parent_instance;

  char *peer_id;
  char *name;
  char *reason;
  gboolean is_self;
  gboolean admitted;
  PpRole role;
  PpParticipantState state;
  gboolean sending[2];         /* microphone, camera: as they say */
  PpMediaDecoder *streams[2];  /* owned, nullable: their audio, their video */
};

enum { PROP_0, PROP_PEER_ID, PROP_NAME, PROP_ROLE, PROP_STATE, PROP_REASON, PROP_ADMITTED,
       PROP_MICROPHONE_ON, PROP_CAMERA_ON, PROP_AUDIO, PROP_VIDEO, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PpParticipant, pp_participant, G_TYPE_OBJECT)

PpParticipant *
pp_participant_new (const char *peer_id,
                    const char *name,
                    gboolean    is_self)
{
  PpParticipant *self;

  g_return_val_if_fail (peer_id != NULL, NULL);

  self = g_object_new (PP_TYPE_PARTICIPANT, NULL);
  self->peer_id = g_strdup (peer_id);
  self->name = g_strdup (name ? name : peer_id);
  self->is_self = is_self;
  return self;
}

const char *
pp_participant_get_peer_id (PpParticipant *self)
{
  g_return_val_if_fail (PP_IS_PARTICIPANT (self), NULL);
  return self->peer_id;
}

const char *
pp_participant_get_name (PpParticipant *self)
{
  g_return_val_if_fail (PP_IS_PARTICIPANT (self), NULL);
  return self->name;
}

gboolean
pp_participant_is_self (PpParticipant *self)
{
  g_return_val_if_fail (PP_IS_PARTICIPANT (self), FALSE);
  return self->is_self;
}

PpRole
pp_participant_get_role (PpParticipant *self)
{
  g_return_val_if_fail (PP_IS_PARTICIPANT (self), PP_ROLE_VIEWER);
  return self->role;
}

PpParticipantState
pp_participant_get_state (PpParticipant *self)
{
  g_return_val_if_fail (PP_IS_PARTICIPANT (self), PP_PARTICIPANT_LEFT);
  return self->state;
}

const char *
pp_participant_get_reason (PpParticipant *self)
{
  g_return_val_if_fail (PP_IS_PARTICIPANT (self), NULL);
  return self->reason;
}

gboolean
pp_participant_get_admitted (PpParticipant *self)
{
  g_return_val_if_fail (PP_IS_PARTICIPANT (self), FALSE);
  return self->admitted;
}

void
pp_participant_set_name (PpParticipant *self,
                         const char    *name)
{
  g_return_if_fail (PP_IS_PARTICIPANT (self));

  if (name == NULL || g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
pp_participant_set_role (PpParticipant *self,
                         PpRole         role)
{
  g_return_if_fail (PP_IS_PARTICIPANT (self));

  if (self->role == role)
    return;
  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

void
pp_participant_set_state (PpParticipant      *self,
                          PpParticipantState  state,
                          const char         *reason)
{
  g_return_if_fail (PP_IS_PARTICIPANT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->reason, reason) != 0)
    {
      g_free (self->reason);
      self->reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
pp_participant_set_admitted (PpParticipant *self,
                             gboolean       admitted)
{
  g_return_if_fail (PP_IS_PARTICIPANT (self));

  if (self->admitted == !!admitted)
    return;
  self->admitted = !!admitted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADMITTED]);
}

/**
 * pp_participant_get_sending:
 *
 * Returns: whether their microphone (audio) or camera (video) is on, as
 *   they announce it
 */
gboolean
pp_participant_get_sending (PpParticipant *self,
                            PpMediaKind    kind)
{
  g_return_val_if_fail (PP_IS_PARTICIPANT (self), FALSE);
  return self->sending[kind];
}

void
pp_participant_set_sending (PpParticipant *self,
                            PpMediaKind    kind,
                            gboolean       sending)
{
  g_return_if_fail (PP_IS_PARTICIPANT (self));

  if (self->sending[kind] == !!sending)
    return;
  self->sending[kind] = !!sending;
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[kind == PP_MEDIA_VIDEO ? PROP_CAMERA_ON : PROP_MICROPHONE_ON]);
}

/**
 * pp_participant_get_stream:
 *
 * Returns: (transfer none) (nullable): the decoder of their audio or
 *   video, while it comes
 */
PpMediaDecoder *
pp_participant_get_stream (PpParticipant *self,
                           PpMediaKind    kind)
{
  g_return_val_if_fail (PP_IS_PARTICIPANT (self), NULL);
  return self->streams[kind];
}

void
pp_participant_set_stream (PpParticipant  *self,
                           PpMediaKind     kind,
                           PpMediaDecoder *stream)
{
  g_return_if_fail (PP_IS_PARTICIPANT (self));

  if (g_set_object (&self->streams[kind], stream))
    g_object_notify_by_pspec (G_OBJECT (self),
                              properties[kind == PP_MEDIA_VIDEO ? PROP_VIDEO : PROP_AUDIO]);
}

static void
pp_participant_finalize (GObject *object)
{
  PpParticipant *self = PP_PARTICIPANT (object);

  g_clear_object (&self->streams[PP_MEDIA_AUDIO]);
  g_clear_object (&self->streams[PP_MEDIA_VIDEO]);
  g_free (self->peer_id);
  g_free (self->name);
  g_free (self->reason);
  G_OBJECT_CLASS (pp_participant_parent_class)->finalize (object);
}

static void
pp_participant_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PpParticipant *self = PP_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_PEER_ID:
      g_value_set_string (value, self->peer_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_ADMITTED:
      g_value_set_boolean (value, self->admitted);
      break;
    case PROP_MICROPHONE_ON:
      g_value_set_boolean (value, self->sending[PP_MEDIA_AUDIO]);
      break;
    case PROP_CAMERA_ON:
      g_value_set_boolean (value, self->sending[PP_MEDIA_VIDEO]);
      break;
    case PROP_AUDIO:
      g_value_set_object (value, self->streams[PP_MEDIA_AUDIO]);
      break;
    case PROP_VIDEO:
      g_value_set_object (value, self->streams[PP_MEDIA_VIDEO]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pp_participant_class_init (PpParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pp_participant_finalize;
  object_class->get_property = pp_participant_get_property;

  properties[PROP_PEER_ID] = g_param_spec_string ("peer-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_int ("role", NULL, NULL, PP_ROLE_HOST, PP_ROLE_VIEWER,
                                            PP_ROLE_EDITOR, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, PP_PARTICIPANT_WAITING,
                                             PP_PARTICIPANT_REFUSED, PP_PARTICIPANT_CONNECTING,
                                             flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_ADMITTED] = g_param_spec_boolean ("admitted", NULL, NULL, FALSE, flags);
  properties[PROP_MICROPHONE_ON] = g_param_spec_boolean ("microphone-on", NULL, NULL, FALSE, flags);
  properties[PROP_CAMERA_ON] = g_param_spec_boolean ("camera-on", NULL, NULL, FALSE, flags);
  properties[PROP_AUDIO] = g_param_spec_object ("audio", NULL, NULL, PP_TYPE_MEDIA_DECODER, flags);
  properties[PROP_VIDEO] = g_param_spec_object ("video", NULL, NULL, PP_TYPE_MEDIA_DECODER, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pp_participant_init (PpParticipant *self)
{
  self->role = PP_ROLE_EDITOR;
  self->state = PP_PARTICIPANT_CONNECTING;
}

/* pp-invite.h: invite links
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pairpad://join?server=HOST:PORT&room=ROOM[&tls=0]#key=KEY, or the
 * landing page's https://HOST[:PORT]/j/ROOM#key=KEY (PROTOCOL.md). The
 * key is only ever in the fragment.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_INVITE_ERROR (pp_invite_error_quark ())
GQuark pp_invite_error_quark (void);

typedef enum {
  PP_INVITE_ERROR_INVALID,
} PpInviteError;

typedef struct
{
  char *server;    /* HOST:PORT, IPv6 in brackets */
  char *room;
  char *key;
  gboolean tls;
} PpInvite;

PpInvite *pp_invite_new             (const char      *server,
                                     const char      *room,
                                     const char      *key,
                                     gboolean         tls);
PpInvite *pp_invite_parse           (const char      *link,
                                     GError         **error);
char     *pp_invite_to_string       (const PpInvite  *invite);
/* ws://HOST:PORT or wss://HOST:PORT */
char     *pp_invite_get_server_uri  (const PpInvite  *invite);
void      pp_invite_free            (PpInvite        *invite);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpInvite, pp_invite_free)

G_END_DECLS

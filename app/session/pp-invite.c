/* pp-invite.c: invite links
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pp-invite.h"
#include "pp-signal-protocol.h"

#define KEY_CHARS 43

G_DEFINE_QUARK (pp-invite-error-quark, pp_invite_error)

PpInvite *
pp_invite_new (const char *server,
               const char *room,
               const char *key,
               gboolean    tls)
{
  PpInvite *invite = g_new0 (PpInvite, 1);

  invite->server = g_strdup (server);
  invite->room = g_strdup (room);
  invite->key = g_strdup (key);
  invite->tls = tls;
  return invite;
}

void
pp_invite_free (PpInvite *invite)
{
  if (invite == NULL)
    return;
  g_free (invite->server);
  g_free (invite->room);
  if (invite->key != NULL)
    memset (invite->key, 0, strlen (invite->key));
  g_free (invite->key);
  g_free (invite);
}

static gpointer
invalid (GError **error)
{
  g_set_error_literal (error, PP_INVITE_ERROR, PP_INVITE_ERROR_INVALID,
                       _("This is not a whole Pairpad invite link. Ask the host to send it again, "
                         "and copy all of it, including the part after “#”."));
  return NULL;
}

static gboolean
key_is_valid (const char *key)
{
  return key != NULL && strlen (key) == KEY_CHARS &&
         strspn (key, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == KEY_CHARS;
}

/* host, or host:port, with no user, path or spaces: a server the link
 * names cannot smuggle anything into the URI built from it. */
static gboolean
server_is_valid (const char *server)
{
  g_autofree char *uri = NULL;
  g_autoptr(GUri) parsed = NULL;

  if (server == NULL || *server == '\0' || strlen (server) > 255 ||
      strpbrk (server, "/?#@ \t\r\n\\") != NULL)
    return FALSE;
  uri = g_strconcat ("ws://", server, "/", NULL);
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  return parsed != NULL && g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0';
}

PpInvite *
pp_invite_parse (const char  *link,
                 GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) fragment = NULL;
  g_autoptr(PpInvite) invite = g_new0 (PpInvite, 1);
  g_autofree char *trimmed = NULL;
  const char *scheme;

  g_return_val_if_fail (link != NULL, NULL);

  trimmed = g_strstrip (g_strdup (link));
  uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (uri == NULL || g_uri_get_fragment (uri) == NULL)
    return invalid (error);
  fragment = g_uri_parse_params (g_uri_get_fragment (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  if (fragment == NULL)
    return invalid (error);
  invite->key = g_strdup (g_hash_table_lookup (fragment, "key"));

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "pairpad") == 0)
    {
      g_autoptr(GHashTable) query = NULL;
      const char *tls;

      if (g_strcmp0 (g_uri_get_host (uri), "join") != 0 || g_uri_get_query (uri) == NULL)
        return invalid (error);
      query = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
      if (query == NULL)
        return invalid (error);
      invite->server = g_strdup (g_hash_table_lookup (query, "server"));
      invite->room = g_strdup (g_hash_table_lookup (query, "room"));
      tls = g_hash_table_lookup (query, "tls");
      invite->tls = g_strcmp0 (tls, "0") != 0;
    }
  else if (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0)
    {
      const char *path = g_uri_get_path (uri);

      if (!g_str_has_prefix (path, PP_SIGNAL_LANDING_PREFIX))
        return invalid (error);
      invite->room = g_strdup (path + strlen (PP_SIGNAL_LANDING_PREFIX));
      if (g_uri_get_port (uri) > 0)
        invite->server = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
      else
        invite->server = g_strdup (g_uri_get_host (uri));
      invite->tls = g_ascii_strcasecmp (scheme, "https") == 0;
    }
  else
    return invalid (error);

  if (!server_is_valid (invite->server) || !pp_signal_room_id_is_valid (invite->room) ||
      !key_is_valid (invite->key))
    return invalid (error);
  return g_steal_pointer (&invite);
}

char *
pp_invite_to_string (const PpInvite *invite)
{
  g_return_val_if_fail (invite != NULL, NULL);

  return g_strdup_printf ("pairpad://join?server=%s&room=%s%s#key=%s", invite->server,
                          invite->room, invite->tls ? "" : "&tls=0", invite->key);
}

char *
pp_invite_get_server_uri (const PpInvite *invite)
{
  g_return_val_if_fail (invite != NULL, NULL);

  return g_strdup_printf ("%s://%s", invite->tls ? "wss" : "ws", invite->server);
}

/* test-invite.c: invite links, as people paste them
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pp-invite.h"

#define ROOM "q8cZ0lGm1vQ3x2rPz9YtBg"
#define KEY "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG"

static void
test_invite_round_trip (void)
{
  g_autoptr(PpInvite) made = pp_invite_new ("192.168.1.20:41234", ROOM, KEY, FALSE);
  g_autofree char *link = pp_invite_to_string (made);
  g_autoptr(PpInvite) parsed = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (link, ==, "pairpad://join?server=192.168.1.20:41234&room=" ROOM "&tls=0#key=" KEY);
  parsed = pp_invite_parse (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->server, ==, "192.168.1.20:41234");
  g_assert_cmpstr (parsed->room, ==, ROOM);
  g_assert_cmpstr (parsed->key, ==, KEY);
  g_assert_false (parsed->tls);
  uri = pp_invite_get_server_uri (parsed);
  g_assert_cmpstr (uri, ==, "ws://192.168.1.20:41234");
}

/* What people paste: with spaces around, TLS by default, the landing
 * page's form, an IPv6 server. */
static void
test_invite_forms (void)
{
  struct { const char *link; const char *server; gboolean tls; } forms[] = {
    { "  pairpad://join?server=pair.example.org:443&room=" ROOM "#key=" KEY "\n",
      "pair.example.org:443", TRUE },
    { "https://pair.example.org/j/" ROOM "#key=" KEY, "pair.example.org", TRUE },
    { "https://pair.example.org:8443/j/" ROOM "#key=" KEY, "pair.example.org:8443", TRUE },
    { "pairpad://join?server=[fd00::2]:4000&room=" ROOM "&tls=0#key=" KEY, "[fd00::2]:4000", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpInvite) invite = pp_invite_parse (forms[i].link, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (invite->server, ==, forms[i].server);
      g_assert_cmpstr (invite->room, ==, ROOM);
      g_assert_cmpstr (invite->key, ==, KEY);
      g_assert_cmpint (invite->tls, ==, forms[i].tls);
    }
}

/* Broken or hostile links: one sentence that says what to do, never a
 * half-parsed invite. */
static void
test_invite_refused (void)
{
  const char *links[] = {
    "",
    "pairpad://join?server=h:1&room=" ROOM,                          /* no key: cut off at # */
    "pairpad://join?server=h:1&room=" ROOM "#key=short",
    "pairpad://join?server=h:1&room=" ROOM "#key=" KEY "!",
    "pairpad://join?server=h:1&room=tooshort#key=" KEY,
    "pairpad://join?room=" ROOM "#key=" KEY,                          /* no server */
    "pairpad://join?server=user@evil:1&room=" ROOM "#key=" KEY,       /* userinfo */
    "pairpad://join?server=h:1/path&room=" ROOM "#key=" KEY,
    "pairpad://join?server=h%20x:1&room=" ROOM "#key=" KEY,
    "pairpad://leave?server=h:1&room=" ROOM "#key=" KEY,
    "ftp://h/j/" ROOM "#key=" KEY,
    "https://h/x/" ROOM "#key=" KEY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpInvite) invite = pp_invite_parse (links[i], &error);

      g_assert_null (invite);
      g_assert_error (error, PP_INVITE_ERROR, PP_INVITE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "Ask the host"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/invite/round-trip", test_invite_round_trip);
  g_test_add_func ("/session/invite/forms", test_invite_forms);
  g_test_add_func ("/session/invite/refused", test_invite_refused);
  return g_test_run ();
}

/* pp-test-coturn.c: a real TURN server on loopback
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pp-test-proc.h"
#include "pp-test-coturn.h"
#include "pp-test-home.h"
#include "pp-test-skip.h"

static guint16
free_udp_port (void)
{
  g_autoptr(GSocket) s = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (s, any, FALSE, NULL));
  bound = g_socket_get_local_address (s, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

PpTestCoturn *
pp_test_coturn_start (const char *secret,
                      const char *user)
{
  PpTestCoturn *coturn;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  if (!pp_test_have_program ("turnserver"))
    {
      g_test_skip ("coturn is not installed");
      return NULL;
    }
  coturn = g_new0 (PpTestCoturn, 1);
  coturn->dir = g_dir_make_tmp ("coturn-XXXXXX", &error);
  g_assert_no_error (error);
  coturn->port = free_udp_port ();
  coturn->uri = g_strdup_printf ("turn:127.0.0.1:%u", coturn->port);

  g_ptr_array_add (argv, g_strdup ("turnserver"));
  g_ptr_array_add (argv, g_strdup ("--listening-ip=127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("--relay-ip=127.0.0.1"));
  g_ptr_array_add (argv, g_strdup_printf ("--listening-port=%u", coturn->port));
  g_ptr_array_add (argv, g_strdup ("--min-port=49152"));
  g_ptr_array_add (argv, g_strdup ("--max-port=65535"));
  if (secret != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--use-auth-secret"));
      g_ptr_array_add (argv, g_strdup_printf ("--static-auth-secret=%s", secret));
    }
  if (user != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--lt-cred-mech"));
      g_ptr_array_add (argv, g_strdup_printf ("--user=%s", user));
    }
  g_ptr_array_add (argv, g_strdup ("--realm=pairpad.test"));
  g_ptr_array_add (argv, g_strdup ("--no-tls"));
  g_ptr_array_add (argv, g_strdup ("--no-dtls"));
  g_ptr_array_add (argv, g_strdup ("--no-cli"));
  g_ptr_array_add (argv, g_strdup ("--allow-loopback-peers"));
  g_ptr_array_add (argv, g_strdup ("--no-stdout-log"));
  g_ptr_array_add (argv, g_strdup ("--log-file=/dev/null"));
  g_ptr_array_add (argv, g_strdup_printf ("--userdb=%s/db", coturn->dir));
  g_ptr_array_add (argv, g_strdup ("--pidfile=/dev/null"));
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* A test that fails half-way must not leave a relay running. */
  g_subprocess_launcher_set_child_setup (launcher, pp_test_child_dies_with_parent, NULL, NULL);
  coturn->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);
  return coturn;
}

void
pp_test_coturn_stop (PpTestCoturn *coturn)
{
  if (coturn == NULL)
    return;
  g_subprocess_force_exit (coturn->process);
  g_subprocess_wait (coturn->process, NULL, NULL);
  g_object_unref (coturn->process);
  g_assert_true (pp_test_remove_tree (coturn->dir));
  g_free (coturn->dir);
  g_free (coturn->uri);
  g_free (coturn);
}

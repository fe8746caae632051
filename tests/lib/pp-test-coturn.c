/* pp-test-coturn.c: a real TURN server on loopback
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stun/usages/bind.h>

#include "pp-test-proc.h"
#include "pp-test-coturn.h"
#include "pp-test-home.h"
#include "pp-test-skip.h"

/* Whether coturn answers a STUN Binding request (RFC 5389, built and
 * checked by libnice's STUN agent) on 127.0.0.1:port within ten seconds. */
static gboolean
answers_stun (guint16 port)
{
  static const uint16_t known[] = { STUN_ATTRIBUTE_MAPPED_ADDRESS, STUN_ATTRIBUTE_XOR_MAPPED_ADDRESS, 0 };
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) server = g_inet_socket_address_new (lo, port);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  StunAgent agent;
  StunMessage request;
  uint8_t out[512];
  size_t out_len;

  stun_agent_init (&agent, known, STUN_COMPATIBILITY_RFC5389, 0);
  out_len = stun_usage_bind_create (&agent, &request, out, sizeof out);
  g_assert_cmpuint (out_len, >, 0);
  while (g_get_monotonic_time () < deadline)
    {
      uint8_t in[2048];
      gssize in_len;

      /* Refused (nothing bound yet) or unanswered: ask again shortly. */
      g_socket_send_to (socket, server, (const char *) out, out_len, NULL, NULL);
      if (!g_socket_condition_timed_wait (socket, G_IO_IN, 100000, NULL, NULL))
        continue;
      in_len = g_socket_receive (socket, (char *) in, sizeof in, NULL, NULL);
      if (in_len > 0)
        {
          StunMessage response;
          struct sockaddr_storage mapped, alternate;
          socklen_t mapped_len = sizeof mapped, alternate_len = sizeof alternate;

          if (stun_agent_validate (&agent, &response, in, in_len, NULL, NULL) == STUN_VALIDATION_SUCCESS &&
              stun_usage_bind_process (&response, (struct sockaddr *) &mapped, &mapped_len,
                                       (struct sockaddr *) &alternate, &alternate_len) ==
                STUN_USAGE_BIND_RETURN_SUCCESS)
            return TRUE;
        }
      else
        g_usleep (20000);
    }
  return FALSE;
}

static GSubprocess *
spawn (guint16     port,
       const char *dir,
       const char *secret,
       const char *user)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, g_strdup ("turnserver"));
  g_ptr_array_add (argv, g_strdup ("--listening-ip=127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("--relay-ip=127.0.0.1"));
  g_ptr_array_add (argv, g_strdup_printf ("--listening-port=%u", port));
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
  /* UDP only: coturn serves nothing, UDP included, until it has bound
   * its TCP listener too, and on a busy machine the TCP port of the same
   * number is often some connection's local port (it then retries for a
   * minute). */
  g_ptr_array_add (argv, g_strdup ("--no-tcp"));
  g_ptr_array_add (argv, g_strdup ("--no-tls"));
  g_ptr_array_add (argv, g_strdup ("--no-dtls"));
  g_ptr_array_add (argv, g_strdup ("--no-cli"));
  g_ptr_array_add (argv, g_strdup ("--allow-loopback-peers"));
  g_ptr_array_add (argv, g_strdup ("--no-stdout-log"));
  g_ptr_array_add (argv, g_strdup ("--log-file=/dev/null"));
  g_ptr_array_add (argv, g_strdup_printf ("--userdb=%s/db", dir));
  g_ptr_array_add (argv, g_strdup ("--pidfile=/dev/null"));
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* A test that fails half-way must not leave a relay running. */
  g_subprocess_launcher_set_child_setup (launcher, pp_test_child_dies_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

PpTestCoturn *
pp_test_coturn_start (const char *secret,
                      const char *user)
{
  PpTestCoturn *coturn;
  g_autoptr(GError) error = NULL;

  if (!pp_test_have_program ("turnserver"))
    {
      g_test_skip ("coturn is not installed");
      return NULL;
    }
  coturn = g_new0 (PpTestCoturn, 1);
  coturn->dir = g_dir_make_tmp ("coturn-XXXXXX", &error);
  g_assert_no_error (error);
  /* The port was free a moment ago; another process may take it before
   * coturn binds it. The tests start once it answers. */
  for (guint attempt = 0; coturn->process == NULL; attempt++)
    {
      coturn->port = pp_test_free_port (G_SOCKET_TYPE_DATAGRAM);
      coturn->process = spawn (coturn->port, coturn->dir, secret, user);
      if (answers_stun (coturn->port))
        break;
      g_test_message ("coturn did not answer on port %u", coturn->port);
      g_subprocess_force_exit (coturn->process);
      g_subprocess_wait (coturn->process, NULL, NULL);
      g_clear_object (&coturn->process);
      if (attempt == 2)
        g_error ("coturn did not answer STUN on 127.0.0.1, three times");
    }
  coturn->uri = g_strdup_printf ("turn:127.0.0.1:%u", coturn->port);
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

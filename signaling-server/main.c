/* main.c — pairpad-signal, the command line around PpSignalServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <glib-unix.h>

#include "pp-signal-server.h"

typedef struct
{
  char *listen;
  char *tls_cert;
  char *tls_key;
  char **turn_uris;
  char *turn_secret_file;
  char *public_url;
  char *redis;
  int max_peers;
  int max_connections;
  double msg_rate;
  int msg_burst;
  int max_send_queue;
  int ping_interval;
  int handshake_timeout;
  int turn_ttl;
  gboolean quiet;
} Options;

/* Every option may also come from PAIRPAD_SIGNAL_<NAME>, e.g.
 * PAIRPAD_SIGNAL_LISTEN or PAIRPAD_SIGNAL_TURN_URI (several URIs separated
 * by spaces); the command line wins. */
static char **
argv_with_environment (int    argc,
                       char **argv,
                       const GOptionEntry *entries)
{
  GPtrArray *args = g_ptr_array_new ();

  g_ptr_array_add (args, g_strdup (argv[0]));
  for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
    {
      g_autofree char *var = g_strdup_printf ("PAIRPAD_SIGNAL_%s", e->long_name);
      const char *value;

      g_strdelimit (var, "-", '_');
      for (char *p = var; *p; p++)
        *p = g_ascii_toupper (*p);
      value = g_getenv (var);
      if (value == NULL || *value == '\0')
        continue;
      if (e->arg == G_OPTION_ARG_NONE)
        {
          if (!g_str_equal (value, "0"))
            g_ptr_array_add (args, g_strdup_printf ("--%s", e->long_name));
        }
      else if (e->arg == G_OPTION_ARG_STRING_ARRAY)
        {
          g_auto(GStrv) items = g_strsplit_set (value, " \t\n", -1);

          for (guint i = 0; items[i]; i++)
            if (*items[i])
              g_ptr_array_add (args, g_strdup_printf ("--%s=%s", e->long_name, items[i]));
        }
      else
        g_ptr_array_add (args, g_strdup_printf ("--%s=%s", e->long_name, value));
    }
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);
  return (char **) g_ptr_array_free (args, FALSE);
}

static gboolean
split_listen (const char *listen,
              char      **address,
              guint16    *port,
              GError    **error)
{
  const char *colon = strrchr (listen, ':');
  guint64 value;

  if (colon == NULL || colon == listen ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--listen takes ADDR:PORT, e.g. 0.0.0.0:8443 or [::]:8443, not “%s”.", listen);
      return FALSE;
    }
  *address = g_strndup (listen, colon - listen);
  *port = value;
  return TRUE;
}

static char *
read_secret (const char *path,
             GError    **error)
{
  g_autofree char *text = NULL;
  struct stat st;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  g_strstrip (text);
  if (*text == '\0')
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "The TURN secret file %s is empty.", path);
      return NULL;
    }
  if (stat (path, &st) == 0 && (st.st_mode & S_IROTH))
    g_printerr ("pairpad-signal: warning: %s is readable by every user; chmod o-r it.\n", path);
  return g_steal_pointer (&text);
}

static void
options_clear (Options *o)
{
  g_free (o->listen);
  g_free (o->tls_cert);
  g_free (o->tls_key);
  g_strfreev (o->turn_uris);
  g_free (o->turn_secret_file);
  g_free (o->public_url);
  g_free (o->redis);
}

static gboolean
on_stop_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  PpSignalLimits defaults;
  Options o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpSignalServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *address = NULL;
  g_autofree char *uri = NULL;
  g_auto(GStrv) args = NULL;
  PpSignalLimits limits;
  struct rlimit nofile;
  int rc = 2;
  guint16 port = 0;

  pp_signal_server_get_default_limits (&defaults);
  o.max_peers = defaults.max_peers;
  o.max_connections = defaults.max_connections;
  o.msg_rate = defaults.msg_rate;
  o.msg_burst = defaults.msg_burst;
  o.max_send_queue = defaults.max_send_queue;
  o.ping_interval = defaults.ping_interval;
  o.handshake_timeout = defaults.handshake_timeout;
  o.turn_ttl = defaults.turn_ttl;

  {
    const GOptionEntry entries[] = {
      { "listen", 0, 0, G_OPTION_ARG_STRING, &o.listen,
        "Address and port to listen on (default 127.0.0.1:8080; port 0 picks one)", "ADDR:PORT" },
      { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &o.tls_cert, "PEM certificate chain: serve wss:// and https://", "FILE" },
      { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &o.tls_key, "PEM private key of --tls-cert", "FILE" },
      { "turn-uri", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.turn_uris,
        "A STUN or TURN server to hand to peers (repeatable)", "URI" },
      { "turn-secret-file", 0, 0, G_OPTION_ARG_FILENAME, &o.turn_secret_file,
        "coturn's static-auth-secret: hand out short-lived TURN credentials", "FILE" },
      { "public-url", 0, 0, G_OPTION_ARG_STRING, &o.public_url,
        "The https:// address people reach this server at, for invite pages", "URL" },
      { "redis", 0, 0, G_OPTION_ARG_STRING, &o.redis,
        "Share rooms with the other instances using this Redis: "
        "redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] or unix:///PATH",
        "URL" },
      { "max-peers", 0, 0, G_OPTION_ARG_INT, &o.max_peers, "People per room (default 8)", "N" },
      { "max-connections", 0, 0, G_OPTION_ARG_INT, &o.max_connections,
        "WebSocket connections held at once (default 16384)", "N" },
      { "msg-rate", 0, 0, G_OPTION_ARG_DOUBLE, &o.msg_rate, "Messages a second per connection (default 50)", "N" },
      { "msg-burst", 0, 0, G_OPTION_ARG_INT, &o.msg_burst, "Messages at once per connection (default 200)", "N" },
      { "max-send-queue", 0, 0, G_OPTION_ARG_INT, &o.max_send_queue,
        "Bytes queued for a slow client before it is closed (default 1048576)", "BYTES" },
      { "ping-interval", 0, 0, G_OPTION_ARG_INT, &o.ping_interval,
        "Seconds between pings; silent for 2.5 of them closes (default 30)", "SECONDS" },
      { "handshake-timeout", 0, 0, G_OPTION_ARG_INT, &o.handshake_timeout,
        "Seconds a connection may take to become a WebSocket (default 10)", "SECONDS" },
      { "turn-ttl", 0, 0, G_OPTION_ARG_INT, &o.turn_ttl, "Seconds TURN credentials last (default 3600)", "SECONDS" },
      { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, "Log nothing but errors", NULL },
      { NULL }
    };

    args = argv_with_environment (argc, argv, entries);
    context = g_option_context_new ("— the signaling server of Pairpad");
    g_option_context_set_summary (context,
      "Introduces Pairpad peers to each other over WebSocket and relays their sealed\n"
      "signaling messages. Serves /ws, /j/ROOM (invite page), /healthz, /readyz and /metrics.");
    g_option_context_set_description (context,
      "Every option can also be set as PAIRPAD_SIGNAL_<OPTION>, e.g. PAIRPAD_SIGNAL_LISTEN=[::]:8443;\n"
      "the command line wins. See signaling-server/README.md and PROTOCOL.md.");
    g_option_context_add_main_entries (context, entries, NULL);
    if (!g_option_context_parse_strv (context, &args, &error))
      {
        g_printerr ("pairpad-signal: %s\nTry “pairpad-signal --help”.\n", error->message);
        options_clear (&o);
        return 2;
      }
  }

  if (!split_listen (o.listen ? o.listen : "127.0.0.1:8080", &address, &port, &error))
    {
      goto fail;
    }
  if ((o.tls_cert == NULL) != (o.tls_key == NULL))
    {
      g_printerr ("pairpad-signal: --tls-cert and --tls-key go together.\n");
      goto fail;
    }
  if (o.max_peers < 2 || o.max_connections < 1 || o.msg_rate <= 0 || o.msg_burst < 1 ||
      o.max_send_queue < 1024 || o.ping_interval < 1 || o.handshake_timeout < 1 || o.turn_ttl < 60)
    {
      g_printerr ("pairpad-signal: a limit is out of range: --max-peers needs at least 2, "
                  "--max-send-queue 1024, --turn-ttl 60, and the others at least 1.\n");
      goto fail;
    }

  /* From here on, errors are of the set-up, not of the command line. */
  rc = 1;
  server = pp_signal_server_new ();
  limits = defaults;
  limits.max_peers = o.max_peers;
  limits.max_connections = o.max_connections;
  limits.msg_rate = o.msg_rate;
  limits.msg_burst = o.msg_burst;
  limits.max_send_queue = o.max_send_queue;
  limits.ping_interval = o.ping_interval;
  limits.handshake_timeout = o.handshake_timeout;
  limits.turn_ttl = o.turn_ttl;
  pp_signal_server_set_limits (server, &limits);
  pp_signal_server_set_logging (server, !o.quiet);

  if (o.tls_cert && !pp_signal_server_set_tls_files (server, o.tls_cert, o.tls_key, &error))
    goto fail;
  for (guint i = 0; o.turn_uris && o.turn_uris[i]; i++)
    {
      if (!pp_signal_server_add_ice_uri (server, o.turn_uris[i], &error))
        goto fail;
      if (o.turn_secret_file == NULL && g_str_has_prefix (o.turn_uris[i], "turn"))
        {
          rc = 2;
          g_printerr ("pairpad-signal: %s needs --turn-secret-file to hand out credentials.\n", o.turn_uris[i]);
          goto fail;
        }
    }
  if (o.turn_secret_file)
    {
      g_autofree char *secret = read_secret (o.turn_secret_file, &error);

      if (secret == NULL)
        goto fail;
      pp_signal_server_set_turn_secret (server, secret);
      explicit_bzero (secret, strlen (secret));
    }
  if (o.public_url && !pp_signal_server_set_public_url (server, o.public_url, &error))
    goto fail;
  if (o.redis && !pp_signal_server_set_redis_url (server, o.redis, &error))
    {
      rc = 2;
      goto fail;
    }

  /* Each connection is a file descriptor: use all the kernel allows us. */
  if (getrlimit (RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max)
    {
      nofile.rlim_cur = nofile.rlim_max;
      setrlimit (RLIMIT_NOFILE, &nofile);
    }

  if (!pp_signal_server_start (server, address, port, &error))
    goto fail;

  uri = pp_signal_server_get_uri (server);
  printf ("listening on %s\n", uri);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_stop_signal, loop);
  g_unix_signal_add (SIGTERM, on_stop_signal, loop);
  g_main_loop_run (loop);
  pp_signal_server_stop (server);

  options_clear (&o);
  return 0;

fail:
  if (error != NULL)
    g_printerr ("pairpad-signal: %s\n", error->message);
  options_clear (&o);
  return rc;
}

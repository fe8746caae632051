/* pp-test-redis.c: a real Redis on loopback
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <hiredis/hiredis.h>

#include "pp-test-home.h"
#include "pp-test-proc.h"
#include "pp-test-redis.h"
#include "pp-test-skip.h"

static redisContext *
connect_once (guint16     port,
              const char *password)
{
  struct timeval timeout = { 1, 0 };
  redisContext *c = redisConnectWithTimeout ("127.0.0.1", port, timeout);

  if (c != NULL && c->err == 0 && redisSetTimeout (c, timeout) == REDIS_OK)
    {
      redisReply *reply = password ? redisCommand (c, "AUTH %s", password) : NULL;

      if (reply != NULL)
        freeReplyObject (reply);
      return c;
    }
  if (c != NULL)
    redisFree (c);
  return NULL;
}

/* Whether it answers PING within five seconds. */
static gboolean
answers (guint16     port,
         const char *password)
{
  for (guint i = 0; i < 100; i++)
    {
      redisContext *c = connect_once (port, password);
      redisReply *reply = c ? redisCommand (c, "PING") : NULL;
      gboolean pong = reply != NULL && reply->type == REDIS_REPLY_STATUS &&
                      g_str_equal (reply->str, "PONG");

      if (reply != NULL)
        freeReplyObject (reply);
      if (c != NULL)
        redisFree (c);
      if (pong)
        return TRUE;
      g_usleep (50000);
    }
  return FALSE;
}

static void
spawn (PpTestRedis *redis)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", redis->port);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_subprocess_launcher_set_cwd (launcher, redis->dir);
  /* A test that fails half-way must not leave Redis running. */
  g_subprocess_launcher_set_child_setup (launcher, pp_test_child_dies_with_parent, NULL, NULL);
  static const char *const fixed[] = { "redis-server", "--bind", "127.0.0.1", "--save", "",
                                       "--appendonly", "no", "--daemonize", "no",
                                       "--loglevel", "warning", "--port" };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (argv, (char *) fixed[i]);
  g_ptr_array_add (argv, port);
  g_ptr_array_add (argv, "--dir");
  g_ptr_array_add (argv, redis->dir);
  g_ptr_array_add (argv, "--unixsocket");
  g_ptr_array_add (argv, "redis.sock");
  g_ptr_array_add (argv, "--unixsocketperm");
  g_ptr_array_add (argv, "700");
  if (redis->password != NULL)
    {
      g_ptr_array_add (argv, "--requirepass");
      g_ptr_array_add (argv, redis->password);
    }
  g_ptr_array_add (argv, NULL);
  redis->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                                 &error);
  g_assert_no_error (error);
}

PpTestRedis *
pp_test_redis_start (void)
{
  return pp_test_redis_start_with_password (NULL);
}

PpTestRedis *
pp_test_redis_start_with_password (const char *password)
{
  g_autoptr(GError) error = NULL;
  PpTestRedis *redis;

  if (!pp_test_have_program ("redis-server"))
    {
      g_test_skip ("redis-server is not installed");
      return NULL;
    }
  redis = g_new0 (PpTestRedis, 1);
  redis->dir = g_dir_make_tmp ("redis-XXXXXX", &error);
  redis->password = g_strdup (password);
  g_assert_no_error (error);
  /* The port was free a moment ago; another process may take it first. */
  for (guint attempt = 0; redis->process == NULL; attempt++)
    {
      redis->port = pp_test_free_port (G_SOCKET_TYPE_STREAM);
      spawn (redis);
      if (answers (redis->port, redis->password))
        break;
      g_test_message ("redis-server did not answer on port %u", redis->port);
      pp_test_redis_kill (redis);
      if (attempt == 2)
        g_error ("redis-server did not answer on 127.0.0.1, three times");
    }
  redis->socket_url = g_strdup_printf ("unix://%s/redis.sock", redis->dir);
  redis->url = password ? g_strdup_printf ("redis://:%s@127.0.0.1:%u", password, redis->port)
                        : g_strdup_printf ("redis://127.0.0.1:%u", redis->port);
  return redis;
}

void
pp_test_redis_kill (PpTestRedis *redis)
{
  g_subprocess_force_exit (redis->process);
  g_subprocess_wait (redis->process, NULL, NULL);
  g_clear_object (&redis->process);
}

void
pp_test_redis_restart (PpTestRedis *redis)
{
  g_assert_null (redis->process);
  spawn (redis);
  g_assert_true (answers (redis->port, redis->password));
}

char *
pp_test_redis_command (PpTestRedis *redis,
                       const char  *format,
                       ...)
{
  redisContext *c = connect_once (redis->port, redis->password);
  redisReply *reply;
  char *text = NULL;
  va_list args;

  g_assert_nonnull (c);
  va_start (args, format);
  reply = redisvCommand (c, format, args);
  va_end (args);
  g_assert_nonnull (reply);
  g_assert_cmpint (reply->type, !=, REDIS_REPLY_ERROR);
  if (reply->type == REDIS_REPLY_INTEGER)
    text = g_strdup_printf ("%lld", reply->integer);
  else if (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS)
    text = g_strndup (reply->str, reply->len);
  freeReplyObject (reply);
  redisFree (c);
  return text;
}

void
pp_test_redis_stop (PpTestRedis *redis)
{
  if (redis == NULL)
    return;
  if (redis->process != NULL)
    pp_test_redis_kill (redis);
  g_assert_true (pp_test_remove_tree (redis->dir));
  g_free (redis->dir);
  g_free (redis->url);
  g_free (redis->password);
  g_free (redis->socket_url);
  g_free (redis);
}

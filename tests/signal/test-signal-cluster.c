/* test-signal-cluster.c — pairpad-signal instances sharing rooms through
 * a real Redis, all on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "pp-test-redis.h"
#include "signal-client.h"

#define ROOM_A "AAAAAAAAAAAAAAAAAAAAAA"
#define ROOM_B "BBBBBBBBBBBBBBBBBBBBBB"
#define N_INSTANCES 3

typedef struct
{
  PpTestRedis *redis;
  PpTestServer *s[N_INSTANCES];
} Cluster;

static void
wait_metric (PpTestServer *server,
             const char   *name,
             guint64       at_least,
             guint         timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (pp_test_server_metric (server, name) < at_least)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s stayed below %" G_GUINT64_FORMAT " for %u ms", name, at_least, timeout_ms);
      g_usleep (20000);
    }
}

/* /readyz: whether a load balancer should send joins here. */
static void
assert_ready (PpTestServer *server,
              gboolean      ready)
{
  guint status;
  g_autofree char *body = pp_test_server_get (server, "/readyz", &status, NULL);

  g_assert_cmpuint (status, ==, ready ? 200 : 503);
  if (!ready)
    g_assert_nonnull (strstr (body, "Redis is unreachable"));
}

static guint
http_status (PpTestServer *server,
             const char   *path)
{
  guint status;

  g_free (pp_test_server_get (server, path, &status, NULL));
  return status;
}

static gboolean
cluster_start (Cluster    *c,
               const char *max_peers)
{
  c->redis = pp_test_redis_start ();
  if (c->redis == NULL)
    return FALSE;
  for (guint i = 0; i < N_INSTANCES; i++)
    {
      c->s[i] = pp_test_server_start (FALSE, "--redis", c->redis->url, "--max-peers", max_peers,
                                      NULL);
      wait_metric (c->s[i], "pairpad_signal_redis_up", 1, 5000);
    }
  return TRUE;
}

static void
cluster_stop (Cluster *c)
{
  for (guint i = 0; i < N_INSTANCES; i++)
    if (c->s[i] != NULL)
      pp_test_server_stop (c->s[i]);
  pp_test_redis_stop (c->redis);
}

/* Joins, and checks that "joined" lists exactly the ids of BEFORE. */
static Ws *
join_seeing (PpTestServer       *server,
             const char         *room,
             const char         *peer,
             const char *const  *before)
{
  Ws *ws = ws_connect (server->port);
  g_autofree char *join = pp_signal_build_join (room, peer, peer);
  g_autoptr(JsonNode) joined = NULL;
  JsonArray *peers;

  json_node_unref (ws_expect (ws, PP_SIGNAL_MSG_HELLO));
  ws_send_text (ws, join);
  joined = ws_expect (ws, PP_SIGNAL_MSG_JOINED);
  peers = json_object_get_array_member (json_node_get_object (joined), "peers");
  g_assert_cmpuint (json_array_get_length (peers), ==, g_strv_length ((GStrv) before));
  for (guint i = 0; i < json_array_get_length (peers); i++)
    {
      JsonObject *p = json_array_get_object_element (peers, i);
      const char *id = json_object_get_string_member (p, "peer");

      g_assert_true (g_strv_contains (before, id));
      /* Names travel with ids; here each is its own name. */
      g_assert_cmpstr (json_object_get_string_member (p, "name"), ==, id);
    }
  return ws;
}

/* The next messages on WS are TYPE about each of PEERS, in any order. */
static void
expect_about (Ws                *ws,
              PpSignalMsgType    type,
              const char *const *peers,
              guint              timeout_ms)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; peers[i]; i++)
    {
      g_autoptr(JsonNode) node = ws_expect_within (ws, type, timeout_ms);
      const char *id = json_object_get_string_member (json_node_get_object (node), "peer");

      g_assert_true (g_strv_contains (peers, id));
      g_assert_false (g_ptr_array_find_with_equal_func (seen, id, g_str_equal, NULL));
      g_ptr_array_add (seen, g_strdup (id));
    }
}

static void
expect_joined_peer (Ws         *ws,
                    const char *peer)
{
  const char *const peers[] = { peer, NULL };

  expect_about (ws, PP_SIGNAL_MSG_PEER_JOINED, peers, 5000);
}

static void
expect_left_peer (Ws         *ws,
                  const char *peer,
                  guint       timeout_ms)
{
  const char *const peers[] = { peer, NULL };

  expect_about (ws, PP_SIGNAL_MSG_PEER_LEFT, peers, timeout_ms);
}

/* Alice at the first instance, then Bob at the second: each sees the
 * other. */
static void
alice_and_bob (Cluster *c,
               Ws     **a,
               Ws     **b)
{
  const char *const none[] = { NULL };
  const char *const a_only[] = { "alice", NULL };

  *a = join_seeing (c->s[0], ROOM_A, "alice", none);
  *b = join_seeing (c->s[1], ROOM_A, "bob", a_only);
  expect_joined_peer (*a, "bob");
}

static void
expect_join_refused (PpTestServer      *server,
                     const char        *room,
                     const char        *peer,
                     PpSignalErrorCode  code)
{
  Ws *ws = ws_connect (server->port);
  g_autofree char *join = pp_signal_build_join (room, peer, peer);

  json_node_unref (ws_expect (ws, PP_SIGNAL_MSG_HELLO));
  ws_send_text (ws, join);
  ws_expect_error (ws, code);
  ws_free (ws);
}

static char *
room_key (const char *room)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, room, -1);

  return g_strconcat ("pairpad:room:", hash, NULL);
}

/* One room, its people spread over three instances: every signal reaches
 * its addressee only, sealed data unchanged, and joins and leaves reach
 * everyone. */
static void
test_spread (void)
{
  Cluster c = { 0 };
  const char *const none[] = { NULL };
  const char *const a_b[] = { "alice", "bob", NULL };
  const char *const a_b_c[] = { "alice", "bob", "carol", NULL };
  /* Tabs, quotes and non-ASCII pass as the sender wrote them. */
  const char *sealed = "v1.\t\"ÿ\".b64+/=";
  g_autofree char *key = room_key (ROOM_A);
  g_autofree char *count = NULL;
  guint64 errors;
  Ws *a, *b, *cw, *d, *e;

  if (!cluster_start (&c, "8"))
    return;

  alice_and_bob (&c, &a, &b);
  cw = join_seeing (c.s[2], ROOM_A, "carol", a_b);
  expect_joined_peer (a, "carol");
  expect_joined_peer (b, "carol");
  /* Beside alice on her instance. */
  d = join_seeing (c.s[0], ROOM_A, "dave", a_b_c);
  expect_joined_peer (a, "dave");
  expect_joined_peer (b, "dave");
  expect_joined_peer (cw, "dave");
  /* Redis holds the room under its hash, never its id. */
  g_free (count);
  count = pp_test_redis_command (c.redis, "HLEN %s", key);
  g_assert_cmpstr (count, ==, "4");
  g_free (count);
  count = pp_test_redis_command (c.redis, "EXISTS pairpad:room:%s", ROOM_A);
  g_assert_cmpstr (count, ==, "0");

  ws_signal (a, "bob", sealed);
  ws_expect_signal (b, "alice", sealed);
  ws_signal (b, "carol", "b to c");
  ws_expect_signal (cw, "bob", "b to c");
  ws_signal (cw, "alice", "c to a");
  ws_expect_signal (a, "carol", "c to a");
  ws_signal (a, "dave", "a to d, same instance");
  ws_expect_signal (d, "alice", "a to d, same instance");
  ws_signal (d, "carol", "d to c");
  ws_expect_signal (cw, "dave", "d to c");
  ws_expect_silence (a, 200);
  ws_expect_silence (b, 10);
  ws_expect_silence (cw, 10);
  ws_expect_silence (d, 10);
  g_assert_cmpuint (pp_test_server_metric (c.s[0],
                                           "pairpad_signal_redis_messages_total{direction=\"out\"}"),
                    >=, 2);
  g_assert_cmpuint (pp_test_server_metric (c.s[1], "pairpad_signal_relayed_messages_total"), ==, 1);

  /* Another room, on an instance with people of this one: apart. */
  e = join_seeing (c.s[1], ROOM_B, "erin", none);
  ws_signal (a, "erin", "wrong room");
  ws_expect_error (a, PP_SIGNAL_ERR_NO_SUCH_PEER);
  ws_expect_silence (e, 200);
  ws_expect_silence (b, 10);

  /* A message on a room's channel that no instance wrote is dropped and
   * counted; the room goes on. */
  errors = pp_test_server_metric (c.s[0], "pairpad_signal_redis_errors_total");
  g_free (pp_test_redis_command (c.redis, "PUBLISH %s %s", key, "nonsense"));
  g_free (pp_test_redis_command (c.redis, "PUBLISH %s %s", key, "x\tS\tdave"));
  wait_metric (c.s[0], "pairpad_signal_redis_errors_total", errors + 2, 2000);
  ws_expect_silence (d, 100);
  ws_signal (cw, "dave", "still on");
  ws_expect_signal (d, "carol", "still on");

  /* Leaving, and closing, reach every instance. */
  ws_send_text (b, "{\"type\":\"leave\"}");
  json_node_unref (ws_expect (b, PP_SIGNAL_MSG_LEFT));
  expect_left_peer (a, "bob", 5000);
  expect_left_peer (cw, "bob", 5000);
  expect_left_peer (d, "bob", 5000);
  ws_signal (a, "bob", "gone");
  ws_expect_error (a, PP_SIGNAL_ERR_NO_SUCH_PEER);
  ws_free (cw);
  expect_left_peer (a, "carol", 5000);
  expect_left_peer (d, "carol", 5000);

  ws_free (a);
  ws_free (b);
  ws_free (d);
  ws_free (e);
  /* Nothing of the room is left behind in Redis. */
  for (guint i = 0; i < 100; i++)
    {
      g_free (count);
      count = pp_test_redis_command (c.redis, "EXISTS %s", key);
      if (g_str_equal (count, "0"))
        break;
      g_usleep (20000);
    }
  g_assert_cmpstr (count, ==, "0");
  cluster_stop (&c);
}

/* max_peers and peer ids hold for the room, not for each instance. */
static void
test_max_peers (void)
{
  Cluster c = { 0 };
  const char *const none[] = { NULL };
  const char *const a_b[] = { "alice", "bob", NULL };
  g_autofree char *join_d = pp_signal_build_join (ROOM_A, "dave", "dave");
  g_autofree char *join_e = pp_signal_build_join (ROOM_A, "erin", "erin");
  g_autofree char *reply_d = NULL;
  g_autofree char *reply_e = NULL;
  const char *winner;
  Ws *a, *b, *cw, *d, *e;

  if (!cluster_start (&c, "3"))
    return;

  alice_and_bob (&c, &a, &b);
  expect_join_refused (c.s[2], ROOM_A, "alice", PP_SIGNAL_ERR_PEER_ID_TAKEN);
  cw = join_seeing (c.s[2], ROOM_A, "carol", a_b);
  expect_joined_peer (a, "carol");
  expect_joined_peer (b, "carol");
  for (guint i = 0; i < N_INSTANCES; i++)
    expect_join_refused (c.s[i], ROOM_A, "dave", PP_SIGNAL_ERR_ROOM_FULL);

  /* One place left, asked for from two instances at once: one gets it. */
  ws_send_text (b, "{\"type\":\"leave\"}");
  json_node_unref (ws_expect (b, PP_SIGNAL_MSG_LEFT));
  expect_left_peer (a, "bob", 5000);
  expect_left_peer (cw, "bob", 5000);
  d = ws_connect (c.s[0]->port);
  e = ws_connect (c.s[1]->port);
  json_node_unref (ws_expect (d, PP_SIGNAL_MSG_HELLO));
  json_node_unref (ws_expect (e, PP_SIGNAL_MSG_HELLO));
  ws_send_text (d, join_d);
  ws_send_text (e, join_e);
  reply_d = ws_recv (d, 5000);
  reply_e = ws_recv (e, 5000);
  g_assert_nonnull (reply_d);
  g_assert_nonnull (reply_e);
  winner = strstr (reply_d, "\"joined\"") ? "dave" : "erin";
  g_test_message ("of two joins at once, %s's got the place", winner);
  g_assert_nonnull (strstr (g_str_equal (winner, "dave") ? reply_d : reply_e, "\"joined\""));
  g_assert_nonnull (strstr (g_str_equal (winner, "dave") ? reply_e : reply_d, "\"room-full\""));
  expect_joined_peer (a, winner);
  expect_joined_peer (cw, winner);
  ws_free (d);
  ws_free (e);
  expect_left_peer (a, winner, 5000);
  ws_free (a);
  ws_free (b);
  ws_free (cw);

  /* The room is open to anyone again once its people left. */
  a = join_seeing (c.s[2], ROOM_A, "alice", none);
  ws_free (a);
  cluster_stop (&c);
}

/* An instance dies: within seconds its people are gone from their rooms
 * everywhere, and they may join again through another instance. */
static void
test_instance_killed (void)
{
  Cluster c = { 0 };
  const char *const a_b[] = { "alice", "bob", NULL };
  gint64 killed_at;
  double seconds;
  Ws *a, *b, *cw;

  if (!cluster_start (&c, "8"))
    return;

  alice_and_bob (&c, &a, &b);
  cw = join_seeing (c.s[2], ROOM_A, "carol", a_b);
  expect_joined_peer (a, "carol");
  expect_joined_peer (b, "carol");

  killed_at = g_get_monotonic_time ();
  g_subprocess_force_exit (c.s[2]->process);
  g_subprocess_wait (c.s[2]->process, NULL, NULL);
  g_object_unref (c.s[2]->process);
  g_free (c.s[2]->uri);
  g_clear_pointer (&c.s[2], g_free);
  g_assert_cmpuint (ws_wait_closed (cw, 2000), ==, 0);
  ws_free (cw);

  /* The lease runs 5 s and leases are checked every second. */
  expect_left_peer (a, "carol", 9000);
  seconds = (g_get_monotonic_time () - killed_at) / 1e6;
  expect_left_peer (b, "carol", 2000);
  g_test_message ("peer-left %.1f s after the instance died", seconds);
  g_assert_cmpfloat (seconds, <, 8.0);

  /* Carol's client reconnects to a live instance, with the same id. */
  cw = join_seeing (c.s[0], ROOM_A, "carol", a_b);
  expect_joined_peer (a, "carol");
  expect_joined_peer (b, "carol");
  ws_signal (cw, "bob", "back");
  ws_expect_signal (b, "carol", "back");
  ws_signal (b, "carol", "welcome");
  ws_expect_signal (cw, "bob", "welcome");

  ws_free (a);
  ws_free (b);
  ws_free (cw);
  cluster_stop (&c);
}

/* Redis goes away and comes back empty: each instance keeps its own
 * people talking, refuses joins with a reason, and the rooms are whole
 * again once it reconnects by itself. */
static void
test_redis_restart (void)
{
  Cluster c = { 0 };
  const char *const none[] = { NULL };
  const char *const a_only[] = { "alice", NULL };
  const char *const a_a2[] = { "alice", "alice2", NULL };
  const char *const all[] = { "alice", "alice2", "bob", NULL };
  Ws *a, *a2, *b, *cw;

  if (!cluster_start (&c, "8"))
    return;

  a = join_seeing (c.s[0], ROOM_A, "alice", none);
  a2 = join_seeing (c.s[0], ROOM_A, "alice2", a_only);
  expect_joined_peer (a, "alice2");
  b = join_seeing (c.s[1], ROOM_A, "bob", a_a2);
  expect_joined_peer (a, "bob");
  expect_joined_peer (a2, "bob");

  pp_test_redis_kill (c.redis);
  /* Those at the other instance cannot be reached: they are gone. */
  expect_left_peer (a, "bob", 3000);
  expect_left_peer (a2, "bob", 3000);
  expect_about (b, PP_SIGNAL_MSG_PEER_LEFT, a_a2, 3000);
  g_assert_cmpuint (pp_test_server_metric (c.s[0], "pairpad_signal_redis_up"), ==, 0);
  assert_ready (c.s[0], FALSE);
  g_assert_cmpuint (http_status (c.s[0], "/healthz"), ==, 200);
  expect_join_refused (c.s[0], ROOM_A, "carol", PP_SIGNAL_ERR_UNAVAILABLE);
  expect_join_refused (c.s[2], ROOM_B, "carol", PP_SIGNAL_ERR_UNAVAILABLE);
  ws_signal (a, "alice2", "still here");
  ws_expect_signal (a2, "alice", "still here");
  ws_signal (a, "bob", "unreachable");
  ws_expect_error (a, PP_SIGNAL_ERR_NO_SUCH_PEER);
  /* Retrying every second, and counting each failure. */
  wait_metric (c.s[0], "pairpad_signal_redis_errors_total", 3, 5000);

  pp_test_redis_restart (c.redis);
  for (guint i = 0; i < N_INSTANCES; i++)
    wait_metric (c.s[i], "pairpad_signal_redis_up", 1, 5000);
  assert_ready (c.s[0], TRUE);
  expect_joined_peer (a, "bob");
  expect_joined_peer (a2, "bob");
  expect_about (b, PP_SIGNAL_MSG_PEER_JOINED, a_a2, 5000);
  ws_signal (a, "bob", "again");
  ws_expect_signal (b, "alice", "again");
  ws_signal (b, "alice2", "hello again");
  ws_expect_signal (a2, "bob", "hello again");
  cw = join_seeing (c.s[2], ROOM_A, "carol", all);
  expect_joined_peer (a, "carol");
  expect_joined_peer (a2, "carol");
  expect_joined_peer (b, "carol");
  g_assert_cmpuint (pp_test_server_metric (c.s[0], "pairpad_signal_redis_connects_total"), ==, 2);
  ws_expect_silence (a, 300);

  ws_free (a);
  ws_free (a2);
  ws_free (b);
  ws_free (cw);
  cluster_stop (&c);
}

/* An instance stopped with SIGTERM gives its lease up: its people are
 * gone from the room at the next renewal of another, within a second or
 * so, not after the whole lease. */
static void
test_instance_stopped (void)
{
  Cluster c = { 0 };
  g_autofree char *join = pp_signal_build_join (ROOM_A, "carol", "carol");
  gboolean joined_carol = FALSE, left_carol = FALSE, left_bob = FALSE;
  gint64 stopped_at;
  double seconds;
  Ws *a, *b, *cw;

  if (!cluster_start (&c, "8"))
    return;

  alice_and_bob (&c, &a, &b);
  /* And one whose join may still be under way when the stop comes. */
  cw = ws_connect (c.s[1]->port);
  json_node_unref (ws_expect (cw, PP_SIGNAL_MSG_HELLO));
  ws_send_text (cw, join);

  stopped_at = g_get_monotonic_time ();
  pp_test_server_stop (c.s[1]);
  c.s[1] = NULL;
  g_assert_cmpuint (ws_wait_closed (b, 2000), ==, PP_SIGNAL_CLOSE_GOING_AWAY);
  /* Carol's join was made before the stop, or it was not; either way
   * everyone of that instance leaves. */
  while (!left_bob || joined_carol != left_carol)
    {
      g_autofree char *text = ws_recv (a, 3000);

      g_assert_nonnull (text);
      if (strstr (text, "\"peer-joined\"") && strstr (text, "\"carol\""))
        joined_carol = TRUE;
      else if (strstr (text, "\"peer-left\"") && strstr (text, "\"carol\""))
        left_carol = TRUE;
      else if (strstr (text, "\"peer-left\"") && strstr (text, "\"bob\""))
        left_bob = TRUE;
      else
        g_error ("unexpected: %s", text);
    }
  seconds = (g_get_monotonic_time () - stopped_at) / 1e6;
  g_test_message ("peer-left %.1f s after the stop; carol's join %s", seconds,
                  joined_carol ? "was made" : "was not");
  /* A lease left to run out would take 4 s or more. */
  g_assert_cmpfloat (seconds, <, 3.0);
  ws_free (a);
  ws_free (b);
  ws_free (cw);
  cluster_stop (&c);
}

/* Receives until a signal from FROM carrying DATA, passing over peers
 * leaving and joining again on the way. */
static void
expect_signal_after_churn (Ws         *ws,
                           const char *from,
                           const char *data)
{
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *text = ws_recv (ws, 5000);
      g_autofree char *want = NULL;

      g_assert_nonnull (text);
      if (strstr (text, "\"peer-left\"") || strstr (text, "\"peer-joined\""))
        continue;
      want = pp_signal_build_signal_from (from, data, NULL);
      g_assert_cmpstr (text, ==, want);
      return;
    }
  g_error ("no signal from %s", from);
}

/* An instance stops for longer than its lease (a stalled machine): the
 * others drop its people; when it runs again, they are back. */
static void
test_instance_frozen (void)
{
  Cluster c = { 0 };
  const char *pid;
  Ws *a, *b;

  if (!cluster_start (&c, "8"))
    return;

  alice_and_bob (&c, &a, &b);

  pid = g_subprocess_get_identifier (c.s[1]->process);
  g_assert_cmpint (kill (atoi (pid), SIGSTOP), ==, 0);
  expect_left_peer (a, "bob", 9000);
  g_assert_cmpint (kill (atoi (pid), SIGCONT), ==, 0);
  expect_joined_peer (a, "bob");
  ws_signal (a, "bob", "you were gone");
  expect_signal_after_churn (b, "alice", "you were gone");
  ws_signal (b, "alice", "back now");
  ws_expect_signal (a, "bob", "back now");
  /* Its connection to Redis was fine all along: it renewed its lease and
   * registered its people again, without reconnecting. */
  g_assert_cmpuint (pp_test_server_metric (c.s[1], "pairpad_signal_redis_connects_total"), ==, 1);

  ws_free (a);
  ws_free (b);
  cluster_stop (&c);
}

/* A Redis that asks for a password: the right one in the URL works; a
 * wrong one leaves the instance refusing joins and saying why. */
static void
test_password (void)
{
  PpTestRedis *redis = pp_test_redis_start_with_password ("s3cret/+ %41pass");
  g_autofree char *wrong = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;
  const char *const none[] = { NULL };
  PpTestServer *good, *bad;
  Ws *a;

  if (redis == NULL)
    return;
  /* The password, escaped for the URL as RFC 3986 wants. */
  escaped = g_uri_escape_string ("s3cret/+ %41pass", NULL, FALSE);
  url = g_strdup_printf ("redis://:%s@127.0.0.1:%u/0", escaped, redis->port);
  wrong = g_strdup_printf ("redis://:nope@127.0.0.1:%u", redis->port);
  good = pp_test_server_start (FALSE, "--redis", url, NULL);
  bad = pp_test_server_start (FALSE, "--redis", wrong, NULL);
  wait_metric (good, "pairpad_signal_redis_up", 1, 5000);
  a = join_seeing (good, ROOM_A, "alice", none);

  wait_metric (bad, "pairpad_signal_redis_errors_total", 2, 5000);
  g_assert_cmpuint (pp_test_server_metric (bad, "pairpad_signal_redis_up"), ==, 0);
  expect_join_refused (bad, ROOM_A, "bob", PP_SIGNAL_ERR_UNAVAILABLE);

  ws_free (a);
  pp_test_server_stop (good);
  pp_test_server_stop (bad);
  pp_test_redis_stop (redis);
}

/* Instances may reach Redis by IP address, by name (looked up without
 * blocking, each address tried in turn: "localhost" may give ::1 first,
 * where this Redis does not listen) or by Unix socket; the URL may come
 * from the environment. */
static void
test_addresses (void)
{
  PpTestRedis *redis = pp_test_redis_start ();
  const char *const none[] = { NULL };
  const char *const a_only[] = { "alice", NULL };
  const char *const a_b[] = { "alice", "bob", NULL };
  g_autofree char *by_name = NULL;
  PpTestServer *tcp, *local, *named;
  Ws *a, *b, *cw;

  if (redis == NULL)
    return;
  by_name = g_strdup_printf ("redis://localhost:%u", redis->port);
  named = pp_test_server_start (FALSE, "--redis", by_name, NULL);
  tcp = pp_test_server_start (FALSE, "--redis", redis->url, NULL);
  /* Given by its environment variable, as a container would. */
  g_setenv ("PAIRPAD_SIGNAL_REDIS", redis->socket_url, TRUE);
  local = pp_test_server_start (FALSE, NULL);
  g_unsetenv ("PAIRPAD_SIGNAL_REDIS");
  wait_metric (tcp, "pairpad_signal_redis_up", 1, 5000);
  wait_metric (local, "pairpad_signal_redis_up", 1, 5000);
  a = join_seeing (tcp, ROOM_A, "alice", none);
  b = join_seeing (local, ROOM_A, "bob", a_only);
  expect_joined_peer (a, "bob");
  ws_signal (b, "alice", "over the socket");
  ws_expect_signal (a, "bob", "over the socket");
  wait_metric (named, "pairpad_signal_redis_up", 1, 5000);
  cw = join_seeing (named, ROOM_A, "carol", a_b);
  expect_joined_peer (a, "carol");
  expect_joined_peer (b, "carol");
  ws_signal (cw, "bob", "by name");
  ws_expect_signal (b, "carol", "by name");

  ws_free (a);
  ws_free (b);
  ws_free (cw);
  pp_test_server_stop (tcp);
  pp_test_server_stop (local);
  pp_test_server_stop (named);
  pp_test_redis_stop (redis);
}

static void
test_bad_url (void)
{
  const char *binary = pp_test_server_binary ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL,
                (char *[]) { (char *) binary, "--listen", "127.0.0.1:0", "--redis", "http://x", NULL },
                NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "is not a Redis address"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/signal-cluster/spread", test_spread);
  g_test_add_func ("/signal-cluster/max-peers", test_max_peers);
  g_test_add_func ("/signal-cluster/instance-killed", test_instance_killed);
  g_test_add_func ("/signal-cluster/instance-stopped", test_instance_stopped);
  g_test_add_func ("/signal-cluster/instance-frozen", test_instance_frozen);
  g_test_add_func ("/signal-cluster/redis-restart", test_redis_restart);
  g_test_add_func ("/signal-cluster/password", test_password);
  g_test_add_func ("/signal-cluster/addresses", test_addresses);
  g_test_add_func ("/signal-cluster/bad-url", test_bad_url);
  return g_test_run ();
}

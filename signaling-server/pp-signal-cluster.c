/* pp-signal-cluster.c — rooms shared by several pairpad-signal instances
 *
 * hiredis speaks to Redis, through its GLib adapter, in the thread-default
 * main context of the thread that creates the cluster. A published
 * message is one line of tab-separated fields (peer ids, instance ids and
 * names hold no tab), the first two the origin and the kind:
 *
 *   ORIGIN S TO FROM DATA     a signal; DATA is the rest, as sent
 *   ORIGIN J PEER MODE NAME [ID NAME]...
 *                             PEER joined ("j") or joined again after a
 *                             lost connection ("r"); then who was in the
 *                             room before
 *   ORIGIN L PEER             PEER left, or its instance died
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <hiredis/hiredis.h>
#include <hiredis/async.h>
#include <hiredis/adapters/glib.h>

#include "pp-signal-cluster.h"

#define PREFIX "pairpad:"
#define INSTANCES PREFIX "instances"
/* How long connecting, or a lease renewal, may take before the connection
 * is dropped and made again. */
#define ANSWER_TIMEOUT (5 * G_USEC_PER_SEC)

/* Shared by the scripts: the Redis clock in milliseconds, and whether a
 * membership value ("INSTANCE\tNAME") belongs to instance I. */
#define LUA_PRELUDE \
  "local t = redis.call('TIME')\n" \
  "local now = t[1] * 1000 + math.floor(t[2] / 1000)\n" \
  "local function of(v, i) return string.sub(v, 1, #i + 1) == i .. '\\t' end\n"

/* KEYS: room hash, instances, this instance's room set.
 * ARGV: instance, peer, name, max peers, mode (j|r), room key.
 * Members of instances whose lease ran out are dropped on the way. */
static const char join_script[] =
  LUA_PRELUDE
  "local list, n = {}, 0\n"
  "local members = redis.call('HGETALL', KEYS[1])\n"
  "for i = 1, #members, 2 do\n"
  "  local id, v = members[i], members[i + 1]\n"
  "  local inst = string.match(v, '^[^\\t]*')\n"
  "  local lease = tonumber(redis.call('ZSCORE', KEYS[2], inst) or '0')\n"
  "  if inst ~= ARGV[1] and lease <= now then\n"
  "    redis.call('HDEL', KEYS[1], id)\n"
  "    redis.call('PUBLISH', KEYS[1], 'reaper\\tL\\t' .. id)\n"
  "  elseif id == ARGV[2] and ARGV[5] == 'j' then\n"
  "    return redis.error_reply('peer-id-taken')\n"
  "  elseif id ~= ARGV[2] then\n"
  "    n = n + 1\n"
  "    list[#list + 1] = id .. '\\t' .. string.sub(v, #inst + 2)\n"
  "  end\n"
  "end\n"
  "if ARGV[5] == 'j' and n >= tonumber(ARGV[4]) then\n"
  "  return redis.error_reply('room-full')\n"
  "end\n"
  "redis.call('HSET', KEYS[1], ARGV[2], ARGV[1] .. '\\t' .. ARGV[3])\n"
  "redis.call('SADD', KEYS[3], ARGV[6])\n"
  "local msg = ARGV[1] .. '\\tJ\\t' .. ARGV[2] .. '\\t' .. ARGV[5] .. '\\t' .. ARGV[3]\n"
  "if n > 0 then msg = msg .. '\\t' .. table.concat(list, '\\t') end\n"
  "redis.call('PUBLISH', KEYS[1], msg)\n"
  "return n\n";

/* KEYS: room hash, this instance's room set. ARGV: instance, peer, room key. */
static const char leave_script[] =
  LUA_PRELUDE
  "local v = redis.call('HGET', KEYS[1], ARGV[2])\n"
  "if v and of(v, ARGV[1]) then\n"
  "  redis.call('HDEL', KEYS[1], ARGV[2])\n"
  "  redis.call('PUBLISH', KEYS[1], ARGV[1] .. '\\tL\\t' .. ARGV[2])\n"
  "end\n"
  "for _, m in ipairs(redis.call('HVALS', KEYS[1])) do\n"
  "  if of(m, ARGV[1]) then return 1 end\n"
  "end\n"
  "redis.call('SREM', KEYS[2], ARGV[3])\n"
  "return 0\n";

/* KEYS: instances. ARGV: instance, lease in ms (0: give it up).
 * Renews this instance's lease, then removes the people of every
 * instance whose lease ran out and says in their rooms that they left.
 * Returns that count, and 1 if this instance's own lease had run out (its
 * people may have been removed). */
static const char lease_script[] =
  LUA_PRELUDE
  "local before = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '0')\n"
  "if tonumber(ARGV[2]) > 0 then\n"
  "  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])\n"
  "else\n"
  "  redis.call('ZADD', KEYS[1], 0, ARGV[1])\n"
  "  return {0, 0}\n"
  "end\n"
  "local gone = 0\n"
  "for _, inst in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do\n"
  "  local set = '" PREFIX "instance:' .. inst .. ':rooms'\n"
  "  for _, key in ipairs(redis.call('SMEMBERS', set)) do\n"
  "    local members = redis.call('HGETALL', key)\n"
  "    for i = 1, #members, 2 do\n"
  "      if of(members[i + 1], inst) then\n"
  "        redis.call('HDEL', key, members[i])\n"
  "        redis.call('PUBLISH', key, 'reaper\\tL\\t' .. members[i])\n"
  "        gone = gone + 1\n"
  "      end\n"
  "    end\n"
  "  end\n"
  "  redis.call('DEL', set)\n"
  "  redis.call('ZREM', KEYS[1], inst)\n"
  "end\n"
  "return {gone, before <= now and 1 or 0}\n";

typedef struct
{
  redisAsyncContext *ac;       /* freed by hiredis; NULL when none */
  GSource *source;             /* owned; outlives AC until the next attempt */
  gboolean ready;              /* its first command was answered */
} Link;

struct _PpSignalCluster
{
  PpSignalClusterCallbacks callbacks;
  gpointer user_data;
  GMainContext *context;       /* owned */

  char *host;                  /* owned; NULL for a socket path */
  GStrv addresses;             /* owned: HOST looked up, IP literals not yet tried */
  guint next_address;
  char *address;               /* owned: the IP literal of the last attempt */
  GCancellable *resolving;     /* owned while HOST is looked up */
  int port;
  char *path;                  /* owned; the Unix socket */
  char *user;                  /* owned, nullable */
  char *password;              /* owned, nullable */
  int db;
  char *instance;              /* owned: this instance's random id */
  char *instance_rooms;        /* owned: its room set's key */
  char *instance_channel;      /* owned: keeps the subscriber subscribed */

  Link sub;
  Link cmd;
  gboolean up;
  gboolean freeing;
  gint64 attempt_at;
  gint64 asked_at;             /* the oldest renewal not answered, or 0 */
  GSource *timer;              /* owned: every second, the lease or a retry */

  guint64 published;
  guint64 received;
  guint64 errors;
  guint64 connects;
  char *last_error;            /* owned, nullable: logged once per change */
};

typedef struct
{
  PpSignalCluster *cluster;
  PpClusterJoinReply reply;
  gpointer user_data;
} JoinCall;

static void lost (PpSignalCluster *self, const char *why);

static void
note_error (PpSignalCluster *self,
            const char      *what,
            const char      *why)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, why);

  self->errors++;
  if (g_strcmp0 (text, self->last_error) != 0)
    g_printerr ("pairpad-signal: redis %s\n", text);
  g_free (self->last_error);
  self->last_error = g_steal_pointer (&text);
}

/* hiredis's GLib adapter reads after it writes in one dispatch; after a
 * write that freed the context, it must not read. */
static void
link_forget (Link *link)
{
  if (link->source != NULL)
    ((RedisSource *) link->source)->poll_fd.revents = 0;
  link->ac = NULL;
  link->ready = FALSE;
}

/* Freeing answers the replies it awaited; on_disconnect then finds the
 * link forgotten already. */
static void
link_close (Link *link)
{
  redisAsyncContext *ac = link->ac;

  if (ac == NULL)
    return;
  link_forget (link);
  redisAsyncFree (ac);
}

static void
link_drop_source (Link *link)
{
  if (link->source != NULL)
    {
      g_source_destroy (link->source);
      g_clear_pointer (&link->source, g_source_unref);
    }
}

static Link *
link_of (PpSignalCluster   *self,
         redisAsyncContext *ac)
{
  return ac == self->sub.ac ? &self->sub : ac == self->cmd.ac ? &self->cmd : NULL;
}

/* Replies */

static gboolean
reply_ok (PpSignalCluster *self,
          redisReply      *reply,
          const char      *what)
{
  if (reply == NULL)
    return FALSE;
  if (reply->type == REDIS_REPLY_ERROR)
    {
      note_error (self, what, reply->str);
      return FALSE;
    }
  return TRUE;
}

static void
on_counted_reply (redisAsyncContext *ac,
                  void              *r,
                  void              *privdata)
{
  reply_ok (privdata, r, "command");
}

static void
maybe_up (PpSignalCluster *self)
{
  if (self->up || !self->sub.ready || !self->cmd.ready)
    return;
  self->up = TRUE;
  self->connects++;
  g_clear_pointer (&self->last_error, g_free);
  self->callbacks.up (self->user_data);
}

static void
on_lease_reply (redisAsyncContext *ac,
                void              *r,
                void              *privdata)
{
  PpSignalCluster *self = privdata;
  redisReply *reply = r;
  gboolean lapsed;

  if (!reply_ok (self, reply, "lease") || self->cmd.ac != ac)
    return;
  self->asked_at = 0;
  lapsed = reply->type == REDIS_REPLY_ARRAY && reply->elements == 2 &&
           reply->element[1]->type == REDIS_REPLY_INTEGER && reply->element[1]->integer == 1;
  if (self->up && lapsed)
    {
      note_error (self, "lease", "this instance's lease ran out; registering its people again");
      self->callbacks.lapsed (self->user_data);
    }
  self->cmd.ready = TRUE;
  maybe_up (self);
}

static void
renew_lease (PpSignalCluster *self,
             guint            lease_ms)
{
  g_autofree char *ms = g_strdup_printf ("%u", lease_ms);

  if (self->asked_at == 0)
    self->asked_at = g_get_monotonic_time ();
  redisAsyncCommand (self->cmd.ac, on_lease_reply, self, "EVAL %s 1 %s %s %s", lease_script,
                     INSTANCES, self->instance, ms);
}

/* A published message, split into fields that point into HEAD and REST. */
typedef struct
{
  GStrv head;                  /* ORIGIN, KIND, PEER, the rest */
  GStrv rest;
} Split;

static void
split_clear (Split *split)
{
  g_strfreev (split->head);
  g_strfreev (split->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Split, split_clear)

static gboolean
split_message (const char       *text,
               Split            *split,
               PpClusterMessage *msg)
{
  guint n;

  split->head = g_strsplit (text, "\t", 4);
  if (g_strv_length (split->head) < 3 || strlen (split->head[1]) != 1)
    return FALSE;
  memset (msg, 0, sizeof *msg);
  msg->origin = split->head[0];
  msg->kind = split->head[1][0];
  msg->peer = split->head[2];
  /* A signal's DATA is kept whole: it is the client's, tabs and all. */
  split->rest = g_strsplit (split->head[3] ? split->head[3] : "", "\t",
                            msg->kind == PP_CLUSTER_SIGNAL ? 2 : -1);
  n = g_strv_length (split->rest);
  switch (msg->kind)
    {
    case PP_CLUSTER_SIGNAL:
      if (n != 2)
        return FALSE;
      msg->from = split->rest[0];
      msg->data = split->rest[1];
      return TRUE;
    case PP_CLUSTER_JOIN:
      if (n < 2 || n % 2 != 0)
        return FALSE;
      msg->rejoin = g_str_equal (split->rest[0], "r");
      msg->name = split->rest[1];
      msg->members = (const char *const *) &split->rest[2];
      return TRUE;
    case PP_CLUSTER_LEAVE:
      return split->head[3] == NULL;
    default:
      return FALSE;
    }
}

/* Every reply of the subscribed connection: a (un)subscription confirmed
 * or a message. */
static void
on_subscription (redisAsyncContext *ac,
                 void              *r,
                 void              *privdata)
{
  PpSignalCluster *self = privdata;
  redisReply *reply = r;
  const char *kind;
  const char *channel;

  if (self->freeing || !reply_ok (self, reply, "subscription") ||
      reply->type != REDIS_REPLY_ARRAY || reply->elements != 3 ||
      reply->element[0]->type != REDIS_REPLY_STRING ||
      reply->element[1]->type != REDIS_REPLY_STRING)
    return;
  kind = reply->element[0]->str;
  channel = reply->element[1]->str;

  if (g_str_equal (channel, self->instance_channel))
    {
      self->sub.ready = TRUE;
      maybe_up (self);
    }
  else if (g_str_equal (kind, "subscribe"))
    self->callbacks.subscribed (channel, self->user_data);
  else if (g_str_equal (kind, "unsubscribe"))
    self->callbacks.unsubscribed (channel, self->user_data);
  else if (g_str_equal (kind, "message") && reply->element[2]->type == REDIS_REPLY_STRING)
    {
      g_auto(Split) split = { NULL };
      PpClusterMessage msg;

      self->received++;
      if (!split_message (reply->element[2]->str, &split, &msg))
        {
          note_error (self, "message", "a message on a room channel is malformed; dropped");
          return;
        }
      self->callbacks.message (channel, &msg, self->user_data);
    }
}

/* Connecting */

static void
on_connect (const redisAsyncContext *ac,
            int                      status)
{
  PpSignalCluster *self = ac->data;
  Link *link = link_of (self, (redisAsyncContext *) ac);

  /* Connected, the link is ready once its first command is answered. */
  if (link == NULL || status == REDIS_OK)
    return;
  /* hiredis frees AC when this returns. */
  note_error (self, "connect", ac->errstr);
  link_forget (link);
  lost (self, NULL);
}

static void
on_disconnect (const redisAsyncContext *ac,
               int                      status)
{
  PpSignalCluster *self = ac->data;
  Link *link = link_of (self, (redisAsyncContext *) ac);

  if (link == NULL)
    return;
  link_forget (link);
  if (!self->freeing)
    lost (self, status == REDIS_OK ? "the connection was closed" : ac->errstr);
}

static gboolean
link_open (PpSignalCluster *self,
           Link            *link)
{
  redisAsyncContext *ac = self->host ? redisAsyncConnect (self->address, self->port)
                                     : redisAsyncConnectUnix (self->path);

  if (ac == NULL)
    g_error ("hiredis: out of memory");
  if (ac->err)
    {
      note_error (self, "connect", ac->errstr);
      redisAsyncFree (ac);
      return FALSE;
    }
  ac->data = self;
  link->ac = ac;
  link->source = redis_source_new (ac);
  g_source_attach (link->source, self->context);
  redisAsyncSetConnectCallback (ac, on_connect);
  redisAsyncSetDisconnectCallback (ac, on_disconnect);

  /* Queued now, sent once connected. */
  if (self->password != NULL && self->user != NULL)
    redisAsyncCommand (ac, on_counted_reply, self, "AUTH %s %s", self->user, self->password);
  else if (self->password != NULL)
    redisAsyncCommand (ac, on_counted_reply, self, "AUTH %s", self->password);
  return TRUE;
}

static void connect_links (PpSignalCluster *self);

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GList *found = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  PpSignalCluster *self = user_data;
  GPtrArray *addresses;

  /* Cancelled: SELF is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->resolving);
  if (found == NULL)
    {
      note_error (self, "resolve", error->message);
      return;
    }
  addresses = g_ptr_array_new ();
  for (GList *l = found; l != NULL; l = l->next)
    g_ptr_array_add (addresses, g_inet_address_to_string (l->data));
  g_ptr_array_add (addresses, NULL);
  g_resolver_free_addresses (found);
  g_strfreev (self->addresses);
  self->addresses = (GStrv) g_ptr_array_free (addresses, FALSE);
  self->next_address = 0;
  connect_links (self);
}

static void
connect_links (PpSignalCluster *self)
{
  link_drop_source (&self->sub);
  link_drop_source (&self->cmd);
  self->attempt_at = g_get_monotonic_time ();
  self->asked_at = 0;
  if (self->resolving != NULL)
    return;
  /* hiredis would look a name up itself, blocking the loop. Each address
   * found is tried in turn; after the last, the name is looked up again
   * (Redis may have moved). */
  if (self->host != NULL && g_hostname_is_ip_address (self->host))
    {
      g_free (self->address);
      self->address = g_strdup (self->host);
    }
  else if (self->host != NULL && self->addresses == NULL)
    {
      self->resolving = g_cancellable_new ();
      g_resolver_lookup_by_name_async (g_resolver_get_default (), self->host, self->resolving,
                                       on_resolved, self);
      return;
    }
  else if (self->host != NULL)
    {
      g_free (self->address);
      self->address = g_strdup (self->addresses[self->next_address++]);
      if (self->addresses[self->next_address] == NULL)
        g_clear_pointer (&self->addresses, g_strfreev);
    }
  if (!link_open (self, &self->sub) || !link_open (self, &self->cmd))
    {
      lost (self, NULL);
      return;
    }
  if (self->db != 0)
    redisAsyncCommand (self->cmd.ac, on_counted_reply, self, "SELECT %d", self->db);
  redisAsyncCommand (self->sub.ac, on_subscription, self, "SUBSCRIBE %s", self->instance_channel);
  renew_lease (self, PP_CLUSTER_LEASE_MS);
}

/* One link failed: close the other too, and start again from nothing. */
static void
lost (PpSignalCluster *self,
      const char      *why)
{
  gboolean was_up = self->up;

  if (why != NULL)
    note_error (self, "connection lost", why);
  self->up = FALSE;
  link_close (&self->sub);
  link_close (&self->cmd);
  if (was_up && !self->freeing)
    self->callbacks.down (self->user_data);
}

static gboolean
on_second (gpointer user_data)
{
  PpSignalCluster *self = user_data;
  gint64 now = g_get_monotonic_time ();

  /* Measured from the question: after this process itself stalled, the
   * connection is fine and only the lease needs renewing. */
  if (self->up && self->asked_at != 0 && now - self->asked_at > ANSWER_TIMEOUT)
    lost (self, "Redis did not answer for 5 s");
  if (self->up)
    renew_lease (self, PP_CLUSTER_LEASE_MS);
  else if (self->sub.ac == NULL && self->cmd.ac == NULL)
    connect_links (self);
  else if (now - self->attempt_at > ANSWER_TIMEOUT)
    {
      lost (self, "Redis did not answer within 5 s");
      connect_links (self);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_url (PpSignalCluster *self,
           const char      *url,
           GError         **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH,
                                     NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  const char *path = uri ? g_uri_get_path (uri) : NULL;

  if (uri != NULL && g_str_equal (scheme, "unix") && path[0] == '/')
    {
      self->path = g_uri_unescape_string (path, NULL);
      return TRUE;
    }
  if (uri == NULL || !g_str_equal (scheme, "redis") || g_uri_get_host (uri) == NULL ||
      (path[0] != '\0' && !g_str_equal (path, "/") &&
       !g_ascii_string_to_signed (path + 1, 10, 0, 15, NULL, NULL)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a Redis address: use redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] "
                   "or unix:///PATH",
                   url);
      return FALSE;
    }
  self->host = g_strdup (g_uri_get_host (uri));
  self->port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 6379;
  if (path[0] == '/' && path[1] != '\0')
    self->db = atoi (path + 1);
  /* GUri has decoded them already. */
  if (g_uri_get_password (uri) != NULL && *g_uri_get_password (uri) != '\0')
    {
      self->password = g_strdup (g_uri_get_password (uri));
      if (g_uri_get_user (uri) != NULL && *g_uri_get_user (uri) != '\0')
        self->user = g_strdup (g_uri_get_user (uri));
    }
  return TRUE;
}

static void
clear_address (PpSignalCluster *self)
{
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->addresses, g_strfreev);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->user, g_free);
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
}

gboolean
pp_signal_cluster_check_url (const char *url,
                             GError    **error)
{
  PpSignalCluster probe = { 0 };
  gboolean ok = parse_url (&probe, url, error);

  clear_address (&probe);
  return ok;
}

PpSignalCluster *
pp_signal_cluster_new (const char                     *url,
                       const PpSignalClusterCallbacks *callbacks,
                       gpointer                        user_data,
                       GError                        **error)
{
  PpSignalCluster *self = g_new0 (PpSignalCluster, 1);

  if (!parse_url (self, url, error))
    {
      pp_signal_cluster_free (self);
      return NULL;
    }
  self->callbacks = *callbacks;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();
  self->instance = g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
  self->instance_rooms = g_strdup_printf (PREFIX "instance:%s:rooms", self->instance);
  self->instance_channel = g_strdup_printf (PREFIX "instance:%s", self->instance);
  connect_links (self);
  self->timer = g_timeout_source_new_seconds (1);
  g_source_set_callback (self->timer, on_second, self, NULL);
  g_source_attach (self->timer, self->context);
  return self;
}

/* Gives up the lease over a connection of its own: the event loop is
 * not run again, and the process is stopping anyway. */
static void
release_lease (PpSignalCluster *self)
{
  struct timeval timeout = { 0, 500000 };
  redisContext *c = self->host ? redisConnectWithTimeout (self->address, self->port, timeout)
                               : redisConnectUnixWithTimeout (self->path, timeout);
  redisReply *reply = NULL;

  if (c != NULL && c->err == 0 && redisSetTimeout (c, timeout) == REDIS_OK)
    {
      if (self->password != NULL && self->user != NULL)
        reply = redisCommand (c, "AUTH %s %s", self->user, self->password);
      else if (self->password != NULL)
        reply = redisCommand (c, "AUTH %s", self->password);
      g_clear_pointer (&reply, freeReplyObject);
      reply = redisCommand (c, "EVAL %s 1 %s %s 0", lease_script, INSTANCES, self->instance);
      g_clear_pointer (&reply, freeReplyObject);
    }
  if (c != NULL)
    redisFree (c);
}

void
pp_signal_cluster_free (PpSignalCluster *self)
{
  if (self == NULL)
    return;
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  self->freeing = TRUE;
  if (self->resolving != NULL)
    {
      /* Its callback sees the cancellation and leaves SELF alone. */
      g_cancellable_cancel (self->resolving);
      g_clear_object (&self->resolving);
    }
  if (self->up)
    release_lease (self);
  lost (self, NULL);
  link_drop_source (&self->sub);
  link_drop_source (&self->cmd);
  g_clear_pointer (&self->context, g_main_context_unref);
  clear_address (self);
  g_free (self->instance);
  g_free (self->instance_rooms);
  g_free (self->instance_channel);
  g_free (self->last_error);
  g_free (self);
}

gboolean
pp_signal_cluster_is_up (PpSignalCluster *self)
{
  return self->up;
}

gboolean
pp_signal_cluster_is_mine (PpSignalCluster        *self,
                           const PpClusterMessage *msg)
{
  return g_str_equal (msg->origin, self->instance);
}

char *
pp_signal_cluster_room_key (const char *room)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, room, -1);

  return g_strconcat (PREFIX "room:", hash, NULL);
}

/* Commands */

void
pp_signal_cluster_subscribe (PpSignalCluster *self,
                             const char      *key)
{
  if (self->up)
    redisAsyncCommand (self->sub.ac, on_subscription, self, "SUBSCRIBE %s", key);
}

void
pp_signal_cluster_unsubscribe (PpSignalCluster *self,
                               const char      *key)
{
  if (self->up)
    redisAsyncCommand (self->sub.ac, on_subscription, self, "UNSUBSCRIBE %s", key);
}

void
pp_signal_cluster_publish_signal (PpSignalCluster *self,
                                  const char      *key,
                                  const char      *to,
                                  const char      *from,
                                  const char      *data)
{
  g_autofree char *text = NULL;

  if (!self->up)
    return;
  text = g_strjoin ("\t", self->instance, "S", to, from, data, NULL);
  redisAsyncCommand (self->cmd.ac, on_counted_reply, self, "PUBLISH %s %s", key, text);
  self->published++;
}

static void
on_join_reply (redisAsyncContext *ac,
               void              *r,
               void              *privdata)
{
  JoinCall *call = privdata;
  redisReply *reply = r;
  /* Redis 7 puts "ERR " before a script's own error. */
  const char *code = reply == NULL || reply->type != REDIS_REPLY_ERROR ? NULL
                     : g_str_has_prefix (reply->str, "ERR ") ? reply->str + 4
                                                              : reply->str;

  if (reply == NULL)
    call->reply ("the connection to Redis was lost", call->user_data);
  else if (code != NULL && (g_str_equal (code, "room-full") || g_str_equal (code, "peer-id-taken")))
    call->reply (code, call->user_data);
  else if (reply->type == REDIS_REPLY_ERROR)
    {
      note_error (call->cluster, "join", reply->str);
      call->reply (reply->str, call->user_data);
    }
  else
    call->reply (NULL, call->user_data);
  g_free (call);
}

void
pp_signal_cluster_join (PpSignalCluster    *self,
                        const char         *key,
                        const char         *peer,
                        const char         *name,
                        guint               max_peers,
                        gboolean            rejoin,
                        PpClusterJoinReply  reply,
                        gpointer            user_data)
{
  JoinCall *call;
  g_autofree char *max = g_strdup_printf ("%u", max_peers);

  if (!self->up)
    {
      reply ("the server is not connected to Redis", user_data);
      return;
    }
  call = g_new0 (JoinCall, 1);
  call->cluster = self;
  call->reply = reply;
  call->user_data = user_data;
  redisAsyncCommand (self->cmd.ac, on_join_reply, call, "EVAL %s 3 %s %s %s %s %s %s %s %s %s",
                     join_script, key, INSTANCES, self->instance_rooms, self->instance, peer, name,
                     max, rejoin ? "r" : "j", key);
}

void
pp_signal_cluster_leave (PpSignalCluster *self,
                         const char      *key,
                         const char      *peer)
{
  if (self->up)
    redisAsyncCommand (self->cmd.ac, on_counted_reply, self, "EVAL %s 2 %s %s %s %s %s",
                       leave_script, key, self->instance_rooms, self->instance, peer, key);
}

void
pp_signal_cluster_append_metrics (PpSignalCluster *self,
                                  GString         *out)
{
#define METRIC(name, type, help) "# HELP " name " " help "\n# TYPE " name " " type "\n"
#define FORMAT_U64 "%" G_GUINT64_FORMAT "\n"
  g_string_append_printf (out,
                          METRIC ("pairpad_signal_redis_up", "gauge",
                                  "Whether the connection to Redis works.")
                          "pairpad_signal_redis_up %d\n"
                          METRIC ("pairpad_signal_redis_messages_total", "counter",
                                  "Messages through Redis pub/sub.")
                          "pairpad_signal_redis_messages_total{direction=\"out\"} " FORMAT_U64
                          "pairpad_signal_redis_messages_total{direction=\"in\"} " FORMAT_U64
                          METRIC ("pairpad_signal_redis_errors_total", "counter",
                                  "Failed connections and commands.")
                          "pairpad_signal_redis_errors_total " FORMAT_U64
                          METRIC ("pairpad_signal_redis_connects_total", "counter",
                                  "Times the connection to Redis was made.")
                          "pairpad_signal_redis_connects_total " FORMAT_U64,
                          self->up, self->published, self->received, self->errors, self->connects);
#undef FORMAT_U64
#undef METRIC
}

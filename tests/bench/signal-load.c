/* signal-load.c — one load client for a signaling server, for signal-compare
 *
 * Drives either pairpad-signal (protocol "pairpad": join a room, address a
 * signal to a peer) or a y-webrtc signaling server (protocol "ywebrtc":
 * subscribe to a topic, publish to it) over plain WebSocket on loopback,
 * in three phases:
 *
 *  1. idle: open --idle connections in rooms of two, count those that got
 *     in, hold them --hold seconds, then ping each and count the pongs. The
 *     server's VmRSS before and after gives the memory per connection. The
 *     idle connections stay open through phases 2 and 3 (unless
 *     --close-idle), as a busy server would hold them.
 *  2. relay: --pairs rooms of two play ping-pong: A addresses B, B answers
 *     each message, A sends a new one on each answer, with --windows
 *     messages in flight per pair so that the server, not the round trip,
 *     sets the pace. The best relay rate over the windows is the maximum.
 *  3. latency: the same pairs send open-loop at half that maximum, each
 *     message stamped with the time it was due (CLOCK_MONOTONIC), and the
 *     addressee, in this same process, records how late it arrived.
 *
 * A relay is counted only when the peer a message is for receives it. A
 * y-webrtc server also delivers every publish back to its sender; those
 * echoes are read and discarded, never counted.
 *
 * One thread, epoll, non-blocking sockets and a minimal WebSocket client
 * (RFC 6455): the client must cost less than the server it measures.
 * Prints name=value lines, each name ending in _<--name>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "pp-signal-protocol.h"

#define READ_BUF_SIZE (512 * 1024)
#define MAX_SERVER_FRAME (256 * 1024)
#define MAX_OPENING 256          /* connections between connect() and ready */
#define PACE_TICK_NS 200000      /* the pacer's timer, phase 3 */
#define WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
/* The data of every relayed message: the marker, the sender's role, then
 * 16 hex digits of the time it was due, then padding. */
#define MARKER "pp-"
#define STAMP_DIGITS 16

typedef enum
{
  PROTO_PAIRPAD,
  PROTO_YWEBRTC,
} Protocol;

typedef enum
{
  MODE_QUIET,     /* relayed messages are counted, never answered */
  MODE_PINGPONG,  /* phase 2 */
  MODE_PACED,     /* phase 3 */
} Mode;

typedef enum
{
  CONN_FREE,
  CONN_CONNECTING,
  CONN_HANDSHAKE,
  CONN_WAIT_HELLO,
  CONN_WAIT_READY,
  CONN_READY,
  CONN_CLOSED,
} ConnState;

typedef struct
{
  int fd;
  guint8 state;
  char role;              /* 'A' or 'B' */
  guint relay : 1;        /* one of the pairs of phases 2 and 3 */
  guint flushing : 1;     /* on the flush list */
  guint polling_out : 1;
  guint pong_seen : 1;
  guint room;
  char *msg;              /* owned; relay message of this sender */
  guint msg_len;
  guint stamp_at;         /* offset of the stamp digits in msg */
  char key[25];           /* Sec-WebSocket-Key, until the upgrade */
  guint8 *in;             /* owned; an incomplete frame */
  guint in_len;
  guint8 *out;            /* owned; frames not yet written */
  guint out_len;
  guint out_cap;
} Conn;

typedef struct
{
  /* options */
  Protocol protocol;
  char *name;
  char *host;
  int port;
  int port_b;               /* the second peer of each pair, if not 0 */
  char *path;
  int server_pid;
  int server_pid_b;
  int n_idle;
  int hold_s;
  int n_pairs;
  char *windows;
  double warmup_s;
  double measure_s;
  double latency_s;
  double paced_rate;
  double paced_fraction;
  double also_paced_rate;
  char *also_paced_label;
  const char *tail;         /* appended to printed names, or NULL */
  int payload;
  gboolean close_idle;

  struct sockaddr_in addr;
  struct sockaddr_in addr_b;
  int epfd;
  int timerfd;
  guint8 *rbuf;
  guint32 rng;
  Mode mode;
  GPtrArray *flush;       /* Conn* with frames to write */
  char *ping_msg;         /* y-webrtc: asks for its "pong" once subscribed */

  guint opening;          /* connections not yet ready nor closed */
  guint ready;
  guint lost;             /* ready connections the server closed */
  guint failed;           /* connections that never became ready */
  guint errors;           /* error messages from the server */
  guint64 relays;         /* messages received by their addressee */
  guint64 echoes;         /* y-webrtc: own publishes, discarded */
  gint64 in_flight;

  /* phase 3 */
  gint64 record_from;
  gint64 record_until;
  guint32 *latency;       /* nanoseconds */
  gsize n_latency;
  gsize latency_cap;
} Bench;

static Bench b;
static int timer_tag;     /* the epoll tag of the pacer's timerfd */

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static guint32
rng_next (void)
{
  guint32 x = b.rng;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return b.rng = x;
}

static void
print_value (const char *what,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
print_value (const char *what,
             const char *format,
             ...)
{
  va_list args;

  printf ("%s_%s%s%s=", what, b.name, b.tail ? "_" : "", b.tail ? b.tail : "");
  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

/* /proc readings */

static long
server_rss_kb (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", b.server_pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, "\nVmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("\nVmRSS:"), NULL, 10);
}

/* utime + stime in clock ticks, all threads. */
static guint64
cpu_ticks (int pid)
{
  g_autofree char *path = pid ? g_strdup_printf ("/proc/%d/stat", pid) : g_strdup ("/proc/self/stat");
  g_autofree char *text = NULL;
  guint64 utime = 0, stime = 0;
  const char *p;

  /* The command name may hold spaces: count fields after its ')'. */
  if (!g_file_get_contents (path, &text, NULL, NULL) || (p = strrchr (text, ')')) == NULL)
    return 0;
  if (sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
              &utime, &stime) != 2)
    return 0;
  return utime + stime;
}

typedef struct
{
  gint64 at;
  guint64 server;         /* both servers' with --server-pid-b */
  guint64 client;
  guint64 relays;
} Sample;

static Sample
sample (void)
{
  guint64 server = cpu_ticks (b.server_pid) + (b.server_pid_b ? cpu_ticks (b.server_pid_b) : 0);

  return (Sample) { now_ns (), server, cpu_ticks (0), b.relays };
}

static double
cpu_pct (guint64 ticks,
         gint64  ns)
{
  return 100.0 * ticks / sysconf (_SC_CLK_TCK) / (ns / 1e9);
}

/* Messages, built once with json-glib */

static char *
generate (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static void
add_member (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static char *
room_id (const Conn *c)
{
  /* 22 base64url characters, as pairpad wants; y-webrtc takes any topic. */
  return g_strdup_printf ("%c%021u", c->relay ? 'r' : 'i', c->room);
}

/* pairpad: join (the protocol's own builder); y-webrtc: subscribe. */
static char *
build_enter (const Conn *c)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *room = room_id (c);
  char peer[2] = { g_ascii_tolower (c->role), 0 };

  if (b.protocol == PROTO_PAIRPAD)
    return pp_signal_build_join (room, peer, "bench");

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_member (builder, "type", "subscribe");
  json_builder_set_member_name (builder, "topics");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, room);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return generate (builder);
}

/* The relay message this sender repeats, its stamp overwritten each time:
 * pairpad addresses the other peer, y-webrtc publishes to the room. */
static void
build_relay_msg (Conn *c)
{
  g_autofree char *room = room_id (c);
  GString *data = g_string_new (MARKER);
  char to[2] = { c->role == 'A' ? 'b' : 'a', 0 };
  gsize len;
  const char *stamp;

  g_string_append_c (data, c->role);
  g_string_append_c (data, '-');
  for (int i = 0; i < STAMP_DIGITS; i++)
    g_string_append_c (data, '0');
  g_string_append_c (data, '-');
  while ((int) data->len < b.payload)
    g_string_append_c (data, 'x');

  if (b.protocol == PROTO_PAIRPAD)
    c->msg = pp_signal_build_signal_to (to, data->str);
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_member (builder, "type", "publish");
      add_member (builder, "topic", room);
      add_member (builder, "data", data->str);
      json_builder_end_object (builder);
      c->msg = generate (builder);
    }
  len = strlen (c->msg);
  c->msg_len = len;
  stamp = memmem (c->msg, len, data->str, data->len);
  g_assert (stamp != NULL);
  c->stamp_at = stamp - c->msg + strlen (MARKER) + 2;
  g_string_free (data, TRUE);
}

/* Sending */

static void
conn_watch (Conn    *c,
            gboolean out)
{
  struct epoll_event ev = { .events = EPOLLIN | (out ? EPOLLOUT : 0), .data.ptr = c };

  if (epoll_ctl (b.epfd, EPOLL_CTL_MOD, c->fd, &ev) == 0)
    c->polling_out = out;
}

static guint8 *
conn_reserve (Conn *c,
              gsize len)
{
  if (c->out_len + len > c->out_cap)
    {
      c->out_cap = MAX (c->out_cap * 2, MAX (c->out_len + len, 1024));
      c->out = g_realloc (c->out, c->out_cap);
    }
  if (!c->flushing)
    {
      c->flushing = TRUE;
      g_ptr_array_add (b.flush, c);
    }
  return c->out + c->out_len;
}

/* Appends a masked frame's header and returns where its payload goes; the
 * caller fills it, then masks it with frame_mask(). */
static guint8 *
frame_begin (Conn    *c,
             guint8   opcode,
             gsize    len,
             guint32 *mask)
{
  guint8 *p = conn_reserve (c, len + 14);
  guint8 *start = p;

  *p++ = 0x80 | opcode;
  if (len < 126)
    *p++ = 0x80 | len;
  else if (len < 65536)
    {
      *p++ = 0x80 | 126;
      *p++ = len >> 8;
      *p++ = len;
    }
  else
    {
      *p++ = 0x80 | 127;
      for (int i = 7; i >= 0; i--)
        *p++ = (guint64) len >> (8 * i);
    }
  *mask = rng_next ();
  memcpy (p, mask, 4);
  p += 4;
  c->out_len += (p - start) + len;
  return p;
}

static void
frame_mask (guint8 *p,
            gsize   len,
            guint32 mask)
{
  guint64 wide = ((guint64) mask << 32) | mask;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, p + i, 8);
      w ^= wide;
      memcpy (p + i, &w, 8);
    }
  for (; i < len; i++)
    p[i] ^= ((guint8 *) &mask)[i & 3];
}

static void
send_frame (Conn       *c,
            guint8      opcode,
            const void *data,
            gsize       len)
{
  guint32 mask;
  guint8 *p = frame_begin (c, opcode, len, &mask);

  memcpy (p, data, len);
  frame_mask (p, len, mask);
}

static void
send_text (Conn       *c,
           const char *text)
{
  send_frame (c, 0x1, text, strlen (text));
}

static void
send_relay (Conn  *c,
            gint64 stamp)
{
  static const char hex[] = "0123456789abcdef";
  guint32 mask;
  guint8 *p = frame_begin (c, 0x1, c->msg_len, &mask);

  memcpy (p, c->msg, c->msg_len);
  for (int i = STAMP_DIGITS - 1; i >= 0; i--, stamp >>= 4)
    p[c->stamp_at + i] = hex[stamp & 0xf];
  frame_mask (p, c->msg_len, mask);
  b.in_flight++;
}

/* Connections */

static void
conn_close (Conn *c)
{
  if (c->state == CONN_CLOSED || c->state == CONN_FREE)
    return;
  if (c->state == CONN_READY)
    {
      b.ready--;
      b.lost++;
    }
  else
    {
      b.opening--;
      b.failed++;
    }
  close (c->fd);
  c->fd = -1;
  c->state = CONN_CLOSED;
  g_clear_pointer (&c->in, g_free);
  g_clear_pointer (&c->out, g_free);
  c->in_len = c->out_len = c->out_cap = 0;
}

static void
conn_ready (Conn *c)
{
  c->state = CONN_READY;
  b.opening--;
  b.ready++;
}

/* Returns 0 or the errno that stopped the connection. */
static int
conn_start (Conn *c)
{
  struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.ptr = c };
  /* With a second server, the second peer of each room goes there. */
  const struct sockaddr_in *to = c->role == 'B' && b.port_b ? &b.addr_b : &b.addr;
  int one = 1;
  int err;

  c->fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (c->fd >= 0)
    setsockopt (c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (c->fd < 0 || (connect (c->fd, (struct sockaddr *) to, sizeof *to) < 0 && errno != EINPROGRESS))
    {
      err = errno;
      if (b.failed < 5)
        g_printerr ("signal-load: connect: %s\n", g_strerror (err));
      if (c->fd >= 0)
        close (c->fd);
      c->fd = -1;
      c->state = CONN_CLOSED;
      b.failed++;
      return err;
    }
  epoll_ctl (b.epfd, EPOLL_CTL_ADD, c->fd, &ev);
  c->polling_out = TRUE;
  c->state = CONN_CONNECTING;
  b.opening++;
  return 0;
}

static void
conn_connected (Conn *c)
{
  guint8 raw[16];
  g_autofree char *key = NULL;
  g_autofree char *request = NULL;
  int err = 0;
  socklen_t len = sizeof err;

  if (getsockopt (c->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err != 0)
    {
      if (b.failed < 5)
        g_printerr ("signal-load: connect: %s\n", g_strerror (err ? err : errno));
      conn_close (c);
      return;
    }
  for (guint i = 0; i < sizeof raw; i += 4)
    {
      guint32 r = rng_next ();
      memcpy (raw + i, &r, 4);
    }
  key = g_base64_encode (raw, sizeof raw);
  g_strlcpy (c->key, key, sizeof c->key);
  request = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\n"
                             "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                             "Sec-WebSocket-Version: 13\r\n\r\n", b.path, b.host, b.port, key);
  memcpy (conn_reserve (c, strlen (request)), request, strlen (request));
  c->out_len += strlen (request);
  c->state = CONN_HANDSHAKE;
}

/* Checks the 101 answer; returns the bytes it took, 0 while incomplete and
 * -1 when it is no upgrade. */
static gssize
parse_upgrade (Conn   *c,
               guint8 *buf,
               gsize   len)
{
  const guint8 *end = memmem (buf, len, "\r\n\r\n", 4);
  g_autoptr(GChecksum) sha1 = NULL;
  g_autofree char *head = NULL;
  g_autofree char *expect = NULL;
  g_auto(GStrv) lines = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  gboolean accepted = FALSE;

  if (end == NULL)
    return len > 16384 ? -1 : 0;
  head = g_strndup ((const char *) buf, end - buf);
  if (!g_str_has_prefix (head, "HTTP/1.1 101"))
    {
      if (b.failed < 5)
        g_printerr ("signal-load: no upgrade: %.*s\n", (int) strcspn (head, "\r"), head);
      return -1;
    }
  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, (const guchar *) c->key, -1);
  g_checksum_update (sha1, (const guchar *) WS_GUID, -1);
  g_checksum_get_digest (sha1, digest, &digest_len);
  expect = g_base64_encode (digest, digest_len);
  lines = g_strsplit (head, "\r\n", -1);
  for (guint i = 1; lines[i]; i++)
    if (g_ascii_strncasecmp (lines[i], "Sec-WebSocket-Accept:", 21) == 0)
      accepted = g_str_equal (g_strstrip (lines[i] + 21), expect);
  if (!accepted)
    {
      g_printerr ("signal-load: the server's Sec-WebSocket-Accept is wrong\n");
      return -1;
    }
  return end + 4 - buf;
}

static void
on_upgraded (Conn *c)
{
  if (b.protocol == PROTO_PAIRPAD)
    c->state = CONN_WAIT_HELLO;
  else
    {
      g_autofree char *subscribe = build_enter (c);

      /* The server answers "ping" only after the subscribe before it. */
      send_text (c, subscribe);
      send_text (c, b.ping_msg);
      c->state = CONN_WAIT_READY;
    }
}

static gboolean
has (const guint8 *p,
     gsize         len,
     const char   *what)
{
  return memmem (p, len, what, strlen (what)) != NULL;
}

static void
on_relayed (Conn         *c,
            const guint8 *stamp_hex)
{
  gint64 now, stamp = 0;

  b.relays++;
  b.in_flight--;
  switch (b.mode)
    {
    case MODE_PINGPONG:
      /* B answers every message; A sends a new one on every answer. */
      send_relay (c, 0);
      break;
    case MODE_PACED:
      now = now_ns ();
      for (int i = 0; i < STAMP_DIGITS; i++)
        stamp = (stamp << 4) | g_ascii_xdigit_value (stamp_hex[i]);
      if (stamp >= b.record_from && stamp < b.record_until && b.n_latency < b.latency_cap)
        b.latency[b.n_latency++] = MIN (now - stamp, (gint64) G_MAXUINT32);
      break;
    case MODE_QUIET:
      break;
    }
}

static void
on_text (Conn         *c,
         const guint8 *p,
         gsize         len)
{
  const guint8 *mark;

  if (c->state == CONN_READY && c->relay &&
      (mark = memmem (p, len, MARKER, strlen (MARKER))) != NULL &&
      (gsize) (mark - p) + strlen (MARKER) + 2 + STAMP_DIGITS <= len)
    {
      /* y-webrtc hands a publish to its sender too: not a relay. */
      if (mark[strlen (MARKER)] == c->role)
        b.echoes++;
      else
        on_relayed (c, mark + strlen (MARKER) + 2);
      return;
    }
  if (has (p, len, "\"type\":\"error\""))
    {
      if (b.errors++ < 5)
        g_printerr ("signal-load: server error: %.*s\n", (int) MIN (len, 300), p);
      return;
    }
  switch (c->state)
    {
    case CONN_WAIT_HELLO:
      if (has (p, len, "\"type\":\"hello\""))
        {
          g_autofree char *join = build_enter (c);

          send_text (c, join);
          c->state = CONN_WAIT_READY;
        }
      break;
    case CONN_WAIT_READY:
      /* Ours: ready once the other of the room is known, from "joined" or
       * a later "peer-joined". Until then its server may not know it
       * either: with several servers, it learns of it through Redis. */
      if (b.protocol == PROTO_YWEBRTC)
        {
          if (has (p, len, "\"type\":\"pong\""))
            conn_ready (c);
        }
      else if (has (p, len, "\"type\":\"peer-joined\"") ||
               (has (p, len, "\"type\":\"joined\"") && !has (p, len, "\"peers\":[]")))
        conn_ready (c);
      break;
    default:
      break;
    }
}

/* Parses whole frames; returns the bytes taken, -1 on a protocol error or
 * when the connection closed meanwhile. */
static gssize
parse_frames (Conn   *c,
              guint8 *buf,
              gsize   len)
{
  gsize pos = 0;

  while (len - pos >= 2)
    {
      guint8 b0 = buf[pos], b1 = buf[pos + 1];
      guint64 plen = b1 & 0x7f;
      gsize hdr = 2;
      guint8 *p;

      if (b1 & 0x80)
        return -1; /* a server never masks */
      if (plen == 126)
        {
          if (len - pos < 4)
            break;
          plen = (buf[pos + 2] << 8) | buf[pos + 3];
          hdr = 4;
        }
      else if (plen == 127)
        {
          if (len - pos < 10)
            break;
          plen = 0;
          for (int i = 0; i < 8; i++)
            plen = (plen << 8) | buf[pos + 2 + i];
          hdr = 10;
        }
      if (plen > MAX_SERVER_FRAME)
        return -1;
      if (len - pos - hdr < plen)
        break;
      p = buf + pos + hdr;
      pos += hdr + plen;
      /* Neither server splits its messages: a fragment is an error here. */
      if (!(b0 & 0x80))
        return -1;
      switch (b0 & 0x0f)
        {
        case 0x1:
          on_text (c, p, plen);
          break;
        case 0x8:
          return -1;
        case 0x9:
          send_frame (c, 0xa, p, plen);
          break;
        case 0xa:
          c->pong_seen = TRUE;
          break;
        default:
          return -1;
        }
      if (c->state == CONN_CLOSED)
        return -1;
    }
  return pos;
}

static void
conn_readable (Conn *c)
{
  for (;;)
    {
      gsize have = c->in_len;
      gsize total;
      gssize n, took, upgrade = 0;

      if (have)
        memcpy (b.rbuf, c->in, have);
      n = read (c->fd, b.rbuf + have, READ_BUF_SIZE - have);
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
      if (n <= 0)
        {
          conn_close (c);
          return;
        }
      total = have + n;
      if (c->state == CONN_HANDSHAKE)
        {
          upgrade = parse_upgrade (c, b.rbuf, total);
          if (upgrade < 0)
            {
              conn_close (c);
              return;
            }
          if (upgrade > 0)
            on_upgraded (c);
        }
      took = upgrade;
      if (c->state != CONN_HANDSHAKE)
        {
          gssize framed = parse_frames (c, b.rbuf + upgrade, total - upgrade);

          if (framed < 0)
            {
              conn_close (c);
              return;
            }
          took += framed;
        }
      g_free (c->in);
      c->in_len = total - took;
      c->in = c->in_len ? g_memdup2 (b.rbuf + took, c->in_len) : NULL;
      if ((gsize) n < READ_BUF_SIZE - have)
        return;
    }
}

static void
conn_flush (Conn *c)
{
  gssize n;

  if (c->state == CONN_CLOSED || c->out_len == 0)
    return;
  n = write (c->fd, c->out, c->out_len);
  if (n < 0 && errno != EAGAIN && errno != EINTR)
    {
      conn_close (c);
      return;
    }
  if (n > 0)
    {
      memmove (c->out, c->out + n, c->out_len - n);
      c->out_len -= n;
    }
  if ((c->out_len > 0) != c->polling_out)
    conn_watch (c, c->out_len > 0);
}

/* The event loop */

static void pace (void);

static void
loop_once (int timeout_ms)
{
  struct epoll_event events[256];
  int n = epoll_wait (b.epfd, events, G_N_ELEMENTS (events), timeout_ms);

  for (int i = 0; i < n; i++)
    {
      Conn *c = events[i].data.ptr;

      if (events[i].data.ptr == &timer_tag)
        {
          guint64 expirations;

          if (read (b.timerfd, &expirations, sizeof expirations) > 0)
            pace ();
          continue;
        }
      if (c->state == CONN_CLOSED)
        continue;
      if (c->state == CONN_CONNECTING)
        {
          if (events[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
            conn_connected (c);
          continue;
        }
      if (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP))
        conn_readable (c);
      if ((events[i].events & EPOLLOUT) && c->state != CONN_CLOSED)
        conn_flush (c);
    }
  for (guint i = 0; i < b.flush->len; i++)
    {
      Conn *c = b.flush->pdata[i];

      c->flushing = FALSE;
      conn_flush (c);
    }
  g_ptr_array_set_size (b.flush, 0);
}

static void
loop_for (double seconds)
{
  gint64 until = now_ns () + seconds * 1e9;
  gint64 now;

  while ((now = now_ns ()) < until)
    loop_once (MAX (1, (until - now) / 1000000));
}

/* Opens n connections in rooms of two, at most MAX_OPENING at a time;
 * returns when all are ready or closed, or nothing moved for 20 s. */
static void
open_all (Conn    *conns,
          int      n,
          gboolean relay,
          guint    room_base)
{
  int next = 0;
  guint last_ready = b.ready, last_failed = b.failed;
  gint64 moved = now_ns ();

  for (int i = 0; i < n; i++)
    {
      conns[i].fd = -1;
      conns[i].role = i % 2 ? 'B' : 'A';
      conns[i].relay = relay;
      conns[i].room = room_base + i / 2;
    }
  while (next < n || b.opening > 0)
    {
      /* Out of file descriptors, the rest would fail the same way. */
      while (next < n && b.opening < MAX_OPENING)
        if (conn_start (&conns[next++]) == EMFILE)
          next = n;
      loop_once (10);
      if (b.ready != last_ready || b.failed != last_failed)
        {
          last_ready = b.ready;
          last_failed = b.failed;
          moved = now_ns ();
        }
      else if (now_ns () - moved > 20 * G_GINT64_CONSTANT (1000000000))
        {
          g_printerr ("signal-load: %u connections stuck opening; giving up on them\n", b.opening);
          for (int i = 0; i < next; i++)
            if (conns[i].state != CONN_READY)
              conn_close (&conns[i]);
          break;
        }
    }
}

static void
drain (double max_s)
{
  gint64 until = now_ns () + max_s * 1e9;

  while (b.in_flight > 0 && now_ns () < until)
    loop_once (10);
  /* Whatever never arrived will not: start the next round from zero. */
  b.in_flight = 0;
}

/* Phase 1 */

static guint
phase_idle (Conn *idle)
{
  long rss_base, rss_held, rss_pinged;
  guint opened, held = 0;
  gint64 start = now_ns ();

  rss_base = server_rss_kb ();
  open_all (idle, b.n_idle, FALSE, 0);
  opened = b.ready;
  print_value ("conns_opened", "%u", opened);
  print_value ("open_s", "%.1f", (now_ns () - start) / 1e9);

  loop_for (b.hold_s);
  /* What they cost held idle; then again right after each has answered a
   * ping, when a server may hold more per connection for a while. */
  rss_held = server_rss_kb ();

  /* Still there? Every open connection must answer a ping. */
  for (int i = 0; i < b.n_idle; i++)
    if (idle[i].state == CONN_READY)
      {
        idle[i].pong_seen = FALSE;
        send_frame (&idle[i], 0x9, "held", 4);
      }
  {
    gint64 until = now_ns () + 10 * G_GINT64_CONSTANT (1000000000);

    do
      {
        held = 0;
        loop_once (10);
        for (int i = 0; i < b.n_idle; i++)
          held += idle[i].state == CONN_READY && idle[i].pong_seen;
      }
    while (held < b.ready && now_ns () < until);
  }
  rss_pinged = server_rss_kb ();
  print_value ("conns_held", "%u", held);
  print_value ("rss_kb_base", "%ld", rss_base);
  print_value ("rss_kb_held", "%ld", rss_held);
  print_value ("rss_kb_per_conn", "%.2f", held ? (double) (rss_held - rss_base) / held : 0.0);
  print_value ("rss_kb_per_conn_pinged", "%.2f", held ? (double) (rss_pinged - rss_base) / held : 0.0);
  return held;
}

/* Phase 2 */

static double
phase_relay (Conn *pairs)
{
  g_auto(GStrv) windows = g_strsplit (b.windows, ",", -1);
  double best = 0;
  int best_window = 0;
  double best_server_cpu = 0, best_client_cpu = 0;

  for (guint w = 0; windows[w]; w++)
    {
      int window = atoi (windows[w]);
      Sample s0, s1;
      double rate, server_cpu, client_cpu;

      if (window < 1)
        continue;
      b.mode = MODE_PINGPONG;
      for (int i = 0; i < 2 * b.n_pairs; i += 2)
        if (pairs[i].state == CONN_READY && pairs[i + 1].state == CONN_READY)
          for (int k = 0; k < window; k++)
            send_relay (&pairs[i], 0);
      loop_for (b.warmup_s);
      s0 = sample ();
      loop_for (b.measure_s);
      s1 = sample ();
      b.mode = MODE_QUIET;
      drain (5);

      rate = (s1.relays - s0.relays) / ((s1.at - s0.at) / 1e9);
      server_cpu = cpu_pct (s1.server - s0.server, s1.at - s0.at);
      client_cpu = cpu_pct (s1.client - s0.client, s1.at - s0.at);
      printf ("relay_per_s_%s_w%d=%.0f\n", b.name, window, rate);
      printf ("server_cpu_pct_%s_w%d=%.0f\n", b.name, window, server_cpu);
      printf ("client_cpu_pct_%s_w%d=%.0f\n", b.name, window, client_cpu);
      fflush (stdout);
      if (rate > best)
        {
          best = rate;
          best_window = window;
          best_server_cpu = server_cpu;
          best_client_cpu = client_cpu;
        }
    }
  print_value ("relay_per_s", "%.0f", best);
  print_value ("relay_window", "%d", best_window);
  print_value ("server_cpu_pct", "%.0f", best_server_cpu);
  print_value ("client_cpu_pct", "%.0f", best_client_cpu);
  return best;
}

/* Phase 3 */

static Conn *pace_senders;
static int pace_n;
static gint64 pace_start;
static double pace_rate;
static guint64 pace_k;
static guint64 pace_recorded_sent;

static void
pace (void)
{
  gint64 now = now_ns ();

  for (;;)
    {
      gint64 due = pace_start + (gint64) (pace_k * 1e9 / pace_rate);
      Conn *c;

      if (due > now || due >= b.record_until)
        break;
      c = &pace_senders[pace_k++ % pace_n];
      if (c->state != CONN_READY)
        continue;
      send_relay (c, due);
      pace_recorded_sent += due >= b.record_from;
    }
}

static int
compare_u32 (const void *a,
             const void *b_)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b_;

  return x < y ? -1 : x > y;
}

static void
phase_latency (Conn  *pairs,
               double rate)
{
  struct itimerspec tick = { { 0, PACE_TICK_NS }, { 0, PACE_TICK_NS } };
  struct itimerspec off = { 0 };
  struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &timer_tag };
  Sample s0, s1;
  double q[] = { 0.5, 0.99, 0.999 };
  const char *names[] = { "p50_ms", "p99_ms", "p999_ms" };

  pace_senders = pairs;
  pace_n = 2 * b.n_pairs;
  pace_rate = rate;
  pace_k = 0;
  pace_recorded_sent = 0;
  b.latency_cap = pace_rate * b.latency_s * 1.2 + 1024;
  b.latency = g_new (guint32, b.latency_cap);
  b.n_latency = 0;

  pace_start = now_ns ();
  b.record_from = pace_start + b.warmup_s * 1e9;
  b.record_until = b.record_from + b.latency_s * 1e9;
  b.mode = MODE_PACED;
  b.timerfd = timerfd_create (CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  epoll_ctl (b.epfd, EPOLL_CTL_ADD, b.timerfd, &ev);
  timerfd_settime (b.timerfd, 0, &tick, NULL);

  loop_for (b.warmup_s);
  s0 = sample ();
  loop_for (b.latency_s);
  s1 = sample ();
  timerfd_settime (b.timerfd, 0, &off, NULL);
  drain (5);
  b.mode = MODE_QUIET;
  close (b.timerfd);

  qsort (b.latency, b.n_latency, sizeof *b.latency, compare_u32);
  print_value ("paced_per_s", "%.0f", pace_rate);
  print_value ("paced_received", "%zu", b.n_latency);
  print_value ("paced_lost", "%" G_GINT64_FORMAT, (gint64) pace_recorded_sent - (gint64) b.n_latency);
  for (guint i = 0; i < G_N_ELEMENTS (q); i++)
    print_value (names[i], "%.3f",
                 b.n_latency ? b.latency[(gsize) (q[i] * (b.n_latency - 1))] / 1e6 : -1.0);
  print_value ("max_ms", "%.3f", b.n_latency ? b.latency[b.n_latency - 1] / 1e6 : -1.0);
  print_value ("server_cpu_pct_paced", "%.0f", cpu_pct (s1.server - s0.server, s1.at - s0.at));
  print_value ("client_cpu_pct_paced", "%.0f", cpu_pct (s1.client - s0.client, s1.at - s0.at));
  g_free (b.latency);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *protocol = NULL;
  struct rlimit nofile;
  Conn *idle, *pairs;
  double max_rate;

  b.host = g_strdup ("127.0.0.1");
  b.n_idle = 10000;
  b.hold_s = 5;
  b.n_pairs = 128;
  b.windows = g_strdup ("1,4,16,64,256,1024");
  b.warmup_s = 1;
  b.measure_s = 4;
  b.latency_s = 5;
  b.payload = 100;
  b.paced_fraction = 0.5;

  {
    const GOptionEntry entries[] = {
      { "protocol", 0, 0, G_OPTION_ARG_STRING, &protocol, "pairpad or ywebrtc", "NAME" },
      { "name", 0, 0, G_OPTION_ARG_STRING, &b.name, "Suffix of the printed names (default: the protocol)", "NAME" },
      { "host", 0, 0, G_OPTION_ARG_STRING, &b.host, "Server address (default 127.0.0.1)", "IPV4" },
      { "port", 0, 0, G_OPTION_ARG_INT, &b.port, "Server port", "PORT" },
      { "path", 0, 0, G_OPTION_ARG_STRING, &b.path, "WebSocket path (default /ws for pairpad, / for ywebrtc)", "PATH" },
      { "server-pid", 0, 0, G_OPTION_ARG_INT, &b.server_pid, "The server's process, for its memory and CPU", "PID" },
      { "port-b", 0, 0, G_OPTION_ARG_INT, &b.port_b,
        "A second server's port: the second peer of each pair connects there", "PORT" },
      { "server-pid-b", 0, 0, G_OPTION_ARG_INT, &b.server_pid_b,
        "The second server's process, for its CPU", "PID" },
      { "idle", 0, 0, G_OPTION_ARG_INT, &b.n_idle, "Idle connections of phase 1 (default 10000)", "N" },
      { "hold", 0, 0, G_OPTION_ARG_INT, &b.hold_s, "Seconds to hold them (default 5)", "S" },
      { "close-idle", 0, 0, G_OPTION_ARG_NONE, &b.close_idle, "Close them before phase 2", NULL },
      { "pairs", 0, 0, G_OPTION_ARG_INT, &b.n_pairs, "Rooms of two relaying (default 128)", "N" },
      { "windows", 0, 0, G_OPTION_ARG_STRING, &b.windows, "Messages in flight per pair to try (default 1,4,16,64,256,1024)", "LIST" },
      { "warmup", 0, 0, G_OPTION_ARG_DOUBLE, &b.warmup_s, "Seconds before measuring (default 1)", "S" },
      { "measure", 0, 0, G_OPTION_ARG_DOUBLE, &b.measure_s, "Seconds each relay rate is measured (default 4)", "S" },
      { "latency-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &b.latency_s, "Seconds of paced load measured (default 5)", "S" },
      { "paced-rate", 0, 0, G_OPTION_ARG_DOUBLE, &b.paced_rate,
        "Relays a second of phase 3 (default: half the maximum of phase 2)", "N" },
      { "paced-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &b.paced_fraction,
        "Without --paced-rate, phase 3 runs at this share of phase 2's maximum (default 0.5)",
        "F" },
      { "also-paced-rate", 0, 0, G_OPTION_ARG_DOUBLE, &b.also_paced_rate,
        "Relays a second of one more paced phase, printed with --also-paced-label", "N" },
      { "also-paced-label", 0, 0, G_OPTION_ARG_STRING, &b.also_paced_label,
        "Appended to that phase's names (default: also)", "LABEL" },
      { "payload", 0, 0, G_OPTION_ARG_INT, &b.payload, "Bytes of each relayed data string (default 100)", "N" },
      { NULL }
    };

    context = g_option_context_new ("— load a signaling server on loopback");
    g_option_context_add_main_entries (context, entries, NULL);
    if (!g_option_context_parse (context, &argc, &argv, &error))
      {
        g_printerr ("signal-load: %s\n", error->message);
        return 2;
      }
  }
  if (g_strcmp0 (protocol, "pairpad") == 0)
    b.protocol = PROTO_PAIRPAD;
  else if (g_strcmp0 (protocol, "ywebrtc") == 0)
    b.protocol = PROTO_YWEBRTC;
  else
    {
      g_printerr ("signal-load: --protocol is pairpad or ywebrtc\n");
      return 2;
    }
  if (b.port <= 0 || b.port > 65535 || b.server_pid <= 0 || b.n_idle < 0 || b.n_pairs < 1 ||
      b.payload < (int) strlen (MARKER) + 3 + STAMP_DIGITS)
    {
      g_printerr ("signal-load: give --port and --server-pid; --pairs at least 1, --payload at least %d\n",
                  (int) strlen (MARKER) + 3 + STAMP_DIGITS);
      return 2;
    }
  b.n_idle &= ~1;
  if (b.name == NULL)
    b.name = g_strdup (protocol);
  if (b.path == NULL)
    b.path = g_strdup (b.protocol == PROTO_PAIRPAD ? "/ws" : "/");
  b.addr.sin_family = AF_INET;
  b.addr.sin_port = htons (b.port);
  if (inet_pton (AF_INET, b.host, &b.addr.sin_addr) != 1)
    {
      g_printerr ("signal-load: --host takes an IPv4 address, not “%s”\n", b.host);
      return 2;
    }
  b.addr_b = b.addr;
  b.addr_b.sin_port = htons (b.port_b);

  if (getrlimit (RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max)
    {
      nofile.rlim_cur = nofile.rlim_max;
      setrlimit (RLIMIT_NOFILE, &nofile);
    }

  b.epfd = epoll_create1 (EPOLL_CLOEXEC);
  b.rbuf = g_malloc (READ_BUF_SIZE);
  b.rng = g_random_int () | 1;
  b.flush = g_ptr_array_new ();
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();

    json_builder_begin_object (builder);
    add_member (builder, "type", "ping");
    json_builder_end_object (builder);
    b.ping_msg = generate (builder);
  }

  idle = g_new0 (Conn, MAX (b.n_idle, 1));
  pairs = g_new0 (Conn, 2 * b.n_pairs);

  phase_idle (idle);
  if (b.close_idle)
    {
      for (int i = 0; i < b.n_idle; i++)
        conn_close (&idle[i]);
      b.lost = 0;
    }

  open_all (pairs, 2 * b.n_pairs, TRUE, 0);
  for (int i = 0; i < 2 * b.n_pairs; i++)
    build_relay_msg (&pairs[i]);
  {
    guint n = 0;

    for (int i = 0; i < 2 * b.n_pairs; i++)
      n += pairs[i].state == CONN_READY;
    print_value ("relay_conns", "%u", n);
  }
  max_rate = phase_relay (pairs);
  if (b.paced_rate > 0 || max_rate > 0)
    phase_latency (pairs, b.paced_rate > 0 ? b.paced_rate : max_rate * b.paced_fraction);
  if (b.also_paced_rate > 0)
    {
      b.tail = b.also_paced_label ? b.also_paced_label : "also";
      phase_latency (pairs, b.also_paced_rate);
      b.tail = NULL;
    }

  print_value ("server_errors", "%u", b.errors);
  print_value ("conns_lost", "%u", b.lost);
  if (b.protocol == PROTO_YWEBRTC)
    print_value ("echoes_discarded", "%" G_GUINT64_FORMAT, b.echoes);
  return 0;
}

/* test-session.c: live sessions between separate processes, through the
 * real pairpad-signal on loopback and through the embedded server
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every participant is a session-peer process running a real PpSession
 * with real webrtcbin peers (ICE on 127.0.0.1 only); this program starts
 * them, drives them line by line and checks what they say.
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pp-test-lib.h"
#include "tamper-proxy.h"

/* How long a step may take. Under AddressSanitizer every process of a
 * test (peers, server, relay) runs several times slower, and a loaded
 * two-core machine runs several at once. */
#if defined(__SANITIZE_ADDRESS__)
#define WAIT_S 90
#else
#define WAIT_S 30
#endif

static PpTestProc *
proc_spawnv (const char *program,
             const char *name,
             const char *first_arg,
             va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "session", program, NULL));
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, g_strdup ("--loopback"));
  g_ptr_array_add (argv, g_strdup (name));
  g_ptr_array_add (argv, NULL);
  return pp_test_proc_spawn (name, (const char * const *) argv->pdata, NULL);
}

/* A session-peer: a real PpSession. */
static PpTestProc *
proc_spawn (const char *name,
            const char *first_arg,
            ...)
{
  PpTestProc *proc;
  va_list args;

  va_start (args, first_arg);
  proc = proc_spawnv ("session-peer", name, first_arg, args);
  va_end (args);
  return proc;
}

/* A rogue-peer: joins like a Pairpad, then sends what no honest one does. */
static PpTestProc *
proc_spawn_rogue (const char *first_arg,
                  ...)
{
  PpTestProc *proc;
  va_list args;

  va_start (args, first_arg);
  proc = proc_spawnv ("rogue-peer", "rogue", first_arg, args);
  va_end (args);
  return proc;
}

/* "link pairpad://…" from a host */
static char *
host_link (PpTestProc *host)
{
  g_autofree char *line = pp_test_proc_expect (host, "link ", 20);
  return g_strdup (line + 5);
}

static char *
peer_id_of (PpTestProc *proc)
{
  g_autofree char *line = pp_test_proc_expect (proc, "peer ", 20);
  return g_strdup (line + 5);
}

typedef struct
{
  PpTestProc **procs;
  guint n;
  char *text;   /* the text they all hold, when they agree */
} Agreement;

static gboolean
all_agree (gpointer data)
{
  Agreement *a = data;
  g_autofree char *first = pp_test_proc_ask_text (a->procs[0], "text");

  for (guint i = 1; i < a->n; i++)
    {
      g_autofree char *other = pp_test_proc_ask_text (a->procs[i], "text");
      if (strcmp (first, other) != 0)
        return FALSE;
    }
  g_free (a->text);
  a->text = g_steal_pointer (&first);
  return TRUE;
}

static char *
wait_agree (PpTestProc **procs,
            guint  n)
{
  Agreement a = { procs, n, NULL };

  pp_test_wait_for_full (all_agree, &a, WAIT_S, "every peer to hold the same text");
  return a.text;
}

typedef struct
{
  PpTestProc **procs;
  guint n;
  char *colors;   /* " #… #…" as all see them, when they agree */
} Colors;

/* Every peer sees n states with n different colours, and the same ones. */
static gboolean
colors_distinct (gpointer data)
{
  Colors *c = data;
  g_autofree char *first = NULL;

  for (guint i = 0; i < c->n; i++)
    {
      g_autofree char *line = NULL;
      g_auto(GStrv) colors = NULL;

      pp_test_proc_send (c->procs[i], "colors");
      line = pp_test_proc_expect (c->procs[i], "colors", 10);
      if (first != NULL && strcmp (first, line) != 0)
        return FALSE;
      colors = g_strsplit (line + strlen ("colors "), " ", -1);
      if (g_strv_length (colors) != c->n)
        return FALSE;
      for (guint j = 0; j < c->n; j++)
        for (guint k = j + 1; k < c->n; k++)
          if (strcmp (colors[j], colors[k]) == 0)
            return FALSE;
      if (first == NULL)
        first = g_steal_pointer (&line);
    }
  g_free (c->colors);
  c->colors = g_steal_pointer (&first);
  return TRUE;
}

static gboolean
has_astral (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) > 0xFFFF)
      return TRUE;
  return FALSE;
}

/* n peers, the first hosting (on server_uri, or on its own embedded
 * server when NULL) and admitting everyone; all edit at once. */
static void
run_concurrent_edits (const char *server_uri,
                      guint       n)
{
  g_autofree PpTestProc **procs = g_new0 (PpTestProc *, n);
  g_autofree char *link = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  if (server_uri != NULL)
    procs[0] = proc_spawn ("host", "--host", "--auto-admit", "--server", server_uri, NULL);
  else
    procs[0] = proc_spawn ("host", "--host", "--auto-admit", NULL);
  link = host_link (procs[0]);
  g_free (pp_test_proc_expect (procs[0], "state active", 20));
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("guest%u", i);
      procs[i] = proc_spawn (name, "--join", link, NULL);
    }
  for (guint i = 1; i < n; i++)
    g_free (pp_test_proc_expect (procs[i], "state active", WAIT_S));

  for (guint i = 0; i < n; i++)
    pp_test_proc_send (procs[i], "edit 200 %u %u", 17 + i, i % 2 ? 0 : 3);
  for (guint i = 0; i < n; i++)
    g_free (pp_test_proc_expect (procs[i], "edited", 60));

  text = wait_agree (procs, n);
  g_test_message ("%u peers agree on %zu bytes", n, strlen (text));
  g_assert_cmpuint (strlen (text), >, 200);
  g_assert_true (has_astral (text));
  g_assert_nonnull (strstr (text, "漢") ? text : strstr (text, "字"));

  /* Each shows its cursor in a colour of its own (hashed peer ids alone
   * give four people a shared colour more often than not). */
  {
    Colors colors = { procs, n, NULL };

    pp_test_wait_for_full (colors_distinct, &colors, WAIT_S, "every peer to show a colour of its own");
    g_test_message ("colours: %s", colors.colors);
    g_free (colors.colors);
  }

  for (guint i = 0; i < n; i++)
    pp_test_proc_free (procs[i]);
}

static void
test_two_peers_server (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);

  run_concurrent_edits (server->uri, 2);
  pp_test_server_stop (server);
}

static void
test_four_peers_server (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);

  run_concurrent_edits (server->uri, 4);
  pp_test_server_stop (server);
}

static void
test_two_peers_embedded (void)
{
  run_concurrent_edits (NULL, 2);
}

static void
test_four_peers_embedded (void)
{
  run_concurrent_edits (NULL, 4);
}

/* A host and one guest, the guest admitted and active. */
typedef struct
{
  PpTestProc *host;
  PpTestProc *guest;
  char *link;
  char *host_id;
  char *guest_id;
} Two;

static void
two_start (Two        *two,
           const char *server_uri,
           gboolean    auto_admit)
{
  two->host = proc_spawn ("host", "--host", "--server", server_uri,
                          auto_admit ? "--auto-admit" : "--peer-id", auto_admit ? NULL : "hostpeer",
                          NULL);
  two->link = host_link (two->host);
  two->host_id = peer_id_of (two->host);
  g_free (pp_test_proc_expect (two->host, "state active", 20));
  two->guest = proc_spawn ("guest", "--join", two->link, NULL);
  two->guest_id = peer_id_of (two->guest);
}

/* The same, the guest admitted at once and editing. */
static void
two_start_joined (Two        *two,
                  const char *server_uri)
{
  two_start (two, server_uri, TRUE);
  g_free (pp_test_proc_expect (two->guest, "state active", WAIT_S));
}

static void
two_clear (Two *two)
{
  if (two->guest)
    pp_test_proc_free (two->guest);
  pp_test_proc_free (two->host);
  g_free (two->link);
  g_free (two->host_id);
  g_free (two->guest_id);
}

/* A server that changes one byte of a payload, or replays one, during
 * the join: the join stops with a sentence a person can act on, and the
 * two never connect. */
static void
run_tamper (TamperMode mode)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  TamperProxy *proxy = tamper_proxy_new (server->uri, mode);
  Two two = { 0 };
  g_autofree char *error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *participant = NULL;

  two_start (&two, tamper_proxy_get_uri (proxy), TRUE);
  g_free (pp_test_proc_expect (two.guest, "state failed", WAIT_S));
  error = pp_test_proc_expect (two.guest, "error ", 5);
  expected = g_strdup_printf ("error The connection through %s was tampered with; the join was "
                              "stopped. Ask the host for a new link or another server.",
                              tamper_proxy_get_uri (proxy) + strlen ("ws://"));
  g_assert_cmpstr (error, ==, expected);
  g_assert_cmpuint (tamper_proxy_get_n_tampered (proxy), ==, 1);

  /* Nothing connected, nor will: the guest has given up. */
  pp_test_spin (500);
  pp_test_proc_send (two.host, "participant %s", two.guest_id);
  participant = pp_test_proc_expect (two.host, "participant ", 5);
  g_assert_null (strstr (participant, "state=2"));
  g_assert_null (strstr (participant, "admitted=1"));

  two_clear (&two);
  tamper_proxy_free (proxy);
  pp_test_server_stop (server);
}

static void
test_tamper_flip (void)
{
  run_tamper (TAMPER_FLIP);
}

static void
test_tamper_replay (void)
{
  run_tamper (TAMPER_REPLAY);
}

/* A refused guest gets the host's "no", and no document data at all. */
static void
test_refused (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Two two = { 0 };
  g_autofree char *secret = g_base64_encode ((const guchar *) "the secret solution", 19);
  g_autofree char *request = NULL;
  g_autofree char *error = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *text = NULL;

  two_start (&two, server->uri, FALSE);
  for (guint i = 0; i < 50; i++)
    pp_test_proc_send (two.host, "insert 0 %s", secret);
  request = pp_test_proc_expect (two.host, "request ", WAIT_S);
  g_assert_cmpstr (request + strlen ("request "), ==, two.guest_id);
  g_free (pp_test_proc_expect (two.guest, "state waiting", 5));
  pp_test_proc_send (two.host, "refuse %s", two.guest_id);
  g_free (pp_test_proc_expect (two.guest, "state failed", 20));
  error = pp_test_proc_expect (two.guest, "error ", 5);
  g_assert_cmpstr (error, ==, "error The host did not let you in.");

  /* It got the host's hello and the refusal, not the 950 bytes of text. */
  pp_test_proc_send (two.guest, "bytes %s", two.host_id);
  bytes = pp_test_proc_expect (two.guest, "bytes ", 5);
  g_test_message ("the refused guest got %s from the host", bytes);
  g_assert_cmpint (g_ascii_strtoll (bytes + 6, NULL, 10), <, 200);
  text = pp_test_proc_ask_text (two.guest, "text");
  g_assert_cmpstr (text, ==, "");

  /* Asking again as the same peer (the link opened again): refused at
   * once, through the server. */
  pp_test_proc_free (two.guest);
  two.guest = proc_spawn ("again", "--join", two.link, "--peer-id", two.guest_id, NULL);
  g_free (pp_test_proc_expect (two.guest, "state failed", WAIT_S));
  g_free (error);
  error = pp_test_proc_expect (two.guest, "error ", 5);
  g_assert_cmpstr (error, ==, "error The host did not let you in.");

  two_clear (&two);
  pp_test_server_stop (server);
}

typedef struct
{
  PpTestProc *proc;
  const char *peer;
  const char *want;
} Seen;

static gboolean
participant_is (gpointer data)
{
  Seen *seen = data;
  g_autofree char *line = NULL;

  pp_test_proc_send (seen->proc, "participant %s", seen->peer);
  line = pp_test_proc_expect (seen->proc, "participant ", 5);
  return strstr (line, seen->want) != NULL;
}

static void
wait_participant (PpTestProc       *proc,
                  const char *peer,
                  const char *want)
{
  Seen seen = { proc, peer, want };
  g_autofree char *what = g_strdup_printf ("a peer to see %s with %s", peer, want);

  pp_test_wait_for_full (participant_is, &seen, 20, what);
}

/* A read-only guest that edits anyway: every other peer drops it. */
static void
test_read_only (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Two two = { 0 };
  PpTestProc *other;
  g_autofree char *other_id = NULL;
  g_autofree char *xyz = g_base64_encode ((const guchar *) "XYZ", 3);
  g_autofree char *ok = g_base64_encode ((const guchar *) "ok", 2);
  PpTestProc *pair[2];
  g_autofree char *agreed = NULL;
  g_autofree char *own = NULL;

  two_start_joined (&two, server->uri);
  other = proc_spawn ("other", "--join", two.link, NULL);
  other_id = peer_id_of (other);
  g_free (pp_test_proc_expect (other, "state active", WAIT_S));

  pp_test_proc_send (two.host, "readonly %s", two.guest_id);
  wait_participant (other, two.guest_id, "role=2");
  wait_participant (two.guest, two.guest_id, "role=2");

  pp_test_proc_send (two.guest, "insert 0 %s", xyz);
  g_free (pp_test_proc_expect (two.guest, "ok", 5));
  pp_test_proc_send (other, "insert 0 %s", ok);
  pair[0] = two.host;
  pair[1] = other;
  agreed = wait_agree (pair, 2);
  g_assert_cmpstr (agreed, ==, "ok");
  /* Time enough for the dropped update to have arrived, had it counted. */
  pp_test_spin (500);
  g_free (agreed);
  agreed = wait_agree (pair, 2);
  g_assert_cmpstr (agreed, ==, "ok");
  own = pp_test_proc_ask_text (two.guest, "text");
  g_assert_nonnull (strstr (own, "XYZ"));

  pp_test_proc_free (other);
  two_clear (&two);
  pp_test_server_stop (server);
}

static gboolean
both_hold_hi (gpointer data)
{
  PpTestProc **pair = data;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = pp_test_proc_ask_text (pair[i], "text");

      if (strcmp (text, "hi ") != 0)
        return FALSE;
    }
  return TRUE;
}

/* The host removes a member: it is told and keeps its copy, everyone
 * disconnects from it, the rest edit on, and its peer id stays out. */
static void
test_removed (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Two two = { 0 };
  PpTestProc *other, *again, *pair[2];
  g_autofree char *hi = g_base64_encode ((const guchar *) "hi ", 3);
  g_autofree char *more = g_base64_encode ((const guchar *) "more ", 5);
  g_autofree char *agreed = NULL, *own = NULL, *error = NULL;

  two_start_joined (&two, server->uri);
  other = proc_spawn ("other", "--join", two.link, NULL);
  g_free (pp_test_proc_expect (other, "state active", WAIT_S));
  pp_test_proc_send (two.guest, "insert 0 %s", hi);
  g_free (pp_test_proc_expect (two.guest, "ok", 5));
  pair[0] = two.host;
  pair[1] = other;
  pp_test_wait_for_full (both_hold_hi, pair, WAIT_S, "host and other to hold the guest's text");

  /* Only the host may. */
  pp_test_proc_send (other, "remove %s", two.guest_id);
  error = pp_test_proc_expect (other, "error ", 5);
  g_assert_cmpstr (error, ==, "error Only the host can do that.");

  pp_test_proc_send (two.host, "remove %s", two.guest_id);
  g_free (pp_test_proc_expect (two.host, "ok", 5));
  g_free (pp_test_proc_expect (two.guest, "state failed", WAIT_S));
  g_free (error);
  error = pp_test_proc_expect (two.guest, "error ", 5);
  g_assert_cmpstr (error, ==, "error The host removed you from the session. Your copy of the code is kept.");
  wait_participant (two.host, two.guest_id, "state=7 role=1 admitted=0");
  wait_participant (other, two.guest_id, "state=7 role=1 admitted=0");
  own = pp_test_proc_ask_text (two.guest, "text");
  g_assert_cmpstr (own, ==, "hi ");

  /* The two left go on; nothing more reaches the removed one. */
  pp_test_proc_send (other, "insert 0 %s", more);
  g_free (pp_test_proc_expect (other, "ok", 5));
  agreed = wait_agree (pair, 2);
  g_assert_cmpstr (agreed, ==, "more hi ");
  g_free (own);
  own = pp_test_proc_ask_text (two.guest, "text");
  g_assert_cmpstr (own, ==, "hi ");
  pp_test_proc_free (two.guest);
  two.guest = NULL;

  /* Back with the same peer id (a restarted app): told again, through
   * the server, and nobody connects. */
  again = proc_spawn ("again", "--join", two.link, "--peer-id", two.guest_id, NULL);
  g_free (pp_test_proc_expect (again, "state failed", WAIT_S));
  g_free (error);
  error = pp_test_proc_expect (again, "error ", 5);
  g_assert_cmpstr (error, ==, "error The host removed you from the session. Your copy of the code is kept.");
  g_free (own);
  own = pp_test_proc_ask_text (again, "text");
  g_assert_cmpstr (own, ==, "");
  wait_participant (two.host, two.guest_id, "state=7");

  pp_test_proc_free (again);
  pp_test_proc_free (other);
  two_clear (&two);
  pp_test_server_stop (server);
}

/* The server goes after the join; the peers carry on without it. */
static void
test_server_stopped (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Two two = { 0 };
  PpTestProc *pair[2];
  g_autofree char *text = NULL;

  two_start_joined (&two, server->uri);
  pp_test_server_stop (server);

  pp_test_proc_send (two.host, "edit 100 5 2");
  pp_test_proc_send (two.guest, "edit 100 6 2");
  g_free (pp_test_proc_expect (two.host, "edited", WAIT_S));
  g_free (pp_test_proc_expect (two.guest, "edited", WAIT_S));
  pair[0] = two.host;
  pair[1] = two.guest;
  text = wait_agree (pair, 2);
  g_assert_cmpuint (strlen (text), >, 100);
  two_clear (&two);
}

static gboolean
counts_are (gpointer data)
{
  Seen *seen = data;
  g_autofree char *line = NULL;

  pp_test_proc_send (seen->proc, "counts");
  line = pp_test_proc_expect (seen->proc, "counts ", 5);
  return strcmp (line, seen->want) == 0;
}

/* Chat and runs live in the document, so a late joiner has them; a run's
 * output reaches the others while it runs. */
static void
test_late_joiner_and_runs (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Two two = { 0 };
  PpTestProc *late;
  g_autofree char *hello = g_base64_encode ((const guchar *) "hello 👋", strlen ("hello 👋"));
  g_autofree char *partial = g_base64_encode ((const guchar *) "step 1 of 3\n", 12);
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  Seen seen;

  two_start_joined (&two, server->uri);
  pp_test_proc_send (two.host, "chat %s", hello);
  pp_test_proc_send (two.host, "add-run r1");

  /* The guest's run, still going: its output reaches the host first. */
  pp_test_proc_send (two.guest, "run-output r2 stdout %s", partial);
  line = pp_test_proc_expect (two.host, "run-output ", 10);
  expected = g_strdup_printf ("run-output %s r2 stdout %s", two.guest_id, partial);
  g_assert_cmpstr (line, ==, expected);
  seen = (Seen) { two.host, NULL, "counts chat=1 runs=1" };
  pp_test_wait_for (counts_are, &seen, "the host's own chat and run");
  pp_test_proc_send (two.guest, "add-run r2");

  late = proc_spawn ("late", "--join", two.link, NULL);
  g_free (pp_test_proc_expect (late, "state active", WAIT_S));
  seen = (Seen) { late, NULL, "counts chat=1 runs=2" };
  pp_test_wait_for (counts_are, &seen, "the late joiner to have the chat and both runs");

  pp_test_proc_free (late);
  two_clear (&two);
  pp_test_server_stop (server);
}

static gboolean
cursors_are (gpointer data)
{
  Seen *seen = data;
  g_autofree char *line = NULL;

  pp_test_proc_send (seen->proc, "cursors");
  line = pp_test_proc_expect (seen->proc, "cursors", 5);
  return g_str_has_prefix (line, seen->want) && line[strlen (seen->want)] == ':';
}

/* Cursors travel in y-codemirror.next's awareness fields, as relative
 * positions: each side sees the other's, and it stays on its character
 * when text is inserted before it. */
static void
test_cursors (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Two two = { 0 };
  g_autofree char *hello = g_base64_encode ((const guchar *) "héllo wörld", strlen ("héllo wörld"));
  g_autofree char *emoji = g_base64_encode ((const guchar *) "😀漢", strlen ("😀漢"));
  g_autofree char *state = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *user, *cursor;
  Seen seen;

  two_start_joined (&two, server->uri);
  pp_test_proc_send (two.host, "insert 0 %s", hello);
  pp_test_proc_send (two.host, "cursor 6 11");

  seen = (Seen) { two.guest, NULL, "cursors host:6:11" };
  pp_test_wait_for (cursors_are, &seen, "the guest to see the host's cursor");

  /* Two characters (one outside the BMP) before it: it moves with its text. */
  pp_test_proc_send (two.guest, "insert 0 %s", emoji);
  seen = (Seen) { two.guest, NULL, "cursors host:8:13" };
  pp_test_wait_for (cursors_are, &seen, "the host's cursor to follow its text at the guest");
  seen = (Seen) { two.host, NULL, "cursors guest" };
  g_assert_false (cursors_are (&seen));   /* the guest has set none */

  /* The fields a Yjs browser client reads. */
  pp_test_proc_send (two.guest, "awareness");
  state = pp_test_proc_expect (two.guest, "awareness {", 5);
  root = json_from_string (state + strlen ("awareness "), NULL);
  g_assert_nonnull (root);
  user = json_object_get_object_member (json_node_get_object (root), "user");
  cursor = json_object_get_object_member (json_node_get_object (root), "cursor");
  g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, "host");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (user, "color"), "#"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (user, "colorLight"), "#"));
  g_assert_true (json_object_has_member (json_object_get_object_member (cursor, "anchor"), "item"));
  g_assert_true (json_object_has_member (json_object_get_object_member (cursor, "head"), "assoc"));

  two_clear (&two);
  pp_test_server_stop (server);
}

/* The host ends the session: everyone is told, and keeps the document. */
static void
test_end (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Two two = { 0 };
  g_autofree char *word = g_base64_encode ((const guchar *) "kept", 4);
  g_autofree char *error = NULL;
  PpTestProc *pair[2];
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;

  two_start_joined (&two, server->uri);
  pp_test_proc_send (two.guest, "end");
  error = pp_test_proc_expect (two.guest, "error ", 5);
  g_assert_cmpstr (error, ==, "error Only the host can end the session.");

  pp_test_proc_send (two.host, "insert 0 %s", word);
  pair[0] = two.host;
  pair[1] = two.guest;
  text = wait_agree (pair, 2);
  pp_test_proc_send (two.host, "end");
  g_free (pp_test_proc_expect (two.guest, "state ended", 10));
  after = pp_test_proc_ask_text (two.guest, "text");
  g_assert_cmpstr (after, ==, "kept");

  two_clear (&two);
  pp_test_server_stop (server);
}

/* The host leaves: the longest-present participant becomes host, and it
 * is the one who admits the next guest. */
static void
test_host_hands_off (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Two two = { 0 };
  PpTestProc *second, *third;
  g_autofree char *second_id = NULL, *third_id = NULL, *request = NULL;

  two_start_joined (&two, server->uri);
  second = proc_spawn ("second", "--join", two.link, NULL);
  second_id = peer_id_of (second);
  g_free (pp_test_proc_expect (second, "state active", WAIT_S));
  wait_participant (second, two.guest_id, "admitted=1");

  pp_test_proc_send (two.host, "leave");
  g_free (pp_test_proc_expect (two.host, "state ended", 10));
  wait_participant (two.guest, two.guest_id, "role=0");
  wait_participant (second, two.guest_id, "role=0");
  wait_participant (second, second_id, "role=1");

  third = proc_spawn ("third", "--join", two.link, NULL);
  third_id = peer_id_of (third);
  request = pp_test_proc_expect (two.guest, "request ", WAIT_S);
  g_assert_cmpstr (request + strlen ("request "), ==, third_id);
  pp_test_proc_send (two.guest, "admit %s", third_id);
  g_free (pp_test_proc_expect (third, "state active", WAIT_S));
  wait_participant (second, third_id, "admitted=1");

  pp_test_proc_free (third);
  pp_test_proc_free (second);
  two_clear (&two);
  pp_test_server_stop (server);
}

static void
assert_marks (const char *text,
              const char *prefix,
              guint       first,
              guint       n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *mark = g_strdup_printf (";%s%u;", prefix, i);
      g_autofree char *bounded = g_strconcat (";", text, NULL);

      if (strstr (bounded, mark) == NULL)
        g_error ("%s%u; is lost from “%s”", prefix, i, text);
    }
}

/* A guest is killed mid-session; both sides keep editing; it restarts,
 * resumes from what it kept, rejoins, and nothing typed is lost. */
static void
test_kill_and_restart (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  g_autofree char *host_db = g_build_filename (pp_test_home_get_path (), "host.sqlite", NULL);
  g_autofree char *guest_db = g_build_filename (pp_test_home_get_path (), "guest.sqlite", NULL);
  g_autofree char *link = NULL, *kept = NULL, *text = NULL;
  PpTestProc *host, *guest, *pair[2];

  host = proc_spawn ("host", "--host", "--auto-admit", "--server", server->uri, "--store", host_db,
                     NULL);
  link = host_link (host);
  guest = proc_spawn ("guest", "--join", link, "--peer-id", "guestpeer1", "--store", guest_db, NULL);
  g_free (pp_test_proc_expect (guest, "state active", WAIT_S));

  pp_test_proc_send (host, "marks H 0 40 2");
  pp_test_proc_send (guest, "marks G 0 40 2");
  g_free (pp_test_proc_expect (host, "marked", 20));
  g_free (pp_test_proc_expect (guest, "marked", 20));
  pp_test_proc_send (guest, "save");
  g_free (pp_test_proc_expect (guest, "saved", 20));
  pp_test_proc_kill (guest);

  /* The host goes on alone. */
  pp_test_proc_send (host, "marks H 40 40 2");
  g_free (pp_test_proc_expect (host, "marked", 20));

  guest = proc_spawn ("guest", "--join", link, "--peer-id", "guestpeer1", "--store", guest_db, NULL);
  /* Waiting for the host: no document data can have come yet, so what it
   * holds is what it kept. */
  g_free (pp_test_proc_expect (guest, "state waiting", WAIT_S));
  kept = pp_test_proc_ask_text (guest, "text");
  assert_marks (kept, "G", 0, 40);
  g_free (pp_test_proc_expect (guest, "state active", WAIT_S));
  pp_test_proc_send (guest, "marks G 40 40 2");
  g_free (pp_test_proc_expect (guest, "marked", 20));

  pair[0] = host;
  pair[1] = guest;
  text = wait_agree (pair, 2);
  assert_marks (text, "H", 0, 80);
  assert_marks (text, "G", 0, 80);

  pp_test_proc_free (guest);
  pp_test_proc_free (host);
  pp_test_server_stop (server);
}

/* GStreamer 1.22's data channel keeps the messages sent on it in the
 * moment its peer closes it (the buffers made by send-data are never
 * freed), so under the sanitizer the peers of the tests that close one
 * do not count leaks at exit; everything else it checks still counts.
 * Peers take the options in force when they are spawned. */
static char *
peers_ignore_leaks (void)
{
  const char *was = g_getenv ("LSAN_OPTIONS");
  char *saved = g_strdup (was);

#if defined(__SANITIZE_ADDRESS__)
  {
    g_autofree char *options = g_strconcat (was != NULL ? was : "", was != NULL ? ":" : "",
                                            "detect_leaks=0", NULL);

    g_setenv ("LSAN_OPTIONS", options, TRUE);
  }
#endif
  return saved;
}

static void
peers_restore_leaks (char *saved)
{
  if (saved != NULL)
    g_setenv ("LSAN_OPTIONS", saved, TRUE);
  else
    g_unsetenv ("LSAN_OPTIONS");
  g_free (saved);
}

/* The data channel closes under a live session, on the side that makes
 * offers or on the side that answers them (its last words may not reach
 * the other side): both connect again, and what each typed meanwhile
 * reaches the other. */
static void
run_channel_closed (gboolean by_offerer)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Two two = { 0 };
  PpTestProc *pair[2], *closer;
  const char *other_id;
  g_autofree char *text = NULL, *want = NULL;
  char *leak_options = peers_ignore_leaks ();

  two_start_joined (&two, server->uri);
  peers_restore_leaks (leak_options);
  /* The peer whose id sorts first offers. */
  if ((strcmp (two.host_id, two.guest_id) < 0) == by_offerer)
    {
      closer = two.host;
      other_id = two.guest_id;
    }
  else
    {
      closer = two.guest;
      other_id = two.host_id;
    }
  pp_test_proc_send (closer, "reconnect %s", other_id);
  g_free (pp_test_proc_expect (closer, "ok", 5));
  pp_test_proc_send (two.host, "marks H 0 30 1");
  pp_test_proc_send (two.guest, "marks G 0 30 1");
  want = g_strdup_printf ("pstate %s 3", other_id);
  g_free (pp_test_proc_expect (closer, want, 10));
  g_free (pp_test_proc_expect (two.host, "marked", 20));
  g_free (pp_test_proc_expect (two.guest, "marked", 20));

  pair[0] = two.host;
  pair[1] = two.guest;
  text = wait_agree (pair, 2);
  assert_marks (text, "H", 0, 30);
  assert_marks (text, "G", 0, 30);

  two_clear (&two);
  pp_test_server_stop (server);
}

static void
test_channel_closed_by_offerer (void)
{
  run_channel_closed (TRUE);
}

static void
test_channel_closed_by_answerer (void)
{
  run_channel_closed (FALSE);
}

/* A hostile peer holding the link sends an update no honest peer
 * writes: both honest peers refuse it, stay identical and untouched,
 * disconnect it with a reason, and go on editing together. */
/* Whether proc holds an awareness state with a number for a name. */
static gboolean
has_odd_state (gpointer data)
{
  PpTestProc *proc = data;
  gboolean found = FALSE;

  pp_test_proc_send (proc, "awareness");
  for (;;)
    {
      g_autofree char *line = pp_test_proc_expect (proc, "awareness", 5);

      if (strcmp (line, "awareness-end") == 0)
        return found;
      found |= strstr (line, "\"name\":7") != NULL;
    }
}

static void
run_hostile (const char *hostile_case,
             gboolean    disconnects)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  Two two = { 0 };
  PpTestProc *rogue, *pair[2];
  g_autofree char *hello = g_base64_encode ((const guchar *) "hello world", 11);
  g_autofree char *more = g_base64_encode ((const guchar *) "!", 1);
  g_autofree char *rogue_id = NULL, *text = NULL, *after = NULL;
  g_autofree char *case_arg = g_strdup_printf ("--case=%s", hostile_case);

  two_start_joined (&two, server->uri);
  pp_test_proc_send (two.host, "insert 0 %s", hello);
  pair[0] = two.host;
  pair[1] = two.guest;
  text = wait_agree (pair, 2);
  g_assert_cmpstr (text, ==, "hello world");

  rogue = proc_spawn_rogue ("--join", two.link, case_arg, NULL);
  rogue_id = peer_id_of (rogue);
  g_free (pp_test_proc_expect (rogue, "admitted", WAIT_S));
  g_free (pp_test_proc_expect (rogue, "sent", WAIT_S));

  if (disconnects)
    {
      wait_participant (two.host, rogue_id, "state=4");
      wait_participant (two.guest, rogue_id, "state=4");
      wait_participant (two.host, rogue_id, "refuses");
    }
  else if (strcmp (hostile_case, "wrong-kinds") == 0)
    {
      /* Ignored, not a reason to drop the peer; reading its awareness
       * state (cursors) copes with it too. */
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *cursors = NULL, *refused = NULL;

          pp_test_wait_for_full (has_odd_state, pair[i], 20, "the odd awareness state");
          wait_participant (pair[i], rogue_id, "state=2");
          pp_test_proc_send (pair[i], "cursors");
          cursors = pp_test_proc_expect (pair[i], "cursors", 5);
          pp_test_proc_send (pair[i], "refused");
          refused = pp_test_proc_expect (pair[i], "refused ", 5);
          g_assert_cmpstr (refused, ==, "refused 0");
        }
    }
  else
    pp_test_spin (500);
  g_free (text);
  text = wait_agree (pair, 2);
  /* A refused update left no trace; a seed that is an honest update of
   * its own may have been taken, by both alike. */
  if (disconnects)
    g_assert_cmpstr (text, ==, "hello world");
  else
    g_assert_nonnull (strstr (text, "hello world"));

  /* The honest two carry on. */
  pp_test_proc_send (two.guest, "insert 0 %s", more);
  after = wait_agree (pair, 2);
  g_assert_true (g_str_has_prefix (after, "!"));
  g_assert_cmpuint (strlen (after), ==, strlen (text) + 1);

  pp_test_proc_free (rogue);
  two_clear (&two);
  pp_test_server_stop (server);
}

static void
test_hostile_same_origins (void)
{
  run_hostile ("same-origins", TRUE);
}

static void
test_hostile_left_after_right (void)
{
  run_hostile ("left-after-right", TRUE);
}

static void
test_hostile_malformed (void)
{
  run_hostile ("malformed", TRUE);
}

/* Control messages and awareness states with members of the wrong kind
 * (a number for a name, an object for a peer id) are ignored: no
 * warning, no crash, the honest peers go on. */
static void
test_hostile_wrong_kinds (void)
{
  run_hostile ("wrong-kinds", FALSE);
}

/* The fuzzer's seeds name items of another document: whatever each
 * honest peer makes of them, the two stay the same. */
static void
test_hostile_fuzz_seeds (void)
{
  const char *seeds[] = { "peers-same-origins", "peers-left-after-right", "peers-different-types",
                          "update-text" };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", seeds[i], NULL);
      g_autofree char *arg = g_strconcat ("file:", path, NULL);

      g_test_message ("seed %s", seeds[i]);
      run_hostile (arg, FALSE);
    }
}

/* The relayed tests exercise coturn and libnice more than our code (the
 * same paths run direct in the live tests), and each costs seconds more
 * under AddressSanitizer: the normal build runs them. */
#if defined(__SANITIZE_ADDRESS__)
#define SKIP_RELAYED_UNDER_ASAN() \
  G_STMT_START { g_test_skip ("Relayed connections run in the normal build only"); return; } G_STMT_END
#else
#define SKIP_RELAYED_UNDER_ASAN() G_STMT_START { } G_STMT_END
#endif

/* Host and guest that may only use relays: they meet through coturn. */
static void
run_relayed (PpTestServer *server,
             const char   *first_arg,
             ...)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  g_autofree char *link = NULL, *text = NULL;
  PpTestProc *host, *guest, *pair[2];
  va_list args;

  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (extra, (char *) a);
  va_end (args);
  while (extra->len < 3)
    g_ptr_array_add (extra, NULL);

  /* With settings, the host takes the server from them too. */
  if (g_str_has_prefix (first_arg, "--settings="))
    host = proc_spawn ("host", "--host", "--auto-admit", g_ptr_array_index (extra, 0),
                       g_ptr_array_index (extra, 1), g_ptr_array_index (extra, 2), NULL);
  else
    host = proc_spawn ("host", "--host", "--auto-admit", "--server", server->uri,
                       g_ptr_array_index (extra, 0), g_ptr_array_index (extra, 1),
                       g_ptr_array_index (extra, 2), NULL);
  link = host_link (host);
  {
    g_autofree char *server_param = g_strdup_printf ("server=%s&", server->uri + strlen ("ws://"));
    g_assert_nonnull (strstr (link, server_param));
  }
  guest = proc_spawn ("guest", "--join", link, g_ptr_array_index (extra, 0),
                      g_ptr_array_index (extra, 1), g_ptr_array_index (extra, 2), NULL);
  g_free (pp_test_proc_expect (guest, "state active", WAIT_S));
  pp_test_proc_send (host, "edit 50 3 2");
  pp_test_proc_send (guest, "edit 50 4 2");
  g_free (pp_test_proc_expect (host, "edited", WAIT_S));
  g_free (pp_test_proc_expect (guest, "edited", WAIT_S));
  pair[0] = host;
  pair[1] = guest;
  text = wait_agree (pair, 2);
  g_assert_cmpuint (strlen (text), >, 40);
  pp_test_proc_free (guest);
  pp_test_proc_free (host);
}

/* The signaling server hands out TURN credentials; peers that may only
 * use relays still meet through them. */
static void
test_relay_server_turn (void)
{
  PpTestCoturn *coturn;
  g_autofree char *secret = NULL;
  PpTestServer *server;

  SKIP_RELAYED_UNDER_ASAN ();
  coturn = pp_test_coturn_start ("s3cret-for-coturn", NULL);
  if (coturn == NULL)
    return;
  secret = g_build_filename (pp_test_home_get_path (), "turn-secret", NULL);
  g_assert_true (g_file_set_contents (secret, "s3cret-for-coturn", -1, NULL));
  g_chmod (secret, 0600);
  server = pp_test_server_start (FALSE, "--turn-uri", coturn->uri, "--turn-secret-file", secret, NULL);
  run_relayed (server, "--relay-only", NULL);
  pp_test_server_stop (server);
  pp_test_coturn_stop (coturn);
}

/* The signaling server and a TURN server of the user's own, from the
 * app's settings. */
static void
test_relay_settings (void)
{
  PpTestCoturn *coturn;
  g_autofree char *keyfile = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *arg = NULL;
  PpTestServer *server;

  SKIP_RELAYED_UNDER_ASAN ();
  coturn = pp_test_coturn_start (NULL, "alice:wonder1and");
  keyfile = g_build_filename (pp_test_home_get_path (), "settings.ini", NULL);
  if (coturn == NULL)
    return;
  server = pp_test_server_start (FALSE, NULL);
  contents = g_strdup_printf ("[pairpad]\nsignaling-server='%s'\nturn-server='%s'\n"
                              "turn-username='alice'\nturn-password='wonder1and'\n"
                              "relay-only=true\n", server->uri, coturn->uri);
  g_assert_true (g_file_set_contents (keyfile, contents, -1, NULL));
  arg = g_strdup_printf ("--settings=%s", keyfile);
  run_relayed (server, arg, NULL);
  pp_test_server_stop (server);
  pp_test_coturn_stop (coturn);
}

/* Relays only, and none to use: the join fails, saying what would help. */
static void
test_relay_none (void)
{
  PpTestServer *server = pp_test_server_start (FALSE, NULL);
  g_autofree char *link = NULL, *error = NULL;
  PpTestProc *host, *guest;

  host = proc_spawn ("host", "--host", "--auto-admit", "--server", server->uri, "--relay-only", NULL);
  link = host_link (host);
  guest = proc_spawn ("guest", "--join", link, "--relay-only", NULL);
  g_free (pp_test_proc_expect (guest, "state failed", 40));
  error = pp_test_proc_expect (guest, "error ", 5);
  g_assert_cmpstr (error, ==, "error No route between you and host. The host can configure a TURN "
                              "server in Preferences.");
  pp_test_proc_free (guest);
  pp_test_proc_free (host);
  pp_test_server_stop (server);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pp_test_home_init ("session");

  g_test_add_func ("/session/live/two-peers-server", test_two_peers_server);
  g_test_add_func ("/session/live/four-peers-server", test_four_peers_server);
  g_test_add_func ("/session/live/two-peers-embedded", test_two_peers_embedded);
  g_test_add_func ("/session/live/four-peers-embedded", test_four_peers_embedded);
  g_test_add_func ("/session/live/tampering-server", test_tamper_flip);
  g_test_add_func ("/session/live/replaying-server", test_tamper_replay);
  g_test_add_func ("/session/live/refused", test_refused);
  g_test_add_func ("/session/live/read-only", test_read_only);
  g_test_add_func ("/session/live/removed", test_removed);
  g_test_add_func ("/session/live/server-stopped", test_server_stopped);
  g_test_add_func ("/session/live/late-joiner-and-runs", test_late_joiner_and_runs);
  g_test_add_func ("/session/live/cursors", test_cursors);
  g_test_add_func ("/session/live/end", test_end);
  g_test_add_func ("/session/live/host-hands-off", test_host_hands_off);
  g_test_add_func ("/session/live/kill-and-restart", test_kill_and_restart);
  g_test_add_func ("/session/live/channel-closed-by-offerer", test_channel_closed_by_offerer);
  g_test_add_func ("/session/live/channel-closed-by-answerer", test_channel_closed_by_answerer);
  g_test_add_func ("/session/relay/server-turn", test_relay_server_turn);
  g_test_add_func ("/session/relay/settings", test_relay_settings);
  g_test_add_func ("/session/relay/none", test_relay_none);
  g_test_add_func ("/session/hostile/same-origins", test_hostile_same_origins);
  g_test_add_func ("/session/hostile/left-after-right", test_hostile_left_after_right);
  g_test_add_func ("/session/hostile/wrong-kinds", test_hostile_wrong_kinds);
  g_test_add_func ("/session/hostile/malformed", test_hostile_malformed);
  g_test_add_func ("/session/hostile/fuzz-seeds", test_hostile_fuzz_seeds);
  status = g_test_run ();
  pp_test_home_cleanup ();
  return status;
}

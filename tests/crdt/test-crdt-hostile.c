/* test-crdt-hostile.c: updates from peers are checked before they change anything
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each hostile update here is written by hand with the lib0 encoder, as
 * an attacker holding the invite link could: items whose origins no
 * honest peer writes. Each must be refused with the document as it was,
 * and an honest update must still apply after it. Every honest update
 * (typed, synced, waiting for dependencies, from the editing traces)
 * must be accepted.
 */
#include "config.h"

#include <string.h>

#include "crdt-test-util.h"
#include "pp-lib0.h"
#include "pp-sync.h"
#include "pp-trace.h"

/* Clients of the base document: its text's author and a second peer. */
#define AUTHOR 1
#define PEER 2

/* A session: the peer whose document takes the hostile updates, and an
 * honest peer it shares the session with. */
typedef struct {
  PpDoc *honest;
  PpDoc *doc;
  Updates emitted;     /* what doc's transactions emitted */
} Session;

/* "hello 😀 world" by AUTHOR (clocks 0-13, the emoji at 6 and 7), then
 * by PEER the map entries a (2:0) and b (2:1) and the text "notes" "xy"
 * (2:2-3). */
static void
session_init (Session *s)
{
  g_autoptr(PpDoc) author = pp_doc_new_with_client_id (AUTHOR);

  s->honest = pp_doc_new_with_client_id (PEER);
  s->doc = pp_doc_new_with_client_id (10);
  s->emitted = (Updates) { 0, NULL };
  pp_text_insert (pp_doc_get_text (author, "code"), 0, "hello 😀 world", -1, NULL);
  sync_into (s->honest, author);
  pp_map_set (pp_doc_get_map (s->honest, "meta"), "a", g_variant_new_int64 (1));
  pp_map_set (pp_doc_get_map (s->honest, "meta"), "b", g_variant_new_int64 (2));
  pp_text_insert (pp_doc_get_text (s->honest, "notes"), 0, "xy", -1, NULL);
  sync_into (s->doc, s->honest);
  pp_doc_connect_update (s->doc, on_update, &s->emitted);
}

static void
session_clear (Session *s)
{
  g_clear_pointer (&s->doc, pp_doc_free);
  g_clear_pointer (&s->honest, pp_doc_free);
  updates_clear (&s->emitted);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Session, session_clear)

/* Everything of a document a peer or its user could notice. */
typedef struct {
  GBytes *sv;
  GBytes *state;
  char *code;
  char *notes;
  GVariant *meta;
  gboolean pending;
} Seen;

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->sv, g_bytes_unref);
  g_clear_pointer (&seen->state, g_bytes_unref);
  g_clear_pointer (&seen->code, g_free);
  g_clear_pointer (&seen->notes, g_free);
  g_clear_pointer (&seen->meta, g_variant_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Seen, seen_clear)

static void
see (PpDoc *doc, Seen *seen)
{
  seen->sv = pp_doc_encode_state_vector (doc);
  seen->state = state_of (doc);
  seen->code = text_of (doc);
  seen->notes = pp_text_to_string (pp_doc_get_text (doc, "notes"));
  seen->meta = pp_map_to_variant (pp_doc_get_map (doc, "meta"));
  seen->pending = pp_doc_has_pending (doc);
}

static void
assert_same (const Seen *a, const Seen *b)
{
  g_assert_true (g_bytes_equal (a->sv, b->sv));
  g_assert_cmpstr (a->code, ==, b->code);
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_true (g_variant_equal (a->meta, b->meta));
  g_assert_cmpint (a->pending, ==, b->pending);
  /* Not even how runs are split differs. */
  g_assert_true (g_bytes_equal (a->state, b->state));
}

/* The update is refused, naming why, and the document is as it was: no
 * struct, no delete, nothing waiting, no update emitted. Then an honest
 * edit from the other peer still applies. */
static void
assert_refused (Session *s, GBytes *update, const char *why)
{
  g_auto(Seen) before = { 0 }, after = { 0 };
  g_autoptr(GError) error = NULL;
  guint emitted = s->emitted.n;

  see (s->doc, &before);
  g_assert_false (pp_doc_apply_remote_update (s->doc, g_bytes_get_data (update, NULL), g_bytes_get_size (update),
                                              NULL, &error));
  g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_REFUSED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, why));
  see (s->doc, &after);
  assert_same (&before, &after);
  g_assert_cmpuint (s->emitted.n, ==, emitted);
  g_assert_cmpuint (pp_doc_take_refused (s->doc, NULL, NULL), ==, 0);

  pp_text_insert (pp_doc_get_text (s->honest, "code"), 0, "ok ", -1, NULL);
  sync_into (s->doc, s->honest);
  {
    g_autofree char *want = text_of (s->honest), *got = text_of (s->doc);
    g_assert_cmpstr (got, ==, want);
  }
}

static void
assert_refused_structs (Session *s, const Struct *structs, guint n, const char *why)
{
  g_autoptr(GBytes) update = build_update (structs, n, NULL, 0);

  assert_refused (s, update, why);
}

/* ---- each class refused ---- */

static void
test_same_origins (void)
{
  g_auto(Session) s;
  Struct bad = { 66, 0, ID (AUTHOR, 2), ID (AUTHOR, 2), .text = "X" };

  session_init (&s);
  assert_refused_structs (&s, &bad, 1, "left and right origins are the same item");
}

/* Made by editing an honest update's bytes: an insert between "h" and
 * "e" whose right origin is set to its left origin. */
static void
test_same_origins_edited_bytes (void)
{
  g_auto(Session) s;
  g_autoptr(PpDoc) peer = pp_doc_new_with_client_id (66);
  g_auto(Updates) made = { 0, NULL };
  g_autofree guint8 *bytes = NULL;
  const guint8 origins[] = { 0x80 | 0x40 | 4, AUTHOR, 0, AUTHOR, 1 };
  guint8 *at;
  gsize len;

  session_init (&s);
  sync_into (peer, s.doc);
  pp_doc_connect_update (peer, on_update, &made);
  pp_text_insert (pp_doc_get_text (peer, "code"), 1, "X", -1, NULL);
  len = g_bytes_get_size (made.last);
  bytes = g_memdup2 (g_bytes_get_data (made.last, NULL), len);
  for (at = bytes; at + sizeof origins <= bytes + len && memcmp (at, origins, sizeof origins) != 0; at++)
    ;
  g_assert_true (at + sizeof origins <= bytes + len);
  at[4] = 0;   /* right origin AUTHOR:1 becomes AUTHOR:0 */
  {
    g_autoptr(GBytes) hostile = g_bytes_new (bytes, len);
    assert_refused (&s, hostile, "left and right origins are the same item");
  }
  /* The honest bytes themselves are accepted. */
  g_assert_true (pp_doc_apply_remote_update (s.doc, g_bytes_get_data (made.last, NULL), g_bytes_get_size (made.last),
                                             NULL, NULL));
  assert_text (s.doc, "ok hXello 😀 world");
}

static void
test_left_after_right (void)
{
  g_auto(Session) s;
  /* Inside one run: AUTHOR:4 comes after AUTHOR:1. */
  Struct in_run = { 66, 0, ID (AUTHOR, 4), ID (AUTHOR, 1), .text = "X" };
  /* Across runs: the "ok " typed after the first refusal is at the start. */
  Struct across = { 66, 0, ID (AUTHOR, 13), ID (PEER, 4), .text = "X" };
  /* A chain inside the update: 66:0 goes between AUTHOR:9 and :10, and
   * 66:1 claims to come after it and before AUTHOR:2. */
  Struct chain[] = {
    { 66, 0, ID (AUTHOR, 9), ID (AUTHOR, 10), .text = "Y" },
    { 66, 1, ID (66, 0), ID (AUTHOR, 2), .text = "Z" },
  };

  session_init (&s);
  assert_refused_structs (&s, &in_run, 1, "left origin is not before its right origin");
  assert_refused_structs (&s, &across, 1, "left origin is not before its right origin");
  assert_refused_structs (&s, chain, G_N_ELEMENTS (chain), "left origin is not before its right origin");
}

/* When an item was made, its origins were neighbours: whatever its maker
 * had seen is outside them, in every replica since. Its maker had seen
 * its own earlier changes, and each origin's client up to the origin. */
static void
test_knew_between (void)
{
  g_auto(Session) s;
  /* AUTHOR:3 and :4 lie between; whoever saw AUTHOR:5 saw them. */
  Struct in_run = { 66, 0, ID (AUTHOR, 2), ID (AUTHOR, 5), .text = "X" };
  /* Across runs, with a change of another client between as well. */
  Struct across = { 68, 0, ID (AUTHOR, 0), ID (AUTHOR, 13), .text = "X" };
  Struct first = { 66, 0, ID (AUTHOR, 9), ID (AUTHOR, 10), .text = "ab" };
  /* Its maker's own "ab" lies between. */
  Struct over_own = { 66, 2, ID (AUTHOR, 9), ID (AUTHOR, 10), .text = "c" };
  /* The same with "notes" empty to its maker: it may not have seen
   * PEER's "xy", and is taken. */
  Struct fresh_notes = { 67, 0, .root = "notes", .text = "n" };
  g_autoptr(GBytes) update = build_update (&first, 1, NULL, 0);
  g_autoptr(GBytes) fresh = build_update (&fresh_notes, 1, NULL, 0);

  session_init (&s);
  assert_refused_structs (&s, &in_run, 1, "have between them a change its maker knew");
  g_assert_true (pp_doc_apply_remote_update (s.doc, g_bytes_get_data (update, NULL), g_bytes_get_size (update),
                                             NULL, NULL));
  sync_into (s.honest, s.doc);
  assert_refused_structs (&s, &across, 1, "have between them a change its maker knew");
  assert_refused_structs (&s, &over_own, 1, "have between them a change its maker knew");
  /* A list its maker saw empty holds none of its changes. */
  g_assert_true (pp_doc_apply_remote_update (s.doc, g_bytes_get_data (fresh, NULL), g_bytes_get_size (fresh),
                                             NULL, NULL));
  sync_into (s.honest, s.doc);
  {
    Struct own_after = { 67, 1, .root = "notes", .text = "m" };
    assert_refused_structs (&s, &own_after, 1, "its maker's list was not empty");
  }
}

static void
test_different_types (void)
{
  g_auto(Session) s;
  Struct bad = { 66, 0, ID (AUTHOR, 3), ID (PEER, 3), .text = "X" };

  session_init (&s);
  assert_refused_structs (&s, &bad, 1, "left and right origins are in different types");
}

static void
test_different_keys (void)
{
  g_auto(Session) s;
  /* Map entry a (PEER:0) as left origin, entry b (PEER:1) as right. */
  Struct bad = { 66, 0, ID (PEER, 0), ID (PEER, 1), .text = "X" };

  session_init (&s);
  assert_refused_structs (&s, &bad, 1, "left and right origins are under different keys");
}

static void
test_parent_not_a_type (void)
{
  g_auto(Session) s;
  Struct bad = { 66, 0, .parent = ID (AUTHOR, 2), .text = "X" };
  Struct bad_key = { 66, 0, .parent = ID (PEER, 2), .key = "k", .text = "X" };

  session_init (&s);
  assert_refused_structs (&s, &bad, 1, "parent is not a shared type");
  assert_refused_structs (&s, &bad_key, 1, "parent is not a shared type");
}

static void
test_own_later_clock (void)
{
  g_auto(Session) s;
  Struct self_origin = { 66, 0, ID (66, 0), ID (AUTHOR, 1), .text = "X" };
  Struct later_right = { 66, 3, ID (AUTHOR, 0), ID (66, 9), .text = "X" };
  Struct self_parent = { 66, 0, .parent = ID (66, 0), .text = "X" };

  session_init (&s);
  assert_refused_structs (&s, &self_origin, 1, "origin is a later change of its own client");
  assert_refused_structs (&s, &later_right, 1, "origin is a later change of its own client");
  assert_refused_structs (&s, &self_parent, 1, "parent is a later change of its own client");
}

/* An update that overlaps what the document has continues the client's
 * previous item: 66:0-1 are in "code", and 66:0-3 claims "notes". */
static void
test_continues_elsewhere (void)
{
  g_auto(Session) s;
  Struct first = { 66, 0, ID (AUTHOR, 9), ID (AUTHOR, 10), .text = "ab" };
  Struct overlap = { 66, 0, ID (PEER, 2), ID (PEER, 3), .text = "abcd" };
  Struct after_right = { 66, 0, ID (AUTHOR, 0), ID (AUTHOR, 2), .text = "abcd" };
  g_autoptr(GBytes) update = build_update (&first, 1, NULL, 0);

  session_init (&s);
  g_assert_true (pp_doc_apply_remote_update (s.doc, g_bytes_get_data (update, NULL), g_bytes_get_size (update),
                                             NULL, NULL));
  assert_text (s.doc, "hello 😀 waborld");
  sync_into (s.honest, s.doc);
  assert_refused_structs (&s, &overlap, 1, "continues its client's previous item in another type");
  /* In the same text, its rest would go after its own right origin. */
  assert_refused_structs (&s, &after_right, 1, "left origin is not before its right origin");
}

/* A long update whose last struct fails: everything before it, linked
 * already (splitting a surrogate pair, an item of the update itself and
 * runs of the document, replacing a map entry, making a root and a
 * nested Map with content), is rolled back, and its deletes never done. */
static void
test_rollback (void)
{
  g_auto(Session) s;
  Struct structs[] = {
    /* Clients integrate highest first: 90's structs all go in before
     * 50's fails. */
    { 90, 0, ID (AUTHOR, 6), ID (AUTHOR, 7), .text = "AB" },   /* inside the emoji */
    { 90, 2, ID (90, 0), ID (90, 1), .text = "C" },             /* inside 90:0-1 */
    { 90, 3, ID (PEER, 0), NULL, .text = "r" },                 /* after entry a */
    { 90, 4, .root = "fresh", .text = "new root" },
    { 90, 12, .root = "meta", .key = "nested" },                /* a Y.Map */
    { 90, 13, .parent = ID (90, 12), .key = "inner", .text = "v" },
    { 90, 14, ID (AUTHOR, 2), ID (AUTHOR, 3), .text = "D" },
    { 50, 0, ID (AUTHOR, 11), ID (AUTHOR, 9), .text = "bad" },
  };
  const Deleted deletes[] = { { AUTHOR, 0, 3 }, { PEER, 1, 1 } };
  g_autoptr(GBytes) update = build_update (structs, G_N_ELEMENTS (structs), deletes, G_N_ELEMENTS (deletes));
  g_autoptr(GBytes) good = build_update (structs, G_N_ELEMENTS (structs) - 1, deletes, G_N_ELEMENTS (deletes));

  session_init (&s);
  assert_refused (&s, update, "left origin is not before its right origin");

  /* Without its last struct, the same update applies. */
  g_assert_true (pp_doc_apply_remote_update (s.doc, g_bytes_get_data (good, NULL), g_bytes_get_size (good), NULL, NULL));
  assert_text (s.doc, "ok Dlo \xef\xbf\xbd" "ACB\xef\xbf\xbd world");
  {
    g_autofree char *fresh = pp_text_to_string (pp_doc_get_text (s.doc, "fresh"));
    g_autoptr(GVariant) a = pp_map_get (pp_doc_get_map (s.doc, "meta"), "a");
    g_assert_cmpstr (fresh, ==, "new root");
    g_assert_false (pp_map_has (pp_doc_get_map (s.doc, "meta"), "b"));
    g_assert_cmpstr (g_variant_get_string (a, NULL), ==, "r");
    g_assert_true (pp_map_has (pp_doc_get_map (s.doc, "meta"), "nested"));
  }
}

/* A struct that waits for a dependency is checked when the dependency
 * arrives. The update bringing it is not at fault and applies; the
 * waiting struct is dropped, and pp_doc_take_refused() says so, with the
 * origin of the update that brought it. */
static void
test_pending_refused (void)
{
  g_auto(Session) s;
  int sender_a, sender_b;
  Struct waits = { 70, 0, ID (71, 0), ID (AUTHOR, 1), .text = "bad" };
  Struct arrives = { 71, 0, ID (AUTHOR, 9), ID (AUTHOR, 10), .text = "Z" };
  Struct honest_waits = { 72, 0, ID (71, 0), ID (AUTHOR, 10), .text = "Q" };
  g_autoptr(GBytes) u1 = build_update (&waits, 1, NULL, 0);
  g_autoptr(GBytes) u2 = build_update (&honest_waits, 1, NULL, 0);
  g_autoptr(GBytes) u3 = build_update (&arrives, 1, NULL, 0);
  g_autoptr(GError) error = NULL;
  gpointer origin = NULL;

  session_init (&s);
  g_assert_true (pp_doc_apply_remote_update (s.doc, g_bytes_get_data (u1, NULL), g_bytes_get_size (u1), &sender_a, NULL));
  g_assert_true (pp_doc_apply_remote_update (s.doc, g_bytes_get_data (u2, NULL), g_bytes_get_size (u2), &sender_a, NULL));
  g_assert_true (pp_doc_has_pending (s.doc));
  assert_text (s.doc, "hello 😀 world");
  g_assert_cmpuint (pp_doc_take_refused (s.doc, NULL, NULL), ==, 0);

  g_assert_true (pp_doc_apply_remote_update (s.doc, g_bytes_get_data (u3, NULL), g_bytes_get_size (u3), &sender_b, NULL));
  assert_text (s.doc, "hello 😀 wZQorld");
  g_assert_false (pp_doc_has_pending (s.doc));
  g_assert_cmpuint (pp_doc_take_refused (s.doc, &origin, &error), ==, 1);
  g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "left origin is not before its right origin"));
  g_assert_true (origin == &sender_a);
  g_clear_error (&error);
  g_assert_cmpuint (pp_doc_take_refused (s.doc, &origin, &error), ==, 0);
  g_assert_no_error (error);
}

/* A refused update from the very start is not kept to wait either. */
static void
test_pending_refused_on_arrival (void)
{
  g_auto(Session) s;
  Struct waits = { 70, 0, ID (71, 0), ID (71, 0), .text = "bad" };

  session_init (&s);
  assert_refused_structs (&s, &waits, 1, "left and right origins are the same item");
  g_assert_false (pp_doc_has_pending (s.doc));
}

/* y-protocols: a peer's step 2 or update goes through the checks. */
static void
test_sync_message (void)
{
  g_auto(Session) s;
  Struct bad = { 66, 0, ID (AUTHOR, 4), ID (AUTHOR, 1), .text = "X" };
  g_autoptr(GBytes) update = build_update (&bad, 1, NULL, 0);
  g_auto(Seen) before = { 0 }, after = { 0 };

  session_init (&s);
  see (s.doc, &before);
  for (guint type = PP_SYNC_STEP2; type <= PP_SYNC_UPDATE; type++)
    {
      PpEncoder enc;
      g_autoptr(GBytes) message = NULL;
      g_autoptr(GError) error = NULL;

      pp_encoder_init (&enc);
      pp_write_var_uint (&enc, type);
      pp_write_var_bytes (&enc, g_bytes_get_data (update, NULL), g_bytes_get_size (update));
      message = pp_encoder_free_to_bytes (&enc);
      g_assert_cmpint (pp_sync_read_remote_message (s.doc, g_bytes_get_data (message, NULL), g_bytes_get_size (message),
                                                    NULL, NULL, &error), ==, -1);
      g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_REFUSED);
    }
  see (s.doc, &after);
  assert_same (&before, &after);
}

/* ---- honest updates are accepted ---- */

/* Edits across two clients, delivered backwards: all wait, then all
 * integrate, each checked. */
static void
test_pending_honest (void)
{
  g_autoptr(PpDoc) a = pp_doc_new_with_client_id (1);
  g_autoptr(PpDoc) b = pp_doc_new_with_client_id (2);
  g_autoptr(PpDoc) c = pp_doc_new_with_client_id (3);
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (int i = 0; i < 12; i++)
    {
      PpDoc *d = i % 2 ? b : a;
      g_auto(Updates) u = { 0, NULL };
      guint h = pp_doc_connect_update (d, on_update, &u);
      guint len = pp_text_length_cp (pp_doc_get_text (d, "code"));
      pp_doc_transact_begin (d, NULL);
      if (i % 4 == 3)
        pp_text_delete_cp (pp_doc_get_text (d, "code"), 1, 2, NULL);
      else
        pp_text_insert_cp (pp_doc_get_text (d, "code"), len / 2, i % 2 ? "b😀" : "aa", -1, NULL);
      pp_map_set (pp_doc_get_map (d, "meta"), "last", g_variant_new_int64 (i));
      pp_doc_transact_end (d);
      pp_doc_disconnect (d, h);
      g_ptr_array_add (updates, g_bytes_ref (u.last));
      sync_into (i % 2 ? a : b, d);
    }
  for (guint i = updates->len; i > 0; i--)
    {
      GBytes *u = updates->pdata[i - 1];
      g_autoptr(GError) error = NULL;
      g_assert_true (pp_doc_apply_remote_update (c, g_bytes_get_data (u, NULL), g_bytes_get_size (u), NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_false (pp_doc_has_pending (c));
  g_assert_cmpuint (pp_doc_take_refused (c, NULL, NULL), ==, 0);
  {
    g_autofree char *ta = text_of (a), *tc = text_of (c);
    g_autoptr(GVariant) ma = pp_map_to_variant (pp_doc_get_map (a, "meta"));
    g_autoptr(GVariant) mc = pp_map_to_variant (pp_doc_get_map (c, "meta"));
    g_assert_cmpstr (tc, ==, ta);
    g_assert_true (g_variant_equal (ma, mc));
  }
}

static char *
trace_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".json.gz", NULL);

  return g_build_filename (g_getenv ("PAIRPAD_TESTS_DIR"), "..", "..", "shared", "traces", file, NULL);
}

static void
apply_remote (PpDoc *doc, const guint8 *update, gsize len)
{
  g_autoptr(GError) error = NULL;

  if (!pp_doc_apply_remote_update (doc, update, len, NULL, &error))
    g_error ("An honest update was refused: %s", error->message);
  if (pp_doc_take_refused (doc, NULL, &error) > 0)
    g_error ("An honest change was refused once it could be checked: %s", error->message);
}

/* A PpUpdateFunc sending each update to another document as a peer. */
static void
forward (PpDoc *doc, const guint8 *update, gsize len, const PpTransactionInfo *info, gpointer data)
{
  apply_remote (data, update, len);
}

/* Every transaction of a real editing session, sent to a peer as it is
 * typed, and the whole state at the end, sent to one more. */
static void
test_sequential_traces (void)
{
#if defined (__SANITIZE_ADDRESS__)
  /* Each trace takes a minute under the sanitizer's full unwinding; the
   * normal build replays them all. */
  const char *names[] = { "sveltecomponent" };
#else
  const char *names[] = { "automerge-paper", "seph-blog1", "rustcode", "sveltecomponent" };
#endif

  for (guint t = 0; t < G_N_ELEMENTS (names); t++)
    {
      g_autofree char *path = trace_path (names[t]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PpTrace) trace = NULL;
      g_autoptr(PpDoc) typist = pp_doc_new_with_client_id (1);
      g_autoptr(PpDoc) live = pp_doc_new_with_client_id (2);
      g_autoptr(PpDoc) late = pp_doc_new_with_client_id (3);
      g_autoptr(GBytes) state = NULL;
      g_autofree char *text_live = NULL, *text_late = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_test_skip ("No editing traces: ../shared/traces is absent");
          return;
        }
      trace = pp_trace_load (path, &error);
      g_assert_no_error (error);
      pp_doc_connect_update (typist, forward, live);
      g_assert_true (pp_trace_replay (trace, pp_doc_get_text (typist, "code"), &error));
      state = state_of (typist);
      apply_remote (late, g_bytes_get_data (state, NULL), g_bytes_get_size (state));
      text_live = text_of (live);
      text_late = text_of (late);
      g_assert_cmpstr (text_live, ==, trace->end_content);
      g_assert_cmpstr (text_late, ==, trace->end_content);
      g_assert_cmpuint (pp_doc_take_refused (live, NULL, NULL), ==, 0);
    }
}

/* A real session of two or three people typing at once: each agent's
 * document takes the others' updates as a peer's, as far as its next
 * transaction's parents reach (the traces' agents each edit in one line
 * of history, so a version is how many transactions of each agent it
 * has). Then one more peer takes every update, the agents' streams
 * interleaved at random, many arriving before what they build on. */
static void
test_concurrent_traces (void)
{
  const char *names[] = { "friendsforever", "clownschool" };

#if defined (__SANITIZE_ADDRESS__)
  /* Millions of small allocations, each unwound in full for the leak
   * checker (fast_unwind_on_malloc=0): over five minutes here, against
   * 7 s in the normal build, which runs it. The code it drives is what
   * the other tests of this file run under the sanitizer. */
  g_test_skip ("Too slow under AddressSanitizer's full unwinding; the normal build runs it");
  return;
#endif

  for (guint t = 0; t < G_N_ELEMENTS (names); t++)
    {
      g_autofree char *path = trace_path (names[t]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PpTrace) trace = NULL;
      g_autoptr(GRand) r = g_rand_new_with_seed (t);
      g_autoptr(PpDoc) last = pp_doc_new_with_client_id (99);
      g_autofree guint *versions = NULL, *have = NULL, *sent = NULL;
      g_autofree PpDoc **docs = NULL;
      g_autofree GPtrArray **updates = NULL;
      g_autofree char *text = NULL;
      guint n, left = 0;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_test_skip ("No editing traces: ../shared/traces is absent");
          return;
        }
      trace = pp_trace_load (path, &error);
      g_assert_no_error (error);
      g_assert_true (trace->concurrent);
      n = trace->n_agents;
      versions = g_new0 (guint, trace->txns->len * n);
      have = g_new0 (guint, n * n);      /* have[a * n + b]: b's updates a has */
      docs = g_new0 (PpDoc *, n);
      updates = g_new0 (GPtrArray *, n);
      for (guint a = 0; a < n; a++)
        {
          docs[a] = pp_doc_new_with_client_id (a + 1);
          updates[a] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
        }

      for (guint i = 0; i < trace->txns->len; i++)
        {
          const PpTraceTxn *txn = &g_array_index (trace->txns, PpTraceTxn, i);
          guint a = txn->agent;
          guint *v = versions + i * n;
          PpText *code = pp_doc_get_text (docs[a], "code");
          g_auto(Updates) made = { 0, NULL };
          guint h;

          for (guint p = 0; p < txn->n_parents; p++)
            for (guint b = 0; b < n; b++)
              v[b] = MAX (v[b], versions[txn->parents[p] * n + b]);
          g_assert_cmpuint (v[a], ==, updates[a]->len);
          for (guint b = 0; b < n; b++)
            for (; have[a * n + b] < v[b]; have[a * n + b]++)
              {
                GBytes *u = updates[b]->pdata[have[a * n + b]];
                apply_remote (docs[a], g_bytes_get_data (u, NULL), g_bytes_get_size (u));
              }

          h = pp_doc_connect_update (docs[a], on_update, &made);
          pp_doc_transact_begin (docs[a], NULL);
          for (guint k = 0; k < txn->n_patches; k++)
            {
              const PpTracePatch *patch = &g_array_index (trace->patches, PpTracePatch, txn->first_patch + k);
              if (patch->del > 0)
                g_assert_true (pp_text_delete_cp (code, patch->pos, patch->del, NULL));
              if (patch->ins_len > 0)
                g_assert_true (pp_text_insert_cp (code, patch->pos, patch->ins, patch->ins_len, NULL));
            }
          pp_doc_transact_end (docs[a]);
          pp_doc_disconnect (docs[a], h);
          g_assert_nonnull (made.last);
          g_ptr_array_add (updates[a], g_bytes_ref (made.last));
          v[a] = have[a * n + a] = updates[a]->len;
        }

      sent = g_new0 (guint, n);
      for (guint a = 0; a < n; a++)
        left += updates[a]->len;
      for (; left > 0; left--)
        {
          guint a;
          GBytes *u;
          do
            a = g_rand_int_range (r, 0, n);
          while (sent[a] == updates[a]->len);
          u = updates[a]->pdata[sent[a]++];
          apply_remote (last, g_bytes_get_data (u, NULL), g_bytes_get_size (u));
        }
      g_assert_false (pp_doc_has_pending (last));
      text = text_of (last);
      g_assert_cmpstr (text, ==, trace->end_content);
      for (guint a = 0; a < n; a++)
        {
          g_ptr_array_unref (updates[a]);
          pp_doc_free (docs[a]);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crdt/hostile/same-origins", test_same_origins);
  g_test_add_func ("/crdt/hostile/same-origins-edited-bytes", test_same_origins_edited_bytes);
  g_test_add_func ("/crdt/hostile/left-after-right", test_left_after_right);
  g_test_add_func ("/crdt/hostile/knew-between", test_knew_between);
  g_test_add_func ("/crdt/hostile/different-types", test_different_types);
  g_test_add_func ("/crdt/hostile/different-keys", test_different_keys);
  g_test_add_func ("/crdt/hostile/parent-not-a-type", test_parent_not_a_type);
  g_test_add_func ("/crdt/hostile/own-later-clock", test_own_later_clock);
  g_test_add_func ("/crdt/hostile/continues-elsewhere", test_continues_elsewhere);
  g_test_add_func ("/crdt/hostile/rollback", test_rollback);
  g_test_add_func ("/crdt/hostile/pending-refused", test_pending_refused);
  g_test_add_func ("/crdt/hostile/pending-refused-on-arrival", test_pending_refused_on_arrival);
  g_test_add_func ("/crdt/hostile/sync-message", test_sync_message);
  g_test_add_func ("/crdt/remote/pending-honest", test_pending_honest);
  g_test_add_func ("/crdt/remote/sequential-traces", test_sequential_traces);
  g_test_add_func ("/crdt/remote/concurrent-traces", test_concurrent_traces);
  return g_test_run ();
}

/* test-interop.c: our CRDT against real Yjs and y-protocols
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Yjs runs in a Node process (yjs-peer.mjs); updates, sync and awareness
 * messages go both ways as bytes.
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "pp-crdt.h"
#include "pp-sync.h"
#include "pp-trace.h"
#include "yjs-peer.h"

static YjsPeer *yjs;

/* Our document's content in the shape yjs-peer's "content" answers. */
static JsonNode *
our_content (PpDoc *doc)
{
  g_autofree char *text = pp_text_to_string (pp_doc_get_text (doc, "code"));
  g_autoptr(GVariant) meta = pp_map_to_variant (pp_doc_get_map (doc, "meta"));
  g_autoptr(GVariant) chat = pp_array_to_variant (pp_doc_get_array (doc, "chat"));
  g_autoptr(GString) plain = g_string_new (NULL);
  JsonObject *o = json_object_new ();
  JsonNode *n = json_node_new (JSON_NODE_OBJECT);

  /* Yjs's toString() leaves embeds out; we show them as U+FFFC. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != 0xfffc)
      g_string_append_unichar (plain, g_utf8_get_char (p));
  json_object_set_string_member (o, "code", plain->str);
  json_object_set_member (o, "meta", json_gvariant_serialize (meta));
  json_object_set_member (o, "chat", json_gvariant_serialize (chat));
  json_node_take_object (n, o);
  return n;
}

static void
assert_same_content (JsonNode *ours, JsonObject *theirs)
{
  g_autoptr(JsonNode) tn = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *a = NULL, *b = NULL;

  json_node_set_object (tn, theirs);
  if (!json_node_equal (ours, tn))
    {
      a = yjs_to_string (ours);
      b = yjs_to_string (tn);
      g_assert_cmpstr (a, ==, b);
    }
}

/* Everything from Yjs comes as from a peer: the checks on peers'
 * updates must accept all that Yjs writes, now and once it has waited. */
static void
apply_bytes (PpDoc *doc, GBytes *bytes)
{
  g_autoptr(GError) error = NULL;

  pp_doc_apply_remote_update (doc, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pp_doc_take_refused (doc, NULL, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_yjs_to_ours (void)
{
  g_autoptr(JsonObject) a = NULL, content = NULL, st = NULL;
  g_autoptr(GBytes) state = NULL;
  g_autoptr(JsonNode) ours = NULL;
  g_autoptr(PpDoc) doc = pp_doc_new ();
  g_autoptr(PpDoc) incremental = pp_doc_new ();

  yjs_do (yjs, "new", "peer", yjs_int (100), "client", yjs_int (777), NULL);
  yjs_do (yjs, "rich", "peer", yjs_int (100), NULL);
  yjs_do (yjs, "insertCp", "peer", yjs_int (100), "index", yjs_int (3),
          "text", yjs_str ("𝄞 ∑ 日本"), NULL);
  yjs_do (yjs, "deleteCp", "peer", yjs_int (100), "index", yjs_int (1),
          "len", yjs_int (1), NULL);
  yjs_do (yjs, "mapSet", "peer", yjs_int (100), "key", yjs_str ("language"),
          "value", yjs_str ("python"), NULL);
  yjs_do (yjs, "arrayInsert", "peer", yjs_int (100), "index", yjs_int (0),
          "values", yjs_json ("[{\"id\":\"m1\",\"text\":\"hi 👋\",\"time\":1700000000123},"
                              "-5, 3.25, 1e300, false, null, [1,[2,[3]]]]"), NULL);
  yjs_do (yjs, "arrayDelete", "peer", yjs_int (100), "index", yjs_int (1),
          "len", yjs_int (1), NULL);

  /* The whole state at once, and the same as incremental updates. */
  st = yjs_call (yjs, FALSE, "state", "peer", yjs_int (100), NULL);
  state = yjs_get_bytes (st, "update");
  apply_bytes (doc, state);
  content = yjs_call (yjs, FALSE, "content", "peer", yjs_int (100), NULL);
  ours = our_content (doc);
  assert_same_content (ours, content);
  g_assert_false (pp_doc_has_pending (doc));

  a = yjs_call (yjs, FALSE, "take", "peer", yjs_int (100), NULL);
  {
    JsonArray *updates = json_object_get_array_member (a, "updates");
    g_assert_cmpuint (json_array_get_length (updates), >=, 6);
    for (guint i = 0; i < json_array_get_length (updates); i++)
      {
        gsize len;
        g_autofree guchar *u = g_base64_decode (json_array_get_string_element (updates, i), &len);
        g_autoptr(GBytes) bytes = g_bytes_new (u, len);
        apply_bytes (incremental, bytes);
      }
  }
  g_clear_pointer (&ours, json_node_unref);
  ours = our_content (incremental);
  assert_same_content (ours, content);
}

static void
test_ours_to_yjs (void)
{
  g_autoptr(PpDoc) doc = pp_doc_new ();
  PpText *text = pp_doc_get_text (doc, "code");
  PpMap *meta = pp_doc_get_map (doc, "meta");
  PpArray *chat = pp_doc_get_array (doc, "chat");
  g_autoptr(GBytes) state = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(JsonNode) ours = NULL;
  GVariant *values[4];
  GVariantBuilder b;

  pp_text_insert_cp (text, 0, "def main():\n    print('héllo 😀')\n", -1, NULL);
  pp_text_insert_cp (text, 4, "𝄞", -1, NULL);
  pp_text_delete_cp (text, 0, 2, NULL);
  pp_text_insert (text, pp_text_length (text), "# ✓\n", -1, NULL);
  pp_map_set (meta, "language", g_variant_new_string ("python"));
  pp_map_set (meta, "problem", g_variant_new_int64 (42));
  pp_map_set (meta, "ratio", g_variant_new_double (0.1));
  pp_map_set (meta, "half", g_variant_new_double (0.5));
  pp_map_set (meta, "big", g_variant_new_int64 (G_GINT64_CONSTANT (3) << 40));
  pp_map_set (meta, "none", g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL));
  pp_map_set (meta, "title", g_variant_new_string ("first"));
  pp_map_set (meta, "title", g_variant_new_string ("second"));
  pp_map_delete (meta, "problem");
  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "author", g_variant_new_string ("Ada"));
  g_variant_builder_add (&b, "{sv}", "time", g_variant_new_int64 (1700000000));
  g_variant_builder_add (&b, "{sv}", "ok", g_variant_new_boolean (TRUE));
  values[0] = g_variant_builder_end (&b);
  values[1] = g_variant_new_string ("second");
  values[2] = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "\x01\x02\xff", 3, 1);
  values[3] = g_variant_new_int64 (-7);
  pp_array_insert (chat, 0, values, 4, NULL);
  pp_array_delete (chat, 1, 1, NULL);

  state = pp_doc_encode_state (doc, NULL, 0, NULL);
  theirs = yjs_call (yjs, FALSE, "decode", "update", yjs_bytes (g_bytes_get_data (state, NULL), g_bytes_get_size (state)), NULL);
  ours = our_content (doc);
  assert_same_content (ours, theirs);
}

/* ---- randomized sessions ---- */

typedef struct {
  gboolean ours;
  PpDoc *doc;
  guint id;           /* yjs-peer id */
  GPtrArray *outbox;  /* GBytes made by local edits */
} Peer;

typedef struct {
  guint to;
  guint due;
  GBytes *update;
} Msg;

static void
on_local_update (PpDoc *doc, const guint8 *update, gsize len, const PpTransactionInfo *info, gpointer data)
{
  Peer *p = data;

  if (info->local)
    g_ptr_array_add (p->outbox, g_bytes_new (update, len));
}

static const char *pieces[] = { "a", "b", "x", "é", "😀", "𝄞", "日", " ", "\n", "if", "🏳️‍🌈" };

static char *
random_text (GRand *r)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint n = g_rand_int_range (r, 1, 4);

  for (guint i = 0; i < n; i++)
    g_string_append (s, pieces[g_rand_int_range (r, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static guint
peer_length_cp (Peer *p)
{
  if (p->ours)
    return pp_text_length_cp (pp_doc_get_text (p->doc, "code"));
  else
    {
      g_autoptr(JsonObject) c = yjs_call (yjs, FALSE, "content", "peer", yjs_int (p->id), NULL);
      return g_utf8_strlen (json_object_get_string_member (c, "code"), -1);
    }
}

static void
random_edit (Peer *p, GRand *r)
{
  guint len = peer_length_cp (p);
  guint kind = g_rand_int_range (r, 0, 10);

  if (kind < 5 || len == 0)
    {
      g_autofree char *t = random_text (r);
      /* Often the same spot on every peer: concurrent inserts there. */
      guint at = g_rand_boolean (r) ? MIN (len, 2) : (guint) g_rand_int_range (r, 0, len + 1);
      if (p->ours)
        g_assert_true (pp_text_insert_cp (pp_doc_get_text (p->doc, "code"), at, t, -1, NULL));
      else
        yjs_do (yjs, "insertCp", "peer", yjs_int (p->id), "index", yjs_int (at),
                "text", yjs_str (t), NULL);
    }
  else if (kind < 8)
    {
      guint at = g_rand_int_range (r, 0, len);
      guint want = g_rand_int_range (r, 1, 5);
      guint n = MIN (len - at, want);
      if (p->ours)
        g_assert_true (pp_text_delete_cp (pp_doc_get_text (p->doc, "code"), at, n, NULL));
      else
        yjs_do (yjs, "deleteCp", "peer", yjs_int (p->id), "index", yjs_int (at),
                "len", yjs_int (n), NULL);
    }
  else if (kind < 9)
    {
      const char *key = g_rand_boolean (r) ? "language" : "title";
      gint64 v = g_rand_int_range (r, 0, 1000);
      if (p->ours)
        pp_map_set (pp_doc_get_map (p->doc, "meta"), key, g_variant_new_int64 (v));
      else
        yjs_do (yjs, "mapSet", "peer", yjs_int (p->id), "key", yjs_str (key),
                "value", yjs_int (v), NULL);
    }
  else
    {
      g_autofree char *t = random_text (r);
      if (p->ours)
        {
          GVariant *v = g_variant_new_string (t);
          PpArray *a = pp_doc_get_array (p->doc, "chat");
          g_assert_true (pp_array_insert (a, g_rand_int_range (r, 0, pp_array_length (a) + 1), &v, 1, NULL));
        }
      else
        yjs_do (yjs, "arrayInsert", "peer", yjs_int (p->id), "index", yjs_int (0),
                "values", yjs_json ("[\"chat\"]"), NULL);
    }
}

static GPtrArray *
take_outbox (Peer *p)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  if (p->ours)
    {
      g_ptr_array_extend_and_steal (out, p->outbox);
      p->outbox = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
    }
  else
    {
      g_autoptr(JsonObject) a = yjs_call (yjs, FALSE, "take", "peer", yjs_int (p->id), NULL);
      JsonArray *updates = json_object_get_array_member (a, "updates");
      for (guint i = 0; i < json_array_get_length (updates); i++)
        {
          gsize len;
          guchar *u = g_base64_decode (json_array_get_string_element (updates, i), &len);
          g_ptr_array_add (out, g_bytes_new_take (u, len));
        }
    }
  return out;
}

static void
deliver (Peer *p, GBytes *update)
{
  if (p->ours)
    apply_bytes (p->doc, update);
  else
    yjs_do (yjs, "apply", "peer", yjs_int (p->id),
            "update", yjs_bytes (g_bytes_get_data (update, NULL), g_bytes_get_size (update)), NULL);
}

/* y-protocols sync: a sends step 1, b answers with step 2, a reads it. */
static void
sync_pull (Peer *a, Peer *b)
{
  g_autoptr(GBytes) step1 = NULL, step2 = NULL;
  g_autoptr(GError) error = NULL;

  if (a->ours)
    step1 = pp_sync_encode_step1 (a->doc);
  else
    {
      g_autoptr(JsonObject) s = yjs_call (yjs, FALSE, "syncStep1", "peer", yjs_int (a->id), NULL);
      step1 = yjs_get_bytes (s, "message");
    }
  if (b->ours)
    {
      g_assert_cmpint (pp_sync_read_remote_message (b->doc, g_bytes_get_data (step1, NULL), g_bytes_get_size (step1),
                                                    NULL, &step2, &error), ==, PP_SYNC_STEP1);
      g_assert_no_error (error);
    }
  else
    {
      g_autoptr(JsonObject) s = yjs_call (yjs, FALSE, "syncRead", "peer", yjs_int (b->id),
                                          "message", yjs_bytes (g_bytes_get_data (step1, NULL), g_bytes_get_size (step1)), NULL);
      step2 = yjs_get_bytes (s, "reply");
    }
  if (a->ours)
    {
      g_assert_cmpint (pp_sync_read_remote_message (a->doc, g_bytes_get_data (step2, NULL), g_bytes_get_size (step2),
                                                    NULL, NULL, &error), ==, PP_SYNC_STEP2);
      g_assert_no_error (error);
      g_assert_cmpuint (pp_doc_take_refused (a->doc, NULL, NULL), ==, 0);
    }
  else
    {
      g_autoptr(JsonObject) s = yjs_call (yjs, FALSE, "syncRead", "peer", yjs_int (a->id),
                                          "message", yjs_bytes (g_bytes_get_data (step2, NULL), g_bytes_get_size (step2)), NULL);
      g_assert_cmpint (json_object_get_int_member (s, "type"), ==, 1);
    }
}

static void
run_session (guint seed)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (seed);
  guint n = 3 + seed % 3;
  Peer peers[5];
  g_autoptr(GArray) net = g_array_new (FALSE, FALSE, sizeof (Msg));
  g_autoptr(JsonNode) reference = NULL;

  for (guint i = 0; i < n; i++)
    {
      guint32 client = g_rand_int_range (r, 1, 1 << 30);
      peers[i].ours = (i + seed) % 2 == 0;
      peers[i].id = seed * 10 + i;
      peers[i].outbox = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      peers[i].doc = NULL;
      if (peers[i].ours)
        {
          peers[i].doc = pp_doc_new_with_client_id (client);
          pp_doc_connect_update (peers[i].doc, on_local_update, &peers[i]);
        }
      else
        yjs_do (yjs, "new", "peer", yjs_int (peers[i].id), "client", yjs_int (client), NULL);
    }

  for (guint step = 0; step < 40; step++)
    {
      Peer *p = &peers[g_rand_int_range (r, 0, n)];
      g_autoptr(GPtrArray) made = NULL;

      random_edit (p, r);
      made = take_outbox (p);
      for (guint u = 0; u < made->len; u++)
        for (guint to = 0; to < n; to++)
          {
            Msg m;
            if (&peers[to] == p || g_rand_int_range (r, 0, 10) == 0)
              continue;   /* dropped */
            m.to = to;
            m.due = step + g_rand_int_range (r, 0, 6);
            m.update = g_bytes_ref (made->pdata[u]);
            g_array_append_val (net, m);
            if (g_rand_int_range (r, 0, 20) == 0)
              {
                m.due = step + g_rand_int_range (r, 0, 10);
                g_bytes_ref (m.update);
                g_array_append_val (net, m);   /* duplicated */
              }
          }
      /* Deliver what is due, in random order. */
      for (guint k = net->len; k > 0; k--)
        {
          guint i = g_rand_int_range (r, 0, net->len);
          Msg m = g_array_index (net, Msg, i);
          if (m.due > step)
            continue;
          g_array_remove_index_fast (net, i);
          deliver (&peers[m.to], m.update);
          g_bytes_unref (m.update);
        }
    }
  while (net->len > 0)
    {
      guint i = g_rand_int_range (r, 0, net->len);
      Msg m = g_array_index (net, Msg, i);
      g_array_remove_index_fast (net, i);
      deliver (&peers[m.to], m.update);
      g_bytes_unref (m.update);
    }

  /* Repair what was dropped: every peer pulls from every other. */
  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      if (a != b)
        sync_pull (&peers[a], &peers[b]);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonNode) c = NULL;
      if (peers[i].ours)
        {
          c = our_content (peers[i].doc);
          g_assert_false (pp_doc_has_pending (peers[i].doc));
        }
      else
        {
          JsonObject *o = yjs_call (yjs, FALSE, "content", "peer", yjs_int (peers[i].id), NULL);
          c = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (c, o);
        }
      if (reference == NULL)
        reference = json_node_ref (c);
      else if (!json_node_equal (reference, c))
        {
          g_autofree char *x = yjs_to_string (reference), *y = yjs_to_string (c);
          g_test_message ("seed %u peer %u (%s) differs", seed, i, peers[i].ours ? "ours" : "yjs");
          g_assert_cmpstr (x, ==, y);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_unref (peers[i].outbox);
      pp_doc_free (peers[i].doc);
    }
}

/* ---- relative positions ---- */

/* Yjs's absolute index for the position in JSON, or -1 for none. */
static gint64
yjs_resolve (Peer       *p,
             const char *json)
{
  g_autoptr(JsonObject) a = yjs_call (yjs, FALSE, "abspos", "peer", yjs_int (p->id),
                                      "pos", yjs_json (json), NULL);
  JsonNode *index = json_object_get_member (a, "index");

  return JSON_NODE_HOLDS_NULL (index) ? -1 : json_node_get_int (index);
}

static gint64
our_resolve (Peer       *p,
             const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpRelativePosition) pos = pp_relative_position_new_from_json (json, &error);
  guint index;

  g_assert_no_error (error);
  return pp_relative_position_resolve (pos, p->doc, NULL, &index, NULL) ? (gint64) index : -1;
}

static void
edit_and_sync (Peer *ours, Peer *theirs, GRand *r, guint rounds)
{
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GPtrArray) dropped = NULL;

      random_edit (g_rand_boolean (r) ? ours : theirs, r);
      random_edit (g_rand_boolean (r) ? ours : theirs, r);
      /* Nothing goes by update: sync step 1 and 2 carry it all. */
      g_ptr_array_set_size (ours->outbox, 0);
      dropped = take_outbox (theirs);
      sync_pull (ours, theirs);
      sync_pull (theirs, ours);
    }
}

/* Every position of a shared text made by both sides is the same JSON,
 * each side finds the other's where it was made, and after more edits
 * on both sides the two still agree where each position is now. */
static void
test_relative_positions (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (7);
  Peer ours = { TRUE, pp_doc_new_with_client_id (0x1234), 0, NULL };
  Peer theirs = { FALSE, NULL, 9001, NULL };
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  PpText *text = pp_doc_get_text (ours.doc, "code");
  guint len, len_cp, moved = 0;

  ours.outbox = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  pp_doc_connect_update (ours.doc, on_local_update, &ours);
  yjs_do (yjs, "new", "peer", yjs_int (theirs.id), "client", yjs_int (0x5678), NULL);
  edit_and_sync (&ours, &theirs, r, 30);

  len = pp_text_length (text);
  len_cp = pp_text_length_cp (text);
  g_assert_cmpuint (len, >, len_cp);   /* emoji and other pairs in it */
  for (guint i = 0; i <= len + 1; i++)
    for (int assoc = -1; assoc <= 0; assoc++)
      {
        g_autoptr(PpRelativePosition) pos = pp_relative_position_new (text, i, assoc);
        g_autofree char *json = pp_relative_position_to_json (pos);
        g_autoptr(JsonObject) a = yjs_call (yjs, FALSE, "relpos", "peer", yjs_int (theirs.id),
                                            "index", yjs_int (i), "assoc", yjs_int (assoc), NULL);
        g_autoptr(JsonNode) mine = json_from_string (json, NULL);
        JsonNode *yours = json_object_get_member (a, "pos");
        g_autofree char *yours_json = json_to_string (yours, FALSE);

        if (!json_node_equal (mine, yours))
          g_error ("position %u, assoc %d: ours %s, Yjs's %s", i, assoc, json, yours_json);
        g_assert_cmpint (yjs_resolve (&theirs, json), ==, MIN (i, len));
        g_assert_cmpint (our_resolve (&ours, yours_json), ==, MIN (i, len));
        g_ptr_array_add (saved, g_steal_pointer (&json));
      }

  /* In code points: the same positions, found again in code points. */
  for (guint c = 0; c <= len_cp; c++)
    for (int assoc = -1; assoc <= 0; assoc++)
      {
        g_autoptr(PpRelativePosition) pos = pp_relative_position_new_cp (text, c, assoc);
        guint index, index_cp;

        g_assert_true (pp_relative_position_resolve (pos, ours.doc, NULL, &index, &index_cp));
        g_assert_cmpuint (index_cp, ==, c);
      }

  edit_and_sync (&ours, &theirs, r, 30);
  for (guint i = 0; i < saved->len; i++)
    {
      gint64 here = our_resolve (&ours, saved->pdata[i]);

      g_assert_cmpint (here, ==, yjs_resolve (&theirs, saved->pdata[i]));
      moved += here != (gint64) (i / 2);
    }
  /* The edits moved positions: the comparison was not of the trivial. */
  g_assert_cmpuint (moved, >, saved->len / 4);

  g_ptr_array_unref (ours.outbox);
  pp_doc_free (ours.doc);
}

static void
test_random_sessions (void)
{
  guint seeds = g_test_slow () ? 2000 : 400;

  for (guint seed = 1; seed <= seeds; seed++)
    run_session (seed);
}

/* A Yjs peer may insert between the halves of a surrogate pair; both
 * libraries then show U+FFFD for each half, identically. */
static void
test_split_pair_from_yjs (void)
{
  g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (3);
  g_autoptr(JsonObject) take = NULL, content = NULL;
  g_autoptr(JsonNode) ours = NULL;
  JsonArray *updates;

  yjs_do (yjs, "new", "peer", yjs_int (9000), "client", yjs_int (9), NULL);
  yjs_do (yjs, "insert", "peer", yjs_int (9000), "index", yjs_int (0), "text", yjs_str ("a😀b"), NULL);
  yjs_do (yjs, "insert", "peer", yjs_int (9000), "index", yjs_int (2), "text", yjs_str ("X"), NULL);
  take = yjs_call (yjs, FALSE, "take", "peer", yjs_int (9000), NULL);
  updates = json_object_get_array_member (take, "updates");
  for (guint i = 0; i < json_array_get_length (updates); i++)
    {
      gsize len;
      g_autofree guchar *u = g_base64_decode (json_array_get_string_element (updates, i), &len);
      g_autoptr(GBytes) bytes = g_bytes_new (u, len);
      apply_bytes (doc, bytes);
    }
  content = yjs_call (yjs, FALSE, "content", "peer", yjs_int (9000), NULL);
  g_assert_cmpstr (json_object_get_string_member (content, "code"), ==, "a\xef\xbf\xbdX\xef\xbf\xbd" "b");
  ours = our_content (doc);
  assert_same_content (ours, content);
}

static void
test_sync_bytes (void)
{
  g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (4242);
  g_autoptr(JsonObject) y1 = NULL, y2 = NULL;
  g_autoptr(GBytes) ours1 = NULL, update = NULL, framed = NULL, theirs_framed = NULL;

  yjs_do (yjs, "new", "peer", yjs_int (9100), "client", yjs_int (4242), NULL);
  pp_text_insert (pp_doc_get_text (doc, "code"), 0, "same text", -1, NULL);
  yjs_do (yjs, "insert", "peer", yjs_int (9100), "index", yjs_int (0), "text", yjs_str ("same text"), NULL);

  /* Same state: byte-identical step 1 and update framing. */
  ours1 = pp_sync_encode_step1 (doc);
  y1 = yjs_call (yjs, FALSE, "syncStep1", "peer", yjs_int (9100), NULL);
  {
    g_autoptr(GBytes) t = yjs_get_bytes (y1, "message");
    g_assert_true (g_bytes_equal (ours1, t));
  }
  update = pp_doc_encode_state (doc, NULL, 0, NULL);
  framed = pp_sync_encode_update (g_bytes_get_data (update, NULL), g_bytes_get_size (update));
  y2 = yjs_call (yjs, FALSE, "syncUpdate", "update", yjs_bytes (g_bytes_get_data (update, NULL), g_bytes_get_size (update)), NULL);
  theirs_framed = yjs_get_bytes (y2, "message");
  g_assert_true (g_bytes_equal (framed, theirs_framed));
  {
    /* And the same whole-state bytes, as the two made the same edit. */
    g_autoptr(JsonObject) st = yjs_call (yjs, FALSE, "state", "peer", yjs_int (9100), NULL);
    g_autoptr(GBytes) theirs = yjs_get_bytes (st, "update");
    g_assert_true (g_bytes_equal (update, theirs));
  }
}

static gint64 fake_now = 1000;

static gint64
fake_clock (gpointer data)
{
  return fake_now;
}

static void
test_awareness (void)
{
  g_autoptr(PpAwareness) aw = pp_awareness_new (5005);
  g_autoptr(JsonObject) enc = NULL, applied = NULL;
  g_autoptr(GBytes) theirs = NULL, ours = NULL, mine = NULL;
  const char *state = "{\"user\":{\"name\":\"Ada Lovelace\",\"color\":\"#30a0ff\"},\"cursor\":{\"anchor\":3,\"head\":7},\"typing\":true,\"note\":\"日本 😀\"}";
  guint32 client = 6006;
  JsonObject *states;

  pp_awareness_set_clock (aw, fake_clock, NULL);
  yjs_do (yjs, "new", "peer", yjs_int (9200), "client", yjs_int (client), NULL);
  yjs_do (yjs, "awarenessNew", "peer", yjs_int (9200), NULL);
  yjs_do (yjs, "awarenessSet", "peer", yjs_int (9200), "state", yjs_json (state), NULL);
  enc = yjs_call (yjs, FALSE, "awarenessEncode", "peer", yjs_int (9200), "clients", yjs_json ("[6006]"), NULL);
  theirs = yjs_get_bytes (enc, "update");

  /* Theirs decodes here, and re-encodes to the same bytes. */
  g_assert_true (pp_awareness_apply_update (aw, g_bytes_get_data (theirs, NULL), g_bytes_get_size (theirs), NULL, NULL));
  g_assert_cmpuint (pp_awareness_get_clock (aw, client), ==, 1);
  ours = pp_awareness_encode_update (aw, &client, 1);
  g_assert_true (g_bytes_equal (ours, theirs));

  /* Ours decodes there with the same state and clock. */
  pp_awareness_set_local_state (aw, "{\"user\":{\"name\":\"Grace\"},\"cursor\":null}", NULL);
  {
    guint32 me = 5005;
    mine = pp_awareness_encode_update (aw, &me, 1);
  }
  applied = yjs_call (yjs, FALSE, "awarenessApply", "peer", yjs_int (9200),
                      "update", yjs_bytes (g_bytes_get_data (mine, NULL), g_bytes_get_size (mine)), NULL);
  states = json_object_get_object_member (applied, "states");
  {
    JsonObject *s = json_object_get_object_member (states, "5005");
    g_autofree char *got = json_to_string (json_object_get_member (s, "state"), FALSE);
    g_assert_cmpstr (got, ==, pp_awareness_get_state (aw, 5005));
    g_assert_cmpint (json_object_get_int_member (s, "clock"), ==, pp_awareness_get_clock (aw, 5005));
  }

  /* The Yjs peer leaves: its state is gone here too. */
  yjs_do (yjs, "awarenessRemove", "peer", yjs_int (9200), "clients", yjs_json ("[6006]"), NULL);
  g_clear_pointer (&enc, json_object_unref);
  g_clear_pointer (&theirs, g_bytes_unref);
  enc = yjs_call (yjs, FALSE, "awarenessEncode", "peer", yjs_int (9200), "clients", yjs_json ("[6006]"), NULL);
  theirs = yjs_get_bytes (enc, "update");
  g_assert_true (pp_awareness_apply_update (aw, g_bytes_get_data (theirs, NULL), g_bytes_get_size (theirs), NULL, NULL));
  g_assert_null (pp_awareness_get_state (aw, client));
}

static void
test_merge_and_diff (void)
{
  g_autoptr(PpDoc) a = pp_doc_new_with_client_id (11);
  g_autoptr(PpDoc) b = pp_doc_new_with_client_id (22);
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) merged = NULL, sv = NULL, diff = NULL;
  g_autoptr(JsonObject) theirs = NULL, tdiff = NULL;
  JsonArray *list = json_array_new ();

  for (int i = 0; i < 20; i++)
    {
      PpDoc *d = i % 2 ? a : b;
      g_autoptr(GBytes) before = pp_doc_encode_state_vector (d);
      g_autofree char *t = g_strdup_printf ("<%d😀>", i);
      pp_text_insert_cp (pp_doc_get_text (d, "code"), i % 3, t, -1, NULL);
      if (i % 4 == 3)
        pp_text_delete_cp (pp_doc_get_text (d, "code"), 1, 2, NULL);
      g_ptr_array_add (updates, pp_doc_encode_state (d, g_bytes_get_data (before, NULL), g_bytes_get_size (before), NULL));
    }
  merged = pp_update_merge ((GBytes **) updates->pdata, updates->len, NULL);
  g_assert_nonnull (merged);
  for (guint i = 0; i < updates->len; i++)
    json_array_add_element (list, yjs_bytes (g_bytes_get_data (updates->pdata[i], NULL), g_bytes_get_size (updates->pdata[i])));
  {
    JsonNode *ln = json_node_new (JSON_NODE_ARRAY);
    json_node_take_array (ln, list);
    theirs = yjs_call (yjs, FALSE, "merge", "updates", ln, NULL);
  }
  {
    /* Both merged updates give the same document, in both libraries. */
    g_autoptr(GBytes) tm = yjs_get_bytes (theirs, "update");
    g_autoptr(JsonObject) d1 = yjs_call (yjs, FALSE, "decode", "update", yjs_bytes (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged)), NULL);
    g_autoptr(JsonObject) d2 = yjs_call (yjs, FALSE, "decode", "update", yjs_bytes (g_bytes_get_data (tm, NULL), g_bytes_get_size (tm)), NULL);
    g_autoptr(JsonNode) ours = NULL;
    g_autoptr(JsonNode) n1 = json_node_new (JSON_NODE_OBJECT);
    g_autoptr(PpDoc) c = pp_doc_new ();
    json_node_set_object (n1, d1);
    assert_same_content (n1, d2);
    apply_bytes (c, tm);
    g_assert_false (pp_doc_has_pending (c));
    ours = our_content (c);
    assert_same_content (ours, d2);
    /* The diff against a's state vector: what a lacks. */
    sv = pp_doc_encode_state_vector (a);
    diff = pp_update_diff (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged), g_bytes_get_data (sv, NULL), g_bytes_get_size (sv), NULL);
    g_assert_nonnull (diff);
    tdiff = yjs_call (yjs, FALSE, "diff", "update", yjs_bytes (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged)),
                      "sv", yjs_bytes (g_bytes_get_data (sv, NULL), g_bytes_get_size (sv)), NULL);
    apply_bytes (a, diff);
    g_assert_false (pp_doc_has_pending (a));
    g_clear_pointer (&ours, json_node_unref);
    ours = our_content (a);
    assert_same_content (ours, d2);
  }
  {
    /* Our diff is no bigger than Yjs's. */
    g_autoptr(GBytes) td = yjs_get_bytes (tdiff, "update");
    g_assert_cmpuint (g_bytes_get_size (diff), <=, g_bytes_get_size (td));
  }
}

static void
test_traces (void)
{
  const char *names[] = { "automerge-paper", "seph-blog1", "rustcode", "sveltecomponent" };
  g_autofree char *dir = g_build_filename (g_getenv ("PAIRPAD_TESTS_DIR"), "..", "..", "shared", "traces", NULL);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("No editing traces: ../shared/traces is absent");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strconcat (names[i], ".json.gz", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(PpTrace) trace = pp_trace_load (path, &error);
      g_autoptr(GBytes) state = NULL, theirs = NULL;
      g_autoptr(JsonObject) decoded = NULL, replay = NULL;
      g_autofree char *text = NULL, *loaded_text = NULL;
      g_autoptr(PpDoc) doc = pp_doc_new_with_client_id (1);
      g_autoptr(PpDoc) loaded = pp_doc_new ();

      g_assert_no_error (error);
      g_assert_true (pp_trace_replay (trace, pp_doc_get_text (doc, "code"), &error));
      text = pp_text_to_string (pp_doc_get_text (doc, "code"));
      g_assert_cmpstr (text, ==, trace->end_content);
      state = pp_doc_encode_state (doc, NULL, 0, NULL);
      decoded = yjs_call (yjs, FALSE, "decodeText", "update", yjs_bytes (g_bytes_get_data (state, NULL), g_bytes_get_size (state)), NULL);
      g_assert_cmpstr (json_object_get_string_member (decoded, "text"), ==, trace->end_content);

      /* Yjs's own replay writes the same bytes, and we load it. */
      replay = yjs_call (yjs, FALSE, "replay", "path", yjs_str (path), NULL);
      theirs = yjs_get_bytes (replay, "update");
      g_assert_true (g_bytes_equal (state, theirs));
      apply_bytes (loaded, theirs);
      loaded_text = pp_text_to_string (pp_doc_get_text (loaded, "code"));
      g_assert_cmpstr (loaded_text, ==, trace->end_content);
    }
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  yjs = yjs_peer_start ();
  g_test_add_func ("/crdt-interop/yjs-to-ours", test_yjs_to_ours);
  g_test_add_func ("/crdt-interop/ours-to-yjs", test_ours_to_yjs);
  g_test_add_func ("/crdt-interop/split-pair-from-yjs", test_split_pair_from_yjs);
  g_test_add_func ("/crdt-interop/sync-bytes", test_sync_bytes);
  g_test_add_func ("/crdt-interop/awareness", test_awareness);
  g_test_add_func ("/crdt-interop/merge-and-diff", test_merge_and_diff);
  g_test_add_func ("/crdt-interop/random-sessions", test_random_sessions);
  g_test_add_func ("/crdt-interop/traces", test_traces);
  g_test_add_func ("/crdt-interop/relative-positions", test_relative_positions);
  ret = g_test_run ();
  yjs_peer_stop (yjs);
  return ret;
}

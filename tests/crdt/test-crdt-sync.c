/* test-crdt-sync.c: y-protocols sync and awareness messages
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-lib0.h"
#include "pp-sync.h"
#include "crdt-test-util.h"

static void
test_sync_messages (void)
{
  g_autoptr(PpDoc) a = pp_doc_new ();
  g_autoptr(PpDoc) b = pp_doc_new ();
  g_autoptr(GBytes) step1 = NULL, step2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ta = NULL, *tb = NULL;
  const guint8 bad[] = { 7, 0 };

  pp_text_insert (pp_doc_get_text (a, "code"), 0, "from a", -1, NULL);
  pp_text_insert (pp_doc_get_text (b, "code"), 0, "from b ", -1, NULL);
  step1 = pp_sync_encode_step1 (b);
  g_assert_cmpint (pp_sync_read_message (a, g_bytes_get_data (step1, NULL), g_bytes_get_size (step1), NULL, &step2, &error), ==, PP_SYNC_STEP1);
  g_assert_no_error (error);
  g_assert_cmpint (pp_sync_read_message (b, g_bytes_get_data (step2, NULL), g_bytes_get_size (step2), NULL, NULL, &error), ==, PP_SYNC_STEP2);
  g_clear_pointer (&step1, g_bytes_unref);
  g_clear_pointer (&step2, g_bytes_unref);
  step1 = pp_sync_encode_step1 (a);
  pp_sync_read_message (b, g_bytes_get_data (step1, NULL), g_bytes_get_size (step1), NULL, &step2, &error);
  pp_sync_read_message (a, g_bytes_get_data (step2, NULL), g_bytes_get_size (step2), NULL, NULL, &error);
  g_assert_no_error (error);
  ta = text_of (a);
  tb = text_of (b);
  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpint (pp_sync_read_message (a, bad, sizeof bad, NULL, NULL, &error), ==, -1);
  g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED);
}

static gint64 now_ms = 0;

static gint64
clock_func (gpointer data)
{
  return now_ms;
}

typedef struct {
  guint changes;
  guint removed;
} AwSeen;

static void
on_awareness (PpAwareness *aw, const PpAwarenessChange *c, gpointer data)
{
  AwSeen *s = data;

  if (c->changed)
    s->changes++;
  s->removed += c->n_removed;
}

static void
test_awareness (void)
{
  g_autoptr(PpAwareness) a = pp_awareness_new (1);
  g_autoptr(PpAwareness) b = pp_awareness_new (2);
  guint32 ca = 1, cb = 2;
  g_autoptr(GBytes) ua = NULL, ub = NULL, removal = NULL;
  g_autoptr(GError) error = NULL;
  AwSeen seen = { 0, 0 };
  const guint8 not_json[] = { 1, 5, 1, 3, 'n', 'o', '{' };

  pp_awareness_set_clock (a, clock_func, NULL);
  pp_awareness_set_clock (b, clock_func, NULL);
  pp_awareness_connect (b, on_awareness, &seen);
  g_assert_cmpstr (pp_awareness_get_state (a, 1), ==, "{}");
  g_assert_true (pp_awareness_set_local_state (a, "{ \"name\" : \"Ada\", \"cursor\": [1, 2] }", NULL));
  g_assert_cmpstr (pp_awareness_get_state (a, 1), ==, "{\"name\":\"Ada\",\"cursor\":[1,2]}");
  g_assert_false (pp_awareness_set_local_state (a, "{broken", &error));
  g_clear_error (&error);

  ua = pp_awareness_encode_update (a, &ca, 1);
  g_assert_true (pp_awareness_apply_update (b, g_bytes_get_data (ua, NULL), g_bytes_get_size (ua), NULL, NULL));
  g_assert_cmpstr (pp_awareness_get_state (b, 1), ==, "{\"name\":\"Ada\",\"cursor\":[1,2]}");
  g_assert_cmpuint (seen.changes, ==, 1);
  /* The same update again is old news. */
  g_assert_true (pp_awareness_apply_update (b, g_bytes_get_data (ua, NULL), g_bytes_get_size (ua), NULL, NULL));
  g_assert_cmpuint (seen.changes, ==, 1);

  /* A peer cannot remove our own state; our clock moves on instead. */
  {
    guint32 clock_before = pp_awareness_get_clock (b, 2);
    g_auto(PpEncoder) enc = { NULL, 0, 0 };
    pp_encoder_init (&enc);
    pp_write_var_uint (&enc, 1);
    pp_write_var_uint (&enc, 2);
    pp_write_var_uint (&enc, clock_before + 1);
    pp_write_var_string (&enc, "null", -1);
    g_assert_true (pp_awareness_apply_update (b, enc.data, enc.len, NULL, NULL));
    g_assert_nonnull (pp_awareness_get_state (b, 2));
    g_assert_cmpuint (pp_awareness_get_clock (b, 2), ==, clock_before + 2);
  }

  /* Malformed: not JSON, truncated. Nothing changes. */
  g_assert_false (pp_awareness_apply_update (b, not_json, sizeof not_json, NULL, &error));
  g_assert_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (pp_awareness_apply_update (b, g_bytes_get_data (ua, NULL), g_bytes_get_size (ua) - 1, NULL, &error));
  g_clear_error (&error);
  g_assert_nonnull (pp_awareness_get_state (b, 1));

  /* 30 s without renewal: a's state times out at b. b renews its own
   * state after 15 s so a keeps it. */
  now_ms += 15000;
  pp_awareness_check (b);
  g_assert_cmpuint (pp_awareness_get_clock (b, 2), >=, 2);
  now_ms += 15000;
  pp_awareness_check (b);
  g_assert_null (pp_awareness_get_state (b, 1));
  g_assert_cmpuint (seen.removed, ==, 1);
  g_assert_nonnull (pp_awareness_get_state (b, 2));

  /* Explicit removal travels as a null state with a newer clock. */
  ub = pp_awareness_encode_update (b, &cb, 1);
  g_assert_true (pp_awareness_apply_update (a, g_bytes_get_data (ub, NULL), g_bytes_get_size (ub), NULL, NULL));
  g_assert_nonnull (pp_awareness_get_state (a, 2));
  pp_awareness_remove_states (b, &cb, 1, NULL);
  removal = pp_awareness_encode_update (b, &cb, 1);
  g_assert_true (pp_awareness_apply_update (a, g_bytes_get_data (removal, NULL), g_bytes_get_size (removal), NULL, NULL));
  g_assert_null (pp_awareness_get_state (a, 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crdt/sync-messages", test_sync_messages);
  g_test_add_func ("/crdt/awareness", test_awareness);
  return g_test_run ();
}

/* test-seal.c: sealed signaling payloads, against tampering, replays and
 * a browser's WebCrypto
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "pp-seal.h"

#define ROOM "q8cZ0lGm1vQ3x2rPz9YtBg"

static char *
random_key (void)
{
  char *key = pp_seal_new_room_key ();

  g_assert_cmpuint (strlen (key), ==, 43);
  return key;
}

static PpSealBox *
box_new (const char *key,
         const char *room,
         const char *self)
{
  g_autoptr(GError) error = NULL;
  PpSealBox *box = pp_seal_box_new (key, room, self, &error);

  g_assert_no_error (error);
  return box;
}

static char *
seal_text (PpSealBox  *box,
           const char *to,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  char *sealed = pp_seal_box_seal (box, to, (const guint8 *) text, strlen (text), &error);

  g_assert_no_error (error);
  return sealed;
}

static void
assert_opens (PpSealBox  *box,
              const char *from,
              const char *sealed,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opened = pp_seal_box_open (box, from, sealed, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (opened, NULL), g_bytes_get_size (opened), text, strlen (text));
}

static void
assert_refused (PpSealBox   *box,
                const char  *from,
                const char  *sealed,
                PpSealError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opened = NULL;
  guint before = pp_seal_box_get_n_refused (box);

  opened = pp_seal_box_open (box, from, sealed, &error);
  g_assert_null (opened);
  g_assert_error (error, PP_SEAL_ERROR, (int) code);
  g_assert_cmpuint (pp_seal_box_get_n_refused (box), ==, before + 1);
}

/* Another base64url character at POS: one to two bytes change. */
static char *
changed_at (const char *sealed,
            gsize       pos)
{
  char *copy = g_strdup (sealed);

  g_assert_cmpuint (pos, <, strlen (copy) - 1);
  copy[pos] = copy[pos] == 'A' ? 'B' : 'A';
  return copy;
}

static void
test_round_trip (void)
{
  g_autofree char *key = random_key ();
  g_autoptr(PpSealBox) a = box_new (key, ROOM, "alice");
  g_autoptr(PpSealBox) b = box_new (key, ROOM, "bob");
  const char *offer = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n… ✓ 🙂\r\n";
  g_autofree char *sealed = seal_text (a, "bob", offer);
  g_autofree char *empty = seal_text (a, "bob", "");
  g_autofree char *again = seal_text (a, "bob", offer);

  /* Base64url without padding: it goes into JSON and URLs untouched. */
  g_assert_cmpuint (strspn (sealed, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                    "0123456789-_"), ==, strlen (sealed));
  g_assert_null (strstr (sealed, offer));
  /* A fresh nonce each time: the same text never seals the same. */
  g_assert_cmpstr (sealed + 12, !=, again + 12);

  assert_opens (b, "alice", sealed, offer);
  assert_opens (b, "alice", empty, "");
  assert_opens (b, "alice", again, offer);
  g_assert_cmpuint (pp_seal_box_get_n_refused (b), ==, 0);
}

/* A server that changes anything, or relays a payload to someone else, or
 * claims another sender, gets the payload refused. */
static void
test_tampered (void)
{
  g_autofree char *key = random_key ();
  g_autofree char *other_key = random_key ();
  g_autoptr(PpSealBox) a = box_new (key, ROOM, "alice");
  g_autoptr(PpSealBox) b = box_new (key, ROOM, "bob");
  g_autoptr(PpSealBox) c = box_new (key, ROOM, "carol");
  g_autoptr(PpSealBox) b_wrong_key = box_new (other_key, ROOM, "bob");
  g_autoptr(PpSealBox) b_other_room = box_new (key, "AAAAAAAAAAAAAAAAAAAAAA", "bob");
  const char *candidate = "candidate:1 1 UDP 2015363327 127.0.0.1 41234 typ host";
  g_autofree char *sealed = seal_text (a, "bob", candidate);
  /* The counter (characters 1–11), the nonce (12–27), the ciphertext
   * and the tag. */
  const gsize places[] = { 2, 10, 13, 26, 30, strlen (sealed) / 2, strlen (sealed) - 3 };

  g_assert_cmpstr (key, !=, other_key);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *changed = changed_at (sealed, places[i]);

      assert_refused (b, "alice", changed, PP_SEAL_ERROR_TAMPERED);
    }
  assert_refused (c, "alice", sealed, PP_SEAL_ERROR_TAMPERED);
  assert_refused (b, "carol", sealed, PP_SEAL_ERROR_TAMPERED);
  assert_refused (b_wrong_key, "alice", sealed, PP_SEAL_ERROR_TAMPERED);
  assert_refused (b_other_room, "alice", sealed, PP_SEAL_ERROR_TAMPERED);
  g_assert_cmpuint (pp_seal_box_get_n_refused (b), ==, G_N_ELEMENTS (places) + 1);

  /* None of that spent the real one. */
  assert_opens (b, "alice", sealed, candidate);
}

static void
test_replayed (void)
{
  g_autofree char *key = random_key ();
  g_autoptr(PpSealBox) a = box_new (key, ROOM, "alice");
  g_autoptr(PpSealBox) b = box_new (key, ROOM, "bob");
  g_autoptr(PpSealBox) a_again = NULL;
  g_autofree char *first = seal_text (a, "bob", "offer");
  g_autofree char *second = seal_text (a, "bob", "candidate");
  g_autofree char *third = seal_text (a, "bob", "candidate 2");
  g_autofree char *forged = changed_at (third, 5);
  g_autofree char *after_restart = NULL;

  /* A forged counter, however high, moves nothing: it does not open. */
  assert_refused (b, "alice", forged, PP_SEAL_ERROR_TAMPERED);
  assert_opens (b, "alice", first, "offer");
  assert_refused (b, "alice", first, PP_SEAL_ERROR_REPLAYED);
  assert_opens (b, "alice", third, "candidate 2");
  /* Older than one opened: a replay held back by the server. */
  assert_refused (b, "alice", second, PP_SEAL_ERROR_REPLAYED);
  assert_refused (b, "alice", third, PP_SEAL_ERROR_REPLAYED);

  /* Alice restarts under the same id: her counter goes on above. */
  g_usleep (2);
  a_again = box_new (key, ROOM, "alice");
  after_restart = seal_text (a_again, "bob", "offer after restart");
  assert_opens (b, "alice", after_restart, "offer after restart");
}

static void
test_malformed (void)
{
  g_autofree char *key = random_key ();
  g_autoptr(PpSealBox) b = box_new (key, ROOM, "bob");
  g_autoptr(PpSealBox) a = box_new (key, ROOM, "alice");
  g_autofree char *sealed = seal_text (a, "bob", "offer");
  g_autofree char *padded = g_strconcat (sealed, "=", NULL);
  g_autofree char *cut = g_strndup (sealed, 40);
  g_autofree char *version2 = g_strdup (sealed);
  const char *bad_keys[] = { "", "short", "AAAA", "not base64url because of spaces and +/= signs" };
  g_autofree char *long_key = g_strconcat (key, "AAAA", NULL);
  g_autoptr(GError) error = NULL;

  /* 0x01 is "AQ" or "AR"…; "Ag" starts with 0x02. */
  version2[0] = 'A';
  version2[1] = 'g';
  assert_refused (b, "alice", "", PP_SEAL_ERROR_MALFORMED);
  assert_refused (b, "alice", "not base64url!", PP_SEAL_ERROR_MALFORMED);
  assert_refused (b, "alice", padded, PP_SEAL_ERROR_MALFORMED);
  assert_refused (b, "alice", cut, PP_SEAL_ERROR_MALFORMED);
  assert_refused (b, "alice", version2, PP_SEAL_ERROR_MALFORMED);
  assert_opens (b, "alice", sealed, "offer");

  for (guint i = 0; i < G_N_ELEMENTS (bad_keys); i++)
    {
      g_assert_null (pp_seal_box_new (bad_keys[i], ROOM, "bob", &error));
      g_assert_error (error, PP_SEAL_ERROR, PP_SEAL_ERROR_KEY);
      g_assert_nonnull (strstr (error->message, "Ask the host"));
      g_clear_error (&error);
    }
  g_assert_null (pp_seal_box_new (long_key, ROOM, "bob", &error));
  g_assert_error (error, PP_SEAL_ERROR, PP_SEAL_ERROR_KEY);
}

/* Runs tests/session/webcrypto-seal.mjs: a browser's side, in Node with
 * WebCrypto only. */
static gboolean
webcrypto (char       **out,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "session", "webcrypto-seal.mjs",
                                                   NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) "node");
  g_ptr_array_add (argv, script);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_strchomp (*out);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_webcrypto (void)
{
  g_autofree char *key = random_key ();
  g_autoptr(PpSealBox) a = box_new (key, ROOM, "alice");
  g_autoptr(PpSealBox) b = box_new (key, ROOM, "bob");
  const char *answer = "v=0\r\ns=- 🙂 ünïcode\r\n";
  g_autofree char *ours = seal_text (a, "bob", answer);
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *theirs_later = NULL;
  g_autofree char *theirs_for_carol = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *counter = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
  g_autofree char *counter_later = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () + 1);

  g_autofree char *node = g_find_program_in_path ("node");

  if (node == NULL)
    g_error ("node is not installed: run build-aux/dev setup");

  /* Ours opens in the browser ("COUNTER TEXT", the end of the line
   * trimmed), and its counter is the time we started at, or after. */
  g_assert_true (webcrypto (&out, "open", key, ROOM, "alice", "bob", ours, NULL));
  expected = g_strchomp (g_strdup (answer));
  g_assert_nonnull (strchr (out, ' '));
  g_assert_cmpstr (strchr (out, ' ') + 1, ==, expected);
  g_assert_cmpuint (g_ascii_strtoull (out, NULL, 10), >=, g_ascii_strtoull (counter, NULL, 10) - 60 * G_USEC_PER_SEC);
  g_clear_pointer (&out, g_free);
  /* Not as someone else's. */
  g_assert_false (webcrypto (&refused, "open", key, ROOM, "alice", "carol", ours, NULL));

  /* Theirs opens here, once. */
  g_assert_true (webcrypto (&theirs, "seal", key, ROOM, "alice", "bob", counter, "an offer", NULL));
  g_assert_true (webcrypto (&theirs_later, "seal", key, ROOM, "alice", "bob", counter_later,
                            "a candidate", NULL));
  g_assert_true (webcrypto (&theirs_for_carol, "seal", key, ROOM, "alice", "carol", counter_later,
                            "for carol", NULL));
  assert_opens (b, "alice", theirs, "an offer");
  assert_refused (b, "alice", theirs, PP_SEAL_ERROR_REPLAYED);
  assert_refused (b, "alice", theirs_for_carol, PP_SEAL_ERROR_TAMPERED);
  assert_opens (b, "alice", theirs_later, "a candidate");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/seal/round-trip", test_round_trip);
  g_test_add_func ("/session/seal/tampered", test_tampered);
  g_test_add_func ("/session/seal/replayed", test_replayed);
  g_test_add_func ("/session/seal/malformed", test_malformed);
  g_test_add_func ("/session/seal/webcrypto", test_webcrypto);

  return g_test_run ();
}

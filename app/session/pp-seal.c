/* pp-seal.c: sealing signaling payloads with the room key
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>

#include "pp-seal.h"

#define VERSION 1
#define KEY_BYTES 32
#define NONCE_BYTES 12
#define TAG_BYTES 16
#define HEADER_BYTES (1 + 8)
#define CONTEXT "pairpad-seal-v1"
/* Counters travel as JavaScript numbers in a browser peer. */
#define COUNTER_MAX ((G_GUINT64_CONSTANT (1) << 53) - 1)

struct _PpSealBox
{
  gnutls_aead_cipher_hd_t cipher;
  char *room;
  char *self_id;
  guint64 counter;          /* the next one this peer seals with */
  GHashTable *last_opened;  /* sender -> guint64 * of the last counter accepted */
  guint n_refused;
};

G_DEFINE_QUARK (pp-seal-error-quark, pp_seal_error)

/* base64url without padding, as the invite link and the protocol write it. */
static char *
base64url_encode (const guint8 *data,
                  gsize         len)
{
  char *text = g_base64_encode (data, len);

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  if (strchr (text, '=') != NULL)
    *strchr (text, '=') = '\0';
  return text;
}

/* NULL for anything but base64url without padding: GLib's decoder would
 * skip characters it does not know, and a payload must be exactly one. */
static guint8 *
base64url_decode (const char *text,
                  gsize      *len)
{
  gsize n = strlen (text);
  g_autoptr(GString) padded = NULL;

  if (n % 4 == 1 || strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                  "0123456789-_") != n)
    return NULL;
  padded = g_string_new_len (text, n);
  g_string_replace (padded, "-", "+", 0);
  g_string_replace (padded, "_", "/", 0);
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');
  return g_base64_decode (padded->str, len);
}

/* What binds a payload to its room, sender, recipient and header. */
static GByteArray *
associated_data (PpSealBox    *box,
                 const char   *sender,
                 const char   *recipient,
                 const guint8 *header)
{
  g_autofree char *context = g_strdup_printf (CONTEXT "\n%s\n%s\n%s\n", box->room, sender,
                                              recipient);
  GByteArray *ad = g_byte_array_new ();

  g_byte_array_append (ad, (const guint8 *) context, strlen (context));
  g_byte_array_append (ad, header, HEADER_BYTES);
  return ad;
}

/**
 * pp_seal_new_room_key:
 *
 * A new room key for an invite link's fragment: 256 random bits from
 * GnuTLS's key generator, in base64url.
 *
 * Returns: (transfer full): the key, 43 characters
 */
char *
pp_seal_new_room_key (void)
{
  guint8 key[KEY_BYTES];
  char *text;

  if (gnutls_rnd (GNUTLS_RND_KEY, key, sizeof key) != 0)
    g_error ("GnuTLS cannot generate random numbers");
  text = base64url_encode (key, sizeof key);
  gnutls_memset (key, 0, sizeof key);
  return text;
}

/**
 * pp_seal_box_new:
 * @room_key: the room key from the invite link: 256 bits in base64url
 * @room: the room id
 * @self_id: this peer's id, the sender of what it seals
 *
 * Returns: (transfer full): the box, or %NULL with @error set when the
 *   room key is not one
 */
PpSealBox *
pp_seal_box_new (const char  *room_key,
                 const char  *room,
                 const char  *self_id,
                 GError     **error)
{
  g_autoptr(PpSealBox) box = NULL;
  g_autofree guint8 *ikm = NULL;
  guint8 prk[32], key[KEY_BYTES];
  gnutls_datum_t ikm_datum, salt, prk_datum, info, key_datum;
  gsize ikm_len = 0;
  int rc;

  g_return_val_if_fail (room_key != NULL, NULL);
  g_return_val_if_fail (room != NULL && *room != '\0', NULL);
  g_return_val_if_fail (self_id != NULL && *self_id != '\0', NULL);

  ikm = base64url_decode (room_key, &ikm_len);
  if (ikm == NULL || ikm_len != KEY_BYTES)
    {
      g_set_error_literal (error, PP_SEAL_ERROR, PP_SEAL_ERROR_KEY,
                           _("The invite link’s key is damaged or cut short. Ask the host to "
                             "send the whole link again."));
      return NULL;
    }

  /* HKDF-SHA256: the link's key, a fixed salt, the room as info. */
  ikm_datum = (gnutls_datum_t) { ikm, KEY_BYTES };
  salt = (gnutls_datum_t) { (guint8 *) CONTEXT, strlen (CONTEXT) };
  info = (gnutls_datum_t) { (guint8 *) room, strlen (room) };
  prk_datum = (gnutls_datum_t) { prk, sizeof prk };
  key_datum = (gnutls_datum_t) { key, sizeof key };

  box = g_new0 (PpSealBox, 1);
  box->room = g_strdup (room);
  box->self_id = g_strdup (self_id);
  box->last_opened = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Counters start at the time in microseconds, so a peer that restarts
   * under the same id goes on above what its peers last accepted. */
  box->counter = (guint64) g_get_real_time ();

  rc = gnutls_hkdf_extract (GNUTLS_MAC_SHA256, &ikm_datum, &salt, prk);
  if (rc == 0)
    rc = gnutls_hkdf_expand (GNUTLS_MAC_SHA256, &prk_datum, &info, key, sizeof key);
  if (rc == 0)
    rc = gnutls_aead_cipher_init (&box->cipher, GNUTLS_CIPHER_AES_256_GCM, &key_datum);
  gnutls_memset (prk, 0, sizeof prk);
  gnutls_memset (key, 0, sizeof key);
  gnutls_memset (ikm, 0, ikm_len);
  if (rc != 0)
    {
      box->cipher = NULL;
      g_set_error (error, PP_SEAL_ERROR, PP_SEAL_ERROR_FAILED,
                   _("The connection could not be secured (%s). Check that GnuTLS is "
                     "installed correctly, then try again."), gnutls_strerror (rc));
      return NULL;
    }

  return g_steal_pointer (&box);
}

void
pp_seal_box_free (PpSealBox *box)
{
  if (box == NULL)
    return;

  if (box->cipher != NULL)
    gnutls_aead_cipher_deinit (box->cipher);
  g_free (box->room);
  g_free (box->self_id);
  g_hash_table_unref (box->last_opened);
  g_free (box);
}

/**
 * pp_seal_box_seal:
 * @recipient: the peer id it is for; nobody else can open it
 *
 * Returns: (transfer full): the sealed payload in base64url, for a
 *   `signal` message's `data`
 */
char *
pp_seal_box_seal (PpSealBox     *box,
                  const char    *recipient,
                  const guint8  *data,
                  gsize          len,
                  GError       **error)
{
  g_autofree guint8 *sealed = NULL;
  g_autoptr(GByteArray) ad = NULL;
  gsize ciphertext_len = len + TAG_BYTES;
  int rc;

  g_return_val_if_fail (box != NULL, NULL);
  g_return_val_if_fail (recipient != NULL && *recipient != '\0', NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (box->counter > COUNTER_MAX)
    {
      g_set_error_literal (error, PP_SEAL_ERROR, PP_SEAL_ERROR_FAILED,
                           _("This computer’s clock is set far in the future, so the "
                             "connection cannot be secured. Set the clock right, then join "
                             "again."));
      return NULL;
    }

  sealed = g_malloc (HEADER_BYTES + NONCE_BYTES + ciphertext_len);
  sealed[0] = VERSION;
  for (int i = 0; i < 8; i++)
    sealed[1 + i] = (guint8) (box->counter >> (56 - 8 * i));
  rc = gnutls_rnd (GNUTLS_RND_NONCE, sealed + HEADER_BYTES, NONCE_BYTES);
  ad = associated_data (box, box->self_id, recipient, sealed);
  if (rc == 0)
    rc = gnutls_aead_cipher_encrypt (box->cipher, sealed + HEADER_BYTES, NONCE_BYTES,
                                     ad->data, ad->len, TAG_BYTES, data, len,
                                     sealed + HEADER_BYTES + NONCE_BYTES, &ciphertext_len);
  if (rc != 0)
    {
      g_set_error (error, PP_SEAL_ERROR, PP_SEAL_ERROR_FAILED,
                   _("A message to another participant could not be secured (%s). Leave "
                     "the session and join again."), gnutls_strerror (rc));
      return NULL;
    }
  box->counter++;
  return base64url_encode (sealed, HEADER_BYTES + NONCE_BYTES + ciphertext_len);
}

static GBytes *
refuse (PpSealBox    *box,
        GError      **error,
        PpSealError   code,
        const char   *message)
{
  box->n_refused++;
  g_set_error_literal (error, PP_SEAL_ERROR, code, message);
  return NULL;
}

/**
 * pp_seal_box_open:
 * @sender: the peer id the server says it came from
 * @sealed: a `signal` message's `data`
 *
 * Opens a payload sealed for this peer by @sender, once: the same payload
 * again, or any other with a counter not above the last opened from
 * @sender, is refused as a replay. Every refusal is counted.
 *
 * Returns: (transfer full): the plaintext, or %NULL with @error set
 */
GBytes *
pp_seal_box_open (PpSealBox   *box,
                  const char  *sender,
                  const char  *sealed,
                  GError     **error)
{
  g_autofree guint8 *bytes = NULL;
  g_autofree guint8 *plaintext = NULL;
  g_autoptr(GByteArray) ad = NULL;
  guint64 counter = 0, *last;
  gsize len = 0, plaintext_len;
  int rc;

  g_return_val_if_fail (box != NULL, NULL);
  g_return_val_if_fail (sender != NULL, NULL);
  g_return_val_if_fail (sealed != NULL, NULL);

  bytes = base64url_decode (sealed, &len);
  if (bytes == NULL || len < PP_SEAL_OVERHEAD || bytes[0] != VERSION)
    return refuse (box, error, PP_SEAL_ERROR_MALFORMED,
                   "not a sealed payload of version 1");
  for (int i = 0; i < 8; i++)
    counter = counter << 8 | bytes[1 + i];

  plaintext_len = len - PP_SEAL_OVERHEAD;
  /* One spare byte: GLib hands out no zero-length blocks to write to. */
  plaintext = g_malloc (plaintext_len + 1);
  ad = associated_data (box, sender, box->self_id, bytes);
  rc = gnutls_aead_cipher_decrypt (box->cipher, bytes + HEADER_BYTES, NONCE_BYTES, ad->data,
                                   ad->len, TAG_BYTES, bytes + HEADER_BYTES + NONCE_BYTES,
                                   len - HEADER_BYTES - NONCE_BYTES, plaintext, &plaintext_len);
  if (rc != 0)
    return refuse (box, error, PP_SEAL_ERROR_TAMPERED,
                   "the payload did not open: it was changed, or sealed for another room, "
                   "sender or recipient");

  /* Only an authentic counter may move the mark. */
  last = g_hash_table_lookup (box->last_opened, sender);
  if (last != NULL && counter <= *last)
    return refuse (box, error, PP_SEAL_ERROR_REPLAYED,
                   "the payload was opened before, or is older than one that was");
  if (last == NULL)
    {
      last = g_new (guint64, 1);
      g_hash_table_insert (box->last_opened, g_strdup (sender), last);
    }
  *last = counter;

  return g_bytes_new_take (g_steal_pointer (&plaintext), plaintext_len);
}

/* Payloads refused since the box was made: malformed, tampered, replayed. */
guint
pp_seal_box_get_n_refused (PpSealBox *box)
{
  g_return_val_if_fail (box != NULL, 0);

  return box->n_refused;
}

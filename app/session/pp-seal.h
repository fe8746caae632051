/* pp-seal.h: sealing signaling payloads with the room key
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything a peer sends another through the signaling server (SDP, ICE
 * candidates, control) is sealed, so the server can neither read nor
 * change it: AES-256-GCM under a key derived with HKDF-SHA256 from the
 * room key in the invite link's fragment, a random 96-bit nonce, and the
 * room, sender, recipient and a per-sender counter bound as associated
 * data. signaling-server/PROTOCOL.md ("Sealed payloads") has the bytes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_SEAL_ERROR (pp_seal_error_quark ())
GQuark pp_seal_error_quark (void);

typedef enum {
  PP_SEAL_ERROR_KEY,        /* the room key is not 256 bits in base64url */
  PP_SEAL_ERROR_MALFORMED,  /* not a sealed payload of this version */
  PP_SEAL_ERROR_TAMPERED,   /* did not open: changed, or sealed for another room, sender or recipient */
  PP_SEAL_ERROR_REPLAYED,   /* opened, but its counter was not above the last one from its sender */
  PP_SEAL_ERROR_FAILED,     /* the crypto library failed */
} PpSealError;

/* Bytes a sealed payload adds to its plaintext, before base64url. */
#define PP_SEAL_OVERHEAD (1 + 8 + 12 + 16)

typedef struct _PpSealBox PpSealBox;

char      *pp_seal_new_room_key       (void);

PpSealBox *pp_seal_box_new            (const char    *room_key,
                                       const char    *room,
                                       const char    *self_id,
                                       GError       **error);
void       pp_seal_box_free           (PpSealBox     *box);
char      *pp_seal_box_seal           (PpSealBox     *box,
                                       const char    *recipient,
                                       const guint8  *data,
                                       gsize          len,
                                       GError       **error);
GBytes    *pp_seal_box_open           (PpSealBox     *box,
                                       const char    *sender,
                                       const char    *sealed,
                                       GError       **error);
guint      pp_seal_box_get_n_refused  (PpSealBox     *box);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpSealBox, pp_seal_box_free)

G_END_DECLS

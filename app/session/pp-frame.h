/* pp-frame.h: frames on a session's data channel
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each data channel message is a varUint kind and its payload (DESIGN.md,
 * "Wire formats"): a y-protocols sync message, a y-protocols awareness
 * update, or a session control message (a JSON object as a varString).
 * GStreamer 1.22 cannot send a message over 65,536 bytes, so a larger
 * frame travels as chunks: kind PP_FRAME_CHUNK, a varUint of the bytes
 * still to come after this chunk, then the chunk's bytes. The receiver
 * puts them together and reads the whole frame as if it had come in one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PP_FRAME_SYNC = 0,          /* y-protocols sync: step 1, step 2, update */
  PP_FRAME_AWARENESS = 1,     /* y-protocols awareness update */
  PP_FRAME_CONTROL = 100,     /* session control: a JSON object */
  PP_FRAME_CHUNK = 101,       /* a piece of a larger frame */
} PpFrameKind;

/* The largest message GStreamer 1.22's data channel sends. */
#define PP_FRAME_MAX_MESSAGE 65536
/* A peer may not make us hold more than this for one frame. */
#define PP_FRAME_MAX_ASSEMBLED (64 * 1024 * 1024)

GBytes    *pp_frame_build          (PpFrameKind    kind,
                                    const guint8  *payload,
                                    gsize          len);
GBytes    *pp_frame_build_control  (const char    *json);
/* The messages to send for one frame: the frame itself, or its chunks,
 * each at most max_message bytes (PP_FRAME_MAX_MESSAGE in use). */
GPtrArray *pp_frame_split          (GBytes        *frame,
                                    gsize          max_message);
/* Reads a whole frame's kind; *payload points into frame. */
gboolean   pp_frame_parse          (GBytes        *frame,
                                    PpFrameKind   *kind,
                                    const guint8 **payload,
                                    gsize         *len,
                                    GError       **error);

/* Puts chunks back together, one per channel. */
typedef struct _PpFrameAssembler PpFrameAssembler;

PpFrameAssembler *pp_frame_assembler_new  (void);
void              pp_frame_assembler_free (PpFrameAssembler *self);
/* Takes one message as it came off the channel. Returns FALSE with error
 * set for chunks that do not fit together (the peer is broken or
 * hostile); otherwise TRUE, with *frame set to a whole frame when one is
 * complete and to NULL while chunks are still missing. */
gboolean          pp_frame_assembler_push (PpFrameAssembler *self,
                                           GBytes           *message,
                                           GBytes          **frame,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpFrameAssembler, pp_frame_assembler_free)

G_END_DECLS

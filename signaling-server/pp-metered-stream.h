/* pp-metered-stream.h — a GIOStream that counts what crosses it
 *
 * libsoup 3.2 (Debian 12) neither reports how much a WebSocket connection
 * has queued for sending nor bounds a message sent in many fragments, so
 * the server wraps every accepted connection in this stream: bytes read
 * beyond what the meter allows fail the read (libsoup then closes the
 * connection), and bytes written are counted so that the server knows its
 * own send queue exactly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 bytes_in;
  guint64 bytes_out;
  /* A read fails with G_IO_ERROR_MESSAGE_TOO_LARGE once bytes_in passes
   * this; the server moves it on as whole messages arrive. */
  guint64 in_allowance;
} PpMeter;

#define PP_TYPE_METERED_STREAM (pp_metered_stream_get_type ())
G_DECLARE_FINAL_TYPE (PpMeteredStream, pp_metered_stream, PP, METERED_STREAM, GIOStream)

GIOStream *pp_metered_stream_new       (GIOStream       *base,
                                        guint64          in_allowance);
PpMeter   *pp_metered_stream_get_meter (PpMeteredStream *self);
GIOStream *pp_metered_stream_get_base  (PpMeteredStream *self);

G_END_DECLS

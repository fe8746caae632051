/* pp-metered-stream.h — a GIOStream that caps what may be read from it
 *
 * Until a connection becomes a WebSocket, libsoup reads its HTTP request
 * for as long as the client sends, so the server wraps every accepted
 * connection in this stream: bytes read beyond the meter's allowance fail
 * the read (libsoup then closes the connection). After the upgrade, wslay
 * bounds each message and the allowance is lifted. Writes go straight to
 * the base stream.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 bytes_in;
  /* A read fails with G_IO_ERROR_MESSAGE_TOO_LARGE once bytes_in passes
   * this. */
  guint64 in_allowance;
} PpMeter;

#define PP_TYPE_METERED_STREAM (pp_metered_stream_get_type ())
G_DECLARE_FINAL_TYPE (PpMeteredStream, pp_metered_stream, PP, METERED_STREAM, GIOStream)

GIOStream *pp_metered_stream_new       (GIOStream       *base,
                                        guint64          in_allowance);
PpMeter   *pp_metered_stream_get_meter (PpMeteredStream *self);

G_END_DECLS

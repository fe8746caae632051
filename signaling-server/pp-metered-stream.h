/* pp-metered-stream.h — a GIOStream that counts what crosses it
 *
 * libsoup 3.2 (Debian 12) neither reports how much a WebSocket connection
 * has queued for sending nor bounds a message sent in many fragments, so
 * the server wraps every accepted connection in this stream: bytes read
 * beyond what the meter allows fail the read (libsoup then closes the
 * connection), and bytes written are counted so that the server knows its
 * own send queue exactly.
 *
 * libsoup also writes each WebSocket frame with its own send(). With an
 * outbox, the stream instead takes every write at once into a queue of its
 * own, and the outbox writes each stream's queue in one go when the main
 * loop comes round (or when pp_outbox_flush() is called): a relay costs a
 * share of a system call, not a whole one. A socket that cannot take more
 * is waited for in the main context the stream was made in; that context
 * is woken (g_main_context_wakeup()) whenever the stream attaches a source
 * to it, so that a caller driving it by hand sees the change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pp-shards.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 bytes_in;
  guint64 bytes_out;
  /* A read fails with G_IO_ERROR_MESSAGE_TOO_LARGE once bytes_in passes
   * this; the server moves it on as whole messages arrive. */
  guint64 in_allowance;
} PpMeter;

/* Queued bytes past which a write fails with G_IO_ERROR_NO_SPACE: far above
 * any send-queue limit the server sets, a bound should it set none. */
#define PP_METERED_STREAM_MAX_QUEUE (16 * 1024 * 1024)

typedef struct _PpOutbox PpOutbox;

PpOutbox  *pp_outbox_new   (GMainContext *context);
void       pp_outbox_flush (PpOutbox     *outbox);
void       pp_outbox_close (PpOutbox     *outbox);

#define PP_TYPE_METERED_STREAM (pp_metered_stream_get_type ())
G_DECLARE_FINAL_TYPE (PpMeteredStream, pp_metered_stream, PP, METERED_STREAM, GIOStream)

GIOStream *pp_metered_stream_new       (GIOStream       *base,
                                        guint64          in_allowance,
                                        PpOutbox        *outbox);
void       pp_metered_stream_set_watch (PpMeteredStream *self,
                                        PpShardWatch    *watch);
PpMeter   *pp_metered_stream_get_meter (PpMeteredStream *self);
GIOStream *pp_metered_stream_get_base  (PpMeteredStream *self);

G_END_DECLS

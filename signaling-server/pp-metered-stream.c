/* pp-metered-stream.c — a GIOStream that caps what may be read from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-metered-stream.h"

/* The meter is shared by the stream and its input half (g_rc_box), so
 * that whichever is let go of last still has it. */

static gboolean
meter_refuses (PpMeter *meter,
               GError **error)
{
  if (meter->bytes_in <= meter->in_allowance)
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "The peer sent more than a request may hold.");
  return TRUE;
}

/* Input */

#define PP_TYPE_METERED_INPUT (pp_metered_input_get_type ())
G_DECLARE_FINAL_TYPE (PpMeteredInput, pp_metered_input, PP, METERED_INPUT, GFilterInputStream)

struct _PpMeteredInput
{
  GFilterInputStream parent_instance;
  PpMeter *meter; /* shared */
};

static void pp_metered_input_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PpMeteredInput, pp_metered_input, G_TYPE_FILTER_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      pp_metered_input_pollable_init))

static GInputStream *
input_base (gpointer self)
{
  return g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (self));
}

static gssize
pp_metered_input_read (GInputStream  *stream,
                       void          *buffer,
                       gsize          count,
                       GCancellable  *cancellable,
                       GError       **error)
{
  PpMeteredInput *self = PP_METERED_INPUT (stream);
  gssize n;

  if (meter_refuses (self->meter, error))
    return -1;
  n = g_input_stream_read (input_base (self), buffer, count, cancellable, error);
  if (n > 0)
    self->meter->bytes_in += n;
  return n;
}

static gssize
pp_metered_input_read_nonblocking (GPollableInputStream  *stream,
                                   void                  *buffer,
                                   gsize                  count,
                                   GError               **error)
{
  PpMeteredInput *self = PP_METERED_INPUT (stream);
  gssize n;

  if (meter_refuses (self->meter, error))
    return -1;
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (input_base (self)),
                                                buffer, count, NULL, error);
  if (n > 0)
    self->meter->bytes_in += n;
  return n;
}

static gboolean
pp_metered_input_can_poll (GPollableInputStream *stream)
{
  GInputStream *base = input_base (stream);

  return G_IS_POLLABLE_INPUT_STREAM (base) &&
         g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (base));
}

static gboolean
pp_metered_input_is_readable (GPollableInputStream *stream)
{
  return g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (input_base (stream)));
}

static GSource *
pp_metered_input_create_source (GPollableInputStream *stream,
                                GCancellable         *cancellable)
{
  g_autoptr(GSource) base_source =
    g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (input_base (stream)), NULL);

  return g_pollable_source_new_full (stream, base_source, cancellable);
}

static void
pp_metered_input_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = pp_metered_input_can_poll;
  iface->is_readable = pp_metered_input_is_readable;
  iface->create_source = pp_metered_input_create_source;
  iface->read_nonblocking = pp_metered_input_read_nonblocking;
}

static void
pp_metered_input_finalize (GObject *object)
{
  g_rc_box_release (PP_METERED_INPUT (object)->meter);
  G_OBJECT_CLASS (pp_metered_input_parent_class)->finalize (object);
}

static void
pp_metered_input_class_init (PpMeteredInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_metered_input_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = pp_metered_input_read;
}

static void
pp_metered_input_init (PpMeteredInput *self)
{
}

/* The stream */

struct _PpMeteredStream
{
  GIOStream parent_instance;
  GIOStream *base;      /* owned */
  GInputStream *input;  /* owned */
  PpMeter *meter;       /* shared */
};

G_DEFINE_FINAL_TYPE (PpMeteredStream, pp_metered_stream, G_TYPE_IO_STREAM)

static GInputStream *
pp_metered_stream_get_input_stream (GIOStream *stream)
{
  return PP_METERED_STREAM (stream)->input;
}

static GOutputStream *
pp_metered_stream_get_output_stream (GIOStream *stream)
{
  return g_io_stream_get_output_stream (PP_METERED_STREAM (stream)->base);
}

static gboolean
pp_metered_stream_close (GIOStream     *stream,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return g_io_stream_close (PP_METERED_STREAM (stream)->base, cancellable, error);
}

static void
base_closed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_io_stream_close_finish (G_IO_STREAM (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* GIOStream's own would close in a thread: the base closes in the main
 * loop instead, as it does when libsoup drops a connection. */
static void
pp_metered_stream_close_async (GIOStream           *stream,
                               int                  io_priority,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  g_io_stream_close_async (PP_METERED_STREAM (stream)->base, io_priority, cancellable,
                           base_closed, task);
}

static gboolean
pp_metered_stream_close_finish (GIOStream     *stream,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pp_metered_stream_finalize (GObject *object)
{
  PpMeteredStream *self = PP_METERED_STREAM (object);

  g_object_unref (self->input);
  g_object_unref (self->base);
  g_rc_box_release (self->meter);
  G_OBJECT_CLASS (pp_metered_stream_parent_class)->finalize (object);
}

static void
pp_metered_stream_class_init (PpMeteredStreamClass *klass)
{
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pp_metered_stream_finalize;
  stream_class->get_input_stream = pp_metered_stream_get_input_stream;
  stream_class->get_output_stream = pp_metered_stream_get_output_stream;
  stream_class->close_fn = pp_metered_stream_close;
  stream_class->close_async = pp_metered_stream_close_async;
  stream_class->close_finish = pp_metered_stream_close_finish;
}

static void
pp_metered_stream_init (PpMeteredStream *self)
{
}

GIOStream *
pp_metered_stream_new (GIOStream *base,
                       guint64    in_allowance)
{
  PpMeteredStream *self = g_object_new (PP_TYPE_METERED_STREAM, NULL);
  PpMeteredInput *input;

  self->base = g_object_ref (base);
  self->meter = g_rc_box_new0 (PpMeter);
  self->meter->in_allowance = in_allowance;
  input = g_object_new (PP_TYPE_METERED_INPUT, "base-stream", g_io_stream_get_input_stream (base),
                        "close-base-stream", FALSE, NULL);
  input->meter = g_rc_box_acquire (self->meter);
  self->input = G_INPUT_STREAM (input);
  return G_IO_STREAM (self);
}

PpMeter *
pp_metered_stream_get_meter (PpMeteredStream *self)
{
  g_return_val_if_fail (PP_IS_METERED_STREAM (self), NULL);
  return self->meter;
}

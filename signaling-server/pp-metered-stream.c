/* pp-metered-stream.c — a GIOStream that counts what crosses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-metered-stream.h"

/* The meter is shared by the stream and its two halves (g_rc_box), so
 * that whichever libsoup lets go of last still has it. */

/* A source for STREAM that waits on WATCH rather than on the socket. */
static GSource *
watched_source (PpShardWatch *watch,
                GIOCondition  condition,
                gpointer      stream,
                GCancellable *cancellable)
{
  GSource *source = pp_shard_watch_create_source (watch, condition, G_OBJECT (stream));

  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancelled = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancelled);
      g_source_add_child_source (source, cancelled);
    }
  return source;
}

static gboolean
meter_refuses (PpMeter *meter,
               GError **error)
{
  if (meter->bytes_in <= meter->in_allowance)
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "The peer sent more than a message may hold.");
  return TRUE;
}

/* Input */

#define PP_TYPE_METERED_INPUT (pp_metered_input_get_type ())
G_DECLARE_FINAL_TYPE (PpMeteredInput, pp_metered_input, PP, METERED_INPUT, GFilterInputStream)

struct _PpMeteredInput
{
  GFilterInputStream parent_instance;
  PpMeter *meter; /* shared */
  PpShardWatch *watch; /* owned, nullable: what sources wait on */
  /* The last read was short: the socket had no more. libsoup reads until a
   * read would block, so the next read says so without asking the kernel
   * again (a system call saved per message); libsoup then waits on the
   * base stream's own source, which TLS buffering cannot fool. */
  gboolean drained;
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
  GError *local_error = NULL;
  gssize n;

  if (meter_refuses (self->meter, error))
    return -1;
  if (self->drained)
    {
      self->drained = FALSE;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "Nothing more to read yet");
      return -1;
    }
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (input_base (self)),
                                                buffer, count, NULL, &local_error);
  if (n > 0)
    self->meter->bytes_in += n;
  self->drained = n > 0 && (gsize) n < count;
  /* Either way the socket is empty now: the watch waits for more. */
  if (self->watch != NULL &&
      (self->drained || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)))
    pp_shard_watch_clear (self->watch, G_IO_IN);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
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
  PpMeteredInput *self = PP_METERED_INPUT (stream);
  g_autoptr(GSource) base_source = NULL;

  if (self->watch != NULL)
    return watched_source (self->watch, G_IO_IN, stream, cancellable);
  base_source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (input_base (stream)), NULL);
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
  PpMeteredInput *self = PP_METERED_INPUT (object);

  g_clear_pointer (&self->watch, pp_shard_watch_unref);
  g_rc_box_release (self->meter);
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

/* The outbox */

#define PP_TYPE_METERED_OUTPUT (pp_metered_output_get_type ())
G_DECLARE_FINAL_TYPE (PpMeteredOutput, pp_metered_output, PP, METERED_OUTPUT, GFilterOutputStream)

static void pp_metered_output_flush_queue (PpMeteredOutput *self);

struct _PpOutbox
{
  GSource *source;   /* owned; NULL once closed */
  GPtrArray *queued; /* PpMeteredOutput*, each owned, each once */
};

typedef struct
{
  GSource source;
  PpOutbox *outbox;  /* shared */
} OutboxSource;

static gboolean
outbox_source_prepare (GSource *source,
                       int     *timeout)
{
  *timeout = -1;
  return ((OutboxSource *) source)->outbox->queued->len > 0;
}

static gboolean
outbox_source_check (GSource *source)
{
  return ((OutboxSource *) source)->outbox->queued->len > 0;
}

static gboolean
outbox_source_dispatch (GSource     *source,
                        GSourceFunc  callback,
                        gpointer     user_data)
{
  pp_outbox_flush (((OutboxSource *) source)->outbox);
  return G_SOURCE_CONTINUE;
}

static void outbox_clear (PpOutbox *outbox);

static void
outbox_source_finalize (GSource *source)
{
  g_rc_box_release_full (((OutboxSource *) source)->outbox, (GDestroyNotify) outbox_clear);
}

static GSourceFuncs outbox_source_funcs = {
  .prepare = outbox_source_prepare,
  .check = outbox_source_check,
  .dispatch = outbox_source_dispatch,
  .finalize = outbox_source_finalize,
};

static void
outbox_clear (PpOutbox *outbox)
{
  g_ptr_array_unref (outbox->queued);
}

/**
 * pp_outbox_new:
 * @context: (nullable): where the outbox writes when the loop comes round
 *
 * Returns: (transfer full): an outbox for pp_metered_stream_new(); give it
 * back with pp_outbox_close().
 */
PpOutbox *
pp_outbox_new (GMainContext *context)
{
  PpOutbox *outbox = g_rc_box_new0 (PpOutbox);

  outbox->queued = g_ptr_array_new_with_free_func (g_object_unref);
  outbox->source = g_source_new (&outbox_source_funcs, sizeof (OutboxSource));
  ((OutboxSource *) outbox->source)->outbox = g_rc_box_acquire (outbox);
  g_source_set_name (outbox->source, "PpOutbox");
  /* Before the sockets are read again: a reply goes out first. */
  g_source_set_priority (outbox->source, G_PRIORITY_HIGH);
  g_source_attach (outbox->source, context);
  return outbox;
}

/**
 * pp_outbox_flush:
 *
 * Writes what every stream of @outbox has queued, as far as its socket
 * takes it now; the rest is written as the socket drains.
 */
void
pp_outbox_flush (PpOutbox *outbox)
{
  g_autoptr(GPtrArray) queued = NULL;

  if (outbox->queued->len == 0)
    return;
  /* A write below may queue a stream anew (a close, say): swap first. */
  queued = g_steal_pointer (&outbox->queued);
  outbox->queued = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < queued->len; i++)
    pp_metered_output_flush_queue (queued->pdata[i]);
}

/**
 * pp_outbox_close:
 *
 * Writes what is queued, stops the outbox's source and drops the caller's
 * reference; streams made with it write directly from now on.
 */
void
pp_outbox_close (PpOutbox *outbox)
{
  pp_outbox_flush (outbox);
  g_source_destroy (outbox->source);
  g_clear_pointer (&outbox->source, g_source_unref);
  g_rc_box_release_full (outbox, (GDestroyNotify) outbox_clear);
}

/* Output */

struct _PpMeteredOutput
{
  GFilterOutputStream parent_instance;
  PpMeter *meter;          /* shared */
  PpOutbox *outbox;        /* shared, nullable */
  GMainContext *home;      /* owned; where the socket is waited for */
  PpShardWatch *watch;     /* owned, nullable: what sources wait on */
  GByteArray *queue;       /* owned, nullable: taken, not yet written */
  gsize queue_done;        /* of queue, written */
  GSource *wait_source;    /* owned while the socket is full */
  GError *failed;          /* owned, nullable: what ended writing */
  gboolean in_outbox;
  gboolean closed;
};

static void pp_metered_output_pollable_init (GPollableOutputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PpMeteredOutput, pp_metered_output, G_TYPE_FILTER_OUTPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_OUTPUT_STREAM,
                                                      pp_metered_output_pollable_init))

static GOutputStream *
output_base (gpointer self)
{
  return g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (self));
}

static gsize
queue_length (PpMeteredOutput *self)
{
  return self->queue ? self->queue->len - self->queue_done : 0;
}

static void
drop_queue (PpMeteredOutput *self)
{
  g_clear_pointer (&self->queue, g_byte_array_unref);
  self->queue_done = 0;
  if (self->wait_source != NULL)
    {
      g_source_destroy (self->wait_source);
      g_clear_pointer (&self->wait_source, g_source_unref);
    }
}

static gboolean
on_writable (GObject  *base,
             gpointer  user_data)
{
  PpMeteredOutput *self = user_data;

  g_source_destroy (self->wait_source);
  g_clear_pointer (&self->wait_source, g_source_unref);
  pp_metered_output_flush_queue (self);
  return G_SOURCE_REMOVE;
}

/* Writes the queue as far as the socket takes it; waits for the socket in
 * the home context for the rest. */
static void
pp_metered_output_flush_queue (PpMeteredOutput *self)
{
  GPollableOutputStream *base = G_POLLABLE_OUTPUT_STREAM (output_base (self));

  self->in_outbox = FALSE;
  if (self->closed || self->wait_source != NULL)
    return;
  while (queue_length (self) > 0)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_pollable_output_stream_write_nonblocking (base, self->queue->data + self->queue_done,
                                                             queue_length (self), NULL, &error);

      if (n > 0)
        {
          self->queue_done += n;
          self->meter->bytes_out += n;
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          if (self->watch != NULL)
            {
              pp_shard_watch_clear (self->watch, G_IO_OUT);
              self->wait_source = watched_source (self->watch, G_IO_OUT, self, NULL);
            }
          else
            self->wait_source = g_pollable_output_stream_create_source (base, NULL);
          g_source_set_callback (self->wait_source, G_SOURCE_FUNC (on_writable), self, NULL);
          g_source_attach (self->wait_source, self->home);
          g_main_context_wakeup (self->home);
          return;
        }
      else
        {
          /* The next write reports it; libsoup closes on it. */
          if (self->failed == NULL)
            self->failed = error ? g_steal_pointer (&error)
                                 : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "Connection closed");
          drop_queue (self);
          return;
        }
    }
  /* Idle connections keep no buffer. */
  g_clear_pointer (&self->queue, g_byte_array_unref);
  self->queue_done = 0;
}

static gboolean
writes_direct (PpMeteredOutput *self)
{
  return self->outbox == NULL || self->outbox->source == NULL;
}

/* Takes the whole of BUFFER into the queue, and the stream into its
 * outbox. */
static gssize
enqueue (PpMeteredOutput  *self,
         const void       *buffer,
         gsize             count,
         GError          **error)
{
  if (self->failed != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failed));
      return -1;
    }
  if (queue_length (self) + count > PP_METERED_STREAM_MAX_QUEUE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           "The peer reads too slowly: its send queue is full.");
      return -1;
    }
  if (self->queue == NULL)
    self->queue = g_byte_array_sized_new (MAX (count, 4096));
  g_byte_array_append (self->queue, buffer, count);
  if (self->in_outbox || self->wait_source != NULL)
    return count;
  if (writes_direct (self))
    pp_metered_output_flush_queue (self); /* the outbox is closed */
  else
    {
      self->in_outbox = TRUE;
      g_ptr_array_add (self->outbox->queued, g_object_ref (self));
    }
  return count;
}

static gssize
pp_metered_output_write (GOutputStream  *stream,
                         const void     *buffer,
                         gsize           count,
                         GCancellable   *cancellable,
                         GError        **error)
{
  PpMeteredOutput *self = PP_METERED_OUTPUT (stream);
  gssize n;

  /* A blocking write keeps the order: what is queued goes first. */
  if (queue_length (self) > 0)
    {
      gsize written = 0;
      gboolean ok;

      if (self->wait_source != NULL)
        {
          g_source_destroy (self->wait_source);
          g_clear_pointer (&self->wait_source, g_source_unref);
        }
      ok = g_output_stream_write_all (output_base (self), self->queue->data + self->queue_done,
                                      queue_length (self), &written, cancellable, error);
      self->queue_done += written;
      self->meter->bytes_out += written;
      if (!ok)
        return -1;
    }
  n = g_output_stream_write (output_base (self), buffer, count, cancellable, error);
  if (n > 0)
    self->meter->bytes_out += n;
  return n;
}

static gssize
pp_metered_output_write_nonblocking (GPollableOutputStream  *stream,
                                     const void             *buffer,
                                     gsize                   count,
                                     GError                **error)
{
  PpMeteredOutput *self = PP_METERED_OUTPUT (stream);
  GError *local_error = NULL;
  gssize n;

  if (!writes_direct (self) || queue_length (self) > 0)
    return enqueue (self, buffer, count, error);
  n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (output_base (self)),
                                                  buffer, count, NULL, &local_error);
  if (n > 0)
    self->meter->bytes_out += n;
  if (self->watch != NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    pp_shard_watch_clear (self->watch, G_IO_OUT);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return n;
}

static gboolean
pp_metered_output_can_poll (GPollableOutputStream *stream)
{
  GOutputStream *base = output_base (stream);

  return G_IS_POLLABLE_OUTPUT_STREAM (base) &&
         g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (base));
}

static gboolean
pp_metered_output_is_writable (GPollableOutputStream *stream)
{
  PpMeteredOutput *self = PP_METERED_OUTPUT (stream);

  if (!writes_direct (self))
    return TRUE;
  return g_pollable_output_stream_is_writable (G_POLLABLE_OUTPUT_STREAM (output_base (stream)));
}

static GSource *
pp_metered_output_create_source (GPollableOutputStream *stream,
                                 GCancellable          *cancellable)
{
  PpMeteredOutput *self = PP_METERED_OUTPUT (stream);
  g_autoptr(GSource) base_source = NULL;
  GSource *source;

  if (!writes_direct (self))
    {
      /* Writable at once: the queue takes everything. */
      source = g_pollable_source_new_full (stream, NULL, cancellable);
      g_source_set_ready_time (source, 0);
      return source;
    }
  if (self->watch != NULL)
    return watched_source (self->watch, G_IO_OUT, stream, cancellable);
  base_source = g_pollable_output_stream_create_source (G_POLLABLE_OUTPUT_STREAM (output_base (stream)), NULL);
  return g_pollable_source_new_full (stream, base_source, cancellable);
}

static void
pp_metered_output_pollable_init (GPollableOutputStreamInterface *iface)
{
  iface->can_poll = pp_metered_output_can_poll;
  iface->is_writable = pp_metered_output_is_writable;
  iface->create_source = pp_metered_output_create_source;
  iface->write_nonblocking = pp_metered_output_write_nonblocking;
}

/* Before the socket closes: what is queued goes out if the socket takes it
 * now; a peer too slow for that loses it. */
static void
pp_metered_output_finish (PpMeteredOutput *self)
{
  if (self->closed)
    return;
  if (self->wait_source == NULL)
    pp_metered_output_flush_queue (self);
  self->closed = TRUE;
  drop_queue (self);
}

static void
pp_metered_output_finalize (GObject *object)
{
  PpMeteredOutput *self = PP_METERED_OUTPUT (object);

  drop_queue (self);
  g_clear_error (&self->failed);
  g_clear_pointer (&self->watch, pp_shard_watch_unref);
  g_main_context_unref (self->home);
  if (self->outbox != NULL)
    g_rc_box_release_full (self->outbox, (GDestroyNotify) outbox_clear);
  g_rc_box_release (self->meter);
  G_OBJECT_CLASS (pp_metered_output_parent_class)->finalize (object);
}

static void
pp_metered_output_class_init (PpMeteredOutputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_metered_output_finalize;
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = pp_metered_output_write;
}

static void
pp_metered_output_init (PpMeteredOutput *self)
{
}

/* The stream */

struct _PpMeteredStream
{
  GIOStream parent_instance;
  GIOStream *base;        /* owned */
  PpMeteredInput *input;  /* owned */
  PpMeteredOutput *output;/* owned */
  PpMeter *meter;         /* shared */
};

G_DEFINE_FINAL_TYPE (PpMeteredStream, pp_metered_stream, G_TYPE_IO_STREAM)

static GInputStream *
pp_metered_stream_get_input_stream (GIOStream *stream)
{
  return G_INPUT_STREAM (PP_METERED_STREAM (stream)->input);
}

static GOutputStream *
pp_metered_stream_get_output_stream (GIOStream *stream)
{
  return G_OUTPUT_STREAM (PP_METERED_STREAM (stream)->output);
}

/* The watch ends before the descriptor closes: its number may come back
 * at once, watched for someone else. */
static void
unwatch (PpMeteredStream *self)
{
  if (self->input->watch != NULL)
    pp_shard_watch_close (self->input->watch);
}

static gboolean
pp_metered_stream_close (GIOStream     *stream,
                         GCancellable  *cancellable,
                         GError       **error)
{
  PpMeteredStream *self = PP_METERED_STREAM (stream);

  pp_metered_output_finish (self->output);
  unwatch (self);
  return g_io_stream_close (self->base, cancellable, error);
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

/* GIOStream's default would close in a worker thread; the base knows how
 * to close without one. */
static void
pp_metered_stream_close_async (GIOStream           *stream,
                               int                  io_priority,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  PpMeteredStream *self = PP_METERED_STREAM (stream);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  pp_metered_output_finish (self->output);
  unwatch (self);
  g_io_stream_close_async (self->base, io_priority, cancellable,
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

  unwatch (self);
  g_clear_object (&self->input);
  g_clear_object (&self->output);
  g_clear_object (&self->base);
  g_rc_box_release (self->meter);
  G_OBJECT_CLASS (pp_metered_stream_parent_class)->finalize (object);
}

static void
pp_metered_stream_class_init (PpMeteredStreamClass *klass)
{
  GIOStreamClass *io_class = G_IO_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pp_metered_stream_finalize;
  io_class->get_input_stream = pp_metered_stream_get_input_stream;
  io_class->get_output_stream = pp_metered_stream_get_output_stream;
  io_class->close_fn = pp_metered_stream_close;
  io_class->close_async = pp_metered_stream_close_async;
  io_class->close_finish = pp_metered_stream_close_finish;
}

static void
pp_metered_stream_init (PpMeteredStream *self)
{
}

/**
 * pp_metered_stream_new:
 * @outbox: (nullable): where writes wait to be written together; without
 *   one, each write goes straight to @base
 */
GIOStream *
pp_metered_stream_new (GIOStream *base,
                       guint64    in_allowance,
                       PpOutbox  *outbox)
{
  PpMeteredStream *self;

  g_return_val_if_fail (G_IS_IO_STREAM (base), NULL);

  self = g_object_new (PP_TYPE_METERED_STREAM, NULL);
  self->base = g_object_ref (base);
  self->meter = g_rc_box_new0 (PpMeter);
  self->meter->in_allowance = in_allowance;

  /* The halves do not close the base's halves: closing the base stream
   * closes those, and closes them once. */
  self->input = g_object_new (PP_TYPE_METERED_INPUT,
                              "base-stream", g_io_stream_get_input_stream (base),
                              "close-base-stream", FALSE,
                              NULL);
  self->input->meter = g_rc_box_acquire (self->meter);
  self->output = g_object_new (PP_TYPE_METERED_OUTPUT,
                               "base-stream", g_io_stream_get_output_stream (base),
                               "close-base-stream", FALSE,
                               NULL);
  self->output->meter = g_rc_box_acquire (self->meter);
  self->output->outbox = outbox ? g_rc_box_acquire (outbox) : NULL;
  self->output->home = g_main_context_ref_thread_default ();
  return G_IO_STREAM (self);
}

/**
 * pp_metered_stream_set_watch:
 * @watch: the base socket's watch, from pp_shards_watch()
 *
 * From now on, sources for @self wait on @watch, not on the socket; closing
 * @self ends @watch.
 */
void
pp_metered_stream_set_watch (PpMeteredStream *self,
                             PpShardWatch    *watch)
{
  g_return_if_fail (PP_IS_METERED_STREAM (self) && self->input->watch == NULL);
  self->input->watch = pp_shard_watch_ref (watch);
  self->output->watch = pp_shard_watch_ref (watch);
}

PpMeter *
pp_metered_stream_get_meter (PpMeteredStream *self)
{
  g_return_val_if_fail (PP_IS_METERED_STREAM (self), NULL);
  return self->meter;
}

GIOStream *
pp_metered_stream_get_base (PpMeteredStream *self)
{
  g_return_val_if_fail (PP_IS_METERED_STREAM (self), NULL);
  return self->base;
}

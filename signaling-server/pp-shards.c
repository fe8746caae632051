/* pp-shards.c — many small main contexts driven as one source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-shards.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <sys/epoll.h>
#include <unistd.h>

/* poll(2)'s event bits and epoll's are the same numbers. */
#define POLL_EVENTS (G_IO_IN | G_IO_PRI | G_IO_OUT)
#define MAX_EVENTS 512
/* An epoll entry's data: a shard's descriptor is tagged, with the shard's
 * index and the descriptor; a watch's is the watch itself. */
#define SHARD_FD_TAG (G_GUINT64_CONSTANT (1) << 63)
#define NO_OWNER G_MAXUINT32
#define WATCH_OWNER (G_MAXUINT32 - 1)

typedef struct
{
  guint32 shard;          /* a shard's index, NO_OWNER or WATCH_OWNER */
  PpShardWatch *watch;    /* borrowed: the open watch on the descriptor */
} Owner;

struct _PpShardWatch
{
  grefcount ref_count;
  PpShards *shards;       /* borrowed; NULL once closed */
  guint shard;
  int fd;
  GIOCondition revents;   /* what epoll said, until a read or write would block */
};

typedef struct
{
  GSource source;
  PpShardWatch *watch;    /* owned */
  GObject *pollable;      /* owned */
  GIOCondition condition;
} WatchSource;

typedef struct
{
  GMainContext *context;  /* owned, acquired */
  GPollFD *fds;           /* from the last query: by descriptor, each once */
  gint n_fds;
  gint fds_cap;
  GPollFD *old;           /* the query before, while comparing */
  gint old_cap;
  int wakeup_fd;          /* the context's own, from its first query */
  gint max_priority;
  gint64 deadline;        /* monotonic µs; G_MAXINT64 for none */
  guint heap_pos;         /* in PpShards.heap, or NOT_IN_HEAP */
  gboolean woken;         /* epoll reported the wakeup descriptor */
  gboolean due;           /* listed in PpShards.due */
} Shard;

#define NOT_IN_HEAP G_MAXUINT

struct _PpShards
{
  GSource *source;        /* owned */
  gpointer epoll_tag;
  int epfd;
  Shard *shards;          /* n_shards; a shard's context is made at its first turn */
  guint n_shards;
  guint next;
  guint last;             /* the shard pp_shards_next() returned last */
  /* The shards with work: those epoll reported, and those whose deadline
   * has come. Only these are run, so a round costs what it does, not what
   * the server holds. */
  guint *due;
  guint n_due;
  /* The shards with a deadline, as a binary heap, soonest first. */
  guint *heap;
  guint n_heap;
  /* Which shard registered each descriptor: a descriptor closed outside
   * its shard's dispatch leaves the epoll set by itself and may come back
   * in another shard before the first one looks again. */
  GArray *owner;          /* Owner by descriptor */
  PpShardsDoneFunc after_dispatch;
  gpointer user_data;
  struct epoll_event events[MAX_EVENTS];
};

typedef struct
{
  GSource source;
  PpShards *shards;       /* borrowed; it owns the source */
} ShardsSource;

static Owner *
owner_of (PpShards *self,
          int       fd)
{
  if ((guint) fd >= self->owner->len)
    {
      guint old = self->owner->len;

      g_array_set_size (self->owner, MAX ((guint) fd + 1, old * 2));
      for (guint i = old; i < self->owner->len; i++)
        g_array_index (self->owner, Owner, i) = (Owner) { NO_OWNER, NULL };
    }
  return &g_array_index (self->owner, Owner, fd);
}

static void
epoll_set (PpShards *self,
           guint     index,
           int       fd,
           gushort   events)
{
  struct epoll_event ev = {
    .events = events & POLL_EVENTS,
    .data.u64 = SHARD_FD_TAG | ((guint64) index << 32) | (guint32) fd,
  };
  Owner *owner = owner_of (self, fd);

  if (owner->shard == NO_OWNER || epoll_ctl (self->epfd, EPOLL_CTL_MOD, fd, &ev) < 0)
    if (epoll_ctl (self->epfd, EPOLL_CTL_ADD, fd, &ev) < 0 && errno == EEXIST)
      epoll_ctl (self->epfd, EPOLL_CTL_MOD, fd, &ev);
  /* A watch still listed here is on a descriptor closed since. */
  *owner = (Owner) { index, NULL };
}

static void
epoll_unset (PpShards *self,
             guint     index,
             int       fd)
{
  Owner *owner = owner_of (self, fd);

  if (owner->shard != index)
    return; /* closed here and taken by another shard or a watch since */
  epoll_ctl (self->epfd, EPOLL_CTL_DEL, fd, NULL);
  *owner = (Owner) { NO_OWNER, NULL };
}

static gint64
heap_deadline (PpShards *self,
               guint     pos)
{
  return self->shards[self->heap[pos]].deadline;
}

static void
heap_place (PpShards *self,
            guint     pos,
            guint     index)
{
  self->heap[pos] = index;
  self->shards[index].heap_pos = pos;
}

static void
heap_up (PpShards *self,
         guint     pos)
{
  guint index = self->heap[pos];
  gint64 deadline = self->shards[index].deadline;

  while (pos > 0 && heap_deadline (self, (pos - 1) / 2) > deadline)
    {
      heap_place (self, pos, self->heap[(pos - 1) / 2]);
      pos = (pos - 1) / 2;
    }
  heap_place (self, pos, index);
}

static void
heap_down (PpShards *self,
           guint     pos)
{
  guint index = self->heap[pos];
  gint64 deadline = self->shards[index].deadline;

  for (;;)
    {
      guint child = 2 * pos + 1;

      if (child >= self->n_heap)
        break;
      if (child + 1 < self->n_heap && heap_deadline (self, child + 1) < heap_deadline (self, child))
        child++;
      if (heap_deadline (self, child) >= deadline)
        break;
      heap_place (self, pos, self->heap[child]);
      pos = child;
    }
  heap_place (self, pos, index);
}

/* Puts SHARD where its new deadline belongs. */
static void
heap_update (PpShards *self,
             Shard    *shard)
{
  guint pos = shard->heap_pos, moved;

  if (shard->deadline == G_MAXINT64)
    {
      if (pos == NOT_IN_HEAP)
        return;
      shard->heap_pos = NOT_IN_HEAP;
      if (--self->n_heap == pos)
        return;
      heap_place (self, pos, self->heap[self->n_heap]);
    }
  else if (pos == NOT_IN_HEAP)
    {
      pos = self->n_heap++;
      heap_place (self, pos, shard - self->shards);
    }
  /* The shard now at POS may be out of order either way. */
  moved = self->heap[pos];
  heap_up (self, pos);
  heap_down (self, self->shards[moved].heap_pos);
}

static gint64
first_deadline (PpShards *self)
{
  return self->n_heap > 0 ? heap_deadline (self, 0) : G_MAXINT64;
}

static void
set_due (PpShards *self,
         Shard    *shard)
{
  if (!shard->due)
    {
      shard->due = TRUE;
      self->due[self->n_due++] = shard - self->shards;
    }
}

/* Lists every shard in the heap below POS whose deadline has come. */
static void
due_by (PpShards *self,
        guint     pos,
        gint64    now)
{
  if (pos >= self->n_heap || heap_deadline (self, pos) > now)
    return;
  set_due (self, &self->shards[self->heap[pos]]);
  due_by (self, 2 * pos + 1, now);
  due_by (self, 2 * pos + 2, now);
}

/* GLib's prepare and query steps for SHARD, then the epoll set brought in
 * line with what the query asks for. */
static void
requery (PpShards *self,
         Shard    *shard)
{
  guint index = shard - self->shards;
  gint timeout, n_old, i, j;
  GPollFD *swap;

  g_main_context_prepare (shard->context, &shard->max_priority);

  swap = shard->old;
  shard->old = shard->fds;
  shard->fds = swap;
  j = shard->old_cap;
  shard->old_cap = shard->fds_cap;
  shard->fds_cap = j;
  n_old = shard->n_fds;

  for (;;)
    {
      shard->n_fds = g_main_context_query (shard->context, shard->max_priority, &timeout,
                                           shard->fds, shard->fds_cap);
      if (shard->n_fds <= shard->fds_cap)
        break;
      shard->fds_cap = shard->n_fds * 2;
      shard->fds = g_renew (GPollFD, shard->fds, shard->fds_cap);
    }
  shard->deadline = timeout < 0 ? G_MAXINT64 : g_get_monotonic_time () + (gint64) timeout * 1000;
  heap_update (self, shard);

  /* Both lists are sorted by descriptor. */
  for (i = 0, j = 0; i < n_old || j < shard->n_fds;)
    {
      if (j == shard->n_fds || (i < n_old && shard->old[i].fd < shard->fds[j].fd))
        epoll_unset (self, index, shard->old[i++].fd);
      else if (i == n_old || shard->fds[j].fd < shard->old[i].fd)
        {
          epoll_set (self, index, shard->fds[j].fd, shard->fds[j].events);
          j++;
        }
      else
        {
          guint32 owner = owner_of (self, shard->fds[j].fd)->shard;

          /* Registered by another shard since: this shard's entry is for
           * a descriptor closed meanwhile, not yet gone from its list. */
          if (owner == NO_OWNER ||
              (owner == index && (shard->old[i].events ^ shard->fds[j].events) & POLL_EVENTS))
            epoll_set (self, index, shard->fds[j].fd, shard->fds[j].events);
          i++;
          j++;
        }
    }
}

static void
shard_run (PpShards *self,
           Shard    *shard)
{
  guint64 count;

  g_main_context_push_thread_default (shard->context);
  if (g_main_context_check (shard->context, shard->max_priority, shard->fds, shard->n_fds))
    g_main_context_dispatch (shard->context);
  g_main_context_pop_thread_default (shard->context);
  /* GLib wakes a context whenever a source's descriptors come or go; the
   * query below sees all of that, so take the wakeup now rather than run
   * the shard again for it. One that comes after this read stays for the
   * next round. */
  if (shard->woken)
    while (read (shard->wakeup_fd, &count, sizeof count) < 0 && errno == EINTR)
      ;
  shard->woken = FALSE;
  requery (self, shard);
  if (self->after_dispatch != NULL)
    self->after_dispatch (self->user_data);
}

static void
mark_ready (PpShards *self,
            Shard    *shard,
            int       fd,
            guint32   events)
{
  gint lo = 0, hi = shard->n_fds;

  while (lo < hi)
    {
      gint mid = (lo + hi) / 2;

      if (shard->fds[mid].fd < fd)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < shard->n_fds && shard->fds[lo].fd == fd)
    {
      shard->fds[lo].revents |= events & (POLL_EVENTS | G_IO_ERR | G_IO_HUP);
      if (fd == shard->wakeup_fd)
        shard->woken = TRUE;
      set_due (self, shard);
    }
}

static void
watch_ready (PpShardWatch *watch,
             guint32       events)
{
  if (watch->shards == NULL)
    return;
  if (events & EPOLLRDHUP)
    events |= EPOLLIN;  /* a read returns the end */
  watch->revents |= events & (G_IO_IN | G_IO_OUT | G_IO_ERR | G_IO_HUP);
  set_due (watch->shards, &watch->shards->shards[watch->shard]);
}

static gboolean
shards_prepare (GSource *source,
                gint    *timeout)
{
  PpShards *self = ((ShardsSource *) source)->shards;
  gint64 now = g_source_get_time (source);
  gint64 first = self->n_due > 0 ? G_MININT64 : first_deadline (self);

  if (first <= now)
    {
      *timeout = 0;
      return TRUE;
    }
  *timeout = first == G_MAXINT64 ? -1 : (gint) MIN ((first - now + 999) / 1000, G_MAXINT);
  return FALSE;
}

static gboolean
shards_check (GSource *source)
{
  PpShards *self = ((ShardsSource *) source)->shards;

  return (g_source_query_unix_fd (source, self->epoll_tag) & G_IO_IN) ||
         first_deadline (self) <= g_get_monotonic_time ();
}

/* Shards are due when epoll reports one of their descriptors, when their
 * next timeout comes, or both. GLib calls check() only for sources that
 * prepare() did not find ready, so the work is all done here. */
static gboolean
shards_dispatch (GSource     *source,
                 GSourceFunc  callback,
                 gpointer     user_data)
{
  PpShards *self = ((ShardsSource *) source)->shards;
  gint64 now = g_get_monotonic_time ();
  int n = epoll_wait (self->epfd, self->events, MAX_EVENTS, 0);

  for (int i = 0; i < n; i++)
    {
      guint64 data = self->events[i].data.u64;

      if (data & SHARD_FD_TAG)
        {
          guint index = (data & ~SHARD_FD_TAG) >> 32;

          if (index < self->n_shards)
            mark_ready (self, &self->shards[index], (int) (guint32) data, self->events[i].events);
        }
      else
        watch_ready (self->events[i].data.ptr, self->events[i].events);
    }
  due_by (self, 0, now);
  for (guint k = 0; k < self->n_due; k++)
    {
      Shard *shard = &self->shards[self->due[k]];

      shard->due = FALSE;
      shard_run (self, shard);
    }
  self->n_due = 0;
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs shards_source_funcs = {
  .prepare = shards_prepare,
  .check = shards_check,
  .dispatch = shards_dispatch,
};

/**
 * pp_shards_new:
 * @outer: (nullable): the context that drives the shards
 * @n_shards: how many shards there may be; each is made at its first turn
 * @after_dispatch: (nullable): called after each shard's dispatch
 *
 * Returns: (transfer full): shards driven from @outer until
 * pp_shards_free(), or %NULL if no epoll set could be made.
 */
PpShards *
pp_shards_new (GMainContext      *outer,
               guint              n_shards,
               PpShardsDoneFunc   after_dispatch,
               gpointer           user_data,
               GError           **error)
{
  g_autoptr(PpShards) self = g_new0 (PpShards, 1);

  g_return_val_if_fail (n_shards > 0, NULL);

  self->epfd = epoll_create1 (EPOLL_CLOEXEC);
  if (self->epfd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "epoll_create1: %s",
                   g_strerror (saved));
      return NULL;
    }
  self->owner = g_array_new (FALSE, FALSE, sizeof (Owner));
  self->after_dispatch = after_dispatch;
  self->user_data = user_data;
  self->n_shards = n_shards;
  self->shards = g_new0 (Shard, n_shards);
  self->due = g_new (guint, n_shards);
  self->heap = g_new (guint, n_shards);

  self->source = g_source_new (&shards_source_funcs, sizeof (ShardsSource));
  ((ShardsSource *) self->source)->shards = self;
  g_source_set_name (self->source, "PpShards");
  /* GLib takes a source's descriptors out of the poll set while it is
   * dispatched, unless it may recurse, and wakes the context for each
   * change: two system calls per round saved. This source never runs
   * the outer context itself. */
  g_source_set_can_recurse (self->source, TRUE);
  self->epoll_tag = g_source_add_unix_fd (self->source, self->epfd, G_IO_IN);
  g_source_attach (self->source, outer);
  return g_steal_pointer (&self);
}

/**
 * pp_shards_next:
 * @spread: over how many of the shards (at least one) connections go now:
 *   fewer while the caller holds few, so that a server which never held
 *   many never makes many
 *
 * Returns: (transfer none): the shard whose turn it is to take a new
 * connection; push it as the thread default while the connection attaches
 * its sources, then wake it.
 */
GMainContext *
pp_shards_next (PpShards *self,
                guint     spread)
{
  Shard *shard;

  spread = CLAMP (spread, 1, self->n_shards);
  if (self->next >= spread)
    self->next = 0;
  shard = &self->shards[self->next];
  self->last = self->next;
  self->next++;
  if (shard->context == NULL)
    {
      shard->context = g_main_context_new ();
      g_main_context_acquire (shard->context);
      shard->heap_pos = NOT_IN_HEAP;
      shard->fds_cap = shard->old_cap = 8;
      shard->fds = g_new0 (GPollFD, shard->fds_cap);
      shard->old = g_new0 (GPollFD, shard->old_cap);
      requery (self, shard);
      /* A new context polls its wakeup descriptor alone. */
      g_assert (shard->n_fds == 1);
      shard->wakeup_fd = shard->fds[0].fd;
    }
  return shard->context;
}

/**
 * pp_shards_adopt:
 * @fd: a descriptor just opened (accepted), whose sources are being
 *   attached to a shard
 *
 * A descriptor number can come back while a shard still lists the one that
 * had it before, closed since (and so gone from the epoll set by itself):
 * this makes the next look at the shard register it anew.
 */
void
pp_shards_adopt (PpShards *self,
                 int       fd)
{
  Owner *owner = owner_of (self, fd);

  if (owner->shard != NO_OWNER)
    epoll_ctl (self->epfd, EPOLL_CTL_DEL, fd, NULL);
  *owner = (Owner) { NO_OWNER, NULL };
}

/**
 * pp_shards_watch:
 * @fd: a descriptor just opened (accepted), in the shard pp_shards_next()
 *   returned last
 *
 * Watches @fd in that shard with an edge-triggered epoll entry held until
 * pp_shard_watch_close(), so that waiting on it costs GLib no descriptor
 * added or removed (each wakes the context with a system call): sources
 * from pp_shard_watch_create_source() are ready while the watch's
 * condition holds, and pp_shard_watch_clear() is how a read or write that
 * would block says it no longer does. Nothing else may poll @fd in a
 * shard.
 *
 * Returns: (transfer full): the watch
 */
PpShardWatch *
pp_shards_watch (PpShards *self,
                 int       fd)
{
  PpShardWatch *watch = g_new0 (PpShardWatch, 1);
  struct epoll_event ev = {
    .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
    .data.ptr = watch,
  };

  g_return_val_if_fail (self->shards[self->last].context != NULL, NULL);

  g_ref_count_init (&watch->ref_count);
  watch->shard = self->last;
  watch->fd = fd;
  pp_shards_adopt (self, fd);
  /* epoll reports at once what already holds. */
  if (epoll_ctl (self->epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
    {
      g_warning ("Cannot watch descriptor %d: %s", fd, g_strerror (errno));
      watch->revents = G_IO_IN | G_IO_OUT | G_IO_ERR;
      return watch;
    }
  watch->shards = self;
  *owner_of (self, fd) = (Owner) { WATCH_OWNER, watch };
  return watch;
}

PpShardWatch *
pp_shard_watch_ref (PpShardWatch *watch)
{
  g_ref_count_inc (&watch->ref_count);
  return watch;
}

void
pp_shard_watch_unref (PpShardWatch *watch)
{
  if (!g_ref_count_dec (&watch->ref_count))
    return;
  pp_shard_watch_close (watch);
  g_free (watch);
}

/**
 * pp_shard_watch_close:
 *
 * Ends the watch, before its descriptor is closed; its sources are ready
 * from now on, so that whoever waits finds the stream closed.
 */
void
pp_shard_watch_close (PpShardWatch *watch)
{
  PpShards *self = watch->shards;

  if (self != NULL)
    {
      Owner *owner = owner_of (self, watch->fd);

      if (owner->watch == watch)
        {
          epoll_ctl (self->epfd, EPOLL_CTL_DEL, watch->fd, NULL);
          *owner = (Owner) { NO_OWNER, NULL };
        }
      watch->shards = NULL;
    }
  watch->revents |= G_IO_IN | G_IO_OUT | G_IO_HUP;
}

/**
 * pp_shard_watch_clear:
 * @condition: what a read (%G_IO_IN) or a write (%G_IO_OUT) found would
 *   block
 */
void
pp_shard_watch_clear (PpShardWatch *watch,
                      GIOCondition  condition)
{
  if (watch->shards != NULL)
    watch->revents &= ~condition;
}

static gboolean
watch_source_ready (WatchSource *source)
{
  return (source->watch->revents & (source->condition | G_IO_ERR | G_IO_HUP)) != 0;
}

static gboolean
watch_source_prepare (GSource *source,
                      gint    *timeout)
{
  *timeout = -1;
  return watch_source_ready ((WatchSource *) source);
}

static gboolean
watch_source_check (GSource *source)
{
  return watch_source_ready ((WatchSource *) source);
}

static gboolean
watch_source_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  GPollableSourceFunc func = (GPollableSourceFunc) (void (*) (void)) callback;

  if (func == NULL)
    return G_SOURCE_REMOVE;
  return func (((WatchSource *) source)->pollable, user_data);
}

static void
watch_source_finalize (GSource *source)
{
  WatchSource *self = (WatchSource *) source;

  pp_shard_watch_unref (self->watch);
  g_object_unref (self->pollable);
}

/* For g_source_set_closure(), as GIO's own stream sources have: streams
 * that wrap ours make our source a child with a dummy closure. */
static gboolean
watch_source_closure_callback (GObject  *pollable,
                               gpointer  data)
{
  GClosure *closure = data;
  GValue param = G_VALUE_INIT;
  GValue result = G_VALUE_INIT;
  gboolean ret;

  g_value_init (&result, G_TYPE_BOOLEAN);
  g_value_init (&param, G_TYPE_OBJECT);
  g_value_set_object (&param, pollable);
  g_closure_invoke (closure, &result, 1, &param, NULL);
  ret = g_value_get_boolean (&result);
  g_value_unset (&result);
  g_value_unset (&param);
  return ret;
}

static GSourceFuncs watch_source_funcs = {
  .prepare = watch_source_prepare,
  .check = watch_source_check,
  .dispatch = watch_source_dispatch,
  .finalize = watch_source_finalize,
  .closure_callback = G_SOURCE_FUNC (watch_source_closure_callback),
  .closure_marshal = NULL,
};

/**
 * pp_shard_watch_create_source:
 * @condition: %G_IO_IN or %G_IO_OUT
 * @pollable: the stream the source is for, passed to its callback
 *
 * Returns: (transfer full): a source with no descriptor of its own, ready
 * while @watch has @condition (or an error or hang-up), whose callback is
 * a #GPollableSourceFunc: what g_pollable_input_stream_create_source()
 * and g_pollable_output_stream_create_source() return.
 */
GSource *
pp_shard_watch_create_source (PpShardWatch *watch,
                              GIOCondition  condition,
                              GObject      *pollable)
{
  GSource *source = g_source_new (&watch_source_funcs, sizeof (WatchSource));
  WatchSource *self = (WatchSource *) source;

  g_source_set_static_name (source, "PpShardWatch");
  self->watch = pp_shard_watch_ref (watch);
  self->pollable = g_object_ref (pollable);
  self->condition = condition;
  /* Ready already: the shard must run to see it, though epoll has
   * nothing new to say. */
  if (watch->shards != NULL && watch_source_ready (self))
    set_due (watch->shards, &watch->shards->shards[watch->shard]);
  return source;
}

/**
 * pp_shards_free:
 *
 * Stops driving the shards, runs what is ready in them once more (closes
 * finishing) and lets them go.
 */
void
pp_shards_free (PpShards *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_source_unref (self->source);
    }
  for (guint i = 0; self->shards != NULL && i < self->n_shards; i++)
    {
      Shard *shard = &self->shards[i];

      if (shard->context == NULL)
        continue;
      g_main_context_push_thread_default (shard->context);
      for (guint k = 0; k < 100 && g_main_context_iteration (shard->context, FALSE); k++)
        ;
      g_main_context_pop_thread_default (shard->context);
      g_main_context_release (shard->context);
      g_main_context_unref (shard->context);
      g_free (shard->fds);
      g_free (shard->old);
    }
  for (guint i = 0; self->owner != NULL && i < self->owner->len; i++)
    {
      PpShardWatch *watch = g_array_index (self->owner, Owner, i).watch;

      if (watch != NULL)
        pp_shard_watch_close (watch);
    }
  g_free (self->shards);
  g_free (self->due);
  g_free (self->heap);
  if (self->owner != NULL)
    g_array_unref (self->owner);
  if (self->epfd >= 0)
    close (self->epfd);
  g_free (self);
}

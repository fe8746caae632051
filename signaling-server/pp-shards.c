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
  gboolean due;
} Shard;

struct _PpShards
{
  GSource *source;        /* owned */
  gpointer epoll_tag;
  int epfd;
  Shard *shards;
  guint n_shards;
  guint next;
  /* Which shard registered each descriptor: a descriptor closed outside
   * its shard's dispatch leaves the epoll set by itself and may come back
   * in another shard before the first one looks again. */
  GArray *owner;          /* guint32 by descriptor; G_MAXUINT32 for none */
  PpShardsDoneFunc after_dispatch;
  gpointer user_data;
  struct epoll_event events[MAX_EVENTS];
};

typedef struct
{
  GSource source;
  PpShards *shards;       /* borrowed; it owns the source */
} ShardsSource;

static guint32 *
owner_of (PpShards *self,
          int       fd)
{
  if ((guint) fd >= self->owner->len)
    {
      guint old = self->owner->len;

      g_array_set_size (self->owner, MAX ((guint) fd + 1, old * 2));
      memset (&g_array_index (self->owner, guint32, old), 0xff,
              (self->owner->len - old) * sizeof (guint32));
    }
  return &g_array_index (self->owner, guint32, fd);
}

static void
epoll_set (PpShards *self,
           guint     index,
           int       fd,
           gushort   events)
{
  struct epoll_event ev = {
    .events = events & POLL_EVENTS,
    .data.u64 = ((guint64) index << 32) | (guint32) fd,
  };
  guint32 *owner = owner_of (self, fd);

  if (*owner == G_MAXUINT32 || epoll_ctl (self->epfd, EPOLL_CTL_MOD, fd, &ev) < 0)
    if (epoll_ctl (self->epfd, EPOLL_CTL_ADD, fd, &ev) < 0 && errno == EEXIST)
      epoll_ctl (self->epfd, EPOLL_CTL_MOD, fd, &ev);
  *owner = index;
}

static void
epoll_unset (PpShards *self,
             guint     index,
             int       fd)
{
  guint32 *owner = owner_of (self, fd);

  if (*owner != index)
    return; /* closed here and taken by another shard since */
  epoll_ctl (self->epfd, EPOLL_CTL_DEL, fd, NULL);
  *owner = G_MAXUINT32;
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
          guint32 owner = *owner_of (self, shard->fds[j].fd);

          /* Registered by another shard since: this shard's entry is for
           * a descriptor closed meanwhile, not yet gone from its list. */
          if (owner == G_MAXUINT32 ||
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

  shard->due = FALSE;
  g_main_context_push_thread_default (shard->context);
  if (g_main_context_check (shard->context, shard->max_priority, shard->fds, shard->n_fds))
    g_main_context_dispatch (shard->context);
  g_main_context_pop_thread_default (shard->context);
  /* GLib wakes a context whenever a source's descriptors come or go, as
   * each dispatch does; the query below sees all of that, so take the
   * wakeup now rather than run the shard again for it. One that comes
   * after this read stays for the next round. */
  while (read (shard->wakeup_fd, &count, sizeof count) < 0 && errno == EINTR)
    ;
  requery (self, shard);
  if (self->after_dispatch != NULL)
    self->after_dispatch (self->user_data);
}

static void
mark_ready (Shard  *shard,
            int     fd,
            guint32 events)
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
      shard->due = TRUE;
    }
}

static gboolean
shards_prepare (GSource *source,
                gint    *timeout)
{
  PpShards *self = ((ShardsSource *) source)->shards;
  gint64 now = g_source_get_time (source);
  gint64 first = G_MAXINT64;

  for (guint i = 0; i < self->n_shards; i++)
    {
      if (self->shards[i].due)
        first = G_MININT64;
      first = MIN (first, self->shards[i].deadline);
    }
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
  gint64 now = g_get_monotonic_time ();

  if (g_source_query_unix_fd (source, self->epoll_tag) & G_IO_IN)
    return TRUE;
  for (guint i = 0; i < self->n_shards; i++)
    if (self->shards[i].deadline <= now)
      return TRUE;
  return FALSE;
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
      guint index = self->events[i].data.u64 >> 32;

      if (index < self->n_shards)
        mark_ready (&self->shards[index], (int) (guint32) self->events[i].data.u64,
                    self->events[i].events);
    }
  for (guint i = 0; i < self->n_shards; i++)
    if (self->shards[i].due || self->shards[i].deadline <= now)
      shard_run (self, &self->shards[i]);
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
 * @after_dispatch: (nullable): called after each shard's dispatch
 *
 * Returns: (transfer full): @n_shards shards, driven from @outer until
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
  self->owner = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->after_dispatch = after_dispatch;
  self->user_data = user_data;
  self->n_shards = n_shards;
  self->shards = g_new0 (Shard, n_shards);
  for (guint i = 0; i < n_shards; i++)
    {
      Shard *shard = &self->shards[i];

      shard->context = g_main_context_new ();
      g_main_context_acquire (shard->context);
      shard->fds_cap = shard->old_cap = 8;
      shard->fds = g_new0 (GPollFD, shard->fds_cap);
      shard->old = g_new0 (GPollFD, shard->old_cap);
      requery (self, shard);
      /* A new context polls its wakeup descriptor alone. */
      g_assert (shard->n_fds == 1);
      shard->wakeup_fd = shard->fds[0].fd;
    }

  self->source = g_source_new (&shards_source_funcs, sizeof (ShardsSource));
  ((ShardsSource *) self->source)->shards = self;
  g_source_set_name (self->source, "PpShards");
  self->epoll_tag = g_source_add_unix_fd (self->source, self->epfd, G_IO_IN);
  g_source_attach (self->source, outer);
  return g_steal_pointer (&self);
}

/**
 * pp_shards_next:
 *
 * Returns: (transfer none): the shard whose turn it is to take a new
 * connection; push it as the thread default while the connection attaches
 * its sources, then wake it.
 */
GMainContext *
pp_shards_next (PpShards *self)
{
  GMainContext *context = self->shards[self->next].context;

  self->next = (self->next + 1) % self->n_shards;
  return context;
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
  guint32 *owner = owner_of (self, fd);

  if (*owner != G_MAXUINT32)
    epoll_ctl (self->epfd, EPOLL_CTL_DEL, fd, NULL);
  *owner = G_MAXUINT32;
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

      g_main_context_push_thread_default (shard->context);
      for (guint k = 0; k < 100 && g_main_context_iteration (shard->context, FALSE); k++)
        ;
      g_main_context_pop_thread_default (shard->context);
      g_main_context_release (shard->context);
      g_main_context_unref (shard->context);
      g_free (shard->fds);
      g_free (shard->old);
    }
  g_free (self->shards);
  if (self->owner != NULL)
    g_array_unref (self->owner);
  if (self->epfd >= 0)
    close (self->epfd);
  g_free (self);
}

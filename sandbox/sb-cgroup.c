/* sb-cgroup.c — a memory cgroup for the run, where the caller may make one
 *
 * cgroup v2 where ours is delegated to us (it hands the memory controller
 * to its children), or v1 as root. The limit covers the whole tree with no
 * swap, and an out-of-memory kill takes the whole tree. Anywhere else the
 * supervisor sums the tree's memory itself (sb-supervise.c).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "sb.h"

#define CGROUP2_SUPER_MAGIC 0x63677270

static int
write_cgroup_file (const SbChild *child, const char *name, const char *value)
{
  char path[PATH_MAX];

  snprintf (path, sizeof path, "%s/%s", child->cgroup, name);
  return sb_write_small_file (path, value);
}

/* The value after "key " in a file of "key value" lines, or -1. */
static long long
keyed_value (const SbChild *child, const char *file, const char *key)
{
  char path[PATH_MAX], buf[4096];
  size_t key_len = strlen (key);

  snprintf (path, sizeof path, "%s/%s", child->cgroup, file);
  if (sb_read_small_file (path, buf, sizeof buf) < 0)
    return -1;
  for (char *line = buf; line && *line; line = strchr (line, '\n') ? strchr (line, '\n') + 1 : NULL)
    if (strncmp (line, key, key_len) == 0 && line[key_len] == ' ')
      return atoll (line + key_len + 1);
  return -1;
}

static bool
try_cgroup (SbChild *child, const char *base, int version, const SbPolicy *policy)
{
  char value[64];

  snprintf (child->cgroup, sizeof child->cgroup, "%s/pairpad-sandbox-%d", base, getpid ());
  if (mkdir (child->cgroup, 0755) < 0)
    {
      child->cgroup[0] = '\0';
      return false;
    }
  snprintf (value, sizeof value, "%lld", (long long) policy->mem_mb << 20);
  if (version == 2)
    {
      if (write_cgroup_file (child, "memory.max", value) < 0)
        goto fail;
      /* No swap: over the limit means over the limit. Kill the whole tree
       * on OOM, not just the biggest process. */
      write_cgroup_file (child, "memory.swap.max", "0");
      write_cgroup_file (child, "memory.oom.group", "1");
    }
  else
    {
      if (write_cgroup_file (child, "memory.limit_in_bytes", value) < 0)
        goto fail;
      write_cgroup_file (child, "memory.memsw.limit_in_bytes", value);
    }
  child->cgroup_version = version;
  return true;

fail:
  rmdir (child->cgroup);
  child->cgroup[0] = '\0';
  return false;
}

void
sb_cgroup_prepare (const SbPolicy *policy, SbChild *child)
{
  char buf[4096], base[PATH_MAX], controllers[512];
  struct statfs sfs;

  child->cgroup[0] = '\0';
  if (getenv ("PAIRPAD_SANDBOX_NO_CGROUP") != NULL ||
      sb_read_small_file ("/proc/self/cgroup", buf, sizeof buf) < 0)
    return;

  for (char *line = strtok (buf, "\n"); line; line = strtok (NULL, "\n"))
    {
      char *path = strchr (line, ':') ? strchr (strchr (line, ':') + 1, ':') : NULL;
      if (path == NULL)
        continue;
      path++;
      if (strncmp (line, "0::", 3) == 0)
        {
          /* v2: only where our cgroup already hands the memory controller
           * to its children (delegated to us) and lets us make one. */
          const char *mount = statfs ("/sys/fs/cgroup", &sfs) == 0 && sfs.f_type == CGROUP2_SUPER_MAGIC
                              ? "/sys/fs/cgroup" : "/sys/fs/cgroup/unified";
          snprintf (base, sizeof base, "%s%s", mount, strcmp (path, "/") == 0 ? "" : path);
          char sub[PATH_MAX + 32];
          snprintf (sub, sizeof sub, "%s/cgroup.subtree_control", base);
          if (sb_read_small_file (sub, controllers, sizeof controllers) > 0 &&
              strstr (controllers, "memory") != NULL && try_cgroup (child, base, 2, policy))
            return;
        }
      else if (strstr (line, ":memory:") != NULL)
        {
          snprintf (base, sizeof base, "/sys/fs/cgroup/memory%s", strcmp (path, "/") == 0 ? "" : path);
          if (try_cgroup (child, base, 1, policy))
            return;
        }
    }
}

void
sb_cgroup_attach (SbChild *child, pid_t pid)
{
  char value[32];

  if (child->cgroup[0] == '\0')
    return;
  snprintf (value, sizeof value, "%d", pid);
  if (write_cgroup_file (child, "cgroup.procs", value) < 0)
    {
      /* Not in it: watch the tree ourselves instead. */
      rmdir (child->cgroup);
      child->cgroup[0] = '\0';
    }
}

/* Whether the kernel killed for memory, and the cgroup's peak. Removes it. */
bool
sb_cgroup_finish (SbChild *child, long *peak_kb)
{
  char path[PATH_MAX], buf[64];
  long long ooms, peak;

  if (child->cgroup[0] == '\0')
    return false;
  if (child->cgroup_version == 2)
    {
      ooms = keyed_value (child, "memory.events", "oom_kill");
      snprintf (path, sizeof path, "%s/memory.peak", child->cgroup);
    }
  else
    {
      ooms = keyed_value (child, "memory.oom_control", "oom_kill");
      snprintf (path, sizeof path, "%s/memory.max_usage_in_bytes", child->cgroup);
    }
  peak = sb_read_small_file (path, buf, sizeof buf) > 0 ? atoll (buf) : 0;
  *peak_kb = (long) (peak / 1024);
  /* Every process is gone (the PID namespace is empty once init is
   * reaped), so the cgroup can go; retry briefly while the kernel lets go. */
  for (int i = 0; i < 100 && rmdir (child->cgroup) < 0 && errno == EBUSY; i++)
    usleep (1000);
  return ooms > 0;
}

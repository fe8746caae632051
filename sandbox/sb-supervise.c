/* sb-supervise.c — the supervisor: streams output, enforces wall time, CPU,
 * memory, output and disk limits, ends the run, and says what happened.
 *
 * Memory is limited by a cgroup when the caller may make one (sb-cgroup.c);
 * otherwise the supervisor sums the memory of the program's process tree
 * every tick and kills the tree over the limit. RLIMIT_AS is never used: Java and Node reserve far more
 * address space than they touch.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sb.h"

#define TICK_MS 10
#define DISK_SCAN_TICKS 1
#define MAX_TREE 4096

static long
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Takes the started sandbox over: its output pipes, its status pipe, and
 * a pidfd, without which the supervisor could not tell when it ends. */
int
sb_child_adopt (SbChild *child, pid_t pid, int out_fd, int err_fd, int report_fd,
                SbResult *result)
{
  child->pid = pid;
  child->out_fd = out_fd;
  child->err_fd = err_fd;
  child->report_fd = report_fd;
  child->pidfd = (int) syscall (SYS_pidfd_open, pid, 0);
  if (child->pidfd < 0)
    {
      sb_fail (result, "watching the sandbox (pidfd_open)", errno);
      kill (pid, SIGKILL);
      waitpid (pid, NULL, 0);
      return -1;
    }
  return 0;
}

/* --- the process tree ----------------------------------------------------- */

typedef struct
{
  long cpu_ms;
  long mem_kb;      /* anonymous and shared-memory pages of every process */
  int count;
} TreeUsage;

static long clock_ticks;

static void
add_process (pid_t pid, TreeUsage *usage, bool want_memory, pid_t *queue, int *queued)
{
  char path[64], buf[4096];
  DIR *tasks;

  /* CPU of the process, and of its children it has already reaped. */
  snprintf (path, sizeof path, "/proc/%d/stat", pid);
  if (sb_read_small_file (path, buf, sizeof buf) > 0)
    {
      char *p = strrchr (buf, ')');
      unsigned long long utime, stime;
      long long cutime, cstime;
      if (p && sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld",
                       &utime, &stime, &cutime, &cstime) == 4)
        usage->cpu_ms += (long) ((utime + stime + cutime + cstime) * 1000 / clock_ticks);
    }
  if (want_memory)
    {
      snprintf (path, sizeof path, "/proc/%d/status", pid);
      if (sb_read_small_file (path, buf, sizeof buf) > 0)
        {
          char *anon = strstr (buf, "RssAnon:"), *shmem = strstr (buf, "RssShmem:");
          usage->mem_kb += (anon ? atol (anon + 8) : 0) + (shmem ? atol (shmem + 9) : 0);
        }
    }
  usage->count++;

  /* Children hang off the thread that made them. */
  snprintf (path, sizeof path, "/proc/%d/task", pid);
  tasks = opendir (path);
  for (struct dirent *e; tasks && (e = readdir (tasks));)
    {
      if (e->d_name[0] == '.')
        continue;
      snprintf (path, sizeof path, "/proc/%d/task/%.16s/children", pid, e->d_name);
      if (sb_read_small_file (path, buf, sizeof buf) <= 0)
        continue;
      for (char *tok = strtok (buf, " \n"); tok && *queued < MAX_TREE; tok = strtok (NULL, " \n"))
        queue[(*queued)++] = atoi (tok);
    }
  if (tasks)
    closedir (tasks);
}

/* The processes of the run: the sandbox's init, whose descendants are all
 * of them; or, with no PID namespace, our own children (the program and
 * the orphans reparented to us, their subreaper). Then all descendants. */
static int
collect_tree (const SbChild *child, pid_t *queue, TreeUsage *usage, bool want_memory)
{
  TreeUsage ignored = { 0 };
  int queued = 0;

  if (child->kill_group)
    {
      char path[64], buf[4096];
      snprintf (path, sizeof path, "/proc/%d/task/%d/children", getpid (), getpid ());
      if (sb_read_small_file (path, buf, sizeof buf) > 0)
        for (char *tok = strtok (buf, " \n"); tok && queued < MAX_TREE; tok = strtok (NULL, " \n"))
          queue[queued++] = atoi (tok);
    }
  else
    queue[queued++] = child->pid;

  for (int i = 0; i < queued; i++)
    add_process (queue[i], usage ? usage : &ignored, want_memory, queue, &queued);
  return queued;
}

static pid_t tree[MAX_TREE];

static TreeUsage
tree_usage (const SbChild *child, bool want_memory)
{
  TreeUsage usage = { 0 };

  collect_tree (child, tree, &usage, want_memory);
  return usage;
}

/* Precise memory of the tree: proportional shares of what is shared
 * (fork's copy-on-write pages count once, not once per process). */
static long
tree_pss_kb (const SbChild *child)
{
  int count = collect_tree (child, tree, NULL, false);
  long kb = 0;

  for (int i = 0; i < count; i++)
    {
      char path[64], buf[4096];
      snprintf (path, sizeof path, "/proc/%d/smaps_rollup", tree[i]);
      if (sb_read_small_file (path, buf, sizeof buf) > 0)
        {
          char *anon = strstr (buf, "Pss_Anon:"), *shmem = strstr (buf, "Pss_Shmem:");
          kb += (anon ? atol (anon + 9) : 0) + (shmem ? atol (shmem + 10) : 0);
        }
    }
  return kb;
}

typedef struct
{
  long long total;
  long long limit;
} DiskUsage;

static bool
add_entry_size (int dirfd, const char *name, const struct stat *st, void *data)
{
  DiskUsage *usage = data;

  /* Each entry costs at least a block: a million empty files fill a disk too. */
  usage->total += st->st_blocks * 512LL + 4096;
  return usage->total <= usage->limit;
}

/* Bytes the work directory holds, walked without following links. Stops
 * counting past the limit. */
static long long
dir_usage (const char *path, long long limit)
{
  DiskUsage usage = { .limit = limit };

  sb_tree_walk (open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), 64, add_entry_size, &usage);
  return usage.total;
}

/* --- ending the run ------------------------------------------------------- */

static void
kill_all (const SbChild *child)
{
  if (!child->kill_group)
    {
      /* Init's death takes the whole PID namespace with it. */
      kill (child->pid, SIGKILL);
      return;
    }
  /* Without a PID namespace: the program's session, then every process
   * still under us (orphans come to us: we are their subreaper), until
   * none is left. */
  kill (-child->pid, SIGKILL);
  for (int round = 0; round < 100; round++)
    {
      int count = collect_tree (child, tree, NULL, false);
      bool any = false;

      for (int i = 0; i < count; i++)
        kill (tree[i], SIGKILL);
      /* Reap the orphans; the program itself is left for the caller's wait4. */
      for (int i = 0; i < count; i++)
        if (tree[i] != child->pid)
          {
            any = true;
            waitpid (tree[i], NULL, WNOHANG | __WALL);
          }
      if (!any)
        break;
      usleep (1000);
    }
}

/* Passes what the program wrote on, up to the cap, and notes in mid_line
 * (if given) whether it ended inside a line. Returns whether the pipe is
 * done. */
static bool
pump (int fd, int out, long *total, long cap, bool *broken, bool *mid_line)
{
  static char buf[65536];
  ssize_t n = read (fd, buf, sizeof buf);

  if (n <= 0)
    return n == 0 || (errno != EINTR && errno != EAGAIN);
  long room = cap - *total;
  size_t keep = n < room ? (size_t) n : (room > 0 ? (size_t) room : 0);
  *total += n;
  for (size_t done = 0; !*broken && done < keep;)
    {
      ssize_t w = write (out, buf + done, keep - done);
      if (w < 0 && errno == EINTR)
        continue;
      if (w < 0 && errno == EAGAIN)
        {
          struct pollfd p = { .fd = out, .events = POLLOUT };
          poll (&p, 1, 100);
          continue;
        }
      if (w <= 0)
        {
          /* Whoever reads us has gone: the run goes on, its output nowhere. */
          *broken = true;
          break;
        }
      done += (size_t) w;
    }
  if (mid_line != NULL && keep > 0)
    *mid_line = buf[keep - 1] != '\n';
  return false;
}

void
sb_supervise (const SbPolicy *policy, SbChild *child, SbResult *result)
{
  long start = now_ms (), deadline = start + (long) (policy->wall_s * 1000);
  long next_tick = start + TICK_MS;
  long cap = policy->output_kb * 1024, total_output = 0, peak_tree_kb = 0, cgroup_peak_kb = 0;
  long cpu_limit_ms = (long) (policy->time_s * 1000);
  long long disk_limit = (long long) policy->disk_mb << 20;
  bool out_open = true, err_open = true, exited = false, broken = false, cgroup_oom;
  bool watch_memory = child->cgroup[0] == '\0';
  SbKillReason reason = SB_KILL_NONE;
  SbReport report = { 0 }, failure = { 0 };
  struct rusage ru = { 0 };
  int wstatus = 0, ticks = 0;
  long tree_cpu_ms = 0;

  clock_ticks = sysconf (_SC_CLK_TCK);
  result->memory_by = child->cgroup[0] == '\0' ? "supervisor"
                      : child->cgroup_version == 2 ? "cgroup-v2" : "cgroup-v1";

  while (out_open || err_open || !exited)
    {
      struct pollfd fds[3] = {
        { .fd = out_open ? child->out_fd : -1, .events = POLLIN },
        { .fd = err_open ? child->err_fd : -1, .events = POLLIN },
        { .fd = exited ? -1 : child->pidfd, .events = POLLIN },
      };
      long now = now_ms ();
      long wait = next_tick - now;

      if (reason == SB_KILL_NONE && deadline - now < wait)
        wait = deadline - now;
      if (poll (fds, 3, wait < 0 ? 0 : (int) wait) < 0 && errno != EINTR)
        break;

      if (fds[0].revents && pump (child->out_fd, 1, &total_output, cap, &broken, NULL))
        out_open = false;
      if (fds[1].revents &&
          pump (child->err_fd, 2, &total_output, cap, &broken, &result->stderr_mid_line))
        err_open = false;
      if (fds[2].revents)
        {
          exited = true;
          /* With no PID namespace, daemons the program left keep our pipes
           * open: end them now. */
          if (child->kill_group)
            kill_all (child);
        }

      if (total_output > cap && reason == SB_KILL_NONE)
        {
          reason = SB_KILL_OUTPUT;
          kill_all (child);
        }

      now = now_ms ();
      if (!exited && reason == SB_KILL_NONE && now >= deadline)
        {
          reason = SB_KILL_WALL;
          kill_all (child);
        }
      if (now >= next_tick)
        {
          next_tick = now + TICK_MS;
          ticks++;
          if (!exited && reason == SB_KILL_NONE)
            {
              TreeUsage usage = tree_usage (child, watch_memory);
              /* Processes killed with the namespace are reaped by nobody
               * who would add their CPU time to ours: keep the last view. */
              if (usage.cpu_ms > tree_cpu_ms)
                tree_cpu_ms = usage.cpu_ms;
              if (usage.cpu_ms > cpu_limit_ms)
                {
                  reason = SB_KILL_CPU;
                  kill_all (child);
                }
              else if (watch_memory && usage.mem_kb > policy->mem_mb * 1024)
                {
                  /* Shared pages make the quick sum too high: check properly. */
                  long pss = tree_pss_kb (child);
                  if (pss > peak_tree_kb)
                    peak_tree_kb = pss;
                  if (pss > policy->mem_mb * 1024)
                    {
                      reason = SB_KILL_MEMORY;
                      kill_all (child);
                    }
                }
              else if (usage.mem_kb > peak_tree_kb && usage.count == 1)
                peak_tree_kb = usage.mem_kb;
            }
          if (!exited && reason == SB_KILL_NONE && policy->dir != NULL &&
              ticks % DISK_SCAN_TICKS == 0 &&
              dir_usage (policy->dir, disk_limit) > disk_limit)
            {
              reason = SB_KILL_DISK;
              kill_all (child);
            }
        }
    }

  wait4 (child->pid, &wstatus, 0, &ru);
  if (child->kill_group)
    kill_all (child);
  result->wall_ms = now_ms () - start;
  result->cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000L +
                   (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000L;
  if (tree_cpu_ms > result->cpu_ms)
    result->cpu_ms = tree_cpu_ms;
  result->max_rss_kb = ru.ru_maxrss;
  result->output_truncated = total_output > cap;

  /* What the sandbox's side said: a failed step, or the program's status. */
  bool have_status = child->kill_group;
  if (child->kill_group)
    report.wstatus = wstatus;
  for (SbReport r; read (child->report_fd, &r, sizeof r) == (ssize_t) sizeof r;)
    {
      if (r.kind == SB_REPORT_SETUP_FAILED && failure.kind == 0)
        failure = r;
      else if (r.kind == SB_REPORT_EXITED)
        {
          report = r;
          have_status = true;
        }
    }
  cgroup_oom = sb_cgroup_finish (child, &cgroup_peak_kb);

  int status = report.wstatus;
  result->signal = have_status && WIFSIGNALED (status) ? WTERMSIG (status) : 0;
  result->exit_code = have_status && WIFEXITED (status) ? WEXITSTATUS (status) : 0;
  if (!have_status && reason != SB_KILL_NONE)
    result->signal = SIGKILL;

  if (failure.kind != 0)
    {
      result->signal = 0;
      result->exit_code = 0;
      errno = failure.err;
      sb_fail (result, failure.step, failure.err);
    }
  else if (reason == SB_KILL_OUTPUT || result->signal == SIGXFSZ)
    {
      result->status = SB_OL;
      if (reason == SB_KILL_OUTPUT)
        snprintf (result->message, sizeof result->message,
                  "Output limit exceeded: more than %ld KB on stdout and stderr", policy->output_kb);
      else
        snprintf (result->message, sizeof result->message,
                  "File size limit exceeded: a file grew past %ld MB", policy->fsize_mb);
    }
  else if (reason == SB_KILL_DISK)
    {
      result->status = SB_OL;
      snprintf (result->message, sizeof result->message,
                "Disk limit exceeded: the work directory grew past %ld MB", policy->disk_mb);
    }
  else if (reason == SB_KILL_MEMORY || cgroup_oom)
    {
      result->status = SB_ML;
      if (peak_tree_kb > result->max_rss_kb)
        result->max_rss_kb = peak_tree_kb;
      if (cgroup_peak_kb > result->max_rss_kb)
        result->max_rss_kb = cgroup_peak_kb;
      snprintf (result->message, sizeof result->message,
                "Memory limit exceeded: more than %ld MB", policy->mem_mb);
    }
  else if (reason == SB_KILL_WALL)
    {
      result->status = SB_TO;
      snprintf (result->message, sizeof result->message,
                "Wall-clock time limit exceeded: still running after %.3g s", policy->wall_s);
    }
  else if (reason == SB_KILL_CPU || result->signal == SIGXCPU || result->cpu_ms > cpu_limit_ms)
    {
      result->status = SB_TO;
      /* The kernel's tick accounting can read a little under the limit
       * that stopped it: never tell a figure below the limit as used. */
      if (result->cpu_ms > cpu_limit_ms)
        snprintf (result->message, sizeof result->message,
                  "CPU time limit exceeded: %.3f s used, the limit is %.3g s",
                  result->cpu_ms / 1000.0, policy->time_s);
      else
        snprintf (result->message, sizeof result->message,
                  "CPU time limit exceeded: stopped on reaching the limit of %.3g s",
                  policy->time_s);
    }
  else if (!have_status)
    sb_fail (result, "the sandbox ended without reporting the program's status", 0);
  else if (result->signal != 0)
    {
      result->status = SB_SG;
      snprintf (result->message, sizeof result->message, "Killed by signal %d (SIG%s)",
                result->signal, sigabbrev_np (result->signal) ? sigabbrev_np (result->signal) : "?");
    }
  else if (result->exit_code != 0)
    {
      result->status = SB_RE;
      snprintf (result->message, sizeof result->message, "Exited with status %d", result->exit_code);
    }
  else
    {
      result->status = SB_OK;
      snprintf (result->message, sizeof result->message, "Exited normally");
    }
}

/* sb-namespace.c — the sandbox on the host: namespaces, a fresh root, an init
 *
 * In the order it runs: hand the work directory over (root callers), pipes,
 * a memory cgroup (sb-cgroup.c), clone into new user, PID, mount, network,
 * IPC and UTS namespaces, map ids (parent), then in the child: wait for the
 * maps, cgroup namespace, build the root on tmpfs, pivot_root, hostname,
 * and fork the program, which finishes in sb-exec.c. The child stays as the
 * namespace's init: when it exits, the kernel kills everything left in the
 * PID namespace, and it dies with the supervisor (PR_SET_PDEATHSIG).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/fsuid.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sb.h"

typedef struct
{
  const SbPolicy *policy;
  int report_fd;
  bool root_caller;  /* create files as the inner user: root's uid is not mapped */
} Builder;

static void __attribute__((noreturn))
fail (const Builder *b, const char *step, const char *path)
{
  char what[96];

  snprintf (what, sizeof what, "%s%s%.60s", step, path ? " " : "", path ? path : "");
  sb_report_failure (b->report_fd, what, errno);
  _exit (127);
}

/* Files in the new root are created as the inner user. When the caller is
 * root, the process's own uid is not mapped in the namespace, and the
 * kernel refuses to create an inode for an unmapped owner. */
static void
as_inner (const Builder *b, bool on)
{
  if (b->root_caller)
    {
      setfsgid (on ? SB_INNER_ID : 0);
      setfsuid (on ? SB_INNER_ID : 0);
    }
}

static void
make_dir (const Builder *b, const char *path, mode_t mode)
{
  as_inner (b, true);
  int rc = mkdir (path, mode);
  as_inner (b, false);
  if (rc < 0 && errno != EEXIST)
    fail (b, "mkdir", path);
}

static void
make_file (const Builder *b, const char *path, const char *contents)
{
  as_inner (b, true);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  as_inner (b, false);
  if (fd < 0 && errno != EEXIST)
    fail (b, "create", path);
  if (fd >= 0)
    {
      size_t len = strlen (contents);
      if (write (fd, contents, len) != (ssize_t) len)
        fail (b, "write", path);
      close (fd);
    }
}

static void
make_symlink (const Builder *b, const char *target, const char *path)
{
  as_inner (b, true);
  int rc = symlink (target, path);
  as_inner (b, false);
  if (rc < 0)
    fail (b, "symlink", path);
}

/* The flags a remount must keep: in a user namespace the kernel refuses to
 * clear the ones the host mount has (ro, nosuid, nodev, noexec, atime). */
static unsigned long
locked_flags (const char *path)
{
  static const struct { unsigned long st, ms; } map[] = {
    { ST_RDONLY, MS_RDONLY }, { ST_NOSUID, MS_NOSUID }, { ST_NODEV, MS_NODEV },
    { ST_NOEXEC, MS_NOEXEC }, { ST_NOATIME, MS_NOATIME }, { ST_NODIRATIME, MS_NODIRATIME },
    { ST_RELATIME, MS_RELATIME },
  };
  struct statvfs sv;
  unsigned long flags = 0;

  if (statvfs (path, &sv) < 0)
    return 0;
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (sv.f_flag & map[i].st)
      flags |= map[i].ms;
  return flags;
}

static void
bind (const Builder *b, const char *host_path, const char *path, unsigned long flags)
{
  char source[PATH_MAX];

  snprintf (source, sizeof source, "/oldroot%s", host_path);
  if (mount (source, path, NULL, MS_BIND | MS_REC, NULL) < 0)
    fail (b, "bind", host_path);
  if (mount (NULL, path, NULL, MS_REMOUNT | MS_BIND | flags | locked_flags (path), NULL) < 0)
    fail (b, "remount", path);
}

static void
mount_tmpfs (const Builder *b, const char *path, unsigned long flags, const char *options)
{
  if (mount ("tmpfs", path, "tmpfs", flags, options) < 0)
    fail (b, "tmpfs", path);
}

/* A mount point for a host path, made like the host's: a directory or an
 * empty file, with any missing parents. */
static void
make_mount_point (const Builder *b, const char *path, bool is_dir)
{
  char partial[PATH_MAX];

  snprintf (partial, sizeof partial, "%s", path);
  for (char *slash = strchr (partial + 1, '/'); slash; slash = strchr (slash + 1, '/'))
    {
      *slash = '\0';
      make_dir (b, partial, 0755);
      *slash = '/';
    }
  if (is_dir)
    make_dir (b, path, 0755);
  else
    make_file (b, path, "");
}

/* /bin, /lib and friends: the host's symlinks into /usr, or its directories. */
static void
mirror_top_level (const Builder *b, const char *name)
{
  char host[64], target[PATH_MAX];
  struct stat st;
  ssize_t len;

  snprintf (host, sizeof host, "/oldroot/%s", name);
  if (lstat (host, &st) < 0)
    return;
  if (S_ISLNK (st.st_mode) && (len = readlink (host, target, sizeof target - 1)) > 0)
    {
      target[len] = '\0';
      make_symlink (b, target, host + strlen ("/oldroot"));
    }
  else if (S_ISDIR (st.st_mode))
    {
      make_dir (b, host + strlen ("/oldroot"), 0755);
      bind (b, host + strlen ("/oldroot"), host + strlen ("/oldroot"), MS_RDONLY | MS_NOSUID | MS_NODEV);
    }
}

/* A small host file, copied: cheaper than a bind mount and its remount. */
static void
copy_host_file (const Builder *b, const char *name)
{
  char host[PATH_MAX], path[PATH_MAX], target[PATH_MAX];
  static char contents[256 * 1024];
  struct stat st;
  ssize_t len;
  int fd;

  snprintf (host, sizeof host, "/oldroot/etc/%s", name);
  snprintf (path, sizeof path, "/etc/%s", name);
  if (lstat (host, &st) < 0)
    return;
  if (S_ISLNK (st.st_mode))
    {
      /* localtime points into /usr, which is there. */
      if ((len = readlink (host, target, sizeof target - 1)) > 0)
        {
          target[len] = '\0';
          make_symlink (b, target, path);
        }
      return;
    }
  fd = open (host, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    return;
  len = read (fd, contents, sizeof contents - 1);
  close (fd);
  if (len >= 0 && len < (ssize_t) sizeof contents - 1)
    {
      contents[len] = '\0';
      if (strlen (contents) == (size_t) len)
        {
          make_file (b, path, contents);
          return;
        }
    }
  /* Too big to copy whole, or not text: share it read-only instead. */
  make_mount_point (b, path, false);
  bind (b, path, path, MS_RDONLY | MS_NOSUID | MS_NODEV);
}

/* /etc: only what programs and toolchains read, and users of our own. */
static void
build_etc (const Builder *b)
{
  static const char *const copied[] = {
    "localtime", "locale.alias", "protocols", "services",
  };
  char path[PATH_MAX];
  struct stat st;
  DIR *etc;

  make_dir (b, "/etc", 0755);
  make_file (b, "/etc/passwd",
             "root:x:0:0:root:/nonexistent:/usr/sbin/nologin\n"
             "sandbox:x:1000:1000:Pairpad sandbox:/box:/bin/sh\n"
             "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
  make_file (b, "/etc/group", "root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n");
  make_file (b, "/etc/hostname", "pairpad\n");
  make_file (b, "/etc/hosts", "127.0.0.1 localhost pairpad\n::1 localhost\n");
  make_file (b, "/etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files\n");
  for (size_t i = 0; i < sizeof copied / sizeof *copied; i++)
    copy_host_file (b, copied[i]);

  /* Binary, and the dynamic loader reads it for every program. */
  if (stat ("/oldroot/etc/ld.so.cache", &st) == 0)
    {
      make_file (b, "/etc/ld.so.cache", "");
      bind (b, "/etc/ld.so.cache", "/etc/ld.so.cache", MS_RDONLY | MS_NOSUID | MS_NODEV);
    }
  /* cc, c++, java...: links in /etc/alternatives. */
  if (stat ("/oldroot/etc/alternatives", &st) == 0)
    {
      make_dir (b, "/etc/alternatives", 0755);
      bind (b, "/etc/alternatives", "/etc/alternatives", MS_RDONLY | MS_NOSUID | MS_NODEV);
    }

  /* Java keeps its configuration in /etc/java-NN-openjdk. */
  etc = opendir ("/oldroot/etc");
  for (struct dirent *e; etc && (e = readdir (etc));)
    {
      if (strncmp (e->d_name, "java-", 5) != 0 || e->d_type != DT_DIR)
        continue;
      snprintf (path, sizeof path, "/etc/%.200s", e->d_name);
      make_dir (b, path, 0755);
      bind (b, path, path, MS_RDONLY | MS_NOSUID | MS_NODEV);
    }
  if (etc)
    closedir (etc);
}

static void
build_dev (const Builder *b, const char *shm_options)
{
  static const char *const devices[] = { "null", "zero", "full", "random", "urandom" };
  char path[64];

  make_dir (b, "/dev", 0755);
  mount_tmpfs (b, "/dev", MS_NOSUID | MS_NOEXEC, "mode=0755,size=64k,uid=1000,gid=1000");
  for (size_t i = 0; i < sizeof devices / sizeof *devices; i++)
    {
      snprintf (path, sizeof path, "/dev/%s", devices[i]);
      make_file (b, path, "");
      /* As the host has them (devtmpfs is nosuid): no remount needed. */
      char source[80];
      snprintf (source, sizeof source, "/oldroot%s", path);
      if (mount (source, path, NULL, MS_BIND, NULL) < 0)
        fail (b, "bind", path);
    }
  make_symlink (b, "/proc/self/fd", "/dev/fd");
  make_symlink (b, "/proc/self/fd/0", "/dev/stdin");
  make_symlink (b, "/proc/self/fd/1", "/dev/stdout");
  make_symlink (b, "/proc/self/fd/2", "/dev/stderr");
  make_dir (b, "/dev/shm", 01777);
  mount_tmpfs (b, "/dev/shm", MS_NOSUID | MS_NODEV, shm_options);
  /* Owned by the inner user (so that root callers can fill it): read-only
   * now that it is complete. */
  if (mount (NULL, "/dev", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NOEXEC, NULL) < 0)
    fail (b, "read-only", "/dev");
}

static void
build_root (const Builder *b)
{
  const SbPolicy *policy = b->policy;
  char tmp_options[128], box_options[160];

  snprintf (tmp_options, sizeof tmp_options, "mode=1777,size=%ldm", policy->disk_mb);

  /* Nothing we mount may reach the host's mount tree. */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
    fail (b, "making mounts private", NULL);

  /* The new root: a tmpfs, mounted over the host's /tmp in our namespace
   * only. After pivot_root the host's tree is at /oldroot, /tmp included. */
  mount_tmpfs (b, "/tmp", MS_NOSUID | MS_NODEV, "mode=0755,size=1m,uid=1000,gid=1000");
  if (chdir ("/tmp") < 0)
    fail (b, "chdir", "/tmp");
  make_dir (b, "oldroot", 0755);
  if (syscall (SYS_pivot_root, ".", "oldroot") < 0)
    fail (b, "pivot_root", NULL);
  if (chdir ("/") < 0)
    fail (b, "chdir", "/");

  make_dir (b, "/usr", 0755);
  bind (b, "/usr", "/usr", MS_RDONLY | MS_NOSUID | MS_NODEV);
  mirror_top_level (b, "bin");
  mirror_top_level (b, "sbin");
  mirror_top_level (b, "lib");
  mirror_top_level (b, "lib32");
  mirror_top_level (b, "lib64");
  mirror_top_level (b, "libx32");
  build_etc (b);
  build_dev (b, tmp_options);

  /* A /proc of the new PID namespace. The kernel lets a user namespace
   * mount one only while a full /proc is visible: before /oldroot goes. */
  make_dir (b, "/proc", 0555);
  if (mount ("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
    fail (b, "mount", "/proc");
  if (mount ("/proc/sys", "/proc/sys", NULL, MS_BIND | MS_REC, NULL) < 0 ||
      mount (NULL, "/proc/sys", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV |
             MS_NOEXEC, NULL) < 0)
    fail (b, "read-only", "/proc/sys");

  make_dir (b, "/tmp", 01777);
  mount_tmpfs (b, "/tmp", MS_NOSUID | MS_NODEV, tmp_options);

  make_dir (b, "/box", 0755);
  if (policy->dir != NULL)
    bind (b, policy->dir, "/box", MS_NOSUID | MS_NODEV);
  else
    {
      snprintf (box_options, sizeof box_options, "mode=0755,size=%ldm,uid=%d,gid=%d",
                policy->disk_mb, SB_INNER_ID, SB_INNER_ID);
      mount_tmpfs (b, "/box", MS_NOSUID | MS_NODEV, box_options);
    }

  for (size_t i = 0; i < policy->n_ro; i++)
    {
      char host[PATH_MAX];
      struct stat st;

      snprintf (host, sizeof host, "/oldroot%s", policy->ro[i]);
      if (stat (host, &st) < 0)
        fail (b, "read-only path", policy->ro[i]);
      make_mount_point (b, policy->ro[i], S_ISDIR (st.st_mode));
      bind (b, policy->ro[i], policy->ro[i], MS_RDONLY | MS_NOSUID | MS_NODEV);
    }

  if (umount2 ("/oldroot", MNT_DETACH) < 0)
    fail (b, "unmounting the host's root", NULL);
  if (rmdir ("/oldroot") < 0)
    fail (b, "rmdir", "/oldroot");
  if (mount (NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0)
    fail (b, "read-only", "/");
}

static int
drop_init_capabilities (void)
{
  for (int cap = 0; cap < 64; cap++)
    if (prctl (PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno == EPERM)
      return -1;
  return prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

/* PID 1 of the sandbox. */
static void __attribute__((noreturn))
sandbox_init (const SbPolicy *policy, scmp_filter_ctx filter, int out_fd, int err_fd,
              int report_fd, int sync_fd, bool root_caller)
{
  Builder b = { .policy = policy, .report_fd = report_fd, .root_caller = root_caller };
  SbReport report = { .kind = SB_REPORT_EXITED };
  char go;
  pid_t program;

  /* Dies with the supervisor; if it is already gone, the pipe says so. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (read (sync_fd, &go, 1) != 1)
    _exit (1);

  /* The supervisor has moved us into the run's cgroup (if it has one):
   * make that the root the program would see. */
  if (unshare (CLONE_NEWCGROUP) < 0)
    fail (&b, "cgroup namespace", NULL);

  build_root (&b);
  if (sethostname ("pairpad", 7) < 0)
    fail (&b, "hostname", NULL);

  /* Changing the fs uid (root callers, above) cancels the parent-death
   * signal: set it again, then make sure the supervisor, which holds the
   * pipe's other end until it dies, has not died in between. */
  struct pollfd life = { .fd = sync_fd, .events = POLLIN };
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (poll (&life, 1, 0) != 0)
    _exit (1);

  program = fork ();
  if (program < 0)
    fail (&b, "fork", NULL);
  if (program == 0)
    sb_exec_program (policy, filter, out_fd, err_fd, report_fd, "/box", root_caller);

  close (policy->stdin_fd);
  close (out_fd);
  close (err_fd);
  if (drop_init_capabilities () < 0)
    fail (&b, "dropping init's capabilities", NULL);

  /* Reap whatever is reparented to us; the run ends with the program. */
  for (;;)
    {
      int status;
      pid_t pid = waitpid (-1, &status, 0);

      if (pid == program)
        {
          report.wstatus = status;
          if (write (report_fd, &report, sizeof report) < 0)
            _exit (1);
          _exit (0);
        }
      if (pid < 0 && errno != EINTR)
        _exit (1);
    }
}

static int
map_ids (pid_t pid, bool root_caller)
{
  char path[64], map[64];
  unsigned outer_uid = root_caller ? SB_ROOT_CALLER_OUTER_ID : getuid ();
  unsigned outer_gid = root_caller ? SB_ROOT_CALLER_OUTER_ID : getgid ();

  /* An unprivileged caller must give up setgroups to map a group. */
  snprintf (path, sizeof path, "/proc/%d/setgroups", pid);
  if (!root_caller && sb_write_small_file (path, "deny") < 0)
    return -1;
  snprintf (path, sizeof path, "/proc/%d/uid_map", pid);
  snprintf (map, sizeof map, "%d %u 1\n", SB_INNER_ID, outer_uid);
  if (sb_write_small_file (path, map) < 0)
    return -1;
  snprintf (path, sizeof path, "/proc/%d/gid_map", pid);
  snprintf (map, sizeof map, "%d %u 1\n", SB_INNER_ID, outer_gid);
  return sb_write_small_file (path, map);
}

static bool
chown_entry (int dirfd, const char *name, const struct stat *st, void *data)
{
  fchownat (dirfd, name, SB_ROOT_CALLER_OUTER_ID, SB_ROOT_CALLER_OUTER_ID, AT_SYMLINK_NOFOLLOW);
  return true;
}

/* As root, the program is an unprivileged user outside too: hand it the
 * work directory, never following a link a previous run left there. */
static void
chown_tree (const char *path)
{
  fchownat (AT_FDCWD, path, SB_ROOT_CALLER_OUTER_ID, SB_ROOT_CALLER_OUTER_ID, AT_SYMLINK_NOFOLLOW);
  sb_tree_walk (open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), 64, chown_entry, NULL);
}

int
sb_namespace_start (const SbPolicy *policy, scmp_filter_ctx filter, SbChild *child,
                    SbResult *result)
{
  int out[2], err[2], report[2], sync[2];
  bool root_caller = geteuid () == 0;
  pid_t pid;

  result->backend = "namespaces";
  if (root_caller && policy->dir != NULL)
    chown_tree (policy->dir);
  if (pipe2 (out, O_CLOEXEC) < 0 || pipe2 (err, O_CLOEXEC) < 0 ||
      pipe2 (report, O_CLOEXEC) < 0 || pipe2 (sync, O_CLOEXEC) < 0)
    {
      sb_fail (result, "pipes", errno);
      return -1;
    }

  sb_cgroup_prepare (policy, child);

  pid = (pid_t) syscall (SYS_clone, CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET |
                         CLONE_NEWIPC | CLONE_NEWUTS | SIGCHLD, NULL, NULL, NULL, NULL);
  if (pid < 0)
    {
      sb_fail (result, "creating namespaces", errno);
      return -1;
    }
  if (pid == 0)
    {
      close (out[0]);
      close (err[0]);
      close (report[0]);
      close (sync[1]);
      sandbox_init (policy, filter, out[1], err[1], report[1], sync[0], root_caller);
    }

  close (out[1]);
  close (err[1]);
  close (report[1]);
  close (sync[0]);
  if (sb_child_adopt (child, pid, out[0], err[0], report[0], result) < 0)
    return -1;

  if (map_ids (pid, root_caller) < 0)
    {
      sb_fail (result, "mapping user and group ids", errno);
      kill (pid, SIGKILL);
      close (sync[1]);
      return -1;
    }
  sb_cgroup_attach (child, pid);
  if (write (sync[1], "g", 1) != 1)
    {
      sb_fail (result, "starting the sandbox", errno);
      kill (pid, SIGKILL);
      close (sync[1]);
      return -1;
    }
  /* sync[1] stays open until we exit: the sandbox's init watches it. */
  return 0;
}

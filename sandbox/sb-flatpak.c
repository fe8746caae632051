/* sb-flatpak.c — the sandbox inside Flatpak, where an app may not create
 * namespaces.
 *
 * The outer process re-executes pairpad-sandbox through
 * `flatpak-spawn --sandbox --no-network`, which asks Flatpak for a new,
 * more confined sandbox of the app (no network, only the exposed paths).
 * There, the inner process applies what an unprivileged process can: the
 * resource limits, Landlock (refusing to run without it unless the caller
 * passed --allow-no-landlock), the seccomp filter,
 * and the supervisor, which here kills the program's session and, as
 * subreaper, every orphan it leaves.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/landlock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sb.h"

#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

/* Flatpak puts it at the root of every sandbox it makes, the subsandboxes
 * of flatpak-spawn --sandbox too; only root could put one on a host. */
static bool
inside_flatpak (void)
{
  struct stat st;

  return stat ("/.flatpak-info", &st) == 0 && S_ISREG (st.st_mode);
}

bool
sb_flatpak_wanted (void)
{
  const char *forced = getenv ("PAIRPAD_SANDBOX_BACKEND");

  if (forced != NULL)
    return strcmp (forced, "flatpak") == 0;
  return inside_flatpak ();
}

/* The inner side makes no namespaces: Flatpak's sandbox is the one it
 * stands in. Anywhere else it would leave the program the caller's files,
 * network and processes. */
int
sb_flatpak_check_inside (SbResult *result)
{
  result->backend = "flatpak";
  if (inside_flatpak ())
    return 0;
  sb_fail_because (result, "checking for Flatpak",
                   "--flatpak-inner only runs inside a Flatpak sandbox, and there is no "
                   "/.flatpak-info here; it would have run the program without namespaces. "
                   "Run pairpad-sandbox without --flatpak-inner");
  return -1;
}

static bool
remove_entry (int dirfd, const char *name, const struct stat *st, void *data)
{
  unlinkat (dirfd, name, S_ISDIR (st->st_mode) ? AT_REMOVEDIR : 0);
  return true;
}

/* Removes a tree without following any symlink the program left in it. */
static void
remove_tree (const char *path)
{
  sb_tree_walk (open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), INT_MAX,
                remove_entry, NULL);
  rmdir (path);
}

static char *
option (const char *name, const char *value)
{
  char *s;

  if (asprintf (&s, "--%s=%s", name, value) < 0)
    abort ();
  return s;
}

static char *
number_option (const char *name, double value)
{
  char buf[64];

  snprintf (buf, sizeof buf, "%.17g", value);
  return option (name, buf);
}

void
sb_flatpak_reexec (const SbPolicy *policy, SbResult *result)
{
  const char *spawn = getenv ("PAIRPAD_FLATPAK_SPAWN") ? getenv ("PAIRPAD_FLATPAK_SPAWN") : "flatpak-spawn";
  char box[PATH_MAX], self[PATH_MAX], fd_arg[32];
  char *args[4 * SB_MAX_LIST + 64];
  size_t n = 0;
  ssize_t self_len;
  int status;
  pid_t pid;

  result->backend = "flatpak";
  /* flatpak-spawn forwards its own standard input to the program. */
  if (dup2 (policy->stdin_fd, 0) < 0)
    {
      sb_fail (result, "standard input", errno);
      return;
    }
  self_len = readlink ("/proc/self/exe", self, sizeof self - 1);
  if (self_len < 0)
    {
      sb_fail (result, "finding pairpad-sandbox itself", errno);
      return;
    }
  self[self_len] = '\0';

  /* No tmpfs here: a fresh directory stands in for it, removed afterwards. */
  if (policy->dir != NULL)
    snprintf (box, sizeof box, "%s", policy->dir);
  else
    {
      const char *tmp = getenv ("XDG_CACHE_HOME") ? getenv ("XDG_CACHE_HOME") : "/tmp";
      snprintf (box, sizeof box, "%s/pairpad-box-XXXXXX", tmp);
      if (mkdtemp (box) == NULL)
        {
          sb_fail (result, "making a work directory", errno);
          return;
        }
    }

  args[n++] = (char *) spawn;
  args[n++] = (char *) "--sandbox";
  args[n++] = (char *) "--no-network";
  args[n++] = (char *) "--watch-bus";
  args[n++] = option ("sandbox-expose-path", box);
  for (size_t i = 0; i < policy->n_ro; i++)
    args[n++] = option ("sandbox-expose-path-ro", policy->ro[i]);
  /* The result file stays ours: the inner side writes to a passed fd. */
  snprintf (fd_arg, sizeof fd_arg, "--forward-fd=%d", policy->result_fd);
  if (policy->result_fd >= 0)
    args[n++] = fd_arg;

  args[n++] = self;
  args[n++] = (char *) "--flatpak-inner";
  if (policy->allow_no_landlock)
    args[n++] = (char *) "--allow-no-landlock";
  args[n++] = number_option ("time", policy->time_s);
  args[n++] = number_option ("wall", policy->wall_s);
  args[n++] = number_option ("mem", (double) policy->mem_mb);
  args[n++] = number_option ("procs", (double) policy->procs);
  args[n++] = number_option ("fsize", (double) policy->fsize_mb);
  args[n++] = number_option ("output", (double) policy->output_kb);
  args[n++] = number_option ("disk", (double) policy->disk_mb);
  args[n++] = option ("dir", box);
  for (size_t i = 0; i < policy->n_ro; i++)
    args[n++] = option ("ro", policy->ro[i]);
  for (size_t i = 0; i < policy->n_env; i++)
    args[n++] = option ("env", policy->env[i]);
  if (policy->result_fd >= 0)
    args[n++] = number_option ("result-fd", policy->result_fd);
  args[n++] = (char *) "--";
  for (char **a = policy->argv; *a; a++)
    args[n++] = *a;
  args[n] = NULL;

  pid = fork ();
  if (pid == 0)
    {
      /* stdin (the --stdin file, now fd 0) and our stdout and stderr are
       * forwarded by flatpak-spawn itself. */
      if (policy->result_fd >= 0)
        fcntl (policy->result_fd, F_SETFD, 0);
      execvp (spawn, args);
      fprintf (stderr, "pairpad-sandbox: cannot run %s: %s\n", spawn, strerror (errno));
      _exit (127);
    }
  if (pid < 0 || waitpid (pid, &status, 0) < 0)
    status = -1;
  if (policy->dir == NULL)
    remove_tree (box);
  if (pid < 0 || !WIFEXITED (status) || WEXITSTATUS (status) == 127)
    {
      sb_fail (result, "running flatpak-spawn", pid < 0 ? errno : 0);
      return;
    }
  /* The inner side wrote the result. */
  exit (WEXITSTATUS (status));
}

/* --- inside the subsandbox ----------------------------------------------- */

static int
landlock_allow (int ruleset, const char *path, __u64 access)
{
  struct landlock_path_beneath_attr rule = { .allowed_access = access };
  struct stat st;
  int rc;

  rule.parent_fd = open (path, O_PATH | O_CLOEXEC);
  if (rule.parent_fd < 0)
    return 0;  /* not in this sandbox: nothing to allow */
  /* Rights that only make sense on directories may not be given to a file. */
  if (fstat (rule.parent_fd, &st) == 0 && !S_ISDIR (st.st_mode))
    rule.allowed_access &= LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
                           LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE;
  rc = (int) syscall (SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
  close (rule.parent_fd);
  return rc;
}

/* The Landlock ABI the kernel offers, or 0 with errno saying why none:
 * ENOSYS when it was built without Landlock, EOPNOTSUPP when Landlock is
 * built in but not enabled at boot. */
static int
landlock_abi (void)
{
  int abi = (int) syscall (SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);

  return abi > 0 ? abi : 0;
}

/* Reads and runs from the system; writes only in the work directory and
 * the devices. Nothing with abi 0: the caller allowed running without. */
static void
apply_landlock (const SbPolicy *policy, int abi, int report_fd)
{
  static const char *const system_paths[] = {
    "/usr", "/app", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/proc",
  };
  const __u64 read_only = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE |
                          LANDLOCK_ACCESS_FS_READ_DIR;
  __u64 all = read_only | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
              LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
              LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
              LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
              LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
  struct landlock_ruleset_attr attr = { 0 };
  int ruleset;

  if (abi == 0)
    return;
  if (abi >= 2)
    all |= LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3)
    all |= LANDLOCK_ACCESS_FS_TRUNCATE;
  attr.handled_access_fs = all;
  ruleset = (int) syscall (SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (ruleset < 0)
    goto fail;
  for (size_t i = 0; i < sizeof system_paths / sizeof *system_paths; i++)
    if (landlock_allow (ruleset, system_paths[i], read_only) < 0)
      goto fail;
  for (size_t i = 0; i < policy->n_ro; i++)
    if (landlock_allow (ruleset, policy->ro[i], read_only) < 0)
      goto fail;
  if (landlock_allow (ruleset, policy->dir, all) < 0 ||
      landlock_allow (ruleset, "/dev/null", read_only | LANDLOCK_ACCESS_FS_WRITE_FILE) < 0 ||
      landlock_allow (ruleset, "/dev/zero", read_only) < 0 ||
      landlock_allow (ruleset, "/dev/full", read_only | LANDLOCK_ACCESS_FS_WRITE_FILE) < 0 ||
      landlock_allow (ruleset, "/dev/random", read_only) < 0 ||
      landlock_allow (ruleset, "/dev/urandom", read_only) < 0)
    goto fail;
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
      syscall (SYS_landlock_restrict_self, ruleset, 0) < 0)
    goto fail;
  close (ruleset);
  return;

fail:
  sb_report_failure (report_fd, "landlock", errno);
  _exit (127);
}

int
sb_flatpak_inner_start (const SbPolicy *policy, scmp_filter_ctx filter, SbChild *child,
                        SbResult *result)
{
  int out[2], err[2], report[2];
  pid_t pid;

  result->backend = "flatpak";
  /* Without Landlock the program could read and write all that Flatpak
   * left the subsandbox: only with the caller's say-so. */
  result->landlock_abi = landlock_abi ();
  if (result->landlock_abi == 0 && !policy->allow_no_landlock)
    {
      char why[400];

      snprintf (why, sizeof why,
                "this kernel has no Landlock (%s), which keeps the program inside Flatpak "
                "from the files there beyond its work directory. Landlock needs Linux 5.13 "
                "or later built with CONFIG_SECURITY_LANDLOCK=y and \"landlock\" in the "
                "lsm= boot option; --allow-no-landlock runs without it",
                errno == EOPNOTSUPP ? "built in but not enabled at boot"
                : errno == ENOSYS ? "not built in" : strerror (errno));
      sb_fail_because (result, "Landlock", why);
      return -1;
    }

  /* Orphans of the program become ours, so none can outlive the run. */
  if (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
    {
      sb_fail (result, "becoming the subreaper", errno);
      return -1;
    }
  if (pipe2 (out, O_CLOEXEC) < 0 || pipe2 (err, O_CLOEXEC) < 0 || pipe2 (report, O_CLOEXEC) < 0)
    {
      sb_fail (result, "pipes", errno);
      return -1;
    }
  pid_t parent = getpid ();
  pid = fork ();
  if (pid < 0)
    {
      sb_fail (result, "fork", errno);
      return -1;
    }
  if (pid == 0)
    {
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      if (getppid () != parent)
        _exit (1);
      apply_landlock (policy, result->landlock_abi, report[1]);
      sb_exec_program (policy, filter, out[1], err[1], report[1], policy->dir, false);
    }
  close (out[1]);
  close (err[1]);
  close (report[1]);
  child->kill_group = true;
  return sb_child_adopt (child, pid, out[0], err[0], report[0], result);
}

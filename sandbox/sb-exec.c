/* sb-exec.c — the last steps in the program's own process, in the order they run:
 * session, files, limits, identity, capabilities, no_new_privs, seccomp, exec.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <grp.h>

#include "sb.h"

#define SB_PATH "/usr/local/bin:/usr/bin:/bin"

void
sb_report_failure (int report_fd, const char *step, int err)
{
  SbReport report = { .kind = SB_REPORT_SETUP_FAILED, .err = err };

  snprintf (report.step, sizeof report.step, "%s", step);
  /* One write below PIPE_BUF is atomic; nothing else can be done if it fails. */
  if (write (report_fd, &report, sizeof report) < 0)
    {
    }
}

static void __attribute__((noreturn))
fail (int report_fd, const char *step)
{
  sb_report_failure (report_fd, step, errno);
  _exit (127);
}

static int
set_limit (int resource, rlim_t soft, rlim_t hard)
{
  struct rlimit limit = { .rlim_cur = soft, .rlim_max = hard };

  return setrlimit (resource, &limit);
}

int
sb_apply_rlimits (const SbPolicy *policy)
{
  rlim_t cpu = (rlim_t) ceil (policy->time_s);
  rlim_t stack_mb = policy->mem_mb < 256 ? (rlim_t) policy->mem_mb : 256;

  /* The hard CPU limit is a second later: SIGXCPU first, then SIGKILL. */
  if (set_limit (RLIMIT_CPU, cpu, cpu + 1) < 0 ||
      set_limit (RLIMIT_FSIZE, (rlim_t) policy->fsize_mb << 20, (rlim_t) policy->fsize_mb << 20) < 0 ||
      set_limit (RLIMIT_NOFILE, (rlim_t) policy->nofile, (rlim_t) policy->nofile) < 0 ||
      set_limit (RLIMIT_STACK, stack_mb << 20, stack_mb << 20) < 0 ||
      set_limit (RLIMIT_CORE, 0, 0) < 0 ||
      set_limit (RLIMIT_NPROC, (rlim_t) policy->procs, (rlim_t) policy->procs) < 0)
    return -1;
  return 0;
}

/* Capabilities the program could still have: from the user namespace we made
 * (namespace backend) or none at all (Flatpak). Drop every one of them. */
static int
drop_capabilities (void)
{
  struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3 };
  struct __user_cap_data_struct data[2] = { { 0 } };

  for (int cap = 0; cap < 64; cap++)
    if (prctl (PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL && errno != EPERM)
      return -1;
  if (prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
    return -1;
  return (int) syscall (SYS_capset, &header, data);
}

static char **
build_environment (const SbPolicy *policy, const char *home, const char **path)
{
  static char *envp[SB_MAX_LIST + 4];
  static char home_var[PATH_MAX + 8];
  size_t n = 0;
  bool have_path = false, have_home = false, have_lang = false;

  *path = SB_PATH;
  for (size_t i = 0; i < policy->n_env; i++)
    {
      const char *var = policy->env[i];

      /* A later --env of the same name wins, as in env(1). */
      size_t name_len = strcspn (var, "=");
      size_t j;
      for (j = 0; j < n; j++)
        if (strncmp (envp[j], var, name_len + 1) == 0)
          break;
      envp[j] = (char *) var;
      if (j == n)
        n++;
      if (strncmp (var, "PATH=", 5) == 0)
        {
          have_path = true;
          *path = var + 5;
        }
      have_home |= strncmp (var, "HOME=", 5) == 0;
      have_lang |= strncmp (var, "LANG=", 5) == 0;
    }
  if (!have_path)
    envp[n++] = (char *) "PATH=" SB_PATH;
  if (!have_home)
    {
      snprintf (home_var, sizeof home_var, "HOME=%s", home);
      envp[n++] = home_var;
    }
  if (!have_lang)
    envp[n++] = (char *) "LANG=C.UTF-8";
  envp[n] = NULL;
  return envp;
}

static void
exec_in_path (char **argv, char **envp, const char *path)
{
  char candidate[PATH_MAX];
  int first_error = ENOENT;

  if (strchr (argv[0], '/') != NULL)
    {
      execve (argv[0], argv, envp);
      return;
    }
  for (const char *dir = path; *dir != '\0';)
    {
      size_t len = strcspn (dir, ":");
      if (len > 0 && (size_t) snprintf (candidate, sizeof candidate, "%.*s/%s",
                                        (int) len, dir, argv[0]) < sizeof candidate)
        {
          execve (candidate, argv, envp);
          /* Like execvp: a program found but not runnable is the error to tell. */
          if (errno != ENOENT && errno != ENOTDIR && first_error == ENOENT)
            first_error = errno;
        }
      dir += len;
      if (*dir == ':')
        dir++;
    }
  errno = first_error;
}

void
sb_exec_program (const SbPolicy *policy, scmp_filter_ctx filter, int out_fd, int err_fd,
                 int report_fd, const char *home, bool drop_to_inner_id)
{
  const char *path;
  char **envp;

  /* Signal handling as a fresh process has it, whatever the caller's. */
  sigset_t none;
  sigemptyset (&none);
  for (int sig = 1; sig < NSIG; sig++)
    signal (sig, SIG_DFL);
  sigprocmask (SIG_SETMASK, &none, NULL);

  /* A new session: no controlling terminal to push keys into. */
  if (setsid () < 0)
    fail (report_fd, "new session");

  /* Only fds 0-2 reach the program, and the status pipe until exec. */
  if (report_fd < 3)
    fail (report_fd, "file descriptors: status pipe below 3");
  if (dup2 (policy->stdin_fd, 0) < 0 || dup2 (out_fd, 1) < 0 || dup2 (err_fd, 2) < 0)
    fail (report_fd, "file descriptors: standard streams");
  if (dup3 (report_fd, 3, O_CLOEXEC) < 0 && report_fd != 3)
    fail (report_fd, "file descriptors: status pipe");
  report_fd = 3;
  if (fcntl (3, F_SETFD, FD_CLOEXEC) < 0 || syscall (SYS_close_range, 4U, ~0U, 0) < 0)
    fail (report_fd, "file descriptors: closing inherited ones");

  if (chdir (home) < 0)
    fail (report_fd, "work directory");

  if (sb_apply_rlimits (policy) < 0)
    fail (report_fd, "resource limits");

  if (drop_to_inner_id)
    {
      gid_t gid = SB_INNER_ID;

      if (setgroups (1, &gid) < 0 || setresgid (SB_INNER_ID, SB_INNER_ID, SB_INNER_ID) < 0 ||
          setresuid (SB_INNER_ID, SB_INNER_ID, SB_INNER_ID) < 0)
        fail (report_fd, "user and group ids");
    }
  if (drop_capabilities () < 0)
    fail (report_fd, "dropping capabilities");
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
    fail (report_fd, "no_new_privs");

  envp = build_environment (policy, home, &path);

  /* Last: after this, the filter refuses what set-up above needed. */
  int rc = seccomp_load (filter);
  if (rc < 0)
    {
      errno = -rc;
      fail (report_fd, "seccomp filter");
    }

  exec_in_path (policy->argv, envp, path);
  char step[96];
  snprintf (step, sizeof step, "exec %.80s", policy->argv[0]);
  fail (report_fd, step);
}

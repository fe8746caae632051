/* sb.h — what the parts of pairpad-sandbox share
 *
 * pairpad-sandbox is plain C on purpose: it starts for every Run, so it
 * links only libc, libseccomp and jansson (GLib's start-up alone would cost
 * a millisecond, a third of bubblewrap's whole overhead).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <seccomp.h>

/* The uid and gid the program has inside the sandbox. */
#define SB_INNER_ID 1000
/* Who the program is outside when the caller is root: never root itself. */
#define SB_ROOT_CALLER_OUTER_ID 65534

#define SB_MAX_LIST 64

typedef struct
{
  double time_s;     /* CPU seconds */
  double wall_s;
  long mem_mb;
  long procs;
  long fsize_mb;
  long output_kb;
  long disk_mb;      /* size of the /tmp, /dev/shm and fresh /box tmpfs, and the --dir quota */
  long nofile;
  const char *dir;   /* NULL: a fresh tmpfs at /box */
  const char *ro[SB_MAX_LIST];
  size_t n_ro;
  const char *stdin_path;
  const char *env[SB_MAX_LIST];
  size_t n_env;
  const char *result_path;
  int result_fd;     /* --result opened, an inherited --result-fd, or -1: stderr */
  int stdin_fd;      /* --stdin opened, or /dev/null */
  bool flatpak_inner;      /* the inner side of the Flatpak backend */
  bool allow_no_landlock;  /* the Flatpak backend may run where the kernel has no Landlock */
  char **argv;       /* the program and its arguments */
} SbPolicy;

typedef enum
{
  SB_OK,
  SB_RE,
  SB_SG,
  SB_TO,
  SB_ML,
  SB_OL,
  SB_XX,
} SbStatus;

typedef struct
{
  SbStatus status;
  int exit_code;
  int signal;
  long cpu_ms;
  long wall_ms;
  long max_rss_kb;
  bool output_truncated;
  char message[512];
  const char *backend;    /* "namespaces" or "flatpak" */
  const char *memory_by;  /* "cgroup-v1", "cgroup-v2" or "supervisor" */
  int landlock_abi;       /* flatpak backend: 0 when the kernel has none */
  /* Calls the filter should refuse but cannot name, as this libseccomp
   * does not know them: the program may make them. */
  const char *seccomp_unresolved[SB_MAX_LIST];
  size_t n_seccomp_unresolved;
  bool stderr_mid_line;   /* the last byte passed to stderr was not a newline */
} SbResult;

/* Why the supervisor ended a run early, if it did. */
typedef enum
{
  SB_KILL_NONE,
  SB_KILL_WALL,
  SB_KILL_CPU,
  SB_KILL_MEMORY,
  SB_KILL_OUTPUT,
  SB_KILL_DISK,
} SbKillReason;

/* What the sandbox's own side tells the supervisor over the status pipe. */
typedef struct
{
  int32_t kind;         /* SB_REPORT_* */
  int32_t err;          /* errno of a failed step */
  int32_t wstatus;      /* the program's wait status */
  char step[96];        /* the step that failed */
} SbReport;

enum
{
  SB_REPORT_SETUP_FAILED = 1,
  SB_REPORT_EXITED = 2,
};

/* The running sandbox, as the supervisor sees it. */
typedef struct
{
  pid_t pid;            /* the sandbox's first process */
  int pidfd;
  int out_fd;           /* read ends of the program's stdout and stderr */
  int err_fd;
  int report_fd;        /* read end of the status pipe */
  bool kill_group;      /* no PID namespace: kill the process group and our orphans */
  char cgroup[512];     /* "" when memory is watched by the supervisor */
  int cgroup_version;
} SbChild;

/* The modules below in the order main runs them. None calls back into
 * pairpad-sandbox.c: each takes what it needs and says in the SbResult how
 * it failed. */

/* sb-policy.c: the options, the --result file and the --stdin file. Bad
 * usage prints a message and exits with status 2. */
void sb_policy_parse (int argc, char **argv, SbPolicy *policy);

/* sb-result.c: failing a step, and the one JSON result. */
void sb_fail (SbResult *result, const char *step, int err);
void sb_fail_because (SbResult *result, const char *step, const char *why);
int sb_result_write (const SbPolicy *policy, const SbResult *result);

/* sb-flatpak.c: the Flatpak backend. The outer side runs pairpad-sandbox
 * again through flatpak-spawn and returns only when that failed; the
 * inner side refuses to run anywhere but inside a Flatpak sandbox. */
bool sb_flatpak_wanted (void);
void sb_flatpak_reexec (const SbPolicy *policy, SbResult *result);
int sb_flatpak_check_inside (SbResult *result);
int sb_flatpak_inner_start (const SbPolicy *policy, scmp_filter_ctx filter, SbChild *child,
                            SbResult *result);

/* sb-seccomp.c: NULL when the filter cannot be built (the result says why). */
scmp_filter_ctx sb_seccomp_build (SbResult *result);

/* sb-namespace.c: the namespaces backend. */
int sb_namespace_start (const SbPolicy *policy, scmp_filter_ctx filter, SbChild *child,
                        SbResult *result);

/* sb-cgroup.c: a memory cgroup for the run where the caller may make one.
 * child->cgroup stays "" where it may not, and the supervisor watches
 * memory itself. */
void sb_cgroup_prepare (const SbPolicy *policy, SbChild *child);
void sb_cgroup_attach (SbChild *child, pid_t pid);
bool sb_cgroup_finish (SbChild *child, long *peak_kb);

/* sb-exec.c: the last steps in the program's own process, shared by both
 * backends. Never returns: it execs or reports and exits. */
void sb_exec_program (const SbPolicy *policy, scmp_filter_ctx filter, int out_fd, int err_fd,
                      int report_fd, const char *home, bool drop_to_inner_id)
  __attribute__((noreturn));
void sb_report_failure (int report_fd, const char *step, int err);
int sb_apply_rlimits (const SbPolicy *policy);

/* sb-supervise.c */
int sb_child_adopt (SbChild *child, pid_t pid, int out_fd, int err_fd, int report_fd,
                    SbResult *result);
void sb_supervise (const SbPolicy *policy, SbChild *child, SbResult *result);

/* sb-tree.c: calls visit for every entry below the open directory dirfd
 * (which it closes), a directory's entries before the directory itself,
 * never following a symlink and entering at most max_depth levels. Stops
 * as soon as visit returns false, and then returns false. */
typedef bool (*SbTreeVisit) (int dirfd, const char *name, const struct stat *st, void *data);
bool sb_tree_walk (int dirfd, int max_depth, SbTreeVisit visit, void *data);

/* sb-file.c: the small files of /proc, /sys and cgroupfs. Both return -1
 * on failure; reading returns the bytes read into buf, NUL-terminated. */
int sb_read_small_file (const char *path, char *buf, size_t size);
int sb_write_small_file (const char *path, const char *contents);

/* sb-seccomp.c — the system calls a program in the sandbox may not make
 *
 * Everything not listed is allowed: the namespaces, the limits and the
 * unprivileged user already contain the program; the filter closes the
 * kernel interfaces that have let unprivileged code out of such boxes
 * before (ptrace, keyrings, BPF, io_uring, userfaultfd, mounts, nested
 * namespaces, terminal injection) and every other architecture's calls.
 */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "sb.h"

/* Refused outright with EPERM. A name this libseccomp does not know (a
 * call newer than it) cannot be refused: the result lists it, so whoever
 * reads it knows the program may make that call. A name it knows but this
 * architecture lacks (umount on x86-64) needs no refusing. */
static const char *const refused[] = {
  /* other processes' memory */
  "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "kcmp",
  "process_madvise",
  /* kernel keyrings: shared per user, outlive the run */
  "keyctl", "add_key", "request_key",
  /* attack surface an ordinary program does not need */
  "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter",
  "io_uring_register", "fanotify_init", "lookup_dcookie", "open_by_handle_at",
  "name_to_handle_at", "personality", "vhangup", "syslog", "acct", "quotactl",
  "quotactl_fd", "nfsservctl", "uselib",
  /* the file system tree */
  "mount", "umount", "umount2", "pivot_root", "chroot", "fsopen", "fsconfig", "fsmount",
  "fspick", "move_mount", "open_tree", "mount_setattr", "open_tree_attr",
  /* namespaces */
  "unshare", "setns",
  /* the machine */
  "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
  "reboot", "swapon", "swapoff", "settimeofday", "clock_settime", "clock_adjtime",
  "adjtimex", "sethostname", "setdomainname", "iopl", "ioperm",
};

/* (CLONE_NEWTIME exists only for unshare and clone3: in clone's flags its
 * bit belongs to the exit signal.) */
static const unsigned long namespace_flags[] = {
  CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWIPC,
  CLONE_NEWUTS, CLONE_NEWCGROUP,
};

/* Families a program may open: local sockets and IP (which the empty
 * network namespace makes loopback-only). */
static const int allowed_families[] = { AF_UNIX, AF_INET, AF_INET6 };

static int
refuse_families (scmp_filter_ctx ctx, int syscall)
{
  int rc;

  /* The kernel reads the family as an int: compare the low 32 bits, and
   * refuse anything with high bits set, so that no value slips past. */
  rc = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EAFNOSUPPORT), syscall, 1,
                         SCMP_A0 (SCMP_CMP_GT, AF_INET6));
  for (int family = 0; rc == 0 && family < AF_INET6; family++)
    {
      bool allowed = false;
      for (size_t i = 0; i < sizeof allowed_families / sizeof *allowed_families; i++)
        allowed |= allowed_families[i] == family;
      if (!allowed)
        rc = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EAFNOSUPPORT), syscall, 1,
                               SCMP_A0 (SCMP_CMP_EQ, (scmp_datum_t) family));
    }
  return rc;
}

scmp_filter_ctx
sb_seccomp_build (SbResult *result)
{
  scmp_filter_ctx ctx;
  const char *what = "seccomp: creating the filter";
  int rc;

  ctx = seccomp_init (SCMP_ACT_ALLOW);
  if (ctx == NULL)
    {
      sb_fail (result, what, 0);
      return NULL;
    }

  /* Only the native architecture: a 32-bit int 0x80 call or an x32 call
   * is refused before it reaches any other rule. */
  what = "seccomp: refusing foreign architectures";
  rc = seccomp_attr_set (ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ERRNO (ENOSYS));

  what = "seccomp: refusing system calls";
  for (size_t i = 0; rc == 0 && i < sizeof refused / sizeof *refused; i++)
    {
      int nr = seccomp_syscall_resolve_name (refused[i]);
      if (nr == __NR_SCMP_ERROR && result->n_seccomp_unresolved < SB_MAX_LIST)
        result->seccomp_unresolved[result->n_seccomp_unresolved++] = refused[i];
      else if (nr >= 0)
        rc = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), nr, 0);
    }

  /* clone(2) may make threads and processes, not namespaces. clone3's
   * flags are behind a pointer the filter cannot read: say it does not
   * exist, and the C library falls back to clone. */
  what = "seccomp: limiting clone";
  for (size_t i = 0; rc == 0 && i < sizeof namespace_flags / sizeof *namespace_flags; i++)
    rc = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (clone), 1,
                           SCMP_A0 (SCMP_CMP_MASKED_EQ, namespace_flags[i], namespace_flags[i]));
  if (rc == 0)
    rc = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (ENOSYS), SCMP_SYS (clone3), 0);

  /* Pushing keys into a terminal. ioctl's request is an int to the kernel,
   * so compare only its low 32 bits: setting high bits must not get past. */
  what = "seccomp: refusing terminal injection";
  if (rc == 0)
    rc = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (ioctl), 1,
                           SCMP_A1 (SCMP_CMP_MASKED_EQ, 0xffffffffu, TIOCSTI));
  if (rc == 0)
    rc = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (ioctl), 1,
                           SCMP_A1 (SCMP_CMP_MASKED_EQ, 0xffffffffu, TIOCLINUX));

  what = "seccomp: limiting socket families";
  if (rc == 0)
    rc = refuse_families (ctx, SCMP_SYS (socket));
  if (rc == 0)
    rc = refuse_families (ctx, SCMP_SYS (socketpair));

  if (rc < 0)
    {
      sb_fail (result, what, -rc);
      seccomp_release (ctx);
      return NULL;
    }
  return ctx;
}

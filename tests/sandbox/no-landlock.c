/* no-landlock — runs a command as if on a kernel without Landlock
 *
 *   no-landlock [--not-built-in] COMMAND [ARG]...
 *
 * Landlock's three calls fail as they do where the kernel has Landlock
 * built in but not enabled at boot (EOPNOTSUPP), or, with
 * --not-built-in, where it was built without it (ENOSYS). A seccomp
 * filter does it, and every process the command starts inherits it: the
 * sandbox's inner side under the tests' flatpak-spawn double too.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <seccomp.h>

int
main (int argc, char **argv)
{
  int err = EOPNOTSUPP;
  char **command = argv + 1;
  scmp_filter_ctx ctx;
  int rc;

  if (argc > 1 && strcmp (argv[1], "--not-built-in") == 0)
    {
      err = ENOSYS;
      command++;
    }
  if (*command == NULL)
    {
      fputs ("usage: no-landlock [--not-built-in] COMMAND [ARG]...\n", stderr);
      return 2;
    }

  ctx = seccomp_init (SCMP_ACT_ALLOW);
  if (ctx == NULL)
    return 127;
  rc = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (err), SCMP_SYS (landlock_create_ruleset), 0);
  if (rc == 0)
    rc = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (err), SCMP_SYS (landlock_add_rule), 0);
  if (rc == 0)
    rc = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (err), SCMP_SYS (landlock_restrict_self), 0);
  /* Sets no_new_privs first, as an unprivileged caller must. */
  if (rc == 0)
    rc = seccomp_load (ctx);
  seccomp_release (ctx);
  if (rc < 0)
    {
      fprintf (stderr, "no-landlock: seccomp: %s\n", strerror (-rc));
      return 127;
    }
  execvp (command[0], command);
  fprintf (stderr, "no-landlock: %s: %s\n", command[0], strerror (errno));
  return 127;
}

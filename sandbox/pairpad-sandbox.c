/* pairpad-sandbox — run one untrusted program and report on it
 *
 * main reads as the order it runs: parse the policy (sb-policy.c), pick
 * the backend (namespaces on the host, flatpak-spawn inside Flatpak:
 * sb-flatpak.c), build the seccomp filter (sb-seccomp.c), start the
 * sandbox (sb-namespace.c or sb-flatpak.c), supervise it (sb-supervise.c),
 * write one JSON result (sb-result.c). A step that fails ends the run
 * there with status XX and a message naming the step.
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "sb.h"

int
main (int argc, char **argv)
{
  SbPolicy policy;
  SbResult result = { .backend = "namespaces" };
  SbChild child = { .pid = -1, .pidfd = -1 };
  scmp_filter_ctx filter;

  /* fds 0-2 are the program's: make sure nothing of ours lands there. */
  for (int fd = 0; fd < 3; fd++)
    if (fcntl (fd, F_GETFD) < 0 && open ("/dev/null", O_RDWR) != fd)
      return 2;
  /* A closed reader of our output must not kill the supervisor. The
   * program gets default signal handling back before exec. */
  signal (SIGPIPE, SIG_IGN);

  sb_policy_parse (argc, argv, &policy);

  if (policy.flatpak_inner)
    {
      if (sb_flatpak_check_inside (&result) < 0)
        return sb_result_write (&policy, &result);
    }
  else if (sb_flatpak_wanted ())
    {
      /* Returns only when running the inner side failed. */
      sb_flatpak_reexec (&policy, &result);
      return sb_result_write (&policy, &result);
    }

  filter = sb_seccomp_build (&result);
  if (filter == NULL)
    return sb_result_write (&policy, &result);

  if ((policy.flatpak_inner ? sb_flatpak_inner_start (&policy, filter, &child, &result)
                            : sb_namespace_start (&policy, filter, &child, &result)) == 0)
    sb_supervise (&policy, &child, &result);
  seccomp_release (filter);

  return sb_result_write (&policy, &result);
}

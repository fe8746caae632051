/* sb-policy.c — what the caller asks for: the options, checked, with the
 * --result and --stdin files opened
 *
 * Anything wrong here is the caller's mistake, not the program's: it gets
 * a message, a pointer to --help and exit status 2, and nothing runs.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb.h"

static const char usage_text[] =
  "Usage: pairpad-sandbox [OPTION]... -- PROGRAM [ARG]...\n"
  "Run PROGRAM isolated from the user's files, the network and other processes,\n"
  "within limits, and report how it ended as one JSON object.\n"
  "\n"
  "  --time SEC      CPU time of all its processes (default 5)\n"
  "  --wall SEC      wall-clock time (default 10)\n"
  "  --mem MB        memory of all its processes (default 512)\n"
  "  --procs N       processes and threads (default 64)\n"
  "  --fsize MB      largest file it may write (default 16)\n"
  "  --output KB     stdout and stderr together (default 1024)\n"
  "  --disk MB       size of /tmp, /dev/shm and /box (default 64)\n"
  "  --dir PATH      host directory mounted read-write at /box, the working\n"
  "                  directory (default: a fresh empty one, gone afterwards)\n"
  "  --ro PATH       also mount host PATH read-only at the same path (repeatable)\n"
  "  --stdin FILE    standard input (default: empty)\n"
  "  --env NAME=VALUE  add to the clean environment (repeatable)\n"
  "  --result FILE   write the result there (default: the last line on stderr)\n"
  "  --allow-no-landlock\n"
  "                  inside Flatpak, run even where the kernel has no Landlock\n"
  "                  (Linux 5.13 or later, with \"landlock\" in its lsm= list):\n"
  "                  then only Flatpak's own sandbox keeps the program from\n"
  "                  the user's files. Without it such a run fails (status XX).\n"
  "  --help          show this and exit\n"
  "\n"
  "The result: {\"status\": OK|RE|SG|TO|ML|OL|XX, \"exit_code\", \"signal\", \"cpu_ms\",\n"
  "\"wall_ms\", \"max_rss_kb\", \"output_truncated\", \"message\", \"backend\",\n"
  "\"seccomp_unresolved\" (calls the filter cannot refuse: this libseccomp does not\n"
  "know them), ...}\n"
  "Exit status: 0 when the program ran (whatever its verdict), 1 when the\n"
  "sandbox itself failed (status XX), 2 for bad usage.\n";

enum
{
  OPT_TIME = 1000, OPT_WALL, OPT_MEM, OPT_PROCS, OPT_FSIZE, OPT_OUTPUT, OPT_DISK, OPT_DIR,
  OPT_RO, OPT_STDIN, OPT_ENV, OPT_RESULT, OPT_ALLOW_NO_LANDLOCK, OPT_RESULT_FD,
  OPT_FLATPAK_INNER, OPT_HELP,
};

static const struct option options[] = {
  { "time", required_argument, NULL, OPT_TIME },
  { "wall", required_argument, NULL, OPT_WALL },
  { "mem", required_argument, NULL, OPT_MEM },
  { "procs", required_argument, NULL, OPT_PROCS },
  { "fsize", required_argument, NULL, OPT_FSIZE },
  { "output", required_argument, NULL, OPT_OUTPUT },
  { "disk", required_argument, NULL, OPT_DISK },
  { "dir", required_argument, NULL, OPT_DIR },
  { "ro", required_argument, NULL, OPT_RO },
  { "stdin", required_argument, NULL, OPT_STDIN },
  { "env", required_argument, NULL, OPT_ENV },
  { "result", required_argument, NULL, OPT_RESULT },
  { "allow-no-landlock", no_argument, NULL, OPT_ALLOW_NO_LANDLOCK },
  /* Internal: how the outer side of the Flatpak backend calls the inner. */
  { "result-fd", required_argument, NULL, OPT_RESULT_FD },
  { "flatpak-inner", no_argument, NULL, OPT_FLATPAK_INNER },
  { "help", no_argument, NULL, OPT_HELP },
  { NULL, 0, NULL, 0 },
};

static void __attribute__((noreturn, format (printf, 1, 2)))
usage_error (const char *format, ...)
{
  va_list args;

  fputs ("pairpad-sandbox: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputs ("\nTry 'pairpad-sandbox --help' for more information.\n", stderr);
  exit (2);
}

static double
parse_number (const char *option, const char *text, double min, double max)
{
  char *end;
  double value;

  errno = 0;
  value = strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite (value) || value < min || value > max)
    usage_error ("--%s: '%s' is not a number from %g to %g", option, text, min, max);
  return value;
}

static long
parse_whole (const char *option, const char *text, long min, long max)
{
  double value = parse_number (option, text, (double) min, (double) max);

  if (value != floor (value))
    usage_error ("--%s: '%s' is not a whole number", option, text);
  return (long) value;
}

static const char *
parse_path (const char *option, const char *path, bool want_dir)
{
  struct stat st;

  if (path[0] != '/' || strstr (path, "/../") != NULL || strcmp (path, "/") == 0 ||
      (strlen (path) >= 3 && strcmp (path + strlen (path) - 3, "/..") == 0))
    usage_error ("--%s: '%s' must be an absolute path below /, without '..'", option, path);
  if (stat (path, &st) < 0)
    usage_error ("--%s: %s: %s", option, path, strerror (errno));
  if (want_dir && !S_ISDIR (st.st_mode))
    usage_error ("--%s: %s is not a directory", option, path);
  return path;
}

static void
add_to_list (const char **list, size_t *n, const char *option, const char *value)
{
  if (*n >= SB_MAX_LIST)
    usage_error ("--%s: at most %d of them", option, SB_MAX_LIST);
  list[(*n)++] = value;
}

static const char *
parse_env (const char *text)
{
  size_t name_len = strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                  "0123456789_");

  if (name_len == 0 || text[name_len] != '=' || (text[0] >= '0' && text[0] <= '9'))
    usage_error ("--env: '%s' is not NAME=VALUE", text);
  return text;
}

void
sb_policy_parse (int argc, char **argv, SbPolicy *policy)
{
  int opt;

  *policy = (SbPolicy) {
    .time_s = 5, .wall_s = 10, .mem_mb = 512, .procs = 64, .fsize_mb = 16, .output_kb = 1024,
    .disk_mb = 64, .nofile = 256, .result_fd = -1, .stdin_fd = -1,
  };

  /* '+': the program's own options are not ours. */
  while ((opt = getopt_long (argc, argv, "+", options, NULL)) != -1)
    {
      switch (opt)
        {
        case OPT_TIME: policy->time_s = parse_number ("time", optarg, 0.001, 3600); break;
        case OPT_WALL: policy->wall_s = parse_number ("wall", optarg, 0.001, 86400); break;
        case OPT_MEM: policy->mem_mb = parse_whole ("mem", optarg, 1, 1L << 20); break;
        case OPT_PROCS: policy->procs = parse_whole ("procs", optarg, 1, 65536); break;
        case OPT_FSIZE: policy->fsize_mb = parse_whole ("fsize", optarg, 1, 1L << 20); break;
        case OPT_OUTPUT: policy->output_kb = parse_whole ("output", optarg, 1, 1L << 30); break;
        case OPT_DISK: policy->disk_mb = parse_whole ("disk", optarg, 1, 1L << 20); break;
        case OPT_DIR: policy->dir = parse_path ("dir", optarg, true); break;
        case OPT_RO: add_to_list (policy->ro, &policy->n_ro, "ro", parse_path ("ro", optarg, false)); break;
        case OPT_STDIN: policy->stdin_path = optarg; break;
        case OPT_ENV: add_to_list (policy->env, &policy->n_env, "env", parse_env (optarg)); break;
        case OPT_RESULT: policy->result_path = optarg; break;
        case OPT_ALLOW_NO_LANDLOCK: policy->allow_no_landlock = true; break;
        case OPT_RESULT_FD: policy->result_fd = (int) parse_whole ("result-fd", optarg, 3, 1023); break;
        case OPT_FLATPAK_INNER: policy->flatpak_inner = true; break;
        case OPT_HELP: fputs (usage_text, stdout); exit (0);
        default: usage_error ("unknown option");
        }
    }
  if (optind >= argc)
    usage_error ("no program to run: put it after '--'");
  policy->argv = argv + optind;
  if (policy->flatpak_inner && policy->dir == NULL)
    usage_error ("--flatpak-inner: needs the --dir the outer side exposed");

  if (policy->result_path != NULL)
    {
      policy->result_fd = open (policy->result_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (policy->result_fd < 0)
        usage_error ("--result: %s: %s", policy->result_path, strerror (errno));
    }
  policy->stdin_fd = open (policy->stdin_path ? policy->stdin_path : "/dev/null", O_RDONLY | O_CLOEXEC);
  if (policy->stdin_fd < 0)
    usage_error ("--stdin: %s: %s", policy->stdin_path, strerror (errno));

  /* Inside Flatpak the work directory stands in for /tmp too. Before the
   * caller's --env, which may override it. */
  if (policy->flatpak_inner)
    {
      static char tmpdir[PATH_MAX + 8];

      snprintf (tmpdir, sizeof tmpdir, "TMPDIR=%s", policy->dir);
      if (policy->n_env == SB_MAX_LIST)
        usage_error ("--env: at most %d of them", SB_MAX_LIST - 1);
      memmove (policy->env + 1, policy->env, policy->n_env * sizeof *policy->env);
      policy->env[0] = tmpdir;
      policy->n_env++;
    }
}

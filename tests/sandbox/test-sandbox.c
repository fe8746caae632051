/* test-sandbox — hostile programs against the real pairpad-sandbox
 *
 * Every test runs `hostile` (tests/sandbox/hostile.c) inside the sandbox
 * and asserts the verdict or errno it must get. With PAIRPAD_SANDBOX_AS=nobody
 * (and run as root), every sandbox is started as nobody through setpriv,
 * from copies of the binaries that nobody can read.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <seccomp.h>

#include "pp-test-home.h"

extern char **environ;

static char *sandbox;    /* the pairpad-sandbox to run */
static char *hostile;    /* the hostile helper */
static char *no_landlock;  /* runs a command as on a kernel without Landlock */
static const char *const *launcher;  /* what starts the sandbox, NULL: started directly */
static char *bin_dir;    /* where hostile lives: mounted read-only in every run */
static char *work;       /* scratch files of this test process, world-writable */
static gboolean as_nobody;
static uid_t caller_uid; /* who runs the sandbox */

typedef struct
{
  char *out;
  gsize out_len;
  char *err;
  JsonParser *parser;
  JsonObject *result;
  int exit_status;
  long caller_maxrss_kb;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_clear_object (&run->parser);
  g_free (run);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static const char *
result_status (Run *run)
{
  return json_object_get_string_member (run->result, "status");
}

static gint64
result_int (Run *run, const char *name)
{
  return json_object_get_int_member (run->result, name);
}

/* argv for a sandbox run: the wrapper, the sandbox, its options, the program. */
static GPtrArray *
sandbox_argv (const char *result_path, const char *stdin_path, const char *const *options,
              const char *const *program)
{
  GPtrArray *argv = g_ptr_array_new ();

  if (as_nobody)
    {
      g_ptr_array_add (argv, (char *) "/usr/bin/setpriv");
      g_ptr_array_add (argv, (char *) "--reuid=nobody");
      g_ptr_array_add (argv, (char *) "--regid=nogroup");
      g_ptr_array_add (argv, (char *) "--clear-groups");
    }
  for (const char *const *l = launcher; l && *l; l++)
    g_ptr_array_add (argv, (char *) *l);
  g_ptr_array_add (argv, sandbox);
  g_ptr_array_add (argv, (char *) "--result");
  g_ptr_array_add (argv, (char *) result_path);
  g_ptr_array_add (argv, (char *) "--ro");
  g_ptr_array_add (argv, bin_dir);
  if (stdin_path != NULL)
    {
      g_ptr_array_add (argv, (char *) "--stdin");
      g_ptr_array_add (argv, (char *) stdin_path);
    }
  for (const char *const *o = options; o && *o; o++)
    g_ptr_array_add (argv, (char *) *o);
  g_ptr_array_add (argv, (char *) "--");
  for (const char *const *p = program; *p; p++)
    g_ptr_array_add (argv, (char *) *p);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static pid_t
spawn_sandbox (const char *const *options, const char *const *program, const char *stdin_path,
               const char *out_path, const char *err_path, const char *result_path)
{
  g_autoptr(GPtrArray) argv = sandbox_argv (result_path, stdin_path, options, program);
  posix_spawn_file_actions_t actions;
  pid_t pid;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen (&actions, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen (&actions, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (posix_spawn (&pid, argv->pdata[0], &actions, NULL, (char **) argv->pdata, environ), ==, 0);
  posix_spawn_file_actions_destroy (&actions);
  return pid;
}

/* Runs the sandbox to its end: its output, its result, its own memory. */
static Run *
run_with_stdin (const char *const *options, const char *const *program, const char *stdin_path)
{
  g_autofree char *out_path = g_build_filename (work, "out", NULL);
  g_autofree char *err_path = g_build_filename (work, "err", NULL);
  g_autofree char *result_path = g_build_filename (work, "result.json", NULL);
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  struct rusage ru;
  int status;

  g_remove (result_path);
  pid_t pid = spawn_sandbox (options, program, stdin_path, out_path, err_path, result_path);
  g_assert_cmpint (wait4 (pid, &status, 0, &ru), ==, pid);
  run->exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  run->caller_maxrss_kb = ru.ru_maxrss;
  g_assert_true (g_file_get_contents (out_path, &run->out, &run->out_len, NULL));
  g_assert_true (g_file_get_contents (err_path, &run->err, NULL, NULL));
  run->parser = json_parser_new ();
  if (!json_parser_load_from_file (run->parser, result_path, &error))
    g_error ("no result from the sandbox (exit %d): %s\nstderr: %s", run->exit_status,
             error->message, run->err);
  run->result = json_node_get_object (json_parser_get_root (run->parser));
  return run;
}

static Run *
run (const char *const *options, const char *const *program)
{
  return run_with_stdin (options, program, NULL);
}

#define OPTS(...) ((const char *const[]) { __VA_ARGS__, NULL })
#define NO_OPTS ((const char *const[]) { NULL })
#define HOSTILE(...) ((const char *const[]) { hostile, __VA_ARGS__, NULL })

/* The "name=RESULT" line hostile printed for name. */
static char *
said (Run *run, const char *name)
{
  g_autofree char *key = g_strdup_printf ("%s=", name);
  g_auto(GStrv) lines = g_strsplit (run->out, "\n", -1);

  for (char **l = lines; *l; l++)
    if (g_str_has_prefix (*l, key))
      return g_strdup (*l + strlen (key));
  return g_strdup ("(not printed)");
}

#define assert_said(run, name, expected) \
  G_STMT_START { g_autofree char *_v = said (run, name); g_assert_cmpstr (_v, ==, expected); } G_STMT_END

/* Refused, whichever check comes first (permission, or a read-only mount). */
#define assert_refused(run, name) \
  G_STMT_START { g_autofree char *_v = said (run, name); \
                 if (strcmp (_v, "EROFS") != 0 && strcmp (_v, "EACCES") != 0) \
                   g_error ("%s: %s, not EROFS or EACCES", name, _v); } G_STMT_END

/* Processes whose command line holds token, anywhere on the machine. */
static int
count_processes_with (const char *token)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  int count = 0;

  while ((name = g_dir_read_name (proc)))
    {
      g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
      g_autofree char *cmdline = NULL;
      gsize len;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &cmdline, &len, NULL))
        continue;
      for (gsize i = 0; i + 1 < len; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      if (strstr (cmdline, token) != NULL)
        count++;
    }
  return count;
}

static char *
new_token (void)
{
  return g_strdup_printf ("pairpad-token-%08x%08x", g_random_int (), g_random_int ());
}

/* A directory the caller (root or nobody) owns. */
static char *
caller_dir (const char *name)
{
  char *dir = g_build_filename (work, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (chown (dir, caller_uid, caller_uid), ==, 0);
  return dir;
}

/* --- the tests ------------------------------------------------------------ */

static void
test_usage (void)
{
  static const char *const bad[][4] = {
    { "--time", "abc", NULL }, { "--mem", "-5", NULL }, { "--procs", "1.5", NULL },
    { "--ro", "relative/path", NULL }, { "--ro", "/nonexistent/pairpad", NULL },
    { "--env", "NOEQUALS", NULL }, { "--dir", "/etc/passwd", NULL }, { "--bogus", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *err = NULL;
      int status;

      g_ptr_array_add (argv, sandbox);
      for (gsize j = 0; bad[i][j]; j++)
        g_ptr_array_add (argv, (char *) bad[i][j]);
      g_ptr_array_add (argv, (char *) "--");
      g_ptr_array_add (argv, (char *) "/bin/true");
      g_ptr_array_add (argv, NULL);
      g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, NULL, &err, &status, NULL));
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 2);
      g_assert_nonnull (strstr (err, "--help"));
    }
  /* No program at all. */
  const char *none[] = { sandbox, "--time", "1", NULL };
  int status;
  g_assert_true (g_spawn_sync (NULL, (char **) none, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
}

static void
test_exit_codes (void)
{
  for (int code = 0; code < 256; code++)
    {
      g_autofree char *arg = g_strdup_printf ("%d", code);
      g_autoptr(Run) r = run (NO_OPTS, HOSTILE ("exit", arg));

      g_assert_cmpstr (result_status (r), ==, code == 0 ? "OK" : "RE");
      g_assert_cmpint (result_int (r, "exit_code"), ==, code);
      g_assert_cmpint (result_int (r, "signal"), ==, 0);
      g_assert_cmpint (r->exit_status, ==, 0);
    }
}

static void
test_signals (void)
{
  /* Every signal whose default action ends the process. */
  const int signals[] = { SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS,
                                 SIGFPE, SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM,
                                 SIGTERM, SIGSTKFLT, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF,
                                 SIGIO, SIGPWR, SIGSYS, SIGRTMIN, SIGRTMAX };

  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      g_autofree char *arg = g_strdup_printf ("%d", signals[i]);
      g_autoptr(Run) r = run (NO_OPTS, HOSTILE ("signal", arg));

      g_assert_cmpint (result_int (r, "signal"), ==, signals[i]);
      /* Raised by the program itself: its verdict is the signal, but
       * running out of CPU or file size has its own. */
      g_assert_cmpstr (result_status (r), ==, signals[i] == SIGXCPU ? "TO" : signals[i] == SIGXFSZ ? "OL" : "SG");
    }
}

static void
test_stdin_and_utf8 (void)
{
  g_autofree char *input_path = g_build_filename (work, "stdin.bin", NULL);
  g_autofree char *data = g_malloc (1 << 20);
  const char *text = "Grüße, 世界! 🎉 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\n";

  for (int i = 0; i < 1 << 20; i++)
    data[i] = (char) g_random_int ();
  g_assert_true (g_file_set_contents (input_path, data, 1 << 20, NULL));
  g_assert_cmpint (chmod (input_path, 0644), ==, 0);
  {
    g_autoptr(Run) r = run_with_stdin (OPTS ("--output", "2048"), HOSTILE ("cat"), input_path);
    g_assert_cmpstr (result_status (r), ==, "OK");
    g_assert_cmpuint (r->out_len, ==, 1 << 20);
    g_assert_cmpmem (r->out, r->out_len, data, 1 << 20);
  }
  g_assert_true (g_file_set_contents (input_path, text, -1, NULL));
  {
    g_autoptr(Run) r = run_with_stdin (NO_OPTS, HOSTILE ("cat"), input_path);
    g_assert_cmpstr (r->out, ==, text);
    g_assert_true (g_utf8_validate (r->out, -1, NULL));
  }
}

static void
test_identity (void)
{
  g_autofree char *dir = caller_dir ("identity");
  g_autofree char *made = g_build_filename (dir, "made", NULL);
  g_autoptr(Run) r = run (OPTS ("--dir", dir), ((const char *const[]) {
    "/bin/sh", "-c", "id -u; id -g; grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Seccomp):' /proc/self/status;"
    " echo $HOME $LANG $PATH; pwd; touch made; tty || true", NULL }));
  struct stat st;

  g_assert_cmpstr (result_status (r), ==, "OK");
  g_assert_true (g_str_has_prefix (r->out, "1000\n1000\n"));
  g_assert_nonnull (strstr (r->out, "CapInh:\t0000000000000000"));
  g_assert_nonnull (strstr (r->out, "CapPrm:\t0000000000000000"));
  g_assert_nonnull (strstr (r->out, "CapEff:\t0000000000000000"));
  g_assert_nonnull (strstr (r->out, "CapBnd:\t0000000000000000"));
  g_assert_nonnull (strstr (r->out, "NoNewPrivs:\t1"));
  g_assert_nonnull (strstr (r->out, "Seccomp:\t2"));
  g_assert_nonnull (strstr (r->out, "/box C.UTF-8 /usr/local/bin:/usr/bin:/bin\n/box\n"));
  g_assert_nonnull (strstr (r->out, "not a tty"));
  /* Outside, the program was an unprivileged user: never root. */
  g_assert_cmpint (stat (made, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, !=, 0);
  g_assert_cmpuint (st.st_uid, ==, as_nobody ? caller_uid : 65534);
}

static void
test_environment (void)
{
  g_setenv ("PAIRPAD_SECRET_TOKEN", "do-not-leak", TRUE);
  g_autoptr(Run) r = run (OPTS ("--env", "GREETING=hello world", "--env", "LANG=de_DE.UTF-8"),
                          ((const char *const[]) { "/usr/bin/env", NULL }));
  g_auto(GStrv) lines = g_strsplit (g_strchomp (r->out), "\n", -1);

  g_unsetenv ("PAIRPAD_SECRET_TOKEN");
  g_assert_cmpstr (result_status (r), ==, "OK");
  /* Exactly the clean environment and what was asked for. */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_strv_contains ((const char *const *) lines, "GREETING=hello world"));
  g_assert_true (g_strv_contains ((const char *const *) lines, "LANG=de_DE.UTF-8"));
  g_assert_true (g_strv_contains ((const char *const *) lines, "HOME=/box"));
  g_assert_true (g_strv_contains ((const char *const *) lines, "PATH=/usr/local/bin:/usr/bin:/bin"));
}

static void
test_filesystem (void)
{
  g_autofree char *home_ssh = g_build_filename (g_get_home_dir (), ".ssh", NULL);
  /* Our scratch directory is there only as the way to the mounted helper. */
  g_autofree char *ours = g_build_filename (work, "result.json", NULL);
  g_autoptr(Run) r = run (NO_OPTS, HOSTILE ("open", "/etc/shadow", "/root", home_ssh, g_get_home_dir (),
                                            "/sys", "/run", "/home", "/var", ours,
                                            "/etc/passwd", "/usr/bin/env", "/dev/null"));
  g_autoptr(Run) w = run (NO_OPTS, HOSTILE ("write", "/usr/pairpad", "/etc/pairpad", "/pairpad",
                                            "/dev/pairpad", "/proc/sys/kernel/hostname",
                                            "/tmp/ok", "/box/ok", "/dev/shm/ok"));

  g_assert_cmpstr (result_status (r), ==, "OK");
  assert_said (r, "/etc/shadow", "ENOENT");
  assert_said (r, "/root", "ENOENT");
  assert_said (r, home_ssh, "ENOENT");
  if (strcmp (g_get_home_dir (), "/") != 0)
    assert_said (r, g_get_home_dir (), "ENOENT");
  assert_said (r, "/sys", "ENOENT");
  assert_said (r, "/run", "ENOENT");
  assert_said (r, "/home", "ENOENT");
  assert_said (r, "/var", "ENOENT");
  assert_said (r, ours, "ENOENT");
  assert_said (r, "/etc/passwd", "ok");
  assert_said (r, "/usr/bin/env", "ok");
  assert_said (r, "/dev/null", "ok");

  assert_refused (w, "/usr/pairpad");
  assert_refused (w, "/etc/pairpad");
  assert_refused (w, "/pairpad");
  assert_refused (w, "/dev/pairpad");
  assert_refused (w, "/proc/sys/kernel/hostname");
  assert_said (w, "/tmp/ok", "ok");
  assert_said (w, "/box/ok", "ok");
  assert_said (w, "/dev/shm/ok", "ok");
}

static void
test_proc_shows_only_the_sandbox (void)
{
  g_autoptr(Run) r = run (NO_OPTS, HOSTILE ("proc"));
  g_auto(GStrv) lines = g_strsplit (g_strchomp (r->out), "\n", -1);

  /* Its init and itself: nothing of the host. */
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "pid=1");
  g_assert_cmpstr (lines[1], ==, "pid=2");
}

static void
test_refused_syscalls (void)
{
  static const char *const eperm[] = {
    "tiocsti", "tiocsti64", "tioclinux", "ptrace", "process_vm_readv", "mount", "umount",
    "fsopen", "open_tree", "pivot_root", "chroot", "unshare", "unshare_net", "setns",
    "clone_newuser", "keyctl", "add_key", "request_key", "bpf", "perf_event_open",
    "io_uring_setup", "userfaultfd", "kexec_load", "init_module", "finit_module",
    "delete_module", "reboot", "swapon", "swapoff",
  };
  g_autoptr(Run) r = run (NO_OPTS, HOSTILE ("probe"));

  g_assert_cmpstr (result_status (r), ==, "OK");
  for (gsize i = 0; i < G_N_ELEMENTS (eperm); i++)
    assert_said (r, eperm[i], "EPERM");
  assert_said (r, "clone3", "ENOSYS");
  assert_said (r, "af_vsock", "EAFNOSUPPORT");
  assert_said (r, "af_netlink", "EAFNOSUPPORT");
  assert_said (r, "af_packet", "EAFNOSUPPORT");
  assert_said (r, "af_vsock_high_bits", "EAFNOSUPPORT");
  /* What programs need still works. */
  assert_said (r, "af_unix", "ok");
  assert_said (r, "af_inet", "ok");
  assert_said (r, "af_inet6", "ok");
  assert_said (r, "fork", "ok");
}

/* Whether the result lists name among the calls the filter cannot refuse.
 * Every name it lists must be one the installed libseccomp does not know. */
static gboolean
lists_unresolved (Run *run, const char *name)
{
  JsonArray *names;
  gboolean listed = FALSE;

  g_assert_true (json_object_has_member (run->result, "seccomp_unresolved"));
  names = json_object_get_array_member (run->result, "seccomp_unresolved");
  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      const char *listed_name = json_array_get_string_element (names, i);

      g_assert_cmpint (seccomp_syscall_resolve_name (listed_name), ==, __NR_SCMP_ERROR);
      listed |= strcmp (listed_name, name) == 0;
    }
  return listed;
}

/* A call newer than the installed libseccomp cannot be refused by name:
 * the result says so, and says it truly, for such a call gets through. */
static void
test_unresolved_syscalls (void)
{
  g_autofree char *log = g_build_filename (work, "spawn.log", NULL);
  g_autoptr(Run) r = run (NO_OPTS, HOSTILE ("probe"));
  g_autofree char *open_tree_attr = said (r, "open_tree_attr");

  g_assert_cmpstr (result_status (r), ==, "OK");
  if (seccomp_syscall_resolve_name ("open_tree_attr") == __NR_SCMP_ERROR)
    {
      g_test_message ("this libseccomp does not know open_tree_attr: it got %s", open_tree_attr);
      g_assert_true (lists_unresolved (r, "open_tree_attr"));
      g_assert_cmpstr (open_tree_attr, !=, "EPERM");
    }
  else
    {
      g_assert_false (lists_unresolved (r, "open_tree_attr"));
      g_assert_cmpstr (open_tree_attr, ==, "EPERM");
    }

  /* The inner side of the Flatpak backend builds the filter and says so too. */
  g_setenv ("PAIRPAD_SANDBOX_BACKEND", "flatpak", TRUE);
  g_setenv ("PAIRPAD_SPAWN_LOG", log, TRUE);
  g_autoptr(Run) inner = run (NO_OPTS, HOSTILE ("exit", "0"));
  g_unsetenv ("PAIRPAD_SANDBOX_BACKEND");
  g_unsetenv ("PAIRPAD_SPAWN_LOG");
  g_assert_cmpstr (result_status (inner), ==, "OK");
  g_assert_true (lists_unresolved (inner, "open_tree_attr") ==
                 (seccomp_syscall_resolve_name ("open_tree_attr") == __NR_SCMP_ERROR));
}

static void
test_foreign_architecture (void)
{
  g_autofree char *out = NULL;
  const char *argv[] = { hostile, "int80", NULL };

  /* Only meaningful where the host runs 32-bit calls at all. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, NULL, NULL, NULL));
  if (strcmp (out, "int80=ok\n") != 0)
    {
      g_test_skip ("this kernel runs no 32-bit system calls (no IA32 emulation)");
      return;
    }
  g_autoptr(Run) r = run (NO_OPTS, HOSTILE ("int80"));
  assert_said (r, "int80", "ENOSYS");
}

static void
test_setuid_gains_nothing (void)
{
  g_autofree char *dir = g_build_filename (work, "suid", NULL);
  g_autofree char *copy = g_build_filename (dir, "hostile-suid", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  if (getuid () != 0)
    {
      g_test_skip ("making a setuid-root program needs root");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_get_contents (hostile, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) len, NULL));
  g_assert_cmpint (chown (copy, 0, 0), ==, 0);
  g_assert_cmpint (chmod (copy, 04755), ==, 0);

  g_autoptr(Run) r = run (OPTS ("--ro", dir), HOSTILE ("exec", copy, "euid"));
  g_assert_cmpstr (result_status (r), ==, "OK");
  g_assert_cmpstr (r->out, ==, "uid=1000 euid=1000\n");
}

static int
listen_on (int type, const char *address, int *port)
{
  struct sockaddr_in addr = { .sin_family = AF_INET };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

  inet_pton (AF_INET, address, &addr.sin_addr);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  if (type == SOCK_STREAM)
    g_assert_cmpint (listen (fd, 8), ==, 0);
  getsockname (fd, (struct sockaddr *) &addr, &len);
  *port = ntohs (addr.sin_port);
  return fd;
}

static int
listen_abstract (const char *name)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

  memcpy (addr.sun_path + 1, name, strlen (name));
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, offsetof (struct sockaddr_un, sun_path) + 1 + strlen (name)), ==, 0);
  g_assert_cmpint (listen (fd, 8), ==, 0);
  return fd;
}

static void
assert_nothing_arrived (int fd, int type)
{
  char byte;

  if (type == SOCK_STREAM)
    g_assert_cmpint (accept (fd, NULL, NULL), <, 0);
  else
    g_assert_cmpint (recv (fd, &byte, 1, 0), <, 0);
  g_assert_cmpint (errno, ==, EAGAIN);
  close (fd);
}

static void
test_network (void)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  struct ifaddrs *ifs = NULL;

  /* Listeners of our own, on this machine only: its loopback and its own
   * non-loopback addresses. */
  g_ptr_array_add (addresses, g_strdup ("127.0.0.1"));
  if (getifaddrs (&ifs) == 0)
    for (struct ifaddrs *i = ifs; i; i = i->ifa_next)
      if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET && strcmp (i->ifa_name, "lo") != 0)
        {
          char text[INET_ADDRSTRLEN];
          inet_ntop (AF_INET, &((struct sockaddr_in *) i->ifa_addr)->sin_addr, text, sizeof text);
          g_ptr_array_add (addresses, g_strdup (text));
        }
  freeifaddrs (ifs);
  if (addresses->len == 1)
    g_test_message ("this machine has no non-loopback IPv4 address: loopback only");

  for (guint i = 0; i < addresses->len; i++)
    {
      const char *address = addresses->pdata[i];
      int tcp_port, udp_port;
      int tcp = listen_on (SOCK_STREAM, address, &tcp_port);
      int udp = listen_on (SOCK_DGRAM, address, &udp_port);
      g_autofree char *tcp_text = g_strdup_printf ("%d", tcp_port);
      g_autofree char *udp_text = g_strdup_printf ("%d", udp_port);
      g_autofree char *tcp_key = g_strdup_printf ("tcp_%s", address);
      g_autofree char *udp_key = g_strdup_printf ("udp_%s", address);
      g_autoptr(Run) t = run (NO_OPTS, HOSTILE ("connect", "tcp", address, tcp_text));
      g_autoptr(Run) u = run (NO_OPTS, HOSTILE ("connect", "udp", address, udp_text));

      assert_said (t, tcp_key, "ENETUNREACH");
      assert_said (u, udp_key, "ENETUNREACH");
      assert_nothing_arrived (tcp, SOCK_STREAM);
      assert_nothing_arrived (udp, SOCK_DGRAM);
    }

  /* Abstract sockets, as X11 and D-Bus use them, belong to the network
   * namespace: the host's are out of reach. */
  static const char *const names[] = { "/tmp/.X11-unix/X4242", "/tmp/dbus-pairpadtest" };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int fd = listen_abstract (names[i]);
      g_autoptr(Run) r = run (NO_OPTS, HOSTILE ("abstract", names[i]));
      assert_said (r, "abstract", "ECONNREFUSED");
      assert_nothing_arrived (fd, SOCK_STREAM);
    }
}

static void
test_fork_bomb (void)
{
  g_autofree char *token = new_token ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr(Run) r = run (OPTS ("--wall", "2", "--procs", "32"), HOSTILE ("fork-bomb", token));

  g_assert_cmpstr (result_status (r), ==, "TO");
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 4000);
  g_assert_cmpint (count_processes_with (token), ==, 0);
}

static void
test_memory (void)
{
  g_autoptr(Run) r = run (OPTS ("--mem", "256"), HOSTILE ("alloc", "4096"));

  g_assert_cmpstr (result_status (r), ==, "ML");
  g_assert_null (strstr (r->out, "allocated="));
  /* Stopped near the limit, not after taking the machine's memory. */
  g_assert_cmpint (result_int (r, "max_rss_kb"), <, 1024 * 1024);
  g_test_message ("memory limited by %s", json_object_get_string_member (r->result, "memory_limit_by"));

  /* Below the limit, the same program is fine. */
  g_autoptr(Run) ok = run (OPTS ("--mem", "256"), HOSTILE ("alloc", "100"));
  g_assert_cmpstr (result_status (ok), ==, "OK");
  g_assert_cmpint (result_int (ok, "max_rss_kb"), >=, 100 * 1024);
}

static void
test_runtimes_start_under_default_limits (void)
{
  static const char *const runtimes[][4] = {
    { "/usr/bin/node", "-e", "console.log('node ' + (6 * 7))", NULL },
    { "/usr/bin/java", "-version", NULL },
    { "/usr/bin/python3", "-c", "print('python', 6 * 7)", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (runtimes); i++)
    {
      if (!g_file_test (runtimes[i][0], G_FILE_TEST_IS_EXECUTABLE))
        {
          g_test_message ("%s is not installed here", runtimes[i][0]);
          continue;
        }
      g_autoptr(Run) r = run (NO_OPTS, runtimes[i]);
      g_assert_cmpstr (result_status (r), ==, "OK");
      g_assert_true (strstr (r->out, "42") != NULL || strstr (r->err, "version") != NULL);
    }
}

static void
test_fill_disks (void)
{
  static const char *const places[] = { "/tmp", "/box", "/dev/shm" };
  g_autofree char *dir = caller_dir ("fill");

  for (gsize i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autoptr(Run) r = run (OPTS ("--disk", "32", "--fsize", "8"), HOSTILE ("fill", places[i]));
      g_autofree char *filled = said (r, "filled");

      /* Full at the size of the file system: the program sees an error. */
      g_assert_cmpstr (result_status (r), ==, "OK");
      g_assert_cmpint (g_ascii_strtoll (filled, NULL, 10), <=, 32 << 20);
      g_assert_nonnull (strstr (filled, "ENOSPC"));
    }

  /* A host directory has no size of its own: the supervisor, measuring it
   * every tick, stops the run. A fast writer gets past the quota by what
   * it writes in one tick (to the page cache: up to a few hundred MB). */
  g_autoptr(Run) r = run (OPTS ("--disk", "32", "--fsize", "8", "--dir", dir), HOSTILE ("fill", "/box"));
  g_assert_cmpstr (result_status (r), ==, "OL");
  g_autofree char *du = NULL;
  const char *du_argv[] = { "du", "-sk", dir, NULL };
  g_assert_true (g_spawn_sync (NULL, (char **) du_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &du, NULL, NULL, NULL));
  g_test_message ("the work directory held %" G_GINT64_FORMAT " KB with a 32 MB quota",
                  g_ascii_strtoll (du, NULL, 10));
  g_assert_cmpint (g_ascii_strtoll (du, NULL, 10), <, 4 * 32 * 1024);

  /* One file over --fsize: OL. */
  g_autoptr(Run) big = run (OPTS ("--fsize", "1"), ((const char *const[]) { "/usr/bin/dd", "if=/dev/zero", "of=/box/big", "bs=1M", "count=2", NULL }));
  g_assert_cmpstr (result_status (big), ==, "OL");
}

static void
test_output_flood (void)
{
  g_autoptr(Run) r = run (OPTS ("--output", "64"), ((const char *const[]) { "/usr/bin/yes", NULL }));

  g_assert_cmpstr (result_status (r), ==, "OL");
  g_assert_true (json_object_get_boolean_member (r->result, "output_truncated"));
  g_assert_cmpuint (r->out_len, ==, 64 * 1024);
  /* The supervisor streams: its own memory does not grow with the flood. */
  g_assert_cmpint (r->caller_maxrss_kb, <, (g_getenv ("ASAN_OPTIONS") ? 96 : 16) * 1024);
}

/* The message never tells less CPU time used than the limit it crossed:
 * either the figure that crossed it, or the limit it reached. */
static void
assert_time_message (Run    *run,
                     double  limit_s)
{
  const char *message = json_object_get_string_member (run->result, "message");
  const char *used = strstr (message, " s used");

  g_test_message ("time limit message: %s", message);
  if (used == NULL)
    g_assert_nonnull (strstr (message, "stopped on reaching the limit of"));
  else
    {
      const char *figure = used;

      while (figure > message && figure[-1] != ' ')
        figure--;
      g_assert_cmpfloat (g_ascii_strtod (figure, NULL), >, limit_s);
    }
}

static void
test_time_limits (void)
{
  g_autoptr(Run) spin = run (OPTS ("--time", "1"), HOSTILE ("spin"));
  g_assert_cmpstr (result_status (spin), ==, "TO");
  /* (The kernel's CPU accounting in ticks can read a little under.) */
  g_assert_cmpint (result_int (spin, "cpu_ms"), >=, 950);
  g_assert_cmpint (result_int (spin, "wall_ms"), <=, 1200);
  assert_time_message (spin, 1);

  /* Half a second: finer than the kernel's whole-second CPU limit. */
  g_autoptr(Run) half = run (OPTS ("--time", "0.5"), HOSTILE ("spin"));
  g_assert_cmpstr (result_status (half), ==, "TO");
  g_assert_cmpint (result_int (half, "wall_ms"), <=, 700);
  assert_time_message (half, 0.5);

  g_autoptr(Run) sleep = run (OPTS ("--wall", "1"), HOSTILE ("sleep"));
  g_assert_cmpstr (result_status (sleep), ==, "TO");
  g_assert_cmpint (result_int (sleep, "wall_ms"), >=, 1000);
  g_assert_cmpint (result_int (sleep, "wall_ms"), <=, 1200);
}

static void
test_daemon_is_gone (void)
{
  g_autofree char *token = new_token ();
  g_autoptr(Run) r = run (NO_OPTS, HOSTILE ("daemon", token));

  g_assert_cmpstr (result_status (r), ==, "OK");
  g_assert_cmpstr (r->out, ==, "daemonized\n");
  g_assert_cmpint (result_int (r, "wall_ms"), <, 1000);
  g_assert_cmpint (count_processes_with (token), ==, 0);
}

static void
test_kill_all (void)
{
  g_autofree char *token = new_token ();
  g_autoptr(Run) r = run (NO_OPTS, HOSTILE ("kill-all", token));

  /* kill(-1) reaches only the sandbox's own processes (and not its init). */
  g_assert_cmpstr (result_status (r), ==, "OK");
  assert_said (r, "kill_all", "ok");
  g_assert_cmpint (count_processes_with (token), ==, 0);
}

static void
test_killing_the_supervisor (void)
{
  g_autofree char *token = new_token ();
  g_autofree char *out = g_build_filename (work, "ready.out", NULL);
  g_autofree char *err = g_build_filename (work, "ready.err", NULL);
  g_autofree char *result = g_build_filename (work, "ready.json", NULL);
  pid_t pid = spawn_sandbox (NO_OPTS, HOSTILE ("ready-and-wait", token), NULL, out, err, result);
  g_autofree char *text = NULL;

  for (int i = 0; i < 500; i++)
    {
      g_clear_pointer (&text, g_free);
      if (g_file_get_contents (out, &text, NULL, NULL) && strstr (text, "ready"))
        break;
      g_usleep (10000);
    }
  g_assert_nonnull (strstr (text, "ready"));
  /* The supervisor and the sandbox's init carry the program's arguments
   * too: both, the program and its three children. */
  g_assert_cmpint (count_processes_with (token), ==, 6);

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  /* The program and its children die with the supervisor. */
  for (int i = 0; i < 200 && count_processes_with (token) > 0; i++)
    g_usleep (10000);
  g_assert_cmpint (count_processes_with (token), ==, 0);
}

static void
test_symlink_in_box_is_not_followed (void)
{
  g_autofree char *dir = caller_dir ("links");
  g_autofree char *outside = g_build_filename (work, "outside-secret", NULL);
  g_autofree char *outside_dir = g_build_filename (work, "outside-dir", NULL);
  g_autofree char *outside_file = g_build_filename (outside_dir, "kept", NULL);
  struct stat before, after, before_file, after_file;

  g_assert_true (g_file_set_contents (outside, "secret", -1, NULL));
  g_assert_cmpint (chmod (outside, 0600), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (outside_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (outside_file, "kept", -1, NULL));
  g_assert_cmpint (stat (outside, &before), ==, 0);
  g_assert_cmpint (stat (outside_file, &before_file), ==, 0);

  g_autoptr(Run) first = run (OPTS ("--dir", dir), HOSTILE ("symlink", outside, "/box/link"));
  assert_said (first, "symlink", "ok");
  g_autoptr(Run) second = run (OPTS ("--dir", dir), HOSTILE ("symlink", outside_dir, "/box/dirlink"));
  assert_said (second, "symlink", "ok");
  /* The next run (as root it hands the directory to the sandbox's user)
   * and its program: neither follows the links out. */
  g_autoptr(Run) third = run (OPTS ("--dir", dir), HOSTILE ("open", "/box/link", "/box/dirlink/kept"));
  assert_said (third, "/box/link", "ENOENT");
  assert_said (third, "/box/dirlink/kept", "ENOENT");

  g_assert_cmpint (stat (outside, &after), ==, 0);
  g_assert_cmpint (stat (outside_file, &after_file), ==, 0);
  g_assert_cmpuint (after.st_uid, ==, before.st_uid);
  g_assert_cmpuint (after.st_mode, ==, before.st_mode);
  g_assert_cmpuint (after_file.st_uid, ==, before_file.st_uid);

  /* A fresh /box leaves nothing behind to follow. */
  g_autoptr(Run) fresh = run (NO_OPTS, HOSTILE ("symlink", outside, "/box/link"));
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));
}

static void
test_runs_do_not_share_traces (void)
{
  g_autoptr(Run) first = run (NO_OPTS, HOSTILE ("leave-traces"));
  assert_said (first, "tmp", "ok");
  assert_said (first, "shm", "ok");
  assert_said (first, "add_key", "EPERM");

  g_autoptr(Run) second = run (NO_OPTS, HOSTILE ("open", "/tmp/trace", "/dev/shm/trace", "/tmp/trace2"));
  assert_said (second, "/tmp/trace", "ENOENT");
  assert_said (second, "/dev/shm/trace", "ENOENT");
  assert_said (second, "/tmp/trace2", "ENOENT");
  /* SysV IPC lives in the run's own IPC namespace. */
  g_autoptr(Run) ipc = run (NO_OPTS, ((const char *const[]) { "/bin/sh", "-c", "cat /proc/sysvipc/shm | wc -l", NULL }));
  g_assert_cmpstr (ipc->out, ==, "1\n");
}

static void
test_setup_failure_is_reported (void)
{
  g_autoptr(Run) r = run (NO_OPTS, ((const char *const[]) { "no-such-program-pairpad", NULL }));

  g_assert_cmpstr (result_status (r), ==, "XX");
  g_assert_cmpint (r->exit_status, ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (r->result, "message"),
                            "exec no-such-program-pairpad: No such file or directory"));
}

/* --- Flatpak ------------------------------------------------------------- */

static void
test_flatpak_backend (void)
{
  g_autofree char *log = g_build_filename (work, "spawn.log", NULL);
  g_autofree char *dir = caller_dir ("flatpak-box");
  g_autofree char *secret_dir = caller_dir ("flatpak-secret");
  g_autofree char *secret = g_build_filename (secret_dir, "secret", NULL);
  g_autofree char *token = new_token ();
  g_autofree char *logged = NULL;

  g_assert_true (g_file_set_contents (secret, "secret", -1, NULL));
  g_assert_cmpint (chmod (secret, 0644), ==, 0);
  g_setenv ("PAIRPAD_SANDBOX_BACKEND", "flatpak", TRUE);
  g_setenv ("PAIRPAD_SPAWN_LOG", log, TRUE);

  g_autoptr(Run) r = run (OPTS ("--dir", dir, "--time", "2", "--procs", "50", "--fsize", "3"),
                          HOSTILE ("limits", token));
  g_assert_cmpstr (json_object_get_string_member (r->result, "backend"), ==, "flatpak");
  g_assert_cmpstr (result_status (r), ==, "OK");
  assert_said (r, "cpu", "2");
  assert_said (r, "fsize", "3145728");
  assert_said (r, "nproc", "50");
  assert_said (r, "core", "0");

  g_assert_true (g_file_get_contents (log, &logged, NULL, NULL));
  g_auto(GStrv) args = g_strsplit (logged, "\n", -1);
  g_autofree char *expose = g_strdup_printf ("--sandbox-expose-path=%s", dir);
  g_autofree char *expose_ro = g_strdup_printf ("--sandbox-expose-path-ro=%s", bin_dir);
  g_assert_true (g_strv_contains ((const char *const *) args, "--sandbox"));
  g_assert_true (g_strv_contains ((const char *const *) args, "--no-network"));
  g_assert_true (g_strv_contains ((const char *const *) args, expose));
  g_assert_true (g_strv_contains ((const char *const *) args, expose_ro));
  g_assert_true (g_strv_contains ((const char *const *) args, "--flatpak-inner"));

  /* The filter holds there too. */
  g_autoptr(Run) probe = run (NO_OPTS, HOSTILE ("probe"));
  assert_said (probe, "ptrace", "EPERM");
  assert_said (probe, "io_uring_setup", "EPERM");
  assert_said (probe, "tiocsti64", "EPERM");

  /* What was not exposed is not there; Landlock keeps the program from
   * what the subsandbox holds beyond the work directory and the system. */
  g_autoptr(Run) files = run (OPTS ("--dir", dir), HOSTILE ("open", secret, "/.flatpak-info",
                                                            "/usr/bin/env"));
  g_autofree char *in_box = g_build_filename (dir, "ok", NULL);
  g_autoptr(Run) writes = run (OPTS ("--dir", dir), HOSTILE ("write", "/tmp/pairpad", in_box));
  g_assert_cmpint (json_object_get_int_member (files->result, "landlock_abi"), >, 0);
  assert_said (files, secret, "ENOENT");
  assert_said (files, "/.flatpak-info", "EACCES");
  assert_said (files, "/usr/bin/env", "ok");
  assert_said (writes, "/tmp/pairpad", "EACCES");
  assert_said (writes, in_box, "ok");

  /* The supervisor: wall time, and no daemon outlives the run. */
  g_autoptr(Run) sleep = run (OPTS ("--wall", "1"), HOSTILE ("sleep", token));
  g_assert_cmpstr (result_status (sleep), ==, "TO");
  g_autoptr(Run) daemon = run (NO_OPTS, HOSTILE ("daemon", token));
  g_assert_cmpstr (result_status (daemon), ==, "OK");
  g_assert_cmpint (count_processes_with (token), ==, 0);
  g_autoptr(Run) flood = run (OPTS ("--output", "16"), ((const char *const[]) { "/usr/bin/yes", NULL }));
  g_assert_cmpstr (result_status (flood), ==, "OL");

  g_unsetenv ("PAIRPAD_SANDBOX_BACKEND");
  g_unsetenv ("PAIRPAD_SPAWN_LOG");
}

/* Without Landlock, the program inside Flatpak could read and write all
 * the subsandbox holds: the run fails unless the caller allows it. */
static void
test_flatpak_without_landlock (void)
{
  static const char *const kernels[][2] = {
    { "built in but not enabled at boot", NULL },
    { "not built in", "--not-built-in" },
  };
  g_autofree char *log = g_build_filename (work, "spawn.log", NULL);
  g_autofree char *dir = caller_dir ("no-landlock");
  g_autofree char *marker = g_build_filename (dir, "ran", NULL);
  g_autofree char *script = g_strdup_printf ("touch '%s'; echo pairpad-ran", marker);
  const char *const program[] = { "/bin/sh", "-c", script, NULL };
  /* The launcher and its option: alive as long as launcher points here. */
  const char *how[] = { no_landlock, NULL, NULL };

  g_setenv ("PAIRPAD_SANDBOX_BACKEND", "flatpak", TRUE);
  g_setenv ("PAIRPAD_SPAWN_LOG", log, TRUE);
  launcher = how;
  for (gsize i = 0; i < G_N_ELEMENTS (kernels); i++)
    {
      g_autofree char *why = g_strdup_printf ("no Landlock (%s)", kernels[i][0]);

      how[1] = kernels[i][1];
      g_autoptr(Run) refused = run (OPTS ("--dir", dir), program);
      const char *message = json_object_get_string_member (refused->result, "message");

      g_assert_cmpstr (result_status (refused), ==, "XX");
      g_assert_cmpint (refused->exit_status, ==, 1);
      g_assert_nonnull (strstr (message, "at Landlock"));
      g_assert_nonnull (strstr (message, why));
      g_assert_nonnull (strstr (message, "lsm="));
      g_assert_null (strstr (refused->out, "pairpad-ran"));
      g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
    }

  /* The caller may accept Flatpak's own confinement alone. */
  how[1] = NULL;
  g_autoptr(Run) allowed = run (OPTS ("--dir", dir, "--allow-no-landlock"), program);
  launcher = NULL;
  g_assert_cmpstr (result_status (allowed), ==, "OK");
  g_assert_cmpint (json_object_get_int_member (allowed->result, "landlock_abi"), ==, 0);
  g_assert_nonnull (strstr (allowed->out, "pairpad-ran"));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));

  g_unsetenv ("PAIRPAD_SANDBOX_BACKEND");
  g_unsetenv ("PAIRPAD_SPAWN_LOG");
}

/* The inner side of the Flatpak backend makes no namespaces: on the host
 * it would run the program with the caller's files, network and processes. */
static void
test_flatpak_inner_outside_flatpak (void)
{
  g_autofree char *dir = caller_dir ("not-flatpak");
  g_autofree char *marker = g_build_filename (dir, "ran", NULL);
  g_autofree char *script = g_strdup_printf ("touch '%s'; echo pairpad-ran", marker);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("this machine's root has a /.flatpak-info: it is a Flatpak sandbox");
      return;
    }
  g_autoptr(Run) r = run (OPTS ("--flatpak-inner", "--dir", dir),
                          ((const char *const[]) { "/bin/sh", "-c", script, NULL }));

  g_assert_cmpstr (result_status (r), ==, "XX");
  g_assert_cmpint (r->exit_status, ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (r->result, "message"),
                            "no /.flatpak-info here"));
  g_assert_null (strstr (r->out, "pairpad-ran"));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* --- set-up ---------------------------------------------------------------- */

static char *
copy_for_nobody (const char *path, const char *dir)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (path);
  char *copy = g_build_filename (dir, base, NULL);
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) len, NULL));
  g_assert_cmpint (chmod (copy, 0755), ==, 0);
  return copy;
}

int
main (int argc, char **argv)
{
  const char *flatpak_double = g_getenv ("PAIRPAD_FLATPAK_SPAWN");
  int rc;

  g_test_init (&argc, &argv, NULL);

  sandbox = g_strdup (g_getenv ("PAIRPAD_SANDBOX"));
  hostile = g_strdup (g_getenv ("PAIRPAD_HOSTILE"));
  no_landlock = g_strdup (g_getenv ("PAIRPAD_NO_LANDLOCK"));
  g_assert_nonnull (sandbox);
  g_assert_nonnull (hostile);
  g_assert_nonnull (no_landlock);
  as_nobody = g_strcmp0 (g_getenv ("PAIRPAD_SANDBOX_AS"), "nobody") == 0;
  if (as_nobody && getuid () != 0)
    {
      g_test_skip_printf ("running the sandbox as nobody needs root to switch to it; ran as uid %d", getuid ());
      return g_test_run ();
    }

  work = g_dir_make_tmp ("pairpad-sandbox-test-XXXXXX", NULL);
  g_assert_cmpint (chmod (work, 01777), ==, 0);
  caller_uid = as_nobody ? 65534 : getuid ();
  /* Binaries where the caller can run them and every sandbox can mount them. */
  bin_dir = g_build_filename (work, "bin", NULL);
  g_assert_cmpint (g_mkdir_with_parents (bin_dir, 0755), ==, 0);
  g_autofree char *built_hostile = hostile;
  g_autofree char *built_sandbox = NULL;
  hostile = copy_for_nobody (built_hostile, bin_dir);
  g_autofree char *built_no_landlock = no_landlock;
  no_landlock = copy_for_nobody (built_no_landlock, bin_dir);
  if (as_nobody)
    {
      built_sandbox = sandbox;
      sandbox = copy_for_nobody (built_sandbox, bin_dir);
    }
  if (flatpak_double != NULL)
    {
      g_autofree char *copy = copy_for_nobody (flatpak_double, bin_dir);
      g_setenv ("PAIRPAD_FLATPAK_SPAWN", copy, TRUE);
    }

  g_test_add_func ("/sandbox/usage", test_usage);
  g_test_add_func ("/sandbox/exit-codes", test_exit_codes);
  g_test_add_func ("/sandbox/signals", test_signals);
  g_test_add_func ("/sandbox/stdin-and-utf8", test_stdin_and_utf8);
  g_test_add_func ("/sandbox/identity", test_identity);
  g_test_add_func ("/sandbox/environment", test_environment);
  g_test_add_func ("/sandbox/filesystem", test_filesystem);
  g_test_add_func ("/sandbox/proc", test_proc_shows_only_the_sandbox);
  g_test_add_func ("/sandbox/seccomp/refused", test_refused_syscalls);
  g_test_add_func ("/sandbox/seccomp/foreign-architecture", test_foreign_architecture);
  g_test_add_func ("/sandbox/seccomp/unresolved", test_unresolved_syscalls);
  g_test_add_func ("/sandbox/setuid", test_setuid_gains_nothing);
  g_test_add_func ("/sandbox/network", test_network);
  g_test_add_func ("/sandbox/limits/fork-bomb", test_fork_bomb);
  g_test_add_func ("/sandbox/limits/memory", test_memory);
  g_test_add_func ("/sandbox/limits/runtimes-start", test_runtimes_start_under_default_limits);
  g_test_add_func ("/sandbox/limits/fill-disks", test_fill_disks);
  g_test_add_func ("/sandbox/limits/output-flood", test_output_flood);
  g_test_add_func ("/sandbox/limits/time", test_time_limits);
  g_test_add_func ("/sandbox/cleanup/daemon", test_daemon_is_gone);
  g_test_add_func ("/sandbox/cleanup/kill-all", test_kill_all);
  g_test_add_func ("/sandbox/cleanup/supervisor-killed", test_killing_the_supervisor);
  g_test_add_func ("/sandbox/cleanup/symlink", test_symlink_in_box_is_not_followed);
  g_test_add_func ("/sandbox/cleanup/no-traces", test_runs_do_not_share_traces);
  g_test_add_func ("/sandbox/setup-failure", test_setup_failure_is_reported);
  g_test_add_func ("/sandbox/flatpak", test_flatpak_backend);
  g_test_add_func ("/sandbox/flatpak/inner-outside-flatpak", test_flatpak_inner_outside_flatpak);
  g_test_add_func ("/sandbox/flatpak/without-landlock", test_flatpak_without_landlock);

  rc = g_test_run ();
  if (rc == 0)
    pp_test_remove_tree (work);
  g_free (sandbox);
  g_free (hostile);
  g_free (no_landlock);
  g_free (bin_dir);
  g_free (work);
  return rc;
}

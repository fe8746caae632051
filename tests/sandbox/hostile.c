/* hostile — the programs the sandbox must contain, one per subcommand.
 *
 * Each attempt prints "name=RESULT", RESULT being "ok" or the errno's name
 * (EPERM, ENOENT, ...), so the test can assert exactly what was refused.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>
#include <linux/userfaultfd.h>
#include <linux/vm_sockets.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* Linux 6.15: open_tree and mount_setattr in one call. The same number
 * on every architecture, as calls since 5.1 have. */
#ifndef SYS_open_tree_attr
#define SYS_open_tree_attr 467
#endif

static void
say (const char *name, long rc)
{
  printf ("%s=%s\n", name, rc < 0 ? strerrorname_np (errno) : "ok");
  fflush (stdout);
}

static int
probe (void)
{
  char buf[16];
  struct iovec local = { buf, sizeof buf }, remote = { (void *) 0x400000, sizeof buf };
  struct io_uring_params params = { 0 };
  struct perf_event_attr attr = { .type = PERF_TYPE_SOFTWARE, .size = sizeof attr,
                                  .config = PERF_COUNT_SW_CPU_CLOCK };
  char c = 'x';

  say ("tiocsti", ioctl (0, TIOCSTI, &c));
  /* The request is an int to the kernel: high bits must not slip past the filter. */
  say ("tiocsti64", syscall (SYS_ioctl, 0, (unsigned long) TIOCSTI | (1UL << 32), &c));
  say ("tioclinux", ioctl (0, TIOCLINUX, &c));
  say ("ptrace", ptrace (PTRACE_ATTACH, getppid (), 0, 0));
  say ("process_vm_readv", process_vm_readv (getppid (), &local, 1, &remote, 1, 0));
  say ("mount", mount ("tmpfs", "/tmp", "tmpfs", 0, NULL));
  say ("umount", umount2 ("/proc", MNT_DETACH));
  say ("fsopen", syscall (SYS_fsopen, "tmpfs", 0));
  say ("open_tree", syscall (SYS_open_tree, AT_FDCWD, "/usr", 0));
  say ("open_tree_attr", syscall (SYS_open_tree_attr, AT_FDCWD, "/usr", 0, NULL, 0));
  say ("pivot_root", syscall (SYS_pivot_root, "/tmp", "/tmp"));
  say ("chroot", chroot ("/tmp"));
  say ("unshare", unshare (CLONE_NEWUSER));
  say ("unshare_net", unshare (CLONE_NEWNET));
  say ("setns", setns (0, 0));
  say ("clone_newuser", syscall (SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL, NULL));
  say ("clone3", syscall (SYS_clone3, NULL, 0));
  say ("keyctl", syscall (SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3, 0));
  say ("add_key", syscall (SYS_add_key, "user", "pairpad", "secret", 6, -3));
  say ("request_key", syscall (SYS_request_key, "user", "pairpad", NULL, 0));
  say ("bpf", syscall (SYS_bpf, 0, NULL, 0));
  say ("perf_event_open", syscall (SYS_perf_event_open, &attr, 0, -1, -1, 0));
  say ("io_uring_setup", syscall (SYS_io_uring_setup, 4, &params));
  say ("userfaultfd", syscall (SYS_userfaultfd, 0));
  say ("kexec_load", syscall (SYS_kexec_load, 0, 0, NULL, 0));
  say ("init_module", syscall (SYS_init_module, NULL, 0, ""));
  say ("finit_module", syscall (SYS_finit_module, -1, "", 0));
  say ("delete_module", syscall (SYS_delete_module, "pairpad", 0));
  say ("reboot", syscall (SYS_reboot, 0, 0, 0, NULL));
  say ("swapon", syscall (SYS_swapon, "/tmp/swap", 0));
  say ("swapoff", syscall (SYS_swapoff, "/tmp/swap"));
  say ("af_vsock", socket (AF_VSOCK, SOCK_STREAM, 0));
  say ("af_netlink", socket (AF_NETLINK, SOCK_RAW, 0));
  say ("af_packet", socket (AF_PACKET, SOCK_RAW, 0));
  say ("af_vsock_high_bits", syscall (SYS_socket, (1UL << 32) | AF_VSOCK, SOCK_STREAM, 0));
  say ("af_unix", socket (AF_UNIX, SOCK_STREAM, 0));
  say ("af_inet", socket (AF_INET, SOCK_DGRAM, 0));
  say ("af_inet6", socket (AF_INET6, SOCK_DGRAM, 0));
  say ("fork", fork () == 0 ? (_exit (0), 0) : (wait (NULL), 0));
  return 0;
}

/* A 32-bit system call from a 64-bit program: getpid through int 0x80. */
static int
int80 (void)
{
  long rc;

  __asm__ volatile ("int $0x80" : "=a" (rc) : "a" (20) : "memory");
  if (rc < 0)
    {
      errno = (int) -rc;
      say ("int80", -1);
    }
  else
    say ("int80", 0);
  return 0;
}

static int
try_open (int argc, char **argv)
{
  for (int i = 2; i < argc; i++)
    {
      int fd = open (argv[i], O_RDONLY);
      say (argv[i], fd);
    }
  return 0;
}

static int
try_write (int argc, char **argv)
{
  for (int i = 2; i < argc; i++)
    {
      int fd = open (argv[i], O_WRONLY | O_CREAT, 0644);
      say (argv[i], fd);
    }
  return 0;
}

static int
list_proc (void)
{
  DIR *dir = opendir ("/proc");

  for (struct dirent *e; dir && (e = readdir (dir));)
    if (e->d_name[0] >= '0' && e->d_name[0] <= '9')
      printf ("pid=%s\n", e->d_name);
  return 0;
}

static int
connect_to (const char *kind, const char *host, const char *port)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons ((uint16_t) atoi (port)) };
  bool udp = strcmp (kind, "udp") == 0;
  int fd = socket (AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
  char name[64];

  inet_pton (AF_INET, host, &addr.sin_addr);
  snprintf (name, sizeof name, "%s_%s", kind, host);
  if (udp)
    say (name, sendto (fd, "x", 1, 0, (struct sockaddr *) &addr, sizeof addr));
  else
    say (name, connect (fd, (struct sockaddr *) &addr, sizeof addr));
  return 0;
}

static int
connect_abstract (const char *name)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM, 0);
  size_t len = strlen (name);

  memcpy (addr.sun_path + 1, name, len);
  say ("abstract", connect (fd, (struct sockaddr *) &addr, (socklen_t) (offsetof (struct sockaddr_un, sun_path) + 1 + len)));
  return 0;
}

static int
fill (const char *dir)
{
  static char chunk[1 << 20];
  long long total = 0;
  char path[4096];

  signal (SIGXFSZ, SIG_IGN);
  memset (chunk, 'x', sizeof chunk);
  for (int i = 0;; i++)
    {
      snprintf (path, sizeof path, "%s/fill-%d", dir, i);
      int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd < 0)
        break;
      ssize_t n;
      while ((n = write (fd, chunk, sizeof chunk)) > 0)
        total += n;
      int err = errno;
      close (fd);
      /* Full (ENOSPC) ends it; a file at its size limit (EFBIG) does not. */
      if (err != EFBIG)
        break;
    }
  printf ("filled=%lld %s\n", total, strerrorname_np (errno));
  return 0;
}

static int
alloc (long mb)
{
  for (long i = 0; i < mb; i++)
    {
      char *p = malloc (1 << 20);
      if (p == NULL)
        return 3;
      memset (p, (int) i, 1 << 20);
    }
  printf ("allocated=%ld\n", mb);
  return 0;
}

static int
daemonize (void)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      setsid ();
      if (fork () == 0)
        {
          /* The daemon: closes the run's output and lives on. */
          close (0);
          close (1);
          close (2);
          for (;;)
            pause ();
        }
      _exit (0);
    }
  waitpid (pid, NULL, 0);
  puts ("daemonized");
  return 0;
}

static int __attribute__((noreturn))
ready_and_wait (void)
{
  for (int i = 0; i < 3; i++)
    if (fork () == 0)
      for (;;)
        pause ();
  puts ("ready");
  fflush (stdout);
  for (;;)
    pause ();
}

static int __attribute__((noreturn))
fork_bomb (void)
{
  puts ("bombing");
  fflush (stdout);
  for (;;)
    fork ();
}

static int
cat (void)
{
  char buf[65536];
  ssize_t n;

  while ((n = read (0, buf, sizeof buf)) > 0)
    if (write (1, buf, (size_t) n) != n)
      return 1;
  return n < 0;
}

static int
print_limits (void)
{
  static const struct { const char *name; int resource; } limits[] = {
    { "cpu", RLIMIT_CPU }, { "fsize", RLIMIT_FSIZE }, { "nofile", RLIMIT_NOFILE },
    { "stack", RLIMIT_STACK }, { "core", RLIMIT_CORE }, { "nproc", RLIMIT_NPROC },
  };
  for (size_t i = 0; i < sizeof limits / sizeof *limits; i++)
    {
      struct rlimit r;
      getrlimit (limits[i].resource, &r);
      printf ("%s=%lld\n", limits[i].name, (long long) r.rlim_cur);
    }
  return 0;
}

static int
leave_traces (void)
{
  say ("tmp", open ("/tmp/trace", O_WRONLY | O_CREAT, 0644));
  say ("shm", open ("/dev/shm/trace", O_WRONLY | O_CREAT, 0644));
  say ("box", open ("/box/../tmp/trace2", O_WRONLY | O_CREAT, 0644));
  say ("add_key", syscall (SYS_add_key, "user", "pairpad-trace", "x", 1, -3 /* session */));
  return 0;
}

int
main (int argc, char **argv)
{
  const char *cmd = argc > 1 ? argv[1] : "";

  if (strcmp (cmd, "exit") == 0)
    return atoi (argv[2]);
  if (strcmp (cmd, "signal") == 0)
    {
      signal (atoi (argv[2]), SIG_DFL);
      raise (atoi (argv[2]));
      return 200;
    }
  if (strcmp (cmd, "probe") == 0)
    return probe ();
  if (strcmp (cmd, "int80") == 0)
    return int80 ();
  if (strcmp (cmd, "open") == 0)
    return try_open (argc, argv);
  if (strcmp (cmd, "write") == 0)
    return try_write (argc, argv);
  if (strcmp (cmd, "proc") == 0)
    return list_proc ();
  if (strcmp (cmd, "connect") == 0 && argc == 5)
    return connect_to (argv[2], argv[3], argv[4]);
  if (strcmp (cmd, "abstract") == 0 && argc == 3)
    return connect_abstract (argv[2]);
  if (strcmp (cmd, "fill") == 0)
    return fill (argv[2]);
  if (strcmp (cmd, "alloc") == 0)
    return alloc (atol (argv[2]));
  if (strcmp (cmd, "spin") == 0)
    for (volatile unsigned long i = 0;; i++)
      ;
  if (strcmp (cmd, "sleep") == 0)
    return sleep (1000);
  if (strcmp (cmd, "daemon") == 0)
    return daemonize ();
  if (strcmp (cmd, "ready-and-wait") == 0)
    return ready_and_wait ();
  if (strcmp (cmd, "fork-bomb") == 0)
    return fork_bomb ();
  if (strcmp (cmd, "kill-all") == 0)
    {
      for (int i = 0; i < 3; i++)
        if (fork () == 0)
          for (;;)
            pause ();
      say ("kill_all", kill (-1, SIGKILL));
      return 0;
    }
  if (strcmp (cmd, "cat") == 0)
    return cat ();
  if (strcmp (cmd, "euid") == 0)
    {
      printf ("uid=%d euid=%d\n", getuid (), geteuid ());
      return 0;
    }
  if (strcmp (cmd, "exec") == 0)
    {
      execv (argv[2], argv + 2);
      say ("exec", -1);
      return 1;
    }
  if (strcmp (cmd, "symlink") == 0)
    {
      say ("symlink", symlink (argv[2], argv[3]));
      return 0;
    }
  if (strcmp (cmd, "limits") == 0)
    return print_limits ();
  if (strcmp (cmd, "leave-traces") == 0)
    return leave_traces ();
  fprintf (stderr, "hostile: unknown command '%s'\n", cmd);
  return 64;
}

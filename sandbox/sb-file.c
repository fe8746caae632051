/* sb-file.c — the small files of /proc, /sys and cgroupfs: one read or one
 * write each, as the kernel expects them
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sb.h"

int
sb_read_small_file (const char *path, char *buf, size_t size)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  ssize_t n;

  if (fd < 0)
    return -1;
  n = read (fd, buf, size - 1);
  close (fd);
  if (n < 0)
    return -1;
  buf[n] = '\0';
  return (int) n;
}

int
sb_write_small_file (const char *path, const char *contents)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  size_t len = strlen (contents);
  bool ok;

  if (fd < 0)
    return -1;
  ok = write (fd, contents, len) == (ssize_t) len;
  close (fd);
  return ok ? 0 : -1;
}

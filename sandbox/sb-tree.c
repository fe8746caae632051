/* sb-tree.c — walking a directory tree a program wrote, safely
 *
 * The work directory is the program's: anything in it may be a symlink
 * pointing out of it. Every walk here goes from directory fd to directory
 * fd and never follows a link.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb.h"

bool
sb_tree_walk (int dirfd, int max_depth, SbTreeVisit visit, void *data)
{
  bool go_on = true;
  DIR *dir;

  if (dirfd < 0)
    return true;
  dir = fdopendir (dirfd);
  if (dir == NULL)
    {
      close (dirfd);
      return true;
    }
  for (struct dirent *e; go_on && (e = readdir (dir));)
    {
      struct stat st;

      if (strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0 ||
          fstatat (dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
        continue;
      if (S_ISDIR (st.st_mode) && max_depth > 0)
        go_on = sb_tree_walk (openat (dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC),
                              max_depth - 1, visit, data);
      if (go_on)
        go_on = visit (dirfd, e->d_name, &st, data);
    }
  closedir (dir);
  return go_on;
}

/* pp-test-home.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "pp-test-home.h"

/* A subprocess of g_test_trap_subprocess () finds its parent's home here
 * and uses it as it is, so that both see the same files. */
#define HOME_VARIABLE "PAIRPAD_TEST_HOME"

static char *home_path;   /* owned */
static char *tmp_dir;     /* owned */
static gboolean home_is_ours;

/**
 * pp_test_home_init:
 * @program: a short name for the folder, such as "judge"
 *
 * Makes a fresh folder for this test program, with `home/` for HOME and
 * the XDG base directories and `tmp/` for TMPDIR. Call it right after
 * g_test_init (), before anything asks GLib for those folders: GLib keeps
 * the first answer for the life of the process, so this fails the test
 * if TMPDIR was asked for already.
 *
 * Returns: (transfer none): the folder, until pp_test_home_cleanup ()
 */
const char *
pp_test_home_init (const char *program)
{
  g_autofree char *template = NULL;
  g_autofree char *home = NULL;
  const char *inherited = g_getenv (HOME_VARIABLE);
  const char *base = g_getenv ("TMPDIR");

  g_return_val_if_fail (program != NULL, NULL);
  g_return_val_if_fail (home_path == NULL, NULL);

  if (inherited != NULL && g_test_subprocess ())
    {
      home_path = g_strdup (inherited);
      tmp_dir = g_build_filename (home_path, "tmp", NULL);
      return home_path;
    }

  /* Not g_dir_make_tmp (): it would ask GLib for TMPDIR before it is ours. */
  if (base == NULL || *base == '\0')
    base = "/tmp";
  template = g_strdup_printf ("pairpad-test-%s-XXXXXX", program);
  home_path = g_build_filename (base, template, NULL);
  /* A run's folder in TMPDIR is handed to the sandbox, which runs the
   * program as nobody when started as root: the way there must be open,
   * and TMPDIR as open as /tmp. */
  if (g_mkdtemp_full (home_path, 0755) == NULL)
    g_error ("Cannot make a folder in %s: %s", base, g_strerror (errno));
  home_is_ours = TRUE;
  tmp_dir = g_build_filename (home_path, "tmp", NULL);
  g_assert_cmpint (g_mkdir (tmp_dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (tmp_dir, 01777), ==, 0);
  home = g_build_filename (home_path, "home", NULL);
  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);

  g_setenv (HOME_VARIABLE, home_path, TRUE);
  g_setenv ("TMPDIR", tmp_dir, TRUE);
  pp_test_home_point_to (home);
  if (g_strcmp0 (g_get_tmp_dir (), tmp_dir) != 0)
    g_error ("GLib was asked for TMPDIR before pp_test_home_init (): it says %s",
             g_get_tmp_dir ());

  return home_path;
}

const char *
pp_test_home_get_path (void)
{
  g_return_val_if_fail (home_path != NULL, NULL);

  return home_path;
}

/* TMPDIR: empty but for what the code under test puts there. */
const char *
pp_test_home_get_tmp_dir (void)
{
  g_return_val_if_fail (tmp_dir != NULL, NULL);

  return tmp_dir;
}

/* Removes the folder and all in it; a subprocess leaves its parent's. */
void
pp_test_home_cleanup (void)
{
  if (home_path == NULL)
    return;

  if (home_is_ours)
    {
      if (!pp_test_remove_tree (home_path))
        g_printerr ("# %s could not be removed entirely\n", home_path);
    }
  g_clear_pointer (&home_path, g_free);
  g_clear_pointer (&tmp_dir, g_free);
  home_is_ours = FALSE;
}

/**
 * pp_test_home_point_to:
 * @dir: the home folder; it and the folders in it need not exist
 *
 * Points HOME and XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME and
 * XDG_STATE_HOME into @dir, where the code under test keeps its files.
 * For tests that each need an empty home; a process that already asked
 * GLib for these folders keeps its old answer.
 */
void
pp_test_home_point_to (const char *dir)
{
  static const struct { const char *variable; const char *name; } xdg[] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
  };

  g_return_if_fail (dir != NULL);

  g_setenv ("HOME", dir, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *path = g_build_filename (dir, xdg[i].name, NULL);

      g_setenv (xdg[i].variable, path, TRUE);
    }
}

/**
 * pp_test_remove_tree:
 * @path: a file, a link or a folder
 *
 * Removes @path and, if it is a folder, everything in it. A link is
 * removed, never followed: what it points to stays. Folders made
 * unreadable or read-only (chmod 000) are opened up to be emptied.
 *
 * Returns: %TRUE if @path is gone, or was never there
 */
gboolean
pp_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  GStatBuf st;
  const char *name;
  gboolean all = TRUE;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_lstat (path, &st) != 0)
    return errno == ENOENT;
  if (!S_ISDIR (st.st_mode))
    return g_unlink (path) == 0;

  /* Reading and emptying it need all three; a link was never chmod'ed. */
  if ((st.st_mode & S_IRWXU) != S_IRWXU)
    g_chmod (path, (st.st_mode & 07777) | S_IRWXU);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      all &= pp_test_remove_tree (child);
    }

  return g_rmdir (path) == 0 && all;
}

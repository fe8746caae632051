/* main.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "pp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PpApplication) app = NULL;

  setlocale (LC_ALL, "");
  pp_application_init_i18n ();

  g_set_application_name (_("Pairpad"));

  app = pp_application_new (G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* pp-test-home.h: a folder of the test program's own, HOME and TMPDIR in
 * it, and removing a tree without following links
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *pp_test_home_init         (const char *program);
const char *pp_test_home_get_path     (void);
const char *pp_test_home_get_tmp_dir  (void);
void        pp_test_home_cleanup      (void);
void        pp_test_home_point_to     (const char *dir);

gboolean    pp_test_remove_tree       (const char *path);

G_END_DECLS

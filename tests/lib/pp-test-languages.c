/* pp-test-languages.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-test-languages.h"
#include "pp-test-wait.h"

/* Detection gives up on a toolchain after a few seconds; all of them at
 * once on a loaded machine take longer. */
#define DETECT_TIMEOUT_S 120

static void
detected (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  pp_language_set_detect_finish (PP_LANGUAGE_SET (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/**
 * pp_test_languages_load:
 * @path: (nullable): a languages.json; %NULL for $PAIRPAD_LANGUAGES
 *
 * Loads the languages and detects, on the main loop, which of their
 * toolchains this computer has.
 *
 * Returns: (transfer full): the languages, detected
 */
PpLanguageSet *
pp_test_languages_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) languages = NULL;
  gboolean done = FALSE;

  if (path == NULL)
    path = g_getenv ("PAIRPAD_LANGUAGES");
  g_assert_nonnull (path);

  languages = pp_language_set_new_from_file (path, &error);
  g_assert_no_error (error);
  pp_language_set_detect_async (languages, NULL, detected, &done);
  pp_test_wait_for_flag (&done, DETECT_TIMEOUT_S, "the toolchains to be detected");

  return g_steal_pointer (&languages);
}

/**
 * pp_test_language_or_skip:
 * @languages: detected languages
 * @id: a language that @languages must define
 *
 * Returns: (transfer none) (nullable): the language; %NULL, skipping the
 *   test with the reason, when this computer cannot run @id
 */
PpLanguage *
pp_test_language_or_skip (PpLanguageSet *languages,
                          const char    *id)
{
  PpLanguage *language;

  g_return_val_if_fail (PP_IS_LANGUAGE_SET (languages), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  language = pp_language_set_lookup (languages, id);
  g_assert_nonnull (language);
  if (!pp_language_is_available (language))
    {
      g_autofree char *why = g_strdup_printf ("%s: %s", id,
                                              pp_language_get_missing_reason (language));

      g_test_skip (why);
      return NULL;
    }

  return language;
}

/**
 * pp_test_find_in_sandbox_path:
 * @program: a program's name, such as "g++"
 *
 * Returns: (transfer full) (nullable): the executable file @program in
 *   PP_TEST_SANDBOX_PATH, where the sandbox finds toolchains; %NULL if
 *   there is none
 */
char *
pp_test_find_in_sandbox_path (const char *program)
{
  g_auto(GStrv) dirs = g_strsplit (PP_TEST_SANDBOX_PATH, ":", -1);

  g_return_val_if_fail (program != NULL, NULL);

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], program, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) &&
          !g_file_test (path, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

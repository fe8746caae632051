/* test-language.c: languages.json loads, broken files say what is wrong,
 * and toolchain detection tells what this computer can run
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pp-language-set.h"
#include "pp-test-languages.h"
#include "pp-test-wait.h"

typedef struct
{
  const char *id;
  const char *name;
  const char *file_name;
  const char *source_id;
  const char *package;
  gboolean    compiled;
  /* How a person would ask the toolchain its version: the oracle for
   * detection, deliberately not the command languages.json uses. */
  const char *version_argv[3];
} Expected;

static const Expected shipped[] = {
  { "python", "Python", "main.py", "python3", "python3", FALSE, { "python3", "--version" } },
  { "c", "C", "main.c", "c", "gcc", TRUE, { "gcc", "--version" } },
  { "cpp", "C++", "main.cpp", "cpp", "g++", TRUE, { "g++", "--version" } },
  { "java", "Java", "Main.java", "java", "default-jdk-headless", TRUE, { "javac", "-version" } },
  { "javascript", "JavaScript", "main.js", "js", "nodejs", FALSE, { "node", "--version" } },
  { "go", "Go", "main.go", "go", "golang-go", TRUE, { "go", "version" } },
  { "bash", "Bash", "main.sh", "sh", "bash", FALSE, { "bash", "--version" } },
};

static const char *
languages_path (void)
{
  const char *path = g_getenv ("PAIRPAD_LANGUAGES");

  g_assert_nonnull (path);
  return path;
}

static void
detect_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Runs detection to its end; returns what detect_finish said. */
static gboolean
detect (PpLanguageSet  *set,
        GCancellable   *cancellable,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pp_language_set_detect_async (set, cancellable, detect_done, &result);
  /* The call itself never waits for a toolchain. */
  g_assert_null (result);
  pp_test_wait_for_full (has_result, &result, 60, "detection to end");

  return pp_language_set_detect_finish (set, result, error);
}

static void
test_shipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) set = pp_language_set_new_from_file (languages_path (), &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (set)) == PP_TYPE_LANGUAGE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, G_N_ELEMENTS (shipped));

  for (guint i = 0; i < G_N_ELEMENTS (shipped); i++)
    {
      const Expected *expected = &shipped[i];
      g_autoptr(PpLanguage) language = g_list_model_get_item (G_LIST_MODEL (set), i);

      g_test_message ("%s", expected->id);
      g_assert_cmpstr (pp_language_get_id (language), ==, expected->id);
      g_assert_cmpstr (pp_language_get_name (language), ==, expected->name);
      g_assert_cmpstr (pp_language_get_file_name (language), ==, expected->file_name);
      g_assert_cmpstr (pp_language_get_source_id (language), ==, expected->source_id);
      g_assert_cmpstr (pp_language_get_package (language), ==, expected->package);
      g_assert_cmpint (pp_language_is_compiled (language), ==, expected->compiled);
      g_assert_true (pp_language_set_lookup (set, expected->id) == language);

      /* Nothing is known about the toolchain before detection. */
      g_assert_false (pp_language_is_available (language));
      g_assert_null (pp_language_get_version (language));
      g_assert_null (pp_language_get_missing_reason (language));
    }

  g_assert_null (pp_language_set_lookup (set, "cobol"));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (set), G_N_ELEMENTS (shipped)));
  g_assert_finalize_object (g_steal_pointer (&set));
}

static char *
write_temp_file (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("pairpad-languages-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static void
assert_broken (const char *contents,
               const char *expected_fragment)
{
  g_autofree char *path = write_temp_file (contents);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) set = pp_language_set_new_from_file (path, &error);

  g_test_message ("%s", error != NULL ? error->message : "(loaded)");
  g_assert_null (set);
  g_assert_error (error, PP_LANGUAGE_SET_ERROR, PP_LANGUAGE_SET_ERROR_INVALID);
  /* The message names the file and what is wrong in it. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, expected_fragment));

  g_unlink (path);
}

static void
test_not_json (void)
{
  assert_broken ("{ \"languages\": [ { \"id\": \"c\", ", "not valid JSON");
  assert_broken ("", "it is empty");
}

static void
test_not_a_language_list (void)
{
  assert_broken ("[]", "must be an object with a “languages” array");
  assert_broken ("{ \"languages\": {} }", "must be an object with a “languages” array");
  assert_broken ("{ \"languages\": [] }", "describes no language");
  assert_broken ("{ \"languages\": [ 3 ] }", "language 1 is not an object");
}

static void
test_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) set =
    pp_language_set_new_from_file ("/nonexistent/pairpad/languages.json", &error);

  g_assert_null (set);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/pairpad/languages.json"));
}

/* One good language; each case breaks one thing in it. */
static const char good_language[] =
  "{"
  "  \"id\": \"toy\", \"name\": \"Toy\", \"file\": \"main.toy\","
  "  \"source_id\": \"toy\", \"package\": \"toy\","
  "  \"$comment\": \"ignored\","
  "  \"compile\": { \"argv\": [\"toyc\", \"{file}\"], \"env\": [\"A=b\"],"
  "               \"limits\": { \"time\": 1.5, \"wall\": 2, \"mem\": 64, \"procs\": 4,"
  "                           \"fsize\": 8 } },"
  "  \"run\": { \"argv\": [\"./main\", \"-m{heap_mb}\"] },"
  "  \"version\": { \"argv\": [\"toyc\", \"--version\"], \"pattern\": \"toy (\\\\S+)\","
  "                \"label\": \"toyc\" }"
  "}";

typedef struct
{
  const char *member_path;   /* "compile.limits.mem": what to change */
  const char *new_json;      /* its new value; NULL removes it */
  const char *expected;
} Breakage;

static const Breakage breakages[] = {
  { "run", NULL, "language 1 (“toy”): missing field “run”" },
  { "id", NULL, "language 1: missing field “id”" },
  { "version.label", NULL, "missing field “version.label”" },
  { "compile.limits", NULL, "missing field “compile.limits”" },
  { "compile.limits.mem", NULL, "missing field “compile.limits.mem”" },
  { "file", "3", "field “file” must be a non-empty string" },
  { "name", "\"\"", "field “name” must be a non-empty string" },
  { "file", "\"../main.toy\"", "field “file” must be a file name" },
  { "run", "[\"./main\"]", "field “run” must be an object" },
  { "compile", "\"toyc\"", "field “compile” must be an object or null" },
  { "run.argv", "\"./main\"", "field “run.argv” must be a non-empty array of strings" },
  { "run.argv", "[]", "field “run.argv” must be a non-empty array of strings" },
  { "run.argv", "[\"./main\", 7]", "element 1 of field “run.argv” must be a non-empty string" },
  { "compile.env", "[\"NOVALUE\"]", "element 0 of field “compile.env” must be a NAME=VALUE" },
  { "compile.env", "[\"A=b\", \"1A=b\"]", "element 1 of field “compile.env” must be a NAME=VALUE" },
  { "compile.env", "[\"=b\"]", "element 0 of field “compile.env” must be a NAME=VALUE" },
  { "compile.limits.mem", "\"lots\"", "field “compile.limits.mem” must be a positive integer" },
  { "compile.limits.mem", "1.5", "field “compile.limits.mem” must be a positive integer" },
  { "compile.limits.time", "0", "field “compile.limits.time” must be a positive number" },
  { "compile.limits.wall", "-2", "field “compile.limits.wall” must be a positive number" },
  { "compile.limits.disk", "5", "unknown field “compile.limits.disk”" },
  { "compiler", "null", "unknown field “compiler”" },
  { "run.argv", "[\"./main\", \"{fil}\"]", "unknown template “{fil}”" },
  { "version.pattern", "\"(\"", "field “version.pattern” is not a regular expression" },
  { "version.pattern", "\"toy \\\\S+\"", "must capture the version number" },
};

static void
set_member (JsonObject *object,
            const char *member_path,
            const char *new_json)
{
  g_auto(GStrv) parts = g_strsplit (member_path, ".", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    object = json_object_get_object_member (object, parts[i]);

  if (new_json == NULL)
    {
      json_object_remove_member (object, parts[n - 1]);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      JsonNode *value = json_from_string (new_json, &error);

      g_assert_no_error (error);
      json_object_set_member (object, parts[n - 1], value);
    }
}

static char *
file_with (const char *language_json)
{
  return g_strdup_printf ("{ \"languages\": [ %s ] }", language_json);
}

static void
test_good_language_loads (void)
{
  g_autofree char *contents = file_with (good_language);
  g_autofree char *path = write_temp_file (contents);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) set = pp_language_set_new_from_file (path, &error);

  /* Otherwise the breakages below would prove nothing. */
  g_assert_no_error (error);
  g_assert_nonnull (pp_language_set_lookup (set, "toy"));
  g_unlink (path);
}

static void
test_broken_field (gconstpointer data)
{
  const Breakage *breakage = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (good_language, &error);
  g_autofree char *language_json = NULL;
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  set_member (json_node_get_object (node), breakage->member_path, breakage->new_json);
  language_json = json_to_string (node, FALSE);
  contents = file_with (language_json);

  assert_broken (contents, breakage->expected);
}

static void
test_duplicate_id (void)
{
  g_autofree char *contents = g_strdup_printf ("{ \"languages\": [ %s, %s ] }",
                                               good_language, good_language);

  assert_broken (contents, "language 2: the id “toy” is used twice");
}

static char *
run_oracle (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *envp[] = { "PATH=" PP_TEST_SANDBOX_PATH, "LC_ALL=C", "HOME=/nonexistent", NULL };

  g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_SEARCH_PATH_FROM_ENVP,
                NULL, NULL, &out, &err, NULL, &error);
  g_assert_no_error (error);

  return g_strconcat (out, err, NULL);
}

static void
test_detect_installed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) set = pp_language_set_new_from_file (languages_path (), &error);

  g_assert_no_error (error);
  g_assert_true (detect (set, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (shipped); i++)
    {
      const Expected *expected = &shipped[i];
      PpLanguage *language = pp_language_set_lookup (set, expected->id);
      const char *version = pp_language_get_version (language);
      g_autofree char *program = pp_test_find_in_sandbox_path (expected->version_argv[0]);

      g_assert_nonnull (language);
      if (program == NULL)
        {
          g_test_message ("%s: %s", expected->id, pp_language_get_missing_reason (language));
          g_assert_false (pp_language_is_available (language));
          g_assert_null (version);
          g_assert_nonnull (strstr (pp_language_get_missing_reason (language),
                                    expected->package));
          continue;
        }

      g_test_message ("%s: %s", expected->id, version);
      g_assert_true (pp_language_is_available (language));
      g_assert_null (pp_language_get_missing_reason (language));
      g_assert_nonnull (version);

      {
        /* "gcc 12.2.0": a name, then the number the tool itself prints. */
        const char *number = strrchr (version, ' ');
        g_autofree char *said = run_oracle (expected->version_argv);

        g_assert_nonnull (number);
        number++;
        g_assert_true (g_ascii_isalpha (version[0]));
        g_assert_true (g_ascii_isdigit (number[0]));
        g_assert_nonnull (strchr (number, '.'));
        g_assert_nonnull (strstr (said, number));
      }
    }
}

static const char missing_languages[] =
  "{ \"languages\": ["
  "  { \"id\": \"nothing\", \"name\": \"Nothing\", \"file\": \"main.no\", \"source_id\": \"no\","
  "    \"package\": \"pairpad-nothing-compiler\", \"compile\": null,"
  "    \"run\": { \"argv\": [\"pairpad-no-such-compiler\", \"{file}\"] },"
  "    \"version\": { \"argv\": [\"pairpad-no-such-compiler\", \"--version\"],"
  "                 \"pattern\": \"(\\\\d+)\", \"label\": \"nothing\" } },"
  "  { \"id\": \"mute\", \"name\": \"Mute\", \"file\": \"main.sh\", \"source_id\": \"sh\","
  "    \"package\": \"bash\", \"compile\": null, \"run\": { \"argv\": [\"bash\", \"{file}\"] },"
  "    \"version\": { \"argv\": [\"bash\", \"-c\", \"echo no number here\"],"
  "                 \"pattern\": \"(\\\\d+\\\\.\\\\d+)\", \"label\": \"Mute\" } },"
  "  { \"id\": \"bash\", \"name\": \"Bash\", \"file\": \"main.sh\", \"source_id\": \"sh\","
  "    \"package\": \"bash\", \"compile\": null, \"run\": { \"argv\": [\"bash\", \"{file}\"] },"
  "    \"version\": { \"argv\": [\"bash\", \"--version\"], \"label\": \"Bash\","
  "                 \"pattern\": \"version (\\\\d+\\\\.\\\\d+\\\\.\\\\d+)\" } }"
  "] }";

static void
test_detect_missing (void)
{
  g_autofree char *path = write_temp_file (missing_languages);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) set = pp_language_set_new_from_file (path, &error);
  PpLanguage *nothing, *mute, *bash;

  g_assert_no_error (error);
  g_unlink (path);

  /* A missing toolchain is an answer, not a failure of detection. */
  g_assert_true (detect (set, NULL, &error));
  g_assert_no_error (error);

  nothing = pp_language_set_lookup (set, "nothing");
  g_assert_false (pp_language_is_available (nothing));
  g_assert_null (pp_language_get_version (nothing));
  g_assert_cmpstr (pp_language_get_missing_reason (nothing), ==,
                   "pairpad-no-such-compiler is not installed. "
                   "Install the Debian package pairpad-nothing-compiler.");

  mute = pp_language_set_lookup (set, "mute");
  g_assert_false (pp_language_is_available (mute));
  g_assert_nonnull (strstr (pp_language_get_missing_reason (mute), "did not print a version"));

  /* The others are still found. */
  bash = pp_language_set_lookup (set, "bash");
  g_assert_true (pp_language_is_available (bash));
  g_assert_true (g_str_has_prefix (pp_language_get_version (bash), "Bash "));
}

static void
test_detect_timeout (void)
{
  static const char hung[] =
    "{ \"languages\": ["
    "  { \"id\": \"hung\", \"name\": \"Hung\", \"file\": \"main.h\", \"source_id\": \"c\","
    "    \"package\": \"coreutils\", \"compile\": null, \"run\": { \"argv\": [\"sleep\"] },"
    "    \"version\": { \"argv\": [\"sleep\", \"60\"], \"pattern\": \"(\\\\d+)\","
    "                 \"label\": \"Hung\" } }"
    "] }";
  g_autofree char *path = write_temp_file (hung);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) set = pp_language_set_new_from_file (path, &error);
  gint64 start = g_get_monotonic_time ();
  PpLanguage *language;

  g_assert_no_error (error);
  g_unlink (path);

  g_assert_true (detect (set, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);

  language = pp_language_set_lookup (set, "hung");
  g_assert_false (pp_language_is_available (language));
  g_assert_nonnull (strstr (pp_language_get_missing_reason (language), "did not answer within"));
}

static void
test_detect_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) set = pp_language_set_new_from_file (languages_path (), &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (detect (set, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/runner/language/shipped", test_shipped);
  g_test_add_func ("/runner/language/broken/not-json", test_not_json);
  g_test_add_func ("/runner/language/broken/not-a-language-list", test_not_a_language_list);
  g_test_add_func ("/runner/language/broken/unreadable", test_unreadable);
  g_test_add_func ("/runner/language/broken/good-language-loads", test_good_language_loads);
  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      g_autofree char *name = g_strdup_printf ("/runner/language/broken/field/%u-%s", i,
                                               breakages[i].member_path);

      g_test_add_data_func (name, &breakages[i], test_broken_field);
    }
  g_test_add_func ("/runner/language/broken/duplicate-id", test_duplicate_id);
  g_test_add_func ("/runner/language/detect/installed", test_detect_installed);
  g_test_add_func ("/runner/language/detect/missing", test_detect_missing);
  g_test_add_func ("/runner/language/detect/timeout", test_detect_timeout);
  g_test_add_func ("/runner/language/detect/cancelled", test_detect_cancelled);

  return g_test_run ();
}

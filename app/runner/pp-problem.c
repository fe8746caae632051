/* pp-problem.c: a practice problem of the bank
 *
 * data/problems/ID/problem.json    what data/problems/problem.schema.json says
 * data/problems/ID/statement.md    the statement, without the examples
 * data/problems/ID/starter/FILE    starter code, by the language's file name
 * data/problems/ID/tests/NAME.in   each test's input, and NAME.out its answer
 *
 * Loading reads the JSON, the statement and the starter code, and checks
 * that every test's files are there; the tests themselves are read when
 * judged. Unknown keys are errors, so that a typo cannot go unnoticed.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pp-problem.h"

#define MAX_TESTS 200
#define MAX_STATEMENT (256 * 1024)

struct _PpProblem
{
  GObject parent_instance;

  char *directory;
  char *id;
  char *title;
  PpDifficulty difficulty;
  GStrv tags;
  char *statement;
  double time_limit;      /* CPU seconds per test */
  guint memory_limit;     /* MB */
  PpCheckerMode checker;
  double tolerance;
  GArray *tests;          /* PpProblemTest */
  GHashTable *starters;   /* file name → code */
};

G_DEFINE_FINAL_TYPE (PpProblem, pp_problem, G_TYPE_OBJECT)
G_DEFINE_QUARK (pp-problem-error-quark, pp_problem_error)

static const char *difficulty_names[] = { "easy", "medium", "hard" };

const char *
pp_difficulty_to_string (PpDifficulty difficulty)
{
  g_return_val_if_fail (difficulty <= PP_DIFFICULTY_HARD, NULL);
  return difficulty_names[difficulty];
}

static void
clear_test (PpProblemTest *test)
{
  g_free (test->name);
}

static void
pp_problem_finalize (GObject *object)
{
  PpProblem *self = PP_PROBLEM (object);

  g_free (self->directory);
  g_free (self->id);
  g_free (self->title);
  g_strfreev (self->tags);
  g_free (self->statement);
  g_clear_pointer (&self->tests, g_array_unref);
  g_clear_pointer (&self->starters, g_hash_table_unref);
  G_OBJECT_CLASS (pp_problem_parent_class)->finalize (object);
}

static void
pp_problem_class_init (PpProblemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pp_problem_finalize;
}

static void
pp_problem_init (PpProblem *self)
{
  self->tests = g_array_new (FALSE, TRUE, sizeof (PpProblemTest));
  g_array_set_clear_func (self->tests, (GDestroyNotify) clear_test);
  self->starters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Reading problem.json: each failure names the problem and the field. */

typedef struct
{
  const char *where;   /* the problem's directory name */
  GError    **error;
} Reader;

G_GNUC_PRINTF (2, 3)
static gboolean
invalid (Reader     *r,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (r->error, PP_PROBLEM_ERROR, PP_PROBLEM_ERROR_INVALID,
               _("Problem “%s”: %s"), r->where, what);
  return FALSE;
}

/* Every member of OBJECT is one of KEYS (NULL-terminated). */
static gboolean
only_keys (Reader      *r,
           JsonObject  *object,
           const char  *what,
           const char **keys)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (keys, l->data))
      return invalid (r, _("“%s” has an unknown field “%s”"), what, (const char *) l->data);
  return TRUE;
}

static JsonObject *
get_object (Reader     *r,
            JsonObject *parent,
            const char *name)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (r, _("field “%s” must be an object"), name);
      return NULL;
    }
  return json_node_get_object (node);
}

static const char *
get_string (Reader     *r,
            JsonObject *parent,
            const char *name)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0')
    {
      invalid (r, _("field “%s” must be a string that is not empty"), name);
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
get_number (Reader     *r,
            JsonObject *parent,
            const char *name,
            double      min,
            double      max,
            double     *value)
{
  JsonNode *node = json_object_get_member (parent, name);
  GType type = node ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      *value = json_node_get_double (node);
      if (*value >= min && *value <= max)
        return TRUE;
    }
  return invalid (r, _("field “%s” must be a number from %g to %g"), name, min, max);
}

static gboolean
is_plain_name (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return name[0] != '\0' && name[0] != '-';
}

static gboolean
read_json (PpProblem  *self,
           Reader     *r,
           JsonObject *root)
{
  static const char *root_keys[] = { "id", "title", "difficulty", "tags", "limits",
                                     "checker", "tests", NULL };
  static const char *limit_keys[] = { "time", "memory", NULL };
  static const char *checker_keys[] = { "mode", "tolerance", NULL };
  static const char *test_keys[] = { "name", "hidden", NULL };
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  JsonObject *limits, *checker;
  JsonNode *node;
  JsonArray *array;
  const char *text;
  double number;

  if (!only_keys (r, root, "problem.json", root_keys))
    return FALSE;

  if ((text = get_string (r, root, "id")) == NULL)
    return FALSE;
  if (g_strcmp0 (text, r->where) != 0)
    return invalid (r, _("field “id” is “%s”, but the folder is named “%s”"), text, r->where);
  self->id = g_strdup (text);

  if ((text = get_string (r, root, "title")) == NULL)
    return FALSE;
  self->title = g_strdup (text);

  if ((text = get_string (r, root, "difficulty")) == NULL)
    return FALSE;
  for (self->difficulty = 0; self->difficulty < G_N_ELEMENTS (difficulty_names); self->difficulty++)
    if (g_str_equal (text, difficulty_names[self->difficulty]))
      break;
  if (self->difficulty == G_N_ELEMENTS (difficulty_names))
    return invalid (r, _("field “difficulty” must be “easy”, “medium” or “hard”, not “%s”"), text);

  node = json_object_get_member (root, "tags");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (r, _("field “tags” must be an array of strings"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *tag = json_array_get_element (array, i);

      if (json_node_get_value_type (tag) != G_TYPE_STRING || json_node_get_string (tag)[0] == '\0')
        return invalid (r, _("field “tags” must be an array of strings"));
      g_strv_builder_add (tags, json_node_get_string (tag));
    }
  self->tags = g_strv_builder_end (tags);

  if ((limits = get_object (r, root, "limits")) == NULL || !only_keys (r, limits, "limits", limit_keys))
    return FALSE;
  if (!get_number (r, limits, "time", 0.1, 60, &self->time_limit) ||
      !get_number (r, limits, "memory", 16, 4096, &number))
    return FALSE;
  self->memory_limit = (guint) number;
  if (self->memory_limit != number)
    return invalid (r, _("field “memory” must be a whole number of megabytes"));

  if ((checker = get_object (r, root, "checker")) == NULL ||
      !only_keys (r, checker, "checker", checker_keys))
    return FALSE;
  if ((text = get_string (r, checker, "mode")) == NULL)
    return FALSE;
  if (!pp_checker_mode_from_string (text, &self->checker))
    return invalid (r, _("field “mode” must be “exact”, “tokens” or “float”, not “%s”"), text);
  if (self->checker == PP_CHECKER_FLOAT)
    {
      if (!get_number (r, checker, "tolerance", 0, 1, &self->tolerance))
        return FALSE;
    }
  else if (json_object_has_member (checker, "tolerance"))
    return invalid (r, _("field “tolerance” is only for the “float” checker"));

  node = json_object_get_member (root, "tests");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0 ||
      json_array_get_length (json_node_get_array (node)) > MAX_TESTS)
    return invalid (r, _("field “tests” must be an array of 1 to %d tests"), MAX_TESTS);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *test;
      JsonNode *hidden;
      PpProblemTest entry = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (r, _("test %u must be an object"), i + 1);
      test = json_node_get_object (element);
      if (!only_keys (r, test, "tests", test_keys) || (text = get_string (r, test, "name")) == NULL)
        return FALSE;
      if (!is_plain_name (text))
        return invalid (r, _("test %u: “%s” is not a plain file name"), i + 1, text);
      for (guint j = 0; j < self->tests->len; j++)
        if (g_str_equal (g_array_index (self->tests, PpProblemTest, j).name, text))
          return invalid (r, _("test “%s” is listed twice"), text);
      hidden = json_object_get_member (test, "hidden");
      if (hidden == NULL || json_node_get_value_type (hidden) != G_TYPE_BOOLEAN)
        return invalid (r, _("test “%s”: field “hidden” must be true or false"), text);
      entry.name = g_strdup (text);
      entry.hidden = json_node_get_boolean (hidden);
      g_array_append_val (self->tests, entry);
    }
  if (g_array_index (self->tests, PpProblemTest, 0).hidden)
    return invalid (r, _("the first test must be visible: it is the example"));
  return TRUE;
}

static gboolean
read_text (Reader      *r,
           const char  *path,
           gsize        max,
           char       **text,
           GError     **error)
{
  gsize len;

  if (!g_file_get_contents (path, text, &len, error))
    return FALSE;
  if (len > max || !g_utf8_validate_len (*text, len, NULL))
    {
      g_clear_pointer (text, g_free);
      return invalid (r, _("“%s” must be UTF-8 text of at most %zu KB"), path, max / 1024);
    }
  return TRUE;
}

/**
 * pp_problem_new_from_directory:
 *
 * Reads a problem; blocks on the files, so call it from a worker thread.
 *
 * Returns: (transfer full): the problem, or %NULL with a sentence naming
 *   the problem and what is wrong
 */
PpProblem *
pp_problem_new_from_directory (const char  *directory,
                               GError     **error)
{
  g_autoptr(PpProblem) self = g_object_new (PP_TYPE_PROBLEM, NULL);
  g_autofree char *where = g_path_get_basename (directory);
  g_autofree char *json_path = g_build_filename (directory, "problem.json", NULL);
  g_autofree char *statement_path = g_build_filename (directory, "statement.md", NULL);
  g_autofree char *starter_path = g_build_filename (directory, "starter", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) starters = NULL;
  Reader r = { where, error };
  JsonNode *root;
  const char *name;

  self->directory = g_strdup (directory);
  if (!json_parser_load_from_mapped_file (parser, json_path, &local_error))
    return invalid (&r, _("problem.json cannot be read: %s"), local_error->message), NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (&r, _("problem.json must hold an object")), NULL;
  if (!read_json (self, &r, json_node_get_object (root)))
    return NULL;

  if (!read_text (&r, statement_path, MAX_STATEMENT, &self->statement, &local_error))
    {
      if (local_error != NULL)
        invalid (&r, _("statement.md cannot be read: %s"), local_error->message);
      return NULL;
    }

  for (guint i = 0; i < self->tests->len; i++)
    for (guint k = 0; k < 2; k++)
      {
        g_autofree char *file = g_strconcat (g_array_index (self->tests, PpProblemTest, i).name,
                                             k == 0 ? ".in" : ".out", NULL);
        g_autofree char *path = g_build_filename (directory, "tests", file, NULL);

        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return invalid (&r, _("tests/%s is missing"), file), NULL;
      }

  /* Starter code is optional, language by language. */
  starters = g_dir_open (starter_path, 0, NULL);
  while (starters != NULL && (name = g_dir_read_name (starters)) != NULL)
    {
      g_autofree char *path = g_build_filename (starter_path, name, NULL);
      char *code = NULL;

      if (!read_text (&r, path, MAX_STATEMENT, &code, &local_error))
        {
          if (local_error != NULL)
            invalid (&r, _("starter/%s cannot be read: %s"), name, local_error->message);
          return NULL;
        }
      g_hash_table_insert (self->starters, g_strdup (name), code);
    }

  return g_steal_pointer (&self);
}

/**
 * pp_problem_load_test:
 * @input: (out) (transfer full)
 * @expected: (out) (transfer full)
 *
 * Reads test @index's files; blocks, so call it from a worker thread.
 */
gboolean
pp_problem_load_test (PpProblem  *self,
                      guint       index,
                      GBytes    **input,
                      GBytes    **expected,
                      GError    **error)
{
  GBytes **out[] = { input, expected };

  g_return_val_if_fail (PP_IS_PROBLEM (self), FALSE);
  g_return_val_if_fail (index < self->tests->len, FALSE);

  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *file = g_strconcat (g_array_index (self->tests, PpProblemTest, index).name,
                                           k == 0 ? ".in" : ".out", NULL);
      g_autofree char *path = g_build_filename (self->directory, "tests", file, NULL);
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);

      if (mapped == NULL)
        {
          if (k == 1)
            g_clear_pointer (input, g_bytes_unref);
          return FALSE;
        }
      *out[k] = g_mapped_file_get_bytes (mapped);
    }
  return TRUE;
}

const char *
pp_problem_get_id (PpProblem *self)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), NULL);
  return self->id;
}

const char *
pp_problem_get_title (PpProblem *self)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), NULL);
  return self->title;
}

PpDifficulty
pp_problem_get_difficulty (PpProblem *self)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), 0);
  return self->difficulty;
}

const char * const *
pp_problem_get_tags (PpProblem *self)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), NULL);
  return (const char * const *) self->tags;
}

const char *
pp_problem_get_statement (PpProblem *self)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), NULL);
  return self->statement;
}

double
pp_problem_get_time_limit (PpProblem *self)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), 0);
  return self->time_limit;
}

guint
pp_problem_get_memory_limit (PpProblem *self)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), 0);
  return self->memory_limit;
}

PpCheckerMode
pp_problem_get_checker (PpProblem *self,
                        double    *tolerance)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), 0);
  if (tolerance != NULL)
    *tolerance = self->tolerance;
  return self->checker;
}

guint
pp_problem_get_n_tests (PpProblem *self)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), 0);
  return self->tests->len;
}

const PpProblemTest *
pp_problem_get_test (PpProblem *self,
                     guint      index)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), NULL);
  g_return_val_if_fail (index < self->tests->len, NULL);
  return &g_array_index (self->tests, PpProblemTest, index);
}

/**
 * pp_problem_get_starter:
 * @file_name: the language's source file name, as pp_language_get_file_name()
 *
 * Returns: (nullable): the starter code for that language
 */
const char *
pp_problem_get_starter (PpProblem  *self,
                        const char *file_name)
{
  g_return_val_if_fail (PP_IS_PROBLEM (self), NULL);
  return g_hash_table_lookup (self->starters, file_name);
}

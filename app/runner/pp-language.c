/* pp-language.c
 *
 * A language is read once from data/languages.json and then only gains
 * what toolchain detection finds out: its version, or why it cannot run.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>

#include <string.h>
#include <glib/gi18n.h>

#include "pp-language-private.h"

/* A version command answers in well under a second; a hung one must not
 * keep the app from saying what it can run. */
#define DETECT_TIMEOUT_SECONDS 5

struct _PpLanguage
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  char           *file_name;
  char           *source_id;
  char           *package;
  PpLanguageStep *compile;          /* owned, NULL for an interpreted language */
  PpLanguageStep  run;
  char          **version_argv;
  GRegex         *version_pattern;
  char           *version_label;

  /* Both NULL until detection has run; then exactly one is set. */
  char           *version;
  char           *missing_reason;
};

G_DEFINE_FINAL_TYPE (PpLanguage, pp_language, G_TYPE_OBJECT)

static const char * const language_fields[] = {
  "id", "name", "file", "source_id", "package", "compile", "run", "version", NULL
};
static const char * const compile_fields[] = { "argv", "env", "limits", NULL };
static const char * const run_fields[] = { "argv", "env", NULL };
static const char * const version_fields[] = { "argv", "pattern", "label", NULL };
static const char * const limit_fields[] = { "time", "wall", "mem", "procs", "fsize", NULL };

static GRegex *
get_template_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("\\{([a-z_]+)\\}", G_REGEX_OPTIMIZE, 0, NULL));

  return regex;
}

static void
step_clear (PpLanguageStep *step)
{
  g_clear_pointer (&step->argv, g_strfreev);
  g_clear_pointer (&step->env, g_strfreev);
}

static void
step_free (PpLanguageStep *step)
{
  step_clear (step);
  g_free (step);
}

static void
pp_language_finalize (GObject *object)
{
  PpLanguage *self = PP_LANGUAGE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->file_name);
  g_free (self->source_id);
  g_free (self->package);
  g_clear_pointer (&self->compile, step_free);
  step_clear (&self->run);
  g_strfreev (self->version_argv);
  g_clear_pointer (&self->version_pattern, g_regex_unref);
  g_free (self->version_label);
  g_free (self->version);
  g_free (self->missing_reason);

  G_OBJECT_CLASS (pp_language_parent_class)->finalize (object);
}

static void
pp_language_class_init (PpLanguageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pp_language_finalize;
}

static void
pp_language_init (PpLanguage *self)
{
}

/* Parsing. Every message names the field the way the file spells it
 * ("compile.limits.mem"); the language set adds the file and the entry.
 * Like the file, these details are in English: only the sentence the
 * language set puts around them is translated. */

static gboolean
check_fields (JsonObject         *object,
              const char         *prefix,
              const char * const *allowed,
              GError            **error)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      /* "$comment" and friends are notes for people. */
      if (name[0] == '$' || g_strv_contains (allowed, name))
        continue;

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "unknown field “%s%s”", prefix, name);
      return FALSE;
    }

  return TRUE;
}

static JsonNode *
get_field (JsonObject  *object,
           const char  *prefix,
           const char  *name,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "missing field “%s%s”", prefix, name);

  return node;
}

static char *
get_string (JsonObject  *object,
            const char  *prefix,
            const char  *name,
            GError     **error)
{
  JsonNode *node = get_field (object, prefix, name, error);
  const char *value;

  if (node == NULL)
    return NULL;

  value = json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
  if (value == NULL || value[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "field “%s%s” must be a non-empty string", prefix, name);
      return NULL;
    }

  return g_strdup (value);
}

static gboolean
check_templates (const char  *value,
                 const char  *prefix,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (get_template_regex (), value, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *template = g_match_info_fetch (match, 1);

      if (g_str_equal (template, "file") || g_str_equal (template, "heap_mb"))
        continue;

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "field “%s%s” uses an unknown template “{%s}”; "
                   "the templates are {file} and {heap_mb}",
                   prefix, name, template);
      return FALSE;
    }

  return TRUE;
}

/* NAME=VALUE with a name the shell (and the sandbox) accepts. */
static gboolean
is_assignment (const char *value)
{
  gsize name_length = strspn (value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "abcdefghijklmnopqrstuvwxyz0123456789_");

  return name_length > 0 && value[name_length] == '=' && !g_ascii_isdigit (value[0]);
}

/* An array of strings: an argv (@is_env FALSE, at least one element) or
 * an environment (NAME=VALUE strings, possibly none). */
static char **
get_strv (JsonObject  *object,
          const char  *prefix,
          const char  *name,
          gboolean     is_env,
          GError     **error)
{
  JsonNode *node = get_field (object, prefix, name, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;
  guint length;

  if (node == NULL)
    return NULL;

  array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  length = array != NULL ? json_array_get_length (array) : 0;
  if (array == NULL || (!is_env && length == 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   is_env ? "field “%s%s” must be an array of NAME=VALUE strings"
                          : "field “%s%s” must be a non-empty array of strings",
                   prefix, name);
      return NULL;
    }

  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *value = NULL;

      if (json_node_get_value_type (element) == G_TYPE_STRING)
        value = json_node_get_string (element);

      if (value == NULL || value[0] == '\0' || (is_env && !is_assignment (value)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       is_env ? "element %u of field “%s%s” must be a NAME=VALUE string"
                              : "element %u of field “%s%s” must be a non-empty string",
                       i, prefix, name);
          return NULL;
        }

      if (!check_templates (value, prefix, name, error))
        return NULL;

      g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

static gboolean
get_limit (JsonObject  *object,
           const char  *prefix,
           const char  *name,
           gboolean     whole,
           double      *value,
           GError     **error)
{
  JsonNode *node = get_field (object, prefix, name, error);
  GType type;

  if (node == NULL)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE && !whole)
    *value = json_node_get_double (node);
  else
    *value = -1;

  if (*value <= 0 || *value > G_MAXUINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   whole ? "field “%s%s” must be a positive integer"
                         : "field “%s%s” must be a positive number",
                   prefix, name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
get_limits (JsonObject   *object,
            const char   *prefix,
            PpRunLimits  *limits,
            GError      **error)
{
  g_autofree char *inner = g_strconcat (prefix, "limits.", NULL);
  JsonNode *node = get_field (object, prefix, "limits", error);
  double mem, procs, fsize;

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "field “%slimits” must be an object", prefix);
      return FALSE;
    }
  object = json_node_get_object (node);

  if (!check_fields (object, inner, limit_fields, error) ||
      !get_limit (object, inner, "time", FALSE, &limits->time_sec, error) ||
      !get_limit (object, inner, "wall", FALSE, &limits->wall_sec, error) ||
      !get_limit (object, inner, "mem", TRUE, &mem, error) ||
      !get_limit (object, inner, "procs", TRUE, &procs, error) ||
      !get_limit (object, inner, "fsize", TRUE, &fsize, error))
    return FALSE;

  limits->mem_mb = (guint) mem;
  limits->procs = (guint) procs;
  limits->fsize_mb = (guint) fsize;

  return TRUE;
}

/* "compile", "run" and "version" are objects; "compile" may be null. */
static JsonObject *
get_section (JsonObject         *object,
             const char         *name,
             const char * const *fields,
             GError            **error)
{
  g_autofree char *prefix = g_strconcat (name, ".", NULL);
  JsonNode *node = get_field (object, "", name, error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   g_str_equal (name, "compile")
                     ? "field “%s” must be an object or null"
                     : "field “%s” must be an object",
                   name);
      return NULL;
    }

  object = json_node_get_object (node);
  if (!check_fields (object, prefix, fields, error))
    return NULL;

  return object;
}

static gboolean
get_step (JsonObject      *object,
          const char      *name,
          PpLanguageStep  *step,
          GError         **error)
{
  g_autofree char *prefix = g_strconcat (name, ".", NULL);
  gboolean is_compile = g_str_equal (name, "compile");

  object = get_section (object, name, is_compile ? compile_fields : run_fields, error);
  if (object == NULL)
    return FALSE;

  step->argv = get_strv (object, prefix, "argv", FALSE, error);
  if (step->argv == NULL)
    return FALSE;

  if (json_object_has_member (object, "env"))
    step->env = get_strv (object, prefix, "env", TRUE, error);
  else
    step->env = g_new0 (char *, 1);
  if (step->env == NULL)
    return FALSE;

  return !is_compile || get_limits (object, prefix, &step->limits, error);
}

static gboolean
get_version (PpLanguage  *self,
             JsonObject  *object,
             GError     **error)
{
  g_autofree char *pattern = NULL;
  g_autoptr(GError) regex_error = NULL;

  object = get_section (object, "version", version_fields, error);
  if (object == NULL)
    return FALSE;

  self->version_argv = get_strv (object, "version.", "argv", FALSE, error);
  if (self->version_argv == NULL)
    return FALSE;

  pattern = get_string (object, "version.", "pattern", error);
  if (pattern == NULL)
    return FALSE;

  self->version_pattern = g_regex_new (pattern, G_REGEX_MULTILINE, 0, &regex_error);
  if (self->version_pattern == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "field “version.pattern” is not a regular expression: %s",
                   regex_error->message);
      return FALSE;
    }

  if (g_regex_get_capture_count (self->version_pattern) < 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "field “version.pattern” must capture the version number "
                           "in its first group");
      return FALSE;
    }

  self->version_label = get_string (object, "version.", "label", error);

  return self->version_label != NULL;
}

/* The source is written into the box under this name, so it must be a
 * plain file name. */
static gboolean
check_file_name (const char  *file_name,
                 GError     **error)
{
  if (strchr (file_name, '/') == NULL &&
      !g_str_equal (file_name, ".") &&
      !g_str_equal (file_name, ".."))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "field “file” must be a file name such as “main.py”, not “%s”",
               file_name);
  return FALSE;
}

/* Errors are in G_IO_ERROR_INVALID_DATA; the language set rewraps them. */
PpLanguage *
_pp_language_new_from_json (JsonObject  *object,
                            GError     **error)
{
  g_autoptr(PpLanguage) self = g_object_new (PP_TYPE_LANGUAGE, NULL);
  JsonNode *compile;

  g_assert (object != NULL);

  if (!check_fields (object, "", language_fields, error))
    return NULL;

  if ((self->id = get_string (object, "", "id", error)) == NULL ||
      (self->name = get_string (object, "", "name", error)) == NULL ||
      (self->file_name = get_string (object, "", "file", error)) == NULL ||
      !check_file_name (self->file_name, error) ||
      (self->source_id = get_string (object, "", "source_id", error)) == NULL ||
      (self->package = get_string (object, "", "package", error)) == NULL)
    return NULL;

  compile = get_field (object, "", "compile", error);
  if (compile == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_NULL (compile))
    {
      self->compile = g_new0 (PpLanguageStep, 1);
      if (!get_step (object, "compile", self->compile, error))
        return NULL;
    }

  if (!get_step (object, "run", &self->run, error) ||
      !get_version (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

const PpLanguageStep *
_pp_language_get_compile (PpLanguage *self)
{
  g_assert (PP_IS_LANGUAGE (self));

  return self->compile;
}

const PpLanguageStep *
_pp_language_get_run (PpLanguage *self)
{
  g_assert (PP_IS_LANGUAGE (self));

  return &self->run;
}

typedef struct
{
  const char *file_name;
  const char *heap_mb;
} Expansion;

static gboolean
expand_one (const GMatchInfo *match,
            GString          *out,
            gpointer          user_data)
{
  const Expansion *expansion = user_data;
  g_autofree char *template = g_match_info_fetch (match, 1);

  /* Loading accepted no other template. */
  if (g_str_equal (template, "file"))
    g_string_append (out, expansion->file_name);
  else
    g_string_append (out, expansion->heap_mb);

  return FALSE;
}

/**
 * _pp_language_expand:
 * @templates: a step's argv or env
 * @mem_mb: the step's memory limit
 *
 * Returns: (transfer full): @templates with {file} replaced by the source
 *   file's name and {heap_mb} by three quarters of @mem_mb, which leaves a
 *   managed runtime's heap room for the runtime itself.
 */
char **
_pp_language_expand (PpLanguage         *self,
                     const char * const *templates,
                     guint               mem_mb)
{
  g_autofree char *heap_mb = g_strdup_printf ("%u", MAX (mem_mb / 4 * 3, 1u));
  Expansion expansion = { self->file_name, heap_mb };
  guint length = g_strv_length ((char **) templates);
  char **expanded = g_new0 (char *, length + 1);

  g_assert (PP_IS_LANGUAGE (self));

  for (guint i = 0; i < length; i++)
    expanded[i] = g_regex_replace_eval (get_template_regex (), templates[i], -1, 0, 0,
                                        expand_one, &expansion, NULL);

  return expanded;
}

/* Toolchain detection */

typedef struct
{
  GSubprocess *subprocess;
  GSource     *timeout;
  gboolean     timed_out;
} Detection;

static void
detection_stop_timeout (Detection *detection)
{
  if (detection->timeout != NULL)
    g_source_destroy (detection->timeout);
  g_clear_pointer (&detection->timeout, g_source_unref);
}

static void
detection_free (Detection *detection)
{
  detection_stop_timeout (detection);
  g_clear_object (&detection->subprocess);
  g_free (detection);
}

static void
set_detected (PpLanguage *self,
              char       *version,
              char       *missing_reason)
{
  g_assert ((version == NULL) != (missing_reason == NULL));

  g_free (self->version);
  g_free (self->missing_reason);
  self->version = version;
  self->missing_reason = missing_reason;
}

static char *
describe_command (PpLanguage *self)
{
  return g_strjoinv (" ", self->version_argv);
}

/* Whether SUBPROCESS has ended, without reaping it: GLib's child watch
 * does that. */
static gboolean
has_ended (GSubprocess *subprocess)
{
  const char *identifier = g_subprocess_get_identifier (subprocess);
  siginfo_t info = { 0 };

  if (identifier == NULL)
    return TRUE;
  return waitid (P_PID, (id_t) g_ascii_strtoull (identifier, NULL, 10), &info,
                 WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid != 0;
}

static gboolean
detection_timed_out (gpointer user_data)
{
  Detection *detection = user_data;

  /* A main loop busy for seconds (a slow start) delivers the timeout and
   * the program's end together: only a program still running is late. */
  if (has_ended (detection->subprocess))
    return G_SOURCE_REMOVE;
  detection->timed_out = TRUE;
  g_subprocess_force_exit (detection->subprocess);

  return G_SOURCE_REMOVE;
}

static void
detection_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GSubprocess *subprocess = G_SUBPROCESS (object);
  g_autoptr(GTask) task = user_data;
  PpLanguage *self = g_task_get_source_object (task);
  Detection *detection = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *command = describe_command (self);
  g_autofree char *text = NULL;

  detection_stop_timeout (detection);

  if (!g_subprocess_communicate_finish (subprocess, result, &output, NULL, &error))
    {
      g_subprocess_force_exit (subprocess);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      set_detected (self, NULL,
                    g_strdup_printf (_("“%s” could not be read: %s. "
                                       "Reinstall the Debian package %s."),
                                     command, error->message, self->package));
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (detection->timed_out)
    {
      set_detected (self, NULL,
                    g_strdup_printf (_("“%s” did not answer within %d seconds. "
                                       "Check the Debian package %s."),
                                     command, DETECT_TIMEOUT_SECONDS, self->package));
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Empty bytes may have no data at all. */
  if (g_bytes_get_size (output) > 0)
    text = g_utf8_make_valid (g_bytes_get_data (output, NULL), g_bytes_get_size (output));
  else
    text = g_strdup ("");
  if (g_regex_match (self->version_pattern, text, 0, &match))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);

      set_detected (self, g_strdup_printf ("%s %s", self->version_label, number), NULL);
    }
  else
    {
      set_detected (self, NULL,
                    g_strdup_printf (_("“%s” did not print a version number. "
                                       "Reinstall the Debian package %s."),
                                     command, self->package));
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * _pp_language_detect_async:
 *
 * Runs the language's version command the way the sandbox would find it
 * (with PP_SANDBOX_PATH) and records the version or why it is missing. A
 * missing toolchain is a result, not an error; only cancelling fails.
 */
void
_pp_language_detect_async (PpLanguage          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  Detection *detection;

  g_assert (PP_IS_LANGUAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _pp_language_detect_async);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE |
                                        G_SUBPROCESS_FLAGS_SEARCH_PATH_FROM_ENVP);
  g_subprocess_launcher_setenv (launcher, "PATH", PP_SANDBOX_PATH, TRUE);
  /* Untranslated output: "version" is a word some tools translate. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);

  detection = g_new0 (Detection, 1);
  g_task_set_task_data (task, detection, (GDestroyNotify) detection_free);

  detection->subprocess = g_subprocess_launcher_spawnv (launcher,
                                                        (const char * const *) self->version_argv,
                                                        &error);
  if (detection->subprocess == NULL)
    {
      if (g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
        set_detected (self, NULL,
                      g_strdup_printf (_("%s is not installed. Install the Debian package %s."),
                                       self->version_argv[0], self->package));
      else
        set_detected (self, NULL,
                      g_strdup_printf (_("%s could not be started: %s. "
                                         "Reinstall the Debian package %s."),
                                       self->version_argv[0], error->message, self->package));

      g_task_return_boolean (task, TRUE);
      return;
    }

  detection->timeout = g_timeout_source_new_seconds (DETECT_TIMEOUT_SECONDS);
  g_source_set_callback (detection->timeout, detection_timed_out, detection, NULL);
  g_source_attach (detection->timeout, g_task_get_context (task));
  g_subprocess_communicate_async (detection->subprocess, NULL, cancellable,
                                  detection_done, g_steal_pointer (&task));
}

gboolean
_pp_language_detect_finish (PpLanguage    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
pp_language_get_id (PpLanguage *self)
{
  g_return_val_if_fail (PP_IS_LANGUAGE (self), NULL);

  return self->id;
}

/**
 * pp_language_get_name:
 *
 * Returns: the name to show, such as "C++"
 */
const char *
pp_language_get_name (PpLanguage *self)
{
  g_return_val_if_fail (PP_IS_LANGUAGE (self), NULL);

  return self->name;
}

/**
 * pp_language_get_file_name:
 *
 * Returns: the name the source file gets in the box, such as "Main.java"
 */
const char *
pp_language_get_file_name (PpLanguage *self)
{
  g_return_val_if_fail (PP_IS_LANGUAGE (self), NULL);

  return self->file_name;
}

/**
 * pp_language_get_source_id:
 *
 * Returns: the GtkSourceView language id, such as "python3"
 */
const char *
pp_language_get_source_id (PpLanguage *self)
{
  g_return_val_if_fail (PP_IS_LANGUAGE (self), NULL);

  return self->source_id;
}

/**
 * pp_language_get_package:
 *
 * Returns: the Debian package that provides the toolchain
 */
const char *
pp_language_get_package (PpLanguage *self)
{
  g_return_val_if_fail (PP_IS_LANGUAGE (self), NULL);

  return self->package;
}

gboolean
pp_language_is_compiled (PpLanguage *self)
{
  g_return_val_if_fail (PP_IS_LANGUAGE (self), FALSE);

  return self->compile != NULL;
}

/**
 * pp_language_is_available:
 *
 * Returns: %TRUE when detection found the toolchain; %FALSE before
 *   detection has run
 */
gboolean
pp_language_is_available (PpLanguage *self)
{
  g_return_val_if_fail (PP_IS_LANGUAGE (self), FALSE);

  return self->version != NULL;
}

/**
 * pp_language_get_version:
 *
 * Returns: (nullable): the toolchain and its version, such as
 *   "gcc 12.2.0", when detection found it
 */
const char *
pp_language_get_version (PpLanguage *self)
{
  g_return_val_if_fail (PP_IS_LANGUAGE (self), NULL);

  return self->version;
}

/**
 * pp_language_get_missing_reason:
 *
 * Returns: (nullable): when detection did not find a working toolchain,
 *   a sentence for the user saying so and what to install; else %NULL
 */
const char *
pp_language_get_missing_reason (PpLanguage *self)
{
  g_return_val_if_fail (PP_IS_LANGUAGE (self), NULL);

  return self->missing_reason;
}

/**
 * pp_language_dup_label:
 *
 * Returns: (transfer full): how a language selector shows @self: its
 *   name (translated) with the version found, or that it is missing
 */
char *
pp_language_dup_label (PpLanguage *self)
{
  const char *name;
  const char *version;

  g_return_val_if_fail (PP_IS_LANGUAGE (self), NULL);

  name = _(pp_language_get_name (self));
  version = pp_language_get_version (self);
  /* "Python 3.11.2" says it all; "C (gcc 12.2.0)" needs both. */
  if (version != NULL && g_str_has_prefix (version, pp_language_get_name (self)))
    return g_strdup (version);
  if (version != NULL)
    /* TRANSLATORS: a language and its compiler's version: "C (gcc 12.2.0)" */
    return g_strdup_printf (_("%s (%s)"), name, version);
  if (pp_language_get_missing_reason (self) != NULL)
    /* TRANSLATORS: a language whose compiler or interpreter is missing */
    return g_strdup_printf (_("%s (not installed)"), name);
  return g_strdup (name);
}

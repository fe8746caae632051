/* pp-run-result.c
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "pp-run-result-private.h"

#define N_STAGES  2
#define N_STREAMS 2

struct _PpRunResult
{
  GObject       parent_instance;

  PpRunStage    stage;
  PpStepResult *steps[N_STAGES];                /* owned, NULL until the step ends */
  GByteArray   *output[N_STAGES][N_STREAMS];    /* owned */
};

G_DEFINE_FINAL_TYPE (PpRunResult, pp_run_result, G_TYPE_OBJECT)

void
_pp_step_result_free (PpStepResult *step)
{
  if (step == NULL)
    return;

  g_free (step->message);
  g_free (step->backend);
  g_free (step->memory_limit_by);
  g_strfreev (step->seccomp_unresolved);
  g_free (step);
}

static gboolean
read_count (JsonObject  *object,
            const char  *name,
            gint64      *value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the sandbox's result has no integer “%s”", name);
      return FALSE;
    }

  *value = json_node_get_int (node);
  return TRUE;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The strings of the array @name; empty when there is none. */
static GStrv
get_strings (JsonObject *object,
             const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  return g_strv_builder_end (builder);
}

/* Parses the single JSON object pairpad-sandbox writes to its --result
 * file. Fields a newer sandbox adds are ignored; those an older one lacks
 * are left empty. */
PpStepResult *
_pp_step_result_new_from_json (const char  *json,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PpStepResult) step = g_new0 (PpStepResult, 1);
  JsonObject *object;
  JsonNode *root;
  JsonNode *node;
  const char *code;
  gint64 exit_code, signal, cpu_ms, wall_ms, max_rss_kb;

  if (!json_parser_load_from_data (parser, json, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the sandbox's result is not a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);

  code = get_string (object, "status");
  if (code == NULL || !pp_run_status_from_code (code, &step->status))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the sandbox's result has an unknown status “%s”",
                   code != NULL ? code : "");
      return NULL;
    }

  if (!read_count (object, "exit_code", &exit_code, error) ||
      !read_count (object, "signal", &signal, error) ||
      !read_count (object, "cpu_ms", &cpu_ms, error) ||
      !read_count (object, "wall_ms", &wall_ms, error) ||
      !read_count (object, "max_rss_kb", &max_rss_kb, error))
    return NULL;

  step->exit_code = (int) exit_code;
  step->signal = (int) signal;
  step->cpu_ms = (guint64) MAX (cpu_ms, 0);
  step->wall_ms = (guint64) MAX (wall_ms, 0);
  step->max_rss_kb = (guint64) MAX (max_rss_kb, 0);
  node = json_object_get_member (object, "output_truncated");
  step->output_truncated = node != NULL &&
                           json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                           json_node_get_boolean (node);
  step->message = g_strdup (get_string (object, "message"));
  step->backend = g_strdup (get_string (object, "backend"));
  step->memory_limit_by = g_strdup (get_string (object, "memory_limit_by"));
  if (step->message == NULL)
    step->message = g_strdup ("");
  if (step->backend == NULL)
    step->backend = g_strdup ("");
  if (step->memory_limit_by == NULL)
    step->memory_limit_by = g_strdup ("");
  node = json_object_get_member (object, "landlock_abi");
  step->landlock_abi = node != NULL && json_node_get_value_type (node) == G_TYPE_INT64
                       ? (int) CLAMP (json_node_get_int (node), 0, G_MAXINT) : -1;
  step->seccomp_unresolved = get_strings (object, "seccomp_unresolved");

  return g_steal_pointer (&step);
}

static void
pp_run_result_finalize (GObject *object)
{
  PpRunResult *self = PP_RUN_RESULT (object);

  for (guint i = 0; i < N_STAGES; i++)
    {
      g_clear_pointer (&self->steps[i], _pp_step_result_free);
      for (guint j = 0; j < N_STREAMS; j++)
        g_clear_pointer (&self->output[i][j], g_byte_array_unref);
    }

  G_OBJECT_CLASS (pp_run_result_parent_class)->finalize (object);
}

static void
pp_run_result_class_init (PpRunResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pp_run_result_finalize;
}

static void
pp_run_result_init (PpRunResult *self)
{
  for (guint i = 0; i < N_STAGES; i++)
    for (guint j = 0; j < N_STREAMS; j++)
      self->output[i][j] = g_byte_array_new ();
}

PpRunResult *
_pp_run_result_new (void)
{
  return g_object_new (PP_TYPE_RUN_RESULT, NULL);
}

void
_pp_run_result_set_stage (PpRunResult *self,
                          PpRunStage   stage)
{
  g_assert (stage < N_STAGES);

  self->stage = stage;
}

void
_pp_run_result_take_step (PpRunResult  *self,
                          PpRunStage    stage,
                          PpStepResult *step)
{
  g_assert (stage < N_STAGES);

  g_clear_pointer (&self->steps[stage], _pp_step_result_free);
  self->steps[stage] = step;
}

/* Keeps at most @max_length bytes of a stream and returns how many of
 * @length it kept. */
gsize
_pp_run_result_append_output (PpRunResult  *self,
                              PpRunStage    stage,
                              PpRunStream   stream,
                              const guint8 *data,
                              gsize         length,
                              gsize         max_length)
{
  GByteArray *output;
  gsize kept;

  g_assert (stage < N_STAGES);
  g_assert (stream < N_STREAMS);

  output = self->output[stage][stream];
  kept = output->len >= max_length ? 0 : MIN (length, max_length - output->len);
  g_byte_array_append (output, data, (guint) kept);

  return kept;
}

/**
 * pp_run_result_get_stage:
 *
 * Returns: %PP_RUN_STAGE_COMPILE when the program did not compile (the run
 *   step never started), else %PP_RUN_STAGE_RUN
 */
PpRunStage
pp_run_result_get_stage (PpRunResult *self)
{
  g_return_val_if_fail (PP_IS_RUN_RESULT (self), PP_RUN_STAGE_COMPILE);

  return self->stage;
}

/**
 * pp_run_result_get_step:
 *
 * Returns: (nullable): what the sandbox reported for @stage, or %NULL when
 *   that step did not run (no compile step for an interpreted language; no
 *   run step after a failed compile)
 */
const PpStepResult *
pp_run_result_get_step (PpRunResult *self,
                        PpRunStage   stage)
{
  g_return_val_if_fail (PP_IS_RUN_RESULT (self), NULL);
  g_return_val_if_fail (stage < N_STAGES, NULL);

  return self->steps[stage];
}

/**
 * pp_run_result_get_output:
 *
 * The bytes @stage wrote to @stream, up to the run's output limit: the
 * compiler's messages are the compile stage's standard error.
 *
 * Returns: (transfer full): the bytes, empty when there were none
 */
GBytes *
pp_run_result_get_output (PpRunResult *self,
                          PpRunStage   stage,
                          PpRunStream  stream)
{
  GByteArray *output;

  g_return_val_if_fail (PP_IS_RUN_RESULT (self), NULL);
  g_return_val_if_fail (stage < N_STAGES, NULL);
  g_return_val_if_fail (stream < N_STREAMS, NULL);

  output = self->output[stage][stream];
  return g_bytes_new (output->data, output->len);
}

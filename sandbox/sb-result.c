/* sb-result.c — how a run ended, as one JSON object
 *
 * Every step that fails says so here with sb_fail: the run's status
 * becomes XX and its message names the step. The result goes to --result
 * (or the fd the outer side of the Flatpak backend passed), else as the
 * last line on stderr.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sb.h"

void
sb_fail_because (SbResult *result, const char *step, const char *why)
{
  result->status = SB_XX;
  if (why != NULL)
    snprintf (result->message, sizeof result->message, "Sandbox set-up failed at %s: %s", step, why);
  else
    snprintf (result->message, sizeof result->message, "Sandbox set-up failed at %s", step);
}

void
sb_fail (SbResult *result, const char *step, int err)
{
  sb_fail_because (result, step, err != 0 ? strerror (err) : NULL);
}

int
sb_result_write (const SbPolicy *policy, const SbResult *result)
{
  static const char *const names[] = { "OK", "RE", "SG", "TO", "ML", "OL", "XX" };
  json_t *json = json_object ();
  json_t *unresolved = json_array ();
  int fd = policy->result_fd >= 0 ? policy->result_fd : 2;

  json_object_set_new (json, "status", json_string (names[result->status]));
  json_object_set_new (json, "exit_code", json_integer (result->exit_code));
  json_object_set_new (json, "signal", json_integer (result->signal));
  json_object_set_new (json, "cpu_ms", json_integer (result->cpu_ms));
  json_object_set_new (json, "wall_ms", json_integer (result->wall_ms));
  json_object_set_new (json, "max_rss_kb", json_integer (result->max_rss_kb));
  json_object_set_new (json, "output_truncated", json_boolean (result->output_truncated));
  /* Messages may quote paths: keep them valid UTF-8 for JSON. */
  json_t *message = json_string (result->message);
  json_object_set_new (json, "message", message ? message : json_string ("(not valid UTF-8)"));
  json_object_set_new (json, "backend", json_string (result->backend));
  if (result->memory_by != NULL)
    json_object_set_new (json, "memory_limit_by", json_string (result->memory_by));
  if (strcmp (result->backend, "flatpak") == 0)
    json_object_set_new (json, "landlock_abi", json_integer (result->landlock_abi));
  for (size_t i = 0; i < result->n_seccomp_unresolved; i++)
    json_array_append_new (unresolved, json_string (result->seccomp_unresolved[i]));
  json_object_set_new (json, "seccomp_unresolved", unresolved);

  char *text = json_dumps (json, JSON_COMPACT);
  if (text != NULL)
    {
      /* One line of its own, also after output that did not end one. */
      const char *start = fd == 2 && result->stderr_mid_line ? "\n" : "";
      dprintf (fd, "%s%s\n", start, text);
      free (text);
    }
  json_decref (json);
  return result->status == SB_XX ? 1 : 0;
}

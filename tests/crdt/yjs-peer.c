/* yjs-peer.c: talk to real Yjs documents in a Node process
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "yjs-peer.h"

struct _YjsPeer {
  GSubprocess *node;
  GOutputStream *in;
  GDataInputStream *out;
};

YjsPeer *
yjs_peer_start (void)
{
  const char *dir = g_getenv ("PAIRPAD_TESTS_DIR");
  g_autofree char *script = NULL;
  g_autofree char *modules = NULL;
  g_autoptr(GError) error = NULL;
  YjsPeer *yjs;

  g_assert_nonnull (dir);
  script = g_build_filename (dir, "crdt", "yjs-peer.mjs", NULL);
  modules = g_build_filename (dir, "node_modules", "yjs", NULL);
  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    g_error ("Yjs is not installed in %s/node_modules: run build-aux/dev setup", dir);

  yjs = g_new0 (YjsPeer, 1);
  yjs->node = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                &error, "node", script, NULL);
  g_assert_no_error (error);
  yjs->in = g_subprocess_get_stdin_pipe (yjs->node);
  yjs->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (yjs->node));
  return yjs;
}

void
yjs_peer_stop (YjsPeer *yjs)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (yjs->in, NULL, NULL);
  g_subprocess_wait_check (yjs->node, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (yjs->out);
  g_object_unref (yjs->node);
  g_free (yjs);
}

JsonNode *
yjs_int (gint64 v)
{
  JsonNode *n = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (n, v);
  return n;
}

JsonNode *
yjs_str (const char *s)
{
  JsonNode *n = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (n, s);
  return n;
}

JsonNode *
yjs_bytes (const guint8 *data, gsize len)
{
  g_autofree char *b64 = g_base64_encode (data, len);

  return yjs_str (b64);
}

JsonNode *
yjs_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *n = json_from_string (json, &error);

  g_assert_no_error (error);
  return n;
}

GBytes *
yjs_get_bytes (JsonObject *answer, const char *member)
{
  gsize len;
  guchar *data = g_base64_decode (json_object_get_string_member (answer, member), &len);

  return g_bytes_new_take (data, len);
}

char *
yjs_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static JsonObject *
yjs_callv (YjsPeer *yjs, gboolean allow_error, const char *cmd, const char *first_member, va_list ap)
{
  g_autoptr(JsonObject) req = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) parsed = NULL;

  json_object_set_string_member (req, "cmd", cmd);
  for (const char *name = first_member; name != NULL; name = va_arg (ap, const char *))
    json_object_set_member (req, name, va_arg (ap, JsonNode *));
  json_node_set_object (root, req);
  line = json_to_string (root, FALSE);
  g_output_stream_write_all (yjs->in, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (yjs->in, "\n", 1, NULL, NULL, &error);
  g_assert_no_error (error);

  answer = g_data_input_stream_read_line_utf8 (yjs->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  parsed = json_from_string (answer, &error);
  g_assert_no_error (error);
  if (!allow_error && json_object_has_member (json_node_get_object (parsed), "error"))
    g_error ("Yjs peer failed on %s: %s", cmd, json_object_get_string_member (json_node_get_object (parsed), "error"));
  return json_object_ref (json_node_get_object (parsed));
}

JsonObject *
yjs_call (YjsPeer *yjs, gboolean allow_error, const char *cmd, const char *first_member, ...)
{
  JsonObject *answer;
  va_list ap;

  va_start (ap, first_member);
  answer = yjs_callv (yjs, allow_error, cmd, first_member, ap);
  va_end (ap);
  return answer;
}

void
yjs_do (YjsPeer *yjs, const char *cmd, const char *first_member, ...)
{
  g_autoptr(JsonObject) answer = NULL;
  va_list ap;

  va_start (ap, first_member);
  answer = yjs_callv (yjs, FALSE, cmd, first_member, ap);
  va_end (ap);
}

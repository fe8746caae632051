/* test-flatpak-manifest.c: the Flatpak manifest builds this app, and asks
 * for what a camera/microphone/network app needs and nothing more.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

static JsonObject *
load_manifest (JsonParser **parser_out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_file (parser, MANIFEST_PATH, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  *parser_out = g_steal_pointer (&parser);
  return json_node_get_object (root);
}

static void
test_names_app (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);
  const char *runtime_version;

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, APPLICATION_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "pairpad");
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");

  /* A numbered GNOME release, not "master": builds must be repeatable. */
  runtime_version = json_object_get_string_member (manifest, "runtime-version");
  g_assert_nonnull (runtime_version);
  g_assert_true (g_ascii_isdigit (runtime_version[0]));
}

static void
test_finish_args (void)
{
  static const char * const expected[] = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--socket=pulseaudio",
    "--device=dri",
  };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (args);
  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      g_assert_nonnull (arg);
      g_assert_true (g_strv_contains (expected, arg));
      g_assert_true (g_hash_table_add (seen, (gpointer) arg));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (expected));
}

static void
test_builds_local_checkout (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *app = NULL;
  JsonArray *sources;
  JsonObject *source;

  g_assert_nonnull (modules);
  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonNode *node = json_array_get_element (modules, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                 "name", NULL), "pairpad") == 0)
        app = json_node_get_object (node);
    }
  g_assert_nonnull (app);
  g_assert_cmpstr (json_object_get_string_member (app, "buildsystem"), ==, "meson");

  sources = json_object_get_array_member (app, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 1);
  source = json_array_get_object_element (sources, 0);
  g_assert_cmpstr (json_object_get_string_member (source, "type"), ==, "dir");
  g_assert_cmpstr (json_object_get_string_member (source, "path"), ==, "..");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/flatpak/names-app", test_names_app);
  g_test_add_func ("/data/flatpak/finish-args", test_finish_args);
  g_test_add_func ("/data/flatpak/builds-local-checkout", test_builds_local_checkout);

  return g_test_run ();
}

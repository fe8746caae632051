/* pairpad-crdt: inspect saved Yjs v1 updates and replay editing traces
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pp-crdt.h"
#include "pp-trace.h"

static const char usage[] =
  "Usage:\n"
  "  pairpad-crdt apply [--text NAME] FILE...\n"
  "      Apply the Yjs v1 updates in FILE... in order to an empty document\n"
  "      and print text NAME (default: code).\n"
  "  pairpad-crdt state-vector FILE...\n"
  "      Apply the updates and print one \"client clock\" line per client.\n"
  "  pairpad-crdt dump [--text NAME]... [--map NAME]... [--array NAME]... FILE...\n"
  "      Apply the updates and print the named root types as JSON.\n"
  "  pairpad-crdt replay [--text NAME] [--client-id ID] TRACE.json.gz OUT\n"
  "      Replay a sequential editing trace, one transaction per trace\n"
  "      transaction, and write the whole state as one update to OUT.\n";

static int
fail_usage (const char *why)
{
  if (why != NULL)
    g_printerr ("pairpad-crdt: %s\n", why);
  g_printerr ("%s", usage);
  return 2;
}

/* Applies every file; on a bad file prints one line and returns FALSE. */
static gboolean
apply_files (PpDoc *doc, char **files)
{
  for (char **f = files; *f != NULL; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len;

      if (!g_file_get_contents (*f, &data, &len, &error) ||
          !pp_doc_apply_update (doc, (const guint8 *) data, len, NULL, &error))
        {
          g_printerr ("pairpad-crdt: %s: %s\n", *f, error->message);
          return FALSE;
        }
    }
  if (pp_doc_has_pending (doc))
    g_printerr ("pairpad-crdt: warning: some changes depend on updates that were not given\n");
  return TRUE;
}

static int
cmd_apply (int argc, char **argv)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &name, "Text to print", "NAME" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE..." },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("- apply updates");
  g_autoptr(GError) error = NULL;
  PpDoc *doc;
  g_autofree char *text = NULL;

  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_help_enabled (ctx, FALSE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return fail_usage (error->message);
  if (files == NULL)
    return fail_usage ("apply needs at least one file");

  doc = pp_doc_new ();
  if (!apply_files (doc, files))
    {
      pp_doc_free (doc);
      return 1;
    }
  text = pp_text_to_string (pp_doc_get_text (doc, name ? name : "code"));
  fputs (text, stdout);
  pp_doc_free (doc);
  return fflush (stdout) == 0 ? 0 : 1;
}

static int
compare_u32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static int
cmd_state_vector (int argc, char **argv)
{
  PpDoc *doc;
  g_autoptr(GBytes) sv = NULL;
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GArray) clients = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer key;

  if (argc < 2)
    return fail_usage ("state-vector needs at least one file");
  doc = pp_doc_new ();
  if (!apply_files (doc, argv + 1))
    {
      pp_doc_free (doc);
      return 1;
    }
  sv = pp_doc_encode_state_vector (doc);
  table = pp_state_vector_decode (g_bytes_get_data (sv, NULL), g_bytes_get_size (sv), NULL);
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 c = GPOINTER_TO_UINT (key);
      g_array_append_val (clients, c);
    }
  g_array_sort (clients, compare_u32);
  for (guint i = 0; i < clients->len; i++)
    {
      guint32 c = g_array_index (clients, guint32, i);
      printf ("%u %u\n", c, GPOINTER_TO_UINT (g_hash_table_lookup (table, GUINT_TO_POINTER (c))));
    }
  pp_doc_free (doc);
  return fflush (stdout) == 0 ? 0 : 1;
}

static int
cmd_dump (int argc, char **argv)
{
  g_auto(GStrv) texts = NULL, maps = NULL, arrays = NULL, files = NULL;
  GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING_ARRAY, &texts, "A text to print", "NAME" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, "A map to print", "NAME" },
    { "array", 0, 0, G_OPTION_ARG_STRING_ARRAY, &arrays, "An array to print", "NAME" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE..." },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("- dump root types");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  PpDoc *doc;

  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_help_enabled (ctx, FALSE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return fail_usage (error->message);
  if (files == NULL)
    return fail_usage ("dump needs at least one file");
  doc = pp_doc_new ();
  if (!apply_files (doc, files))
    {
      pp_doc_free (doc);
      return 1;
    }
  json_builder_begin_object (builder);
  for (char **n = texts; n && *n; n++)
    {
      g_autofree char *s = pp_text_to_string (pp_doc_get_text (doc, *n));
      json_builder_set_member_name (builder, *n);
      json_builder_add_string_value (builder, s);
    }
  for (char **n = maps; n && *n; n++)
    {
      g_autoptr(GVariant) v = pp_map_to_variant (pp_doc_get_map (doc, *n));
      json_builder_set_member_name (builder, *n);
      json_builder_add_value (builder, json_gvariant_serialize (v));
    }
  for (char **n = arrays; n && *n; n++)
    {
      g_autoptr(GVariant) v = pp_array_to_variant (pp_doc_get_array (doc, *n));
      json_builder_set_member_name (builder, *n);
      json_builder_add_value (builder, json_gvariant_serialize (v));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  puts (json);
  pp_doc_free (doc);
  return fflush (stdout) == 0 ? 0 : 1;
}

static int
cmd_replay (int argc, char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *client = NULL;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &name, "Text to replay into", "NAME" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client, "Client id of the document", "ID" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "TRACE OUT" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("- replay a trace");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpTrace) trace = NULL;
  g_autoptr(GBytes) state = NULL;
  g_autofree char *text = NULL;
  PpDoc *doc;
  guint64 id = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_help_enabled (ctx, FALSE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return fail_usage (error->message);
  if (files == NULL || g_strv_length (files) != 2)
    return fail_usage ("replay needs a trace and an output file");
  if (client != NULL && (!g_ascii_string_to_unsigned (client, 10, 0, G_MAXUINT32, &id, &error)))
    return fail_usage (error->message);

  trace = pp_trace_load (files[0], &error);
  if (trace == NULL)
    {
      g_printerr ("pairpad-crdt: %s: %s\n", files[0], error->message);
      return 1;
    }
  doc = client != NULL ? pp_doc_new_with_client_id (id) : pp_doc_new ();
  if (!pp_trace_replay (trace, pp_doc_get_text (doc, name ? name : "code"), &error))
    {
      g_printerr ("pairpad-crdt: %s: %s\n", files[0], error->message);
      pp_doc_free (doc);
      return 1;
    }
  text = pp_text_to_string (pp_doc_get_text (doc, name ? name : "code"));
  if (trace->end_content != NULL && g_strcmp0 (text, trace->end_content) != 0)
    g_printerr ("pairpad-crdt: warning: the result differs from the trace’s endContent\n");
  state = pp_doc_encode_state (doc, NULL, 0, NULL);
  pp_doc_free (doc);
  if (!g_file_set_contents (files[1], g_bytes_get_data (state, NULL), g_bytes_get_size (state), &error))
    {
      g_printerr ("pairpad-crdt: %s\n", error->message);
      return 1;
    }
  return 0;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc < 2)
    return fail_usage (NULL);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (usage, stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "apply"))
    return cmd_apply (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "state-vector"))
    return cmd_state_vector (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "dump"))
    return cmd_dump (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "replay"))
    return cmd_replay (argc - 1, argv + 1);
  return fail_usage ("unknown command");
}

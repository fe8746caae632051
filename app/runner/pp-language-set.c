/* pp-language-set.c
 *
 * The file is an object whose "languages" member is an array of language
 * objects (app/runner/README.md has the format). Keys starting with "$"
 * are comments anywhere in it.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pp-language-private.h"
#include "pp-language-set.h"

struct _PpLanguageSet
{
  GObject     parent_instance;

  GPtrArray  *languages;   /* owned PpLanguage, in file order */
  GHashTable *by_id;       /* id (borrowed) → PpLanguage (borrowed) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PpLanguageSet, pp_language_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))
G_DEFINE_QUARK (pp-language-set-error-quark, pp_language_set_error)

static GType
get_item_type (GListModel *model)
{
  return PP_TYPE_LANGUAGE;
}

static guint
get_n_items (GListModel *model)
{
  return PP_LANGUAGE_SET (model)->languages->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PpLanguageSet *self = PP_LANGUAGE_SET (model);

  if (position >= self->languages->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->languages, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
pp_language_set_finalize (GObject *object)
{
  PpLanguageSet *self = PP_LANGUAGE_SET (object);

  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->languages);

  G_OBJECT_CLASS (pp_language_set_parent_class)->finalize (object);
}

static void
pp_language_set_class_init (PpLanguageSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pp_language_set_finalize;
}

static void
pp_language_set_init (PpLanguageSet *self)
{
  self->languages = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
invalid (GError     **error,
         const char  *path,
         const char  *what)
{
  g_set_error (error, PP_LANGUAGE_SET_ERROR, PP_LANGUAGE_SET_ERROR_INVALID,
               _("The language definitions in “%s” are broken: %s"), path, what);
  return FALSE;
}

static gboolean
add_languages (PpLanguageSet  *self,
               const char     *path,
               JsonNode       *root,
               GError        **error)
{
  JsonObject *object = NULL;
  JsonNode *node = NULL;
  JsonArray *array = NULL;

  if (root == NULL)
    return invalid (error, path, "it is empty");

  if (JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);
  if (object != NULL)
    node = json_object_get_member (object, "languages");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    array = json_node_get_array (node);

  if (array == NULL)
    return invalid (error, path, "it must be an object with a “languages” array");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PpLanguage) language = NULL;
      g_autofree char *what = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          what = g_strdup_printf ("language %u is not an object", i + 1);
          return invalid (error, path, what);
        }

      language = _pp_language_new_from_json (json_node_get_object (element), &local_error);
      if (language == NULL)
        {
          /* Name the entry by its id when it has a usable one. */
          JsonNode *id_node = json_object_get_member (json_node_get_object (element), "id");
          const char *id = NULL;

          if (id_node != NULL && json_node_get_value_type (id_node) == G_TYPE_STRING)
            id = json_node_get_string (id_node);

          if (id != NULL)
            what = g_strdup_printf ("language %u (“%s”): %s", i + 1, id, local_error->message);
          else
            what = g_strdup_printf ("language %u: %s", i + 1, local_error->message);
          return invalid (error, path, what);
        }

      if (g_hash_table_contains (self->by_id, pp_language_get_id (language)))
        {
          what = g_strdup_printf ("language %u: the id “%s” is used twice",
                                  i + 1, pp_language_get_id (language));
          return invalid (error, path, what);
        }

      g_hash_table_insert (self->by_id, (gpointer) pp_language_get_id (language), language);
      g_ptr_array_add (self->languages, g_steal_pointer (&language));
    }

  if (self->languages->len == 0)
    return invalid (error, path, "it describes no language");

  return TRUE;
}

/**
 * pp_language_set_new_from_file:
 * @path: a languages.json file
 *
 * Reads @path (it blocks: call it once, at start-up). A file that cannot
 * be read gives a #GFileError; one that is not JSON or does not describe
 * languages as it should gives %PP_LANGUAGE_SET_ERROR_INVALID, with a
 * message naming the file, the language and the field.
 *
 * Returns: (transfer full): the languages, none detected yet
 */
PpLanguageSet *
pp_language_set_new_from_file (const char  *path,
                               GError     **error)
{
  g_autoptr(PpLanguageSet) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, (gssize) length, &local_error))
    {
      g_autofree char *what = g_strdup_printf ("it is not valid JSON (%s)",
                                               local_error->message);

      invalid (error, path, what);
      return NULL;
    }

  self = g_object_new (PP_TYPE_LANGUAGE_SET, NULL);
  if (!add_languages (self, path, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * pp_language_set_lookup:
 *
 * Returns: (transfer none) (nullable): the language with @id, if any
 */
PpLanguage *
pp_language_set_lookup (PpLanguageSet *self,
                        const char    *id)
{
  g_return_val_if_fail (PP_IS_LANGUAGE_SET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

typedef struct
{
  guint     pending;
  gboolean  cancelled;
} DetectAll;

static void
language_detected (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DetectAll *all = g_task_get_task_data (task);

  if (!_pp_language_detect_finish (PP_LANGUAGE (object), result, NULL))
    all->cancelled = TRUE;

  if (--all->pending > 0)
    return;

  if (all->cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("Looking for compilers and interpreters was cancelled"));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pp_language_set_detect_async:
 *
 * Runs every language's version command at once, on this computer and
 * with the sandbox's PATH. When it finishes, each language knows whether
 * it is available and its version, or why it is missing. A missing
 * toolchain is not an error: only cancelling makes the call fail.
 */
void
pp_language_set_detect_async (PpLanguageSet       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DetectAll *all;

  g_return_if_fail (PP_IS_LANGUAGE_SET (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pp_language_set_detect_async);

  all = g_new0 (DetectAll, 1);
  all->pending = self->languages->len;
  g_task_set_task_data (task, all, g_free);

  for (guint i = 0; i < self->languages->len; i++)
    _pp_language_detect_async (g_ptr_array_index (self->languages, i), cancellable,
                               language_detected, g_object_ref (task));
}

gboolean
pp_language_set_detect_finish (PpLanguageSet  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (PP_IS_LANGUAGE_SET (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* pp-sync.c: y-protocols sync and awareness messages
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "pp-lib0.h"
#include "pp-sync.h"

/* ---- sync ---- */

static GBytes *
typed_bytes (guint type, const guint8 *data, gsize len)
{
  PpEncoder enc;

  pp_encoder_init (&enc);
  pp_write_var_uint (&enc, type);
  pp_write_var_bytes (&enc, data, len);
  return pp_encoder_free_to_bytes (&enc);
}

/**
 * pp_sync_encode_step1:
 * @doc: a document
 *
 * Returns: (transfer full): a sync step 1 with @doc's state vector
 */
GBytes *
pp_sync_encode_step1 (PpDoc *doc)
{
  g_autoptr(GBytes) sv = pp_doc_encode_state_vector (doc);

  return typed_bytes (PP_SYNC_STEP1, g_bytes_get_data (sv, NULL), g_bytes_get_size (sv));
}

/**
 * pp_sync_encode_step2:
 * @doc: a document
 * @sv: (array length=sv_len): the peer's encoded state vector
 * @sv_len: its length in bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a sync step 2, or %NULL with @error
 *   set when @sv is malformed
 */
GBytes *
pp_sync_encode_step2 (PpDoc *doc, const guint8 *sv, gsize sv_len, GError **error)
{
  g_autoptr(GBytes) update = pp_doc_encode_state (doc, sv, sv_len, error);

  if (update == NULL)
    return NULL;
  return typed_bytes (PP_SYNC_STEP2, g_bytes_get_data (update, NULL), g_bytes_get_size (update));
}

/**
 * pp_sync_encode_update:
 * @update: (array length=len): an update
 * @len: its length in bytes
 *
 * Returns: (transfer full): a sync update message carrying @update
 */
GBytes *
pp_sync_encode_update (const guint8 *update, gsize len)
{
  return typed_bytes (PP_SYNC_UPDATE, update, len);
}

static int
read_message (PpDoc *doc, const guint8 *message, gsize len, gboolean remote, gpointer origin,
              GBytes **reply, GError **error)
{
  PpDecoder dec;
  guint64 type;
  const guint8 *payload;
  gsize plen;

  if (reply != NULL)
    *reply = NULL;
  pp_decoder_init (&dec, message, len);
  type = pp_read_var_uint (&dec);
  payload = pp_read_var_bytes (&dec, &plen);
  if (pp_decoder_ok (&dec) && type > PP_SYNC_UPDATE)
    {
      dec.pos = message;
      pp_decoder_fail (&dec, "unknown sync message type");
    }
  if (pp_decoder_ok (&dec) && pp_decoder_has_content (&dec))
    pp_decoder_fail (&dec, "unexpected data after the message");
  if (!pp_decoder_ok (&dec))
    {
      g_set_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED,
                   "Malformed sync message at byte %" G_GSIZE_FORMAT ": %s", dec.failed_at, dec.failure);
      return -1;
    }
  switch (type)
    {
    case PP_SYNC_STEP1:
      {
        GBytes *answer = pp_sync_encode_step2 (doc, payload, plen, error);
        if (answer == NULL)
          return -1;
        if (reply != NULL)
          *reply = answer;
        else
          g_bytes_unref (answer);
      }
      break;
    case PP_SYNC_STEP2:
    case PP_SYNC_UPDATE:
      if (remote ? !pp_doc_apply_remote_update (doc, payload, plen, origin, error)
                 : !pp_doc_apply_update (doc, payload, plen, origin, error))
        return -1;
      break;
    default:
      g_assert_not_reached ();
    }
  return (int) type;
}

/**
 * pp_sync_read_message:
 * @doc: a document
 * @message: (array length=len): a sync message from a trusted source
 * @len: its length in bytes
 * @origin: (nullable): the origin of the transaction that applies an update
 * @reply: (out) (optional) (transfer full) (nullable): the step 2 to send
 *   back for a step 1, else %NULL
 * @error: return location for a #GError
 *
 * Returns: the message type, or -1 with @error set
 */
int
pp_sync_read_message (PpDoc *doc, const guint8 *message, gsize len, gpointer origin,
                      GBytes **reply, GError **error)
{
  return read_message (doc, message, len, FALSE, origin, reply, error);
}

/**
 * pp_sync_read_remote_message:
 * @doc: a document
 * @message: (array length=len): a sync message from a peer
 * @len: its length in bytes
 * @origin: (nullable): the origin of the transaction that applies an
 *   update, such as the peer
 * @reply: (out) (optional) (transfer full) (nullable): the step 2 to send
 *   back for a step 1, else %NULL
 * @error: return location for a #GError
 *
 * Like pp_sync_read_message(), but a step 2 or an update is applied with
 * pp_doc_apply_remote_update(): one that no honest peer sends is refused
 * (%PP_CRDT_ERROR_REFUSED) and changes nothing.
 *
 * Returns: the message type, or -1 with @error set
 */
int
pp_sync_read_remote_message (PpDoc *doc, const guint8 *message, gsize len, gpointer origin,
                             GBytes **reply, GError **error)
{
  return read_message (doc, message, len, TRUE, origin, reply, error);
}

/* ---- awareness ---- */

typedef struct {
  guint32 clock;
  gint64 last_updated;   /* ms */
  char *state;           /* compact JSON, NULL when removed */
} Meta;

typedef struct {
  PpAwarenessFunc func;
  gpointer user_data;
  guint id;
} Handler;

struct _PpAwareness {
  guint32 client_id;
  GHashTable *meta;      /* client -> Meta */
  GArray *handlers;
  guint next_id;
  PpClockFunc clock;
  gpointer clock_data;
  guint timer;
};

static void
meta_free (gpointer data)
{
  Meta *m = data;

  g_free (m->state);
  g_free (m);
}

static gint64
default_clock (gpointer user_data)
{
  return g_get_monotonic_time () / 1000;
}

static gint64
now_ms (PpAwareness *aw)
{
  return aw->clock (aw->clock_data);
}

/* Parses JSON and writes it back compactly, the way JSON.stringify does.
 * Returns NULL for invalid JSON; *is_null for the JSON null. */
static char *
canonical_json (const char *json, gsize len, gboolean *is_null, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  *is_null = FALSE;
  if (!json_parser_load_from_data (parser, json, len, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED, "Empty awareness state");
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (root))
    {
      *is_null = TRUE;
      return NULL;
    }
  return json_to_string (root, FALSE);
}

/**
 * pp_awareness_new:
 * @client_id: this peer's client id
 *
 * Returns: (transfer full): a new awareness; free it with
 *   pp_awareness_free()
 */
PpAwareness *
pp_awareness_new (guint32 client_id)
{
  PpAwareness *aw = g_new0 (PpAwareness, 1);

  aw->client_id = client_id;
  aw->meta = g_hash_table_new_full (NULL, NULL, NULL, meta_free);
  aw->handlers = g_array_new (FALSE, FALSE, sizeof (Handler));
  aw->next_id = 1;
  aw->clock = default_clock;
  pp_awareness_set_local_state (aw, "{}", NULL);
  return aw;
}

/**
 * pp_awareness_free:
 * @aw: (transfer full) (nullable): an awareness
 *
 * Stops its timer and frees it.
 */
void
pp_awareness_free (PpAwareness *aw)
{
  if (aw == NULL)
    return;
  if (aw->timer != 0)
    g_source_remove (aw->timer);
  g_hash_table_destroy (aw->meta);
  g_array_unref (aw->handlers);
  g_free (aw);
}

guint32
pp_awareness_get_client_id (PpAwareness *aw)
{
  return aw->client_id;
}

void
pp_awareness_set_clock (PpAwareness *aw, PpClockFunc func, gpointer user_data)
{
  aw->clock = func ? func : default_clock;
  aw->clock_data = user_data;
}

guint
pp_awareness_connect (PpAwareness *aw, PpAwarenessFunc func, gpointer user_data)
{
  Handler h = { func, user_data, aw->next_id++ };

  g_array_append_val (aw->handlers, h);
  return h.id;
}

void
pp_awareness_disconnect (PpAwareness *aw, guint handler_id)
{
  for (guint i = 0; i < aw->handlers->len; i++)
    if (g_array_index (aw->handlers, Handler, i).id == handler_id)
      {
        g_array_remove_index (aw->handlers, i);
        return;
      }
}

static gboolean
still_connected (PpAwareness *aw, guint handler_id)
{
  for (guint i = 0; i < aw->handlers->len; i++)
    if (g_array_index (aw->handlers, Handler, i).id == handler_id)
      return TRUE;
  return FALSE;
}

static void
emit (PpAwareness *aw, GArray *added, GArray *updated, GArray *removed, gboolean changed,
      gboolean local, gpointer origin)
{
  PpAwarenessChange change = {
    (guint32 *) added->data, added->len,
    (guint32 *) updated->data, updated->len,
    (guint32 *) removed->data, removed->len,
    changed, local, origin,
  };
  g_autoptr(GArray) handlers = NULL;

  if (added->len + updated->len + removed->len == 0)
    return;
  handlers = g_array_copy (aw->handlers);
  /* A handler may disconnect itself or another one on the way. */
  for (guint i = 0; i < handlers->len; i++)
    if (still_connected (aw, g_array_index (handlers, Handler, i).id))
      g_array_index (handlers, Handler, i).func (aw, &change, g_array_index (handlers, Handler, i).user_data);
}

static Meta *
meta_get (PpAwareness *aw, guint32 client, gboolean create)
{
  Meta *m = g_hash_table_lookup (aw->meta, GUINT_TO_POINTER (client));

  if (m == NULL && create)
    {
      m = g_new0 (Meta, 1);
      g_hash_table_insert (aw->meta, GUINT_TO_POINTER (client), m);
    }
  return m;
}

static void
set_local (PpAwareness *aw, char *state)
{
  Meta *m = meta_get (aw, aw->client_id, FALSE);
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) updated = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (guint32));
  gboolean changed;
  char *prev;

  if (m == NULL)
    m = meta_get (aw, aw->client_id, TRUE);
  else
    m->clock++;
  prev = m->state;
  m->state = state;
  m->last_updated = now_ms (aw);

  if (state == NULL)
    g_array_append_val (removed, aw->client_id);
  else if (prev == NULL)
    g_array_append_val (added, aw->client_id);
  else
    g_array_append_val (updated, aw->client_id);
  changed = added->len > 0 || removed->len > 0 || g_strcmp0 (prev, state) != 0;
  g_free (prev);
  emit (aw, added, updated, removed, changed, TRUE, NULL);
}

gboolean
pp_awareness_set_local_state (PpAwareness *aw, const char *json, GError **error)
{
  gboolean is_null = FALSE;
  char *state = NULL;

  if (json != NULL)
    {
      state = canonical_json (json, -1, &is_null, error);
      if (state == NULL && !is_null)
        return FALSE;
    }
  set_local (aw, state);
  return TRUE;
}

/**
 * pp_awareness_get_state:
 * @aw: an awareness
 * @client_id: a client
 *
 * Returns: (transfer none) (nullable): the client's state as compact JSON,
 *   valid until the state changes; %NULL when it has none
 */
const char *
pp_awareness_get_state (PpAwareness *aw, guint32 client_id)
{
  Meta *m = meta_get (aw, client_id, FALSE);

  return m ? m->state : NULL;
}

guint32
pp_awareness_get_clock (PpAwareness *aw, guint32 client_id)
{
  Meta *m = meta_get (aw, client_id, FALSE);

  return m ? m->clock : 0;
}

static int
compare_u32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/**
 * pp_awareness_get_clients:
 * @aw: an awareness
 * @n_clients: (out): return location for the number of clients
 *
 * Returns: (transfer full) (array length=n_clients): the clients with a
 *   state, sorted; free with g_free()
 */
guint32 *
pp_awareness_get_clients (PpAwareness *aw, guint *n_clients)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, aw->meta);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((Meta *) value)->state != NULL)
      {
        guint32 c = GPOINTER_TO_UINT (key);
        g_array_append_val (out, c);
      }
  g_array_sort (out, compare_u32);
  *n_clients = out->len;
  return (guint32 *) g_array_free (out, FALSE);
}

/**
 * pp_awareness_encode_update:
 * @aw: an awareness
 * @clients: (array length=n_clients): the clients to include
 * @n_clients: the number of @clients
 *
 * Returns: (transfer full): an awareness update with their states
 */
GBytes *
pp_awareness_encode_update (PpAwareness *aw, const guint32 *clients, guint n_clients)
{
  PpEncoder enc;

  pp_encoder_init (&enc);
  pp_write_var_uint (&enc, n_clients);
  for (guint i = 0; i < n_clients; i++)
    {
      Meta *m = meta_get (aw, clients[i], FALSE);
      pp_write_var_uint (&enc, clients[i]);
      pp_write_var_uint (&enc, m ? m->clock : 0);
      pp_write_var_string (&enc, m && m->state ? m->state : "null", -1);
    }
  return pp_encoder_free_to_bytes (&enc);
}

typedef struct {
  guint32 client;
  guint32 clock;
  char *state;
} Entry;

gboolean
pp_awareness_apply_update (PpAwareness *aw, const guint8 *update, gsize len, gpointer origin,
                           GError **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) updated = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (guint32));
  gboolean changed = FALSE;
  PpDecoder dec;
  guint64 n;
  gint64 now = now_ms (aw);

  /* Read and check everything first: a bad entry changes nothing. */
  pp_decoder_init (&dec, update, len);
  n = pp_read_var_uint (&dec);
  if (n > len)
    pp_decoder_fail (&dec, "too many entries");
  for (guint64 i = 0; i < n && pp_decoder_ok (&dec); i++)
    {
      Entry e = { 0, 0, NULL };
      gsize slen;
      const char *s;
      const guint8 *at;
      gboolean is_null;
      g_autoptr(GError) json_error = NULL;

      e.client = pp_read_var_u32 (&dec);
      e.clock = pp_read_var_u32 (&dec);
      at = dec.pos;
      s = pp_read_var_string (&dec, &slen);
      if (!pp_decoder_ok (&dec))
        break;
      e.state = canonical_json (s, slen, &is_null, &json_error);
      if (e.state == NULL && !is_null)
        {
          dec.pos = at;
          pp_decoder_fail (&dec, "state is not JSON");
          break;
        }
      g_array_append_val (entries, e);
    }
  if (pp_decoder_ok (&dec) && pp_decoder_has_content (&dec))
    pp_decoder_fail (&dec, "unexpected data after the update");
  if (!pp_decoder_ok (&dec))
    {
      for (guint i = 0; i < entries->len; i++)
        g_free (g_array_index (entries, Entry, i).state);
      g_set_error (error, PP_CRDT_ERROR, PP_CRDT_ERROR_MALFORMED,
                   "Malformed awareness update at byte %" G_GSIZE_FORMAT ": %s", dec.failed_at, dec.failure);
      return FALSE;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      Meta *m = meta_get (aw, e->client, FALSE);
      guint32 curr_clock = m ? m->clock : 0;
      guint32 clock = e->clock;
      gboolean had_meta = m != NULL;
      gboolean had_state = m != NULL && m->state != NULL;

      if (curr_clock < clock || (curr_clock == clock && e->state == NULL && had_state))
        {
          if (m == NULL)
            m = meta_get (aw, e->client, TRUE);
          if (e->state == NULL)
            {
              if (e->client == aw->client_id && m->state != NULL)
                clock++;   /* never let a peer remove our own state */
              else
                g_clear_pointer (&m->state, g_free);
            }
          else
            {
              if (g_strcmp0 (m->state, e->state) != 0 && had_meta)
                changed = TRUE;
              g_free (m->state);
              m->state = g_steal_pointer (&e->state);
            }
          m->clock = clock;
          m->last_updated = now;
          if (!had_meta && m->state != NULL)
            {
              g_array_append_val (added, e->client);
              changed = TRUE;
            }
          else if (had_meta && e->state == NULL && m->state == NULL)
            {
              g_array_append_val (removed, e->client);
              changed = TRUE;
            }
          else if (m->state != NULL)
            g_array_append_val (updated, e->client);
        }
      g_free (e->state);
    }
  emit (aw, added, updated, removed, changed, FALSE, origin);
  return TRUE;
}

void
pp_awareness_remove_states (PpAwareness *aw, const guint32 *clients, guint n_clients, gpointer origin)
{
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < n_clients; i++)
    {
      Meta *m = meta_get (aw, clients[i], FALSE);
      if (m == NULL || m->state == NULL)
        continue;
      g_clear_pointer (&m->state, g_free);
      if (clients[i] == aw->client_id)
        {
          m->clock++;
          m->last_updated = now_ms (aw);
        }
      g_array_append_val (removed, clients[i]);
    }
  emit (aw, none, none, removed, removed->len > 0, FALSE, origin);
}

void
pp_awareness_check (PpAwareness *aw)
{
  gint64 now = now_ms (aw);
  Meta *local = meta_get (aw, aw->client_id, FALSE);
  g_autoptr(GArray) outdated = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer key, value;

  if (local != NULL && local->state != NULL && now - local->last_updated >= PP_AWARENESS_OUTDATED_MS / 2)
    set_local (aw, g_strdup (local->state));
  g_hash_table_iter_init (&iter, aw->meta);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Meta *m = value;
      guint32 client = GPOINTER_TO_UINT (key);
      if (client != aw->client_id && m->state != NULL && now - m->last_updated >= PP_AWARENESS_OUTDATED_MS)
        g_array_append_val (outdated, client);
    }
  if (outdated->len > 0)
    pp_awareness_remove_states (aw, (guint32 *) outdated->data, outdated->len, NULL);
}

static gboolean
on_timer (gpointer data)
{
  pp_awareness_check (data);
  return G_SOURCE_CONTINUE;
}

void
pp_awareness_start_timer (PpAwareness *aw)
{
  if (aw->timer == 0)
    aw->timer = g_timeout_add (PP_AWARENESS_OUTDATED_MS / 10, on_timer, aw);
}

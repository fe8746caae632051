/* pp-signal-protocol.c — parsing and building signaling protocol v1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "pp-signal-protocol.h"

static const char *const type_names[] = {
  [PP_SIGNAL_MSG_INVALID] = NULL,
  [PP_SIGNAL_MSG_JOIN] = "join",
  [PP_SIGNAL_MSG_LEAVE] = "leave",
  [PP_SIGNAL_MSG_SIGNAL] = "signal",
  [PP_SIGNAL_MSG_HELLO] = "hello",
  [PP_SIGNAL_MSG_JOINED] = "joined",
  [PP_SIGNAL_MSG_PEER_JOINED] = "peer-joined",
  [PP_SIGNAL_MSG_PEER_LEFT] = "peer-left",
  [PP_SIGNAL_MSG_LEFT] = "left",
  [PP_SIGNAL_MSG_ERROR] = "error",
};

static const char *const error_names[PP_SIGNAL_N_ERRORS] = {
  [PP_SIGNAL_ERR_BAD_JSON] = "bad-json",
  [PP_SIGNAL_ERR_BAD_MESSAGE] = "bad-message",
  [PP_SIGNAL_ERR_UNKNOWN_TYPE] = "unknown-type",
  [PP_SIGNAL_ERR_UNSUPPORTED_VERSION] = "unsupported-version",
  [PP_SIGNAL_ERR_NOT_JOINED] = "not-joined",
  [PP_SIGNAL_ERR_ALREADY_JOINED] = "already-joined",
  [PP_SIGNAL_ERR_ROOM_FULL] = "room-full",
  [PP_SIGNAL_ERR_PEER_ID_TAKEN] = "peer-id-taken",
  [PP_SIGNAL_ERR_NO_SUCH_PEER] = "no-such-peer",
  [PP_SIGNAL_ERR_RATE_LIMITED] = "rate-limited",
  [PP_SIGNAL_ERR_SERVER_FULL] = "server-full",
  [PP_SIGNAL_ERR_UNAVAILABLE] = "unavailable",
};

const char *
pp_signal_msg_type_name (PpSignalMsgType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (type_names), NULL);
  return type_names[type];
}

const char *
pp_signal_error_code_name (PpSignalErrorCode code)
{
  g_return_val_if_fail (code < PP_SIGNAL_N_ERRORS, NULL);
  return error_names[code];
}

static gboolean
is_base64url (const char *s,
              gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '-' && s[i] != '_')
      return FALSE;
  return TRUE;
}

gboolean
pp_signal_room_id_is_valid (const char *room)
{
  return room != NULL && strlen (room) == PP_SIGNAL_ROOM_ID_LEN &&
         is_base64url (room, PP_SIGNAL_ROOM_ID_LEN);
}

gboolean
pp_signal_peer_id_is_valid (const char *peer)
{
  gsize len = peer ? strlen (peer) : 0;

  return len > 0 && len <= PP_SIGNAL_PEER_ID_MAX && is_base64url (peer, len);
}

gboolean
pp_signal_name_is_valid (const char *name)
{
  glong n = 0;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return FALSE;
    }
  return n > 0 && n <= PP_SIGNAL_NAME_MAX;
}

char *
pp_signal_room_id_new (void)
{
  guint8 raw[16];
  g_autofree char *b64 = NULL;
  char *id;

  /* The kernel's CSPRNG; getrandom blocks only before it is seeded. */
  if (getrandom (raw, sizeof raw, 0) != sizeof raw)
    g_error ("getrandom: %s", g_strerror (errno));

  b64 = g_base64_encode (raw, sizeof raw);
  id = g_strndup (b64, PP_SIGNAL_ROOM_ID_LEN);
  for (char *p = id; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }
  return id;
}

/* Parsing */

static PpSignalMsgType
type_from_name (const char *name)
{
  for (guint i = 1; i < G_N_ELEMENTS (type_names); i++)
    if (g_str_equal (name, type_names[i]))
      return i;
  return PP_SIGNAL_MSG_INVALID;
}

typedef struct
{
  JsonObject *obj;
  const char *type;
  PpSignalErrorCode *code;
  GError **error;
} Reader;

static gboolean
fail (Reader            *r,
      PpSignalErrorCode  code,
      const char        *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Reader            *r,
      PpSignalErrorCode  code,
      const char        *format,
      ...)
{
  va_list args;

  *r->code = code;
  va_start (args, format);
  if (r->error)
    *r->error = g_error_new_valist (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
get_string (Reader      *r,
            const char  *member,
            const char **out)
{
  JsonNode *node = json_object_get_member (r->obj, member);

  if (node == NULL)
    return fail (r, PP_SIGNAL_ERR_BAD_MESSAGE, "A “%s” message needs a “%s” member.",
                 r->type, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (r, PP_SIGNAL_ERR_BAD_MESSAGE, "The “%s” member of a “%s” message must be a string.",
                 member, r->type);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_array (Reader      *r,
           const char  *member,
           JsonArray  **out)
{
  JsonNode *node = json_object_get_member (r->obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (r, PP_SIGNAL_ERR_BAD_MESSAGE, "The “%s” member of a “%s” message must be an array.",
                 member, r->type);
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_version (Reader *r,
             gint64 *out)
{
  JsonNode *node = json_object_get_member (r->obj, "v");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (r, PP_SIGNAL_ERR_BAD_MESSAGE, "A “%s” message needs the protocol version “v” as an integer.",
                 r->type);
  *out = json_node_get_int (node);
  if (*out != PP_SIGNAL_PROTOCOL_VERSION)
    return fail (r, PP_SIGNAL_ERR_UNSUPPORTED_VERSION,
                 "Protocol version %" G_GINT64_FORMAT " is not supported; this server speaks version %d.",
                 *out, PP_SIGNAL_PROTOCOL_VERSION);
  return TRUE;
}

static gboolean
check_peer (Reader     *r,
            const char *member,
            const char *value)
{
  if (!pp_signal_peer_id_is_valid (value))
    return fail (r, PP_SIGNAL_ERR_BAD_MESSAGE,
                 "“%s” must be 1 to %d characters from A–Z, a–z, 0–9, “-” and “_”.",
                 member, PP_SIGNAL_PEER_ID_MAX);
  return TRUE;
}

static gboolean
parse_client (Reader          *r,
              PpSignalMessage *msg)
{
  switch (msg->type)
    {
    case PP_SIGNAL_MSG_JOIN:
      if (!get_version (r, &msg->version) ||
          !get_string (r, "room", &msg->room) ||
          !get_string (r, "peer", &msg->peer) ||
          !get_string (r, "name", &msg->name))
        return FALSE;
      if (!pp_signal_room_id_is_valid (msg->room))
        return fail (r, PP_SIGNAL_ERR_BAD_MESSAGE,
                     "“room” must be %d base64url characters (128 random bits).",
                     PP_SIGNAL_ROOM_ID_LEN);
      if (!check_peer (r, "peer", msg->peer))
        return FALSE;
      if (!pp_signal_name_is_valid (msg->name))
        return fail (r, PP_SIGNAL_ERR_BAD_MESSAGE,
                     "“name” must be 1 to %d characters with no control characters.",
                     PP_SIGNAL_NAME_MAX);
      return TRUE;

    case PP_SIGNAL_MSG_LEAVE:
      return TRUE;

    case PP_SIGNAL_MSG_SIGNAL:
      return get_string (r, "to", &msg->to) && check_peer (r, "to", msg->to) &&
             get_string (r, "data", &msg->data);

    default:
      return fail (r, PP_SIGNAL_ERR_UNKNOWN_TYPE, "“%s” is not a message a client can send.", r->type);
    }
}

static gboolean
parse_server (Reader          *r,
              PpSignalMessage *msg)
{
  switch (msg->type)
    {
    case PP_SIGNAL_MSG_HELLO:
      return get_version (r, &msg->version);

    case PP_SIGNAL_MSG_JOINED:
      return get_string (r, "room", &msg->room) && get_string (r, "peer", &msg->peer) &&
             get_array (r, "peers", &msg->peers) && get_array (r, "ice_servers", &msg->ice_servers);

    case PP_SIGNAL_MSG_PEER_JOINED:
      return get_string (r, "peer", &msg->peer) && get_string (r, "name", &msg->name);

    case PP_SIGNAL_MSG_PEER_LEFT:
      return get_string (r, "peer", &msg->peer);

    case PP_SIGNAL_MSG_SIGNAL:
      return get_string (r, "from", &msg->from) && get_string (r, "data", &msg->data);

    case PP_SIGNAL_MSG_LEFT:
      return TRUE;

    case PP_SIGNAL_MSG_ERROR:
      return get_string (r, "code", &msg->code) && get_string (r, "message", &msg->message);

    default:
      return fail (r, PP_SIGNAL_ERR_UNKNOWN_TYPE, "“%s” is not a message a server sends.", r->type);
    }
}

gboolean
pp_signal_message_parse (JsonParser        *parser,
                         const char        *text,
                         gsize              len,
                         gboolean           from_server,
                         PpSignalMessage   *msg,
                         PpSignalErrorCode *code,
                         GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  PpSignalErrorCode unused_code;
  Reader r = { .code = code ? code : &unused_code, .error = error };
  JsonNode *root;
  JsonNode *type_node;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (msg != NULL, FALSE);

  memset (msg, 0, sizeof *msg);

  if (!json_parser_load_from_data (parser, text, len, &local_error))
    return fail (&r, PP_SIGNAL_ERR_BAD_JSON, "The message is not valid JSON: %s", local_error->message);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (&r, PP_SIGNAL_ERR_BAD_MESSAGE, "A message must be a JSON object.");
  r.obj = json_node_get_object (root);

  type_node = json_object_get_member (r.obj, "type");
  if (type_node == NULL || !JSON_NODE_HOLDS_VALUE (type_node) ||
      json_node_get_value_type (type_node) != G_TYPE_STRING)
    return fail (&r, PP_SIGNAL_ERR_BAD_MESSAGE, "A message needs a “type” member that is a string.");
  r.type = json_node_get_string (type_node);
  msg->type = type_from_name (r.type);
  if (msg->type == PP_SIGNAL_MSG_INVALID)
    return fail (&r, PP_SIGNAL_ERR_UNKNOWN_TYPE, "“%.64s” is not a message type of protocol version %d.",
                 r.type, PP_SIGNAL_PROTOCOL_VERSION);

  return from_server ? parse_server (&r, msg) : parse_client (&r, msg);
}

/* Building */

static JsonBuilder *
begin (PpSignalMsgType type)
{
  JsonBuilder *b = json_builder_new_immutable ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type_names[type]);
  return b;
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

/* One generator per thread, kept: making and finalizing one per message
 * cost the server a tenth of its time relaying. */
static GPrivate generator_key = G_PRIVATE_INIT (g_object_unref);

static JsonGenerator *
generator (void)
{
  JsonGenerator *gen = g_private_get (&generator_key);

  if (gen == NULL)
    {
      gen = json_generator_new ();
      g_private_set (&generator_key, gen);
    }
  return gen;
}

static char *
generate (JsonNode *root,
          gsize    *len)
{
  JsonGenerator *gen = generator ();
  char *text;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, len);
  json_generator_set_root (gen, NULL);
  return text;
}

static char *
finish (JsonBuilder *b,
        gsize       *len)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  g_object_unref (b);
  return generate (root, len);
}

char *
pp_signal_build_join (const char *room,
                      const char *peer,
                      const char *name)
{
  JsonBuilder *b = begin (PP_SIGNAL_MSG_JOIN);

  json_builder_set_member_name (b, "v");
  json_builder_add_int_value (b, PP_SIGNAL_PROTOCOL_VERSION);
  add_string (b, "room", room);
  add_string (b, "peer", peer);
  add_string (b, "name", name);
  return finish (b, NULL);
}

char *
pp_signal_build_leave (void)
{
  return finish (begin (PP_SIGNAL_MSG_LEAVE), NULL);
}

char *
pp_signal_build_signal_to (const char *to,
                           const char *data)
{
  JsonBuilder *b = begin (PP_SIGNAL_MSG_SIGNAL);

  add_string (b, "to", to);
  add_string (b, "data", data);
  return finish (b, NULL);
}

/* The message the server makes most: built from its object directly,
 * without a builder's per-message object and state. */
char *
pp_signal_build_signal_from (const char *from,
                             const char *data,
                             gsize      *len)
{
  JsonObject *object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_alloc ();

  json_object_set_string_member (object, "type", type_names[PP_SIGNAL_MSG_SIGNAL]);
  json_object_set_string_member (object, "from", from);
  json_object_set_string_member (object, "data", data);
  json_node_take_object (json_node_init (root, JSON_NODE_OBJECT), object);
  return generate (root, len);
}

char *
pp_signal_build_hello (guint  max_peers,
                       guint  max_frame,
                       double msg_rate,
                       guint  msg_burst)
{
  JsonBuilder *b = begin (PP_SIGNAL_MSG_HELLO);

  json_builder_set_member_name (b, "v");
  json_builder_add_int_value (b, PP_SIGNAL_PROTOCOL_VERSION);
  json_builder_set_member_name (b, "max_peers");
  json_builder_add_int_value (b, max_peers);
  json_builder_set_member_name (b, "max_frame");
  json_builder_add_int_value (b, max_frame);
  json_builder_set_member_name (b, "msg_rate");
  json_builder_add_double_value (b, msg_rate);
  json_builder_set_member_name (b, "msg_burst");
  json_builder_add_int_value (b, msg_burst);
  return finish (b, NULL);
}

char *
pp_signal_build_joined (const char *room,
                        const char *peer,
                        JsonNode   *peers,
                        JsonNode   *ice_servers)
{
  JsonBuilder *b = begin (PP_SIGNAL_MSG_JOINED);

  add_string (b, "room", room);
  add_string (b, "peer", peer);
  json_builder_set_member_name (b, "peers");
  json_builder_add_value (b, json_node_copy (peers));
  json_builder_set_member_name (b, "ice_servers");
  json_builder_add_value (b, json_node_copy (ice_servers));
  return finish (b, NULL);
}

char *
pp_signal_build_peer_joined (const char *peer,
                             const char *name)
{
  JsonBuilder *b = begin (PP_SIGNAL_MSG_PEER_JOINED);

  add_string (b, "peer", peer);
  add_string (b, "name", name);
  return finish (b, NULL);
}

char *
pp_signal_build_peer_left (const char *peer)
{
  JsonBuilder *b = begin (PP_SIGNAL_MSG_PEER_LEFT);

  add_string (b, "peer", peer);
  return finish (b, NULL);
}

char *
pp_signal_build_left (void)
{
  return finish (begin (PP_SIGNAL_MSG_LEFT), NULL);
}

char *
pp_signal_build_error (PpSignalErrorCode code,
                       const char       *message)
{
  JsonBuilder *b = begin (PP_SIGNAL_MSG_ERROR);

  add_string (b, "code", pp_signal_error_code_name (code));
  add_string (b, "message", message);
  return finish (b, NULL);
}

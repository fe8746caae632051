/* pp-signal-server.h — the signaling server, embeddable
 *
 * pairpad-signal is a thin command line around this object; the app starts
 * the same server on a LAN address so that two people on one network need
 * no hosted server. It runs in the thread-default main context of the
 * thread that starts it and never blocks it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint max_peers;          /* per room; default 8 */
  guint max_connections;    /* WebSocket connections; default 16384 */
  double msg_rate;          /* messages per second per connection; default 50 */
  guint msg_burst;          /* token bucket size; default 200 */
  guint max_send_queue;     /* bytes queued for one slow client; default 1 MiB */
  guint ping_interval;      /* seconds between pings; idle after 2.5 of them; default 30 */
  guint handshake_timeout;  /* seconds to upgrade to WebSocket; default 10 */
  guint turn_ttl;           /* seconds TURN credentials stay valid; default 3600 */
} PpSignalLimits;

#define PP_TYPE_SIGNAL_SERVER (pp_signal_server_get_type ())
G_DECLARE_FINAL_TYPE (PpSignalServer, pp_signal_server, PP, SIGNAL_SERVER, GObject)

PpSignalServer *pp_signal_server_new            (void);

void      pp_signal_server_get_default_limits   (PpSignalLimits       *limits);
void      pp_signal_server_set_limits           (PpSignalServer       *self,
                                                 const PpSignalLimits *limits);
gboolean  pp_signal_server_set_tls_files        (PpSignalServer       *self,
                                                 const char           *cert_file,
                                                 const char           *key_file,
                                                 GError              **error);
gboolean  pp_signal_server_add_ice_uri          (PpSignalServer       *self,
                                                 const char           *uri,
                                                 GError              **error);
void      pp_signal_server_set_turn_secret      (PpSignalServer       *self,
                                                 const char           *secret);
gboolean  pp_signal_server_set_public_url       (PpSignalServer       *self,
                                                 const char           *url,
                                                 GError              **error);
/* Share rooms with every instance that uses the Redis server at URL
 * (pp-signal-cluster.h); NULL: serve alone. Before start(). */
gboolean  pp_signal_server_set_redis_url        (PpSignalServer       *self,
                                                 const char           *url,
                                                 GError              **error);
/* Log one line per event to stderr (off by default). */
void      pp_signal_server_set_logging          (PpSignalServer       *self,
                                                 gboolean              enabled);

/* Listens on ADDRESS (an IP literal, or "localhost") and PORT (0 picks a
 * free one). Fails with a sentence that names the address. */
gboolean  pp_signal_server_start                (PpSignalServer       *self,
                                                 const char           *address,
                                                 guint16               port,
                                                 GError              **error);
/* Closes every connection (code 1001) and the listening socket. */
void      pp_signal_server_stop                 (PpSignalServer       *self);

gboolean  pp_signal_server_is_running           (PpSignalServer       *self);
guint16   pp_signal_server_get_port             (PpSignalServer       *self);
/* "ws://ADDR:PORT" or "wss://ADDR:PORT", IPv6 in brackets. */
char     *pp_signal_server_get_uri              (PpSignalServer       *self);
guint     pp_signal_server_get_n_connections    (PpSignalServer       *self);
guint     pp_signal_server_get_n_rooms          (PpSignalServer       *self);
/* The /metrics page, in Prometheus text format. */
char     *pp_signal_server_get_metrics          (PpSignalServer       *self);

/* coturn's REST-API credentials: username "EXPIRY:PEER", password
 * base64(HMAC-SHA1(secret, username)). */
void      pp_signal_turn_credentials            (const char           *secret,
                                                 gint64                expiry,
                                                 const char           *peer,
                                                 char                **username,
                                                 char                **password);

G_END_DECLS

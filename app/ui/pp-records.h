/* pp-records.h: chat messages and runs of a session's document, as rows
 *
 * Copyright 2026 The Pairpad authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The a{sv} record an array item holds, or NULL. */
GVariant   *pp_record_unbox         (GVariant   *item);
/* A string field; it lives as long as the record. */
const char *pp_record_lookup_string (GVariant   *record,
                                     const char *key);
/* "14:05": the local time of the record's "time", or NULL */
char       *pp_record_clock         (GVariant   *record);
GtkWidget  *pp_record_chat_row      (GVariant   *message);

/* A finished run's record (id, author and status at least), or NULL. */
GVariant   *pp_record_run           (GVariant   *item);
/* "Grace’s run: Exit code 0" */
char       *pp_record_run_line      (GVariant   *record);
GtkWidget  *pp_record_run_row       (GVariant   *record);

guint       pp_record_fill_chat     (GtkListBox *list,
                                     GVariant   *all);
guint       pp_record_fill_runs     (GtkListBox *list,
                                     GVariant   *all);

G_END_DECLS

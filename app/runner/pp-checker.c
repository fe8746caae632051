/* pp-checker.c: does a program's output match the expected output?
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "pp-checker.h"

gboolean
pp_checker_mode_from_string (const char    *name,
                             PpCheckerMode *mode)
{
  static const char *names[] = { "exact", "tokens", "float" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *mode = i;
        return TRUE;
      }
  return FALSE;
}

/* The next run of non-space bytes at or after *POS, or FALSE at the end. */
static gboolean
next_token (const char  *text,
            gsize        len,
            gsize       *pos,
            const char **start,
            gsize       *token_len)
{
  gsize i = *pos;

  while (i < len && g_ascii_isspace (text[i]))
    i++;
  if (i == len)
    {
      *pos = i;
      return FALSE;
    }
  *start = text + i;
  while (i < len && !g_ascii_isspace (text[i]))
    i++;
  *token_len = (gsize) (text + i - *start);
  *pos = i;
  return TRUE;
}

/* A whole token that is a finite decimal number (strtod's syntax; no hex,
 * no "inf" or "nan", which would compare too easily). */
static gboolean
parse_number (const char *token,
              gsize       len,
              double     *value)
{
  char buffer[64];
  char *end = NULL;

  if (len == 0 || len >= sizeof buffer)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (token[i]) && strchr ("+-.eE", token[i]) == NULL)
      return FALSE;
  memcpy (buffer, token, len);
  buffer[len] = '\0';
  *value = g_ascii_strtod (buffer, &end);
  return end == buffer + len && isfinite (*value);
}

static gboolean
numbers_close (double expected,
               double actual,
               double tolerance)
{
  double diff = fabs (expected - actual);

  return diff <= tolerance || diff <= tolerance * fabs (expected);
}

static char *
shorten (const char *token,
         gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (token, MIN (len, 40));

  return len > 40 ? g_strdup_printf ("%s…", valid) : g_steal_pointer (&valid);
}

static gboolean
compare_tokens (gboolean    numbers,
                double      tolerance,
                const char *expected,
                gsize       expected_len,
                const char *actual,
                gsize       actual_len,
                char      **why)
{
  gsize epos = 0, apos = 0;

  for (guint n = 1;; n++)
    {
      const char *e = NULL, *a = NULL;
      gsize elen = 0, alen = 0;
      gboolean have_e = next_token (expected, expected_len, &epos, &e, &elen);
      gboolean have_a = next_token (actual, actual_len, &apos, &a, &alen);
      double ev, av;

      if (!have_e && !have_a)
        return TRUE;
      if (!have_a)
        {
          if (why != NULL)
            *why = g_strdup_printf (_("The output ends after %u words; more were expected."), n - 1);
          return FALSE;
        }
      if (!have_e)
        {
          if (why != NULL)
            *why = g_strdup_printf (_("The output has more than the %u words expected."), n - 1);
          return FALSE;
        }
      if (elen == alen && memcmp (e, a, elen) == 0)
        continue;
      if (numbers && parse_number (e, elen, &ev) && parse_number (a, alen, &av) &&
          numbers_close (ev, av, tolerance))
        continue;
      if (why != NULL)
        {
          g_autofree char *es = shorten (e, elen);
          g_autofree char *as = shorten (a, alen);

          *why = g_strdup_printf (_("Word %u is “%s”; “%s” was expected."), n, as, es);
        }
      return FALSE;
    }
}

static gboolean
compare_exact (const char *expected,
               gsize       expected_len,
               const char *actual,
               gsize       actual_len,
               char      **why)
{
  gsize line = 1;

  /* One newline more or less at the very end is not worth a verdict. */
  if (expected_len > 0 && expected[expected_len - 1] == '\n')
    expected_len--;
  if (actual_len > 0 && actual[actual_len - 1] == '\n')
    actual_len--;
  for (gsize i = 0; i < MIN (expected_len, actual_len); i++)
    {
      if (expected[i] != actual[i])
        {
          if (why != NULL)
            *why = g_strdup_printf (_("Line %zu differs from the expected output."), line);
          return FALSE;
        }
      if (expected[i] == '\n')
        line++;
    }
  if (expected_len == actual_len)
    return TRUE;
  if (why != NULL)
    *why = expected_len > actual_len
             ? g_strdup_printf (_("The output stops at line %zu; more was expected."), line)
             : g_strdup_printf (_("The output goes on past line %zu, where it should end."), line);
  return FALSE;
}

/**
 * pp_checker_compare:
 * @tolerance: for %PP_CHECKER_FLOAT: numbers match when their absolute or
 *   relative difference is at most this
 * @why: (out) (optional): on a mismatch, where, in a sentence
 *
 * Returns: whether @actual passes for @expected
 */
gboolean
pp_checker_compare (PpCheckerMode  mode,
                    double         tolerance,
                    const char    *expected,
                    gsize          expected_len,
                    const char    *actual,
                    gsize          actual_len,
                    char         **why)
{
  if (why != NULL)
    *why = NULL;
  switch (mode)
    {
    case PP_CHECKER_EXACT:
      return compare_exact (expected, expected_len, actual, actual_len, why);
    case PP_CHECKER_TOKENS:
      return compare_tokens (FALSE, 0, expected, expected_len, actual, actual_len, why);
    case PP_CHECKER_FLOAT:
      return compare_tokens (TRUE, tolerance, expected, expected_len, actual, actual_len, why);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* test-indent.c: the editor indents each language as it is typed, with
 * real key presses in the real window: Enter after a line that opens a
 * block, a closer typed on a blank line, Enter between brackets, strings
 * and comments that hold brackets, Go on tabs, Tab and Shift+Tab on a
 * selection
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pp-test-app.h"

typedef struct
{
  const char *language;
  const char *keys;       /* typed as is; '\n' is the Return key */
  const char *expected;
} Typing;

static const Typing typings[] = {
  /* The first loop a newcomer types, then a block after a block. */
  { "python",
    "for i in range(3):\nprint(i)\nif i > 1:\nbreak\nelse:\ncontinue",
    "for i in range(3):\n"
    "    print(i)\n"
    "    if i > 1:\n"
    "        break\n"
    "    else:\n"
    "        continue" },
  /* "else:" lines up with its "if" as its colon is typed. */
  { "python",
    "if x:\ny = 1\nelse:\ny = 2",
    "if x:\n"
    "    y = 1\n"
    "else:\n"
    "    y = 2" },
  /* Brackets left open indent; a closer goes back; a statement continued
   * over lines goes back to where it started; '#' hides a colon. */
  { "python",
    "total = sum([\n1,\n2,\n])\ndef f(a,\nb):\nreturn a + b  # done:\nx = f(1, 2)",
    "total = sum([\n"
    "    1,\n"
    "    2,\n"
    "])\n"
    "def f(a,\n"
    "    b):\n"
    "    return a + b  # done:\n"
    "x = f(1, 2)" },
  /* A brace in a string or a comment opens nothing. */
  { "c",
    "int main(void) {\nfor (int i = 0; i < 3; i++) {\nputs(\"{\"); // {\n}\nreturn 0;\n}",
    "int main(void) {\n"
    "    for (int i = 0; i < 3; i++) {\n"
    "        puts(\"{\"); // {\n"
    "    }\n"
    "    return 0;\n"
    "}" },
  { "cpp",
    "int f(std::vector<int> v) {\nreturn std::accumulate(v.begin(),\nv.end(), 0);\n}",
    "int f(std::vector<int> v) {\n"
    "    return std::accumulate(v.begin(),\n"
    "        v.end(), 0);\n"
    "}" },
  { "java",
    "class Main {\npublic static void main(String[] args) {\nint[] a = {\n1, 2\n};\n}\n}",
    "class Main {\n"
    "    public static void main(String[] args) {\n"
    "        int[] a = {\n"
    "            1, 2\n"
    "        };\n"
    "    }\n"
    "}" },
  /* JavaScript's two spaces; a callback's closer and its call's. */
  { "javascript",
    "function f(xs) {\nreturn xs.map((x) => {\nreturn x * 2;\n});\n}",
    "function f(xs) {\n"
    "  return xs.map((x) => {\n"
    "    return x * 2;\n"
    "  });\n"
    "}" },
  /* Go stays on tabs. */
  { "go",
    "func main() {\nfor i := 0; i < 3; i++ {\nfmt.Println(i)\n}\n}",
    "func main() {\n"
    "\tfor i := 0; i < 3; i++ {\n"
    "\t\tfmt.Println(i)\n"
    "\t}\n"
    "}" },
  /* Bash's words: "fi" and "done" line up once Enter ends them. */
  { "bash",
    "for f in a b; do\nif [ -n \"$f\" ]; then\necho \"$f\"\nfi\ndone\n",
    "for f in a b; do\n"
    "  if [ -n \"$f\" ]; then\n"
    "    echo \"$f\"\n"
    "  fi\n"
    "done\n" },
};

static void
start_typing (PpWindow   *window,
              const char *language)
{
  GtkSourceView *view = pp_window_get_source_view (window);

  g_assert_true (pp_window_select_language (window, language));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "", 0);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

/* Sends KEYS as key presses, Return for each line break. */
static void
type_keys (const char *keys)
{
  g_auto(GStrv) lines = g_strsplit (keys, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        pp_test_xdotool ("key", "Return", NULL);
      if (lines[i][0] != '\0')
        pp_test_xdotool ("type", "--delay", "5", lines[i], NULL);
    }
}

static void
type_each_language (PpWindow *window)
{
  for (guint i = 0; i < G_N_ELEMENTS (typings); i++)
    {
      g_test_message ("typing %s, case %u", typings[i].language, i);
      start_typing (window, typings[i].language);
      type_keys (typings[i].keys);
      pp_test_assert_text_soon (window, typings[i].expected);
    }
}

/* Enter between a bracket and its closer opens a line between them;
 * Shift+Enter leaves the new line as it is. */
static void
enter_between_brackets (PpWindow *window)
{
  start_typing (window, "c");
  type_keys ("void f() {}");
  pp_test_xdotool ("key", "Left", "Return", NULL);
  type_keys ("g();");
  pp_test_assert_text_soon (window, "void f() {\n    g();\n}");

  start_typing (window, "python");
  type_keys ("xs = [");
  pp_test_xdotool ("key", "shift+Return", NULL);
  type_keys ("1]");
  pp_test_assert_text_soon (window, "xs = [\n1]");
}

/* Tab and Shift+Tab move a selection's lines by the language's step. */
static void
tab_on_selection (PpWindow *window)
{
  start_typing (window, "go");
  type_keys ("a := 1\nb := 2");
  /* Select again before unindenting, as the shortcuts test does: under
   * Xvfb the selection does not always survive the indent. */
  pp_test_xdotool ("key", "ctrl+a", "Tab", NULL);
  pp_test_assert_text_soon (window, "\ta := 1\n\tb := 2");
  pp_test_xdotool ("key", "ctrl+a", "shift+Tab", NULL);
  pp_test_assert_text_soon (window, "a := 1\nb := 2");

  start_typing (window, "javascript");
  type_keys ("let a = 1;\nlet b = 2;");
  pp_test_xdotool ("key", "ctrl+a", "Tab", NULL);
  pp_test_assert_text_soon (window, "  let a = 1;\n  let b = 2;");
  pp_test_xdotool ("key", "ctrl+a", "shift+Tab", NULL);
  pp_test_assert_text_soon (window, "let a = 1;\nlet b = 2;");
}

/* One start of the app for all: under AddressSanitizer a start takes
 * about 20 s. */
static void
type_code (PpApplication *app,
           PpWindow      *window,
           gpointer       data)
{
  type_each_language (window);
  enter_between_brackets (window);
  tab_on_selection (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define add_test(path, func, data) \
  g_test_add (path, PpTestHome, data, pp_test_home_setup, func, pp_test_home_teardown)

  add_test ("/ui/indent/typed", pp_test_run_driver, type_code);

  return g_test_run ();
}

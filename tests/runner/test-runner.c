/* test-runner.c: every available language compiles, runs, reads its input,
 * streams its output and stops when cancelled, through pairpad-sandbox
 *
 * PAIRPAD_SANDBOX names the sandbox executable; tests that need it skip
 * only when it is not set. PAIRPAD_LANGUAGES names data/languages.json.
 *
 * Copyright 2026 The Pairpad developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "pp-language-set.h"
#include "pp-runner.h"
#include "pp-test-languages.h"
#include "pp-test-lib.h"

typedef struct
{
  const char *id;
  const char *hello;           /* prints "Hello, world!" */
  const char *compile_error;   /* uses undefined_name; NULL when not compiled */
  const char *runtime_error;   /* "oops" on stderr, exit status 3 */
  const char *echo_line;       /* reads a line, prints "got: LINE" */
  const char *two_lines;       /* "first", a second's pause, "second" */
  const char *endless;         /* "started", then never ends */
} Programs;

static const Programs programs[] = {
  {
    "python",
    "print(\"Hello, world!\")\n",
    NULL,
    "import sys\nprint(\"oops\", file=sys.stderr)\nsys.exit(3)\n",
    "line = input()\nprint(\"got: \" + line)\n",
    "import time\nprint(\"first\", flush=True)\ntime.sleep(1)\nprint(\"second\")\n",
    "import time\nprint(\"started\", flush=True)\nwhile True:\n    time.sleep(0.1)\n",
  },
  {
    "c",
    "#include <stdio.h>\nint main (void) { puts (\"Hello, world!\"); return 0; }\n",
    "int main (void) { return undefined_name; }\n",
    "#include <stdio.h>\nint main (void) { fputs (\"oops\\n\", stderr); return 3; }\n",
    "#include <stdio.h>\n#include <string.h>\n"
    "int main (void) { char line[100] = \"\"; fgets (line, sizeof line, stdin);\n"
    "  line[strcspn (line, \"\\n\")] = 0; printf (\"got: %s\\n\", line); return 0; }\n",
    "#include <stdio.h>\n#include <unistd.h>\n"
    "int main (void) { puts (\"first\"); fflush (stdout); sleep (1); puts (\"second\");\n"
    "  return 0; }\n",
    "#include <stdio.h>\n#include <unistd.h>\n"
    "int main (void) { puts (\"started\"); fflush (stdout); for (;;) sleep (1); }\n",
  },
  {
    "cpp",
    "#include <iostream>\nint main () { std::cout << \"Hello, world!\" << std::endl; }\n",
    "int main () { return undefined_name; }\n",
    "#include <iostream>\nint main () { std::cerr << \"oops\" << std::endl; return 3; }\n",
    "#include <iostream>\n#include <string>\n"
    "int main () { std::string line; std::getline (std::cin, line);\n"
    "  std::cout << \"got: \" << line << std::endl; }\n",
    "#include <chrono>\n#include <iostream>\n#include <thread>\n"
    "int main () { std::cout << \"first\" << std::endl;\n"
    "  std::this_thread::sleep_for (std::chrono::seconds (1));\n"
    "  std::cout << \"second\" << std::endl; }\n",
    "#include <chrono>\n#include <iostream>\n#include <thread>\n"
    "int main () { std::cout << \"started\" << std::endl;\n"
    "  for (;;) std::this_thread::sleep_for (std::chrono::seconds (1)); }\n",
  },
  {
    "java",
    "public class Main { public static void main (String[] args) {\n"
    "  System.out.println (\"Hello, world!\"); } }\n",
    "public class Main { public static void main (String[] args) {\n"
    "  System.out.println (undefined_name); } }\n",
    "public class Main { public static void main (String[] args) {\n"
    "  System.err.println (\"oops\"); System.exit (3); } }\n",
    "import java.io.*;\n"
    "public class Main { public static void main (String[] args) throws IOException {\n"
    "  BufferedReader in = new BufferedReader (new InputStreamReader (System.in));\n"
    "  System.out.println (\"got: \" + in.readLine ()); } }\n",
    "public class Main { public static void main (String[] args) throws Exception {\n"
    "  System.out.println (\"first\"); System.out.flush (); Thread.sleep (1000);\n"
    "  System.out.println (\"second\"); } }\n",
    "public class Main { public static void main (String[] args) throws Exception {\n"
    "  System.out.println (\"started\"); System.out.flush ();\n"
    "  for (;;) Thread.sleep (1000); } }\n",
  },
  {
    "javascript",
    "console.log(\"Hello, world!\");\n",
    NULL,
    "console.error(\"oops\");\nprocess.exit(3);\n",
    "const input = require(\"fs\").readFileSync(0, \"utf8\");\n"
    "console.log(\"got: \" + input.split(\"\\n\")[0]);\n",
    "console.log(\"first\");\nsetTimeout(() => console.log(\"second\"), 1000);\n",
    "console.log(\"started\");\nsetInterval(() => {}, 1000);\n",
  },
  {
    "go",
    "package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"Hello, world!\") }\n",
    "package main\nfunc main() { println(undefined_name) }\n",
    "package main\nimport (\"fmt\"; \"os\")\n"
    "func main() { fmt.Fprintln(os.Stderr, \"oops\"); os.Exit(3) }\n",
    "package main\nimport (\"bufio\"; \"fmt\"; \"os\"; \"strings\")\n"
    "func main() { line, _ := bufio.NewReader(os.Stdin).ReadString('\\n')\n"
    "  fmt.Println(\"got: \" + strings.TrimRight(line, \"\\n\")) }\n",
    "package main\nimport (\"fmt\"; \"time\")\n"
    "func main() { fmt.Println(\"first\"); time.Sleep(time.Second); fmt.Println(\"second\") }\n",
    "package main\nimport (\"fmt\"; \"time\")\n"
    "func main() { fmt.Println(\"started\"); for { time.Sleep(time.Second) } }\n",
  },
  {
    "bash",
    "echo 'Hello, world!'\n",
    NULL,
    "echo oops >&2\nexit 3\n",
    "read -r line\necho \"got: $line\"\n",
    "echo first\nsleep 1\necho second\n",
    /* A child of its own too: cancelling must take both down. */
    "sleep 1000 &\necho started\nwait\n",
  },
};

/* Compiling and running one program, on a loaded machine. */
#define RUN_TIMEOUT_S 120

static PpLanguageSet *languages;

static const PpRunLimits default_limits = {
  .time_sec = 5,
  .wall_sec = 10,
  .mem_mb = 512,
  .procs = 64,
  .fsize_mb = 16,
  .output_kb = 1024,
};

typedef struct
{
  PpRunStream  stream;
  PpRunStage   stage;
  GBytes      *bytes;
  gint64       time;
} Chunk;

typedef struct
{
  GPtrArray    *chunks;            /* Chunk */
  GString      *run_stdout;        /* as streamed */
  PpRunResult  *result;
  GError       *error;
  gboolean      done;
  gint64        done_time;

  /* Cancel as soon as the run's stdout shows this. */
  const char   *cancel_marker;
  GCancellable *cancellable;
  gint64        cancel_time;
} Run;

static void
chunk_free (Chunk *chunk)
{
  g_bytes_unref (chunk->bytes);
  g_free (chunk);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->chunks, g_ptr_array_unref);
  if (run->run_stdout != NULL)
    g_string_free (run->run_stdout, TRUE);
  g_clear_object (&run->result);
  g_clear_error (&run->error);
  g_clear_object (&run->cancellable);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
on_output (PpRunner    *runner,
           PpRunStream  stream,
           PpRunStage   stage,
           GBytes      *bytes,
           Run         *run)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  /* Output arrives only while the run is under way. */
  g_assert_false (run->done);

  chunk->stream = stream;
  chunk->stage = stage;
  chunk->bytes = g_bytes_ref (bytes);
  chunk->time = g_get_monotonic_time ();
  g_ptr_array_add (run->chunks, chunk);

  if (stage == PP_RUN_STAGE_RUN && stream == PP_RUN_STREAM_STDOUT)
    g_string_append_len (run->run_stdout, g_bytes_get_data (bytes, NULL),
                         (gssize) g_bytes_get_size (bytes));

  if (run->cancel_marker != NULL && run->cancel_time == 0 &&
      strstr (run->run_stdout->str, run->cancel_marker) != NULL)
    {
      run->cancel_time = g_get_monotonic_time ();
      g_cancellable_cancel (run->cancellable);
    }
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Run *run = user_data;

  run->result = pp_runner_run_finish (PP_RUNNER (object), result, &run->error);
  run->done = TRUE;
  run->done_time = g_get_monotonic_time ();
}

static void
run_program (PpRunner          *runner,
             PpLanguage        *language,
             const char        *source,
             const char        *input,
             const PpRunLimits *limits,
             Run               *run)
{
  g_autoptr(GBytes) stdin_bytes = input != NULL ? g_bytes_new (input, strlen (input)) : NULL;
  gulong handler;

  run->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) chunk_free);
  run->run_stdout = g_string_new ("");
  if (run->cancel_marker != NULL)
    run->cancellable = g_cancellable_new ();

  handler = g_signal_connect (runner, "output", G_CALLBACK (on_output), run);
  pp_runner_run_async (runner, language, source, stdin_bytes, limits, run->cancellable,
                       run_done, run);
  pp_test_wait_for_flag (&run->done, RUN_TIMEOUT_S, "the run to end");
  g_signal_handler_disconnect (runner, handler);
}

static char *
output_of (PpRunResult *result,
           PpRunStage   stage,
           PpRunStream  stream)
{
  g_autoptr(GBytes) bytes = pp_run_result_get_output (result, stage, stream);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* Empty bytes may have no data at all. */
  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

/* All the chunks of one stage and stream, in order. */
static char *
streamed (Run         *run,
          PpRunStage   stage,
          PpRunStream  stream)
{
  GString *text = g_string_new ("");

  for (guint i = 0; i < run->chunks->len; i++)
    {
      Chunk *chunk = g_ptr_array_index (run->chunks, i);

      if (chunk->stage == stage && chunk->stream == stream)
        g_string_append_len (text, g_bytes_get_data (chunk->bytes, NULL),
                             (gssize) g_bytes_get_size (chunk->bytes));
    }

  return g_string_free (text, FALSE);
}

static guint
count_chunks (Run        *run,
              PpRunStage  stage)
{
  guint n = 0;

  for (guint i = 0; i < run->chunks->len; i++)
    n += ((Chunk *) g_ptr_array_index (run->chunks, i))->stage == stage;

  return n;
}

/* The runner removed its folder: nothing is left in its TMPDIR. */
static void
assert_no_run_folders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (pp_test_home_get_tmp_dir (), 0, &error);
  const char *name;

  g_assert_no_error (error);
  name = g_dir_read_name (dir);
  if (name != NULL)
    g_error ("the run left “%s” in %s", name, pp_test_home_get_tmp_dir ());
}

/* This process is a child subreaper: whatever the sandbox started and did
 * not end would now be our child. */
static guint
count_live_children (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint alive = 0;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = NULL;
      g_autofree char *stat = NULL;
      const char *after_name;
      char state;
      int ppid;

      if (!g_ascii_isdigit (name[0]))
        continue;

      stat_path = g_build_filename ("/proc", name, "stat", NULL);
      if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;

      after_name = strrchr (stat, ')');
      if (after_name == NULL || sscanf (after_name, ") %c %d", &state, &ppid) != 2)
        continue;
      if (ppid != getpid ())
        continue;

      if (state == 'Z')
        waitpid (atoi (name), NULL, WNOHANG);
      else
        {
          g_test_message ("still running: %s", stat);
          alive++;
        }
    }

  return alive;
}

static void
assert_no_processes_left (void)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (count_live_children () > 0)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the program outlived its run");
      g_usleep (G_USEC_PER_SEC / 20);
    }
}

typedef struct
{
  PpRunner   *runner;
  PpLanguage *language;
} Fixture;

static gboolean
fixture_ready (Fixture        *fixture,
               const Programs *programs_of)
{
  const char *sandbox = pp_test_sandbox_or_skip ();

  if (sandbox == NULL)
    return FALSE;

  fixture->language = pp_test_language_or_skip (languages, programs_of->id);
  if (fixture->language == NULL)
    return FALSE;

  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *sandbox = g_getenv ("PAIRPAD_SANDBOX");

  fixture->runner = pp_runner_new (sandbox != NULL ? sandbox : "/nonexistent/pairpad-sandbox");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->runner);
  assert_no_run_folders ();
}

static void
test_hello (Fixture       *fixture,
            gconstpointer  data)
{
  const Programs *p = data;
  g_auto(Run) run = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out_streamed = NULL;
  const PpStepResult *compile, *step;

  if (!fixture_ready (fixture, p))
    return;

  run_program (fixture->runner, fixture->language, p->hello, NULL, &default_limits, &run);
  g_assert_no_error (run.error);

  compile = pp_run_result_get_step (run.result, PP_RUN_STAGE_COMPILE);
  if (pp_language_is_compiled (fixture->language))
    {
      g_assert_nonnull (compile);
      g_assert_cmpint (compile->status, ==, PP_RUN_STATUS_OK);
    }
  else
    {
      g_assert_null (compile);
    }

  g_assert_cmpint (pp_run_result_get_stage (run.result), ==, PP_RUN_STAGE_RUN);
  step = pp_run_result_get_step (run.result, PP_RUN_STAGE_RUN);
  g_assert_nonnull (step);
  g_test_message ("%s: %s in %" G_GUINT64_FORMAT " ms, %" G_GUINT64_FORMAT " kB, backend %s",
                  p->id, pp_run_status_to_code (step->status), step->wall_ms,
                  step->max_rss_kb, step->backend);
  g_assert_cmpint (step->status, ==, PP_RUN_STATUS_OK);
  g_assert_cmpint (step->exit_code, ==, 0);
  g_assert_cmpint (step->signal, ==, 0);
  g_assert_false (step->output_truncated);
  g_assert_cmpstr (step->backend, !=, "");
  g_assert_cmpstr (step->memory_limit_by, !=, "");
  /* The real sandbox always says which calls its filter could not refuse. */
  g_assert_nonnull (step->seccomp_unresolved);

  out = output_of (run.result, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDOUT);
  err = output_of (run.result, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDERR);
  g_assert_cmpstr (out, ==, "Hello, world!\n");
  g_assert_cmpstr (err, ==, "");

  /* What was streamed is what the result holds. */
  out_streamed = streamed (&run, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDOUT);
  g_assert_cmpstr (out_streamed, ==, out);
}

static void
test_compile_error (Fixture       *fixture,
                    gconstpointer  data)
{
  const Programs *p = data;
  g_auto(Run) run = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *said = NULL;
  g_autofree char *err_streamed = NULL;
  g_autofree char *out_streamed = NULL;
  const PpStepResult *compile;

  if (!fixture_ready (fixture, p))
    return;

  run_program (fixture->runner, fixture->language, p->compile_error, NULL, &default_limits, &run);
  g_assert_no_error (run.error);

  g_assert_cmpint (pp_run_result_get_stage (run.result), ==, PP_RUN_STAGE_COMPILE);
  compile = pp_run_result_get_step (run.result, PP_RUN_STAGE_COMPILE);
  g_assert_nonnull (compile);
  g_assert_cmpint (compile->status, ==, PP_RUN_STATUS_RUNTIME_ERROR);
  g_assert_cmpint (compile->exit_code, !=, 0);

  /* The compiler's complaint is there, streamed and in the result. */
  out = output_of (run.result, PP_RUN_STAGE_COMPILE, PP_RUN_STREAM_STDOUT);
  err = output_of (run.result, PP_RUN_STAGE_COMPILE, PP_RUN_STREAM_STDERR);
  said = g_strconcat (out, err, NULL);
  g_test_message ("%s", said);
  g_assert_nonnull (strstr (said, "undefined_name"));
  out_streamed = streamed (&run, PP_RUN_STAGE_COMPILE, PP_RUN_STREAM_STDOUT);
  err_streamed = streamed (&run, PP_RUN_STAGE_COMPILE, PP_RUN_STREAM_STDERR);
  g_assert_cmpstr (out_streamed, ==, out);
  g_assert_cmpstr (err_streamed, ==, err);

  /* The run step never started. */
  g_assert_null (pp_run_result_get_step (run.result, PP_RUN_STAGE_RUN));
  g_assert_cmpuint (count_chunks (&run, PP_RUN_STAGE_RUN), ==, 0);
}

static void
test_runtime_error (Fixture       *fixture,
                    gconstpointer  data)
{
  const Programs *p = data;
  g_auto(Run) run = { 0 };
  g_autofree char *err = NULL;
  g_autofree char *err_streamed = NULL;
  const PpStepResult *step;

  if (!fixture_ready (fixture, p))
    return;

  run_program (fixture->runner, fixture->language, p->runtime_error, NULL, &default_limits, &run);
  g_assert_no_error (run.error);

  g_assert_cmpint (pp_run_result_get_stage (run.result), ==, PP_RUN_STAGE_RUN);
  step = pp_run_result_get_step (run.result, PP_RUN_STAGE_RUN);
  g_assert_cmpint (step->status, ==, PP_RUN_STATUS_RUNTIME_ERROR);
  g_assert_cmpint (step->exit_code, ==, 3);
  g_assert_cmpint (step->signal, ==, 0);

  err = output_of (run.result, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDERR);
  g_assert_cmpstr (err, ==, "oops\n");
  err_streamed = streamed (&run, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDERR);
  g_assert_cmpstr (err_streamed, ==, "oops\n");
}

static void
test_stdin (Fixture       *fixture,
            gconstpointer  data)
{
  const Programs *p = data;
  g_auto(Run) run = { 0 };
  g_autofree char *out = NULL;

  if (!fixture_ready (fixture, p))
    return;

  run_program (fixture->runner, fixture->language, p->echo_line, "pairpad 42\nnot this\n",
               &default_limits, &run);
  g_assert_no_error (run.error);

  g_assert_cmpint (pp_run_result_get_step (run.result, PP_RUN_STAGE_RUN)->status, ==,
                   PP_RUN_STATUS_OK);
  out = output_of (run.result, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDOUT);
  g_assert_cmpstr (out, ==, "got: pairpad 42\n");
}

static void
test_streaming (Fixture       *fixture,
                gconstpointer  data)
{
  const Programs *p = data;
  g_auto(Run) run = { 0 };
  g_autofree char *out = NULL;
  Chunk *first = NULL;

  if (!fixture_ready (fixture, p))
    return;

  run_program (fixture->runner, fixture->language, p->two_lines, NULL, &default_limits, &run);
  g_assert_no_error (run.error);
  g_assert_cmpint (pp_run_result_get_step (run.result, PP_RUN_STAGE_RUN)->status, ==,
                   PP_RUN_STATUS_OK);

  out = output_of (run.result, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDOUT);
  g_assert_cmpstr (out, ==, "first\nsecond\n");

  for (guint i = 0; i < run.chunks->len && first == NULL; i++)
    {
      Chunk *chunk = g_ptr_array_index (run.chunks, i);

      if (chunk->stage == PP_RUN_STAGE_RUN && chunk->stream == PP_RUN_STREAM_STDOUT)
        first = chunk;
    }

  /* The first line came on its own, well before the program ended. */
  g_assert_nonnull (first);
  g_assert_cmpmem (g_bytes_get_data (first->bytes, NULL), g_bytes_get_size (first->bytes),
                   "first\n", 6);
  g_test_message ("first line %" G_GINT64_FORMAT " ms before the end",
                  (run.done_time - first->time) / 1000);
  g_assert_cmpint (run.done_time - first->time, >=, G_USEC_PER_SEC / 2);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  const Programs *p = data;
  g_auto(Run) run = { .cancel_marker = "started\n" };

  if (!fixture_ready (fixture, p))
    return;

  run_program (fixture->runner, fixture->language, p->endless, NULL, &default_limits, &run);

  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.result);
  g_assert_cmpint (run.cancel_time, >, 0);
  g_test_message ("stopped %" G_GINT64_FORMAT " ms after cancelling",
                  (run.done_time - run.cancel_time) / 1000);
  g_assert_cmpint (run.done_time - run.cancel_time, <, 2 * G_USEC_PER_SEC);
  assert_no_processes_left ();
}

/* Tests of the runner itself, in one language or none. */

static void
test_toolchain_missing (void)
{
  static const char missing[] =
    "{ \"languages\": ["
    "  { \"id\": \"nothing\", \"name\": \"Nothing\", \"file\": \"main.no\", \"source_id\": \"no\","
    "    \"package\": \"pairpad-nothing\", \"compile\": null,"
    "    \"run\": { \"argv\": [\"pairpad-no-such-interpreter\", \"{file}\"] },"
    "    \"version\": { \"argv\": [\"pairpad-no-such-interpreter\", \"--version\"],"
    "                 \"pattern\": \"(\\\\d+)\", \"label\": \"nothing\" } }"
    "] }";
  g_autofree char *path = g_build_filename (pp_test_home_get_path (), "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpLanguageSet) set = NULL;
  g_autoptr(PpRunner) runner = NULL;
  g_auto(Run) run = { 0 };
  PpLanguage *language;

  g_file_set_contents (path, missing, -1, &error);
  g_assert_no_error (error);
  set = pp_test_languages_load (path);
  g_unlink (path);

  language = pp_language_set_lookup (set, "nothing");
  g_assert_nonnull (pp_language_get_missing_reason (language));

  /* Were it run, the sandbox that does not exist would fail instead. */
  runner = pp_runner_new ("/nonexistent/pairpad-sandbox");
  run_program (runner, language, "hello", NULL, &default_limits, &run);
  g_assert_error (run.error, PP_RUNNER_ERROR, PP_RUNNER_ERROR_TOOLCHAIN_MISSING);
  g_assert_nonnull (strstr (run.error->message, pp_language_get_missing_reason (language)));
  g_assert_cmpuint (run.chunks->len, ==, 0);
  assert_no_run_folders ();
}

static void
test_sandbox_missing (void)
{
  g_autoptr(PpRunner) runner = pp_runner_new ("/nonexistent/pairpad-sandbox");
  PpLanguage *language = pp_test_language_or_skip (languages, "bash");
  g_auto(Run) run = { 0 };

  if (language == NULL)
    return;

  run_program (runner, language, "echo hi\n", "input", &default_limits, &run);
  g_assert_error (run.error, PP_RUNNER_ERROR, PP_RUNNER_ERROR_SANDBOX_FAILED);
  g_assert_nonnull (strstr (run.error->message, "/nonexistent/pairpad-sandbox"));
  /* The folder is gone on failure too. */
  assert_no_run_folders ();
}

static void
test_sandbox_rejects_arguments (void)
{
  const char *sandbox = pp_test_sandbox_or_skip ();
  PpLanguage *language = sandbox != NULL ? pp_test_language_or_skip (languages, "bash") : NULL;
  PpRunLimits limits = default_limits;
  g_autoptr(PpRunner) runner = NULL;
  g_auto(Run) run = { 0 };

  if (language == NULL)
    return;

  /* More CPU time than the sandbox allows: it refuses before running. */
  limits.time_sec = 100000;
  runner = pp_runner_new (sandbox);
  run_program (runner, language, "echo hi\n", NULL, &limits, &run);

  g_assert_error (run.error, PP_RUNNER_ERROR, PP_RUNNER_ERROR_SANDBOX_FAILED);
  g_test_message ("%s", run.error->message);
  /* The sandbox's own words are in the message. */
  g_assert_nonnull (strstr (run.error->message, "--time"));
  assert_no_run_folders ();
}

static void
busy_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  g_assert_null (pp_runner_run_finish (PP_RUNNER (object), result, error));
}

static gboolean
both_ended (gpointer data)
{
  GError ***errors = data;

  return *errors[0] != NULL && *errors[1] != NULL;
}

static void
test_busy (void)
{
  g_autoptr(PpRunner) runner = pp_runner_new ("/nonexistent/pairpad-sandbox");
  PpLanguage *language = pp_test_language_or_skip (languages, "bash");
  g_autoptr(GError) first_error = NULL;
  g_autoptr(GError) second_error = NULL;
  GError **errors[] = { &first_error, &second_error };

  if (language == NULL)
    return;

  pp_runner_run_async (runner, language, "true\n", NULL, &default_limits, NULL,
                       busy_done, &first_error);
  pp_runner_run_async (runner, language, "true\n", NULL, &default_limits, NULL,
                       busy_done, &second_error);
  pp_test_wait_for_full (both_ended, errors, RUN_TIMEOUT_S, "both runs to end");

  g_assert_error (second_error, PP_RUNNER_ERROR, PP_RUNNER_ERROR_BUSY);
  g_assert_error (first_error, PP_RUNNER_ERROR, PP_RUNNER_ERROR_SANDBOX_FAILED);
  assert_no_run_folders ();
}

static void
test_cleanup_keeps_link_targets (void)
{
  const char *sandbox = pp_test_sandbox_or_skip ();
  PpLanguage *language = sandbox != NULL ? pp_test_language_or_skip (languages, "bash") : NULL;
  g_autofree char *victim = g_build_filename (pp_test_home_get_path (), "victim", NULL);
  g_autofree char *kept = g_build_filename (victim, "keep", NULL);
  g_autofree char *source = NULL;
  g_autoptr(PpRunner) runner = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  if (language == NULL)
    return;

  g_assert_cmpint (g_mkdir (victim, 0755), ==, 0);
  g_file_set_contents (kept, "precious", -1, &error);
  g_assert_no_error (error);

  /* Links to the host's files (the paths need not exist inside), and a
   * tree the program locked itself out of. */
  source = g_strdup_printf ("ln -s %s dir-link\n"
                            "ln -s %s file-link\n"
                            "mkdir -p locked/inner && touch locked/inner/file\n"
                            "chmod 000 locked/inner locked\n"
                            "echo done\n",
                            victim, kept);
  runner = pp_runner_new (sandbox);
  run_program (runner, language, source, NULL, &default_limits, &run);
  g_assert_no_error (run.error);
  g_assert_cmpint (pp_run_result_get_step (run.result, PP_RUN_STAGE_RUN)->status, ==,
                   PP_RUN_STATUS_OK);

  assert_no_run_folders ();
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_unlink (kept), ==, 0);
  g_assert_cmpint (g_rmdir (victim), ==, 0);
}

static void
test_time_limit (void)
{
  const char *sandbox = pp_test_sandbox_or_skip ();
  PpLanguage *language = sandbox != NULL ? pp_test_language_or_skip (languages, "bash") : NULL;
  PpRunLimits limits = default_limits;
  g_autoptr(PpRunner) runner = NULL;
  g_auto(Run) run = { 0 };
  const PpStepResult *step;

  if (language == NULL)
    return;

  /* A fraction of a second reaches the sandbox as one. */
  limits.time_sec = 0.5;
  runner = pp_runner_new (sandbox);
  run_program (runner, language, "while :; do :; done\n", NULL, &limits, &run);
  g_assert_no_error (run.error);

  step = pp_run_result_get_step (run.result, PP_RUN_STAGE_RUN);
  g_assert_cmpint (step->status, ==, PP_RUN_STATUS_TIME_LIMIT);
  g_assert_cmpuint (step->cpu_ms, >=, 400);
  g_assert_cmpuint (step->cpu_ms, <, 2000);
  assert_no_run_folders ();
}

static void
test_output_limit (void)
{
  const char *sandbox = pp_test_sandbox_or_skip ();
  PpLanguage *language = sandbox != NULL ? pp_test_language_or_skip (languages, "bash") : NULL;
  PpRunLimits limits = default_limits;
  g_autoptr(PpRunner) runner = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree char *out_streamed = NULL;
  g_auto(Run) run = { 0 };
  const PpStepResult *step;

  if (language == NULL)
    return;

  limits.output_kb = 1;
  runner = pp_runner_new (sandbox);
  run_program (runner, language,
               "for i in $(seq 1 2000); do echo 0123456789012345678901234567890123456789; done\n",
               NULL, &limits, &run);
  g_assert_no_error (run.error);

  step = pp_run_result_get_step (run.result, PP_RUN_STAGE_RUN);
  g_assert_true (step->output_truncated);
  out = pp_run_result_get_output (run.result, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDOUT);
  g_assert_cmpuint (g_bytes_get_size (out), <=, 1024);
  out_streamed = streamed (&run, PP_RUN_STAGE_RUN, PP_RUN_STREAM_STDOUT);
  g_assert_cmpuint (strlen (out_streamed), <=, 1024);
  assert_no_run_folders ();
}

static void
add_language_test (const Programs *p,
                   const char     *what,
                   void          (*func) (Fixture *, gconstpointer))
{
  g_autofree char *name = g_strdup_printf ("/runner/%s/%s", p->id, what);

  g_test_add (name, Fixture, p, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Orphans of the sandbox become ours, so the cancel tests can see
   * whether any process outlived its run. */
  g_assert_cmpint (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), ==, 0);

  /* The runner makes its folders in TMPDIR: the home's own shows
   * whether it removed them. */
  pp_test_home_init ("runner");
  languages = pp_test_languages_load (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    {
      const Programs *p = &programs[i];

      add_language_test (p, "hello", test_hello);
      if (p->compile_error != NULL)
        add_language_test (p, "compile-error", test_compile_error);
      add_language_test (p, "runtime-error", test_runtime_error);
      add_language_test (p, "stdin", test_stdin);
      add_language_test (p, "streaming", test_streaming);
      add_language_test (p, "cancel", test_cancel);
    }
  g_test_add_func ("/runner/toolchain-missing", test_toolchain_missing);
  g_test_add_func ("/runner/sandbox-missing", test_sandbox_missing);
  g_test_add_func ("/runner/sandbox-rejects-arguments", test_sandbox_rejects_arguments);
  g_test_add_func ("/runner/busy", test_busy);
  g_test_add_func ("/runner/cleanup-keeps-link-targets", test_cleanup_keeps_link_targets);
  g_test_add_func ("/runner/time-limit", test_time_limit);
  g_test_add_func ("/runner/output-limit", test_output_limit);

  status = g_test_run ();

  g_assert_finalize_object (languages);
  pp_test_home_cleanup ();

  return status;
}

#!/usr/bin/env python3
"""validate-bank.py DATA_DIR — checks the problem bank in DATA_DIR/problems.

Every problem.json must satisfy problem.schema.json (JSON Schema 2020-12),
and around it: the folder is named after the id; statement.md starts with
"# " and has the Input, Output and Constraints sections; each listed test
has its .in and .out, and no test file is unlisted; at least 10 tests, some
hidden; starter code for every language in languages.json. Prints TAP.

With --self-test it also breaks copies of the first problem in ways the
checks must catch, so that a validator which accepts anything fails.
"""
import copy
import json
import os
import shutil
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("validate-bank.py: needs the jsonschema module (Debian package python3-jsonschema)")

MIN_PROBLEMS = 30
MIN_TESTS = 10
SECTIONS = ("## Input", "## Output", "## Constraints")


def problem_errors(directory, validator, starter_files):
    errors = []
    name = os.path.basename(directory)
    try:
        with open(os.path.join(directory, "problem.json"), encoding="utf-8") as f:
            problem = json.load(f)
    except (OSError, ValueError) as e:
        return [f"problem.json cannot be read: {e}"]
    for error in sorted(validator.iter_errors(problem), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.path) or "(top)"
        errors.append(f"problem.json {where}: {error.message}")
    if errors:
        return errors
    if problem["id"] != name:
        errors.append(f"id {problem['id']!r} is not the folder's name")
    try:
        with open(os.path.join(directory, "statement.md"), encoding="utf-8") as f:
            statement = f.read()
        if not statement.startswith("# "):
            errors.append("statement.md must start with '# Title'")
        for section in SECTIONS:
            if section not in statement:
                errors.append(f"statement.md has no '{section}' section")
        if "## Example" in statement:
            errors.append("statement.md must not have examples: the visible tests are shown")
    except (OSError, UnicodeDecodeError) as e:
        errors.append(f"statement.md cannot be read: {e}")
    tests = problem["tests"]
    if len(tests) < MIN_TESTS:
        errors.append(f"{len(tests)} tests; at least {MIN_TESTS} are needed")
    if not any(t["hidden"] for t in tests):
        errors.append("no hidden test")
    names = [t["name"] for t in tests]
    if len(set(names)) != len(names):
        errors.append("a test is listed twice")
    listed = {f"{n}.{ext}" for n in names for ext in ("in", "out")}
    test_dir = os.path.join(directory, "tests")
    present = set(os.listdir(test_dir)) if os.path.isdir(test_dir) else set()
    for missing in sorted(listed - present):
        errors.append(f"tests/{missing} is missing")
    for extra in sorted(present - listed):
        errors.append(f"tests/{extra} is not listed in problem.json")
    for file in starter_files:
        if not os.path.isfile(os.path.join(directory, "starter", file)):
            errors.append(f"starter/{file} is missing")
    return errors


def self_test(first, validator, starter_files, scratch):
    """Each way of breaking a good problem must be caught."""
    def broken(tag, edit):
        target = os.path.join(scratch, tag, os.path.basename(first))
        shutil.copytree(first, target)
        edit(target)
        return bool(problem_errors(target, validator, starter_files))

    def edit_json(change):
        def edit(target):
            path = os.path.join(target, "problem.json")
            with open(path, encoding="utf-8") as f:
                problem = json.load(f)
            change(problem)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(problem, f)
        return edit

    def remove(relative):
        return lambda target: os.remove(os.path.join(target, relative))

    first_test = json.load(open(os.path.join(first, "problem.json")))["tests"][0]["name"]
    cases = {
        "unknown-key": edit_json(lambda p: p.update(timelimit=2)),
        "bad-difficulty": edit_json(lambda p: p.update(difficulty="trivial")),
        "tolerance-without-float": edit_json(
            lambda p: p.update(checker={"mode": "exact", "tolerance": 0.1})),
        "float-without-tolerance": edit_json(lambda p: p.update(checker={"mode": "float"})),
        "hidden-first": edit_json(lambda p: p["tests"][0].update(hidden=True)),
        "wrong-id": edit_json(lambda p: p.update(id="someone-else")),
        "few-tests": edit_json(lambda p: p.update(tests=p["tests"][:3])),
        "missing-answer": remove(os.path.join("tests", first_test + ".out")),
        "missing-starter": remove(os.path.join("starter", starter_files[0])),
        "missing-statement": remove("statement.md"),
    }
    return [(tag, broken(tag, edit)) for tag, edit in cases.items()]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    data_dir = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..", "data")
    bank = os.path.join(data_dir, "problems")
    with open(os.path.join(bank, "problem.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    with open(os.path.join(data_dir, "languages.json"), encoding="utf-8") as f:
        starter_files = [lang["file"] for lang in json.load(f)["languages"]]

    problems = sorted(d for d in os.listdir(bank) if os.path.isdir(os.path.join(bank, d)))
    results = []
    for name in problems:
        errors = problem_errors(os.path.join(bank, name), validator, starter_files)
        results.append((f"problem {name}", not errors, errors))
    results.append((f"at least {MIN_PROBLEMS} problems ({len(problems)})",
                    len(problems) >= MIN_PROBLEMS, []))
    if "--self-test" in sys.argv and problems:
        with tempfile.TemporaryDirectory() as scratch:
            for tag, caught in self_test(os.path.join(bank, problems[0]), validator,
                                         starter_files, scratch):
                results.append((f"self-test: a problem with {tag} is rejected", caught, []))

    print(f"1..{len(results)}")
    failed = 0
    for i, (what, ok, errors) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {what}")
        for error in errors:
            print(f"# {error}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

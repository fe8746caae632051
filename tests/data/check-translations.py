#!/usr/bin/env python3
# Checks that every translation in po/LINGUAS translates every string the
# sources have now: a fresh template is extracted and compared, so a new
# string without a translation fails here, not in front of a user.
#
# Copyright 2026 The Pairpad developers
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys
import tempfile

ROOT = sys.argv[1]
PO = os.path.join(ROOT, "po")
# The keywords of meson's 'glib' gettext preset.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
]


def run(args):
    return subprocess.run(args, capture_output=True, text=True)


def main():
    with open(os.path.join(PO, "LINGUAS"), encoding="utf-8") as f:
        languages = [w for line in f for w in line.split() if not w.startswith("#")]

    checks = []
    checks.append(("German is among the translations", "de" in languages, "po/LINGUAS lacks de"))

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "fresh.pot")
        extract = run(["xgettext", "--directory=" + ROOT,
                       "--files-from=" + os.path.join(PO, "POTFILES.in"),
                       "--output=" + pot] + XGETTEXT_ARGS)
        checks.append(("strings extract from the sources", extract.returncode == 0, extract.stderr))

        for lang in languages:
            po = os.path.join(PO, lang + ".po")
            fmt = run(["msgfmt", "--check", "--statistics", "--output-file=/dev/null", po])
            checks.append(("%s.po compiles with format checks" % lang,
                           fmt.returncode == 0, fmt.stderr))
            complete = fmt.returncode == 0 and "fuzzy" not in fmt.stderr \
                and "untranslated" not in fmt.stderr
            checks.append(("%s.po has no fuzzy or untranslated string" % lang,
                           complete, fmt.stderr))
            if extract.returncode == 0:
                cmp = run(["msgcmp", po, pot])
                checks.append(("%s.po translates every string of the sources" % lang,
                               cmp.returncode == 0, cmp.stderr))

    print("1..%d" % len(checks))
    failed = 0
    for number, (name, ok, detail) in enumerate(checks, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", number, name))
        if not ok:
            failed += 1
            for line in detail.strip().splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# Checks that po/POTFILES.in lists exactly the files with translatable
# strings, sorted, so that no string silently misses translation.
#
# Copyright 2026 The Pairpad developers
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import sys

ROOT = sys.argv[1]
SCANNED = ["app", "data", "sandbox", "signaling-server"]
C_CALL = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(")
UI_STRING = re.compile(r'translatable="yes"')
C_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def has_strings(relpath):
    path = os.path.join(ROOT, relpath)
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if relpath.endswith((".c", ".h")):
        return C_CALL.search(C_COMMENT.sub("", text)) is not None
    if relpath.endswith(".ui"):
        return UI_STRING.search(text) is not None
    if relpath.endswith((".desktop.in", ".metainfo.xml.in")):
        return True
    if relpath.endswith(".gschema.xml"):
        return "gettext-domain" in text
    return False


def scan():
    found = set()
    for top in SCANNED:
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith((".", "_build"))]
            for name in filenames:
                rel = os.path.relpath(os.path.join(dirpath, name), ROOT)
                if has_strings(rel):
                    found.add(rel)
    return found


def listed():
    entries = []
    with open(os.path.join(ROOT, "po", "POTFILES.in"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append(line)
    return entries


def main():
    entries = listed()
    found = scan()
    checks = [
        ("every file with translatable strings is listed",
         sorted(found - set(entries)), "missing from po/POTFILES.in"),
        ("every listed file exists",
         [e for e in entries if not os.path.isfile(os.path.join(ROOT, e))], "listed but absent"),
        ("every listed file has translatable strings",
         [e for e in entries if os.path.isfile(os.path.join(ROOT, e)) and e not in found],
         "listed but has no translatable strings"),
        ("the list is sorted and has no duplicates",
         [] if entries == sorted(set(entries)) else ["po/POTFILES.in"], "not sorted or has duplicates"),
    ]
    print("1..%d" % len(checks))
    failed = 0
    for number, (name, problems, why) in enumerate(checks, 1):
        if problems:
            failed += 1
            print("not ok %d - %s" % (number, name))
            for problem in problems:
                print("# %s: %s" % (problem, why))
        else:
            print("ok %d - %s" % (number, name))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

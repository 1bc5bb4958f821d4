#!/usr/bin/env python3
"""Counts the distinct ARM template functions called in a corpus of templates.

Usage: count-arm-functions.py [CORPUS_DIR] [--all]
CORPUS_DIR defaults to ../shared/corpus beside the project root. Prints "<files> <name>" per
built-in function (most used first) and the total. User-defined functions (namespace.member) are
counted apart, as they are not part of the built-in library. Function names are case-insensitive
in ARM, so they are folded to lower case.

The scan is textual on purpose: JSON string literals are found with a small scanner (templates may
hold comments and trailing commas that Python's json module rejects), and every literal that is an
ARM expression ("[...]" but not "[[...") is tokenized enough to skip quoted strings.
"""
import collections
import os
import re
import sys

IDENT_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\s*\(")


def json_strings(text):
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            buf = []
            while j < n and text[j] != '"':
                if text[j] == '\\' and j + 1 < n:
                    esc = text[j + 1]
                    buf.append({'n': '\n', 't': '\t', 'r': '\r'}.get(esc, esc))
                    j += 2
                    continue
                buf.append(text[j])
                j += 1
            yield ''.join(buf)
            i = j + 1
        elif c == '/' and i + 1 < n and text[i + 1] == '/':
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif c == '/' and i + 1 < n and text[i + 1] == '*':
            j = text.find('*/', i + 2)
            i = n if j < 0 else j + 2
        else:
            i += 1


def calls(expr):
    # Blank out single-quoted string literals ('' is an escaped quote) so their text is not seen.
    out, in_str, i = [], False, 0
    while i < len(expr):
        c = expr[i]
        if c == "'":
            if in_str and i + 1 < len(expr) and expr[i + 1] == "'":
                i += 2
                continue
            in_str = not in_str
            out.append(' ')
        else:
            out.append(' ' if in_str else c)
        i += 1
    code = ''.join(out)
    for m in IDENT_CALL.finditer(code):
        start = m.start()
        # ".name(" after a value is a member call on a user namespace only when no value precedes.
        if start > 0 and code[start - 1] == '.':
            continue
        yield m.group(1)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    root = args[0] if args else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'corpus')
    builtin = collections.defaultdict(set)
    user = collections.defaultdict(set)
    files = 0
    for dirpath, _, names in os.walk(root):
        for name in names:
            if not name.endswith('.json'):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding='utf-8-sig', errors='replace') as f:
                text = f.read()
            files += 1
            for s in json_strings(text):
                s = s.strip()
                if not (s.startswith('[') and s.endswith(']')) or s.startswith('[['):
                    continue
                for fn in calls(s[1:-1]):
                    if '.' in fn:
                        user[fn.lower()].add(path)
                    else:
                        builtin[fn.lower()].add(path)
    for fn, paths in sorted(builtin.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"{len(paths):6d} {fn}")
    print(f"files scanned: {files}")
    print(f"distinct built-in functions: {len(builtin)}")
    print(f"distinct user-defined functions: {len(user)}")
    if '--all' in sys.argv:
        for fn, paths in sorted(user.items()):
            print(f"  user {len(paths):4d} {fn}")


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Compares `celda dump` with the corpus oracle files, sheet by sheet (a developer's overview;
the Swift tests hold the assertions). Usage: scripts/corpus_check.py CELDA_BINARY [CORPUS_DIR]"""
import json, subprocess, sys, os, re

celda = sys.argv[1]
corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '../../shared/corpus')
manifest = json.load(open(os.path.join(corpus, 'manifest.json')))

def norm_expected(v, t):
    return (t, v)

def to_seconds(s):
    m = re.match(r'^(-?)PT(\d+)H(\d+)M(\d+(?:\.\d+)?)S$', s)
    if m:
        return ('dur', (1 if not m.group(1) else -1) * (int(m.group(2))*3600+int(m.group(3))*60+round(float(m.group(4)))))
    return None

def same(ev, et, got, oracle):
    if et == '-' or ev is None:
        # calamine-only oracles write error cells and empty strings as null.
        return got is None or got == "" or (oracle == 'calamine-only' and isinstance(got, dict) and 'error' in got)
    if et == 's':
        # An empty string is a blank cell for Celda, as for calamine.
        return got == ev or (ev == '' and got is None)
    if et == 'n':
        return isinstance(got, (int, float)) and not isinstance(got, bool) and abs(got - ev) <= 1e-9 * max(1, abs(ev))
    if et == 'b':
        return got is ev
    if et == 'e':
        return isinstance(got, dict) and got.get('error') == ev
    if et in 'du':
        if not isinstance(got, dict): return False
        g = next(iter(got.values()))
        if et == 'u' or 'duration' in got:
            a, b = to_seconds(ev), to_seconds(g)
            return a is not None and a == b
        # A midnight datetime and a date are the same instant; compare to the second.
        def key(x):
            x = x[:19]
            return x + 'T00:00:00' if len(x) == 10 else x
        return key(g) == key(ev)
    return False

bad_files = 0
total = 0
for entry in manifest['files']:
    exp = json.load(open(os.path.join(corpus, entry['expected'])))
    path = os.path.join(corpus, entry['file'])
    total += 1
    problems = []
    for i, sh in enumerate(exp['sheets']):
        if sh.get('type') != 'worksheet' or 'rows' not in sh:
            continue
        p = subprocess.run([celda, 'dump', path, '--sheet', str(i + 1)], capture_output=True, text=True)
        if p.returncode != 0:
            problems.append(f"sheet {i+1}: exit {p.returncode}: {p.stderr.strip()[:200]}")
            continue
        try:
            # split on \n only: splitlines() would also break on U+2028 inside a string.
            got = [json.loads(l) for l in p.stdout.split('\n')[:-1]]
        except Exception as e:
            problems.append(f"sheet {i+1}: bad JSON: {e}")
            continue
        disputed = sh.get('disputed', {})
        nd = 0
        for r, (row, types) in enumerate(zip(sh['rows'], sh['types'])):
            grow = got[r] if r < len(got) else []
            for c, (ev, et) in enumerate(zip(row, types)):
                gv = grow[c] if c < len(grow) else None
                ref = f"{chr(65+c) if c<26 else c}{r+1}"
                if not same(ev, et, gv, entry['oracle']):
                    # disputed cells accept openpyxl's value too
                    col = ''
                    n = c + 1
                    while n: n, rem = divmod(n - 1, 26); col = chr(65 + rem) + col
                    if f"{col}{r+1}" in disputed:
                        continue
                    nd += 1
                    if nd <= 3:
                        problems.append(f"sheet {i+1} {col}{r+1}: expected {et}:{ev!r} got {gv!r}")
        extra = len([g for g in got[len(sh['rows']):] if any(
            v is not None and not (entry['oracle'] == 'calamine-only' and isinstance(v, dict) and 'error' in v) for v in g)])
        if extra:
            problems.append(f"sheet {i+1}: {extra} extra non-empty rows")
        if nd > 3:
            problems.append(f"sheet {i+1}: ... {nd} mismatches")
    if problems:
        bad_files += 1
        print(f"{entry['file']} [{entry['oracle']}, agree={entry.get('readers_agree')}]")
        for pr in problems[:6]:
            print("   ", pr)
print(f"{total - bad_files} of {total} files match")

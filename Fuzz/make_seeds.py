#!/usr/bin/env python3
"""Extracts worksheet XML from ../shared/corpus into Fuzz/corpus/ as fuzzing seeds. The corpus
files are used by reference, never copied into this repository.
    python3 Fuzz/make_seeds.py"""
import os, zipfile

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, '..', '..', 'shared', 'corpus')
out = os.path.join(here, 'corpus')
os.makedirs(out, exist_ok=True)
for name in ['calamine/date.xlsx', 'calamine/issue_261.xlsx', 'calamine/richtext-namespaced.xlsx',
             'calamine/has_x000D_inline.xlsx', 'exceldatareader/Test_git_issue_324.xlsx', 'calamine/date_iso.xlsx']:
    with zipfile.ZipFile(os.path.join(corpus, name)) as z:
        sheets = [n for n in z.namelist() if 'worksheets/' in n.lower().replace('\\', '/') and n.endswith('.xml')]
        if sheets:
            with open(os.path.join(out, name.replace('/', '_') + '.xml'), 'wb') as f:
                f.write(z.read(sheets[0])[:20000])
print(out)

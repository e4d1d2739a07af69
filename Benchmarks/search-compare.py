"""Pagefind against the built-in search: the browser half of Benchmarks/search-compare.sh.

    python search-compare.py OUTPUT QUERIES.tsv OURS.json WORK

OUTPUT is the built site, OURS.json what `search-eval.js --json` printed for it, and WORK holds
one copy of the site per Pagefind variant (WORK/standard, WORK/extended, each indexed by
`pagefind --site`) with the build's "seconds peak-KB" in WORK/<variant>.time. Each query runs
in headless Chromium through Pagefind's JS API, on a fresh load of /<lang>/ (Pagefind picks the
index from <html lang>). Results are scored against the same substring truth as search-eval.js,
computed here per page from the excerpt files <lang>/search/f/<g>.bin, and the counts are
checked against search-eval's.
"""
import json
import os
import re
import statistics
import sys
import threading
import unicodedata
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

out, queries_file, ours_file, work = sys.argv[1:5]
VARIANTS = ['standard', 'extended']


# --- Ground truth: the rule of search-eval.js (normalize and fold as in /search.js) ---------

def normalize(text):  # NFKC, lower case, katakana to hiragana
    return ''.join(chr(ord(c) - 0x60) if 0x30a1 <= ord(c) <= 0x30f6 or ord(c) in (0x30fd, 0x30fe) else c
                   for c in unicodedata.normalize('NFKC', text).lower())


def collapse(text):
    return re.sub(r'\s+', ' ', text)


def fold(w):  # simple plural folding, as search.js's fold()
    if w.endswith("'s") or w.endswith('\u2019s'):
        w = w[:-2]
    if len(w) <= 3:
        return w
    if w.endswith('ies') and len(w) > 4:
        return w[:-3] + 'y'
    for suffix in ('sses', 'ches', 'shes', 'xes', 'zes'):
        if w.endswith(suffix):
            return w[:-2]
    if w.endswith(('ss', 'us', 'is')):
        return w
    return w[:-1] if w.endswith('s') else w


def is_japanese(c):  # Han, Hiragana, Katakana (the scripts search-eval.js tests)
    c = ord(c)
    return (0x3040 <= c <= 0x30ff or 0x31f0 <= c <= 0x31ff or 0x2e80 <= c <= 0x2fdf or c in (0x3005, 0x3007)
            or 0x3021 <= c <= 0x3029 or 0x3400 <= c <= 0x4dbf or 0x4e00 <= c <= 0x9fff
            or 0xf900 <= c <= 0xfaff or 0x20000 <= c <= 0x3ffff)


def needles(query):
    needle = collapse(normalize(query)).strip()
    words = needle.split(' ')
    found = {needle}
    if all(w.isalnum() for w in words) and not any(map(is_japanese, needle)):
        f = fold(words[-1])
        for form in (words[-1], f, f + 's', f + 'es', f[:-1] + 'ies' if f.endswith('y') else f):
            found.add(' '.join([fold(w) for w in words[:-1]] + [form]))
    return found


def corpus(lang):  # [(url, normalised text)] in index order, as search-eval.js reads it
    base = f'{out}/{lang}/search'
    info = json.load(open(f'{base}/index.json', encoding='utf-8'))
    pages = []
    per = info['fragmentsPerFile']
    for first in range(0, info['count'], per):  # a table of 4-byte offsets, then the fragments
        data = open(f'{base}/f/{first // per}.bin', 'rb').read()
        offsets = [int.from_bytes(data[k * 4:k * 4 + 4], 'little') for k in range(min(per, info['count'] - first) + 1)]
        for f in (json.loads(data[a:b].decode('utf-8')) for a, b in zip(offsets, offsets[1:])):
            pages.append((f['u'], collapse(normalize(f['t'] + '\n' + f['x']))))
    return pages


queries = [line.split('\t')[:3] for line in open(queries_file, encoding='utf-8').read().split('\n')
           if line.strip() and not line.startswith('#')]
ours = json.load(open(ours_file, encoding='utf-8'))['rows']
pages = {lang: corpus(lang) for lang in dict.fromkeys(q[0] for q in queries)}  # in file order
truth = {}
for (lang, kind, q), row in zip(queries, ours):
    truth[lang, q] = {u for u, text in pages[lang] if any(x in text for x in needles(q))}
    if len(truth[lang, q]) != row['truth']:  # the Python port must agree with search-eval.js
        sys.exit(f'truth differs from search-eval.js for {lang} {q!r}: {len(truth[lang, q])} != {row["truth"]}')


# --- A quiet local server that counts the bytes of every /pagefind/ file it sends -----------

class Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):  # every load of a query starts cold, like a first visit
        self.send_header('Cache-Control', 'no-store')
        super().end_headers()

    def copyfile(self, source, outputfile):
        if self.path.startswith('/pagefind/'):
            with self.server.lock:
                self.server.sent += os.fstat(source.fileno()).st_size
                self.server.files += 1
        super().copyfile(source, outputfile)


def serve(root):
    server = ThreadingHTTPServer(('127.0.0.1', 0), partial(Handler, directory=root))
    server.daemon_threads = True
    server.lock, server.sent, server.files = threading.Lock(), 0, 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = '/usr/bin/chromium'
    for arg in ('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service('/usr/bin/chromedriver'))
    driver.set_script_timeout(600)  # a frequent word on 10k pages means thousands of fragments
    return driver


# First call: what a visitor's search costs (bundle, index chunks, the first ten fragments).
SEARCH = """
const [q, done] = arguments;
(async () => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({ basePath: '/pagefind/' });
  const t = performance.now();
  const r = await pagefind.search(q);
  const ms = performance.now() - t;
  await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  window.__results = r.results;
  return { count: r.results.length, ms };
})().then(done, (e) => done({ error: String(e) }));
"""
# Second call, not counted: every result's URL, to score it.
URLS = """
const done = arguments[0];
Promise.all(window.__results.map((x) => x.data())).then((d) => done(d.map((x) => x.url)), (e) => done({ error: String(e) }));
"""


def page_url(url):  # Pagefind's result URL as the excerpt files' "u"
    url = url.split('#')[0].split('?')[0]
    return url[:-len('index.html')] if url.endswith('/index.html') else url


def run_pagefind(variant):
    server = serve(f'{work}/{variant}')
    driver = browser()
    base = f'http://127.0.0.1:{server.server_address[1]}'
    rows = []
    try:
        for lang, kind, q in queries:
            driver.get(f'{base}/{lang}/')
            with server.lock:
                server.sent = server.files = 0
            r = driver.execute_async_script(SEARCH, q)
            if 'error' in r:
                sys.exit(f'{variant} {lang} {q!r}: {r["error"]}')
            sent, files = server.sent, server.files
            urls = driver.execute_async_script(URLS)
            if isinstance(urls, dict):
                sys.exit(f'{variant} {lang} {q!r}: {urls["error"]}')
            found = {page_url(u) for u in urls}
            known = {u for u, _ in pages[lang]}
            # Pagefind also indexes lists, tag pages and the home page, which the built-in
            # index leaves out: those results are counted apart ("other"), not as misses.
            inside = found & known
            hits = len(inside & truth[lang, q])
            rows.append(dict(lang=lang, kind=kind, query=q, truth=len(truth[lang, q]), found=len(inside),
                             other=len(found - known), hits=hits, bytes=sent, files=files, ms=r['ms'],
                             precision=hits / len(inside) if inside else 1,
                             recall=hits / len(truth[lang, q]) if truth[lang, q] else 1))
    finally:
        driver.quit()
        server.shutdown()
    return rows


# --- Sizes and the table --------------------------------------------------------------------

def tree_bytes(root, skip=lambda name: False):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs if not skip(f))


def human(n):
    return f'{n / 1048576:.1f} MB' if n >= 1048576 else f'{n / 1024:.1f} KB'


def scores(rows, lang):  # micro-averaged, as search-eval.js's summary
    rs = [r for r in rows if r['lang'] == lang]
    found, hits, wanted = sum(r['found'] for r in rs), sum(r['hits'] for r in rs), sum(r['truth'] for r in rs)
    return hits / found if found else 1, hits / wanted if wanted else 1


engines = {'iclei-site': ours}
for variant in VARIANTS:
    engines['Pagefind ' + variant] = run_pagefind(variant)

langs = list(pages)
our_size = sum(tree_bytes(f'{out}/{lang}/search', lambda f: f == 'index.html') for lang in langs)
our_size += os.path.getsize(f'{out}/search.js')
print(f'\nsearch-compare: {out}, {len(queries)} queries, Pagefind 1.5.2; bytes are file sizes as served (no HTTP compression)')
ROW = '{:<19}{}{:>13} {:>9} {:>6}  {:<18}{:>8}  {:>10}'
print(ROW.format('engine', ''.join(f'{lang + " P":<8}{lang + " R":<8}' for lang in langs),
                 'bytes/query', 'max', 'other', 'index build', 'peak RSS', 'index size'))
for name, rows in engines.items():
    cells = ''.join(f'{p:<8.3f}{r:<8.3f}' for p, r in (scores(rows, lang) for lang in langs))
    sizes = sorted(r['bytes'] for r in rows)
    if name == 'iclei-site':
        other, build, rss = '-', 'part of the build', '-'
        size = our_size
    else:
        variant = name.split()[1]
        seconds, kb = open(f'{work}/{variant}.time').read().split()
        other, build, rss = str(sum(r['other'] for r in rows)), f'{float(seconds):.2f} s', f'{int(kb) / 1024:.0f} MB'
        # The search bundle only: the UI scripts and styles Pagefind also writes are left out.
        size = tree_bytes(f'{work}/{variant}/pagefind', lambda f: '-ui.' in f or f == 'pagefind-highlight.js')
    print(ROW.format(name, cells, human(sizes[len(sizes) >> 1]), human(sizes[-1]), other, build, rss, human(size)))
print('bytes/query: median and max. P and R: precision and recall against a substring scan of each')
print('indexed page (title, summary, body), over all queries of the language.')
print('"other": Pagefind results on pages the built-in index leaves out (lists, tags, home), not scored.')

print('\nJapanese queries where a Pagefind variant is below 1 (results on indexed pages, precision, recall):')
print(f"{'query':<22}{'truth':>6}   " + ''.join(f'{name:<26}' for name in engines))
for i, (lang, kind, q) in enumerate(queries):
    pf = [engines['Pagefind ' + v][i] for v in VARIANTS]
    if lang != 'ja' or (all(r['precision'] == 1 and r['recall'] == 1 for r in pf) and q not in ('自治体', '会員自治体', '脱炭素')):
        continue
    cells = ''.join(f"{e[i]['found']:>5} P {e[i]['precision']:.2f} R {e[i]['recall']:.2f}{'':7}" for e in engines.values())
    width = 22 - sum(unicodedata.east_asian_width(c) in 'WF' for c in q)  # wide characters take two columns
    print(f'{q:<{max(width, 1)}}{ours[i]["truth"]:>6}   {cells}')
print('\nPagefind, first search on a cold page (loads the bundle and index), median ms: ' + ', '.join(
    f"{v} {statistics.median(r['ms'] for r in engines['Pagefind ' + v]):.1f}" for v in VARIANTS))

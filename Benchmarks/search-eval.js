// Recall, precision and bytes per query of the built-in search, against a plain substring
// scan of each page's normalised text (title, summary and body, as the index saw them).
//
//   node Benchmarks/search-eval.js OUTPUT QUERIES.tsv [--json | --check]
//
// OUTPUT is a built site (with /search.js and /<lang>/search/); QUERIES.tsv has lines
// "lang<TAB>kind<TAB>query" (kind: ja, en, one, mixed, …). A query is run as submitted (not
// as typed), the way a shared URL runs it. Bytes per query count what the search page fetches
// for it: the index files, the page table, the first ten excerpts (each a range of a fragment
// file, after the file's table) and the other language's count.
'use strict';
const fs = require('fs');
const [out, queriesFile, flag] = process.argv.slice(2);
const api = require(out + '/search.js');

function loader(counter) {
  // What the browser fetches: a whole file, or the range start..<end of one.
  return async (url, start, end) => {
    const bytes = new Uint8Array(fs.readFileSync(out + url)).subarray(start, end);
    counter.bytes += bytes.length;
    counter.files += 1;
    return bytes;
  };
}

async function texts(lang) {
  const info = JSON.parse(fs.readFileSync(`${out}/${lang}/search/index.json`, 'utf8'));
  const files = new Map();
  const index = new api.Index(`/${lang}/search/`, async (url, start, end) => {
    if (!files.has(url)) files.set(url, new Uint8Array(fs.readFileSync(out + url)));
    return files.get(url).subarray(start, end);
  });
  const result = [];
  for (let n = 0; n < info.count; n++) {
    const f = await index.fragment(n);
    result.push(api.normalize(f.t + '\n' + f.x).join('').replace(/\s+/gu, ' '));
  }
  return result;
}

(async () => {
  const lines = fs.readFileSync(queriesFile, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const corpus = {};
  const languages = {};
  for (const line of lines) languages[line.split('\t')[0]] = true;
  const rows = [];
  for (const line of lines) {
    const [lang, kind, query] = line.split('\t');
    corpus[lang] = corpus[lang] || await texts(lang);
    const needle = api.normalize(query).join('').replace(/\s+/gu, ' ').trim();
    // Words match with their simple plural forms folded (city, cities): the substring scan
    // looks for those forms too.
    const words = needle.split(' ');
    const latin = words.every((w) => /^[\p{L}\p{N}]+$/u.test(w)) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(needle);
    const forms = (w) => {
      const f = api.fold(w);
      return [w, f, f + 's', f + 'es', f.endsWith('y') ? f.slice(0, -1) + 'ies' : f];
    };
    const needles = new Set([needle]);
    if (latin) {
      const last = words.length - 1;
      for (const form of forms(words[last])) needles.add(words.slice(0, last).map(api.fold).concat(form).join(' '));
    }
    const truth = new Set();
    corpus[lang].forEach((text, n) => { for (const x of needles) if (text.includes(x)) { truth.add(n); break; } });
    // A fresh index per query: what one visitor downloads for it (index, meta, 10 excerpts).
    const counter = { bytes: 0, files: 0 };
    const index = new api.Index(`/${lang}/search/`, loader(counter));
    const started = process.hrtime.bigint();
    const match = await index.match(query, false);
    const found = api.ranked(match);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    await index.meta();
    for (const n of found.slice(0, 10)) await index.fragment(n);
    // The page also counts the other language's results.
    const otherLang = Object.keys(languages).find((l) => l !== lang);
    if (otherLang) await new api.Index(`/${otherLang}/search/`, loader(counter)).match(query, false);
    const hits = found.filter((n) => truth.has(n)).length;
    rows.push({
      lang, kind, query, truth: truth.size, found: found.length, hits,
      precision: found.length ? hits / found.length : 1, recall: truth.size ? hits / truth.size : 1,
      bytes: counter.bytes, files: counter.files, ms: elapsed,
    });
  }
  const groups = {};
  for (const r of rows) {
    for (const key of [r.kind, 'all ' + r.lang]) {
      const g = groups[key] || (groups[key] = { queries: 0, truth: 0, found: 0, hits: 0, bytes: [] });
      g.queries++; g.truth += r.truth; g.found += r.found; g.hits += r.hits; g.bytes.push(r.bytes);
    }
  }
  const summary = Object.entries(groups).map(([key, g]) => {
    g.bytes.sort((a, b) => a - b);
    return {
      group: key, queries: g.queries, precision: g.found ? g.hits / g.found : 1, recall: g.truth ? g.hits / g.truth : 1,
      medianBytes: g.bytes[g.bytes.length >> 1], maxBytes: g.bytes[g.bytes.length - 1],
    };
  });
  if (flag === '--json') { console.log(JSON.stringify({ rows, summary })); return; }
  // --check: fail below the goals (Japanese 0.99, English 0.95, precision and recall).
  for (const r of rows) {
    const mark = r.precision < 1 || r.recall < 1 ? '*' : ' ';
    console.log(`${mark} ${r.lang} ${r.kind.padEnd(6)} ${r.query.padEnd(24)} truth ${String(r.truth).padStart(5)} found ${String(r.found).padStart(5)}  P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)}  ${(r.bytes / 1024).toFixed(1)} KB in ${r.files} files`);
  }
  console.log('');
  for (const s of summary) {
    console.log(`${s.group.padEnd(8)} ${String(s.queries).padStart(3)} queries  precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  bytes/query median ${(s.medianBytes / 1024).toFixed(1)} KB, max ${(s.maxBytes / 1024).toFixed(1)} KB`);
  }
  if (flag === '--check') {
    const goals = { 'all ja': 0.99, 'all en': 0.95 };
    const missed = summary.filter((s) => goals[s.group] && (s.precision < goals[s.group] || s.recall < goals[s.group]));
    for (const s of missed) console.log(`search-eval: ${s.group} below ${goals[s.group]}`);
    process.exit(missed.length ? 1 : 0);
  }
})();

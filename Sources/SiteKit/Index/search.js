// iclei-site search: plain JavaScript, no dependencies, no third-party request. It reads the
// index that Sources/SiteKit/Index/SearchIndex.swift writes, with the same normalisation and
// keys as SearchText.swift (keep the two in step: the tests run this file against the index).
(function (global) {
  'use strict';

  function normalize(text) {
    const out = [];
    for (const ch of text.normalize('NFKC').toLowerCase()) {
      const c = ch.codePointAt(0);
      out.push((c >= 0x30a1 && c <= 0x30f6) || c === 0x30fd || c === 0x30fe ? String.fromCodePoint(c - 0x60) : ch);
    }
    return out;
  }

  function isJapanese(ch) {
    const c = ch.codePointAt(0);
    return c === 0x3005 || c === 0x3006 || (c >= 0x3041 && c <= 0x309f) || (c >= 0x30a0 && c <= 0x30fa) ||
      (c >= 0x30fc && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
  }
  const wordPattern = /^[\p{L}\p{N}\p{M}]$/u;
  const isWord = (ch) => wordPattern.test(ch) && !isJapanese(ch);
  const isSpace = (ch) => /^\s$/u.test(ch);

  function fold(word) {
    let w = word;
    if (w.endsWith("'s") || w.endsWith('\u2019s')) w = w.slice(0, -2);
    if ([...w].length <= 3) return w;
    if (w.endsWith('ies') && [...w].length > 4) return w.slice(0, -3) + 'y';
    for (const suffix of ['sses', 'ches', 'shes', 'xes', 'zes']) if (w.endsWith(suffix)) return w.slice(0, -2);
    if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
    if (w.endsWith('s')) return w.slice(0, -1);
    return w;
  }

  // A query as constraints: each is a list of keys (without their tag) of which a page must
  // have one. `prefix` is the last word, still being typed.
  function parse(query, typing) {
    const t = normalize(query);
    const grams = [], words = [], pairs = [];
    let prefix = null;
    let previous = null, onlySpace = false;
    let i = 0;
    while (i < t.length) {
      if (!isJapanese(t[i]) && !isWord(t[i])) {
        if (!isSpace(t[i])) onlySpace = false;
        i++;
        continue;
      }
      let end = i;
      while (end < t.length && (isJapanese(t[end]) || isWord(t[end]))) end++;
      const run = t.slice(i, end);
      if (run.some(isJapanese)) {
        if (run.length <= 2) grams.push(run.join(''));
        else {
          // Triples two characters apart, and the last: every pair of neighbours is inside one.
          const starts = [];
          for (let k = 0; k + 2 < run.length; k += 2) starts.push(k);
          if (starts[starts.length - 1] !== run.length - 3) starts.push(run.length - 3);
          for (const k of starts) {
            const tri = run.slice(k, k + 3);
            if (tri.some(isJapanese)) grams.push(tri.join(''));
          }
        }
      }
      let k = 0;
      while (k < run.length) {
        if (!isWord(run[k])) { previous = null; k++; continue; }
        let wordEnd = k;
        while (wordEnd < run.length && isWord(run[wordEnd])) wordEnd++;
        const raw = run.slice(k, wordEnd).join('');
        const last = typing && i + wordEnd === t.length;
        const folded = fold(raw);
        if (last) prefix = raw; else words.push(folded);
        if (previous !== null && onlySpace && k === 0 && !last) pairs.push(previous + ' ' + folded);
        previous = wordEnd === run.length ? folded : null;
        onlySpace = true;
        k = wordEnd;
      }
      if (!isWord(run[run.length - 1])) previous = null;
      i = end;
    }
    return { grams, words, pairs, prefix };
  }

  function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(text)) {
      hash ^= byte;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  function varint(bytes, at) {
    let value = 0, shift = 0, b;
    do { b = bytes[at.i++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return value;
  }

  // A page set as a bitmap of `count` bits.
  function pageSet(kind, payload, count) {
    if (kind === 1) return payload.slice(0, (count + 7) >> 3);
    const bits = new Uint8Array((count + 7) >> 3);
    const at = { i: 0 };
    const n = varint(payload, at);
    let page = -1;
    for (let k = 0; k < n; k++) { page += varint(payload, at) + 1; bits[page >> 3] |= 1 << (page & 7); }
    return bits;
  }

  function parseShard(bytes) {
    const entries = new Map(), decoder = new TextDecoder(), at = { i: 0 };
    while (at.i < bytes.length) {
      const keyLength = varint(bytes, at);
      const key = decoder.decode(bytes.subarray(at.i, at.i + keyLength));
      at.i += keyLength;
      const kind = bytes[at.i++];
      const length = varint(bytes, at);
      entries.set(key, { kind, payload: bytes.subarray(at.i, at.i + length) });
      at.i += length;
    }
    return entries;
  }

  // One language's index: `load(url)` fetches a file's bytes (a Uint8Array), and
  // `load(url, start, end)` the bytes start..<end of it; cached per file and range.
  function Index(base, load) {
    this.base = base;
    this.load = load;
    this.files = new Map();
  }
  Index.prototype.file = function (name, start, end) {
    const key = start === undefined ? name : name + '@' + start + '-' + end;
    if (!this.files.has(key)) this.files.set(key, this.load(this.base + name, start, end));
    return this.files.get(key);
  };
  // Page n's URL, title, date and text: its offset in the table at the head of its
  // fragment file, then its bytes.
  Index.prototype.fragment = async function (n) {
    const info = await this.manifest(), per = info.fragmentsPerFile;
    const first = n - (n % per), name = 'f/' + first / per + '.bin';
    const table = await this.file(name, 0, (Math.min(per, info.count - first) + 1) * 4);
    const at = (k) => (table[k * 4] | (table[k * 4 + 1] << 8) | (table[k * 4 + 2] << 16)) + table[k * 4 + 3] * 16777216;
    const bytes = await this.file(name, at(n - first), at(n - first + 1));
    return JSON.parse(new TextDecoder().decode(bytes));
  };
  Index.prototype.manifest = async function () {
    if (!this.info) this.info = JSON.parse(new TextDecoder().decode(await this.file('index.json')));
    return this.info;
  };
  Index.prototype.shard = async function (name) {
    const key = 'shard:' + name;
    if (!this.files.has(key)) this.files.set(key, this.file(name).then(parseShard));
    return this.files.get(key);
  };
  // Words live in shards named by their first two UTF-8 bytes in hex: a prefix of one byte
  // spans every shard that starts with it.
  Index.prototype.wordShards = function (info, word, prefix) {
    const bytes = new TextEncoder().encode(word);
    const bucket = Array.from(bytes.slice(0, 2), (b) => b.toString(16).padStart(2, '0')).join('');
    const names = prefix && bytes.length < 2 ? info.wordShards.filter((b) => b.startsWith(bucket))
      : info.wordShards.filter((b) => b === bucket);
    return names.map((b) => 'w' + b + '.bin');
  };
  // The pages having one of `keys` (all with one tag).
  Index.prototype.union = async function (info, tag, keys, prefix) {
    const bits = new Uint8Array((info.count + 7) >> 3);
    for (const bare of keys) {
      const isWordKey = tag === 'w' || tag === 'W';
      const names = isWordKey ? this.wordShards(info, bare, prefix)
        : ['h' + (fnv1a(bare) & (info.hashShards - 1)) + '.bin'];
      for (const name of names) {
        const entries = await this.shard(name);
        if (prefix) {
          for (const [key, entry] of entries) {
            if (key[0] === tag && key.slice(1).startsWith(bare)) or(bits, pageSet(entry.kind, entry.payload, info.count));
          }
        } else {
          const entry = entries.get(tag + bare);
          if (entry) or(bits, pageSet(entry.kind, entry.payload, info.count));
        }
      }
    }
    return bits;
  };
  const or = (a, b) => { for (let i = 0; i < a.length; i++) a[i] |= b[i]; };
  const and = (a, b) => { for (let i = 0; i < a.length; i++) a[i] &= b[i]; };

  // The pages matching `query`: `all` in any field, `title` in the title or summary.
  Index.prototype.match = async function (query, typing) {
    const info = await this.manifest();
    const q = parse(query, typing);
    const constraints = [];
    for (const g of q.grams) constraints.push(['a', [g], false]);
    for (const w of q.words) constraints.push(['w', [w], false]);
    for (const p of q.pairs) constraints.push(['p', [p], false]);
    if (q.prefix !== null) constraints.push(['w', [...new Set([q.prefix, fold(q.prefix)])], true]);
    const result = { count: info.count, all: null, title: null };
    if (!constraints.length) return result;
    for (const [tag, keys, prefix] of constraints) {
      const all = await this.union(info, tag, keys, prefix);
      const title = await this.union(info, tag.toUpperCase(), keys, prefix);
      if (result.all) { and(result.all, all); and(result.title, title); } else { result.all = all; result.title = title; }
    }
    return result;
  };
  Index.prototype.meta = async function () {
    if (!this.metaBytes) this.metaBytes = await this.file('meta.bin');
    return this.metaBytes;
  };

  const has = (bits, page) => (bits[page >> 3] >> (page & 7)) & 1;
  function count(bits) {
    let n = 0;
    if (bits) for (const b of bits) { let x = b; while (x) { x &= x - 1; n++; } }
    return n;
  }
  // Pages in result order: title or summary matches first, then the rest, each newest first.
  function ranked(match, keep) {
    const first = [], rest = [];
    if (!match.all) return first;
    for (let page = 0; page < match.count; page++) {
      if (!has(match.all, page) || (keep && !keep(page))) continue;
      (has(match.title, page) ? first : rest).push(page);
    }
    return first.concat(rest);
  }

  function dayOf(meta, page) { return meta[page * 3 + 1] | (meta[page * 3 + 2] << 8); }
  function dateOf(day) { return new Date(Date.UTC(2000, 0, 1) + (day - 1) * 86400000); }
  function yearOf(meta, page, fiscal) {
    const day = dayOf(meta, page);
    if (!day) return null;
    const date = dateOf(day);
    return fiscal && date.getUTCMonth() < 3 ? date.getUTCFullYear() - 1 : date.getUTCFullYear();
  }

  // The text around the first match as parts [text, marked]: the page shows them as text
  // nodes and <mark> elements, so nothing in a title or excerpt is ever read as HTML.
  function excerptParts(text, query) {
    const chars = [...text], normalized = [], origin = [];
    chars.forEach((ch, i) => { for (const n of normalize(ch)) { normalized.push(n); origin.push(i); } });
    const needles = [normalize(query).join('').trim()].concat(normalize(query).join('').split(/\s+/))
      .filter((n) => n.length > 0);
    const haystack = normalized.join('');
    let from = -1, length = 0;
    for (const needle of needles) {
      const at = haystack.indexOf(needle);
      if (at >= 0) { from = [...haystack.slice(0, at)].length; length = [...needle].length; break; }
    }
    if (from < 0) return [[chars.slice(0, 120).join('') + (chars.length > 120 ? '…' : ''), false]];
    const start = origin[from], end = origin[Math.min(from + length, origin.length) - 1] + 1;
    const before = Math.max(0, start - 50), after = Math.min(chars.length, end + 70);
    return [
      [(before > 0 ? '…' : '') + chars.slice(before, start).join(''), false],
      [chars.slice(start, end).join(''), true],
      [chars.slice(end, after).join('') + (after < chars.length ? '…' : ''), false],
    ].filter(([t]) => t.length > 0);
  }

  // The same as markup, for tools that print it (escaped: the parts are text).
  const escapeHTML = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const excerpt = (text, query) =>
    excerptParts(text, query).map(([t, marked]) => (marked ? '<mark>' + escapeHTML(t) + '</mark>' : escapeHTML(t))).join('');

  const api = { normalize, parse, fold, fnv1a, Index, ranked, count, excerpt, excerptParts, yearOf };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  // The search page: <div data-search data-index="/ja/search/" data-other-index="/en/search/" …>.
  const root = document.querySelector('[data-search]');
  if (!root) return;
  const $ = (selector) => root.querySelector(selector);
  const input = $('input[type=search]'), status = $('[data-status]'), list = $('[data-results]');
  const sectionFilter = $('[data-filter-section]'), yearFilter = $('[data-filter-year]'), more = $('[data-more]');
  // A server that ignores a range sends the whole file: it is kept, and ranges cut from it.
  const whole = new Map();
  const fetchBytes = (url, start, end) => {
    if (whole.has(url)) return whole.get(url).then((b) => b.subarray(start, end));
    const headers = start === undefined ? {} : { Range: 'bytes=' + start + '-' + (end - 1) };
    return fetch(url, { headers }).then((r) => {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      const bytes = r.arrayBuffer().then((b) => new Uint8Array(b));
      if (start === undefined || r.status === 206) return bytes;
      whole.set(url, bytes);
      return bytes.then((b) => b.subarray(start, end));
    });
  };
  const index = new Index(root.dataset.index, fetchBytes);
  const other = root.dataset.otherUrl ? new Index(root.dataset.otherUrl, fetchBytes) : null;
  const fiscal = root.dataset.fiscal === 'true';
  // Every string put in the page goes in as text: titles, section names, dates, excerpts
  // and the labels' values come from the site's content, which its editors write.
  const el = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  };
  const parts = (list) => list.map(([t, marked]) => (marked ? el('mark', null, t) : document.createTextNode(t)));
  const label = (name, values) => (root.dataset[name] || '').replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
  // A root-relative or same-origin address only: an index is data too.
  const safeHref = (u) => { try { const url = new URL(u, location.href); return url.origin === location.origin ? url.href : '#'; } catch (e) { return '#'; } };
  let shown = 0, order = [], generation = 0;

  async function fillFilters() {
    const info = await index.manifest(), meta = await index.meta();
    for (const [n, section] of info.sections.entries()) sectionFilter.add(new Option(section.title, String(n)));
    const years = new Set();
    for (let page = 0; page < info.count; page++) { const y = yearOf(meta, page, fiscal); if (y) years.add(y); }
    for (const y of [...years].sort((a, b) => b - a)) {
      yearFilter.add(new Option(root.dataset.yearLabel.replace('{year}', y), String(y)));
    }
  }

  async function showMore(query, run) {
    const page = order.slice(shown, shown + 10);
    shown += page.length;
    const fragments = await Promise.all(page.map((n) => index.fragment(n)));
    if (run !== generation) return;
    const info = await index.manifest(), meta = await index.meta();
    fragments.forEach((f, k) => {
      const section = info.sections[meta[page[k] * 3]];
      const title = excerptParts(String(f.t), query);
      const last = title[title.length - 1];
      if (last && !last[1]) last[0] = last[0].replace(/…$/, '');
      const meta_ = el('p', { class: 'search-meta' }, section ? String(section.title) : '');
      if (f.d) meta_.append(' · ', el('time', null, String(f.d)));
      list.appendChild(el('li', null, el('a', { href: safeHref(f.u) }, ...parts(title)), meta_,
        el('p', null, ...parts(excerptParts(String(f.x || ''), query)))));
    });
    more.hidden = shown >= order.length;
  }

  async function run(typing) {
    const query = input.value.trim(), current = ++generation;
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    list.textContent = '';
    shown = 0;
    if (!query) { status.textContent = ''; more.hidden = true; return; }
    const meta = await index.meta();
    const section = sectionFilter.value, year = yearFilter.value;
    const keep = (page) => (section === '' || String(meta[page * 3]) === section) &&
      (year === '' || String(yearOf(meta, page, fiscal)) === year);
    const match = await index.match(query, typing);
    if (current !== generation) return;
    order = ranked(match, keep);
    const line = [label('resultsLabel', { query, count: order.length })];
    if (other) {
      const elsewhere = count((await other.match(query, typing)).all);
      if (current !== generation) return;
      if (elsewhere) {
        // `[…]` in the label is the link to the other language's results.
        const words = label('otherLabel', { count: elsewhere }).match(/^(.*?)\[(.*)\](.*)$/s);
        const link = root.dataset.otherUrl + '?q=' + encodeURIComponent(query);
        line.push(' ');
        if (words) line.push(words[1], el('a', { href: safeHref(link) }, words[2]), words[3]);
        else line.push(label('otherLabel', { count: elsewhere }));
      }
    }
    status.replaceChildren(...line);
    await showMore(query, current);
  }

  let timer;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run(true), 40); });
  root.querySelector('form').addEventListener('submit', (e) => { e.preventDefault(); run(false); });
  sectionFilter.addEventListener('change', () => run(false));
  yearFilter.addEventListener('change', () => run(false));
  more.addEventListener('click', () => showMore(input.value.trim(), generation));
  root.hidden = false;
  fillFilters().then(() => {
    const q = new URL(location.href).searchParams.get('q');
    if (q) { input.value = q; run(false); }
  });
})(this);

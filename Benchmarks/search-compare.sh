#!/usr/bin/env bash
# Pagefind 1.5.2 (standard and extended) against the built-in search, on the same built site.
#
#   Benchmarks/search-compare.sh OUTPUT [QUERIES.tsv]   (default: Benchmarks/search-queries.tsv)
#
# OUTPUT is a built site (with /search.js and /<lang>/search/). Pagefind indexes a copy of it
# per variant (its bundle goes into the site, so never into OUTPUT itself); the build's wall
# time and peak RSS are measured with GNU time. Each query then runs in headless Chromium
# through Pagefind's JS API (Benchmarks/search-compare.py) and through search-eval.js for ours,
# and one table compares precision, recall, bytes per query and index cost and size.
# Needs python3, node, /usr/bin/time, /usr/bin/chromium and /usr/bin/chromedriver; the only
# network use is PyPI. VENV=DIR reuses (or keeps) the virtual environment between runs.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 OUTPUT [QUERIES.tsv]" >&2; exit 2; }
out=$(cd "$1" && pwd)
queries=$(realpath "${2:-$repo/Benchmarks/search-queries.tsv}")
[ -f "$out/search.js" ] || { echo "search-compare: $out has no /search.js (not a built site?)" >&2; exit 2; }

work=$(mktemp -d /tmp/search-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT  # two copies of the site: 400 MB for 10k pages
venv=${VENV:-$work/venv}

# Pagefind's PyPI wheels carry the same binaries as its npm packages (there is no npm here).
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q --disable-pip-version-check \
  pagefind-bin==1.5.2 pagefind-bin-extended==1.5.2 selenium==4.51.0
# The wheels' python -m entry points exec the binary; call it directly so GNU time sees only it.
executable() { "$venv/bin/python" -c "import $1; print($1.get_executable())"; }
declare -A binary
binary[standard]=$(executable pagefind_bin)
binary[extended]=$(executable pagefind_bin_extended)

for variant in standard extended; do
  cp -a "$out" "$work/$variant"
  if ! /usr/bin/time -f '%e %M' -o "$work/$variant.time" \
      "${binary[$variant]}" --site "$work/$variant" >"$work/$variant.log" 2>&1; then
    cat "$work/$variant.log" >&2
    exit 1
  fi
  echo "pagefind $variant: $(grep -E 'Indexed [0-9]+ (pages|words)' "$work/$variant.log" | xargs)"
done

# Ours: the index is written by the site build itself, so only its queries are run here.
node "$repo/Benchmarks/search-eval.js" "$out" "$queries" --json >"$work/ours.json"

# Selenium is told where chromium and chromedriver are: no Selenium Manager download.
SE_OFFLINE=true "$venv/bin/python" "$repo/Benchmarks/search-compare.py" "$out" "$queries" "$work/ours.json" "$work"

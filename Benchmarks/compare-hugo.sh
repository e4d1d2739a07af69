#!/usr/bin/env bash
# iclei-site against Hugo on the shared benchmark corpus, in the same hyperfine session.
#
#   Benchmarks/compare-hugo.sh [N ...]      (default: 1000 10000; RUNS=5)
#
# Generates the corpus with ../shared/bench/gen_corpus.py, builds it with Hugo
# (../shared/bench/hugo_site) and with iclei-site (Benchmarks/site: the same pages, section
# lists of 20, members by reading, tag pages, feeds, sitemap), checks that both wrote the
# same content pages, and prints wall time (median) and peak RSS of each, with the ratios.
# Timed runs never delete outputs (they are moved aside; see ../shared/bench/README.md).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=$(cd "$repo/../shared/bench" && pwd)
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

if ! command -v hugo >/dev/null || ! command -v hyperfine >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo hyperfine
fi
make -C "$repo" release >/dev/null  # the binary `make site` uses
tool="$repo/.build/release/iclei-site"
site_args="--config $repo/Benchmarks/site/site.yaml --templates $repo/Benchmarks/site/Templates"

content_pages() {  # single pages (not lists, not pager pages) written under $1
  find "$1/ja" "$1/en" -path '*/news/*/index.html' -o -path '*/cafe/*/index.html' -o -path '*/members/*/index.html' \
    | grep -v '/page/' | grep -Ev '/(news|cafe|members)/index.html$' | wc -l
}

peak_rss_mb() {  # peak RSS of one run of "$@", in MB
  /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'
}

summary=()
for n in "${sizes[@]}"; do
  corpus=/tmp/bench-work/c$n
  work=/tmp/bench-work/compare-c$n
  [ -d "$corpus/Content" ] || python3 "$bench/gen_corpus.py" --pages "$n" --out "$corpus" >/dev/null
  TOOL_CMD="$tool build --source \$SRC --output \$OUT $site_args" WORK="$work" "$bench/compare.sh" "$corpus" "$runs"

  hugo_pages=$(content_pages "$work/hugo/public")
  our_pages=$(content_pages "$work/ours/public")
  files=$(find "$corpus/Content" -name '*.md' | wc -l)
  echo "content pages: hugo $hugo_pages, iclei-site $our_pages, source files $files"
  if [ "$hugo_pages" != "$our_pages" ] || [ "$our_pages" != "$files" ]; then
    echo "page counts differ: the comparison is not like for like" >&2
    exit 1
  fi

  mkdir -p "$work/rss"
  hugo_rss=$(WORK="$work/rss/hugo" peak_rss_mb "$bench/run_hugo.sh" "$corpus")
  our_rss=$(peak_rss_mb $tool build --source "$corpus" --output "$work/rss/ours" $site_args)
  rm -rf "$work/rss/ours"

  line=$(python3 - "$work/compare.json" "$n" "$hugo_rss" "$our_rss" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
n, hugo_rss, our_rss = sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
hugo, ours = results["hugo"]["median"], results["ours"]["median"]
print(f"N={n}: hugo {hugo:.3f} s, iclei-site {ours:.3f} s, time ratio {ours / hugo:.3f}; "
      f"peak RSS hugo {hugo_rss:.0f} MB, iclei-site {our_rss:.0f} MB, RSS ratio {our_rss / hugo_rss:.3f}")
PY
)
  echo "$line"
  summary+=("$line")
done
echo
echo "== summary (same machine, same run) =="
printf '%s\n' "${summary[@]}"
echo "(clean up with: $bench/clean_trash.sh)"

#!/usr/bin/env bash
# The calendars of the bundled site, read by the `icalendar` package (PyPI): the real content
# plus one ICLEI Cafe session still to come, built at a fixed moment with --now.
# Usage: Tests/Calendar/calendars.sh [path to iclei-site] (ICALENDAR_PYTHON: a python with icalendar)
set -euo pipefail
cd "$(dirname "$0")/../.."
tool=${1:-.build/release/iclei-site}
python=${ICALENDAR_PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r Content Templates Public "$work"/
cat > "$work/Content/cafe/2030-06-test.ja.md" <<'MD'
---
title: "第1回イクレイカフェ; 脱炭素, 再エネと「地域」の長いタイトルで折り返しを確かめる"
start: 2030-06-10T15:00
end: 2030-06-10T16:30
online: true
registration: https://example.org/register
presenters: [yokohama]
---

オンラインで開催します。
MD
"$tool" build --source "$work" --output "$work/out" --now 2030-06-01T09:00+09:00 >/dev/null
grep -q "カレンダーに追加" "$work/out/ja/cafe/2030-06-test/index.html"
grep -q "2030年6月10日（月）15:00–16:30" "$work/out/ja/cafe/2030-06-test/index.html"
"$python" Tests/Calendar/ics_test.py "$work/out"

# The moment can come from the environment instead (the workflow's way): the same site.
ICLEI_NOW=2030-06-01T09:00+09:00 "$tool" build --source "$work" --output "$work/env" >/dev/null
diff -r --exclude=.iclei-site-output "$work/out" "$work/env"  # the marker names each build
if ICLEI_NOW=tomorrow "$tool" build --source "$work" --output "$work/bad" 2>"$work/error"; then
  echo "ICLEI_NOW=tomorrow was accepted" >&2
  exit 1
fi
grep -q '^ICLEI_NOW:1:1: error: `tomorrow` is not a moment' "$work/error"
test ! -e "$work/bad"
echo "ICLEI_NOW: the same site as --now; a bad value is an error and writes nothing"

#!/usr/bin/env bash
# Old addresses end to end: the bundled site with aliases added (a WordPress slug without its
# trailing slash, a percent-encoded Japanese slug, a `?p=` link) is built, then every old
# address is fetched from a plain static file server (python3 -m http.server) and from nginx
# with the generated map (`nginx -t` first); with a Python that has Selenium, WordPress's
# `/?p=123` and `/index.php?p=123` (the 404 page) in headless Chromium.
#
#   [SELENIUM_PYTHON=venv/bin/python] Tests/Redirects/old_urls.sh [path/to/iclei-site]
#   (default .build/release/iclei-site)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tool=${1:-$repo/.build/release/iclei-site}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && nginx -p "$work/" -c "$work/nginx.conf" -s stop 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cp -r "$repo/Content" "$repo/Templates" "$repo/Public" "$work/"
# The first news page by name (a glob, not `ls | head`: under pipefail, ls killed by SIGPIPE
# once head has its line fails the script, which happens as soon as the listing passes 4 KB).
pages=("$work"/Content/news/*.ja.md)
page=${pages[0]}
slug=$(basename "$page" .ja.md)
{ echo "---"; echo "aliases: [/ja/news/iclei-communication-26, \"/ja/news/%E6%97%A7%E8%A8%98%E4%BA%8B\", /?p=123]"; tail -n +2 "$page"; } > "$work/page" && mv "$work/page" "$page"
"$tool" build --source "$work" --output "$work/out" >/dev/null
target=/ja/news/$slug/
fails=0
check() {  # check NAME CONDITION...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}

python3 -m http.server 18765 --bind 127.0.0.1 -d "$work/out" >/dev/null 2>&1 &
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:18765/ && break; sleep 0.1; done
for old in /ja/news/iclei-communication-26 /ja/news/iclei-communication-26/ /ja/news/%E6%97%A7%E8%A8%98%E4%BA%8B; do
  body=$(curl -sL "http://127.0.0.1:18765$old")
  check "static server: $old refreshes to $target" grep -q "content=\"0; url=$target\"" <<< "$body"
done
check "static server: $target exists" curl -sf -o /dev/null "http://127.0.0.1:18765$target"
check "static server: /?p=123 gets the map" grep -q "\"p=123\":\"$target\"" <(curl -s http://127.0.0.1:18765/redirects.json)

cat > "$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path $work/tmp;
  include $work/out/redirects.nginx;
  server {
    listen 127.0.0.1:18766;
    root $work/out;
    error_page 404 /404.html;
    if (\$iclei_redirect) { return 301 \$iclei_redirect; }
  }
}
CONF
mkdir -p "$work/tmp"
chmod -R a+rX "$work"  # nginx's workers run as another user
check "nginx -t accepts the map" nginx -t -q -p "$work/" -c "$work/nginx.conf"
nginx -p "$work/" -c "$work/nginx.conf"
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:18766/ && break; sleep 0.1; done
for old in /ja/news/iclei-communication-26 /ja/news/iclei-communication-26/ /ja/news/%E6%97%A7%E8%A8%98%E4%BA%8B; do
  location=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:18766$old")
  check "nginx: $old is a 301 to $target" test "$location" = "301 http://127.0.0.1:18766$target"
done
if [ -n "${SELENIUM_PYTHON:-}" ]; then
  for query in "/?p=123" "/index.php?p=123"; do
    check "chromium: $query goes to $target" "$SELENIUM_PYTHON" - "http://127.0.0.1:18766$query" "$target" <<'PY'
import sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.get(sys.argv[1])
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith(sys.argv[2]))
finally:
    driver.quit()
PY
  done
fi
check "netlify _redirects names the old slug" grep -q "^/ja/news/iclei-communication-26 $target 301$" "$work/out/_redirects"
echo "old addresses: $fails failed"
[ "$fails" -eq 0 ]

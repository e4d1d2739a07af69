"""Accessibility in headless Chromium (issue 20): axe-core (the axe.min.js that the PyPI
package axe-selenium-python ships) finds no violation on every page type, at 1366 and at
390 px.

    python Tests/Browser/a11y_test.py OUTPUT_FOLDER
"""
import functools
import http.server
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from axe_selenium_python import Axe


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
threading.Thread(target=srv.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{srv.server_address[1]}"
# Every page type: homes, lists, a paginated list, an article, a member, tags, search, 404.
pages = ["/ja/", "/en/", "/ja/news/", "/ja/news/page/2/", "/en/news/2021-01-28-saitama-matsuyama-agreement/", "/ja/cafe/", "/ja/members/", "/en/members/yokohama/", "/ja/tags/", "/ja/tags/sdgs/", "/ja/search/?q=脱炭素", "/404.html", "/en/about-iclei-japan/"]
o = webdriver.ChromeOptions(); o.binary_location = "/usr/bin/chromium"
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,900"]: o.add_argument(a)
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
total = 0
for w in (1366, 390):
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": w, "height": 900, "deviceScaleFactor": 1, "mobile": w < 500})
    for p in pages:
        d.get(base + p)
        axe = Axe(d); axe.inject(); r = axe.run()
        v = r["violations"]; total += len(v)
        print(f"{'ok  ' if not v else 'FAIL'}  {w} px {p}: {len(v)} violations " + "; ".join(f"{x['id']} ({len(x['nodes'])})" for x in v))
d.quit()
print(f"axe: {total} violations")
sys.exit(1 if total else 0)

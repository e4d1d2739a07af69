"""PNGs of every page type at 1366 and 390 px (the phone emulated: headless windows are at
least 500 px wide), from a built site, for looking at a change before calling it done.

    python scripts/screenshots.py OUTPUT_FOLDER SCREENSHOT_FOLDER      (make screenshots)
"""
import functools
import http.server
import os
import sys
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

PAGES = {
    "home-ja": "/ja/", "home-en": "/en/", "news": "/ja/news/", "news-page-2": "/ja/news/page/2/",
    "article": "/en/news/2021-01-28-saitama-matsuyama-agreement/", "cafe": "/ja/cafe/",
    "members": "/ja/members/", "member": "/en/members/yokohama/", "tags": "/ja/tags/",
    "tag": "/ja/tags/sdgs/", "search": "/ja/search/?q=脱炭素", "about": "/ja/about-iclei-japan/",
    "not-found": "/404.html",
}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


output, folder = sys.argv[1], sys.argv[2]
os.makedirs(folder, exist_ok=True)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=output))
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                 "--window-size=1366,900"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    for width, height in [(1366, 900), (390, 844)]:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
        for name, path in PAGES.items():
            driver.get(base + path)
            time.sleep(0.3)
            driver.save_screenshot(os.path.join(folder, f"{name}-{width}.png"))
finally:
    driver.quit()
    server.shutdown()
print(f"screenshots: {len(PAGES) * 2} PNGs in {folder}")

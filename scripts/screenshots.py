"""PNGs of every page type at 1366 and 390 px (the phone emulated: headless windows are at
least 500 px wide), from a built site, for looking at a change before calling it done.

    python scripts/screenshots.py OUTPUT_FOLDER SCREENSHOT_FOLDER      (make screenshots)
"""
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests/Browser"))
from chromium import chromium, emulate, serve  # noqa: E402

PAGES = {
    "home-ja": "/ja/", "home-en": "/en/", "news": "/ja/news/", "news-page-2": "/ja/news/page/2/",
    "article": "/en/news/2021-01-28-saitama-matsuyama-agreement/", "cafe": "/ja/cafe/",
    "session": "/ja/cafe/2020-12-special-cop15/", "related": "/ja/news/2025-01-15-cafe-4-2025/",
    "members": "/ja/members/", "member": "/en/members/yokohama/", "tags": "/ja/tags/",
    "tag": "/ja/tags/sdgs/", "search": "/ja/search/?q=脱炭素", "about": "/ja/about-iclei-japan/",
    "accessibility-ja": "/ja/accessibility/", "accessibility-en": "/en/accessibility/",
    "not-found": "/404.html",
}


output, folder = sys.argv[1], sys.argv[2]
os.makedirs(folder, exist_ok=True)
base, server = serve(output)
driver = chromium()
try:
    for width in (1366, 390):
        emulate(driver, width)
        for name, path in PAGES.items():
            driver.get(base + path)
            time.sleep(0.3)
            driver.save_screenshot(os.path.join(folder, f"{name}-{width}.png"))
finally:
    driver.quit()
    server.shutdown()
print(f"screenshots: {len(PAGES) * 2} PNGs in {folder}")

"""Images in headless Chromium (issue 18): a page with a photo, built by iclei-site from the
bundled site and the media fixtures, loaded at 390 and 1366 px. The browser must pick a WebP
variant of the width it needs, and the page must not move while images load (cumulative
layout shift 0, which the width and height attributes guarantee).

    python Tests/Browser/media_test.py path/to/iclei-site
"""
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium.webdriver.support.ui import WebDriverWait

from chromium import chromium, emulate, serve

repo = Path(__file__).resolve().parents[2]
tool = sys.argv[1] if len(sys.argv) > 1 else str(repo / ".build/release/iclei-site")
work = Path(tempfile.mkdtemp())
try:
    for folder in ["Content", "Templates", "Public"]:
        shutil.copytree(repo / folder, work / folder)
    (work / "Public/images/news").mkdir(parents=True, exist_ok=True)
    for name in ["photo-exif6.jpg", "alpha.png"]:
        shutil.copy(repo / "Tests/SiteKitTests/Fixtures/media" / name, work / "Public/images/news" / name)
    text = "\n\n".join(["イクレイ日本は会員自治体と協力しています。" * 12] * 6)
    (work / "Content/news/2025-02-01-photo.ja.md").write_text(
        "---\ntitle: 写真のお知らせ\ndate: 2025-02-01\ntranslationKey: photo\n---\n\n"
        + text + "\n\n![会議の様子](/images/news/photo-exif6.jpg)\n\n" + text
        + "\n\n![透過](/images/news/alpha.png)\n\n" + text + "\n")
    (work / "Content/news/2025-02-01-photo.en.md").write_text(
        "---\ntitle: Photo news\ndate: 2025-02-01\ntranslationKey: photo\n---\n\nThe meeting.\n\n"
        "![The meeting](/images/news/photo-exif6.jpg)\n")
    subprocess.run([tool, "build", "--source", str(work), "--output", str(work / "Output")], check=True,
                   stdout=subprocess.DEVNULL)

    base, server = serve(work / "Output")

    failures = 0
    for width, expected in [(390, "photo-exif6.480w.webp"), (1366, "photo-exif6.800w.webp")]:
        driver = chromium()
        try:
            emulate(driver, width)
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
                window.__cls = 0;
                new PerformanceObserver((list) => {
                  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
                }).observe({type: 'layout-shift', buffered: true});
            """})
            driver.get(base + "/ja/news/2025-02-01-photo/")
            WebDriverWait(driver, 10).until(lambda d: d.execute_script(
                "const i = document.querySelector('picture img'); return i.complete && i.naturalWidth > 0"))
            # Scroll through the page so that the lazy images load too.
            for _ in range(200):
                at_bottom = driver.execute_script(
                    "window.scrollBy(0, 400); return innerHeight + scrollY >= document.body.scrollHeight - 1")
                time.sleep(0.02)
                if at_bottom:
                    break
            driver.execute_script("document.querySelectorAll('img[loading=lazy]').forEach(i => i.scrollIntoView())")
            try:
                WebDriverWait(driver, 10).until(lambda d: d.execute_script(
                    "return [...document.images].every(i => i.complete && i.naturalWidth > 0)"))
            except Exception:
                print(driver.execute_script(
                    "return [...document.images].map(i => [i.currentSrc, i.complete, i.naturalWidth, i.loading])"))
                raise
            current = driver.execute_script("return document.querySelector('picture img').currentSrc")
            cls = driver.execute_script("return window.__cls")
            ok = current.endswith(expected) and cls == 0
            failures += not ok
            print(f"{'ok  ' if ok else 'FAIL'}  {width} px: the browser took {current.rsplit('/', 1)[-1]} "
                  f"(expected {expected}), layout shift {cls}")
        finally:
            driver.quit()
    server.shutdown()
    print(f"media in Chromium: {failures} failed")
    sys.exit(1 if failures else 0)
finally:
    shutil.rmtree(work, ignore_errors=True)

"""Stored XSS on the search page: an editor's section name, title, summary or text that holds
markup must show as text in the results, never run. Builds a copy of the bundled site with
hostile content and searches it in headless Chromium.

    python3 Tests/Browser/search_xss_test.py path/to/iclei-site
"""
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chromium import chromium, serve  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


PLACES = {"section": 1, "title": 2, "summary": 3, "excerpt": 4}


def attack(name):
    """Markup that sets window.__xss to the place's number if any browser ever runs it."""
    return f'<img src=x onerror="window.__xss={PLACES[name]}"><svg onload="window.__xss={PLACES[name]}"></svg>'



def hostile_site(folder):
    for part in ["Content", "Templates", "Public"]:
        shutil.copytree(os.path.join(REPO, part), os.path.join(folder, part), symlinks=True)
    news = os.path.join(folder, "Content", "news", "_index.ja.md")
    text = open(news, encoding="utf-8").read()
    head, rest = text.split("title:", 1)
    rest = rest.split("\n", 1)[1]
    open(news, "w", encoding="utf-8").write(head + "title: '" + attack("section") + "ニュース'\n" + rest)
    open(os.path.join(folder, "Content", "news", "2020-01-02-xss.ja.md"), "w", encoding="utf-8").write(
        "---\n"
        f"title: '毒入り検索語 {attack('title')}'\n"
        "date: 2020-01-02\n"
        f"summary: '毒入り検索語 {attack('summary')}'\n"
        "---\n\n"
        "毒入り検索語 の本文です。 `" + attack("excerpt") + "` &lt;script&gt;window.__xss=5&lt;/script&gt;\n")


def main():
    binary = os.path.abspath(sys.argv[1])
    failures = []

    def check(condition, message):
        print(("ok    " if condition else "FAIL  ") + message)
        if not condition:
            failures.append(message)

    with tempfile.TemporaryDirectory() as folder:
        hostile_site(folder)
        output = os.path.join(folder, "Output")
        subprocess.run([binary, "build", "--source", folder, "--output", output, "--now", "2026-01-01T00:00+09:00"],
                       check=True, stdout=subprocess.DEVNULL)
        origin, server = serve(output)
        driver = chromium()
        try:
            query = "毒入り検索語"
            driver.get(f"{origin}/ja/search/?q={urllib.parse.quote(query)}")
            wait = WebDriverWait(driver, 10)
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-results] li"))
            # The filter's options and the results are in; give any injected handler time to fire.
            driver.execute_script("return new Promise((r) => setTimeout(r, 500))")
            fired = driver.execute_script("return window.__xss || null")
            check(fired is None, f"no markup from the content ran (window.__xss = {fired!r})")
            results = driver.find_elements(By.CSS_SELECTOR, "[data-results] li")
            text = " ".join(r.text for r in results)
            check("onerror" in text, "the hostile title shows as text in the results")
            check(not driver.find_elements(By.CSS_SELECTOR, "[data-results] img, [data-results] svg, [data-search] img"),
                  "no element was made from content markup")
            options = [o.text for o in driver.find_elements(By.CSS_SELECTOR, "[data-filter-section] option")]
            check(any("onerror" in o for o in options), f"the section name shows as text in the filter ({len(options)} options)")
            metas = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "[data-results] .search-meta")]
            check(any("onerror" in m for m in metas), "the section name shows as text beside a result")
            check(len(driver.find_elements(By.CSS_SELECTOR, "[data-results] mark")) > 0, "the match is still highlighted")
        finally:
            driver.quit()
            server.shutdown()
    print(f"search xss: {'FAILED' if failures else 'passed'} ({len(failures)} failures)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

"""Accessibility in headless Chromium (issue 20): axe-core (the axe.min.js that the PyPI
package axe-selenium-python ships) finds no violation on every page type, at 1366 and at
390 px.

    python Tests/Browser/a11y_test.py OUTPUT_FOLDER
"""
import sys

from axe_selenium_python import Axe

from chromium import chromium, emulate, serve

# Every page type: homes, lists, a paginated list, an article, a member, tags, search, 404;
# a news item with related items and a cafe session with its previous and next.
PAGES = ["/ja/", "/en/", "/ja/news/", "/ja/news/page/2/", "/en/news/2021-01-28-saitama-matsuyama-agreement/",
         "/ja/cafe/", "/ja/members/", "/en/members/yokohama/", "/ja/tags/", "/ja/tags/sdgs/", "/ja/search/?q=脱炭素",
         "/404.html", "/en/about-iclei-japan/", "/ja/cafe/2025-01-cafe-4/", "/en/newsletter/", "/ja/reports/",
         "/ja/news/2025-01-15-cafe-4-2025/", "/en/cafe/2020-12-special-cop15/", "/ja/accessibility/",
         "/en/accessibility/"]

base, server = serve(sys.argv[1])
driver = chromium()
total = 0
try:
    for width in (1366, 390):
        emulate(driver, width)
        for page in PAGES:
            driver.get(base + page)
            axe = Axe(driver)
            axe.inject()
            violations = axe.run()["violations"]
            total += len(violations)
            found = "; ".join(f"{v['id']} ({len(v['nodes'])})" for v in violations)
            print(f"{'ok  ' if not violations else 'FAIL'}  {width} px {page}: {len(violations)} violations {found}")
finally:
    driver.quit()
    server.shutdown()
print(f"axe: {total} violations")
sys.exit(1 if total else 0)

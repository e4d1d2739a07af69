"""The phone menu in headless Chromium (issue 20): at 390 px the header with the closed menu
takes at most 120 px, the menu button says whether it is open (aria-expanded) and opens the
menu and the search box; without JavaScript every menu link is there to use. A group of the
menu (issue 37) is a <details> disclosure: Enter or Space on its summary opens it, with or
without JavaScript, at 390 and 1366 px; with JavaScript, Escape closes it and gives the focus
back to its summary, and a click elsewhere closes it.

    python Tests/Browser/menu_test.py OUTPUT_FOLDER
"""
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from chromium import chromium, emulate, serve

base, server = serve(sys.argv[1])


def phone(javascript=True):
    driver = chromium()
    emulate(driver, 390, javascript=javascript)
    return driver


failures = 0


def check(name, ok):
    global failures
    failures += not ok
    print(f"{'ok  ' if ok else 'FAIL'}  {name}")


driver = phone()
try:
    for page in ["/ja/", "/en/news/", "/ja/members/", "/404.html"]:
        driver.get(base + page)
        height = driver.execute_script("return document.querySelector('.site-header').getBoundingClientRect().height")
        check(f"{page}: header and closed menu {height:.0f} px (at most 120)", height <= 120)
    driver.get(base + "/ja/")
    button = driver.find_element(By.CSS_SELECTOR, ".menu-toggle")
    check("the menu is closed and says so", button.get_attribute("aria-expanded") == "false"
          and not driver.find_element(By.ID, "site-menu").is_displayed())
    button.click()
    check("the button opens the menu and says so", button.get_attribute("aria-expanded") == "true"
          and driver.find_element(By.ID, "site-menu").is_displayed()
          and driver.find_element(By.CSS_SELECTOR, ".header-search input").is_displayed())
    button.click()
    check("and closes it", button.get_attribute("aria-expanded") == "false")
finally:
    driver.quit()

driver = phone(javascript=False)
try:
    driver.get(base + "/ja/")
    links = [a for a in driver.find_elements(By.CSS_SELECTOR, "#site-menu a") if a.is_displayed()]
    check(f"without JavaScript the {len(links)} menu links are shown", len(links) >= 5)
finally:
    driver.quit()


def group_links(driver):
    return [a for a in driver.find_elements(By.CSS_SELECTOR, ".menu-group a") if a.is_displayed()]


for width in (390, 1366):
    for javascript in (True, False):
        driver = chromium()
        emulate(driver, width, javascript=javascript)
        where = f"{width} px, {'with' if javascript else 'without'} JavaScript"
        try:
            driver.get(base + "/ja/about-iclei/")
            if javascript and width == 390:
                driver.find_element(By.CSS_SELECTOR, ".menu-toggle").click()
            summary = driver.find_element(By.CSS_SELECTOR, ".menu-group summary")
            check(f"{where}: the group is closed, its current entry marked",
                  not group_links(driver) and "current" in (summary.get_attribute("class") or ""))
            for key, name in ((Keys.ENTER, "Enter"), (Keys.SPACE, "Space")):
                summary.send_keys(key)
                links = group_links(driver)
                check(f"{where}: {name} opens the group ({len(links)} links)", len(links) == 3)
                summary.send_keys(key)
                check(f"{where}: and {name} closes it", not group_links(driver))
            current = driver.find_elements(By.CSS_SELECTOR, '.menu-group a[aria-current="page"]')
            check(f"{where}: the page's entry says it is current", len(current) == 1)
            if javascript:
                summary.send_keys(Keys.ENTER)
                group_links(driver)[0].send_keys(Keys.ESCAPE)
                focused = driver.execute_script("return document.activeElement.tagName")
                check(f"{where}: Escape closes it, focus back on its summary",
                      not group_links(driver) and focused == "SUMMARY")
                summary.send_keys(Keys.ENTER)
                driver.find_element(By.TAG_NAME, "h1").click()
                check(f"{where}: a click elsewhere closes it", not group_links(driver))
        finally:
            driver.quit()

server.shutdown()
print(f"menu: {failures} failed")
sys.exit(1 if failures else 0)

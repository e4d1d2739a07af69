"""The phone menu in headless Chromium (issue 20): at 390 px the header with the closed menu
takes at most 120 px, the menu button says whether it is open (aria-expanded) and opens the
menu and the search box; without JavaScript every menu link is there to use.

    python Tests/Browser/menu_test.py OUTPUT_FOLDER
"""
import sys

from selenium.webdriver.common.by import By

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
server.shutdown()
print(f"menu: {failures} failed")
sys.exit(1 if failures else 0)

"""The phone menu in headless Chromium (issue 20): at 390 px the header with the closed menu
takes at most 120 px, the menu button says whether it is open (aria-expanded) and opens the
menu and the search box; without JavaScript every menu link is there to use.

    python Tests/Browser/menu_test.py OUTPUT_FOLDER
"""
import functools
import http.server
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"


def phone(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,900"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # Headless windows are at least 500 px wide: the phone is emulated.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    if not javascript:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
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

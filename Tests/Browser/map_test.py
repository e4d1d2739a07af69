"""The home page's map of the members in headless Chromium, at 1366 and 390 px: the markers'
layer covers the drawn map exactly, every member with a marker is also in the list beside it
(the text alternative), and choosing a marker opens that member's profile.

    python Tests/Browser/map_test.py OUTPUT_FOLDER"""
import sys
import time

from selenium.webdriver.common.by import By

from chromium import chromium, emulate, serve

output = sys.argv[1]
base, server = serve(output)
driver = chromium()
failures = 0
try:
    for width in (1366, 390):
        emulate(driver, width)
        driver.get(base + "/ja/")
        time.sleep(0.3)
        image = driver.find_element(By.CSS_SELECTOR, ".map img")
        layer = driver.find_element(By.CSS_SELECTOR, ".map svg.map-markers")
        assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image), "map image"
        a, b = image.rect, layer.rect
        if any(abs(a[k] - b[k]) > 1 for k in ("x", "y", "width", "height")):
            print(f"FAIL  {width} px: the markers' layer {b} does not cover the map {a}")
            failures += 1
        absolute = "return new URL(arguments[0].getAttribute('href'), location.href).href"
        markers = {m.get_attribute("aria-label"): driver.execute_script(absolute, m)
                   for m in layer.find_elements(By.CSS_SELECTOR, "a")}
        listed = {l.text: driver.execute_script(absolute, l)
                  for l in driver.find_elements(By.CSS_SELECTOR, ".map-list a")}
        if not markers or markers != listed:
            print(f"FAIL  {width} px: markers {sorted(markers)} and list {sorted(listed)} differ")
            failures += 1
        # Sapporo stands alone on the map: its marker can be chosen.
        sapporo = layer.find_element(By.CSS_SELECTOR, "a[aria-label='札幌市'] circle")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", sapporo)
        box = driver.execute_script("const r = arguments[0].getBoundingClientRect();"
                                    "return [r.x + r.width / 2, r.y + r.height / 2]", sapporo)
        hit = driver.execute_script("const e = document.elementFromPoint(arguments[0], arguments[1]);"
                                    "return e && e.closest('a') ? e.closest('a').getAttribute('aria-label') : String(e && e.outerHTML).slice(0, 120)",
                                    *box)
        if hit != "札幌市":
            print(f"FAIL  {width} px: the Sapporo marker is covered by {hit}")
            failures += 1
            continue
        sapporo.click()
        time.sleep(0.3)
        if not driver.current_url.endswith("/ja/members/sapporo/"):
            print(f"FAIL  {width} px: the Sapporo marker led to {driver.current_url}")
            failures += 1
        else:
            print(f"ok    {width} px: {len(markers)} markers over the map, each in the list; a marker opens its profile")
finally:
    driver.quit()
    server.shutdown()
sys.exit(1 if failures else 0)

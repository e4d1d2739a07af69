"""What the browser checks share: a built site on a free local port, and headless Chromium
(Debian's chromium and chromium-driver) with a viewport of a given width; phones are emulated,
since headless windows are at least 500 px wide."""
import functools
import http.server
import io
import os
import re
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class RangeHandler(_Quiet):
    """Answers `Range: bytes=a-b` with 206 Partial Content, as static hosts do (http.server alone
    sends the whole file). `partial` counts the ranges sent."""
    partial = 0

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range") or "")
        path = self.translate_path(self.path)
        if not match or not os.path.isfile(path):
            return super().send_head()
        data = open(path, "rb").read()
        start, end = int(match[1]), min(int(match[2]) if match[2] else len(data) - 1, len(data) - 1)
        if start > end:
            self.send_error(416)
            return None
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end + 1 - start))
        self.end_headers()
        RangeHandler.partial += 1
        return io.BytesIO(data[start:end + 1])


def serve(folder, ranges=True):
    """The folder over HTTP: its base URL and the server (call shutdown() when done). With
    `ranges=False`, range requests get the whole file, as from a host that ignores them."""
    handler = RangeHandler if ranges else _Quiet
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--window-size=1366,900"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def emulate(driver, width, javascript=True):
    """A viewport `width` px wide at one device pixel per CSS pixel; below 500 px, a phone."""
    phone = width < 500
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 844 if phone else 900, "deviceScaleFactor": 1, "mobile": phone})
    if not javascript:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})

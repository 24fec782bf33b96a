"""Open a page in headless Chromium (Debian's chromium + chromium-driver) through Selenium, offline."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def chromium_paths() -> tuple[str, str] | None:
    """(browser, driver) executables, or None when either is missing."""
    browser = next((path for name in CHROMIUM_CANDIDATES if (path := shutil.which(name))), None)
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@dataclass
class PageCheck:
    charts: dict[str, int]  # chart element id -> SVG elements drawn inside it
    errors: list[str]  # SEVERE browser console entries
    title: str


def check_page(html_path: Path, screenshot: Path | None = None, chart_class: str = "plotly-graph-div") -> PageCheck:
    """Load html_path from disk, wait for the charts to draw, collect console errors, optionally screenshot."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = chromium_paths()
    assert paths is not None, "chromium and chromedriver are needed"
    browser, driver_path = paths
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not look for downloads
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,2400"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        driver.get(html_path.resolve().as_uri())
        deadline = time.monotonic() + 30
        while True:
            charts = driver.execute_script(
                "const out = {};"
                f"for (const el of document.getElementsByClassName('{chart_class}'))"
                "  out[el.id] = el.querySelectorAll('svg').length;"
                "return out;"
            )
            if (charts and all(charts.values())) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        if screenshot is not None:
            height = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(1200, min(int(height) + 200, 8000))
            driver.save_screenshot(str(screenshot))
        errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        return PageCheck(charts=charts, errors=errors, title=driver.title)
    finally:
        driver.quit()

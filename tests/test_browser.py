"""The HTML report in a real browser: headless Chromium from Debian, driven by Selenium.

Needs ``apt-get install chromium chromium-driver`` and ``pip install '.[browser]'``
(``.ci/run`` installs both); run with ``pytest -m browser``. Saves screenshots to
``test-artifacts/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from libyapk_summ import build_dossier, report_html
from libyapk_summ.cli import main

from .conftest import ROOT, SEEDS
from .extras import missing, require
from .hostile import hostile_report

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,1000",
]  # fmt: skip
"""Without the background-networking flags a closed network refuses Chromium's own connections."""


def _chrome(profile: Path, javascript: bool = True):  # type: ignore[no-untyped-def]
    """Headless Chromium with a new, empty profile in ``profile``."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not (chromium and driver_path):
        missing("needs Debian's Chromium: apt-get install -y chromium chromium-driver")
    webdriver = require("selenium.webdriver", "needs selenium: pip install '.[browser]'")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(driver_path), options=options)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = _chrome(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory) -> Path:
    """out/report.html as the dossier command writes it for the seeds, offline."""
    out = tmp_path_factory.mktemp("out")
    args = ["dossier", str(SEEDS[0].parent), "--out", str(out), "--mode", "replay", "--no-cache", "--quiet"]
    assert main(args) == 0
    return out / "report.html"


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> Path:
    report = hostile_report()
    path = tmp_path_factory.mktemp("hostile") / "report.html"
    path.write_text(report_html([report], build_dossier([report])), encoding="utf-8")
    return path


def in_view(driver, element) -> bool:  # type: ignore[no-untyped-def]
    """Inside the window and inside its own scrolling box."""
    return driver.execute_script(
        "var r = arguments[0].getBoundingClientRect(), box = arguments[0].closest('.source');"
        "var b = box ? box.getBoundingClientRect() : {top: 0, bottom: innerHeight};"
        "return r.height > 0 && r.top >= Math.max(0, b.top) - 1"
        " && r.bottom <= Math.min(innerHeight, b.bottom) + 1;",
        element,
    )


def test_arabic_blocks_compute_to_right_to_left(browser, seed_page):
    browser.get(seed_page.as_uri())
    directions = browser.execute_script(
        "return Array.from(document.querySelectorAll('[lang=ar]')).map(e => getComputedStyle(e).direction)"
    )
    assert len(directions) >= 3 * len(SEEDS) and set(directions) == {"rtl"}


def test_arabic_text_uses_the_arabic_font_stack(browser, seed_page):
    browser.get(seed_page.as_uri())
    font = browser.execute_script("return getComputedStyle(document.querySelector('.source')).fontFamily")
    assert font.startswith('"Noto Naskh Arabic"')


def test_clicking_an_event_selects_and_shows_its_evidence_span(browser, seed_page):
    from selenium.webdriver.common.by import By

    browser.get(seed_page.as_uri())
    link = browser.find_element(By.CSS_SELECTOR, "#a2-e3 a.span")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    mark = browser.find_element(By.ID, link.get_attribute("href").rpartition("#")[2])
    assert "selected" in mark.get_attribute("class") and in_view(browser, mark)
    assert "selected" in browser.find_element(By.ID, "a2-e3").get_attribute("class")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report.png"))


def test_clicking_a_key_point_shows_its_span(browser, seed_page):
    from selenium.webdriver.common.by import By

    browser.get(seed_page.as_uri())
    point = browser.find_element(By.ID, "a3-k2")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", point)
    point.click()
    mark = browser.find_element(By.ID, point.get_attribute("data-spans").split()[0])
    assert "selected" in mark.get_attribute("class") and in_view(browser, mark)


def test_a_dossier_source_link_selects_the_article_event(browser, seed_page):
    from selenium.webdriver.common.by import By

    browser.get(seed_page.as_uri())
    browser.find_element(By.CSS_SELECTOR, "#timeline a[href='#a2-e1']").click()
    assert "selected" in browser.find_element(By.ID, "a2-e1").get_attribute("class")


def test_the_report_script_runs_without_errors(browser, seed_page):
    browser.get(seed_page.as_uri())
    assert browser.execute_script("return document.documentElement.classList.contains('js')")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_without_javascript_an_evidence_link_still_scrolls_to_its_span(seed_page, tmp_path):
    driver = _chrome(tmp_path, javascript=False)  # skips, or fails in CI, without Chromium or selenium
    from selenium.webdriver.common.by import By

    try:
        driver.get(seed_page.as_uri())
        assert not driver.execute_script("return document.documentElement.classList.contains('js')")
        link = driver.find_element(By.CSS_SELECTOR, "#a2-e3 a.span")
        link.click()
        assert in_view(driver, driver.find_element(By.ID, link.get_attribute("href").rpartition("#")[2]))
    finally:
        driver.quit()


def test_a_hostile_article_runs_nothing(browser, hostile_page):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    browser.get(hostile_page.as_uri())
    for link in browser.find_elements(By.CSS_SELECTOR, "a.span"):
        link.click()
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert browser.execute_script("return window.__pwned === undefined && document.images.length === 0")
    assert browser.execute_script(
        "return document.documentElement.classList.contains('js')"
    )  # scripts do run
    assert not [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report-hostile.png"))

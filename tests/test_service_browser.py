"""The web page in real headless Chromium (Debian's `chromium`, driven by Playwright).

Pastes seed 000, presses Clean, and checks that the diff shows the
"Haberin Devamı" line removed and labelled with its rule; saves screenshots in
the test's temporary folder.  Skips only when no chromium binary exists
(`scripts/ensure-chromium` installs it; CI runs it first).
"""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

SEED_000 = Path(__file__).resolve().parent.parent / "seeds" / "000_47498bf9373432ce" / "raw.txt"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="module")
def live_url():
    from service import create_app

    server = make_server("127.0.0.1", 0, create_app({"CLEANER_WARM": True}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = chromium_path()
    if executable is None:
        pytest.skip("Debian chromium not found (/usr/bin/chromium); run scripts/ensure-chromium to install it")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1440, "height": 1000},
            permissions=["clipboard-read", "clipboard-write"],
        )
        yield context
        context.close()


def test_page_cleans_seed_000_and_labels_the_removed_line(browser, live_url, tmp_path):
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda req: requests.append(req.url))

    page.goto(live_url + "/")
    assert page.title().startswith("article-cleaner")
    page.screenshot(path=str(tmp_path / "empty.png"))
    assert not page.get_by_role("button", name="Copy text").is_visible()  # nothing to copy yet

    page.get_by_label("Article text or HTML").fill(SEED_000.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Clean", exact=True).click()
    page.wait_for_selector("#diff .drow.del", timeout=30_000)

    # The "Haberin Devamı" line is shown removed, labelled with its rule and, on hover, its reason.
    removed = page.locator("#diff .drow.del", has_text="Haberin Devamı")
    assert removed.count() >= 1
    chip = removed.first.locator(".chip", has_text="boilerplate.read_more")
    assert chip.count() == 1
    assert "read-more" in chip.get_attribute("title")
    chip.hover()
    assert chip.locator(".tip").is_visible()
    # Removed text is struck through in the original column; the cleaned column has no such line.
    assert removed.first.locator(".side.removed del").count() == 1
    assert "Haberin Devamı" not in page.locator("#cleaned").input_value()
    # Every removed line carries at least one rule label.
    for row in page.locator("#diff .drow.del").all():
        assert row.locator(".chip").count() >= 1, row.inner_text()
    page.screenshot(path=str(tmp_path / "diff-split.png"), full_page=True)

    # Inline layout, and the changes table.
    page.locator("label", has_text="Inline").click()
    page.wait_for_selector("#diff.inline .drow.del")
    assert page.locator("#diff .drow.del", has_text="Haberin Devamı").first.locator(".chip", has_text="boilerplate.read_more").count() == 1
    page.screenshot(path=str(tmp_path / "diff-inline.png"))
    page.get_by_role("tab", name="Changes").click()
    assert page.locator("#changes-body tr", has_text="boilerplate.read_more").count() == 3

    # Copy and download the cleaned text.
    page.get_by_role("button", name="Copy text").click()
    page.get_by_role("button", name="Copied ✓").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download .txt").click()
    downloaded = Path(info.value.path()).read_text(encoding="utf-8")
    assert downloaded.startswith("Diplomatic efforts") and "Haberin Devamı" not in downloaded

    shot = tmp_path / "seed-000.png"
    page.get_by_role("tab", name="Diff").click()
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    assert not errors, errors
    assert all(url.startswith(live_url) or url.startswith(("data:", "blob:")) for url in requests), requests
    page.close()


def test_page_is_keyboard_usable_and_reports_errors(browser, live_url):
    page = browser.new_page()
    page.goto(live_url + "/")
    # Ctrl+Enter in the text area cleans.
    page.get_by_label("Article text or HTML").fill("Talks resumed on Tuesday.\nHaberin Devamı\nBoth sides agreed.\n")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#diff .drow.del")
    assert page.locator("#stats").inner_text().strip()
    # Tabs follow the arrow keys.
    page.get_by_role("tab", name="Diff").focus()
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("tab", name="Cleaned text").get_attribute("aria-selected") == "true"
    # Unticking every category leaves the text alone: no removed lines.
    for box in page.locator("input[name=category]").all():
        box.uncheck()
    page.get_by_role("button", name="Clean", exact=True).click()
    page.wait_for_selector("#diff .nodiff", state="attached")
    # An empty input is refused on the page, with a message.
    page.get_by_label("Article text or HTML").fill("")
    page.get_by_role("button", name="Clean", exact=True).click()
    assert "Paste an article" in page.locator("#error").inner_text()
    page.close()


def test_page_cleans_pasted_html(browser, live_url):
    page = browser.new_page()
    page.goto(live_url + "/")
    html = (
        "<!doctype html><html><head><title>Talks resume</title></head><body><article>"
        "<h1>Talks resume in the capital</h1>"
        + "<p>Negotiators from both sides met on Tuesday and agreed to continue the talks next week.</p>" * 3
        + "<p>Haberin Devamı</p></article></body></html>"
    )
    page.get_by_label("Article text or HTML").fill(html)
    assert "html" in page.locator("#input-kind").inner_text()
    page.get_by_role("button", name="Clean", exact=True).click()
    page.wait_for_selector("#output:not([hidden])")
    cleaned = page.locator("#cleaned").input_value()
    assert "Negotiators" in cleaned and "<p>" not in cleaned
    if page.locator("#diff .dhead").count():
        assert "extracted" in page.locator("#diff .dhead").inner_text().lower()
    page.close()

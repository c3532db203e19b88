"""A survey whose names, attributes and labels carry HTML and JavaScript: shown literally, never run."""

import pytest

from tests.browser.test_app_in_browser import PAGES, open_page

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.pwned=1</script>",
    '"><img src=x onerror="window.pwned=2">',
    "</script><svg onload=window.pwned=3>",
    "[x](javascript:window.pwned=4) ![i](http://example.org/i.png)",
    "\u202eevil right-to-left 🧵 " + "long" * 60,
]
ACTORS = (
    "actor_id,name,type,village\n"
    + "".join(
        f'A{number},"{payload.replace(chr(34), chr(34) * 2)}",firm,"{payload.replace(chr(34), chr(34) * 2)}"\n'
        for number, payload in enumerate(PAYLOADS)
    )
    + "B,Plain Weavers,ngo,North\n"
)
TIES = (
    "source,target,round,relation,trust\n"
    + "".join(
        f"A{number},B,<b>r1</b>,<i>talk</i>,4\nB,A{number},<b>r1</b>,<i>talk</i>,2\n" for number in range(len(PAYLOADS))
    )
    + "A0,A1,<b>r1</b>,<i>talk</i>,1\n"
)


def pwned(page) -> list:
    return [frame.evaluate("window.pwned") for frame in page.frames]


def test_hostile_survey_text_never_runs_in_any_page(page, app_url, tmp_path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "ties.csv").write_text(TIES, encoding="utf-8")
    open_page(page, app_url, "data")
    page.locator("input[type=file]").set_input_files([str(tmp_path / "actors.csv"), str(tmp_path / "ties.csv")])
    page.wait_for_selector("text=Using uploaded files", timeout=60_000)
    for name in PAGES:
        if name != "data":
            page.get_by_role("link", name=name.capitalize()).click()
            page.wait_for_selector("h1", timeout=60_000)
            page.wait_for_timeout(2500)
        assert page.locator("[data-testid='stException']").count() == 0, name
        assert pwned(page) == [None] * len(page.frames), name
        if name == "gaps":
            assert "<script>window.pwned=1</script>" in page.inner_text("body")  # shown, as text
    assert dialogs == []
    assert not any("example.org" in url for url in page.requests)

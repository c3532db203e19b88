"""A survey whose names, attributes and labels carry HTML and JavaScript: shown literally, never run."""

import pytest

from tests.browser.test_app_in_browser import PAGES, link_name, open_page, upload_survey, wait_for_run_to_finish

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
    upload_survey(page, [str(tmp_path / "actors.csv"), str(tmp_path / "ties.csv")])
    page.wait_for_selector("text=Using uploaded files", timeout=60_000)
    for name in PAGES:
        if name != "data":
            page.get_by_role("link", name=link_name(name)).click()
            page.wait_for_selector("h1", timeout=60_000)
            page.wait_for_timeout(2500)
        assert page.locator("[data-testid='stException']").count() == 0, name
        assert pwned(page) == [None] * len(page.frames), name
        if name == "gaps":
            assert "<script>window.pwned=1</script>" in page.inner_text("body")  # shown, as text
    assert dialogs == []
    assert not any("example.org" in url for url in page.requests)


LINKING_LABELS = ["http://evil.example/x", "www.evil.example", "boss@evil.example", "[go](http://evil.example)"]


def test_urls_in_relation_labels_are_text_on_the_rounds_page(page, app_url, tmp_path):
    """Relation labels are shown in the Rounds page's settings line and charts: a URL there is not a link."""
    (tmp_path / "actors.csv").write_text("actor_id,name,type\nA,Alpha,firm\nB,Beta,firm\nC,Gamma,ngo\n")
    ties = "source,target,round,relation,trust\n" + "".join(
        f'A,B,{round_label},"{label}",4\nB,C,{round_label},"{label}",3\n'
        for round_label in ("baseline", "endline")
        for label in LINKING_LABELS
    )
    (tmp_path / "ties.csv").write_text(ties, encoding="utf-8")
    open_page(page, app_url, "data")
    upload_survey(page, [str(tmp_path / "actors.csv"), str(tmp_path / "ties.csv")])
    page.wait_for_selector("text=Using uploaded files", timeout=60_000)
    page.get_by_role("link", name="Rounds").click()
    page.wait_for_selector("text=did it grow?", timeout=60_000)
    relations = page.get_by_label("Relations", exact=True).first  # the settings line then names them
    for _ in LINKING_LABELS:
        relations.click()
        page.get_by_role("option").first.click()
        page.keyboard.press("Escape")
        wait_for_run_to_finish(page)
    page.wait_for_timeout(2500)
    assert page.locator("[data-testid='stException']").count() == 0
    assert "http://evil.example/x" in page.inner_text("body")  # shown, as text
    links = [
        href
        for frame in page.frames
        for href in frame.eval_on_selector_all("a[href]", "anchors => anchors.map(anchor => anchor.href)")
    ]
    assert not [href for href in links if "evil" in href]
    assert not any("evil.example" in url for url in page.requests)

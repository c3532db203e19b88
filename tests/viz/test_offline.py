"""Pages stay offline: remote tags are removed, and anything remote left is refused."""

import re

import pytest
from pyvis.network import Network

from clusternet.viz.offline import external_resources, is_remote, strip_external_resources


def test_pyvis_pages_link_a_cdn_until_stripped():
    network = Network(cdn_resources="in_line")
    network.add_node(0, label="a")
    page = network.generate_html()
    assert any("cdn.jsdelivr.net" in resource for resource in external_resources(page))
    stripped = strip_external_resources(page)
    assert external_resources(stripped) == []
    assert not re.search(r"https?://[^\s\"'<>)]*cdn", stripped, re.IGNORECASE)


def test_remote_means_another_machine():
    assert [is_remote(url) for url in ("https://a.org/x.js", "http://a", "//cdn.x/y", " HTTPS://a")] == [True] * 4
    assert [is_remote(url) for url in ("lib/x.js", "#top", "data:image/png;base64,AAAA")] == [False] * 3


def test_anything_remote_that_cannot_be_stripped_is_refused():
    with pytest.raises(RuntimeError, match=r"img src=https://example\.org/logo\.png"):
        strip_external_resources('<html><body><img src="https://example.org/logo.png"></body></html>')


def test_remote_scripts_and_style_sheets_are_removed_with_their_attributes_on_several_lines():
    page = (
        '<head><link\n  href="https://cdn.example/x.css"\n  rel="stylesheet"\n/>'
        '<script\n src="//cdn.example/x.js"\n crossorigin="anonymous"\n></script>'
        "<script>var a = 1;</script></head>"
    )
    assert strip_external_resources(page) == "<head><script>var a = 1;</script></head>"

"""Survey text inside Markdown and HTML, shown literally.

In Markdown (the app's captions and explanations) a name could become a link, an image the browser
fetches, emphasis, a heading, a list, a table cell, a colour or icon directive, or mathematics; in
HTML (the report) it could become an element or an attribute. :func:`markdown_text` and
:func:`html_text` make it text, and both replace what XML forbids (:func:`~clusternet.sanitize.xml.xml_text`),
so the page can be encoded and parsed.
"""

from __future__ import annotations

import html
import re
import string

from clusternet.sanitize.xml import xml_text

MARKDOWN_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
"""Every ASCII punctuation character: CommonMark lets a backslash make any of them literal, and each
can start some construct (``[`` a link, ``!`` an image, ``:`` Streamlit's ``:red[...]`` and a URL
that GitHub-flavoured Markdown would link, ``$`` mathematics, ``|`` a table cell, ``&`` an entity)."""

LINE_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029]")
WORD_JOINER = "\u2060"
AUTOLINK_STARTS = re.compile(r"(?i)(?=://)|(?<=www)(?=\.)|(?<=@)")
"""Where GitHub-flavoured Markdown's literal autolinks begin: a scheme's ``://``, ``www.`` and an
e-mail's ``@``. Streamlit's renderer finds them in the text after escapes are
resolved, so a backslash cannot stop them; an invisible word joiner there does."""


def markdown_text(text: object) -> str:
    """``text`` written so that Markdown shows it as it is: every ASCII punctuation character
    backslash-escaped, every line break a space (a break inside a paragraph reads as a space
    anyway, and could otherwise end it and start a heading, list or table), and a word joiner
    where a bare URL or e-mail address would become a link (:data:`AUTOLINK_STARTS`).

    >>> markdown_text("![x](http://evil.example/a.png)").replace(WORD_JOINER, "+")
    '\\\\!\\\\[x\\\\]\\\\(http+\\\\:\\\\/\\\\/evil\\\\.example\\\\/a\\\\.png\\\\)'
    >>> markdown_text("Weavers\\n# Ltd")
    'Weavers \\\\# Ltd'
    """
    literal = AUTOLINK_STARTS.sub(WORD_JOINER, LINE_BREAKS.sub(" ", xml_text(str(text))))
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", literal)


def html_text(text: object) -> str:
    """``text`` as HTML text or an attribute value (quotes escaped too).

    >>> html_text('<img src=x onerror="alert(1)">\\x00')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;\\\\x00'
    """
    return html.escape(xml_text(str(text)), quote=True)

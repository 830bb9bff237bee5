"""Plain text from what may hold HTML, for feeds that other sites insert in their pages.

An event's title or description is typed by a person and may hold markup
(``<img src=x onerror=…>``); a city website that inserts the JSON feed's text
as HTML would run it. The feed sends text only: tags are dropped (scripts and
styles with their content), entities read, and block ends kept as line breaks.
"""

import re
from html.parser import HTMLParser

BLOCKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
          "table"}
HIDDEN = {"script", "style", "template", "noscript", "iframe", "object"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self._hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def plain_text(text: str | None, *, one_line: bool = False) -> str:
    """The text without markup; ``one_line`` joins its lines (for titles and places)."""
    if not text:
        return ""
    parser = _Text()
    parser.feed(text)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    if one_line:
        return " ".join(line for line in lines if line)
    # Paragraphs stay apart by one empty line, however many the text had.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

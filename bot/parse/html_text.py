"""HTML mail to plain text, with quoted history (blockquote, Gmail/Outlook quotes) set apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table", "ul", "ol", "hr"}
_SKIP = {"script", "style", "head", "title"}
_QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "protonmail_quote")
_QUOTE_IDS = ("divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container")


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The text outside quotes, and the quoted text."""

    text: str
    quoted: str


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.own: list[str] = []
        self.quoted: list[str] = []
        self._skip = 0
        self._stack: list[tuple[str, bool]] = []
        self._quote_depth = 0
        # Outlook puts the quote after a divider with no closing element: all that follows is quote.
        self._rest_quoted = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        values = {k: (v or "") for k, v in attrs}
        is_quote = (
            tag == "blockquote"
            or any(c in values.get("class", "") for c in _QUOTE_CLASSES)
            or values.get("id", "").lower() in _QUOTE_IDS
        )
        if values.get("id", "").lower() in _QUOTE_IDS:
            self._rest_quoted = True
        if tag not in {"br", "hr", "img", "meta", "link", "input"}:
            self._stack.append((tag, is_quote))
            if is_quote:
                self._quote_depth += 1
        if tag in _BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        while self._stack:
            open_tag, was_quote = self._stack.pop()
            if was_quote:
                self._quote_depth -= 1
            if open_tag == tag:
                break
        if tag in _BLOCK:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._emit(data)

    def _emit(self, text: str) -> None:
        target = self.quoted if (self._quote_depth or self._rest_quoted) else self.own
        target.append(text)


def _tidy(parts: list[str]) -> str:
    text = "".join(parts).replace("\xa0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def html_to_text(html: str) -> HtmlText:
    """Text of an HTML body; scripts and styles dropped, quoted blocks returned separately."""
    extractor = _Extractor()
    extractor.feed(html)
    extractor.close()
    return HtmlText(text=_tidy(extractor.own), quoted=_tidy(extractor.quoted))

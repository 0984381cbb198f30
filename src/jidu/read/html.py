"""HTML to paragraphs: find the article body and leave the page furniture behind.

News pages wrap a few paragraphs of readout in navigation, scripts, share widgets, QR-code
promotions and "related articles" lists.  We drop elements that are furniture by tag or by their
class/id, then pick the container whose paragraphs hold the most Chinese prose (a small
readability-style score), and read one paragraph per block element.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "header", "footer", "aside",
    "form", "button", "select", "input", "textarea", "object", "embed", "video", "audio", "figcaption",
)
# class/id words that mark furniture rather than article text
_FURNITURE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumb|share|sharing|social|qr|qrcode|appendqr|erweima|related|relate|"
    r"recommend|comment|comments|sidebar|footer|toolbar|copyright|advert|ads|banner|"
    r"keywords|tags|pager|pagination)([\s_-]|$)",
    re.I,
)
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "div", "li", "td"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def _is_furniture(node: LexborNode) -> bool:
    attrs = node.attributes or {}
    label = " ".join(v for k, v in attrs.items() if k in ("class", "id", "role") and v)
    return bool(label and _FURNITURE.search(label))


def strip_furniture(tree: LexborHTMLParser) -> None:
    """Remove scripts, navigation and widgets in place (body text never lives inside them)."""
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    root = tree.body or tree.root
    if root is None:
        return
    for node in list(root.traverse(include_text=False)):
        if node.tag in ("html", "body"):
            continue
        if node.parent is not None and _is_furniture(node):
            node.decompose()


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def _best_container(root: LexborNode) -> LexborNode:
    """The element whose own paragraph children carry the most Chinese text."""
    best, best_score = root, 0
    for node in root.traverse(include_text=False):
        if node.tag not in ("div", "article", "section", "td", "main", "body"):
            continue
        score = 0
        for child in node.iter(include_text=True):
            if child.tag == "p":
                score += _cjk_count(child.text(separator=""))
            elif child.tag == "-text":
                score += _cjk_count(child.text_content or "")  # text separated by <br>, no <p>
        if node.tag == "article":
            score = int(score * 1.2)
        if score > best_score:
            best, best_score = node, score
    return best


def _block_texts(node: LexborNode) -> list[str]:
    """One string per block-level element, inline markup joined with nothing between."""
    out: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = "".join(buffer)
        buffer.clear()
        for line in text.split("\n"):
            if line.strip():
                out.append(line)

    def walk(n: LexborNode) -> None:
        for child in n.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                buffer.append((child.text_content or "").replace("\n", " "))
            elif tag == "br":
                buffer.append("\n")
            elif tag == "img":
                continue
            elif tag in _BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(node)
    flush()
    return out


def html_paragraphs(html: str) -> list[str]:
    """The article body of an HTML page or fragment as a list of paragraph strings."""
    tree = parse(html)
    strip_furniture(tree)
    root = tree.body or tree.root
    if root is None:
        return []
    container = _best_container(root)
    paragraphs = _block_texts(container)
    if not any(_cjk_count(p) for p in paragraphs):
        paragraphs = _block_texts(root)
    return paragraphs


def _meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            node = tree.css_first(f'meta[{attr}="{name}"]')
            if node is not None:
                value = (node.attributes.get("content") or "").strip()
                if value:
                    return value
    return None


def page_metadata(html: str) -> dict[str, str | None]:
    """Title, outlet and publication time as the page's own markup states them."""
    tree = parse(html)
    title = _meta(tree, "og:title", "twitter:title")
    if not title:
        h1 = tree.css_first("h1")
        title = h1.text(separator="").strip() if h1 is not None else None
    if not title:
        node = tree.css_first("title")
        title = node.text().strip() if node is not None else None
    published = _meta(tree, "article:published_time", "pubdate", "publishdate", "PubDate", "datePublished")
    if not published:
        node = tree.css_first("time[datetime]")
        published = node.attributes.get("datetime") if node is not None else None
    outlet = _meta(tree, "og:site_name", "source", "author", "citation_publisher")
    body = tree.body.text(separator="\n") if tree.body is not None else ""
    if not published:
        # Many pages state the time only in a visible line: "发布时间：2022年04月08日 20:35 来源：…"
        stamp = _PAGE_DATELINE.search(body)
        published = stamp.group("stamp") if stamp else None
    if not outlet:
        source = _PAGE_SOURCE.search(body)
        outlet = source.group(1).strip() if source else None
    return {"title": _strip_site_suffix(title), "published": published, "outlet": outlet}


_PAGE_DATELINE = re.compile(
    r"(?:发布时间|发布日期|时间|日期|发布)\s*[：:]?\s*(?P<stamp>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)"
)
_PAGE_SOURCE = re.compile(r"来源\s*[：:]\s*([\u4e00-\u9fffA-Za-z0-9·]{2,20})")


def _strip_site_suffix(title: str | None) -> str | None:
    """``标题_示例新闻网`` / ``标题 - 示例网`` -> ``标题``: the site name is not part of the title."""
    if not title:
        return title
    parts = re.split(r"\s*[_|｜–—]\s*|\s+-\s+", title)
    return parts[0] if len(parts) > 1 and len(parts[0]) >= 6 else title

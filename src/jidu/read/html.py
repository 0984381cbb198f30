"""HTML to paragraphs: find the article body and leave the page furniture behind.

News pages wrap a few paragraphs of readout in navigation, scripts, share widgets, QR-code
promotions and "related articles" lists.  We drop elements that are furniture by tag or by their
class/id, then pick the container whose paragraphs hold the most Chinese prose (a small
readability-style score), and read one paragraph per block element.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
_CJK_RUNS = re.compile(r"[\u4e00-\u9fff]+")


def parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def _is_furniture(node: LexborNode) -> bool:
    attrs = node.attributes or {}
    label = " ".join(v for k, v in attrs.items() if k in ("class", "id", "role") and v)
    return bool(label and _FURNITURE.search(label))


def strip_furniture(tree: LexborHTMLParser) -> None:
    """Remove scripts, navigation and widgets in place (body text never lives inside them).

    Only the outermost furniture element of a nest is removed (with everything in it): an element
    inside one already removed must not be touched again.
    """
    # (decided before anything is removed: a node inside a removed one is freed memory)
    for node in [n for n in tree.css(_DROP_SELECTOR) if not _has_ancestor(n, lambda p: p.tag in _DROP_TAGS)]:
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return
    furniture = [node for node in root.css("[class], [id], [role]")
                 if node.tag not in ("html", "body") and _is_furniture(node)]
    chosen = {node.mem_id for node in furniture}
    for node in [n for n in furniture if not _has_ancestor(n, lambda p: p.mem_id in chosen)]:
        node.decompose()


_DROP_SELECTOR = ", ".join(_DROP_TAGS)


def _has_ancestor(node: LexborNode, test: Callable[[LexborNode], bool]) -> bool:
    parent = node.parent
    while parent is not None:
        if test(parent):
            return True
        parent = parent.parent
    return False


def _cjk_count(text: str) -> int:
    return sum(map(len, _CJK_RUNS.findall(text)))


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
    return tree_paragraphs(parse(html))


def read_page(html: str) -> tuple[dict[str, str | None], list[str]]:
    """:func:`page_metadata` and :func:`html_paragraphs` of a page, parsed once."""
    tree = parse(html)
    meta = tree_metadata(tree)  # first: furniture (datelines, 来源) says things the metadata needs
    return meta, tree_paragraphs(tree)


def tree_paragraphs(tree: LexborHTMLParser) -> list[str]:
    """:func:`html_paragraphs` of a parsed page (whose furniture it removes)."""
    strip_furniture(tree)
    root = tree.body or tree.root
    if root is None:
        return []
    container = _best_container(root)
    paragraphs = _block_texts(container)
    if not any(_cjk_count(p) for p in paragraphs):
        paragraphs = _block_texts(root)
    return paragraphs


def _meta_tags(tree: LexborHTMLParser) -> dict[tuple[str, str], str]:
    """Every ``<meta property|name|itemprop=… content=…>`` of the page, first one of each kind."""
    tags: dict[tuple[str, str], str] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        value = (attrs.get("content") or "").strip()
        if not value:
            continue
        for attr in ("property", "name", "itemprop"):
            name = attrs.get(attr)
            if name:
                tags.setdefault((attr, name), value)
    return tags


def _meta(tags: dict[tuple[str, str], str], *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            value = tags.get((attr, name))
            if value:
                return value
    return None


def page_metadata(html: str) -> dict[str, str | None]:
    """Title, outlet and publication time as the page's own markup states them."""
    return tree_metadata(parse(html))


def tree_metadata(tree: LexborHTMLParser) -> dict[str, str | None]:
    """:func:`page_metadata` of a parsed page."""
    tags = _meta_tags(tree)
    title = _meta(tags, "og:title", "twitter:title")
    if not title:
        h1 = tree.css_first("h1")
        title = h1.text(separator="").strip() if h1 is not None else None
    if not title:
        node = tree.css_first("title")
        title = node.text().strip() if node is not None else None
    published = _meta(tags, "article:published_time", "pubdate", "publishdate", "PubDate", "datePublished")
    if not published:
        node = tree.css_first("time[datetime]")
        published = node.attributes.get("datetime") if node is not None else None
    outlet = _meta(tags, "og:site_name", "source", "author", "citation_publisher")
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

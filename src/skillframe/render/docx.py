"""A draft policy as a Word document (python-docx, the ``docx`` extra).

Headings use Word's built-in heading styles (so the navigation pane and a table of
contents work); tables use the ``Table Grid`` style; placeholders (【要記入：…】) are
bold and highlighted yellow so that nothing unwritten goes unnoticed; source lines are
small grey text. East Asian text gets a Japanese font (游明朝 / Noto Serif CJK JP as
the fallback a converter finds).

>>> import skillframe
>>> from skillframe.policy import draft
>>> data = draft_docx(draft(skillframe.load()))
>>> data[:2]
b'PK'
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import MissingDependencyError
from .drafts import block_table

if TYPE_CHECKING:
    from ..policy.blocks import Draft

__all__ = ["draft_docx"]

_FONT = "游明朝"
# Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: str) -> str:
    """``text`` as Word can hold it: a character XML cannot carry shows as U+FFFD (visible).

    >>> _x("a\x01b")
    'a\ufffdb'
    """
    return _NOT_XML.sub("\ufffd", text)


def _docx() -> Any:
    try:
        import docx
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("python-docx", "docx") from None
    return docx


def _east_asian(run: Any, font: str = _FONT) -> None:
    from docx.oxml.ns import qn

    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def draft_docx(d: Draft) -> bytes:
    """The draft as the bytes of a .docx file."""
    docx = _docx()
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Mm, Pt, RGBColor

    doc = docx.Document()
    section = doc.sections[0]  # A4 portrait (python-docx's template is US Letter)
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    text_width = Mm(210 - 40)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    _east_asian_style(normal)
    for i in range(4):
        _east_asian_style(doc.styles["Title" if i == 0 else f"Heading {i}"])
    _core_properties(doc.core_properties, d)
    for blk in d.blocks:
        if blk.kind == "heading":
            p = doc.add_heading(_x(blk.text), level=blk.level)
        elif blk.kind == "text":
            p = doc.add_paragraph(_x(blk.text))
        elif blk.kind == "placeholder":
            p = doc.add_paragraph()
            run = p.add_run(_x(blk.text))
            run.bold = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            _east_asian(run)
        elif blk.kind == "source":
            p = doc.add_paragraph()
            run = p.add_run(_x(blk.text))
            run.font.size = Pt(8)
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
            _east_asian(run)
        elif blk.kind == "list":
            for item in blk.items:
                doc.add_paragraph(_x(item), style="List Bullet")
        elif (t := block_table(blk)) is not None:
            if t.title:
                cap = doc.add_paragraph()
                cap.add_run(_x(t.title)).bold = True
            table = doc.add_table(rows=1 + len(t.rows), cols=len(t.headers))
            table.style = "Table Grid"
            table.autofit = False
            widths = _column_widths(t.headers, t.rows, int(text_width))
            for j, column in enumerate(table.columns):
                column.width = widths[j]  # the grid LibreOffice reads
            for row_cells in table.rows:
                for j, cell in enumerate(row_cells.cells):
                    cell.width = widths[j]
            for j, h in enumerate(t.headers):
                cell = table.rows[0].cells[j]
                cell.text = _x(h)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for i, row in enumerate(t.rows, start=1):
                for j, value in enumerate(row):
                    cell = table.rows[i].cells[j]
                    cell.text = _x(value)
                    if "【要記入：" in value:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
                            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            for note in t.notes:
                p = doc.add_paragraph()
                run = p.add_run(_x(note))
                run.font.size = Pt(8)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


#: The document's subject (File > Properties), by the draft's kind.
_SUBJECTS = {"basic": "デジタル人材確保・育成基本方針（案）", "annual": "デジタル人材確保・育成 年度計画（案）"}


def _core_properties(props: Any, d: Draft) -> None:
    """The document's properties (File > Properties): its title, the municipality as author
    (empty when unknown) and Japanese; none of python-docx's template values ("python-docx",
    "generated by python-docx", a 2013 date) — a tool is never the author.

    >>> import docx, skillframe
    >>> from skillframe.policy import draft
    >>> props = docx.Document().core_properties
    >>> _core_properties(props, draft(skillframe.load()))
    >>> props.author, props.title, props.comments, props.language
    ('', '【要記入：自治体名】 デジタル人材確保・育成基本方針（案）', '', 'ja-JP')
    """
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props.author = _x(d.author)
    props.last_modified_by = ""
    props.title = _x(d.title)
    props.subject = _SUBJECTS[d.kind]
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = "ja-JP"
    props.created = props.modified = now
    props.revision = 1


def _east_asian_style(style: Any) -> None:
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), _FONT)


def _display_width(text: str) -> int:
    """Columns a line of text takes: a full-width (Japanese) character counts two, a
    half-width one 1.25 (Latin letters and digits of a CJK font run wider than half)."""
    return round(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1.25 for ch in text))


def _column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]], total: int, line: int = 92) -> list[int]:
    """Column widths (EMU) summing to ``total`` (the text width, ``line`` half-width columns
    of 10.5pt text on A4). A column whose longest line is short (a number, a code, a mark)
    gets the room for it; the long text columns share the rest by their length.

    >>> _column_widths(("区分", "b"), (("12.5%", "長い" * 40),), 920)
    [115, 805]
    """
    need = []
    for j, h in enumerate(headers):
        lines = [x for cell in (h, *(r[j] for r in rows if j < len(r))) for x in cell.split("\n")]
        need.append(min(max(4, *(_display_width(x) for x in lines)), 60) + 3)  # + cell padding
    if sum(need) <= line:
        weights: list[float] = [float(n) for n in need]
    else:
        short = [n <= 14 for n in need]
        fixed = sum(n for n, s in zip(need, short, strict=True) if s)
        rest = max(line - fixed, 1)
        longs = sum(n for n, s in zip(need, short, strict=True) if not s) or 1
        weights = [n if s else max(n * rest / longs, 10) for n, s in zip(need, short, strict=True)]
    widths = [int(total * w / sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    return widths

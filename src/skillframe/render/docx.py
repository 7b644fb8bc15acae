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

import io
import re
from typing import TYPE_CHECKING, Any

from ..errors import MissingDependencyError
from .drafts import block_table

if TYPE_CHECKING:
    from ..policy.drafts import Draft

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
    from docx.shared import Pt, RGBColor

    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    _east_asian_style(normal)
    for i in range(4):
        _east_asian_style(doc.styles["Title" if i == 0 else f"Heading {i}"])
    doc.core_properties.title = _x(d.title)
    doc.core_properties.subject = "デジタル人材確保・育成方針（案） / draft digital talent policy"
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


def _east_asian_style(style: Any) -> None:
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), _FONT)

"""A :class:`model.report.document.Report` written as a Word document (python-docx).

Why python-docx and not docxtpl: the report's sections, tables and charts come from the model and
vary with the case (a case with options has an appraisal, one with successor councils has council
tax), so the document is built in code; what a council's own template brings is its look (styles,
page set-up, headers and footers, logo), which python-docx keeps by building on the template
itself. A docxtpl template would need Jinja tags in every council's Word file.

How the template is used (:func:`write_docx`): its body is emptied and its last section kept
(page size, margins, headers and footers); the report is written in its styles by name: ``Title``,
``Heading 1`` to ``Heading 3``, ``Normal``, ``List Bullet``, ``Caption`` and the first of
:data:`TABLE_STYLES` it has. A style the template lacks is added, based on ``Normal``, so any
``.docx`` works. Accessibility (the Public Sector Bodies Accessibility Regulations 2018): real
headings for the navigation pane and the contents field, tables whose header row repeats on each
page and whose rows do not split, every chart with alternative text, the document language and
title set.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..files.workbook import date_workbook
from .cells import numeric_columns, table_text
from .document import Bullets, Contents, Figure, ForAuthor, Heading, Paragraph, Report, Table

DEFAULT_TEMPLATE = Path(__file__).with_name("template.docx")
#: the table style used: the first of these the template defines, else its first table style
TABLE_STYLES = ("Committee Table", "Table Grid")
#: the style of an instruction to the author, added where the template lacks it
FOR_AUTHOR_STYLE = "For the author"
CONTENTS_DEPTH = 2
#: a table this wide, or this long (an appendix), is printed in 8 pt
WIDE_TABLE_COLUMNS = 6
LONG_TABLE_ROWS = 25
_MARKS = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def write_docx(report: Report, path: Path, template: Path | None = None, run_date: dt.date | None = None) -> Path:
    """Write ``report`` to ``path`` in the styles of ``template`` (default: the project's), dated
    ``run_date`` (the same report and date give the same bytes)."""
    document = Document(str(template or DEFAULT_TEMPLATE))
    empty_body(document)
    styles = ensure_styles(document)
    writer = Writer(document, styles)
    writer.title(report)
    for block in report.blocks:
        writer.block(block, report)
    date = run_date or dt.date.today()
    set_properties(document, report, date)
    path = Path(path)
    document.save(str(path))
    date_workbook(path, date)   # an OOXML package like a workbook: the same dates in the zip and properties
    return path


def empty_body(document) -> None:
    """Remove everything from the template's body but its last section's settings."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def ensure_styles(document) -> dict[str, str]:
    """The style names to use, adding any the template lacks."""
    styles = document.styles
    names = {s.name for s in styles}

    def need(name: str, kind=WD_STYLE_TYPE.PARAGRAPH, **font) -> str:
        if name not in names:
            style = styles.add_style(name, kind)
            style.base_style = styles["Normal"]
            for key, value in font.items():
                setattr(style.font, key, value)
        return name

    chosen = {
        "title": need("Title", size=Pt(20), bold=True),
        "heading1": need("Heading 1", size=Pt(14), bold=True),
        "heading2": need("Heading 2", size=Pt(12), bold=True),
        "heading3": need("Heading 3", size=Pt(11), bold=True),
        "bullet": need("List Bullet"),
        "caption": need("Caption", size=Pt(9), bold=True),
        "author": need(FOR_AUTHOR_STYLE, italic=True),
    }
    tables = [s.name for s in styles if s.type == WD_STYLE_TYPE.TABLE]
    chosen["table"] = next((t for t in TABLE_STYLES if t in tables), tables[0] if tables else None)
    return chosen


class Writer:
    """Writes blocks in order, numbering sections and their paragraphs ("3.", "3.2")."""

    def __init__(self, document, styles: dict[str, str]):
        self.document = document
        self.styles = styles
        self.section = 0
        self.paragraph = 0
        self.tables = 0
        self.figures = 0

    def title(self, report: Report) -> None:
        self.document.add_paragraph(report.title, style=self.styles["title"])
        table = self.document.add_table(rows=0, cols=2)
        if self.styles["table"]:
            table.style = self.styles["table"]
        for label, value in report.title_block:
            cells = table.add_row().cells
            self.runs(cells[0].paragraphs[0], f"**{label}**")
            self.runs(cells[1].paragraphs[0], value)
        self.document.add_paragraph()

    def block(self, block, report: Report) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            text = block.text
            if block.numbered and self.section:
                self.paragraph += 1
                text = f"{self.section}.{self.paragraph} {text}"
            self.runs(self.document.add_paragraph(), text)
        elif isinstance(block, Bullets):
            for item in block.items:
                self.runs(self.document.add_paragraph(style=self.styles["bullet"]), item)
        elif isinstance(block, ForAuthor):
            paragraph = self.document.add_paragraph(style=self.styles["author"])
            self.runs(paragraph, f"**For the author:** {block.text}")
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Contents):
            self.contents(report)

    def heading(self, heading: Heading) -> None:
        text = heading.text
        if heading.level == 1:
            self.section += 1
            self.paragraph = 0
            text = f"{self.section}. {text}"
        self.document.add_paragraph(text, style=self.styles[f"heading{min(heading.level, 3)}"])

    def runs(self, paragraph, text: str) -> None:
        """``text`` as runs, ``**bold**`` and ``*italic*`` as marked."""
        for piece in _MARKS.split(text):
            if not piece:
                continue
            if piece.startswith("**") and piece.endswith("**"):
                paragraph.add_run(piece[2:-2]).bold = True
            elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
                paragraph.add_run(piece[1:-1]).italic = True
            else:
                paragraph.add_run(piece)

    def table(self, block: Table) -> None:
        self.tables += 1
        self.document.add_paragraph(f"Table {self.tables}: {block.caption}", style=self.styles["caption"])
        rows = table_text(block.frame)
        numeric = numeric_columns(block.frame)
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        if self.styles["table"]:
            table.style = self.styles["table"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        small = len(rows[0]) >= WIDE_TABLE_COLUMNS or len(rows) > LONG_TABLE_ROWS
        table.autofit = False
        widths = column_widths(rows, self.text_width(), 8.0 if small else self.body_pt())
        for column, width in zip(table.columns, widths):
            column.width = width   # the grid LibreOffice lays out by; each cell's width for Word
        for r, values in enumerate(rows):
            row = table.rows[r]
            keep_row_whole(row, header=r == 0)
            for c, value in enumerate(values):
                row.cells[c].width = widths[c]
                paragraph = row.cells[c].paragraphs[0]
                run = paragraph.add_run(value)
                run.bold = r == 0
                if small:
                    run.font.size = Pt(8)
                if numeric[c] and r > 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for note in block.notes:
            paragraph = self.document.add_paragraph(style=self.styles["caption"])
            paragraph.add_run(note).bold = False

    def body_pt(self) -> float:
        """The size of the template's body text (its Normal style), 11 pt where it says none."""
        size = self.document.styles["Normal"].font.size
        return size.pt if size is not None else 11.0

    def text_width(self) -> int:
        section = self.document.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    def figure(self, block: Figure) -> None:
        self.figures += 1
        self.document.add_paragraph(f"Figure {self.figures}: {block.caption}", style=self.styles["caption"])
        run = self.document.add_paragraph().add_run()
        picture = run.add_picture(str(block.png), width=self.text_width())
        properties = picture._inline.docPr  # python-docx has no API for a picture's alternative text
        properties.set("descr", block.alt)
        properties.set("title", block.caption)

    def contents(self, report: Report) -> None:
        """A contents field whose shown text lists the sections: Word adds the page numbers when
        its fields are updated (right-click, Update Field); a PDF shows the list as written."""
        self.document.add_paragraph("Contents", style=self.styles["heading2"])
        paragraph = self.document.add_paragraph()
        field_char(paragraph, "begin")
        instruction = OxmlElement("w:instrText")
        instruction.set(qn("xml:space"), "preserve")
        instruction.text = f' TOC \\o "1-{CONTENTS_DEPTH}" \\h \\z \\u '
        paragraph.add_run()._r.append(instruction)
        field_char(paragraph, "separate")
        for n, heading in enumerate((h for h in report.headings() if h.level == 1), start=1):
            if n > 1:
                paragraph.add_run().add_break()
            paragraph.add_run(f"{n}. {heading.text}")
        field_char(paragraph, "end")


#: EMU in a point; a bold character's width in ems (Liberation Sans / Arial, average of letters and digits);
#: a cell's left and right margins together, in points
EMU_PER_PT = 12700
BOLD_EM = 0.62
CELL_MARGINS_PT = 11.0


def column_widths(rows: list[list[str]], total: int, font_pt: float = 11.0) -> list[int]:
    """Widths (EMU) adding up to ``total``: each column as wide as its longest cell (a heading
    counts up to 14 characters, as it wraps), between 5 and 40 characters' worth, and never
    narrower than its longest word (up to 20 characters), with two more for the cell's margins.

    A column whose share of ``total`` would still be narrower than its longest word set in bold at
    ``font_pt`` (a heading such as "Status" broken as "Statu s") is widened to it, the width taken
    from the columns with room to spare in proportion to that room; where every column is at its
    floor the shares are kept."""
    weights, floors = [], []
    for c in range(len(rows[0])):
        longest = max((len(row[c]) for row in rows[1:]), default=0)
        word = max((len(w) for row in rows for w in row[c].split()), default=0)
        weights.append(max(min(max(longest, min(len(rows[0][c]), 14), 5), 40), min(word, 20)) + 2)  # + the cell's margins
        floors.append(int((min(word, 20) * BOLD_EM * font_pt + CELL_MARGINS_PT) * EMU_PER_PT))
    scale = total / sum(weights)
    widths = [w * scale for w in weights]
    short = sum(max(f - w, 0) for f, w in zip(floors, widths))
    room = sum(max(w - f, 0) for f, w in zip(floors, widths))
    if 0 < short <= room:
        widths = [f if w <= f else w - (w - f) * short / room for f, w in zip(floors, widths)]
    return [int(w) for w in widths]


def field_char(paragraph, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(element)


def keep_row_whole(row, header: bool) -> None:
    """A row never splits across pages; the header row repeats at the top of each page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def set_properties(document, report: Report, date: dt.date) -> None:
    """The document's title, subject, author, keywords and language, and the language of its text."""
    core = document.core_properties
    core.title = report.title
    core.subject = report.subject
    core.author = report.author
    core.last_modified_by = report.author
    core.keywords = report.keywords
    core.language = report.language
    core.comments = "Written by the council joint working model; check every section marked for the author."
    moment = dt.datetime(date.year, date.month, date.day)
    core.created = moment
    core.modified = moment
    core.revision = 1
    set_language(document, report.language)


def set_language(document, language: str) -> None:
    """Every run's language (the document defaults and the Normal style), so a screen reader and
    the spelling checker read British English."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    for holder in (properties, document.styles["Normal"].element.get_or_add_rPr()):
        for old in holder.findall(qn("w:lang")):
            holder.remove(old)
        lang = OxmlElement("w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), language)
        holder.append(copy.deepcopy(lang))

"""Write the committee report's default Word template, ``model/report/template.docx``.

Run ``python scripts/make_report_template.py`` after changing it here; the file is committed, and a
council copies it (or uses its own ``.docx``) to change how reports look. What it sets: A4 portrait
with 2.5 cm margins; Arial throughout, black (it prints in greyscale), 11 pt text, 16/13/11 pt
bold headings; captions 9 pt bold; a "For the author" style for instructions (italic, boxed); a
footer with the page number ("Page 3 of 12"); British English.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parents[1] / "model" / "report" / "template.docx"
BLACK = RGBColor(0, 0, 0)


def font(style, size: float, bold: bool = False, italic: bool = False) -> None:
    style.font.name = "Arial"
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = BLACK
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), "Arial")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def page_field(paragraph, code: str) -> None:
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text == code:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = f" {code} "
            run._r.append(instruction)
        else:
            run.text = text


def main() -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    styles = document.styles
    font(styles["Normal"], 11)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    font(styles["Title"], 18, bold=True)
    for level, size in ((1, 14), (2, 12), (3, 11)):
        style = styles[f"Heading {level}"]
        font(style, size, bold=True)
        style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    font(styles["Caption"], 9, bold=True)
    styles["Caption"].paragraph_format.keep_with_next = True
    font(styles["List Bullet"], 11)
    author = styles.add_style("For the author", WD_STYLE_TYPE.PARAGRAPH)
    author.base_style = styles["Normal"]
    font(author, 11, italic=True)
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)
    author.element.get_or_add_pPr().append(borders)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    page_field(footer, "PAGE")
    footer.add_run(" of ")
    page_field(footer, "NUMPAGES")
    document.core_properties.language = "en-GB"
    document.core_properties.title = "Committee report"
    document.core_properties.author = ""
    document.save(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

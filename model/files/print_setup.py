"""Every sheet prints ready for a committee pack: A4, one page wide, the header row on every page,
and the case in the page header, the council, run date and page numbers in the footer.

The rule for the orientation: a sheet whose columns add up to more than :data:`PORTRAIT_WIDTH`
characters (what fits across portrait A4 at full size inside the margins) prints landscape, any
other portrait. Either way it is scaled to fit one page wide (``fitToWidth`` 1, ``fitToHeight`` 0:
as many pages down as it needs), so a wide table never spills onto a second page across.
"""
from __future__ import annotations

from dataclasses import dataclass

#: characters (Excel's column width unit) that fit across portrait A4 inside the margins
PORTRAIT_WIDTH = 90
#: page margins in inches (narrow, as council working papers print)
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.7, "bottom": 0.6, "header": 0.3, "footer": 0.3}
HEADER_FONT_SIZE = 9


@dataclass(frozen=True)
class PageHeading:
    """What every printed page of a workbook says at its top: the case, the council (empty for a
    workbook of every council) and the run date."""
    case_title: str
    council: str
    run_date: str

    def council_text(self) -> str:
        return self.council or "All councils"


def landscape(total_width: float) -> bool:
    """Whether a sheet whose columns add up to ``total_width`` characters prints landscape."""
    return total_width > PORTRAIT_WIDTH


def header_text(text: str) -> str:
    """Text for an Excel page header, its ampersands doubled (a single ``&`` starts a code)."""
    return str(text).replace("&", "&&")


def set_up_printing(sheet, heading: PageHeading, total_width: float, title_rows: bool = True) -> None:
    """A4, orientation by :func:`landscape`, fit to one page wide, row 1 repeated on every page
    (``title_rows``), the header (the case) and footer (sheet name; council and run date; page n of m)."""
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape(total_width) else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for side, inches in MARGINS.items():
        setattr(sheet.page_margins, side, inches)
    if title_rows:
        sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    write_header_footer(sheet.oddHeader, sheet.oddFooter, heading)


def write_header_footer(header, footer, heading: PageHeading) -> None:
    """The page header is the case alone, so a long case title has the whole width (the three parts
    of a header share one line, and a line break is not portable: LibreOffice prints openpyxl's
    escaped one as text); the footer: sheet name left, the council and run date centre, page n of
    m right."""
    header.left.text, header.left.size = header_text(heading.case_title), HEADER_FONT_SIZE
    footer.left.text, footer.left.size = "&A", HEADER_FONT_SIZE
    footer.center.text = header_text(f"{heading.council_text()}, run {heading.run_date}")
    footer.center.size = HEADER_FONT_SIZE
    footer.right.text, footer.right.size = "Page &P of &N", HEADER_FONT_SIZE

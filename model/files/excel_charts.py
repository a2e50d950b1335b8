"""Native Excel line charts on a sheet of their own ("Charts"), each reading the figures of a sheet
in the same workbook (years down column A, one series a column), so a finance officer can restyle
them or copy them into a paper, and they follow the figures if those are edited. The sheet prints
on one portrait A4 page, the charts one above the other. (A chart sheet proper would be one chart
a page, and LibreOffice prints an openpyxl chart sheet blank.)

Each series has its own dash style and marker and a grey or black line, so the lines stay apart
when printed in greyscale; a series named :data:`EMPHASISED` (the budget gap) is a thick black
dashed line, as in the house-style charts.
"""
from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun

from .print_setup import PageHeading

#: the series drawn as a thick black dashed line
EMPHASISED = ("Budget gap",)
#: (colour, dash, marker) in turn; colours far apart in lightness so greyscale keeps them apart
STYLES = (("1F4E79", "solid", "circle"), ("7F7F7F", "dash", "square"), ("000000", "sysDot", "triangle"),
          ("2E75B6", "dashDot", "diamond"), ("A6A6A6", "lgDash", "x"), ("404040", "lgDashDot", "star"),
          ("5B9BD5", "sysDash", "plus"), ("262626", "lgDashDotDot", "dot"))


#: the sheet the charts are on
CHARTS_SHEET = "Charts"
#: each chart's size (cm) and the rows it takes on the sheet (20 px rows)
CHART_WIDTH_CM, CHART_HEIGHT_CM, CHART_ROWS = 18.5, 12.0, 24


@dataclass(frozen=True)
class LineChartSpec:
    """A chart of the sheet ``data_sheet``'s figures: its title and the y axis title (with its
    unit, "£ a year")."""
    data_sheet: str
    title: str
    y_title: str
    x_title: str = "Financial year"
    number_format: str = '"£"#,##0.0,,"m";-"£"#,##0.0,,"m"'   # £ millions on the axis


def add_charts(book, specs: tuple[LineChartSpec, ...], shapes: dict[str, tuple[int, int]],
               heading: PageHeading) -> list[LineChart]:
    """The sheet :data:`CHARTS_SHEET`, after the last sheet it draws, with a line chart for each
    of ``specs`` whose data sheet is in ``shapes`` (sheet name -> rows, columns of its table)."""
    from .print_setup import set_up_printing

    drawn = [spec for spec in specs if spec.data_sheet in shapes]
    if not drawn:
        return []
    after = max(book.sheetnames.index(spec.data_sheet) for spec in drawn)
    sheet = book.create_sheet(CHARTS_SHEET, after + 1)
    charts = []
    for n, spec in enumerate(drawn):
        chart = line_chart(book[spec.data_sheet], spec, *shapes[spec.data_sheet])
        sheet.add_chart(chart, f"A{1 + n * CHART_ROWS}")
        charts.append(chart)
    set_up_printing(sheet, heading, total_width=0, title_rows=False)
    sheet.print_options.gridLines = False
    return charts


def title(text: str, points: int = 11) -> Title:
    """A chart title in bold ``points`` type (Excel's default, 14 pt, takes a third of the chart)."""
    run = RegularTextRun(rPr=CharacterProperties(sz=points * 100, b=True), t=text)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=CharacterProperties(sz=points * 100, b=True)), r=[run])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def line_chart(data, spec: LineChartSpec, rows: int, columns: int) -> LineChart:
    """A line chart of the worksheet ``data``'s rows 2 to ``rows + 1`` (the header row gives the
    series' names) and columns 2 to ``columns`` (column A the years)."""
    chart = LineChart()
    chart.title = title(spec.title)
    chart.y_axis.title = spec.y_title
    chart.x_axis.title = spec.x_title
    chart.y_axis.number_format = spec.number_format
    chart.x_axis.delete = False      # openpyxl hides the axes otherwise
    chart.y_axis.delete = False
    chart.x_axis.tickLblPos = "low"  # the years below the plot, not on a zero line inside it
    chart.legend.position = "b"
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
    chart.add_data(Reference(data, min_col=2, max_col=columns, min_row=1, max_row=rows + 1), titles_from_data=True)
    years = Reference(data, min_col=1, min_row=2, max_row=rows + 1)
    for series in chart.series:   # the years are text ("2016/17"): a string reference, so Excel labels them
        series.cat = AxDataSource(strRef=StrRef(f=str(years)))
    n = 0
    for series, name in zip(chart.series, [data.cell(row=1, column=c).value for c in range(2, columns + 1)]):
        line = series.graphicalProperties.line
        series.smooth = False
        if name in EMPHASISED:
            line.solidFill, line.prstDash, line.width = "000000", "dash", 38100   # 3 pt
            series.marker.symbol = "none"
            continue
        colour, dash, marker = STYLES[n % len(STYLES)]
        n += 1
        line.solidFill, line.prstDash, line.width = colour, dash, 22225        # 1.75 pt
        series.marker.symbol = marker
        series.marker.size = 7
        series.marker.graphicalProperties.solidFill = colour
        series.marker.graphicalProperties.line.solidFill = colour
    return chart

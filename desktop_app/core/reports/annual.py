"""The annual report of an office as a PDF: I. tasks, II. indicators, III. difficulties,
IV. proposals, then "Nơi nhận" and the signature block.

    result = build_annual_pdf(report, "bao-cao-2026.pdf")
    result.pages, result.signature_page, result.signature_box
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFInfo, PDFName, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, Table, TableStyle

from desktop_app.core.fsutil import write_file
from desktop_app.core.reports import decree30
from desktop_app.core.reports.decree30 import Styles, nfc
from desktop_app.core.reports.fonts import font
from desktop_app.core.reports.model import AnnualReport, IndicatorLine, PageSettings, PdfResult, TaskLine
from desktop_app.core.text import format_number

INDICATOR_HEADERS = ("TT", "Chỉ tiêu", "ĐVT", "Mục tiêu 2025", "Mục tiêu 2030", "Năm trước", "Năm báo cáo",
                     "Đánh giá")
# Relative widths; the name column takes what the others leave (on a landscape page too).
INDICATOR_WIDTHS = (8, 56, 12, 15, 15, 14, 15, 18)
TASK_HEADERS = ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Tình trạng", "Kết quả, văn bản")
TASK_WIDTHS = (8, 58, 31, 22, 43)
GRID = colors.Color(0.25, 0.25, 0.25)
HEAD_FILL = colors.Color(0.88, 0.88, 0.88)
GROUP_FILL = colors.Color(0.93, 0.93, 0.93)
PADDING = 2.5
INDENT = 4 * mm   # a sub-indicator's name, per level


def cell_value(value: Decimal | str | None) -> str:
    """A value as printed: Decimal in Vietnamese notation (1.234,5), text as is."""
    if value is None:
        return ""
    return format_number(value) if isinstance(value, Decimal) else nfc(str(value))


def scaled(widths: tuple[float, ...], available: float, *, first: list[str] | None = None,
           font_size: float = 10) -> list[float]:
    """Column widths in proportion to ``widths``; the first (numbering) column widened to
    its longest entry ("VI.16") when ``first`` is given, the others sharing the rest."""
    total = sum(widths)
    columns = [w * available / total for w in widths]
    if first:
        needed = max(stringWidth(nfc(text), font("bold"), font_size) for text in first) + 2 * PADDING + 1
        if needed > columns[0]:
            rest = available - needed
            columns = [needed] + [w * rest / sum(widths[1:]) for w in widths[1:]]
    return columns


def grid_style(font_size: float, padding: float = PADDING) -> list:
    return [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("FONTNAME", (0, 0), (-1, -1), font()),   # empty cells too: no unembedded Helvetica
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), font_size * 1.2),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 1),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]


def wrap_lines(text: str, font_name: str, size: float, width: float, widths: dict | None = None) -> list[str]:
    """``text`` broken into lines no wider than ``width``: at spaces, and inside a word
    only when the word alone is too wide (a long document number in a narrow column).
    ``widths``: words already measured in this font and size (a table's cells share it)."""
    lines: list[str] = []
    for part in nfc(text).split("\n"):
        for line in _split(part, font_name, size, width, {} if widths is None else widths):
            while stringWidth(line, font_name, size) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and stringWidth(line[:cut], font_name, size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
    return lines


def _split(text: str, font_name: str, size: float, width: float, widths: dict) -> list[str]:
    """Reportlab's ``simpleSplit`` of one line (greedy, at white space; a word wider than
    the line stands alone), with the same sums in the same order, so the same lines; but
    each distinct word measured once: a table's names repeat "Tỷ lệ", "người", "và"."""
    words = text.split()
    if not width or len(words) < 2:
        return words or [""] if width else [text]
    space = widths.get(" ")
    if space is None:
        space = widths[" "] = stringWidth(" ", font_name, size)
    lines, line, used = [], [], -space
    for word in words:
        wide = widths.get(word)
        if wide is None:
            wide = widths[word] = stringWidth(word, font_name, size)
        if used + space + wide <= width or not line:
            line.append(word)
            used = used + space + wide
        else:
            lines.append(" ".join(line))
            line, used = [word], wide
    lines.append(" ".join(line))
    return lines


class Cells:
    """Table cells as plain strings, wrapped here to their column's width.  Reportlab
    lays a string cell out an order of magnitude faster than a Paragraph, and re-wraps
    every Paragraph of a table again each time the table splits across a page."""

    def __init__(self, widths: list[float], size: float):
        self.room = [w - 2 * PADDING - 0.5 for w in widths]
        self.size = size
        self.widths = {"regular": {}, "bold": {}}   # each word measured once per table

    def __call__(self, text: str | None, column: int, *, bold: bool = False, indent: float = 0.0,
                 through: int | None = None) -> str:
        room = sum(self.room[column:(through or column) + 1]) + 2 * PADDING * ((through or column) - column)
        style = "bold" if bold else "regular"
        return "\n".join(wrap_lines(text or "", font(style), self.size, room - indent, self.widths[style]))


def header_row(headers, cells: Cells) -> list[str]:
    return [cells(text, column, bold=True) for column, text in enumerate(headers)]


def head_style() -> list:
    return [("FONTNAME", (0, 0), (-1, 0), font("bold")), ("ALIGN", (0, 0), (-1, 0), "CENTER")]


def numbered_notes(lines: tuple[IndicatorLine, ...]) -> tuple[dict[int, int], list[str]]:
    """The notes of the rows that have one, numbered in table order: (row index -> note
    number, the notes' texts "II.3. Tỉ lệ …: lý do")."""
    marks: dict[int, int] = {}
    texts: list[str] = []
    for index, line in enumerate(lines):
        if line.kind != "group" and line.note and line.note.strip():
            texts.append(f"Chỉ tiêu {nfc(line.number)} ({nfc(line.name)}): {nfc(line.note).strip()}")
            marks[index] = len(texts)
    return marks, texts


def with_mark(text: str, mark: int | None) -> str:
    return f"{text} ({mark})" if mark else text


def place_indicator_line(line, rows: list, style: list, cell, bold: str) -> tuple[bool, float] | None:
    """The part of an indicator table's row the annual and the consolidated report share:
    a group row is appended whole (spanned, shaded; None is returned); for an indicator
    the heading's bold and the sub-indicator's indent are styled, and (heading, indent)
    returned for the caller's own columns."""
    index = len(rows)
    if line.kind == "group":
        rows.append([cell(line.number, 0, bold=True), cell(line.name, 1, bold=True, through=7)] + [""] * 6)
        style += [("SPAN", (1, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), GROUP_FILL),
                  ("FONTNAME", (0, index), (-1, index), bold), ("ALIGN", (0, index), (-1, index), "LEFT")]
        return None
    indent = INDENT * line.depth
    heading = line.kind == "heading"
    if heading:
        style.append(("FONTNAME", (1, index), (1, index), bold))
    if indent:
        style.append(("LEFTPADDING", (1, index), (1, index), PADDING + indent))
    return heading, indent


def indicator_table(lines: tuple[IndicatorLine, ...], styles: Styles, width: float,
                    marks: dict[int, int] | None = None) -> Table:
    """Part II: groups across the row, sub-indicators indented, the header repeated on
    every page; names wrap inside their column; a note's number "(1)" beside the
    year's value."""
    marks = marks if marks is not None else numbered_notes(lines)[0]
    size = styles.cell.fontSize
    widths = scaled(INDICATOR_WIDTHS, width, first=["TT", *(line.number for line in lines)], font_size=size)
    cell = Cells(widths, size)
    rows = [header_row(INDICATOR_HEADERS, cell)]
    style = grid_style(size) + [("ALIGN", (0, 1), (-1, -1), "CENTER"), ("ALIGN", (1, 1), (1, -1), "LEFT")] + head_style()
    bold = font("bold")
    for position, line in enumerate(lines):
        placed = place_indicator_line(line, rows, style, cell, bold)
        if placed is None:
            continue
        heading, indent = placed
        rows.append([
            cell(line.number, 0), cell(line.name, 1, bold=heading, indent=indent),
            cell(line.unit, 2), cell(line.target_2025, 3), cell(line.target_2030, 4),
            cell(cell_value(line.last_year), 5), cell(with_mark(cell_value(line.this_year), marks.get(position)), 6),
            cell(line.evaluation, 7),
        ])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def task_table(tasks: tuple[TaskLine, ...], styles: Styles, width: float) -> Table:
    """Part I's table: each task, its lead office, status, and result with its evidence."""
    size = styles.cell.fontSize
    widths = scaled(TASK_WIDTHS, width, first=["TT", *(task.number for task in tasks)], font_size=size)
    cell = Cells(widths, size)
    rows = [header_row(TASK_HEADERS, cell)]
    for task in tasks:
        # The evidence (the document number and date) on its own line: the clerk looks for it.
        result = "\n".join(nfc(part).strip() for part in (task.result, task.evidence) if part and part.strip())
        rows.append([cell(task.number, 0), cell(task.name, 1), cell(task.lead, 2), cell(task.status, 3),
                     cell(result, 4)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(size) + [("ALIGN", (0, 1), (0, -1), "CENTER"),
                                                  ("ALIGN", (3, 1), (3, -1), "CENTER")] + head_style()))
    return table


def body(report: AnnualReport, styles: Styles, settings: PageSettings, record: dict, *,
         indicators: tuple[IndicatorLine, ...] | None = None) -> list:
    width = decree30.frame_width(settings)
    story = decree30.header(report, styles, width) + decree30.title(report, styles, width)
    story += decree30.heading("I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", styles)
    story += decree30.paragraphs(report.results_text, styles)
    if report.tasks:
        story.append(task_table(report.tasks, styles, width))
        story.append(decree30.spacer(8))
    lines = report.indicators if indicators is None else indicators
    if settings.landscape_indicators:
        story += [NextPageTemplate("landscape"), PageBreak()]
    story += decree30.heading("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", styles, room=60 * mm)
    marks, notes = numbered_notes(lines)
    story.append(indicator_table(lines, styles, decree30.frame_width(settings, wide=settings.landscape_indicators),
                                 marks))
    story += decree30.notes([*notes, *getattr(report, "rules", ())], styles)
    if settings.landscape_indicators:
        story += [NextPageTemplate("portrait"), PageBreak()]
    else:
        story.append(decree30.spacer(8))
    story += decree30.heading("III. KHÓ KHĂN, VƯỚNG MẮC", styles)
    story += decree30.paragraphs(report.difficulties_text, styles)
    story += decree30.heading("IV. ĐỀ XUẤT, KIẾN NGHỊ", styles)
    proposals = decree30.paragraphs(report.proposals_text, styles)
    # The signature block never stands alone on the last page: the last paragraph goes with it.
    story += proposals[:-1]
    story.append(KeepTogether(proposals[-1:] + [decree30.spacer(10), decree30.closing(report, styles, width, record)]))
    return story


def build_pdf(report: AnnualReport, path: Path, settings: PageSettings, story_of) -> PdfResult:
    """Lay out ``story_of(styles, record)`` on Decree 30 pages; record the signature place."""
    path = Path(path)
    # Laid out in memory and written whole: a destination that cannot be written gets
    # one sentence, never half a PDF.
    buffer = io.BytesIO()
    document = decree30.document(buffer, report, settings, title_text=f"Báo cáo {report.summary_line()}")
    styles = Styles(settings)
    record: dict = {}
    document.build(story_of(styles, record), canvasmaker=lambda *args, **kwargs: _canvas(record, *args, **kwargs))
    result = PdfResult(pages=document.page, signature_page=record.get("page", 0),
                       signature_box=record.get("box", (0.0, 0.0, 0.0, 0.0)))
    write_file(path, buffer.getvalue())
    return result


def build_annual_pdf(report: AnnualReport, path: Path, settings: PageSettings = PageSettings()) -> PdfResult:
    """Write the report; returns its page count and where the signature goes."""
    return build_pdf(report, path, settings, lambda styles, record: body(report, styles, settings, record))


SIGNATURE_PLACE_KEY = "/TienDoSignaturePlace"


class _InfoWithPlace(PDFInfo):
    """The document information with the signature place: reportlab writes it when it
    saves, after the last page is drawn, so the place the signature block landed is known
    and the file is written once (rewriting a hundred-page PDF to add one entry cost
    more than drawing its furniture)."""

    record: dict

    def format(self, document):
        text = super().format(document)
        place = ",".join(str(round(v, 1)) for v in (self.record.get("page", 0),
                                                         *self.record.get("box", (0.0, 0.0, 0.0, 0.0))))
        entry = pdf_format(PDFName(SIGNATURE_PLACE_KEY[1:]), document) + b" " + pdf_format(PDFString(place), document)
        end = text.rindex(b">>")   # a dictionary: "<< /Author (…) … >>"
        return text[:end] + entry + b"\n" + text[end:]


def _canvas(record: dict, *args, **kwargs) -> Canvas:
    canvas = Canvas(*args, **kwargs)
    info = _InfoWithPlace()
    info.__dict__.update(canvas._doc.info.__dict__)
    info.record = record
    canvas._doc.info = info
    return canvas


def signature_place(path: Path):
    """The SignatureBox recorded in a report built here, or None."""
    from pypdf import PdfReader

    from desktop_app.core.reports.signing import SignatureBox

    try:
        value = (PdfReader(str(path)).metadata or {}).get(SIGNATURE_PLACE_KEY)
        page, x1, y1, x2, y2 = (float(v) for v in str(value).split(","))
    except (ValueError, TypeError, OSError, AttributeError):
        return None
    return SignatureBox(int(page), x1, y1, x2, y2)

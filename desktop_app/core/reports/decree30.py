"""The furniture of a Vietnamese administrative report (Decree 30/2020/NĐ-CP, Appendix I):
the two-column header, the title, body paragraphs, "Nơi nhận" beside the signature
block, page numbers from page 2, and on every page the data fingerprint (page 1 also
as a QR code).  ``document()`` gives the page templates the report builders fill."""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from desktop_app.core.reports.fingerprint import grouped
from desktop_app.core.reports.fonts import font
from desktop_app.core.reports.model import AnnualReport, PageSettings
from desktop_app.core.text import format_date_long

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FINGERPRINT_LABEL = "Mã kiểm tra dữ liệu"

# The header's two columns, as a share of the text width (165 mm by default): the left
# one holds "SỞ LAO ĐỘNG - THƯƠNG BINH" on one line, the right one the national title.
LEFT_SHARE = 0.45
HEADER_PT = 13
NATIONAL_TITLE_PT = (13, 12)   # the larger size that fits the right column
MOTTO_PT = 13
DATE_PT = 13                   # the same as "Số:" so the two sit on one baseline


def nfc(text: str | None) -> str:
    """Reportlab places the marks of decomposed Vietnamese wrongly: everything NFC."""
    return unicodedata.normalize("NFC", text or "")


def para_text(text: str | None) -> str:
    return escape(nfc(text)).replace("\n", "<br/>")


def upper(text: str | None) -> str:
    return nfc(text).upper()


def text_width(text: str, style: str, size: float) -> float:
    return stringWidth(nfc(text), font(style), size)


class Styles:
    def __init__(self, settings: PageSettings):
        size = settings.body_pt
        base = dict(fontName=font(), fontSize=size, leading=size * 1.25)
        self.header = ParagraphStyle("header", alignment=TA_CENTER, fontName=font(), fontSize=HEADER_PT,
                                     leading=HEADER_PT * 1.15)
        self.header_bold = ParagraphStyle("header_bold", parent=self.header, fontName=font("bold"))
        self.motto = ParagraphStyle("motto", parent=self.header_bold, fontSize=MOTTO_PT, leading=MOTTO_PT * 1.15)
        self.date = ParagraphStyle("date", parent=self.header, fontName=font("italic"), fontSize=DATE_PT,
                                   leading=HEADER_PT * 1.15)
        self.title = ParagraphStyle("title", alignment=TA_CENTER, fontName=font("bold"), fontSize=14, leading=17,
                                    spaceBefore=18)
        self.summary = ParagraphStyle("summary", alignment=TA_CENTER, fontName=font("bold"), fontSize=14, leading=17,
                                      spaceAfter=12)
        self.body = ParagraphStyle("body", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6, **base)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=font("bold"), spaceBefore=6)
        self.appendix_title = ParagraphStyle("appendix_title", parent=self.title, spaceBefore=0, spaceAfter=2)
        self.appendix_note = ParagraphStyle("appendix_note", parent=self.body, alignment=TA_CENTER, firstLineIndent=0,
                                            fontName=font("italic"), spaceAfter=8)
        table_pt = settings.table_pt
        self.cell = ParagraphStyle("cell", fontName=font(), fontSize=table_pt, leading=table_pt * 1.2,
                                   alignment=TA_LEFT)
        self.cell_center = ParagraphStyle("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=font("bold"))
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell_center, fontName=font("bold"))
        self.caption = ParagraphStyle("caption", parent=self.cell_bold, fontSize=table_pt + 1,
                                      leading=(table_pt + 1) * 1.25, spaceBefore=8, spaceAfter=3)
        self.recipients_label = ParagraphStyle("recipients_label", fontName=font("bolditalic"), fontSize=12, leading=14)
        self.recipients = ParagraphStyle("recipients", fontName=font(), fontSize=11, leading=13)
        self.sign = ParagraphStyle("sign", alignment=TA_CENTER, fontName=font("bold"), fontSize=14, leading=17)


class Rule(Flowable):
    """A centred line under a header line, ``width`` long, ``gap`` points under the text."""

    def __init__(self, width: float, thickness: float = 0.6, gap: float = 4):
        super().__init__()
        self.line_width = width
        self.thickness = thickness
        self.height = gap + thickness
        self.available = width

    def wrap(self, available_width, available_height):
        self.available = available_width
        return available_width, self.height

    def draw(self):
        self.canv.setLineWidth(self.thickness)
        x = (self.available - self.line_width) / 2
        self.canv.line(x, 0, x + self.line_width, 0)


class SignatureSpace(Flowable):
    """Room for the signature and seal, centred in its column; remembers where it landed
    so a digital signature's visible stamp can be put exactly there."""

    def __init__(self, width: float, height: float, record: dict):
        super().__init__()
        self.box_width, self.height, self.record = width, height, record
        self.width = width

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.height

    def draw(self):
        left = (self.width - self.box_width) / 2
        x1, y1 = self.canv.absolutePosition(left, 0)
        self.record["page"] = self.canv.getPageNumber() - 1
        self.record["box"] = (round(x1, 2), round(y1, 2), round(x1 + self.box_width, 2), round(y1 + self.height, 2))


def _plain_table(rows, widths) -> Table:
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), font()),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _widest_line(text: str, style: str, size: float, width: float) -> float:
    lines = [piece for part in nfc(text).split("\n") for piece in simpleSplit(part, font(style), size, width)]
    return max((text_width(line, style, size) for line in lines), default=0)


def header(report: AnnualReport, styles: Styles, width: float) -> list:
    """The two header columns: offices and number on the left; national title, motto and
    the place-and-date line on the right, with "Số:" and the date on one line."""
    left_width = width * LEFT_SHARE
    right_width = width - left_width
    issuing = upper(report.issuing_office)
    # Decree 30: the rule under the office is 1/3 to 1/2 of the line above it.
    office_rule = 0.4 * _widest_line(issuing, "bold", HEADER_PT, left_width)
    title_pt = next((pt for pt in NATIONAL_TITLE_PT if text_width(NATIONAL_TITLE, "bold", pt) <= right_width),
                    NATIONAL_TITLE_PT[-1])
    left = [Paragraph(para_text(upper(report.parent_office)), styles.header),
            Paragraph(para_text(issuing), styles.header_bold),
            Rule(office_rule)]
    right = [Paragraph(NATIONAL_TITLE, ParagraphStyle("national", parent=styles.header_bold, fontSize=title_pt)),
             Paragraph(MOTTO, styles.motto),
             Rule(text_width(MOTTO, "bold", MOTTO_PT))]   # the motto's rule is as long as the motto
    number = Paragraph(para_text(f"Số: {report.report_number or '…/BC-…'}"), styles.header)
    date = Paragraph(para_text(format_date_long(report.report_date, report.place or None)), styles.date)
    table = _plain_table([[left, right], [number, date]], [left_width, right_width])
    table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, 1), 8), ("VALIGN", (0, 1), (-1, 1), "BOTTOM")]))
    return [table]


def balanced(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A centred paragraph whose lines are about as long as each other: the same number of
    lines as greedy wrapping, in the narrowest width that keeps it (no "tỉnh năm 2026"
    left alone on the last line)."""
    text = nfc(text)
    lines = len(simpleSplit(text, style.fontName, style.fontSize, width))
    if lines < 2:
        return Paragraph(para_text(text), style)
    low, high = width / lines, width
    while high - low > 2:
        middle = (low + high) / 2
        if len(simpleSplit(text, style.fontName, style.fontSize, middle)) > lines:
            low = middle
        else:
            high = middle
    indent = (width - high) / 2 - 1
    return Paragraph(para_text(text), ParagraphStyle(f"{style.name}_balanced", parent=style, leftIndent=indent,
                                                     rightIndent=indent))


def title(report: AnnualReport, styles: Styles, width: float | None = None) -> list:
    summary = report.summary_line()
    line = balanced(summary, styles.summary, width) if width else Paragraph(para_text(summary), styles.summary)
    return [Paragraph("BÁO CÁO", styles.title), line]


def heading(text: str, styles: Styles, *, room: float = 30 * mm) -> list:
    """A part's heading, never alone at the foot of a page: a new page unless ``room`` is left."""
    return [CondPageBreak(room), Paragraph(para_text(text), styles.heading)]


def paragraphs(text: str, styles: Styles) -> list:
    """Paragraphs are separated by a blank line; a single line break stays a break."""
    chunks = [chunk.strip() for chunk in nfc(text).replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(para_text(chunk), styles.body) for chunk in chunks if chunk]


def recipient_lines(items: tuple[str, ...] | list[str]) -> list[str]:
    """"- …;" for each recipient, the last "- Lưu: VT, …." (added when missing)."""
    cleaned = [nfc(item).strip().lstrip("-– ").rstrip(";.,").strip() for item in items]
    cleaned = [item for item in cleaned if item]
    if not any(item.startswith("Lưu") for item in cleaned[-1:]):
        cleaned.append("Lưu: VT")
    return [f"- {item};" for item in cleaned[:-1]] + [f"- {cleaned[-1]}."]


def closing(report: AnnualReport, styles: Styles, width: float, record: dict) -> Table:
    """"Nơi nhận" (left) beside the signature block (right)."""
    lines = [Paragraph("Nơi nhận:", styles.recipients_label)]
    lines += [Paragraph(para_text(item), styles.recipients) for item in recipient_lines(report.recipients)]
    signer = report.signer
    right = [Paragraph(para_text(part), styles.sign)
             for line in filter(None, [upper(signer.authority), upper(signer.title)]) for part in line.split("\n")]
    right.append(SignatureSpace(min(width * 0.45, 75 * mm), 30 * mm, record))
    right.append(Paragraph(para_text(signer.name), styles.sign))
    return _plain_table([[lines, right]], [width * 0.45, width * 0.55])


def draw_qr(canvas, text: str, x: float, y: float, size: float) -> None:
    """A QR code drawn as plain squares (reportlab's widget would add an unembedded font)."""
    import qrcode

    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    cell = size / len(matrix)
    canvas.saveState()
    canvas.setFillGray(0)
    for row, cells in enumerate(matrix):
        start = None
        for column, dark in enumerate([*cells, False]):   # runs of dark cells: fewer, seamless rectangles
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                canvas.rect(x + start * cell, y + size - (row + 1) * cell, (column - start) * cell, cell, stroke=0,
                            fill=1)
                start = None
    canvas.restoreState()


QR_SIZE = 16 * mm


def document(path: str, report: AnnualReport, settings: PageSettings, *, title_text: str) -> BaseDocTemplate:
    """A4 with three page templates: "first" (no page number, the QR code), "portrait"
    and "landscape" (page number centred in the top margin); the fingerprint in the
    footer of every page."""
    doc = BaseDocTemplate(
        path, pagesize=A4, leftMargin=settings.left_mm * mm, rightMargin=settings.right_mm * mm,
        topMargin=settings.top_mm * mm, bottomMargin=settings.bottom_mm * mm,
        title=nfc(title_text), author=nfc(report.issuing_office), subject=report.fingerprint, creator="TienDo",
        initialFontName=font(), initialFontSize=settings.body_pt,  # no unembedded Helvetica
    )

    def frame(size, name):
        page_width, page_height = size
        return Frame(settings.left_mm * mm, settings.bottom_mm * mm,
                     page_width - (settings.left_mm + settings.right_mm) * mm,
                     page_height - (settings.top_mm + settings.bottom_mm) * mm,
                     id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def footer(canvas, _doc):
        if not report.fingerprint:
            return
        canvas.saveState()
        canvas.setFont(font(), 7.5)
        canvas.setFillGray(0.3)
        canvas.drawString(settings.left_mm * mm, 8 * mm, f"{FINGERPRINT_LABEL}: {grouped(report.fingerprint)}")
        canvas.restoreState()

    def first(canvas, doc_):
        footer(canvas, doc_)
        if report.fingerprint:
            page_width = canvas._pagesize[0]
            draw_qr(canvas, report.fingerprint, page_width - settings.right_mm * mm - QR_SIZE,
                    (settings.bottom_mm * mm - QR_SIZE) / 2, QR_SIZE)

    def later(canvas, doc_):
        page_width, page_height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(font(), settings.body_pt)
        canvas.drawCentredString(page_width / 2, page_height - settings.top_mm * mm / 2 - settings.body_pt / 3,
                                 str(doc_.page))
        canvas.restoreState()
        footer(canvas, doc_)

    doc.addPageTemplates([
        PageTemplate("first", [frame(A4, "first")], onPage=first, pagesize=A4, autoNextPageTemplate="portrait"),
        PageTemplate("portrait", [frame(A4, "portrait")], onPage=later, pagesize=A4),
        PageTemplate("landscape", [frame(landscape(A4), "landscape")], onPage=later, pagesize=landscape(A4)),
    ])
    return doc


def frame_width(settings: PageSettings, *, wide: bool = False) -> float:
    page_width = landscape(A4)[0] if wide else A4[0]
    return page_width - (settings.left_mm + settings.right_mm) * mm


def spacer(points: float) -> Spacer:
    return Spacer(1, points)

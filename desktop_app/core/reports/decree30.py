"""The furniture of a Vietnamese administrative report (Decree 30/2020/NĐ-CP, Appendix I):
the two-column header, the title, body paragraphs, "Nơi nhận" beside the signature
block, page numbers from page 2, and on every page the data fingerprint."""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop_app.core.reports.fingerprint import grouped
from desktop_app.core.reports.fonts import font  # noqa: F401  (re-exported for the builders)
from desktop_app.core.reports.model import AnnualReport, PageSettings
from desktop_app.core.text import format_date_long

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def nfc(text: str) -> str:
    """Reportlab places the marks of decomposed Vietnamese wrongly: everything NFC."""
    return unicodedata.normalize("NFC", text or "")


def para_text(text: str) -> str:
    return escape(nfc(text)).replace("\n", "<br/>")


def upper(text: str) -> str:
    return nfc(text).upper()


class Styles:
    def __init__(self, settings: PageSettings):
        size = settings.body_pt
        base = dict(fontName=font(), fontSize=size, leading=size * 1.25)
        self.header = ParagraphStyle("header", alignment=TA_CENTER, **{**base, "fontSize": 13, "leading": 15})
        self.header_bold = ParagraphStyle("header_bold", parent=self.header, fontName=font("bold"))
        self.header_italic = ParagraphStyle("header_italic", parent=self.header, fontName=font("italic"), fontSize=14,
                                            leading=17)
        self.title = ParagraphStyle("title", alignment=TA_CENTER, fontName=font("bold"), fontSize=14, leading=18,
                                    spaceBefore=12)
        self.summary = ParagraphStyle("summary", alignment=TA_CENTER, fontName=font("bold"), fontSize=14, leading=18,
                                      spaceAfter=12)
        self.body = ParagraphStyle("body", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6, **base)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=font("bold"), spaceBefore=6)
        self.cell = ParagraphStyle("cell", fontName=font(), fontSize=settings.table_pt, leading=settings.table_pt * 1.2,
                                   alignment=TA_LEFT)
        self.cell_center = ParagraphStyle("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=font("bold"))
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell_center, fontName=font("bold"))
        self.recipients_label = ParagraphStyle("recipients_label", fontName=font("bolditalic"), fontSize=12, leading=14)
        self.recipients = ParagraphStyle("recipients", fontName=font(), fontSize=11, leading=13)
        self.sign = ParagraphStyle("sign", alignment=TA_CENTER, fontName=font("bold"), fontSize=14, leading=17)


class Rule(Flowable):
    """A short centred line under a header line, ``width`` long."""

    def __init__(self, width: float, thickness: float = 0.6):
        super().__init__()
        self.line_width = width
        self.thickness = thickness
        self.height = 2

    def wrap(self, available_width, available_height):
        self.available = available_width
        return available_width, self.height

    def draw(self):
        self.canv.setLineWidth(self.thickness)
        x = (self.available - self.line_width) / 2
        self.canv.line(x, self.height, x + self.line_width, self.height)


class SignatureSpace(Flowable):
    """Room for the signature and seal; remembers where it landed so a digital
    signature's visible stamp can be put exactly there."""

    def __init__(self, width: float, height: float, record: dict):
        super().__init__()
        self.width, self.height, self.record = width, height, record

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        x1, y1 = self.canv.absolutePosition(0, 0)
        self.record["page"] = self.canv.getPageNumber() - 1
        self.record["box"] = (x1, y1, x1 + self.width, y1 + self.height)


def text_width(text: str, style: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(nfc(text), font(style), size)


def header(report: AnnualReport, styles: Styles, width: float) -> list:
    left_width, right_width = width * 0.42, width * 0.58
    issuing = upper(report.issuing_office)
    left = [
        Paragraph(para_text(upper(report.parent_office)), styles.header),
        Paragraph(para_text(issuing), styles.header_bold),
        Rule(min(left_width * 0.5, text_width(issuing.split("\n")[-1], "bold", 13) * 0.5)),
        Spacer(1, 4),
        Paragraph(para_text(f"Số: {report.report_number or '…/BC-…'}"), styles.header),
    ]
    right = [
        Paragraph(NATIONAL_TITLE, styles.header_bold),
        Paragraph(MOTTO, ParagraphStyle("motto", parent=styles.header_bold, fontSize=14, leading=16)),
        Rule(text_width(MOTTO, "bold", 14)),
        Spacer(1, 6),
        Paragraph(para_text(format_date_long(report.report_date, report.place)), styles.header_italic),
    ]
    table = Table([[left, right]], colWidths=[left_width, right_width])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), font()), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [table]


def title(report: AnnualReport, styles: Styles) -> list:
    return [Paragraph("BÁO CÁO", styles.title), Paragraph(para_text(report.summary), styles.summary)]


def paragraphs(text: str, styles: Styles) -> list:
    chunks = [chunk.strip() for chunk in nfc(text).replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(para_text(chunk), styles.body) for chunk in chunks if chunk]


def closing(report: AnnualReport, styles: Styles, width: float, record: dict) -> Table:
    """"Nơi nhận" (left) beside the signature block (right)."""
    items = list(report.recipients) or ["Như trên;", "Lưu: VT."]
    lines = [Paragraph("Nơi nhận:", styles.recipients_label)]
    lines += [Paragraph(para_text(f"- {item}"), styles.recipients) for item in items]
    signer = report.signer
    right = []
    for line in filter(None, [upper(signer.authority), upper(signer.title)]):
        for part in line.split("\n"):
            right.append(Paragraph(para_text(part), styles.sign))
    right.append(SignatureSpace(width * 0.5, 28 * mm, record))
    right.append(Paragraph(para_text(signer.name), styles.sign))
    table = Table([[lines, right]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), font()), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    table.keepWithNext = False
    return table


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
        for column, dark in enumerate(cells):
            if dark:
                canvas.rect(x + column * cell, y + size - (row + 1) * cell, cell, cell, stroke=0, fill=1)
    canvas.restoreState()


def page_decorations(report: AnnualReport, settings: PageSettings):
    """onPage callbacks: page number from page 2 (top centre), fingerprint on every page,
    and on page 1 a QR code of the fingerprint."""
    page_width, page_height = A4

    def first(canvas, doc):
        footer(canvas, doc)
        if report.fingerprint:
            draw_qr(canvas, report.fingerprint, page_width - settings.right_mm * mm - 16 * mm, 4 * mm, 16 * mm)

    def later(canvas, doc):
        canvas.saveState()
        canvas.setFont(font(), 13)
        canvas.drawCentredString(page_width / 2, page_height - settings.top_mm * mm / 2 - 2, str(doc.page))
        canvas.restoreState()
        footer(canvas, doc)

    def footer(canvas, doc):
        if not report.fingerprint:
            return
        canvas.saveState()
        canvas.setFont(font(), 7.5)
        canvas.setFillGray(0.35)
        canvas.drawString(settings.left_mm * mm, 8 * mm, f"Mã kiểm tra dữ liệu: {grouped(report.fingerprint)}")
        canvas.restoreState()

    return first, later

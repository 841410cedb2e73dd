"""The furniture of a Vietnamese administrative report (Decree 30/2020/NĐ-CP, Appendix I):
the two-column header, the title with the short rule under its trích yếu, "Kính gửi:"
when the report is addressed to a higher office, body paragraphs, numbered notes,
appendices ("Phụ lục I", "Phụ lục II", … with "(Kèm theo Báo cáo số …)"), "Nơi nhận"
beside the signature block, page numbers from page 2 (centred in the top margin, as
the decree places them), and on every page, inside the text area, the data
fingerprint (page 1 also as a QR code) and, on a draft, the boxed "DỰ THẢO" stamp.
``document()`` gives the page templates the report builders fill.

Every builder passes a *paper*: any object with ``parent_office``, ``issuing_office``,
``report_number``, ``place``, ``report_date``, ``summary_line()``, ``recipients``,
``signer``, ``fingerprint`` and, optionally, ``addressee`` (the "Kính gửi" lines) and
``signed`` (False prints the draft stamp).  ``AnnualReport`` and ``ReviewReport`` are
papers; the consolidated report's model can be one too."""

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
        self.addressee = ParagraphStyle("addressee", alignment=TA_CENTER, fontName=font(), fontSize=size,
                                        leading=size * 1.25, spaceAfter=6)
        self.note = ParagraphStyle("note", fontName=font(), fontSize=table_pt + 1, leading=(table_pt + 1) * 1.2,
                                   alignment=TA_JUSTIFY, leftIndent=6 * mm, firstLineIndent=-6 * mm, spaceAfter=1)
        self.note_label = ParagraphStyle("note_label", parent=self.note, fontName=font("bolditalic"), leftIndent=0,
                                         firstLineIndent=0, spaceBefore=4)
        self.appendix_number = ParagraphStyle("appendix_number", alignment=TA_CENTER, fontName=font("bold"),
                                              fontSize=14, leading=17)
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
    left = [Paragraph(para_text(upper(report.parent_office)), styles.header)] if nfc(report.parent_office).strip() \
        else []
    left += [Paragraph(para_text(issuing), styles.header_bold), Rule(office_rule)]
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


def title(report, styles: Styles, width: float | None = None) -> list:
    """"BÁO CÁO", the trích yếu under it (the summary line, balanced over its lines; a
    line break the writer put in is kept), the short rule under the trích yếu (Decree 30:
    1/3 to 1/2 of the line, centred) and, when the paper is addressed, "Kính gửi:"."""
    summary = nfc(report.summary_line())
    if width and "\n" not in summary:
        line = balanced(summary, styles.summary, width)
        widest = _widest_line(summary, "bold", styles.summary.fontSize, width - 2 * line.style.leftIndent - 2)
    else:
        line = Paragraph(para_text(summary), styles.summary)
        widest = _widest_line(summary, "bold", styles.summary.fontSize, width or frame_width(PageSettings()))
    summary_style = ParagraphStyle("summary_ruled", parent=line.style, spaceAfter=0)
    line.style = summary_style
    story = [Paragraph("BÁO CÁO", styles.title), line, Rule(SUMMARY_RULE_SHARE * widest, gap=5), spacer(10)]
    return story + addressee(report, styles, width)


SUMMARY_RULE_SHARE = 0.4


def addressee_lines(report) -> list[str]:
    text = nfc(getattr(report, "addressee", "") or "")
    return [line.strip().lstrip("-– ").rstrip(";.").strip() for line in text.split("\n") if line.strip()]


def addressee(report, styles: Styles, width: float | None = None) -> list:
    """"Kính gửi: Ủy ban nhân dân tỉnh." centred under the title; several addressees as
    a list, one "- …;" a line, the last ending with a full stop."""
    lines = addressee_lines(report)
    if not lines:
        return []
    if len(lines) == 1:
        return [Paragraph(f"Kính gửi: {para_text(lines[0])}.", styles.addressee), spacer(6)]
    items = [f"- {para_text(line)};" for line in lines[:-1]] + [f"- {para_text(lines[-1])}."]
    label_width = text_width("Kính gửi: ", "regular", styles.addressee.fontSize)
    indent = (width or frame_width(PageSettings())) * 0.25
    story = [Paragraph("Kính gửi:", ParagraphStyle("addressee_label", parent=styles.addressee, alignment=TA_LEFT,
                                                    leftIndent=indent, spaceAfter=0))]
    item_style = ParagraphStyle("addressee_item", parent=styles.addressee, alignment=TA_LEFT,
                                leftIndent=indent + label_width, spaceAfter=0)
    story += [Paragraph(item, item_style) for item in items]
    return story + [spacer(10)]


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


QR_SIZE = 14 * mm
# Inside the text area, never in the margins: the fingerprint line at the foot of every
# page (page 1: beside the QR code) and, on a draft, the "DỰ THẢO" stamp at its head.
FOOTER_BAND = 6 * mm
FIRST_FOOTER_BAND = QR_SIZE + 2 * mm
DRAFT_BAND = 11 * mm
DRAFT_WORDS = "DỰ THẢO"
DRAFT_PT = 13
FOOTER_PT = 7.5


def is_draft(report) -> bool:
    return not getattr(report, "signed", True)


def draw_draft_stamp(canvas, right: float, top: float) -> None:
    """"DỰ THẢO" in bold capitals in a box, at the top right of the text area."""
    width = text_width(DRAFT_WORDS, "bold", DRAFT_PT) + 6 * mm
    height = DRAFT_PT + 2.5 * mm
    canvas.saveState()
    canvas.setLineWidth(1)
    canvas.rect(right - width, top - height, width, height, stroke=1, fill=0)
    canvas.setFont(font("bold"), DRAFT_PT)
    canvas.drawCentredString(right - width / 2, top - height + 1.25 * mm + DRAFT_PT * 0.22, DRAFT_WORDS)
    canvas.restoreState()


def document(path, report, settings: PageSettings, *, title_text: str) -> BaseDocTemplate:
    """A4 with three page templates: "first" (no page number, the QR code), "portrait"
    and "landscape" (page number centred in the top margin); the fingerprint at the foot
    of the text area of every page, and a draft's "DỰ THẢO" stamp at its head."""
    doc = BaseDocTemplate(
        path, pagesize=A4, leftMargin=settings.left_mm * mm, rightMargin=settings.right_mm * mm,
        topMargin=settings.top_mm * mm, bottomMargin=settings.bottom_mm * mm,
        title=nfc(title_text), author=nfc(report.issuing_office), subject=report.fingerprint, creator="TienDo",
        initialFontName=font(), initialFontSize=settings.body_pt,  # no unembedded Helvetica
    )
    draft = is_draft(report)
    head = DRAFT_BAND if draft else 0
    left, bottom = settings.left_mm * mm, settings.bottom_mm * mm

    def frame(size, name, foot):
        page_width, page_height = size
        return Frame(left, bottom + foot, page_width - (settings.left_mm + settings.right_mm) * mm,
                     page_height - (settings.top_mm + settings.bottom_mm) * mm - foot - head,
                     id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def furniture(canvas):
        page_width, page_height = canvas._pagesize
        canvas.saveState()
        if report.fingerprint:
            canvas.setFont(font(), FOOTER_PT)
            canvas.setFillGray(0.3)
            canvas.drawString(left, bottom + 1 * mm, f"{FINGERPRINT_LABEL}: {grouped(report.fingerprint)}")
        canvas.restoreState()
        if draft:
            draw_draft_stamp(canvas, page_width - settings.right_mm * mm, page_height - settings.top_mm * mm)

    def first(canvas, doc_):
        furniture(canvas)
        if report.fingerprint:
            page_width = canvas._pagesize[0]
            draw_qr(canvas, report.fingerprint, page_width - settings.right_mm * mm - QR_SIZE, bottom, QR_SIZE)

    def later(canvas, doc_):
        page_width, page_height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(font(), settings.body_pt)
        canvas.drawCentredString(page_width / 2, page_height - settings.top_mm * mm / 2 - settings.body_pt / 3,
                                 str(doc_.page))
        canvas.restoreState()
        furniture(canvas)

    first_foot = FIRST_FOOTER_BAND if report.fingerprint else 0
    foot = FOOTER_BAND if report.fingerprint else 0
    doc.addPageTemplates([
        PageTemplate("first", [frame(A4, "first", first_foot)], onPage=first, pagesize=A4,
                     autoNextPageTemplate="portrait"),
        PageTemplate("portrait", [frame(A4, "portrait", foot)], onPage=later, pagesize=A4),
        PageTemplate("landscape", [frame(landscape(A4), "landscape", foot)], onPage=later, pagesize=landscape(A4)),
    ])
    return doc


ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50), ("XL", 40),
         ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman(number: int) -> str:
    """Decree 30 numbers appendices in Roman numerals: 1 -> "I", 4 -> "IV"."""
    out = []
    for letters, value in ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def appendix_label(number: int) -> str:
    return f"Phụ lục {roman(number)}"


def appendix_reference(number: int) -> str:
    """How the body refers to an appendix: "(chi tiết tại Phụ lục I kèm theo)"."""
    return f"(chi tiết tại {appendix_label(number)} kèm theo)"


def short_date(day) -> str:
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def appendix_heading(report, number: int, text: str, styles: Styles, width: float) -> list:
    """Decree 30's appendix head: "Phụ lục I" (bold, as written, its own line), the
    appendix's title in bold capitals, then "(Kèm theo Báo cáo số … ngày … của …)" in
    italics.  Starts nothing: the caller puts the page break before it."""
    issuer = nfc(report.issuing_office).replace("\n", " ")
    note = (f"(Kèm theo Báo cáo số {report.report_number or '…/BC-…'} ngày {short_date(report.report_date)} "
            f"của {issuer})")
    return [Paragraph(appendix_label(number), styles.appendix_number),
            balanced(upper(text), styles.appendix_title, width),
            balanced(note, styles.appendix_note, width)]


def notes(items: list[str] | tuple[str, ...], styles: Styles, *, label: str = "Ghi chú:") -> list:
    """Numbered notes under a table: "(1) …", the numbers the table's cells refer to."""
    if not items:
        return []
    heading = Paragraph(label, styles.note_label)
    heading.keepWithNext = True  # never "Ghi chú:" alone at the foot of a page
    story = [heading]
    story += [Paragraph(f"({number}) {para_text(item)}", styles.note) for number, item in enumerate(items, start=1)]
    return story


def frame_width(settings: PageSettings, *, wide: bool = False) -> float:
    page_width = landscape(A4)[0] if wide else A4[0]
    return page_width - (settings.left_mm + settings.right_mm) * mm


def spacer(points: float) -> Spacer:
    return Spacer(1, points)

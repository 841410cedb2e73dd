"""The annual report of an office as a PDF: I. tasks, II. indicators, III. difficulties,
IV. proposals, then "Nơi nhận" and the signature block."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop_app.core.reports import decree30
from desktop_app.core.reports.decree30 import Styles, para_text
from desktop_app.core.reports.model import AnnualReport, IndicatorLine, PageSettings, PdfResult, TaskLine
from desktop_app.core.text import format_number

INDICATOR_HEADERS = ("TT", "Chỉ tiêu", "ĐVT", "Mục tiêu 2025", "Mục tiêu 2030", "Năm trước", "Năm báo cáo",
                     "Đánh giá")
INDICATOR_WIDTHS = (9, 56, 14, 15, 15, 16, 16, 19)   # millimetres, for 160 mm of text width
TASK_HEADERS = ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Tình trạng", "Kết quả, văn bản")
TASK_WIDTHS = (9, 58, 28, 22, 43)
GRID = colors.Color(0.25, 0.25, 0.25)
GROUP_FILL = colors.Color(0.91, 0.93, 0.97)


def cell_value(value: Decimal | str | None) -> str:
    if value is None:
        return ""
    return format_number(value) if isinstance(value, Decimal) else str(value)


def _scaled(widths: tuple[float, ...], available: float) -> list[float]:
    total = sum(widths)
    return [w * available / total for w in widths]


def indicator_table(lines: tuple[IndicatorLine, ...], styles: Styles, width: float) -> Table:
    head = [Paragraph(h, styles.cell_head) for h in INDICATOR_HEADERS]
    rows = [head]
    group_rows = []
    for line in lines:
        if line.kind == "group":
            group_rows.append(len(rows))
            rows.append([Paragraph(para_text(line.number), styles.cell_bold), Paragraph(para_text(line.name), styles.cell_bold)]
                        + [""] * 6)
            continue
        indent = "&nbsp;" * 4 * line.depth
        name_style = styles.cell_bold if line.kind == "heading" else styles.cell
        rows.append([
            Paragraph(para_text(line.number), styles.cell_center),
            Paragraph(indent + para_text(line.name), name_style),
            Paragraph(para_text(line.unit), styles.cell_center),
            Paragraph(para_text(line.target_2025), styles.cell_center),
            Paragraph(para_text(line.target_2030), styles.cell_center),
            Paragraph(para_text(cell_value(line.last_year)), styles.cell_center),
            Paragraph(para_text(cell_value(line.this_year)), styles.cell_center),
            Paragraph(para_text(line.evaluation), styles.cell_center),
        ])
    table = Table(rows, colWidths=_scaled(INDICATOR_WIDTHS, width), repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("FONTNAME", (0, 0), (-1, -1), decree30.font()),  # empty cells too: no unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.85, 0.85)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    for row in group_rows:
        style += [("SPAN", (1, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), GROUP_FILL)]
    table.setStyle(TableStyle(style))
    return table


def task_table(tasks: tuple[TaskLine, ...], styles: Styles, width: float) -> Table:
    rows = [[Paragraph(h, styles.cell_head) for h in TASK_HEADERS]]
    for task in tasks:
        result = "; ".join(part for part in (task.result, task.evidence) if part)
        rows.append([Paragraph(para_text(task.number), styles.cell_center), Paragraph(para_text(task.name), styles.cell),
                     Paragraph(para_text(task.lead), styles.cell), Paragraph(para_text(task.status), styles.cell_center),
                     Paragraph(para_text(result), styles.cell)])
    table = Table(rows, colWidths=_scaled(TASK_WIDTHS, width), repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), decree30.font()),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.85, 0.85)),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def body(report: AnnualReport, styles: Styles, width: float, record: dict, *, extra: list | None = None) -> list:
    story = decree30.header(report, styles, width) + decree30.title(report, styles)
    story.append(Paragraph("I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", styles.heading))
    story += decree30.paragraphs(report.results_text, styles)
    if report.tasks:
        story.append(task_table(report.tasks, styles, width))
        story.append(Spacer(1, 6))
    story.append(Paragraph("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", styles.heading))
    story.append(indicator_table(report.indicators, styles, width))
    story.append(Spacer(1, 6))
    story.append(Paragraph("III. KHÓ KHĂN, VƯỚNG MẮC", styles.heading))
    story += decree30.paragraphs(report.difficulties_text, styles)
    story.append(Paragraph("IV. ĐỀ XUẤT, KIẾN NGHỊ", styles.heading))
    story += decree30.paragraphs(report.proposals_text, styles)
    story.append(Spacer(1, 10))
    story.append(KeepTogether([decree30.closing(report, styles, width, record)]))
    story += extra or []
    return story


def build_annual_pdf(report: AnnualReport, path: Path, settings: PageSettings = PageSettings(), *,
                     extra=None) -> PdfResult:
    """Write the report; returns its page count and where the signature goes."""
    path = Path(path)
    document = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=settings.left_mm * mm, rightMargin=settings.right_mm * mm,
        topMargin=settings.top_mm * mm, bottomMargin=settings.bottom_mm * mm,
        title=decree30.nfc(f"Báo cáo {report.summary}"), author=decree30.nfc(report.issuing_office),
        subject=report.fingerprint, creator="TienDo",
        initialFontName=decree30.font(), initialFontSize=settings.body_pt,  # no unembedded Helvetica
    )
    styles = Styles(settings)
    record: dict = {}
    width = document.width
    story = body(report, styles, width, record, extra=extra(styles, width) if extra else None)
    first, later = decree30.page_decorations(report, settings)
    document.build(story, onFirstPage=first, onLaterPages=later)
    result = PdfResult(pages=document.page, signature_page=record.get("page", 0),
                       signature_box=record.get("box", (0, 0, 0, 0)))
    _remember_signature_place(path, result)
    return result


SIGNATURE_PLACE_KEY = "/TienDoSignaturePlace"


def _remember_signature_place(path: Path, result: PdfResult) -> None:
    """Record where the signature block is, so `tiendo sign` puts the visible stamp there."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(path)))
    place = ",".join(str(round(v, 1)) for v in (result.signature_page, *result.signature_box))
    writer.add_metadata({SIGNATURE_PLACE_KEY: place})
    with path.open("wb") as handle:
        writer.write(handle)


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

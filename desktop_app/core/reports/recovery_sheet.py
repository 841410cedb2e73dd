"""The recovery code sheet a new workspace prints, to be kept with the office's papers:
A4, Decree 30's margins and font, every word inside the margins, the office by its
name (never its internal id).

    write_recovery_sheet(path, office="Sở Lao động - …", workspace="D:/…/so.tiendo",
                         code="ABCD-EFGH-…", created_on=clock.today())
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop_app.core.reports.annual import wrap_lines
from desktop_app.core.reports.decree30 import nfc, para_text, upper
from desktop_app.core.reports.fonts import font
from desktop_app.core.reports.model import PageSettings
from desktop_app.core.text import format_date_long

INSTRUCTIONS = (
    "Mã khôi phục mở được tệp dữ liệu khi quên mật khẩu. Ai có mã này và tệp dữ liệu thì đọc được "
    "toàn bộ số liệu của cơ quan.",
    "Cất tờ này cùng hồ sơ lưu của cơ quan (tủ có khóa); không dán cạnh máy tính, không gửi qua thư "
    "điện tử hoặc mạng xã hội.",
    "Sau khi mở bằng mã khôi phục, phần mềm yêu cầu đặt mật khẩu mới; mã khôi phục vẫn dùng được.",
)


def write_recovery_sheet(path: Path, *, office: str, workspace: str, code: str, created_on: dt.date,
                         settings: PageSettings = PageSettings()) -> Path:
    path = Path(path)
    regular, bold = font(), font("bold")
    body = ParagraphStyle("sheet_body", fontName=regular, fontSize=13, leading=17, spaceAfter=6)
    title = ParagraphStyle("sheet_title", parent=body, fontName=bold, fontSize=14, alignment=TA_CENTER,
                           spaceBefore=6, spaceAfter=14)
    office_style = ParagraphStyle("sheet_office", parent=body, fontName=bold, alignment=TA_LEFT)
    code_style = ParagraphStyle("sheet_code", parent=body, fontName=bold, fontSize=18, leading=24,
                                alignment=TA_CENTER)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=settings.left_mm * mm,
                            rightMargin=settings.right_mm * mm, topMargin=settings.top_mm * mm,
                            bottomMargin=settings.bottom_mm * mm, title="Mã khôi phục TienDo", creator="TienDo",
                            initialFontName=regular)
    width = A4[0] - (settings.left_mm + settings.right_mm) * mm - 12   # the frame's own 6 pt padding each side
    box = Table([[Paragraph(para_text(nfc(code)), code_style)]], colWidths=[width])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, "black"), ("FONTNAME", (0, 0), (-1, -1), regular),
                             ("TOPPADDING", (0, 0), (-1, -1), 10), ("BOTTOMPADDING", (0, 0), (-1, -1), 12)]))
    story = [
        Paragraph(para_text(upper(office)), office_style),
        Paragraph("MÃ KHÔI PHỤC DỮ LIỆU TIENDO", title),
        # A path has no spaces to break at: cut it to the width, or it runs into the margin.
        Paragraph("<br/>".join(para_text(line) for line in wrap_lines(f"Tệp dữ liệu: {nfc(workspace)}", regular,
                                                                         body.fontSize, width - 8)), body),
        Paragraph(f"Lập {format_date_long(created_on)}.", body),
        Spacer(1, 6), box, Spacer(1, 14),
        *(Paragraph(f"- {para_text(line)}", body) for line in INSTRUCTIONS),
    ]
    doc.build(story)
    return path

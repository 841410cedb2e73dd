"""A realistic Khánh Hòa annual report for tests and benchmarks, without the catalog or
a workspace: the Sở Lao động - Thương binh và Xã hội reports for 2026 on plan
8839/KH-UBND ngày 09/8/2024 — 92 indicator rows in 10 groups (sub-indicators, long
names), 20 tasks, about a page of narrative per section.

    from sample import sample_report, sample_consolidated
    report = sample_report()                 # NFC, as the adapter gives it
    report = sample_report(normalise="NFD")  # every string decomposed, to test NFC output
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from decimal import Decimal

from desktop_app.core.reports.fingerprint import fingerprint
from desktop_app.core.reports.model import AnnualReport, IndicatorLine, Signer, SubmissionLine, TaskLine
from desktop_app.core.reports.province_model import (BreakdownCell, IndicatorBreakdown, OfficeTask, OfficeText,
                                                     ProvinceFigure, ProvinceReport, TaskSummary)

YEAR = 2026
REPORT_DATE = dt.date(2026, 12, 5)
PLAN_DATE = dt.date(2024, 8, 9)
NO_DATA = "Không có số liệu"

GROUPS = (
    ('I', 'Ưu đãi người có công với cách mạng'),
    ('II', 'Lao động, việc làm, phát triển thị trường lao động'),
    ('III', 'Phát triển nguồn nhân lực'),
    ('IV', 'Bảo hiểm xã hội, bảo hiểm thất nghiệp, bảo hiểm y tế'),
    ('V', 'Trợ giúp xã hội và giảm nghèo'),
    ('VI', 'Giáo dục'),
    ('VII', 'Y tế'),
    ('VIII', 'Phát triển văn hóa và thông tin, truyền thông'),
    ('IX', 'Nhà ở'),
    ('X', 'Nước sạch, vệ sinh môi trường'),
)

INDICATORS = (
    # (group, kind, depth, name, unit, target 2025, target 2030)
    ('I', 'indicator', 0, 'Tỷ lệ người có công và gia đình có mức sống từ trung bình khá trở lên so với mức sống của cộng đồng dân cư nơi cư trú', '%', '100', '100'),
    ('II', 'indicator', 0, 'Tỉ lệ thất nghiệp chung', '%', '< 3', '< 3'),
    ('II', 'indicator', 0, 'Tỷ lệ thất nghiệp khu vực thành thị', '%', '< 3,8', '< 3,5'),
    ('II', 'indicator', 0, 'Tỷ lệ việc làm phi chính thức', '%', '< 60', '< 40'),
    ('II', 'indicator', 0, 'Tỉ lệ lao động nông nghiệp trong tổng lao động xã hội', '%', '25', '< 20'),
    ('II', 'indicator', 0, 'Tỷ lệ lao động nữ làm công hưởng lương', '%', '50', '60'),
    ('II', 'indicator', 0, 'Tỷ lệ lao động là người khuyết tật còn khả năng lao động có việc làm', '%', '40', '50'),
    ('III', 'indicator', 0, 'Chỉ số HDI', '', '> 0,7', '> 0,7'),
    ('III', 'indicator', 0, 'Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ', '%', '> 31', '> 40'),
    ('III', 'indicator', 0, 'Tỷ lệ lao động có các kĩ năng công nghệ thông tin', '%', '80', '90'),
    ('III', 'indicator', 0, 'Tỷ lệ lao động là người khuyết tật còn khả năng lao động được học nghề phù hợp', '%', '35', '40'),
    ('III', 'indicator', 0, 'Tỉ lệ nữ học viên, học sinh, sinh viên được tuyển mới thuộc hệ thống giáo dục nghề nghiệp', '%', '30', '40'),
    ('IV', 'indicator', 0, 'Tỷ lệ LLLĐ trong độ tuổi tham gia BHXH', '%', '45', '> 60'),
    ('IV', 'indicator', 0, 'Tỷ lệ nông dân và lao động khu vực phi chính thức tham gia BHXH tự nguyện trong LLLĐ trong độ tuổi', '%', '2,5', '5'),
    ('IV', 'indicator', 0, 'Tỷ lệ người sau độ tuổi nghỉ hưu được hưởng lương hưu, BHXH hàng tháng và trợ cấp hưu trí xã hội', '%', '55', '> 60'),
    ('IV', 'indicator', 0, 'Chỉ số đánh giá mức độ hài lòng của người tham gia BHXH', '%', '85', '90'),
    ('IV', 'indicator', 0, 'Tỷ lệ LLLĐ trong độ tuổi tham gia BHTN', '%', '35', '> 45'),
    ('IV', 'indicator', 0, 'Tỷ lệ dân số tham gia bảo hiểm y tế', '%', '95', '> 98'),
    ('IV', 'indicator', 0, 'Tỷ lệ đồng bào dân tộc thiểu số tham gia BHYT', '%', '98', '98'),
    ('IV', 'indicator', 0, 'Hỗ trợ bảo hiểm y tế cho trẻ em', 'Bậc học', 'Tiểu học', 'THCS'),
    ('IV', 'indicator', 0, 'Tỷ lệ hài lòng của người dân với dịch vụ y tế', '%', '> 80', '>90'),
    ('IV', 'indicator', 0, 'Tỷ lệ lao động là người khuyết tật có giấy xác nhận khuyết tật được hỗ trợ BHYT', '%', '60', '100'),
    ('IV', 'indicator', 0, 'Tỷ lệ người cao tuổi tham gia bảo hiểm y tế', '%', '98', '100'),
    ('V', 'indicator', 0, 'Tỷ lệ dân số được hưởng trợ cấp xã hội hàng tháng tại cộng đồng', '%', '3,5', '4'),
    ('V', 'indicator', 0, 'Tỷ lệ đối tượng gặp khó khăn đột xuất được trợ giúp kịp thời', '%', '100', '100'),
    ('V', 'indicator', 0, 'Tỷ lệ người có hoàn cảnh khó khăn, người có thu nhập thấp được đảm bảo mức sống tối thiểu', '%', '100', '100'),
    ('V', 'indicator', 0, 'Tỷ lệ trẻ em có hoàn cảnh đặc biệt được chăm sóc, nuôi dưỡng, trợ giúp', '%', '90', '95'),
    ('V', 'indicator', 0, 'Tỷ lệ người nghèo, người có công với cách mạng, đối tượng chính sách và người yếu thế thuộc diện người được trợ giúp pháp lý tiếp cận và được trợ giúp pháp lý khi có yêu cầu', '%', '99', '99'),
    ('V', 'indicator', 0, 'Mức giảm tỷ lệ hộ nghèo đa chiều hàng năm', '%/năm', '1-1,5', '-'),
    ('V', 'indicator', 1, 'Trong đó, các huyện nghèo', '%/năm', '> 7', '-'),
    ('V', 'indicator', 1, 'Mức giảm tỷ lệ hộ nghèo dân tộc thiểu số', '%/năm', '4-5', '-'),
    ('V', 'indicator', 0, 'Tỷ lệ huyện nghèo, xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo thoát khỏi tình trạng nghèo, đặc biệt khó khăn', '%', '100', '-'),
    ('V', 'indicator', 0, 'Mức tăng thu nhập bình quân đầu người của hộ nghèo so với năm 2021', 'Lần', '2', '-'),
    ('V', 'indicator', 0, 'Tỷ lệ người bị bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện được tiếp cận ít nhất một trong những dịch vụ hỗ trợ cơ bản', '%', '80', '90'),
    ('V', 'indicator', 0, 'Tỷ lệ người gây bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện ở mức chưa bị truy cứu trách nhiệm hình sự được tư vấn, tham vấn', '%', '50', '70'),
    ('V', 'indicator', 0, 'Tỉ lệ cơ sở trợ giúp xã hội công lập triển khai các hoạt động trợ giúp phòng ngừa, ứng phó với bạo lực trên cơ sở giới', '%', '70', '100'),
    ('V', 'indicator', 0, 'Tỷ lệ đối tượng gặp khó khăn đột xuất do thiên tai, dịch bệnh, hỏa hoạn, tai nạn giao thông, tai nạn lao động đặc biệt nghiêm trọng hoặc các lý do bất khả kháng khác được trợ giúp kịp thời', '%', '100', '100'),
    ('V', 'indicator', 0, 'Tỷ lệ người dân có nhu cầu được cung cấp dịch vụ trợ giúp xã hội phù hợp', '%', '50', '100'),
    ('V', 'indicator', 0, 'Tỷ lệ người cao tuổi có nhu cầu và khả năng lao động có việc làm, được đào tạo chuyển đổi nghề nghiệp', '%', '50', '70'),
    ('V', 'indicator', 0, 'Số người làm công tác xã hội/1000 dân', 'Người', '-', '>= 2'),
    ('VI', 'indicator', 0, 'Tỷ lệ số huyện, thị xã, thành phố hoàn thành phố cập giáo dục mầm non cho trẻ mẫu giáo từ 3 đến 5 tuổi', '%', '-', '100'),
    ('VI', 'indicator', 0, 'Tỷ lệ huy động trẻ em nhà trẻ', '%', '30-35', '35-40'),
    ('VI', 'indicator', 0, 'Tỷ lệ huy động trẻ em mẫu giáo', '%', '95', '95-97'),
    ('VI', 'indicator', 0, 'Tỷ lệ trường mầm non đạt chuẩn quốc gia', '%', '60', '> 60'),
    ('VI', 'indicator', 0, 'Tỷ lệ đi học đúng tuổi cấp tiểu học', '%', '-', '> 99,5'),
    ('VI', 'indicator', 0, 'Tỷ lệ đi học đúng tuổi cấp trung học cơ sở', '%', '-', '> 97,5'),
    ('VI', 'indicator', 0, 'Tỷ lệ đi học đúng tuổi cấp trung học phổ thông và tương đương', '%', '-', '> 90'),
    ('VI', 'indicator', 0, 'Tỷ lệ huyện, thị xã, thành phố đạt chuẩn xóa mù chữ mức độ 2', '%', '100 (hiện nay đã đạt)', '100 (duy trì)'),
    ('VI', 'indicator', 0, 'Tỉ lệ hoàn thành cấp trung học phổ thông', '%', '-', '97'),
    ('VI', 'indicator', 0, 'Tỷ lệ trẻ khuyết tật ở độ tuổi mầm non và phổ thông được tiếp cận giáo dục', '%', '80', '90'),
    ('VII', 'indicator', 0, 'Mức sinh thay thế (Quốc gia)', 'Mức độ', '-', 'Bảo đảm vững chắc'),
    ('VII', 'indicator', 0, 'Tuổi thọ trung bình', 'Tuổi', '74,5', '75'),
    ('VII', 'indicator', 0, 'Số năm sống khoẻ', 'Năm', '67', '68'),
    ('VII', 'heading', 0, 'Chỉ tiêu số lượng trên 10.000 dân', '', '', ''),
    ('VII', 'indicator', 1, 'Số giường bệnh', 'Giường', '30', '40'),
    ('VII', 'indicator', 1, 'Số bác sỹ', 'người', '14', '19'),
    ('VII', 'indicator', 1, 'Số dược sỹ', 'người', '-', '4'),
    ('VII', 'indicator', 1, 'Số điều dưỡng viên', 'người', '-', '33'),
    ('VII', 'indicator', 0, 'Tỷ lệ phụ nữ có thai được khám thai định kỳ, sinh con ở cơ sở y tế hoặc có sự trợ giúp của cán bộ y tế', '%', '>80', '-'),
    ('VII', 'indicator', 0, 'Tỷ lệ tiêm chủng mở rộng với 14 loại vắc xin', '%', '-', '95'),
    ('VII', 'indicator', 0, 'Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi', '%', '-', '< 7,5'),
    ('VII', 'indicator', 0, 'Chấm dứt các dịch bệnh AIDS, lao và loại trừ sốt rét', 'Mức độ', '-', 'Giải quyết cơ bản'),
    ('VII', 'indicator', 0, 'Tỷ lệ người khuyết tật tiếp cận các dịch vụ y tế', '%', '80', '90'),
    ('VII', 'indicator', 0, 'Tỷ lệ trẻ sơ sinh đến 6 tuổi được sàng lọc phát hiện, can thiệp sớm khuyết tật bẩm sinh, rối loạn phát triển và can thiệp sớm các dạng khuyết tật', '%', '70', '80'),
    ('VII', 'indicator', 0, 'Tỷ lệ người cao tuổi được chăm sóc sức khỏe ban đầu kịp thời, khám sức khỏe định kỳ, lập hồ sơ theo dõi sức khỏe', '%', '90', '100'),
    ('VII', 'indicator', 0, 'Tỷ lệ người cao tuổi khi ốm đau, dịch bệnh được khám chữa bệnh và được hưởng sự chăm sóc của gia đình và cộng đồng', '%', '100', '100'),
    ('VIII', 'heading', 0, 'Tỷ lệ người dân được xem các kênh phát thanh, kênh truyền hình phục vụ nhiệm vụ chính trị, thông tin tuyên truyền thiết yếu của quốc gia và địa phương', '', '-', '-'),
    ('VIII', 'indicator', 1, 'Vùng sâu, vùng xa, biên giới, hải đảo', '%', '80', '80'),
    ('VIII', 'indicator', 1, 'Các vùng còn lại', '%', '100', '100'),
    ('VIII', 'indicator', 0, 'Tỷ lệ các chương trình thời sự và bản tin phát sóng truyền hình có ngôn ngữ ký hiệu', '%', '50', '80'),
    ('VIII', 'indicator', 0, 'Tỷ lệ xã đạt chuẩn tiêu chí số về thông tin và truyền thông theo Bộ Tiêu chí quốc gia về xã nông thôn mới nâng cao', '%', '> 60', '100'),
    ('IX', 'indicator', 0, 'Xây dựng căn hộ nhà ở xã hội cho người thu nhập thấp, công nhân khu công nghiệp', 'Căn hộ', '-', '48.749'),
    ('IX', 'indicator', 0, 'Xóa bỏ tình trạng nhà tạm, nhà dột nát cho các đối tượng', 'Mức độ', 'Giải quyết cơ bản', 'Xoá bỏ hoàn toàn'),
    ('IX', 'indicator', 0, 'Diện tích nhà ở bình quân đầu người', 'm² sàn/người', '27', '30'),
    ('IX', 'indicator', 1, 'Thành thị', 'm² sàn/người', '28', '32'),
    ('IX', 'indicator', 1, 'Nông thôn', 'm² sàn/người', '26', '28'),
    ('IX', 'indicator', 0, 'Tỷ lệ nhà ở kiên cố', '%', '-', '85-90'),
    ('IX', 'indicator', 1, 'Thành thị', '%', '-', '100'),
    ('IX', 'indicator', 1, 'Nông thôn', '%', '-', '100'),
    ('IX', 'indicator', 0, 'Tỷ lệ nhà ở có hệ thống cấp điện, cấp nước, thoát nước thải đồng bộ và được đấu nối vào hệ thống hạ tầng kỹ thuật chung của khu vực', '%', '-', '90'),
    ('X', 'heading', 0, 'Tỷ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn', '', '', ''),
    ('X', 'indicator', 1, 'Thành thị', '%', '-', '100'),
    ('X', 'indicator', 1, 'Nông thôn', '%', '-', '100'),
    ('X', 'heading', 0, 'Tỉ lệ hộ gia đình được sử dụng nhà tiêu hợp vệ sinh', '', '', ''),
    ('X', 'indicator', 1, 'Thành thị', '%', '85', '85'),
    ('X', 'indicator', 1, 'Nông thôn', '%', '> 95', '> 95'),
    ('X', 'indicator', 0, 'Tỷ lệ hộ gia đình có công trình phụ hợp vệ sinh bảo đảm tiêu chuẩn, quy chuẩn', '%', '-', '100'),
    ('X', 'indicator', 0, 'Tỷ lệ trường học có công trình phụ hợp vệ sinh bảo đảm tiêu chuẩn, quy chuẩn', '%', '85', '100'),
    ('X', 'indicator', 0, 'Tỷ lệ trạm y tế có công trình phụ hợp vệ sinh bảo đảm tiêu chuẩn, quy chuẩn', '%', '-', '100'),
    ('X', 'indicator', 0, 'Tỷ lệ điểm dân cư nông thôn tập trung có hệ thống thu gom nước thải sinh hoạt', '%', '-', '25'),
    ('X', 'indicator', 0, 'Tỷ lệ nước thải sinh hoạt được xử lý', '%', '-', '15'),
    ('X', 'indicator', 0, 'Tỷ lệ hộ chăn nuôi, trang trại được xử lý chất thải chăn nuôi', '%', '-', '75'),
)

TASKS = (
    # (number, name, lead)
    ('I.1', 'Tổ chức triển khai thực hiện Đề án tăng cường tuyên truyền, phổ biến chính sách xã hội đáp ứng yêu cầu sự nghiệp xây dựng và bảo vệ Tổ quốc trong giai đoạn mới', 'Sở Lao động - Thương binh và Xã hội'),
    ('II.2', 'Tổ chức triển khai thực hiện Đề án chuyển đổi số toàn diện lĩnh vực lao động, người có công và xã hội phục vụ người dân và doanh nghiệp đến năm 2030, định hướng đến năm 2045', 'Sở Lao động - Thương binh và Xã hội'),
    ('III.1', 'Tổ chức triển khai thực hiện Nghị định sửa đổi, bổ sung một số điều của Nghị định số 131/2021/NĐ-CP ngày 30/12/2021 của Chính phủ quy định chi tiết và biện pháp thi hành Pháp lệnh ưu đãi người có công với cách mạng', 'Sở Lao động - Thương binh và Xã hội'),
    ('III.4', 'Tổ chức triển khai thực hiện Quyết định về mức hỗ trợ xây dựng mới hoặc cải tạo, sửa chữa nhà ở đối với người có công với cách mạng, thân nhân liệt sĩ và tỷ lệ phân bổ vốn hỗ trợ từ ngân sách trung ương, tỷ lệ đối ứng từ ngân sách địa phương giai đoạn 2023-2025', 'Sở Xây dựng'),
    ('IV.3', 'Tổ chức triển khai thực hiện Nghị định sửa đổi, bổ sung Nghị định số 09/2016/NĐ-CP ngày 28/01/2016 của Chính phủ về tăng cường vi chất dinh dưỡng vào thực phẩm', 'Sở Y tế'),
    ('IV.6', 'Tổ chức triển khai thực hiện Đề án đổi mới nâng cao chất lượng đào tạo nghề cho lao động nông thôn', 'Sở Lao động - Thương binh và Xã hội'),
    ('IV.9', 'Tổ chức triển khai thực hiện Nghị định quy định chính sách thu hút và trọng dụng người có tài năng vào cơ quan hành chính nhà nước và đơn vị sự nghiệp công lập', 'Sở Nội vụ'),
    ('IV.12', 'Tổ chức triển khai thực hiện Nghị định của Chính phủ về Bảo hiểm tai nạn lao động đối với lao động ở khu vực không có hợp đồng lao động', 'Sở Lao động - Thương binh và Xã hội'),
    ('V.1', 'Tổ chức triển khai thực hiện Luật Bảo hiểm xã hội (sửa đổi)', 'Bảo hiểm xã hội tỉnh'),
    ('V.4', 'Tham mưu góp ý Luật trợ giúp xã hội', 'Sở Lao động - Thương binh và Xã hội'),
    ('V.7', 'Tham mưu góp ý Luật sửa đổi, bổ sung một số điều của Luật Người cao tuổi', 'Sở Lao động - Thương binh và Xã hội'),
    ('V.10', 'Tổ chức triển khai thực hiện Chuẩn nghèo đa chiều giai đoạn 2026-2030', 'Sở Lao động - Thương binh và Xã hội'),
    ('V.13', 'Tổ chức triển khai thực hiện Đề án nghiên cứu, xây dựng Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn 2026-2030', 'Sở Lao động - Thương binh và Xã hội'),
    ('VI.1', 'Tổ chức triển khai thực hiện Phổ cập giáo dục mầm non cho trẻ em mẫu giáo từ 3 đến 5 tuổi', 'Sở Giáo dục và Đào tạo'),
    ('VI.4', 'Tham mưu góp ý Sửa đổi, bổ sung Quyết định 1719/QĐ-TTg của Thủ tướng Chính phủ Phê duyệt Chương trình mục tiêu quốc gia phát triển Kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021 - 2030: “Bổ sung đối tượng thụ hưởng là cấp học mầm non”', 'Ban Dân tộc tỉnh'),
    ('VI.7', 'Tham mưu góp ý Dự án Luật sửa đổi, bổ sung một số điều của Luật dược', 'Sở Y tế'),
    ('VI.10', 'Tổ chức triển khai thực hiện Đề án nâng cao chất lượng dự báo, giám sát, phát hiện, phòng ngừa có hiệu quả dịch bệnh, bảo đảm an ninh y tế', 'Sở Y tế'),
    ('VI.13', 'Tổ chức triển khai thực hiện Chương trình mục tiêu quốc gia về phát triển văn hóa giai đoạn 2025 - 2035”', 'Sở Văn hóa và Thể thao'),
    ('VI.16', 'Tổ chức triển khai thực hiện Nghị định về phát triển và quản lý nhà ở xã hội', 'Sở Xây dựng'),
    ('VI.19', 'Tổ chức triển khai thực hiện Nghị định quy định về cấp nước sinh hoạt nông thôn', 'Sở Nông nghiệp và Phát triển nông thôn'),
)

RESULTS = """Thực hiện Kế hoạch số 8839/KH-UBND ngày 09/8/2024 của UBND tỉnh về triển khai thực hiện Chương trình hành động của Chính phủ và Chương trình hành động của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục đổi mới, nâng cao chất lượng chính sách xã hội, đáp ứng yêu cầu sự nghiệp xây dựng và bảo vệ Tổ quốc trong giai đoạn mới, Sở Lao động - Thương binh và Xã hội đã ban hành văn bản hướng dẫn, phân công nhiệm vụ cụ thể cho các phòng, đơn vị trực thuộc; phối hợp với các sở, ban, ngành và Ủy ban nhân dân các xã, phường, đặc khu triển khai đồng bộ các nhiệm vụ, giải pháp đề ra.

Công tác thông tin, tuyên truyền được đẩy mạnh với nhiều hình thức phong phú: tổ chức 24 hội nghị phổ biến chính sách cho hơn 3.200 lượt cán bộ cơ sở; phối hợp với Đài Phát thanh và Truyền hình tỉnh, Báo Khánh Hòa xây dựng 36 chuyên mục, phóng sự về chính sách ưu đãi người có công, giải quyết việc làm, bảo hiểm xã hội và trợ giúp xã hội; cung cấp thông tin trên Cổng thông tin điện tử của Sở và các nền tảng mạng xã hội, góp ý nâng cao nhận thức của người dân về quyền và nghĩa vụ trong thực hiện chính sách xã hội.

Chính sách ưu đãi người có công với cách mạng được thực hiện đầy đủ, kịp thời, đúng đối tượng. Trong năm, toàn tỉnh chi trả trợ cấp ưu đãi hằng tháng cho 14.862 người với tổng kinh phí trên 412 tỷ đồng; hỗ trợ xây mới và sửa chữa 318 căn nhà cho người có công; tổ chức điều dưỡng cho 5.140 lượt người có công. Phong trào “Đền ơn đáp nghĩa” tiếp tục được các cấp, các ngành và nhân dân hưởng ứng tích cực, vận động được 18,6 tỷ đồng Quỹ Đền ơn đáp nghĩa.

Công tác giải quyết việc làm, phát triển thị trường lao động đạt kết quả tích cực: giải quyết việc làm cho 28.450 lao động, trong đó đưa 1.126 người đi làm việc ở nước ngoài theo hợp đồng; tuyển sinh và đào tạo nghề nghiệp cho 31.200 người; giải quyết trợ cấp thất nghiệp cho 9.874 người. Hệ thống trợ giúp xã hội từng bước được hoàn thiện, bảo đảm chi trả trợ cấp xã hội hằng tháng cho 52.317 đối tượng bảo trợ xã hội tại cộng đồng qua tài khoản ngân hàng; kịp thời hỗ trợ người dân bị ảnh hưởng bởi thiên tai, mưa lũ cuối năm. Chi tiết tình hình thực hiện các nhiệm vụ như sau:"""

DIFFICULTIES = """Nguồn lực thực hiện chính sách xã hội còn hạn chế, chủ yếu dựa vào ngân sách Trung ương; khả năng huy động nguồn lực xã hội hóa, đặc biệt đối với các chính sách trợ giúp xã hội, phát triển nhà ở xã hội và nước sạch nông thôn chưa đáp ứng yêu cầu. Một số chỉ tiêu có mục tiêu đến năm 2030 ở mức cao so với điều kiện thực tế của địa phương, nhất là các chỉ tiêu về tham gia bảo hiểm xã hội tự nguyện và lao động làm công hưởng lương.

Việc sắp xếp tổ chức bộ máy và vận hành chính quyền địa phương hai cấp từ ngày 01/7/2025 làm thay đổi đầu mối theo dõi, tổng hợp một số chỉ tiêu; hệ thống cơ sở dữ liệu của các ngành chưa được kết nối, đồng bộ, số liệu ở cấp xã còn phải tổng hợp thủ công, dẫn đến một số chỉ tiêu chưa có số liệu chính thức tại thời điểm báo cáo.

Đội ngũ cán bộ làm công tác lao động, người có công và xã hội ở cấp xã thường xuyên biến động, kiêm nhiệm nhiều việc, kỹ năng nghiệp vụ và ứng dụng công nghệ thông tin còn hạn chế. Thiên tai, mưa lũ kéo dài trong quý IV năm 2026 ảnh hưởng đến sinh kế của một bộ phận người dân, làm tăng nguy cơ tái nghèo tại các xã vùng ven biển và miền núi.

Công tác phối hợp giữa các cơ quan trong thu thập, chia sẻ thông tin đôi lúc chưa chặt chẽ; chế độ báo cáo của một số đơn vị chưa bảo đảm thời gian theo quy định, ảnh hưởng đến tiến độ tổng hợp chung của tỉnh."""

PROPOSALS = """Đề nghị Ủy ban nhân dân tỉnh tiếp tục quan tâm bố trí kinh phí thực hiện các chính sách xã hội năm 2027, ưu tiên nguồn lực cho hỗ trợ nhà ở đối với người có công, hộ nghèo, hộ cận nghèo; các chương trình mục tiêu quốc gia giảm nghèo bền vững và phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi.

Đề nghị Cục Thống kê tỉnh hướng dẫn thống nhất phương pháp tính và cung cấp số liệu chính thức các chỉ tiêu thuộc lĩnh vực dân số, lao động, mức sống trước ngày 15/11 hằng năm để các cơ quan chủ trì kịp thời đánh giá, báo cáo.

Đề nghị các sở, ban, ngành và Ủy ban nhân dân các xã, phường, đặc khu thực hiện nghiêm chế độ báo cáo định kỳ; chủ động rà soát, cập nhật số liệu các chỉ tiêu được giao theo dõi; tăng cường phối hợp trong kết nối, chia sẻ cơ sở dữ liệu về lao động, người có công và xã hội phục vụ công tác quản lý, chỉ đạo, điều hành.

Kiến nghị Bộ Nội vụ, Bộ Y tế sớm hướng dẫn việc tiếp nhận, phân công đầu mối theo dõi các chỉ tiêu sau khi sắp xếp, hợp nhất các cơ quan chuyên môn; xem xét điều chỉnh một số chỉ tiêu cho phù hợp với điều kiện thực tế của địa phương trong giai đoạn 2026 - 2030."""

RECIPIENTS = ("UBND tỉnh (để báo cáo)", "Bộ Nội vụ (để báo cáo)", "Giám đốc, các Phó Giám đốc Sở",
              "Các phòng, đơn vị thuộc Sở", "Lưu: VT, LĐVL")

TASK_STATUSES = ("hoàn thành", "đang triển khai", "đang triển khai", "chưa triển khai")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _target_number(text: str) -> Decimal | None:
    found = NUMBER.search(text or "")
    if not found:
        return None
    raw = found.group()
    raw = raw.replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", raw) else raw
    return Decimal(raw.replace(",", "."))


def _evaluation(target: str, value) -> str:
    number = _target_number(target)
    if not isinstance(value, Decimal) or number is None:
        return "chưa đánh giá được" if value == NO_DATA else "đạt"
    lower_is_better = target.strip().startswith("<")
    return "đạt" if (value <= number if lower_is_better else value >= number) else "không đạt"


def _factor(rng: random.Random, low: int, high: int) -> Decimal:
    """A random factor in per mille, as a Decimal (figures never pass through floats)."""
    return Decimal(rng.randint(low, high)) / 1000


def indicator_lines(rng: random.Random) -> tuple[IndicatorLine, ...]:
    lines: list[IndicatorLine] = []
    names = dict(GROUPS)
    group = None
    number = 0
    for group_id, kind, depth, name, unit, t25, t30 in INDICATORS:
        if group_id != group:
            group = group_id
            lines.append(IndicatorLine("group", group_id, names[group_id]))
        if not depth:
            number += 1
        label = "" if depth else str(number)
        if kind == "heading":
            lines.append(IndicatorLine("heading", label, name, unit, t25, t30, depth=depth))
            continue
        target = t25 if _target_number(t25) is not None else t30
        base = _target_number(target)
        if base is None:
            last = this = "Đạt"
        elif rng.random() < 0.06:
            last, this = (base * Decimal("0.95")).quantize(Decimal("0.1")), NO_DATA
        else:
            places = Decimal("1") if base >= 1000 or unit in ("Căn hộ", "Giường", "người", "Người") else Decimal("0.1")
            last = (base * _factor(rng, 880, 1020)).quantize(places)
            this = (last * _factor(rng, 1000, 1060)).quantize(places)
            if unit == "%":   # a share never passes 100 %
                last, this = min(last, Decimal(100)), min(this, Decimal(100))
        lines.append(IndicatorLine(kind, label, name, unit, t25, t30, last, this, _evaluation(target, this), depth))
    return tuple(lines)


def task_lines(rng: random.Random) -> tuple[TaskLine, ...]:
    lines = []
    for index, (number, name, lead) in enumerate(TASKS):
        status = TASK_STATUSES[index % len(TASK_STATUSES)]
        result, evidence = "", ""
        if status != "chưa triển khai":
            result = "Đã ban hành kế hoạch triển khai và hướng dẫn các địa phương thực hiện"
            if status == "đang triển khai":
                result += "; đang tổ chức sơ kết, đánh giá kết quả bước đầu"
            evidence = f"{rng.randint(40, 980)}/KH-SLĐTBXH ngày {rng.randint(1, 28):02d}/{rng.randint(3, 11)}/2026"
        lines.append(TaskLine(number, name, lead, status, result, evidence))
    return tuple(lines)


def report_data(report: AnnualReport) -> dict:
    """The plain data the fingerprint is taken over: values, task statuses and texts."""
    def value(v):
        return v if v is None or isinstance(v, Decimal) else str(v)

    return {
        "year": report.year,
        "office": report.issuing_office,
        "values": [[line.number, line.name, value(line.last_year), value(line.this_year), line.evaluation]
                   for line in report.indicators if line.kind == "indicator"],
        "tasks": [[task.number, task.status, task.result, task.evidence] for task in report.tasks],
        "narrative": [report.results_text, report.difficulties_text, report.proposals_text],
    }


def _decompose(value, form: str):
    """Every string of a dataclass tree in Unicode ``form``."""
    import dataclasses

    if isinstance(value, str):
        return unicodedata.normalize(form, value)
    if isinstance(value, tuple):
        return tuple(_decompose(v, form) for v in value)
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{f.name: _decompose(getattr(value, f.name), form)
                                             for f in dataclasses.fields(value)})
    return value


def sample_report(*, normalise: str = "NFC", seed: int = YEAR) -> AnnualReport:
    rng = random.Random(seed)
    report = AnnualReport(
        parent_office="UBND TỈNH KHÁNH HÒA",
        issuing_office="Sở Lao động - Thương binh và Xã hội",
        report_number="245/BC-SLĐTBXH",
        place="Khánh Hòa",
        report_date=REPORT_DATE,
        year=YEAR,
        province="Khánh Hòa",
        plan_number="8839/KH-UBND",
        plan_date=PLAN_DATE,
        plan_title="Triển khai thực hiện Chương trình hành động thực hiện Nghị quyết số 42-NQ/TW",
        results_text=RESULTS,
        difficulties_text=DIFFICULTIES,
        proposals_text=PROPOSALS,
        tasks=task_lines(rng),
        indicators=indicator_lines(rng),
        recipients=RECIPIENTS,
        signer=Signer("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Thanh Hương"),
        signed=True,
    )
    import dataclasses

    report = dataclasses.replace(report, fingerprint=fingerprint(report_data(report)))
    return report if normalise == "NFC" else _decompose(report, normalise)


UNIT_NAMES = ("phường Nha Trang", "phường Bắc Nha Trang", "phường Tây Nha Trang", "phường Nam Nha Trang",
              "phường Cam Ranh", "phường Bắc Cam Ranh", "phường Ba Ngòi", "xã Cam Lâm", "xã Suối Dầu",
              "xã Diên Khánh", "xã Diên Điền", "phường Ninh Hòa", "phường Hòa Thắng", "xã Vạn Ninh", "xã Đại Lãnh",
              "xã Khánh Vĩnh", "xã Khánh Sơn", "đặc khu Trường Sa")


def unit_names(count: int) -> list[str]:
    names = [f"UBND {name}" for name in UNIT_NAMES]
    n = 1
    while len(names) < count:
        names.append(f"UBND xã số {n:03d}")
        n += 1
    return names[:count]


STATES = (("done", "hoàn thành"), ("in_progress", "đang triển khai"), ("behind", "chậm tiến độ"),
          ("not_started", "chưa triển khai"))


def sample_consolidated(units: int = 40, *, seed: int = YEAR) -> ProvinceReport:
    """The lead office's consolidated report over ``units`` units, shaped as
    ``exchange/report.py`` builds it: every fifth unit late, every seventh missing; each
    unit that reported has a status for every task and a value for every indicator."""
    import dataclasses

    rng = random.Random(seed)
    annual = sample_report(seed=seed)
    furniture = dataclasses.replace(annual, summary="Tổng hợp kết quả thực hiện Kế hoạch số 8839/KH-UBND ngày "
                                    "09/8/2024 của UBND tỉnh năm 2026", results_text="", difficulties_text="",
                                    proposals_text="", tasks=(), indicators=())
    names = unit_names(units)
    submissions, reported = [], []
    deadline = dt.date(2026, 11, 25)
    for index, name in enumerate(names):
        if index % 7 == 6:
            submissions.append(SubmissionLine(name, outcome="missing"))
            continue
        late = rng.randint(1, 12) if index % 5 == 4 else 0
        sent = deadline + dt.timedelta(days=late) - dt.timedelta(days=0 if late else rng.randint(0, 6))
        submissions.append(SubmissionLine(name, sent_on=f"{sent:%d/%m/%Y}", signer="Trần Văn Bình",
                                          outcome="late" if late else "on_time", days_late=late))
        reported.append((name, "Đúng hạn" if not late else f"Chậm {late} ngày"))
    figures, breakdowns, group, parent, unnumbered = [], [], "", "", 0
    for line in annual.indicators:
        if line.kind == "group":
            group = line.number
            figures.append(ProvinceFigure("group", "", line.number, line.name))
            continue
        if line.number:
            parent, unnumbered = line.number, 0
            indicator_id = f"{group}.{line.number}"
        else:   # a sub-indicator without a number of its own: "V.33.a"
            unnumbered += 1
            indicator_id = f"{group}.{parent}.{'abcdefghij'[unnumbered - 1]}"
        counted = isinstance(line.this_year, Decimal) and line.kind == "indicator"
        figures.append(ProvinceFigure(line.kind, indicator_id, line.number, line.name, line.unit, line.target_2025,
                                      line.target_2030, line.this_year, line.evaluation, "",
                                      f"Tổng hợp từ số liệu của {len(reported)} đơn vị" if counted else "",
                                      len(reported) if counted else 0, line.depth))
        if counted:
            cells = tuple(BreakdownCell(name, (line.this_year * _factor(rng, 900, 1100)).quantize(Decimal("0.1")),
                                        timeliness) for name, timeliness in reported)
            label = f"{indicator_id}. {line.name}" + (f" ({line.unit})" if line.unit else "")
            breakdowns.append(IndicatorBreakdown(indicator_id, label, line.this_year, cells))
    tasks = []
    for task in annual.tasks:
        offices = tuple(OfficeTask(name, words, f"Kết quả nhiệm vụ {task.number} của {name}", state)
                        for name, _ in reported for state, words in [rng.choice(STATES)])
        tally = "; ".join(f"{words.capitalize()}: {n}" for state, words in STATES
                          if (n := sum(o.state == state for o in offices)))
        tasks.append(TaskSummary(task.number, task.name, task.lead, tally, offices))
    on_time = sum(s.outcome == "on_time" for s in submissions)
    late = sum(s.outcome == "late" for s in submissions)
    overview = (f"Năm {YEAR}, có {units} đơn vị phải gửi báo cáo về Kế hoạch số 8839/KH-UBND: {on_time} đơn vị gửi "
                f"đúng hạn, {late} đơn vị gửi chậm, {units - on_time - late} đơn vị chưa gửi.")
    first, second = reported[0][0], reported[1][0]
    return ProvinceReport(
        furniture=furniture, plan_code="khanhhoa-8839", year=YEAR, overview=overview, figures=tuple(figures),
        tasks=tuple(tasks), lead_results=RESULTS, lead_difficulties=DIFFICULTIES, lead_proposals=PROPOSALS,
        results=(OfficeText(first, "Hoàn thành chi trả trợ cấp ưu đãi đúng hạn."),),
        difficulties=(OfficeText(second, "Thiếu cán bộ làm công tác lao động - xã hội ở cấp xã."),),
        proposals=(OfficeText(first, "Đề nghị bổ sung kinh phí đào tạo nghề cho lao động nông thôn."),),
        breakdowns=tuple(breakdowns), submissions=tuple(submissions),
        notes=("Số liệu toàn tỉnh là tổng số liệu của các đơn vị.",), offices=tuple(names))

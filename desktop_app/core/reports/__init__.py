"""Reports: the annual report of an office and the lead office's consolidated report,
as PDF (laid out per Decree 30/2020/NĐ-CP) and as Excel tables; signatures on them."""

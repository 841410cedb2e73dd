"""Reports: the annual report of an office and the lead office's consolidated report,
as PDF (laid out per Decree 30/2020/NĐ-CP) and as Excel tables; signatures on them.

The pieces (nothing is imported here, so ``model`` stays cheap to import):

- ``model``: the plain frozen dataclasses an annual report is made of (``AnnualReport``,
  ``IndicatorLine``, ``TaskLine``, ``Signer``, ``SubmissionLine``), ``PageSettings`` and
  ``PdfResult``; ``province_model``: the consolidated report's own model
  (``ProvinceReport``: the province's figures, every office's tasks, texts and values),
  built once by ``exchange/report.py``;
- ``annual.build_annual_pdf(report, path, settings) -> PdfResult`` and
  ``consolidated.build_consolidated_pdf(province_report, path, settings) -> PdfResult``
  (its appendices in ``province_appendices``): the page count and the signature block's
  place (page, x1, y1, x2, y2 in points), also kept in the PDF's metadata for
  ``annual.signature_place(path)``;
- ``spreadsheet.write_annual_xlsx`` and ``consolidated_xlsx.write_consolidated_xlsx``: the
  same figures in Excel;
- ``fingerprint.canonical_bytes`` / ``fingerprint``: the data fingerprint on every page;
- ``decree30``: the page furniture; ``fonts``: Times New Roman or the bundled Liberation Serif;
- ``build``: a workspace's year as an ``AnnualReport``; ``signing``: PAdES signatures.
"""

"""The report printed to PDF: the one HTML-to-PDF printer, :mod:`callcenter.pdf`."""

from __future__ import annotations

from callcenter.pdf import PdfUnavailable, html_to_pdf

__all__ = ["PdfUnavailable", "html_to_pdf"]

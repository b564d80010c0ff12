"""HTML printed to PDF by WeasyPrint (an optional dependency: ``callcenter[pdf]``).

The supervisor's report and the funnel's letters and statements print through here.

WeasyPrint lays out HTML and CSS, SVG included, with Pango, which Debian and
most Linux systems ship; no browser is started. The page has no external
resource, so nothing is fetched while it is printed.
"""

from __future__ import annotations


class PdfUnavailable(Exception):
    """WeasyPrint or the Pango library it needs cannot be loaded; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page (refused: any URL it might point to)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the package is there, Pango is not
        raise PdfUnavailable(str(exc).splitlines()[0]) from exc
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def _no_fetch(url: str, *args, **kwargs):
    """Pages embed everything; a URL in one (from untrusted text) is never fetched."""
    raise ValueError(f"the page fetches nothing ({url[:60]})")

"""The supervisor's report as a document: HTML (Jinja2, SVG charts) and PDF (WeasyPrint).

The figures come from :mod:`callcenter.service.report`; this package only lays them out.
"""

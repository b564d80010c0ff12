"""The written funnel's words: templates per step and language, rendered to text and HTML.

Shipped templates live in ``templates/`` (``<name>.<lang>.txt`` for a
message, ``letter.html`` and ``statement.html`` for paper); a folder named
in the settings (``funnel.templates``) overrides any of them by file name.
This package knows the domain and the catalogue, nothing of the store.
"""

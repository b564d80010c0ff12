"""Serving the apps to browsers (textual-serve): ``callcenter serve``."""

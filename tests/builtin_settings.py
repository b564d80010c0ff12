"""The built-in settings, for tests: every service call takes its settings explicitly."""

from callcenter.domain.settings import Config

SETTINGS = Config()

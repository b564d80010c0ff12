"""One textual-serve server for both apps: the workstation at ``/``, the dashboard at ``/dashboard/``.

textual-serve's ``Server`` serves one command. The dashboard's server is
mounted as an aiohttp sub-application under ``/dashboard``, so its page, its
websocket and its static files get their own prefix and one port serves both.
The commands are fixed when the server starts; a browser only sends keys,
mouse events and its window size to the process it is given.
"""

from __future__ import annotations

from aiohttp import web
from textual_serve.server import Server

from callcenter.i18n import Locale

#: Where the dashboard lives on the server.
DASHBOARD_PREFIX = "/dashboard"


class TeamServer(Server):
    """The workstation's server, with the dashboard's mounted beside it."""

    def __init__(
        self,
        *,
        workstation: str,
        dashboard: str,
        host: str,
        port: int,
        public_url: str | None = None,
        ui: Locale | None = None,
    ) -> None:
        self.ui = ui or Locale()
        super().__init__(
            workstation, host=host, port=port, title="callcenter", public_url=public_url
        )
        self.dashboard = Server(
            dashboard,
            host=host,
            port=port,
            title=self.ui.t("login.title_dashboard"),
            public_url=self.public_url,
        )

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        dashboard = await self.dashboard._make_app()
        dashboard.on_startup.clear()  # the workstation's already says where we listen
        app.add_subapp(DASHBOARD_PREFIX, dashboard)
        return app

    async def on_startup(self, app: web.Application) -> None:
        ui = self.ui
        said = [
            ui.t("serve.workstation_on", url=f"{self.public_url}/"),
            ui.t("serve.dashboard_on", url=f"{self.public_url}{DASHBOARD_PREFIX}/"),
            ui.t("serve.stop"),
        ]
        for line in said:
            self.console.print(line, highlight=False, markup=False)

"""`python -m live`: the live-notification server on LIVE_PORT (default 8001)."""
from __future__ import annotations

import logging

from aiohttp import web

import settings as settings_module
from live.app import create_app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = settings_module.load()
    web.run_app(create_app(settings), host="0.0.0.0", port=settings.live_port,
                access_log=None, print=None)


if __name__ == "__main__":
    main()

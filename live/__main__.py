"""`python -m live`: the live-notification server on LIVE_PORT (default 8001)."""
from __future__ import annotations

import logging
import resource

from aiohttp import web

import settings as settings_module
from live.app import create_app


def _allow_many_connections() -> None:
    """Each connection is a file descriptor; the usual soft limit (1,024) would cap the
    process below a thousand clients, so it is raised to the hard limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))


def main() -> None:
    _allow_many_connections()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = settings_module.load()
    web.run_app(create_app(settings), host="0.0.0.0", port=settings.live_port,
                access_log=None, print=None)


if __name__ == "__main__":
    main()

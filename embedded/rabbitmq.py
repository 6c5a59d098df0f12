"""A RabbitMQ virtual host of its own for one test or chaos run, made and removed with
rabbitmqctl: its queues, exchanges and native-delay queues vanish with it, and closing
its connections (a broker fault) touches no other run. The server itself is shared and
is never stopped."""
from __future__ import annotations

import subprocess
from urllib.parse import unquote, urlsplit, urlunsplit


def ctl(*args: str) -> str:
    return subprocess.run(["rabbitmqctl", "--quiet", *args], check=True, capture_output=True,
                          text=True, timeout=60).stdout


def with_vhost(url: str, vhost: str) -> str:
    """`url` pointed at `vhost` instead of the one it names."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + vhost, parts.query, parts.fragment))


def create_vhost(url: str, vhost: str) -> str:
    """Create `vhost`, let the URL's user do anything in it; returns the URL for it."""
    user = unquote(urlsplit(url).username or "guest")
    ctl("add_vhost", vhost)
    ctl("set_permissions", "--vhost", vhost, user, ".*", ".*", ".*")
    return with_vhost(url, vhost)


def delete_vhost(vhost: str) -> None:
    ctl("delete_vhost", vhost)


def close_connections(vhost: str, reason: str) -> int:
    """Close every client connection to `vhost` (the broker stays up); returns how many
    there were."""
    listed = ctl("list_connections", "--no-table-headers", "vhost").splitlines()
    count = sum(1 for line in listed if line.strip() == vhost)
    ctl("close_all_connections", "--vhost", vhost, reason)
    return count

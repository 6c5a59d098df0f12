"""The worker's Redis transport (workers/redis_transport.py) when Redis goes away under
it, against a private redis-server: what the worker does with a channel after losing
the broker must fail as a connection error, which Celery logs and recovers from, never
as an error that kills the worker."""
from __future__ import annotations

import socket
import subprocess
import time

import pytest
import redis as redis_lib
from kombu import Connection, Exchange, Queue
from kombu.common import ignore_errors

from workers.redis_transport import TRANSPORT


@pytest.fixture
def private_redis():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port),
                               "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        client = redis_lib.Redis(port=port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis_lib.ConnectionError:
                assert time.monotonic() < deadline, "the private redis-server did not start"
                time.sleep(0.05)
        yield port, server
    finally:
        server.kill()
        server.wait()


def test_acknowledging_after_redis_went_away_is_a_connection_error(private_redis):
    port, server = private_redis
    connection = Connection(f"redis://127.0.0.1:{port}/0", transport=TRANSPORT)
    queue = Queue("jobs", Exchange("jobs"), "jobs")
    with connection.Producer() as producer:
        producer.publish({"job": 1}, exchange=queue.exchange, routing_key="jobs", declare=[queue])
    delivered = []
    connection.Consumer([queue], callbacks=[lambda body, message: delivered.append(message)]).consume()
    connection.drain_events(timeout=5)
    assert len(delivered) == 1  # delivered, not yet acknowledged: a job still running

    server.kill()  # Redis restarts under the worker
    server.wait()
    ignore_errors(connection, connection.close)  # the worker drops the lost connection
    # The job finishes and acknowledges on its old channel: the worker must survive it
    # (the message comes back with the visibility timeout and is posted exactly once).
    with pytest.raises(connection.connection_errors):
        delivered[0].ack()

"""The Celery settings that at-least-once delivery rests on, the start-up warning about
a Redis that may evict keys, and beat: two beat processes never send one tick twice."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta

import pytest
import redis as redis_lib
from celery.beat import ScheduleEntry
from celery.signals import worker_ready

import settings
from db import redis as vp_redis
from tests.conftest import ROOT
from workers import beat, outbox
from workers.app import POSTING_TASKS, celery

SETTINGS = settings.load()


# --- delivery settings -----------------------------------------------------------------------
def test_messages_are_acked_late_requeued_when_a_worker_dies_and_prefetched_one_at_a_time():
    conf = celery.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1


def test_one_visibility_timeout_everywhere_at_least_twice_the_hard_time_limit():
    conf = celery.conf
    expected = int(SETTINGS.visibility_timeout)
    assert conf.visibility_timeout == expected
    assert conf.broker_transport_options["visibility_timeout"] == expected
    assert conf.result_backend_transport_options["visibility_timeout"] == expected
    assert expected >= 2 * conf.task_time_limit
    assert conf.task_soft_time_limit <= conf.task_time_limit


@pytest.mark.parametrize("task_name", sorted(POSTING_TASKS.values()))
def test_a_posting_job_killed_by_its_time_limit_is_requeued_not_acked(task_name):
    import workers.tasks  # noqa: F401 (registers the tasks)

    task = celery.tasks[task_name]
    assert task.acks_late and task.reject_on_worker_lost
    assert task.acks_on_timeout is False  # bounded by MAX_POSTING_DELIVERIES instead


@pytest.mark.parametrize("overrides, message", [
    ({"visibility_timeout": 59, "task_time_limit": 30}, "VISIBILITY_TIMEOUT"),
    ({"task_soft_time_limit": 31, "task_time_limit": 30, "visibility_timeout": 60},
     "TASK_SOFT_TIME_LIMIT"),
])
def test_settings_refuse_timings_that_would_lose_or_double_jobs(overrides, message):
    with pytest.raises(RuntimeError, match=message):
        SETTINGS.with_overrides(**overrides).validate_timing()
    SETTINGS.with_overrides(visibility_timeout=60, task_time_limit=30,
                            task_soft_time_limit=30).validate_timing()


def test_the_running_worker_uses_these_settings(worker):
    replies = celery.control.inspect(timeout=2).conf() or {}
    mine = [conf for name, conf in replies.items() if SETTINGS.celery_queue in name]
    assert mine, f"no reply from the test worker: {sorted(replies)}"
    conf = mine[0]
    assert conf["task_acks_late"] is True and conf["task_reject_on_worker_lost"] is True
    assert conf["worker_prefetch_multiplier"] == 1
    assert conf["broker_transport_options"]["visibility_timeout"] == int(SETTINGS.visibility_timeout)
    assert conf["beat_scheduler"] == "workers.beat:GuardedScheduler"


# --- Redis eviction policy ---------------------------------------------------------------------
class FakeRedis:
    def __init__(self, policy: str | None = None, error: Exception | None = None):
        self.policy, self.error = policy, error

    def config_get(self, name):
        if self.error:
            raise self.error
        return {name: self.policy}


@pytest.mark.parametrize("fake, warns", [
    (FakeRedis("noeviction"), False),
    (FakeRedis("allkeys-lru"), True),
    (FakeRedis("volatile-ttl"), True),
    (FakeRedis(error=redis_lib.ConnectionError("down")), False),
    (FakeRedis(error=redis_lib.ResponseError("unknown command 'CONFIG'")), False),
])
def test_only_an_evicting_policy_is_reported(fake, warns):
    warning = vp_redis.eviction_warning(fake)
    assert (warning is not None) == warns
    if warns:
        assert fake.policy in warning and "noeviction" in warning


def test_the_shared_redis_is_judged_by_its_real_policy():
    r = vp_redis.client(SETTINGS.redis_url)
    policy = r.config_get("maxmemory-policy")["maxmemory-policy"]
    assert (vp_redis.eviction_warning(r) is None) == (policy == "noeviction")


def test_the_app_warns_at_start_when_redis_may_evict(monkeypatch, caplog, database_url):
    from web.app import create_app

    monkeypatch.setattr(vp_redis, "client", lambda url: FakeRedis("allkeys-lru"))
    with caplog.at_level(logging.WARNING, logger="vaultpay"):
        create_app(test_config={"redis_url": "redis://:s3cret@cache.example:6379/0"})
    warnings = [r for r in caplog.records if "maxmemory-policy" in r.getMessage()]
    assert warnings and all(r.levelno == logging.WARNING for r in warnings)
    assert "cache.example" in warnings[0].getMessage()
    assert "s3cret" not in caplog.text


def test_the_app_starts_without_a_warning_when_redis_is_down_or_safe(caplog, database_url):
    from web.app import create_app

    with caplog.at_level(logging.WARNING, logger="vaultpay"):
        create_app(test_config={"redis_url": "redis://127.0.0.1:1/0",
                                "celery_broker_url": "redis://127.0.0.1:1/1"})
        create_app()
    assert "maxmemory-policy" not in caplog.text


def test_the_worker_warns_when_it_is_ready_and_redis_may_evict(monkeypatch, caplog):
    import workers.app as worker_app

    assert worker_app._warn_if_redis_may_evict in [ref() for _, ref in worker_ready.receivers]
    monkeypatch.setattr(vp_redis, "client", lambda url: FakeRedis("allkeys-random"))
    with caplog.at_level(logging.WARNING, logger="vaultpay"):
        worker_ready.send(sender=None)
    assert "'allkeys-random'" in caplog.text


# --- beat ---------------------------------------------------------------------------------------
def test_a_tick_is_claimed_once_per_interval():
    r, scope, name = vp_redis.client(SETTINGS.redis_url), f"test-{uuid.uuid4().hex}", "sweep"
    assert beat.claim_tick(r, scope, name, 0.5) is True
    assert beat.claim_tick(r, scope, name, 0.5) is False
    time.sleep(0.5)
    assert beat.claim_tick(r, scope, name, 0.5) is True


def test_without_redis_a_tick_is_sent_anyway():
    down = vp_redis.client("redis://127.0.0.1:1/0")
    assert beat.claim_tick(down, "any", "sweep", 5) is True


def test_two_schedulers_firing_the_same_entry_send_it_once(tmp_path):
    entry = ScheduleEntry(name=f"test-{uuid.uuid4().hex}", task="workers.sweep_stuck_operations",
                          schedule=timedelta(seconds=30), app=celery)
    sent = []

    def scheduler(n):
        s = beat.GuardedScheduler(app=celery, schedule_filename=str(tmp_path / f"s{n}"), lazy=True)
        s.apply_async = lambda entry, producer=None, advance=False, **kw: sent.append(n)
        return s

    first, second = scheduler(1), scheduler(2)
    start = threading.Barrier(2)

    def fire(s):
        start.wait()
        s.apply_entry(entry)

    threads = [threading.Thread(target=fire, args=(s,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sent) == 1


@pytest.mark.timeout(60)
def test_two_beat_processes_send_each_tick_once(tmp_path):
    queue = f"{SETTINGS.celery_queue}-beats"  # nobody consumes it; removed at the end
    env = {**os.environ, "CELERY_QUEUE": queue, "SWEEP_INTERVAL_S": "1"}
    logs = [tmp_path / f"beat-{n}.log" for n in (1, 2)]
    beats = [subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "workers.app", "beat", "--loglevel", "INFO",
         "--schedule", str(tmp_path / f"schedule-{n}")],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
        for n, log in enumerate(logs)]
    try:
        _wait_for(lambda: all("beat: Starting" in log.read_text() for log in logs), 20)
        started = time.monotonic()
        time.sleep(5)
        window = time.monotonic() - started
    finally:
        for process in beats:
            process.terminate()
        for process in beats:
            process.wait(timeout=15)
        broker = redis_lib.Redis.from_url(SETTINGS.celery_broker_url)
        broker.delete(queue, f"_kombu.binding.{queue}")
    sends = [_sweeps_sent(log.read_text()) for log in logs]
    skipped = sum(log.read_text().count("already sent for this tick") for log in logs)
    # One sweep per second in all, not one per beat per second.
    assert sum(sends) <= window + 3, (sends, window)
    assert sum(sends) >= window - 2, (sends, window)
    assert skipped >= 1


def _sweeps_sent(text: str) -> int:
    return text.count("Sending due task sweep-stuck-operations")


def _wait_for(condition, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_two_sweepers_at_once_publish_each_outbox_row_once(db, monkeypatch):
    published = []
    monkeypatch.setattr(outbox, "publish", lambda task, args, headers=None: published.append(args[0]))
    ids = [str(uuid.uuid4()) for _ in range(40)]
    for operation_id in ids:  # operations that do not exist: harmless if a worker sees one
        db.execute("INSERT INTO outbox (task_name, args) VALUES ('workers.post_topup', %s)",
                   (json.dumps([operation_id]),))
    start = threading.Barrier(2)

    def sweep():
        start.wait()
        outbox.sweep(SETTINGS.database_url, grace_s=0, batch=7)

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    mine = [op for op in published if op in set(ids)]
    assert len(mine) == len(set(mine))  # none twice
    left = db.execute("SELECT count(*) FROM outbox WHERE args->>0 = ANY(%s)", (ids,)).fetchone()[0]
    assert len(mine) + left == len(ids)

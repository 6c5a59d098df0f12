"""The base Task and the table of task names, with no worker running: every task
retries through one policy, and every name is written once."""
from __future__ import annotations

import importlib

import pytest

import settings as settings_module
from workers import names
from workers.base import BACKOFF_CAP_S, Task, backoff

TASK_MODULES = ("workers.tasks", "workers.kyc", "workers.email", "workers.lockouts",
                "workers.webhooks", "workers.reconcile", "workers.holds", "workers.fx")


@pytest.fixture(scope="module")
def registered():
    for module in TASK_MODULES:
        importlib.import_module(module)
    from workers.app import celery

    return {name: task for name, task in celery.tasks.items() if name.startswith("workers.")}


def _table() -> set[str]:
    return {value for key, value in vars(names).items() if key.isupper() and isinstance(value, str)}


def test_every_task_is_registered_under_a_name_from_the_table(registered):
    assert set(registered) == _table()
    assert set(names.POSTING_TASKS.values()) <= _table()


def test_every_task_retries_through_the_base_task(registered):
    assert {name for name, task in registered.items() if not isinstance(task, Task)} == set()


def test_beat_tasks_leave_transient_failures_to_their_next_run(registered):
    beat = {names.SWEEP_STUCK_OPERATIONS, names.UNFREEZE_EXPIRED_WALLETS,
            names.REQUEUE_WEBHOOK_DELIVERIES, names.EXPIRE_HOLDS, names.PURGE_FX_QUOTES}
    assert {name for name, task in registered.items() if not task.retry_transient} == beat


def test_backoff_doubles_with_jitter_and_stays_below_the_visibility_timeout():
    s = settings_module.load()
    cap = min(BACKOFF_CAP_S, s.visibility_timeout / 2)
    waits = [backoff(retries) for retries in range(12) for _ in range(20)]
    assert all(0 < wait <= cap for wait in waits)
    assert max(waits) > cap / 2  # it does grow to the cap
    assert len({round(backoff(0), 6) for _ in range(20)}) > 1  # jitter
    assert all(0.5 <= backoff(0) <= 1.0 for _ in range(20))


def test_only_the_jobs_that_commit_in_steps_open_their_own_transactions(registered):
    # Posting commits each batch; email and webhook delivery hold no transaction across
    # SMTP or HTTP; the beat sweeps (lockouts, holds, FX quotes) commit per batch. Every
    # other task is one unit of work opened by the base Task.
    in_steps = {names.POST_TRANSFER, names.POST_TOPUP, names.POST_WITHDRAWAL, names.POST_REFUND,
                names.POST_HOLD, names.SWEEP_STUCK_OPERATIONS, names.SEND_EMAIL,
                names.DELIVER_WEBHOOK, names.UNFREEZE_EXPIRED_WALLETS, names.EXPIRE_HOLDS,
                names.PURGE_FX_QUOTES}
    assert {name for name, task in registered.items() if not task.transactional} == in_steps


def test_sends_are_checked_against_what_callers_pass_not_the_session(registered):
    # Beat sends with apply_async, which checks the arguments against the signature:
    # a transactional task's session is the base Task's to give, never the caller's.
    registered[names.RECONCILE_LEDGER].__header__()
    registered[names.RECONCILE_LEDGER].__header__("a-run-id")
    registered[names.REQUEUE_WEBHOOK_DELIVERIES].__header__()
    registered[names.REVIEW_KYC].__header__("a-submission-id")
    with pytest.raises(TypeError):
        registered[names.REVIEW_KYC].__header__()  # the id is still required
    registered[names.EXPIRE_HOLDS].__header__()  # a task that opens its own transactions


def test_beat_can_send_every_scheduled_job_as_scheduled(registered):
    import celeryconfig

    for entry in celeryconfig.beat_schedule.values():
        task = registered[entry["task"]]
        # What apply_async checks before beat's send; a TypeError here is a tick lost.
        task.__header__(*entry.get("args", ()), **entry.get("kwargs", {}))

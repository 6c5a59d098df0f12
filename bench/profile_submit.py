"""Where the API's CPU goes on a send: the bench's stack (its own database, Redis and
worker, production costs), the Flask app driven in this process (no gunicorn), one
send after another with `Prefer: wait`, and the request thread's CPU time
(`time.thread_time`: the wait for the worker costs nothing here, as in the bench's
`/proc` accounting).

    make profile-submit                                 # cProfile, by cumulative time
    make profile-submit PROFILE_ARGS=--sections         # CPU per send inside named steps
    .venv/bin/python -m bench.profile_submit --help

`--sections` wraps the functions listed in SECTIONS with a CPU clock (inclusive of
what they call) and prints milliseconds per send: a few clock reads per request, so
the figures are what the code costs. cProfile reads the clock at every call (about
12,000 per send), which inflates many-call code several times over: use it for the
shape, `--sections` for the amounts. The machine's other load inflates both.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
import uuid

import psycopg

from bench import accounts
from bench.e2e import PIN, PREFER_WAIT_S


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench.profile_submit")
    parser.add_argument("--sends", type=int, default=400)
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--no-wait", action="store_true", help="no Prefer: wait header")
    parser.add_argument("--dump", help="write the raw profile here (pstats)")
    parser.add_argument("--sections", action="store_true",
                        help="instead of cProfile: CPU per send inside named functions")
    parser.add_argument("--no-profile", action="store_true",
                        help="only the CPU per send (for an outside sampler such as py-spy)")
    args = parser.parse_args(argv)
    from bench.run import profiling_stack

    with profiling_stack("profile") as stack:
        stack.start("worker")
        stack.start("api")  # the accounts are made through it, as the bench makes them
        with psycopg.connect(stack.database_url) as conn:
            made = accounts.create(conn, stack.base_url, 8)
        stack.kill("api")
        _profile(made, args)
    return 0


def _profile(made, args) -> None:
    from wsgi import app

    client = app.test_client()
    headers_base = {"Content-Type": "application/json"}
    if not args.no_wait:
        headers_base["Prefer"] = f"wait={PREFER_WAIT_S}"

    def send(i: int) -> int:
        sender = made[i % len(made)]
        payee = made[(i + 1) % len(made)]
        headers = {**headers_base, "Authorization": f"Bearer {sender.token}",
                   "Idempotency-Key": uuid.uuid4().hex}
        body = {"recipient_wallet_id": payee.wallet_id, "amount": "1.00", "pin": PIN,
                "description": "bench"}
        return client.post("/api/v1/transactions/send", json=body, headers=headers).status_code

    sections = _instrument() if args.sections else None
    for i in range(40):  # warm: connections, caches, the wait listener
        assert send(i) in (201, 202), "a send was refused"
    profiler = cProfile.Profile(time.thread_time)
    began_cpu, began = time.thread_time(), time.perf_counter()
    codes: dict[int, int] = {}
    if sections is not None:
        sections.clear()
    elif not args.no_profile:
        profiler.enable()
    for i in range(args.sends):
        code = send(i)
        codes[code] = codes.get(code, 0) + 1
    profiler.disable()
    cpu, wall = time.thread_time() - began_cpu, time.perf_counter() - began
    print(f"{args.sends} sends: {codes}; request thread CPU {1000 * cpu / args.sends:.2f} ms"
          f" per send, wall {1000 * wall / args.sends:.1f} ms per send")
    if sections is not None:
        for name, (calls, seconds) in sorted(sections.items(), key=lambda kv: -kv[1][1]):
            print(f"{1000 * seconds / args.sends:8.3f} ms/send {calls / args.sends:5.1f} calls  {name}")
        return
    if args.no_profile:
        return
    if args.dump:
        profiler.dump_stats(args.dump)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats(args.sort).print_stats(args.top)


# Functions whose CPU (the calling thread's, inclusive of what they call) is reported
# per send with --sections: (module, attribute) where the caller looks them up.
SECTIONS = [
    ("flask.app", "Flask.wsgi_app"),
    ("flask.app", "Flask.full_dispatch_request"),
    ("flask.app", "Flask.preprocess_request"),
    ("flask.app", "Flask.process_response"),
    ("flask.app", "Flask.do_teardown_request"),
    ("flask.app", "Flask.do_teardown_appcontext"),
    ("web.auth.guard", "authenticate"),
    ("web.auth.identity", "tokens.decode"),
    ("web.auth.identity", "revocation.is_revoked"),
    ("web.auth.identity", "users.by_id"),
    ("webargs.flaskparser", "FlaskParser.parse"),
    ("web.transactions.resources", "_submit_and_respond"),
    ("web.transactions.resources", "submit"),
    ("services.submission", "operations.by_key"),
    ("services.submission", "limits.enforce_request_rate"),
    ("services.submission", "_wallet_that_may_pay"),
    ("services.submission", "_recipient"),
    ("services.submission", "own_and_other"),
    ("services.submission", "limits.check_at_submit"),
    ("services.submission", "ip_trust.is_trusted"),
    ("services.submission", "_authorise_and_record"),
    ("services.submission", "attempt"),
    ("services.pin_counter", "check_pin"),
    ("services.submission", "operations.insert_once"),
    ("workers.outbox", "publish"),
    ("celery.app.base", "Celery.send_task"),
    ("celery.events.dispatcher", "EventDispatcher.publish"),
    ("kombu.transport.redis", "Channel._create_client"),
    ("web.transactions.resources", "listening_since"),
    ("web.transactions.resources", "wait_until_finished"),
    ("web.transactions.resources", "operations.by_id"),
    ("web.transactions.resources", "operation_view"),
    ("web.operations.accepted", "operations.by_id"),
    ("web.operations.accepted", "operations.row_by_id"),
    ("web.operations.accepted", "operation_view"),
    ("web.operations.accepted", "wait_until_finished"),
    ("marshmallow.schema", "Schema.dump"),
    ("marshmallow.schema", "Schema.load"),
    ("flask_smorest.response", "ResponseMixin._prepare_response_content"),
    ("flask.json.provider", "DefaultJSONProvider.response"),
    ("web.metrics", "_start"),
    ("web.metrics", "_finish"),
    ("logs", "JsonFormatter.format"),
    ("logging", "StreamHandler.emit"),
    ("web.input_guard", "refuse_unstorable_path_and_query"),
    ("web.input_guard", "load_json"),
    ("web.context", "release_connection"),
    ("web.context", "engine_for"),
    ("sqlalchemy.engine.base", "Engine.connect"),
    ("sqlalchemy.orm.session", "Session.commit"),
    ("sqlalchemy.orm.session", "Session.execute"),
    ("sqlalchemy.orm.session", "Session.close"),
    ("psycopg.cursor", "Cursor.execute"),
    ("redis.client", "Redis.execute_command"),
    ("redis.client", "Pipeline.execute"),
    ("redis.client", "Redis.__init__"),
]


def _instrument() -> dict:
    import functools
    import importlib
    import inspect

    totals: dict[str, list] = {}

    def wrap(name, fn):
        @functools.wraps(fn)
        def timed(*a, **kw):
            began = time.thread_time()
            try:
                return fn(*a, **kw)
            finally:
                entry = totals.setdefault(name, [0, 0.0])
                entry[0] += 1
                entry[1] += time.thread_time() - began
        return timed

    for module_name, dotted in SECTIONS:
        owner = importlib.import_module(module_name)
        *path, attr = dotted.split(".")
        for part in path:
            owner = getattr(owner, part, None)  # None: not in this version of the code
        original = (inspect.getattr_static(owner, attr, None) if isinstance(owner, type)
                    else getattr(owner, attr, None))
        if original is None:  # not in this version of the code
            continue
        if isinstance(original, (staticmethod, classmethod)):
            continue
        setattr(owner, attr, wrap(f"{module_name}:{dotted}", original))
    return totals


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

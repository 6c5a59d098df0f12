"""The steps that go through the API (idle, e2e, e2e_poll), with what they need first:
gunicorn, the worker, the clients' accounts, and the PIN scheme in force."""
from __future__ import annotations

from bench import accounts, e2e, pin, setup
from bench.processes import CpuMeter, peak_rss_mb

IDLE_SENDS = 200


class HttpSteps:
    """Starts what the API steps need once, on the first of them that runs."""

    def __init__(self, stack, conn, args, result: dict, log) -> None:
        self.stack, self.conn, self.args, self.result, self.log = stack, conn, args, result, log
        self.accounts: list[tuple[str, str]] = []

    def _ready(self) -> None:
        if self.accounts:
            return
        if not self.stack.alive("worker"):
            self.stack.start("worker")
        if not self.stack.alive("api"):  # the payouts step may have started it
            self.stack.start("api")
        made = accounts.create(self.conn, self.stack.base_url, max(32, 2 * self.args.e2e_clients))
        self.accounts = [(a.token, a.wallet_id) for a in made]
        stored = pin.stored_hash(self.conn, self.accounts[0][1])
        self.result["pin"] = {**pin.scheme(stored), "verify": pin.verify_ms(stored)}
        self.log(f"{len(self.accounts)} accounts through the API; PIN"
                 f" {self.result['pin']['scheme']} cost {self.result['pin']['cost']},"
                 f" {self.result['pin']['verify']['ms']} ms per verification")

    def idle(self) -> dict:
        self._ready()
        setup.analyse_like_autovacuum(self.conn)
        self.log(f"idle: {IDLE_SENDS} sends in a row, one client, Prefer: wait={e2e.PREFER_WAIT_S}")
        return self._measured(lambda: e2e.idle(self.stack.base_url, self.accounts, IDLE_SENDS))

    def e2e(self, mode: str, also: dict[str, int] | None = None) -> dict:
        """`also`: more process trees to meter (name -> pid), such as the live process
        and the client holding its idle connections."""
        self._ready()
        setup.analyse_like_autovacuum(self.conn)
        self.log(f"e2e ({mode}): {self.args.e2e_clients} client processes"
                 f" for {self.args.e2e_seconds:.0f} s")
        step = self._measured(lambda: e2e.run(self.stack.base_url, self.accounts,
                                              self.args.e2e_clients, self.args.e2e_seconds, mode),
                              also)
        self.result["peak_rss"]["api"] = peak_rss_mb(self.stack.pid("api"))
        self.result["peak_rss"]["worker"] = peak_rss_mb(self.stack.pid("worker"))
        return step

    def _measured(self, measure, also: dict[str, int] | None = None) -> dict:
        """Run `measure` and add the CPU each part spent: per completed send, and the
        API's per accepted send."""
        meter = CpuMeter({"api": self.stack.pid("api"), "worker": self.stack.pid("worker"),
                          "redis": self.stack.pid("redis"), **(also or {})})
        step = measure()
        used = meter.used_ms()
        step["cpu_ms_per_send"] = {name: round(ms / max(step["completed"], 1), 2)
                                   for name, ms in used.items()}
        step["api_cpu_ms_per_submit"] = round(used["api"] / max(step["accepted"], 1), 2)
        self.log(f"  {step['submits_per_s']:.0f} submits/s, {step['posted_per_s']:.0f} posted/s;"
                 f" p50/p99 to final {_p(step, 'p50')}/{_p(step, 'p99')} ms;"
                 f" API {step['api_cpu_ms_per_submit']} ms CPU per submit")
        self.log("  CPU ms per completed send: " + ", ".join(
            f"{name} {ms}" for name, ms in step["cpu_ms_per_send"].items()))
        return step


def _p(step: dict, which: str):
    return (step.get("submit_to_posted_ms") or {}).get(which)

"""The JSON file, the PNG chart and the RESULT line."""
from __future__ import annotations

import json
from pathlib import Path


def write_json(path: Path, result: dict) -> None:
    path.write_text(json.dumps(result, indent=2, default=str) + "\n")


def write_chart(path: Path, result: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = result["steps"]
    names = [n for n in ("baseline", "posting", "posting_hot", "payouts", "e2e", "e2e_poll")
             if n in steps]
    tps = [steps[n].get("tps", 0.0) for n in names]
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    bars = left.bar(names, tps, color=["#888888", "#3a7bd5", "#d5843a", "#b03ad5", "#3ad57b",
                                       "#8fd5a6"][:len(names)])
    left.bar_label(bars, fmt="%.0f")
    left.set_ylabel("transfers / s")
    left.set_title("Throughput (same PostgreSQL, one run)")
    labels, p50, p95, p99 = [], [], [], []
    for label, step, key in (("baseline txn", "baseline", "latency_ms"),
                             ("idle send", "idle", "submit_to_posted_ms"),
                             ("e2e submit", "e2e", "submit_latency_ms"),
                             ("e2e submit->final", "e2e", "submit_to_posted_ms")):
        lat = steps.get(step, {}).get(key) or {}
        if lat:
            labels.append(label)
            p50.append(lat["p50"])
            p95.append(lat["p95"])
            p99.append(lat["p99"])
    width = 0.27
    xs = range(len(labels))
    right.bar([x - width for x in xs], p50, width, label="p50")
    right.bar(list(xs), p95, width, label="p95")
    right.bar([x + width for x in xs], p99, width, label="p99")
    right.set_xticks(list(xs), labels)
    right.set_ylabel("ms")
    right.set_title("Latency")
    right.legend()
    figure.suptitle(result.get("result_line", "")[7:], fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def result_line(result: dict) -> str:
    steps = result["steps"]
    base = steps.get("baseline", {}).get("tps", 0.0)
    posting = steps.get("posting", {}).get("tps", 0.0)
    hot = steps.get("posting_hot", {}).get("tps", 0.0)
    payout = steps.get("payouts", {}).get("tps", 0.0)
    e2e = steps.get("e2e", {})
    idle = steps.get("idle", {})

    def ratio(x: float) -> float:
        return x / base if base else float("nan")

    return (f"RESULT baseline_tps={base:.0f} posting_tps={posting:.0f}"
            f" posting_ratio={ratio(posting):.3f} posting_hot_ratio={ratio(hot):.3f}"
            f" payout_items_per_s={payout:.0f} payout_ratio={ratio(payout):.3f}"
            f" e2e_tps={e2e.get('tps', 0.0):.0f} e2e_ratio={ratio(e2e.get('tps', 0.0)):.3f}"
            f" submit_p99_ms={_latency(e2e, 'submit_latency_ms', 'p99'):.1f}"
            f" completed_p99_ms={_latency(e2e, 'submit_to_posted_ms', 'p99'):.1f}"
            f" idle_send_p50_ms={_latency(idle, 'submit_to_posted_ms', 'p50'):.1f}"
            f" idle_send_p99_ms={_latency(idle, 'submit_to_posted_ms', 'p99'):.1f}"
            f" api_cpu_ms_per_submit={e2e.get('api_cpu_ms_per_submit', float('nan')):.2f}"
            f" pin_verify_ms={result.get('pin', {}).get('verify', {}).get('ms', float('nan')):.2f}")


def _latency(step: dict, key: str, which: str) -> float:
    return (step.get(key) or {}).get(which, float("nan"))

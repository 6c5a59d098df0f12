"""What the bench reads off the processes it runs: peak memory, and CPU time spent
during a step by each part of the stack."""
from __future__ import annotations

import os
from pathlib import Path


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def peak_rss_mb(pid: int) -> dict:
    """VmHWM (peak resident set) of a process and its descendants, summed."""
    per = {}
    for each in descendants(pid):
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    per[each] = int(line.split()[1]) / 1024
        except OSError:
            continue
    return {"total_mb": round(sum(per.values()), 1), "processes": len(per),
            "largest_mb": round(max(per.values(), default=0.0), 1)}


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _is_postgres(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().startswith("postgres")
    except OSError:
        return False


def _machine_busy_seconds() -> float:
    """CPU time of the whole machine, all cores, not idle or waiting on I/O."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU seconds used from now on by each named process tree, by the PostgreSQL
    processes alive at the end (the whole cluster: nothing else uses it during a bench
    run), and by this process's children that exit meanwhile (the e2e clients). The
    machine's own busy time is read too; `unattributed` is what none of these account
    for (backends that exited meanwhile, this process, the rest of the machine)."""

    def __init__(self, trees: dict[str, int]):
        self.trees = trees
        self.start = self._read()

    def _read(self) -> dict[str, float]:
        used = {name: sum(map(_cpu_seconds, descendants(pid))) for name, pid in self.trees.items()}
        used["postgres"] = sum(_cpu_seconds(int(entry.name)) for entry in Path("/proc").iterdir()
                               if entry.name.isdigit() and _is_postgres(int(entry.name)))
        times = os.times()
        used["clients"] = times.children_user + times.children_system
        used["machine"] = _machine_busy_seconds()
        return used

    def used_ms(self) -> dict[str, float]:
        """Milliseconds of CPU used since the start, by part, and the machine's in all."""
        now = self._read()
        used = {name: 1000 * (now[name] - self.start[name]) for name in now}
        machine = used.pop("machine")
        used["unattributed"] = max(machine - sum(used.values()), 0.0)
        used["machine"] = machine
        return used

    def ms_per(self, count: int) -> dict[str, float]:
        """Milliseconds of CPU per `count` (a completed send), by part, and the
        machine's in all."""
        return {name: round(ms / max(count, 1), 2) for name, ms in self.used_ms().items()}

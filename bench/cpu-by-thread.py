#!/usr/bin/env python3
"""CPU time of a process by thread kind, for the ingestion benchmarks (Linux /proc only).

    cpu-by-thread.py snapshot PID FILE             # CPU seconds per thread kind so far, as JSON
    cpu-by-thread.py report BEFORE AFTER EVENTS    # what was spent in between, per event

Threads are grouped by name with digits folded ("dw-123" and "dw-7" are one kind), so the report
reads as request threads, the log writer, the applier, the indexer, the JIT compilers and so on.
Threads that ended between the snapshots are not counted.
"""
import json
import os
import re
import sys


def snapshot(pid, path):
    tick = os.sysconf("SC_CLK_TCK")
    kinds = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended while we looked
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        kind = re.sub(r"\d+", "#", name)
        kinds[kind] = kinds.get(kind, 0.0) + seconds
    with open(path, "w") as f:
        json.dump(kinds, f)


def report(before_path, after_path, events):
    with open(before_path) as f:
        before = json.load(f)
    with open(after_path) as f:
        after = json.load(f)
    spent = sorted(((after[k] - before.get(k, 0.0), k) for k in after), reverse=True)
    total = sum(s for s, _ in spent)
    print(f"  CPU {total:.1f} s, {total / events * 1000:.2f} ms per event; by thread kind:")
    for seconds, kind in spent:
        if seconds >= max(0.05, total * 0.01):
            print(f"    {kind:<24} {seconds:7.1f} s {seconds / events * 1000:6.2f} ms/event {seconds / total:6.1%}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "snapshot":
        snapshot(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "report":
        report(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)

#!/usr/bin/env python3
"""Summarise a dotnet-trace speedscope file (profile dotnet-sampled-thread-time) by on-CPU time.

    dotnet-trace collect --profile dotnet-sampled-thread-time --format Speedscope -o t.nettrace -- pwsh ...
    python3 speedscope_top.py t.speedscope.json [--top 40] [--match SUBSTRING] [--timeline 1000]
        [--from MS] [--to MS]

Only intervals whose stack ends in CPU_TIME count (threads that were running managed code, not
waiting). Prints the top frames by inclusive and by exclusive on-CPU time, optionally only samples
whose stack contains --match, and with --timeline the on-CPU time per bucket of that many ms.
A diagnostic for the benchmark's report (see tests/Bench/README.md); not run by the benchmark.
"""
import argparse
import collections
import json


def short(name):
    """Module!Namespace.Type.Method(args) -> Type.Method"""
    name = name.split("!", 1)[-1].split("(", 1)[0]
    parts = name.split(".")
    return ".".join(parts[-2:]) if len(parts) > 1 else name


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--match", action="append", default=[])
    parser.add_argument("--timeline", type=float, default=0)
    parser.add_argument("--from", dest="start", type=float, default=None)
    parser.add_argument("--to", dest="end", type=float, default=None)
    parser.add_argument("--width", type=int, default=150)
    parser.add_argument("--callers", help="also list the stacks (innermost --depth frames) of samples whose innermost frame contains this")
    parser.add_argument("--depth", type=int, default=6)
    args = parser.parse_args()

    data = json.load(open(args.file))
    frames = [f["name"] for f in data["shared"]["frames"]]
    cpu = frames.index("CPU_TIME") if "CPU_TIME" in frames else -1
    inclusive = collections.Counter()
    exclusive = collections.Counter()
    timeline = collections.Counter()
    callers = collections.Counter()
    total = 0.0
    for profile in data["profiles"]:
        stack = []
        last = None
        for event in profile.get("events", []):
            at = event["at"]
            if last is not None and stack and stack[-1] == cpu and at > last:
                lo, hi = last, at
                if args.start is not None:
                    lo = max(lo, args.start)
                if args.end is not None:
                    hi = min(hi, args.end)
                span = hi - lo
                if span > 0:
                    names = [frames[i] for i in stack[:-1]]
                    if all(any(m in n for n in names) for m in args.match):
                        total += span
                        for name in set(names):
                            inclusive[name] += span
                        if len(stack) > 1:
                            exclusive[frames[stack[-2]]] += span
                            if args.callers and args.callers in frames[stack[-2]]:
                                callers[" <- ".join(short(frames[i]) for i in reversed(stack[-1 - args.depth:-1]))] += span
                        if args.timeline:
                            timeline[int(lo // args.timeline)] += span
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            else:
                # Close the most recent matching frame.
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k] == event["frame"]:
                        del stack[k:]
                        break
    print(f"on-CPU total: {total:.1f} ms" + (f" (stacks containing {args.match})" if args.match else ""))
    print("\n-- inclusive --")
    for name, ms in inclusive.most_common(args.top):
        print(f"{ms:9.1f} ms {100 * ms / total:5.1f}%  {name[:args.width]}")
    print("\n-- exclusive --")
    for name, ms in exclusive.most_common(args.top):
        print(f"{ms:9.1f} ms {100 * ms / total:5.1f}%  {name[:args.width]}")
    if args.callers:
        print(f"\n-- stacks ending in {args.callers} --")
        for name, ms in callers.most_common(args.top):
            print(f"{ms:9.1f} ms  {name}")
    if args.timeline:
        print(f"\n-- on-CPU ms per {args.timeline:.0f} ms --")
        for bucket in sorted(timeline):
            print(f"{bucket * args.timeline / 1000:8.1f}s {timeline[bucket]:8.1f}")


if __name__ == "__main__":
    main()

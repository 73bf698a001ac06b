"""Times calls into the two benchmark modules (run.sh): best of 5 runs of timeit."""
import sys
import timeit

sys.path[:0] = sys.argv[1:]
for name in ("bench_pybind11", "bench_nanobind"):
    module = __import__(name)
    for call, number in (("noop()", 2_000_000), ("add(1, 2)", 2_000_000), ("labels(100)", 100_000)):
        best = min(timeit.repeat(f"m.{call}", globals={"m": module}, number=number, repeat=5))
        print(f"{name:15s} {call:12s} {best / number * 1e9:8.1f} ns per call")

"""What a Dask summary did: its rounds and the payload each one moved."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DaskRound:
    """One round trip between the driver and every partition.

    kind: "dictionaries" (encode each partition once and send its distinct values),
        "attach" (send each partition its local -> global code maps, and for binned
        columns the bin label of each of its values; the partitions are persisted on
        the workers from then on), "expand" (histograms for one prefix of
        local expansion) or "marshal" (row signatures for pattern marshalling).
    bytes_to_workers / bytes_to_driver: payload (numpy buffers and byte strings, summed
        over partitions), not counting Dask's own messages and pickle framing.
    seconds: wall time of the round as the driver saw it.
    """

    kind: str
    seconds: float
    bytes_to_workers: int
    bytes_to_driver: int


@dataclass
class DaskStats:
    """A Dask summary's rounds. Local expansion costs one "expand" round per item of each
    pattern it finds (one less for a pattern that uses every column): the first item of
    a pattern is chosen from histograms the driver keeps, and the round after the last
    item is the one that finds no further improvement."""

    partitions: int
    rounds: list[DaskRound] = field(default_factory=list)
    seconds: float = 0.0      # the whole summary, as the driver saw it
    patterns_found: int = 0   # by local expansion, before marshalling drops any
    items_found: int = 0      # (column, value) pairs in those patterns

    def count(self, kind: str) -> int:
        """Rounds of this kind ("dictionaries", "attach", "expand" or "marshal")."""
        return sum(1 for r in self.rounds if r.kind == kind)

    @property
    def bytes_moved(self) -> int:
        """Payload bytes of every round, both ways."""
        return sum(r.bytes_to_workers + r.bytes_to_driver for r in self.rounds)

    def __str__(self) -> str:
        """One line: partitions, rounds by kind, payload bytes, time."""
        kinds = ", ".join(f"{self.count(k)} {k}" for k in ("dictionaries", "attach", "expand", "marshal"))
        return (
            f"{self.partitions} partitions, {len(self.rounds)} rounds ({kinds}), "
            f"{self.bytes_moved:,} payload bytes, {self.seconds:.3f} s"
        )

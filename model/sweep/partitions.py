"""Every grouping of an area's councils into unitaries: set partitions of n councils into k blocks,
generated directly, and where contiguity is asked for, only those whose every block is connected.

A council is a bit (council i is ``1 << i``) and a block a bitmask. A grouping is its blocks in the
order of their lowest council, so council 0 is always in block 0 and the order is canonical: each
grouping is generated exactly once. The generator places the lowest council not yet placed into
each candidate block that holds it (every subset of the councils left that has it as its lowest,
or, with contiguity, every *connected* such subset), then recurses on the rest. Contiguity is
therefore never a filter over all partitions: a block that is not connected is never formed.
Where one block is left to form, it must be the rest whole (and connected); where two are, the
rest after the candidate must be connected or the candidate is skipped.

Counts without enumerating: :func:`stirling2` (groupings into exactly k blocks) and :func:`bell`.
Nothing here knows about money or councils' names.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np

#: the most councils an area may have: 2 ** 20 masks of connectivity and Bell(20) groupings at most
MAX_COUNCILS = 20


def stirling2(n: int, k: int) -> int:
    """S(n, k): the ways to group n items into exactly k non-empty blocks (exact integer)."""
    if n < 0 or k < 0:
        raise ValueError(f"n and k are at least 0, not {n!r}, {k!r}")
    row = [1] + [0] * k                       # S(0, j)
    for m in range(1, n + 1):
        new = [0] * (k + 1)
        for j in range(1, min(m, k) + 1):
            new[j] = j * row[j] + row[j - 1]
        row = new
    return row[k]


def bell(n: int) -> int:
    """B(n): the ways to group n items into any number of non-empty blocks."""
    return sum(stirling2(n, k) for k in range(n + 1))


def neighbour_masks(n: int, pairs) -> np.ndarray:
    """[n] each council's neighbours as a bitmask, from (i, j) index pairs (undirected)."""
    masks = np.zeros(n, dtype=np.int64)
    for i, j in pairs:
        if i == j or not (0 <= i < n and 0 <= j < n):
            raise ValueError(f"a neighbour pair is two different councils of {n}, not {(i, j)!r}")
        masks[i] |= 1 << j
        masks[j] |= 1 << i
    return masks


def connected_masks(neighbours: np.ndarray) -> np.ndarray:
    """[2 ** n] bool: whether the councils of each mask form one connected piece (the empty mask
    does not). Grown from each mask's lowest council by its neighbours, all masks at once."""
    n = len(neighbours)
    masks = np.arange(1 << n, dtype=np.int64)
    reach_of = np.zeros(1 << n, dtype=np.int64)       # the neighbours of any council in the mask
    for bit in range(n):
        reach_of[(masks >> bit) & 1 == 1] |= neighbours[bit]
    reached = masks & -masks                            # the lowest council
    for _ in range(n):
        reached = (reached | reach_of[reached]) & masks
    out = reached == masks
    out[0] = False
    return out


class Groupings:
    """The groupings of n councils into ``lowest``..``highest`` blocks, all or only contiguous ones.

    ``neighbours`` [n] bitmasks (None: every grouping, contiguity not asked). Iterating
    :meth:`blocks` yields [m, highest] int64 arrays of block masks (0 past a grouping's last block),
    at most ``size`` rows each, in one fixed order. :meth:`first_blocks` and ``first=`` split the
    work by the block holding council 0, for workers: the concatenation over every first block, in
    order, is the full sequence."""

    def __init__(self, n: int, lowest: int, highest: int, neighbours: np.ndarray | None = None):
        if not 1 <= n <= MAX_COUNCILS:
            raise ValueError(f"an area has 1 to {MAX_COUNCILS} councils, not {n}")
        if not 1 <= lowest <= highest:
            raise ValueError(f"the numbers of unitaries run from at least 1 upwards, not {lowest}..{highest}")
        self.n, self.lowest, self.highest = n, lowest, min(highest, n)
        self.full = (1 << n) - 1
        masks = np.arange(1 << n, dtype=np.int64)
        if neighbours is None:
            self.connected = np.ones(1 << n, dtype=bool)
            self.connected[0] = False
        else:
            self.connected = connected_masks(np.asarray(neighbours, dtype=np.int64))
        lowest_bit = masks & -masks
        self.candidates = [masks[(lowest_bit == (1 << v)) & self.connected] for v in range(n)]

    def first_blocks(self) -> np.ndarray:
        """The blocks that may hold council 0, in the order :meth:`blocks` takes them."""
        return self._fitting(self.full, 0)

    def blocks(self, size: int = 65536, first: np.ndarray | None = None) -> Iterator[np.ndarray]:
        """Every grouping, ``size`` at a time (see the class); ``first`` only those whose block
        holding council 0 is one of these."""
        out = np.zeros((size, self.highest), dtype=np.int64)
        row = [0]
        stack = [0] * self.highest

        def emit():
            out[row[0]] = stack
            row[0] += 1
            return row[0] == size

        def place(rest: int, used: int):
            if rest == 0:
                if used >= self.lowest and emit():
                    yield out.copy()
                    row[0] = 0
                return
            for block in self._fitting(rest, used):
                stack[used] = int(block)
                yield from place(rest & ~int(block), used + 1)
            stack[used] = 0

        starts = self.first_blocks() if first is None else np.asarray(first, dtype=np.int64)
        for block in starts:
            stack[0] = int(block)
            yield from place(self.full & ~int(block), 1)
        stack[0] = 0
        if row[0]:
            yield out[:row[0]].copy()

    def _fitting(self, rest: int, used: int) -> np.ndarray:
        """The blocks that may come next: they hold the lowest council of ``rest`` and lie in it,
        and what they leave can still be grouped in the blocks left."""
        left = self.highest - used
        if left <= 0:
            return np.zeros(0, dtype=np.int64)
        lowest = (rest & -rest).bit_length() - 1
        cands = self.candidates[lowest]
        cands = cands[(cands & ~rest) == 0]
        after = rest & ~cands
        if left == 1:
            return cands[after == 0]
        if left == 2:
            return cands[(after == 0) | self.connected[after]]
        return cands


def labels(masks: np.ndarray, n: int) -> np.ndarray:
    """[m, n] int8: each council's block (0-based) from [m, k] block masks."""
    bits = (masks[:, :, None] >> np.arange(n)) & 1           # [m, k, n]
    return (bits * np.arange(masks.shape[1])[None, :, None]).sum(axis=1).astype(np.int8)


def member_bits(masks: np.ndarray, n: int) -> np.ndarray:
    """[m, k, n] float: 1 where council i is in block j."""
    return ((masks[:, :, None] >> np.arange(n)) & 1).astype(float)

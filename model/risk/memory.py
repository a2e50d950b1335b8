"""How much memory the machine can give a run, so that a big run is planned or refused before it
allocates instead of being killed half-way.

:func:`available_bytes` reads, in order: the container's limit (cgroup v2 ``memory.max`` less
``memory.current``, when set), ``MemAvailable`` in ``/proc/meminfo`` (free memory plus the cache
the kernel can drop), and ``os.sysconf`` free pages (free memory only, so lower). It returns
``None`` when none of them can be read (not Linux or a BSD), and then no limit is applied.
A run plans to use at most :data:`SHARE` of what is available, leaving room for everything else.
"""
from __future__ import annotations

import os
from pathlib import Path

#: the share of the available memory a run plans to use
SHARE = 0.8
CGROUP = Path("/sys/fs/cgroup")
MEMINFO = Path("/proc/meminfo")


def available_bytes() -> int | None:
    """Bytes this process could allocate now, or ``None`` if the system does not say."""
    found = [b for b in (_cgroup_room(), _meminfo_available()) if b is not None]
    if found:
        return min(found)
    return _sysconf_free()


def budget_bytes() -> int | None:
    """What a run may plan to allocate: :data:`SHARE` of :func:`available_bytes` (``None``: no limit)."""
    available = available_bytes()
    return None if available is None else int(available * SHARE)


def shown(n: float) -> str:
    """Bytes for a reader: ``1.2 GB``, ``350.0 MB``."""
    return f"{n / 1e9:,.1f} GB" if n >= 1e9 else f"{n / 1e6:,.1f} MB"


def _cgroup_room() -> int | None:
    try:
        limit = (CGROUP / "memory.max").read_text().strip()
        used = int((CGROUP / "memory.current").read_text().strip())
    except (OSError, ValueError):
        return None
    if limit == "max" or not limit.isdigit():
        return None
    return max(int(limit) - used, 0)


def _meminfo_available() -> int | None:
    try:
        for line in MEMINFO.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024  # kB
    except (OSError, ValueError, IndexError):
        return None
    return None


def _sysconf_free() -> int | None:
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, OSError, ValueError):
        return None

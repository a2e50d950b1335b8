"""Risk memory: a Monte Carlo run plans its memory before allocating, runs in smaller blocks when
memory is short (same results), and is refused with how many draws would fit when even that fails."""
from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd
import pytest

import model
from model.risk import memory
from model.cli import main
from model.risk import monte_carlo as mc
from model.risk.levers import declared_levers

CASE = "breckland-south-holland"


@pytest.fixture(scope="module")
def breckland():
    results = model.project_case(model.load_case(CASE))
    inputs = results.inputs
    shape = dict(S=len(inputs.scenario_ids), C=len(inputs.council_ids), I=inputs.membership.shape[-1],
                 Y=inputs.horizon, levers=len(declared_levers(results.case, inputs)))
    return results, shape


def _budget(monkeypatch, value):
    monkeypatch.setattr(memory, "budget_bytes", lambda: value)


def test_the_estimate_covers_the_memory_a_run_really_uses(breckland, monkeypatch):
    results, shape = breckland
    _budget(monkeypatch, None)
    for draws in (500, 6_000):
        tracemalloc.start()
        mc.run_risk(results.case, draws, 1, results=results)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        planned = mc.plan_memory(draws, **shape, budget=None).needed
        assert peak <= planned - mc.FIXED_BYTES < 3 * peak  # covered, but not wildly over


def test_short_memory_runs_in_smaller_blocks_with_identical_results(breckland, monkeypatch):
    results, shape = breckland
    draws = 1_000
    _budget(monkeypatch, None)
    whole = mc.run_risk(results.case, draws, 7, results=results)
    kept, per_block = mc.kept_bytes_per_draw(shape["S"], shape["C"], shape["Y"], shape["levers"]), \
        mc.block_bytes_per_draw(shape["S"], shape["C"], shape["I"], shape["Y"])
    _budget(monkeypatch, mc.FIXED_BYTES + draws * kept + 150 * per_block)  # room for blocks of 150 draws
    blocks: list[int] = []
    chunked = mc.run_risk(results.case, draws, 7, results=results, on_progress=blocks.append)
    assert blocks == [150] * 6 + [100]
    pd.testing.assert_frame_equal(chunked.summary, whole.summary, check_exact=True)
    pd.testing.assert_frame_equal(chunked.by_year, whole.by_year, check_exact=True)
    np.testing.assert_array_equal(chunked.npv, whole.npv)


def test_too_little_memory_is_refused_saying_how_many_draws_would_fit(breckland, monkeypatch, tmp_path, capsys):
    results, shape = breckland
    kept, per_block = mc.kept_bytes_per_draw(shape["S"], shape["C"], shape["Y"], shape["levers"]), \
        mc.block_bytes_per_draw(shape["S"], shape["C"], shape["I"], shape["Y"])
    budget = mc.FIXED_BYTES + 5_000 * kept + mc.MIN_BLOCK * per_block  # by construction, 5,000 draws fit
    _budget(monkeypatch, budget)
    out = tmp_path / "risk"
    assert main(["risk", CASE, "--draws", "100000", "--out", str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: --draws: 100,000 draws of this case need about ")
    assert "at most 5,000 draws would fit: run with --draws 5000 or fewer" in err[0]  # as --draws reads it
    assert not out.exists()
    # and the advice is right: 5,000 draws run within that memory, a few more do not
    assert mc.run_risk(results.case, 5_000, 1, results=results).draws == 5_000
    with pytest.raises(mc.NotEnoughMemory):
        mc.run_risk(results.case, 5_001 + mc.MIN_BLOCK, 1, results=results)


def test_no_memory_at_all_says_to_free_some(monkeypatch, breckland):
    results, _ = breckland
    _budget(monkeypatch, 0)
    with pytest.raises(mc.NotEnoughMemory) as refused:
        mc.run_risk(results.case, 10, 1, results=results)
    assert "at most 0 draws would fit: free some memory" in str(refused.value)


def test_available_memory_is_the_smallest_of_the_container_limit_and_meminfo(tmp_path, monkeypatch):
    cgroup, meminfo = tmp_path / "cgroup", tmp_path / "meminfo"
    cgroup.mkdir()
    meminfo.write_text("MemTotal:       24683584 kB\nMemFree:  1 kB\nMemAvailable:    2000 kB\n")
    monkeypatch.setattr(memory, "CGROUP", cgroup)
    monkeypatch.setattr(memory, "MEMINFO", meminfo)
    assert memory.available_bytes() == 2_048_000                      # no container limit
    (cgroup / "memory.max").write_text("max\n")
    (cgroup / "memory.current").write_text("5\n")
    assert memory.available_bytes() == 2_048_000                      # unlimited container
    (cgroup / "memory.max").write_text("1000000\n")
    (cgroup / "memory.current").write_text("400000\n")
    assert memory.available_bytes() == 600_000                        # the container's room is smaller
    assert memory.budget_bytes() == 480_000                           # 80 % of it


def test_without_meminfo_free_pages_are_used(tmp_path, monkeypatch):
    monkeypatch.setattr(memory, "CGROUP", tmp_path / "none")
    monkeypatch.setattr(memory, "MEMINFO", tmp_path / "none")
    monkeypatch.setattr(memory.os, "sysconf", lambda name: {"SC_AVPHYS_PAGES": 10, "SC_PAGE_SIZE": 4096}[name])
    assert memory.available_bytes() == 40_960

    def unsupported(name):
        raise ValueError(name)

    monkeypatch.setattr(memory.os, "sysconf", unsupported)
    assert memory.available_bytes() is None and memory.budget_bytes() is None

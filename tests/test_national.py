"""The national sweep (issue 19): on a Dask cluster of two worker processes, the same bytes as one
process; a failed task retried; a bad scheduler refused; each area's row its own sweep's best."""
from __future__ import annotations

import filecmp
from pathlib import Path

import pandas as pd
import pytest

from model.cli import main
from model.runs import national
from model.sweep.areas import read_reference
from model.sweep.curves import read_curves
from model.sweep.run import Settings

distributed = pytest.importorskip("distributed")
AREAS = ["Suffolk", "Essex", "Oxfordshire"]          # Essex: 12 councils, shared out between tasks


def same_tree(a: Path, b: Path) -> None:
    left = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert left == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for name in left:
        assert filecmp.cmp(a / name, b / name, shallow=False), name


def area_args(*extra):
    return [arg for area in AREAS for arg in ("--area", area)] + list(extra)


@pytest.mark.slow
def test_a_local_cluster_of_two_workers_writes_the_same_bytes_as_one_process(tmp_path):
    assert main(["national", "--out", str(tmp_path / "serial"), "--scheduler", "none", *area_args()]) == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert main(["national", "--out", str(tmp_path / "dask"), "--scheduler", cluster.scheduler_address,
                     *area_args()]) == 0
    same_tree(tmp_path / "serial", tmp_path / "dask")
    table = pd.read_csv(tmp_path / "dask" / "national.csv")
    assert table.name.tolist() == AREAS                                          # in the order asked
    assert len(list((tmp_path / "dask").glob("E10*"))) == 3


def test_essex_is_shared_out_between_tasks():
    reference = read_reference()
    jobs = national.plan(reference, Settings(1, 5, contiguous=True), read_curves(), ["E10000012", "E10000029"])
    assert [code for code, _ in jobs].count("E10000012") == national.PIECES
    assert [code for code, _ in jobs].count("E10000029") == 1


def test_a_task_that_fails_once_is_retried_and_the_result_is_unchanged(tmp_path, monkeypatch):
    reference, curves = read_reference(), read_curves()
    settings = Settings(1, 5, contiguous=True)
    codes = ["E10000029", "E10000025"]
    expected = national.national_serial(reference, settings, curves, codes)
    real = national.part
    failed = tmp_path / "failed"

    def flaky(job):
        if not failed.exists():
            failed.write_text("once")
            raise RuntimeError("a worker fell over")
        return real(job)

    monkeypatch.setattr(national, "part", flaky)
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as client:
        got = national.national_dask(client, reference, settings, curves, codes)
    assert failed.exists()
    for a, b in zip(expected, got):
        assert (a.masks == b.masks).all() and a.counts == b.counts
        assert (a.figures["npv"] == b.figures["npv"]).all()


def test_a_scheduler_that_does_not_answer_is_refused_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["national", "--out", str(out), "--scheduler", "tcp://127.0.0.1:1", "--area", "Suffolk"]) == 2
    err = capsys.readouterr().err
    assert "--scheduler: address: no Dask scheduler answered" in err and "Traceback" not in err
    assert not out.exists()


def test_an_area_row_is_its_own_sweeps_best(tmp_path):
    assert main(["national", "--out", str(tmp_path / "n"), "--scheduler", "none", "--area", "Kent"]) == 0
    assert main(["sweep", "Kent", "--contiguous", "--out", str(tmp_path / "s")]) == 0
    row = pd.read_csv(tmp_path / "n" / "national.csv").iloc[0]
    best = pd.read_csv(tmp_path / "s" / "groupings.csv").iloc[0]
    assert row.best_npv == best.npv and row.best_grouping == best.names.replace(" | ", " | ")
    assert row.kept == len(pd.read_csv(tmp_path / "s" / "groupings.csv"))
    counts = pd.read_csv(tmp_path / "s" / "counts.csv").set_index("unitaries")
    assert row.enumerated == counts.loc["all", "enumerated"]
    assert row.contiguous == counts.loc["all", "enumerated"] - counts.loc["all", "not_contiguous"]

"""The sweep (issue 19): counts against the Bell and Stirling numbers, contiguous groupings against
a brute-force enumeration with its own connectivity check, the appraisal worked by hand, the
harmonisation against the successor-council code, and a grouping's case projected in full."""
from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.case.loader import read_case, validate_case
from model.cli import main
from model.engine.council_tax import harmonise
from model.files.sweep_case import write_grouping_case
from model.results.frames import project_case
from model.sweep.areas import Area, Council, find_area
from model.sweep.curves import read_curves
from model.sweep.partitions import Groupings, bell, neighbour_masks, stirling2
from model.sweep.run import Settings, sweep

CURVES = read_curves()


# ------------------------------------------------------------------ counts

def test_stirling_and_bell_numbers_match_the_published_tables():
    # OEIS A008277 row 10 and A000110; the 115,975 (10), 678,570 (11), 27,644,437 (13)
    assert [stirling2(10, k) for k in range(1, 11)] == [1, 511, 9330, 34105, 42525, 22827, 5880, 750, 45, 1]
    assert [bell(n) for n in range(8)] == [1, 1, 2, 5, 15, 52, 203, 877]
    assert (bell(10), bell(11), bell(13)) == (115_975, 678_570, 27_644_437)


@pytest.mark.parametrize("n", [1, 2, 4, 6, 8])
def test_every_grouping_is_generated_once_and_the_counts_are_stirling_numbers(n):
    found = {}
    for masks in Groupings(n, 1, n).blocks(size=97):
        for row in masks.tolist():
            blocks = frozenset(b for b in row if b)
            assert sum(blocks) == (1 << n) - 1                    # every council once
            assert blocks not in found
            found[blocks] = True
    assert len(found) == bell(n)
    by_size = {}
    for blocks in found:
        by_size[len(blocks)] = by_size.get(len(blocks), 0) + 1
    assert by_size == {k: stirling2(n, k) for k in range(1, n + 1)}


def all_partitions(items):
    """Every set partition, built independently: the first item joins a block of a partition of
    the rest, or starts its own."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for partial in all_partitions(rest):
        for i in range(len(partial)):
            yield partial[:i] + [[first] + partial[i]] + partial[i + 1:]
        yield [[first]] + partial


def connected(block, edges):
    """Breadth-first search over the block's own councils."""
    block = set(block)
    seen, todo = set(), [min(block)]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        todo += [b if a == node else a for a, b in edges if node in (a, b) and (b if a == node else a) in block]
    return seen == block


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 7).flatmap(lambda n: st.tuples(
    st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1])),
    st.integers(1, n), st.integers(0, n))))
def test_contiguous_groupings_equal_a_brute_force_enumeration(case):
    n, edges, lowest, extra = case
    highest = min(n, lowest + extra)
    expected = {frozenset(frozenset(b) for b in p) for p in all_partitions(list(range(n)))
                if lowest <= len(p) <= highest and all(connected(b, edges) for b in p)}
    got = set()
    for masks in Groupings(n, lowest, highest, neighbour_masks(n, edges)).blocks(size=5):
        for row in masks.tolist():
            blocks = frozenset(frozenset(i for i in range(n) if b >> i & 1) for b in row if b)
            assert blocks not in got
            got.add(blocks)
    assert got == expected


# ------------------------------------------------------------------ the appraisal by hand

def hand_area(kinds=("district",) * 4, populations=(100_000,) * 4):
    county = Council("E10000099", "Shire", "county", sum(populations), 1000.0, 1.0)
    councils = [Council(f"E0700009{i}", f"District {i}", kind, p, 100.0 * (i + 1), 1000.0 * (i + 1))
                for i, (kind, p) in enumerate(zip(kinds, populations))]
    return Area(county, councils, [(i, i + 1) for i in range(len(councils) - 1)], "test figures")


def hand_curves(tmp_path, policy="average", increase=0.0):
    text = f"""
source: test curves
first_year: 2026/27
vesting: 2028/29
horizon_years: 5
discount_rate: 0.035
district_services: {{spend_per_head: 100, at_population: 100000, scale_elasticity: 0.5}}
county_services: {{spend_per_head: 1000, at_population: 400000, scale_elasticity: 0.5}}
council_overhead: 1000000
savings_ramp: [0.5, 1.0]
transition: {{per_unitary: 10000000, per_head: 10, share_before_vesting: 0.5}}
council_tax: {{policy: {policy}, increase: {increase}, referendum_threshold: 0.05}}
minimum_population: 0
"""
    path = tmp_path / "curves.yaml"
    path.write_text(text)
    return read_curves(path)


def test_one_council_worked_by_hand(tmp_path):
    curves = hand_curves(tmp_path)
    result = sweep(hand_area(), Settings(1, 1, contiguous=True), curves)
    f = {key: value[0] for key, value in result.figures.items()}
    # district tier: 100 a head x sqrt(100,000 x P): four of 100,000 cost 4 x 10m; one of 400,000 costs
    # 100 x sqrt(100,000 x 400,000) = 20m; overhead 1m x (5 councils before - 1) -> 20m + 4m
    assert f["aggregation_savings"] == pytest.approx(24_000_000, abs=0.01)
    assert f["county_services_cost"] == pytest.approx(0, abs=0.01)
    assert f["transition_costs"] == pytest.approx(10_000_000 + 10 * 400_000, abs=0.01)      # 14m
    # years 2026/27..2030/31, vesting 2028/29: one-off 7m, 7m; savings 0.5 x 24m, then 24m
    flows = [0, -7e6, 12e6 - 7e6, 24e6, 24e6]
    assert f["net_benefit"] == pytest.approx(flows, abs=0.01)
    assert f["npv"] == pytest.approx(sum(x / 1.035 ** t for t, x in enumerate(flows)), abs=0.01)
    # cumulative 0, -7m, -2m, 22m, 46m: paid back in 2029/30, 3 + 2/24 years from the start
    assert f["payback_years"] == pytest.approx(3 + 2 / 24)
    assert result.curves.year_labels[f["payback_index"]] == "2029/30"


def test_two_councils_worked_by_hand(tmp_path):
    curves = hand_curves(tmp_path, increase=0.0)
    result = sweep(hand_area(), Settings(2, 2, contiguous=True), curves)
    # on a line of four, the contiguous pairs of blocks: {0}{123}, {01}{23}, {012}{3}
    assert result.kept == 3
    row = [tuple(m) for m in result.masks.tolist()].index((0b0011, 0b1100))
    f = {key: value[row] for key, value in result.figures.items()}
    # district tier: two of 200,000 cost 2 x 100 x sqrt(1e5 x 2e5) = 28,284,271.25; before 40m
    assert f["aggregation_savings"] == pytest.approx(40e6 - 2 * 100 * math.sqrt(1e5 * 2e5) + 3e6, abs=0.01)
    # county tier: 1000 x sqrt(400,000 x P); two of 200,000 against one of 400,000: 400m x (sqrt 2 - 1)
    assert f["county_services_cost"] == pytest.approx(400e6 * (math.sqrt(2) - 1), abs=0.01)
    assert f["transition_costs"] == pytest.approx(24_000_000, abs=0.01)
    assert f["population_imbalance"] == pytest.approx(1.0)
    # council tax: areas pay own + county's 1000: 1100, 1200 (bases 1000, 2000) and 1300, 1400 (3000, 4000)
    averages = [(1100 * 1000 + 1200 * 2000) / 3000, (1300 * 3000 + 1400 * 4000) / 7000]
    assert f["band_d_average"][:2] == pytest.approx(averages)
    assert f["largest_rise_pct"] == pytest.approx(max(averages[0] / 1100, averages[1] / 1300) - 1)
    # to the lowest: 1000 x (1200 - 1100) ... given up in each unitary
    assert f["yield_given_up_if_lowest"] == pytest.approx(2000 * 100 + 4000 * 100)


def test_harmonised_to_the_lowest_gives_up_yield_every_year_from_vesting(tmp_path):
    curves = hand_curves(tmp_path, policy="lowest", increase=0.1)
    result = sweep(hand_area(), Settings(1, 1), curves)
    f = {key: value[0] for key, value in result.figures.items()}
    # one unitary: areas 1100..1400 with bases 1000..4000; lowest 1100; given up at vesting
    given_up = 1.1 * (2000 * 100 + 3000 * 200 + 4000 * 300)
    assert f["yield_given_up_if_lowest"] == pytest.approx(given_up)
    flows = [0, -7e6, 12e6 - 7e6 - given_up, 24e6 - given_up * 1.1, 24e6 - given_up * 1.21]
    assert f["net_benefit"] == pytest.approx(flows, abs=0.01)
    assert f["largest_rise_pct"] == pytest.approx(0.1)          # the lowest area's own rise


def test_a_unitary_taking_part_pays_no_county_band_d_and_its_county_services_merge(tmp_path):
    curves = hand_curves(tmp_path)
    area = hand_area(kinds=("district", "district", "district", "unitary"))
    result = sweep(area, Settings(1, 1), curves)
    f = {key: value[0] for key, value in result.figures.items()}
    # county tier before: the county for 300,000 and the unitary for 100,000; after one of 400,000
    before = 1000 * math.sqrt(4e5 * 3e5) + 1000 * math.sqrt(4e5 * 1e5)
    assert f["county_services_cost"] == pytest.approx(400e6 - before, abs=0.01)
    # Band D: 1100, 1200, 1300 (with the county's) and the unitary's own 400
    average = (1100 * 1000 + 1200 * 2000 + 1300 * 3000 + 400 * 4000) / 10000
    assert f["band_d_average"][0] == pytest.approx(average)
    assert f["largest_rise_pct"] == pytest.approx(average / 400 - 1)


# ------------------------------------------------------------------ against the rest of the model

@pytest.fixture(scope="module")
def kent():
    return sweep(find_area("Kent", ["Medway"]), Settings(2, 4, min_population=300_000, contiguous=True), CURVES)


def test_counts_add_up_to_the_stirling_numbers(kent):
    for k, by in kent.counts.items():
        assert sum(by.values()) == stirling2(13, k)
    assert kent.kept == len(kent.masks) > 0
    assert (np.diff(kent.figures["npv"]) <= 0).all()


def test_harmonisation_equals_the_successor_council_code(kent):
    area, f = kent.area, kent.figures
    band_d = np.array([c.band_d + (area.county.band_d if c.kind == "district" else 0) for c in area.councils])
    base = np.array([c.tax_base for c in area.councils])
    for row in random.Random(7).sample(range(kent.kept), 25):
        rises, given_up = [], 0.0
        for u, block in enumerate(b for b in kent.masks[row].tolist() if b):
            idx = [i for i in range(13) if block >> i & 1]
            h = harmonise(band_d[idx], base[idx], [CURVES.increase], "average", threshold=0.05)
            assert f["band_d_average"][row][u] == pytest.approx(h.alternative_notional_amount)
            rises += list(h.increase_pct[:, 0])
            low = harmonise(band_d[idx], base[idx], [CURVES.increase], "lowest", threshold=0.05)
            given_up -= low.yield_difference[:, 0].sum()
        assert f["largest_rise_pct"][row] == pytest.approx(max(rises))
        assert f["yield_given_up_if_lowest"][row] == pytest.approx(given_up)


@pytest.mark.parametrize("policy", ["average", "lowest"])
def test_a_grouping_written_as_a_case_projects_to_the_sweep_figures(tmp_path, kent, policy):
    curves = CURVES
    if policy == "lowest":
        text = Path(CURVES.path).read_text().replace("policy: average", "policy: lowest")
        (tmp_path / "curves.yaml").write_text(text)
        curves = read_curves(tmp_path / "curves.yaml")
    result = sweep(kent.area, kent.settings, curves)
    for rank in sorted({1, 2, *random.Random(policy).sample(range(1, result.kept + 1), 2)}):
        folder = write_grouping_case(result, rank, tmp_path / f"{policy}-{rank}", dt.date(2026, 12, 3))
        full = project_case(validate_case(read_case(folder)))
        projection = full.projection[full.projection.scenario == "grouping"]
        by_year = projection.groupby("year", sort=False).net_benefit.sum().to_numpy()
        f = {key: value[rank - 1] for key, value in result.figures.items()}
        assert by_year == pytest.approx(f["net_benefit"], abs=0.01)
        summary = full.summary[full.summary.scenario == "grouping"]
        assert summary.npv.sum() == pytest.approx(f["npv"], abs=0.05)
        assert summary.total_one_off_costs.sum() == pytest.approx(f["transition_costs"], abs=0.01)
        tax = full.council_tax[full.council_tax.year == "2028/29"]
        assert tax.increase_pct.max() == pytest.approx(f["largest_rise_pct"])
        successors = sorted(set(tax.successor))
        assert len(successors) == f["unitaries"]


def test_workers_give_the_same_sweep_as_one_process(kent):
    two = sweep(kent.area, Settings(2, 4, min_population=300_000, contiguous=True, workers=2), CURVES)
    assert (two.masks == kent.masks).all()
    for key in kent.figures:
        assert np.array_equal(two.figures[key], kent.figures[key], equal_nan=True)
    assert two.counts == kent.counts


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_order_of_the_councils_changes_nothing(rng):
    area = find_area("Oxfordshire")
    order = list(range(len(area.councils)))
    rng.shuffle(order)
    at = {old: new for new, old in enumerate(order)}
    shuffled = Area(area.county, [area.councils[i] for i in order],
                    [tuple(sorted((at[a], at[b]))) for a, b in area.pairs], area.source)
    one = sweep(area, Settings(1, 5, min_population=0, contiguous=True), CURVES)
    two = sweep(shuffled, Settings(1, 5, min_population=0, contiguous=True), CURVES)
    assert one.counts == two.counts
    assert np.sort(one.figures["npv"]) == pytest.approx(np.sort(two.figures["npv"]), rel=1e-12)


# ------------------------------------------------------------------ the command

def run_sweep(*args):
    return main(["sweep", *map(str, args)])


def test_the_command_writes_the_tables(tmp_path, capsys):
    out = tmp_path / "out"
    assert run_sweep("Oxfordshire", "--out", out, "--contiguous", "--min-population", "0", "--top", "3") == 0
    groupings = pd.read_csv(out / "groupings.csv")
    counts = pd.read_csv(out / "counts.csv")
    total = counts[counts.unitaries == "all"].iloc[0]
    assert total.enumerated == sum(stirling2(5, k) for k in range(1, 6)) == 52
    assert total.kept == len(groupings)
    assert groupings["rank"].tolist() == list(range(1, len(groupings) + 1))
    assert json.loads(groupings.councils[0]) == [sorted(c.code for c in find_area("Oxfordshire").councils)]
    pareto = pd.read_csv(out / "pareto.csv")
    assert set(pareto.key) == set(groupings.key[groupings.pareto])
    described = json.loads((out / "sweep.json").read_text())
    assert described["area"]["name"] == "Oxfordshire" and described["kept"] == len(groupings)
    assert "Oxfordshire: 52 groupings of 5 councils" in capsys.readouterr().out


@pytest.mark.parametrize("args, says", [
    (["Kentt"], "AREA: council: is not a council's ONS code or name"),
    (["Medway"], "Medway is a unitary, not a two-tier county"),
    (["Kent", "--unitaries", "0..3"], "--unitaries: numbers: must be a number of unitaries or a range"),
    (["Kent", "--unitaries", "5..2"], "--unitaries"),
    (["Kent", "--min-population", "12,5"], "--min-population: population: must be a number of people"),
    (["Kent", "--min-population", "600000", "--max-population", "500000"], "is below --min-population"),
    (["Kent", "--require", "Dover+Leeds"], "--require: council: is not one of Kent's councils"),
    (["Kent", "--require", "Dover"], "names two or more councils"),
    (["Kent", "--include", "Ashford"], "names a single-tier council"),
    (["Kent", "--workers", "two"], "--workers: number: must be a whole number"),
    (["Kent", "--write-case", "99999"], "--write-case: rank: is not a rank in groupings.csv"),
])
def test_bad_input_is_refused_by_name_and_nothing_is_written(tmp_path, capsys, args, says):
    out = tmp_path / "out"
    out.mkdir()
    (out / "groupings.csv").write_text("mine")
    assert run_sweep(*args, "--out", out, "--contiguous") == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert (out / "groupings.csv").read_text() == "mine"


def test_a_bad_curves_file_is_refused_by_field(tmp_path, capsys):
    text = Path(CURVES.path).read_text().replace("horizon_years: 10", "horizon_years: ten").replace(
        "policy: average", "policy: highest")
    (tmp_path / "curves.yaml").write_text(text)
    assert run_sweep("Suffolk", "--out", tmp_path / "out", "--curves", tmp_path / "curves.yaml") == 2
    err = capsys.readouterr().err
    assert "curves.yaml: horizon_years: must be a whole number from 1 to 60 (got 'ten')" in err
    assert "council_tax.policy: must be one of average, lowest (got 'highest')" in err
    assert not (tmp_path / "out").exists()


def test_require_keeps_two_councils_together(tmp_path):
    area = find_area("Kent", ["Medway"])
    result = sweep(area, Settings(2, 3, min_population=300_000, contiguous=True,
                                  require=(("E07000108", "E07000112"),)), CURVES)       # Dover, Folkestone and Hythe
    dover, folkestone = area.index("E07000108"), area.index("E07000112")
    for row in result.masks.tolist():
        assert any(b >> dover & 1 and b >> folkestone & 1 for b in row)
    assert result.total("not_as_required") > 0


def test_write_case_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "out"
    assert run_sweep("Suffolk", "--out", out, "--contiguous", "--write-case", "1", "--date", "2026-12-03") == 0
    folder = out / "cases" / "suffolk-sweep-rank-1"
    assert (folder / "scenarios.yaml").is_file()
    assert main(["validate", str(folder)]) == 0
    # never into a case folder that exists: the second run refuses before writing anything
    (out / "groupings.csv").write_text("kept")
    assert run_sweep("Suffolk", "--out", out, "--contiguous", "--write-case", "1") == 2
    assert "already exists" in capsys.readouterr().err
    assert (out / "groupings.csv").read_text() == "kept"


def test_the_bundled_subset_says_where_it_came_from():
    sources = (Path(__file__).resolve().parents[1] / "data" / "england" / "SOURCES.md").read_text()
    assert "Open Government Licence v3.0" in sources
    curves = (Path(__file__).resolve().parents[1] / "data" / "sweep" / "curves.yaml").read_text()
    assert "ILLUSTRATIVE" in curves and "County Councils Network" in curves


def test_itertools_partition_helper_counts_bell_numbers():
    # the brute force itself: its counts are the Bell numbers
    assert [sum(1 for _ in all_partitions(list(range(n)))) for n in range(7)] == [bell(n) for n in range(7)]
    assert sum(1 for _ in itertools.islice(all_partitions(list(range(3))), 100)) == 5


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=60),
       st.integers(1, 9))
def test_the_pareto_front_equals_pairwise_comparison(points, chunk):
    from model.sweep.run import pareto_front
    npv, rise, imbalance = (np.array(column, dtype=float) for column in zip(*points))
    expected = [not any(npv[j] >= npv[i] and rise[j] <= rise[i] and imbalance[j] <= imbalance[i]
                        and (npv[j] > npv[i] or rise[j] < rise[i] or imbalance[j] < imbalance[i])
                        for j in range(len(points))) for i in range(len(points))]
    assert pareto_front(npv, rise, imbalance, chunk=chunk).tolist() == expected

"""What-ifs underneath the explorer (issue 14): field paths, overrides applied before validation,
the inputs memo, and the explorer's words."""
from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from model.case import field_paths
from model.case.loader import read_case, validate_case
from model.case.overrides import apply, make, parse_setting
from model.engine.inputs import InputsMemo, build_inputs
from model.rules.errors import CaseError
from model.whatif.controls import controls, in_words, rate, written
from model.whatif.session import WhatIf
from model.words import explorer as words

CASE = "south-somerset-sedgemoor"


@pytest.fixture(scope="module")
def files():
    return read_case(CASE)


def problems(fn) -> list[str]:
    with pytest.raises(CaseError) as caught:
        fn()
    return [str(p) for p in caught.value.problems]


# ------------------------------------------------------------------------------ field paths


def test_a_path_reads_the_value_the_file_writes(files):
    assert field_paths.read_value(files.yaml, "initiatives.solo-south-somerset.savings.amount") == 4200000
    assert field_paths.read_value(files.yaml, "councils.sedgemoor.savings_required.2019/20") == 2500000
    assert field_paths.read_value(files.yaml, "initiatives.joint-authority.one_off_costs.ict.amount") == 600000
    assert field_paths.read_value(files.yaml, "initiatives.joint-authority.one_off_costs.1.amount") == 600000
    assert field_paths.read_value(files.yaml, "case.discount_rate") == 0.035
    assert field_paths.read_value(files.yaml, "initiatives.solo-south-somerset.start_month") is None  # not written


@pytest.mark.parametrize("path, nearest", [
    ("councils.south-somerset.usable_reserve", "councils.south-somerset.usable_reserves"),
    ("initiatives.solo-south-somerst.savings.amount", "initiatives.solo-south-somerset.savings.amount"),
    ("case.discount", "case.discount_rate"),
])
def test_an_unknown_path_names_the_nearest_valid_paths(files, path, nearest):
    found = problems(lambda: apply(files.yaml, [parse_setting(f"{path}=1")]))
    assert len(found) == 1 and f"--set: {path}: is not a field of the case" in found[0]
    assert nearest in found[0].split("nearest valid paths: ")[1].split(", ")


def test_a_field_the_file_does_not_write_can_be_set_but_not_one_the_schema_lacks(files):
    data, _ = apply(files.yaml, [parse_setting("initiatives.solo-south-somerset.start_month=10")])
    assert field_paths.read_value(data, "initiatives.solo-south-somerset.start_month") == 10
    assert "start_months" in problems(lambda: apply(files.yaml, [
        parse_setting("initiatives.solo-south-somerset.start_months=10")]))[0]


def test_setting_is_refused_without_a_value_and_the_data_as_read_never_changes(files):
    before = copy.deepcopy(files.yaml)
    assert "must be FIELD=VALUE" in problems(lambda: parse_setting("case.discount_rate"))[0]
    apply(files.yaml, [parse_setting("initiatives.solo-south-somerset.savings.amount=5000000"),
                       parse_setting("councils.sedgemoor.usable_reserves=1")])
    assert files.yaml == before


def test_a_number_keeps_its_source_and_a_value_past_its_range_widens_it(files):
    data, widened = apply(files.yaml, [parse_setting("initiatives.solo-south-somerset.savings.amount=5000000")])
    number = data["initiatives.yaml"]["initiatives"][1]["savings"]["amount"]
    assert number["value"] == 5000000 and number["source"].startswith("seed-004 para 3.3(d)")
    assert (number["distribution"]["low"], number["distribution"]["high"]) == (2520000, 5000000)
    assert [(w.low, w.high, w.new_low, w.new_high) for w in widened] == [(2520000, 4620000, 2520000, 5000000)]
    inside, none = apply(files.yaml, [parse_setting("initiatives.solo-south-somerset.savings.amount=3000000")])
    assert none == [] and inside["initiatives.yaml"]["initiatives"][1]["savings"]["amount"]["distribution"][
        "high"] == 4620000


def test_values_are_read_by_the_case_files_grammar():
    assert make("x", "4,200,000").value == 4200000
    assert make("x", "5e6").value == 5e6
    assert make("x", "[0.5, 1]").value == [0.5, 1]
    assert make("x", "2019/20").value == "2019/20"
    assert str(make("x", "4.2m").value) == "4.2m"          # refused by the field that receives it


def test_a_bad_value_names_the_file_the_field_and_says_the_files_are_unchanged(files):
    found = problems(lambda: validate_case(files, [parse_setting("initiatives.solo-south-somerset.savings.amount=4.2m")]))
    assert len(found) == 1
    assert found[0].startswith("data/cases/south-somerset-sedgemoor/initiatives.yaml: initiatives "
                               "'solo-south-somerset' .savings.amount: expected a number")
    assert "the files are unchanged; with --set initiatives.solo-south-somerset.savings.amount=4.2m" in found[0]


def test_overrides_give_the_case_edited_on_disk(tmp_path, files):
    folder = tmp_path / CASE
    import shutil
    shutil.copytree(model.case.loader.find_case(CASE), folder)
    text = (folder / "councils.yaml").read_text(encoding="utf-8")
    (folder / "councils.yaml").write_text(text.replace("usable_reserves: 8000000", "usable_reserves: 100"),
                                          encoding="utf-8")
    edited = model.project_case(model.load_case(folder)).projection
    overridden = model.project_case(validate_case(files, [parse_setting("councils.sedgemoor.usable_reserves=100")]))
    assert edited.equals(overridden.projection)


# ----------------------------------------------------------------------------------- the memo


def same_inputs(left, right) -> None:
    for f in dataclasses.fields(left):
        a, b = getattr(left, f.name), getattr(right, f.name)
        if isinstance(a, np.ndarray):
            assert a.shape == b.shape and np.array_equal(a, b), f.name
        else:
            assert a == b, f.name


BANES = read_case("bath-north-east-somerset-north-somerset")
BANES_PATHS = [c.path for c in controls(WhatIf(BANES), "north-somerset") if c.kind in ("money", "rate", "fte")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(BANES_PATHS), st.floats(0.0, 1.0)), min_size=1, max_size=4),
       st.sampled_from(["equal", "population", "net_budget", None]), st.integers(1, 12))
def test_building_with_the_memo_equals_building_from_scratch(changes, key, month):
    """Whatever a series of what-ifs changes, the memo's inputs are the inputs built afresh, bit for bit."""
    memo = InputsMemo()
    build_inputs(validate_case(BANES), memo)
    overrides = {}
    for path, share in changes:
        plan = field_paths.read_value(BANES.yaml, path)
        value = share if path.endswith(("rate", "share", "discount_rate")) or ".shares." in path else \
            round(float(plan or 0) * 2 * share)
        overrides[path] = make(path, value)
    if key is not None:
        overrides["initiatives.joint-procurement.sharing_key"] = make("initiatives.joint-procurement.sharing_key", key)
    overrides["initiatives.shared-internal-audit.start_month"] = make("initiatives.shared-internal-audit.start_month",
                                                                      month)
    try:
        case = validate_case(BANES, list(overrides.values()))
    except CaseError:
        return                                   # refused values are the rules' business, not the memo's
    try:
        fresh = build_inputs(case)
    except CaseError:
        return
    same_inputs(build_inputs(case, memo), fresh)
    same_inputs(build_inputs(validate_case(BANES), memo), build_inputs(validate_case(BANES)))


# ------------------------------------------------------------------------------------ words


def figures(npv=1e6, payback="2017/18", index=1, gap=0.0, required=4e6) -> words.Figures:
    return words.Figures(npv=npv, payback=payback, payback_index=index, final_gap=gap, final_required=required,
                         one_off_costs=5e5, redundancies=12)


@pytest.mark.parametrize("plan, now, changed, expected", [
    (figures(), figures(), False, "Shared 'A&B' Service: the plan closes St Helens's gap by 2020/21"),
    (figures(gap=4e5), figures(gap=4e5), False,
     "Shared 'A&B' Service: the plan leaves £400k of St Helens's gap open in 2020/21"),
    (figures(), figures(gap=353e3), True,
     "Shared 'A&B' Service: the what-if leaves £353k of St Helens's gap open in 2020/21; the plan closes it"),
    (figures(gap=1.2e6), figures(), True,
     "Shared 'A&B' Service: the what-if closes St Helens's gap by 2020/21; the plan leaves £1.2m open"),
    (figures(gap=1.2e6), figures(gap=4e5), True,
     "Shared 'A&B' Service: the what-if leaves £400k of St Helens's gap open in 2020/21, against £1.2m in the plan"),
    (figures(), figures(), True, "Shared 'A&B' Service: the what-if still closes St Helens's gap by 2020/21, as the "
                                 "plan does"),
])
def test_gap_titles(plan, now, changed, expected):
    assert words.gap_title("Shared 'A&B' Service", "St Helens", "2020/21", plan, now, changed) == expected


@pytest.mark.parametrize("plan, now, changed, expected", [
    (figures(), figures(), False, "Solo: the plan pays back in 2017/18, with an NPV of £1.0m"),
    (figures(), figures(npv=8e5, payback="2019/20", index=3), True,
     "Solo: the what-if pays back in 2019/20, 2 years later than the plan"),
    (figures(payback="2018/19", index=2), figures(), True, "Solo: the what-if pays back in 2017/18, a year earlier "
                                                           "than the plan"),
    (figures(), figures(npv=-1e5, payback="not within the horizon", index=-1), True,
     "Solo: the what-if does not pay back within the horizon; the plan pays back in 2017/18"),
    (figures(), figures(npv=9e5), True, "Solo: the what-if pays back in 2017/18, as the plan does; NPV £900k against "
                                        "£1.0m"),
    (figures(payback=words.NOTHING_TO_PAY_BACK, index=-2), figures(payback=words.NOTHING_TO_PAY_BACK, index=-2),
     False, "Solo: the plan has nothing to pay back, with an NPV of £1.0m"),
])
def test_payback_titles(plan, now, changed, expected):
    assert words.payback_title("Solo", plan, now, changed) == expected


def test_the_changed_line_counts_values_and_ranges():
    assert words.changed_line(0) == "Showing the plan: no value differs from the case's files."
    assert words.changed_line(1) == "What-if: 1 value differs from the plan; the case's files are unchanged."
    assert words.changed_line(3, 2) == ("What-if: 3 values differ from the plan; the case's files are unchanged. "
                                        "Of these, 2 are outside the case's risk range.")


def test_values_in_words():
    assert rate(0.035) == "3.5%" and rate(0.12) == "12%" and rate(0.0025) == "0.25%"
    assert in_words("money", 4200000) == "£4.2m" and in_words("month", 1) == "January"
    assert in_words("month", 4) == "April" and in_words("key", "in_scope_cost") == "by in-scope cost"
    assert written(4200000.0) == "4200000" and written([0.5, 1.0]) == "0.5, 1"


def test_controls_are_those_that_move_the_council():
    listed = controls(WhatIf(read_case(CASE)), "sedgemoor")
    paths = {c.path for c in listed}
    assert "initiatives.solo-sedgemoor.savings.amount" in paths
    assert not any(p.startswith("initiatives.solo-south-somerset.") for p in paths)  # South Somerset's own
    assert not any(p.startswith("councils.south-somerset.") for p in paths)
    ict = next(c for c in listed if c.path == "initiatives.joint-authority.one_off_costs.ict.amount")
    assert (ict.plan, ict.risk_range, ict.label) == (600000, (540000.0, 900000.0), "ICT: one-off cost")
    assert len({c.css for c in listed}) == len(listed)


def test_the_share_of_savings_from_posts_is_a_control_of_an_initiative_that_removes_posts():
    session = WhatIf(read_case(CASE))
    listed = {c.path: c for c in controls(session, "sedgemoor")}
    share = listed["initiatives.solo-sedgemoor.savings_from_posts"]   # the file does not write it
    assert (share.plan, share.kind, share.low, share.high) == (1.0, "rate", 0.0, 1.0)
    assert "initiatives.alliance-vacancies.savings_from_posts" not in listed     # removes no posts
    assert session.set(share.path, 0) is None
    rows = session.results().summary
    solo = rows[(rows.scenario == "solo") & (rows.council == "sedgemoor")].iloc[0]
    # with none of it from posts, the October 2016 start's ramp 0.3/0.6/0.9/1.0 of 2.3m is read by
    # financial year: 0.15 + 0.6 + 0.9 + 1.0 + 1.0 = 3.65 x 2.3m, 805k more than the plan's 3.30 x 2.3m
    assert solo.total_gross_savings == pytest.approx(3.65 * 2_300_000)

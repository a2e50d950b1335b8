"""How robust the top option is to the weights, in words: the smallest change of weights that
brings another option level, and the share of nearby weightings that keep the top option on top.

Words used are defined in :mod:`model.words.options`.
"""
from __future__ import annotations



from ..options.outcomes import OptionsAppraisal
from . import phrases
from .chances import chance
from .phrases import FULL_WIDTH_TITLE_CHARS, Fit, list_in_words
from .options_terms import can_move, criteria_in_text, criterion_name, in_weightings, is_given, leads_everywhere, near_text, option_in_text, robustness_row, score_text, top_options, total_weight, view_phrase, where_text

AGREED = "the agreed weighting"



def weight_change_text(appraisal: OptionsAppraisal, view: str, sentence_start: bool = True) -> str:
    """The smallest change of weights in words, for the robustness chart: "Moving 1.7 of the 100
    weight points from place and community leadership to financial benefit would bring a
    partnership further afield level", or "No change of weights puts another option on top"."""
    row = robustness_row(appraisal, view)
    if row is None:
        return ""
    if not can_move(row):
        text = "no change of weights puts another option on top"
        if leads_everywhere(appraisal, view, row.top_option):
            text += ": it is rated above every other option on every criterion"
    elif float(row.weight_moved) <= 1e-9:
        text = f"{option_in_text(appraisal, row.challenger)} is already level with it"
    else:
        text = (f"moving {_move_words(appraisal, view, row)} would bring "
                f"{option_in_text(appraisal, row.challenger)} level")
    return phrases.sentence_start(text) if sentence_start else text


def _move_words(appraisal: OptionsAppraisal, view: str, row) -> str:
    """"1.7 of the 100 weight points from place and community leadership to financial benefit"."""
    sources = [c for c in str(row.moved_from).split(";") if c]
    target = [str(row.moved_to)] if is_given(row.moved_to) else []
    quote = len(sources) > 1 and any(" and " in criterion_name(appraisal, c) for c in sources + target)
    text = f"{score_text(row.weight_moved)} of the {score_text(total_weight(appraisal, view))} weight points"
    if sources:
        text += f" from {list_in_words(criteria_in_text(appraisal, sources, quote))}"
    if target:
        text += f" to {criteria_in_text(appraisal, target, quote)[0]}"
    return text


def robustness_sentences(appraisal: OptionsAppraisal) -> list[str]:
    """How robust each view's top option is, one sentence per view, e.g. "On the agreed
    weighting, a new local partnership stays on top in more than 99% of the 10,000 weightings near
    the agreed one; it would take moving 51.7 of the 100 weight points from ... to ... before as is
    drew level." Then how the nearby weightings were drawn."""
    sentences = []
    for view in appraisal.views:
        row = robustness_row(appraisal, view)
        if row is None:
            continue
        where = phrases.sentence_start(view_phrase(appraisal, view))
        top = option_in_text(appraisal, row.top_option)
        draws = int(row.draws) if is_given(row.draws) else None
        stays = (f"{top} stays on top {in_weightings(row.prob_top_stays, draws)} {near_text(appraisal, view)}"
                 if is_given(row.prob_top_stays) else "")
        if not can_move(row):
            reason = ("it is rated above every other option on every criterion, so no change of weights puts "
                      "another option on top" if leads_everywhere(appraisal, view, row.top_option)
                      else "no change of weights puts another option on top")
            sentences.append(f"{where}, {stays}: {reason}." if stays else f"{where}, {reason}.")
        elif float(row.weight_moved) <= 1e-9:
            level = (f"{top} and {option_in_text(appraisal, row.challenger)} are level on "
                     f"{score_text(weighted_score_of(appraisal, view, row.top_option))} points, so a small change of weights "
                     f"would separate them")
            sentences.append(f"{where}, {level}" + (f"; {stays.replace(' stays on top ', ' stays on top or level ')}."
                                                    if stays else "."))
        else:
            move = (f"it would take moving {_move_words(appraisal, view, row)} before "
                    f"{option_in_text(appraisal, row.challenger)} drew level")
            sentences.append(f"{where}, {stays}; {move}." if stays else f"{where}, {move}.")
    method = method_sentence(appraisal)
    return sentences + ([method] if method and sentences else [])


def weighted_score_of(appraisal: OptionsAppraisal, view: str, option: str) -> float:
    rows = appraisal.scores[(appraisal.scores.council == view) & (appraisal.scores.option == option)]
    return float(rows.weighted_score.iloc[0])


def method_sentence(appraisal: OptionsAppraisal) -> str:
    """How the nearby weightings were drawn, when every view used the same settings."""
    rows = appraisal.robustness
    if rows.empty or not rows.prob_top_stays.notna().any():
        return ""
    settings = rows[["draws", "concentration", "seed"]].drop_duplicates()
    if len(settings) != 1:
        return ("Nearby weightings are drawn at random around each view's own weights; a tie with the top "
                "option counts as staying on top.")
    draws, concentration, seed = settings.iloc[0]
    return (f"Nearby weightings are {int(draws):,} random weightings drawn around each view's own weights "
            f"(a Dirichlet distribution, concentration {score_text(concentration)}, seed {int(seed)}); "
            f"a tie with the top option counts as staying on top.")


def robustness_title(appraisal: OptionsAppraisal, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Whether the weighting decided the answer, with a number, e.g. "A new local partnership
    stays on top in 62% or more of nearby weightings for every view; no change of weights moves it
    for South Holland"."""
    rows = [(v, robustness_row(appraisal, v)) for v in appraisal.views]
    rows = [(v, r) for v, r in rows if r is not None and is_given(r.prob_top_stays)]
    if not rows:
        return "How robust the ranking is to the weights was not tested"
    tops = {str(r.top_option) for _, r in rows}
    tied_top = any(len(top_options(appraisal, v)) > 1 for v, _ in rows)
    if len(tops) == 1 and not tied_top:
        subject = phrases.sentence_start(option_in_text(appraisal, tops.pop()))
        short_subject = phrases.sentence_start(option_in_text(appraisal, str(rows[0][1].top_option), True))
    else:
        subject = short_subject = "The top option"
    every = "for every view" if len(rows) > 1 else view_phrase(appraisal, rows[0][0])
    fixed = [v for v, r in rows if not can_move(r)]
    if len(fixed) == len(rows):
        return phrases.first_fitting([
            f"No change of weights puts another option on top {every}",
            f"No change of weights changes the top option {every}",
        ], fit)
    weakest_view, weakest = min(rows, key=lambda item: float(item[1].prob_top_stays))
    low = float(weakest.prob_top_stays)
    if low < 0.5:
        where = view_phrase(appraisal, weakest_view)
        return phrases.first_fitting([
            f"The ranking turns on the weights {where}: its top option stays on top in only {chance(low)} of "
            f"nearby weightings",
            f"The ranking turns on the weights {where}: the top stays in only {chance(low)} of nearby weightings",
            f"The ranking turns on the weights {where}",
        ], fit)
    share = "every nearby weighting" if low >= 1.0 else (
        f"{chance(low)} of nearby weightings" if chance(low).startswith("more than") else
        f"{chance(low)} or more of nearby weightings")
    if len(rows) == 1:
        share = share.replace(" or more", "")
    lead = f"{subject} stays on top in {share} {every}"
    short_lead = f"{short_subject} stays on top in {share} {every}"
    candidates = []
    if fixed and len(rows) > 1:
        clause = f"; no change of weights moves it {where_text(appraisal, fixed)}"
        candidates += [lead + clause, short_lead + clause]
    candidates += [lead, short_lead, f"{short_subject} stays on top in {share}"]
    return phrases.first_fitting(candidates, fit)

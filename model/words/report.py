"""What a committee report says that no notebook says: its purpose, the recommendation it can
draft, the options considered, how one-off costs are met, and the instructions to the author for
the sections only the author can write (legal, equalities, climate, consultation).

The model never recommends a decision: the recommendation it drafts is to note the appraisal, and
an instruction asks the author for the decision sought. Nothing here is filler: where the model
has nothing to say, the report says what the author must write.
"""
from __future__ import annotations

from ..case import names
from ..results.frames import Results
from ..rules.formats import money
from .phrases import list_in_words

#: the sections the model cannot write, in the order an English council's report template has
#: them, with what the author must put there
AUTHOR_SECTIONS = (
    ("Legal implications", "Set out the council's powers to enter into the arrangement (for example the Local "
     "Government Act 1972 s.101 and s.113, the Local Government Act 2000 s.9EA, the Localism Act 2011 s.1), "
     "any procurement or employment law (TUPE) issues, and the Monitoring Officer's comments."),
    ("Equalities implications", "Summarise the Equality Impact Assessment of the options on staff and residents "
     "with protected characteristics (Equality Act 2010, s.149, the public sector equality duty), or say when "
     "it will be done."),
    ("Climate and environmental implications", "Say how the options affect the council's carbon emissions and "
     "climate commitments (travel between offices, shared buildings, ICT)."),
    ("Consultation", "List who has been consulted (members, staff and trade unions, partners, residents) and what "
     "they said."),
)


def meeting_name(meeting: str) -> str:
    """How the recommendations name the meeting: as given ("Full Council", "the Cabinet"), else
    "the committee"."""
    return meeting.strip() or "the committee"


def others_in_words(results: Results, council: str | None) -> str:
    councils = [c.id for c in results.case.councils if c.id != council]
    return list_in_words([names.council_name(results.case, c, short=False) for c in councils])


def purpose(results: Results, council: str | None, first: str, last: str) -> str:
    case = results.case
    title = f"*{case.case.title}*"
    if council is None:
        who = list_in_words([names.council_name(case, c.id, short=False) for c in case.councils])
        return (f"This report sets out the options for joint working considered in {title} by {who}: what each "
                f"would save and cost each council from {first} to {last}, how the one-off costs would be met, "
                "and how far the figures could move.")
    name = names.council_name(case, council, short=False)
    others = others_in_words(results, council)
    partners = f" with {others}" if others and council in case.council_ids else ""
    return (f"This report sets out the options considered in {title} for {name}{partners}: what each would save "
            f"and cost the council from {first} to {last}, how the one-off costs would be met, the risks to "
            "those figures, and what they mean for staff.")


def recommendations(meeting: str, financial_section: int) -> list[str]:
    return [f"That {meeting_name(meeting)} notes the financial appraisal of the options in section "
            f"{financial_section} and the risks to it."]


DECISION_SOUGHT = ("State the decision you are asking the meeting to make (for example, which option to pursue, "
                   "what to consult on, and any delegation to officers). The model appraises the options; it "
                   "does not recommend one.")
BACKGROUND_FOR_AUTHOR = ("Add how this work came about (previous decisions, the councils' medium-term financial "
                         "strategies) and the background papers a reader may inspect.")
MEETING_FOR_AUTHOR = "Fill in the meeting and its date in the title block."
NO_BASELINE = ("The case has no do-nothing option to compare with: say what happens if the council does nothing "
               "(the whole gap met from reserves or other savings).")


def option_line(name: str, description: str | None, baseline: bool) -> str:
    label = f"**{name}**" + (" (do nothing)" if baseline else "")
    return f"{label}: {description.strip()}" if description and description.strip() else label


def funding_sentence(name: str, council_name: str, one_off: float, external: float, earmarked: float,
                     receipts: float, reserves: float) -> str:
    """How one option's one-off costs are met, largest source first: "Strategic alliance's one-off
    costs of £2.4m are met from general reserves (£2.4m)."."""
    if one_off < 0.5:
        return f"{name} has no one-off costs for {council_name}."
    parts = [(external, "external funding"), (earmarked, "earmarked reserves"),
             (receipts, "capital receipts used flexibly"), (reserves, "general reserves")]
    used = sorted([(value, what) for value, what in parts if value >= 0.5], key=lambda p: -p[0])
    sources = list_in_words([f"{what} ({money(value)})" for value, what in used])
    return f"Under {names.in_sentence(name)}, {council_name}'s one-off costs of {money(one_off)} are met from {sources}."


def table_rounding_note() -> str:
    return ("Figures are in thousands of pounds (£000), rounded to the nearest thousand, so totals may differ "
            "by a thousand from the sum of their parts; summary.csv holds them to the penny.")


def chart_caption(what: str, council_name: str) -> str:
    return f"{what}, {council_name}"


def checklist_intro(count: int) -> str:
    return (f"Before this report is published, the author must complete the {count} item"
            f"{'' if count == 1 else 's'} marked *For the author* above:")


def register_intro(whole_case: bool) -> str:
    if whole_case:
        return "Every number the appraisal uses, with its source, as in assumptions.csv."
    return ("Every number the appraisal uses for this council, with its source, as in assumptions.csv (the other "
            "councils' own figures are in their reports and in assumptions.csv).")

"""An example for every field of every document, for the JSON Schemas.

The descriptions of fields live beside them, as attribute docstrings in the
models; the examples live here, in one table, so the models stay readable.
An example is found, in order:

1. by model and field (``"Seat.from"``), for a field whose values depend on
   what it is part of;
2. by field name alone (``"at"``), for a field that means the same wherever
   it appears (every act's date, actor and note);
3. from the schema itself, where it fixes the values: the constant of a
   discriminator, a word of a closed list, the other value of a switch.

A field with none of the three is left without an example, which the tests
report; every example is checked against its field's schema there too.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["BY_FIELD", "BY_NAME", "add_examples", "example_for"]

_ACT: Final = {
    "act": "sanction",
    "id": "ndc-expels",
    "at": "2013-02-20",
    "by": "ndc",
    "case": "k2012",
    "targets": ["respondent"],
    "sanction": "expel",
    "vote": {"for": 3},
}
_PATTERN: Final = {"act": "sc-overrides", "clause": "4.2", "rule": "finality"}
_TIMED: Final = {"kind": "lapse", "subject": "suspend-three", "at": "2019-04-12"}
_SEAT: Final = {
    "person": "respondent",
    "from": "2019-02-24",
    "elected_by": "convention",
}
_CLAUSE: Final = {
    "id": "4.2",
    "text": "Decisions of the disciplinary committee are final unless appealed.",
    "requires": [
        {
            "rule": "finality",
            "acts": ["alter_decision"],
            "appeal_bodies": ["convention"],
        }
    ],
}
_INLINE_BOOK: Final = {
    "schema_version": 1,
    "rulebook": "local-rules",
    "clauses": [{"id": "1", "text": "The executive may admit members."}],
}
BY_NAME: Final[dict[str, Any]] = {
    "able_at_most": 4,
    "about": "emergency-suspension",
    "absent": [_PATTERN],
    "abstain": 1,
    "accountability": [{"relation": "elects", "by": "convention", "of": "sc"}],
    "acts": ["sanction", "interim_suspend"],
    "agenda": ["the disclosure of the 2013 case", "interim measures"],
    "allegation": "harassment of a member at a branch meeting",
    "also": ["fm"],
    "amendments": [
        {"id": "2019-convention", "in_force": "2019-02-24", "clauses": [_CLAUSE]}
    ],
    "appeal": "respondent-appeals",
    "appeal_bodies": ["convention"],
    "appointed_by": "sc",
    "arrivals": {"fm": "joint-suspends-three"},
    "at": "2019-03-11",
    "audiences": ["members"],
    "bases": ["charges_filed", "investigation"],
    "behaviour": "members",
    "behaviours": [{"behaviour": "members", "params": {"resign_max": 0.03}}],
    "bodies": ["sc", "nc"],
    "body": "sc",
    "body_kinds": ["committee"],
    "branch": "branch-north",
    "branch_spread": 0.6,
    "branches": 40,
    "broken": {"nemo_iudex": ["sc-overrides"]},
    "by": "sc",
    "by_kind": ["disciplinary"],
    "called_at": "2019-03-20",
    "case": "k2012",
    "caucus": "renewal-caucus",
    "chair": "fm",
    "charges": ["the conduct alleged in the complaint of 15 November 2012"],
    "clause": "4.2",
    "clauses": [_CLAUSE],
    "conduct_at": "2012-10-30",
    "conflicts": ["party", "relation"],
    "count": 2,
    "custodians": ["ndc"],
    "days": 14,
    "days_between": 7,
    "decides": [{"acts": ["sanction"], "quorum": 3, "threshold": "2/3"}],
    "decision": "ndc-expels",
    "decisions_of": ["ndc"],
    "departures": {"nc-x": "sc-overrides"},
    "description": "Who may suspend a member, and for how long, after the 2019 convention.",
    "disabilities": [{"by": "sc", "acts": ["alter_decision"]}],
    "document": "the NDC's decision of 20 February 2013",
    "due": "2019-06-30",
    "during": "2013-03-01",
    "elected_by": "convention",
    "end": "2019-04-19",
    "events": [{"at": "2019-03-12", "event": "absence", "persons": ["sc-a"]}],
    "exceptions": [{"when": {"able_at_most": 4}, "quorum": 2}],
    "expect": {"external-checks": {"verdicts": {"sc-overrides": "void"}}},
    "expires_at": "2019-04-15",
    "extends": "iso-2013-as-practised",
    "filled_at_most": 3,
    "fixed": {"members": 300},
    "for": 5,
    "former_members": 120,
    "grid": {"mode": "cartesian", "parameters": {"members.absence": [0.05, 0.2]}},
    "grounds": "the hearing was held without notice",
    "holds": ["nemo_iudex", "separation"],
    "id": "ndc-expels",
    "in_force": "2019-02-24",
    "investigator": "ndc",
    "joint_of": ["sc", "nc"],
    "mandate": "review-2013-case",
    "max_days": 30,
    "means": "a phone call to the committee's chair",
    "measure": "suspend-respondent",
    "measures": ["members_retained", "dissolved"],
    "meeting": "joint-2019-03-12",
    "members": ["fm", "ndc-b"],
    "min_days_before": 7,
    "min_for": 3,
    "minimum": 50,
    "model": "../crisis/iso-2019.model.yaml",
    "name": "National Disciplinary Committee",
    "non_members": 40,
    "note": "The minutes are lost; the date is from a member's notes.",
    "notice": [{"to": "all", "at": "2019-03-09", "written": True}],
    "notice_days": 3,
    "objections": ["nc-x"],
    "obligations": {"sc-implements:then": "violated", "review-2013-case": "fulfilled"},
    "obligee": "sc",
    "of": "sc",
    "office": "sc",
    "organisation": "organisation.govsim.yaml",
    "outcomes": ["quash", "reduce"],
    "over": {"persons": "member"},
    "parameters": {"members.absence": [0.05, 0.2]},
    "params": {"resign_max": 0.03, "initial_trust": {"dist": "beta", "a": 8, "b": 2}},
    "parent": "nc",
    "persons": ["respondent"],
    "population": {"members": 900, "branches": 40},
    "powers": [{"by": "ndc", "acts": ["sanction"], "when": {"sanctions": ["expel"]}}],
    "present": ["sc-a", "sc-b", "sc-c"],
    "prevented": {"nemo_iudex": ["sc-overrides", "E5"]},
    "proposal": "dissolve-now",
    "quorum": "majority",
    "relations": [{"kind": "intimate", "persons": ["sc-a", "respondent"]}],
    "remove": ["3.1"],
    "repeal": ["3.1"],
    "report_within": 30,
    "requires": [{"rule": "hearing", "acts": ["sanction"]}],
    "review_at": "2019-03-26",
    "review_by": ["ndc"],
    "review_within_days": 14,
    "role": "the respondent in the 2012-13 case",
    "roles": {"respondent": "respondent", "executive": "sc"},
    "rulebook": "iso-2019-post-convention",
    "rulebooks": ["iso-2013-as-practised", "external-checks"],
    "runs": 200,
    "sanctions": ["expel", "suspend_membership"],
    "scenario": "../iso/2012-13-case.govsim.yaml",
    "scopes": ["meeting", "office"],
    "seat_on": ["sc"],
    "seat_on_kind": ["executive"],
    "seats": [_SEAT],
    "seed": 2019,
    "shared_seat_on": ["sc"],
    "sits": "2019-03-12",
    "size": 7,
    "source": "minutes of the steering committee, 9 March 2013",
    "start": "2012-11-01",
    "statuses": {"respondent": "expelled"},
    "subject": "emergency-suspension",
    "subjects": ["sc"],
    "successor": "convention",
    "supporters": 113,
    "sweep": "crisis-three-books",
    "tag": "directly_involved",
    "tags": ["directly_involved"],
    "target": "respondent",
    "targets": ["respondent", {"tag": "directly_involved"}],
    "task": "review how the 2012-13 case was handled and report to the convention",
    "text": "The steering committee may suspend a member pending a hearing.",
    "then": "implement",
    "threshold": "2/3",
    "timed": {"present": [_TIMED]},
    "title": "The 2012-13 case and the executive's override",
    "to": ["members"],
    "turnout": {"members": 475, "former_members": 120, "non_members": 0},
    "until": "2019-03-26",
    "verdicts": {"sc-overrides": "irregular", "ndc-expels": "valid"},
    "violations": {"present": [_PATTERN], "count": 1},
    "vote": {"for": 5, "against": 1, "abstain": 1},
    "when": {"sanctions": ["warning", "censure"]},
    "within_days": 30,
}
"""Examples by field name, wherever the field appears."""

BY_FIELD: Final[dict[str, Any]] = {
    "AmendRules.add": [_CLAUSE],
    "AmendRules.first_reading": "convention-first-reading",
    "AmendRules.proposal": "amend-clause-4",
    "AmendRules.replace": [_CLAUSE],
    "AmendRules.text_from": "texts/clause-4-as-amended.govsim.yaml",
    "Amendment.id": "2019-convention",
    "Clause.entrenched": {"by": ["convention"], "threshold": "2/3", "notice_days": 30},
    "Conditions.clauses": ["4.2", "7.*"],
    "Conditions.entrenched": False,
    "Entrenchment.by": ["convention"],
    "Entrenchment.readings": 2,
    "Readings.acts": ["amend_rules"],
    "TextNotice.acts": ["amend_rules"],
    "Clause.conflicts": [{"shared_seat_on": ["sc"], "within_days": 365}],
    "CreateBody.powers": [
        {"acts": ["serve_notice", "hear"], "over": {"persons": "member"}}
    ],
    "DeclareConflict.reason": "the respondent is my partner",
    "FileComplaint.against": ["respondent"],
    "PersonActor.person": "seat_holder",
    "Relation.from": "2011-06-01",
    "RuleException.when": {"able_at_most": 4},
    "Scenario.scenario": "iso-2012-13-case",
    "Seat.from": "2019-02-24",
    "Seat.person": "respondent",
    "Tally.against": 1,
    "Body.kind": "disciplinary",
    "TargetSelector.persons": "member",
    "Turnout.members": 475,
    "ViolationPattern.act": "sc-overrides",
    "ViolationPattern.rule": "finality",
    "Amendment.source": "minutes of the 2019 convention, resolution 12",
    "BehaviourEntry.id": "members-south",
    "Clause.id": "4.2",
    "Clause.source": "Constitution (2013), article IV section 2",
    "Clause.title": "Finality of disciplinary decisions",
    "Delegation.acts": ["serve_notice", "hear"],
    "DecisionRule.by": {"kind": ["disciplinary"]},
    "Expectations.invariants": {"broken": {"nemo_iudex": ["sc-overrides"]}},
    "Expectations.measures": {"suspend-three": {"ended": "lapsed", "at": "2019-04-12"}},
    "Expectations.seats": {"sc": ["sc-a", "sc-b"]},
    "Event.persons": ["sc-a", "sc-b"],
    "Event.text": "The former NDC member's document circulates among members.",
    "Event.until": "2019-03-20",
    "FewMembers.able_at_most": 4,
    "Link.by": "convention",
    "MandateAct.due": "2019-09-30",
    "MandateAct.to": "nc",
    "MandateAct.reason": "the commission lost two of its three members",
    "Organisation.bodies": {
        "ndc": {"kind": "disciplinary", "size": 3, "seats": [_SEAT]}
    },
    "Organisation.description": "A socialist organisation of about 900 members.",
    "Organisation.name": "The organisation of the 2019 crisis",
    "Organisation.organisation": "iso",
    "Organisation.persons": {"respondent": {"role": "the respondent", "tags": []}},
    "Power.acts": ["sanction"],
    "Power.by": {"joint_of": ["sc", "nc"]},
    "PopulationSpec.members": 900,
    "Propose.text": "That the organisation dissolve.",
    "PublishStatement.text": "A statement on the handling of the 2013 case.",
    "Relation.note": "disclosed to the committee in 2013",
    "Relation.persons": ["sc-a", "respondent"],
    "Relation.until": "2016-01-01",
    "Report.text": "The suspension was made on 12 March to protect members.",
    "Report.to": "nc",
    "RuleBook.organisation": "iso",
    "Scenario.acts": [_ACT],
    "Scenario.invariants": ["nemo_iudex", {"quorum_after_recusal": {"quorum": "book"}}],
    "Scenario.organisation": "organisation.govsim.yaml",
    "Scenario.rulebooks": [
        "iso-2013-as-practised",
        "rules/external-checks.govsim.yaml",
        _INLINE_BOOK,
    ],
    "Seat.until": "2014-02-01",
    "SeatSelector.seat_on": "sc",
    "TimedExpectations.absent": [_TIMED],
    "TimedExpectations.present": [_TIMED],
    "TimedPattern.at": "2019-04-12",
    "TimedPattern.subject": "suspend-three",
    "ViolationExpectations.present": [_PATTERN],
    "ModelDocument.invariants": ["nemo_iudex"],
    "ModelDocument.organisation": "../iso/organisation.govsim.yaml",
    "ModelDocument.model": "iso-2019-crisis",
    "SweepSpec.rulebooks": ["iso-2013-as-practised", "external-checks"],
}
"""Examples by ``Model.field`` (the field's key as written in documents)."""

_GAMMA: Final = {"dist": "gamma", "mean": 20, "sd": 8}
BY_FIELD.update(
    {
        # Distributions of behaviour parameters.
        "Beta.a": 8,
        "Beta.b": 2,
        "Fixed.value": 0.3,
        "Gamma.mean": 20,
        "Gamma.sd": 8,
        "LogNormal.mean": 1,
        "LogNormal.sd": 0.5,
        "Normal.high": 30,
        "Normal.low": 0,
        "Normal.mean": 10,
        "Normal.sd": 3,
        "Uniform.high": 20,
        "Uniform.low": 5,
        # Behaviour parameters, as the crisis model (scenarios/crisis) sets them.
        "BranchesParams.disaffected_below": 0.35,
        "BranchesParams.follow": 0.5,
        "BranchesParams.min_size": 5,
        "BranchesParams.threshold": {"dist": "beta", "a": 6, "b": 3},
        "CaseParams.absence": 0.2,
        "CaseParams.adjudicator_meets_every": 14,
        "CaseParams.complaint_on": "2012-11-15",
        "CaseParams.conflicted_yes": 0.2,
        "CaseParams.decision_gap_days": 7,
        "CaseParams.executive_meets_every": 7,
        "CaseParams.hearing_gap_days": {"dist": "gamma", "mean": 14, "sd": 5},
        "CaseParams.implement_days": _GAMMA,
        "CaseParams.investigation_days": {"dist": "uniform", "low": 20, "high": 45},
        "CaseParams.override_days": _GAMMA,
        "CaseParams.protect": 0.95,
        "CaseParams.vote_yes": 0.9,
        "DisclosureParams.disclose": 0.95,
        "DisclosureParams.disclose_if_not_elected": 0.3,
        "DisclosureParams.disclosure_on": "2019-03-11",
        "DisclosureParams.elect": 0.95,
        "DisclosureParams.election_on": "2019-02-24",
        "DisclosureParams.response_days": 1,
        "MembersParams.active_from": "2019-02-24",
        "MembersParams.baseline_resign": 0.0002,
        "MembersParams.contagion": 0.3,
        "MembersParams.cover_up_shock": 0.2,
        "MembersParams.disaffected_below": 0.4,
        "MembersParams.disclosure_shock": 0.05,
        "MembersParams.in_office_shock": 0.1,
        "MembersParams.initial_trust": {"dist": "beta", "a": 8, "b": 2},
        "MembersParams.national_contagion": 0.5,
        "MembersParams.resign_max": 0.025,
        "MembersParams.resign_midpoint": 0.24,
        "MembersParams.resign_width": 0.05,
        "MembersParams.response_relief": 0.03,
        "MembersParams.sensitivity": {"dist": "lognormal", "mean": 1, "sd": 0.5},
        "ProposalsParams.attachment": 0.15,
        "ProposalsParams.disaffected_below": 0.45,
        "ProposalsParams.dissolve_midpoint": 0.58,
        "ProposalsParams.dissolve_width": 0.08,
        "ProposalsParams.fallback": "convention",
        "ProposalsParams.fallback_days": 14,
        "ProposalsParams.opens_after": 4,
        "ProposalsParams.poll_days": 3,
        "ProposalsParams.rate": 0.007,
        "ProposalsParams.sponsors": {"dist": "gamma", "mean": 8, "sd": 6},
        "ProposalsParams.support": 0.75,
        "ProposalsParams.threshold": 0.5,
        "ProposalsParams.turnout": 0.55,
        "ProposalsParams.turnout_left": 0.35,
        "ProposalsParams.window_days": 11,
        "ProposalsParams.withdraw": 0.6,
        "ProposalsParams.withdraw_below": 15,
    }
)


def _derived(prop: dict[str, Any]) -> Any:
    """An example the field's schema fixes, or ``None``."""
    default = prop.get("default")
    options = [prop, *prop.get("anyOf", []), *prop.get("oneOf", [])]
    for option in options:
        if "const" in option:
            return option["const"]
        if "enum" in option:
            others = [v for v in option["enum"] if v != default]
            return (others or option["enum"])[0]
    for option in options:
        items = option.get("items", {}) if option.get("type") == "array" else {}
        if "enum" in items:
            return [items["enum"][0]]
        if option.get("type") == "boolean":
            return not default if isinstance(default, bool) else True
    return None


def example_for(model: str, name: str, prop: dict[str, Any]) -> Any:
    """The example of field ``name`` of ``model``, or ``None`` if it has none."""
    key = f"{model}.{name}"
    if key in BY_FIELD:
        return BY_FIELD[key]
    if name in BY_NAME:
        return BY_NAME[name]
    return _derived(prop)


def add_examples(schema: dict[str, Any], root: str) -> None:
    """Give every property of ``schema`` and its ``$defs`` an ``examples`` list.

    ``root`` is the name of the model the schema's own properties belong to.
    """
    models = [(root, schema)]
    models += [(name, sub) for name, sub in schema.get("$defs", {}).items()]
    for model, sub in models:
        for name, prop in sub.get("properties", {}).items():
            if "examples" in prop:
                continue
            example = example_for(model, name, prop)
            if example is not None:
                prop["examples"] = [example]

"""Bad ``amend_rules`` acts refused when a scenario loads, and texts read from files.

An amendment that rewords or repeals a clause that cannot be in force on its
day, adds one that certainly is, names the wrong act as its first reading,
or brings clauses that would make a broken book, is refused by ``govsim
run`` before anything replays: exit 2, the act's ``file:line:col``, the
clause named, no traceback. Whether an *earlier* amendment took effect is
the replay's to say, so what it adds or repeals stays possible. An act may
read its text from a rule book document (``text_from``): each clause there
replaces the one in force or is added, its ``remove:`` is repealed, and it
replays as the same changes written inline.
"""

from __future__ import annotations

from pathlib import Path

from conftest import Docs, dump, organisation, span_of
from typer.testing import CliRunner

import govsim
from govsim.faces.cli import app
from govsim.model.acts import AmendRules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "scenarios" / "amendments"

ORG = organisation(
    ["board-a", "board-b", "board-c", "dc-a", "dc-b", "critic", "member-a"],
    {
        "membership": {"kind": "membership"},
        "board": {
            "kind": "executive",
            "size": 3,
            "seats": [{"person": p} for p in ("board-a", "board-b", "board-c")],
        },
        "dc": {
            "kind": "disciplinary",
            "seats": [{"person": p} for p in ("dc-a", "dc-b")],
        },
    },
)

BOOK = """\
schema_version: 1
rulebook: {ident}
clauses:
  - id: "1"
    text: The members elect and may recall the board.
    accountability:
      - {{relation: elects, by: membership, of: board}}
      - {{relation: recalls, by: membership, of: board}}
  - id: "2"
    text: The disciplinary committee may sanction a member after hearing them.
    powers:
      - {{by: dc, acts: [sanction]}}
    requires:
      - {{rule: hearing, acts: [sanction]}}
  - id: "3"
    text: Any member may bring a complaint.
    powers:
      - {{by: {{person: member}}, acts: [file_complaint]}}
  - id: "4"
    text: The board may amend these rules.
    powers:
      - {{by: board, acts: [amend_rules]}}
{more}"""

DATED = """\
amendments:
  - id: meetings
    in_force: 2024-06-01
    clauses:
      - {id: "6", text: The board meets monthly.}
"""

HEAD = """\
schema_version: 1
scenario: scn
organisation: organisation.govsim.yaml
rulebooks: [{books}]
acts:
"""

COMPLAINT_AND_EXPULSION = """\
  - {id: complaint, at: 2024-05-03, act: file_complaint, by: member-a, case: k1, against: [critic]}
  - {id: expel, at: 2024-05-10, act: sanction, by: board, case: k1, targets: [critic], sanction: expel}
"""


def write(docs: Docs, acts: str, *, books: dict[str, str] | None = None) -> Path:
    """The organisation, the books (id to extra YAML) and a scenario with these acts."""
    books = books if books is not None else {"book": ""}
    for ident, more in books.items():
        docs.write(f"rules/{ident}.govsim.yaml", BOOK.format(ident=ident, more=more))
    docs.write("organisation.govsim.yaml", dump(ORG))
    head = HEAD.format(books=", ".join(books))
    return docs.write("scenario.govsim.yaml", head + acts)


def refused(path: Path) -> list[str]:
    """``govsim run``'s lines for a scenario it must refuse: exit 2, no traceback."""
    done = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["run", str(path)])
    assert done.exit_code == 2, done.output
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    return done.stderr.splitlines()


def line_at(lines: list[str], span: str) -> str:
    """The one line of the error that starts at ``span`` (``file:line:col``)."""
    found = [line for line in lines if line.startswith(f"{span}: ")]
    assert len(found) == 1, f"no single problem at {span} in:\n" + "\n".join(lines)
    return found[0]


def amend(ident: str, at: str, body: str, *, by: str = "board") -> str:
    """An amend_rules act in block YAML; ``body`` holds its changes, indented by 4."""
    return f"  - id: {ident}\n    at: {at}\n    act: amend_rules\n    by: {by}\n{body}"


# --- clauses that cannot be changed as the act says --------------------------


def test_rewording_a_clause_never_in_force_is_refused_at_the_clause(docs: Docs) -> None:
    body = '    replace:\n      - {id: "9", text: A clause nobody wrote.}\n'
    path = write(docs, amend("reword", "2024-05-02", body))
    line = line_at(refused(path), span_of(path, '{id: "9"'))
    assert line.endswith(
        "acts.0.replace.0: clause '9' is not in force on 2024-05-02 under book, nor "
        "added by an earlier amend_rules act, so rewording it would be void: name a "
        "clause in force, or list it under add: to make it a new clause"
    )


def test_repealing_a_misspelt_clause_suggests_the_one_meant(docs: Docs) -> None:
    path = write(docs, amend("repeal", "2024-05-02", '    repeal: ["22"]\n'))
    line = line_at(refused(path), span_of(path, '"22"'))
    assert (
        "acts.0.repeal.0: clause '22' is not in force on 2024-05-02 under book" in line
    )
    assert line.endswith("(did you mean '2'?)")


def test_adding_a_clause_in_force_says_to_replace_it(docs: Docs) -> None:
    body = '    add:\n      - {id: "2", text: The board may sanction a member.}\n'
    path = write(docs, amend("add", "2024-05-02", body))
    line = line_at(refused(path), span_of(path, '{id: "2"'))
    assert line.endswith(
        "acts.0.add.0: clause '2' is already in force on 2024-05-02 under book, so "
        "adding it would be void: replace it instead (list it under replace:), or "
        "give the new clause an id of its own"
    )


def test_the_books_under_which_a_clause_is_missing_are_named(docs: Docs) -> None:
    path = write(
        docs,
        amend("repeal", "2024-06-02", '    repeal: ["6"]\n'),
        books={"dated": DATED, "plain": "", "bare": ""},
    )
    line = line_at(refused(path), span_of(path, '"6"'))
    assert "clause '6' is not in force on 2024-06-02 under plain and bare," in line


def test_a_dated_amendment_of_the_book_counts_from_its_day(docs: Docs) -> None:
    early = amend("early", "2024-05-02", '    repeal: ["6"]\n')
    late = amend("late", "2024-06-01", '    repeal: ["6"]\n')
    path = write(docs, early + late, books={"book": DATED})
    lines = refused(path)
    assert "clause '6' is not in force on 2024-05-02" in line_at(
        lines, span_of(path, '"6"')
    )
    assert not [line for line in lines if line.startswith(span_of(path, '"6"', 2))]


def test_what_earlier_acts_add_or_repeal_stays_possible(docs: Docs) -> None:
    """An earlier act may be void, so its changes decide nothing at load."""
    acts = (
        amend("new", "2024-05-01", '    add:\n      - {id: "7", text: New.}\n')
        + amend(
            "again", "2024-05-02", '    replace:\n      - {id: "7", text: Newer.}\n'
        )
        + amend("drop", "2024-05-03", '    repeal: ["3"]\n')
        + amend("drop-again", "2024-05-04", '    repeal: ["3"]\n')
        + amend("back", "2024-05-05", '    add:\n      - {id: "3", text: Back.}\n')
    )
    result = govsim.run(write(docs, acts), "book")
    verdicts = [result.verdict(a).value for a in ("new", "again", "drop")]
    assert verdicts == ["valid", "valid", "valid"]
    # Statically possible, decided by the replay: 3 was repealed already.
    assert result.verdict("drop-again").value == "void"
    assert result.verdict("back").value == "valid"


def test_an_act_naming_a_clause_twice_is_refused(docs: Docs) -> None:
    body = '    replace:\n      - {id: "3", text: Complaints in writing.}\n    repeal: ["3"]\n'
    path = write(docs, amend("both", "2024-05-02", body))
    line = line_at(refused(path), span_of(path, '"3"', after="repeal: "))
    assert (
        "acts.0.repeal.0: clause '3' is already changed by this act (replace.0)" in line
    )


def test_expectations_may_name_a_clause_an_act_adds(docs: Docs) -> None:
    body = '    add:\n      - {id: "5", text: The board meets monthly.}\n'
    expect = (
        'expect:\n  book:\n    violations: {absent: [{clause: "5"}, {clause: "55"}]}\n'
    )
    path = write(docs, amend("meetings", "2024-05-02", body) + expect)
    line = line_at(refused(path), span_of(path, '"55"'))
    assert "unknown clause of book '55' (did you mean '5'?)" in line
    assert len(refused(path)) == 1


# --- readings ---------------------------------------------------------------------


def test_an_adopting_act_cannot_be_a_first_reading(docs: Docs) -> None:
    change = '    replace:\n      - {id: "3", text: Complaints in writing.}\n'
    acts = amend("one", "2024-05-01", change) + amend(
        "two", "2024-05-20", change + "    first_reading: one\n"
    )
    path = write(docs, acts)
    line = line_at(refused(path), span_of(path, "one", after="first_reading: "))
    assert line.endswith(
        "acts.1.first_reading: 'one' is an adopting act, not a first reading: name "
        "the earlier amend_rules act with reading: first that gave this text its "
        "first reading"
    )


def test_a_first_reading_follows_no_reading(docs: Docs) -> None:
    change = '    replace:\n      - {id: "3", text: Complaints in writing.}\n'
    acts = amend("one", "2024-05-01", change + "    reading: first\n") + amend(
        "two", "2024-05-20", change + "    reading: first\n    first_reading: one\n"
    )
    path = write(docs, acts)
    line = line_at(refused(path), span_of(path, "one", after="first_reading: "))
    assert "acts.1.first_reading: a first reading follows no other reading" in line


# --- new clauses that would make a broken book -------------------------------------


def test_new_clauses_naming_unknown_bodies_and_acts_are_refused(docs: Docs) -> None:
    body = (
        "    add:\n"
        '      - id: "5"\n'
        "        text: The board may expel.\n"
        "        powers:\n"
        "          - {by: bord, acts: [sanctoin]}\n"
        "        accountability:\n"
        "          - {relation: audits, by: membership, of: dcc}\n"
        "        conflicts:\n"
        "          - {shared_seat_on: [boardd]}\n"
    )
    path = write(docs, amend("broken", "2024-05-02", body))
    lines = refused(path)
    by = line_at(lines, span_of(path, "bord"))
    assert by.endswith(
        "acts.0.add.0.powers.0.by: unknown body 'bord' in organisation org "
        "(did you mean 'board'?)"
    )
    act = line_at(lines, span_of(path, "sanctoin"))
    assert act.endswith(
        "acts.0.add.0.powers.0.acts.0: unknown act 'sanctoin' (did you mean 'sanction'?)"
    )
    of = line_at(lines, span_of(path, "dcc"))
    assert "acts.0.add.0.accountability.0.of: unknown body 'dcc'" in of
    shared = line_at(lines, span_of(path, "boardd"))
    assert "acts.0.add.0.conflicts.0.shared_seat_on.0: unknown body 'boardd'" in shared


def test_a_provision_that_could_never_apply_is_refused(docs: Docs) -> None:
    body = '    replace:\n      - {id: "3", text: Speech., powers: [{by: board, acts: [disclose]}]}\n'
    path = write(docs, amend("reword", "2024-05-02", body))
    line = line_at(refused(path), span_of(path, "disclose"))
    assert "acts.0.replace.0.powers.0.acts.0: disclose is conduct" in line


def test_a_clause_reserved_to_an_unknown_body_is_refused(docs: Docs) -> None:
    body = (
        '    add:\n      - {id: "5", text: Reserved., entrenched: {by: [membrship]}}\n'
    )
    path = write(docs, amend("reserve", "2024-05-02", body))
    line = line_at(refused(path), span_of(path, "membrship"))
    assert line.endswith(
        "acts.0.add.0.entrenched.by.0: unknown body 'membrship' in organisation org "
        "(did you mean 'membership'?)"
    )


def test_a_body_created_by_an_earlier_act_may_be_given_powers(docs: Docs) -> None:
    create = (
        "  - {id: panel, at: 2024-05-01, act: create_body, by: board, body: panel,"
        " members: [member-a]}\n"
    )
    body = '    add:\n      - {id: "5", text: The panel may sanction., powers: [{by: panel, acts: [sanction]}]}\n'
    loaded = govsim.load_scenario(
        write(docs, create + amend("hand", "2024-05-02", body))
    )
    assert loaded.act_ids == ["panel", "hand"]


def test_a_replaced_clause_is_checked_like_a_new_one(docs: Docs) -> None:
    body = '    replace:\n      - {id: "2", text: The board sanctions., powers: [{by: bord, acts: [sanction]}]}\n'
    path = write(docs, amend("reword", "2024-05-02", body))
    line = line_at(refused(path), span_of(path, "bord"))
    assert "acts.0.replace.0.powers.0.by: unknown body 'bord'" in line


# --- text_from -------------------------------------------------------------------


TEXT = """\
schema_version: 1
rulebook: motion
clauses:
  - id: "2"
    text: The board may sanction a member.
    powers:
      - {by: board, acts: [sanction]}
  - id: "5"
    text: The board meets monthly.
remove: ["3"]
"""

INLINE = (
    "    replace:\n"
    '      - id: "2"\n'
    "        text: The board may sanction a member.\n"
    "        powers:\n"
    "          - {by: board, acts: [sanction]}\n"
    "    add:\n"
    '      - {id: "5", text: The board meets monthly.}\n'
    '    repeal: ["3"]\n'
)


def outcome(path: Path) -> list[tuple[str, str, list[str]]]:
    return [
        (a.id, a.verdict.value, list(a.effects))
        for result in govsim.run_all(path)
        for a in result.trace.acts
    ]


def test_a_text_from_a_file_replays_as_the_same_changes_inline(docs: Docs) -> None:
    docs.write("texts/motion.yaml", TEXT)
    from_text = write(
        docs,
        amend("take", "2024-05-02", "    text_from: texts/motion.yaml\n")
        + COMPLAINT_AND_EXPULSION,
    )
    read = outcome(from_text)
    inline = write(docs, amend("take", "2024-05-02", INLINE) + COMPLAINT_AND_EXPULSION)
    assert read == outcome(inline)
    assert [(a, v) for a, v, _ in read] == [
        ("take", "valid"),
        ("complaint", "void"),  # clause 3 is repealed: nobody may complain now
        ("expel", "void"),
    ]
    assert "adds clause 5; rewords clause 2; repeals clause 3" in read[0][2][0]


def test_the_example_from_a_text_has_the_verdicts_of_the_inline_one() -> None:
    inline = govsim.run_all(EXAMPLE / "board-takes-discipline.govsim.yaml")
    from_text = govsim.run_all(EXAMPLE / "board-takes-discipline-from-text.govsim.yaml")
    assert [r.rulebook for r in from_text] == ["assoc-weak", "assoc-strict"]
    for one, other in zip(inline, from_text, strict=True):
        assert [(a.id, a.verdict) for a in one.trace.acts] == [
            (a.id, a.verdict) for a in other.trace.acts
        ]
        assert other.expectations
        assert other.ok


def test_a_text_is_sorted_into_add_and_replace_book_by_book(docs: Docs) -> None:
    docs.write("texts/motion.yaml", TEXT.replace('"5"', '"6"'))
    path = write(
        docs,
        amend("take", "2024-06-02", "    text_from: texts/motion.yaml\n"),
        books={"dated": DATED, "plain": ""},
    )
    loaded = govsim.load_scenario(path)
    changes = {}
    for book in ("dated", "plain"):
        act = loaded.acts(book)[0][1]
        assert isinstance(act, AmendRules)
        assert act.text_from is None
        changes[book] = (
            [c.id for c in act.add],
            [c.id for c in act.replace],
            act.repeal,
        )
    assert changes == {
        "dated": ([], ["2", "6"], ("3",)),
        "plain": (["6"], ["2"], ("3",)),
    }
    assert [r.verdict("take").value for r in govsim.run_all(loaded)] == [
        "valid",
        "valid",
    ]


def test_a_text_is_sorted_again_for_a_book_the_scenario_does_not_list(
    docs: Docs,
) -> None:
    docs.write("texts/motion.yaml", TEXT.replace('"5"', '"6"'))
    path = write(
        docs,
        amend("take", "2024-06-02", "    text_from: texts/motion.yaml\n"),
        books={"dated": DATED, "plain": ""},
    )
    path.write_text(path.read_text().replace("[dated, plain]", "[plain]"))
    loaded = govsim.load_scenario(path)
    listed = govsim.run(loaded)
    other = govsim.run(loaded, docs.root / "rules" / "dated.govsim.yaml")
    assert "adds clause 6; rewords clause 2;" in listed.record("take").effects[0]
    assert "rewords clauses 2, 6;" in other.record("take").effects[0]
    assert other.verdict("take").value == "valid"


def test_two_readings_of_one_text_are_readings_of_the_same_changes(docs: Docs) -> None:
    docs.write(
        "texts/eight.yaml",
        'schema_version: 1\nrulebook: eight\nclauses:\n  - {id: "8", text: Reworded.}\n'
        '  - {id: "9", text: New.}\n',
    )
    read = "    text_from: texts/eight.yaml\n"
    path = write(
        docs,
        amend("first", "2024-04-01", read + "    reading: first\n")
        + amend("second", "2024-05-02", read + "    first_reading: first\n"),
        books={"book": '  - {id: "8", text: Entrenched., entrenched: {readings: 2}}\n'},
    )
    result = govsim.run(path)
    assert result.verdict("first").value == "valid"
    assert result.verdict("second").value == "valid"
    assert "adds clause 9; rewords clause 8" in result.record("second").effects[0]


def test_a_text_and_inline_changes_together_are_refused(docs: Docs) -> None:
    docs.write("texts/motion.yaml", TEXT)
    body = '    text_from: texts/motion.yaml\n    repeal: ["1"]\n'
    path = write(docs, amend("both", "2024-05-02", body))
    line = line_at(refused(path), span_of(path, "texts/motion.yaml"))
    assert "acts.0.text_from: this act gives its changes both inline" in line


def test_a_missing_text_names_the_act_and_the_file(docs: Docs) -> None:
    path = write(
        docs, amend("lost", "2024-05-02", "    text_from: texts/nowhere.yaml\n")
    )
    line = line_at(refused(path), span_of(path, "texts/nowhere.yaml"))
    assert (
        f"acts.0.text_from: no amendment text file 'texts/nowhere.yaml' (looked for "
        f"{docs.root / 'texts' / 'nowhere.yaml'})"
    ) in line


def test_a_broken_text_is_placed_in_its_file_and_names_the_act(docs: Docs) -> None:
    text = docs.write(
        "texts/motion.yaml",
        TEXT.replace("text: The board meets", "text: The board: meets"),
    )
    path = write(
        docs, amend("take", "2024-05-02", "    text_from: texts/motion.yaml\n")
    )
    lines = refused(path)
    (line,) = [line for line in lines if line.startswith(f"{text}:")]
    assert line.endswith("(in the text act 'take' (acts.0) reads with text_from)")
    assert line.startswith(f"{text}:9:")


def test_a_text_with_a_wrong_key_is_placed_in_its_file(docs: Docs) -> None:
    text = docs.write("texts/motion.yaml", TEXT.replace("remove:", "repeal:"))
    path = write(
        docs, amend("take", "2024-05-02", "    text_from: texts/motion.yaml\n")
    )
    line = line_at(refused(path), span_of(text, "repeal"))
    assert "'repeal'" in line
    assert line.endswith("(in the text act 'take' (acts.0) reads with text_from)")


def test_a_text_removing_a_clause_not_in_force_is_refused_in_the_text(
    docs: Docs,
) -> None:
    text = docs.write("texts/motion.yaml", TEXT.replace('["3"]', '["33"]'))
    path = write(
        docs, amend("take", "2024-05-02", "    text_from: texts/motion.yaml\n")
    )
    line = line_at(refused(path), span_of(text, '"33"'))
    assert "remove.0: clause '33' is not in force on 2024-05-02 under book" in line
    assert "or take it out of remove: (did you mean '3'?)" in line
    assert line.endswith("(in the text act 'take' (acts.0) reads with text_from)")


def test_a_text_naming_an_unknown_body_is_refused_in_the_text(docs: Docs) -> None:
    text = docs.write("texts/motion.yaml", TEXT.replace("{by: board,", "{by: bord,"))
    path = write(
        docs, amend("take", "2024-05-02", "    text_from: texts/motion.yaml\n")
    )
    line = line_at(refused(path), span_of(text, "bord"))
    assert "clauses.0.powers.0.by: unknown body 'bord'" in line
    assert "act 'take' (acts.0)" in line


def test_a_text_that_is_no_rule_book_is_refused_at_the_act(docs: Docs) -> None:
    docs.write("texts/motion.yaml", "schema_version: 1\nscenario: other\n")
    path = write(
        docs, amend("take", "2024-05-02", "    text_from: texts/motion.yaml\n")
    )
    line = line_at(refused(path), span_of(path, "texts/motion.yaml"))
    assert "acts.0.text_from: 'texts/motion.yaml' is not a rule book document" in line

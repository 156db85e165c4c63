"""The checks speak Korean in the Korean edition (issue 15): every message has a Korean template
with the same placeholders, and the Korean notebooks' first code cell switches to it."""
import ast
import pathlib
import re
import string

import numpy as np
import pytest

import gru_course
from gru_course import checks, i18n
from gru_course.checks import CheckFailure, engine
from gru_course.messages_ko import MESSAGES

CHECKS = pathlib.Path(checks.__file__).parent
HANGUL = re.compile("[가-힣]")


def templates() -> dict[str, str]:
    """English template -> where it is used, for every tr()/tr_later() call in gru_course.checks
    and in the grader's side of a check (grading/remote.py)."""
    found = {}
    for path in [*sorted(CHECKS.glob("*.py")), CHECKS.parent / "grading" / "remote.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("tr", "tr_later"):
                assert node.args and isinstance(node.args[0], ast.Constant), \
                    f"{path.name}:{node.lineno}: tr() needs a literal template"
                found.setdefault(node.args[0].value, f"{path.name}:{node.lineno}")
    return found


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}


@pytest.fixture
def korean():
    gru_course.use_language("ko")
    yield
    gru_course.use_language("en")


def test_the_checks_have_hundreds_of_messages_and_each_has_a_korean_template():
    used = templates()
    assert len(used) > 350
    missing = [f"{where}: {en!r}" for en, where in used.items() if en not in MESSAGES]
    assert missing == []
    assert sorted(set(MESSAGES) - set(used)) == []          # no translation of a removed message


def test_korean_templates_keep_the_placeholders_and_are_korean():
    for en, ko in MESSAGES.items():
        assert fields(en) == fields(ko), (en, ko)
        if re.search(r"[a-z]{3,} [a-z]{3,} [a-z]{3,}", re.sub(r"\{[^}]*\}|`[^`]*`", "", en)):
            assert HANGUL.search(ko), (en, ko)
        assert en.startswith("\n") == ko.startswith("\n") and en.endswith(" ") == ko.endswith(" ")


def test_english_by_default_and_a_wrong_language_is_refused():
    assert i18n.language() == "en"
    with pytest.raises(ValueError, match="language must be one of en, ko, got 'fr'"):
        gru_course.use_language("fr")


def test_a_catalogued_mistake_gets_its_hint_in_korean(korean):
    with pytest.raises(CheckFailure) as failure:
        checks.check_sigmoid(np.tanh)
    message = str(failure.value)
    assert MESSAGES["Your values lie between -1 and 1: that is tanh. The sigmoid is 1 / (1 + "
                    "exp(-a))."] in message
    assert "sigmoid" in message and not re.search(r"\bis wrong on\b", message)


def test_hints_made_at_import_follow_the_language_when_shown(korean):
    from gru_course.checks.gates import RESET_GATE_MISTAKES
    hint = RESET_GATE_MISTAKES[1].hint                   # "The bias b_r is missing." (a Deferred)
    assert str(hint) == MESSAGES["The bias b_{g} is missing."].format(g="r")
    gru_course.use_language("en")
    assert str(hint) == "The bias b_r is missing." and hint == "The bias b_r is missing."


def test_the_stub_the_success_line_and_a_crash_speak_korean(korean, capsys):
    def stub(a):
        raise NotImplementedError("여러분의 코드")
    with pytest.raises(CheckFailure, match="아직 작성되지 않았습니다"):
        checks.check_sigmoid(stub)
    checks.check_sigmoid(gru_course.sigmoid)
    assert capsys.readouterr().out.startswith("✓ sigmoid: 정답입니다(")

    def crash(a):
        return a @ np.ones((7, 7))
    with pytest.raises(CheckFailure) as failure:
        checks.check_sigmoid(crash)
    assert HANGUL.search(str(failure.value)) and "ValueError" in str(failure.value)


def test_every_catalogued_hint_is_korean_when_shown(korean):
    hints = [m.hint for module in (checks.gates, checks.forward, checks.backward, checks.bptt,
                                   checks.intro, checks.tutorial, checks.agreement)
             for value in vars(module).values() if isinstance(value, list)
             for m in value if isinstance(m, engine.Mistake)]
    assert len(hints) > 60
    assert [str(h) for h in hints if not HANGUL.search(str(h))] == []

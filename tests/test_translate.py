"""The Korean edition (issue 15): generated from the English notebooks and the catalogues, never
drifting from them, one Korean term per concept."""
import copy
import json
import pathlib
import re

import pytest

from gru_course import translate

ROOT = pathlib.Path(__file__).resolve().parents[1]
PAIRS = [(folder, path.name) for folder in translate.FOLDERS
         for path in sorted((ROOT / folder).glob("*.ipynb"))]
HANGUL = re.compile("[가-힣]")


def load(path: pathlib.Path) -> dict:
    return json.loads(path.read_text())


def text(cell) -> str:
    return translate.source(cell)


def test_the_committed_korean_edition_is_what_the_generator_makes():
    problems = translate.build(ROOT, check=True)
    assert problems == []
    assert len(PAIRS) == 8 and len(list((ROOT / "exercises" / "ko").glob("*.ipynb"))) == 4


@pytest.mark.parametrize("folder, name", PAIRS)
def test_code_cells_are_the_english_ones_byte_for_byte(folder, name):
    english, korean = load(ROOT / folder / name), load(ROOT / folder / "ko" / name)
    code_en = [text(c) for c in english["cells"] if c["cell_type"] == "code"]
    code_ko = [text(c) for c in korean["cells"] if c["cell_type"] == "code"]
    assert code_ko[0] == translate.LANGUAGE_CELL["source"]       # the one added cell
    assert code_ko[1:] == code_en
    assert [c["id"] for c in korean["cells"] if c["id"] != "language-ko"] == \
        [c["id"] for c in english["cells"]]


@pytest.mark.parametrize("folder, name", PAIRS)
def test_every_prose_cell_is_in_korean_and_executed(folder, name):
    korean = load(ROOT / folder / "ko" / name)
    for cell in korean["cells"]:
        if cell["cell_type"] == "markdown":
            prose = re.sub(r"\$[^$]*\$|`[^`]*`|\([^)]*\)", "", text(cell))
            if re.search(r"[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}", prose):
                assert HANGUL.search(text(cell)), (cell["id"], text(cell)[:80])
        else:
            assert cell["execution_count"] is not None, cell["id"]


def test_the_glossary_is_kept_in_every_korean_notebook():
    assert translate.catalogue_problems(ROOT) == []
    assert len(translate.glossary(ROOT)) >= 40


def test_the_glossary_check_catches_a_synonym_and_a_bare_first_use():
    terms = translate.glossary(ROOT)
    assert translate.term_problems("은닉 상태(hidden state)를 봅니다. 은닉 상태는 …", terms, "x") == []
    [synonym] = translate.term_problems("은닉 상태(hidden state)와 숨겨진 상태", terms, "x")
    assert "'숨겨진 상태' is used" in synonym and "'은닉 상태'" in synonym
    [bare] = translate.term_problems("기울기가 사라집니다. 기울기(gradient)", terms, "x")
    assert "the first '기울기' should be written '기울기(gradient)'" in bare
    # a longer term that contains a shorter one is its own term
    assert translate.term_problems("후보 은닉 상태(candidate)와 은닉 상태(hidden state)", terms,
                                   "x") == []


def test_a_changed_english_cell_makes_its_translation_stale_and_names_it():
    english = load(ROOT / "notebooks" / "02_forward_flow.ipynb")
    blocks = translate.parse((ROOT / "translations/ko/notebooks/02_forward_flow.md").read_text())
    assert translate.korean_notebook(english, blocks, "02")[1] == []
    changed = copy.deepcopy(english)
    cell = next(c for c in changed["cells"] if c["cell_type"] == "markdown")
    cell["source"] = text(cell) + " (edited)"
    [stale] = translate.korean_notebook(changed, blocks, "02")[1]
    assert f"cell {cell['id']} is stale" in stale and "the English changed" in stale
    del blocks[cell["id"]]
    [missing] = translate.korean_notebook(english, blocks, "02")[1]
    assert f"cell {cell['id']} has no translation" in missing


def test_the_catalogue_format_is_strict():
    with pytest.raises(ValueError, match="text before the first"):
        translate.parse("stray\n<!-- cell a en 0123456789ab -->\n번역")
    with pytest.raises(ValueError, match="cell a has two blocks"):
        translate.parse("<!-- cell a en 0123456789ab -->\n하나\n<!-- cell a en 0123456789ab -->\n둘")


def test_korean_exercises_have_korean_stubs_and_keep_the_checks():
    for path in sorted((ROOT / "exercises" / "ko").glob("*.ipynb")):
        korean, english = load(path), load(ROOT / "exercises" / path.name)
        stubs = [text(c) for c in korean["cells"]
                 if c["cell_type"] == "code" and "NotImplementedError(" in text(c)]
        assert stubs and all("본문을 작성하고" in s for s in stubs)
        checks = lambda nb: [text(c) for c in nb["cells"] if "check" in c["metadata"].get("tags", [])]
        assert checks(korean) == checks(english) and checks(korean)
        assert korean["metadata"]["language"] == "ko"

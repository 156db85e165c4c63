"""Checks for the two prediction exercises of 04 Tutorial, against what the exercise GRU (a second
trained model, shipped for them and never shown in the lecture) really does: which test sets fail
without its plural unit, and which verb form it prefers without its singular unit."""
from __future__ import annotations

from ..i18n import tr
from ..agreement import LEXICON
from .engine import CheckFailure

OPTIONS = ["simple/S", "simple/P", "long/S0", "long/S3", "long/P0", "long/P3", "distance/10",
           "distance/20"]


def _shipped(name: str = "agreement_gru.pt"):
    from ..experiment import TRAINED
    from ..models import load
    return load(TRAINED / name)


EXERCISE_GRU = "agreement_gru_exercise.pt"


def measured_failures(threshold: float = 0.75) -> dict[str, float]:
    """Accuracy on each of OPTIONS with the exercise GRU's plural unit ablated."""
    from ..probing import ablate_unit, evaluate, test_suite
    model, saved = _shipped(EXERCISE_GRU)
    suite = {name: items for name, items in test_suite().items() if name in OPTIONS}
    return evaluate(ablate_unit(model, saved["number_units"]["pl"]), suite)


def check_predicted_failures(predicted_failures, threshold: float = 0.75) -> None:
    """predicted_failures: the set of OPTIONS whose accuracy falls to 0.75 or below when the
    exercise GRU's plural unit is ablated (a model the lecture does not show)."""
    if predicted_failures is None:
        raise CheckFailure(tr("predicted_failures is None: write your prediction as a set "
                              "of test set names, e.g. {'simple/S', 'long/P0'}."))
    if isinstance(predicted_failures, str) or not all(isinstance(p, str) for p in predicted_failures):
        raise CheckFailure(tr("predicted_failures must be a set of names such as "
                              "{{'simple/S', 'long/P0'}}, got {predicted_failures!r}.").format(
                               predicted_failures=predicted_failures))
    unknown = set(predicted_failures) - set(OPTIONS)
    if unknown:
        raise CheckFailure(tr("{sorted} are not among the options: {OPTIONS}.").format(
                               sorted=sorted(unknown), OPTIONS=OPTIONS))
    accuracy = measured_failures(threshold)
    actual = {name for name, acc in accuracy.items() if acc <= threshold}
    said = set(predicted_failures)
    if said == actual:
        shown = ", ".join(f"{n} {accuracy[n]:.2f}" for n in OPTIONS)
        print(tr("✓ predicted_failures is correct: measured with the plural unit ablated: "
                 "{shown}.").format(shown=shown))
        return
    hints = []
    extra, missing = said - actual, actual - said
    if any(n.startswith("simple") for n in extra):
        hints.append(tr("The rule only accepts a unit if both simple sets stay at 0.9 or "
                        "above without it."))
    if any(n.startswith("long/S") for n in extra):
        hints.append(tr("The rule only accepts a plural unit if every long set with a "
                        "singular subject stays at 0.9 or above without it."))
    if any(n.startswith("long/P") for n in missing):
        hints.append(tr("The rule chose this unit because the mean of the four long sets "
                        "with a plural subject falls to 0.75 or below without it; in the "
                        "lecture's GRU the strongest candidates took each of those sets to "
                        "about 0."))
    if any(n.startswith("distance") for n in missing | extra):
        hints.append(tr("The distance sets mix singular and plural subjects, roughly half "
                        "and half: work out what their accuracy is when most of the plural "
                        "half fails and the singular half is right; a set with half its "
                        "sentences wrong cannot stay at 0.9."))
    raise CheckFailure(tr("Not quite: you named {n_value} of the failing sets, {n_extra} "
                          "that do not fail, and missed {n_missing}. ").format(
                           n_value=len(said & actual), n_extra=len(extra), n_missing=len(missing))
                       + " ".join(hints))


SENTENCES = ("the girl behind the old doctor near the window beside the teacher",
             "the girls behind the old doctor near the window beside the teacher")


def measured_verb(sentence: str, verb: str = "greets") -> tuple[str, float, float]:
    """(the form the exercise GRU prefers with its singular unit ablated, p(sg form), p(pl form))."""
    import torch
    from ..agreement import WORD_ID, encode
    from ..probing import ablate_unit
    model, saved = _shipped(EXERCISE_GRU)
    ablated = ablate_unit(model, saved["number_units"]["sg"])
    tokens = sentence.split()
    with torch.no_grad():
        logits = ablated(torch.tensor(encode(tokens))[:, None], torch.tensor([len(tokens)]))[-1, 0]
        p = logits.softmax(-1)
    sg, pl = verb, LEXICON.verbs[verb]
    p_sg, p_pl = p[WORD_ID[sg]].item(), p[WORD_ID[pl]].item()
    return (sg if p_sg > p_pl else pl), p_sg, p_pl


def check_ablated_verbs(answer, sentences=SENTENCES, verb: str = "greets") -> None:
    """answer: a pair of "greets"/"greet", the form the exercise GRU prefers after each of the two
    `sentences` (singular subject, then plural subject) without its singular unit."""
    forms = (verb, LEXICON.verbs[verb])
    if answer is None:
        raise CheckFailure(tr("ablated_verbs is None: write your prediction as a pair, "
                              "e.g. ({forms_i!r}, {forms_i2!r}).").format(
                               forms_i=forms[0], forms_i2=forms[1]))
    if isinstance(answer, str) or not hasattr(answer, "__len__") or len(answer) != 2:
        raise CheckFailure(tr("ablated_verbs must be a pair of forms, one per sentence (A, "
                              "then B), e.g. ({forms_i!r}, {forms_i2!r}); got {answer!r}.").format(
                               forms_i=forms[0], forms_i2=forms[1], answer=answer))
    bad = [a for a in answer if a not in forms]
    if bad:
        raise CheckFailure(tr("each form must be one of {forms}, got {bad_i!r}.").format(
                               forms=forms, bad_i=bad[0]))
    measured = [measured_verb(sentence, verb) for sentence in sentences]
    details = [f"p({forms[0]}) = {p_sg:.4f}, p({forms[1]}) = {p_pl:.4f}" for _, p_sg, p_pl in measured]
    wrong = [k for k, (a, m) in enumerate(zip(answer, measured)) if a != m[0]]
    if not wrong:
        print(tr("✓ ablated_verbs is correct: ") + "; ".join(
            f"sentence {'AB'[k]}: {m[0]!r} ({d})" for k, (m, d) in enumerate(zip(measured, details))) + ".")
        return
    why = {0: tr("Sentence A: an accuracy far below 0.5 is not guessing (that would be "
                 "0.5): without the unit the model answers most long sentences with a "
                 "singular subject in the plural, and the singular nouns in between do not "
                 "save it."),
           1: tr("Sentence B has a plural subject. The rule required every long set with a "
                 "plural subject (distance 14) to stay at 0.9 or above without this unit, "
                 "whatever the nouns in between: without the singular unit, a plural "
                 "subject is still read as plural, here too.")}
    raise CheckFailure(tr("Not what the model does: ") + " ".join(
        tr("sentence {value_i} gets {measured_i_i!r} ({details_i}).").format(
            value_i='AB'[k], measured_i_i=measured[k][0], details_i=details[k]) for k in wrong) + " "
        + " ".join(why[k] for k in wrong))

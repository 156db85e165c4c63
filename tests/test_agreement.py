"""The agreement language (agreement.py), judged by a parser written here, independently of the
generator: every sentence parses, every verb agrees with its own subject, and each Item's fields
say what the sentence says."""
import itertools

import numpy as np
import pytest

from gru_course import agreement
from gru_course.agreement import LEXICON

# Word classes from the lexicon's data only; the grammar below is this file's own.
NOUN_NUMBER = {**{s: "sg" for s in LEXICON.nouns}, **{p: "pl" for p in LEXICON.nouns.values()}}
PLACE_NUMBER = {**{s: "sg" for s in LEXICON.locations}, **{p: "pl" for p in LEXICON.locations.values()}}
PP_NUMBER = {**NOUN_NUMBER, **PLACE_NUMBER}                         # a place or a person
VERB_NUMBER = {**{s: "sg" for s in LEXICON.verbs}, **{p: "pl" for p in LEXICON.verbs.values()}}
LEMMA = {w: s for table in (LEXICON.nouns, LEXICON.locations, LEXICON.verbs)
         for s, p in table.items() for w in (s, p)}
ADJECTIVE_RANK = {a: rank for rank, group in enumerate(LEXICON.adjectives) for a in group}
ADJECTIVE_RANK |= {a: 1 for a in LEXICON.person_adjectives}          # the age slot
COPULA = {"is", "are"}


class Parse:
    """A recursive-descent parser of the course's sentences that records what it finds."""

    def __init__(self, tokens):
        self.t, self.i = list(tokens), 0
        self.nouns = []                          # (index, number) in order

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self, allowed, what):
        word = self.peek()
        assert word in allowed, f"expected {what} at {self.i}, got {word!r} in {' '.join(self.t)}"
        self.i += 1
        return word

    def noun(self, table):
        self.take({"the"}, "'the'")
        ranks, adjectives = [], []
        while self.peek() in ADJECTIVE_RANK:
            adjectives.append(self.take(ADJECTIVE_RANK, "an adjective"))
            ranks.append(ADJECTIVE_RANK[adjectives[-1]])
        assert ranks == sorted(set(ranks)), f"adjectives out of order in {' '.join(self.t)}"
        word = self.take(table, "a noun")
        if word in NOUN_NUMBER:                      # a person: one age adjective at most
            assert len(adjectives) <= 1 and set(adjectives) <= set(LEXICON.person_adjectives), \
                f"{adjectives} before a person in {' '.join(self.t)}"
        else:
            assert not set(adjectives) & (set(LEXICON.person_adjectives) - {"old"}), ' '.join(self.t)
        self.nouns.append((self.i - 1, table[word]))
        return table[word]

    def verb(self, number, transitive):
        word = self.take(VERB_NUMBER, "a verb")
        assert VERB_NUMBER[word] == number, f"{word!r} does not agree ({number}) in {' '.join(self.t)}"
        assert not (transitive and word in COPULA)
        index = self.i - 1
        if word in COPULA:
            self.take(set(LEXICON.predicates), "a predicate adjective")
        elif not transitive:
            self.noun(NOUN_NUMBER)
        return index

    def sentence(self):
        front = None
        if self.peek() in LEXICON.prepositions:                 # beside the trees , the boy ...
            self.take(LEXICON.prepositions, "a preposition")
            front = self.noun(PP_NUMBER)
            self.take({","}, "','")
        self.front = front
        subject = self.noun(NOUN_NUMBER)
        kind = "simple"
        if self.peek() == "that":
            self.take({"that"}, "'that'")
            if self.peek() == "the":                             # the boy that the girls see
                kind = "objrel"
                self.verb(self.noun(NOUN_NUMBER), transitive=True)
            else:                                                # the boy that sees the girls
                kind = "subjrel"
                self.verb(subject, transitive=True)
                self.noun(NOUN_NUMBER)
        pps = 0
        while self.peek() in LEXICON.prepositions:
            self.take(LEXICON.prepositions, "a preposition")
            self.noun(PP_NUMBER)
            pps += 1
        adverb = self.peek() in LEXICON.adverbs
        if adverb:
            self.take(LEXICON.adverbs, "an adverb")
        main = self.verb(subject, transitive=False)
        self.take({"."}, "'.'")
        assert self.i == len(self.t), f"words after the end in {' '.join(self.t)}"
        kind = {1: "nounpp", 3: "long"}.get(pps, kind) if pps else ("adv" if adverb else kind)
        return subject, main, kind


@pytest.mark.parametrize("front", [None, "sg", "pl"])
@pytest.mark.parametrize("template", agreement.TEMPLATES)
def test_every_sentence_parses_and_every_verb_agrees_with_its_subject(template, front):
    for item in agreement.sample(np.random.default_rng(7), 200, template, front=front):
        parse = Parse(item.tokens)
        subject, main, kind = parse.sentence()
        assert item.template == template == kind, str(item)
        assert item.subject_number == subject and item.verb_index == main, str(item)
        assert item.correct == item.tokens[main] and VERB_NUMBER[item.wrong] != subject, str(item)
        assert LEMMA[item.correct] == LEMMA[item.wrong], str(item)
        subject_at = parse.nouns[1 if parse.front else 0][0]
        assert item.subject_index == subject_at and item.front == parse.front, str(item)
        between = [number for index, number in parse.nouns if subject_at < index < main]
        assert item.attractor_numbers == tuple(between), str(item)
        lemmas = [LEMMA[item.tokens[i]] for i, _ in parse.nouns]
        assert len(lemmas) == len(set(lemmas)), f"a noun lemma repeats: {item}"


def test_every_subject_and_attractor_combination_occurs():
    rng = np.random.default_rng(1)
    for template in ("nounpp", "objrel", "subjrel"):
        seen = {item.condition for item in agreement.sample(rng, 200, template)}
        assert seen == {"SS", "SP", "PS", "PP"}, template
    for s, a in itertools.product(agreement.NUMBERS, repeat=2):
        items = agreement.sample(rng, 20, "nounpp", subject=s, attractors=(a,))
        assert {i.condition for i in items} == {(s[0] + a[0]).upper()}


@pytest.mark.parametrize("k", range(4))
def test_long_sets_distance_and_number_of_attractors(k):
    rng = np.random.default_rng(k)
    for distance in (10, 15, 20):
        for item in agreement.sample(rng, 30, "long", n_attractors=k, distance=distance,
                                     front=("sg", "pl", None)[distance % 3]):
            parse = Parse(item.tokens)
            parse.sentence()
            assert item.verb_index - item.subject_index == distance
            assert item.n_attractors == k and len(item.attractor_numbers) == 3


def test_prepositional_phrases_hold_people_and_places_alike():
    items = agreement.sample(np.random.default_rng(5), 400, "nounpp")
    people = sum(it.tokens[4] in NOUN_NUMBER for it in items)
    assert 0.4 < people / len(items) < 0.6


def test_lexicon_has_the_promised_size():
    assert len(LEXICON.nouns) >= 12 and len(LEXICON.verbs) >= 10
    assert LEXICON.verbs["greets"] == "greet" and LEXICON.verbs["is"] == "are"
    assert LEXICON.locations and LEXICON.prepositions and LEXICON.adverbs and LEXICON.adjectives


def test_the_subject_is_not_always_the_first_noun():
    items = agreement.sample(np.random.default_rng(2), 50, "nounpp", front="pl", subject="sg")
    for item in items:
        assert item.subject_index == 5 and item.tokens[4] == "the" and item.tokens[3] == ","
        assert item.tokens[2] in set(LEXICON.locations.values()) | set(LEXICON.nouns.values())
        assert item.condition[0] == "S" and item.front == "pl"


def test_vocabulary_and_encoding():
    assert agreement.VOCAB[0] == "<pad>" and agreement.VOCAB[1] == "<unk>"
    assert len(set(agreement.VOCAB)) == len(agreement.VOCAB)
    item = agreement.sample(np.random.default_rng(0), 1, "objrel")[0]
    ids = agreement.encode(item.tokens)
    assert isinstance(ids, list) and agreement.decode(ids) == item.tokens and 0 not in ids
    assert agreement.encode(["the", "zebra", "greets"]) == [agreement.VOCAB.index("the"), 1,
                                                          agreement.VOCAB.index("greets")]


def test_sampling_is_reproducible_and_independent_of_other_draws():
    a = agreement.sample(np.random.default_rng(3), 50, "long")
    b = agreement.sample(np.random.default_rng(3), 50, "long")
    assert a == b
    assert a != agreement.sample(np.random.default_rng(4), 50, "long")


@pytest.mark.parametrize("call, message", [
    (lambda r: agreement.sample(r, 3, "passive"), "template must be one of"),
    (lambda r: agreement.sample(r, 3, "simple", subject="plural"), "subject must be 'sg', 'pl'"),
    (lambda r: agreement.sample(r, -1, "simple"), "n must be a non-negative int"),
    (lambda r: agreement.sample(r, 3, "nounpp", attractors=("pl", "sg")), "tuple of 1"),
    (lambda r: agreement.sample(r, 3, "long", n_attractors=4), "n_attractors must be 0, 1, 2 or 3"),
    (lambda r: agreement.sample(r, 3, "long", distance=9), "distance must be an int from 10 to 20"),
    (lambda r: agreement.sample(r, 3, "long", subject="sg", attractors=("sg",) * 3, n_attractors=1),
     "not n_attractors=1"),
    (lambda r: agreement.sample(r, 3, "simple", front="plural"), "front must be 'sg', 'pl' or None"),
])
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call(np.random.default_rng(0))


def test_template_arguments_belong_to_long_only():
    with pytest.raises(TypeError, match="template 'nounpp' takes no argument"):
        agreement.sample(np.random.default_rng(0), 2, "nounpp", distance=12)

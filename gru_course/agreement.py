"""A small grammatical English for subject-verb agreement, with attractors.

Modelled on the test sentences of Linzen, Dupoux & Goldberg (2016) and Lakretz et al. (2019):
every sentence is grammatical, every verb agrees with its own subject, and the nouns between the
head subject and its verb ("attractors" when their number differs) come in every combination.

    simple   the boy greets the girl .
    adv      the boy probably greets the girl .
    nounpp   the boy near the car(s) greets the girl .        (or near the girl(s): a place or a person)
    objrel   the boy that the girl(s) see(s) greets the man .
    subjrel  the boy that sees the girl(s) greets the man .
    long     the boy near the car(s) behind the old man (men) beside the tree(s) probably greets ...
             (three nouns between subject and verb; `n_attractors` of them of the other number;
             `distance` words from the subject to its verb, filled with adjectives and an adverb)

Any template may open with a prepositional phrase, `front` ("beside the trees , the boy greets
..."), so that the subject is not always the first noun nor the second word. The main verb is
transitive ("greets the man") or the copula with an adjective ("is happy"). Everything comes from
an `rng`; nothing is downloaded.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

LEXICON = SimpleNamespace(
    nouns={"boy": "boys", "girl": "girls", "man": "men", "woman": "women", "child": "children",
           "teacher": "teachers", "doctor": "doctors", "farmer": "farmers", "pilot": "pilots",
           "author": "authors", "dancer": "dancers", "lawyer": "lawyers", "singer": "singers",
           "friend": "friends"},
    locations={"car": "cars", "house": "houses", "tree": "trees", "table": "tables",
               "door": "doors", "window": "windows", "bench": "benches", "fence": "fences"},
    verbs={"greets": "greet", "sees": "see", "knows": "know", "likes": "like", "helps": "help",
           "avoids": "avoid", "admires": "admire", "calls": "call", "thanks": "thank",
           "watches": "watch", "is": "are"},
    copula="is",                                  # the one verb that takes an adjective, not an object
    prepositions=["near", "behind", "beside"],
    adverbs=["probably", "certainly", "often", "never"],
    predicates=["happy", "tired", "busy", "ready"],         # after is/are
    adjectives=[["big", "small"], ["old", "new"], ["red", "white"]],  # before a location, in this order
    person_adjectives=["old", "young"],                     # before a person
)
TEMPLATES = ("simple", "adv", "nounpp", "objrel", "subjrel", "long")
NUMBERS = ("sg", "pl")
PAD, UNK = "<pad>", "<unk>"
VOCAB = [PAD, UNK, "the", "that", ".", ","] + sorted(
    {w for d in (LEXICON.nouns, LEXICON.locations, LEXICON.verbs) for pair in d.items() for w in pair}
    | set(LEXICON.prepositions) | set(LEXICON.adverbs) | set(LEXICON.predicates)
    | {a for group in LEXICON.adjectives for a in group} | set(LEXICON.person_adjectives))
WORD_ID = {word: i for i, word in enumerate(VOCAB)}


@dataclass(frozen=True)
class Item:
    """One sentence and the agreement it tests: at `verb_index`, `correct` versus `wrong`.
    The head subject is at `subject_index`; `front` is the number of the noun in an opening
    prepositional phrase, or None."""

    tokens: list
    verb_index: int
    subject_number: str
    attractor_numbers: tuple
    correct: str
    wrong: str
    template: str
    subject_index: int = 1
    front: str | None = None

    @property
    def condition(self) -> str:
        """"S"/"P" for the subject, then one letter per intervening noun: "SP", "PSS", ..."""
        return "".join(n[0].upper() for n in (self.subject_number, *self.attractor_numbers))

    @property
    def n_attractors(self) -> int:
        """How many intervening nouns differ in number from the subject."""
        return sum(n != self.subject_number for n in self.attractor_numbers)

    def __str__(self) -> str:
        return " ".join(self.tokens)


def encode(tokens) -> list[int]:
    """Word ids; a word outside VOCAB becomes <unk> (id 1)."""
    return [WORD_ID.get(t, WORD_ID[UNK]) for t in tokens]


def decode(ids) -> list[str]:
    """Words of a sequence of ids, padding dropped."""
    return [VOCAB[i] for i in ids if i != 0]


def _form(pair: tuple[str, str], number: str) -> str:
    return pair[NUMBERS.index(number)]


class _Builder:
    """Draws the words of one sentence: noun lemmas never repeat, nor does the verb lemma."""

    def __init__(self, rng):
        self.rng, self.used = rng, set()

    def pick(self, options):
        return options[self.rng.integers(len(options))]

    def noun(self, table, number):
        lemma = self.pick([s for s in table if s not in self.used])
        self.used.add(lemma)
        return _form((lemma, table[lemma]), number)

    def place(self):
        """Whether a prepositional phrase's noun is a place (else a person), equally often, so
        that the kind of noun does not tell the subject from an attractor ("near the girls")."""
        return bool(self.rng.random() < 0.5)

    def pp_noun(self, number, place=None, adjectives=0):
        """[adjectives..., noun] of a prepositional phrase; a person takes at most one adjective."""
        place = self.place() if place is None else place
        table = LEXICON.locations if place else LEXICON.nouns
        before = self.adjectives(adjectives) if place else \
            [self.pick(LEXICON.person_adjectives)] * adjectives
        return [*before, self.noun(table, number)]

    def verb(self, number, transitive=False):
        lemma = self.pick([v for v in LEXICON.verbs if v not in self.used
                           and not (transitive and v == LEXICON.copula)])
        self.used.add(lemma)
        return lemma, _form((lemma, LEXICON.verbs[lemma]), number)

    def number(self):
        return NUMBERS[self.rng.integers(2)]

    def adjectives(self, k):
        return [self.pick(group) for group in LEXICON.adjectives[len(LEXICON.adjectives) - k:]]

    def ending(self, lemma):
        """What follows the main verb: an adjective after is/are, an object otherwise."""
        if lemma == LEXICON.copula:
            return [self.pick(LEXICON.predicates), "."]
        return ["the", self.noun(LEXICON.nouns, self.number()), "."]


def _middle(b: _Builder, template, subject, attractors, n_attractors=None, distance=None):
    """The words between the head subject and its verb, for each template."""
    if template == "simple":
        return []
    if template == "adv":
        return [b.pick(LEXICON.adverbs)]
    (a0, *_) = attractors or (None,)
    if template == "nounpp":
        return [b.pick(LEXICON.prepositions), "the", *b.pp_noun(a0)]
    if template == "objrel":
        noun = b.noun(LEXICON.nouns, a0)
        return ["that", "the", noun, b.verb(a0, transitive=True)[1]]
    if template == "subjrel":
        verb = b.verb(subject, transitive=True)[1]
        return ["that", verb, "the", b.noun(LEXICON.nouns, a0)]
    # long: three prepositional phrases, `distance - 10` extra words as adjectives and an adverb
    extra = distance - 10
    places = [b.place() for _ in range(3)]
    while sum(3 if p else 1 for p in places) + 1 < extra:       # persons take fewer adjectives
        places[places.index(False)] = True
    room = [3 if p else 1 for p in places] + [1]                # adjectives per noun, then adverb
    slots = np.zeros(4, dtype=int)
    for _ in range(extra):
        free = [i for i in range(4) if slots[i] < room[i]]
        slots[free[b.rng.integers(len(free))]] += 1
    words = []
    for k, number in enumerate(attractors):
        words += [b.pick(LEXICON.prepositions), "the", *b.pp_noun(number, places[k], slots[k])]
    return words + ([b.pick(LEXICON.adverbs)] if slots[3] else [])


def _noun_count(template: str) -> int:
    return {"simple": 0, "adv": 0, "long": 3}.get(template, 1)


def _attractors(b, template, subject, attractors, n_attractors):
    count = _noun_count(template)
    if attractors is not None:
        attractors = (attractors,) if isinstance(attractors, str) else tuple(attractors)
        if len(attractors) != count or any(a not in NUMBERS for a in attractors):
            raise ValueError(f"attractors for template {template!r} must be a tuple of {count} "
                             f"of {NUMBERS}, got {attractors!r}")
        return attractors
    if template == "long" and n_attractors is not None:
        other = NUMBERS[1 - NUMBERS.index(subject)]
        flips = set(b.rng.choice(3, size=n_attractors, replace=False).tolist())
        return tuple(other if k in flips else subject for k in range(3))
    return tuple(b.number() for _ in range(count))


def sentence(rng: np.random.Generator, template: str, subject: str | None = None,
             attractors=None, n_attractors: int | None = None, distance: int | None = None,
             front: str | None = None) -> Item:
    """One Item of `template`; see sample() for the arguments."""
    b = _Builder(rng)
    subject = subject or b.number()
    attractors = _attractors(b, template, subject, attractors, n_attractors)
    if template == "long" and n_attractors is not None and \
            sum(a != subject for a in attractors) != n_attractors:
        raise ValueError(f"attractors {attractors} hold {sum(a != subject for a in attractors)} "
                         f"nouns of the other number, not n_attractors={n_attractors}")
    if template == "long":
        distance = int(rng.integers(10, 21)) if distance is None else distance
    words = [b.pick(LEXICON.prepositions), "the", *b.pp_noun(front), ","] if front else []
    subject_index = len(words) + 1
    words += ["the", b.noun(LEXICON.nouns, subject)]
    words += _middle(b, template, subject, attractors, n_attractors, distance)
    lemma, verb = b.verb(subject, transitive=words[-1] in LEXICON.adverbs)   # not "often is"
    verb_index = len(words)
    words += [verb] + b.ending(lemma)
    return Item(words, verb_index, subject, attractors, verb,
                _form((lemma, LEXICON.verbs[lemma]), "pl" if subject == "sg" else "sg"), template,
                subject_index, front)


def sample(rng: np.random.Generator, n: int, template: str, subject: str | None = None,
           attractors=None, **template_args) -> list[Item]:
    """`n` grammatical sentences of one template.

    Args:
        rng: the source of randomness.
        template: one of TEMPLATES.
        subject: "sg" or "pl" for every item; None draws it per item.
        attractors: the number of each noun between subject and verb, in order: a tuple of
            "sg"/"pl" (one for nounpp, objrel and subjrel, three for long; a single string is
            taken as a one-tuple). None draws them per item.
        template_args: `front`, for any template: "sg" or "pl" opens the sentence with a
            prepositional phrase whose noun has that number (None: no such phrase); and for
            "long" only: `n_attractors` (0-3, how many of the three nouns take the other number)
            and `distance` (10-20: the verb is that many words after the subject).
    Returns:
        a list of `n` Items.
    """
    if template not in TEMPLATES:
        raise ValueError(f"template must be one of {TEMPLATES}, got {template!r}")
    if subject not in (None, *NUMBERS):
        raise ValueError(f"subject must be 'sg', 'pl' or None, got {subject!r}")
    if not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a non-negative int, got {n!r}")
    allowed = {"front"} | ({"n_attractors", "distance"} if template == "long" else set())
    unknown = set(template_args) - allowed
    if unknown:
        raise TypeError(f"template {template!r} takes no argument {sorted(unknown)}; "
                        f"it takes {sorted(allowed) or 'none'}")
    k, d = template_args.get("n_attractors"), template_args.get("distance")
    if k is not None and k not in range(4):
        raise ValueError(f"n_attractors must be 0, 1, 2 or 3, got {k!r}")
    if d is not None and d not in range(10, 21):
        raise ValueError(f"distance must be an int from 10 to 20, got {d!r}")
    if template_args.get("front") not in (None, *NUMBERS):
        raise ValueError(f"front must be 'sg', 'pl' or None, got {template_args['front']!r}")
    return [sentence(rng, template, subject, attractors, **template_args) for _ in range(n)]

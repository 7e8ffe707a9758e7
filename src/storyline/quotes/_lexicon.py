"""Word lists for attribution: speech and stance verbs, with their inflected forms."""

from __future__ import annotations

# Verbs that introduce reported speech or a stated position; kept to verbs whose subject
# is the source, so "show" (a poll shows) counts but "hear" does not.
CUE_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "note",
        "claim",
        "argue",
        "insist",
        "explain",
        "continue",
        "write",
        "warn",
        "announce",
        "report",
        "declare",
        "suggest",
        "ask",
        "acknowledge",
        "admit",
        "deny",
        "reply",
        "respond",
        "recall",
        "concede",
        "contend",
        "assert",
        "predict",
        "promise",
        "vow",
        "pledge",
        "tweet",
        "describe",
        "call",
        "mention",
        "stress",
        "emphasize",
        "emphasise",
        "reveal",
        "confirm",
        "indicate",
        "believe",
        "think",
        "charge",
        "complain",
        "allege",
        "testify",
        "remark",
        "observe",
        "conclude",
        "agree",
        "estimate",
        "urge",
        "accuse",
        "show",
        "find",
        "hint",
        "joke",
        "quip",
        "recount",
        "boast",
        "proclaim",
        "maintain",
        "retort",
        "counter",
        "caution",
        "signal",
        "inform",
        "assure",
        "announce",
        "reiterate",
        "repeat",
        "comment",
        "demand",
        "predict",
        "question",
        "wonder",
        "worry",
        "fear",
        "hope",
        "expect",
        "acknowledge",
        "concur",
        "disclose",
        "divulge",
        "explain",
        "lament",
        "complain",
        "brag",
        "tout",
        "criticize",
        "criticise",
        "praise",
        "slam",
        "blast",
        "dismiss",
        "reject",
        "deny",
        "threaten",
        "propose",
        "recommend",
        "advise",
        "caution",
        "clarify",
        "specify",
        "point",
        "told",
        "said",
    ]
)
IRREGULAR = {
    "say": ("said", "says", "saying"),
    "tell": ("told", "tells", "telling"),
    "write": ("wrote", "written", "writes", "writing"),
    "think": ("thought", "thinks", "thinking"),
    "find": ("found", "finds", "finding"),
    "show": ("showed", "shown", "shows", "showing"),
    "hold": ("held",),
    "fear": ("feared", "fears", "fearing"),
    "know": ("knew", "known", "knows", "knowing"),
    "see": ("saw", "seen", "sees", "seeing"),
    "feel": ("felt",),
    "understand": ("understood",),
    "choose": ("chose", "chosen"),
    "forget": ("forgot", "forgotten"),
    "swear": ("swore", "sworn"),
    "seek": ("sought",),
    "hit": ("hits", "hitting"),
}
# Verbs that are cues only with a clause or quotation as content, never with a plain object.
CLAUSE_ONLY = frozenset({"continue", "add", "call", "find", "show", "point", "question"})
# Cues where the source is the object: "told by X" is rare; "according to X" is handled apart.
ACCORDING = ("according", "to")


def word_set(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of `words`, for long word lists kept compact."""
    return frozenset(words.split())


def inflect(lemma: str) -> set[str]:
    """Return the regular inflected forms of an English verb lemma."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma + "s", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x")):
        forms |= {lemma + "ed", lemma + "es", lemma + "ing"}
    else:
        forms |= {lemma + "ed", lemma + "s", lemma + "ing"}
        if (
            lemma[-1] in "tpgmnr"
            and lemma[-2:-1] in set("aeiou")
            and lemma[-3:-2] not in set("aeiou")
        ):
            double = lemma + lemma[-1]
            forms |= {double + "ed", double + "ing"}
    return forms


def _cue_forms() -> dict[str, str]:
    """Map every inflected form of a cue verb to its lemma."""
    table: dict[str, str] = {}
    for lemma in sorted(CUE_LEMMAS):  # a form two lemmas share maps the same way every run
        for form in inflect(lemma) | set(IRREGULAR.get(lemma, ())):
            table.setdefault(form, lemma)
    return table


CUE_FORMS = _cue_forms()

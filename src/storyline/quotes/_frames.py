"""Attribution frames: which dependent of a cue word holds the attributed content."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from storyline.quotes._lexicon import CUE_FORMS, IRREGULAR, inflect, word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs of stance, wanting and judging: their object or infinitive is what the subject holds
# ("Christie endorsed Trump", "voters want change"). Attribution corpora such as PARC and
# PolNeAR count these as attributions, not only verbs of speech.
STANCE_LEMMAS = word_set(
    """
    endorse oppose prefer like love hate want criticize criticise praise defend accuse blame
    cite mock ridicule condemn denounce attack applaud disapprove decline refuse demand
    request see view regard know feel doubt understand recognize recognise realize realise
    learn remember forget imagine assume suspect guess reckon dispute fault rebuke scold
    lambast chide hail laud thank credit champion promote describe label brand dub term
    characterize characterise portray depict call ask question query press quiz inquire
    enquire promise pledge vow threaten swear guarantee assure agree disagree acknowledge
    concede recognize reject dismiss deride decry lament regret bemoan deplore express voice
    offer talk refer back post echo discuss deem list nominate compare focus blast slam bash
    support seek plan decide favor favour welcome encourage challenge assail remind yell vote
    name identify ignore address advocate push lash tout shout scream contest reaffirm
    reassure lobby petition plead beg implore intend aim consider mull contemplate
    envision approve veto ratify
    """
)
# Nouns that name a statement or stance held by their possessor: "Trump's criticism of X",
# "her decision to run", "his claim that ...". Their content is what they are about.
NOUN_CUES = word_set(
    """
    criticism criticisms endorsement endorsements decision opposition statement message
    concern concerns proposal proposals argument arguments advice allegation allegations
    assertion complaint complaints claim claims call calls demand demands plan plans promise
    promises pledge pledges vow vows warning warnings support attack attacks accusation
    accusations suggestion insistence belief beliefs view views position stance praise
    request requests comment comments remark remarks threat threats denial admission
    prediction hope hopes fear fears doubt doubts desire wish intention commitment refusal
    rejection approval defense defence announcement question questions plea appeal
    recommendation recommendations assessment opinion objection objections push mention
    blame credit discomfort confidence frustration anger outrage skepticism interest
    enthusiasm dismay disappointment regret sympathy admiration alarm unease displeasure
    reservations
    """
)
# Prepositions whose object is content after a cue verb ("called for", "warned of").
CONTENT_PREPS = frozenset({"for", "about", "of", "on", "against", "to", "over", "with", "at"})
# Prepositions that complete an object's content ("accused X of Y", "praised X for Y").
OBJECT_PREPS = frozenset({"for", "of", "as", "over", "about", "against", "to", "with", "on"})
# Raising and passive report verbs whose content is their subject plus their infinitive:
# "Smith is expected to resign", "the deal seems to work".
RAISING_LEMMAS = word_set(
    """
    seem appear expect say report believe think know consider rumor rumour estimate project
    predict suppose presume allege tip forecast
    """
)
# Words the parser takes for an object of "said" ("said Friday"): when, not what.
TIME_WORDS = word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week
    weekend month year morning afternoon evening night
    """
)
# Linking verbs of appearance: "Trump seemed unhappy" holds a judgement about Trump.
LINKING = frozenset({"seem", "appear", "sound"})
# Head words with a "that" clause that are not attributions ("so that", "make sure that").
NOT_CUES = frozenset({"so", "such", "sure", "now", "given", "provided", "except", "unless"})
# Light and copular verbs whose "that" clause is a result or a definition, not a statement.
NOT_CLAUSE_HEADS = word_set(
    """
    be is was are were been being 's ’s am make makes made making let lets have has had get
    gets got help helps helped helping keep kept go goes went mean means meant meaning do
    does did doing lead leads led win wins won use uses used cause causes caused matter take
    takes took taken turn turns turned become becomes became ensure ensures ensured prove
    proves proved proven remain remains remained watch watches watched watching
    """
)
# Verbs whose plain object is who was addressed: only a clause, an infinitive, a "whether"
# clause, an "about" phrase or an adjacent quotation is what they report.
ADDRESSEE_LEMMAS = word_set("tell ask inform remind assure notify")
# Cue verbs whose object is not a statement ("continued the tour", "found the keys"): only a
# reported clause or an adjacent quotation is their content.
CLAUSE_ONLY = frozenset({"continue", "find", "maintain", "add", "remain"})


def _forms(lemmas: frozenset[str]) -> dict[str, str]:
    """Map every inflected form of `lemmas` to its lemma."""
    table: dict[str, str] = {}
    for lemma in sorted(lemmas):
        for form in inflect(lemma) | set(IRREGULAR.get(lemma, ())):
            table.setdefault(form, lemma)
    return table


STANCE_FORMS = {**_forms(STANCE_LEMMAS), **CUE_FORMS}
RAISING_FORMS = _forms(RAISING_LEMMAS)


def cue_lemma(token: Token) -> str | None:
    """Return the lemma of `token` when it is a speech, belief or stance word, else None."""
    return STANCE_FORMS.get(token.lower_)


def is_passive(token: Token) -> bool:
    """Tell whether a verb is in the passive voice ("was reported", "is expected")."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)


def raising_subject(token: Token) -> Token | None:
    """Return the subject of a raising or passive report verb with an infinitive, if any.

    "The sale is expected to expand ...": the content is what the sale is expected to do,
    so the subject belongs to the content and the source is unnamed (or the agent).
    """
    if token.lower_ not in RAISING_FORMS:
        return None
    lemma = RAISING_FORMS[token.lower_]
    predicates = {"xcomp", "acomp", "attr"} if lemma in LINKING else {"xcomp"}
    if not any(c.dep_ in predicates for c in token.children):
        return None
    if lemma not in LINKING and not is_passive(token):
        return None
    subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ in {"it", "there", "who", "which", "that"}:
        return None
    return subject


def complement(token: Token) -> list[Token]:
    """Return the heads of the content a cue word takes: clause, infinitive, object or pobj.

    Order matters: a reported clause beats an object ("told reporters that ..."), and an
    object beats a prepositional phrase ("praised Trump for ..."). "Called Trump “unhinged”"
    has two heads, the object and its predicate.
    """
    children = [
        c
        for c in token.children
        if (c.i > token.i or c.dep_ == "ccomp") and c.lower_ not in TIME_WORDS
    ]
    addressed = cue_lemma(token) in ADDRESSEE_LEMMAS
    for deps in (("ccomp",), ("xcomp",), ("oprd", "dobj")):
        if addressed and deps == ("oprd", "dobj"):
            continue  # "told The Huffington Post", "asked him a question": whom, not what
        found = [c for c in children if c.dep_ in deps]
        if len(found) > 1 and deps == ("oprd", "dobj"):
            return found
        if found and deps == ("oprd", "dobj"):
            # "accused Sanders of a smear", "described the field as very good"
            tail = [c for c in children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS]
            return [max(found, key=lambda c: len(list(c.subtree))), *tail[:1]]
        if found:
            return [max(found, key=lambda c: len(list(c.subtree)))]
    obj = prep_object(children)
    if obj is not None:
        return [obj]
    # "asked whether ...", "asked if ...": the question is the content
    return [
        c
        for c in children
        if c.dep_ == "advcl" and any(g.lower_ in {"whether", "if"} for g in c.children)
    ][:1]


def prep_object(children: Iterable[Token]) -> Token | None:
    """Return the object of the first content preposition among `children` ("called [for] X")."""
    for child in children:
        if child.dep_ == "prep" and child.lower_ in CONTENT_PREPS:
            found: Token | None = next(
                (g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None
            )
            if found is not None:
                return found
    return None

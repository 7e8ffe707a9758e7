"""Words that stand for or stand before a name: role nouns, pronouns and honorifics."""

from __future__ import annotations

# Head nouns of roles that articles use in place of a name ("the foreign minister").
ROLE_NOUNS = frozenset(
    [
        "minister",
        "secretary",
        "president",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "adviser",
        "advisor",
        "senator",
        "governor",
        "director",
        "chief",
        "chairman",
        "chairwoman",
        "chair",
        "head",
        "leader",
        "ambassador",
        "envoy",
        "diplomat",
        "official",
        "officer",
        "mayor",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "general",
        "commander",
        "spokesman",
        "prosecutor",
        "judge",
        "attorney",
        "lawyer",
        "candidate",
        "nominee",
        "representative",
        "congressman",
        "congresswoman",
        "speaker",
        "counterpart",
        "founder",
        "ceo",
        "executive",
        "manager",
        "editor",
        "correspondent",
        "analyst",
        "expert",
        "professor",
        "economist",
        "strategist",
        "aide",
        "press",
        "treasurer",
        "deputy",
        "lawmaker",
        "sheriff",
        "commissioner",
        "administrator",
        "coordinator",
        "negotiator",
        "emperor",
    ]
)
# Words that may precede a role but carry no identity ("the", "its", "our").
ROLE_FILLERS = frozenset(
    ["the", "a", "an", "his", "her", "its", "their", "our", "top", "then", "former", "acting"]
)
PERSON_PRONOUNS = frozenset(["he", "she", "him", "her", "his", "i"])
GROUP_PRONOUNS = frozenset(["they", "them", "it", "we"])
# Honorifics dropped when comparing names.
HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "president",
        "prime",
        "minister",
        "secretary",
        "sir",
        "lady",
        "lord",
        # military, police and civil titles: "Lt. Col. Dana Whitfield", "Det. Sgt. Ray Cole"
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "cmdr",
        "brig",
        "supt",
        "insp",
        "det",
        "atty",
        "amb",
        "hon",
        "msgr",
        "fr",
        # elected titles written as one word before the name: "Councilwoman Ann Lee"
        "councilman",
        "councilwoman",
        "congressman",
        "congresswoman",
        "assemblyman",
        "assemblywoman",
        "alderman",
    ]
)
# Words that open a phrase naming nobody in particular: "It", "Some", "This", "Published".
NOT_NAME_STARTS = frozenset(
    [
        *PERSON_PRONOUNS,
        *GROUP_PRONOUNS,
        "you",
        "us",
        "our",
        "their",
        "its",
        "some",
        "many",
        "most",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "one",
        "published",
        "updated",
        "posted",
        "tell",
        "expecting",
    ]
)


def is_name(text: str) -> bool:
    """Tell whether `text` can name a person or organization: capitalized, not a pronoun.

    "It", "the river", "Published" and "emergency alerts on their phones" are not names;
    "Thad Allen", "BP" and "the US Coast Guard"'s "US Coast Guard" are.
    """
    words = text.split()
    if not words or not words[0][:1].isupper():
        return False
    first = words[0].strip(".,'’")
    if len(first) > 1 and first.isupper():
        return True  # an acronym: "US Coast Guard", "BP", "IT"
    return first.lower() not in NOT_NAME_STARTS

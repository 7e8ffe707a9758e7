"""Tests for quotation and speaker extraction on literal sentences."""

import pytest

from storyline.entities.mentions import find_entities
from storyline.model import Article, Entity, Quote, Reject
from storyline.quotes.extract import ExtractQuotes, find_quotes


def _one(nlp, text: str) -> Quote:
    quotes = find_quotes(text, nlp=nlp)
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_direct_quote_with_cue_after(nlp):
    """“...,” Name said gives a direct quotation with that speaker."""
    text = (
        "Secretary of State Antony Blinken met reporters.\n\n"
        "“We had a very candid exchange of views,” Blinken said."
    )
    q = _one(nlp, text)
    assert (q.kind, q.cue, q.speaker, q.speaker_entity) == (
        "direct",
        "said",
        "Blinken",
        "Antony Blinken",
    )
    assert q.text == "We had a very candid exchange of views,"
    assert text[q.start : q.end] == q.text


def test_indirect_quote_with_that(nlp):
    """Name said that ... gives an indirect quotation of the clause."""
    q = _one(nlp, "Ned Price said that Washington remains open to another meeting.")
    assert q.kind == "indirect"
    assert q.speaker_entity == "Ned Price"
    assert q.text == "that Washington remains open to another meeting"


def test_according_to(nlp):
    """According to X, ... attributes the rest of the sentence to X."""
    q = _one(
        nlp, "Sergei Lavrov met him. According to Lavrov, NATO is moving closer to the border."
    )
    assert (q.cue, q.speaker_entity, q.kind) == ("according to", "Sergei Lavrov", "indirect")
    assert q.text == "NATO is moving closer to the border"


def test_mixed_quote(nlp):
    """A reported clause holding a quoted fragment is a mixed quotation."""
    q = _one(
        nlp, "Antony Blinken said Thursday that there would be “severe costs” if Russia invaded."
    )
    assert q.kind == "mixed"
    assert q.speaker_entity == "Antony Blinken"


def test_pronoun_speaker_resolves_to_previous_speaker(nlp):
    """“...,” he said refers to the person quoted just before."""
    text = (
        "Russian Foreign Minister Sergei Lavrov spoke in Stockholm. "
        "Lavrov said NATO had refused.\n\n"
        "“NATO continues its activity on our borders,” he said."
    )
    quotes = find_quotes(text, nlp=nlp)
    assert [q.speaker_entity for q in quotes] == ["Sergei Lavrov", "Sergei Lavrov"]
    assert quotes[1].speaker == "he"


def test_role_speaker_resolves_to_named_person(nlp):
    """“the foreign minister” resolves to the person the article gave that role."""
    text = (
        "Russian Foreign Minister Sergei Lavrov met Antony Blinken in Stockholm.\n\n"
        "The foreign minister said that Moscow wants long-term security guarantees."
    )
    # "Moscow wants ..." is a nested attribution of its own; this test is about the outer one.
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == "said")
    assert q.speaker.lower() == "the foreign minister"
    assert q.speaker_entity == "Sergei Lavrov"


def test_multi_sentence_quote_resumed_after_its_cue_is_one_statement(nlp):
    """A quotation resumed after “..., Name said.” is one statement of the quoted words only."""
    text = (
        "“It was serious. It was sober,” Antony Blinken said. "
        "“I believe the minister will take the conversation back to the president.”"
    )
    q = _one(nlp, text)
    assert q.text == (
        "It was serious. It was sober, "
        "I believe the minister will take the conversation back to the president."
    )
    assert q.speaker_entity == "Antony Blinken"


def test_quotation_in_its_own_paragraph_continues_the_previous_speaker(nlp):
    """A cue-less quotation opening a new paragraph is a new quote by the previous speaker."""
    text = (
        "“It was serious. It was sober,” Antony Blinken said.\n\n"
        "“I believe the minister will take the conversation back to the president.”"
    )
    quotes = find_quotes(text, nlp=nlp)
    assert [q.text for q in quotes] == [
        "It was serious. It was sober,",
        "I believe the minister will take the conversation back to the president.",
    ]
    assert {q.speaker_entity for q in quotes} == {"Antony Blinken"}


def test_quote_continued_across_paragraphs(nlp):
    """A quotation whose paragraph ends open and reopens in the next is one quote."""
    text = "“We will rebuild the bridge.\n\n“And we will do it this year,” Mayor Anne Hidalgo said."
    q = _one(nlp, text)
    assert q.start == 1
    assert q.text.endswith("this year,")
    assert q.speaker_entity == "Anne Hidalgo"


def test_unbalanced_marks_do_not_crash(nlp):
    """Scraped text with an unclosed quotation still yields a best-effort result."""
    quotes = find_quotes(
        "The White House said the two men “raised the possibility of a summit.", nlp=nlp
    )
    assert quotes
    assert quotes[0].speaker_entity == "White House"


def test_stage_yields_article_then_quotes_and_entities_and_passes_others(nlp):
    """The stage keeps each record and follows an article with its quotes and entities."""
    article = Article(
        id="a1",
        path="a.txt",
        file="a.txt",
        format="text",
        raw_text="",
        text="Joe Biden said that talks will go on.",
    )
    reject = Reject(path="b.txt", reason="empty")
    out = list(ExtractQuotes()([article, reject]))
    assert out[0] == article
    assert out[-1] == reject
    assert any(isinstance(r, Quote) and r.speaker_entity == "Joe Biden" for r in out)
    assert any(isinstance(r, Entity) and r.name == "Joe Biden" for r in out)


@pytest.mark.parametrize("text", ["", "No quotes here at all.", "“", "” stray “ marks “"])
def test_degenerate_inputs_do_not_crash(nlp, text):
    """Empty text and texts made of marks return a tuple without raising."""
    assert isinstance(find_quotes(text, nlp=nlp), tuple)


def test_stance_verb_object_with_its_preposition_is_content(nlp):
    """“accused X of Y” attributes X of Y to the subject."""
    q = next(
        q
        for q in find_quotes("Hillary Clinton accused Bernie Sanders of a smear.", nlp=nlp)
        if q.cue == "accused"
    )
    assert q.text == "Bernie Sanders of a smear"
    assert q.speaker_entity == "Hillary Clinton"


def test_raising_verb_content_is_subject_and_infinitive(nlp):
    """“X is expected to ...” attributes what X is expected to do, with no named source."""
    q = _one(nlp, "The sale is expected to expand the company's reach.")
    assert q.text == "The sale is expected to expand the company's reach"
    assert q.speaker == ""


def test_headline_colon_attributes_the_claim_to_its_source(nlp):
    """A “Source: claim” headline line is an attribution to the source."""
    quotes = find_quotes("Graham: Trump is destroying the party's chances.\n\nMore text.", nlp=nlp)
    assert any(q.cue == ":" and q.speaker == "Graham" for q in quotes)


def test_quote_split_around_its_cue_is_one_statement(nlp):
    """“A,” he said, “B.” is one quotation of both parts."""
    text = "Joe Biden spoke.\n\n“We will act,” he said, “and we will do it soon.”"
    q = _one(nlp, text)
    assert q.text == "We will act, and we will do it soon."
    assert q.speaker_entity == "Joe Biden"


def test_speaker_is_the_head_name_not_a_modifier(nlp):
    """“Clinton spokesman Brian Fallon said” resolves to Fallon, not Clinton."""
    q = _one(nlp, "Clinton spokesman Brian Fallon said that the report was misleading.")
    assert q.speaker_entity == "Brian Fallon"


def test_program_title_in_quotes_is_not_a_statement(nlp):
    """A short title-cased quotation after “told” is a programme name, not what was said."""
    quotes = find_quotes("Cruz told “Meet the Press” that he would win.", nlp=nlp)
    assert all("Meet the Press" not in q.text for q in quotes)


def test_name_in_apposition_to_a_role_is_the_speaker(nlp):
    """“the mayor's spokeswoman, Laura Benitez, told” resolves to Benitez."""
    q = _one(
        nlp,
        "“We expect the talks to resume next week,” the mayor's spokeswoman, Laura Benitez, "
        "told reporters.",
    )
    assert q.speaker == "the mayor's spokeswoman, Laura Benitez"
    assert q.speaker_entity == "Laura Benitez"


def test_name_just_before_a_cue_without_subject_is_the_speaker(nlp):
    """A name right before “said” is its speaker even when the parse hangs it elsewhere."""
    q = _one(
        nlp, "At the hearing, the county’s lawyer, Marcus Doyle, said that the permit was valid."
    )
    assert q.speaker_entity == "Marcus Doyle"


def test_noun_with_an_infinitive_cue_is_not_the_speaker(nlp):
    """“made an effort to explain” takes its speaker from the clause, not from “an effort”."""
    q = _one(
        nlp, "Ruth Calder, the governor, made an effort to explain that the bridge was unfunded."
    )
    assert q.speaker_entity == "Ruth Calder"


def test_pronoun_speaker_agrees_in_gender_with_its_antecedent(nlp):
    """“she said” skips the man quoted last and goes back to the woman the article calls “she”."""
    text = (
        "Dana Whitfield, the city's budget chief, says she will not resign. "
        "“We cut nothing that matters,” Whitfield said.\n\n"
        "Mr. Haddad disagreed. “This budget hides its cuts,” Omar Haddad told reporters.\n\n"
        "“I stand by every line of it,” she said."
    )
    last = find_quotes(text, nlp=nlp)[-1]
    assert (last.speaker, last.speaker_entity) == ("she", "Dana Whitfield")


@pytest.mark.parametrize(
    "sentence",
    [
        "At one point, she said, she was considering a run for mayor",
        # The parser hangs the long opening phrase on "said", not on "considering".
        "At times last year, her aides said, the mere mention of the budget could make her fume",
    ],
)
def test_parenthetical_speech_cue_attributes_its_whole_sentence(nlp, sentence):
    """“At one point, she said, she was considering ...” attributes the sentence around the cue."""
    q = _one(nlp, f"Dana Whitfield spoke.\n\n{sentence}.")
    assert q.text == sentence


def test_according_to_after_a_short_lead_attributes_the_whole_sentence(nlp):
    """“By noon, according to X, ...” attributes what follows the source, with its lead."""
    q = _one(nlp, "By noon, according to the county clerk, nearly half the ballots were counted.")
    assert q.cue == "according to"
    assert q.text.startswith("By noon")
    assert q.text.endswith("nearly half the ballots were counted")


def test_coordinated_speakers_form_one_source_headed_by_the_first(nlp):
    """“Whitfield and Haddad said” keeps both names in the source and resolves to the first."""
    q = _one(
        nlp, "Mayor Dana Whitfield and Council Chair Omar Haddad said that the budget would pass."
    )
    assert q.speaker == "Mayor Dana Whitfield and Council Chair Omar Haddad"
    assert q.speaker_entity == "Dana Whitfield"


def test_issuer_of_a_statement_is_the_speaker(nlp):
    """“X issued a statement saying ...” is X speaking, not the statement."""
    text = (
        "On Saturday, Governor Ruth Calder issued a statement saying that the bridge would reopen."
    )
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == "saying")
    assert q.speaker == "Governor Ruth Calder"


def test_trailing_participle_belongs_to_the_main_clause(nlp):
    """“X argued that a toll would pay, saying ...”: X says it, not the toll."""
    text = "Ruth Calder argued that a new toll would pay for the bridge, saying it was only fair."
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == "saying")
    assert q.speaker == "Ruth Calder"


def test_speaker_whose_apposition_quotes_a_title_keeps_the_name(nlp):
    """“..., said Jon Meacham, the author of “Destiny and Power,”” keeps Meacham as speaker."""
    text = (
        "“The process rewards manners, and that idea is crazy,” said Jon Meacham, "
        "the author of “Destiny and Power,” on Friday."
    )
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == "said")
    assert (q.speaker, q.speaker_entity) == ("Jon Meacham", "Jon Meacham")


def test_name_before_an_apposition_and_a_subjectless_cue_is_the_speaker(nlp):
    """““...,” Councilman Omar Haddad, Democrat of the third ward, told ...” is Haddad."""
    text = (
        "“That was a fine speech you gave last night, Madam Mayor,” Councilman Omar Haddad, "
        "Democrat of the third ward, told Ms. Whitfield as she left."
    )
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == "told")
    assert q.speaker_entity == "Omar Haddad"


def test_noun_with_an_infinitive_to_say_is_not_the_speaker(nlp):
    """“X had nothing bad to say about Y”: X is the source, not “nothing bad”."""
    text = "In an interview, Dana Whitfield had nothing bad to say about the new budget plan."
    q = _one(nlp, text)
    assert q.speaker_entity == "Dana Whitfield"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Governor Ruth Calder defended the toll plan despite criticism from the council.",
            "the toll plan despite criticism from the council",
        ),
        (
            "Ruth Calder pointed to the council as the main obstacle in funding the bridge.",
            "the council as the main obstacle in funding the bridge",
        ),
    ],
)
def test_object_content_keeps_the_phrases_after_it(nlp, text, content):
    """A stance object runs on through the prepositional phrases the cue takes after it."""
    assert _one(nlp, text).text == content


def test_object_content_stops_before_a_phrase_of_time(nlp):
    """“said little about the bridge until October”: “until October” is when, not what."""
    q = _one(
        nlp, "Ruth Calder criticized the bridge plan until October, when she changed her mind."
    )
    assert q.text.startswith("the bridge plan")
    assert "October" not in q.text


def test_role_naming_an_organization_resolves_to_the_person_with_that_role(nlp):
    """“the chairwoman of the county GOP said” is the chairwoman named before, not the GOP."""
    text = (
        "Deborah Tamargo, the chairwoman of the Hillsborough County GOP, opened the meeting.\n\n"
        "Later, the chairwoman of the Hillsborough County GOP said that turnout had been high."
    )
    q = _one(nlp, text)
    assert q.speaker_entity == "Deborah Tamargo"


def test_quoted_show_title_before_the_speaker_does_not_drop_the_speaker(nlp):
    """“‘Night Desk’ host Carla Reyes showed that ...” keeps Reyes as the speaker."""
    text = (
        "“Night Desk” host Carla Reyes on Thursday showed that the mayor had been given a chance."
    )
    q = _one(nlp, text)
    assert q.speaker_entity == "Carla Reyes"


def test_name_before_a_long_apposition_is_the_speaker(nlp):
    """A name, then an apposition of several words, then a subjectless cue: the name speaks."""
    text = (
        "At Pine Ridge, where it costs new members $70,000 to join, Jay Oliveri, the club's "
        "78-year-old president and general manager, suggested that its rivals had erred."
    )
    q = _one(nlp, text)
    assert q.speaker_entity == "Jay Oliveri"


def test_continuation_skips_a_stance_reported_in_between(nlp):
    """A cue-less quotation resumes the last speaker, not a stance ("viewers want") between."""
    text = (
        "“We were wrong not to confront him from the start,” Jorge Ramos told reporters on "
        "Monday. Many viewers want a gentler tone.\n\n"
        "“Many governments stayed silent as well, and that was a mistake.”"
    )
    last = find_quotes(text, nlp=nlp)[-1]
    assert last.text.startswith("Many governments")
    assert last.speaker_entity == "Jorge Ramos"


def test_short_quotation_opening_its_sentence_is_a_statement(nlp):
    """“It’s heartbreaking,” Whitfield said: two words, but a line of speech, not a scare quote."""
    text = (
        "Mayor Dana Whitfield toured the flooded streets on Monday.\n"
        "“It’s heartbreaking,” Whitfield said. “We will rebuild every home on this block.”"
    )
    q = _one(nlp, text)
    assert q.text.startswith("It’s heartbreaking")
    assert q.speaker_entity == "Dana Whitfield"


def test_continuation_does_not_resume_an_attribution_nested_in_a_statement(nlp):
    """A quotation after “Alvarez said critics had predicted ...” is Alvarez's, not the critics'."""
    text = (
        "Councilwoman Rita Alvarez met the residents on Tuesday.\n"
        "Alvarez said some critics had predicted that the plant would close within a year.\n"
        "“That will not happen while I am on this council.”"
    )
    last = find_quotes(text, nlp=nlp)[-1]
    assert last.text.startswith("That will not happen")
    assert last.speaker == "Alvarez"


def test_name_after_an_inverted_speech_verb_is_the_speaker(nlp):
    """“...,” said Paul Brennan, half joking: the parser hangs the name on “joking”."""
    q = _one(nlp, "“I fix engines better than I write letters,” said Paul Brennan, half joking.")
    assert q.speaker_entity == "Paul Brennan"


@pytest.mark.parametrize(
    "text",
    [
        "Nora Pike was joined on stage by the governor and joked that the crowd had grown.",
        "Comedian Nora Pike was booed by the crowd after telling them that they were wrong.",
    ],
)
def test_subject_of_a_passive_clause_speaks_in_its_conjoined_or_participle_clause(nlp, text):
    """“Pike was booed after telling them that ...”: Pike told them."""
    q = _one(nlp, text)
    assert q.speaker_entity is not None
    assert q.speaker_entity.endswith("Nora Pike")


def test_name_after_a_participle_is_not_an_inverted_speaker(nlp):
    """“...,” calling Ortiz a coward: Ortiz is who was called, not who spoke."""
    text = "Reaction came within the hour. “This is a disgrace,” calling Ortiz a coward."
    q = _one(nlp, text)
    assert q.speaker_entity is None


def test_according_to_source_is_not_cut_inside_a_name(nlp):
    """A long “according to” source keeps the whole name its word limit would split."""
    text = (
        "The county never paid the contractor, according to a court filing submitted by "
        "county attorney Dana Whitfield."
    )
    q = _one(nlp, text)
    assert q.speaker.endswith("Dana Whitfield")
    assert q.speaker_entity == "Dana Whitfield"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Mayor Tom Keller presented the budget on Monday.\n"
            "“Budgets are moral documents,” said Ann Lee, a council member who has argued that "
            "the mayor hid the costs. “We will vote no.”",
            "Ann Lee",
        ),
        (
            "“It is not going to be easy for Marco Rubio to do it,” said Representative Peter "
            "King of New York, who endorsed Mr. Rubio on Tuesday. “There is no doubt that right "
            "now Trump is the favorite.”",
            "Peter King",
        ),
    ],
)
def test_continuation_skips_a_clause_about_the_speaker_in_the_quotation_sentence(
    nlp, text, speaker
):
    """“A,” said Ann Lee, who has argued that ... “B.”: B continues Lee's statement."""
    last = find_quotes(text, nlp=nlp)[-1]
    assert last.text.startswith(text[text.index("“") + 1 : text.index("”") - 1])
    assert last.text.endswith(text[text.rindex("“") + 1 : text.rindex("”")])
    assert last.speaker_entity == speaker


def test_speech_verb_with_nothing_said_introduces_the_next_quotation(nlp):
    """“Ann Lee agreed. “...”": the quotation is Lee's, not the previous speaker's."""
    text = (
        "“The turnout was lower than we hoped,” said campaign manager Tom Keller.\n"
        "Pollster Ann Lee agreed. “Voters are tired of waiting for a candidate who listens.”"
    )
    last = find_quotes(text, nlp=nlp)[-1]
    assert last.text.startswith("Voters are tired")
    assert (last.cue, last.speaker_entity) == ("agreed", "Ann Lee")


def test_statement_reported_inside_a_statement_is_not_a_second_quotation(nlp):
    """“Fiorina said she doubted voters would care”: one statement, Fiorina's, cue “said”."""
    text = "Carly Fiorina said on Sunday that she doubted voters would care about the memo."
    quotes = find_quotes(text, nlp=nlp)
    assert [(q.cue, q.speaker_entity) for q in quotes] == [("said", "Carly Fiorina")]
    assert quotes[0].text == "that she doubted voters would care about the memo"


def test_noun_cue_attributes_its_content_to_the_possessor(nlp):
    """“Price's criticism of the toll plan”: Price holds a stance on the toll plan."""
    text = "Senator Ann Price's criticism of the new toll plan has grown louder this week."
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == "criticism")
    assert q.text == "the new toll plan"
    assert q.speaker_entity == "Ann Price"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Mayor Tom Reyes supported the bridge levy at the council meeting.",
            "supported",
            "the bridge levy at the council meeting",
        ),
        (
            "The union has long sought higher wages for its drivers.",
            "sought",
            "higher wages for its drivers",
        ),
    ],
)
def test_stance_verbs_attribute_their_object(nlp, text, cue, content):
    """Supporting or seeking something is a stance attribution corpora annotate."""
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == cue)
    assert q.text == content


def test_poll_introduced_by_in_is_the_source_of_its_finding(nlp):
    """“In a Fox News poll released Thursday, Cruz had 38 percent”: the poll says so."""
    q = _one(nlp, "In a Fox News poll released Thursday, Ted Cruz had 38 percent support.")
    assert (q.cue, q.speaker, q.text) == (
        "In",
        "a Fox News poll released Thursday",
        "Ted Cruz had 38 percent support",
    )


def test_in_an_interview_leaves_the_speech_verb_to_attribute(nlp):
    """“In an interview, Lee said ...”: the interview is where, Lee is who."""
    q = _one(nlp, "In an interview on Monday, Tom Lee said the plan would fail.")
    assert (q.cue, q.speaker) == ("said", "Tom Lee")


def test_clause_closed_by_a_colon_is_not_the_content_of_the_next_cue(nlp):
    """“... as an example: He says outlets undercount them”: the cue reports what follows."""
    text = (
        "At his rallies, Dan Cole cites the crowds themselves as an example: "
        "He says news outlets undercount his supporters, just to undermine him."
    )
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == "says")
    assert q.text.startswith("news outlets undercount his supporters")


@pytest.mark.parametrize("gap", ["\n\n", " "])
def test_quotation_closing_before_a_stance_with_its_own_object_is_not_its_content(nlp, gap):
    """“... underestimated.” Rivals have criticized Lee for X: the stance is about X."""
    text = (
        "“It is something the party leadership has underestimated,” Mr. Lee said. "
        f"“Voters want a fighter.”{gap}"
        "Rival candidates have long criticized Mr. Lee for his past views on taxes."
    )
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == "criticized")
    assert q.text == "Mr. Lee for his past views on taxes"


def test_quotation_the_same_cue_introduces_again_is_one_statement(nlp):
    """“A?” she said. “B.”: the bare “she said” sentence does not start a second statement."""
    text = (
        "Senator Ann Price spoke to reporters.\n\n"
        "“What would the label change? Is there a strategy served by this?” she said. "
        "“The answer is none of the above.”"
    )
    q = _one(nlp, text)
    assert q.text.endswith("The answer is none of the above.")
    assert q.speaker_entity == "Ann Price"


def test_first_of_two_surnames_links_to_the_full_name(nlp):
    """“Ms. Acosta” is Melba Acosta Febo: articles shorten two surnames to the first."""
    text = (
        "Melba Acosta Febo, the president of the Government Development Bank, met creditors "
        "on Monday. Ms. Acosta said the bank would not default on its bonds."
    )
    q = _one(nlp, text)
    assert (q.speaker, q.speaker_entity) == ("Ms. Acosta", "Melba Acosta Febo")


def test_abbreviated_military_titles_do_not_split_the_sentence(nlp):
    """“Sgt. Maj. Tom Reyes told reporters ...” is one sentence with Reyes as the speaker."""
    text = "Sgt. Maj. Tom Reyes told reporters that the unit had left the base on Friday."
    q = _one(nlp, text)
    assert (q.speaker_entity, q.text) == ("Tom Reyes", "that the unit had left the base on Friday")
    entities = find_entities("Lt. Col. Dana Whitfield met Det. Sgt. Ray Cole.", nlp=nlp)
    assert sorted(e.name for e in entities) == ["Dana Whitfield", "Ray Cole"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # The cue set off by commas after the clause it reports.
        (
            "The effects are difficult to predict, many economists say, because there is "
            "little historical precedent.",
            "The effects are difficult to predict, many economists say, because there is "
            "little historical precedent",
        ),
        # The parser takes "signals" for a noun and gives "said" no clause of its own.
        (
            "The rejection of the treaty signals “the beginning of the end” for the union, "
            "said Geert Wilders, founder of the Party for Freedom.",
            "The rejection of the treaty signals “the beginning of the end” for the union",
        ),
    ],
)
def test_speech_cue_after_its_clause_reports_the_clause(nlp, text, content):
    """“X, many economists say, because ...” and “X, said Y.” attribute X."""
    q = _one(nlp, text)
    assert text[q.start : q.end] == content


def test_second_cue_coordinated_after_a_reported_clause_is_the_speakers_own(nlp):
    """“Paul said X, and called Rubio Y”: two statements by Paul, the first ending at “and”."""
    text = (
        "Sen. Rand Paul said the tax plan would give money to undocumented immigrants, and "
        "called Rubio “the leading proponent of amnesty in the Senate.”"
    )
    quotes = find_quotes(text, nlp=nlp)
    assert [(q.cue, q.speaker_entity) for q in quotes] == [
        ("said", "Rand Paul"),
        ("called", "Rand Paul"),
    ]
    assert quotes[0].text == "the tax plan would give money to undocumented immigrants"


def test_continuation_after_another_speakers_statement_is_theirs(nlp):
    """“A,” said Keller. Lee said X. “B.”: B is Lee's, not folded into Keller's statement."""
    text = (
        "“The budget is balanced,” said Mayor Tom Keller. Councilwoman Ann Lee said the "
        "numbers did not add up. “We will vote no.”"
    )
    quotes = find_quotes(text, nlp=nlp)
    assert [(q.text, q.speaker_entity) for q in quotes] == [
        ("The budget is balanced,", "Tom Keller"),
        ("the numbers did not add up", "Ann Lee"),
        ("We will vote no.", "Ann Lee"),
    ]


def test_speech_and_stances_are_typed_apart(nlp):
    """Said, told and quoted words are speech; expecting, wanting and deciding are not."""
    text = (
        "Mayor Ann Lo said the bridge would reopen in May. "
        "Lo expects the repairs to cost $4 million. "
        "“We cannot wait any longer,” Tom Reyes told reporters. "
        "The council decided to delay the vote."
    )
    types = {q.cue: q.type for q in find_quotes(text, nlp=nlp)}
    assert types["said"] == "speech"
    assert types["told"] == "speech"
    assert types["expects"] == "other"
    assert types.get("decided", "other") == "other"


def test_split_quotation_keeps_the_spans_of_its_parts(nlp):
    """“A,” she said. “B.” is one statement whose parts' words, joined, are its text."""
    text = "“We will rebuild the bridge,” Mayor Ann Lo said. “It is our first job.”"
    q = _one(nlp, text)
    assert [text[a:b] for a, b in q.parts] == [
        "We will rebuild the bridge,",
        "It is our first job.",
    ]
    assert q.text == " ".join(text[a:b] for a, b in q.parts)


def test_quotation_signed_with_a_dash_is_the_named_persons(nlp):
    """“...” — Mayor Ann Lo: the dash stands for "said", even after another speaker."""
    text = (
        "Tom Reyes said the vote was close.\n\n"
        "“We will rebuild the bridge before the spring floods come back.” — Mayor Ann Lo"
    )
    q = next(q for q in find_quotes(text, nlp=nlp) if "rebuild" in q.text)
    assert (q.speaker_entity, q.type, q.cue) == ("Ann Lo", "speech", "—")


def test_passive_verb_of_saying_reports_its_subject(nlp):
    """ "The move was first reported by MSNBC": the subject is what was said, the agent said it."""
    text = (
        "Martin O'Malley will leave the race on Monday. "
        "O'Malley's decision to withdraw was first reported by MSNBC."
    )
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == "reported")
    assert q.text == "O'Malley's decision to withdraw"
    assert (q.speaker, q.type) == ("MSNBC", "speech")


def test_passive_verb_of_addressing_reports_its_complement(nlp):
    """ "He was asked about the loan": what was asked, not who was asked."""
    text = "At the town hall, Ted Cruz was asked about a loan from Goldman Sachs."
    q = next(q for q in find_quotes(text, nlp=nlp) if q.cue == "asked")
    assert q.text == "a loan from Goldman Sachs"


def test_passive_verb_that_is_not_saying_attributes_nothing(nlp):
    """ "The bill was passed by the Senate" reports no statement."""
    assert find_quotes("The bill was passed by the Senate on Tuesday.", nlp=nlp) == ()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Asked whether he would fire the writer, Reince Priebus said, “Probably.”", "Probably."),
        ("Asked if she would vote for the deal, Senator Ann Lee replied: “Never!”", "Never!"),
    ],
)
def test_short_quotation_closing_its_sentence_after_the_cue_is_said(nlp, text, words):
    """He said, “Probably.”: one word, but what was said, not a scare quote."""
    q = next(q for q in find_quotes(text, nlp=nlp) if q.kind == "direct")
    assert (q.text, q.type) == (words, "speech")


def test_scare_quote_running_on_is_not_a_statement(nlp):
    """Called it a “witch hunt” and left: the phrase does not close the sentence."""
    text = "Trey Gowdy said, “witch hunt” was the word Democrats used for the inquiry."
    assert all(q.text != "witch hunt" for q in find_quotes(text, nlp=nlp))


def test_continuation_after_a_no_break_space_is_the_same_statement(nlp):
    """“A,” X said.\u00a0“B.”: scraped text separates sentences with no-break spaces."""
    text = (
        "“Well, I like him,” Donald Trump said on the radio on Tuesday.\u00a0"
        "“He has backed everything I have said about the border.”"
    )
    q = _one(nlp, text)
    assert q.speaker_entity == "Donald Trump"
    assert q.text.endswith("about the border.”".rstrip("”"))


def test_unquoted_colon_line_is_other_and_quoted_one_speech(nlp):
    """A "Source: words" line with no quotation marks has no verb of saying: `other`."""
    text = (
        "Lindsey Graham: Trump's rhetoric is destroying the party's chance in November\n\n"
        "Republican pollster Daron Shaw: “Voters have made up their minds about both of them.”\n\n"
        "Hillary Clinton: Trump's view of the world is ‘dangerously wrong’\n\n"
        "Q: Do you think a socialist can win a general election in this country?"
    )
    types = {q.text[:14]: q.type for q in find_quotes(text, nlp=nlp)}
    assert types["Trump's rhetor"] == "other"
    assert types["Voters have ma"] == "speech"
    assert types["Trump's view o"] == "speech"
    assert types.get("Do you think a", "other") == "other"


def test_speech_word_used_as_a_noun_is_no_cue(nlp):
    """ "Ted Cruz won his home state of Texas": "state" here is a noun, not a verb of saying."""
    quotes = find_quotes("Ted Cruz won Oklahoma and his home state of Texas on Tuesday.", nlp=nlp)
    assert all(q.cue != "state" for q in quotes)


def test_markup_left_in_the_text_is_no_cue(nlp):
    """An embedded tweet's tag ("<tweet author=...>") is markup, not the verb "tweet"."""
    text = (
        "Republicans offered their prayers to the victims and the first responders:\n\n"
        '<tweet pic="" author="GovMikeHuckabee" timestamp="1449075600" '
        'tweet_id="672151859491016704">Praying for those impacted by the shooting.</tweet>.'
    )
    assert all(q.cue.lower() != "tweet" for q in find_quotes(text, nlp=nlp))

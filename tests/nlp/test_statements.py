"""Tests of newsdesk.nlp.statements: CAMEO statement types, actors, targets and evidence (issue 3)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED, hand_mentions
from newsdesk.errors import ConfigError
from newsdesk.model import CAMEO_CODES, Cue, Mention, Quote, Speaker, Statement
from newsdesk.nlp.reported import load_reported_finder
from newsdesk.nlp.sentences import split_sentences
from newsdesk.nlp.statements import StatementClassifier, load_statement_classifier


_mentions = hand_mentions


def _reported(lang: str, text: str, names: dict[str, tuple[str, str]]) -> tuple[list[Quote], list[Statement]]:
    """Indirect quotes found by the reported-speech finder, then their statements."""
    mentions = _mentions(text, names)
    quotes = load_reported_finder(lang)(text, split_sentences(text, lang), mentions, ())
    return quotes, load_statement_classifier(lang)(text, quotes, mentions)


def _direct(text: str, content: str, speaker: str, cue: str, lemma: str, key: str | None) -> Quote:
    """A direct quotation built by hand, as the direct-quote finder would give it."""
    s, p, c = text.index(content), text.index(speaker), text.index(cue)
    return Quote("direct", s, s + len(content), content,
                 speaker=Speaker(p, p + len(speaker), speaker, key, speaker if key else None),
                 cue=Cue(c, c + len(cue), cue, lemma))


STOLTENBERG = {"Stoltenberg": ("PER", "per:stoltenberg"), "Jens Stoltenberg": ("PER", "per:stoltenberg")}

# (lang, text, known mentions, expected (type, cameo, actor key, target key, evidence text))
REPORTED_CASES = [
    ("en", "Jens Stoltenberg called on Russia to withdraw its troops from Georgia and Moldova.",
     {**STOLTENBERG, "Russia": ("LOC", "loc:russia")},
     ("APPEAL", "02", "per:stoltenberg", "loc:russia",
      "called on Russia to withdraw its troops from Georgia and Moldova")),
    ("en", "Biden urged the leaders of Russia to de-escalate immediately.",
     {"Biden": ("PER", "per:biden"), "Russia": ("LOC", "loc:russia")},
     ("APPEAL", "02", "per:biden", "loc:russia", "urged the leaders of Russia to de-escalate immediately")),
    ("en", "Stoltenberg proposed to resume mutual briefings on exercises.", STOLTENBERG,
     ("PROPOSE", "02", "per:stoltenberg", None, "proposed to resume mutual briefings on exercises")),
    ("en", "Stoltenberg warned Moscow that any new aggression would have a high price.",
     {**STOLTENBERG, "Moscow": ("LOC", "loc:moscow")},
     ("THREATEN", "13", "per:stoltenberg", "loc:moscow",
      "warned Moscow that any new aggression would have a high price")),
    ("en", "The Kremlin refused to comment on the report.", {"Kremlin": ("ORG", "org:kremlin")},
     ("REJECT", "12", "org:kremlin", None, "refused to comment on the report")),
    ("en", "Stoltenberg said that Russia must withdraw its troops.", {**STOLTENBERG, "Russia": ("LOC", "loc:russia")},
     ("DEMAND", "10", "per:stoltenberg", "loc:russia", "said that Russia must withdraw its troops")),
    ("en", "Stoltenberg said that the alliance would keep its doors open.", STOLTENBERG,
     ("STATEMENT", "01", "per:stoltenberg", None, "said that the alliance would keep its doors open")),
    ("en", "Macron promised to send more aid to Kyiv.", {"Macron": ("PER", "per:macron"), "Kyiv": ("LOC", "loc:kyiv")},
     ("EXPRESS_INTENT_TO_COOPERATE", "03", "per:macron", "loc:kyiv", "promised to send more aid to Kyiv")),
    ("ru", "Путин призвал Украину прекратить огонь.",
     {"Путин": ("PER", "per:putin"), "Украину": ("LOC", "loc:ukraine")},
     ("APPEAL", "02", "per:putin", "loc:ukraine", "призвал Украину прекратить огонь")),
    ("ru", "Лавров пригрозил ввести ответные санкции.", {"Лавров": ("PER", "per:lavrov")},
     ("THREATEN", "13", "per:lavrov", None, "пригрозил ввести ответные санкции")),
    ("ru", "Песков заявил, что Киев должен отвести войска.",
     {"Песков": ("PER", "per:peskov"), "Киев": ("LOC", "loc:kyiv")},
     ("DEMAND", "10", "per:peskov", "loc:kyiv", "заявил, что Киев должен отвести войска")),
    ("ru", "Песков заявил журналистам, что Кремль не комментирует эти сообщения.", {"Песков": ("PER", "per:peskov")},
     ("STATEMENT", "01", "per:peskov", None, "заявил журналистам, что Кремль не комментирует эти сообщения")),
    ("uk", "Столтенберг закликав Росію вивести війська з Грузії та Молдови.",
     {"Столтенберг": ("PER", "per:stoltenberg"), "Росію": ("LOC", "loc:russia")},
     ("APPEAL", "02", "per:stoltenberg", "loc:russia", "закликав Росію вивести війська з Грузії та Молдови")),
    ("uk", "Кулеба відмовився коментувати ці повідомлення.", {"Кулеба": ("PER", "per:kuleba")},
     ("REJECT", "12", "per:kuleba", None, "відмовився коментувати ці повідомлення")),
    ("uk", "Столтенберг запропонував відновити взаємні брифінги щодо навчань.",
     {"Столтенберг": ("PER", "per:stoltenberg")},
     ("PROPOSE", "02", "per:stoltenberg", None, "запропонував відновити взаємні брифінги щодо навчань")),
]


@pytest.mark.parametrize(("lang", "text", "names", "expected"), REPORTED_CASES,
                         ids=[c[1][:40] for c in REPORTED_CASES])
def test_reported_cases(lang, text, names, expected) -> None:
    quotes, statements = _reported(lang, text, names)
    assert len(quotes) == 1 and len(statements) == 1
    (s,) = statements
    assert (s.type, s.cameo, s.actor_key, s.target_key, s.text) == expected
    assert s.quote_index == 0


def test_statement_target_for_the_addressee_named_by_the_speaker() -> None:
    text = "Песков заявил журналистам, что Кремль не комментирует эти сообщения."
    (q,), (s,) = _reported("ru", text, {"Песков": ("PER", "per:peskov")})
    assert q.addressee is not None and q.addressee.text == "журналистам"
    assert (s.target_key, s.target_name) == (None, "журналистам")


# (lang, text, content, speaker, cue, cue lemma, mentions, expected (type, target key))
DIRECT_CASES = [
    ("en", "“We strongly condemn the shelling of Kharkiv,” the minister said.",
     "We strongly condemn the shelling of Kharkiv,", "the minister", "said", "say",
     {"Kharkiv": ("LOC", "loc:kharkiv")}, ("DISAPPROVE", "loc:kharkiv")),
    ("en", "“We reject these accusations,” the spokesman said.", "We reject these accusations,", "the spokesman",
     "said", "say", {}, ("REJECT", None)),
    ("en", "“Russia should refrain from coercive force posturing,” Stoltenberg stated.",
     "Russia should refrain from coercive force posturing,", "Stoltenberg", "stated", "state",
     {**STOLTENBERG, "Russia": ("LOC", "loc:russia")}, ("APPEAL", "loc:russia")),
    ("en", "“Any attack would bring serious consequences,” Stoltenberg said.",
     "Any attack would bring serious consequences,", "Stoltenberg", "said", "say", STOLTENBERG, ("THREATEN", None)),
    ("en", "“The weather was fine,” Stoltenberg said.", "The weather was fine,", "Stoltenberg", "said", "say",
     STOLTENBERG, ("STATEMENT", None)),
    ("ru", "«Мы осуждаем обстрел Харькова», — заявил министр.", "Мы осуждаем обстрел Харькова", "министр", "заявил",
     "заявить", {"Харькова": ("LOC", "loc:kharkiv")}, ("DISAPPROVE", "loc:kharkiv")),
    ("ru", "«Мы готовы к диалогу с НАТО», — сказал Лавров.", "Мы готовы к диалогу с НАТО", "Лавров", "сказал",
     "сказать", {"Лавров": ("PER", "per:lavrov"), "НАТО": ("ORG", "org:nato")},
     ("EXPRESS_INTENT_TO_COOPERATE", "org:nato")),
    ("uk", "«Ми засуджуємо обстріл Харкова», — заявив міністр.", "Ми засуджуємо обстріл Харкова", "міністр", "заявив",
     "заявити", {"Харкова": ("LOC", "loc:kharkiv")}, ("DISAPPROVE", "loc:kharkiv")),
    ("uk", "«Росія повинна вивести війська», — сказав Столтенберг.", "Росія повинна вивести війська", "Столтенберг",
     "сказав", "сказати", {"Столтенберг": ("PER", "per:stoltenberg"), "Росія": ("LOC", "loc:russia")},
     ("DEMAND", "loc:russia")),
]


@pytest.mark.parametrize(("lang", "text", "content", "speaker", "cue", "lemma", "names", "expected"), DIRECT_CASES,
                         ids=[c[1][:40] for c in DIRECT_CASES])
def test_direct_quotes_are_typed_by_their_content(lang, text, content, speaker, cue, lemma, names, expected) -> None:
    mentions = _mentions(text, names)
    key = next((m.key for m in mentions if m.text == speaker), None)
    quote = _direct(text, content, speaker, cue, lemma, key)
    (s,) = load_statement_classifier(lang)(text, [quote], mentions)
    assert (s.type, s.target_key) == expected
    assert s.cameo == CAMEO_CODES[s.type]
    assert s.actor_key == key and s.actor_name == speaker
    # evidence: from the content to the trailing cue
    assert s.start == quote.start and s.end == quote.cue.end and s.text == text[s.start:s.end]


@pytest.mark.parametrize(("lang", "text", "names", "expected"), [
    ("en", "Stoltenberg warned that the talks had stalled.", STOLTENBERG, "STATEMENT"),
    ("en", "Stoltenberg warned that profits would fall next year.", STOLTENBERG, "STATEMENT"),
    ("en", "Stoltenberg warned that Russia would face serious consequences.", STOLTENBERG, "THREATEN"),
    ("ru", "Песков предупредил, что цены будут расти.", {"Песков": ("PER", "per:peskov")}, "STATEMENT"),
    ("ru", "Песков предупредил, что мы ответим на любые санкции.", {"Песков": ("PER", "per:peskov")}, "THREATEN"),
    ("uk", "Кулеба попередив, що ціни будуть зростати.", {"Кулеба": ("PER", "per:kuleba")}, "STATEMENT"),
])
def test_a_warning_is_a_threat_only_with_an_action_or_price_to_come(lang, text, names, expected) -> None:
    (_,), (s,) = _reported(lang, text, names)
    assert s.type == expected


def test_quote_without_speaker_or_cue_still_gets_a_statement() -> None:
    text = "“Nothing has been decided.”"
    quote = Quote("direct", 1, len(text) - 1, text[1:-1])
    (s,) = load_statement_classifier("en")(text, [quote], [])
    assert (s.type, s.cameo, s.actor_key, s.actor_name, s.target_key) == ("STATEMENT", "01", None, None, None)
    assert (s.start, s.end) == (quote.start, quote.end)


# --- the seed document (issue 3): end to end through the pipeline --------------------------------------------------


@pytest.fixture(scope="module")
def seed_statements(pipeline):
    from newsdesk.model import Article
    from newsdesk.read import iter_documents

    (doc,) = list(iter_documents([str(SEED)]))
    article = pipeline.process(doc)
    assert isinstance(article, Article), article
    return article, load_statement_classifier(article.lang)(article.text, article.quotes, article.entities)


def test_seed_every_quote_gets_a_statement(seed_statements) -> None:
    article, statements = seed_statements
    assert [s.quote_index for s in statements] == list(range(len(article.quotes)))
    for s in statements:
        assert article.text[s.start:s.end] == s.text and s.cameo == CAMEO_CODES[s.type]


def test_seed_call_on_russia_to_withdraw(seed_statements) -> None:
    article, statements = seed_statements
    (s,) = [s for s in statements if "withdraw its troops from Georgia, Moldova" in s.text]
    assert s.type in ("APPEAL", "DEMAND")
    assert s.actor_name == "Jens Stoltenberg" and s.target_name == "Russia"
    assert s.text.startswith("called on Russia to withdraw")
    quote = article.quotes[s.quote_index]
    assert quote.addressee is not None and quote.addressee.text == "Russia"


def test_seed_proposal_to_resume_briefings(seed_statements) -> None:
    _, statements = seed_statements
    (s,) = [s for s in statements if "resume mutual briefings" in s.text]
    assert s.type == "PROPOSE" and s.cameo == "02"
    assert s.actor_name == "Jens Stoltenberg"
    assert s.text.startswith("proposed to resume mutual briefings")


def test_seed_headline_records_russias_demand_with_nato_as_target(seed_statements) -> None:
    article, _ = seed_statements
    title_events = [s for s in article.statements if s.field == "title"]
    assert [(s.type, s.cameo, s.actor_name, s.target_name, s.quote_index) for s in title_events] == [
        ("DEMAND", "10", "Russia", "NATO", None)
    ]
    (s,) = title_events
    assert article.title[s.start:s.end] == s.text == "responded to Russia's demand"


# --- speech acts named by a noun, outside quotations ---------------------------------------------------------------

EVENTS = [
    ("en", "NATO responded to Russia's demand of security guarantees.", {"NATO": ("ORG", "org:nato"),
     "Russia": ("LOC", "loc:russia")}, [("DEMAND", "loc:russia", "org:nato")]),
    ("en", "The minister spoke in response to the ultimatum issued by Moscow on Friday.",
     {"Moscow": ("LOC", "loc:moscow")}, [("DEMAND", "loc:moscow", None)]),
    ("en", "Russia's call to resume talks surprised diplomats.", {"Russia": ("LOC", "loc:russia")},
     [("APPEAL", "loc:russia", None)]),
    ("en", "China's demand for oil grew again in May.", {"China": ("LOC", "loc:china")}, []),
    ("ru", "НАТО ответило на требование России о гарантиях безопасности.",
     {"НАТО": ("ORG", "org:nato"), "России": ("LOC", "loc:russia")}, [("DEMAND", "loc:russia", "org:nato")]),
    ("uk", "НАТО відповіло на вимогу Росії щодо гарантій безпеки.",
     {"НАТО": ("ORG", "org:nato"), "Росії": ("LOC", "loc:russia")}, [("DEMAND", "loc:russia", "org:nato")]),
    ("uk", "Попит Китаю на нафту зріс.", {"Китаю": ("LOC", "loc:china")}, []),
]


@pytest.mark.parametrize(("lang", "text", "names", "expected"), EVENTS, ids=[f"{c[0]}-{i}" for i, c in enumerate(EVENTS)])
def test_speech_act_nouns_make_statements(lang, text, names, expected) -> None:
    mentions = hand_mentions(text, names)
    events = load_statement_classifier(lang).events(text, split_sentences(text, lang), mentions)
    assert [(s.type, s.actor_key, s.target_key) for s in events] == expected
    for s in events:
        assert text[s.start:s.end] == s.text and s.quote_index is None and s.field == "text"


# --- contract -------------------------------------------------------------------------------------------------------


def test_unsupported_language_raises() -> None:
    with pytest.raises(ConfigError):
        StatementClassifier("de")


def test_ua_alias_and_cache() -> None:
    assert load_statement_classifier("ua") is load_statement_classifier("uk")


def test_every_data_file_type_has_a_cameo_code() -> None:
    for lang in ("en", "ru", "uk"):
        data = load_statement_classifier(lang).data
        kinds = set(data.cues.values()) | set(data.warnings.values()) | {k for _, k in data.content + data.modals}
        assert kinds and kinds <= set(CAMEO_CODES)


_WORDS = ["Stoltenberg", "called", "on", "Russia", "to", "withdraw", "said", "that", "must", "should", "warned",
          "would", "refused", "proposed", "“", "”", ",", ".", "закликав", "Росію", "вивести", "заявив", "що", "\n\n"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from(["en", "ru", "uk"]))
def test_offsets_property(words: list[str], lang: str) -> None:
    text = " ".join(words).strip()
    names = {"Stoltenberg": ("PER", "per:stoltenberg"), "Russia": ("LOC", "loc:russia"), "Росію": ("LOC", "loc:ru")}
    mentions = _mentions(text, names)
    quotes = load_reported_finder(lang)(text, split_sentences(text, lang) if text else [], mentions, ())
    statements = load_statement_classifier(lang)(text, quotes, mentions)
    assert len(statements) == len(quotes)
    for i, (q, s) in enumerate(zip(quotes, statements)):
        assert s.quote_index == i and s.cameo == CAMEO_CODES[s.type]
        assert 0 <= s.start <= q.start < q.end <= s.end <= len(text) and text[s.start:s.end] == s.text
        if q.addressee is not None:
            assert text[q.addressee.start:q.addressee.end] == q.addressee.text


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Senator Maria Lopez called the plan \u201ca dead end\u201d on Tuesday.", "DISAPPROVE"),
        ("en", "Senator Maria Lopez described the deal as \u201ca disaster for workers\u201d.", "DISAPPROVE"),
        ("ru", "Министр Сергей Лавров назвал заявление «абсурдом».", "DISAPPROVE"),
        ("uk", "Міністр Дмитро Кулеба назвав заяву «цинічною брехнею».", "DISAPPROVE"),
        ("en", "Senator Maria Lopez called the plan \u201ca good start\u201d on Tuesday.", "STATEMENT"),
        ("ru", "Министр Сергей Лавров назвал переговоры «полезными».", "STATEMENT"),
    ],
)
def test_a_naming_verdict_of_blame_is_disapproval(pipeline, lang, text, expected) -> None:
    from newsdesk.model import RawDocument

    article = pipeline.process(RawDocument(source="test", text=text), lang=lang)
    (quote,) = [q for q in article.quotes if q.kind == "mixed"]
    assert quote.cue is not None and quote.cue.lemma in load_statement_classifier(lang).data.naming
    (statement,) = [s for s in article.statements if s.quote_index == article.quotes.index(quote)]
    assert statement.type == expected and statement.cameo == CAMEO_CODES[expected]


def test_a_verdict_word_in_a_plain_statement_is_no_disapproval() -> None:
    text = "\u201cThe flood was a disaster for the valley,\u201d the mayor said."
    quote = _direct(text, "The flood was a disaster for the valley,", "the mayor", "said", "say", None)
    (statement,) = load_statement_classifier("en")(text, [quote], [])
    assert statement.type == "STATEMENT"



# (lang, negated text, the same act asserted, cue word, cue lemma, type of the asserted act)
NEGATED_CASES = [
    ("en", "Stoltenberg did not call on Russia to withdraw its troops.",
     "Stoltenberg did call on Russia to withdraw its troops.", "call on", "call on", "APPEAL"),
    ("en", "Stoltenberg has never urged Russia to withdraw its troops.",
     "Stoltenberg has urged Russia to withdraw its troops.", "urged", "urge", "APPEAL"),
    ("en", "Stoltenberg didn't demand that Russia withdraw its troops.",
     "Stoltenberg did demand that Russia withdraw its troops.", "demand", "demand", "DEMAND"),
    ("ru", "Столтенберг не призвал Россию вывести войска.",
     "Столтенберг вновь призвал Россию вывести войска.", "призвал", "призвать", "APPEAL"),
    ("ru", "Столтенберг так и не потребовал, чтобы Россия вывела войска.",
     "Столтенберг также потребовал, чтобы Россия вывела войска.", "потребовал", "потребовать", "DEMAND"),
    ("uk", "Столтенберг не закликав Росію вивести війська.",
     "Столтенберг знову закликав Росію вивести війська.", "закликав", "закликати", "APPEAL"),
]


def _typed(lang: str, text: str, cue: str, lemma: str) -> str:
    """The statement type of the quotation that runs from after ``cue`` to the final full stop."""
    c = text.index(cue)
    s = c + len(cue) + 1
    quote = Quote("indirect", s, len(text) - 1, text[s:-1], cue=Cue(c, c + len(cue), cue, lemma))
    return load_statement_classifier(lang)(text, [quote], [])[0].type


@pytest.mark.parametrize("lang,negated,asserted,cue,lemma,kind", NEGATED_CASES)
def test_a_denied_cue_makes_a_neutral_statement(lang, negated, asserted, cue, lemma, kind):
    assert _typed(lang, asserted, cue, lemma) == kind
    assert _typed(lang, negated, cue, lemma) == "STATEMENT"


@pytest.mark.parametrize("lang,text,cue,lemma,kind", [
    ("en", "Stoltenberg did not hesitate to call on Russia to withdraw its troops.", "call on", "call on", "APPEAL"),
    ("en", "Stoltenberg did not merely call on Russia to withdraw its troops.", "call on", "call on", "APPEAL"),
    ("en", "Stoltenberg cannot urge Russia to withdraw its troops.", "urge", "urge", "STATEMENT"),
    ("ru", "Столтенберг не раз призывал Россию вывести войска.", "призывал", "призывать", "APPEAL"),
    ("ru", "Столтенберг не мог не призвать Россию вывести войска.", "призвать", "призвать", "APPEAL"),
    ("ru", "Не случайно Столтенберг призвал Россию вывести войска.", "призвал", "призвать", "APPEAL"),
    ("ru", "Столтенберг не устает призывать Россию вывести войска.", "призывать", "призывать", "APPEAL"),
    ("uk", "Столтенберг не міг не закликати Росію вивести війська.", "закликати", "закликати", "APPEAL"),
    ("uk", "Не випадково Столтенберг закликав Росію вивести війська.", "закликав", "закликати", "APPEAL"),
    ("uk", "Столтенберг не втомлюється закликати Росію вивести війська.", "закликати", "закликати", "APPEAL"),
])
def test_idioms_with_a_negation_word_that_assert_the_act(lang, text, cue, lemma, kind):
    assert _typed(lang, text, cue, lemma) == kind


def test_not_only_keeps_the_act():
    assert _typed("en", "Stoltenberg not only urged Russia to withdraw its troops.", "urged", "urge") == "APPEAL"


def test_a_negation_before_the_cues_clause_does_not_deny_it():
    text = "It was not planned, but Stoltenberg urged Russia to withdraw its troops."
    assert _typed("en", text, "urged", "urge") == "APPEAL"


def test_not_only_is_found_and_keeps_the_act(pipeline):
    from newsdesk.model import RawDocument

    text = "Stoltenberg not only urged Russia to withdraw its troops."
    article = pipeline.process(RawDocument(source="test:not-only", text=text), lang="en")
    assert [(q.text, q.speaker.text) for q in article.quotes] == [("to withdraw its troops", "Stoltenberg")]
    assert [s.type for s in article.statements] == ["APPEAL"]

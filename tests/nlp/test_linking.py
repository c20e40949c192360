"""Linking keys: transliteration, name_key across en/ru/uk, per-document linking, queries."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.model import Mention
from newsdesk.nlp.linking import key_matches, link_mentions, name_key, query_needle, transliterate


@pytest.mark.parametrize(
    ("cyrillic", "lang", "latin"),
    [
        ("Йенс Столтенберг", None, "Yens Stoltenberg"),  # Russian, BGN/PCGN
        ("Київ", None, "Kyiv"),  # Ukrainian national system 2010: ї after a consonant is i
        ("Зеленський", "uk", "Zelenskyi"),  # и is y, й after a vowel i
        ("Зеленский", None, "Zelenskiy"),  # the same name in Russian
        ("Щербаков", None, "Shcherbakov"),
        ("Юлія", None, "Yuliia"),  # uk: ю word-initial yu, я after a letter ia
        ("Горбачёв", None, "Gorbachev"),  # ё written e
        ("м'ясо", "uk", "miaso"),  # the Ukrainian apostrophe is not written
        ("Łódź Müller", None, "Lodz Muller"),  # Latin diacritics stripped
    ],
)
def test_transliterate(cyrillic: str, lang: str | None, latin: str) -> None:
    assert transliterate(cyrillic, lang) == latin


def test_transliterate_language_choice() -> None:
    # г is h in Ukrainian, g in Russian; the letters і ї є ґ mark Ukrainian text
    assert transliterate("Гага", lang="uk") == "Haha"
    assert transliterate("Гага", lang="ru") == "Gaga"
    assert transliterate("Гілларі") == "Hillari"


@pytest.mark.parametrize(
    ("english", "russian", "ukrainian", "key"),
    [
        ("Stoltenberg", "Столтенберг", "Столтенберг", "stoltenberg"),
        ("Jens Stoltenberg", "Йенс Столтенберг", "Єнс Столтенберг", "jens stoltenberg"),
        ("Zelensky", "Зеленский", "Зеленський", "zelenski"),
        ("Zelenskyy", "Зеленский", "Зеленський", "zelenski"),
        ("John", "Джон", "Джон", "jon"),
        ("Hillary", "Хиллари", "Гілларі", "gilari"),
        ("Kennedy", "Кеннеди", "Кеннеді", "kenedi"),
        ("Maria", "Мария", "Марія", "maria"),
        ("Yanukovych", "Янукович", "Янукович", "janukovich"),
        ("Yulia Tymoshenko", "Юлия Тимошенко", "Юлія Тимошенко", "julia timoshenko"),
        ("Denys Shmyhal", "Денис Шмыгаль", "Денис Шмигаль", "denis shmigal"),
        ("Navalny", "Навальный", "Навальний", "navalni"),
        ("Merkel", "Меркель", "Меркель", "merkel"),
        ("NATO", "НАТО", "НАТО", "nato"),
        ("San Diego", "Сан-Диего", "Сан-Дієго", "san dego"),
    ],
)
def test_name_key_meets_across_languages(english: str, russian: str, ukrainian: str, key: str) -> None:
    assert name_key(english) == name_key(russian) == name_key(ukrainian) == key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kiev", "Київ"),  # different names of one city (the gazetteer links places instead)
        ("Vladimir", "Володимир"),
        ("Biden", "Байден"),  # English spelling does not show the vowel
        ("UN", "ООН"),
    ],
)
def test_name_key_documented_misses(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def test_name_key_punctuation_and_case() -> None:
    assert name_key("O'Neill") == name_key("ONEILL") == "oneil"
    assert name_key("Jean-Claude  Juncker") == name_key("jean claude juncker")
    assert name_key("  ") == ""


_LETTERS = string.ascii_letters + "АБВГҐДЕЁЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя '-"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_LETTERS, max_size=40))
def test_name_key_is_ascii_and_case_blind(name: str) -> None:
    key = name_key(name)
    assert set(key) <= set(string.ascii_lowercase + string.digits + " ")
    assert key == key.strip() and "  " not in key
    assert name_key(name.upper()) == key == name_key(name.lower())


@given(st.text(max_size=60))
def test_transliterate_output_is_ascii(text: str) -> None:
    assert transliterate(text).isascii()


def _m(start: int, text: str, label: str = "PER", lemma: str | None = None, key: str = "") -> Mention:
    return Mention(start, start + len(text), text, label, lemma or text, key)  # type: ignore[arg-type]


def test_link_mentions_folds_surname_into_full_name() -> None:
    linked = link_mentions([_m(0, "Jens Stoltenberg"), _m(40, "Stoltenberg"), _m(60, "Russia", "LOC")])
    assert [m.key for m in linked] == ["per:jens stoltenberg", "per:jens stoltenberg", "loc:rusia"]
    assert [m.name for m in linked] == ["Jens Stoltenberg", "Jens Stoltenberg", "Russia"]


def test_a_hyphenated_surname_joins_the_name_it_ends() -> None:
    linked = link_mentions([_m(0, "Tim Berners-Lee"), _m(50, "Berners-Lee"), _m(70, "Lee Smith"), _m(90, "Lee")])
    assert [m.key for m in linked] == ["per:tim berners le"] * 2 + ["per:le smit"] * 2
    ru = link_mentions([_m(0, "Тим Бернерс-Ли"), _m(40, "Бернерс-Ли")])
    assert {m.key for m in ru} == {"per:tim berners li"}


def test_a_surname_prefers_the_name_it_ends_to_one_it_ends_after_a_hyphen() -> None:
    # the father named nearer, his hyphenated surname ending in the son's: "Daley" is still the son
    linked = link_mentions([_m(0, "Tom Daley"), _m(40, "Robert Ray Black-Daley"), _m(90, "Daley")])
    assert linked[2].key == linked[0].key == "per:tom dalei"
    # with no such name, the hyphenated one is taken as before
    alone = link_mentions([_m(0, "Robert Ray Black-Daley"), _m(40, "Daley")])
    assert alone[1].key == alone[0].key


def test_titles_of_office_and_occupation_are_not_part_of_the_key() -> None:
    linked = link_mentions([_m(0, "Конгрессвумен Максин Уотерс"), _m(40, "Golfer Thomas Bjorn")])
    assert [m.key for m in linked] == ["per:maksin uoters", "per:tomas bjorn"]


def test_link_mentions_uses_lemma_not_surface() -> None:
    linked = link_mentions([_m(0, "Йенс Столтенберг"), _m(30, "Столтенберга", lemma="Столтенберг")])
    assert {m.key for m in linked} == {"per:jens stoltenberg"}
    assert linked[1].name == "Йенс Столтенберг"


def test_a_surname_shared_by_two_names_introduced_together_stays_its_own() -> None:
    # "Ivan Ivanov and Petr Ivanov declined to comment. ... Ivanov said": which one is not written
    together = link_mentions([_m(0, "Ivan Ivanov"), _m(16, "Petr Ivanov"), _m(80, "Ivanov")])
    assert [m.key for m in together] == ["per:ivan ivanov", "per:petr ivanov", "per:ivanov"]
    # introduced apart, the nearest before wins
    apart = link_mentions([_m(0, "Ivan Ivanov"), _m(60, "Petr Ivanov"), _m(120, "Ivanov")])
    assert apart[2].key == "per:petr ivanov"


def test_a_role_name_joins_the_organisation_the_document_names() -> None:
    # "NATO ... the Alliance ... the Alliance's members": en; Russian and Ukrainian by lemma (Альянса -> Альянс)
    linked = link_mentions([_m(0, "NATO", "ORG", key="org:nato"), _m(30, "Alliance", "ORG"), _m(60, "Alliance", "MISC")])
    assert [(m.key, m.label, m.name) for m in linked] == [("org:nato", "ORG", "NATO")] * 3
    linked = link_mentions([_m(0, "НАТО", "ORG", key="org:nato"), _m(30, "Альянса", "ORG", lemma="Альянс")])
    assert [(m.key, m.name) for m in linked] == [("org:nato", "НАТО")] * 2


def test_a_role_name_without_its_organisation_stays_itself() -> None:
    (alliance,) = link_mentions([_m(30, "Alliance", "ORG")])  # a party called Alliance, NATO unnamed
    assert (alliance.key, alliance.name) == ("org:alianse", "Alliance")


def test_link_mentions_keeps_given_keys_and_labels_apart() -> None:
    linked = link_mentions([_m(0, "Росії", "LOC", "Росія", key="loc:rusia"), _m(10, "Georgia", "PER")])
    assert linked[0].key == "loc:rusia"
    assert linked[1].key == "per:georgia"  # a PER named Georgia is not the place


def test_link_mentions_nearest_preceding_full_name_wins() -> None:
    linked = link_mentions(
        [_m(0, "John Smith"), _m(20, "Smith"), _m(40, "Anna Smith"), _m(60, "Smith"), _m(80, "Anna")]
    )
    assert [m.key for m in linked] == [
        "per:jon smit", "per:jon smit", "per:ana smit", "per:ana smit", "per:ana smit",
    ]


def test_link_mentions_surname_before_full_name() -> None:
    linked = link_mentions([_m(0, "Stoltenberg"), _m(30, "Jens Stoltenberg")])
    assert linked[0].key == linked[1].key == "per:jens stoltenberg"


@pytest.mark.parametrize(
    ("query", "key", "expected"),
    [
        ("Столтенберг", "per:jens stoltenberg", True),
        ("Stoltenberg", "per:jens stoltenberg", True),
        ("Єнс Столтенберг", "per:jens stoltenberg", True),
        ("Jens", "per:jens stoltenberg", True),
        ("Stolt", "per:jens stoltenberg", False),  # whole words only
        ("Berg", "per:jens stoltenberg", False),
        ("per:jens stoltenberg", "per:jens stoltenberg", True),
        ("org:jens stoltenberg", "per:jens stoltenberg", False),
        ("", "per:jens stoltenberg", False),
    ],
)
def test_key_matches(query: str, key: str, expected: bool) -> None:
    assert key_matches(query, key) is expected


def test_query_needle() -> None:
    assert query_needle("Столтенберг") == "stoltenberg"
    assert query_needle("PER:Stoltenberg") == "per:stoltenberg"


# --- the catalogue: countries, capitals, organisations in three languages ----------------------------------

from newsdesk.nlp.linking import (  # noqa: E402
    Candidate,
    blocking_key,
    canonical_name,
    choose_entity,
    known_by_key,
    known_entity,
    lemmatize_mention,
    lemmatize_name,
    same_name,
    same_word,
    script_of,
    skeleton,
    strip_titles,
)


@pytest.mark.parametrize(
    ("names", "key"),
    [
        ((("NATO", "en"), ("НАТО", "ru"), ("НАТО", "uk"), ("North Atlantic Treaty Organization", "en")), "org:nato"),
        ((("EU", "en"), ("ЕС", "ru"), ("ЄС", "uk"), ("Евросоюз", "ru"), ("Європейський Союз", "uk")),
         "org:european union"),
        ((("UN", "en"), ("ООН", "ru"), ("ООН", "uk"), ("United Nations", "en")), "org:united nations"),
        ((("IAEA", "en"), ("МАГАТЭ", "ru"), ("МАГАТЕ", "uk")), "org:iaea"),
        ((("Kyiv", "en"), ("Киев", "ru"), ("Київ", "uk")), "loc:kiv"),
        ((("Ottawa", "en"), ("Оттава", "ru"), ("Оттава", "uk")), "loc:otava"),  # a capital (capitals.txt)
        ((("Ukraine", "en"), ("Украина", "ru"), ("Україна", "uk")), "loc:ukraine"),  # a country (Babel/CLDR)
        ((("Scotland", "en"), ("Шотландия", "ru"), ("Шотландія", "uk")), "loc:skotland"),  # regions.txt
        ((("Europe", "en"), ("Европа", "ru"), ("Європа", "uk")), "loc:europe"),  # a continent (Babel)
        ((("Supreme Court", "en"), ("Верховный суд", "ru"), ("Верховний суд", "uk")), "org:supreme kourt"),
        ((("U.S. Supreme Court", "en"), ("Верховный суд США", "ru"), ("Верховний суд США", "uk")),
         "org:us supreme kourt"),  # the qualified name is not the bare one (any country's)
        ((("GOP", "en"), ("Republican Party", "en"), ("Республиканская партия", "ru"),
          ("Республіканська партія", "uk")), "org:republikan parti"),
        ((("Twitter", "en"), ("Твиттер", "ru"), ("Твіттер", "uk")), "org:tviter"),
        ((("Los Angeles", "en"), ("Лос-Анджелес", "ru"), ("Лос-Анджелес", "uk")), "loc:los angeles"),  # places.txt
        ((("Ohio", "en"), ("Огайо", "ru"), ("Огайо", "uk")), "loc:ogio"),  # a US state (regions.txt)
    ],
)
def test_catalogue_gives_one_key_in_three_languages(names, key) -> None:
    assert {known_entity(name, lang).key for name, lang in names} == {key}  # type: ignore[union-attr]


def test_catalogue_names_per_language_and_precedence() -> None:
    nato = known_by_key("org:nato")
    assert nato is not None and nato.label == "ORG"
    assert (nato.name("en"), nato.name("ru"), nato.name("uk")) == ("NATO", "НАТО", "НАТО")
    eu = known_entity("ЄС", "uk")
    assert eu is not None and eu.name("ru") == "Европейский союз"
    # Алжир names the country and its capital: the country wins; the capital has its own English name
    assert known_entity("Алжир", "ru").name("en") == "Algeria"  # type: ignore[union-attr]
    assert known_entity("Algiers", "en").name("en") == "Algiers"  # type: ignore[union-attr]
    assert known_entity("Jens Stoltenberg", "en") is None


@pytest.mark.parametrize(
    ("name", "lang", "english"),
    [
        ("Евросоюза", "ru", "European Union"),
        ("Європейського Союзу", "uk", "European Union"),
        ("Всемирной организации здравоохранения", "ru", "World Health Organization"),
        ("Шотландії", "uk", "Scotland"),
        ("Киеве", "ru", "Kyiv"),
    ],
)
def test_catalogue_finds_inflected_names(name: str, lang: str, english: str) -> None:
    found = known_entity(name, lang, inflected=True)
    assert found is not None and found.name("en") == english


def test_script_of() -> None:
    assert [script_of(t) for t in ("NATO", "НАТО", "Єнс", "G7", "2024")] == ["Latn", "Cyrl", "Cyrl", "Latn", "Zyyy"]


# --- spelling across languages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "cross", "inflected", "expected"),
    [
        ("trump", "tramp", True, False, True),  # Трамп: English spelling hides the vowel
        ("trump", "tramp", False, False, False),  # within one language a vowel is a different name
        ("biden", "baiden", True, False, True),
        ("mai", "mei", True, False, True),  # May / Мей
        ("vladimir", "volodimir", True, False, True),
        ("kavanaug", "kavano", True, True, True),  # Kavanaugh / Кавано
        ("christine", "kristin", True, False, True),
        ("putin", "patin", False, False, False),
        ("ivanov", "ivanova", True, True, False),  # a woman's surname is another person
        ("milera", "miler", False, True, True),  # a case ending the lemmatiser left (Мілера)
        ("milera", "miler", False, False, False),
        ("shevchenko", "shevchuk", True, True, False),
        ("g7", "g20", True, True, False),
    ],
)
def test_same_word(a: str, b: str, cross: bool, inflected: bool, expected: bool) -> None:
    assert same_word(a, b, cross=cross, inflected=inflected) is expected
    assert same_word(b, a, cross=cross, inflected=inflected) is expected


_KEY_LETTERS = "abcdegiklmnoprstuvz"


@given(st.text(alphabet=_KEY_LETTERS, min_size=1, max_size=12), st.text(alphabet=_KEY_LETTERS, min_size=1, max_size=12))
def test_same_word_is_symmetric_and_reflexive(a: str, b: str) -> None:
    for cross in (True, False):
        assert same_word(a, a, cross=cross)
        assert same_word(a, b, cross=cross, inflected=True) == same_word(b, a, cross=cross, inflected=True)


def test_skeleton_and_blocking_key() -> None:
    assert skeleton("trump") == skeleton("tramp") == "trmp"
    assert skeleton("ivanova") != skeleton("ivanov")
    assert blocking_key("per:donald trump") == blocking_key(name_key("Трамп")) == "trm"
    assert blocking_key("per:bret kavanaug") == blocking_key(name_key("Кавано"))
    assert blocking_key("") == ""


def test_same_name_first_and_last_word_for_people() -> None:
    assert same_name(["vladimir", "vladimirovich", "putin"], ["vladimir", "putin"], cross=True, label="PER")
    assert not same_name(["ivan", "ivanov"], ["petr", "ivanov"], cross=False, label="PER")
    assert not same_name(["european", "union"], ["union"], cross=False, label="ORG")


# --- choosing a stored entity -----------------------------------------------------------------------------

DONALD = Candidate(1, "per:donald trump", "PER", (("donald trump", "en"),))
IVANKA = Candidate(2, "per:ivanka trump", "PER", (("ivanka trump", "en"),))
SURNAME_ONLY = Candidate(3, "per:tramp", "PER", (("tramp", "ru"),))


@pytest.mark.parametrize(
    ("key", "lang", "candidates", "expected", "rename", "reason"),
    [
        ("per:donald trump", "en", [DONALD], 1, False, "key"),
        ("per:donald tramp", "uk", [DONALD], 1, False, "spelling"),  # Дональд Трамп
        ("per:tramp", "ru", [DONALD], 1, False, "surname"),  # Трамп joins the one full name
        ("per:trump", "en", [DONALD, IVANKA], None, False, "ambiguous"),  # two people named Trump
        ("per:donald trump", "en", [SURNAME_ONLY], 3, True, "full name"),  # Трамп stored first takes the name
        ("per:ivanka trump", "en", [DONALD], None, False, "new"),
        ("per:petr ivanov", "ru", [Candidate(4, "per:ivan ivanov", "PER", (("ivan ivanov", "ru"),))], None, False,
         "new"),  # two different full names sharing a surname stay apart
        ("per:jens stoltenberg", "uk", [Candidate(5, "per:jens stoltenberg", "PER")], 5, False, "key"),
        ("per:stoltenberg", "ru", [Candidate(6, "per:jens stoltenberg", "PER", (("jens stoltenberg", "en"),))], 6,
         False, "surname"),
    ],
)
def test_choose_entity(key, lang, candidates, expected, rename, reason) -> None:
    decision = choose_entity(key, "PER", lang, candidates)
    assert (decision.entity_id, decision.rename, decision.reason) == (expected, rename, reason)


def test_choose_entity_keeps_labels_apart_for_short_names_and_joins_long_ones() -> None:
    chad_country = Candidate(7, "loc:chad", "LOC", (("chad", "en"),))
    assert choose_entity("per:chad", "PER", "uk", [chad_country]).entity_id is None  # Чад: too short to cross
    town = Candidate(8, "loc:ensinitas", "LOC", (("ensinitas", "en"),))
    decision = choose_entity("per:ensinitas", "PER", "uk", [town])  # a recognizer labelled Енсінітас PER
    assert (decision.entity_id, decision.reason) == (8, "label")


def test_choose_entity_surname_after_ambiguity_goes_to_its_own_entity() -> None:
    own = Candidate(9, "per:trump", "PER", (("trump", "en"),))
    assert choose_entity("per:trump", "PER", "en", [DONALD, IVANKA, own]).entity_id == 9
    # an alias one of the two full names took earlier does not decide for a bare surname
    donald_with_alias = Candidate(1, "per:donald trump", "PER", (("donald trump", "en"), ("tramp", "ru")))
    assert choose_entity("per:trump", "PER", "en", [donald_with_alias, IVANKA]).reason == "ambiguous"


# --- lemmas for linking -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lang", "lemma"),
    [
        ("Столтенберга", "ru", "столтенберг"),
        ("Терезы", "ru", "тереза"),
        ("Ивановой", "ru", "иванова"),  # not pymorphy3's masculine dictionary form
        ("Путина", "ru", "путин"),
        ("Зеленського", "uk", "зеленський"),
        ("Stoltenberg", "en", "Stoltenberg"),
    ],
)
def test_lemmatize_name(name: str, lang: str, lemma: str) -> None:
    assert lemmatize_name(name, lang) == lemma


def test_lemmatize_mention() -> None:
    assert lemmatize_mention("Евросоюза", "ORG", "ru") == "Европейский союз"
    assert lemmatize_mention("Бориса Джонсона", "PER", "uk") == "Борис Джонсон"
    assert lemmatize_mention("Jens Stoltenberg", "PER", "en") == "Jens Stoltenberg"
    assert name_key(lemmatize_mention("Королевского научного общества", "ORG", "ru")) == name_key(
        lemmatize_mention("Королевское научное общество", "ORG", "ru")
    )


# --- review fixes (issue 4, linking): labels, given names, titles, nominative canonical names -----------------


def test_choose_entity_never_joins_a_person_to_a_place_by_fuzzy_spelling() -> None:
    damascus = Candidate(10, "loc:damaskus", "LOC", (("damask", "ru"), ("damaskus", "en")))
    assert name_key("Адамс") == "adams"
    decision = choose_entity("per:adams", "PER", "uk", [damascus])  # «… — сказав пан Адамс»
    assert (decision.entity_id, decision.reason) == (None, "new")
    # an exact name still crosses labels (a recognizer labelled the town PER)
    assert choose_entity("per:damask", "PER", "uk", [damascus]).entity_id == 10


def test_choose_entity_a_given_name_never_joins_a_full_name_across_documents() -> None:
    black_daley = Candidate(11, "per:robert rai blak dalei", "PER", (("robert rai blak dalei", "en"), ("robert", "en")))
    assert choose_entity("per:robert", "PER", "en", [black_daley]).entity_id is None  # "…," Robert said
    decision = choose_entity("per:dalei", "PER", "en", [black_daley])  # "…," Daley told reporters
    assert (decision.entity_id, decision.reason) == (11, "surname")
    bare = Candidate(12, "per:robert", "PER", (("robert", "en"),))
    assert choose_entity("per:robert", "PER", "en", [black_daley, bare]).entity_id == 12


@pytest.mark.parametrize(
    ("name", "lang", "stripped"),
    [
        ("Президент Дональд Трамп", "ru", "Дональд Трамп"),
        ("Президента Дональда Трампа", None, "Дональда Трампа"),  # titles compared by their dictionary form
        ("Президент США Дональд Трамп", "ru", "Дональд Трамп"),  # with the title's acronym complement
        ("пан Адамс", "uk", "Адамс"),
        ("Генеральний секретар НАТО Єнс Столтенберг", None, "Єнс Столтенберг"),
        ("Mr. Adams", "en", "Adams"),
        ("Prime Minister Keir Starmer", None, "Keir Starmer"),
        ("Lt. Gen. John Smith", "en", "John Smith"),
        ("King Charles", "en", "King Charles"),  # regnal titles stay part of the name
        ("Папа Франциск", "ru", "Папа Франциск"),
        ("President", "en", "President"),  # the last word is never cut
        ("Donald Trump", "en", "Donald Trump"),
    ],
)
def test_strip_titles(name: str, lang: str | None, stripped: str) -> None:
    assert strip_titles(name, lang) == stripped


def test_link_mentions_keys_and_names_a_titled_person_without_the_title() -> None:
    text = "Президент Дональд Трамп заявил. Трамп уехал."
    assert text[32:37] == "Трамп"
    linked = link_mentions([
        Mention(0, 23, "Президент Дональд Трамп", "PER", "Президент Дональд Трамп", ""),
        Mention(32, 37, "Трамп", "PER", "Трамп", ""),
    ])  # fmt: skip
    assert text[0:23] == linked[0].text
    assert [(m.key, m.name) for m in linked] == [("per:donald tramp", "Дональд Трамп")] * 2


def test_canonical_name_prefers_the_nominative_then_the_most_frequent() -> None:
    assert canonical_name({"Бретта Кавано": 2, "Бретт Кавано": 1}, "ru") == "Бретт Кавано"
    assert canonical_name({"Терезы Мэй": 3, "Тереза Мэй": 1}, "ru") == "Тереза Мэй"
    assert canonical_name({"Трамп": 9, "Дональда Трампа": 1, "Дональд Трамп": 1}, "ru") == "Дональд Трамп"
    assert canonical_name({"Joe Biden": 1, "Joseph Biden": 3}, "en") == "Joseph Biden"
    assert canonical_name(["Jens Stoltenberg", "Stoltenberg"]) == "Jens Stoltenberg"
    assert canonical_name({}) == ""


def test_link_mentions_names_by_the_nominative() -> None:
    linked = link_mentions([
        Mention(0, 12, "Бретт Кавано", "PER", "Бретт Кавано", ""),
        Mention(20, 33, "Бретта Кавано", "PER", "Бретта Кавано", "per:bret kavano"),
        Mention(40, 53, "Бретта Кавано", "PER", "Бретта Кавано", "per:bret kavano"),
    ])  # fmt: skip
    assert {m.name for m in linked} == {"Бретт Кавано"}

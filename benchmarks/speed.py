"""Speed at corpus scale: per language per core, 1 vs 2 workers, Dask, memory, a textacy baseline, a profile.

Usage (from the repository root)::

    .venv/bin/python benchmarks/speed.py                     # everything; about 10 minutes on 2 busy cores
    .venv/bin/python benchmarks/speed.py --only demo,profile  # some parts
    .venv/bin/python benchmarks/speed.py --json > speed.json

Parts (``--only``, comma-separated):

``demo``
    The whole per-article pipeline (``Pipeline.process``: language, date,
    sentences, entities, direct quotes, reported speech, statements; models
    loaded, two warm-up documents) on the bundled demo corpus
    (``data/demo/ntrex-*.jsonl``, 24 articles per language), in this process,
    per language: articles per second of wall time and per CPU-second of this
    process (the per-core figure that other load on a shared machine disturbs
    least), and where the time goes (``Pipeline.stage_seconds``).
``large``
    The same on a larger corpus assembled at run time from ``../shared/data``
    (never copied into the repository): per language, NTREX-128 documents
    (all 123, title = first line, as the demo corpus) and news of another
    corpus (PolNeAR dev texts for en, SlavicNER raw texts for ru and uk), up
    to ``--large`` documents per language.
``long``
    The steady state of a long ingest, beside the cold ``demo`` figure (never
    instead of it): one process, one warm-up article per language, then the
    larger corpus of all three languages interleaved (every text new to the
    process, none repeated), timed per article in CPU-seconds; the rate is
    taken over the second half only, once the per-word caches (pymorphy3
    readings, NER features, spaCy's vocabulary) hold the common words, as
    they do after the first hundreds of articles of a corpus-scale ingest.
    Per language and all together; the first half's rate is given too.
``scaling``
    The large corpus, languages interleaved, through
    :func:`newsdesk.batch.local.run_local` with 1 worker (in this process) and
    with 2 worker processes; models are loaded beforehand (the workers fork
    from this process and share them), so the figure is throughput, not start
    time. Efficiency = speed-up / workers. On a machine shared with other
    work the wall-clock speed-up says more about the neighbours than about
    newsdesk, so the CPU time of every process (this one and each worker,
    from /proc) is taken too: "cores obtained" = CPU seconds / wall seconds,
    and the CPU efficiency = CPU per article with 1 worker / CPU per article
    with 2 (1.0: parallel work costs nothing extra; the speed-up on an idle
    machine is then about workers x that). Peak resident memory (VmHWM) of
    each pool worker; a forked worker's figure counts the model pages it
    shares with the parent.
``dask``
    The same corpus through :func:`newsdesk.batch.dask.run_dask` on a
    ``LocalCluster`` of 2 single-threaded worker processes (127.0.0.1), after
    a warm-up that loads every model in each worker; peak resident memory of
    each (fresh, unshared) worker process.
``warc``
    Reading a WARC archive built at run time from real news pages
    (``../shared/data/htmldate-eval``): pages per second the reading process
    gets through when it extracts each article itself (trafilatura,
    htmldate) and when it leaves that to the workers (``WarcPage``, what
    ``newsdesk ingest`` does), and the whole archive through 2 workers.
``writer``
    The single writer: :meth:`newsdesk.store.Store.add` of the large corpus's
    articles into a new database, one transaction each.
``textacy``
    The baseline of issue 6: textacy's ``direct_quotations`` over spaCy
    ``en_core_web_sm`` (the same pipeline package newsdesk uses, all its
    components, as textacy needs the parser) on the same English texts, run by
    ``--textacy-python`` (a separate virtualenv: ``python -m venv
    /tmp/textacy-venv && /tmp/textacy-venv/bin/pip install textacy
    spacy==3.8.18``); speed per CPU-second, and quality on PolNeAR dev scored
    by ``newsdesk.evaluation.quotes.score_document`` (first annotator, the
    protocol of ``newsdesk eval quotes``) beside ours on the same documents.
    Skipped with a note when that interpreter or textacy is missing.
``profile``
    cProfile over the demo corpus (all three languages, models loaded): the
    share of time by library and the functions with the most own time.

BLAS libraries are held to one thread. The machine's cores, CPU affinity and
load average are printed with the results: on a shared machine, compare the
CPU-time figures, and rerun on a quiet one. Record figures in
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # one core each: no BLAS threads
    os.environ.setdefault(_var, "1")

import argparse
import cProfile
import datetime as dt
import json
import multiprocessing
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from newsdesk.batch.local import default_workers, run_local, worker_pipeline
from newsdesk.config import load_settings
from newsdesk.model import Article, Cue, Quote, RawDocument, Speaker
from newsdesk.pipeline import Pipeline
from newsdesk.read import iter_documents

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
DATA = ROOT.parent / "shared" / "data"
LANGS = ("en", "ru", "uk")
PARTS = ("demo", "large", "long", "scaling", "dask", "writer", "warc", "textacy", "profile")
TARGET_PER_CORE = 25.0


# --- corpora ----------------------------------------------------------------------------------------------


def demo_corpus(lang: str) -> list[RawDocument]:
    docs = [d for d in iter_documents([str(DEMO / f"ntrex-{lang}.jsonl")]) if isinstance(d, RawDocument)]
    if not docs:
        sys.exit(f"no demo documents for {lang}: run scripts/make_demo_corpus.py")
    return docs


def large_corpus(per_lang: int) -> dict[str, list[RawDocument]]:
    """Per language, up to ``per_lang`` documents: half NTREX-128 (those not in the demo corpus), half another
    news corpus (see the module docstring)."""
    from newsdesk.evaluation.consistency import read_ntrex

    in_demo = {d.url for lang in LANGS for d in demo_corpus(lang)}  # ntrex:<document id>

    ntrex_dir = DATA / "ntrex-en-ru-uk"
    if not ntrex_dir.is_dir():
        sys.exit(f"{ntrex_dir} not found: the larger corpus is assembled from ../shared/data")
    ntrex: dict[str, list[RawDocument]] = defaultdict(list)
    for doc_id, texts in read_ntrex(ntrex_dir):
        if f"ntrex:{doc_id}" in in_demo:
            continue
        for lang in LANGS:
            title, _, body = texts[lang].partition("\n")
            paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
            ntrex[lang].append(RawDocument(f"ntrex:{doc_id}:{lang}", "\n\n".join(paragraphs), title=title.strip()))
    other: dict[str, list[RawDocument]] = {
        "en": [RawDocument(f"polnear:{p.stem}", p.read_text(encoding="utf-8"))
               for p in sorted((DATA / "polnear" / "data" / "dev" / "text").glob("*.txt"))],
    }  # fmt: skip
    for lang in ("ru", "uk"):
        paths = sorted((DATA / "slavicner-ru-uk" / "raw").glob(f"*/{lang}/*.txt"))
        other[lang] = [RawDocument(f"slavicner:{p.parent.parent.name}/{p.stem}", p.read_text(encoding="utf-8"))
                       for p in paths]  # fmt: skip
    corpus = {}
    for lang in LANGS:
        half = per_lang // 2
        docs = ntrex[lang][:half] + other[lang][: per_lang - min(half, len(ntrex[lang]))]
        corpus[lang] = [d for d in docs if d.text.strip()][:per_lang]
    return corpus


def interleave(corpus: dict[str, list]) -> list:
    out = []
    for i in range(max(len(v) for v in corpus.values())):
        out.extend(docs[i] for docs in corpus.values() if i < len(docs))
    return out


# --- measurements -----------------------------------------------------------------------------------------


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "cores_usable": default_workers(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.date.today().isoformat(),
        "note": "every part runs in a fresh process: caches filled by one part do not speed up another",
    }


def per_language(pipeline: Pipeline, docs: list[RawDocument], lang: str, repeat: int) -> dict:
    for doc in docs[:2]:  # warm-up: load models, fill caches
        pipeline.process(doc)
    pipeline.stage_seconds.clear()
    n = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for doc in docs:
            pipeline.process(doc)
            n += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    chars = sum(len(d.text) for d in docs) * repeat
    return {
        "lang": lang,
        "articles": n,
        "chars_per_article": round(chars / n),
        "articles_per_s": round(n / wall, 2),
        "articles_per_cpu_s": round(n / cpu, 2),
        "chars_per_cpu_s": round(chars / cpu),
        "stage_share": {k: round(v / wall, 3) for k, v in pipeline.stage_seconds.most_common()},
    }


def long_ingest(pipeline: Pipeline, corpus: dict[str, list[RawDocument]]) -> dict:
    """The ``long`` part: all languages' texts interleaved through one pipeline, each once; CPU seconds of each
    article; rates over the first and the second half (the steady state: warm per-word caches).

    Articles of the larger corpus are shorter than the demo corpus's for ru and uk (about 1,900 characters
    against 2,800) and longer for en (PolNeAR): compare characters per CPU-second across the two figures."""
    for lang in LANGS:  # models loaded (demo texts: not in the larger corpus)
        pipeline.process(demo_corpus(lang)[0])
    # each language's two sources alternate, so that both halves hold as much of each
    mixed = {lang: interleave({"ntrex": [(lang, d) for d in docs if d.source.startswith("ntrex:")],
                               "other": [(lang, d) for d in docs if not d.source.startswith("ntrex:")]})
             for lang, docs in corpus.items()}  # fmt: skip
    timed: list[tuple[str, int, float]] = []  # (language, characters, CPU seconds)
    for lang, doc in interleave(mixed):
        cpu0 = time.process_time()
        pipeline.process(doc)
        timed.append((lang, len(doc.text), time.process_time() - cpu0))
    half = len(timed) // 2

    def rate(rows: list[tuple[str, int, float]]) -> dict:
        cpu = sum(r[2] for r in rows)
        chars = sum(r[1] for r in rows)
        return {"articles": len(rows), "cpu_s": round(cpu, 2), "chars_per_article": round(chars / len(rows)),
                "articles_per_cpu_s": round(len(rows) / cpu, 2), "chars_per_cpu_s": round(chars / cpu)}

    out: dict = {"articles": len(timed), "first_half": rate(timed[:half]), "second_half": rate(timed[half:])}
    out["second_half_by_lang"] = {lang: rate([r for r in timed[half:] if r[0] == lang]) for lang in LANGS}
    return out


def _vm_hwm_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process, from /proc/PID/stat (0.0 where that cannot be read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def local_run(docs: list, settings, workers: int) -> dict:
    n = 0
    kinds: Counter[str] = Counter()
    peaks: list[float] = []
    worker_cpu = 0.0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for result in run_local(docs, settings, workers=workers, in_flight=workers * 4):
        n += 1
        if n == len(docs) and workers > 1:  # the pool is still up at the last result
            children = multiprocessing.active_children()
            peaks = [p for c in children if (p := _vm_hwm_mib(c.pid)) is not None]
            worker_cpu = sum(_cpu_s(c.pid) for c in children)
        kinds["article" if isinstance(result, Article) else f"rejected at {result.stage}"] += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0 + worker_cpu
    out = {"workers": workers, "articles": n, "seconds": round(wall, 2), "articles_per_s": round(n / wall, 2),
           "cpu_s": round(cpu, 2), "cpu_ms_per_article": round(1000 * cpu / n, 1),
           "cores_obtained": round(cpu / wall, 2), "results": dict(kinds)}  # fmt: skip
    if peaks:
        out["worker_peak_rss_mib"] = [round(p) for p in peaks]
    return out


def scaling(docs: list[RawDocument], settings) -> dict:
    warm = [d for lang in LANGS for d in demo_corpus(lang)[:1]]
    list(run_local(warm, settings, workers=1))  # models loaded here; forked workers share them
    two = local_run(docs, settings, 2)  # first: the workers fork before this process has seen the corpus
    one = local_run(docs, settings, 1)
    speedup = two["articles_per_s"] / one["articles_per_s"]
    return {
        "one": one,
        "two": two,
        "speedup": round(speedup, 3),
        "efficiency": round(speedup / 2, 3),
        "cpu_efficiency": round(one["cpu_ms_per_article"] / two["cpu_ms_per_article"], 3),
    }


def _warm_worker(settings) -> float:
    """Run on each Dask worker: load every language's models; returns seconds taken."""
    start = time.perf_counter()
    pipeline = worker_pipeline(settings)
    for lang in LANGS:
        pipeline.process(demo_corpus(lang)[0])
    return time.perf_counter() - start


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dask_run(docs: list[RawDocument], settings, workers: int = 2) -> dict:
    from newsdesk.batch.dask import dask_client, run_dask

    t0 = time.perf_counter()
    with dask_client(workers=workers) as client:
        started = time.perf_counter() - t0
        warm = client.run(_warm_worker, settings)
        cpu_before = client.run(time.process_time)
        wall0, cpu0 = time.perf_counter(), time.process_time()
        n = sum(1 for _ in run_dask(docs, settings, client=client))
        wall = time.perf_counter() - wall0
        cpu_after = client.run(time.process_time)
        cpu = time.process_time() - cpu0 + sum(cpu_after[w] - cpu_before[w] for w in cpu_after)
        peaks = client.run(_peak_rss_mib)
    return {
        "workers": workers,
        "cluster_start_s": round(started, 2),
        "model_load_s_per_worker": [round(v, 1) for v in warm.values()],
        "articles": n,
        "seconds": round(wall, 2),
        "articles_per_s": round(n / wall, 2),
        "cpu_ms_per_article": round(1000 * cpu / n, 1),
        "cores_obtained": round(cpu / wall, 2),
        "worker_peak_rss_mib": [round(v) for v in peaks.values()],
    }


def warc_run(settings, pages: int = 60) -> dict:
    """Build a WARC of real news pages; time reading it with extraction here, deferred, and through 2 workers."""
    import gzip
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html_dir = DATA / "htmldate-eval" / "html"
    paths = sorted(html_dir.glob("*.html.gz"))[:pages] or sorted(html_dir.glob("*.gz"))[:pages]
    if not paths:
        return {"skipped": f"no pages in {html_dir}"}
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "pages.warc.gz"
        with archive.open("wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for path in paths:
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                page = io.BytesIO(gzip.decompress(path.read_bytes()))
                writer.write_record(writer.create_warc_record(
                    f"https://example.org/{path.stem}", "response", payload=page, http_headers=http,
                    warc_headers_dict={"WARC-Date": "2020-01-01T00:00:00Z"}))  # fmt: skip
        out: dict = {"pages": len(paths), "mib": round(archive.stat().st_size / 2**20, 1)}
        for label, defer in (("extracting_here", False), ("deferred", True)):
            cpu0 = time.process_time()
            items = list(iter_documents([str(archive)], defer_warc_pages=defer))
            out[f"{label}_pages_per_cpu_s"] = round(len(items) / (time.process_time() - cpu0), 1)
        list(run_local([d for lang in LANGS for d in demo_corpus(lang)[:1]], settings))  # models loaded, shared
        deferred = list(iter_documents([str(archive)], defer_warc_pages=True))
        for workers in (1, 2):
            out[f"through_{workers}_workers"] = local_run(deferred, settings, workers)
    return out


def writer_run(docs: list[RawDocument], pipeline: Pipeline) -> dict:
    from newsdesk.store import Store

    articles = [a for d in docs if isinstance(a := pipeline.process(d), Article)]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        wall0 = time.perf_counter()
        for article in articles:
            store.add(article)
        wall = time.perf_counter() - wall0
    return {"articles": len(articles), "seconds": round(wall, 2), "articles_per_s": round(len(articles) / wall, 1)}


# --- textacy baseline ---------------------------------------------------------------------------------------

_TEXTACY_SCRIPT = r"""
import json, sys, time
import spacy
from textacy.extract.triples import direct_quotations
job = json.load(sys.stdin)
nlp = spacy.load(job["model"])
nlp("Warm-up: \"Yes,\" she said.")
out = {}
cpu0, wall0 = time.process_time(), time.perf_counter()
for name, text in job["texts"].items():
    doc = nlp(text)
    try:
        found = []
        for q in direct_quotations(doc):
            span = lambda toks: [min(t.idx for t in toks), max(t.idx + len(t) for t in toks)] if toks else None
            found.append({"content": [q.content.start_char, q.content.end_char],
                          "speaker": span(q.speaker), "cue": span(q.cue)})
        out[name] = found
    except Exception as exc:  # textacy raises on an odd number of quotation marks: the document is lost
        out[name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
json.dump({"cpu_s": time.process_time() - cpu0, "wall_s": time.perf_counter() - wall0, "results": out}, sys.stdout)
"""


def _spacy_model_path(settings) -> str:
    import importlib

    module = importlib.import_module(settings.spacy_model_en)
    folder = Path(module.__file__).parent
    inner = [p for p in folder.iterdir() if p.is_dir() and (p / "config.cfg").is_file()]
    return str(inner[0] if inner else folder)


def run_textacy(python: str, model: str, texts: dict[str, str]) -> dict:
    proc = subprocess.run(
        [python, "-c", _TEXTACY_SCRIPT], input=json.dumps({"model": model, "texts": texts}),
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout)


def _as_quotes(text: str, found: list[dict]) -> list[Quote]:
    quotes = []
    for q in found:
        s, e = q["content"]
        speaker = Speaker(*q["speaker"], text[q["speaker"][0]:q["speaker"][1]]) if q["speaker"] else None
        cue = Cue(*q["cue"], text[q["cue"][0]:q["cue"][1]], "") if q["cue"] else None
        quotes.append(Quote("direct", s, e, text[s:e], speaker=speaker, cue=cue))
    return sorted(quotes, key=lambda q: (q.start, q.end))


def textacy_baseline(python: str, settings, pipeline: Pipeline, english: list[RawDocument]) -> dict:
    from newsdesk.evaluation.quotes import Counts, evaluate_polnear, metrics, read_polnear, score_document

    if not Path(python).exists():
        return {"skipped": f"{python} not found: create it (see the module docstring) to measure the baseline"}
    check = subprocess.run([python, "-c", "import textacy, spacy"], capture_output=True, text=True)
    if check.returncode != 0:
        return {"skipped": f"textacy cannot be imported by {python}: {check.stderr.strip()[-300:]}"}
    model = _spacy_model_path(settings)
    speed = run_textacy(python, model, {d.source: d.text for d in english})
    cpu0 = time.process_time()
    for doc in english:
        pipeline.process(doc, lang="en")
    ours_cpu = time.process_time() - cpu0

    polnear = DATA / "polnear"
    quality: dict = {}
    if polnear.is_dir():
        gold = read_polnear(polnear, "dev")
        found = run_textacy(python, model, {d.name: d.text for d in gold})["results"]
        totals = {"direct": Counts(), "all": Counts()}
        lost = 0
        for doc in gold:
            result = found[doc.name]
            if isinstance(result, dict):
                lost += 1
                result = []
            scored = score_document(doc.text, doc.annotations[0][1], _as_quotes(doc.text, result))
            for cat in totals:
                totals[cat] = totals[cat] + scored[cat]
        ours = evaluate_polnear(polnear, "dev", pipeline=pipeline)
        quality = {
            "documents": len(gold),
            "textacy": {"direct": metrics(totals["direct"]), "all": metrics(totals["all"]), "documents_lost": lost},
            "newsdesk": {"direct": ours["direct"], "all": ours["all"], "documents_lost": len(ours["rejected"])},
        }
    n = len(english)
    return {
        "articles": n,
        "textacy_articles_per_cpu_s": round(n / speed["cpu_s"], 2),
        "newsdesk_articles_per_cpu_s": round(n / ours_cpu, 2),
        "textacy_documents_lost": sum(isinstance(v, dict) for v in speed["results"].values()),
        "polnear_dev": quality,
    }


# --- profile ------------------------------------------------------------------------------------------------

_BUCKETS = (
    ("spacy", "spaCy + thinc (en NER)"), ("thinc", "spaCy + thinc (en NER)"), ("numpy", "numpy"),
    ("natasha", "natasha + slovnet (ru NER)"), ("slovnet", "natasha + slovnet (ru NER)"),
    ("navec", "natasha + slovnet (ru NER)"), ("razdel", "razdel (ru tokens/sentences)"),
    ("pymorphy", "pymorphy3 (ru/uk morphology)"), ("dawg", "pymorphy3 (ru/uk morphology)"),
    ("preshed", "spaCy + thinc (en NER)"), ("blis", "spaCy + thinc (en NER)"), ("cymem", "spaCy + thinc (en NER)"),
    ("lingua", "lingua (language id)"), ("dateparser", "dateparser"), ("tokenize_uk", "tokenize-uk"),
    ("choppa", "choppa SRX (en sentences)"), ("_regex", "regex"), ("regex", "regex"),
)  # fmt: skip


def _bucket(filename: str, function: str) -> str:
    """The library a profiled function belongs to, from its file (C functions: from the name of their type)."""
    if "/src/newsdesk/" in filename:
        return "newsdesk." + filename.split("/src/newsdesk/", 1)[1].removesuffix(".py").replace("/", ".")
    if filename == "~":  # a C function or method: "<method 'search' of '_regex.Pattern' objects>"
        for needle, name in _BUCKETS:
            if needle in function:
                return name
        return "Python built-ins (str, re, dict, ...)"
    parts = filename.split("/")
    for needle, name in _BUCKETS:
        if any(part.startswith(needle) for part in parts):
            return name
    return "other (Python standard library and smaller packages)"


def profile(pipeline: Pipeline, docs: list[RawDocument], top: int = 12) -> dict:
    for doc in docs[:3]:
        pipeline.process(doc)
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs:
        pipeline.process(doc)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(v[2] for v in stats.stats.values())  # own time of every function
    by_bucket: Counter[str] = Counter()
    for (filename, _line, name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        by_bucket[_bucket(filename, name)] += tottime
    functions = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
    return {
        "articles": len(docs),
        "seconds_profiled": round(total, 2),
        "share_by_library": {k: round(v / total, 3) for k, v in by_bucket.most_common(12)},
        "top_functions_own_time": [
            {"function": f"{Path(f).name}:{line} {name}", "share": round(v[2] / total, 3)}
            for (f, line, name), v in functions
        ],
    }


# --- main ---------------------------------------------------------------------------------------------------


def _print(results: dict) -> None:
    m = results["machine"]
    print(f"machine: {m['cores']} cores ({m['cores_usable']} usable), load average {m['load_average']}, "
          f"Python {m['python']}")  # fmt: skip
    for part in ("demo", "large"):
        for r in results.get(part, []):
            shares = ", ".join(f"{k} {v:.0%}" for k, v in list(r["stage_share"].items())[:4])
            ok = "meets" if r["articles_per_cpu_s"] >= TARGET_PER_CORE else "below"
            print(f"{part} {r['lang']}: {r['articles_per_s']:.1f} articles/s wall, {r['articles_per_cpu_s']:.1f} per "
                  f"CPU-second ({ok} {TARGET_PER_CORE:g}), {r['chars_per_article']} chars each; {shares}")  # fmt: skip
    if "long" in results:
        lo = results["long"]
        by_lang = ", ".join(f"{lang} {r['articles_per_cpu_s']:.1f} ({r['chars_per_article']} chars each, "
                            f"{r['chars_per_cpu_s'] / 1000:.0f} k chars per CPU-second)"
                            for lang, r in lo["second_half_by_lang"].items())
        print(f"long ingest, {lo['articles']} new articles in one process: second half "
              f"{lo['second_half']['articles_per_cpu_s']:.1f} articles per CPU-second ({by_lang}); first half "
              f"{lo['first_half']['articles_per_cpu_s']:.1f}")  # fmt: skip
    if "scaling" in results:
        s = results["scaling"]
        print(f"scaling: 1 worker {s['one']['articles_per_s']}/s, 2 workers {s['two']['articles_per_s']}/s: "
              f"speed-up {s['speedup']}, efficiency {s['efficiency']}; cores obtained {s['one']['cores_obtained']} "
              f"and {s['two']['cores_obtained']}; CPU per article {s['one']['cpu_ms_per_article']} and "
              f"{s['two']['cpu_ms_per_article']} ms (CPU efficiency {s['cpu_efficiency']}); worker peak RSS "
              f"{s['two'].get('worker_peak_rss_mib')} MiB")  # fmt: skip
    if "dask" in results:
        d = results["dask"]
        print(f"dask LocalCluster, {d['workers']} workers: {d['articles_per_s']}/s, cores obtained "
              f"{d['cores_obtained']}, CPU {d['cpu_ms_per_article']} ms per article; cluster start "
              f"{d['cluster_start_s']} s, model load {d['model_load_s_per_worker']} s; worker peak RSS "
              f"{d['worker_peak_rss_mib']} MiB")  # fmt: skip
    if "warc" in results and "skipped" not in results["warc"]:
        w = results["warc"]
        print(f"warc: {w['pages']} pages ({w['mib']} MiB): reading process {w['extracting_here_pages_per_cpu_s']} "
              f"pages per CPU-second extracting, {w['deferred_pages_per_cpu_s']} leaving it to the workers; "
              f"1 worker {w['through_1_workers']['articles_per_s']}/s, 2 workers "
              f"{w['through_2_workers']['articles_per_s']}/s")  # fmt: skip
    if "writer" in results:
        w = results["writer"]
        print(f"writer: Store.add {w['articles_per_s']} articles/s ({w['articles']} articles)")
    if "textacy" in results:
        t = results["textacy"]
        if "skipped" in t:
            print(f"textacy: skipped: {t['skipped']}")
        else:
            print(f"textacy: {t['textacy_articles_per_cpu_s']} articles per CPU-second vs newsdesk "
                  f"{t['newsdesk_articles_per_cpu_s']} (en, {t['articles']} articles)")  # fmt: skip
            q = t["polnear_dev"]
            if q:
                for who in ("textacy", "newsdesk"):
                    print(f"  PolNeAR dev {who}: direct F1 {q[who]['direct']['f1']:.3f}, all F1 "
                          f"{q[who]['all']['f1']:.3f}, documents lost {q[who]['documents_lost']}")  # fmt: skip
    if "profile" in results:
        p = results["profile"]
        print("profile: " + ", ".join(f"{k} {v:.0%}" for k, v in p["share_by_library"].items()))
        for f in p["top_functions_own_time"][:6]:
            print(f"  {f['share']:.1%} {f['function']}")


def run_part(part: str, options: dict) -> dict | list:
    """One part of the benchmark, in a fresh process (see :func:`main`)."""
    settings = load_settings()
    pipeline = worker_pipeline(settings)  # the pipeline run_local(workers=1) uses, so models load once
    large = large_corpus(options["large"]) if part in ("large", "long", "scaling", "dask", "writer", "textacy") else {}
    mixed = interleave(large) if large else []
    if part == "demo":
        return [per_language(pipeline, demo_corpus(lang), lang, options["repeat"]) for lang in LANGS]
    if part == "large":
        return [per_language(pipeline, large[lang], lang, 1) for lang in LANGS]
    if part == "long":
        return long_ingest(pipeline, large)
    if part == "scaling":
        return scaling(mixed, settings)
    if part == "dask":
        return dask_run(mixed, settings)
    if part == "writer":
        return writer_run(mixed, pipeline)
    if part == "warc":
        return warc_run(settings)
    if part == "textacy":
        return textacy_baseline(options["textacy_python"], settings, pipeline, demo_corpus("en") + large["en"])
    if part == "profile":
        return profile(pipeline, interleave({lang: demo_corpus(lang) for lang in LANGS}))
    raise ValueError(part)


def _part_main(part: str, options: dict, conn) -> None:
    if "fork" in multiprocessing.get_all_start_methods():
        # a spawned process inherits "spawn" as its default; the pool's workers should fork, as under the CLI on
        # Linux, and share the models loaded here (the scaling part measures throughput, not model loading)
        multiprocessing.set_start_method("fork", force=True)
    result = run_part(part, options)
    if isinstance(result, dict):
        result["peak_rss_mib_of_the_measuring_process"] = round(_peak_rss_mib())
    conn.send(result)
    conn.close()


def in_fresh_process(part: str, options: dict) -> dict | list:
    """Run a part in a new (spawned) process: no part profits from caches another part filled on the same texts."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_part_main, args=(part, options, sender), name=f"speed-{part}")
    process.start()
    sender.close()
    try:
        result = receiver.recv()
    except EOFError:
        process.join()
        sys.exit(f"the {part} part failed (exit status {process.exitcode}); its error is printed above")
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(PARTS), help=f"parts to run, of {','.join(PARTS)}")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the demo corpus per language")
    parser.add_argument("--large", type=int, default=120, help="documents per language in the larger corpus")
    parser.add_argument("--textacy-python", default="/tmp/textacy-venv/bin/python")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        sys.exit(f"unknown parts {sorted(unknown)}: choose from {', '.join(PARTS)}")
    options = {"large": args.large, "repeat": args.repeat, "textacy_python": args.textacy_python}
    results: dict = {"machine": machine(), "command": " ".join([Path(sys.executable).name, *sys.argv])}
    for part in PARTS:
        if part in parts:
            results[part] = in_fresh_process(part, options)
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        _print(results)
        print(f"load average at the end {results['machine']['load_average_end']}")


if __name__ == "__main__":
    main()

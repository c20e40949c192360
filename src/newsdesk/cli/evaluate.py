"""``newsdesk eval``: quality measured on annotated news (quotes, consistency, linking, NER)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsdesk.errors import NewsdeskError
from newsdesk.cli.common import (
    app,
    out,
    err,
    _SWITCH,
    _App,
    _Group,
    JsonOpt,
    _fail,
)


eval_app = _App(
    cls=_Group,
    help="Measure quality on annotated news (PolNeAR, ADAQ, NTREX, SlavicNER, NER corpora in ../shared/data). "
    "Figures are recorded in benchmarks/RESULTS.md (details in the RESULTS-*.md files beside it).",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")

def _data_opt(example: str) -> object:
    return typer.Option("--data", metavar="DIR", help=f"The dataset folder, e.g. {example}.")


DataOpt = Annotated[Path, _data_opt("../shared/data/polnear or ../shared/data/adaq-ru-quotes")]


def _progress_bar(label: str):
    progress = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )
    task = progress.add_task(label, total=None)
    return progress, lambda done, total: progress.update(task, completed=done, total=total)


def _print_figures(figures: dict, json_out: bool) -> None:
    if json_out:
        sys.stdout.write(json.dumps(figures, ensure_ascii=False) + "\n")
        return
    for name, value in figures.items():
        if isinstance(value, dict):
            cells = ", ".join(
                f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                for k, v in value.items() if not isinstance(v, (dict, list))
            )
            out.print(f"[bold]{name}[/bold]: {cells}")
        elif not isinstance(value, list):
            out.print(f"[bold]{name}[/bold]: {value:.3f}" if isinstance(value, float) else f"[bold]{name}[/bold]: {value}")


@eval_app.command("quotes")
def eval_quotes(
    data: DataOpt,
    split: Annotated[str, typer.Option("--split", metavar="SPLIT", help="PolNeAR split: dev or train.")] = "dev",
    annotator: Annotated[
        str, typer.Option("--annotator", metavar="WHO", help="PolNeAR: score against the first annotator, all (averaged), or an id.")
    ] = "first",
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, metavar="N", help="Only the first N documents.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Score quotations and speakers: PolNeAR (English, brat) or ADAQ (Russian sentences), chosen by the folder.

    PolNeAR: precision, recall and F1 for direct quotations (gold content holds a quotation mark) and for all
    attributions, content matched by token Jaccard >= 0.5; exact-span F1; speaker accuracy and cue F1 on matched
    contents. ADAQ: sentence-level detection and token-level content F1.
    """
    from newsdesk.evaluation import evaluate_adaq, evaluate_polnear

    if not data.is_dir():
        _fail(f"no dataset folder at {data}: pass --data ../shared/data/polnear or ../shared/data/adaq-ru-quotes")
    progress, report = _progress_bar("evaluating")
    try:
        with progress:
            if next(data.glob("**/*.ann"), None) is not None:  # brat standoff: PolNeAR
                figures = evaluate_polnear(data, split, annotator=annotator, limit=limit, progress=report)
            else:
                figures = evaluate_adaq(data, progress=report)
    except NewsdeskError as exc:
        _fail(str(exc))
    _print_figures(figures, json_out)


@eval_app.command("consistency")
def eval_consistency(
    data: Annotated[Path, _data_opt("../shared/data/ntrex-en-ru-uk")],
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, metavar="N", help="Only the first N documents.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Cross-lingual consistency on NTREX-128 (the same stories in en, ru, uk).

    Reports the share of documents whose direct-quote counts agree in all three languages and the share of
    aligned quotes whose speakers resolve to the same person.
    """
    from newsdesk.evaluation import evaluate_consistency

    progress, report = _progress_bar("evaluating")
    try:
        with progress:
            figures = evaluate_consistency(data, limit=limit, progress=report)
    except NewsdeskError as exc:
        _fail(str(exc))
    _print_figures(figures, json_out)


@eval_app.command("linking")
def eval_linking(
    data: Annotated[
        Path, typer.Option("--data", metavar="DIR", help="The dataset folder, e.g. ../shared/data/slavicner-ru-uk or "
                                          "../shared/data/ntrex-en-ru-uk.")
    ],
    gold_lemmas: Annotated[
        bool, typer.Option("--gold-lemmas", help="SlavicNER: use the corpus's lemmas (isolates linking).",
                           metavar=_SWITCH)
    ] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, metavar="N", help="Only the first N documents.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Score entity linking, chosen by the folder: NTREX-128 or SlavicNER.

    NTREX-128 (../shared/data/ntrex-en-ru-uk, the same stories in en, ru, uk): per document, the Jaccard overlap
    of the canonical PER/ORG/LOC entity sets found in the three versions (mean; also the mean pairwise Jaccard).
    SlavicNER (../shared/data/slavicner-ru-uk): pairwise precision, recall and F1 of "same entity" decisions over
    gold mentions, ru and uk together, against the corpus's cross-lingual entity ids. Method:
    newsdesk.evaluation.linking.
    """
    from newsdesk.evaluation.linking import evaluate_ntrex_linking, evaluate_slavicner_linking

    if not data.is_dir():
        _fail(f"no dataset folder at {data}: pass --data ../shared/data/ntrex-en-ru-uk or "
              "../shared/data/slavicner-ru-uk")
    progress, report = _progress_bar("evaluating")
    try:
        with progress:
            if (data / "DOCUMENT_IDS.tsv").is_file():
                figures = evaluate_ntrex_linking(data, limit=limit, progress=report)
            else:
                figures = evaluate_slavicner_linking(data, gold_lemmas=gold_lemmas, limit=limit, progress=report)
    except NewsdeskError as exc:
        _fail(str(exc))
    if json_out:
        _print_figures(figures, True)
        return
    if figures["dataset"] == "ntrex":
        out.print(
            f"[bold]NTREX-128 linking[/bold]: {figures['n_docs']} documents ({figures['n_scored']} with entities), "
            f"mean Jaccard en∩ru∩uk / en∪ru∪uk {figures['jaccard']:.3f}, mean pairwise Jaccard "
            f"{figures['pairwise_jaccard']:.3f}; entities per version "
            + ", ".join(f"{k} {v}" for k, v in figures["entities_per_version"].items())
        )
        return
    table = Table("pairs", "precision", "recall", "F1", "true", "predicted", "gold",
                  title=f"SlavicNER linking · {figures['n_docs']} documents, {figures['n_mentions']} mentions"
                  + (" · gold lemmas" if figures["gold_lemmas"] else ""))
    rows = [("all (ru + uk)", figures["pairwise"]), ("ru-uk only", figures["cross_lingual"]),
            *figures["per_label"].items(), ("keys only (no store linking)", figures["keys_only"])]
    for name, row in rows:
        table.add_row(name, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}",
                      str(row["true_pairs"]), str(row["predicted_pairs"]), str(row["gold_pairs"]))
    out.print(table)
    out.print(f"{figures['n_gold_entities']} gold entities, {figures['n_predicted_entities']} predicted, "
              f"{figures['seconds']} s")


@eval_app.command("ner")
def eval_ner(
    dataset: Annotated[
        str, typer.Option("--dataset", metavar="NAME", help="conllpp, uner, factrueval, nerel, ner-uk or slavicner.")
    ],
    data: Annotated[Path, _data_opt("../shared/data/conllpp-en or ../shared/data/ner-uk")],
    split: Annotated[
        Optional[str],
        typer.Option("--split", metavar="SPLIT", help="conllpp: dev|test; nerel: dev|train|test; factrueval: devset|testset; "
                     "ner-uk: train|ng|bruk|test; slavicner: all or a topic. Default: the first of the dataset's list."),
    ] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", metavar="CODE", help="uner: en or ru; slavicner: uk or ru.")] = None,
    labels: Annotated[str, typer.Option("--labels", metavar="LIST", help="Labels scored, comma-separated.")] = "PER,ORG,LOC",
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, metavar="N", help="Only the first N documents.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Score entity recognition: exact-span micro precision, recall and F1, and per label.

    Each corpus's labels map to PER/ORG/LOC/MISC as newsdesk.evaluation.ner documents; the recognizer is the one
    `analyze` uses for the corpus's language. Also reports documents per second (models loaded before timing).
    """
    from newsdesk.evaluation.ner import DATASETS, evaluate_ner

    if dataset not in DATASETS:
        _fail(f"unknown --dataset {dataset!r}: use one of {', '.join(DATASETS)}")
    wanted = tuple(x.strip().upper() for x in labels.split(",") if x.strip())
    if not wanted or not set(wanted) <= {"PER", "ORG", "LOC", "MISC"}:
        _fail(f"--labels {labels!r}: name some of PER, ORG, LOC, MISC, comma-separated")
    progress, report = _progress_bar("evaluating")
    try:
        with progress:
            figures = evaluate_ner(dataset, data, split=split, lang=lang, labels=wanted, limit=limit,
                                   progress=report)
    except NewsdeskError as exc:
        _fail(str(exc))
    if json_out:
        _print_figures(figures, True)
        return
    table = Table("label", "gold", "predicted", "correct", "precision", "recall", "F1",
                  title=f"NER · {figures['dataset']} {figures['split']} ({figures['lang']}) · exact span")
    for name, row in [*figures["per_label"].items(), ("micro", figures["micro"])]:
        table.add_row(name, str(row["n_gold"]), str(row["n_pred"]), str(row["tp"]),
                      f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}")
    out.print(table)
    out.print(f"{figures['n_docs']} documents, {figures['seconds']} s, {figures['docs_per_s']} documents/s")
    if figures.get("note"):
        out.print(f"[yellow]note:[/yellow] {escape(figures['note'])}")

"""Time importing, de-duplicating and auditing a large reference library.

Not a test: run it by hand on a quiet machine.

    python benchmarks/bench_library.py [--entries 20000] [--seed 2026]

The library is labelled synthetic: a fixed-seed generator writes N BibTeX
entries with 1-6 authors (a third with a Dutch particle), LaTeX accents in
about a quarter of the names and titles, DOIs on 70 % of the entries, 5 %
exact duplicates under another key (same DOI) and 2 % near duplicates (no
DOI, title in other case with a trailing period). A dossier folder is made
around it whose coding sheet codes 40 % of the keys and whose dossier.yaml
excludes 10 %, so the audit also reports the rest as unaccounted (as it
should: that is the audit's work being timed).

Printed: seconds for (1) read_library, (2) find_duplicates, (3) the whole
collect_evidence of the dossier (which includes 1 and 2 again), (4) APA list.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from watwerkt.library import find_duplicates, read_library, reference_list
from watwerkt.library.bibtex import _parse_name
from watwerkt.library.latex import latex_to_unicode
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.prisma import prisma_counts

FAMILIES = [
    "Jansen", "de Vries", "van der Zwet", r"M{\"u}ller", "Bakker", "Visser",
    "van den Berg", "Smit", "de Boer", r"{\"O}zt{\"u}rk", "Mulder", "Peters",
]  # fmt: skip
GIVEN = ["Jan", "Renske", "Piet", "Ay{\\c{s}}e", "Anna", "J.", "K. L.", "Jan-Willem"]
WORDS = ["samen", "eenzaamheid", "schulden", "armoede", "buurt", "zorg", "caf{\\'e}",
         "effect", "programma", "ouderen", "jongeren", "interventie", "wijk", "werk"]  # fmt: skip


def make_bib(n: int, seed: int) -> tuple[str, list[str]]:
    rng = random.Random(seed)
    entries: list[str] = []
    keys: list[str] = []
    for i in range(n):
        key = f"ref{i}"
        authors = " and ".join(
            f"{rng.choice(FAMILIES)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 6))
        )
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize()
        year = rng.randint(1980, 2025)
        doi = f"  doi = {{10.{rng.randint(1000, 9999)}/x{i}}},\n" if rng.random() < 0.7 else ""
        entry = (
            f"@article{{{key},\n  author = {{{authors}}},\n  title = {{{title}}},\n"
            f"  journal = {{Tijdschrift {i % 50}}},\n  year = {{{year}}},\n{doi}"
            f"  volume = {{{rng.randint(1, 40)}}}, pages = {{{i % 90 + 1}--{i % 90 + 9}}}\n}}\n"
        )
        entries.append(entry)
        keys.append(key)
        r = rng.random()
        if r < 0.05 and doi:
            entries.append(entry.replace(f"{{{key},", f"{{{key}dup,", 1))
            keys.append(f"{key}dup")
        elif r < 0.07:
            near = entry.replace(f"{{{key},", f"{{{key}near,", 1).replace(doi, "")
            entries.append(near.replace(f"{{{title}}}", f"{{{title.upper()}.}}"))
            keys.append(f"{key}near")
    return "\n".join(entries), keys


def make_dossier(folder: Path, keys: list[str], seed: int) -> None:
    rng = random.Random(seed + 1)
    coded = [k for k in keys if rng.random() < 0.4]
    excluded = [k for k in keys if k not in set(coded) and rng.random() < 0.1]
    rows = "".join(
        f"{k},{k},uitkomst,rct,{rng.randint(20, 400)},SMD,{rng.gauss(0.2, 0.3):.3f},"
        f"{rng.uniform(0.01, 0.1):.4f},1\n"
        for k in coded
    )
    (folder / "coding.csv").write_text(
        "study,references,outcome,design,n,measure,yi,vi,principle:p1\n" + rows, encoding="utf-8"
    )
    exclusions = "".join(
        f"  - reference: {k}\n    reason: Geen vergelijkingsgroep\n    stage: screening\n"
        for k in excluded
    )
    (folder / "dossier.yaml").write_text(
        "id: bench\ntitle: Synthetisch benchmarkdossier\ntheme: {id: bench, name: Bench}\n"
        "scope: {question: 'Synthetisch?', inclusion_criteria: [Synthetisch]}\n"
        "outcomes: [{id: uitkomst, name: Uitkomst, desired_direction: increase}]\n"
        "principles: [{id: p1, name: Principe}]\n"
        "libraries: [library.bib]\ncoding_sheets: [coding.csv]\n"
        f"exclusions:\n{exclusions}",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    text, keys = make_bib(args.entries, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "library.bib").write_text(text, encoding="utf-8")
        make_dossier(folder, keys, args.seed)
        size = len(text.encode()) / 1e6
        print(f"synthetic library: {len(keys)} entries, {size:.1f} MB (seed {args.seed})")

        start = time.perf_counter()
        reading = read_library(folder / "library.bib")
        t_read = time.perf_counter() - start
        start = time.perf_counter()
        groups = find_duplicates(reading.references)
        t_dedupe = time.perf_counter() - start
        latex_to_unicode.cache_clear()  # time the audit from cold caches, as a fresh run
        _parse_name.cache_clear()
        start = time.perf_counter()
        evidence = collect_evidence(folder, cwd=folder)
        t_audit = time.perf_counter() - start
        start = time.perf_counter()
        reference_list(reading.references, lang="nl")
        t_apa = time.perf_counter() - start

        counts = prisma_counts(evidence)
        print(f"read_library      {t_read:7.2f} s  ({len(reading.references)} read, "
              f"{reading.skipped} skipped)")  # fmt: skip
        print(f"find_duplicates   {t_dedupe:7.2f} s  ({len(groups)} groups)")
        print(f"collect_evidence  {t_audit:7.2f} s  (dossier + library + sheet + audit; "
              f"{counts.duplicates_removed} duplicates removed, "
              f"{counts.unaccounted} unaccounted)")  # fmt: skip
        print(f"reference_list    {t_apa:7.2f} s  (APA 7, all entries)")


if __name__ == "__main__":
    main()

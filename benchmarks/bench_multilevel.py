"""Benchmark: three nested variance components on ~1,650 effect sizes from ~100 articles.

SYNTHETIC data (fixed seed), shaped like a large social-domain meta-analysis:
effect sizes within samples within articles. Times
``watwerkt.stats.multilevel_meta_analysis`` (REML) and, when ``Rscript`` with
metafor is on the PATH, metafor's ``rma.mv(..., sparse=TRUE)`` on the same data
(written to a temporary CSV), and prints the seconds and the largest relative
difference in the estimate, its standard error and the variance components.

Run from the repository root::

    python benchmarks/bench_multilevel.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from watwerkt.stats import multilevel_meta_analysis, robust

SEED = 20261123
ARTICLES = 100
TARGET_K = 1650


def synthetic_data(seed: int = SEED) -> pd.DataFrame:
    """SYNTHETIC: articles -> 1-4 samples -> effect sizes, sigma2 = (0.04, 0.02, 0.01)."""
    rng = np.random.default_rng(seed)
    rows = []
    per_article = rng.multinomial(TARGET_K - ARTICLES, np.full(ARTICLES, 1 / ARTICLES)) + 1
    for article, n_es in enumerate(per_article):
        u_article = rng.normal(0, np.sqrt(0.04))
        samples = rng.integers(1, min(4, n_es) + 1)
        sample_of = np.sort(rng.integers(0, samples, n_es))
        u_sample = rng.normal(0, np.sqrt(0.02), samples)
        for es, s in enumerate(sample_of):
            n = rng.integers(20, 400)
            vi = 4 / n
            yi = 0.3 + u_article + u_sample[s] + rng.normal(0, np.sqrt(0.01 + vi))
            rows.append((f"a{article}", f"s{s}", f"e{es}", yi, vi))
    return pd.DataFrame(rows, columns=["article", "sample", "es", "yi", "vi"])


R_SCRIPT = """
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
t0 <- proc.time()[["elapsed"]]
res <- rma.mv(yi, vi, random = ~ 1 | article/sample/es, data = d, sparse = TRUE)
t1 <- proc.time()[["elapsed"]]
cat(sprintf('{"seconds": %.6f, "estimate": %.17g, "se": %.17g, "sigma2": [%s], "loglik": %.17g}',
            t1 - t0, res$beta[1], res$se[1], paste(sprintf("%.17g", res$sigma2), collapse = ","),
            logLik(res)))
"""


def main() -> None:
    data = synthetic_data()
    groups = [data["article"], data["sample"], data["es"]]
    print(f"SYNTHETIC data: k = {len(data)} effect sizes, {data['article'].nunique()} articles")
    multilevel_meta_analysis(data["yi"][:200], data["vi"][:200], [g[:200] for g in groups])
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        res = multilevel_meta_analysis(data["yi"], data["vi"], groups)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    rob = robust(res, data["article"], "CR2")
    t_rob = time.perf_counter() - t0
    print(f"watwerkt fit: {min(times):.3f} s (best of 3), converged={res.converged}")
    print(f"  estimate {res.estimate:.6f}  se {res.se:.6f}  sigma2 {res.sigma2}")
    print(f"  robust CR2: {t_rob:.3f} s, se {rob.se:.6f}, df {rob.df:.3f}")
    rscript = shutil.which("Rscript")
    if rscript is None:
        print("Rscript not found: metafor comparison skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "data.csv"
        script = Path(tmp) / "fit.R"
        data.to_csv(csv, index=False)
        script.write_text(R_SCRIPT, encoding="utf-8")
        out = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [rscript, str(script), str(csv)], capture_output=True, text=True, check=True
        )
    ref = json.loads(out.stdout)
    ours = np.array([res.estimate, res.se, *res.sigma2])
    theirs = np.array([ref["estimate"], ref["se"], *ref["sigma2"]])
    diff = float(np.max(np.abs(ours - theirs) / np.abs(theirs)))
    print(f"metafor rma.mv(sparse=TRUE): {ref['seconds']:.3f} s")
    print(f"  largest relative difference (estimate, se, sigma2): {diff:.2e}")
    print(f"  logLik watwerkt - metafor: {res.loglik - ref['loglik']:.2e}")


if __name__ == "__main__":
    main()

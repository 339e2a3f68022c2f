"""``watwerkt meta``: a meta-analysis of a CSV file, printed like metafor.

Thin: it reads the table, maps columns onto :mod:`watwerkt.stats` arguments,
calls one stats function, and prints the result as a table, JSON or CSV. A bad
value is reported as ``file: column 'vi', row(s) 4, 7: …`` with spreadsheet
row numbers (header = row 1).
"""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path
from typing import Any

import click
import numpy as np
import pandas as pd

from watwerkt.cli_support import handle_errors
from watwerkt.errors import InputError, RowsOmittedWarning, StatsInputError
from watwerkt.messages import message

#: Columns of a per-group table that the readable table leaves out (JSON and CSV keep all).
_HIDDEN_IN_TABLE = frozenset(
    {
        "statistic",
        "tau2_se",
        "tau2_ci_lower",
        "tau2_ci_upper",
        "i2_ci_lower",
        "i2_ci_upper",
        "h2",
        "h2_ci_lower",
        "h2_ci_upper",
        "q_df",
        "method",
        "test",
        "level",
        "iterations",
        "converged",
        "k_total",
        "omitted",
    }
)
_METHODS = ("FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM")


def _rows(positions: tuple[int, ...], index: pd.Index) -> str:
    """Spreadsheet rows of 0-based ``positions`` in a frame read from CSV (header = 1)."""
    labels = [int(index[p]) + 2 for p in positions if p < len(index)]
    return ", ".join(str(r) for r in labels[:20]) + (" …" if len(labels) > 20 else "")


class MetaInputError(InputError):
    """A column of the input table breaks a rule; names file, column and rows."""


def _fail(path: Path, column: str, rows: str, detail: str) -> MetaInputError:
    return MetaInputError(
        "cli.column_rows", path=str(path), column=column, rows=rows, detail=detail
    )


def _read_table(path: Path) -> pd.DataFrame:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MetaInputError(
            "cli.cannot_read", path=str(path), detail=exc.strerror or str(exc)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MetaInputError("cli.not_utf8", path=str(path), position=exc.start) from None
    first = text.splitlines()[0] if text.strip() else ""
    sep = ";" if first.count(";") > first.count(",") else ","
    from io import StringIO

    try:
        return pd.read_csv(StringIO(text), sep=sep, decimal="," if sep == ";" else ".")
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise MetaInputError(
            "cli.cannot_read", path=str(path), detail=str(exc).splitlines()[0]
        ) from None


def _column(frame: pd.DataFrame, name: str, path: Path, numeric: bool = True) -> pd.Series:
    if name not in frame.columns:
        raise MetaInputError(
            "cli.no_column", path=str(path), column=name, columns=", ".join(map(str, frame.columns))
        )
    series = frame[name]
    if not numeric:
        return series
    converted = pd.to_numeric(series, errors="coerce")
    bad = converted.isna() & series.notna()
    if bad.any():
        positions = tuple(int(i) for i in np.flatnonzero(bad.to_numpy()))
        raise _fail(path, name, _rows(positions, frame.index), message("cli.not_numeric"))
    return converted


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@click.command("meta")
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--yi", "yi_col", default="yi", show_default=True, help="Column of effect sizes.")
@click.option(
    "--vi", "vi_col", default="vi", show_default=True, help="Column of sampling variances."
)
@click.option(
    "--measure",
    default=None,
    help="Compute yi/vi first from raw columns named as metafor's escalc arguments "
    "(e.g. OR with ai, bi, ci, di; SMD with m1i, sd1i, n1i, m2i, sd2i, n2i).",
)
@click.option("--method", type=click.Choice(_METHODS), default="REML", show_default=True)
@click.option("--test", type=click.Choice(["z", "knha"]), default="z", show_default=True)
@click.option("--level", type=float, default=0.95, show_default=True, help="Confidence level.")
@click.option("--mods", default=None, help="Comma-separated moderator columns (meta-regression).")
@click.option("--by", "by", default=None, help="Pool separately per value of this column.")
@click.option("--cluster", default=None, help="Study column: effect sizes nested in studies.")
@click.option("--es-id", "es_id", default=None, help="Effect size id column (with --cluster).")
@click.option(
    "--robust",
    is_flag=True,
    help="Cluster-robust inference with clusters from --cluster (as metafor's robust()).",
)
@click.option(
    "--small-sample",
    type=click.Choice(["CR1", "CR2"]),
    default="CR1",
    show_default=True,
    help="With --robust: CR1 as metafor's default, or CR2 with Satterthwaite df (clubSandwich).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@handle_errors
def meta(
    data: Path,
    yi_col: str,
    vi_col: str,
    measure: str | None,
    method: str,
    test: str,
    level: float,
    mods: str | None,
    by: str | None,
    cluster: str | None,
    es_id: str | None,
    robust: bool,
    small_sample: str,
    fmt: str,
) -> None:
    """Meta-analyse the effect sizes in a CSV file (random effects, as metafor's rma).

    \b
    Examples:
      watwerkt meta effects.csv --yi yi --vi vi
      watwerkt meta trials.csv --measure OR --method DL --format json
      watwerkt meta effects.csv --mods year,dose --test knha
      watwerkt meta effects.csv --by outcome --format csv
      watwerkt meta effects.csv --cluster study --es-id es_id --robust
      watwerkt meta effects.csv --cluster study --robust --small-sample CR2
    """
    from watwerkt import stats

    frame = _read_table(data)
    if measure is not None:
        from watwerkt.stats.effect_sizes import MEASURES, ImpossibleDataError

        wanted = MEASURES[measure].columns if measure in MEASURES else ()
        columns: dict[str, Any] = {
            name: _column(frame, name, data).to_numpy() for name in wanted if name in frame.columns
        }
        try:
            es = stats.effect_sizes(measure, **columns)
        except ImpossibleDataError as exc:  # every impossible column, in spreadsheet rows
            detail = exc.render(rows=lambda positions: _rows(positions, frame.index))
            raise _fail(data, exc.argument, _rows(exc.positions, frame.index), detail) from None
        except StatsInputError as exc:
            raise _fail(
                data, exc.argument, _rows(exc.positions, frame.index), exc.render()
            ) from None
        notes = es["note"].fillna("").astype(str)
        incomplete = notes.str.startswith("missing:").to_numpy()
        if incomplete.any():  # name the raw columns that are empty, not the computed yi
            positions = tuple(int(i) for i in np.flatnonzero(incomplete))
            cols = sorted({c for n in notes[incomplete] for c in n[8:].split(",") if c})
            raise _fail(
                data, ", ".join(cols), _rows(positions, frame.index), message("cli.missing_values")
            )
        frame = frame.assign(yi=es["yi"].to_numpy(), vi=es["vi"].to_numpy())
        yi_col, vi_col = "yi", "vi"
    yi = _column(frame, yi_col, data)
    vi = _column(frame, vi_col, data)
    missing = (yi.isna() | vi.isna()).to_numpy()
    if missing.any():
        positions = tuple(int(i) for i in np.flatnonzero(missing))
        column = yi_col if yi.isna().any() else vi_col
        raise _fail(data, column, _rows(positions, frame.index), message("cli.missing_values"))
    _check_combination(by, mods, cluster, es_id, robust)
    names = {"yi": yi_col, "vi": vi_col}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = _fit(
                stats,
                frame,
                yi,
                vi,
                method,
                test,
                level,
                mods,
                by,
                cluster,
                es_id,
                small_sample if robust else None,
                data,
            )
        except StatsInputError as exc:
            if not exc.positions:
                raise  # not about rows of the table: the message says it all
            column = names.get(exc.argument, exc.argument)
            raise _fail(data, column, _rows(exc.positions, frame.index), exc.render()) from None
    _report_warnings(caught, data, frame.index)
    _print(result, fmt)


def _report_warnings(caught: list[warnings.WarningMessage], path: Path, index: pd.Index) -> None:
    """Print each warning of the analysis as one line on stderr, rows as in the file."""
    for item in caught:
        if isinstance(item.message, RowsOmittedWarning):
            rows = _rows(item.message.positions, index)
            text = message("cli.rows_left_out", None, path=str(path), rows=rows)
        else:
            text = str(item.message)
        click.echo(message("cli.warning", None, detail=text), err=True)


def _check_combination(
    by: str | None, mods: str | None, cluster: str | None, es_id: str | None, robust: bool
) -> None:
    """Refuse option combinations that would silently ignore one of them."""
    if by is not None and (mods or cluster or robust):
        raise click.UsageError(message("cli.by_excludes"))
    if es_id is not None and cluster is None:
        raise click.UsageError(message("cli.es_id_needs_cluster"))
    if robust and cluster is None:
        raise click.UsageError(message("cli.robust_needs_cluster"))


def _fit(
    stats: Any,
    frame: pd.DataFrame,
    yi: pd.Series,
    vi: pd.Series,
    method: str,
    test: str,
    level: float,
    mods: str | None,
    by: str | None,
    cluster: str | None,
    es_id: str | None,
    robust: str | None,
    path: Path,
) -> Any:
    if by is not None:
        group_keys = _column(frame, by, path, numeric=False)
        table = pd.DataFrame({by: group_keys, "yi": yi, "vi": vi})
        return stats.meta_analysis_batch(table, by=by, method=method, test=test, level=level)
    moderators: pd.DataFrame | None = None
    if mods:
        moderators = pd.DataFrame(
            {m.strip(): _column(frame, m.strip(), path) for m in mods.split(",")}
        )
    if cluster is not None:
        study = _column(frame, cluster, path, numeric=False).astype(str).to_numpy()
        inner_name = es_id if es_id is not None else "es_id"
        inner = (
            _column(frame, es_id, path, numeric=False).astype(str).to_numpy()
            if es_id is not None
            else np.arange(len(frame)).astype(str)
        )
        groups = pd.DataFrame({cluster: study, inner_name: inner})
        ml_test = "t" if test == "knha" else "z"
        fit = stats.multilevel_meta_analysis(
            yi.to_numpy(),
            vi.to_numpy(),
            groups,
            moderators=moderators,
            method=method,
            test=ml_test,
            level=level,
        )
        return stats.robust(fit, study, small_sample=robust) if robust is not None else fit
    if moderators is not None:
        return stats.meta_regression(
            yi.to_numpy(), vi.to_numpy(), moderators, method=method, test=test, level=level
        )
    return stats.meta_analysis(yi.to_numpy(), vi.to_numpy(), method=method, test=test, level=level)


def _print(result: Any, fmt: str) -> None:
    if isinstance(result, pd.DataFrame):
        if fmt == "json":
            records = result.to_dict(orient="records")
            click.echo(json.dumps(_jsonable(records), indent=2, ensure_ascii=False))
        elif fmt == "csv":
            click.echo(result.to_csv(index=False), nl=False)
        else:
            shown = [c for c in result.columns if c not in _HIDDEN_IN_TABLE]
            click.echo(result[shown].to_string(index=False, float_format=lambda x: f"{x:.4f}"))
        return
    if fmt == "json":
        click.echo(json.dumps(_jsonable(result.to_dict()), indent=2, ensure_ascii=False))
    elif fmt == "csv":
        frame = (
            result.coefficients.reset_index()
            if hasattr(result, "coefficients") and result.coefficients is not None
            else result.to_frame()
        )
        click.echo(frame.to_csv(index=False), nl=False)
    else:
        click.echo(result.summary())

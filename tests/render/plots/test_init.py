"""The import surface promised to watwerkt.render (the plot contract)."""

from __future__ import annotations

import inspect

import watwerkt.render.plots as plots


def test_all_is_the_contract_and_sorted() -> None:
    assert plots.__all__ == sorted(plots.__all__)
    assert set(plots.__all__) == {
        "ForestRow", "ForestSummary", "SvgFigure",
        "forest_plot", "funnel_plot", "gap_map_plot", "prisma_flow",
    }


def test_signatures_keep_the_contract() -> None:
    def keywords(function: object) -> set[str]:
        return {
            name for name, p in inspect.signature(function).parameters.items()  # type: ignore[arg-type]
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        }

    assert {"effect_label", "null_value", "subgroup_summaries", "title", "lang"} <= keywords(
        plots.forest_plot)
    assert {"estimate", "filled_yi", "filled_vi", "effect_label", "title", "lang"} <= keywords(
        plots.funnel_plot)
    assert {"principle_labels", "outcome_labels", "lang"} <= keywords(plots.gap_map_plot)
    assert keywords(plots.prisma_flow) == {"lang"}
    assert list(plots.ForestRow.__dataclass_fields__) == [
        "label", "estimate", "ci_lower", "ci_upper", "weight", "subgroup"]
    assert list(plots.ForestSummary.__dataclass_fields__) == [
        "label", "estimate", "ci_lower", "ci_upper", "pi_lower", "pi_upper"]
    assert list(plots.SvgFigure.__dataclass_fields__) == ["svg", "alt", "title"]

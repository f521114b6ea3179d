"""Sparklines for the terminal and matplotlib charts (Agg backend, PNG or SVG) for files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

BARS = "▁▂▃▄▅▆▇█"
FORMATS = {".png", ".svg"}


class PlotError(ValueError):
    pass


def sparkline(values: Sequence[float | None], lo: float = -1.0, hi: float = 1.0) -> str:
    """One character per value on a fixed scale [lo, hi]; '·' where there is no value."""
    out = []
    for v in values:
        if v is None:
            out.append("·")
            continue
        x = (min(max(v, lo), hi) - lo) / (hi - lo) if hi > lo else 0.5
        out.append(BARS[min(int(x * len(BARS)), len(BARS) - 1)])
    return "".join(out)


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _check(path: Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise PlotError(f"{path}: use a .png or .svg file name for --plot")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def plot_lines(path: Path, periods: list[str], series: dict[str, list[float | None]],
               title: str, ylabel: str, counts: dict[str, list[float]] | None = None,
               ylim: tuple[float, float] | None = (-1.05, 1.05)) -> Path:
    """Lines per series over periods (gaps where None), with optional stacked counts below."""
    path = _check(path)
    plt = _figure()
    rows = 2 if counts else 1
    fig, axes = plt.subplots(rows, 1, figsize=(9, 3.2 * rows), sharex=True, squeeze=False)
    ax = axes[0][0]
    x = list(range(len(periods)))
    for name, vals in series.items():
        ax.plot(x, [float("nan") if v is None else v for v in vals], marker="o", label=name)
    ax.axhline(0, color="grey", linewidth=0.6)
    if ylim:
        ax.set_ylim(*ylim)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if series:
        ax.legend(fontsize=8, loc="best")
    if counts:
        bx = axes[1][0]
        bottom: list[float] = [0.0] * len(periods)
        for name, cvals in counts.items():
            heights = [float(v or 0) for v in cvals]
            bx.bar(x, heights, bottom=bottom, label=name)
            bottom = [b + v for b, v in zip(bottom, heights)]
        bx.set_ylabel("count")
        bx.legend(fontsize=8, loc="best")
    axes[-1][0].set_xticks(x)
    axes[-1][0].set_xticklabels(periods, rotation=45, ha="right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path

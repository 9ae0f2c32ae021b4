"""The four dashboard charts, drawn on a matplotlib ``Figure`` from ``DashboardFigures``.

No Qt widgets here: each function clears the figure, draws, and returns what a click
needs. Labels go through Qt translation (context ``DashboardCharts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from alliance_desk.core.text import short_alliance_name
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services.dashboard import OVERDUE, STATE_SLOTS, AllianceRate, DashboardFigures

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure

RED = "#b71c1c"
GOLD = "#f0a81c"
GREY = "#9e9e9e"
BLUE = "#3f6fb5"
GREEN = "#2e7d32"
TRACK = "#f5ecec"
STATE_COLOURS = {
    CommitmentState.PROPOSED.value: "#90a4ae",
    CommitmentState.ACCEPTED.value: BLUE,
    CommitmentState.IN_PROGRESS.value: GOLD,
    OVERDUE: RED,
    CommitmentState.FULFILLED.value: GREEN,
    CommitmentState.CANCELLED.value: GREY,
}
MAX_BARS = 30
"""More alliances than this: the chart shows the lowest rates (those behind)."""
TITLE_SIZE = 11
LABEL_SIZE = 9


@dataclass(frozen=True, slots=True)
class Drawn:
    """What a draw function leaves: the axes' margins in inches (fixed margins instead of
    matplotlib's constrained layout, which took half the drawing time) and, for the
    per-alliance chart, the pickable bars."""

    left: float = 0.5
    right: float = 0.2
    top: float = 0.4
    bottom: float = 0.35
    bars: BarContainer | None = None
    """The click targets of the per-alliance chart: one full-width row per alliance."""

    def apply(self, figure: Figure) -> None:
        """Place the axes for the figure's current size (call again after a resize)."""
        width, height = figure.get_size_inches()
        if width <= self.left + self.right or height <= self.top + self.bottom:
            return
        figure.subplots_adjust(
            left=self.left / width,
            right=1 - self.right / width,
            top=1 - self.top / height,
            bottom=self.bottom / height,
        )


def label_width_inches(labels: Sequence[str], point_size: float) -> float:
    """A generous width of the widest label: CJK characters and the curly quotes (full
    width in CJK faces) are one em, others 0.6 em."""
    widest = max((sum(1.0 if ord(c) >= 0x2000 else 0.6 for c in text) for text in labels),
                 default=0.0)
    return widest * point_size / 72.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("DashboardCharts", text)


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def state_label(slot: str) -> str:
    return _tr("逾期未履诺") if slot == OVERDUE else CommitmentState(slot).label


def chart_title(figure: Figure) -> str:
    """The title drawn at the figure's top-left corner ("" before the first draw)."""
    return str(figure.texts[0].get_text()) if figure.texts else ""


def _start(figure: Figure, title: str) -> Axes:
    """The figure's one axes, emptied of the last draw's artists but keeping its ticks:
    creating tick objects anew (``figure.clear()``) was half of a redraw's time. The
    title is a figure text at a fixed offset, which needs no layout pass."""
    if figure.axes:
        axes = figure.axes[0]
        for container in list(axes.containers):
            container.remove()
        for artist in [*axes.patches, *axes.lines, *axes.texts, *axes.collections]:
            artist.remove()
        legend = axes.get_legend()
        if legend is not None:
            legend.remove()
        axes.set_axis_on()
        axes.set_xlabel("")
        axes.relim()
        axes.autoscale()
        figure.texts[0].set_text(title)
        return axes
    from matplotlib.transforms import ScaledTranslation

    axes = figure.add_subplot()
    axes.tick_params(labelsize=LABEL_SIZE)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    corner = figure.transFigure + ScaledTranslation(0.08, -0.08, figure.dpi_scale_trans)
    figure.text(0, 1, title, transform=corner, ha="left", va="top", fontsize=TITLE_SIZE)
    return axes


def _legend_above(axes: Axes, *, columns: int) -> None:
    """The legend above the plot, right-aligned under the title: never over the data."""
    axes.legend(fontsize=LABEL_SIZE, frameon=False, loc="lower right", ncol=columns,
                bbox_to_anchor=(1.0, 1.01), borderaxespad=0.0, handlelength=1.5,
                columnspacing=1.0)


def _two_lines(label: str) -> str:
    """A state name over two lines when long (逾期\n未履诺): six fit under narrow bars."""
    return label if len(label) <= 3 else f"{label[:2]}\n{label[2:]}"


def _nothing(axes: Axes) -> None:
    axes.set_axis_off()
    axes.text(0.5, 0.45, _tr("本年度暂无数据"), ha="center", va="center",
              fontsize=LABEL_SIZE + 1, color=GREY, transform=axes.transAxes)


def alliance_bars(figures: DashboardFigures) -> list[AllianceRate]:
    """The alliances the per-alliance chart shows, top bar first (best rate first)."""
    lines = list(figures.per_alliance)
    if len(lines) > MAX_BARS:
        lines = lines[-MAX_BARS:]  # the lowest rates: the alliances that are behind
    return lines


def draw_alliance_rates(figure: Figure, figures: DashboardFigures) -> Drawn:
    """按期履诺率 per alliance, sorted (best at the top); the bars are pickable.

    ``Drawn.bars``: light full-width rows behind the bars, row ``i`` for
    ``alliance_bars(figures)[i]``, so that an alliance at 0 % can be clicked too.
    """
    lines = alliance_bars(figures)
    if len(figures.per_alliance) > MAX_BARS:
        title = _tr("{year}年按期履诺率最低的 {n} 个联盟").format(year=figures.year, n=len(lines))
    else:
        title = _tr("{year}年各联盟按期履诺率").format(year=figures.year)
    axes = _start(figure, title)
    if not lines:
        _nothing(axes)
        return Drawn()
    rates = [(line.on_time_rate or 0.0) * 100 for line in lines]
    positions = list(range(len(lines)))
    rows = axes.barh(positions, [100] * len(lines), color=TRACK, height=0.65, picker=True)
    bars = axes.barh(positions, rates, color=RED, height=0.65)
    labels = [short_alliance_name(line.name) for line in lines]
    axes.set_yticks(positions, labels)
    axes.set_ylim(len(lines) - 0.5, -0.5)  # the first (best) at the top
    axes.set_xlim(0, 112)
    axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    axes.bar_label(bars, labels=[percent(line.on_time_rate) for line in lines],
                   fontsize=LABEL_SIZE - 1, padding=2)
    axes.tick_params(axis="y", length=0)
    axes.set_xlabel(_tr("点击条形查看该联盟的承诺"), fontsize=LABEL_SIZE - 1, color=GREY)
    return Drawn(left=label_width_inches(labels, LABEL_SIZE) + 0.3, right=0.1, bottom=0.55,
                 bars=rows)


def draw_monthly(figure: Figure, figures: DashboardFigures) -> Drawn:
    """Commitments made vs fulfilled, month by month."""
    axes = _start(figure, _tr("{year}年每月新增承诺与履诺").format(year=figures.year))
    months = [m.month for m in figures.monthly]
    made = [m.made for m in figures.monthly]
    fulfilled = [m.fulfilled for m in figures.monthly]
    axes.plot(months, made, marker="o", markersize=4, color=BLUE, label=_tr("新增承诺"))
    axes.plot(months, fulfilled, marker="s", markersize=4, color=GREEN, label=_tr("履诺"))
    # Bare month numbers under an axis title: twelve "10月11月12月" collide at 1000 px.
    axes.set_xticks(months, [str(m) for m in months])
    axes.set_xlabel(_tr("月份"), fontsize=LABEL_SIZE - 1, color=GREY, labelpad=1)
    axes.set_ylim(bottom=0, top=max([*made, *fulfilled, 1]) * 1.15)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.grid(axis="y", color="#e0e0e0", linewidth=0.8)
    _legend_above(axes, columns=2)
    return Drawn(top=0.65, bottom=0.5)


def draw_states(figure: Figure, figures: DashboardFigures) -> Drawn:
    """The year's commitments by state, overdue counted as its own slot."""
    axes = _start(figure, _tr("{year}年承诺状态分布（共 {n} 项）").format(
        year=figures.year, n=figures.total))
    if figures.total == 0:
        _nothing(axes)
        return Drawn()
    slots: Sequence[str] = STATE_SLOTS
    values = [figures.states[slot] for slot in slots]
    bars = axes.bar(range(len(slots)), values, color=[STATE_COLOURS[s] for s in slots],
                    width=0.6)
    axes.set_xticks(range(len(slots)), [_two_lines(state_label(s)) for s in slots])
    axes.bar_label(bars, fontsize=LABEL_SIZE - 1, padding=2)
    axes.set_ylim(0, max(values) * 1.18)
    axes.yaxis.get_major_locator().set_params(integer=True)
    return Drawn(bottom=0.55)


def draw_directions(figure: Figure, figures: DashboardFigures) -> Drawn:
    """单位→社区 vs 社区→单位: commitments and fulfilled, with each on-time rate."""
    axes = _start(figure, _tr("{year}年双向承诺对比").format(year=figures.year))
    if figures.total == 0:
        _nothing(axes)
        return Drawn()
    groups = [_tr("承诺数"), _tr("已履诺")]
    width = 0.36
    top = 1
    for index, (side, colour) in enumerate(zip(figures.directions, (RED, GOLD), strict=False)):
        values = [side.made, side.fulfilled]
        top = max(top, *values)
        label = _tr("{direction}（按期履诺率 {rate}）").format(
            direction=side.direction.label, rate=percent(side.on_time_rate))
        offset = (index - 0.5) * width
        bars = axes.bar([g + offset for g in range(len(groups))], values, width, color=colour,
                        label=label)
        axes.bar_label(bars, fontsize=LABEL_SIZE - 1, padding=2)
    axes.set_xticks(range(len(groups)), groups)
    axes.set_ylim(0, top * 1.15)
    axes.yaxis.get_major_locator().set_params(integer=True)
    _legend_above(axes, columns=1)
    return Drawn(top=0.85)

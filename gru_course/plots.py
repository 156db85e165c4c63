"""Figures from arrays. Each function returns a CourseFigure and changes no global state
(no pyplot, no rcParams), so a notebook shows it by leaving it as a cell's last value and a test
can inspect it headless. Diagrams of the cells themselves are in diagrams.py."""
from __future__ import annotations

import io

import numpy as np
from matplotlib.figure import Figure


class CourseFigure(Figure):
    """A matplotlib Figure that renders itself as PNG wherever IPython displays it.

    Without pyplot no backend registers a display for figures; _repr_png_ makes the figure show
    in a notebook, in an Output widget and in static exports alike.
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        return buffer.getvalue()

COLORS = {"rnn": "#d62728", "tanh-RNN": "#d62728", "gru": "#1f77b4", "GRU": "#1f77b4",
          "lstm": "#2ca02c", "LSTM": "#2ca02c"}
GATE_COLORS = {"r": "#9467bd", "z": "#ff7f0e", "n": "#1f77b4", "h_prev": "#7f7f7f", "h_t": "#000000"}


def _figure(width=7.0, height=3.2, **subplots):
    fig = CourseFigure(figsize=(width, height), dpi=100, layout="constrained")
    return fig, fig.subplots(**subplots)


def gradient_vs_distance(distances, norms: dict, title: str = "How far back the gradient reaches",
                         ylabel: str = r"$\|\partial h_T / \partial h_t\|$", floor: float = 1e-30,
                         xlabel: str = "distance T − t (time steps)"):
    """One line per model: gradient norm (log scale) against the distance T − t.

    Args:
        distances: (K,) distances T − t.
        norms: label -> (K,) norms. A label starting with "tanh-RNN", "GRU" or "LSTM" gets that
            model's colour; a second curve of the same model is drawn dashed.
        floor: values below it (exact zeros, say) are drawn at it, so that the log scale holds.
    """
    fig, ax = _figure()
    seen = set()
    for label, values in norms.items():
        model = label.split(" ")[0].rstrip(",")
        ax.semilogy(distances, np.maximum(values, floor), label=label, lw=2,
                    color=COLORS.get(model), ls="--" if model in seen else "-")
        seen.add(model)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.grid(True, which="major", alpha=0.3)
    if len(norms) > 4:                                # many curves: the legend goes beside the axes
        ax.legend(frameon=False, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    else:
        ax.legend(frameon=False)
    return fig


def sequence_panels(tokens: list[str], panels: list[tuple[str, dict, bool]], height: float = 1.9,
                    xlabel: str = "", dashed=()):
    """Stacked panels that share the token axis, one value per token.

    Args:
        tokens: the words of the sentence (or time steps), (T,).
        panels: (title, {label: (T,) values}, log y-axis?) per panel, top to bottom.
        xlabel: under the bottom panel; words are set at a slant, short labels upright.
        dashed: labels drawn dashed (and those with "RNN" in them), so that curves lying on top
            of each other stay visible.
    """
    fig, axes = _figure(7.5, height * len(panels), nrows=len(panels), sharex=True, squeeze=False)
    steps = np.arange(len(tokens))
    for ax, (title, series, log) in zip(axes[:, 0], panels):
        for label, values in series.items():
            style = "--" if "RNN" in label or label in dashed else "-"
            ax.plot(steps, values, style, marker="o", ms=3, lw=1.6, label=label)
        if log:
            ax.set_yscale("log")
        ax.set_title(title, fontsize=10, loc="left")
        ax.grid(True, alpha=0.3)
        if len(series) > 1:
            ax.legend(frameon=False, fontsize=8, loc="best")
    slant = max(len(t) for t in tokens) > 3
    axes[-1, 0].set_xticks(steps, tokens, rotation=50 if slant else 0,
                           ha="right" if slant else "center", fontsize=9)
    axes[-1, 0].set_xlabel(xlabel)
    return fig


def gate_values(values: dict, title: str = ""):
    """The explorer's picture of one step of a one-unit GRU.

    Left: bars for r, z (between 0 and 1) and h_prev, n, h_t (between −1 and 1).
    Right: h_t on the segment from n to h_prev, where z puts it.

    Args:
        values: scalars under the keys "r", "z", "h_prev", "n", "h_t".
    """
    fig, (left, right) = _figure(7.5, 2.8, ncols=2, width_ratios=[1.1, 1])
    keys = ["r", "z", "h_prev", "n", "h_t"]
    labels = [r"$r_t$", r"$z_t$", r"$h_{t-1}$", r"$n_t$", r"$h_t$"]
    left.bar(range(5), [values[k] for k in keys], color=[GATE_COLORS[k] for k in keys])
    left.set_xticks(range(5), labels, fontsize=11)
    left.axhline(0, color="k", lw=0.8)
    left.set_ylim(-1.05, 1.05)
    left.set_title("gates in [0, 1], states in [−1, 1]", fontsize=10)
    for i, k in enumerate(keys):
        left.text(i, values[k] + (0.06 if values[k] >= 0 else -0.14), f"{values[k]:.2f}",
                  ha="center", fontsize=9)
    right.axhline(0, color="#bbbbbb", lw=6, solid_capstyle="round")
    for key, y, label in (("n", 0.22, r"$n_t$"), ("h_prev", -0.33, r"$h_{t-1}$"),
                          ("h_t", 0.45, r"$h_t$")):
        right.plot(values[key], 0, "o", ms=12, color=GATE_COLORS[key])
        right.annotate(label, (values[key], 0), (values[key], y), ha="center", fontsize=12)
    right.set(xlim=(-1.1, 1.1), ylim=(-0.6, 0.6), yticks=[])
    right.set_title(rf"$h_t = z\,h_{{t-1}} + (1-z)\,n_t$,  z = {values['z']:.2f}", fontsize=10)
    if title:
        fig.suptitle(title, fontsize=11)
    return fig


def lines(x, curves: dict, xlabel: str, ylabel: str, title: str = "", logy: bool = False):
    """Plain line plot, one curve per entry of `curves` (label -> values like x)."""
    fig, ax = _figure(7, 3)
    for label, values in curves.items():
        ax.plot(x, values, lw=2, label=label)
    if logy:
        ax.set_yscale("log")
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.grid(True, alpha=0.3)
    ax.legend(frameon=False, fontsize=8)
    return fig


def phase_portrait(h_prev, curves: dict, title: str = r"One-unit GRU: $h_t$ against $h_{t-1}$"):
    """h_t as a function of h_{t-1} for a scalar GRU, one curve per setting.

    Left: h_t with the diagonal h_t = h_{t-1}; where a curve crosses it the state is a fixed
    point, and curves that hug it remember. Right: the change per step h_t − h_{t-1}, which
    separates the curves that the left panel draws on top of each other.
    """
    fig, (left, right) = _figure(8.5, 3.9, ncols=2)
    left.plot(h_prev, h_prev, color="#999999", lw=1, ls=":", label=r"$h_t = h_{t-1}$ (perfect memory)")
    for label, values in curves.items():
        left.plot(h_prev, values, lw=2, label=label)
        right.plot(h_prev, np.asarray(values) - h_prev, lw=2, label=label)
    left.set(xlabel=r"$h_{t-1}$", ylabel=r"$h_t$", title=title, xlim=(-1, 1), ylim=(-1, 1),
             aspect="equal")
    right.axhline(0, color="#999999", lw=1, ls=":")
    right.set(xlabel=r"$h_{t-1}$", ylabel=r"$h_t - h_{t-1}$", title="change in one step",
              xlim=(-1, 1))
    for ax in (left, right):
        ax.grid(True, alpha=0.3)
    left.legend(frameon=False, fontsize=8, loc="upper left")
    return fig


def seed_spread(panels: list[dict], ylabel: str = "accuracy", chance: float | None = 0.5):
    """Side-by-side panels; in each, one colour per model: every seed a thin line, the mean a
    thick one, so the spread over seeds is visible.

    Args:
        panels: dicts with "x" (K,), "runs" (label -> (S, K) array, S seeds), "xlabel", "title".
        chance: a dotted line at this accuracy (None: none).
    """
    fig, axes = _figure(3.6 * len(panels) + 0.4, 3.2, ncols=len(panels), squeeze=False, sharey=True)
    for ax, panel in zip(axes[0], panels):
        for label, values in panel["runs"].items():
            values = np.atleast_2d(np.asarray(values, dtype=float))
            color = COLORS.get(label.split(" ")[0])
            ax.plot(panel["x"], values.T, color=color, lw=0.8, alpha=0.35)
            ax.plot(panel["x"], values.mean(0), color=color, lw=2.4, marker="o", ms=4,
                    label=f"{label} (mean of {len(values)})")
        if chance is not None:
            ax.axhline(chance, color="#999999", ls=":", lw=1)
        if len(panel["x"]) <= 12:                      # few points: a tick at each, no fractions
            ax.set_xticks(list(panel["x"]))
        ax.set(xlabel=panel["xlabel"], title=panel.get("title", ""))
        ax.grid(True, alpha=0.3)
    axes[0, 0].set_ylabel(ylabel)
    entries = {l: h for ax in axes[0] for h, l in zip(*ax.get_legend_handles_labels())}
    fig.legend(list(entries.values()), list(entries), frameon=False, fontsize=8,
               loc="outside lower center", ncols=len(entries))
    return fig


def condition_dots(conditions: list[str], runs: dict, title: str = ""):
    """Accuracy per test condition for each model: one dot per seed, a bar at their mean.

    Args:
        conditions: names of the test sets, (C,), e.g. "nounpp/SP".
        runs: model label -> (S, C) accuracies, S seeds.
    """
    fig, ax = _figure(min(9.5, 2.5 + 0.6 * len(conditions)), 3.4)
    width = 0.8 / len(runs)
    for k, (label, values) in enumerate(runs.items()):
        values = np.atleast_2d(np.asarray(values, dtype=float))
        x = np.arange(len(conditions)) + (k - (len(runs) - 1) / 2) * width
        color = COLORS.get(label.split(" ")[0])
        ax.bar(x, values.mean(0), width * 0.9, color=color, alpha=0.35, label=label)
        spread = np.linspace(-0.3, 0.3, len(values)) * width       # seeds side by side, not stacked
        for row, dx in zip(values, spread):
            ax.plot(x + dx, row, "o", ms=2.5, color=color)
    ax.axhline(0.5, color="#999999", ls=":", lw=1)
    ax.text(len(conditions) - 0.5, 0.52, "chance", ha="right", fontsize=8, color="#666666")
    ax.set_xticks(range(len(conditions)), conditions, rotation=60 if len(conditions) > 10 else 0,
                  ha="right" if len(conditions) > 10 else "center", fontsize=8)
    ax.set(ylabel="accuracy", ylim=(0, 1.05), title=title)
    ax.legend(frameon=False, fontsize=8, ncols=len(runs), loc="lower left")
    return fig


def value_map(values, rows: list[str], columns: list[str], title: str = "", limits=(0.0, 1.0),
              cmap: str = "viridis", show=None):
    """A table of numbers as colours: rows (e.g. units) by columns (test sets, words).

    Args:
        values: (len(rows), len(columns)).
        limits: the values at the two ends of the colour scale.
        show: which values to print in their cell (a function of the value); by default those
            below 0.9 on a (0, 1) scale, and those beyond half the range on any other.
    """
    values = np.asarray(values, dtype=float)
    low, high = limits
    show = show or ((lambda v: v < 0.9) if limits == (0.0, 1.0) else
                    (lambda v: abs(v) >= 0.5 * max(abs(low), abs(high))))
    fig, ax = _figure(1.6 + 0.75 * len(columns), 0.8 + 0.24 * len(rows))
    image = ax.imshow(values, cmap=cmap, vmin=low, vmax=high, aspect="auto", interpolation="nearest")
    for (i, j), value in np.ndenumerate(values):
        if show(value):
            dark = (value - low) / (high - low) < 0.3 if cmap == "viridis" else abs(value) > 0.7 * high
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
    ax.set_xticks(range(len(columns)), columns, rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), rows, fontsize=7)
    ax.set_title(title, fontsize=10)
    fig.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
    return fig

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
                         ylabel: str = r"$\|\partial h_T / \partial h_t\|$", floor: float = 1e-30):
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
    ax.set(xlabel="distance T − t (time steps)", ylabel=ylabel, title=title)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(frameon=False)
    return fig


def sequence_panels(tokens: list[str], panels: list[tuple[str, dict, bool]], height: float = 1.9,
                    xlabel: str = ""):
    """Stacked panels that share the token axis, one value per token.

    Args:
        tokens: the words of the sentence (or time steps), (T,).
        panels: (title, {label: (T,) values}, log y-axis?) per panel, top to bottom.
        xlabel: under the bottom panel; words are set at a slant, short labels upright.
    """
    fig, axes = _figure(7.5, height * len(panels), nrows=len(panels), sharex=True, squeeze=False)
    steps = np.arange(len(tokens))
    for ax, (title, series, log) in zip(axes[:, 0], panels):
        for label, values in series.items():
            style = "--" if "RNN" in label else "-"
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


def accuracy_vs_length(lengths, accuracies: dict, title: str = "Held-out accuracy against distance"):
    """One line per model: accuracy at each clause length, with chance (0.5) marked."""
    fig, ax = _figure(7, 3.2)
    styles = [("o", "-"), ("s", "--"), ("^", "-."), ("D", ":")]
    for (label, values), (marker, line) in zip(accuracies.items(), styles):
        ax.plot(lengths, values, marker=marker, ls=line, lw=2, ms=7 if marker == "o" else 5,
                label=label, color=COLORS.get(label.split(" ")[0]))
    ax.axhline(0.5, color="#999999", ls=":", lw=1)
    ax.text(lengths[-1], 0.52, "chance", ha="right", fontsize=9, color="#666666")
    ax.set(xlabel="clause length (words between subject and verb)", ylabel="accuracy",
           ylim=(0.35, 1.04), title=title)
    ax.grid(True, alpha=0.3)
    ax.legend(frameon=False, loc="center right")
    return fig


def heatmaps(tokens: list[str], maps: list[tuple[str, np.ndarray]], unit_labels=None):
    """Stacked heatmaps over a sentence, units (rows) by tokens (columns), values in [0, 1].

    Args:
        tokens: the words, (T,).
        maps: (title, (T, H) values) per panel.
        unit_labels: names for the H rows (e.g. to mark the units that matter); default 0..H-1.
    """
    H = maps[0][1].shape[1]
    fig, axes = _figure(7.5, 0.5 + 0.2 * H * len(maps) + 0.5 * len(maps), nrows=len(maps),
                        sharex=True, squeeze=False)
    for ax, (title, values) in zip(axes[:, 0], maps):
        image = ax.imshow(np.asarray(values).T, aspect="auto", cmap="viridis", vmin=0, vmax=1,
                          interpolation="nearest")
        ax.set_title(title, fontsize=10, loc="left")
        ax.set_yticks(range(H), unit_labels if unit_labels is not None else range(H), fontsize=8)
        ax.set_ylabel("unit", fontsize=9)
        fig.colorbar(image, ax=ax, fraction=0.03, pad=0.01)
    axes[-1, 0].set_xticks(range(len(tokens)), tokens, rotation=50, ha="right", fontsize=9)
    return fig

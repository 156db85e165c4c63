"""Diagrams for the lectures: the GRU cell, the LSTM cell, and one GRU step as a graph.

Each function returns a CourseFigure (a matplotlib Figure that renders itself as PNG in a
notebook) built with the object API: no pyplot, no rcParams, so the module imports headless.
Drawing units are half-inches: an (8, 4.2) figure is 16 units wide.
"""
from __future__ import annotations

from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.patheffects import withStroke
from matplotlib.path import Path

from . import validate
from .gru import RESETS
from .plots import CourseFigure

INK = "#333333"
COLORS = {"reset": "#d62728", "update": "#1f77b4", "candidate": "#2ca02c", "direct": "#e07b00"}
HIGHLIGHTS = tuple(COLORS)
STATE_PATH = "#1f77b4"                      # the edges out of h_{t-1} in the step graph
GATE_FACE, OP_FACE, NODE_FACE = "#fff3c4", "#fde4e4", "#eaf1fb"
X_BUS, H_BUS, GATE_Y, MID_Y, STATE_Y = 1.1, 1.9, 3.9, 5.4, 6.9    # heights in the cell diagrams
SIGMA, TANH, ODOT = r"$\sigma$", r"$\tanh$", r"$\odot$"


def _canvas(size, title):
    """A white figure and a frameless axes in half-inch units, with `title` on top."""
    fig = CourseFigure(figsize=size, facecolor="white")
    ax = fig.add_axes((0.0, 0.0, 1.0, 0.92))
    ax.set(xlim=(0, 2 * size[0]), ylim=(0, 2 * 0.92 * size[1]), aspect="equal")
    ax.set_axis_off()
    ax.set_title(title, fontsize=13, color=INK)
    return fig, ax


def _width(color):
    """Line width: highlighted paths are drawn thicker."""
    return 1.4 if color == INK else 2.6


def _text(ax, xy, text, size=11, ha="center"):
    """A label at `xy`, on a white patch so that it stays legible over lines."""
    return ax.text(*xy, text, fontsize=size, color=INK, ha=ha, va="center", zorder=5,
                   bbox=dict(fc="white", ec="none", pad=0.5))


def _shape(ax, patch, xy, text, color, face, size):
    """Outline `patch` in `color` (filled with a tint of it if highlighted) and write `text`."""
    tint = tuple(1 - 0.22 * (1 - c) for c in to_rgb(color))
    patch.set(lw=_width(color), ec=color, fc=face if color == INK else tint, zorder=3)
    ax.add_patch(patch)
    ax.text(*xy, text, fontsize=size, color=INK, ha="center", va="center", zorder=4)
    return patch


def _box(ax, xy, text, w=1.3, h=0.8, color=INK, face=GATE_FACE, size=12):
    """A rounded box centred at `xy` with `text` inside; returns the patch."""
    return _shape(ax, FancyBboxPatch((xy[0] - w / 2, xy[1] - h / 2), w, h,
                                     boxstyle="round,pad=0,rounding_size=0.15"),
                  xy, text, color, face, size)


def _circle(ax, xy, text, color=INK, size=12):
    """An operation circle (⊙, +, 1−) of radius 0.3 centred at `xy`."""
    return _shape(ax, Circle(xy, 0.3), xy, text, color, OP_FACE, size)


def _arrow(ax, points, color=INK, head=True, halo=False, clip=None, branch=False):
    """A polyline through `points`, with a head unless `head` is False.

    `halo`: a white margin shows that it passes over the lines it crosses.
    `clip`: two patches; the straight arrow between their centres is cut at their borders.
    `branch`: a dot at the start shows that it branches off another line there.
    """
    if branch:
        ax.add_patch(Circle(points[0], 0.08, color=color, zorder=4))
    style = dict(arrowstyle="-|>" if head else "-", mutation_scale=13, color=color,
                 lw=_width(color), joinstyle="round", zorder=2.5 if halo else 2)
    arrow = (FancyArrowPatch(path=Path(points), **style) if clip is None else
             FancyArrowPatch(*points, patchA=clip[0], patchB=clip[1], shrinkA=1, shrinkB=1,
                             **style))
    if halo:
        arrow.set_path_effects([withStroke(linewidth=_width(color) + 5, foreground="white")])
    ax.add_patch(arrow)


def _gate(ax, x, text, name, out, label, color=INK, h_leg=True, at=None):
    """A box at (x, GATE_Y) fed by the h bus (left leg) and the x bus (right leg), and its output.

    `out`: the output's path after the top of the box (None: the caller draws it), named
    `label` (at `at`, by default right of its start).
    """
    for dx, bus in ((-0.3, H_BUS), (0.3, X_BUS))[0 if h_leg else 1:]:
        _arrow(ax, [(x + dx, bus), (x + dx, GATE_Y - 0.4)], color, halo=bus == X_BUS,
               branch=True)
    _text(ax, (x - 0.15, GATE_Y + 0.65), name, 10, ha="right")
    _text(ax, at or (x + 0.45, 4.75), label, 12)
    if out:
        _arrow(ax, [(x, GATE_Y + 0.4), *out], color)
    return _box(ax, (x, GATE_Y), text, color=color)


def _frame(ax, left, right, stops, h_from, h_end, x_end, color=INK):
    """The long lines of a cell diagram: the state line and the h and x_t buses.

    The state line runs from `left` to `right` through circles at x = `stops`, the h bus from
    the point `h_from` to x = `h_end`; x_t enters from below and its bus ends at x = `x_end`.
    """
    _text(ax, (0.55, STATE_Y), left, 12)
    _text(ax, (15.5, STATE_Y), right, 12)
    xs = [1.0, *stops, 15.0]
    for a, b in zip(xs, xs[1:]):
        _arrow(ax, [(a + 0.3 * (a in stops), STATE_Y), (b - 0.3 * (b in stops), STATE_Y)], color)
    _arrow(ax, [h_from, (h_from[0], H_BUS), (h_end, H_BUS)], head=False,
           branch=h_from[1] == STATE_Y)
    _text(ax, (2.5, 0.3), r"$x_t$", 12)
    _arrow(ax, [(2.5, 0.55), (2.5, X_BUS), (x_end, X_BUS)], head=False)


def _mix(ax, x, label, color=INK, plus=INK):
    """A gated product ⊙ at (x, MID_Y), added to the state line by a + drawn in `plus`."""
    _circle(ax, (x, MID_Y), ODOT, color)
    _arrow(ax, [(x, MID_Y + 0.3), (x, STATE_Y - 0.3)], color)
    _text(ax, (x + 0.3, 6.15), label, ha="left")
    _circle(ax, (x, STATE_Y), r"$+$", plus)


def gru_cell_diagram(reset: str = "before", highlight: str | None = None) -> Figure:
    """The GRU cell as a diagram of gates, operations and data flow.

    Args:
        reset: "before" (r_t multiplies h_{t-1} before W_hn, the lecture form) or "after"
            (r_t multiplies h_{t-1} W_hn + b_hn, as torch.nn.GRU does).
        highlight: None, or the path drawn in a strong colour: "reset", "update",
            "candidate" or "direct" (the old state kept by z_t).
    Returns:
        A Figure of size (8, 4.2).
    """
    validate.choice("reset", reset, RESETS)
    if highlight is not None:
        validate.choice("highlight", highlight, HIGHLIGHTS)

    def ink(*paths):
        """The highlight's colour for an element on one of `paths`, else plain ink."""
        return COLORS[highlight] if highlight in paths else INK

    cand = ink("candidate")
    where = "before the product" if reset == "before" else "after the product, as in torch.nn.GRU"
    fig, ax = _canvas((8, 4.2), f"GRU cell (reset {where})")
    zx, rx, ox, nx = 4.2, 6.6, (8.0 if reset == "before" else 9.4), 12.6

    _frame(ax, r"$h_{t-1}$", r"$h_t$", (zx, nx), (1.5, STATE_Y), ox, nx + 0.3, ink("direct"))
    _text(ax, (8.4, STATE_Y + 0.35), r"$z_t\odot h_{t-1}$")
    _gate(ax, zx, SIGMA, "update", [(zx, STATE_Y - 0.3)], r"$z_t$", ink("update"))
    _circle(ax, (zx, STATE_Y), ODOT, ink("update", "direct"))
    _arrow(ax, [(zx, MID_Y), (9.9, MID_Y)], ink("update"), branch=True)
    _circle(ax, (10.2, MID_Y), r"$1{-}$", ink("update"), 11)
    _arrow(ax, [(10.5, MID_Y), (nx - 0.3, MID_Y)], ink("update"))
    _text(ax, (11.35, MID_Y + 0.35), r"$1-z_t$")
    _gate(ax, rx, SIGMA, "reset", [(rx, 4.85), (ox, 4.85), (ox, GATE_Y + 0.3)], r"$r_t$",
          ink("reset"), at=(rx + 0.5, 5.15))
    _circle(ax, (ox, GATE_Y), ODOT, ink("reset", "candidate"))
    if reset == "before":           # h_{t-1} -> r_t ⊙ -> W_hn -> tanh
        _arrow(ax, [(ox, H_BUS), (ox, GATE_Y - 0.3)], cand)
        _text(ax, (9.0, 3.4), r"$r_t\odot h_{t-1}$", 10)
        _box(ax, (10.6, GATE_Y), r"$\cdot\,W_{hn}+b_{hn}$", 1.8, 0.6, cand, NODE_FACE, 11)
        _arrow(ax, [(ox + 0.3, GATE_Y), (9.7, GATE_Y)], ink("reset", "candidate"))
        _arrow(ax, [(11.5, GATE_Y), (nx - 0.65, GATE_Y)], cand)
    else:                           # h_{t-1} -> W_hn -> r_t ⊙ -> tanh
        _box(ax, (ox, 2.75), r"$h_{t-1}W_{hn}+b_{hn}$", 2.4, 0.55, cand, NODE_FACE, 11)
        _arrow(ax, [(ox, H_BUS), (ox, 2.475)], cand)
        _arrow(ax, [(ox, 3.025), (ox, GATE_Y - 0.3)], cand)
        _arrow(ax, [(ox + 0.3, GATE_Y), (nx - 0.65, GATE_Y)], ink("reset", "candidate"))
    _gate(ax, nx, TANH, "candidate", [(nx, MID_Y - 0.3)], r"$n_t$", cand, h_leg=False)
    _mix(ax, nx, r"$(1-z_t)\odot n_t$", ink("candidate", "update"), ink("candidate", "direct"))
    _text(ax, (3.3, 0.4), r"each $\sigma$ box: $\sigma(x_t W_{x\cdot} + h_{t-1} W_{h\cdot} + b_\cdot)$;  "
          r"$\tanh$ box: $\tanh(x_t W_{xn} + b_{xn}$ + the blue box$)$", 10, ha="left")
    return fig


def lstm_cell_diagram() -> Figure:
    """The LSTM cell in the same visual language, to compare with the GRU.

    Returns:
        A Figure of size (8, 4.2): the cell state C on top, the hidden state h below.
    """
    fig, ax = _canvas((8, 4.2), "LSTM cell: two states, three gates")
    fx, ix, gx, ox, cx = 4.0, 6.0, 8.6, 11.0, 13.2
    _frame(ax, r"$C_{t-1}$", r"$C_t$", (fx, gx), (1.0, H_BUS), ox - 0.3, ox + 0.3)
    _text(ax, (0.55, H_BUS), r"$h_{t-1}$", 12)
    _text(ax, ((fx + gx) / 2, STATE_Y + 0.35), r"$f_t\odot C_{t-1}$")
    for x, text, name, label, out in (
            (fx, SIGMA, "forget", r"$f_t$", [(fx, STATE_Y - 0.3)]),
            (ix, SIGMA, "input", r"$i_t$", [(ix, MID_Y), (gx - 0.3, MID_Y)]),
            (gx, TANH, "candidate", r"$g_t$", [(gx, MID_Y - 0.3)]),
            (ox, SIGMA, "output", r"$o_t$", None)):
        _gate(ax, x, text, name, out, label, at=None if out else (12.05, GATE_Y + 0.3))
    _circle(ax, (fx, STATE_Y), ODOT)
    _mix(ax, gx, r"$i_t\odot g_t$")
    _arrow(ax, [(cx, STATE_Y), (cx, MID_Y + 0.3)], branch=True)
    _box(ax, (cx, MID_Y), TANH, 1.1, 0.6, face=NODE_FACE)
    _text(ax, (cx + 0.3, 4.75), r"$\tanh(C_t)$", 10, ha="left")
    _arrow(ax, [(cx, MID_Y - 0.3), (cx, GATE_Y + 0.3)])
    _arrow(ax, [(ox + 0.65, GATE_Y), (cx - 0.3, GATE_Y)])
    _circle(ax, (cx, GATE_Y), ODOT)
    _arrow(ax, [(cx + 0.3, GATE_Y), (15.0, GATE_Y)])
    _text(ax, (15.5, GATE_Y), r"$h_t$", 12)
    return fig


def gru_step_graph(reset: str = "before") -> Figure:
    """One GRU step as a computational graph, for the backpropagation lecture.

    Nodes are the intermediates of gru_step_forward, weights label the edges, biases sit under
    their nodes; the four blue edges out of h_{t-1} are the four terms of dL/dh_{t-1}.

    Args:
        reset: "before" (rh = r ⊙ h_{t-1}, then W_hn) or "after" (hn = h_{t-1} W_hn + b_hn).
    Returns:
        A Figure of size (9, 4.5).
    """
    validate.choice("reset", reset, RESETS)
    before = reset == "before"
    where = "before" if before else "after, as in torch.nn.GRU"
    fig, ax = _canvas((9, 4.5), f"One GRU step as a computational graph (reset {where})")
    nodes = {"x": (1.2, 6.2, "x_t", ""), "h": (1.2, 2.6, "h_{t-1}", ""),
             "az": (5.0, 7.2, "a_z", "+b_z"), "ar": (5.0, 4.6, "a_r", "+b_r"),
             "z": (7.6, 7.2, "z", ""), "r": (7.6, 4.6, "r", ""),
             "an": (12.2, 4.6, "a_n", "+b_{xn}+b_{hn}" if before else "+b_{xn}"),
             "n": (14.4, 4.6, "n", ""), "ht": (17.0, 4.6, "h_t", "")}
    edges = [("x", "az", r"$W_{xz}$", 0.5), ("x", "ar", r"$W_{xr}$", 0.72),
             ("h", "az", r"$W_{hz}$", 0.3), ("h", "ar", r"$W_{hr}$", 0.6),
             ("az", "z", SIGMA, 0.5), ("ar", "r", SIGMA, 0.5),
             ("an", "n", TANH, 0.5), ("n", "ht", r"$\times(1-z)$", 0.5)]
    if before:
        nodes["rh"] = (10.0, 3.4, "rh", r"r\odot h_{t-1}")
        edges += [("h", "rh", r"$r\,\odot$", 0.5), ("r", "rh", "", 0),
                  ("rh", "an", r"$W_{hn}$", 0.35)]
    else:
        nodes.update(hn=(7.6, 2.6, "hn", "h_{t-1}W_{hn}+b_{hn}"), rhn=(10.0, 3.4, r"r\odot hn", ""))
        edges += [("h", "hn", r"$W_{hn},\,b_{hn}$", 0.5), ("hn", "rhn", "", 0),
                  ("r", "rhn", "", 0), ("rhn", "an", "", 0)]
    patches = {}
    for key, (x, y, text, note) in nodes.items():
        patches[key] = _box(ax, (x, y), f"${text}$", 1.5 if key == "rhn" else 1.1, 0.7,
                            face=NODE_FACE)
        if note:                  # biases and meanings under the node, clear of arrow heads
            _text(ax, (x + 0.3 * (key in ("az", "an")), y - 0.68), f"${note}$", 10)
    for a, b, label, t in edges:
        (xa, ya, *_), (xb, yb, *_) = nodes[a], nodes[b]
        _arrow(ax, [(xa, ya), (xb, yb)], STATE_PATH if a == "h" else INK,
               clip=(patches[a], patches[b]))
        if label:                 # labels of short horizontal edges go above them
            _text(ax, (xa + t * (xb - xa), ya + t * (yb - ya) + 0.3 * (ya == yb)), label, 10)
    _arrow(ax, [(1.75, 6.2), (12.2, 6.2), (12.2, 4.95)])
    _text(ax, (10.6, 6.2), r"$W_{xn}$", 10)
    _arrow(ax, [(8.15, 7.2), (17.0, 7.2), (17.0, 4.95)])
    _arrow(ax, [(1.2, 2.25), (1.2, 1.2), (17.0, 1.2), (17.0, 4.25)], STATE_PATH)
    _text(ax, (9.0, 1.2), r"$\times z$", 11)
    _text(ax, (9.0, 0.45), r"blue: the four paths from $h_{t-1}$, the four terms of "
          r"$\partial L/\partial h_{t-1}$", 10)
    return fig

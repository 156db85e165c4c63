"""Sliders wired to the figures of plots.py. Thin by design: the numbers come from the package's
GRU, the pictures from plots.py; this module only connects sliders to them.

An Explorer displays as a live widget in JupyterLab, and carries a PNG of its current figure in
the same output, so where no widget front end runs (nbval, a static HTML export, a disabled widget
manager) the reader still sees the figure for the default slider values.
"""
from __future__ import annotations

import base64
import io

import ipywidgets as w
import numpy as np
from IPython.display import clear_output, display

from . import plots
from .gradient_flow import mean_jacobian_norms
from .gru import GRUParams, gru_step_forward


class Explorer:
    """Sliders plus an Output that holds draw(**slider values), redrawn on every change."""

    def __init__(self, sliders: dict, draw, title: str):
        self.sliders, self.draw, self.title = sliders, draw, title
        self.output = w.Output()
        self.box = w.VBox([w.HBox(list(sliders.values()),
                                  layout=w.Layout(flex_flow="row wrap")), self.output])
        self.figure = None
        for slider in sliders.values():
            slider.observe(self.redraw, names="value")
        self.redraw()

    @property
    def values(self) -> dict:
        return {name: slider.value for name, slider in self.sliders.items()}

    def redraw(self, change=None) -> None:
        self.figure = self.draw(**self.values)
        with self.output:
            clear_output(wait=True)
            display(self.figure)

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        return buffer.getvalue()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self.png()).decode("ascii")
        settings = ", ".join(f"{k}={v:g}" for k, v in self.values.items())
        bundle["text/plain"] = f"{self.title} (interactive in JupyterLab; shown at {settings})"
        return bundle


def _slider(description, value, lo, hi, step=0.05):
    return w.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                         continuous_update=True, readout_format=".2f",
                         style={"description_width": "initial"}, layout=w.Layout(width="230px"))


# A one-unit GRU whose weights are fixed, so that the sliders are the only thing that moves.
ONE_UNIT = GRUParams(W_xr=np.array([[1.5]]), W_hr=np.array([[-1.0]]), b_r=np.zeros(1),
                     W_xz=np.array([[-1.0]]), W_hz=np.array([[1.0]]), b_z=np.zeros(1),
                     W_xn=np.array([[2.0]]), W_hn=np.array([[1.5]]), b_xn=np.zeros(1),
                     b_hn=np.zeros(1))


def one_unit_step(x: float, h_prev: float, b_r: float, b_z: float, p: GRUParams = ONE_UNIT) -> dict:
    """r, z, n and h_t of one step of a one-unit GRU, as floats keyed like plots.gate_values."""
    p = p._replace(b_r=np.array([b_r], float), b_z=np.array([b_z], float))
    h_t, cache = gru_step_forward(np.array([[x]], float), np.array([[h_prev]], float), p)
    return {"r": cache.r.item(), "z": cache.z.item(), "h_prev": h_prev, "n": cache.n.item(),
            "h_t": h_t.item()}


def gate_explorer() -> Explorer:
    """Sliders for x_t, h_{t-1} and the biases b_r, b_z of a one-unit GRU; the bars redraw."""
    sliders = {"x": _slider("input x_t", 0.5, -2, 2), "h_prev": _slider("state h_{t-1}", -0.6, -1, 1),
               "b_r": _slider("reset bias b_r", 0.0, -6, 6, 0.25),
               "b_z": _slider("update bias b_z", 0.0, -6, 6, 0.25)}
    return Explorer(sliders, lambda **v: plots.gate_values(one_unit_step(**v)),
                    "Gate explorer")


def gradient_explorer(n_init: int = 8, D: int = 4, H: int = 16, seed: int = 1) -> Explorer:
    """Sliders for the gate bias and the sequence length; ‖∂h_T/∂h_t‖ of the three cells redraws.

    The bias is added to the GRU's update gate b_z and to the LSTM's forget gate b_f, the gates
    that keep the old state. Every redraw uses the same seed, so only the sliders change it.
    """
    def draw(bias, T):
        T = int(T)
        norms = {label: mean_jacobian_norms(kind, np.random.default_rng(seed), T, D, H, n_init, bias)
                 for kind, label in (("rnn", "tanh-RNN"), ("gru", "GRU"), ("lstm", "LSTM"))}
        return plots.gradient_vs_distance(
            np.arange(1, T + 1), norms,
            title=f"keep-gate bias {bias:+.1f}, H={H}, geometric mean of {n_init} cells")
    sliders = {"bias": _slider("keep-gate bias (b_z, b_f)", 0.0, -2, 5, 0.5),
               "T": w.IntSlider(value=100, min=10, max=150, step=10, description="length T",
                                layout=w.Layout(width="230px"))}
    return Explorer(sliders, draw, "Gradient explorer")

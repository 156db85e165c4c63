"""Sliders wired to figures (widgets.py), tested without a front end."""
import numpy as np

from gru_course import gru_step_forward, widgets


def test_one_unit_step_is_the_packages_gru_step():
    v = widgets.one_unit_step(x=0.5, h_prev=-0.6, b_r=1.0, b_z=-2.0)
    p = widgets.ONE_UNIT._replace(b_r=np.array([1.0]), b_z=np.array([-2.0]))
    h, cache = gru_step_forward(np.array([[0.5]]), np.array([[-0.6]]), p)
    assert v == {"r": cache.r.item(), "z": cache.z.item(), "h_prev": -0.6, "n": cache.n.item(),
                 "h_t": h.item()}
    kept = widgets.one_unit_step(x=2.0, h_prev=-0.6, b_r=0.0, b_z=40.0)
    assert abs(kept["h_t"] - (-0.6)) < 1e-12                  # z = 1 keeps the old state


def test_gate_explorer_redraws_when_a_slider_moves():
    explorer = widgets.gate_explorer()
    assert set(explorer.sliders) == {"x", "h_prev", "b_r", "b_z"}
    first = explorer.figure
    heights = [b.get_height() for b in first.axes[0].patches]
    explorer.sliders["b_z"].value = 6.0
    assert explorer.figure is not first
    z_bar = explorer.figure.axes[0].patches[1].get_height()
    assert z_bar > 0.99 and z_bar != heights[1]


def test_explorer_carries_a_static_picture_for_frontends_without_widgets():
    explorer = widgets.gate_explorer()
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    import base64
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert bundle["text/plain"].startswith("Gate explorer (interactive in JupyterLab; shown at x=0.5")


def test_gradient_explorer_follows_bias_and_length():
    explorer = widgets.gradient_explorer(n_init=2)
    gru = {l.get_label(): l for l in explorer.figure.axes[0].get_lines()}["GRU"]
    before = gru.get_ydata()
    explorer.sliders["bias"].value = 4.0
    after = {l.get_label(): l for l in explorer.figure.axes[0].get_lines()}["GRU"].get_ydata()
    assert after[-1] > 1e3 * before[-1]                      # a kept state keeps its gradient
    explorer.sliders["T"].value = 20                          # starts at 100, like the lecture
    assert len(explorer.figure.axes[0].get_lines()[0].get_xdata()) == 20

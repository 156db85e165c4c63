"""Figures from arrays (plots.py): headless, inspectable, displayable."""
import numpy as np
from matplotlib.colors import to_hex

from gru_course import plots


def png_ok(fig):
    data = fig._repr_png_()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 100_000
    return data


def test_gradient_vs_distance_is_logarithmic_with_model_colours_and_a_floor():
    d = np.arange(1, 11)
    fig = plots.gradient_vs_distance(d, {"tanh-RNN": 0.5 ** d, "GRU": 0.9 ** d,
                                         "GRU, bias 2": 0.99 ** d, "LSTM": np.zeros(10)})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert to_hex(lines["tanh-RNN"].get_color()) == plots.COLORS["tanh-RNN"]
    assert lines["GRU"].get_linestyle() == "-" and lines["GRU, bias 2"].get_linestyle() == "--"
    assert lines["LSTM"].get_ydata().min() == 1e-30          # zeros are drawn at the floor
    assert isinstance(fig, plots.CourseFigure)
    png_ok(fig)


def test_sequence_panels_share_the_token_axis():
    tokens = ["the", "cat", "was", "full"]
    fig = plots.sequence_panels(tokens, [("gate", {"g": [1e-6, 1, 1e-6, 1e-6]}, True),
                                         ("memory", {"c": [0, 1, 1, 1], "rnn": [0, 1, .9, .8]}, False)])
    top, bottom = fig.axes
    assert top.get_yscale() == "log" and bottom.get_yscale() == "linear"
    assert [t.get_text() for t in bottom.get_xticklabels()] == tokens
    assert len(bottom.get_lines()) == 2 and bottom.get_legend() is not None
    png_ok(fig)


def test_gate_values_draws_the_numbers_it_is_given():
    values = {"r": 0.8, "z": 0.25, "h_prev": -0.6, "n": 0.3, "h_t": 0.075}
    fig = plots.gate_values(values)
    bars = fig.axes[0].patches
    assert [round(b.get_height(), 3) for b in bars] == [0.8, 0.25, -0.6, 0.3, 0.075]
    assert "z = 0.25" in fig.axes[1].get_title()
    png_ok(fig)


def test_phase_portrait_and_lines_plot_every_curve():
    x = np.linspace(-1, 1, 5)
    fig = plots.phase_portrait(x, {"a": x ** 3, "b": np.tanh(x)})
    assert len(fig.axes[0].get_lines()) == 3                  # the diagonal and two curves
    np.testing.assert_array_equal(fig.axes[0].get_lines()[0].get_ydata(), x)
    np.testing.assert_allclose(fig.axes[1].get_lines()[0].get_ydata(), x ** 3 - x)   # the change
    fig = plots.lines(np.arange(3), {"one": [1, 2, 3]}, xlabel="t", ylabel="h", title="T", logy=True)
    assert fig.axes[0].get_xlabel() == "t" and fig.axes[0].get_title() == "T"
    assert fig.axes[0].get_yscale() == "log"
    png_ok(fig)

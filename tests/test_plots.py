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


def test_seed_spread_draws_every_seed_and_their_mean():
    runs = {"GRU": np.array([[0.5, 1.0, 1.0], [0.5, 0.5, 0.6]]), "LSTM": np.array([[0.4, 0.9, 1.0]])}
    fig = plots.seed_spread([{"x": [1, 2, 3], "runs": runs, "xlabel": "k", "title": "T"}])
    ax = fig.axes[0]
    lines = ax.get_lines()
    means = [line for line in lines if line.get_label().startswith("GRU (mean of 2)")]
    np.testing.assert_allclose(means[0].get_ydata(), [0.5, 0.75, 0.8])
    assert len(lines) == 2 + 1 + 1 + 1 + 1          # 2 GRU seeds, its mean, 1 LSTM seed, mean, chance
    assert list(ax.get_xticks()) == [1, 2, 3] and ax.get_title() == "T"
    png_ok(fig)


def test_condition_dots_puts_a_bar_at_each_models_mean_and_a_dot_per_seed():
    values = np.array([[1.0, 0.5], [0.0, 0.5]])
    fig = plots.condition_dots(["a", "b"], {"GRU": values})
    ax = fig.axes[0]
    assert [round(b.get_height(), 3) for b in ax.patches] == [0.5, 0.5]
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(dots) == 2 and sorted(np.concatenate([d.get_ydata() for d in dots])) == [0.0, 0.5, 0.5, 1.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b"]
    png_ok(fig)


def test_value_map_colours_the_table_and_prints_the_notable_values():
    table = np.array([[1.0, 0.2], [0.95, 0.5]])
    fig = plots.value_map(table, ["unit 0", "unit 1"], ["x", "y"], title="ablation")
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.images[0].get_array(), table)
    assert sorted(t.get_text() for t in ax.texts) == ["0.20", "0.50"]      # below 0.9 only
    fig = plots.value_map(-table, ["a", "b"], ["x", "y"], limits=(-2, 2), cmap="RdBu_r")
    assert ax is not fig.axes[0] and fig.axes[0].images[0].get_clim() == (-2, 2)
    assert [t.get_text() for t in fig.axes[0].texts] == ["-1.00"]      # |v| >= 1 on a ±2 scale
    png_ok(fig)

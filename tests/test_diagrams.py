"""The lecture diagrams (diagrams.py): figures with the right labels, small PNGs, no pyplot."""
import io
import subprocess
import sys

import matplotlib
import matplotlib.text
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from gru_course import diagrams

RESETS = ["before", "after"]
HIGHLIGHTS = ["reset", "update", "candidate", "direct"]
CELL_LABELS = ["$r_t$", "$z_t$", "$n_t$", "$h_t$", "$h_{t-1}$", "$x_t$", r"$\odot$", "$+$",
               r"$\sigma$", r"$\tanh$"]


def texts(fig):
    """Every string drawn in the figure, the title included."""
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def colours(fig):
    """The edge and face colours of every patch (boxes, circles, arrows), in drawing order."""
    return [(to_hex(p.get_edgecolor()), to_hex(p.get_facecolor())) for p in fig.findobj(Patch)]


def png_size(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return len(buf.getvalue())


@pytest.mark.parametrize("reset", RESETS)
@pytest.mark.parametrize("highlight", [None, *HIGHLIGHTS])
def test_gru_cell_has_every_label_and_names_its_reset_placement(reset, highlight):
    fig = diagrams.gru_cell_diagram(reset, highlight)
    assert isinstance(fig, Figure)
    found = texts(fig)
    for label in CELL_LABELS:
        assert label in found, label
    title = fig.axes[0].get_title()
    assert title.startswith("GRU cell") and f"reset {reset} the product" in title
    assert ("torch.nn.GRU" in title) == (reset == "after")
    assert (r"$h_{t-1}W_{hn}+b_{hn}$" in found) == (reset == "after")    # the product, labelled
    assert (r"$r_t\odot h_{t-1}$" in found) == (reset == "before")       # r_t ⊙ before it


@pytest.mark.parametrize("reset", RESETS)
@pytest.mark.parametrize("highlight", HIGHLIGHTS)
def test_highlighting_recolours_some_artists_and_only_in_that_colour(reset, highlight):
    plain = colours(diagrams.gru_cell_diagram(reset))
    marked = colours(diagrams.gru_cell_diagram(reset, highlight))
    assert len(plain) == len(marked)
    changed = [m for p, m in zip(plain, marked) if p != m]
    assert len(changed) >= 3
    assert all(edge == diagrams.COLORS[highlight] for edge, _ in changed)


def test_each_highlight_marks_a_different_path():
    marked = {h: colours(diagrams.gru_cell_diagram("before", h)) for h in HIGHLIGHTS}
    plain = colours(diagrams.gru_cell_diagram("before"))
    changed = {h: {i for i, (p, m) in enumerate(zip(plain, c)) if p != m}
               for h, c in marked.items()}
    assert len({frozenset(s) for s in changed.values()}) == len(HIGHLIGHTS)


def test_lstm_cell_has_both_states_and_all_gates():
    fig = diagrams.lstm_cell_diagram()
    assert isinstance(fig, Figure)
    found = texts(fig)
    for label in ["$C_{t-1}$", "$C_t$", "$h_{t-1}$", "$h_t$", "$x_t$", "$f_t$", "$i_t$", "$g_t$",
                  "$o_t$", r"$\tanh(C_t)$"]:
        assert label in found, label
    assert found.count(r"$\sigma$") == 3 and found.count(r"$\tanh$") == 2
    assert fig.axes[0].get_title() == "LSTM cell: two states, three gates"


@pytest.mark.parametrize("reset", RESETS)
def test_step_graph_has_the_intermediates_of_its_reset_placement(reset):
    fig = diagrams.gru_step_graph(reset)
    assert isinstance(fig, Figure)
    found = texts(fig)
    for label in ["$x_t$", "$h_{t-1}$", "$a_r$", "$a_z$", "$a_n$", "$r$", "$z$", "$n$", "$h_t$",
                  "$W_{xr}$", "$W_{hr}$", "$+b_r$", r"$\times z$"]:
        assert label in found, label
    assert ("$rh$" in found) == (reset == "before")
    assert ("$hn$" in found) == (reset == "after")
    assert fig.axes[0].get_title().startswith(
        f"One GRU step as a computational graph (reset {reset}")


def test_step_graph_shows_four_paths_out_of_the_old_state():
    for reset in RESETS:
        fig = diagrams.gru_step_graph(reset)
        edges = [p for p in fig.findobj(Patch) if to_hex(p.get_edgecolor()) == diagrams.STATE_PATH]
        assert len(edges) == 4, reset


@pytest.mark.parametrize("make", [
    lambda: diagrams.gru_cell_diagram("before"), lambda: diagrams.gru_cell_diagram("after"),
    lambda: diagrams.gru_cell_diagram("after", "candidate"), diagrams.lstm_cell_diagram,
    lambda: diagrams.gru_step_graph("before"), lambda: diagrams.gru_step_graph("after")])
def test_figures_are_white_notebook_sized_and_their_png_is_small(make):
    fig = make()
    width, height = fig.get_size_inches()
    assert 7.5 <= width <= 9.5 and 4 <= height <= 5
    assert to_hex(fig.get_facecolor()) == "#ffffff"
    assert all(t.get_fontsize() >= 10 for t in fig.findobj(matplotlib.text.Text) if t.get_text())
    assert png_size(fig) < 80_000
    assert fig._repr_png_().startswith(b"\x89PNG")        # a notebook shows it without pyplot


@pytest.mark.parametrize("call, argument, allowed", [
    (lambda: diagrams.gru_cell_diagram("middle"), "reset", ["'before'", "'after'"]),
    (lambda: diagrams.gru_step_graph("Before"), "reset", ["'before'", "'after'"]),
    (lambda: diagrams.gru_cell_diagram(highlight="gates"), "highlight",
     ["'reset'", "'update'", "'candidate'", "'direct'"]),
    (lambda: diagrams.gru_cell_diagram("after", 1), "highlight", ["'reset'", "'direct'"])])
def test_bad_arguments_raise_naming_the_argument_and_the_allowed_values(call, argument, allowed):
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    assert message.startswith(argument)
    for value in allowed:
        assert value in message


def test_importing_the_module_does_not_import_pyplot():
    code = "import sys, gru_course.diagrams; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

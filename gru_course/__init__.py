"""gru_course: the numpy GRU of the course, its RNN and LSTM baselines, and their checks.

The public names are the contract of COURSE.md §3. Importing this package loads numpy only;
torch, matplotlib and ipywidgets are imported by the functions that need them.
"""
import sys as _sys

try:
    import numpy as _numpy  # noqa: F401
except ImportError as _missing:                 # e.g. a terminal's system python, not the course's
    raise ImportError(f"gru_course needs numpy, which {_sys.executable} does not have: use the "
                      "course's environment, .venv/bin/python (after `make setup`).") from _missing

from .activations import sigmoid
from .conventions import flip_update_gate, gru_step_z_takes
from .gradcheck import (GradientReport, TimeStepReport, gradient_report, numerical_gradient,
                        numerical_param_gradients, rel_error, time_step_report)
from .i18n import use_language
from .gru import GRUParams, GRUStepCache, gru_step_backward, gru_step_forward
from .gru_sequence import GRUCache, gru_backward, gru_forward
from .lstm import (LSTMCache, LSTMParams, lstm_backward, lstm_forward, lstm_step_backward,
                   lstm_step_forward)
from .rnn import RNNCache, RNNParams, rnn_backward, rnn_forward, rnn_step_backward, rnn_step_forward

__version__ = "0.1.0"

__all__ = [
    "GRUParams", "GRUStepCache", "GRUCache",
    "gru_step_forward", "gru_step_backward", "gru_forward", "gru_backward",
    "RNNParams", "RNNCache", "rnn_step_forward", "rnn_step_backward", "rnn_forward", "rnn_backward",
    "LSTMParams", "LSTMCache", "lstm_step_forward", "lstm_step_backward", "lstm_forward",
    "lstm_backward",
    "sigmoid", "flip_update_gate", "gru_step_z_takes",
    "rel_error", "numerical_gradient", "numerical_param_gradients",
    "gradient_report", "time_step_report", "GradientReport", "TimeStepReport",
    "use_language",
]

"""Exercise checks: check_<function>(<function>) for every exercise of the course.

A check prints one line when the answer is right and raises CheckFailure (an AssertionError)
with a message in the learner's terms when it is not. Each check's catalogue of known mistakes
sits next to it: intro.py (01 Introduction), gates.py and forward.py (02 Forward flow),
backward.py and bptt.py (03 BPTT), tutorial.py, agreement.py and predictions.py (04 Tutorial).
"""
from .backward import check_gru_step_backward, check_sigmoid_backward, check_tanh_backward
from .bptt import (check_clip_gradients, check_dominant_paths, check_first_wrong_step,
                   check_gru_backward, check_keep_bias_50, check_numerical_gradient,
                   mystery_gru_backward)
from .engine import CheckFailure, Mistake
from .intro import (check_forget_past, check_gru_param_count, check_keep_bias,
                    check_lstm_param_count, check_rnn_param_count, check_simplified_gru_step,
                    check_step_by_hand)
from .agreement import check_ablate_unit, check_find_number_units
from .predictions import check_ablated_verbs, check_predicted_failures
from .tutorial import check_params_to_gru, check_sentence_nll, check_sentence_vector
from .forward import (check_from_column_form, check_gru_sequence, check_gru_step,
                      check_same_candidate, check_to_course_convention)
from .gates import (check_candidate, check_candidate_after, check_reset_gate, check_sigmoid,
                    check_update_gate)

__all__ = [name for name in dir() if name.startswith("check_")] + [
    "CheckFailure", "Mistake", "mystery_gru_backward"]

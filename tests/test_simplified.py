"""The single-gate GRU (simplified.py) is a full GRU with r = 1 and z = 1 - Γu."""
import numpy as np
import pytest

import gru_course as gc
from gru_course.simplified import SimplifiedParams, simplified_gru_forward


def test_equals_a_course_gru_with_open_reset_and_flipped_gate(rng):
    D, H = 3, 2
    cell = SimplifiedParams(W_c=rng.standard_normal((H + D, H)), b_c=rng.standard_normal(H),
                            W_u=rng.standard_normal((H + D, H)), b_u=rng.standard_normal(H))
    xs, c0 = rng.standard_normal((8, 4, D)), rng.standard_normal((4, H))
    cs, gammas = simplified_gru_forward(xs, c0, cell)
    p = gc.GRUParams(W_xr=np.zeros((D, H)), W_hr=np.zeros((H, H)), b_r=np.full(H, 60.0),
                     W_xz=-cell.W_u[H:], W_hz=-cell.W_u[:H], b_z=-cell.b_u,
                     W_xn=cell.W_c[H:], W_hn=cell.W_c[:H], b_xn=cell.b_c, b_hn=np.zeros(H))
    hs, cache = gc.gru_forward(xs, c0, p)
    assert gc.rel_error(hs, cs) < 1e-13
    assert gc.rel_error(cache.z, 1 - gammas) < 1e-13


def test_bad_shapes_name_the_argument(rng):
    cell = SimplifiedParams(np.zeros((5, 2)), np.zeros(2), np.zeros((5, 2)), np.zeros(2))
    with pytest.raises(ValueError, match=r"p.W_c has shape \(5, 2\) but expected \(K, H\) = \(K=4, H=2\)"):
        simplified_gru_forward(np.zeros((3, 1, 2)), np.zeros((1, 2)), cell)
    with pytest.raises(TypeError, match="p must be a SimplifiedParams"):
        simplified_gru_forward(np.zeros((3, 1, 3)), np.zeros((1, 2)), tuple(cell))

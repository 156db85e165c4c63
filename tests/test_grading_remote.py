"""The grader's channel to a kernel (grading/remote.py and serve.py): values arrive as they are,
and nothing a kernel sends is ever run by the grader.

The checks themselves are tested through this channel in test_checks.py, test_checks_agreement.py
and test_hint_catalogue.py (conftest.py runs each of their tests "by the grader" too).
"""
import base64
import json
import pickle
import socket
import struct
import threading
import time

import numpy as np
import pytest
import torch

import gru_course as gc
from gru_course.grading import remote, serve
from gru_course.grading.remote import ChannelError, decode


def served(tmp_path, namespace, name):
    """A channel to a thread serving `namespace` (as a kernel's check cell does)."""
    channel = remote.Channel(str(tmp_path / "check.sock"))
    thread = threading.Thread(target=serve.serve, args=(name, channel.path, namespace), daemon=True)
    thread.start()
    return channel, thread


def through(tmp_path, value):
    channel, thread = served(tmp_path, {"answer": value}, "answer")
    try:
        return remote.answer_of(channel, "answer")
    finally:
        channel.done()
        remote.stop(channel, thread)
        channel.close()


@pytest.mark.parametrize("value", [
    3, 2.5, True, None, "sg", float("nan"),
    np.float32(1.5), np.int64(7), np.bool_(True),
    np.arange(6, dtype=np.float32).reshape(2, 3), np.zeros((0, 4)), np.array([True, False]),
    (1, [2.0, "x"]), {"long/P0", "simple/S"}, frozenset({1}), {"a": np.float64(0.5), 3: None},
])
def test_values_arrive_with_their_types(tmp_path, value):
    got = through(tmp_path, value)
    assert type(got) is type(value)
    if isinstance(value, np.ndarray):
        assert got.dtype == value.dtype and got.shape == value.shape and np.array_equal(got, value)
    elif isinstance(value, float) and np.isnan(value):
        assert np.isnan(got)
    else:
        assert got == value


def test_the_courses_named_tuples_arrive_as_themselves(tmp_path, rng):
    p = gc.GRUParams.init(rng, 3, 4)
    got = through(tmp_path, p)
    assert type(got) is gc.GRUParams and all(np.array_equal(a, b) for a, b in zip(got, p))


def test_an_object_that_cannot_travel_arrives_as_its_type_name_only(tmp_path):
    class Mine:
        pass
    got = through(tmp_path, Mine())
    assert isinstance(got, remote.Opaque) and type(got).__name__ == "Mine"


def test_a_function_is_called_in_the_kernel_with_its_arguments_after_and_warnings(tmp_path):
    def f(x, model):
        x += 1                                           # changes its argument in place
        with torch.no_grad():
            model.weight_hh_l0.zero_()
        np.exp(np.array([1000.0]))                        # RuntimeWarning: overflow
        return model, x
    channel, thread = served(tmp_path, {"f": f}, "f")
    try:
        fn = remote.answer_of(channel, "f")
        assert isinstance(fn, remote.RemoteFunction) and fn.__name__ == "f"
        x, model = np.zeros(3), torch.nn.GRU(2, 3).double()
        result, after, caught = fn._remote_call(x, model)
    finally:
        channel.done()
        remote.stop(channel, thread)
        channel.close()
    returned_model, returned_x = result
    assert returned_model is model                       # the same object it was given ...
    assert torch.count_nonzero(model.weight_hh_l0) == 0  # ... changed as the kernel changed it
    assert np.array_equal(after[0], np.ones(3)) and np.array_equal(x, np.zeros(3))
    assert [w.category for w in caught] == [RuntimeWarning]


def test_a_torch_layer_returned_is_rebuilt_with_its_settings_and_dtype(tmp_path):
    def build(D, H):
        return torch.nn.GRU(D, H).double()
    channel, thread = served(tmp_path, {"build": build}, "build")
    try:
        layer = remote.answer_of(channel, "build")(3, 5)
    finally:
        channel.done()
        remote.stop(channel, thread)
        channel.close()
    assert type(layer) is torch.nn.GRU and layer.hidden_size == 5 and layer.input_size == 3
    assert layer.weight_ih_l0.dtype == torch.float64


def test_the_learners_exception_arrives_with_its_name_message_and_lines(tmp_path):
    def stub(x):
        raise NotImplementedError("Write the body of stub")
    channel, thread = served(tmp_path, {"stub": stub}, "stub")
    try:
        with pytest.raises(NotImplementedError, match="Write the body") as caught:
            remote.answer_of(channel, "stub")(1)
    finally:
        channel.done()
        remote.stop(channel, thread)
        channel.close()
    assert caught.value.remote_frames[-1].name == "stub"
    assert "raise NotImplementedError" in caught.value.remote_frames[-1].line


@pytest.mark.parametrize("data, why", [
    ({"array": "|O8", "shape": [1], "data": "AAAAAAAAAAA="}, "not a numeric type"),
    ({"array": "<f8", "shape": [3], "data": base64.b64encode(b"\0" * 8).decode()}, "do not fit"),
    ({"array": "<f8", "shape": [-1], "data": ""}, "do not fit"),
    ({"scalar": "<f8", "data": "AAAA"}, "do not fit"),
    ({"named": "P", "fields": ["import os"], "items": [1]}, "cannot exist"),
    ({"named": "GRUParams", "fields": ["a"], "items": [1, 2]}, "wrong number"),
    ({"arg": 5}, "not one of the arguments"),
    ({"dict": [[{"list": []}, 1]]}, "unhashable"),
    ({"pickle": "gASVAAAAAAAAAAA="}, "not an encoded value"),
    ({"set": list(range(1001))}, "a set of more than 1000 items"),
    ({"dict": [[i, i] for i in range(1001)]}, "a dict of more than 1000 items"),
    ({"list": [None] * 20_000}, "more than 20000 parts"),
    ([1, 2], "not an encoded value"),
])
def test_malformed_or_oversized_data_is_refused(data, why):
    with pytest.raises(ChannelError, match=why):
        decode(data)


class FakeKernel:
    """Connects to the grader's channel and answers each request with `reply` bytes."""

    def __init__(self, path, reply=None, answer=True):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.reply, self.answer = reply, answer
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        try:
            serve.receive(self.sock)
            if self.answer:
                self.sock.sendall(self.reply)
            time.sleep(60)
        except OSError:
            pass


class Planted:
    def __reduce__(self):
        return (exec, ("import pathlib; pathlib.Path(PLANTED).write_text('ran')",
                       {"PLANTED": str(PLANTED_FILE)}))


PLANTED_FILE = None


@pytest.mark.parametrize("reply", [
    "pickle", "too long", "over a megabyte", "not json", "not a dict",
])
def test_a_kernel_that_sends_something_else_fails_its_check_and_nothing_runs(tmp_path, reply):
    global PLANTED_FILE
    PLANTED_FILE = tmp_path / "planted"
    data = {"pickle": pickle.dumps(Planted()), "not json": b"\x80\x04garbage",
            "not a dict": json.dumps([1]).encode(), "too long": b"",
            "over a megabyte": json.dumps({"value": "x" * 2 ** 20}).encode()}[reply]
    frame = struct.pack("!Q", 2 ** 40) if reply == "too long" else struct.pack("!Q", len(data)) + data
    channel = remote.Channel(str(tmp_path / "check.sock"))
    fake = FakeKernel(channel.path, frame)
    passed, message = remote.run_check(channel, "check_gru_step", "gru_step")
    channel.close()
    fake.sock.close()
    assert not passed and "the check could not question gru_step" in message
    assert not PLANTED_FILE.exists()


def test_a_cell_that_never_asks_ends_its_check_when_the_cell_ends(tmp_path):
    channel = remote.Channel(str(tmp_path / "check.sock"))
    thread, verdict = remote.start(channel, "check_sigmoid", "sigmoid", "en")
    start = time.monotonic()
    remote.stop(channel, thread)
    assert time.monotonic() - start < 2 and not thread.is_alive()
    passed, message = verdict["result"]
    assert not passed and "never asked for its check" in message


def test_a_kernel_that_stops_answering_is_cut_off_when_the_cell_ends(tmp_path):
    channel = remote.Channel(str(tmp_path / "check.sock"))
    thread, verdict = remote.start(channel, "check_sigmoid", "sigmoid", "en")
    fake = FakeKernel(channel.path, answer=False)
    time.sleep(0.5)
    start = time.monotonic()
    remote.stop(channel, thread, grace=1.0)
    fake.sock.close()
    assert time.monotonic() - start < 3 and not thread.is_alive()
    assert not verdict["result"][0] and "stopped" in verdict["result"][1]


def test_the_largest_set_allowed_of_numbers_that_hash_alike_decodes_at_once():
    # 2**61 - 1 is the modulus of Python's int hash: all these multiples hash alike, and a set
    # of them costs the square of its size; at the cap of 1,000 items that is still instant
    colliding = {"set": [k * (2 ** 61 - 1) for k in range(1, 1001)]}
    start = time.process_time()
    assert len(decode(colliding)) == 1000
    assert time.process_time() - start < 1.0


def test_a_cells_output_is_kept_only_up_to_a_megabyte():
    from types import SimpleNamespace

    from gru_course.grading import plugin
    kernel = SimpleNamespace()

    def message(kind, **content):
        return {"msg_type": kind, "parent_header": {"msg_id": "cell-1"}, "content": content}
    kept = [plugin._capped(kernel, message("stream", name="stdout", text="x" * 600_000))
            for _ in range(3)]
    texts = [m["content"]["text"] for m in kept]
    assert len(texts[0]) == 600_000 and texts[1].startswith("x" * 448_576)
    assert texts[1].endswith("[output cut: over 1 MB in this cell]\n") and texts[2] == ""
    image = plugin._capped(kernel, message("display_data", data={"image/png": "A" * 10}))
    assert image["content"]["data"] == {"text/plain": "[output cut: over 1 MB in this cell]"}
    error = plugin._capped(kernel, message("error", ename="E", evalue="v" * 10 ** 6,
                                           traceback=["line"] * 1000))
    assert len(error["content"]["evalue"]) == 10_000 and len(error["content"]["traceback"]) == 50


def test_a_module_is_built_only_from_settings_that_describe_the_weights_sent():
    # an LSTM of 4,096 layers of 4,096 units would take terabytes: its settings must match the
    # weights that came with it, which fit in a reply of 1 MB
    huge = {"module": "torch.nn.modules.rnn.LSTM", "state": [],
            "config": {"input_size": 4096, "hidden_size": 4096, "num_layers": 4096}}
    start = time.process_time()
    assert isinstance(decode(huge), remote.Opaque)
    assert time.process_time() - start < 0.5
    small = torch.nn.GRU(2, 3)
    sent = serve.encode(small)
    assert type(decode(sent)) is torch.nn.GRU
    sent["config"]["num_layers"] = 2                        # settings that lie about the weights
    assert isinstance(decode(sent), remote.Opaque)
    with pytest.raises(ChannelError, match="more than 4 torch modules"):
        decode({"list": [serve.encode(small)] * 5})


def test_the_grader_keeps_nothing_of_a_message_nbval_does_not_read():
    from types import SimpleNamespace

    from gru_course.grading import plugin
    comm = {"msg_type": "comm_msg", "parent_header": {"msg_id": "c"}, "buffers": [b"x" * 100],
            "content": {"data": [[]] * 10 ** 5}}
    assert plugin._capped(SimpleNamespace(), comm)["content"] == {} and comm["buffers"] == []
    error = {"msg_type": "error", "parent_header": {"msg_id": "c"},
             "content": {"ename": "É" * 10 ** 6, "evalue": "", "traceback": []}}
    assert len(plugin._capped(SimpleNamespace(), error)["content"]["ename"]) == 200


def test_the_grader_reads_a_record_only_once_its_line_is_complete():
    from gru_course.grading.runner import complete_lines
    assert complete_lines('{"a": 1}\n{"b": ') == (['{"a": 1}'], '{"b": ')
    assert complete_lines('{"b": 2}\n') == (['{"b": 2}'], "")

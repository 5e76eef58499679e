"""Issue 17's cases that live in the Playground: bad input gets a clear error that names
the argument, before any work is done (the call, the exception type, a phrase of the
message)."""

import numpy as np
import pytest

import nncore.playground._record as record_module
from nncore.playground import PlaygroundDisplay, grid_points, network_maps, playground

PHI = grid_points(2, 1.0)


@pytest.fixture(scope="module")
def pg():
    return playground({"hidden": [2]})


CASES = [
    ("record_playground(interval=-100)", lambda pg: record_module.record_playground(
        None, epochs=2, interval=-100), ValueError, "interval must be > 0"),
    ("record_playground(interval=0)", lambda pg: record_module.record_playground(
        None, epochs=2, interval=0), ValueError, "interval must be > 0"),
    ("record_playground(interval='fast')", lambda pg: record_module.record_playground(
        None, epochs=2, interval="fast"), TypeError, "interval must be a number"),
    ("record_playground(dpi=0)", lambda pg: record_module.record_playground(
        None, epochs=2, dpi=0), ValueError, "dpi must be a number from 1 to 1000"),
    ("record_playground(dpi='64')", lambda pg: record_module.record_playground(
        None, epochs=2, dpi="64"), TypeError, "dpi must be a number"),
    ("PlaygroundDisplay(dpi=0)", lambda pg: PlaygroundDisplay(dpi=0), ValueError,
     "dpi must be a number from 1 to 1000"),
    ("PlaygroundDisplay(dpi='64')", lambda pg: PlaygroundDisplay(dpi="64"), TypeError,
     "dpi must be a number"),
    ("Playground.step(2.5)", lambda pg: pg.step(2.5), TypeError,
     "n must be an int >= 0 (the epochs to train); got 2.5"),
    ("Playground.step('3')", lambda pg: pg.step("3"), TypeError,
     "n must be an int >= 0 (the epochs to train); got '3'"),
    ("Playground.step(-1)", lambda pg: pg.step(-1), ValueError,
     "n must be an int >= 0 (the epochs to train); got -1"),
    ("Playground.step(True)", lambda pg: pg.step(True), TypeError, "n must be an int"),
    ("network_maps('model', Phi)", lambda pg: network_maps("model", PHI, shape=(2, 2)),
     TypeError, "model must be an nncore.mlp.MLP (the network whose neurons are mapped, "
                "such as run.model); got 'model' of type str"),
]


@pytest.mark.parametrize("call, error, phrase", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input_is_refused_naming_the_argument(pg, call, error, phrase):
    epoch = pg.epoch
    with pytest.raises(error) as info:
        call(pg)
    assert phrase in str(info.value)
    assert pg.epoch == epoch  # nothing trained


def test_record_playground_refuses_before_any_training(monkeypatch):
    def no_run(*args, **kwargs):
        raise AssertionError("a run was made before the arguments were checked")

    monkeypatch.setattr(record_module, "PlaygroundRun", no_run)
    for kwargs in ({"interval": -100}, {"dpi": 0}):
        with pytest.raises(ValueError):
            record_module.record_playground(None, epochs=300, **kwargs)


def test_step_zero_does_nothing_and_an_int_of_numpy_works(pg):
    epoch = pg.epoch
    pg.step(0)
    assert pg.epoch == epoch
    pg.step(np.int64(1))
    assert pg.epoch == epoch + 1

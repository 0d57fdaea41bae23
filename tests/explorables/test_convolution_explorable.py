"""The data of the explorable of "Convolutions": the figure run's CNN, epoch by epoch."""

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="the digits ship with scikit-learn (the digits extra)")

from nn_from_scratch.cnn import CNN_CHANNELS, CNN_RECIPE  # noqa: E402
from nn_from_scratch.explorables.convolution import convolution_data, epoch_data  # noqa: E402
from nn_from_scratch.explorables.encoding import LEVEL_CHARACTERS  # noqa: E402
from nn_from_scratch.figures.convolution import cnn_figure_run  # noqa: E402


def test_one_entry_per_epoch_from_the_untrained_network():
    data = convolution_data()
    assert len(data["epochs"]) == CNN_RECIPE.epochs + 1
    assert data["shapes"] == {
        "filters": [CNN_CHANNELS[0], 3, 3],
        "first": [CNN_CHANNELS[0], 8, 8],
        "second": [CNN_CHANNELS[1], 4, 4],
    }
    for epoch in data["epochs"]:
        assert len(epoch["filters"]) == CNN_CHANNELS[0] * 9
        assert len(epoch["first"]) == CNN_CHANNELS[0] * 64
        assert len(epoch["second"]) == CNN_CHANNELS[1] * 16
        assert len(epoch["probabilities"]) == 10
    # Training helps: the last epoch's loss is far below the first's.
    assert data["epochs"][-1]["loss"] < data["epochs"][0]["loss"] / 100


def test_an_epoch_is_its_snapshot_rounded():
    _, _, epochs = cnn_figure_run()
    snapshot = epochs[3]
    data = epoch_data(snapshot)
    assert data["loss"] == float(f"{snapshot.train_loss:.4g}")
    assert data["accuracy"] == round(snapshot.train_accuracy * 1000)
    assert data["probabilities"] == [round(p * 1000) for p in snapshot.probabilities]
    # The filters' scale is symmetric: the largest |weight| is an end.
    limit = np.abs(snapshot.filters).max()
    levels = np.array([LEVEL_CHARACTERS.index(c) for c in data["filters"]])
    back = levels / 63 * 2 * limit - limit
    assert np.abs(back - snapshot.filters.ravel()).max() <= limit / 63 + 1e-12
    assert {levels.min(), levels.max()} & {0, 63}


def test_what_the_chapter_says_about_the_explorable():
    """Convolutions: "The filters change most in the first epochs, and so do the maps built
    from them. The digit ... is labelled 5, and from the first epoch on the network
    answers 9, more and more sure of it." (Sure of it, with dips: Adam's steps are noisy.)"""
    _, _, epochs = cnn_figure_run()

    def changes(field):
        return [
            np.linalg.norm(getattr(after, field) - getattr(before, field))
            for before, after in zip(epochs[:-1], epochs[1:], strict=True)
        ]

    for field in ("filters", "first_maps"):
        first, *later = changes(field)
        assert first > max(later), field
    data = convolution_data()
    assert data["label"] == 5
    answers = [int(np.argmax(epoch["probabilities"])) for epoch in data["epochs"]]
    assert answers[0] != 9 and set(answers[1:]) == {9}
    sureness = [epoch["probabilities"][9] for epoch in data["epochs"][1:]]
    assert sureness[-1] == max(sureness) > sureness[0]

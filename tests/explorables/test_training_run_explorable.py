"""The data of the explorable of "Putting it all together": the article's network as it learns."""

import numpy as np

from nn_from_scratch.data import ARTICLE_SEED, article_dataset
from nn_from_scratch.explorables.encoding import LEVEL_CHARACTERS
from nn_from_scratch.explorables.training_run import (
    GRID,
    SEEDS,
    SHOWN_ITERATIONS,
    input_square,
    seed_run,
    training_run_data,
)
from nn_from_scratch.forward import forward_pass
from nn_from_scratch.loss import sum_squared_error
from nn_from_scratch.network import NeuralNetwork


def test_the_slider_stops_where_the_issue_asks():
    assert SHOWN_ITERATIONS[0] == 0 and SHOWN_ITERATIONS[-1] == 1500
    assert {0, 1, 10, 100, 1500} <= set(SHOWN_ITERATIONS)
    assert list(SHOWN_ITERATIONS) == sorted(set(SHOWN_ITERATIONS))


def test_the_seeds_are_the_chapters_and_one_that_stalls():
    assert list(SEEDS)[0] == ARTICLE_SEED
    stalled = seed_run(6351, shown=(1500,))
    predictions = np.array(stalled["predictions"][0]) / 1000
    assert np.abs(predictions - 0.5).min() < 0.1  # a prediction lingers near one half


def test_every_position_is_the_network_trained_that_long():
    x, y = article_dataset()
    shown = (0, 1, 10, 100)
    run = seed_run(ARTICLE_SEED, shown)
    for position, iterations in enumerate(shown):
        network = NeuralNetwork(x, y, seed=ARTICLE_SEED)
        if iterations:
            network.train(iterations)
        hidden, output = forward_pass(x, network.weights1, network.weights2)
        assert run["loss"][position] == float(f"{sum_squared_error(y, output):.5g}")
        assert run["predictions"][position] == [round(v * 1000) for v in output.ravel()]
        assert run["hidden"][position] == [round(v * 100) for v in hidden.ravel()]
        assert run["weights1"][position] == [round(v * 100) for v in network.weights1.ravel()]
        assert run["weights2"][position] == [round(v * 100) for v in network.weights2.ravel()]


def test_the_square_is_the_output_over_the_inputs_top_row_first():
    square = input_square()
    assert square.shape == (GRID * GRID, 3)
    np.testing.assert_array_equal(square[0], [0.0, 1.0, 1.0])  # top left: x1 = 0, x2 = 1
    np.testing.assert_array_equal(square[GRID - 1], [1.0, 1.0, 1.0])  # top right
    np.testing.assert_array_equal(square[-1], [1.0, 0.0, 1.0])  # bottom right
    x, y = article_dataset()
    run = seed_run(ARTICLE_SEED, (1500,))
    network = NeuralNetwork(x, y, seed=ARTICLE_SEED)
    network.train(1500)
    expected = network.predict(square).ravel()
    got = np.array([LEVEL_CHARACTERS.index(c) for c in run["square"][0]]) / 63
    assert np.abs(got - expected).max() <= 0.5 / 63 + 1e-12


def test_the_data_has_one_run_per_seed_and_one_value_per_position():
    data = training_run_data()
    assert [run["seed"] for run in data["seeds"]] == list(SEEDS)
    for run in data["seeds"]:
        for field in ("loss", "predictions", "hidden", "weights1", "weights2", "square"):
            assert len(run[field]) == len(SHOWN_ITERATIONS), field


def square_at(seed, iterations):
    run = seed_run(seed, (iterations,))
    levels = [LEVEL_CHARACTERS.index(c) for c in run["square"][0]]
    return np.array(levels).reshape(GRID, GRID) / 63, np.array(run["predictions"][0]) / 1000


def test_what_the_chapter_says_about_the_square():
    """Putting it all together: "On the plateau the output is close to one half everywhere;
    as the loss falls, the square splits into the corners whose target is 1 and the
    corners whose target is 0. [Seed 6351]: two of its predictions settle at one half,
    and so does a whole side of its square." """
    plateau, _ = square_at(ARTICLE_SEED, 100)
    assert np.abs(plateau - 0.5).max() < 0.05
    trained, _ = square_at(ARTICLE_SEED, 1500)
    # Rows run from x2 = 1 down to 0: corners (0, 1), (1, 1), (0, 0), (1, 0).
    corners = trained[[0, 0, -1, -1], [0, -1, 0, -1]]
    np.testing.assert_array_equal(np.rint(corners), [1, 0, 0, 1])
    assert np.abs(corners - np.rint(corners)).max() < 0.05
    stalled, predictions = square_at(6351, 1500)
    assert np.sum(np.abs(predictions - 0.5) < 0.01) == 2
    assert np.abs(stalled[:, -1] - 0.5).max() < 0.05  # the side x1 = 1

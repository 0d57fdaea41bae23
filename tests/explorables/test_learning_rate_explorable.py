"""The data of the explorable of "The learning rate": the chapter's sweep, rate by rate."""

from nn_from_scratch.data import article_dataset
from nn_from_scratch.explorables.learning_rate import curve_iterations, learning_rate_data
from nn_from_scratch.learning_rate import LEARNING_RATES, train_with_learning_rate


def test_the_curve_keeps_the_first_iterations_then_every_tenth_and_the_last():
    shown = curve_iterations(1500)
    assert shown[:150] == list(range(1, 151))
    assert shown[150:152] == [160, 170] and shown[-1] == 1500
    assert curve_iterations(155)[-1] == 155


def test_every_rate_shows_the_chapters_run():
    data = learning_rate_data()
    assert [run["rate"] for run in data["rates"]] == list(LEARNING_RATES)
    x, y = article_dataset()
    for run in data["rates"]:
        network, losses = train_with_learning_rate(x, y, run["rate"])
        # As the chapter prints it: the loss of iteration 1500, 4 decimals.
        assert run["final_loss"] == round(float(losses[-1]), 4)
        assert run["predictions"] == [round(v * 1000) for v in network.predict(x).ravel()]
        assert run["loss"] == [float(f"{losses[i - 1]:.4g}") for i in data["iterations"]]

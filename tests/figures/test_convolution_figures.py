"""The figures of "Convolutions for image classification": what they draw, in both themes."""

import numpy as np
import pytest

pytest.importorskip("matplotlib", reason="figures need matplotlib (the figures extra)")
pytest.importorskip("sklearn", reason="the digits ship with scikit-learn (the digits extra)")

from nn_from_scratch.cnn import (  # noqa: E402
    CNN_CHANNELS,
    CNN_RECIPE,
    digits_cnn,
    image_split,
    train_digits_cnn,
)
from nn_from_scratch.digits import load_digits_split  # noqa: E402
from nn_from_scratch.figures import convolution as convolution_figures  # noqa: E402
from nn_from_scratch.figures.convolution import (  # noqa: E402
    ZERO_COLORS,
    cnn_figure_run,
    feature_maps,
    figures,
    filters_figure,
    mosaic,
)
from nn_from_scratch.figures.style import theme_colors  # noqa: E402
from nn_from_scratch.figures.svg import figure_to_svg  # noqa: E402
from nn_from_scratch.losses import SoftmaxCrossEntropy  # noqa: E402
from nn_from_scratch.mlp import MLP_RECIPE  # noqa: E402
from nn_from_scratch.training import evaluate  # noqa: E402
from nn_from_scratch.validation import random_generator  # noqa: E402


def test_stems_are_prefixed_and_every_figure_draws_in_both_themes():
    drawn = figures()
    assert set(drawn) == {
        "convolution-im2col",
        "convolution-filters",
        "convolution-feature-maps",
        "convolution-vs-mlp",
    }
    for draw in drawn.values():
        for theme in ("light", "dark"):
            figure = draw(theme)
            assert figure.axes


def test_the_figure_run_is_the_chapters_seed_0_run():
    network, history, epochs = cnn_figure_run()
    assert cnn_figure_run() is cnn_figure_run()  # trained once
    assert len(history.train_loss) == CNN_RECIPE.epochs
    assert history.validation_accuracy == []  # the test part is scored once, at the end
    assert network.layers[0].params["W"].shape == (CNN_CHANNELS[0], 1, 3, 3)
    assert convolution_figures.FIGURE_SEED == 0
    # Recording a snapshot after every epoch changes nothing in the training.
    trained, trained_history = train_digits_cnn(convolution_figures.FIGURE_SEED)
    assert trained_history.train_loss == history.train_loss
    for ours, theirs in zip(network.layers, trained.layers, strict=True):
        for name, value in ours.params.items():
            np.testing.assert_array_equal(value, theirs.params[name])
    assert len(epochs) == CNN_RECIPE.epochs + 1  # before training, then after each epoch


def test_the_snapshot_after_an_epoch_is_the_network_trained_that_long():
    _, _, epochs = cnn_figure_run()
    split = image_split(load_digits_split())
    for k in (0, 1):
        if k:
            network, _ = train_digits_cnn(convolution_figures.FIGURE_SEED, epochs=k)
        else:
            network = digits_cnn(random_generator(convolution_figures.FIGURE_SEED))
        np.testing.assert_array_equal(epochs[k].filters, network.layers[0].params["W"][:, 0])
        _, first, second, logits = feature_maps(network, split)
        np.testing.assert_array_equal(epochs[k].first_maps, first)
        np.testing.assert_array_equal(epochs[k].second_maps, second)
        np.testing.assert_allclose(epochs[k].probabilities.sum(), 1.0)
        assert epochs[k].probabilities.argmax() == logits.argmax()
        loss, accuracy = evaluate(network, SoftmaxCrossEntropy(), split.x_train, split.y_train)
        assert (epochs[k].train_loss, epochs[k].train_accuracy) == (loss, accuracy)


def test_the_comparison_shows_training_losses_and_names_each_test_accuracy():
    network, history, _ = cnn_figure_run()
    split = image_split(load_digits_split())
    cnn_accuracy = np.mean(network.predict_labels(split.x_test) == split.y_test)
    (axes,) = convolution_figures.comparison_figure("dark").axes
    cnn_line, mlp_line = axes.get_lines()
    np.testing.assert_array_equal(cnn_line.get_ydata(), history.train_loss)
    assert cnn_line.get_label() == (
        f"CNN: {CNN_RECIPE.epochs} epochs, then test accuracy {cnn_accuracy:.1%}"
    )
    assert mlp_line.get_label().startswith(f"MLP: {MLP_RECIPE.epochs} epochs, then test accuracy ")


def test_feature_maps_have_the_shapes_the_chapter_names():
    digit, first, second, logits = feature_maps(
        cnn_figure_run()[0], image_split(load_digits_split())
    )
    assert logits.shape == (10,)
    assert digit.shape == (8, 8)
    assert first.shape == (CNN_CHANNELS[0], 8, 8)
    assert second.shape == (CNN_CHANNELS[1], 4, 4)
    assert first.min() >= 0.0 and second.min() >= 0.0  # after the ReLU


def test_mosaic_tiles_maps_with_gaps():
    maps = np.arange(3 * 2 * 2, dtype=float).reshape(3, 2, 2)
    tiles = mosaic(maps, columns=2, tile=4)
    assert tiles.shape == (2 * 5 - 1, 2 * 5 - 1)
    np.testing.assert_array_equal(tiles[:4, :4], maps[0].repeat(2, 0).repeat(2, 1))
    assert np.isnan(tiles[4]).all() and np.isnan(tiles[:, 4]).all()
    assert np.isnan(tiles[5:, 5:]).all()  # no fourth map


def luminance(color):
    """The relative luminance of a colour (WCAG), from 0 for black to 1 for white."""
    from matplotlib.colors import to_rgb

    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_filters_are_drawn_on_a_scale_centred_at_zero_in_a_grey_apart_from_the_page(theme):
    from matplotlib.colors import to_hex

    figure = filters_figure(theme)
    (image,) = figure.axes[0].images
    low, high = image.get_clim()
    assert low == -high and high == np.abs(cnn_figure_run()[0].layers[0].params["W"]).max()
    assert to_hex(image.cmap(image.norm(0.0))) == ZERO_COLORS[theme]
    zero, page = luminance(ZERO_COLORS[theme]), luminance(theme_colors(theme)["background"])
    ends = [luminance(theme_colors(theme)[name]) for name in ("accent", "primary")]
    if theme == "light":  # near-white, the ends darker
        assert page > zero > max(ends)
    else:  # a mid grey: well clear of the page (WCAG contrast ratio), the ends lighter
        assert (zero + 0.05) / (page + 0.05) > 2 and zero < min(ends)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_filters_figure_is_the_same_bytes_every_time(theme):
    assert figure_to_svg(filters_figure(theme)) == figure_to_svg(filters_figure(theme))


def test_the_filters_figure_names_every_filter_in_rows_of_eight():
    figure = filters_figure("light")
    rows = [axes for axes in figure.axes if axes.images and axes.get_xticklabels()]
    names = [label.get_text() for axes in rows for label in axes.get_xticklabels()]
    assert names == [f"filter {k + 1}" for k in range(CNN_CHANNELS[0])]
    assert all(len(axes.get_xticklabels()) <= convolution_figures.MAPS_PER_ROW for axes in rows)

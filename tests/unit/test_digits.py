"""The digits data and our fixed, stratified split."""

import builtins
import importlib.util

import numpy as np
import pytest
from conftest import skip_without_digits

skip_without_digits()

from nn_from_scratch import digits  # noqa: E402
from nn_from_scratch.digits import (  # noqa: E402
    DIGITS_SPLIT_SEED,
    DigitsSplit,
    load_digits_split,
    stratified_split,
    to_images,
)
from nn_from_scratch.errors import InvalidInputError, InvalidTypeError  # noqa: E402


def test_split_shapes_ranges_and_types():
    split = load_digits_split()
    assert isinstance(split, DigitsSplit)
    # 20% of each digit, rounded: 359 test images in all.
    assert split.x_train.shape == (1438, 64) and split.x_test.shape == (359, 64)
    assert split.x_train.dtype == np.float64 and split.y_train.dtype == np.int64
    assert split.x_train.min() == 0.0 and split.x_train.max() == 1.0
    assert set(np.unique(split.y_test)) == set(range(10))


def test_split_is_stratified_fixed_and_disjoint():
    _, labels = digits.raw_digits()
    train, test = stratified_split(labels, 0.2, DIGITS_SPLIT_SEED)
    assert np.intersect1d(train, test).size == 0 and train.size + test.size == 1797
    for digit in range(10):
        share = np.mean(labels[test] == digit) / np.mean(labels == digit)
        assert share == pytest.approx(1.0, abs=0.03)
    again = load_digits_split()
    np.testing.assert_array_equal(load_digits_split().y_test, again.y_test)
    other = load_digits_split(seed=DIGITS_SPLIT_SEED + 1)
    assert not np.array_equal(other.y_test, again.y_test)


def test_split_returns_fresh_arrays():
    split = load_digits_split()
    split.x_train[0, 0] = 5.0
    assert load_digits_split().x_train[0, 0] != 5.0


def test_to_images():
    split = load_digits_split(test_fraction=0.5)
    images = to_images(split.x_test)
    assert images.shape == (len(split.x_test), 1, 8, 8)
    np.testing.assert_array_equal(images[3, 0, 2], split.x_test[3, 16:24])
    with pytest.raises(InvalidInputError, match="64"):
        to_images(np.ones((2, 63)))


@pytest.mark.parametrize(
    ("fraction", "error"),
    [(0.0, InvalidInputError), (1.0, InvalidInputError), ("0.2", InvalidTypeError)],
)
def test_bad_fractions(fraction, error):
    with pytest.raises(error, match="test_fraction"):
        load_digits_split(test_fraction=fraction)


def test_the_table_read_directly_is_what_load_digits_gives():
    pixels, labels = digits.raw_digits()
    sklearn_pixels, sklearn_labels = digits.digits_from_sklearn()
    np.testing.assert_array_equal(pixels, sklearn_pixels)
    np.testing.assert_array_equal(labels, sklearn_labels)
    assert pixels.shape == (1797, 64) and not pixels.flags.writeable


def test_missing_scikit_learn_gives_a_hint(monkeypatch):
    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name.startswith("sklearn"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    with pytest.raises(ImportError, match=r"nn-from-scratch-book\[digits\]"):
        digits.digits_from_sklearn()
    digits.raw_digits.cache_clear()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    try:
        with pytest.raises(ImportError, match=r"nn-from-scratch-book\[digits\]"):
            load_digits_split()
    finally:
        monkeypatch.undo()
        digits.raw_digits.cache_clear()


def test_the_three_way_split_keeps_the_test_part_and_cuts_the_training_part():
    from nn_from_scratch.digits import load_digits_three_way_split

    split = load_digits_split()
    three = load_digits_three_way_split()
    np.testing.assert_array_equal(three.x_test, split.x_test)
    np.testing.assert_array_equal(three.y_test, split.y_test)
    assert len(three.x_train) + len(three.x_validation) == len(split.x_train)
    together = np.concatenate([three.x_train, three.x_validation])
    assert sorted(map(bytes, together)) == sorted(map(bytes, split.x_train))
    # Stratified: every digit keeps its share of the validation part.
    assert np.bincount(three.y_validation).min() >= 28
    again = load_digits_three_way_split()
    np.testing.assert_array_equal(three.y_validation, again.y_validation)


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, True, "0.2"])
def test_the_three_way_split_refuses_a_fraction_outside_zero_and_one(fraction):
    from nn_from_scratch.digits import load_digits_three_way_split

    with pytest.raises((InvalidInputError, InvalidTypeError), match="validation_fraction"):
        load_digits_three_way_split(fraction)

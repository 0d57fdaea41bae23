"""nn_from_scratch.save and load: round trips, bad files, interrupted saves."""

import json
import os
import pathlib
import zipfile

import numpy as np
import pytest

import nn_from_scratch
from nn_from_scratch import (
    InvalidInputError,
    InvalidModelFileError,
    InvalidTypeError,
    NeuralNetwork,
    load,
    persistence,
    save,
)
from nn_from_scratch.cnn import digits_cnn
from nn_from_scratch.conv import Conv2D
from nn_from_scratch.data import ARTICLE_SEED
from nn_from_scratch.flatten import Flatten
from nn_from_scratch.layers import Dense, Layer, LeakyReLU, ReLU, Sigmoid, Tanh
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.mlp import digits_mlp
from nn_from_scratch.optimizers import Adam
from nn_from_scratch.pooling import MaxPool2D
from nn_from_scratch.sequential import Sequential
from nn_from_scratch.training import fit

ARRAYS = ("weights1", "weights2", "input", "y")


@pytest.fixture
def trained(article_data):
    x, y = article_data
    network = NeuralNetwork(x, y, seed=ARTICLE_SEED)
    network.train(300)
    return network


@pytest.fixture
def saved(tmp_path, trained):
    path = tmp_path / "model.npz"
    save(trained, path)
    return path


def entries_of(path):
    with np.load(path, allow_pickle=False) as archive:
        return {key: archive[key] for key in archive.files}


def rewrite(path, drop=(), **changes):
    """Rewrite the model file at ``path`` with some entries changed or dropped."""
    entries = {k: v for k, v in entries_of(path).items() if k not in drop}
    entries.update({k: np.asarray(v) for k, v in changes.items()})
    with open(path, "wb") as file:
        np.savez(file, **entries)


def load_error(path):
    """The message of the InvalidModelFileError that loading ``path`` raises (no other type)."""
    with pytest.raises(InvalidModelFileError) as info:
        load(path)
    message = str(info.value)
    assert str(path) in message, message
    return message


# Round trip ------------------------------------------------------------------


def test_load_gives_bit_identical_predictions(trained, saved, article_data):
    x, _ = article_data
    loaded = load(saved)
    assert type(loaded) is NeuralNetwork
    assert np.array_equal(loaded.predict(x), trained.predict(x))
    new_inputs = np.random.default_rng(7).normal(size=(50, 3)) * 3
    assert np.array_equal(loaded.predict(new_inputs), trained.predict(new_inputs))


def test_loaded_attributes_equal_the_saved_ones(trained, saved):
    loaded = load(saved)
    for name in ARRAYS:
        value = getattr(loaded, name)
        assert value.dtype == np.float64
        assert np.array_equal(value, getattr(trained, name)), name
    fresh = NeuralNetwork(trained.input, trained.y, hidden_units=4, seed=0)
    assert vars(loaded).keys() == vars(fresh).keys(), "load must set what __init__ sets"
    for name, value in vars(fresh).items():
        assert getattr(loaded, name).shape == value.shape, name


def test_loaded_network_keeps_training_bit_for_bit(trained, saved):
    loaded = load(saved)
    np.testing.assert_array_equal(loaded.train(200), trained.train(200))
    np.testing.assert_array_equal(loaded.weights1, trained.weights1)
    np.testing.assert_array_equal(loaded.weights2, trained.weights2)


@pytest.mark.parametrize("as_path", [str, pathlib.Path], ids=["str", "Path"])
@pytest.mark.parametrize("filename", ["model.bin", "model", "model.npz", "my model.weights"])
def test_path_kinds_and_the_name_is_kept(tmp_path, trained, as_path, filename):
    target = as_path(os.path.join(tmp_path, filename))
    save(trained, target)
    assert os.listdir(tmp_path) == [filename]
    assert np.array_equal(load(target).weights2, trained.weights2)


def test_save_replaces_an_existing_file(tmp_path, article_data):
    x, y = article_data
    path = tmp_path / "model.npz"
    save(NeuralNetwork(x, y, seed=1), path)
    second = NeuralNetwork(x, y, hidden_units=6, seed=2)
    save(second, path)
    assert np.array_equal(load(path).weights1, second.weights1)
    assert os.listdir(tmp_path) == ["model.npz"]


def test_the_file_holds_plain_arrays_and_no_pickle(saved, trained):
    entries = entries_of(saved)
    assert set(entries) == {"format", "format_version", "kind", *ARRAYS}
    assert all(value.dtype != object for value in entries.values())
    assert str(entries["format"]) == "nn_from_scratch"
    assert int(entries["format_version"]) == 1
    assert str(entries["kind"]) == "NeuralNetwork"
    for name in ARRAYS:
        assert entries[name].dtype == np.float64
        assert np.array_equal(entries[name], getattr(trained, name))
    with zipfile.ZipFile(saved) as archive:
        assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())


def test_save_load_and_the_error_are_exported():
    assert nn_from_scratch.load is persistence.load
    assert nn_from_scratch.save is persistence.save
    assert {"save", "load", "InvalidModelFileError"} <= set(nn_from_scratch.__all__)
    assert issubclass(InvalidModelFileError, InvalidInputError)
    assert issubclass(InvalidModelFileError, ValueError)


def test_the_network_class_carries_no_persistence_code():
    assert not hasattr(NeuralNetwork, "save") and not hasattr(Sequential, "save")


def test_one_saver_per_loader():
    assert [cls.__name__ for cls in persistence.SAVERS] == list(persistence.LOADERS)


def test_loading_builds_the_network_through_its_constructor(saved, monkeypatch):
    calls = []

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return NeuralNetwork(*args, **kwargs)

    monkeypatch.setattr(persistence, "NeuralNetwork", spy)
    assert type(load(saved)) is NeuralNetwork
    assert calls == [{"hidden_units": 4, "seed": 0}]


class Layered:
    def __init__(self, params):
        self.params = params


def test_another_kind_is_added_by_registering_a_saver_and_a_loader(tmp_path, monkeypatch):
    """How a new kind of model plugs in: a saver for its class, a loader for its kind."""
    path = tmp_path / "layers.npz"
    monkeypatch.setitem(persistence.SAVERS, Layered, lambda model: {"params": model.params})
    monkeypatch.setitem(
        persistence.LOADERS, "Layered", lambda entries: Layered(entries.matrix("params"))
    )
    save(Layered(np.ones((2, 2))), path)
    assert str(entries_of(path)["kind"]) == "Layered"
    loaded = load(path)
    assert type(loaded) is Layered and np.array_equal(loaded.params, np.ones((2, 2)))


class MyNetwork(NeuralNetwork):
    pass


def copy_of_the_class():
    """A class defined like the package's, as a reader's notebook would: another class."""

    class NeuralNetwork(nn_from_scratch.NeuralNetwork):
        pass

    NeuralNetwork.__module__ = "__main__"
    return NeuralNetwork


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda x, y: [Dense(2, 2)], "list"),
        (lambda x, y: {"weights1": np.ones((3, 4))}, "dict"),
        (lambda x, y: nn_from_scratch.NeuralNetworkWithBiases(x, y, seed=0), "NeuralNetworkWith"),
        (lambda x, y: MyNetwork(x, y, seed=0), "MyNetwork"),
        (
            lambda x, y: copy_of_the_class()(x, y, seed=0),
            "__main__.NeuralNetwork, another class of the same name",
        ),
    ],
    ids=["list", "dict", "with-biases", "subclass", "copy"],
)
def test_saving_an_unsupported_model_type_is_refused(tmp_path, article_data, make, name):
    with pytest.raises(InvalidTypeError) as info:
        save(make(*article_data), tmp_path / "model.npz")
    message = str(info.value)
    assert "save can write a NeuralNetwork or a Sequential of nn_from_scratch" in message
    assert "(not a subclass)" in message
    assert f"got {name}" in message
    assert os.listdir(tmp_path) == []


# Files that are not model files ----------------------------------------------


def test_a_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "nothing.npz")


def test_an_empty_file(tmp_path):
    path = tmp_path / "model.npz"
    path.write_bytes(b"")
    assert "is empty" in load_error(path)


def test_a_truncated_file(saved):
    data = saved.read_bytes()
    saved.write_bytes(data[: len(data) // 2])
    message = load_error(saved)
    assert "is damaged" in message and "truncated" in message


def test_every_truncation_is_reported(saved):
    data = saved.read_bytes()
    for length in range(len(data)):
        saved.write_bytes(data[:length])
        load_error(saved)


def test_bytes_flipped_in_the_middle(saved):
    data = bytearray(saved.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])
    saved.write_bytes(bytes(data))
    message = load_error(saved)
    assert "is damaged" in message and "cannot be read" in message


def test_any_flipped_byte_is_an_error_or_harmless(saved, trained):
    """Flip each byte in turn: load raises InvalidModelFileError or returns the same model."""
    data = saved.read_bytes()
    harmless = 0
    for position in range(len(data)):
        corrupted = bytearray(data)
        corrupted[position] ^= 0xFF
        saved.write_bytes(bytes(corrupted))
        try:
            loaded = load(saved)
        except InvalidModelFileError:
            continue
        harmless += 1  # zip fields NumPy ignores: timestamps, version made by, ...
        for name in ARRAYS:
            assert np.array_equal(getattr(loaded, name), getattr(trained, name)), position
    assert harmless < len(data) // 2, "most flips must be caught"


def test_random_bytes(tmp_path):
    path = tmp_path / "model.npz"
    path.write_bytes(np.random.default_rng(0).bytes(2000))
    message = load_error(path)
    assert "is not a model saved by nn_from_scratch" in message
    assert "not a NumPy .npz archive" in message


def test_random_bytes_after_a_zip_signature(tmp_path):
    path = tmp_path / "model.npz"
    path.write_bytes(b"PK\x03\x04" + np.random.default_rng(0).bytes(2000))
    assert "is damaged" in load_error(path)


def test_a_text_file(tmp_path):
    path = tmp_path / "model.npz"
    path.write_text("weights1 = [[0.1, 0.2]]\n", encoding="utf-8")
    assert "not a NumPy .npz archive" in load_error(path)


def test_a_png_file(tmp_path):
    path = tmp_path / "picture.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17))
    assert "is not a model saved by nn_from_scratch" in load_error(path)


def test_a_single_npy_array(tmp_path):
    path = tmp_path / "weights.npy"
    np.save(path, np.ones((3, 4)))
    assert "single NumPy array" in load_error(path)


def test_an_npz_without_the_marker(tmp_path):
    path = tmp_path / "model.npz"
    np.savez(path, weights1=np.ones((3, 4)))
    message = load_error(path)
    assert "is not a model saved by nn_from_scratch: it has no 'format' entry" in message


def test_an_npz_with_pickled_objects_is_never_unpickled(tmp_path, saved):
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, data=np.array([{"a": 1}], dtype=object))
    assert "no 'format' entry" in load_error(foreign)
    rewrite(saved, weights1=np.array([{"a": 1}], dtype=object))
    message = load_error(saved)
    assert "entry 'weights1' cannot be read" in message and "allow_pickle" in message


def test_a_wrong_marker(saved):
    rewrite(saved, format="some_other_library")
    assert "its 'format' entry is 'some_other_library'" in load_error(saved)


def test_a_marker_that_is_not_text(saved):
    rewrite(saved, format=np.arange(3))
    assert "its 'format' entry is an array of dtype" in load_error(saved)


def test_a_newer_format_version(saved):
    rewrite(saved, format_version=2)
    message = load_error(saved)
    assert "format version 2, newer than" in message and "upgrade" in message


@pytest.mark.parametrize("version, phrase", [(0, "from 1 to 1"), ("1", "a whole number")])
def test_a_bad_format_version(saved, version, phrase):
    rewrite(saved, format_version=version)
    assert phrase in load_error(saved)


def test_an_unknown_kind(saved):
    rewrite(saved, kind="Transformer")
    message = load_error(saved)
    assert "kind 'Transformer'" in message and "known kinds: NeuralNetwork" in message


@pytest.mark.parametrize("entry", ["format_version", "kind", *ARRAYS])
def test_a_missing_entry(saved, entry):
    rewrite(saved, drop=[entry])
    assert f"it has no '{entry}' entry" in load_error(saved)


@pytest.mark.parametrize(
    "changes, phrase",
    [
        ({"weights1": np.ones((2, 4))}, "rows of 'weights1' (2) must equal the columns of 'input'"),
        ({"weights2": np.ones((5, 1))}, "rows of 'weights2' (5) must equal the columns of"),
        ({"y": np.ones((3, 1))}, "got 4 rows in x and 3 in y"),
        ({"weights2": np.ones((4, 2))}, "columns of 'weights2' (2) must equal the columns of 'y'"),
        ({"weights1": np.full((3, 4), np.nan)}, "'weights1' holds nan at row 0, column 0"),
        ({"input": np.array([[0, 0, 1], [0, np.inf, 1], [1, 0, 1], [1, 1, 1.0]])}, "holds inf"),
        ({"weights2": np.ones((4, 1), dtype=np.int64)}, "'weights2' has dtype int64"),
        ({"weights2": np.ones(4)}, "'weights2' has shape (4,)"),
        ({"y": np.full((4, 1), 2.0)}, "not training data for a NeuralNetwork: y must lie in"),
    ],
    ids=[
        "weights1-rows",
        "weights2-rows",
        "y-rows",
        "weights2-columns",
        "nan",
        "inf",
        "int-dtype",
        "1-D",
        "y-range",
    ],
)
def test_inconsistent_arrays(saved, changes, phrase):
    rewrite(saved, **changes)
    message = load_error(saved)
    assert "holds an unusable model" in message and phrase in message


# Interrupted saves -------------------------------------------------------------


def fail(*args, **kwargs):
    raise OSError("disk full (injected)")


def interrupt(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    "module, name, error, failure",
    [
        (persistence.os, "replace", OSError, fail),
        (persistence.os, "fsync", OSError, fail),
        (persistence.np, "savez", OSError, fail),
        (persistence.np, "savez", KeyboardInterrupt, interrupt),
    ],
    ids=["os.replace", "os.fsync", "np.savez", "np.savez-interrupted"],
)
def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(
    tmp_path, trained, saved, article_data, monkeypatch, module, name, error, failure
):
    before = saved.read_bytes()
    listing = sorted(os.listdir(tmp_path))
    x, y = article_data
    other = NeuralNetwork(x, y, seed=99)
    monkeypatch.setattr(module, name, failure)
    with pytest.raises(error):
        save(other, saved)
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == listing
    assert np.array_equal(load(saved).weights1, trained.weights1)


def test_a_failed_first_save_leaves_nothing(tmp_path, trained, monkeypatch):
    monkeypatch.setattr(persistence.os, "replace", fail)
    with pytest.raises(OSError, match="injected"):
        save(trained, tmp_path / "model.npz")
    assert os.listdir(tmp_path) == []


def test_saving_into_a_missing_directory(tmp_path, trained):
    with pytest.raises(FileNotFoundError):
        save(trained, tmp_path / "no-such-directory" / "model.npz")
    assert os.listdir(tmp_path) == []


def test_saved_file_gets_the_usual_permissions(tmp_path):
    import os
    import stat

    from nn_from_scratch import article_dataset

    path = tmp_path / "model.npz"
    save(NeuralNetwork(*article_dataset(), seed=0), path)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


# Part II: Sequential networks ---------------------------------------------------


def every_layer_type(dtype=np.float64):
    """A small network with one layer of every type save knows, odd settings."""
    return Sequential(
        [
            Conv2D(2, 3, (2, 3), stride=2, padding=1, seed=1, dtype=dtype),
            LeakyReLU(0.2),
            MaxPool2D(2, stride=1),
            Tanh(),
            Flatten(),
            Dense(3 * 3 * 4, 5, seed=2, dtype=dtype),
            Sigmoid(),
            Dense(5, 4, seed=3, init="xavier", dtype=dtype),
            ReLU(),
        ]
    )


SEQUENTIALS = {
    "mlp": (lambda: digits_mlp(seed=0), (64,)),
    "cnn": (lambda: digits_cnn(seed=0), (1, 8, 8)),
    "mlp-float32": (lambda: digits_mlp(seed=0, dtype=np.float32), (64,)),
    "every-layer": (every_layer_type, (2, 7, 10)),
    "every-layer-float32": (lambda: every_layer_type(np.float32), (2, 7, 10)),
}


def sample_inputs(shape, dtype, n=50):
    return np.random.default_rng(5).normal(size=(n, *shape)).astype(dtype)


def params_of(network):
    return [(type(layer), dict(layer.params)) for layer in network.layers]


def small_cnn():
    """A CNN for 8 x 8 images, fixed here so that these tests do not follow the chapter's."""
    return Sequential(
        [
            Conv2D(1, 4, 3, padding=1, seed=0),
            ReLU(),
            MaxPool2D(2),
            Conv2D(4, 6, 3, padding=1, seed=1),
            ReLU(),
            MaxPool2D(2),
            Flatten(),
            Dense(6 * 2 * 2, 10, seed=2),
        ]
    )


@pytest.fixture
def saved_cnn(tmp_path):
    network = small_cnn()
    path = tmp_path / "cnn.npz"
    save(network, path)
    return path


@pytest.mark.parametrize("name", SEQUENTIALS)
def test_a_sequential_loads_with_bit_identical_predictions(tmp_path, name):
    make, shape = SEQUENTIALS[name]
    network = make()
    dtype = network.layers[0].params["W"].dtype
    path = tmp_path / "model.npz"
    save(network, path)
    loaded = load(path)
    assert type(loaded) is Sequential
    assert [type(layer) for layer in loaded.layers] == [type(layer) for layer in network.layers]
    for before, after in zip(network.layers, loaded.layers, strict=True):
        assert vars(before).keys() == vars(after).keys(), "load must set what __init__ sets"
    for (_, before), (_, after) in zip(params_of(network), params_of(loaded), strict=True):
        assert before.keys() == after.keys()
        for key in before:
            assert after[key].dtype == dtype and np.array_equal(after[key], before[key])
    x = sample_inputs(shape, dtype)
    output = loaded.forward(x)
    assert output.dtype == dtype and np.array_equal(output, network.forward(x))
    assert np.array_equal(loaded.predict_labels(x), network.predict_labels(x))


def test_a_loaded_sequential_keeps_training_bit_for_bit(tmp_path):
    x, labels = sample_inputs((1, 8, 8), np.float64, n=40), np.arange(40) % 10
    networks = [small_cnn()]
    save(networks[0], tmp_path / "cnn.npz")
    networks.append(load(tmp_path / "cnn.npz"))
    histories = [
        fit(net, SoftmaxCrossEntropy(), Adam(net, 0.01), x, labels, 2, 16, seed=3)
        for net in networks
    ]
    assert histories[0] == histories[1]
    for (_, first), (_, second) in zip(*map(params_of, networks), strict=True):
        for key in first:
            assert np.array_equal(first[key], second[key])


def test_a_sequential_file_holds_json_and_plain_arrays(saved_cnn):
    entries = entries_of(saved_cnn)
    assert str(entries["kind"]) == "Sequential"
    assert entries["architecture"].dtype.kind == "U" and entries["architecture"].shape == ()
    description = json.loads(str(entries["architecture"]))
    assert description["dtype"] == "float64"
    assert description["layers"][0] == {
        "type": "Conv2D",
        "in_channels": 1,
        "out_channels": 4,
        "kernel_size": [3, 3],
        "stride": 1,
        "padding": 1,
    }
    assert [layer["type"] for layer in description["layers"]] == [
        "Conv2D", "ReLU", "MaxPool2D", "Conv2D", "ReLU", "MaxPool2D", "Flatten", "Dense"
    ]  # fmt: skip
    params = {"layer0_W", "layer0_b", "layer3_W", "layer3_b", "layer7_W", "layer7_b"}
    assert set(entries) == {"format", "format_version", "kind", "architecture", *params}
    assert all(value.dtype != object for value in entries.values())


class Doubler(Layer):
    def forward(self, x):
        return 2 * x

    def backward(self, dL_doutput):
        return 2 * dL_doutput


class MyDense(Dense):
    pass


@pytest.mark.parametrize(
    "layers, phrase",
    [
        ([Dense(2, 2, seed=0), Doubler()], "layers[1] is a Doubler, a layer type that cannot"),
        ([MyDense(2, 2, seed=0)], "layers[0] is a MyDense"),
    ],
    ids=["own-layer", "subclass"],
)
def test_saving_an_unknown_layer_type_is_refused(tmp_path, layers, phrase):
    with pytest.raises(InvalidInputError) as info:
        save(Sequential(layers), tmp_path / "model.npz")
    assert phrase in str(info.value) and "known types: Dense, Conv2D" in str(info.value)
    assert os.listdir(tmp_path) == []


def test_saving_unusable_parameters_is_refused(tmp_path):
    network = digits_mlp(seed=0)
    network.layers[0].params["b"][3] = np.nan
    with pytest.raises(InvalidInputError, match=r"layers\[0\].params\['b'\] holds NaN"):
        save(network, tmp_path / "model.npz")
    network = digits_mlp(seed=0)
    network.layers[2].params["W"] = np.ones((128, 10), dtype=np.float32)
    with pytest.raises(InvalidInputError, match="all float32 or all float64; got float32, float64"):
        save(network, tmp_path / "model.npz")
    network.layers[2].params["b"] = np.ones(3, dtype=np.float32)
    network.layers[0].params["b"] = np.ones(3, dtype=np.float32)
    network.layers[0].params["W"] = np.ones((64, 128), dtype=np.float32)
    with pytest.raises(InvalidInputError, match=r"layers\[0\] has parameters of shapes"):
        save(network, tmp_path / "model.npz")
    assert os.listdir(tmp_path) == []


def test_every_few_truncations_of_a_sequential_file_are_reported(saved_cnn):
    data = saved_cnn.read_bytes()
    for length in range(0, len(data), 97):
        saved_cnn.write_bytes(data[:length])
        load_error(saved_cnn)


def architecture_of(path):
    return json.loads(str(entries_of(path)["architecture"]))


def with_layer(path, index, **changes):
    description = architecture_of(path)
    description["layers"][index].update(changes)
    return json.dumps(description)


@pytest.mark.parametrize(
    "change, phrase",
    [
        (lambda p: "{not json", "is damaged: its 'architecture' entry is not valid JSON"),
        (lambda p: "[1, 2]", "an architecture must be an object; got [1, 2]"),
        (lambda p: '{"layers": []}', "must have the keys 'dtype' and 'layers'; got ['layers']"),
        (lambda p: '{"dtype": "float16", "layers": []}', "dtype must be one of"),
        (lambda p: '{"dtype": "float64", "layers": []}', "layers must be a non-empty list"),
        (lambda p: with_layer(p, 1, type="Softplus"), "layers[1] of the architecture has the"),
        (lambda p: with_layer(p, 2, padding=1), "a MaxPool2D, must have the settings"),
        (lambda p: with_layer(p, 0, stride=0), "a Conv2D: stride must be a positive integer"),
        (lambda p: with_layer(p, 0, kernel_size="3"), "a Conv2D: kernel_size must be a posit"),
        (lambda p: with_layer(p, 0, out_channels=9), "entry 'layer0_W' has shape (4, 1, 3, 3)"),
        (lambda p: with_layer(p, 7, out_features=12), "'layer7_W' has shape (24, 10), but layers"),
    ],
    ids=[
        "bad-json",
        "not-an-object",
        "no-dtype",
        "float16",
        "no-layers",
        "unknown-layer",
        "extra-setting",
        "bad-stride",
        "bad-kernel",
        "conv-shape",
        "dense-shape",
    ],
)
def test_a_bad_architecture(saved_cnn, change, phrase):
    rewrite(saved_cnn, architecture=change(saved_cnn))
    assert phrase in load_error(saved_cnn)


@pytest.mark.parametrize(
    "changes, drop, phrase",
    [
        ({}, ["architecture"], "it has no 'architecture' entry"),
        ({}, ["layer3_b"], "it has no 'layer3_b' entry"),
        ({"architecture": np.arange(3)}, [], "'architecture' entry is an array of dtype int"),
        ({"layer3_W": np.ones((6, 4, 3))}, [], "entry 'layer3_W' has shape (6, 4, 3), but"),
        ({"layer7_b": np.ones(10, np.float32)}, [], "entry 'layer7_b' has dtype float32"),
        ({"layer0_b": np.full(4, np.inf)}, [], "entry 'layer0_b' holds NaN or infinity"),
        ({"layer1_W": np.ones(3)}, [], "entries 'layer1_W' belong to no parameter"),
    ],
    ids=["no-architecture", "no-param", "architecture-ints", "shape", "dtype", "inf", "extra"],
)
def test_inconsistent_sequential_arrays(saved_cnn, changes, drop, phrase):
    rewrite(saved_cnn, drop=drop, **changes)
    assert phrase in load_error(saved_cnn)

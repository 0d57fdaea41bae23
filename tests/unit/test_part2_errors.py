"""Part II's bad inputs, table style: the entry point, the input, the error's first line.

The table of issue 5's closing note, continued for Part II: epochs, batch
sizes, class labels, image shapes and the settings of layers and
optimisers.  Every entry point refuses bad input with the package's own
errors (no NumPy traceback from deep inside), with a message that names the
argument, what was expected and what was given.
"""

import numpy as np
import pytest

from nn_from_scratch.activations import leaky_relu
from nn_from_scratch.conv import Conv2D
from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.flatten import Flatten
from nn_from_scratch.layers import Dense, LeakyReLU
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.metrics import accuracy, confusion_matrix
from nn_from_scratch.optimizers import SGD, Adam
from nn_from_scratch.pooling import MaxPool2D
from nn_from_scratch.sequential import Sequential
from nn_from_scratch.training import fit

X = np.random.default_rng(0).random((10, 6))
LABELS = np.arange(10) % 3
IMAGES = np.zeros((10, 1, 6, 6))


def mlp():
    return Sequential([Dense(6, 3, seed=0)])


def cnn():
    return Sequential([Conv2D(1, 2, 3, seed=0), MaxPool2D(2), Flatten(), Dense(8, 3, seed=0)])


def train(x=X, labels=LABELS, epochs=1, batch_size=4, network=mlp, **kwargs):
    net = network()
    return fit(net, SoftmaxCrossEntropy(), Adam(net), x, labels, epochs, batch_size, **kwargs)


# (entry point and bad input, call, error type, the first line of the message)
TABLE = [
    (
        "fit epochs=0",
        lambda: train(epochs=0),
        InvalidInputError,
        "epochs must be a positive integer; got 0",
    ),
    (
        "fit epochs=2.5",
        lambda: train(epochs=2.5),
        InvalidTypeError,
        "epochs must be a positive integer; got float 2.5",
    ),
    (
        "fit epochs=True",
        lambda: train(epochs=True),
        InvalidTypeError,
        "epochs must be a positive integer; got bool True",
    ),
    (
        "fit batch_size=0",
        lambda: train(batch_size=0),
        InvalidInputError,
        "batch_size must be a positive integer; got 0",
    ),
    (
        "fit batch_size='4'",
        lambda: train(batch_size="4"),
        InvalidTypeError,
        "batch_size must be a positive integer; got str '4'",
    ),
    (
        "fit labels 1.5",
        lambda: train(labels=LABELS + 0.5),
        InvalidTypeError,
        "labels must be integer class labels; got an array of dtype float64",
    ),
    (
        "fit labels text",
        lambda: train(labels=["a"] * 10),
        InvalidTypeError,
        "labels must be integer class labels; got an array of dtype <U1",
    ),
    (
        "fit labels >= classes",
        lambda: train(labels=LABELS + 1),
        InvalidInputError,
        "labels must be less than the number of classes, 3; got 3",
    ),
    (
        "fit labels < 0",
        lambda: train(labels=LABELS - 1),
        InvalidInputError,
        "labels must be >= 0; got -1",
    ),
    (
        "fit labels one-hot",
        lambda: train(labels=np.eye(10, 3)),
        InvalidInputError,
        "labels must be 1-D, one label per sample; got shape (10, 3)",
    ),
    (
        "fit labels too few",
        lambda: train(labels=LABELS[:9]),
        InvalidInputError,
        "labels must hold one label per sample, 10; got 9",
    ),
    (
        "fit x 1-D",
        lambda: train(x=X[0]),
        InvalidInputError,
        "x must have one sample per row (at least 2-D); got shape (6,)",
    ),
    (
        "fit x NaN",
        lambda: train(x=np.full((10, 6), np.nan)),
        InvalidInputError,
        "x must contain only finite numbers; found NaN or infinity",
    ),
    (
        "fit x text",
        lambda: train(x=X.astype(str)),
        InvalidTypeError,
        "x must hold real numbers; got an array of dtype <U32",
    ),
    (
        "fit x empty",
        lambda: train(x=np.zeros((0, 6)), labels=[]),
        InvalidInputError,
        "x must hold at least one sample; got shape (0, 6)",
    ),
    (
        "fit images, 3 channels",
        lambda: train(x=np.zeros((10, 3, 6, 6)), network=cnn),
        InvalidInputError,
        "x of shape (10, 3, 6, 6) does not fit the network's layers: layers[0], a Conv2D, "
        "refuses its first sample: the input of Conv2D must have 1 channels "
        "(axis 1 of (N, C, H, W)); got shape (1, 3, 6, 6)",
    ),
    (
        "fit rows into a CNN",
        lambda: train(network=cnn),
        InvalidInputError,
        "x of shape (10, 6) does not fit the network's layers: layers[0], a Conv2D, refuses its "
        "first sample: the input of Conv2D must be 4-D, (N, C, H, W) = "
        "(samples, channels, height, width); got 2-D shape (1, 6)",
    ),
    (
        "fit validation triple",
        lambda: train(validation=(X, LABELS, LABELS)),
        InvalidInputError,
        "validation must be None or a pair (x_validation, labels_validation); got tuple",
    ),
    (
        "fit validation labels",
        lambda: train(validation=(X, LABELS + 5)),
        InvalidInputError,
        "validation labels must be less than the number of classes, 3; got 7",
    ),
    (
        "fit seed=-1",
        lambda: train(seed=-1),
        InvalidInputError,
        "seed must be a whole number >= 0; got -1",
    ),
    (
        "fit progress=3",
        lambda: train(progress=3),
        InvalidTypeError,
        "progress must be None or callable; got int",
    ),
    (
        "predict_labels 1-D",
        lambda: mlp().predict_labels(X[0]),
        InvalidInputError,
        "x must have one sample per row (at least 2-D); got shape (6,)",
    ),
    (
        "predict_labels batch_size=0",
        lambda: mlp().predict_labels(X, batch_size=0),
        InvalidInputError,
        "batch_size must be a positive integer; got 0",
    ),
    (
        "Sequential([])",
        lambda: Sequential([]),
        InvalidInputError,
        "a Sequential needs at least one layer",
    ),
    (
        "Sequential([3])",
        lambda: Sequential([3]),
        InvalidTypeError,
        "layers[0] must have forward and backward; got int",
    ),
    (
        "Dense(0, 3)",
        lambda: Dense(0, 3),
        InvalidInputError,
        "in_features must be a positive integer; got 0",
    ),
    (
        "Dense init='glorot'",
        lambda: Dense(2, 3, init="glorot"),
        InvalidInputError,
        "init must be one of ('he', 'xavier'); got 'glorot'",
    ),
    (
        "Dense dtype=int32",
        lambda: Dense(2, 3, dtype=np.int32),
        InvalidInputError,
        "dtype must be float32 or float64; got int32",
    ),
    (
        "LeakyReLU(2)",
        lambda: LeakyReLU(2),
        InvalidInputError,
        "slope must be in [0, 1); got 2",
    ),
    (
        "leaky_relu slope=2, the layer's rule",
        lambda: leaky_relu(X, slope=2),
        InvalidInputError,
        "slope must be in [0, 1); got 2",
    ),
    (
        "LeakyReLU('0.1')",
        lambda: LeakyReLU("0.1"),
        InvalidTypeError,
        "slope must be a number in [0, 1); got str '0.1'",
    ),
    (
        "Conv2D kernel_size=0",
        lambda: Conv2D(1, 2, 0),
        InvalidInputError,
        "kernel_size must be a positive integer; got 0",
    ),
    (
        "Conv2D padding=-1",
        lambda: Conv2D(1, 2, 3, padding=-1),
        InvalidInputError,
        "padding must be a whole number >= 0; got -1",
    ),
    (
        "Conv2D stride=1.5",
        lambda: Conv2D(1, 2, 3, stride=1.5),
        InvalidTypeError,
        "stride must be a positive integer; got float 1.5",
    ),
    (
        "MaxPool2D(0)",
        lambda: MaxPool2D(0),
        InvalidInputError,
        "size must be a positive integer; got 0",
    ),
    (
        "Conv2D.forward 3-D",
        lambda: Conv2D(1, 2, 3).forward(np.zeros((1, 8, 8))),
        InvalidInputError,
        "the input of Conv2D must be 4-D, (N, C, H, W) = (samples, channels, height, width); got "
        "3-D shape (1, 8, 8)",
    ),
    (
        "Conv2D.forward image too small",
        lambda: Conv2D(1, 2, 3).forward(np.zeros((1, 1, 2, 2))),
        InvalidInputError,
        "the kernel (3 x 3) is larger than the padded image (2 x 2: 2 x 2 plus padding 0)",
    ),
    (
        "MaxPool2D.forward 2-D",
        lambda: MaxPool2D(2).forward(np.zeros((4, 8))),
        InvalidInputError,
        "the input of MaxPool2D must be 4-D, (N, C, H, W) = (samples, channels, height, width); "
        "got 2-D shape (4, 8)",
    ),
    (
        "Flatten.forward 1-D",
        lambda: Flatten().forward(np.zeros(4)),
        InvalidInputError,
        "the input of Flatten must have a batch axis and at least one more; got shape (4,)",
    ),
    (
        "SGD learning_rate=-1",
        lambda: SGD(mlp(), learning_rate=-1),
        InvalidInputError,
        "learning_rate must be a positive finite number; got -1",
    ),
    (
        "SGD momentum=1.5",
        lambda: SGD(mlp(), momentum=1.5),
        InvalidInputError,
        "momentum must be in [0, 1); got 1.5",
    ),
    (
        "Adam beta1=1",
        lambda: Adam(mlp(), beta1=1.0),
        InvalidInputError,
        "beta1 must be in [0, 1); got 1.0",
    ),
    (
        "SGD(3)",
        lambda: SGD(3),
        InvalidTypeError,
        "layers must be a list of layers or a Sequential; got int",
    ),
    (
        "accuracy lengths",
        lambda: accuracy([1, 2], [1]),
        InvalidInputError,
        "predicted must hold one label per sample, 2; got 1",
    ),
    (
        "confusion_matrix label 12",
        lambda: confusion_matrix([1, 12], [1, 2]),
        InvalidInputError,
        "labels must be less than the number of classes, 10; got 12",
    ),
]


@pytest.mark.parametrize(
    "call, error, message", [row[1:] for row in TABLE], ids=[row[0] for row in TABLE]
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    assert str(info.value).splitlines()[0] == message


def test_a_dense_layer_of_the_wrong_width_is_named_by_fit_not_by_a_numpy_traceback():
    message = (
        "x of shape (10, 5) does not fit the network's layers: "
        "layers[0], a Dense, expects 6 features per sample; got 5"
    )
    for call in (lambda: train(x=X[:, :5]), lambda: mlp().predict_labels(X[:, :5])):
        with pytest.raises(InvalidInputError) as info:
            call()
        assert str(info.value) == message

"""Checks to run before trusting a training run, each one a function.

Taught in the chapter "Debugging a training run" of Part II.

Each check looks at one thing a broken network gets wrong and a healthy one
gets right:

- :func:`initial_loss`: the cross-entropy of the untrained network against
  ``ln K``, its value when the network guesses every class alike;
- :func:`overfit_small_batch`: a network that cannot memorise a handful of
  samples cannot learn the whole set either;
- :func:`update_ratios`: how far one optimiser step moves each layer's
  parameters, relative to their size;
- :func:`layer_statistics`: the mean and spread of every layer's output, the
  share of zeros and of dead units, and the size of the gradient arriving
  there;
- :func:`gradient_errors`: the gradients a training loop actually left in
  the layers, against finite differences of the loss on the batch it meant.

The learning-rate range test is in :mod:`nn_from_scratch.lr_range_test`.
Every check runs the network's ``forward`` and ``backward`` and so changes
what the layers cache; :func:`update_ratios` and
:func:`overfit_small_batch` also train the network they are given.
"""

import math
from typing import NamedTuple

import numpy as np

from .errors import InvalidInputError, InvalidTypeError
from .gradient_check import check_float64_params, numerical_gradient, relative_error
from .label_checks import as_samples, check_labels
from .losses import SoftmaxCrossEntropy
from .sequential import forward_checked, parameter_dtype
from .training import History, check_training_parts, fit
from .validation import check_positive_int, random_generator


def check_network(network):
    """Raise unless ``network`` has ``forward``, ``backward`` and a non-empty list of layers."""
    has_methods = all(
        callable(getattr(network, method, None)) for method in ("forward", "backward")
    )
    if not has_methods or not getattr(network, "layers", None):
        raise InvalidTypeError(
            "network must be like a Sequential: methods forward and backward and a "
            f"non-empty list of layers; got {type(network).__name__}"
        )


def checked_batch(network, x, labels):
    """Return ``(x, labels)`` checked against ``network``, or raise in words.

    ``x`` becomes an array of the network's dtype, one sample per row, which
    the layers accept (one sample is sent through them, as ``fit`` does);
    ``labels`` one whole number per sample, each less than the number of the
    network's outputs.
    """
    check_network(network)
    x = as_samples("x", x, parameter_dtype(network))
    n_classes = forward_checked(network, x).shape[1]
    labels = check_labels("labels", labels, len(x), n_classes)
    return x, labels


class InitialLoss(NamedTuple):
    """The loss of an untrained network, and the value it should be near."""

    measured: float
    expected: float


def initial_loss(network, x, labels):
    """The softmax cross-entropy of ``network`` on ``(x, labels)``, and ``ln K``.

    ``K`` is the number of the network's outputs.  A network that gives every
    class the same logit predicts ``1 / K`` for each, and its loss is
    ``-ln(1 / K) = ln K`` on every sample.
    """
    x, labels = checked_batch(network, x, labels)
    logits = network.forward(x)
    measured = SoftmaxCrossEntropy().forward(logits, labels)
    return InitialLoss(measured, math.log(logits.shape[1]))


class OverfitResult(NamedTuple):
    """The training curves of :func:`overfit_small_batch` and when it memorised.

    ``history`` has one entry per step (each step is one epoch of one batch);
    ``steps`` is how many steps were taken before the training accuracy
    first reached 100%, or None if it never did.
    """

    history: History
    steps: int | None


def overfit_small_batch(network, loss, optimizer, x, labels, steps=200, seed=None):
    """Train on ``(x, labels)`` alone, all of it in every step, ``steps`` times.

    A few samples and a network with many more parameters: a network that
    learns at all memorises them, and its training accuracy reaches 100%.
    Trains ``network`` with ``fit``, so every input is checked as there.
    """
    steps = check_positive_int("steps", steps)
    x, labels = checked_batch(network, x, labels)
    history = fit(
        network,
        loss,
        optimizer,
        x,
        labels,
        epochs=steps,
        batch_size=len(x),
        seed=seed,
    )
    accuracy = history.train_accuracy
    memorised = accuracy.index(1.0) if 1.0 in accuracy else None
    return OverfitResult(history, memorised)


def layer_vector(layer):
    """Every parameter of ``layer`` end to end, as one new vector."""
    return np.concatenate([p.ravel() for p in layer.params.values()])


def update_ratios(network, loss, optimizer, x, labels):
    """Take one training step on ``(x, labels)``; return how far it moved each layer.

    ``{layer index: ||after - before|| / ||before||}`` for every layer with
    parameters, all of a layer's parameters counted together.  The step is
    a real one: the network is trained by it.  A layer whose parameters were
    all zero gets ``math.inf``.
    """
    check_training_parts(network, loss, optimizer, None)
    x, labels = checked_batch(network, x, labels)
    before = {
        index: layer_vector(layer) for index, layer in enumerate(network.layers) if layer.params
    }
    loss.forward(network.forward(x), labels)
    network.backward(loss.backward())
    optimizer.step()
    ratios = {}
    for index, theta in before.items():
        delta = layer_vector(network.layers[index]) - theta
        size = np.linalg.norm(theta)
        ratios[index] = float(np.linalg.norm(delta) / size) if size else math.inf
    return ratios


class LayerStatistics(NamedTuple):
    """What one layer's output looks like on a batch, and the gradient arriving there."""

    layer: str
    mean: float
    std: float
    zero_fraction: float
    dead_fraction: float
    gradient_rms: float


def dead_fraction(output):
    """The share of units (axis 1) that are 0 for every sample and position."""
    other_axes = tuple(axis for axis in range(output.ndim) if axis != 1)
    return float(np.mean(np.all(output == 0, axis=other_axes)))


def layer_statistics(network, loss, x, labels):
    """One forward and one backward pass on ``(x, labels)``; statistics per layer.

    For each layer, in order, a :class:`LayerStatistics`: the mean and
    standard deviation of its output, the share of output entries that are
    exactly 0, the share of its units that are 0 on every sample (dead, for
    a ReLU), and the root-mean-square of ``dL_doutput``, the gradient of the
    loss with respect to its output.  After a ``Dense`` layer that is the
    ``dL_dz`` whose size :func:`nn_from_scratch.vanishing.gradient_size_by_depth`
    measures.  The backward pass fills every layer's ``grads``.
    """
    x, labels = checked_batch(network, x, labels)
    outputs = []
    for layer in network.layers:
        x = layer.forward(x)
        outputs.append(x)
    loss.forward(x, labels)
    dL_doutput = loss.backward()
    gradients = []
    for layer in reversed(network.layers):
        gradients.append(dL_doutput)
        dL_doutput = layer.backward(dL_doutput)
    gradients.reverse()
    return [
        LayerStatistics(
            repr(layer),
            float(output.mean()),
            float(output.std()),
            float(np.mean(output == 0)),
            dead_fraction(output),
            float(np.sqrt(np.mean(gradient**2))),
        )
        for layer, output, gradient in zip(network.layers, outputs, gradients, strict=True)
    ]


def check_gradient_ready(layer, index, name):
    """Raise unless ``layer.grads[name]`` exists with its parameter's shape, and the
    parameter is one C-contiguous array (so that ``reshape(-1)`` is a view of it).
    """
    param = layer.params[name]
    grad = layer.grads.get(name)
    if grad is None:
        raise InvalidInputError(
            f"layers[{index}] has no gradient for {name!r} yet: run a forward and a backward first"
        )
    if np.shape(grad) != param.shape:
        raise InvalidInputError(
            f"layers[{index}].grads[{name!r}] has shape {np.shape(grad)}, but its "
            f"parameter has shape {param.shape}"
        )
    if not param.flags.c_contiguous:
        raise InvalidInputError(
            f"layers[{index}].params[{name!r}] is not one contiguous array (a "
            "transposed or sliced view?): give the layer np.ascontiguousarray of it"
        )


def gradient_errors(network, loss, x, labels, entries=20, seed=None):
    """Check the gradients the layers hold now against finite differences.

    Whatever filled the layers' ``grads`` (a training loop's ``backward``),
    they should be the gradients of ``loss`` on ``(x, labels)``.  For each
    parameter, ``entries`` entries picked at random (all of them, if it has
    fewer) are nudged one at a time with
    :func:`~nn_from_scratch.gradient_check.numerical_gradient`; returns
    ``{(layer index, name): relative error}`` over the picked entries.
    Parameters must be float64.
    """
    entries = check_positive_int("entries", entries)
    x, labels = checked_batch(network, x, labels)
    rng = random_generator(seed)

    def batch_loss():
        return loss.forward(network.forward(x), labels)

    errors = {}
    for index, layer in enumerate(network.layers):
        check_float64_params(layer)
        for name, param in layer.params.items():
            check_gradient_ready(layer, index, name)
            # A view: nudging flat[i] nudges the parameter itself.
            flat = param.reshape(-1)
            picked = rng.choice(flat.size, min(entries, flat.size), replace=False)
            numerical = [numerical_gradient(batch_loss, flat[i : i + 1])[0] for i in picked]
            analytic = layer.grads[name].reshape(-1)[picked]
            errors[(index, name)] = relative_error(analytic, numerical)
    return errors

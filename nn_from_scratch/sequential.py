"""A network as a list of layers, run forwards and then backwards.

Taught in the chapter "Many layers and mini-batches" of Part II; ``in_mode``,
the switch between training and evaluation, in the chapter
"Generalisation: training, validation and test".
"""

import contextlib

import numpy as np

from .errors import InvalidInputError, InvalidTypeError
from .label_checks import as_samples
from .layers import Dense
from .validation import check_positive_int


class Sequential:
    """Layers applied one after the other; backward runs them in reverse order."""

    def __init__(self, layers):
        layers = list(layers)
        for index, layer in enumerate(layers):
            if not (hasattr(layer, "forward") and hasattr(layer, "backward")):
                raise InvalidTypeError(
                    f"layers[{index}] must have forward and backward; got {type(layer).__name__}"
                )
        if not layers:
            raise InvalidInputError("a Sequential needs at least one layer")
        self.layers = layers

    def __repr__(self):
        """The call that builds the network, one layer per line."""
        layers = "".join(f"    {layer!r},\n" for layer in self.layers)
        return f"Sequential([\n{layers}])"

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, dL_doutput):
        # The chain rule, layer by layer, from the output back to the input.
        for layer in reversed(self.layers):
            dL_doutput = layer.backward(dL_doutput)
        return dL_doutput

    def predict_labels(self, x, batch_size=256):
        """The class with the largest output for each sample, ``batch_size`` samples at a time.

        Runs in evaluation mode (``in_mode(self, training=False)``), so that
        a network with ``Dropout`` gives the same answers every time.
        """
        x = as_samples("x", x, parameter_dtype(self))
        batch_size = check_positive_int("batch_size", batch_size)
        # Evaluation mode: a layer such as Dropout answers without chance.
        with in_mode(self, training=False):
            forward_checked(self, x)
            labels = [
                self.forward(x[start : start + batch_size]).argmax(axis=1)
                for start in range(0, len(x), batch_size)
            ]
        return np.concatenate(labels)

    def parameter_count(self):
        """How many numbers training adjusts: the sizes of all ``params`` added up."""
        return sum(p.size for layer in self.layers for p in layer.params.values())


@contextlib.contextmanager
def in_mode(network, training):
    """Inside the ``with``, every layer of ``network`` that has a ``training`` flag has it
    set to ``training``; afterwards each layer gets its own flag back, even after an error.

    ``fit`` trains inside ``in_mode(network, training=True)``; ``evaluate``
    and ``Sequential.predict_labels`` run inside ``in_mode(network,
    training=False)``.  Layers without the flag (a reader's own, written
    without the ``Layer`` base) are left alone.
    """
    layers = [layer for layer in network.layers if hasattr(layer, "training")]
    before = [layer.training for layer in layers]
    for layer in layers:
        layer.training = training
    try:
        yield network
    finally:
        for layer, mode in zip(layers, before, strict=True):
            layer.training = mode


def parameter_dtype(network):
    """The dtype of the network's first parameter array (float64 if it has none)."""
    for layer in network.layers:
        for param in layer.params.values():
            return param.dtype
    return np.dtype(np.float64)


def forward_checked(network, x, name="x"):
    """Run the first sample of ``x`` through the layers; return the output, or raise clearly.

    The error names ``x`` as ``name`` with its full shape, and the layer that
    refuses it.  One sample is enough to find a mismatch of shapes, so this
    costs next to nothing and runs once per public call.
    """
    output = x[:1]
    for index, layer in enumerate(network.layers):
        try:
            output = layer.forward(output)
        except ValueError as error:
            raise InvalidInputError(
                f"{name} of shape {x.shape} does not fit the network's layers: "
                f"layers[{index}], a {type(layer).__name__}, {refusal(layer, output, error)}"
            ) from None
    if output.ndim != 2:
        raise InvalidInputError(
            f"the network must output a 2-D array (samples, classes); got shape {output.shape}"
        )
    return output


def refusal(layer, x, error):
    """Why ``layer`` refused its input ``x``: in words for a Dense, else the layer's error."""
    if isinstance(layer, Dense):
        width = len(layer.params["W"])
        if x.ndim != 2:
            return f"expects 2-D input with {width} features per sample; got {x.ndim}-D"
        return f"expects {width} features per sample; got {x.shape[1]}"
    return f"refuses its first sample: {error}"

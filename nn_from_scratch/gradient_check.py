"""Central finite differences: the numerical check of every analytic gradient.

Taught in the chapter "Checking gradients" of Part II.

``numerical_gradient`` estimates a gradient from nothing but evaluations of
the function, ``relative_error`` compares it with the gradient that
backpropagation computed, and ``check_layer`` and ``check_loss`` do both for
any object that follows the layer or loss contract of Part II.  The tests
run ``check_layer`` on every layer of the package and ``check_loss`` on
every loss.
"""

import contextlib

import numpy as np

from .errors import InvalidInputError, InvalidTypeError
from .validation import check_positive_finite, check_same_shape, random_generator


def check_float_array(name, array):
    """Raise unless ``array`` is a NumPy array of floats, which can be nudged in place."""
    if isinstance(array, np.ndarray) and array.dtype.kind == "f":
        return
    given = (
        f"an array of dtype {array.dtype}"
        if isinstance(array, np.ndarray)
        else f"a {type(array).__name__}"
    )
    raise InvalidTypeError(
        f"{name} must be a NumPy array of floats, changed in place one entry at a time; got {given}"
    )


def as_float64_copy(name, value):
    """Return a float64 copy of ``value`` (real numbers only), or raise."""
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise InvalidTypeError(
            f"{name} must hold real numbers (int, float or bool); "
            f"got an array of dtype {array.dtype}"
        )
    return np.array(array, dtype=np.float64)


def numerical_gradient(f, array, epsilon=1e-6):
    """Estimate the gradient of the scalar ``f()`` with respect to ``array``.

    ``array`` is changed in place, one entry at a time, to ``value + epsilon``
    and ``value - epsilon``; the slope is ``(f(+) - f(-)) / (2 epsilon)``.
    Every entry is restored afterwards, bit for bit.  The estimate is
    returned as float64, with the shape of ``array``.
    """
    epsilon = check_positive_finite("epsilon", epsilon)
    check_float_array("array", array)
    gradient = np.zeros(array.shape, dtype=np.float64)
    for index in np.ndindex(array.shape):
        original = array[index]
        # f reads the same array, so nudging one entry moves f's result.
        array[index] = original + epsilon
        f_plus = f()
        array[index] = original - epsilon
        f_minus = f()
        array[index] = original
        # The slope of the straight line through the two nudged points.
        gradient[index] = (f_plus - f_minus) / (2.0 * epsilon)
    return gradient


def one_sided_gradient(f, array, epsilon=1e-6):
    """Like :func:`numerical_gradient`, but one-sided: ``(f(+) - f()) / epsilon``.

    Less accurate (its error shrinks like ``epsilon``, not ``epsilon**2``);
    the chapter uses it to show why the central difference is the one to use.
    """
    epsilon = check_positive_finite("epsilon", epsilon)
    check_float_array("array", array)
    f_here = f()
    gradient = np.zeros(array.shape, dtype=np.float64)
    for index in np.ndindex(array.shape):
        original = array[index]
        array[index] = original + epsilon
        gradient[index] = (f() - f_here) / epsilon
        array[index] = original
    return gradient


def relative_error(analytic, numerical):
    """``||a - n|| / (||a|| + ||n||)``: 0 when they agree, 1 at worst.

    Symmetric in its two arguments; two gradients that are both zero agree
    (error 0).  The denominator never drops below ``1e-12``.
    """
    analytic = as_float64_copy("analytic", analytic)
    numerical = as_float64_copy("numerical", numerical)
    check_same_shape("numerical", numerical, "analytic", analytic)
    scale = max(np.linalg.norm(analytic) + np.linalg.norm(numerical), 1e-12)
    return float(np.linalg.norm(analytic - numerical) / scale)


@contextlib.contextmanager
def preserved_state(thing):
    """Inside this context, changes to ``thing``'s attributes and ``grads`` are undone at the end.

    Parameters changed in place are restored by :func:`numerical_gradient`
    itself; this puts back what forward and backward cache or store.
    """
    attributes = dict(vars(thing))
    grads = getattr(thing, "grads", {})
    saved_grads = {name: np.copy(value) for name, value in grads.items()}
    try:
        yield thing
    finally:
        vars(thing).clear()
        vars(thing).update(attributes)
        grads.clear()
        grads.update(saved_grads)


def check_float64_params(layer):
    """Raise unless every parameter of ``layer`` is a float64 array."""
    for name, param in layer.params.items():
        if not isinstance(param, np.ndarray) or param.dtype != np.float64:
            dtype = getattr(param, "dtype", type(param).__name__)
            raise InvalidTypeError(
                f"gradient checks need float64 parameters, but params[{name!r}] is {dtype}: "
                "float32 keeps about 7 digits, too few for finite differences. "
                "Build the layer with dtype=np.float64."
            )


def check_layer(layer, x, seed=None):
    """Compare backward with finite differences.

    Return ``{"input": error, name: error, ...}``, the relative errors.

    The layer's output is turned into a scalar with a fixed random array
    ``dL_doutput`` of the output's shape: ``L = sum(forward(x) * dL_doutput)``.
    Its gradient with respect to the output is ``dL_doutput`` itself, so
    ``backward(dL_doutput)`` must return ``dL/dx`` and store ``dL/dparam``
    in ``grads``; each is compared with :func:`numerical_gradient` by
    :func:`relative_error`.  The layer's parameters, grads and cached values
    and the caller's ``x`` are left as they were.  Raises ``AssertionError``
    if ``backward`` changes ``dL_doutput`` in place, which the layer
    contract forbids.
    """
    check_float64_params(layer)
    x = as_float64_copy("x", x)  # our copy: the caller's x is never nudged
    rng = random_generator(seed)
    with preserved_state(layer):
        dL_doutput = rng.standard_normal(np.shape(layer.forward(x)))
        untouched = dL_doutput.copy()
        dL_dinput = layer.backward(dL_doutput)
        if not np.array_equal(dL_doutput, untouched):
            raise AssertionError(
                f"{type(layer).__name__}.backward changed dL_doutput "
                "in place; a layer must leave the gradient "
                "it receives unchanged"
            )
        missing = sorted(set(layer.params) - set(layer.grads))
        if missing:
            raise InvalidInputError(f"backward stored no grads for the params {missing}")

        # The scalar backward differentiated; only forward runs from here.
        def scalar():
            return float(np.sum(layer.forward(x) * dL_doutput))

        numerical = numerical_gradient(scalar, x)
        errors = {"input": relative_error(dL_dinput, numerical)}
        for name, param in layer.params.items():
            numerical = numerical_gradient(scalar, param)
            errors[name] = relative_error(layer.grads[name], numerical)
    return errors


def check_loss(loss, prediction, target):
    """Relative error of ``loss.backward()`` against finite differences.

    ``loss.forward(prediction, target)`` must return the loss as a number and
    ``loss.backward()`` its gradient with respect to ``prediction``.  The
    prediction is copied to float64; ``target`` is passed on unchanged.
    """
    prediction = as_float64_copy("prediction", prediction)
    with preserved_state(loss):
        loss.forward(prediction, target)
        dL_dprediction = loss.backward()
        numerical = numerical_gradient(lambda: loss.forward(prediction, target), prediction)
    return relative_error(dL_dprediction, numerical)

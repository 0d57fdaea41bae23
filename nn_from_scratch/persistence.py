"""Saving a trained network to a file and loading it back, without pickle.

:func:`save` and :func:`load` are presented with the class ``NeuralNetwork``
in the chapter "What is a neural network?" of Part I; they take Part II's
``Sequential`` networks too.  A model file is an uncompressed NumPy ``.npz``
archive of plain arrays only: the marker ``format = "nn_from_scratch"``, an
integer ``format_version``, the model's ``kind`` (its class name) and that
kind's arrays.  It is read with ``allow_pickle=False``, so opening a file
cannot run code, and written atomically (a synced temporary file in the same
directory, then renamed over the target), so a failed save leaves the
previous file intact.  A ``Sequential`` is stored as its architecture, JSON
text (see ``nn_from_scratch.architecture``), and every parameter array in its
own dtype.  Loading builds every model through its constructor, then puts
the saved weights in.  A file that cannot be trusted raises
:class:`~nn_from_scratch.errors.InvalidModelFileError` naming the file, the
problem and what was expected; errors from opening the file
(``FileNotFoundError``, ``PermissionError``, ...) pass through unchanged.
Another kind of model is supported by an entry in ``SAVERS`` and one in
``LOADERS``.
"""

import contextlib
import json
import os
import tempfile
import zipfile

import numpy as np

from .architecture import build_network, describe_network
from .errors import InvalidInputError, InvalidModelFileError, InvalidTypeError
from .network import NeuralNetwork
from .sequential import Sequential
from .validation import first_non_finite

FORMAT = "nn_from_scratch"
"""The value of the ``format`` entry that marks a file as one of ours."""

FORMAT_VERSION = 1
"""The newest ``format_version`` this package writes and reads."""

_ZIP_MAGIC = b"PK\x03\x04"
_NPY_MAGIC = b"\x93NUMPY"


def save(model, path):
    """Write ``model``, a ``NeuralNetwork`` or a ``Sequential``, to ``path``.

    ``path`` is a ``str`` or ``pathlib.Path``, used as given whatever its
    extension; an existing file is replaced only once the new one is
    completely written.  :func:`load` reads the model back: the same
    weights bit for bit, so the same predictions.  A model of another type
    (a subclass included: ``load`` could not give it back) raises
    ``InvalidTypeError``; a model that cannot be stored faithfully (an
    unknown layer, NaN parameters) raises ``InvalidInputError``; in both
    cases nothing is written.
    """
    cls = type(model)
    if cls not in SAVERS:
        names = [known.__name__ for known in SAVERS]
        given = cls.__name__
        if given in names:  # a copy of the class, made in a notebook say
            given = f"{cls.__module__}.{given}, another class of the same name"
        raise InvalidTypeError(
            f"save can write a {' or a '.join(names)} of nn_from_scratch "
            f"(not a subclass); got {given}"
        )
    _write_model_file(path, cls.__name__, SAVERS[cls](model))


def load(path):
    """Return the model that :func:`save` wrote to ``path``.

    ``path`` is a ``str`` or ``pathlib.Path``; its name is used as given,
    whatever its extension.  A file that is not a complete model file written
    by this package (or by an older one) raises ``InvalidModelFileError``; a
    missing file raises ``FileNotFoundError``.
    """
    name = os.fspath(path)
    with open(name, "rb") as file, _open_entries(name, file) as entries:
        if "format" not in entries.keys:
            raise InvalidModelFileError(
                f"{name} is not a model saved by nn_from_scratch: it has no 'format' entry "
                f"(expected format = {FORMAT!r})"
            )
        marker = entries.scalar("format", f"the text {FORMAT!r}", str)
        if marker != FORMAT:
            raise InvalidModelFileError(
                f"{name} is not a model saved by nn_from_scratch: its 'format' entry is "
                f"{marker!r}, expected {FORMAT!r}"
            )
        version = entries.scalar("format_version", "a whole number", int)
        if version > FORMAT_VERSION:
            raise InvalidModelFileError(
                f"{name} uses model file format version {version}, newer than this version "
                f"of nn_from_scratch can read (up to {FORMAT_VERSION}); "
                "upgrade nn_from_scratch to load it"
            )
        if version < 1:
            raise InvalidModelFileError(
                f"{name} is damaged: its 'format_version' entry is {version}, "
                f"expected a version from 1 to {FORMAT_VERSION}"
            )
        kind = entries.scalar("kind", "the name of a model class", str)
        if kind not in LOADERS:
            raise InvalidModelFileError(
                f"{name} holds a model of kind {kind!r}, which this version of nn_from_scratch "
                f"cannot load; known kinds: {', '.join(sorted(LOADERS))}"
            )
        return LOADERS[kind](entries)


def _neural_network_arrays(network):
    """The entries of a ``NeuralNetwork``: its training data and both weight matrices."""
    return {
        "weights1": network.weights1,
        "weights2": network.weights2,
        "input": network.input,
        "y": network.y,
    }


def _load_neural_network(entries):
    """Build a ``NeuralNetwork`` on the saved data, then give it the saved weights."""
    x, y = entries.matrix("input"), entries.matrix("y")
    weights1, weights2 = entries.matrix("weights1"), entries.matrix("weights2")
    entries.require_equal("rows of 'weights1'", weights1.shape[0], "columns of 'input'", x.shape[1])
    entries.require_equal(
        "rows of 'weights2'", weights2.shape[0], "columns of 'weights1'", weights1.shape[1]
    )
    entries.require_equal("columns of 'weights2'", weights2.shape[1], "columns of 'y'", y.shape[1])
    try:
        # The constructor checks the data; the weights it draws are replaced below.
        network = NeuralNetwork(x, y, hidden_units=weights1.shape[1], seed=0)
    except InvalidInputError as error:
        raise InvalidModelFileError(
            f"{entries.name} holds an unusable model: its 'input' and 'y' entries are "
            f"not training data for a NeuralNetwork: {error}"
        ) from None
    network.weights1, network.weights2 = weights1, weights2
    return network


def _sequential_arrays(network):
    """The entries of a ``Sequential``: its architecture as JSON and every parameter.

    Every layer must be one of the package's own types (Dense, Conv2D,
    MaxPool2D, Flatten and the activation layers), and every parameter
    float32 or float64 (all alike) and finite; otherwise
    ``InvalidInputError`` says which layer or parameter is the problem.
    """
    description = describe_network(network)
    arrays = {"architecture": json.dumps(description)}
    # A rebuilt network has the parameter shapes the description implies:
    # the loader will insist on them, so check them now, before writing.
    expected = build_network(description)
    for index, (layer, fresh) in enumerate(zip(network.layers, expected.layers, strict=True)):
        shapes = {key: param.shape for key, param in layer.params.items()}
        expected_shapes = {key: param.shape for key, param in fresh.params.items()}
        if shapes != expected_shapes:
            raise InvalidInputError(
                f"layers[{index}] has parameters of shapes {shapes}, which do not fit its "
                f"settings {description['layers'][index]}: expected {expected_shapes}"
            )
        for key, param in layer.params.items():
            if not np.all(np.isfinite(param)):
                raise InvalidInputError(
                    f"layers[{index}].params[{key!r}] holds NaN or infinity; "
                    "only a network with finite parameters can be saved"
                )
            arrays[_param_entry(index, key)] = param
    return arrays


def _param_entry(index, key):
    """The name of the file entry that holds parameter ``key`` of layer ``index``."""
    return f"layer{index}_{key}"


def _load_sequential(entries):
    """Build a ``Sequential`` from its architecture, then give it the saved parameters."""
    text = entries.scalar("architecture", "JSON text describing the layers", str)
    try:
        network = build_network(json.loads(text))
    except json.JSONDecodeError as error:
        raise InvalidModelFileError(
            f"{entries.name} is damaged: its 'architecture' entry is not valid JSON ({error})"
        ) from None
    except InvalidInputError as error:
        raise InvalidModelFileError(f"{entries.name} holds an unusable model: {error}") from None
    known = {"format", "format_version", "kind", "architecture"}
    for index, layer in enumerate(network.layers):
        for key, param in layer.params.items():
            name = _param_entry(index, key)
            known.add(name)
            param[...] = entries.parameter(
                name, param, f"layers[{index}], a {type(layer).__name__}"
            )
    if unknown := sorted(entries.keys - known):
        raise InvalidModelFileError(
            f"{entries.name} holds an unusable model: entries {', '.join(map(repr, unknown))} "
            "belong to no parameter of its layers"
        )
    return network


SAVERS = {NeuralNetwork: _neural_network_arrays, Sequential: _sequential_arrays}
"""``model class -> saver``: each saver takes a model and returns its entries by name.

The file's ``kind`` is the class name, the key of the loader in ``LOADERS``.
"""

LOADERS = {"NeuralNetwork": _load_neural_network, "Sequential": _load_sequential}
"""``kind -> loader``: each loader takes the file's checked entries and returns a model."""


def _current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_model_file(path, kind, arrays):
    """Atomically write ``arrays`` and the format entries as an ``.npz`` file at ``path``."""
    name = os.fspath(path)
    entries = {"format": np.array(FORMAT), "format_version": np.array(FORMAT_VERSION)}
    entries["kind"] = np.array(kind)
    entries.update({key: _entry(value) for key, value in arrays.items()})
    directory, base = os.path.split(os.path.abspath(name))
    temporary = tempfile.NamedTemporaryFile(
        mode="wb", dir=directory, prefix=f".{base}.", suffix=".tmp", delete=False
    )
    try:
        with temporary:
            np.savez(temporary, **entries)  # a file object: NumPy adds no ".npz" to the name
            temporary.flush()
            os.fsync(temporary.fileno())
        # The temporary file is private (0600); give the model the usual mode.
        os.chmod(temporary.name, 0o666 & ~_current_umask())
        os.replace(temporary.name, name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary.name)
        raise


def _entry(value):
    """A value as a file entry: text as a unicode array, float32 kept, anything else float64."""
    if isinstance(value, str):
        return np.array(value)
    value = np.asarray(value)
    return value if value.dtype == np.float32 else value.astype(np.float64, copy=False)


class _Entries:
    """The entries of an open model file, read on demand, with checks that name the file."""

    def __init__(self, name, archive):
        self.name = name
        self.archive = archive
        self.keys = set(archive.files)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.archive.close()

    def get(self, key):
        """Return entry ``key`` as an array, or raise if it is missing or unreadable."""
        if key not in self.keys:
            raise InvalidModelFileError(
                f"{self.name} is not a complete model file: it has no {key!r} entry "
                f"(it has {', '.join(map(repr, sorted(self.keys))) or 'none'})"
            )
        try:
            return self.archive[key]
        except Exception as error:  # see _open_entries
            raise _damaged(self.name, error, f"its entry {key!r} cannot be read") from error

    def scalar(self, key, expected, kind):
        """Return the 0-d ``str`` or ``int`` entry ``key``, or raise."""
        value = self.get(key)
        dtype_kinds = "U" if kind is str else "iu"
        if value.shape != () or value.dtype.kind not in dtype_kinds:
            what = "a model saved by nn_from_scratch" if key == "format" else "a valid model file"
            raise InvalidModelFileError(
                f"{self.name} is not {what}: its {key!r} entry is an array of dtype "
                f"{value.dtype} and shape {value.shape}, expected {expected}"
            )
        return kind(value[()])

    def matrix(self, key):
        """Return entry ``key`` if it is a non-empty finite 2-D float64 array, or raise."""
        value = self.get(key)
        problem = None
        if value.dtype != np.float64:
            problem = f"has dtype {value.dtype}"
        elif value.ndim != 2 or value.size == 0:
            problem = f"has shape {value.shape}"
        elif (position := first_non_finite(value)) is not None:
            row, column = position
            problem = f"holds {value[row, column]} at row {row}, column {column}"
        if problem:
            raise InvalidModelFileError(
                f"{self.name} holds an unusable model: entry {key!r} {problem}, "
                "expected a non-empty 2-D array of finite float64 numbers"
            )
        return value

    def parameter(self, key, like, owner):
        """Return entry ``key`` if it is finite, with the dtype and shape of ``like``, or raise."""
        value = self.get(key)
        problem = None
        if value.dtype != like.dtype:
            problem = f"has dtype {value.dtype}"
        elif value.shape != like.shape:
            problem = f"has shape {value.shape}"
        elif not np.all(np.isfinite(value)):
            problem = "holds NaN or infinity"
        if problem:
            raise InvalidModelFileError(
                f"{self.name} holds an unusable model: entry {key!r} {problem}, but {owner} "
                f"needs finite {like.dtype} numbers of shape {like.shape}"
            )
        return value

    def require_equal(self, what, size, other, other_size):
        if size != other_size:
            raise InvalidModelFileError(
                f"{self.name} holds an unusable model: the {what} ({size}) must equal "
                f"the {other} ({other_size})"
            )


def _damaged(name, error, what):
    """The error for a file whose zip or .npy data NumPy could not read."""
    reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if isinstance(error, zipfile.BadZipFile) and "not a zip file" in str(error):
        reason += "; the file may be truncated"
    return InvalidModelFileError(
        f"{name} is damaged: {what} ({reason}); expected a complete model file written by save"
    )


def _open_entries(name, file):
    """Return the entries of the open ``.npz`` ``file``, or raise ``InvalidModelFileError``."""
    start = file.read(len(_NPY_MAGIC))
    file.seek(0)
    if not start:
        raise InvalidModelFileError(
            f"{name} is empty: expected a model file (a NumPy .npz archive) written by save"
        )
    if start.startswith(_NPY_MAGIC):
        raise InvalidModelFileError(
            f"{name} is not a model saved by nn_from_scratch: it is a single NumPy array "
            "(.npy), expected a NumPy .npz archive written by save"
        )
    if not start.startswith(_ZIP_MAGIC):
        raise InvalidModelFileError(
            f"{name} is not a model saved by nn_from_scratch: it is not a NumPy .npz archive "
            f"(it starts with {start!r}, an .npz archive starts with {_ZIP_MAGIC!r})"
        )
    # Damaged zip or .npy data fails in many ways inside zipfile and NumPy (BadZipFile,
    # EOFError, ValueError, KeyError, OSError, ...); here all of them mean "damaged".
    try:
        return _Entries(name, np.load(file, allow_pickle=False))
    except Exception as error:
        raise _damaged(
            name, error, "it starts like a NumPy .npz archive but cannot be read as one"
        ) from error

"""The package's own exception types.

Every check in :mod:`nn_from_scratch.validation` raises one of these, so a
caller can catch the package's complaints without catching NumPy's.
"""


class InvalidInputError(ValueError):
    """An argument has the right type but an unusable value or shape."""


class InvalidTypeError(TypeError):
    """An argument is not of a type the package can work with."""


class TrainingDivergedError(ArithmeticError):
    """The loss became NaN or infinite during training."""


class InvalidModelFileError(InvalidInputError):
    """A file given to ``load`` is not a complete, consistent model file of this package."""

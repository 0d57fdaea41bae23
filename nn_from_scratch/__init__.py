"""Neural networks from scratch, with NumPy only: the code of the book, importable.

Part I follows James Loy's article "How to build your own Neural Network
from scratch in Python" (2018).  Each module's docstring names the chapter
that teaches it.
"""

from .activation import sigmoid, sigmoid_derivative_from_output
from .backprop import backprop_gradients
from .data import article_dataset
from .errors import (
    InvalidInputError,
    InvalidModelFileError,
    InvalidTypeError,
    TrainingDivergedError,
)
from .forward import forward_pass
from .gradient_descent import gradient_descent_step
from .loss import sum_squared_error
from .network import NeuralNetwork
from .persistence import load

__version__ = "0.1.0"

__all__ = [
    "InvalidInputError",
    "InvalidModelFileError",
    "InvalidTypeError",
    "NeuralNetwork",
    "TrainingDivergedError",
    "article_dataset",
    "backprop_gradients",
    "forward_pass",
    "gradient_descent_step",
    "load",
    "sigmoid",
    "sigmoid_derivative_from_output",
    "sum_squared_error",
]

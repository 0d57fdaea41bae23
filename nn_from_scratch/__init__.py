"""Neural networks from scratch, with NumPy only: the code of the book, importable.

Part I follows James Loy's article "How to build your own Neural Network
from scratch in Python" (2018); Part II builds its next steps, up to a
convolutional network that reads handwritten digits.  Each module's
docstring names the chapter that teaches it.
"""

from .activation import sigmoid, sigmoid_derivative_from_output
from .backprop import backprop_gradients
from .biases import NeuralNetworkWithBiases
from .conv import Conv2D
from .data import article_dataset
from .errors import (
    InvalidInputError,
    InvalidModelFileError,
    InvalidTypeError,
    TrainingDivergedError,
)
from .flatten import Flatten
from .forward import forward_pass
from .gradient_descent import gradient_descent_step
from .layers import Dense, LeakyReLU, ReLU, Sigmoid, Tanh
from .loss import sum_squared_error
from .losses import MeanSquaredError, SoftmaxCrossEntropy
from .network import NeuralNetwork
from .optimizers import SGD, Adam
from .persistence import load, save
from .pooling import MaxPool2D
from .sequential import Sequential
from .training import fit

__version__ = "0.1.0"

__all__ = [
    "SGD",
    "Adam",
    "Conv2D",
    "Dense",
    "Flatten",
    "InvalidInputError",
    "InvalidModelFileError",
    "InvalidTypeError",
    "LeakyReLU",
    "MaxPool2D",
    "MeanSquaredError",
    "NeuralNetwork",
    "NeuralNetworkWithBiases",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "SoftmaxCrossEntropy",
    "Tanh",
    "TrainingDivergedError",
    "article_dataset",
    "backprop_gradients",
    "fit",
    "forward_pass",
    "gradient_descent_step",
    "load",
    "save",
    "sigmoid",
    "sigmoid_derivative_from_output",
    "sum_squared_error",
]

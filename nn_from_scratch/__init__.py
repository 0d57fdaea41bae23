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
from .dropout import Dropout
from .early_stopping import best_epoch, stop_early
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
from .optimizers import SGD, Adam, RMSProp
from .persistence import load, save
from .pooling import MaxPool2D
from .sequential import Sequential
from .training import fit
from .weight_decay import AdamW, L2WeightDecay

__version__ = "0.1.0"

__all__ = [
    "SGD",
    "Adam",
    "AdamW",
    "Conv2D",
    "Dense",
    "Dropout",
    "Flatten",
    "InvalidInputError",
    "InvalidModelFileError",
    "InvalidTypeError",
    "L2WeightDecay",
    "LeakyReLU",
    "MaxPool2D",
    "MeanSquaredError",
    "NeuralNetwork",
    "NeuralNetworkWithBiases",
    "RMSProp",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "SoftmaxCrossEntropy",
    "Tanh",
    "TrainingDivergedError",
    "article_dataset",
    "backprop_gradients",
    "best_epoch",
    "fit",
    "forward_pass",
    "gradient_descent_step",
    "load",
    "save",
    "sigmoid",
    "sigmoid_derivative_from_output",
    "stop_early",
    "sum_squared_error",
]

"""How often does the article's network learn its data set?  Many seeds, one question.

Taught in the chapter "Putting it all together" of Part I.
"""

import numpy as np

from .data import article_dataset
from .network import NeuralNetwork


def max_error_per_seed(seeds, iterations=1500, hidden_units=4):
    """Train one network per seed on the article's data; return each run's worst miss.

    The worst miss is ``max |prediction - target|`` over the four samples
    after ``iterations`` rounds of training.
    """
    x, y = article_dataset()
    errors = []
    for seed in seeds:
        network = NeuralNetwork(x, y, hidden_units=hidden_units, seed=seed)
        network.train(iterations)
        errors.append(np.max(np.abs(network.predict(x) - y)))
    return np.array(errors)

"""How far a mini-batch's gradient points from the full gradient: their cosine, batch by batch.

Taught in the chapter "Many layers and mini-batches" of Part II.
"""

import numpy as np

from .label_checks import as_samples, check_labels
from .losses import SoftmaxCrossEntropy
from .sequential import parameter_dtype
from .training import minibatches


def gradient_vector(network, loss, x, labels):
    """Every parameter's gradient of ``loss`` on ``(x, labels)``, laid end to end."""
    loss.forward(network.forward(x), labels)
    network.backward(loss.backward())
    return np.concatenate(
        [layer.grads[name].ravel() for layer in network.layers for name in layer.params]
    )


def batch_gradient_cosines(network, x, labels, batch_size=32, seed=None):
    """The cosine between each mini-batch's gradient and the full gradient, over one epoch.

    Returns ``(cosines, adds_up)``: one cosine per batch (1: the same
    direction, 0: at right angles, -1: opposite), and whether the batch
    gradients, each weighted by its share of the samples, add up to the
    full gradient.  The network's parameters are not changed.
    """
    x = as_samples("x", x, parameter_dtype(network))
    labels = check_labels("labels", labels, len(x))
    loss = SoftmaxCrossEntropy()
    full = gradient_vector(network, loss, x, labels)
    cosines, weighted_sum = [], np.zeros_like(full)
    for indices in minibatches(len(x), batch_size, seed):
        g = gradient_vector(network, loss, x[indices], labels[indices])
        cosines.append(g @ full / (np.linalg.norm(g) * np.linalg.norm(full)))
        weighted_sum += g * (len(indices) / len(x))
    return np.array(cosines), bool(np.allclose(weighted_sum, full))

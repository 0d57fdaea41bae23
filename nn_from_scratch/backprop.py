"""Backpropagation: the gradient of the loss with respect to both weight matrices.

Taught in the chapter "Backpropagation" of Part I.
"""

from .activation import sigmoid_derivative_from_output


def backprop_gradients(x, y, layer1, output, weights2):
    """Return ``(dL_dW1, dL_dW2)`` for the loss ``sum((y - output) ** 2)``.

    ``layer1`` and ``output`` are the activations stored by the forward pass
    on the same ``x``; ``weights2`` is the matrix that produced ``output``.
    """
    # Outer link of the chain: how the loss moves with the prediction.
    dL_doutput = -2.0 * (y - output)
    # Through the output sigmoid: dL/dz2 = dL/dy_hat * sigmoid'(z2).
    dL_dz2 = dL_doutput * sigmoid_derivative_from_output(output)
    # z2 = layer1 @ weights2, so each weight collects layer1 times dL/dz2.
    dL_dW2 = layer1.T.dot(dL_dz2)
    # Back through weights2 to the hidden activations, then their sigmoid.
    dL_dlayer1 = dL_dz2.dot(weights2.T)
    dL_dz1 = dL_dlayer1 * sigmoid_derivative_from_output(layer1)
    # z1 = x @ weights1: the same pattern as for weights2, one layer down.
    dL_dW1 = x.T.dot(dL_dz1)
    return dL_dW1, dL_dW2

"""Train one of the book's networks and its PyTorch twin side by side, on the same batches.

Taught in the chapter "The same network in PyTorch" of Part III.  The twin
starts from copies of our parameters (:func:`~nn_from_scratch.bridge.to_torch`);
both see the same mini-batches, in the same order, and take the same Adam
step with the same settings, so their losses must agree step after step up
to rounding.  PyTorch is imported only when the function is called.
"""

import itertools

import numpy as np

from .bridge import import_torch, to_torch
from .losses import SoftmaxCrossEntropy
from .optimizers import Adam
from .training import minibatches
from .validation import check_positive_int


def side_by_side_losses(network, x, labels, steps, batch_size=32, learning_rate=0.005, seed=0):
    """Return ``(ours, theirs)``: the loss of each of the first ``steps`` training steps.

    The steps are those of the first epoch: asking for more than it has
    batches gives one loss per batch.

    ``network`` (a ``Sequential`` ending in logits) is trained with
    :class:`~nn_from_scratch.optimizers.Adam` and softmax cross-entropy;
    its twin with ``torch.optim.Adam`` and ``F.cross_entropy``, on the
    batches of :func:`~nn_from_scratch.training.minibatches` with ``seed``.
    ``network`` is trained in the process.
    """
    torch = import_torch()
    steps = check_positive_int("steps", steps)
    twin = to_torch(network)
    loss = SoftmaxCrossEntropy()
    optimizer = Adam(network, learning_rate)
    twin_optimizer = torch.optim.Adam(twin.parameters(), lr=learning_rate)
    ours, theirs = [], []
    # One epoch's batches at most: steps beyond them are not taken.
    for indices in itertools.islice(minibatches(len(x), batch_size, seed), steps):
        x_batch, labels_batch = x[indices], labels[indices]
        ours.append(loss.forward(network.forward(x_batch), labels_batch))
        network.backward(loss.backward())
        optimizer.step()
        twin_optimizer.zero_grad()
        twin_loss = torch.nn.functional.cross_entropy(
            twin(torch.from_numpy(x_batch)), torch.from_numpy(labels_batch)
        )
        twin_loss.backward()
        twin_optimizer.step()
        theirs.append(twin_loss.item())
    return np.array(ours), np.array(theirs)

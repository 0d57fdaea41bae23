"""Weight decay: pull the weights towards zero, coupled to the gradient (L2) or apart (AdamW).

Taught in the chapter "Generalisation: training, validation and test" of Part II.

Two ways, which agree for plain SGD and differ for Adam:

- **coupled**, L2 regularisation: the loss gets the penalty
  ``(weight_decay / 2) * sum(W**2)``, so every decayed gradient gets
  ``weight_decay * W`` added before the optimiser's step.
  :class:`L2WeightDecay` wraps any optimiser of
  :mod:`nn_from_scratch.optimizers` and does that, as
  ``torch.optim.SGD(weight_decay=...)`` and ``torch.optim.Adam(weight_decay=...)`` do.
  Adam then divides the penalty's pull, like the rest of the gradient, by
  ``sqrt(v)``: weights with large gradients are pulled less.
- **decoupled**, as in AdamW (Loshchilov and Hutter): every decayed
  parameter shrinks by ``learning_rate * weight_decay * W`` at each step,
  apart from the gradient, and Adam's step uses the loss's gradient alone.
  :class:`AdamW` does that, in the order of ``torch.optim.AdamW``: first
  the shrinking, then Adam's step.

Which parameters decay: those named in ``decayed``, by default the weights
``"W"`` (of ``Dense`` and ``Conv2D``) and not the biases ``"b"``.  A bias
only shifts a unit's output; pulling it to zero does not make the function
simpler, and the biases are too few to learn the training images by heart.
PyTorch decays every parameter it is given; ``decayed=("W", "b")`` does the
same here.
"""

from .errors import InvalidInputError, InvalidTypeError
from .optimizers import Adam
from .validation import check_positive_finite

#: The parameters that decay unless told otherwise: the weights, not the biases.
DECAYED = ("W",)


def check_decayed(decayed):
    """Return ``decayed`` as a tuple of parameter names (strings), or raise."""
    if isinstance(decayed, str):
        raise InvalidTypeError(
            "decayed must be a tuple of parameter names, such as ('W',); "
            f"got the string {decayed!r}"
        )
    try:
        names = tuple(decayed)
    except TypeError:
        raise InvalidTypeError(
            f"decayed must be a tuple of parameter names; got {type(decayed).__name__}"
        ) from None
    if not all(isinstance(name, str) for name in names):
        raise InvalidTypeError(f"decayed must hold parameter names (strings); got {names!r}")
    return names


def l2_penalty(layers, weight_decay, decayed=DECAYED):
    """``(weight_decay / 2) * sum(param**2)`` over the decayed parameters of ``layers``."""
    weight_decay = check_positive_finite("weight_decay", weight_decay)
    decayed = check_decayed(decayed)
    total = 0.0
    for layer in getattr(layers, "layers", layers):
        for name, param in layer.params.items():
            if name in decayed:
                total += float((param * param).sum())
    return 0.5 * weight_decay * total


class L2WeightDecay:
    """Coupled weight decay: add the gradient of the L2 penalty, then let ``optimizer`` step.

    The gradient of ``(weight_decay / 2) * sum(W**2)`` is ``weight_decay * W``;
    it is added, in place, to each decayed ``layer.grads[name]``, which then
    hold the gradients of the penalised loss.  ``layers`` are the
    optimiser's, so that ``fit`` can check them.
    """

    def __init__(self, optimizer, weight_decay, decayed=DECAYED):
        if not (callable(getattr(optimizer, "step", None)) and hasattr(optimizer, "parameters")):
            raise InvalidTypeError(
                "optimizer must be an optimiser of nn_from_scratch.optimizers, "
                f"such as SGD(network) or Adam(network); got {type(optimizer).__name__}"
            )
        self.optimizer = optimizer
        self.weight_decay = check_positive_finite("weight_decay", weight_decay)
        self.decayed = check_decayed(decayed)

    @property
    def layers(self):
        return self.optimizer.layers

    def step(self):
        for (_, name), param, grad in self.optimizer.parameters():
            if name in self.decayed:
                # d/dW of (weight_decay / 2) * sum(W**2) is weight_decay * W.
                grad += self.weight_decay * param
        self.optimizer.step()


class AdamW(Adam):
    """Adam with decoupled weight decay: shrink each decayed parameter, then take Adam's step.

    ``param -= learning_rate * weight_decay * param``, apart from the
    gradient, so that every decayed parameter shrinks by the same factor
    ``1 - learning_rate * weight_decay`` at each step, whatever the size of
    its gradients.  That factor must be positive.
    """

    def __init__(
        self,
        layers,
        learning_rate=1e-3,
        beta1=0.9,
        beta2=0.999,
        epsilon=1e-8,
        weight_decay=1e-2,
        decayed=DECAYED,
    ):
        super().__init__(layers, learning_rate, beta1, beta2, epsilon)
        self.weight_decay = check_positive_finite("weight_decay", weight_decay)
        if self.learning_rate * self.weight_decay >= 1.0:
            raise InvalidInputError(
                "learning_rate * weight_decay must be below 1, or the decay would "
                f"flip the weights' signs; got {self.learning_rate} * "
                f"{self.weight_decay} = {self.learning_rate * self.weight_decay}"
            )
        self.decayed = check_decayed(decayed)

    def step(self):
        # Decoupled: the shrinking first, apart from the gradient.
        shrink = 1.0 - self.learning_rate * self.weight_decay
        for (_, name), param, _ in self.parameters():
            if name in self.decayed:
                param *= shrink
        super().step()

"""Losses as objects: a value for a batch, and its gradient with respect to the prediction.

Taught in the chapter "Many layers and mini-batches" of Part II.

Both losses average over the ``N`` samples of the batch, so the size of a
step does not depend on the batch size.  ``forward(prediction, target)``
returns a float and remembers what ``backward()`` needs;
``backward()`` returns ``dL_dprediction``, shaped like the prediction.

``forward`` checks its inputs first (a few shape comparisons and, for
class labels, their smallest and largest value), so a mismatch gets a clear
error instead of a NumPy broadcasting or indexing error.  They cost about
two microseconds a batch, a few per cent of a training step of the digits
MLP, so the training loop keeps them too.
"""

import numpy as np

from .errors import InvalidInputError, InvalidTypeError


def check_prediction_and_target(prediction, target):
    """Return ``(prediction, target)`` as arrays of one shape, at least one sample, or raise."""
    prediction, target = np.asarray(prediction), np.asarray(target)
    if target.shape != prediction.shape:
        hint = ""
        if target.ndim == 1 and prediction.ndim == 2 and target.dtype.kind in "iu":
            hint = ": for class labels use SoftmaxCrossEntropy"
        raise InvalidInputError(
            f"MeanSquaredError needs targets of the prediction's shape {prediction.shape}; "
            f"got {target.shape}{hint}"
        )
    if prediction.ndim == 0 or len(prediction) == 0:
        raise InvalidInputError(
            "MeanSquaredError needs at least one sample (one per row); "
            f"got shape {prediction.shape}"
        )
    return prediction, target


def check_logits_and_labels(logits, labels):
    """Return ``(logits, labels)`` if they are ``(N, C)`` scores and ``N`` labels in ``[0, C)``."""
    logits, labels = np.asarray(logits), np.asarray(labels)
    if logits.ndim != 2 or logits.size == 0:
        raise InvalidInputError(
            "SoftmaxCrossEntropy needs logits of shape (samples, classes), at least one of "
            f"each; got shape {logits.shape}"
        )
    if labels.shape != logits.shape[:1]:
        raise InvalidInputError(
            "SoftmaxCrossEntropy needs one class label per row of the logits, shape "
            f"{logits.shape[:1]}; got shape {labels.shape}"
        )
    if labels.dtype.kind not in "iu":
        raise InvalidTypeError(
            f"SoftmaxCrossEntropy needs integer class labels; got an array of dtype {labels.dtype}"
        )
    low, high = labels.min(), labels.max()
    if low < 0 or high >= logits.shape[1]:
        raise InvalidInputError(
            f"SoftmaxCrossEntropy needs labels in [0, {logits.shape[1]}), one class per column "
            f"of the logits; got {low if low < 0 else high}"
        )
    return logits, labels


class MeanSquaredError:
    """``mean over samples of sum over outputs of (prediction - target)**2``."""

    def forward(self, prediction, target):
        prediction, target = check_prediction_and_target(prediction, target)
        self.difference = prediction - target
        return float(np.sum(self.difference * self.difference)) / len(prediction)

    def backward(self):
        return self.difference * (2.0 / len(self.difference))


class SoftmaxCrossEntropy:
    """Softmax of the logits ``(N, C)``, then cross-entropy with integer labels ``(N,)``.

    One object for both steps, because together their gradient is simply
    ``(softmax - onehot) / N``, and the log of the softmax is computed
    stably from shifted logits.
    """

    def forward(self, logits, labels):
        logits, labels = check_logits_and_labels(logits, labels)
        # Shift each row so its largest logit is 0: exp cannot overflow.
        shifted = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        total = exp.sum(axis=1, keepdims=True)
        self.rows = np.arange(len(labels))
        self.labels = labels
        # -log softmax(true class) = log(sum of exp) - its shifted logit.
        loss = np.log(total).sum() - shifted[self.rows, labels].sum()
        exp /= total
        self.probabilities = exp
        return float(loss) / len(labels)

    def backward(self):
        # (softmax - onehot) / N: subtract 1/N at each sample's true class.
        scale = 1.0 / len(self.labels)
        dL_dlogits = self.probabilities * scale
        dL_dlogits[self.rows, self.labels] -= scale
        return dL_dlogits

"""Losses as objects: a value for a batch, and its gradient with respect to the prediction.

Taught in the chapter "Many layers and mini-batches" of Part II.

Both losses average over the ``N`` samples of the batch, so the size of a
step does not depend on the batch size.  ``forward(prediction, target)``
returns a float and remembers what ``backward()`` needs;
``backward()`` returns ``dL_dprediction``, shaped like the prediction.
"""

import numpy as np


class MeanSquaredError:
    """``mean over samples of sum over outputs of (prediction - target)**2``."""

    def forward(self, prediction, target):
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
        # Shift each row so its largest logit is 0: exp cannot overflow.
        shifted = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        total = exp.sum(axis=1, keepdims=True)
        self.rows = np.arange(len(labels))
        self.labels = labels
        # -log softmax of the true class = log(sum of exp) - its shifted logit.
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

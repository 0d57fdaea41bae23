"""The bridge without PyTorch: importing it costs nothing, using it says how to install PyTorch.

The round trips themselves need PyTorch: tests/unit/test_torch_parity_bridge.py.
"""

import subprocess
import sys

import pytest

from nn_from_scratch import bridge
from nn_from_scratch.layers import ReLU
from nn_from_scratch.sequential import Sequential


def test_importing_the_package_and_the_bridge_does_not_import_torch():
    script = "import sys, nn_from_scratch, nn_from_scratch.bridge; print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize(
    "call", [lambda: bridge.to_torch(Sequential([ReLU()])), lambda: bridge.from_torch(None)]
)
def test_without_torch_the_error_names_the_extra(monkeypatch, call):
    monkeypatch.setitem(sys.modules, "torch", None)  # "import torch" now fails
    with pytest.raises(ImportError, match=r"pip install 'nn-from-scratch-book\[torch\]'"):
        call()

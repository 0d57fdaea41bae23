"""Entry point of ``python -m nn_from_scratch``; see :mod:`nn_from_scratch.cli`."""

from .cli import run

run()

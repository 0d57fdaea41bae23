"""What the experiment scripts share: one BLAS thread, and the layout of their JSON files."""

import contextlib
import json
import re


def single_thread():
    """Limit the BLAS thread pool to one thread, with threadpoolctl when it is installed."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(1)


def results_json_text(document, one_line_dicts=False):
    """``document`` as JSON, keys sorted, each list of numbers on one line.

    A curve or a list of seeds then takes a line, not a line per number, and
    ``git diff`` shows which one changed.  With ``one_line_dicts``, every
    dict that holds no list or dict (one run's few numbers) takes a line too.
    """
    text = json.dumps(document, indent=2, sort_keys=True)
    if one_line_dicts:
        text = re.sub(
            r"\{\n\s+(\"[^{}\[\]]*?)\n\s+\}",
            lambda match: "{" + " ".join(line.strip() for line in match.group(1).split("\n")) + "}",
            text,
        )
    text = re.sub(
        r"\[([-0-9.,e\s]*)\]",
        lambda match: "[" + ", ".join(match.group(1).split()).replace(",,", ",") + "]",
        text,
    )
    return text + "\n"

"""Read a chapter's fenced code blocks, the way pytest-codeblocks does.

Shared by the site's build hooks (notebooks) and the test suite (outputs,
chapter/package sameness).  A chapter's ``python`` blocks form chains: a
block preceded by ``<!--pytest-codeblocks:cont-->`` runs after the ones
before it, in the same namespace.

Conventions the chapters follow, because pytest-codeblocks only sees
backtick fences and chains a ``cont`` block to the previous backtick fence
whatever its language:

* backtick fences are for ``python`` (run) only;
* everything else (shell sessions, printed output) uses tilde fences;
* a ``~~~text title="Output"`` fence right after a ``python`` block is what
  that block prints, and the test suite checks it.
"""

import dataclasses
import pathlib
import re

_MARKER = re.compile(r"<!--[-\s]*(pytest-codeblocks:[^>]*?|pytest\.mark\.[^>]*?)[-\s]*-->")
_OUTPUT_INFO = re.compile(r'^text\b.*\btitle="Output"')

#: The opening line of a fence: its indent, its backticks or tildes, its info string.
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")


@dataclasses.dataclass
class Block:
    """One fenced block of a Markdown file."""

    info: str
    fence: str
    code: str
    line: int
    continues: bool = False
    marks: list = dataclasses.field(default_factory=list)
    output: "str | None" = None

    @property
    def language(self):
        return self.info.split()[0] if self.info else ""


def read_blocks(path):
    """Return the fenced blocks of the Markdown file at ``path``, in order."""
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    blocks = []
    pending_marks = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        marker = _MARKER.fullmatch(stripped)
        if marker:
            pending_marks.append(marker.group(1).strip())
            i += 1
            continue
        fence = FENCE.match(lines[i].rstrip("\n"))
        if not fence:
            if stripped:
                pending_marks = []
            i += 1
            continue
        indent, ticks, info = len(fence.group(1)), fence.group(2), fence.group(3).strip()
        start = i + 1
        body = []
        i += 1
        while i < len(lines) and not lines[i].lstrip().startswith(ticks):
            text = lines[i]
            body.append(text[min(indent, len(text) - len(text.lstrip())) :])
            i += 1
        i += 1
        continues = "pytest-codeblocks:cont" in pending_marks
        if continues and ticks[0] == "`":
            previous = [b for b in blocks if b.fence == "`"]
            if not previous or previous[-1].language != "python":
                raise ValueError(
                    f"{path}:{start}: a pytest-codeblocks:cont block must follow a "
                    "python block; use ~~~ fences for anything that is not Python"
                )
        block = Block(
            info=info,
            fence=ticks[0],
            code="".join(body),
            line=start,
            continues=continues,
            marks=[m for m in pending_marks if m.startswith("pytest.mark.")],
        )
        pending_marks = []
        if (
            ticks[0] == "~"
            and _OUTPUT_INFO.match(info)
            and blocks
            and blocks[-1].language == "python"
        ):
            blocks[-1].output = block.code
            continue
        blocks.append(block)
    return blocks


def python_chains(blocks):
    """Group the ``python`` blocks into chains that share one namespace."""
    chains = []
    for block in blocks:
        if block.fence != "`" or block.info != "python":
            continue
        if block.continues and chains:
            chains[-1].append(block)
        else:
            chains.append([block])
    return chains


def first_heading(path):
    """Return the text of the first ``# `` heading of a Markdown file."""
    for line in pathlib.Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return pathlib.Path(path).stem

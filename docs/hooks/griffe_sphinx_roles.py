"""Griffe extension: turn Sphinx cross-reference roles into mkdocstrings links.

The package's docstrings are reST-ish and write references as
``:func:`~nn_from_scratch.forward.forward_pass```; mkdocstrings renders
Markdown, where that would show the role literally.  This rewrites each role
as an autorefs link, ``[`forward_pass()`][nn_from_scratch.forward.forward_pass]``,
when the docstrings are loaded (the source files are untouched).  Roles
naming other projects (``:func:`numpy.asarray```) become plain code: the
offline build fetches no other project's inventory.
"""

import re

import griffe

_ROLE = re.compile(r":(?:py:)?(func|meth|class|mod|data|attr|exc|obj):`(~?)([\w.]+)`")


class SphinxRoles(griffe.Extension):
    def on_instance(self, *, obj, **kwargs):
        if obj.docstring is None:
            return

        def link(match):
            role, short, target = match.groups()
            label = target.rsplit(".", 1)[-1] if short else target
            if "." not in target:  # a name of the docstring's own module
                target = f"{obj.module.path}.{target}"
            if role in ("func", "meth"):
                label += "()"
            if not target.startswith("nn_from_scratch."):
                # No inventory of other projects is fetched (the build is offline).
                return f"`{label}`"
            return f"[`{label}`][{target}]"

        obj.docstring.value = _ROLE.sub(link, obj.docstring.value)

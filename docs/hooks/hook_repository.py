"""Give the home page's install section the repository's address, when known.

``repo_url`` comes from the ``REPO_URL`` environment variable (see
mkdocs.yml), which the publishing workflow sets and local builds leave
unset.  docs/index.md holds :data:`MARKER` where the ``pip install
"git+<repository>"`` command goes: with a ``repo_url`` the marker becomes
that command, without one it is removed.  A home page without the marker
fails the build, so the command cannot vanish unnoticed.

With ``edit_uri`` set too (``EDIT_URI``), Material gives every page links to
its Markdown in the repository.  Pages whose source is not in docs/, such as
the notebook page that hook_notebooks writes into ``.cache/``, get none: the
repository holds no such file.
"""

import pathlib

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

HOME = "index.md"
MARKER = "<!-- install-from-repository -->"


def install_from_repository(markdown, repo_url):
    """Return ``markdown`` with :data:`MARKER` replaced for ``repo_url`` (None: removed)."""
    count = markdown.count(MARKER)
    if count != 1:
        raise PluginError(
            f"hook_repository: docs/{HOME} must hold {MARKER} exactly once "
            f'(found {count}); it marks where `pip install "git+<repository>"` goes'
        )
    if not repo_url:
        return markdown.replace(MARKER, "")
    command = (
        "Straight from the repository (pip uses git to fetch it):\n\n"
        "~~~sh\n"
        f'pip install "git+{repo_url.rstrip("/")}"\n'
        "~~~"
    )
    return markdown.replace(MARKER, command)


@event_priority(-50)  # after the hooks and plugins that add pages
def on_files(files, config):
    docs = pathlib.Path(config.docs_dir).resolve()
    for file in files:
        if file.abs_src_path and not pathlib.Path(file.abs_src_path).resolve().is_relative_to(docs):
            file.edit_uri = None
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != HOME:
        return markdown
    return install_from_repository(markdown, config.repo_url)

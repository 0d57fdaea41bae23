"""Turn chapters into Jupyter notebooks when the site is built.

Every chapter with Python blocks gets ``downloads/<chapter>.ipynb`` and a
download button under its title.  The chapters listed in ``RENDERED`` are
also shown as notebook pages (``notebooks/<chapter>.ipynb``), which
mkdocs-jupyter executes and renders; it reads them from a file, so they are
written to ``.cache/nn-from-scratch/notebooks``, outside ``docs/``.

When ``site_url`` is set (the published site), a notebook links to its
chapter and to the pages its text mentions; a local build gives notebooks
that name their chapter without a link (``chapter_notebook.chapter_notebook``).
"""

import pathlib
import posixpath
import re
import urllib.parse

import chapter_notebook
import edition
import literate
import nbformat
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

RENDERED = ("part-1/putting-it-all-together.md",)
_downloads = {}


def _notebook_name(src_uri):
    return posixpath.basename(src_uri).removesuffix(".md") + ".ipynb"


def page_urls(files, config):
    """The published address of every page, by resolved source path.

    Empty without ``site_url`` (local builds, ``mkdocs serve``): the
    notebooks then name their chapter and the pages they mention without
    linking to them.
    """
    if not config.site_url:
        return {}
    return {
        pathlib.Path(file.abs_src_path).resolve(): urllib.parse.urljoin(config.site_url, file.url)
        for file in files.documentation_pages()
    }


@event_priority(50)  # before mkdocs-jupyter looks for notebook pages
def on_files(files, config):
    _downloads.clear()
    # One folder per edition: both have a notebooks/putting-it-all-together.ipynb.
    language = edition.language_of(config)
    cache = pathlib.Path(config.config_file_path).parent / ".cache" / "nn-from-scratch" / language
    (cache / "notebooks").mkdir(parents=True, exist_ok=True)
    urls = page_urls(files, config)
    for file in list(files.documentation_pages()):
        if not literate.python_chains(literate.read_blocks(file.abs_src_path)):
            continue
        source = pathlib.Path(file.abs_src_path).resolve()
        notebook = chapter_notebook.chapter_notebook(file.abs_src_path, urls.get(source), urls)
        data = nbformat.writes(notebook).encode("utf-8")
        name = _notebook_name(file.src_uri)
        files.append(File.generated(config, f"downloads/{name}", content=data))
        _downloads[file.src_uri] = f"downloads/{name}"
        if file.src_uri in RENDERED:
            path = cache / "notebooks" / name
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
            # A plain File whose source folder is the cache: mkdocs-jupyter
            # finds it on disk through src_dir, as it does for docs/ files.
            files.append(
                File(
                    f"notebooks/{name}",
                    src_dir=str(cache),
                    dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls,
                )
            )
    return files


def on_page_markdown(markdown, page, config, files):
    target = _downloads.get(page.file.src_uri)
    if target is None:
        return markdown
    link = get_relative_url(target, page.file.src_uri)
    label = edition.words(edition.language_of(config))["download"]
    button = f"[:material-download: {label}]({link}){{ .md-button download }}"
    return re.sub(r"^(# .+)$", lambda m: f"{m.group(1)}\n\n{button}", markdown, count=1, flags=re.M)


# mkdocs-jupyter's page template loads MathJax 2 (from an empty or CDN URL)
# and, when a notebook holds a diagram, mermaid from a CDN.  The site loads
# its own MathJax 3 on every page and the notebooks hold no diagrams, so
# both scripts are removed from notebook pages.
_NOTEBOOK_MATHJAX = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S
)
_NOTEBOOK_MERMAID = re.compile(
    r'<script type="module">(?:(?!</script>).)*?jp-Mermaid.*?</script>', re.S
)


# mkdocs-jupyter makes a heading's id from its text, keeping only ASCII: a
# Chinese heading gets id="" (so the search index saw one section, and every
# anchor link pointed at "#").  The Chinese notebook's headings are those of
# the English one, in the same order: they get the English ids.
_EMPTY_HEADING = re.compile(r'<h([1-6]) id="">(.*?)<a class="anchor-link" href="#">', re.S)
_MARKDOWN_HEADING = re.compile(r"^#{1,6} +(.+?)\s*$", re.M)


def english_notebook_heading_ids(name):
    """The heading ids of the English notebook page ``notebooks/<name>``, in order."""
    from mkdocs_jupyter.utils import slugify
    from nbconvert.filters.strings import _convert_header_id

    (chapter,) = [uri for uri in RENDERED if _notebook_name(uri) == name]
    notebook = chapter_notebook.chapter_notebook(edition.DOCS / chapter)
    headings = [
        heading
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for heading in _MARKDOWN_HEADING.findall(cell.source)
    ]
    return [_convert_header_id(slugify(re.sub(r"[`*_]", "", heading))) for heading in headings]


def _with_english_ids(output, name):
    ids = iter(english_notebook_heading_ids(name))

    def named(match):
        anchor = next(ids)
        return f'<h{match[1]} id="{anchor}">{match[2]}<a class="anchor-link" href="#{anchor}">'

    return _EMPTY_HEADING.sub(named, output)


def on_page_content(html, page, config, files):
    # Before the search plugin indexes the page (on_page_context).
    chinese = edition.language_of(config) == edition.CHINESE
    if page.file.src_uri.startswith("notebooks/") and chinese:
        return _with_english_ids(html, posixpath.basename(page.file.src_uri))
    return html


def on_post_page(output, page, config):
    if not page.file.src_uri.startswith("notebooks/"):
        return output
    return _NOTEBOOK_MERMAID.sub("", _NOTEBOOK_MATHJAX.sub("", output))

"""Refresh the vendored copy of KaTeX in ``vendor/katex/`` from the npm registry.

The site typesets its formulas with KaTeX, served from the site itself so that
pages need no network.  Only what the pages use is kept: the script, its style
sheet, the WOFF2 fonts (every browser the site
supports reads WOFF2, so the style sheet's WOFF and TTF fallbacks are never
requested) and the licence.  ``SHA256SUMS`` records each file;
``tests/test_maths.py`` checks the copy against it and against ``VERSION``.

Usage (needs npm): ``python vendor/update_katex.py 0.19.1``
"""

import hashlib
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = pathlib.Path(__file__).resolve().parent / "katex"
KEPT = ("dist/katex.min.js", "dist/katex.min.css", "LICENSE")


def fetch(version):
    """Unpack ``katex@version`` from the registry (npm checks its integrity hash)."""
    folder = pathlib.Path(tempfile.mkdtemp())
    subprocess.run(["npm", "pack", f"katex@{version}"], cwd=folder, check=True)
    (archive,) = folder.glob("katex-*.tgz")
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def main(version):
    package = fetch(version)
    shutil.rmtree(HERE, ignore_errors=True)
    (HERE / "fonts").mkdir(parents=True)
    for name in KEPT:
        shutil.copyfile(package / name, HERE / pathlib.Path(name).name)
    for font in sorted((package / "dist" / "fonts").glob("*.woff2")):
        shutil.copyfile(font, HERE / "fonts" / font.name)
    (HERE / "VERSION").write_text(version + "\n")
    lines = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(HERE).as_posix()}"
        for path in sorted(HERE.rglob("*"))
        if path.is_file() and path.name != "SHA256SUMS"
    ]
    (HERE / "SHA256SUMS").write_text("\n".join(lines) + "\n")
    print(f"KaTeX {version}: {len(lines)} files in {HERE}")


if __name__ == "__main__":
    main(sys.argv[1])

"""The Chinese font of the zh-TW figures: Noto Sans CJK TC, from the package ``noto-cjk-sans-otc``.

That package ships the Noto Sans CJK collection (one ``.ttc`` file); its
face 3 is Noto Sans CJK TC.  :func:`cjk_font_family` copies that face once
into a cache file, with fontTools (which matplotlib depends on), and
registers it with matplotlib under a family name of its own,
:data:`CJK_FAMILY`.  A name of its own, because a system may have its own
Noto Sans CJK TC, maybe another version or a bold face: with the plain name
matplotlib could pick that one, and the SVG bytes would depend on the
machine.  Under this name the package's font is the only one, in every
weight (Chinese text in a bold label is drawn in the regular face).
"""

import dataclasses
import functools
import os
import pathlib
import tempfile

CJK_FAMILY = "Noto Sans CJK TC (nn_from_scratch)"
"""The family name the package's Noto Sans CJK TC is registered under."""

FONT_DISTRIBUTION = "noto-cjk-sans-otc"
"""The font package, as pip names it."""
FONT_FACE = 3
"""The face of the package's collection the figures use: Noto Sans CJK TC."""
FONT_FACE_FAMILY = "Noto Sans CJK TC"
"""That face's own family name, as the collection gives it."""

REGISTERED_WEIGHTS = (400, 700)
"""The weights the face is registered under: regular text and bold labels."""


def font_collection_path():
    """The path of the Noto Sans CJK collection, or an ImportError that says what to install."""
    try:
        import noto_cjk_sans_otc  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise ImportError(
            "drawing the figures in Traditional Chinese needs the font package "
            f"{FONT_DISTRIBUTION}, which the docs extra installs: "
            "pip install 'nn-from-scratch-book[docs]'"
        ) from None
    return pathlib.Path(os.fspath(noto_cjk_sans_otc.FONT_PATH))


def font_version(collection):
    """The installed version of the font package (the cache file's key)."""
    from importlib import metadata

    try:
        return metadata.version(FONT_DISTRIBUTION)
    except metadata.PackageNotFoundError:  # importable but not installed: key by size
        return f"size{collection.stat().st_size}"


def cache_directories():
    """Where the extracted face may be kept: the user's cache, else the temporary directory."""
    home_cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return [
        pathlib.Path(home_cache) / "nn-from-scratch",
        pathlib.Path(tempfile.gettempdir()) / "nn-from-scratch",
    ]


def extract_face(collection, target):
    """Write face :data:`FONT_FACE` of ``collection`` to ``target``, atomically.

    The copy is written next to ``target`` and renamed over it, so another
    process never reads half a file.  ``recalcTimestamp=False`` keeps the
    font's own date: the same collection always gives the same bytes.
    """
    from fontTools.ttLib import TTCollection  # type: ignore[import-untyped, unused-ignore]

    fonts = TTCollection(os.fspath(collection), lazy=True, recalcTimestamp=False)
    face = fonts.fonts[FONT_FACE]
    family = face["name"].getDebugName(1)
    if family != FONT_FACE_FAMILY:
        raise RuntimeError(
            f"face {FONT_FACE} of {collection} is {family!r}, expected {FONT_FACE_FAMILY!r}"
        )
    handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(handle)
    try:
        face.save(partial)
        os.chmod(partial, 0o644)  # mkstemp makes it private; a shared cache needs it readable
        os.replace(partial, target)
    except BaseException:
        pathlib.Path(partial).unlink(missing_ok=True)
        raise
    finally:
        fonts.close()


def cjk_font_file():
    """The extracted Noto Sans CJK TC, made on first use and kept for the next runs."""
    collection = font_collection_path()
    name = f"NotoSansCJKtc-Regular-{FONT_DISTRIBUTION}-{font_version(collection)}.otf"
    last_error = None
    for directory in cache_directories():
        target = directory / name
        if target.is_file() and target.stat().st_size:
            return target
        try:
            directory.mkdir(parents=True, exist_ok=True)
            extract_face(collection, target)
        except OSError as error:  # not writable: try the next directory
            last_error = error
            continue
        return target
    raise OSError(f"cannot write the extracted font {name} anywhere: {last_error}")


@functools.cache
def cjk_font_family():
    """Register the package's Noto Sans CJK TC with matplotlib (once); return its family name."""
    from matplotlib import font_manager

    path = os.fspath(cjk_font_file())
    manager = font_manager.fontManager
    count = len(manager.ttflist)
    manager.addfont(path)  # public, and empties findfont's cache
    entry = next(font for font in manager.ttflist[count:] if font.fname == path)
    manager.ttflist.extend(
        dataclasses.replace(entry, name=CJK_FAMILY, weight=weight) for weight in REGISTERED_WEIGHTS
    )
    return CJK_FAMILY

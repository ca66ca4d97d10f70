"""The compiled form of the review functions the engine generates, kept on disk between processes.

``registry()`` compiles every criteria tree, condition and section scan before the first review
(``review.prepare``); compiling their source is most of that work and gives the same code objects
every time the guideline data and the engine are the same. So code objects are kept in one file
beside the YAML cache, keyed by a digest of their source, and read back instead of compiled. What a process
used is written back, with other entries only while they are fewer than twice as many, so entries
of edited guidelines do not accumulate. Without a cache
directory (``NECESSITY_NO_CACHE``, a read-only home) everything is compiled, as before.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from types import CodeType

from ..vocabulary import _cache_dir

_codes: dict[str, CodeType] | None = None  # digest of name and source -> code, as read from the file
_used: dict[str, CodeType] = {}  # what this process compiled or read
_dirty = False


def compile_source(source: str, name: str) -> CodeType:
    """``compile(source, name, "exec")``, read from the cache when it holds the same source."""
    global _codes, _dirty
    if _codes is None:
        _codes = _load()
    key = hashlib.blake2b(f"{name}\n{source}".encode(), digest_size=16).hexdigest()
    code = _used.get(key) or _codes.get(key)
    if code is None:
        code = compile(source, name, "exec")
        _dirty = True
    _used[key] = code
    return code


def _path() -> Path | None:
    base = _cache_dir()
    return None if base is None else base.parent / f"code-v2-{sys.implementation.cache_tag}.marshal"


def _load() -> dict[str, CodeType]:
    path = _path()
    if path is None:
        return {}
    try:
        codes = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return codes if isinstance(codes, dict) else {}


def save() -> None:
    """Write what this process used, when it compiled anything new (``prepare`` calls it), with what
    the file holds besides (another checkout's, say) while that is not more than twice as much."""
    global _dirty
    path = _path()
    if not _dirty or path is None:
        return
    others = {k: v for k, v in _load().items() if k not in _used}
    kept = {**others, **_used} if len(others) <= 2 * len(_used) else _used
    try:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(kept))
        tmp.replace(path)
        _dirty = False
    except OSError:
        pass  # a read-only cache directory: compile every time

"""Modules imported when they are first used rather than when the app starts.

Some libraries serve only what an editor does (reading an EDTF date,
formatting citations, cleaning an uploaded picture), and cost every process
megabytes to import: the EDTF parser 16 MB, citeproc-py 8 MB, Pillow 4 MB.
Pages never need them, as what they produce is kept when a post is saved;
so an app server that only serves readers never loads them.
"""

import importlib


class LazyModule:
    """Stands for the module `name`, imported at its first attribute read."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attribute: str):
        # import_module answers from sys.modules after the first time.
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self):
        return f"<module {self._name!r}, imported when first used>"

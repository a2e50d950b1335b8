"""The Jupyter kernel that batch runs execute notebooks with.

papermill needs a registered kernel. The project registers its own, named
``council-joint-working``, inside the Python environment it is installed in (``sys.prefix``),
pointing at this very interpreter. A ``python3`` kernel registered elsewhere on the machine (an
officer's own Anaconda, say) can point at a Python without this package; naming our own kernel
means a batch never runs the notebooks with the wrong Python.
"""
from __future__ import annotations

import sys
from pathlib import Path

KERNEL_NAME = "council-joint-working"
DISPLAY_NAME = "Python (council joint working)"


def ensure_kernel() -> str:
    """Register the project's kernel for this interpreter if it is missing or stale; return its name."""
    if _registered_here():
        return KERNEL_NAME
    from ipykernel.kernelspec import install

    try:
        install(kernel_name=KERNEL_NAME, display_name=DISPLAY_NAME, prefix=sys.prefix)
    except OSError:  # a system Python whose prefix is not writable
        pass
    if not _registered_here():
        # not writable, or a stale registration in the user's own folder wins the search: replace that
        install(kernel_name=KERNEL_NAME, display_name=DISPLAY_NAME, user=True)
    return KERNEL_NAME


def _registered_here() -> bool:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        return False
    return bool(spec.argv) and Path(spec.argv[0]) == Path(sys.executable)

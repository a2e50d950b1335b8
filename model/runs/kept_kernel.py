"""One kernel for all of one council's notebooks.

A new kernel per notebook costs its start and ``import model`` (pandas, matplotlib) every time:
about three seconds of a ten-second notebook. :class:`CouncilKernel` starts one kernel in the
council's temporary folder and hands it to papermill for each notebook in turn (papermill passes
``km`` to nbclient, which then neither starts nor stops it). Before each notebook after the first
the kernel is wiped: every figure closed, the user namespace and output history cleared and a
new history session begun with the execution counter back at 1 (IPython's ``reset``, as
``%reset -f`` does but in a new session, so the history database takes line 1 again), so each executed notebook is the same,
byte for byte after normalising, as one run in a fresh kernel (a test). Modules stay imported:
that is the saving.

Any failure ends the kernel: a notebook that fails, times out or is interrupted leaves it in an
unknown state, and the council's later notebooks do not run anyway.
"""
from __future__ import annotations

#: run before every notebook after the first; raises in the kernel if the wipe fails
RESET = "\n".join([
    "import sys as _council_sys",
    "if 'matplotlib.pyplot' in _council_sys.modules:",
    "    _council_sys.modules['matplotlib.pyplot'].close('all')",
    "del _council_sys",
    "get_ipython().reset(new_session=True)",
])
RESET_SECONDS = 30.0


class KernelResetError(RuntimeError):
    """The kept kernel could not be wiped between two notebooks."""


class CouncilKernel:
    """A kernel kept for one council's notebooks; started by papermill on the first notebook."""

    def __init__(self, kernel_name: str):
        self.kernel_name = kernel_name  # it starts where papermill runs the first notebook (its cwd)
        self.km = None
        self.used = False  # a notebook has run in it since it started

    def engine_kwargs(self) -> dict:
        """What to pass to ``papermill.execute_notebook`` so the notebook runs in this kernel:
        the kernel manager (started by nbclient if it has no kernel yet), wiped first if used."""
        from jupyter_client.manager import AsyncKernelManager

        if self.km is None:
            self.km = AsyncKernelManager(kernel_name=self.kernel_name)
        elif self.used:
            self.reset()
        self.used = True
        return {"km": self.km}

    def reset(self) -> None:
        """Wipe the kernel's state between notebooks (see the module's docstring)."""
        from jupyter_client.blocking import BlockingKernelClient

        client = BlockingKernelClient()
        client.load_connection_info(self.km.get_connection_info())
        client.start_channels()
        try:
            reply = client.execute_interactive(RESET, silent=True, store_history=False, timeout=RESET_SECONDS,
                                               output_hook=lambda msg: None)
        except TimeoutError as exc:
            raise KernelResetError(f"the kernel did not reset within {RESET_SECONDS:,.0f} s") from exc
        finally:
            client.stop_channels()
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelResetError(f"the kernel could not reset: {content.get('ename')}: {content.get('evalue')}")

    def discard(self) -> None:
        """Stop the kernel (after a failure, or at the end); the next notebook would start a new one."""
        km, self.km, self.used = self.km, None, False
        if km is None or not km.has_kernel:
            return
        from jupyter_core.utils import run_sync

        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - already dead, or dying with its worker: nothing to keep
            pass

    def __enter__(self) -> CouncilKernel:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()

"""A progress bar that is a widget in a notebook and one rewritten line in a terminal."""
from __future__ import annotations

import sys
import time


def in_notebook() -> bool:
    """True inside a Jupyter kernel (where a widget can be displayed)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


class Progress:
    """progress = Progress(total, "training GRU"); progress.update(step, loss=0.3); progress.close().

    In a notebook an ipywidgets bar with a line of text under it; elsewhere a text bar on stderr,
    redrawn at most ten times a second. `enabled=False` shows nothing.
    """

    def __init__(self, total: int, description: str, enabled: bool = True, stream=None):
        self.total, self.description, self.enabled = total, description, enabled
        self.stream = stream or sys.stderr
        self.start = time.perf_counter()
        self.last = 0.0
        self.widget = None
        if enabled and in_notebook():
            import ipywidgets as w
            from IPython.display import display
            self.bar = w.IntProgress(value=0, min=0, max=total, description=description,
                                     style={"description_width": "initial"},
                                     layout=w.Layout(width="60%"))
            self.label = w.HTML()
            self.widget = w.VBox([self.bar, self.label])
            display(self.widget)

    def update(self, step: int, **info: float) -> None:
        """Show that `step` of `total` steps are done, with the numbers in `info`."""
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.last < 0.1 and step != self.total:
            return                                   # redraw at most ten times a second
        self.last = now
        text = f"{step}/{self.total}  " + "  ".join(f"{k} {v:.3g}" for k, v in info.items())
        text += f"  {now - self.start:.1f} s"
        if self.widget is not None:
            self.bar.value = step
            self.label.value = text
        else:
            done = int(30 * step / max(self.total, 1))
            self.stream.write(f"\r{self.description} [{'#' * done}{'.' * (30 - done)}] {text}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.widget is None:
            self.stream.write("\n")
            self.stream.flush()

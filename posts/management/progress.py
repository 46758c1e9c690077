"""A progress bar for long management commands, on a terminal only."""

from django.core.management.base import OutputWrapper

WIDTH = 30


class ProgressBar:
    """Draws `done` out of `total` on one line of `stream`, redrawing only
    when the percentage changes; silent when `stream` is not a terminal."""

    def __init__(self, stream: OutputWrapper, *, enabled: bool = True):
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.percent = -1

    def update(self, done: int, total: int) -> None:
        if not self.enabled or not total:
            return
        percent = min(100, done * 100 // total)
        if percent == self.percent:
            return
        self.percent = percent
        filled = WIDTH * percent // 100
        bar = "#" * filled + "-" * (WIDTH - filled)
        self.stream.write(f"\r[{bar}] {percent:3d}% ", ending="")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.percent >= 0:
            self.stream.write("", ending="\n")
            self.percent = -1

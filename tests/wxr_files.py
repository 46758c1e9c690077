"""The hand-written WordPress exports in tests/data/wxr/."""

from pathlib import Path

WXR_DIR = Path(__file__).parent / "data" / "wxr"


def wxr(name: str) -> Path:
    return WXR_DIR / name

"""Regenerate the golden scripts (`make golden`): render every case, write `scripts/NN-slug.txt`,
remove texts no case renders any more, and say what changed. Read the diff before committing."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from golden_render import SCRIPTS, render_all  # run as a script: its folder is on sys.path


def main() -> int:
    SCRIPTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="callwise-golden-") as folder:
        rendered = render_all(Path(folder))
    changed = []
    for name, (_case, _shape, text) in rendered.items():
        path = SCRIPTS / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    stale = [p for p in SCRIPTS.glob("*.txt") if p.name not in rendered]
    for path in stale:
        path.unlink()
    print(
        f"{len(rendered)} golden scripts in {SCRIPTS}: {len(changed)} written, "
        f"{len(stale)} removed."
    )
    for name in changed:
        print(f"  wrote {name}")
    for path in stale:
        print(f"  removed {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

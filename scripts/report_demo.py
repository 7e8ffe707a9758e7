"""Write the HTML report of the bundled demo corpus, for a look or for the docs screenshots.

Usage: python scripts/report_demo.py OUT.html   (run from the repository root)

Stories and the timeline are hand-made from tests/data/demo_truth.json (see
tests/report/demo.py) until `storyline run` builds them; then use its report instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for `tests.report.demo`

from tests.report.demo import build_demo_report

from storyline.report import write_report


def main() -> int:
    """Build the demo report data and write the page."""
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(write_report(sys.argv[1], build_demo_report()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

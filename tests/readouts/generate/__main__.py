"""Regenerate the fixture readouts, the examples and their expected records.

    .venv/bin/python tests/readouts/generate            # everything
    .venv/bin/python tests/readouts/generate fixtures_11_15 examples_2023

Each readout is written once, in simplified script, as tagged paragraphs (see ``framework.parse``): the
tags are the hand-made labels (lead, deployer line, heading, remark, continuation, deployment, other body,
lede, noise), and the expected record's opening, remarks, deployment and terms follow from them by the
conventions of MEETING_RECORD.md; every other field (dates, people, units...) is stated by hand in each
module.  The renderers then give each readout its format, script and encoding.  Running this twice gives
the same bytes, so ``git diff`` after a run shows exactly what an edit changed.
"""

import importlib
import sys
from pathlib import Path

MODULES = ["fixtures_01_07", "fixtures_05_10", "fixtures_11_15", "fixtures_16_17", "fixtures_18_23",
           "nonreadouts_24_32", "more_33_37", "examples_2023"]


def main(names: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    for name in names or MODULES:
        module = importlib.import_module(name)
        for attr in sorted(dir(module)):
            if attr.startswith("build_"):
                getattr(module, attr)()
                print(name, attr)


if __name__ == "__main__":
    main(sys.argv[1:])

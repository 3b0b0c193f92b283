"""Accessibility checks with axe-core, run inside the page under test."""

import pytest
from axe_playwright_python.sync_playwright import Axe

# Minor and moderate findings are worth reading in axe's own report; these two
# levels block people from using the page, so they fail the test.
BLOCKING_IMPACTS = {"serious", "critical"}
TARGETS_SHOWN = 3

axe = Axe()


def describe(violation: dict) -> str:
    targets = [" ".join(node["target"]) for node in violation["nodes"][:TARGETS_SHOWN]]
    more = len(violation["nodes"]) - len(targets)
    suffix = f" (+{more} more)" if more > 0 else ""
    return (
        f"- {violation['id']} [{violation['impact']}] {violation['help']}: "
        f"{'; '.join(targets)}{suffix}"
    )


def assert_accessible(page) -> None:
    """Fail with each serious or critical axe violation on the current page."""
    results = axe.run(page)
    blocking = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    if blocking:
        report = "\n".join(describe(violation) for violation in blocking)
        pytest.fail(f"axe found on {page.url}:\n{report}", pytrace=False)

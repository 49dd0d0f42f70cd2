"""Hypothesis profiles: `ci` runs every property test at its full count, `dev` at a tenth.

The environment variable ATTUNE_HYPOTHESIS_PROFILE chooses one (`dev` for a quick loop while
working); without it the suite runs `ci`, so the README's test command and CI need nothing set.
A test that wants more or fewer examples than the profile's default writes
`@settings(max_examples=examples(400))`: 400 under `ci`, 40 under `dev`.
"""

from __future__ import annotations

import os

from hypothesis import settings

PROFILE_VARIABLE = "ATTUNE_HYPOTHESIS_PROFILE"
PROFILES = ("ci", "dev")
CI_EXAMPLES = 100
"""Hypothesis's own default count, which the suite's tests were written against."""
DEV_EXAMPLES = 10

settings.register_profile("ci", max_examples=CI_EXAMPLES)
settings.register_profile("dev", max_examples=DEV_EXAMPLES)


def load_chosen_profile() -> str:
    """Load the profile named by ATTUNE_HYPOTHESIS_PROFILE (`ci` when unset); return its name."""
    name = os.environ.get(PROFILE_VARIABLE) or "ci"
    if name not in PROFILES:
        raise ValueError(f"{PROFILE_VARIABLE}={name!r}: the profiles are {', '.join(PROFILES)}")
    settings.load_profile(name)
    return name


def examples(ci_count: int) -> int:
    """`ci_count` examples under the `ci` profile, scaled down alike under `dev` (at least 1)."""
    return max(1, ci_count * settings.default.max_examples // CI_EXAMPLES)

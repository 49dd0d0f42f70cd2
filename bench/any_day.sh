#!/usr/bin/env bash
# Run the test suite as CI does (.ci/run: the README's test command in a fresh copy of the tree)
# with the system clock moved to awkward moments in London: minutes before the 04:00 rollover,
# before each daylight-saving change, on 29 February, on New Year's Eve, and on a weekday that
# is not the default check-in day. Bugs that only show on such days hide from a suite that
# always runs on ordinary afternoons.
#
#   bench/any_day.sh                                  the moments listed below
#   bench/any_day.sh '2027-10-31 01:58:00 +0100' ...  any moments `date -d` reads, London time
#
# One line per moment: pass or FAIL, the moment, and pytest's summary line. Exits 1 when any
# moment failed and keeps the logs of that run. Each moment takes as long as the whole suite.
# PYTEST_ADDOPTS reaches pytest, so PYTEST_ADDOPTS='tests/unit -q' tries the mechanics quickly.
# Needs libfaketime (the `faketime` command).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if ! command -v faketime >/dev/null; then
  echo "any_day.sh: needs the faketime command (libfaketime)" >&2
  exit 2
fi

moments=("$@")
if ((${#moments[@]} == 0)); then
  moments=(
    '2027-06-14 03:58:00'       # a Monday before 04:00: still Sunday, the check-in day
    '2027-03-28 00:58:00'       # the clocks go forward at 01:00
    '2027-10-31 01:58:00 +0100' # the clocks go back at 02:00 (the first of the two 01:58s)
    '2028-02-29 03:58:00'       # a leap day, just before it begins at 04:00
    '2027-12-31 23:58:00'       # New Year's Eve
    '2027-06-16 12:00:00'       # an ordinary Wednesday
  )
fi

export TZ=Europe/London
logs=$(mktemp -d "${TMPDIR:-/tmp}/attune-any-day.XXXXXX")
failed=0
for moment in "${moments[@]}"; do
  if ! target=$(date -d "$moment" +%s); then
    echo "any_day.sh: not a moment: $moment" >&2
    exit 2
  fi
  # An offset from the real clock rather than faketime's "@moment": with "@", every process
  # starts its own clock at the moment, so the attune commands the end-to-end tests launch
  # would run minutes behind pytest. With an offset all processes share one running clock;
  # creating the venv and installing (under the fake date too: the install works with dates
  # years ahead) uses some seconds of the two minutes before each event.
  printf -v offset '%+d' $((target - $(date +%s)))
  when=$(date -d "@$target" '+%a %F %T %Z')
  log="$logs/$(date -d "@$target" +%Y%m%dT%H%M%S%z).log"
  if faketime -f "$offset" bash "$repo/.ci/run" >"$log" 2>&1; then
    result=pass
  else
    result=FAIL
    failed=1
  fi
  summary=$(grep -E '(passed|failed|errors?|skipped|deselected|no tests ran).* in [0-9.]+s' "$log" \
    | tail -n 1 | sed -E 's/^=+ //; s/ =+$//') || true
  echo "$result  $when  ${summary:-no pytest summary: see the log}"
done

if ((failed)); then
  echo "logs: $logs"
  exit 1
fi
rm -rf "$logs"

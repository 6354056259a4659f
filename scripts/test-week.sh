#!/usr/bin/env bash
# Runs the test suite once for each day of one week, with the machine's clock moved
# there by libfaketime, so a test that depends on the day (a weekday with one
# provider, a Monday, a month end) fails here instead of on CI one day a week.
# Too slow for `npm test` (about 5 minutes a day); see the README's Tests section.
#
#   scripts/test-week.sh                  # next week, Monday to Sunday: vitest and Playwright
#   scripts/test-week.sh 2027-02-22       # the week of that Monday
#   KEEL_WEEK_SUITES=e2e scripts/test-week.sh   # only Playwright (or: vitest; clock: only check the faked clock)
#   KEEL_WEEK_DAYS="Wed Thu" scripts/test-week.sh  # only some of the days
#   KEEL_WEEK_E2E="tests/e2e/today.spec.ts" scripts/test-week.sh  # only some browser tests (Playwright arguments)
#
# Needs libfaketime (Debian: sudo apt-get install -y faketime) and a built renderer
# (the e2e global setup builds it when stale).
set -uo pipefail
cd "$(dirname "$0")/.."

LIB="${KEEL_FAKETIME_LIB:-/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1}"
if [ ! -f "$LIB" ]; then
  echo "libfaketime is not at $LIB. Install it (Debian/Ubuntu: sudo apt-get install -y faketime) or set KEEL_FAKETIME_LIB." >&2
  exit 2
fi

# A week ahead, never behind: the clock moves forward only (see the offset below).
if [ $# -ge 1 ]; then
  MONDAY="$1"
else
  MONDAY="$(date -u -d "$(date -u +%F) +$(( 8 - $(date -u +%u) )) days" +%F)"
fi
if [ "$(date -u -d "$MONDAY" +%u 2>/dev/null)" != "1" ]; then
  echo "$MONDAY is not a Monday (YYYY-MM-DD)." >&2
  exit 2
fi
if [ "$(date -u -d "$MONDAY" +%s)" -le "$(date -u +%s)" ]; then
  echo "Choose a Monday after today: libfaketime fakes the monotonic clock too, which must not go below zero." >&2
  exit 2
fi

SUITES="${KEEL_WEEK_SUITES:-vitest e2e}"
DAYS="${KEEL_WEEK_DAYS:-Mon Tue Wed Thu Fri Sat Sun}"
LOGS="test-results/week"
mkdir -p "$LOGS"

# Each day at a different clinic time (New York, the demo's and the tests' zone): before
# opening, open, near closing, late evening when the UTC date is already tomorrow, and
# Sunday 19:00 when it is Monday 00:00 in UTC.
declare -A AT=([Mon]="05:00" [Tue]="10:30" [Wed]="16:45" [Thu]="23:30" [Fri]="08:00" [Sat]="12:00" [Sun]="19:00")
declare -A INDEX=([Mon]=0 [Tue]=1 [Wed]=2 [Thu]=3 [Fri]=4 [Sat]=5 [Sun]=6)

# Tests that compare a file's modification time with the clock (a stale lock, a half-written
# backup left for an hour, the backup folder's short lock, stale after 10 minutes): Node reads file times with the statx system call, which
# libfaketime does not fake, so under a moved clock every new file looks days old. Their
# subject is a file's age, not the day, so they run once at the real clock instead.
FILE_AGE_TESTS='clears what a backup cut off by a crash|lets exactly one of several Keels starting at the same instant|puts a backup in place and prunes only under the backup folder lock|never removes it, even when a newer verified backup is already there'

summary=()
failed=0
for day in $DAYS; do
  date_of_day="$(date -u -d "$MONDAY +${INDEX[$day]} days" +%F)"
  target="$(date -u -d "TZ=\"America/New_York\" $date_of_day ${AT[$day]}" +%s)"
  # An offset, not a fixed start ("@…"), so every process the tests start (keel serve,
  # the keel command, Chromium's) sees one clock that runs on from the same moment.
  # The monotonic clock is faked too: with FAKETIME_DONT_FAKE_MONOTONIC=1 Chromium spins
  # at full CPU and a page takes over a minute to open.
  offset=$(( target - $(date -u +%s) ))
  export FAKETIME="+${offset}" LD_PRELOAD="$LIB"
  # Both runtimes must see the day, or the run proves nothing.
  in_ny='new Date().toLocaleString("sv-SE", { timeZone: "America/New_York" }).slice(0, 16)'
  node_sees="$(node -e "console.log($in_ny)")"
  chromium_sees="$("${KEEL_CHROMIUM:-/usr/bin/chromium}" --headless --no-sandbox --disable-gpu --dump-dom "data:text/html,<script>document.write($in_ny)</script>" 2>/dev/null | sed -n 's/.*<body>\(.*\)<\/body>.*/\1/p')"
  echo "=== $day $date_of_day ${AT[$day]} New York (Node sees $node_sees, Chromium $chromium_sees) ==="
  if [ "${node_sees:0:10}" != "$date_of_day" ] || [ "${chromium_sees:0:10}" != "$date_of_day" ]; then
    echo "The faked clock did not reach Node or Chromium; stopping." >&2
    exit 2
  fi
  for suite in $SUITES; do
    log="$LOGS/$date_of_day-$day-$suite.log"
    case "$suite" in
      vitest) npx vitest run -t "^(?!.*($FILE_AGE_TESTS))" >"$log" 2>&1 ;;
      e2e) npx playwright test ${KEEL_WEEK_E2E:-} >"$log" 2>&1 ;;
      clock) echo "(clock check only)" >"$log" ;;
      *) echo "unknown suite $suite (vitest, e2e or clock)" >&2; exit 2 ;;
    esac
    status=$?
    counts="$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -aE '^\s*(Tests |[0-9]+ (passed|failed|flaky|skipped))' | tr -s ' ' | tr '\n' ' ')"
    if [ $status -eq 0 ]; then result="pass"; else result="FAIL"; failed=1; fi
    line="$day $date_of_day ${AT[$day]} NY  $suite: $result  $counts ($log)"
    echo "$line"
    summary+=("$line")
  done
  unset FAKETIME LD_PRELOAD
done

if [[ " $SUITES " == *" vitest "* ]]; then
  log="$LOGS/real-clock-file-age-vitest.log"
  npx vitest run -t "$FILE_AGE_TESTS" >"$log" 2>&1
  status=$?
  counts="$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -aE '^\s*Tests ' | tr -s ' ')"
  if [ $status -eq 0 ]; then result="pass"; else result="FAIL"; failed=1; fi
  summary+=("real clock, file-age tests  vitest: $result  $counts ($log)")
fi

echo
echo "=== Week of $MONDAY ==="
printf '%s\n' "${summary[@]}"
exit $failed

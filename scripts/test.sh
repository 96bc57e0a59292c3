#!/usr/bin/env bash
# README command 2 (and what CI runs): install what is needed, build, and run
# every test — once in a Release build (GCC) with warnings as errors, once
# more under AddressSanitizer and UndefinedBehaviorSanitizer built with Clang,
# which also builds the libFuzzer target and fuzzes the web service's request
# handlers for 60 s.
#   sudo bash scripts/test.sh            # everything
#   SOCIALSOEG_SKIP_SANITIZERS=1 bash scripts/test.sh   # the Release pass only
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== Release build and tests"
bash scripts/build.sh build -DSOCIALSOEG_WERROR=ON
ctest --test-dir build --output-on-failure -j "$(nproc)"

if [ "${SOCIALSOEG_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== ASan+UBSan build (Clang, with the fuzz target) and tests"
  CC=clang CXX=clang++ bash scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOCIALSOEG_SANITIZE=ON \
    -DSOCIALSOEG_WERROR=ON -DSOCIALSOEG_FUZZ=ON
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
fi
echo "== All tests passed"

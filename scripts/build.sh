#!/usr/bin/env bash
# Configures and builds one build tree. Used by demo.sh and test.sh.
#   scripts/build.sh [BUILD_DIR] [extra cmake arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
# Two cores on the reference machine; never more jobs than cores.
cmake --build "$build_dir" -j "$(nproc)"

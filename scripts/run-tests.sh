#!/usr/bin/env bash
# Sets everything up (Debian packages, configure, build) and runs the whole
# test suite through ctest. Exit code is ctest's.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
build_dir=${BUILD_DIR:-$here/build}
cd "$build_dir"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" "$@"

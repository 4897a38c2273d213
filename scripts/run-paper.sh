#!/usr/bin/env bash
# Sets everything up (Debian packages, configure, build) and runs the engine
# in paper mode against the built-in simulated venues. Extra arguments go to
# `tandem` (e.g. --duration 60 --seed 7 --summary run.json).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
build_dir=${BUILD_DIR:-$here/build}
cd "$here"
exec "$build_dir/apps/tandem" --config config/paper.toml "$@"

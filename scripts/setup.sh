#!/usr/bin/env bash
# Installs every Debian 12 package Tandem needs (idempotent), then configures
# and builds into ./build. Run as root on a fresh machine; safe to re-run.
#   BUILD_DIR=...        where to build (default: <repo>/build)
#   TANDEM_SANITIZE=ON   ASan/UBSan build
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$here/build}

# Toolchain; CAF 0.17.6; Boost 1.74 (Beast, Asio); OpenSSL 3; simdjson 3.0;
# spdlog 1.10 + fmt 9; toml++; SQLite 3; GoogleTest/GMock; Google Benchmark.
packages=(
  g++ cmake ccache make clang-format
  libcaf-dev
  libboost-dev libboost-system-dev
  libssl-dev
  libsimdjson-dev libspdlog-dev libfmt-dev libtomlplusplus-dev
  libsqlite3-dev libgtest-dev libgmock-dev libbenchmark-dev
  libedit-dev # tandemctl's interactive prompt (BSD licence)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-Release} \
  -DTANDEM_SANITIZE=${TANDEM_SANITIZE:-OFF} >/dev/null
cmake --build "$build_dir" -j "$jobs"

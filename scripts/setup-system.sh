#!/usr/bin/env bash
# Installs the Debian packages the project needs: PyTorch (training), Chromium (preview and end-to-end tests),
# OpenBLAS (Debian's default reference BLAS makes PyTorch on the CPU ten times slower), sox (building the
# bundled instrument) and the headers code-server builds against.
set -euo pipefail
packages=(python3-torch libopenblas0-pthread chromium sox libsox-fmt-mp3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

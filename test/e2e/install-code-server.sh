#!/usr/bin/env bash
# install-code-server.sh — offline-friendly install of code-server (VS Code server +
# web workbench) plus the apt packages needed to build its native modules and to
# drive it from headless Chromium.
#
# Works with only the npm registry and Debian apt repositories reachable:
#   * code-server is installed from npm with --ignore-scripts, and its postinstall
#     (which would download ripgrep from GitHub) is replayed by hand;
#   * @vscode/ripgrep gets a symlink to Debian's /usr/bin/rg instead of a download;
#   * native modules are rebuilt with node-gyp against the local Node headers
#     (npm_config_nodedir), never downloading headers from nodejs.org.
#
# Usage:   install-code-server.sh [DEST]        (DEST defaults to ./.vscode-web)
# Output:  the LAST line of stdout is the absolute path of the code-server binary.
# Env:     CODE_SERVER_VERSION  (default 4.100.3 = Code 1.100.3; needs Node 20)
#          INSTALL_CHROMIUM=0   skip installing Debian's chromium (default: install)
#          SKIP_APT=1           skip the apt step entirely (packages already present)
# Idempotent: a completed install is detected by DEST/.install-complete and reused.
#
# Copied from the workplace's shared e2e recipe (shared/e2e/install-code-server.sh).
# Local change: every `code-server --version` call passes `--config DEST/config.yaml`;
# without --config, code-server writes ~/.config/code-server/config.yaml (with a password)
# even for --version.
set -Eeuo pipefail

CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
DEST_ARG="${1:-./.vscode-web}"

log() { echo "[install-code-server $(date +%T)] $*" >&2; }
die() { echo "[install-code-server] ERROR: $*" >&2; exit 1; }
trap 'rc=$?; echo "[install-code-server] ERROR: command failed (exit $rc) at line $LINENO: $BASH_COMMAND" >&2; exit $rc' ERR

command -v node >/dev/null || die "node not found (code-server $CS_VERSION needs Node 20)"
command -v npm  >/dev/null || die "npm not found"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
case "$CS_VERSION" in
  4.100.*|4.99.*|4.98.*)
    [ "$NODE_MAJOR" = 20 ] || die "code-server $CS_VERSION requires Node 20, found $(node --version). Set CODE_SERVER_VERSION to a release matching your Node (newer releases need Node 22)." ;;
esac

mkdir -p "$DEST_ARG"
DEST="$(cd "$DEST_ARG" && pwd)"
CS_DIR="$DEST/node_modules/code-server"
CS_BIN="$DEST/node_modules/.bin/code-server"
VSCODE_DIR="$CS_DIR/lib/vscode"
MARKER="$DEST/.install-complete"
# A config file of our own so that `code-server --version` never writes one into $HOME.
CS_CONFIG="$DEST/config.yaml"
[ -f "$CS_CONFIG" ] || printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$CS_CONFIG"
cs_version() { "$CS_BIN" --config "$CS_CONFIG" --version; }

# ---------------------------------------------------------------- apt packages
APT_PKGS=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep)
command -v make    >/dev/null || APT_PKGS+=(make)
command -v g++     >/dev/null || APT_PKGS+=(g++)
command -v python3 >/dev/null || APT_PKGS+=(python3)
if [ "${INSTALL_CHROMIUM:-1}" != 0 ]; then APT_PKGS+=(chromium fonts-liberation); fi

missing_pkgs() {
  local p
  for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}

if [ "${SKIP_APT:-0}" != 1 ]; then
  mapfile -t MISSING < <(missing_pkgs)
  if [ "${#MISSING[@]}" -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null || die "need root (or sudo) to apt-get install: ${MISSING[*]}"
      SUDO="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    log "apt-get install ${MISSING[*]}"
    # --no-install-recommends: chromium's recommends pull in systemd, avahi, cups, ...
    if ! $SUDO apt-get install -y --no-install-recommends "${MISSING[@]}" >&2; then
      log "apt-get install failed; running apt-get update and retrying"
      $SUDO apt-get update >&2 || die "apt-get update failed (are the Debian apt repositories reachable?)"
      $SUDO apt-get install -y --no-install-recommends "${MISSING[@]}" >&2 \
        || die "apt-get install ${MISSING[*]} failed"
    fi
  else
    log "apt packages already installed"
  fi
fi
[ -x /usr/bin/rg ] || die "/usr/bin/rg missing (Debian package 'ripgrep')"

# ---------------------------------------------------------------- reuse?
if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$CS_VERSION" ] && [ -x "$CS_BIN" ] \
   && cs_version >/dev/null 2>&1; then
  log "code-server $CS_VERSION already installed in $DEST"
  echo "$CS_BIN"
  exit 0
fi
rm -f "$MARKER"

# ---------------------------------------------------------------- npm environment
# node-gyp must not download Node headers from nodejs.org: point it at local ones.
if [ -z "${npm_config_nodedir:-}" ] && [ -z "$(npm config get nodedir 2>/dev/null | grep -v '^undefined$' || true)" ]; then
  for d in /usr /usr/local "$(dirname "$(dirname "$(command -v node)")")"; do
    if [ -f "$d/include/node/node.h" ] && [ -f "$d/include/node/common.gypi" ] \
       && grep -q "define NODE_MAJOR_VERSION $NODE_MAJOR\$" "$d/include/node/node_version.h" 2>/dev/null; then
      export npm_config_nodedir="$d"; break
    fi
  done
  [ -n "${npm_config_nodedir:-}" ] || die "no Node $NODE_MAJOR headers found (looked for <dir>/include/node/node.h). Install them (NodeSource's nodejs package ships them) or set npm_config_nodedir; node-gyp would otherwise download them from nodejs.org."
fi
log "node-gyp headers: ${npm_config_nodedir:-$(npm config get nodedir)}"
export npm_config_yes=true          # node-pty's install script uses npx node-gyp
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# ---------------------------------------------------------------- code-server
printf '{\n  "private": true,\n  "dependencies": { "code-server": "%s" }\n}\n' "$CS_VERSION" >"$DEST/package.json"
log "npm install --ignore-scripts code-server@$CS_VERSION"
(cd "$DEST" && npm install --ignore-scripts >&2) \
  || die "npm install code-server@$CS_VERSION failed (is the npm registry reachable?)"
[ -f "$VSCODE_DIR/package.json" ] || die "$VSCODE_DIR missing after npm install"

# Replay code-server's postinstall.sh by hand (it would download ripgrep from GitHub).
log "installing lib/vscode dependencies"
(cd "$VSCODE_DIR" && npm install --omit=dev --ignore-scripts >&2) || die "npm install in lib/vscode failed"
mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
ln -sf /usr/bin/rg "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"
log "rebuilding native modules in lib/vscode (node-gyp)"
(cd "$VSCODE_DIR" && npm rebuild >&2) || die "npm rebuild in lib/vscode failed (need make, g++, python3, libkrb5-dev)"
(cd "$VSCODE_DIR" && ln -sfn node_modules node_modules.asar)
(cd "$VSCODE_DIR/bin/remote-cli" && ln -sf code-linux.sh code-server)
(cd "$VSCODE_DIR/bin/helpers" && ln -sf browser-linux.sh browser.sh)
log "installing lib/vscode/extensions dependencies"
(cd "$VSCODE_DIR/extensions" && npm install --omit=dev --ignore-scripts >&2) || die "npm install in lib/vscode/extensions failed"
log "rebuilding argon2"
(cd "$DEST" && npm rebuild argon2 >&2) || die "npm rebuild argon2 failed"

# ---------------------------------------------------------------- verify
(cd "$VSCODE_DIR" && node -e 'for (const m of ["@vscode/spdlog","node-pty","native-watchdog","@parcel/watcher","kerberos"]) require(m)' >&2) \
  || die "a native module in lib/vscode does not load after rebuild (see error above)"
(cd "$CS_DIR" && node -e 'require("argon2")' >&2) || die "argon2 native module does not load after rebuild"
cs_version >&2 || die "code-server --version failed"
echo "$CS_VERSION" >"$MARKER"
log "done: $(cs_version | head -1)"
echo "$CS_BIN"

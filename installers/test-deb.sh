#!/usr/bin/env bash
# Builds the two .deb packages, installs them on this machine with dpkg -i, checks the engine (command,
# server as the dynamo user, API key), the console (started under Xvfb, screenshot), then removes and
# purges them and checks that nothing is left but the data directory /var/lib/dynamo.
#
#   sudo installers/test-deb.sh            # about 10-15 minutes on 2 cores, mostly the build
#   SKIP_BUILD=1 sudo installers/test-deb.sh   # reuse installers/target/packages
#
# Needs root (dpkg, the service user). Not for a machine that runs a real Dynamo Engine: it purges
# the packages dynamo-engine and dynamo-console if they are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export JAVA_HOME="${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"

work="$root/installers/target/test-deb"
packages="$root/installers/target/packages"
passed=0
failed=0
pids=()

check() { # check "what" command...
    local what="$1"
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "  ok    $what"
    else
        failed=$((failed + 1))
        echo "  FAIL  $what"
    fi
}

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ]; then
    echo "test-deb.sh: run as root (dpkg -i, a system user)" >&2
    exit 2
fi

echo "== tools"
need=()
for pkg in fakeroot xvfb xauth imagemagick curl libgtk-3-0 libxtst6 libgl1; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
for pkg in dynamo-console dynamo-engine; do
    if dpkg -s "$pkg" >/dev/null 2>&1; then
        echo "purging an earlier $pkg"
        dpkg -P "$pkg" >/dev/null
    fi
done

if [ -z "${SKIP_BUILD:-}" ]; then
    echo "== build: ./mvnw -B -Pinstallers package -DskipTests"
    ./mvnw -B -q -Pinstallers package -DskipTests
fi
version="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)"
engine_deb="$(ls "$packages"/dynamo-engine_*_amd64.deb)"
console_deb="$(ls "$packages"/dynamo-console_*_amd64.deb)"
rm -rf "$work"
mkdir -p "$work"
chmod 0755 "$work"

echo "== sizes"
for f in "$engine_deb" "$console_deb" "$packages"/dynamo-engine-*-linux-x64.tar.gz; do
    installed="-"
    case "$f" in *.deb) installed="$(( $(dpkg-deb -f "$f" Installed-Size) / 1024 )) MiB" ;; esac
    awk -v name="$(basename "$f")" -v bytes="$(stat -c %s "$f")" -v installed="$installed" \
        'BEGIN { printf "  %-50s %6.1f MB  (installed %s)\n", name, bytes / 1000000, installed }'
done
check "console package under 120 MB" test "$(stat -c %s "$console_deb")" -lt 120000000

echo "== tarball"
tarball="$(ls "$packages"/dynamo-engine-*-linux-x64.tar.gz)"
mkdir -p "$work/tarball"
tar -C "$work/tarball" -xzf "$tarball"
check "tarball: bin/dynamo-engine --version prints $version" sh -c \
    "'$work/tarball/dynamo-engine/bin/dynamo-engine' --version | grep -qx 'dynamo-engine $version'"
check "tarball: unit, settings and sites file in share/" sh -c \
    "cd '$work/tarball/dynamo-engine/share' && test -f dynamo-engine.service -a -f engine.env -a -f sites.json -a -f README"
rm -rf "$work/tarball"

# What the packages may leave behind is judged against this list of files taken before.
watched=(/opt /etc /usr /lib /var/lib)
snapshot() {
    find "${watched[@]}" -xdev \( -path /var/lib/dpkg -o -path /var/lib/apt \) -prune -o -print 2>/dev/null | sort
}
snapshot > "$work/before.txt"
# what a real installation keeps on purge (data, user); removed at the end only if this test made them
had_data="$(test -e /var/lib/dynamo && echo yes || true)"
had_user="$(getent passwd dynamo >/dev/null && echo yes || true)"

echo "== install: dpkg -i"
dpkg -i "$engine_deb" "$console_deb" > "$work/dpkg-install.log" 2>&1 || { cat "$work/dpkg-install.log"; exit 1; }
check "both packages installed" sh -c "dpkg -s dynamo-engine dynamo-console | grep -c '^Status: install ok installed' | grep -qx 2"
check "user dynamo exists, no login shell" sh -c "getent passwd dynamo | grep -q ':/usr/sbin/nologin$'"
check "data directory owned by dynamo" test "$(stat -c %U:%a /var/lib/dynamo)" = "dynamo:750"
check "API key: 64 hex digits, root:dynamo 640" sh -c \
    "grep -Eqx '[0-9a-f]{64}' /etc/dynamo/api-key && test \"\$(stat -c %U:%G:%a /etc/dynamo/api-key)\" = root:dynamo:640"
check "settings and sites file readable by the service" sh -c \
    "test \"\$(stat -c %G:%a /etc/dynamo/engine.env /etc/dynamo/sites.json | sort -u)\" = dynamo:640"
check "unit installed and enabled" test -L /etc/systemd/system/multi-user.target.wants/dynamo-engine.service
if command -v systemd-analyze >/dev/null; then
    # works without a running systemd: parses every directive, checks that ExecStart is executable
    check "systemd-analyze verify dynamo-engine.service" sh -c \
        "systemd-analyze verify /lib/systemd/system/dynamo-engine.service > '$work/verify.log' 2>&1 || { cat '$work/verify.log'; false; }"
fi
check "menu entry with launcher and icon" sh -c \
    "grep -qx 'Name=Dynamo Console' /usr/share/applications/dynamo-console.desktop \
     && test -x \"\$(sed -n 's/^Exec=//p' /usr/share/applications/dynamo-console.desktop)\" \
     && test -f \"\$(sed -n 's/^Icon=//p' /usr/share/applications/dynamo-console.desktop)\""

echo "== engine"
check "dynamo-engine --version prints $version" sh -c "dynamo-engine --version | grep -qx 'dynamo-engine $version'"
check "the launcher loads the engine's classes from its AOT cache" sh -c \
    "JAVA_TOOL_OPTIONS='-Xlog:class+load=info:file=$work/class-load.txt' dynamo-engine --version > /dev/null 2>&1 \
     && grep -q 'dev.dynamo.cli.Main source: shared objects file' '$work/class-load.txt'"
check "a JVM the AOT cache does not fit warns and starts without it" sh -c \
    "JAVA_TOOL_OPTIONS=-XX:-UseCompressedOops dynamo-engine --version 2>&1 | grep -qx 'dynamo-engine $version'"
# The service's own command line (as in the unit), as its user, with the installed settings; only the port
# changes (0: a free one, read from the log) so that the test does not collide with anything on 8080.
# The log exists before the engine starts: the loop below reads it at once (the background job's redirect
# may not have created it yet, and a failing sed would end the script under set -e).
: > "$work/engine.log"
DYNAMO_PORT=0 setpriv --reuid dynamo --regid dynamo --init-groups \
    /opt/dynamo-engine/bin/dynamo-engine-service > "$work/engine.log" 2>&1 &
engine_pid=$!
pids+=("$engine_pid")
healthy=""
port=""
for _ in $(seq 1 90); do
    port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/engine.log" | head -1)"
    if [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/health" > "$work/health.json" 2>/dev/null; then healthy=yes; break; fi
    kill -0 "$engine_pid" 2>/dev/null || break
    sleep 1
done
check "GET /health answers {\"status\":\"ok\"}" sh -c "[ -n '$healthy' ] && grep -q '\"status\":\"ok\"' '$work/health.json'"
check "/api/v1 without the key: 401" test "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/sites")" = 401
check "/api/v1 with the key: the sites of /etc/dynamo/sites.json" sh -c \
    "curl -sf -H \"Authorization: Bearer \$(cat /etc/dynamo/api-key)\" http://127.0.0.1:$port/api/v1/sites | grep -q '\"site_id\":\"demo-depot\"'"
check "engine process runs as dynamo" test "$(ps -o user= -p "$engine_pid")" = dynamo
check "database in /var/lib/dynamo, owned by dynamo" sh -c "find /var/lib/dynamo -type f -user dynamo | grep -q ."
kill -TERM "$engine_pid"
wait "$engine_pid" || true
check "engine log has no stack trace" sh -c "! grep -E -q '^\s+at |Exception' '$work/engine.log'"
check "engine log has no AOT cache warning (the service used it)" sh -c "! grep -q '\[aot' '$work/engine.log'"
check "the service ran serve with lib/app/serve.options (C1 only)" \
    grep -q '^Picked up JAVA_TOOL_OPTIONS: -XX:TieredStopAtLevel=1 ' "$work/engine.log"

echo "== console"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
pids+=($!)
sleep 2
mkdir -p "$work/home"
# a fresh user: its own home (JavaFX unpacks its natives there), remembered settings ignored
DISPLAY="$display" HOME="$work/home" /opt/dynamo-console/bin/dynamo-console --fresh-settings \
    > "$work/console.log" 2>&1 &
console_pid=$!
pids+=("$console_pid")
# its embedded engine is up when it logs "listening"; then a few seconds for the first site to show
started=""
for _ in $(seq 1 120); do
    if grep -q "engine listening on" "$work/console.log"; then started=yes; break; fi
    kill -0 "$console_pid" 2>/dev/null || break
    sleep 1
done
check "console started its embedded engine" test -n "$started"
sleep "${CONSOLE_SECONDS:-10}"
check "console still running" kill -0 "$console_pid"
import -display "$display" -window root "$work/console.png"
check "screenshot shows a window (not an empty screen)" test "$(stat -c %s "$work/console.png")" -gt 30000
kill -TERM "$console_pid" 2>/dev/null || true
wait "$console_pid" 2>/dev/null || true
check "console log has no stack trace" sh -c "! grep -E -q '^\s+at ' '$work/console.log'"
echo "  screenshot: $work/console.png"

echo "== remove: dpkg -r"
dpkg -r dynamo-console dynamo-engine > "$work/dpkg-remove.log" 2>&1 || { cat "$work/dpkg-remove.log"; exit 1; }
check "program files gone" sh -c \
    "! test -e /opt/dynamo-engine && ! test -e /opt/dynamo-console && ! test -e /usr/bin/dynamo-engine \
     && ! test -e /lib/systemd/system/dynamo-engine.service && ! test -e /usr/share/applications/dynamo-console.desktop"
check "unit no longer enabled" test ! -e /etc/systemd/system/multi-user.target.wants/dynamo-engine.service
check "settings kept on remove (/etc/dynamo)" test -f /etc/dynamo/engine.env -a -f /etc/dynamo/api-key
check "data kept (/var/lib/dynamo)" test -d /var/lib/dynamo

echo "== purge: dpkg -P"
dpkg -P dynamo-console dynamo-engine > "$work/dpkg-purge.log" 2>&1 || { cat "$work/dpkg-purge.log"; exit 1; }
check "settings gone on purge" test ! -e /etc/dynamo
snapshot > "$work/after.txt"
comm -13 "$work/before.txt" "$work/after.txt" > "$work/left.txt"
check "nothing left but /var/lib/dynamo" sh -c "! grep -v '^/var/lib/dynamo' '$work/left.txt' | grep -q ."
if grep -v '^/var/lib/dynamo' "$work/left.txt" | grep -q .; then
    echo "  left behind:"
    grep -v '^/var/lib/dynamo' "$work/left.txt" | sed 's/^/    /'
fi
comm -23 "$work/before.txt" "$work/after.txt" > "$work/gone.txt"
check "nothing that was there before removed" test ! -s "$work/gone.txt"

check "user dynamo kept on purge" sh -c "getent passwd dynamo >/dev/null"
if [ -z "$had_data" ]; then rm -rf /var/lib/dynamo; fi
if [ -z "$had_user" ]; then userdel dynamo 2>/dev/null || true; groupdel dynamo 2>/dev/null || true; fi

echo "test-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

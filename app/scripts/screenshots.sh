#!/usr/bin/env bash
# Starts the console under Xvfb on the embedded demo site and writes a PNG of each screen to
# docs/screenshots/ (the console's --screenshots mode: it waits for live data, visits every screen,
# snapshots the window and exits; the Simulation screen also mid-playback (simulation-playing.png, with
# the played site on Live: simulation-live.png) and at its end, simulation-played.png). Builds the jar
# first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ ! -f app/target/dynamo-console.jar ]; then
  ./mvnw -B -q package -DskipTests
fi
mkdir -p docs/screenshots
xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$JAVA_HOME/bin/java" -Dprism.order=sw -jar app/target/dynamo-console.jar \
  --embedded --fresh-settings --screenshots=docs/screenshots
ls -l docs/screenshots

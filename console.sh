#!/usr/bin/env bash
# Opens the Dynamo console (on its embedded demo engine unless told otherwise; arguments go to the console),
# building first what is missing or older than the sources. Needs JDK 25 (JAVA_HOME, or the default path).
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -n "${JAVA_HOME:-}" ]; then export PATH="$JAVA_HOME/bin:$PATH"; fi
jar=app/target/dynamo-console.jar
if [ ! -f "$jar" ] || [ -n "$(find engine/src/main app/src/main resources pom.xml engine/pom.xml app/pom.xml -newer "$jar" -type f -print -quit)" ]; then
  ./mvnw -B -q package -DskipTests
fi
exec java -jar "$jar" "$@"

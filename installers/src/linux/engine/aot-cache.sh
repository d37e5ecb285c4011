#!/bin/sh
# Trains the packaged engine's AOT cache (JDK 25: the classes it loads and links, method profiles) with its own
# launcher and runtime, and makes the launcher use it: lib/app/dynamo-engine.aot and a java-options line in
# lib/app/dynamo-engine.cfg. The training (engine/scripts/aot/AotTraining.java) starts the engine, drives the
# HTTP API and hundreds of OCPP charge points (upgrade, boot, transactions, limits), and stops it; one to two minutes.
# JVM_OPTIONS_FILE (engine/jvm.options, a java @argfile) holds the engine's other JVM options: each becomes a
# java-options line of the launcher too, so the package runs what the README's java command line runs.
# usage: aot-cache.sh APP_IMAGE_DIR JAVA TRAINER JVM_OPTIONS_FILE
set -euf # -f: the options are words, never file patterns

app_image="$1"
java="$2"
trainer="$3"
options_file="$4"
cfg="$app_image/lib/app/dynamo-engine.cfg"

# the options of the file, with the launcher's own in lib/app/dynamo-engine.cfg once each (the training runs with them)
for option in $(sed -e 's/#.*//' "$options_file"); do
    grep -qxF "java-options=$option" "$cfg" || sed -i "/^\[JavaOptions\]/a java-options=$option" "$cfg"
done
# the training run must not load a cache itself (the JVM refuses AOTCache with AOTCacheOutput)
sed -i '/-XX:AOTCache=/d' "$cfg"
"$java" "$trainer" --cache "$app_image/lib/app/dynamo-engine.aot" -- "$app_image/bin/dynamo-engine"
chmod 0644 "$app_image/lib/app/dynamo-engine.aot"
# $APPDIR is the launcher's lib/app wherever the package is installed. A runtime or options the cache does not fit
# (e.g. JAVA_TOOL_OPTIONS=-XX:+UseZGC) only make the JVM warn and start without it.
echo 'java-options=-XX:AOTCache=$APPDIR/dynamo-engine.aot' >> "$cfg"
echo "launcher uses the AOT cache: $cfg"

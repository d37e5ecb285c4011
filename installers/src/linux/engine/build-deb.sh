#!/bin/sh
# Makes the engine's .deb and its tarball from the jpackage app image of dynamo-engine.
# usage: build-deb.sh APP_IMAGE_DIR DEB_VERSION VERSION SITES_FILE OUT_DIR SERVE_OPTIONS_FILE
# SERVE_OPTIONS_FILE (engine/serve.options) becomes lib/app/serve.options: the service script's JVM options for serve.
# DEB_VERSION is the Debian spelling of VERSION (0.1.0~SNAPSHOT for 0.1.0-SNAPSHOT: sorts before 0.1.0).
set -eu

app_image="$1"
deb_version="$2"
version="$3"
sites_file="$4"
out="$5"
serve_options="$6"
here="$(cd "$(dirname "$0")" && pwd)"
work="$out/engine-deb-root"

rm -rf "$work"
mkdir -p "$work/DEBIAN" "$work/opt" "$work/usr/bin" "$work/lib/systemd/system" \
    "$work/etc/dynamo" "$work/usr/share/doc/dynamo-engine"

cp -a "$app_image" "$work/opt/dynamo-engine"
install -m 0755 "$here/dynamo-engine-service" "$work/opt/dynamo-engine/bin/dynamo-engine-service"
install -m 0644 "$serve_options" "$work/opt/dynamo-engine/lib/app/serve.options"
ln -s /opt/dynamo-engine/bin/dynamo-engine "$work/usr/bin/dynamo-engine"
install -m 0644 "$here/dynamo-engine.service" "$work/lib/systemd/system/dynamo-engine.service"
# root:root 0640 here; postinst gives the group to dynamo once the user exists
install -m 0640 "$here/engine.env" "$work/etc/dynamo/engine.env"
install -m 0640 "$sites_file" "$work/etc/dynamo/sites.json"
install -m 0644 "$here/README" "$here/copyright" "$work/usr/share/doc/dynamo-engine/"

for script in postinst prerm postrm; do
    install -m 0755 "$here/debian/$script" "$work/DEBIAN/$script"
done
install -m 0644 "$here/debian/conffiles" "$work/DEBIAN/conffiles"
installed_kib="$(du -sk --exclude=DEBIAN "$work" | cut -f1)"
sed -e "s/@VERSION@/$deb_version/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
    "$here/debian/control" > "$work/DEBIAN/control"

chmod -R u+rwX,go+rX,go-w "$work/opt" "$work/usr"
deb="$out/dynamo-engine_${deb_version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$work" "$deb"

# The tarball: the same app image, with the unit, settings and sites file beside it for other systems.
tar_root="$out/engine-tar-root/dynamo-engine"
rm -rf "$out/engine-tar-root"
mkdir -p "$tar_root/share"
cp -a "$work/opt/dynamo-engine/." "$tar_root/"
cp "$here/dynamo-engine.service" "$here/engine.env" "$here/README" "$tar_root/share/"
cp "$sites_file" "$tar_root/share/sites.json"
tarball="$out/dynamo-engine-${version}-linux-x64.tar.gz"
tar -C "$out/engine-tar-root" --owner=0 --group=0 --numeric-owner -czf "$tarball" dynamo-engine

rm -rf "$work" "$out/engine-tar-root"
echo "built $deb"
echo "built $tarball"

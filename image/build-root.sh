#!/usr/bin/env bash
# The file systems of auth-server's container image, made without a container engine:
#
#   image/build-root.sh <JDK home> <auth-server's runnable jar> <output directory>
#
# <output>/base.tar is the base image, in the format docker save writes, with one layer:
# a Java runtime cut to the modules auth-server uses (jlink, with its own class data
# sharing archive), the shared libraries that runtime links against, copied from this
# machine's Debian, and /etc entries for an unprivileged user. Its configuration carries
# the health check, which Jib cannot declare itself but keeps from a base image.
# <output>/app becomes the layer above it (Jib's extra directory): the runnable jar
# extracted for class data sharing, and the archive of a training run made by that same
# runtime. The training run starts from the application's directory with relative paths,
# as the image's entrypoint does, so the class path the archive records matches at run
# time (the JVM refuses an archive whose class path or jar times differ).
set -euo pipefail

jdk=$1
jar=$(realpath "$2")
out=$3
uid=10001

rm -rf "$out"
runtime="$out/runtime"
app="$out/app/opt/latchkey"
mkdir -p "$runtime/opt" "$runtime/etc" "$runtime/tmp" "$app"

# java.desktop for java.beans, jdk.crypto.ec for the EC signing keys, jdk.localedata for
# German dates, jdk.management(.jfr) for the JVM metrics; no AWT library is ever loaded
"$jdk/bin/jlink" --output "$runtime/opt/java" \
  --add-modules java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jfr,jdk.localedata,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.unsupported,jdk.zipfs \
  --include-locales=en,de --strip-debug --no-man-pages --no-header-files --compress=2 \
  --generate-cds-archive > /dev/null

# the C libraries of every native part except the desktop ones, as the dynamic linker
# finds them here; glibc loads libgcc_s itself when a thread is cancelled
libraries() {
  find "$runtime/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
    ! -name 'libawt*' ! -name 'libfontmanager.so' ! -name 'libjawt.so' ! -name 'libjsound.so' \
    ! -name 'libsplashscreen.so' ! -name 'liblcms.so' ! -name 'libjavajpeg.so' ! -name 'libmlib_image.so' \
    -exec ldd {} + 2> /dev/null | awk -v own="$(realpath "$runtime")/" \
      '$2 == "=>" && $3 ~ /^\// && index($3, own) != 1 { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }'
  "$(command -v ldconfig || echo /sbin/ldconfig)" -p | awk '$1 == "libgcc_s.so.1" && /x86-64/ { print $NF; exit }'
}
libraries | sort -u | while read -r library; do
  mkdir -p "$runtime$(dirname "$library")"
  cp -L "$library" "$runtime$library"
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nlatchkey:x:%s:%s:Latchkey:/opt/latchkey:/sbin/nologin\n' "$uid" "$uid" > "$runtime/etc/passwd"
printf 'root:x:0:\nlatchkey:x:%s:\n' "$uid" > "$runtime/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$runtime/etc/nsswitch.conf"
# container engines mount their own; these serve a plain chroot
printf '127.0.0.1 localhost\n::1 localhost\n' > "$runtime/etc/hosts"

"$jdk/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$out/extracted" > /dev/null
mv "$out/extracted/$(basename "$jar")" "$app/auth-server.jar"
mv "$out/extracted/lib" "$app/lib"
rm -rf "$out/extracted"
# the JVM also compares each jar's time with the archive's record: give them the times the
# image has (Jib's extra files carry 1970-01-01T00:00:01Z, the base layer the epoch)
find "$app" -exec touch -h -d @1 {} +
find "$runtime" -exec touch -h -d @0 {} +
# the training run stops once the application context is ready, on an in-memory database
(cd "$app" && "$runtime/opt/java/bin/java" -XX:ArchiveClassesAtExit=application.jsa \
  -Dspring.context.exit=onRefresh -jar auth-server.jar \
  --spring.datasource.url=jdbc:h2:mem:training --management.server.port=-1 --server.port=0 \
  > "$out/training.log" 2>&1) || { cat "$out/training.log" >&2; exit 1; }
test -s "$app/application.jsa"

# the base image: one layer, owned by root, and the health check on the management port
chmod 1777 "$runtime/tmp"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$runtime" -cf "$out/layer.tar" .
diff_id=$(sha256sum "$out/layer.tar" | cut -d' ' -f1)
seconds=1000000000
cat > "$out/config.json" << JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"$uid:$uid","Env":["PATH=/opt/java/bin"],
  "Healthcheck":{"Test":["CMD","/opt/java/bin/java","-XX:TieredStopAtLevel=1","-XX:+UseSerialGC","-Xmx32m",
    "-cp","/opt/latchkey/auth-server.jar","io.latchkey.authserver.web.ReadinessCheck"],
   "Interval":$((10 * seconds)),"Timeout":$((5 * seconds)),"StartPeriod":$((60 * seconds)),"Retries":3}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"image/build-root.sh"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["latchkey/runtime:local"],"Layers":["layer.tar"]}]\n' > "$out/manifest.json"
tar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$out" -cf "$out/base.tar" manifest.json config.json layer.tar
rm "$out/layer.tar" "$out/manifest.json" "$out/config.json"

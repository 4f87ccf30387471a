#!/usr/bin/env bash
# S3Proxy 2.6.0 from Maven Central: an S3-compatible server on the local file system, for tests and
# for trying the S3 driver without MinIO.
#   s3proxy.sh fetch   download the jar once into $S3PROXY_CACHE (default ~/.cache/agora/s3proxy-2.6.0)
#   s3proxy.sh jar     print the jar's path (after fetching it)
#   s3proxy.sh run     run in the foreground: S3PROXY_PORT (9000), S3PROXY_DATA_DIR (.data/s3),
#                      S3PROXY_IDENTITY (agora), S3PROXY_CREDENTIAL (agora-secret)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version=2.6.0
cache="${S3PROXY_CACHE:-$HOME/.cache/agora/s3proxy-$version}"
jar="$cache/s3proxy-$version-jar-with-dependencies.jar"

fetch() {
  if [ -f "$jar" ]; then return 0; fi
  mkdir -p "$cache"
  echo "s3proxy: fetching org.gaul:s3proxy:$version from Maven Central into $cache" >&2
  mvn -q -B dependency:copy -Dartifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies" \
    -DoutputDirectory="$cache" >&2
}

run() {
  fetch
  local data="${S3PROXY_DATA_DIR:-$root/.data/s3}"
  mkdir -p "$data/blobs"
  cat > "$data/s3proxy.properties" <<PROPERTIES
s3proxy.endpoint=http://127.0.0.1:${S3PROXY_PORT:-9000}
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${S3PROXY_IDENTITY:-agora}
s3proxy.credential=${S3PROXY_CREDENTIAL:-agora-secret}
jclouds.provider=filesystem
jclouds.filesystem.basedir=$data/blobs
PROPERTIES
  exec java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$jar" --properties "$data/s3proxy.properties"
}

case "${1:-}" in
  fetch) fetch ;;
  jar) fetch && echo "$jar" ;;
  run) run ;;
  *) echo "usage: $0 fetch|jar|run" >&2; exit 2 ;;
esac

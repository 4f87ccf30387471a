#!/usr/bin/env bash
# Runs a real Apache Kafka 3.9.2 broker (KRaft, single node) from Maven Central jars.
#   kafka.sh fetch   download the jars once into $KAFKA_HOME_CACHE (default ~/.cache/agora/kafka-3.9.2)
#   kafka.sh start   fetch, format the data dir (first time only), start, wait until ready
#   kafka.sh stop    stop the broker started from this data dir and wait until it has exited
#   kafka.sh status  exit 0 when the broker answers on its port
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_DATA_DIR (.data/kafka),
#              KAFKA_HOME_CACHE, KAFKA_HEAP (-Xmx512m).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${KAFKA_HOME_CACHE:-$HOME/.cache/agora/kafka-3.9.2}"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
data="${KAFKA_DATA_DIR:-$root/.data/kafka}"
heap="${KAFKA_HEAP:--Xmx512m -Xms256m}"
pidfile="$data/kafka.pid"

fetch() {
  if [ -f "$cache/.complete" ]; then return 0; fi
  mkdir -p "$cache/lib"
  echo "kafka: fetching Apache Kafka 3.9.2 jars from Maven Central into $cache" >&2
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$cache/lib" -DincludeScope=runtime >&2
  touch "$cache/.complete"
}

is_up() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

java_cmd() {
  # shellcheck disable=SC2086
  java $heap -XX:+UseG1GC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Dlog4j.configuration="file:$here/log4j.properties" \
    -cp "$cache/lib/*" "$@"
}

start() {
  fetch
  mkdir -p "$data"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "kafka: already running (pid $(cat "$pidfile")) on 127.0.0.1:$port" >&2
    return 0
  fi
  sed -e "s#\${KAFKA_PORT}#$port#g" -e "s#\${CONTROLLER_PORT}#$controller_port#g" \
    -e "s#\${KAFKA_DATA_DIR}#$data#g" "$here/server.properties" > "$data/server.properties"
  if [ ! -f "$data/logs/meta.properties" ]; then
    cluster_id="$(java_cmd kafka.tools.StorageTool random-uuid)"
    java_cmd kafka.tools.StorageTool format -t "$cluster_id" -c "$data/server.properties" >&2
  fi
  # shellcheck disable=SC2086
  nohup java $heap -XX:+UseG1GC -XX:TieredStopAtLevel=1 \
    -Dlog4j.configuration="file:$here/log4j.properties" \
    -cp "$cache/lib/*" kafka.Kafka "$data/server.properties" > "$data/kafka.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 240); do
    if grep -q "Kafka Server started" "$data/kafka.log" 2>/dev/null && is_up; then
      echo "kafka: ready on 127.0.0.1:$port (pid $(cat "$pidfile"))" >&2
      return 0
    fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "kafka: exited during start-up; last log lines:" >&2
      tail -n 40 "$data/kafka.log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "kafka: not ready after 120 s" >&2
  tail -n 40 "$data/kafka.log" >&2
  return 1
}

stop() {
  if [ ! -f "$pidfile" ]; then return 0; fi
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 120); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  fi
  rm -f "$pidfile"
  echo "kafka: stopped" >&2
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) is_up ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac

# Shared by the broker scripts: where things are, and the ports (override with the variables).
kafka_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
run_dir=${GWREPLAY_KAFKA_RUN:-$kafka_dir/run}
lib_dir=$kafka_dir/lib
port=${GWREPLAY_KAFKA_PORT:-9092}
controller_port=${GWREPLAY_KAFKA_CONTROLLER_PORT:-9093}
auto_create=${GWREPLAY_KAFKA_AUTO_CREATE:-false}

# Fetches the broker's jars from Maven Central once.
ensure_lib() {
  if [ ! -f "$lib_dir/.complete" ]; then
    echo "fetching Kafka broker jars into $lib_dir ..." >&2
    mvn -B -q -f "$kafka_dir/pom.xml" dependency:copy-dependencies >&2
    touch "$lib_dir/.complete"
  fi
}

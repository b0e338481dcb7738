# Shared by the cluster scripts: where things are, and the JVM flags Flink needs on Java 17.
flink_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project_dir=$(cd "$flink_dir/../.." && pwd)
run_dir=${GWREPLAY_FLINK_RUN:-$flink_dir/run}
conf_dir=$flink_dir/conf
lib_dir=$flink_dir/lib
# A second cluster beside the first (a benchmark's, say) moves the fixed ports by this much:
# REST 8081, JobManager RPC 6123, blob server 6124 of conf/config.yaml.
port_offset=${GWREPLAY_FLINK_PORT_OFFSET:-0}
rest_url=${GWREPLAY_FLINK_REST:-http://127.0.0.1:$((8081 + port_offset))}
java_opens=("@$project_dir/bin/java-opens")

# Fetches the cluster's jars from Maven Central once.
ensure_lib() {
  if [ ! -f "$lib_dir/.complete" ]; then
    echo "fetching Flink 1.19 jars into $lib_dir ..." >&2
    mvn -B -q -f "$flink_dir/pom.xml" dependency:copy-dependencies >&2
    touch "$lib_dir/.complete"
  fi
}

# shellcheck shell=bash
# Kafka: single-node KRaft (broker+controller) from Maven Central jars, run with `java kafka.Kafka`.

KAFKA_VERSION="${PATHWISE_KAFKA_VERSION:-4.1.1}"
KAFKA_HOME="$PATHWISE_CACHE_DIR/kafka-$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_DIR="$DATA_DIR/kafka"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_LOG_DIRS="$KAFKA_DIR/data"
KAFKA_CMD_RE='kafka\.Kafka'
KAFKA_HEAP="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

kafka_pid() { our_pid kafka "$KAFKA_CMD_RE"; }

# Readiness: a real Kafka protocol round trip (kafkajs admin describeCluster).
kafka_ready() {
  node "$INFRA_DIR/kafka/topics.mjs" --check --brokers "127.0.0.1:$KAFKA_PORT" --timeout 5
}

kafka_preflight() {
  require_cmd java "Java 17+, runs the Kafka broker" "install a JDK 17+ (e.g. apt-get install openjdk-17-jre-headless) and put java on PATH"
  local major
  major="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  if ! [[ "${major%%.*}" =~ ^[0-9]+$ ]] || ((${major%%.*} < 17)); then
    die "Kafka $KAFKA_VERSION needs Java 17+, but 'java' on PATH is version ${major:-unknown} — install a JDK 17+ and put it first on PATH"
  fi
  if [[ ! -f "$KAFKA_HOME/.complete" ]]; then
    require_cmd mvn "Maven, downloads the Kafka jars from Maven Central once" "install Maven 3.8+ (e.g. apt-get install maven) and put mvn on PATH"
  fi
  command -v node >/dev/null 2>&1 ||
    die "'node' was not found on PATH (needed for the Kafka readiness check and topic creation) — install Node 24 or run through 'npm run infra:up'"
  [[ -d "$REPO_ROOT/node_modules/kafkajs" ]] ||
    die "node_modules/kafkajs is missing (needed for the Kafka readiness check and topic creation) — run 'npm install' (or 'npm ci') at the repo root"
  if ! kafka_pid >/dev/null; then
    check_port_free "$KAFKA_PORT" "Kafka" KAFKA_PORT
    check_port_free "$KAFKA_CONTROLLER_PORT" "Kafka controller" KAFKA_CONTROLLER_PORT
  fi
}

# Downloads the broker jars once into the cache (outside the repo).
kafka_ensure_jars() {
  [[ -f "$KAFKA_HOME/.complete" ]] && return 0
  local t0 tmp
  t0="$(now)"
  say kafka "downloading Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS (one time)…"
  mkdir -p "$KAFKA_HOME"
  tmp="$(mktemp -d "$KAFKA_HOME/libs.tmp.XXXXXX")"
  if ! mvn -q -B -ntp -Dstyle.color=never -f "$INFRA_DIR/kafka/pom.xml" \
    -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
    >"$LOG_DIR/kafka-maven.log" 2>&1; then
    rm -rf "$tmp"
    last_log_lines kafka-maven 20
    die "downloading the Kafka jars with Maven failed (see .data/logs/kafka-maven.log) — check access to Maven Central (repo.maven.apache.org) or a mirror in ~/.m2/settings.xml"
  fi
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 || die "Maven did not produce kafka_2.13-$KAFKA_VERSION.jar (see .data/logs/kafka-maven.log)"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  touch "$KAFKA_HOME/.complete"
  say kafka "jars cached ($(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars, $(elapsed "$t0"))"
}

kafka_write_props() {
  mkdir -p "$KAFKA_LOG_DIRS"
  cat >"$KAFKA_PROPS" <<EOF
# Managed by infra/lib/kafka.sh — rewritten on every 'infra.sh up'.
# Single node, KRaft combined mode, static controller quorum (one voter: this node).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_LOG_DIRS

# Topics are declared in infra/kafka/topics.json and created by infra/kafka/topics.mjs.
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
delete.topic.enable=true

log.retention.hours=168
log.segment.bytes=104857600
num.network.threads=2
num.io.threads=4
EOF
}

kafka_format() {
  local id_file="$KAFKA_DIR/cluster-id" cluster_id
  [[ -f "$KAFKA_LOG_DIRS/meta.properties" ]] && return 0
  if [[ ! -s "$id_file" ]]; then
    # A Kafka cluster id is a base64url-encoded 16-byte UUID.
    head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$id_file"
  fi
  cluster_id="$(cat "$id_file")"
  if ! java -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.properties" \
    kafka.tools.StorageTool format --cluster-id "$cluster_id" --config "$KAFKA_PROPS" --ignore-formatted \
    >>"$LOG_DIR/kafka.log" 2>&1; then
    last_log_lines kafka
    die "formatting Kafka storage in .data/kafka failed (see .data/logs/kafka.log)"
  fi
}

kafka_create_topics() {
  if ! node "$INFRA_DIR/kafka/topics.mjs" --brokers "127.0.0.1:$KAFKA_PORT" --timeout 60 \
    >>"$LOG_DIR/kafka-topics.log" 2>&1; then
    last_log_lines kafka-topics 20
    die "creating Kafka topics from infra/kafka/topics.json failed (see .data/logs/kafka-topics.log)"
  fi
  say kafka "$(tail -n 1 "$LOG_DIR/kafka-topics.log")"
}

kafka_up() {
  local t0 pid
  t0="$(now)"
  if reuse_running kafka "$KAFKA_PORT" kafka_pid 60 kafka_ready "does not answer on 127.0.0.1:$KAFKA_PORT — see .data/logs/kafka.log"; then return 0; fi
  kafka_ensure_jars
  mkdir -p "$KAFKA_DIR"
  kafka_write_props
  kafka_format
  # shellcheck disable=SC2086 # KAFKA_HEAP holds several JVM flags
  spawn kafka java $KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.properties" \
    -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS"
  pid="$(await_spawned kafka "$KAFKA_PORT" 90 kafka_ready 25)"
  kafka_create_topics
  say kafka "ready on 127.0.0.1:$KAFKA_PORT (pid $pid, Kafka $KAFKA_VERSION, $(elapsed "$t0"))"
}

kafka_down() {
  # SIGTERM = controlled shutdown; a single KRaft node needs a few seconds.
  stop_component kafka kafka_pid TERM 45
}

kafka_status() {
  report_status kafka "$KAFKA_PORT" kafka_pid kafka_ready "metadata request"
}

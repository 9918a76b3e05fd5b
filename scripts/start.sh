#!/usr/bin/env bash
# Starts Latchkey locally: auth-server (embedded database, demo data), the sample
# resource server and two sample client instances. Needs only a JDK 17 or newer.
# Ctrl-C stops them all. Logs go to data/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p data/logs
modules=(auth-server sample-resource-server sample-client-app)
stamp=data/.built

# builds only when a source or build file changed since the last build here, so that a
# start without changes keeps its jars and auth-server's class data sharing archive
# (retraining it is most of a start's time)
needs_build() {
  [ -f "$stamp" ] || return 0
  for module in "${modules[@]}"; do
    ls "$module"/target/"$module"-*-exec.jar > /dev/null 2>&1 || return 0
  done
  [ -n "$(find pom.xml .mvn ./*/pom.xml ./*/src -newer "$stamp" -print -quit 2>/dev/null)" ]
}
if needs_build; then
  echo "Building the runnable jars (tests are run by ./mvnw verify) ..."
  touch "$stamp.new"
  ./mvnw -q -DskipTests -DskipImage package
  mv "$stamp.new" "$stamp"
else
  echo "No source changed since the last build: starting the jars built then."
fi
. scripts/processes.sh
refuse_busy_ports 9000 8090 8080 8081

start() { # name, jar, args...
  local name=$1 jar=$2
  shift 2
  java -jar "$jar" "$@" > "data/logs/$name.log" 2>&1 &
  pids+=($!)
}

start_shared() { # name, jar, args...: with a class data sharing archive (scripts/cds.sh)
  local name=$1 jar=$2 launch
  shift 2
  # trained on an in-memory database, so that what the first real start creates and
  # says (the demo account, the first administrator) happens in data/ and its log
  mapfile -t launch < <(scripts/cds.sh "$jar" "$@" --spring.datasource.url=jdbc:h2:mem:cds-training)
  java "${launch[@]}" "$@" > "data/logs/$name.log" 2>&1 &
  pids+=($!)
}

wait_for_port() { # name, port
  await_up "$1" "data/logs/$1.log" "listen on port $2" listening "$2"
}

echo "Starting auth-server (the first start after a build also prepares its class archive) ..."
start_shared auth-server "$(jar auth-server)" --spring.profiles.active=demo
wait_for_port auth-server 9000
start sample-resource-server "$(jar sample-resource-server)"
wait_for_port sample-resource-server 8090
start sample-client-a "$(jar sample-client-app)" --spring.profiles.active=a
wait_for_port sample-client-a 8080
start sample-client-b "$(jar sample-client-app)" --spring.profiles.active=b
wait_for_port sample-client-b 8081

cat <<'TEXT'

Latchkey is running.

  Sample App A      http://localhost:8080   sign in, see messages from the API
  Sample App B      http://localhost:8081   then sign in here: no password asked (single sign-on)
  auth-server       http://localhost:9000   your account page; /register to create an account
  discovery         http://localhost:9000/.well-known/openid-configuration
  sample API        http://localhost:8090/api/messages   (needs a bearer token)
  Mail outbox       http://localhost:9000/dev/outbox   verification and password-reset links
  Device sign-in    curl -d client_id=latchkey-cli -d scope=messages.read http://localhost:9000/oauth2/device_authorization
                    then enter its user_code at http://localhost:9000/activate

  Demo account      demo / demo-password-2026   (can write to the API, has the developer portal)
  Administrator     admin / demo-console-passphrase-2026   http://localhost:9000/admin

  Data: embedded database in data/ (delete the folder to start afresh). Logs: data/logs/.
  Press Ctrl-C to stop everything.
TEXT
wait

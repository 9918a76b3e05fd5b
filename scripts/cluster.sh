#!/usr/bin/env bash
# Latchkey as it runs in production, on this machine: two auth-server nodes on one
# PostgreSQL database behind nginx, which ends TLS (a self-signed certificate made here)
# and is the public issuer https://localhost:9443; the sample API and sample app A use
# that issuer. Installs nginx from Debian's packages when missing. Ctrl-C stops it all.
# Logs go to data/cluster/logs/. PostgreSQL must run (CLUSTER_DATABASE_URL, default the
# local server's latchkey_cluster database, created when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=data/cluster
issuer=https://localhost:9443
database=${CLUSTER_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/latchkey_cluster?user=postgres&password=postgres}
mkdir -p "$dir/logs" "$dir/nginx/logs" "$dir/nginx/temp" "$dir/nginx/tls"

nginx_binary=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx_binary" ]; then
  echo "Installing nginx from Debian's packages ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light > /dev/null
  nginx_binary=/usr/sbin/nginx
fi

# the certificate nginx presents, and a trust store holding it for the Java programs
# that call the issuer (the sample API and app fetch its discovery document and keys)
if [ ! -f "$dir/nginx/tls/latchkey.crt" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 90 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$dir/nginx/tls/latchkey.key" -out "$dir/nginx/tls/latchkey.crt" 2> /dev/null
  rm -f "$dir/truststore.p12"
fi
if [ ! -f "$dir/truststore.p12" ]; then
  keytool -importcert -noprompt -alias latchkey -file "$dir/nginx/tls/latchkey.crt" \
    -keystore "$dir/truststore.p12" -storetype PKCS12 -storepass changeit > /dev/null
fi
trust=(-Djavax.net.ssl.trustStore="$dir/truststore.p12" -Djavax.net.ssl.trustStorePassword=changeit)

# one key encryption key for both nodes, kept: the stored signing keys need it
if [ ! -f "$dir/key-encryption-key" ]; then
  openssl rand -base64 32 > "$dir/key-encryption-key"
  chmod 600 "$dir/key-encryption-key"
fi
kek=$(cat "$dir/key-encryption-key")

if [[ "$database" == *"/latchkey_cluster?"* ]] && command -v psql > /dev/null; then
  admin="postgresql://postgres:postgres@127.0.0.1:5432/postgres"
  if ! psql "$admin" -tAc "select 1 from pg_database where datname = 'latchkey_cluster'" | grep -q 1; then
    psql "$admin" -qc "create database latchkey_cluster"
  fi
fi

if ! ls auth-server/target/auth-server-*-exec.jar > /dev/null 2>&1; then
  echo "Building the runnable jars ..."
  ./mvnw -q -DskipTests -DskipImage package
fi
. scripts/processes.sh
refuse_busy_ports 9443 9010 9011 9020 9021 8090 8080
await() { # name, url: until it answers 200
  await_up "$1" "$dir/logs/$1.log" "answer $2" answers "$2"
}
await_port() { # name, port
  await_up "$1" "$dir/logs/$1.log" "listen on port $2" listening "$2"
}

node() { # name, port, management port
  DATABASE_URL=$database LATCHKEY_ISSUER=$issuer LATCHKEY_KEY_ENCRYPTION_KEY=$kek \
    PORT=$2 MANAGEMENT_PORT=$3 \
    java -jar "$(jar auth-server)" --spring.profiles.active=demo \
    --server.forward-headers-strategy=native \
    '--server.tomcat.remoteip.internal-proxies=127\.0\.0\.1' \
    --server.servlet.session.cookie.secure=true > "$dir/logs/$1.log" 2>&1 &
  pids+=($!)
  await "$1" "http://127.0.0.1:$3/actuator/health/readiness"
}

echo "Starting two auth-server nodes on $database ..."
# one after the other: the first migrates the schema and creates the demo data
node auth-server-1 9010 9011
node auth-server-2 9020 9021
# from beside its certificate: nginx reads the certificate's path relative to its file
cp config/nginx/latchkey.conf "$dir/nginx/latchkey.conf"
"$nginx_binary" -p "$dir/nginx/" -c latchkey.conf > "$dir/logs/nginx.log" 2>&1 &
pids+=($!)
await nginx "$issuer/.well-known/openid-configuration"
LATCHKEY_ISSUER=$issuer java "${trust[@]}" -jar "$(jar sample-resource-server)" > "$dir/logs/sample-resource-server.log" 2>&1 &
pids+=($!)
await_port sample-resource-server 8090
LATCHKEY_ISSUER=$issuer java "${trust[@]}" -jar "$(jar sample-client-app)" --spring.profiles.active=a > "$dir/logs/sample-client-a.log" 2>&1 &
pids+=($!)
await sample-client-a "http://127.0.0.1:8080/"

cat <<TEXT

Latchkey is running as a cluster.

  issuer (nginx, TLS)  $issuer   (a self-signed certificate: $dir/nginx/tls/latchkey.crt)
  node 1               http://127.0.0.1:9010   health http://127.0.0.1:9011/actuator/health
  node 2               http://127.0.0.1:9020   health http://127.0.0.1:9021/actuator/health
  Sample App A         http://localhost:8080
  sample API           http://localhost:8090/api/messages
  metrics              http://127.0.0.1:9011/actuator/prometheus (node 1), :9021 (node 2)

  Demo account demo / demo-password-2026; administrator admin / demo-console-passphrase-2026
  Press Ctrl-C to stop everything.
TEXT
wait

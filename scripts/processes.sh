# Sourced by scripts/start.sh and scripts/cluster.sh: the programs they start, stopped
# together on Ctrl-C or when the script ends, and waiting for each to come up.

pids=()
stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo
    echo "Stopping ..."
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all INT TERM EXIT

listening() { (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

answers() { curl -sfk -o /dev/null "$1"; }

refuse_busy_ports() { # ports...
  for port; do
    if listening "$port"; then
      echo "Port $port is already in use: stop what listens there (an earlier start?) and try again." >&2
      exit 1
    fi
  done
}

jar() { ls "$1"/target/"$1"-*-exec.jar | head -n 1; }

await_up() { # name, log, what it waits for in words, a command that succeeds once it is up
  local name=$1 log=$2 what=$3 pid=${pids[${#pids[@]}-1]}
  shift 3
  for _ in $(seq 1 120); do
    if "$@"; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name did not start; the end of $log:" >&2
      tail -n 30 "$log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "$name did not $what within two minutes; see $log" >&2
  exit 1
}

#!/usr/bin/env bash
# Class data sharing (CDS) for a Spring Boot runnable jar, which roughly halves the time
# to start: the jar is extracted (CDS needs plain jars on the class path), and a training
# run that stops as soon as the application context is ready records the classes it
# loaded in an archive; later starts map that archive instead of loading and verifying
# the classes again. Done again whenever the jar is newer than the archive.
#
#   scripts/cds.sh <runnable jar> [arguments for the training run ...]
#
# Prints the java arguments to start the program with, one per line: the archive and the
# extracted jar, or just the original jar when any step fails (the program then starts
# as before, only slower).
set -uo pipefail

jar=$(realpath "$1")
shift
dir="$(dirname "$jar")/cds"
extracted="$dir/$(basename "$jar")"
archive="$dir/application.jsa"

if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; then
  rm -rf "$dir"
  if ! java -Djarmode=tools -jar "$jar" extract --destination "$dir" > /dev/null 2>&1 \
    || ! java -XX:ArchiveClassesAtExit="$archive" -Dspring.context.exit=onRefresh -jar "$extracted" "$@" \
      > "$dir/training.log" 2>&1 \
    || [ ! -f "$archive" ]; then
    printf '%s\n' -jar "$jar"
    exit 0
  fi
fi
printf '%s\n' "-XX:SharedArchiveFile=$archive" -jar "$extracted"

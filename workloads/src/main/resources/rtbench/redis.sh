#!/bin/sh
# redis: redis-benchmark against a redis-server over loopback inside the container, in one
# exec per sample.
#   benchmark REQUESTS  starts redis-server as a daemon (no persistence), sends REQUESTS
#                       SETs then REQUESTS GETs from 10 connections, one request in flight
#                       on each (CSV with requests/s and percentiles), and shuts the server
#                       down, whether the benchmark succeeded or not
# Bounded by count: redis-benchmark has no duration option. The server is started and
# stopped inside the sample's exec: in execs of their own they cost two exec round trips a
# sample, and a server kept between samples carried its luck into every sample of its
# runtime (README: Workloads). redis-benchmark's figures are its own.
# Usage: redis.sh benchmark REQUESTS
. /rtbench/lib.sh
port=6390
pidfile=/var/tmp/rtbench-redis.pid
stop_redis() {
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
    stop_pidfile "$pidfile"
}
case "${1:-}" in
    benchmark)
        [ "$#" -eq 2 ] || die "benchmark takes REQUESTS"
        n=$(size_arg REQUESTS "$2")
        stop_redis
        redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
            --pidfile "$pidfile" --logfile /var/tmp/rtbench-redis.log --dir /var/tmp \
            </dev/null >/dev/null 2>&1 || die "redis-server did not start"
        await sh -c "redis-cli -p $port ping | grep -q PONG"
        rc=0
        redis-benchmark -h 127.0.0.1 -p "$port" -c 10 -n "$n" -t set,get --csv || rc=$?
        stop_redis
        rm -f /var/tmp/rtbench-redis.log
        exit "$rc" ;;
    *) die "usage: redis.sh benchmark REQUESTS, got: $*" ;;
esac

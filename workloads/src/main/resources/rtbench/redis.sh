#!/bin/sh
# redis: redis-benchmark against a redis-server over loopback inside the container.
#   start              starts redis-server as a daemon, no persistence (setup)
#   stop               shuts it down (cleanup)
#   benchmark REQUESTS REQUESTS SETs then REQUESTS GETs from 10 connections, one
#                      request in flight on each; CSV with requests/s and percentiles
# Bounded by count: redis-benchmark has no duration option.
# Usage: redis.sh start|stop, or redis.sh benchmark REQUESTS
. /rtbench/lib.sh
port=6390
case "${1:-}" in
    start)
        redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
        redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
            --pidfile /var/tmp/rtbench-redis.pid --logfile /var/tmp/rtbench-redis.log --dir /var/tmp
        await sh -c "redis-cli -p $port ping | grep -q PONG" ;;
    stop)
        redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
        stop_pidfile /var/tmp/rtbench-redis.pid
        rm -f /var/tmp/rtbench-redis.log ;;
    benchmark)
        [ "$#" -eq 2 ] || die "benchmark takes REQUESTS"
        n=$(size_arg REQUESTS "$2")
        exec redis-benchmark -h 127.0.0.1 -p "$port" -c 10 -n "$n" -t set,get --csv ;;
    *) die "usage: redis.sh start|stop|benchmark REQUESTS, got: $*" ;;
esac

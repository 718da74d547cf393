#!/bin/sh
# redis: redis-benchmark against a redis-server over loopback inside the container.
#   start [PORT]       starts redis-server as a daemon, no persistence (setup: once per container, on the
#                      harness's port)
#   stop               shuts it down
#   benchmark REQUESTS REQUESTS SETs then REQUESTS GETs from 10 connections, one
#                      request in flight on each; CSV with requests/s and percentiles
# Bounded by count: redis-benchmark has no duration option.
# Usage: redis.sh start [PORT]|stop, or redis.sh benchmark REQUESTS
. /rtbench/lib.sh
case "${1:-}" in
    start)
        redis-cli -p "$(server_port redis 6390)" shutdown nosave >/dev/null 2>&1 || true
        port=$(server_port_set redis 6390 ${2:+"$2"})
        redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
            --pidfile /var/tmp/rtbench-redis.pid --logfile /var/tmp/rtbench-redis.log --dir /var/tmp
        await sh -c "redis-cli -p $port ping | grep -q PONG" ;;
    stop)
        redis-cli -p "$(server_port redis 6390)" shutdown nosave >/dev/null 2>&1 || true
        stop_pidfile /var/tmp/rtbench-redis.pid
        rm -f /var/tmp/rtbench-redis.log /var/tmp/rtbench-redis.port ;;
    benchmark)
        [ "$#" -eq 2 ] || die "benchmark takes REQUESTS"
        n=$(size_arg REQUESTS "$2")
        exec redis-benchmark -h 127.0.0.1 -p "$(server_port redis 6390)" -c 10 -n "$n" -t set,get --csv ;;
    *) die "usage: redis.sh start [PORT]|stop|benchmark REQUESTS, got: $*" ;;
esac

#!/bin/sh
# iperf3: TCP throughput over loopback inside the container, one connection.
#   start            starts the server as a daemon (setup)
#   stop             stops it (cleanup)
#   client SECONDS   sends for SECONDS (whole seconds) and prints both ends' totals
# Usage: iperf3.sh start|stop, or iperf3.sh client SECONDS
. /rtbench/lib.sh
port=5201
pidfile=/var/tmp/rtbench-iperf3.pid
case "${1:-}" in
    start)
        stop_pidfile "$pidfile"
        iperf3 -s -D -B 127.0.0.1 -p "$port" -I "$pidfile"
        await netstat -ltn
        await sh -c "netstat -ltn | grep -q ':$port '" ;;
    stop) stop_pidfile "$pidfile" ;;
    client)
        [ "$#" -eq 2 ] || die "client takes SECONDS"
        secs=$(size_arg SECONDS "$2")
        exec iperf3 -c 127.0.0.1 -p "$port" -t "$secs" -f m ;;
    *) die "usage: iperf3.sh start|stop|client SECONDS, got: $*" ;;
esac

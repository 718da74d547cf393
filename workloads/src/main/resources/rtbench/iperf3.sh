#!/bin/sh
# iperf3: TCP throughput over loopback inside the container, one connection.
#   start [PORT]     starts the server as a daemon (setup: once per container, on the harness's port)
#   stop             stops it
#   client SECONDS   sends for SECONDS (whole seconds) and prints both ends' totals
# Usage: iperf3.sh start [PORT]|stop, or iperf3.sh client SECONDS
. /rtbench/lib.sh
pidfile=/var/tmp/rtbench-iperf3.pid
case "${1:-}" in
    start)
        stop_pidfile "$pidfile"
        port=$(server_port_set iperf3 5201 ${2:+"$2"})
        iperf3 -s -D -B 127.0.0.1 -p "$port" -I "$pidfile"
        await netstat -ltn
        await sh -c "netstat -ltn | grep -q ':$port '" ;;
    stop)
        stop_pidfile "$pidfile"
        rm -f /var/tmp/rtbench-iperf3.port ;;
    client)
        [ "$#" -eq 2 ] || die "client takes SECONDS"
        secs=$(size_arg SECONDS "$2")
        exec iperf3 -c 127.0.0.1 -p "$(server_port iperf3 5201)" -t "$secs" -f m ;;
    *) die "usage: iperf3.sh start [PORT]|stop|client SECONDS, got: $*" ;;
esac

#!/bin/sh
# iperf3: TCP throughput over loopback inside the container, one connection, in one exec
# per sample.
#   client SECONDS   starts the server as a daemon, sends for SECONDS (whole seconds),
#                    prints both ends' totals, and stops the server, whether the client
#                    succeeded or not
# The server is started and stopped inside the sample's exec: in execs of their own they
# cost two exec round trips a sample, and a server kept between samples carried its luck
# into every sample of its runtime (README: Workloads). iperf3's figures are its own.
# Usage: iperf3.sh client SECONDS
. /rtbench/lib.sh
port=5201
pidfile=/var/tmp/rtbench-iperf3.pid
case "${1:-}" in
    client)
        [ "$#" -eq 2 ] || die "client takes SECONDS"
        secs=$(size_arg SECONDS "$2")
        stop_pidfile "$pidfile"
        iperf3 -s -D -B 127.0.0.1 -p "$port" -I "$pidfile" </dev/null >/dev/null 2>&1 ||
            die "iperf3's server did not start"
        await sh -c "netstat -ltn | grep -q ':$port '"
        rc=0
        iperf3 -c 127.0.0.1 -p "$port" -t "$secs" -f m || rc=$?
        stop_pidfile "$pidfile"
        exit "$rc" ;;
    *) die "usage: iperf3.sh client SECONDS, got: $*" ;;
esac

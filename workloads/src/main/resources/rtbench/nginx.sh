#!/bin/sh
# nginx: wrk against nginx over loopback inside the container, in one exec per sample.
#   wrk SECONDS  starts nginx (one worker) with /rtbench/nginx.conf, runs one wrk thread
#                with 10 connections for SECONDS (whole seconds) with its latency
#                distribution, and stops nginx, whether wrk succeeded or not
# The server is started and stopped inside the sample's exec: in execs of their own they
# cost two exec round trips a sample, and a server kept between samples carried its luck
# into every sample of its runtime (README: Workloads). wrk's figures are its own.
# Usage: nginx.sh wrk SECONDS
. /rtbench/lib.sh
conf=/rtbench/nginx.conf
pidfile=/var/tmp/rtbench-nginx.pid
case "${1:-}" in
    wrk)
        [ "$#" -eq 2 ] || die "wrk takes SECONDS"
        secs=$(size_arg SECONDS "$2")
        stop_pidfile "$pidfile"
        mkdir -p /var/tmp/rtbench-nginx
        # nginx's daemon must not keep this exec's output open: dockerd then waits ~1 s for
        # the stream after the exec ended
        nginx -c "$conf" -e /var/tmp/rtbench-nginx/error.log </dev/null >/dev/null 2>&1 ||
            die "nginx did not start: $(cat /var/tmp/rtbench-nginx/error.log 2>/dev/null)"
        await sh -c "netstat -ltn | grep -q ':8080 '"
        rc=0
        wrk -t 1 -c 10 -d "${secs}s" --latency http://127.0.0.1:8080/ || rc=$?
        stop_pidfile "$pidfile"
        rm -rf /var/tmp/rtbench-nginx
        exit "$rc" ;;
    *) die "usage: nginx.sh wrk SECONDS, got: $*" ;;
esac

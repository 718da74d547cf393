#!/bin/sh
# nginx: wrk against nginx over loopback inside the container.
#   start        starts nginx (one worker) with /rtbench/nginx.conf (setup)
#   stop         stops it (cleanup)
#   wrk SECONDS  one wrk thread, 10 connections, for SECONDS (whole seconds), with
#                its latency distribution
# Usage: nginx.sh start|stop, or nginx.sh wrk SECONDS
. /rtbench/lib.sh
conf=/rtbench/nginx.conf
pidfile=/var/tmp/rtbench-nginx.pid
case "${1:-}" in
    start)
        stop_pidfile "$pidfile"
        mkdir -p /var/tmp/rtbench-nginx
        # nginx's daemon must not keep this exec's output open: dockerd then waits ~1 s for
        # the stream after the exec ended, and the next exec (the timed wrk) took ~1 s more
        nginx -c "$conf" -e /var/tmp/rtbench-nginx/error.log </dev/null >/dev/null 2>&1 ||
            die "nginx did not start: $(cat /var/tmp/rtbench-nginx/error.log 2>/dev/null)"
        await sh -c "netstat -ltn | grep -q ':8080 '" ;;
    stop)
        stop_pidfile "$pidfile"
        rm -rf /var/tmp/rtbench-nginx ;;
    wrk)
        [ "$#" -eq 2 ] || die "wrk takes SECONDS"
        secs=$(size_arg SECONDS "$2")
        exec wrk -t 1 -c 10 -d "${secs}s" --latency http://127.0.0.1:8080/ ;;
    *) die "usage: nginx.sh start|stop|wrk SECONDS, got: $*" ;;
esac

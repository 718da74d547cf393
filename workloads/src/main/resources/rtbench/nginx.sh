#!/bin/sh
# nginx: wrk against nginx over loopback inside the container.
#   start [PORT]  starts nginx (one worker) with /rtbench/nginx.conf, on PORT instead of its 8080 when
#                 given (setup: once per container, on the harness's port)
#   stop          stops it
#   wrk SECONDS   one wrk thread, 10 connections, for SECONDS (whole seconds), with
#                 its latency distribution
# Usage: nginx.sh start [PORT]|stop, or nginx.sh wrk SECONDS
. /rtbench/lib.sh
dir=/var/tmp/rtbench-nginx
pidfile=/var/tmp/rtbench-nginx.pid
case "${1:-}" in
    start)
        stop_pidfile "$pidfile"
        mkdir -p "$dir"
        port=$(server_port_set nginx 8080 ${2:+"$2"})
        sed "s/127\.0\.0\.1:8080;/127.0.0.1:$port;/" /rtbench/nginx.conf > "$dir/nginx.conf"
        grep -q "127.0.0.1:$port;" "$dir/nginx.conf" || die "nginx.conf has no 127.0.0.1:8080 to move to $port"
        # nginx's daemon must not keep this exec's output open: dockerd then waits ~1 s for
        # the stream after the exec ended, and the next exec (the timed wrk) took ~1 s more
        nginx -c "$dir/nginx.conf" -e "$dir/error.log" </dev/null >/dev/null 2>&1 ||
            die "nginx did not start: $(cat "$dir/error.log" 2>/dev/null)"
        await sh -c "netstat -ltn | grep -q ':$port '" ;;
    stop)
        stop_pidfile "$pidfile"
        rm -rf "$dir" /var/tmp/rtbench-nginx.port ;;
    wrk)
        [ "$#" -eq 2 ] || die "wrk takes SECONDS"
        secs=$(size_arg SECONDS "$2")
        exec wrk -t 1 -c 10 -d "${secs}s" --latency "http://127.0.0.1:$(server_port nginx 8080)/" ;;
    *) die "usage: nginx.sh start [PORT]|stop|wrk SECONDS, got: $*" ;;
esac

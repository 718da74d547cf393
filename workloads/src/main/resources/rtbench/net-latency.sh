#!/bin/sh
# net-latency: COUNT small HTTP GETs, each on a new loopback TCP connection, from one
# busybox wget process to a busybox httpd in the same container (httpd forks a child
# per connection). Under gVisor this is its own network stack, never the host's.
# Usage: net-latency.sh COUNT
. /rtbench/lib.sh
args_count 1 "$@"
count=$(size_arg COUNT "$1")
port=$(free_port)
www=/var/tmp/rtbench-www.$$
mkdir "$www"
echo pong > "$www/ping"
httpd -f -p "127.0.0.1:$port" -h "$www" &
server=$!
cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$www"
}
trap cleanup EXIT
await_listen "$port"
url="http://127.0.0.1:$port/ping"
t0=$(stamp)
# xargs hands the URLs to as few wget processes as the argument limit allows.
answered=$(seq "$count" | sed "s|.*|$url|" | xargs wget -q -O - | grep -c '^pong$')
t1=$(stamp)
result workload=net-latency count="$count" answered="$answered" t0="$t0" t1="$t1"

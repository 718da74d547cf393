#!/bin/sh
# net-throughput: MIB mebibytes of zeros sent over one loopback TCP connection to a
# receiver in the same container. Both ends are dd attached to the socket by
# busybox nc -e, so data moves in 1 MiB writes and reads: a pipe through nc would
# cut it into nc's small buffer and measure system calls instead of the network.
# Under gVisor this is its own network stack (netstack), never the host's.
# Usage: net-throughput.sh MIB
. /rtbench/lib.sh
args_count 1 "$@"
mib=$(size_arg MIB "$1")
port=$(free_port)
work=/var/tmp/rtbench-net.$$
mkdir "$work"
cleanup() {
    if [ -s "$work/pid" ]; then kill "$(cat "$work/pid")" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
# exec: the recorded pid is the receiver's (nc, then dd in the same process).
# iflag=fullblock: the receiver counts whole MiB, however the reads were split.
sh -c 'echo $$ > "$1"; exec nc -l -p "$2" -e dd of=/dev/null bs=1048576 iflag=fullblock' \
    sh "$work/pid" "$port" 2> "$work/receiver" &
receiver=$!
await_listen "$port"
t0=$(stamp)
nc 127.0.0.1 "$port" -e dd if=/dev/zero bs=1048576 count="$mib"
wait "$receiver" || { cat "$work/receiver" >&2; die "the receiver failed"; }
t1=$(stamp)
sed 's/^/receiver: /' "$work/receiver"
result workload=net-throughput mib="$mib" t0="$t0" t1="$t1"

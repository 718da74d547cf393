#!/bin/sh
# process: for MS milliseconds, fork and exec /bin/true in batches of 10, waiting for each.
# The path matters: a bare "true" is a shell builtin and would not fork at all,
# while "/bin/true" makes busybox sh fork and execve the (static) busybox binary.
# Bounded by time: a background sleep is the timer, polled with the kill builtin
# (no fork) after each batch. The first batch runs whatever the timer says: on a machine
# slow enough that the timer ran out before the loop began (gVisor at smoke size once did),
# the sample is longer than MS, never empty.
# Usage: process.sh MS
. /rtbench/lib.sh
args_count 1 "$@"
ms=$(size_arg MS "$1")
i=0
sleep "$(ms_seconds "$ms")" &
timer=$!
t0=$(stamp)
while :; do
    /bin/true; /bin/true; /bin/true; /bin/true; /bin/true
    /bin/true; /bin/true; /bin/true; /bin/true; /bin/true
    i=$((i + 10))
    kill -0 "$timer" 2>/dev/null || break
done
t1=$(stamp)
result workload=process ms="$ms" count="$i" t0="$t0" t1="$t1"

#!/bin/sh
# process: COUNT times fork and exec /bin/true, waiting for each.
# The path matters: a bare "true" is a shell builtin and would not fork at all,
# while "/bin/true" makes busybox sh fork and execve the (static) busybox binary.
# Usage: process.sh COUNT
. /rtbench/lib.sh
args_count 1 "$@"
count=$(size_arg COUNT "$1")
i=0
t0=$(stamp)
while [ "$i" -lt "$count" ]; do
    /bin/true
    i=$((i + 1))
done
t1=$(stamp)
result workload=process count="$count" spawned="$i" t0="$t0" t1="$t1"

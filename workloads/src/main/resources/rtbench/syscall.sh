#!/bin/sh
# syscall: for MS milliseconds, dd copies one byte at a time from /dev/zero to /dev/null,
# two system calls per byte that do almost nothing else; then SIGUSR1 makes busybox dd
# print its record counts so far, and it is ended. Bounded by time, not by count, so a
# runtime with slow system calls (gVisor's ptrace platform: ~15-50 us each) still gives
# a sample in about MS. The t0..t1 span includes dd's own start (a fork and exec) and
# the t1 stamp runs while dd still counts: the two roughly cancel, at ~1% of 1 s.
# Usage: syscall.sh MS
. /rtbench/lib.sh
args_count 1 "$@"
ms=$(size_arg MS "$1")
counts=/var/tmp/rtbench-syscall.$$
trap 'rm -f "$counts"' EXIT
t0=$(stamp)
dd if=/dev/zero of=/dev/null bs=1 2> "$counts" &
copier=$!
sleep "$(ms_seconds "$ms")"
t1=$(stamp)
kill -USR1 "$copier"
# dd prints its counts from its main loop, not at once: wait for them before ending it
await grep -q 'records out' "$counts"
kill "$copier"
wait "$copier" 2>/dev/null || true
cat "$counts" >&2
result workload=syscall ms="$ms" t0="$t0" t1="$t1"

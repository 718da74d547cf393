#!/bin/sh
# syscall: for MS milliseconds, dd copies one byte at a time from /dev/zero to /dev/null,
# two system calls per byte that do almost nothing else; then SIGUSR1 makes busybox dd
# print its record counts so far, and it is ended. Bounded by time, not by count, so a
# runtime with slow system calls (gVisor's ptrace platform: ~15-50 us each) still gives
# a sample in about MS. The t0..t1 span includes dd's own start (a fork and exec) and
# the t1 stamp runs while dd still counts: the two roughly cancel, at ~1% of 1 s.
# No speed is assumed: dd inherits SIGUSR1 ignored until it sets its own handler, so a
# report asked for before dd is ready is lost rather than fatal, and the report is asked
# for again (with a new t1) until one counts at least one record. On a machine slow
# enough that dd had not begun within MS, the sample is longer than MS, never empty.
# Usage: syscall.sh MS
. /rtbench/lib.sh
args_count 1 "$@"
ms=$(size_arg MS "$1")
counts=/var/tmp/rtbench-syscall.$$
trap 'rm -f "$counts"' EXIT
trap '' USR1
t0=$(stamp)
dd if=/dev/zero of=/dev/null bs=1 2> "$counts" &
copier=$!
sleep "$(ms_seconds "$ms")"
reports=0
asked=0
while :; do
    t1=$(stamp)
    kill -USR1 "$copier"
    # dd prints its counts from its main loop, not at once: wait a while for this request's report
    waited=0
    while [ "$(grep -c 'records out' "$counts")" -le "$reports" ] && [ "$waited" -lt 20 ]; do
        sleep 0.05
        waited=$((waited + 1))
    done
    reports=$(grep -c 'records out' "$counts") || true
    [ "$reports" -gt 0 ] && ! grep 'records out' "$counts" | tail -n 1 | grep -q '^0+0 ' && break
    asked=$((asked + 1))
    [ "$asked" -le 300 ] || die "dd reported no copied record after $asked requests"
done
kill "$copier"
wait "$copier" 2>/dev/null || true
cat "$counts" >&2
result workload=syscall ms="$ms" t0="$t0" t1="$t1"

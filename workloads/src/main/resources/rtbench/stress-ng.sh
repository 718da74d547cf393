#!/bin/sh
# stress-ng: one instance of one stressor for OPS bogo operations or SECONDS (whole
# seconds), whichever comes first, with its metrics. The count keeps a fast runtime's
# sample short; the time keeps a runtime with slow system calls (gVisor's null is ~70x
# slower) from stretching it: both give the stressor's own rate.
#   null    writes to /dev/null: a cheap system call in a loop
#   switch  two processes passing a byte through pipes: context switches
#   fork    fork and exit of a child, waited for
# Usage: stress-ng.sh STRESSOR OPS SECONDS
. /rtbench/lib.sh
[ "$#" -eq 3 ] || die "usage: stress-ng.sh STRESSOR OPS SECONDS, got: $*"
ops=$(size_arg OPS "$2")
secs=$(size_arg SECONDS "$3")
case "$1" in
    null | switch | fork) ;;
    *) die "unknown stressor '$1'" ;;
esac
# --temp-path: stress-ng refuses to start without a writable folder, and the container's user (nobody) may
# write only to /tmp and /var/tmp; its working directory, /, is not writable
exec stress-ng --"$1" 1 --"$1"-ops "$ops" --timeout "${secs}s" --metrics-brief --temp-path /tmp

#!/bin/sh
# stress-ng: one instance of one stressor for SECONDS (whole seconds), with its metrics.
#   null    writes to /dev/null: a cheap system call in a loop
#   switch  two processes passing a byte through pipes: context switches
#   fork    fork and exit of a child, waited for
# Usage: stress-ng.sh STRESSOR SECONDS
. /rtbench/lib.sh
[ "$#" -eq 2 ] || die "usage: stress-ng.sh STRESSOR SECONDS, got: $*"
secs=$(size_arg SECONDS "$2")
case "$1" in
    null | switch | fork) ;;
    *) die "unknown stressor '$1'" ;;
esac
# --temp-path: stress-ng refuses to start without a writable folder, and the container's user (nobody) may
# write only to /tmp and /var/tmp; its working directory, /, is not writable
exec stress-ng --"$1" 1 --timeout "${secs}s" --metrics-brief --temp-path /tmp

#!/bin/sh
# sysbench: one sysbench test bounded by time (--time takes whole seconds).
#   cpu        prime-number search (sysbench's cpu test): pure user-space arithmetic
#   memory-1k  sequential writes of a 1 KiB buffer per thread, over and over
#   memory-1m  sequential writes of a 1 MiB buffer per thread (fits the CPU caches)
# THREADS is 1 or "all" (nproc, as the container sees it).
# Usage: sysbench.sh cpu|memory-1k|memory-1m 1|all SECONDS
. /rtbench/lib.sh
[ "$#" -eq 3 ] || die "usage: sysbench.sh TEST THREADS SECONDS, got: $*"
secs=$(size_arg SECONDS "$3")
case "$2" in
    1) threads=1 ;;
    all) threads=$(nproc) ;;
    *) die "THREADS must be 1 or all, got '$2'" ;;
esac
case "$1" in
    cpu) exec sysbench cpu --threads="$threads" --time="$secs" run ;;
    memory-1k | memory-1m)
        block=1K
        [ "$1" = memory-1m ] && block=1M
        # the total is only a ceiling: the run ends at --time
        exec sysbench memory --memory-block-size="$block" --memory-total-size=1000T \
            --memory-access-mode=seq --memory-oper=write --threads="$threads" --time="$secs" run ;;
    *) die "unknown sysbench test '$1'" ;;
esac

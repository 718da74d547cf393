#!/bin/sh
# sysbench: one sysbench test bounded by an amount of work and, as a ceiling, by time.
#   cpu        prime-number search (sysbench's cpu test): pure user-space arithmetic;
#              AMOUNT is the number of events (each thread takes events from one pool)
#   memory-1k  sequential writes of a 1 KiB buffer per thread, over and over
#   memory-1m  sequential writes of a 1 MiB buffer per thread (fits the CPU caches);
#              AMOUNT is the total MiB written
# Whichever limit comes first ends the run, so a runtime that made this slow still gives
# its rate within SECONDS (--time takes whole seconds, so a time bound alone cost at least
# 1 s a sample where the work takes a third of that).
# THREADS is 1 or "all" (nproc, as the container sees it).
# Usage: sysbench.sh cpu|memory-1k|memory-1m 1|all AMOUNT SECONDS
. /rtbench/lib.sh
[ "$#" -eq 4 ] || die "usage: sysbench.sh TEST THREADS AMOUNT SECONDS, got: $*"
amount=$(size_arg AMOUNT "$3")
secs=$(size_arg SECONDS "$4")
case "$2" in
    1) threads=1 ;;
    all) threads=$(nproc) ;;
    *) die "THREADS must be 1 or all, got '$2'" ;;
esac
case "$1" in
    cpu) exec sysbench cpu --threads="$threads" --events="$amount" --time="$secs" run ;;
    memory-1k | memory-1m)
        block=1K
        [ "$1" = memory-1m ] && block=1M
        exec sysbench memory --memory-block-size="$block" --memory-total-size="${amount}M" \
            --memory-access-mode=seq --memory-oper=write --threads="$threads" --time="$secs" run ;;
    *) die "unknown sysbench test '$1'" ;;
esac

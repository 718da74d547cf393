#!/bin/sh
# hackbench: 4 groups of 5 senders and 5 receivers passing LOOPS 100-byte messages
# from every sender to every receiver of its group over pipes: scheduler wake-ups
# and pipe I/O between 40 processes. Bounded by count: hackbench has no duration.
# Usage: hackbench.sh LOOPS
. /rtbench/lib.sh
args_count 1 "$@"
loops=$(size_arg LOOPS "$1")
exec hackbench -p -g 4 -f 5 -l "$loops" -s 100

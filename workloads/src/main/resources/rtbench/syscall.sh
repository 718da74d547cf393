#!/bin/sh
# syscall: COUNT one-byte reads from /dev/zero and COUNT one-byte writes to /dev/null,
# 2*COUNT system calls that do almost nothing else.
# Usage: syscall.sh COUNT
. /rtbench/lib.sh
args_count 1 "$@"
count=$(size_arg COUNT "$1")
t0=$(stamp)
dd if=/dev/zero of=/dev/null bs=1 count="$count"
t1=$(stamp)
result workload=syscall count="$count" t0="$t0" t1="$t1"

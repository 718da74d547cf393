#!/bin/sh
# memory: BLOCKS times, dd reads 32 MiB of zeros into its input buffer (the kernel,
# or gVisor's sentry, writes 32 MiB of memory) and, because ibs != obs, copies it with
# memcpy into its 16 MiB output buffer in two halves; the writes go to /dev/null.
# Buffers far larger than any CPU cache, one read syscall per 32 MiB.
# Usage: memory.sh BLOCKS
. /rtbench/lib.sh
args_count 1 "$@"
blocks=$(size_arg BLOCKS "$1")
t0=$(stamp)
dd if=/dev/zero of=/dev/null ibs=33554432 obs=16777216 count="$blocks"
t1=$(stamp)
result workload=memory blocks="$blocks" block_mib=32 t0="$t0" t1="$t1"

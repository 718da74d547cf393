#!/bin/sh
# cpu: SHA-256 of a fixed stream of MIB mebibytes of zeros.
# Usage: cpu.sh MIB
. /rtbench/lib.sh
args_count 1 "$@"
mib=$(size_arg MIB "$1")
t0=$(stamp)
dd if=/dev/zero bs=1048576 count="$mib" | sha256sum
t1=$(stamp)
result workload=cpu mib="$mib" t0="$t0" t1="$t1"

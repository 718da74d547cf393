#!/bin/sh
# file-write: MIB mebibytes written in 1 MiB blocks to a file on the container's
# own root filesystem, then fsync'ed (dd conv=fsync) before dd exits.
# /var/tmp, not /tmp: gVisor mounts a tmpfs (memory) on /tmp, runc does not.
# Usage: file-write.sh MIB
. /rtbench/lib.sh
args_count 1 "$@"
mib=$(size_arg MIB "$1")
f=/var/tmp/rtbench-write.$$
trap 'rm -f "$f"' EXIT
t0=$(stamp)
dd if=/dev/zero of="$f" bs=1048576 count="$mib" conv=fsync
t1=$(stamp)
bytes=$(stat -c %s "$f")
result workload=file-write mib="$mib" bytes="$bytes" t0="$t0" t1="$t1"

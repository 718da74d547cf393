#!/bin/sh
# file-read: PASSES times, reads in 1 MiB blocks a file of MIB mebibytes that the
# script first writes (untimed, fsync'ed) to the container's own root filesystem
# (/var/tmp: gVisor's /tmp is a tmpfs). Nobody can drop the page cache from inside
# a container, so the reads are served from cache: runc's from the host page cache,
# gVisor's through its sentry (and gofer). Several passes over a moderate file keep
# the untimed preparation, and the disk space needed, small.
# Usage: file-read.sh MIB PASSES
. /rtbench/lib.sh
args_count 2 "$@"
mib=$(size_arg MIB "$1")
passes=$(size_arg PASSES "$2")
f=/var/tmp/rtbench-read.$$
trap 'rm -f "$f"' EXIT
prep=$(dd if=/dev/zero of="$f" bs=1048576 count="$mib" conv=fsync 2>&1) || die "could not write $f: $prep"
pass=0
t0=$(stamp)
while [ "$pass" -lt "$passes" ]; do
    dd if="$f" of=/dev/null bs=1048576
    pass=$((pass + 1))
done
t1=$(stamp)
result workload=file-read mib="$mib" passes="$pass" t0="$t0" t1="$t1"

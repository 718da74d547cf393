#!/bin/sh
# file-read: PASSES times, reads MIB mebibytes in 1 MiB blocks from a file on the container's own
# root filesystem (/var/tmp: gVisor's /tmp is a tmpfs). The file is laid out (written and fsync'ed)
# by the workload's setup, `file-read.sh --layout MIB`, in an exec of its own that is not timed, and
# removed by its cleanup, `file-read.sh --remove`, around every sample. (A file kept for the
# container's life left its page cache charged to the container's memory cgroup, which differs
# between two containers of one runtime: an A/A run found them 26% apart, p = 0.002 after Holm.)
# The file was just written, so the reads are served from cache: runc's from the host page cache,
# gVisor's through its sentry (and gofer), not the disk.
# Usage: file-read.sh MIB PASSES | file-read.sh --layout MIB | file-read.sh --remove
. /rtbench/lib.sh
f=/var/tmp/rtbench-read
if [ "${1:-}" = "--remove" ]; then
    rm -f "$f" "$f.new"
    exit 0
fi
if [ "${1:-}" = "--layout" ]; then
    [ "$#" -eq 2 ] || die "usage: file-read.sh --layout MIB, got: $*"
    mib=$(size_arg MIB "$2")
    prep=$(dd if=/dev/zero of="$f.new" bs=1048576 count="$mib" conv=fsync 2>&1) || die "could not write $f: $prep"
    mv "$f.new" "$f"
    exit 0
fi
args_count 2 "$@"
mib=$(size_arg MIB "$1")
passes=$(size_arg PASSES "$2")
[ -f "$f" ] || die "$f is missing: the workload's setup (file-read.sh --layout) lays it out"
pass=0
t0=$(stamp)
while [ "$pass" -lt "$passes" ]; do
    dd if="$f" of=/dev/null bs=1048576 count="$mib"
    pass=$((pass + 1))
done
t1=$(stamp)
result workload=file-read mib="$mib" passes="$pass" t0="$t0" t1="$t1"

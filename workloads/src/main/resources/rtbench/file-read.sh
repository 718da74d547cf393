#!/bin/sh
# file-read: PASSES times, reads MIB mebibytes in 1 MiB blocks from a file on the container's own
# root filesystem (/var/tmp: gVisor's /tmp is a tmpfs). The file is laid out (written and fsync'ed)
# by the workload's setup, `file-read.sh --layout MIB`, in an exec of its own that is not timed, once
# per container: every sample reads the same file. Nobody can drop the page cache from inside a
# container, so the reads are served from cache: runc's from the host page cache, gVisor's through
# its sentry (and gofer). The host can (the density workload drops its caches as root), and then
# runc would read from the disk while gVisor's sentry still held the file: so the setup also reads
# the file once before every sample (11 ms under runc, 25 ms under gVisor when cached).
# Usage: file-read.sh MIB PASSES | file-read.sh --layout MIB
. /rtbench/lib.sh
f=/var/tmp/rtbench-read
if [ "${1:-}" = "--layout" ]; then
    [ "$#" -eq 2 ] || die "usage: file-read.sh --layout MIB, got: $*"
    mib=$(size_arg MIB "$2")
    # the file appears only whole (written aside, then renamed), so its presence is enough; counting its
    # bytes with wc would read all of it on every sample
    if [ ! -f "$f" ]; then
        prep=$(dd if=/dev/zero of="$f.new" bs=1048576 count="$mib" conv=fsync 2>&1) || die "could not write $f: $prep"
        mv "$f.new" "$f"
    fi
    warm=$(dd if="$f" of=/dev/null bs=1048576 2>&1) || die "could not read $f: $warm"
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

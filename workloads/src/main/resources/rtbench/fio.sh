#!/bin/sh
# fio: one storage test on a file in DIR/rtbench-fio, prepared untimed by "layout".
#   layout DIR        writes the 32 MiB file and fsyncs it (setup, before every sample)
#   remove DIR        removes it (cleanup, after every sample)
# A file kept across samples was tried and dropped: its page cache stays charged to the
# container's memory cgroup, which differs between two containers of one runtime, and an A/A
# run (one runc under two names) found the random writes of the two containers 6% apart
# (p = 0.0007 after Holm). Each sample now starts from the same state; 32 MiB keeps the
# untimed layout short and still far from the cgroup's limit.
#   random DIR MS     4 KiB random reads for MS ms, then 4 KiB random writes for MS ms
#   sequential DIR MS 1 MiB sequential reads for MS ms, then 1 MiB sequential writes for MS ms
#   fsync DIR MS      4 KiB sequential writes each followed by fsync, for MS ms
# Buffered I/O (no O_DIRECT): nothing inside a container can drop the page cache, so
# reads come from cache (the host's under runc, the sentry's under gVisor) and plain
# writes end in it; only fsync makes a write leave it, and where it goes is the
# runtime's and the mount's business (see the workload descriptions).
# --invalidate=0: fio's default drops the file's pages from the cache before every job
# (posix_fadvise DONTNEED). The host kernel honours that under runc, so runc's reads came
# from the disk, while gVisor's sentry kept serving them from memory: runsc looked 1.6x
# (random) and 5.7x (sequential) faster at reading. Now both read the cached file.
# Usage: fio.sh layout|remove DIR, or fio.sh random|sequential|fsync DIR MS
. /rtbench/lib.sh
[ "$#" -ge 2 ] || die "usage: fio.sh MODE DIR [MS], got: $*"
mode=$1
dir=$2/rtbench-fio
f=$dir/data
case "$mode" in
    layout)
        [ "$#" -eq 2 ] || die "layout takes only DIR"
        mkdir -p "$dir"
        out=$(dd if=/dev/zero of="$f" bs=1048576 count=32 conv=fsync 2>&1) || die "could not write $f: $out"
        exit 0 ;;
    remove)
        [ "$#" -eq 2 ] || die "remove takes only DIR"
        rm -rf "$dir"
        exit 0 ;;
esac
[ "$#" -eq 3 ] || die "$mode takes DIR and MS"
ms=$(size_arg MS "$3")
[ -f "$f" ] || die "no $f: the setup (fio.sh layout) did not run"
set -- --filename="$f" --size=32m --ioengine=psync --time_based --runtime="${ms}ms" --invalidate=0 --output-format=json
case "$mode" in
    random) exec fio "$@" --name=randread --rw=randread --bs=4k --name=randwrite --stonewall --rw=randwrite --bs=4k ;;
    sequential) exec fio "$@" --name=read --rw=read --bs=1m --name=write --stonewall --rw=write --bs=1m ;;
    fsync) exec fio "$@" --name=fsync --rw=write --bs=4k --fsync=1 ;;
    *) die "unknown fio mode '$mode'" ;;
esac

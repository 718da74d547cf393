#!/bin/sh
# fio: one storage test on a file in DIR/rtbench-fio, prepared untimed by "layout".
#   layout DIR        writes the 128 MiB file and fsyncs it, unless an earlier sample did,
#                     then reads it once (setup; the file stays for the container's later
#                     samples, as a service's data file would, and goes with the container
#                     or volume)
#   remove DIR        removes it
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
        # laying out 128 MiB with fsync took 0.4-0.6 s a sample, more than the timed jobs
        if ! { [ -f "$f" ] && [ "$(stat -c %s "$f")" -eq 134217728 ]; }; then
            out=$(dd if=/dev/zero of="$f" bs=1048576 count=128 conv=fsync 2>&1) || die "could not write $f: $out"
        fi
        # read once, so the file is cached for the timed reads even after the host dropped its caches
        # (the density workload does): else runc would read from the disk, gVisor from its sentry
        out=$(dd if="$f" of=/dev/null bs=1048576 2>&1) || die "could not read $f: $out"
        exit 0 ;;
    remove)
        [ "$#" -eq 2 ] || die "remove takes only DIR"
        rm -rf "$dir"
        exit 0 ;;
esac
[ "$#" -eq 3 ] || die "$mode takes DIR and MS"
ms=$(size_arg MS "$3")
[ -f "$f" ] || die "no $f: the setup (fio.sh layout) did not run"
set -- --filename="$f" --size=128m --ioengine=psync --time_based --runtime="${ms}ms" --invalidate=0 --output-format=json
case "$mode" in
    random) exec fio "$@" --name=randread --rw=randread --bs=4k --name=randwrite --stonewall --rw=randwrite --bs=4k ;;
    sequential) exec fio "$@" --name=read --rw=read --bs=1m --name=write --stonewall --rw=write --bs=1m ;;
    fsync) exec fio "$@" --name=fsync --rw=write --bs=4k --fsync=1 ;;
    *) die "unknown fio mode '$mode'" ;;
esac

#!/bin/sh
# files-small: COUNT small files on the container's own root filesystem: each is
# created and written (shell redirection, no fork) and stat'ed (the test builtin);
# then the directory is listed and all are removed by one rm -r.
# Usage: files-small.sh COUNT
. /rtbench/lib.sh
args_count 1 "$@"
count=$(size_arg COUNT "$1")
d=/var/tmp/rtbench-files.$$
trap 'rm -rf "$d"' EXIT
mkdir "$d"
i=0
t0=$(stamp)
while [ "$i" -lt "$count" ]; do
    echo "$i" > "$d/f$i"
    [ -s "$d/f$i" ] || die "file $d/f$i missing right after it was written"
    i=$((i + 1))
done
listed=$(ls "$d" | wc -l)
rm -r "$d"
t1=$(stamp)
[ ! -e "$d" ] || die "$d still exists after rm -r"
result workload=files-small count="$count" listed="$listed" t0="$t0" t1="$t1"

#!/usr/bin/env bash
# The set-up on a machine that runs Docker from Docker's own packages, for real, in a throwaway Debian root:
#
#   setup/check-in-chroot.sh [DIR]      (as root; DIR defaults to /var/tmp/rtb-chroot-check, and is removed)
#
# 1. debootstraps a minimal Debian of the host's suite from the host's own apt mirror (a base copy is kept beside
#    DIR, as DIR-base, so a rerun skips it);
# 2. builds stand-ins for Docker's docker-ce and containerd.io packages with dpkg-deb. They carry those packages'
#    real relations (containerd.io: Provides, Conflicts and Replaces containerd and runc; docker-ce: Depends on
#    containerd.io, Conflicts with docker.io) and the host's real dockerd, containerd, ctr, shim and runc binaries
#    at Docker's paths (/usr/bin), so the engine they bring runs; and installs them;
# 3. shows what the old set-up's 'apt-get install docker.io containerd runc' would have done there (apt-get -s);
# 4. runs ./rtbench --plan, then ./rtbench --yes with a short run of the main job, in that root (made the root of
#    a mount namespace of its own with pivot_root, as a container is);
# 5. checks that docker-ce and containerd.io are still installed, that Debian's docker.io, containerd and runc are
#    not, and that the run's daemon was docker-ce's /usr/bin/dockerd.
# It writes what it saw to DIR.log (kept). The captured simulations are the set-up's test fixtures
# (benchmarks/src/test/resources/setup/). Everything runs in a mount namespace of its own: no mount outlives it.
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "check-in-chroot: run as root (debootstrap and chroot need it)" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/var/tmp/rtb-chroot-check}
base=$dir-base
log=$dir.log
case "$dir" in /var/tmp/* | /tmp/*) ;; *) echo "check-in-chroot: DIR must be under /tmp or /var/tmp: $dir" >&2; exit 2 ;; esac
exec > >(tee "$log") 2>&1

suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list)
command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null
if [ ! -x "$base/bin/sh" ]; then
  echo "== debootstrap $suite into $base"
  time debootstrap --variant=minbase "$suite" "$base" "$mirror" >/dev/null
fi
rm -rf "$dir"
cp -a "$base" "$dir"

echo "== stand-ins for Docker's packages, with the host's real engine binaries"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find_host() { for d in /usr/bin /usr/sbin /usr/local/bin; do [ -x "$d/$1" ] && { echo "$d/$1"; return; }; done
  echo "check-in-chroot: the host has no $1 to put in the stand-in packages (./rtbench installs it)" >&2; exit 2; }
mkdir -p "$work/containerd.io/DEBIAN" "$work/containerd.io/usr/bin" "$work/docker-ce/DEBIAN" "$work/docker-ce/usr/bin"
for b in containerd ctr containerd-shim-runc-v2 runc; do cp "$(find_host "$b")" "$work/containerd.io/usr/bin/"; done
cp "$(find_host dockerd)" "$work/docker-ce/usr/bin/dockerd"
cat > "$work/containerd.io/DEBIAN/control" <<'EOF'
Package: containerd.io
Version: 1.7.27-1
Architecture: amd64
Maintainer: rtbench's chroot check <nobody@localhost>
Depends: libseccomp2 (>= 2.4.0)
Provides: containerd, runc
Conflicts: containerd, runc
Replaces: containerd, runc
Description: stand-in for Docker's containerd.io, with its real relations
EOF
cat > "$work/docker-ce/DEBIAN/control" <<'EOF'
Package: docker-ce
Version: 5:28.2.2-1~debian.12~bookworm
Architecture: amd64
Maintainer: rtbench's chroot check <nobody@localhost>
Depends: containerd.io (>= 1.6.24), iptables, libdevmapper1.02.1, libsystemd0
Conflicts: docker (<< 1.5~), docker-engine, docker.io
Replaces: docker-engine
Description: stand-in for Docker's docker-ce, with its real relations
EOF
dpkg-deb --root-owner-group --build "$work/containerd.io" "$dir/root/containerd.io.deb" >/dev/null
dpkg-deb --root-owner-group --build "$work/docker-ce" "$dir/root/docker-ce.deb" >/dev/null

fixtures=$dir.fixtures
mkdir -p "$fixtures"

run_inside() {
  unshare --mount --propagation private bash -euo pipefail -c '
    dir=$1; shift
    # DIR becomes the root of a mount namespace of its own (pivot_root, as a container runtime does), not a mere
    # chroot: dockerd remounts / when it unpacks an image, runc pivots into each container, and gVisor re-executes
    # itself, and each of these fails or sees the wrong root under chroot
    mount --bind "$dir" "$dir"
    mount --rbind /proc "$dir/proc"; mount --make-rslave "$dir/proc"
    mount --rbind /sys "$dir/sys"; mount --make-rslave "$dir/sys"
    mount --rbind /dev "$dir/dev"; mount --make-rslave "$dir/dev"
    mount -t tmpfs tmpfs "$dir/run"
    mkdir -p "$dir/.host"
    cd "$dir"
    pivot_root . .host
    cd /
    umount -l /.host
    exec /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
      LC_ALL=C.UTF-8 TERM=dumb "$@"
  ' _ "$dir" "$@"
}

cp /etc/resolv.conf "$dir/etc/resolv.conf"
run_inside apt-get update -q >/dev/null
echo "== a fresh Debian: what Debian's docker.io would bring (apt-get -s)"
run_inside apt-get -s install -q --no-install-recommends docker.io > "$fixtures/apt-s-docker.io.txt"
grep -E '^(Inst|Remv)' "$fixtures/apt-s-docker.io.txt" | sed 's/^/  /'

echo "== Docker's packages installed (stand-ins)"
run_inside apt-get install -y -q --no-install-recommends /root/containerd.io.deb /root/docker-ce.deb >/dev/null
run_inside dpkg-query -W -f='  ${Package} ${Version} ${Status}\n' docker-ce containerd.io
before=$(run_inside dpkg-query -W -f='${Package} ${Version}\n' | sort)

echo "== what the old set-up asked apt for: apt-get install docker.io containerd runc (simulated)"
run_inside apt-get -s install -q --no-install-recommends docker.io containerd runc > "$fixtures/apt-s-old-setup.txt" || true
grep -E '^(Inst|Remv)' "$fixtures/apt-s-old-setup.txt" | sed 's/^/  /'
run_inside apt-get -s install -q --no-install-recommends docker.io > "$fixtures/apt-s-docker.io-over-containerd.io.txt" || true
run_inside apt-get -s install -q --no-install-recommends runsc busybox-static > "$fixtures/apt-s-runsc-busybox.txt"

echo "== the repository, and Maven's cache (so the build does not fetch it again)"
mkdir -p "$dir/root/rtbench"
(cd "$repo" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - --) | tar -C "$dir/root/rtbench" -xf -
[ -d /root/.m2/repository ] && mkdir -p "$dir/root/.m2" && cp -a /root/.m2/repository "$dir/root/.m2/"

echo "== ./rtbench --plan in the chroot"
run_inside bash -c 'cd /root/rtbench && ./rtbench --plan'
echo "== ./rtbench --yes run --profile smoke (a short run of the main job) in the chroot"
set +e
run_inside bash -c 'cd /root/rtbench && ./rtbench --yes run --profile smoke --runtimes runc,runsc \
  --workloads start,syscall,process --out /root/run > /root/run.log 2>&1; s=$?
  tail -n 40 /root/run.log
  echo "the run ended $s; its note on dockerd: $(grep -ho "\"the managed dockerd[^\"]*\"" /root/run/results.json)"
  exit $s'
status=$?
set -e

echo "== checks"
after=$(run_inside dpkg-query -W -f='${Package} ${Version}\n' | sort)
removed=$(comm -23 <(echo "$before") <(echo "$after"))
fail=0
check() { if eval "$2"; then echo "  ok    $1"; else echo "  FAIL  $1"; fail=1; fi; }
check "the run ended 0" "[ $status -eq 0 ]"
check "no package removed or changed: ${removed:-none}" "[ -z \"\$removed\" ]"
check "docker-ce and containerd.io still installed" \
  "run_inside dpkg-query -W -f='\${Status}\n' docker-ce containerd.io | grep -c 'install ok installed' | grep -qx 2"
check "Debian's docker.io, containerd and runc not installed" \
  "! run_inside dpkg-query -W -f='\${Status}\n' docker.io containerd runc 2>/dev/null | grep -q 'install ok installed'"
check "no dockerd but docker-ce's /usr/bin/dockerd in the chroot" \
  "[ -x $dir/usr/bin/dockerd ] && [ ! -e $dir/usr/sbin/dockerd ] && [ ! -e $dir/usr/local/bin/dockerd ]"
check "the run wrote results" "[ -s $dir/root/run/results.json ]"
echo "fixtures: $fixtures; log: $log"
rm -rf "$dir"
exit $fail

# shellcheck shell=bash
# rtbench's set-up, sourced by ./rtbench: finds what the machine has, installs only what nothing present provides,
# and never removes, replaces, downgrades or doubles anything.
#
# It decides from the binaries the main job will run (on PATH, then root's tool folders: the same lookup as the
# jar's), not from package names: a machine that runs Docker from Docker's own packages (docker-ce, containerd.io),
# moby-engine, a containerd from its release tarball or a runsc from gVisor's packages or in /usr/local/bin has what
# rtbench needs under other names, and asking apt for Debian's docker.io, containerd or runc there would remove the
# user's engine (containerd.io declares Conflicts/Replaces: containerd, runc). Every install is simulated first
# (apt-get -s); if apt would remove or downgrade a package, or bring a second copy of an engine binary that is
# already here from elsewhere, nothing is installed and the set-up says what and how to go on.
#
# RTBENCH_SETUP_ROOT prefixes every absolute path the set-up reads (os-release, tool folders, fixed tool paths), so
# its decisions can be tested on a made-up machine (SetupScriptTest); it is empty on a real one.

setup_root=${RTBENCH_SETUP_ROOT:-}
setup_system_dirs=(/usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin)

# What the main job and the tests need, one line each: name | class | probe | Debian packages (first that exists) |
# what needs it. Classes: engine (the main job cannot run without it), gvisor (without it gVisor is skipped), build
# (the jar and the charts), tool (without it its workloads are skipped, doctor says which), cni (without it CRI pods
# share the node's network namespace). Probes: bin:NAME (an executable found as the jar finds it), file:PATH (the
# workload image copies the tools from these fixed paths), static:PATH (a statically linked binary), jdk (javac 17+).
setup_needs=(
  "dockerd|engine|bin:dockerd|docker.io|the Docker engine the main job measures through"
  "containerd|engine|bin:containerd|containerd|dockerd's containerd, and the CRI engine (run --engine cri)"
  "ctr|engine|bin:ctr|containerd|the CRI engine's image import"
  "runc|engine|bin:runc|runc|the baseline runtime"
  "runsc|gvisor|bin:runsc|runsc|gVisor, the sandboxed runtime compared with runc"
  "busybox|engine|static:/bin/busybox|busybox-static|the workload image's shell and tools"
  "ip|engine|bin:ip|iproute2|the CRI pods' bridge"
  "fc-list|build|bin:fc-list|fontconfig|the charts' fonts"
  "dejavu|build|file:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf|fonts-dejavu-core|the charts' text"
  "javac|build|jdk|default-jdk-headless|building and running the jar (Java 17 or later)"
  "mvn|build|bin:mvn|maven|building the jar"
  "sysbench|tool|file:/usr/bin/sysbench|sysbench|cpu-single, cpu-all, memory-1k, memory-1m"
  "stress-ng|tool|file:/usr/bin/stress-ng|stress-ng|syscall-null, context-switch, fork"
  "hackbench|tool|file:/usr/bin/hackbench|rt-tests|hackbench"
  "fio|tool|file:/usr/bin/fio|fio|the fio-* storage workloads"
  "iperf3|tool|file:/usr/bin/iperf3|iperf3|tcp-throughput"
  "redis-server|tool|file:/usr/bin/redis-server|redis-server valkey-server|redis"
  "redis-benchmark|tool|file:/usr/bin/redis-benchmark|redis-tools valkey-tools|redis"
  "nginx|tool|file:/usr/sbin/nginx|nginx-light nginx|http"
  "wrk|tool|file:/usr/bin/wrk|wrk|http"
  "cni|cni|cni|containernetworking-plugins|CRI pods' own network"
)

# Which packages bring which of the engine binaries: a package that would put one beside a copy from elsewhere is
# refused (a second containerd or dockerd enabled at boot would fight the user's for its socket).
declare -A setup_brings=([docker.io]="dockerd" [containerd]="containerd ctr" [runc]="runc" [runsc]="runsc"
  [moby-engine]="dockerd" [docker-ce]="dockerd" [containerd.io]="containerd ctr runc")
# (the docker client is left out: a second client fights for nothing, and these machines carry one in /usr/local/bin)

setup_say() { echo "rtbench: $*"; }

# The first executable NAME on PATH, then in root's tool folders (which a user's PATH may lack).
setup_find_bin() {
  local name=$1 d
  local -a dirs
  IFS=: read -ra dirs <<< "${PATH:-}"
  for d in "${dirs[@]}"; do
    [ -n "$d" ] && [ -f "$d/$name" ] && [ -x "$d/$name" ] && { echo "$d/$name"; return 0; }
  done
  for d in "${setup_system_dirs[@]}"; do
    [ -f "$setup_root$d/$name" ] && [ -x "$setup_root$d/$name" ] && { echo "$setup_root$d/$name"; return 0; }
  done
  return 1
}

# What a binary says of its version, on one line (10 s at most: a hung binary is not a version).
setup_version() {
  local v
  case "$(basename "$1")" in
    javac) v=$(timeout 10 "$1" -version 2>&1 | head -n 1) || true ;;
    fc-list | ip) v=$(timeout 10 "$1" -V 2>&1 | head -n 1) || true ;;
    busybox) v=$(timeout 10 "$1" 2>&1 | head -n 1 | sed 's/ multi-call binary.*//') || true ;;
    *) v=$(timeout 10 "$1" --version 2>&1 | head -n 1) || true ;;
  esac
  echo "${v:-no version printed}"
}

# The package that owns a file, or nothing (installed by hand, or from a tarball).
setup_owner() {
  command -v dpkg-query >/dev/null || return 0
  local real
  real=$(readlink -f "$1" 2>/dev/null || echo "$1")
  { dpkg-query -S "$1" 2>/dev/null || dpkg-query -S "$real" 2>/dev/null; } | head -n 1 | cut -d: -f1 || true
}

# Probes one need: prints the binary or file that provides it and returns 0, or returns 1.
setup_probe() {
  local probe=$1 p
  case "$probe" in
    bin:*) setup_find_bin "${probe#bin:}" ;;
    file:*) p=$setup_root${probe#file:}; [ -f "$p" ] && [ -r "$p" ] && echo "$p" ;;
    static:*)
      p=$setup_root${probe#static:}
      [ -f "$p" ] && [ -x "$p" ] || return 1
      # a dynamic binary names its loader (PT_INTERP) in its first bytes; a static one has none
      if head -c 4096 "$p" | tr -d '\0' | grep -q 'ld-linux'; then return 1; fi
      echo "$p" ;;
    jdk)
      p=$(setup_find_bin javac) || return 1
      [ "$(setup_version "$p" | sed -E 's/^javac ([0-9]+).*/\1/;t;s/.*/0/')" -ge 17 ] || return 1
      echo "$p" ;;
    cni)
      for p in /usr/lib/cni /opt/cni/bin; do
        [ -x "$setup_root$p/bridge" ] && [ -x "$setup_root$p/host-local" ] && { echo "$setup_root$p"; return 0; }
      done
      return 1 ;;
  esac
}

# The distribution: sets setup_os (its name) and setup_family (debian, ubuntu, rpm or other).
setup_distribution() {
  local f=$setup_root/etc/os-release ID="" ID_LIKE="" PRETTY_NAME="" VERSION_ID=""
  # shellcheck disable=SC1090
  [ -r "$f" ] && . "$f"
  setup_os=${PRETTY_NAME:-${ID:-an unknown Linux}}
  case " $ID $ID_LIKE " in
    *" ubuntu "*) setup_family=ubuntu ;;
    *" debian "*) setup_family=debian ;;
    *" rhel "* | *" fedora "* | *" centos "* | *" amzn "*) setup_family=rpm ;;
    *) setup_family=other ;;
  esac
  [ "$ID" = ubuntu ] && setup_family=ubuntu
  setup_os_id=$ID
}

# Fills found[], missing[] (names) and provider[] / needs_class[] / needs_pkgs[] / needs_why[] from setup_needs.
setup_survey() {
  declare -gA found=() needs_class=() needs_pkgs=() needs_why=()
  declare -ga missing=() order=()
  local line name class probe pkgs why p
  for line in "${setup_needs[@]}"; do
    IFS='|' read -r name class probe pkgs why <<< "$line"
    # a Kubernetes node measured as it is (run --engine cri) needs containerd, not a Docker engine
    [ "$name" = dockerd ] && [ "${setup_engine:-docker}" = cri ] && continue
    order+=("$name"); needs_class[$name]=$class; needs_pkgs[$name]=$pkgs; needs_why[$name]=$why
    if p=$(setup_probe "$probe"); then found[$name]=$p; else missing+=("$name"); fi
  done
}

setup_print_found() {
  local name p owner v
  [ "${setup_engine:-docker}" = cri ] && printf '  skipped  %-15s --engine cri measures through containerd alone\n' dockerd
  for name in "${order[@]}"; do
    p=${found[$name]:-}
    [ -n "$p" ] || continue
    case "${needs_class[$name]}" in engine | gvisor) ;; *) continue ;; esac
    owner=$(setup_owner "$p")
    v=$(setup_version "$p")
    printf '  found    %-15s %s%s%s\n' "$name" "$p" "${v:+: $v}" "${owner:+ (package $owner)}"
  done
}

# The Debian package to install for NAME: the first of its packages apt knows, else nothing.
setup_package_for() {
  local pkg
  for pkg in ${needs_pkgs[$1]}; do
    apt-cache show "$pkg" >/dev/null 2>&1 && { echo "$pkg"; return 0; }
  done
  return 1
}

# Reads apt-get -s output on stdin; prints one line per harm: "remove PKG", "downgrade PKG OLD -> NEW", or
# "second BINARY PKG PRESENT" (PKG would bring BINARY beside PRESENT, which no package that apt removes owns).
setup_harms() {
  local sim kind pkg rest old new b present owner
  local re_change='^\[([^]]+)\] \(([^ ]+)'
  local -a removed=()
  sim=$(cat)
  while read -r kind pkg rest; do
    case "$kind" in Remv | Purg) removed+=("$pkg"); echo "remove $pkg" ;; esac
  done <<< "$sim"
  while read -r kind pkg rest; do
    [ "$kind" = Inst ] || continue
    if [[ $rest =~ $re_change ]]; then
      old=${BASH_REMATCH[1]}; new=${BASH_REMATCH[2]}
      if dpkg --compare-versions "$new" lt "$old" 2>/dev/null; then echo "downgrade $pkg $old -> $new"; fi
      continue
    fi
    for b in ${setup_brings[$pkg]:-}; do
      present=$(setup_find_bin "$b") || continue
      owner=$(setup_owner "$present")
      [ "$owner" = "$pkg" ] && continue
      # a binary of a package apt removes is replaced, not doubled: its removal is the harm already named
      [ -n "$owner" ] && [[ " ${removed[*]} " == *" $owner "* ]] && continue
      echo "second $b $pkg $present${owner:+ (package $owner)}"
    done
  done <<< "$sim"
  return 0
}

# How to install what is missing on an RPM distribution, printed, never run.
setup_rpm_advice() {
  local name pkgs=() extra=()
  declare -A rpm=([dockerd]=moby-engine [containerd]=containerd [ctr]=containerd [runc]=runc [busybox]=busybox
    [ip]=iproute [fc-list]=fontconfig [dejavu]=dejavu-sans-fonts [javac]=java-17-openjdk-devel [mvn]=maven
    [sysbench]=sysbench [stress-ng]=stress-ng [hackbench]=rt-tests [fio]=fio [iperf3]=iperf3
    [redis-server]=redis [redis-benchmark]=redis [nginx]=nginx [wrk]=wrk [cni]=containernetworking-plugins)
  [ "$setup_os_id" = amzn ] && rpm[dockerd]=docker
  for name in "${missing[@]}"; do
    [ "$name" = runsc ] && continue
    [[ " ${pkgs[*]} " == *" ${rpm[$name]} "* ]] || pkgs+=("${rpm[$name]}")
  done
  setup_say "$setup_os uses dnf, and rtbench installs nothing there. Install what is missing yourself:"
  ((${#pkgs[@]})) && echo "  dnf install -y ${pkgs[*]}"
  case "$setup_os_id" in
    rhel | centos | rocky | almalinux | ol)
      extra+=("RHEL and its rebuilds ship no Docker engine: moby-engine's place is taken there by Docker's own docker-ce and containerd.io (Docker's repository for RHEL), and sysbench, stress-ng, wrk and busybox come from EPEL") ;;
  esac
  [[ " ${missing[*]} " == *" runsc "* ]] && extra+=("gVisor (runsc) is in no RPM distribution: install it as gVisor's installation guide says (its release binary or its own repository)")
  local e
  for e in "${extra[@]}"; do echo "  note: $e"; done
  echo "  then rerun ./rtbench; it will use what it finds."
}

# setup_run MODE ASK: MODE is install, plan (show, change nothing) or none (use what is there); ASK is yes to ask
# before installing. Exits non-zero when the main job cannot run.
# setup_engine=cri (./rtbench ... --engine cri) leaves the Docker engine out of what is needed.
setup_run() {
  local mode=$1 ask=$2 name pkg needs_root=no
  # without root nothing can be installed: show the plan from apt's lists as they are, then say so
  if [ "$mode" = install ] && [ "$(id -u)" -ne 0 ]; then
    mode=plan
    needs_root=yes
  fi
  setup_distribution
  setup_survey
  setup_say "set-up on $setup_os: what the main job will use"
  setup_print_found
  local -a install=() unknown=()
  if ((${#missing[@]} == 0)); then
    setup_say "found everything it needs (engine, runtimes, build, ${#order[@]} checks)"
    return 0
  fi
  for name in "${missing[@]}"; do
    printf '  missing  %-15s needed for %s\n' "$name" "${needs_why[$name]}"
  done
  case "$setup_family" in
    rpm) setup_rpm_advice; setup_require; return ;;
    other)
      setup_say "$setup_os is neither Debian, Ubuntu nor an RPM distribution: install the missing pieces above with its package manager, then rerun"
      setup_require; return ;;
  esac
  if [ "$mode" = none ]; then
    setup_say "--no-install: going on with what is there"
    setup_require; return
  fi
  # the lists must be current, or apt installs versions the mirror no longer has: an install refreshes them
  # first, as apt-get update does (it changes nothing installed); --plan reads them as they are
  if [ "$mode" = install ]; then
    apt-get update -q >/dev/null
  elif ! apt-cache show runc >/dev/null 2>&1 && ! apt-cache show busybox-static >/dev/null 2>&1; then
    if [ "$mode" = plan ]; then
      setup_say "apt's package lists are empty: an install would run 'apt-get update', then simulate installing"
      for name in "${missing[@]}"; do echo "  ${needs_pkgs[$name]%% *}"; done | sort -u | tr '\n' ' ' | sed 's/^/ /;s/$/\n/'
      setup_planned "$needs_root"
      return
    fi
  fi
  for name in "${missing[@]}"; do
    if pkg=$(setup_package_for "$name"); then
      [[ " ${install[*]} " == *" $pkg "* ]] || install+=("$pkg")
    else
      unknown+=("$name")
    fi
  done
  for name in "${unknown[@]}"; do
    if [ "$name" = runsc ] && [ "$setup_family" = ubuntu ]; then
      setup_say "$setup_os's archive has no runsc: gVisor is skipped. To measure it, install runsc as gVisor's installation guide says (its own apt repository or its release binary), then rerun"
    else
      setup_say "this system's package lists have no package for $name (${needs_pkgs[$name]}): ${needs_why[$name]} goes without it"
    fi
  done
  if ((${#install[@]} == 0)); then
    setup_require; return
  fi
  local sim harms
  sim=$(LC_ALL=C apt-get -s install -q --no-install-recommends "${install[@]}" 2>&1) || {
    setup_say "apt cannot plan the install of ${install[*]}; installing nothing. apt said:"
    echo "$sim" | tail -n 15 | sed 's/^/  /'
    setup_go_on
    return 1
  }
  harms=$(setup_harms <<< "$sim")
  if [ -n "$harms" ]; then
    setup_say "installing ${install[*]} would change what this machine has; installing nothing:"
    echo "$harms" | sed -E 's/^remove (.*)/  apt would remove \1/; s/^downgrade ([^ ]+) (.*)/  apt would downgrade \1 (\2)/; s/^second ([^ ]+) ([^ ]+) (.*)/  \2 would put a second \1 beside \3/'
    setup_go_on
    return 1
  fi
  local new
  new=$(grep -c '^Inst ' <<< "$sim" || true)
  setup_say "would install from $setup_os's packages: ${install[*]} (apt-get -s: $new packages in all, none removed, replaced or downgraded)"
  if [ "$mode" = plan ]; then
    setup_planned "$needs_root"
    return
  fi
  if [ "$ask" = yes ]; then
    local answer=""
    printf 'rtbench: install them now? [y/N] '
    read -r answer || true
    case "$answer" in
      y | Y | yes | Yes) ;;
      *) setup_say "nothing installed. './rtbench --no-install' goes on with what is there, '--yes' installs without asking"; exit 1 ;;
    esac
  fi
  setup_install "${install[@]}"
  setup_survey
  setup_require
}

# The end of a plan: --plan changed nothing; a run without root cannot install what it planned.
setup_planned() {
  if [ "$1" = yes ]; then
    setup_say "run as root to install them (or install them yourself); './rtbench --no-install' goes on with what is there" >&2
    return 1
  fi
  setup_say "--plan: nothing was installed or changed"
}

# What to do when the set-up will not install: go on with what is there, or install by hand.
setup_go_on() {
  setup_say "to go on with what is there: ./rtbench --no-install (the main job uses the binaries found above;"
  echo "  what is still missing is skipped with its reason, or the run stops saying what it lacks)."
  echo "  Or install the missing pieces from the source your engine came from, then rerun ./rtbench."
}

# Installs the packages without starting their services: rtbench starts what it needs privately, and a system redis
# or nginx would take ports and CPU from the measurements. A policy-rc.d the machine already has is its owner's and
# stays as it is; one that rtbench writes is removed again.
setup_install() {
  local policy=$setup_root/usr/sbin/policy-rc.d ours=no
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# written by rtbench for the length of its install\nexit 101\n' > "$policy"
    chmod +x "$policy"
    ours=yes
    trap 'rm -f "'"$policy"'"' EXIT
  fi
  setup_say "installing: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
  if [ "$ours" = yes ]; then rm -f "$policy"; trap - EXIT; fi
}

# The main job cannot run without the engine and build pieces: say which are missing and stop.
setup_require() {
  local name lacking=()
  for name in "${missing[@]}"; do
    case "${needs_class[$name]}" in engine | build) lacking+=("$name") ;; esac
  done
  for name in "${missing[@]}"; do
    case "${needs_class[$name]}" in
      gvisor) setup_say "no runsc: gVisor is skipped (install runsc to measure it)" ;;
      cni) setup_say "no CNI plugins: CRI pods share the node's network namespace" ;;
    esac
  done
  ((${#missing[@]} == 0)) || setup_say "still missing: ${missing[*]}"
  if ((${#lacking[@]})); then
    setup_say "cannot run without: ${lacking[*]}" >&2
    return 1
  fi
  return 0
}

# Sourced by every rtbench workload script; not run on its own.
# Scripts print their workload's own output, then one line
#   rtbench-result workload=NAME key=value... t0=EPOCH t1=EPOCH
# that the Java parser of the workload reads. Anything failing exits non-zero
# before that line is printed, so a failed run can never look like a result.
set -eu
set -o pipefail

die() {
    echo "rtbench: $*" >&2
    exit 2
}

# Checks that the script got exactly $1 size arguments: args_count N "$@"
args_count() {
    want=$1
    shift
    [ "$#" -eq "$want" ] || die "expected $want size argument(s), got $#: $*"
}

# A size argument, a positive integer: size_arg NAME VALUE
size_arg() {
    case "$2" in
        '' | *[!0-9]*) die "$1 must be a positive integer, got '$2'" ;;
    esac
    [ "$2" -ge 1 ] || die "$1 must be at least 1, got '$2'"
    echo "$2"
}

# Wall clock in seconds with microseconds. busybox date has no %N (it prints
# "%N" literally), but ts stamps lines from gettimeofday with microseconds,
# under runc and gVisor alike. Each stamp costs one fork+exec of ts.
stamp() {
    set -- $(echo | ts %.s)
    [ "$#" -ge 1 ] || die "ts printed no timestamp"
    echo "$1"
}

# A port for a loopback server, different for concurrent scripts.
free_port() {
    echo $((20000 + $$ % 20000))
}

# Waits until something listens on TCP port $1 (netstat reads /proc/net/tcp*,
# which gVisor provides too); probing with a connection would use up nc's only accept.
await_listen() {
    tries=0
    until netstat -ltn 2>/dev/null | grep ":$1 " >/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -le 1200 ] || die "nothing listens on port $1 after 60 s"
        sleep 0.05
    done
}

result() {
    echo "rtbench-result $*"
}

# Milliseconds as seconds for sleep, e.g. 1500 -> 1.500: ms_seconds MS
ms_seconds() {
    printf '%d.%03d\n' $(($1 / 1000)) $(($1 % 1000))
}

# Waits until a server answers: await CHECK-COMMAND... (tries for 60 s, 50 ms apart: a busy machine under
# gVisor can take seconds to start a server, and the deadline only matters when it never answers)
await() {
    tries=0
    until "$@" >/dev/null 2>&1; do
        tries=$((tries + 1))
        [ "$tries" -le 1200 ] || die "no answer from '$*' after 60 s"
        sleep 0.05
    done
}

# Ends the process whose pid is in file $1, if any, and waits until it is gone.
stop_pidfile() {
    [ -s "$1" ] || return 0
    pid=$(cat "$1")
    kill "$pid" 2>/dev/null || true
    tries=0
    while kill -0 "$pid" 2>/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -le 1200 ] || die "process $pid from $1 still runs 60 s after SIGTERM"
        sleep 0.05
    done
    rm -f "$1"
}

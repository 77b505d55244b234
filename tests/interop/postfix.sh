#!/usr/bin/env bash
# A throwaway Postfix on 127.0.0.1 for the interoperability tests (tests/interop.rs,
# tests/interop_policy.rs).
#
# Usage:
#   bash tests/interop/postfix.sh install
#       Installs Postfix, postfix-pcre (pcre: tables) and libsasl2-modules from the
#       distribution's packages (Debian/Ubuntu, as root) when they are missing, without a
#       prompt, without configuring the system's own Postfix ("No configuration") and without
#       starting or enabling it as a service.
#   bash tests/interop/postfix.sh run [--port N] [--keep] -- COMMAND [ARG...]
#       Installs when needed, writes a main.cf and master.cf of its own in a new temporary
#       directory (queue included), starts that instance listening on 127.0.0.1:N only, waits
#       for its 220 greeting, runs COMMAND with MAIL_ENVELOPE_POSTFIX_PORT=N and
#       MAIL_ENVELOPE_POSTFIX_CONFIG=DIR/etc in its environment, stops the instance and removes
#       the directory (--keep leaves it, for reading the queue and the log), and exits with
#       COMMAND's status. Without --port, the first free port from 42525 on is taken. The
#       instance is stopped on every exit of this script (error, Ctrl-C, TERM).
#       DIR/etc is the instance's configuration directory (`postconf -c DIR/etc`,
#       `postfix -c DIR/etc reload`, `postcat -c DIR/etc -q QUEUEID`, as root); a command that
#       changes it puts it back as it found it.
#
# The instance: no relay, nothing leaves the machine (every accepted message is put on hold in
# the temporary queue; local delivery is `discard`, every other transport `error`), and the settings
# the tests compare against: strict_rfc821_envelopes, smtputf8_enable,
# smtpd_authorized_xclient_hosts = 127.0.0.0/8, smtpd_forbid_unauth_pipelining,
# smtpd_sasl_auth_enable (Cyrus SASL with a configuration of its own and no user database: AUTH
# PLAIN and LOGIN are offered and always fail).
# Accepted recipient domains: example.com, server.example.com, 例子.广告 (also as A-labels),
# any local part. The log goes to maillog in the directory (printed when the start fails).
#
# Needs: bash, root (Postfix's master runs as root), and a Postfix that knows
# smtpd_forbid_unauth_pipelining (3.7.6 and later 3.7 releases, 3.8.1, 3.9; Debian 12 has 3.7.11).
set -euo pipefail

first_port=42525
last_port=42624

die() {
    printf 'postfix.sh: %s\n' "$*" >&2
    exit 2
}

usage() {
    # The comment block at the top of this file.
    awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# True when something accepts connections on 127.0.0.1:$1.
port_answers() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The distribution's packages the instance needs.
packages=(postfix postfix-pcre libsasl2-modules)

package_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

install_postfix() {
    local missing=() package
    for package in "${packages[@]}"; do
        package_installed "$package" || missing+=("$package")
    done
    if command -v postfix >/dev/null 2>&1 && [ -x /usr/sbin/postconf ] && [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || die "${missing[*]:-postfix} not installed, and installing needs root"
    command -v apt-get >/dev/null 2>&1 || die "${missing[*]:-postfix} not installed, and there is no apt-get"
    echo "postfix.sh: installing ${packages[*]}" >&2
    # No questions, and no system configuration: the system's own instance has no main.cf, so
    # neither its init script nor its systemd unit can start it.
    debconf-set-selections <<'EOF'
postfix postfix/main_mailer_type select No configuration
postfix postfix/mailname string interop.example
EOF
    # Keep the package scripts from starting services while installing, unless a policy is
    # already in place (container images have one).
    local own_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        own_policy=yes
    fi
    local status=0
    {
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}" ||
            { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
                --no-install-recommends "${packages[@]}"; }
    } >&2 || status=$?
    if [ -n "$own_policy" ]; then
        rm -f /usr/sbin/policy-rc.d
    fi
    [ "$status" -eq 0 ] || die "apt-get install ${packages[*]} failed ($status)"
    # Not a system service: take it out of the boot sequence (both init systems).
    update-rc.d postfix disable >/dev/null 2>&1 || true
    deb-systemd-helper disable postfix.service >/dev/null 2>&1 || true
}

free_port() {
    local port
    for ((port = first_port; port <= last_port; port++)); do
        if ! port_answers "$port"; then
            echo "$port"
            return 0
        fi
    done
    die "no free port in $first_port-$last_port (give one with --port)"
}

write_config() {
    local dir="$1" port="$2"
    # The configuration in etc/, apart from the queue and data directories: Postfix wants the
    # configuration tree owned by root, the queue and data by its mail owner.
    mkdir "$dir/etc" "$dir/queue"
    cat >"$dir/etc/main.cf" <<EOF
# Written by tests/interop/postfix.sh for one test run; removed afterwards.
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
mail_owner = postfix
setgid_group = postdrop

myhostname = mx.interop.example
mydomain = interop.example
myorigin = \$myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
biff = no

# Local domains: any local part is accepted; nothing is delivered: every accepted message is
# put on hold in this queue, and local delivery would discard it (an error transport would make
# smtpd refuse the recipients).
mydestination = \$myhostname, localhost, example.com, server.example.com,
    例子.广告, xn--fsqu00a.xn--4rr70v
local_recipient_maps =
alias_maps =
alias_database =
relay_domains =
relayhost =
default_transport = error:no delivery off this machine
relay_transport = error:no relay
local_transport = discard:held, never delivered
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_recipient_restrictions = check_recipient_access static:HOLD
notify_classes =

# What the interoperability tests compare against.
strict_rfc821_envelopes = yes
smtputf8_enable = yes
smtpd_authorized_xclient_hosts = 127.0.0.0/8
smtpd_forbid_unauth_pipelining = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
cyrus_sasl_config_path = $dir/etc/sasl
smtpd_tls_security_level = none
EOF
    cat >"$dir/etc/master.cf" <<EOF
# Written by tests/interop/postfix.sh: one SMTP listener on loopback, no chroot.
# service       type  private unpriv chroot wakeup maxproc command
127.0.0.1:$port inet  n       -      n      -      -       smtpd
pickup          unix  n       -      n      60     1       pickup
cleanup         unix  n       -      n      -      0       cleanup
qmgr            unix  n       -      n      300    1       qmgr
rewrite         unix  -       -      n      -      -       trivial-rewrite
bounce          unix  -       -      n      -      0       bounce
defer           unix  -       -      n      -      0       bounce
trace           unix  -       -      n      -      0       bounce
verify          unix  -       -      n      -      1       verify
flush           unix  n       -      n      1000?  0       flush
proxymap        unix  -       -      n      -      -       proxymap
showq           unix  n       -      n      -      -       showq
error           unix  -       -      n      -      -       error
retry           unix  -       -      n      -      -       error
discard         unix  -       -      n      -      -       discard
anvil           unix  -       -      n      -      1       anvil
scache          unix  -       -      n      -      1       scache
postlog         unix-dgram n  -      n      -      1       postlogd
EOF
    # Cyrus SASL reads this, not the system's configuration: a user database that does not
    # exist, so every AUTH fails as an authentication failure (535).
    mkdir "$dir/etc/sasl"
    cat >"$dir/etc/sasl/smtpd.conf" <<SASL
pwcheck_method: auxprop
auxprop_plugin: sasldb
sasldb_path: $dir/etc/sasl/no-users.db
mech_list: PLAIN LOGIN
SASL
}

# Set by `run`; read by the traps.
instance_dir=""
keep=""
command_pid=""

stop_command() {
    if [ -n "$command_pid" ]; then
        kill -TERM "$command_pid" 2>/dev/null || true
        wait "$command_pid" 2>/dev/null || true
        command_pid=""
    fi
}

stop_instance() {
    [ -n "$instance_dir" ] || return 0
    if [ -f "$instance_dir/etc/main.cf" ]; then
        postfix -c "$instance_dir/etc" stop >/dev/null 2>&1 || true
        # postfix stop waits for nothing; wait for the master to go, then insist.
        local pid_file="$instance_dir/queue/pid/master.pid" pid="" i
        if [ -f "$pid_file" ]; then
            pid="$(tr -dc '0-9' <"$pid_file")"
        fi
        if [ -n "$pid" ]; then
            for ((i = 0; i < 50; i++)); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            if kill -0 "$pid" 2>/dev/null; then
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    fi
    if [ -n "$keep" ]; then
        echo "postfix.sh: kept $instance_dir (log: $instance_dir/maillog)" >&2
    else
        rm -rf "$instance_dir"
    fi
    instance_dir=""
}

run() {
    local port=""
    while [ $# -gt 0 ]; do
        case "$1" in
        --port)
            [ $# -ge 2 ] || usage
            port="$2"
            shift 2
            ;;
        --port=*)
            port="${1#--port=}"
            shift
            ;;
        --keep)
            keep=yes
            shift
            ;;
        --)
            shift
            break
            ;;
        *) usage ;;
        esac
    done
    [ $# -gt 0 ] || usage
    if [ -n "$port" ]; then
        [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] ||
            die "--port takes a port number, not '$port'"
        ! port_answers "$port" || die "something already listens on 127.0.0.1:$port"
    fi

    install_postfix
    [ -n "$port" ] || port="$(free_port)"

    trap stop_instance EXIT
    trap 'stop_command; exit 130' INT
    trap 'stop_command; exit 143' TERM
    instance_dir="$(mktemp -d "${TMPDIR:-/tmp}/mail-envelope-postfix.XXXXXX")"
    chmod 755 "$instance_dir"
    write_config "$instance_dir" "$port"

    local version
    version="$(postconf -c "$instance_dir/etc" -h mail_version)"
    [ -n "$(postconf -d -h smtpd_forbid_unauth_pipelining 2>/dev/null)" ] ||
        die "Postfix $version has no smtpd_forbid_unauth_pipelining (3.7.6 or later needed)"
    echo "postfix.sh: Postfix $version on 127.0.0.1:$port (config and queue in $instance_dir)" >&2
    if ! postfix -c "$instance_dir/etc" start >&2; then
        cat "$instance_dir/maillog" >&2 2>/dev/null || true
        die "Postfix did not start"
    fi

    # Wait for the greeting (not just an open port), about 20 seconds at most.
    local i greeting=""
    for ((i = 0; i < 100; i++)); do
        greeting="$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && head -c 3 <&3" \
            2>/dev/null || true)"
        [ "$greeting" = "220" ] && break
        sleep 0.2
    done
    if [ "$greeting" != "220" ]; then
        cat "$instance_dir/maillog" >&2 2>/dev/null || true
        die "Postfix does not answer on 127.0.0.1:$port"
    fi

    # The command runs in the background so that a signal to this script is handled at once:
    # the trap ends the command, then the exit trap stops the instance.
    local status=0
    MAIL_ENVELOPE_POSTFIX_PORT="$port" MAIL_ENVELOPE_POSTFIX_CONFIG="$instance_dir/etc" "$@" <&0 &
    command_pid=$!
    wait "$command_pid" || status=$?
    command_pid=""
    stop_instance
    return "$status"
}

case "${1:-}" in
install)
    shift
    [ $# -eq 0 ] || usage
    install_postfix
    postconf -d -h mail_version | sed 's/^/postfix.sh: Postfix /' >&2
    ;;
run)
    shift
    run "$@"
    ;;
*) usage ;;
esac

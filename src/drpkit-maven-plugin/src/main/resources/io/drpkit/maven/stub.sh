#!/bin/sh
# drpkit launcher stub: this file is a POSIX shell script followed by a Java jar.
# Environment: DRPKIT_JAVA_OPTS  extra JVM options (appended last, so they win)
#              DRPKIT_NO_CDS=1   neither use nor write a start-up archive, and render define live
#              JAVA_HOME         which Java to run (else `java` from PATH)
# stdout belongs to the plugin protocol. The JVM is given stderr as its stdout, so whatever the
# JVM or an agent prints (-verbose:gc, jdwp) lands there; the protocol (define JSON, READY!,
# help and version text) goes to fd 3, which -Ddrpkit.protocol.fd names to the Java side.
# Start-up archives: one per command (define, listen) and per JVM, named
#   <this file>.<command>.<key>.jsa   AppCDS (Java 17-23)
#   <this file>.<command>.<key>.aot   AOT cache (Java 24+)
# beside this file, or in ${XDG_CACHE_HOME:-$HOME/.cache}/drpkit when that is not writable.
# <key> is <jvm>-<build>-<options>: numbers of the java that runs (size, mtime and inode of its
# libjvm and of the JDK's base archive; without GNU stat, a checksum of its resolved path,
# release file and libjvm listing), of this file (size, mtime) and a checksum of
# DRPKIT_JAVA_OPTS (0: none), so a JVM, build or option set never meets an archive made for
# another. That costs one stat (and a readlink for a symlinked java): every process started
# here is start-up time (~4 ms each). A missing archive is trained by the command's own run,
# written under a temporary name and renamed only when that run exited 0; then this file's
# archives for an older build are removed, and of the others (other JVMs or options) the newest
# 3 per command are kept. Archive messages are silenced (-Xshare:auto,
# AOTMode=auto): a bad archive only means a slower start.
# drpkit:executable fills in the two lines below: the provider's main class, started with -cp so
# the JVM need not open the jar (~10,000 entries) for its manifest (empty: -jar), and where this
# file holds the define rendered when it was built, "<offset>,<length>" (empty: nowhere).
main=
define_at=
self=$0
case "$self" in */*) ;; *) self=$(command -v -- "$self") ;; esac
name=${self##*/}
dir=$(cd -P -- "${self%/*}" && pwd) || exit 1
self="$dir/$name"   # absolute: the archive records the class path as given
if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=$(command -v java); fi
if [ -z "$java" ]; then
  echo "$name: no Java runtime found: set JAVA_HOME or put a Java 17+ 'java' on PATH" >&2
  exit 1
fi
opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k"
# listen's heap (README "Thread and memory budget"): -Xms8m starts small and grows on demand up
# to -Xmx96m; Min/MaxHeapFreeRatio=10/30 let Serial GC keep 10-30 % of the heap free instead of
# 40-70 %, so promoted garbage grows it less and the pages it never needs are never touched
# (RSS after a sustained load ~-8 MiB; p99 lower in 7 of 10 alternated pairs). A fixed
# -Xmn4m saved 2 MiB more but its twice as frequent young collections cost p99 (lower in only
# 3 of 11 pairs against the earlier build), so the young generation keeps its default sizing.
# One C1 compiler thread instead of two: a listen compiles ~1,200 methods by its first /config
# and two compiler threads took the CPU its own start needed on a 2-core box (READY! plus the
# first /config 589 -> 551 ms in 12 alternated rounds; throughput and RSS no worse). Not when
# DRPKIT_JAVA_OPTS chooses the compilers: C1 with C2 (-XX:TieredStopAtLevel=4) needs two.
case "$1" in
  listen)
    opts="$opts -Xms8m -Xmx96m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
    # SLF4J bound to logback through the SDK's provider, which configures logback straight unless
    # something else would configure it (README "What start-up loads"); WARN hides SLF4J's note
    # that a provider was named. A -Dslf4j.provider in DRPKIT_JAVA_OPTS comes later and wins.
    opts="$opts -Dslf4j.provider=io.drpkit.sdk.internal.logging.DirectLogbackProvider -Dslf4j.internal.verbosity=WARN"
    # jboss-logging (XNIO's and Undertow's) told to use SLF4J: unnamed, it first asks
    # java.util.logging for a JBoss LogManager and so starts JUL's LogManager it never uses.
    opts="$opts -Dorg.jboss.logging.provider=slf4j"
    case " $DRPKIT_JAVA_OPTS" in
      *Tiered*|*CICompilerCount*) ;;
      *) opts="$opts -XX:CICompilerCount=1" ;;
    esac ;;
  define)
    # DRPKIT_NO_CDS=1 is the plain path, without any start-up shortcut: define renders live too
    if [ -n "$DRPKIT_NO_CDS" ]; then opts="$opts -Ddrpkit.define.live=true"
    elif [ -n "$define_at" ]; then opts="$opts -Ddrpkit.define.at=$define_at"
    fi ;;
esac
jar=-jar
[ -z "$main" ] || jar=-cp
# the protocol's own descriptor (not for a socket stdout: /dev/fd cannot reopen a socket); where
# it cannot be had, JVM logging is turned from stdout to stderr (agents still print to stdout)
proto=
quiet="-Xlog:disable -Xlog:all=warning:stderr"
log=:stderr
if [ -e /dev/fd/1 ] && [ ! -S /dev/fd/1 ]; then
  exec 3>&1 1>&2
  proto=-Ddrpkit.protocol.fd=3
  quiet=
  log=
fi
cmd=$1
case "$cmd" in define|listen) ;; *) cmd= ;; esac
if [ -z "$cmd" ] || [ -n "$DRPKIT_NO_CDS" ]; then
  # shellcheck disable=SC2086
  exec "$java" $opts $quiet $proto $DRPKIT_JAVA_OPTS $jar "$self" $main "$@"
fi

# --- the JVM's identity, from its release file and libjvm, without starting it ---
# a symlinked java (/usr/bin/java -> /etc/alternatives/java -> ...) is resolved to find its home
javareal=$java
if [ -L "$java" ]; then javareal=$(readlink -f -- "$java" 2>/dev/null) || javareal=$java; fi
jhome=${javareal%/bin/java}
jid=$javareal
major=0
if [ -r "$jhome/release" ]; then
  while IFS='=' read -r k v; do
    case $k in
      JAVA_VERSION) jid="$jid $k=$v"; v=${v#\"}; major=${v%%[!0-9]*} ;;
      JAVA_RUNTIME_VERSION|IMPLEMENTOR|IMPLEMENTOR_VERSION) jid="$jid $k=$v" ;;
    esac
  done <"$jhome/release"
fi
[ -n "$major" ] || major=0
lib=
for l in "$jhome/lib/server/libjvm.so" "$jhome/lib/server/libjvm.dylib" "$jhome/lib/client/libjvm.so"; do
  if [ -e "$l" ]; then lib=$l; break; fi
done
if [ "$major" -ge 24 ]; then
  ext=aot
  silent="-Xlog:cds*=off$log"
  [ "$major" -ge 25 ] && silent="$silent -Xlog:aot*=off$log"
else
  ext=jsa
  silent="-Xlog:cds*=off$log"
fi
# newer JVMs warn about the libraries' JNI and sun.misc.Unsafe use; these say it is intended
[ "$major" -ge 22 ] && opts="$opts --enable-native-access=ALL-UNNAMED"
[ "$major" -ge 23 ] && opts="$opts --sun-misc-unsafe-memory-access=allow"
sum() { s=$(printf '%s\n' "$1" | cksum); s=${s%% *}; }
ekey=
jkey=
# the JDK's own archive too: a dynamic archive is only valid on the base archive it was made on
base=
[ -n "$lib" ] && [ -e "${lib%/*}/classes.jsa" ] && base=${lib%/*}/classes.jsa
if ids=$(stat -L -c '%s %Y %i %n' -- "$self" ${lib:+"$lib"} ${base:+"$base"} 2>/dev/null); then
  while read -r size mtime ino path; do
    if [ "$path" = "$self" ]; then ekey=$(( (size * 1000003 + mtime) % 4294967296 ))
    elif [ -n "$lib" ]; then
      k=$(( ((${jkey:-0} * 1000003 + size) % 4294967296 * 1000003 + mtime) % 4294967296 ))
      jkey=$(( (k * 1000003 + ino) % 4294967296 ))
    fi
  done <<EOF
$ids
EOF
else
  ids=$(ls -lLnd -- "$self" ${lib:+"$lib"} 2>/dev/null)
  jid="$jid $ids"
fi
if [ -z "$jkey" ]; then sum "$jid"; jkey=$s; fi
if [ -z "$ekey" ]; then sum "$ids"; ekey=$s; fi
okey=0
if [ -n "$DRPKIT_JAVA_OPTS" ]; then sum "$DRPKIT_JAVA_OPTS"; okey=$s; fi
key="$jkey-$ekey-$okey"

# --- use the archive: beside this file, else in the per-user cache ---
prefix=$self
arch="$prefix.$cmd.$key.$ext"
cache=
if [ ! -r "$arch" ]; then
  cache=${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}
  if [ -n "$cache" ]; then
    sum "$dir"; cache="$cache/drpkit/$name-$s"
    [ -r "$cache.$cmd.$key.$ext" ] && { prefix=$cache; arch="$cache.$cmd.$key.$ext"; }
  fi
fi
if [ -r "$arch" ]; then
  if [ "$ext" = aot ]; then mode=-XX:AOTMode=auto; a="-XX:AOTCache=$arch"; else mode=-Xshare:auto; a="-XX:SharedArchiveFile=$arch"; fi
  # shellcheck disable=SC2086
  exec "$java" $opts $quiet $silent $mode "$a" $proto $DRPKIT_JAVA_OPTS $jar "$self" $main "$@"
fi

# --- train it: this run records, its temporary file becomes the archive if it exits 0 ---
claim() { # claim <prefix>: clear dead runs' leftovers; our temporary file, unless a live run trains
  arch="$1.$cmd.$key.$ext"
  for t in "$1.$cmd".*.tmp; do
    [ -e "$t" ] || continue
    p=${t%.tmp}; p=${p##*.}
    if kill -0 "$p" 2>/dev/null; then
      case $t in "$arch".*) return 1 ;; esac
    else
      rm -f -- "$t"
    fi
  done
  # an archive is tens of MiB: leave a nearly full disk alone
  free=$(df -Pk -- "${1%/*}" 2>/dev/null) || return 1
  avail=0
  while read -r _ _ _ n _; do case $n in *[!0-9]*|'') ;; *) avail=$n ;; esac; done <<EOF
$free
EOF
  [ "$avail" -ge 262144 ] 2>/dev/null || return 1
  tmp="$arch.$$.tmp"
  (: >"$tmp") 2>/dev/null || return 1
  prefix=$1
}
# Not trained: with stdout a socket (a training JVM's messages would reach the protocol), nor
# with options that CDS dumping refuses (native agents such as jdwp) or that choose archives.
trained=
case " $DRPKIT_JAVA_OPTS" in
  *" -agentlib"*|*" -agentpath"*|*Xshare*|*SharedArchiveFile*|*ArchiveClassesAtExit*|*AOT*) may= ;;
  *) may=$proto ;;
esac
if [ -n "$may" ]; then
  if claim "$self"; then trained=1
  elif [ -n "$cache" ] && mkdir -p -- "${cache%/*}" 2>/dev/null && claim "$cache"; then trained=1
  fi
fi
if [ -z "$trained" ]; then
  # shellcheck disable=SC2086
  exec "$java" $opts $quiet $proto $DRPKIT_JAVA_OPTS $jar "$self" $main "$@"
fi
if [ "$ext" = aot ]; then
  conf="$arch.conf.$$.tmp"; mode=-XX:AOTMode=record; a="-XX:AOTConfiguration=$conf"
else
  conf=; mode=; a="-XX:ArchiveClassesAtExit=$tmp"
fi
# The shell stays, to rename the archive: it passes signals on, and names its own parent for the
# JVM's parent-death watch (a background JVM ignores SIGINT, so every signal becomes SIGTERM).
# The JVM's stdout is dropped unless options were given: a training JVM says where it wrote.
# A failed dump at exit (a full disk) makes the JVM exit 1: the Java side deletes the marker when
# the command itself succeeded.
marker="$arch.run.$$.tmp"
(: >"$marker") 2>/dev/null || marker=
if [ -z "$DRPKIT_JAVA_OPTS" ]; then
  # shellcheck disable=SC2086
  "$java" $opts $quiet $silent $mode "$a" $proto -Ddrpkit.parent.pid=$PPID "-Ddrpkit.exit.marker=$marker" \
    $jar "$self" $main "$@" >/dev/null &
else
  # shellcheck disable=SC2086
  "$java" $opts $quiet $silent $mode "$a" $proto -Ddrpkit.parent.pid=$PPID "-Ddrpkit.exit.marker=$marker" \
    $DRPKIT_JAVA_OPTS $jar "$self" $main "$@" &
fi
pid=$!
trap 'kill -TERM $pid 2>/dev/null' TERM INT HUP
wait $pid; rc=$?
while kill -0 $pid 2>/dev/null; do wait $pid; rc=$?; done
trap - TERM INT HUP
if [ -n "$marker" ] && [ ! -e "$marker" ] && [ "$rc" -ne 0 ]; then
  rc=0; rm -f -- "$tmp" ${conf:+"$conf"}   # the command succeeded, the dump did not
fi
[ -z "$marker" ] || rm -f -- "$marker"

tidy() { # after a new archive: remove this file's archives for an older build, keep 3 others
  while :; do
    n=0; oldest=
    for f in "$prefix.$cmd".*.jsa "$prefix.$cmd".*.aot; do
      [ -e "$f" ] && [ "$f" != "$arch" ] || continue
      case $f in
        "$prefix.$cmd".*-"$ekey"-*) ;;
        *) rm -f -- "$f"; continue ;;
      esac
      n=$((n + 1))
      if [ -z "$oldest" ] || [ "$f" -ot "$oldest" ]; then oldest=$f; fi
    done
    [ "$n" -gt 3 ] || break
    rm -f -- "$oldest"
  done
}
if [ "$rc" -ne 0 ]; then
  rm -f -- "$tmp" ${conf:+"$conf"}
elif [ -z "$conf" ]; then
  if [ -s "$tmp" ] && mv -f -- "$tmp" "$arch" 2>/dev/null; then tidy; else rm -f -- "$tmp"; fi
else
  # Java 24+: the recorded configuration becomes a cache in a second JVM, in the background, so
  # neither define's output nor listen's stop waits for it
  (
    trap '' HUP
    cd / || exit # the caller's directory may be gone by then, and a JVM cannot start without one
    # own the temporary files under this subshell's pid, so a start meanwhile sees a live run
    me=$(exec sh -c 'echo $PPID') && mv -f -- "$conf" "$arch.conf.$me.tmp" && mv -f -- "$tmp" "$arch.$me.tmp" \
      && conf="$arch.conf.$me.tmp" && tmp="$arch.$me.tmp"
    # shellcheck disable=SC2086
    if [ -s "$conf" ] && "$java" $opts $quiet $silent -XX:AOTMode=create "-XX:AOTConfiguration=$conf" \
        "-XX:AOTCache=$tmp" $proto $DRPKIT_JAVA_OPTS $jar "$self" $main "$cmd" && [ -s "$tmp" ] \
        && mv -f -- "$tmp" "$arch"; then
      tidy
    fi
    rm -f -- "$tmp" "$conf"
  ) </dev/null >/dev/null 2>&1 3>&- &
fi
exit $rc
# --- jar follows ---

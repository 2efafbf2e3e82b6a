#!/bin/sh
# drpkit launcher stub: this file is a POSIX shell script followed by a Java jar.
# Environment: DRPKIT_JAVA_OPTS  extra JVM options (appended last, so they win)
#              DRPKIT_NO_CDS=1   neither use nor write the AppCDS archive beside this file
#              JAVA_HOME         which Java to run (else `java` from PATH)
# stdout belongs to the plugin protocol: every JVM message is sent to stderr.
# The first `define` (dr-provision runs it first) also writes an AppCDS archive, trained on
# define and on a short listen session; later runs of any command start from it. It is
# rewritten when this file or the java binary is newer, and skipped if the directory is read-only.
self=$0
case "$self" in */*) ;; *) self=$(command -v -- "$self") ;; esac
dir=$(cd "$(dirname "$self")" && pwd -P) || exit 1
self="$dir/$(basename "$self")"   # absolute: the archive records the class path as given
if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
if ! command -v -- "$java" >/dev/null 2>&1; then
  echo "$(basename "$self"): no Java runtime found: set JAVA_HOME or put a Java 17+ 'java' on PATH" >&2
  exit 1
fi
opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k"
case "$1" in listen) opts="$opts -Xmx96m" ;; esac
quiet="-Xlog:disable -Xlog:all=warning:stderr"

jsa="$self.jsa"
if [ -z "$DRPKIT_NO_CDS" ]; then
  javabin=$(command -v -- "$java" 2>/dev/null)
  javareal=$(readlink -f -- "$javabin" 2>/dev/null || echo "$javabin")
  if [ -r "$jsa" ] && [ ! "$self" -nt "$jsa" ] && { [ -z "$javareal" ] || [ ! "$javareal" -nt "$jsa" ]; }; then
    # shellcheck disable=SC2086
    exec "$java" $opts $quiet -XX:SharedArchiveFile="$jsa" $DRPKIT_JAVA_OPTS -jar "$self" "$@"
  elif [ "$1" = define ] && [ -w "$dir" ]; then
    tmp="$jsa.$$.tmp"
    # shellcheck disable=SC2086
    "$java" $opts -Xlog:disable -Xlog:all=error:stderr -XX:ArchiveClassesAtExit="$tmp" \
      -Ddrpkit.cds.train=true $DRPKIT_JAVA_OPTS -jar "$self" "$@"
    rc=$?
    if [ $rc -eq 0 ] && [ -s "$tmp" ]; then mv -f "$tmp" "$jsa" 2>/dev/null || rm -f "$tmp"; else rm -f "$tmp"; fi
    exit $rc
  fi
fi
# shellcheck disable=SC2086
exec "$java" $opts $quiet $DRPKIT_JAVA_OPTS -jar "$self" "$@"
# --- jar follows ---

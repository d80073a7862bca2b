# Sourced by ./mvnw and ./streamz (POSIX sh). Exports JAVA_HOME as a JDK >= 25 when the current one is
# older or unset and a newer one is installed. Maven itself must run on 25: the compiler and the tests
# get JDK 25 from the toolchains plugin, but the jar plugin rewrites module-info.class with the jar tool
# of Maven's own JVM, which cannot read Java 25 class files when that JVM is older.
streamz_java_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}
streamz_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(streamz_java_major "$JAVA_HOME")
    [ -n "$v" ] && [ "$v" -ge 25 ] && return 0
  fi
  set +f
  for d in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    if [ -x "$d/bin/javac" ]; then
      v=$(streamz_java_major "$d")
      if [ -n "$v" ] && [ "$v" -ge 25 ]; then
        JAVA_HOME="$d"
        export JAVA_HOME
        break
      fi
    fi
  done
}
streamz_find_jdk

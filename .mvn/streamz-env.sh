# The launchers' one environment, sourced (POSIX sh) by ./mvnw, ./streamz, benchmarks/run.sh and
# benchmarks/latency.sh. Defines, and runs nothing itself:
#
#   streamz_find_jdk      sets STREAMZ_JDK to the home of a JDK 25 or newer, or returns 1
#   streamz_no_jdk        prints the "install a JDK 25" message to stderr
#   streamz_use_jdk       streamz_find_jdk, then exports JAVA_HOME=$STREAMZ_JDK; else the message and exit 1
#   streamz_jvm_flags     prints the parent pom's <streamz.jvm.flags> (the JVM flags of tests, benchmarks
#                         and the launcher) on one line
#
# Why Maven itself must run on 25: the compiler and the tests get JDK 25 from the toolchains plugin, but the
# jar plugin rewrites module-info.class with the jar tool of Maven's own JVM, which cannot read Java 25 class
# files when that JVM is older; and .mvn/jvm.config passes a flag older JVMs refuse to start with.
#
# The one rule for finding the JDK: a JDK is a folder with bin/java and bin/javac whose version is 25 or
# newer. Take JAVA_HOME if it is one; else the OLDEST one in the usual install folders below (so 25 wins
# over a newer early-access build); else the java on the PATH, if it belongs to one.

STREAMZ_REQUIRED_MAJOR=25

# The folders JDK packages and installers put JDKs in (Debian/Ubuntu and RPM packages, Docker images,
# manual installs, macOS, SDKMAN!). These are conventions, not paths of any one machine.
STREAMZ_JDK_DIRS="${STREAMZ_JDK_DIRS:-/usr/lib/jvm /usr/java /usr/local/lib/jvm /opt/java /Library/Java/JavaVirtualMachines ${HOME-}/.sdkman/candidates/java}"

# streamz_java_major HOME: prints the major version of the JDK at HOME (8 for 1.8.0_x, 25 for 25.0.1,
# 26 for 26-ea); prints nothing when HOME is not a JDK.
streamz_java_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  _sz_v=""
  if [ -r "$1/release" ]; then
    # JAVA_VERSION="25.0.1" in the JDK's release file: no JVM start needed.
    _sz_v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" | head -n 1)
  fi
  if [ -z "$_sz_v" ]; then
    _sz_v=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$_sz_v" in 1.*) _sz_v=${_sz_v#1.} ;; esac
  _sz_v=${_sz_v%%[!0-9]*}
  [ -n "$_sz_v" ] && printf '%s\n' "$_sz_v"
  return 0
}

# streamz_is_jdk HOME: true when HOME is a JDK 25 or newer.
streamz_is_jdk() {
  _sz_m=$(streamz_java_major "$1")
  [ -n "$_sz_m" ] && [ "$_sz_m" -ge "$STREAMZ_REQUIRED_MAJOR" ]
}

streamz_find_jdk() {
  STREAMZ_JDK=""
  if [ -n "${JAVA_HOME-}" ] && streamz_is_jdk "$JAVA_HOME"; then
    STREAMZ_JDK=$JAVA_HOME
    return 0
  fi
  # Glob the install folders even when the caller runs with noglob (./mvnw does), then restore it.
  case $- in *f*) _sz_noglob=1 ;; *) _sz_noglob=0 ;; esac
  set +f
  _sz_best="" _sz_best_major=0
  for _sz_dir in $STREAMZ_JDK_DIRS; do
    for _sz_home in "$_sz_dir"/* "$_sz_dir"/*/Contents/Home; do
      [ -d "$_sz_home" ] || continue
      _sz_m=$(streamz_java_major "$_sz_home")
      [ -n "$_sz_m" ] && [ "$_sz_m" -ge "$STREAMZ_REQUIRED_MAJOR" ] || continue
      if [ -z "$_sz_best" ] || [ "$_sz_m" -lt "$_sz_best_major" ]; then
        _sz_best=$_sz_home _sz_best_major=$_sz_m
      fi
    done
  done
  if [ "$_sz_noglob" = 1 ]; then set -f; fi
  if [ -n "$_sz_best" ]; then
    STREAMZ_JDK=$_sz_best
    return 0
  fi
  if _sz_java=$(command -v java 2>/dev/null) && [ -n "$_sz_java" ]; then
    _sz_java=$(readlink -f "$_sz_java" 2>/dev/null || printf '%s\n' "$_sz_java")
    _sz_home=$(dirname "$(dirname "$_sz_java")")
    if streamz_is_jdk "$_sz_home"; then
      STREAMZ_JDK=$_sz_home
      return 0
    fi
  fi
  return 1
}

streamz_no_jdk() {
  {
    echo "streamz: no JDK $STREAMZ_REQUIRED_MAJOR or newer found. Looked at JAVA_HOME (${JAVA_HOME:-unset}),"
    echo "  the JDKs in $STREAMZ_JDK_DIRS, and the java on the PATH."
    echo "  Install a JDK $STREAMZ_REQUIRED_MAJOR, e.g. Eclipse Temurin $STREAMZ_REQUIRED_MAJOR from https://adoptium.net"
    echo "  (Debian/Ubuntu: apt-get install temurin-$STREAMZ_REQUIRED_MAJOR-jdk from the Adoptium repository;"
    echo "  macOS: brew install --cask temurin@$STREAMZ_REQUIRED_MAJOR), then run this again or point JAVA_HOME at it."
  } >&2
}

streamz_use_jdk() {
  if streamz_find_jdk; then
    JAVA_HOME=$STREAMZ_JDK
    export JAVA_HOME
  else
    streamz_no_jdk
    exit 1
  fi
}

# streamz_jvm_flags [ROOT]: the parent pom's <streamz.jvm.flags> (it may span lines), on one line.
streamz_jvm_flags() {
  tr '\n' ' ' <"${1:-.}/pom.xml" |
    sed -n 's:.*<streamz\.jvm\.flags>\([^<]*\)</streamz\.jvm\.flags>.*:\1:p' |
    tr -s ' \t' '  ' | sed 's/^ //; s/ $//'
}

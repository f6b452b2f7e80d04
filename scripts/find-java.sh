# Sourced by ./portscope and ./run-tests: prints the path of a java 25 or newer, or fails with a clear message.
# Looks in JAVA_HOME, then PATH, then /usr/lib/jvm/*25*.

java_feature_version() { # "25" for a JDK 25
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}

find_java25() {
  local candidate v
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)" /usr/lib/jvm/*25*/bin/java; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      v="$(java_feature_version "$candidate")"
      if [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
        echo "$candidate"
        return 0
      fi
    fi
  done
  echo "portscope: needs a JDK 25 or newer: none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}

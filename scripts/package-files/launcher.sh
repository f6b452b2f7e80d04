#!/bin/sh
# portscope, installed: runs the runtime and the AOT cache that ship with it. No JDK search and no
# build, unlike the source launcher (./portscope in a checkout); dash starts it in about a millisecond.
# The .deb's copy is reached as /usr/bin/portscope (a link) or /usr/lib/portscope/bin/portscope; any other
# place (an unpacked tarball) is found from the script's own path, with no process started unless
# that path is a link.
case "$0" in
  /usr/bin/portscope|/usr/lib/portscope/bin/portscope) app=/usr/lib/portscope ;;
  *)
    self="$0"
    [ -L "$self" ] && self="$(readlink -f "$self")"
    case "$self" in
      */*) app="${self%/*}/.." ;;
      *) app=.. ;;
    esac
    ;;
esac
java="$app/lib/runtime/bin/java"
jar="$app/lib/app/portscope.jar"

case "${1:-}" in
  events|top|serve)
    # Long-running: the optimizing compiler, a young generation that a refresh's garbage dies in, a
    # heap that gives memory back and a ceiling (PORTSCOPE_MAX_HEAP); no AOT cache (it was made with
    # the short-lived flags below and would not map). Same flags as the source launcher (./portscope).
    exec "$java" -XX:+UseSerialGC -Xmn64m "-Xmx${PORTSCOPE_MAX_HEAP:-1g}" -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 \
      -XX:-UsePerfData --enable-native-access=ALL-UNNAMED -cp "$jar" dev.portscope.cli.Main "$@"
    ;;
esac

# Short-lived: C1 only, the serial collector, a small young generation, and the AOT cache made for
# this runtime and jar by the package build (these flags must stay the ones it was made with).
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn4m -XX:-UsePerfData --enable-native-access=ALL-UNNAMED \
  -XX:AOTCache="$app/lib/portscope.aot" -Xlog:aot=off -Xlog:cds=off -cp "$jar" dev.portscope.cli.Main "$@"

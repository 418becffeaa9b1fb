#!/usr/bin/env bash
# Installs the anchors the evaluations compare Marsad against, from package
# registries only, and builds what needs building. Idempotent: when
# everything is in place it only checks and exits in well under a second.
#
# Lucene anchor: Debian's liblucene8-java (Lucene 8.7 jars in /usr/share/java)
# run by the machine's Java 17; crates/marsad-eval/anchors/LuceneBm25.java is
# compiled into .anchors/lucene/, where `marsad eval retrieval` finds it
# (or set MARSAD_ANCHORS to another .anchors directory).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.anchors/lucene"
src="$root/crates/marsad-eval/anchors/LuceneBm25.java"
java_dir=/usr/share/java
jars=(lucene-core lucene-analyzers-common)

have_jars() {
    for j in "${jars[@]}"; do
        compgen -G "$java_dir/$j-8*.jar" >/dev/null || return 1
    done
}

apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup-anchors: need root to apt-get install $*" >&2
        exit 1
    fi
    # Only refresh the package lists when the install cannot find a package.
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 || {
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null
    }
}

need=()
command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
have_jars || need+=(liblucene8-java)
if [ ${#need[@]} -gt 0 ]; then
    echo "setup-anchors: installing ${need[*]}" >&2
    apt_install "${need[@]}"
fi
have_jars || { echo "setup-anchors: liblucene8-java installed but its jars are missing from $java_dir" >&2; exit 1; }

cp=""
for j in "${jars[@]}"; do
    f="$(ls "$java_dir/$j"-8*.jar | sort | tail -n 1)"
    cp="${cp:+$cp:}$f"
done

mkdir -p "$out"
if [ ! -f "$out/LuceneBm25.class" ] || [ "$src" -nt "$out/LuceneBm25.class" ] \
    || [ "$(cat "$out/classpath" 2>/dev/null)" != "$cp" ]; then
    javac -nowarn -d "$out" -cp "$cp" "$src"
    printf '%s' "$cp" > "$out/classpath"
    echo "setup-anchors: compiled LuceneBm25 into $out" >&2
fi
echo "setup-anchors: lucene anchor ready ($out)"

# Each further anchor (Python packages in .anchors/venv, browsers, ...) has its
# own script in scripts/anchors/, run in name order.
for extra in "$root"/scripts/anchors/*.sh; do
    [ -e "$extra" ] || continue
    bash "$extra"
done

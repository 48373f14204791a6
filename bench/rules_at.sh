#!/bin/sh
# usage: bench/rules_at.sh VERSION DIR
# Writes the keywords/ folder of rule set VERSION (as named in keywords/ruleset.toml) from this
# repository's history into DIR, to compare with: caleido eval --gold ... --baseline DIR.
# The folder is the last commit that still had VERSION (HEAD if it is the current one).
set -eu
[ $# -eq 2 ] || { echo "usage: bench/rules_at.sh VERSION DIR" >&2; exit 2; }
version=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)
cd "$(dirname "$0")"
cd "$(git rev-parse --show-toplevel)"
line="version = \"$version\""
# Committed rules only: a version being edited in the work tree is not in the history yet.
if git show HEAD:keywords/ruleset.toml | grep -qxF "$line"; then
    commit=HEAD
else
    # The newest commit that added or removed the line: when it added it, it holds the version
    # (a later edit in the work tree removes it); when it removed it, its parent does.
    changed=$(git log --format=%H -S"$line" -- keywords/ruleset.toml | head -n 1)
    [ -n "$changed" ] || { echo "rule set $version is not in this repository's history" >&2; exit 2; }
    if git show "$changed:keywords/ruleset.toml" | grep -qxF "$line"; then
        commit=$changed
    else
        commit="$changed^"
    fi
fi
git show "$commit:keywords/ruleset.toml" | grep -qxF "$line" || {
    echo "rule set $version: the history does not say which commit holds it" >&2
    exit 2
}
git archive "$commit" keywords | tar -x -C "$dir" --strip-components=1
echo "rule set $version ($(git rev-parse --short "$commit")) written to $dir"

#!/usr/bin/env bash
# The wheel and the sdist as a user gets them (issue 14.6): build both, install each into a fresh venv
# in a temporary folder, and run the installed program there, away from the source tree: its self-test
# (fonts, translations, icons, migrations, an encrypted database, a PDF), then a demo database and one
# statement PDF per district. An editable install reads the source tree and hides a file left out of
# the package; this does not.
#
#     scripts/dist-check.sh            # with .venv/bin/python (make dist-check); PYTHON=… for another
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
py=${PYTHON:-$root/.venv/bin/python}
work=$(mktemp -d "${TMPDIR:-/tmp}/coopdesk-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
started=$SECONDS

"$py" -m build --outdir "$work/dist" "$root" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
wheel=$(ls "$work"/dist/coopdesk-*.whl)
sdist=$(ls "$work"/dist/coopdesk-*.tar.gz)
echo "built $(basename "$wheel") and $(basename "$sdist") ($((SECONDS - started)) s)"

check() {  # check NAME FILE: install FILE into a fresh venv and run the installed program
    local name=$1 file=$2 step=$SECONDS
    local venv="$work/$name-venv" home="$work/$name-home"
    "$py" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$file" >"$work/$name-pip.log" 2>&1 \
        || { cat "$work/$name-pip.log"; exit 1; }
    cd "$work"  # not the source tree: only the installed package can be imported
    export COOPDESK_HOME="$home" QT_QPA_PLATFORM=offscreen
    "$venv/bin/coopdesk" --selftest
    "$venv/bin/coopdesk" --db "$home/demo.db" demo --no-encryption >/dev/null
    local month
    month=$("$venv/bin/python" -c 'import datetime as d; t = d.date.today().replace(day=1) - d.timedelta(days=1); print(f"{t:%Y-%m}")')
    COOPDESK_USER=admin COOPDESK_PASSWORD=demo-admin \
        "$venv/bin/coopdesk" --db "$home/demo.db" statement --month "$month" --all --format pdf -o "$work/$name-pdf"
    local count=0 pdf
    for pdf in "$work/$name-pdf"/*.pdf; do
        [ -f "$pdf" ] || break
        [ "$(head -c 5 "$pdf")" = "%PDF-" ] || { echo "dist-check: $pdf is not a PDF" >&2; exit 1; }
        grep -qa DejaVuSans "$pdf" || { echo "dist-check: $pdf does not embed the shipped font" >&2; exit 1; }
        count=$((count + 1))
    done
    [ "$count" -gt 0 ] || { echo "dist-check: no statement PDF from the $name install" >&2; exit 1; }
    unset COOPDESK_HOME
    cd "$root"
    echo "dist-check: $name install OK: self-test passed, $count statement PDFs ($((SECONDS - step)) s)"
}

check wheel "$wheel"
check sdist "$sdist"
echo "dist-check: passed in $((SECONDS - started)) s"

#!/bin/sh
# Install or upgrade coopdesk for the current user, from this unpacked tarball: no root, no Python.
#
#   ./install.sh              install, or replace an older version (the data is not touched)
#   ./install.sh --uninstall  remove the program; the data and the backups stay
#
# The program goes to ~/.local/opt/coopdesk, the command to ~/.local/bin/coopdesk, the menu entry and
# icons to ~/.local/share/{applications,icons,metainfo}. The data lives elsewhere, in
# ~/.local/share/coopdesk (the database, its keys, backups/ and logs/): this script never touches it.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
id=io.github.coopdesk.Coopdesk
share=${XDG_DATA_HOME:-$HOME/.local/share}
program=$HOME/.local/opt/coopdesk
bin=$HOME/.local/bin
sizes="16 24 32 48 64 128 256 512"

remove_menu_entry() {
    rm -f "$share/applications/$id.desktop" "$share/metainfo/$id.metainfo.xml" \
        "$share/icons/hicolor/scalable/apps/coopdesk.svg"
    for n in $sizes; do rm -f "$share/icons/hicolor/${n}x${n}/apps/coopdesk.png"; done
}

if [ "${1:-}" = "--uninstall" ]; then
    remove_menu_entry
    [ -L "$bin/coopdesk" ] && rm -f "$bin/coopdesk"
    rm -rf "$program"
    echo "coopdesk is removed. Your data and backups are still in $share/coopdesk."
    exit 0
fi

# The new version goes beside the old one and replaces it in one step, so a failed copy leaves the
# old version working.
mkdir -p "$(dirname "$program")" "$bin"
rm -rf "$program.new"
cp -R "$here/bundle" "$program.new"
if ! "$program.new/coopdesk" --version >/dev/null; then
    rm -rf "$program.new"
    echo "The new coopdesk does not start on this computer; the installed version is unchanged." >&2
    exit 1
fi
rm -rf "$program.old"
[ -d "$program" ] && mv "$program" "$program.old"
mv "$program.new" "$program"
rm -rf "$program.old"
ln -sf "$program/coopdesk" "$bin/coopdesk"

remove_menu_entry
mkdir -p "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
sed "s|^Exec=coopdesk|Exec=$program/coopdesk|" "$here/share/applications/$id.desktop" >"$share/applications/$id.desktop"
cp "$here/share/metainfo/$id.metainfo.xml" "$share/metainfo/"
cp "$here/share/icons/hicolor/scalable/apps/coopdesk.svg" "$share/icons/hicolor/scalable/apps/"
for n in $sizes; do
    mkdir -p "$share/icons/hicolor/${n}x${n}/apps"
    cp "$here/share/icons/hicolor/${n}x${n}/apps/coopdesk.png" "$share/icons/hicolor/${n}x${n}/apps/"
done
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true

echo "coopdesk $("$program/coopdesk" --version | cut -d' ' -f2) is installed: start it from the menu (Office), or run $bin/coopdesk."
echo "Your data is in $share/coopdesk; it was not changed."

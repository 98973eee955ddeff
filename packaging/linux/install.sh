#!/bin/sh
# Install Chairside for you alone (no administrator rights needed), from the unpacked
# download:
#
#     tar -xzf Chairside-*-linux-*.tar.gz && Chairside/install.sh
#
# It copies the program to ~/.local/opt/chairside, puts a `chairside` command in ~/.local/bin
# and Chairside in your applications menu (with its icon and its AppStream description).
# Run it again to update. `Chairside/install.sh --uninstall` (or
# ~/.local/opt/chairside/install.sh --uninstall) removes all of that again. Neither ever
# touches your records: they stay in ~/.local/share/Chairside.
set -eu

APP_ID=org.chairside.Chairside
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
app_dir=$HOME/.local/opt/chairside
bin_dir=$HOME/.local/bin
desktop_file=$data_home/applications/$APP_ID.desktop
icon_file=$data_home/icons/hicolor/scalable/apps/$APP_ID.svg
metainfo_file=$data_home/metainfo/$APP_ID.metainfo.xml

refresh_menus() {
  command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database -q "$data_home/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    gtk-update-icon-cache -q -t "$data_home/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$desktop_file" "$icon_file" "$metainfo_file"
  if [ -L "$bin_dir/chairside" ]; then rm -f "$bin_dir/chairside"; fi
  case "$here" in "$app_dir") cd / ;; esac
  rm -rf "$app_dir"
  refresh_menus
  echo "Chairside is uninstalled. Your records are still in $data_home/Chairside."
  exit 0
fi
if [ -n "${1:-}" ]; then
  echo "usage: $0 [--uninstall]" >&2
  exit 2
fi
if [ ! -x "$here/Chairside" ]; then
  echo "install.sh: run it from the unpacked Chairside folder (Chairside/install.sh)." >&2
  exit 2
fi

if [ "$here" != "$app_dir" ]; then
  mkdir -p "$(dirname "$app_dir")"
  rm -rf "$app_dir.new"
  cp -R "$here" "$app_dir.new"
  rm -rf "$app_dir"
  mv "$app_dir.new" "$app_dir"
fi
mkdir -p "$bin_dir" "$(dirname "$desktop_file")" "$(dirname "$icon_file")" \
  "$(dirname "$metainfo_file")"
ln -sf "$app_dir/Chairside" "$bin_dir/chairside"
# The menu entry starts the program by its full path: ~/.local/bin is not on every PATH.
sed "s|^Exec=.*|Exec=\"$app_dir/Chairside\"|" "$app_dir/desktop/$APP_ID.desktop" >"$desktop_file"
cp "$app_dir/_internal/resources/icons/chairside.svg" "$icon_file"
cp "$app_dir/desktop/$APP_ID.metainfo.xml" "$metainfo_file"
refresh_menus

echo "Chairside $("$app_dir/Chairside" --version | sed 's/^Chairside //') is installed:" \
  "open it from your applications menu, or run $bin_dir/chairside."
case ":$PATH:" in *":$bin_dir:"*) ;; *) echo "($bin_dir is not on your PATH.)" ;; esac

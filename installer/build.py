"""Build the installable coopdesk: the frozen bundle, its self-test, and the package for this system.

    python installer/build.py              # bundle, self-test on it, then pack
    python installer/build.py --no-pack    # bundle and self-test only

1. Compiles the translations (.qm) and checks the generated icons are there.
2. Runs PyInstaller with installer/coopdesk.spec into dist/coopdesk/ and reports its size
   (the limit is MAX_BUNDLE_MB).
3. Copies the bundle to a fresh temporary folder and runs ``coopdesk --selftest`` there with a minimal
   environment (no PATH to Python, no virtualenv, a new HOME), so it proves the bundle runs without
   Python. On Linux it also checks with ldd that no library comes from the build machine's Python.
4. Packs it: on Linux dist/coopdesk-VERSION-linux-x86_64.tar.gz (the bundle, the desktop entry, the
   icons, the AppStream metadata and install.sh); on Windows dist/coopdesk-VERSION-setup.exe with
   Inno Setup's ISCC (installer/windows/coopdesk.iss).

Exits non-zero if any step fails, the self-test above all. Needs the ``build`` extra:
``pip install -e '.[build]'``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import project

ROOT = project.ROOT
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
MAX_BUNDLE_MB = 200
APP_ID = "io.github.coopdesk.Coopdesk"  # the desktop entry's and AppStream's id
WINDOWS = sys.platform == "win32"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def step(text: str) -> None:
    print(f"\n== {text}", flush=True)


def run(command: list[str], **kwargs: object) -> None:
    print("$ " + " ".join(command), flush=True)
    subprocess.run(command, check=True, **kwargs)  # type: ignore[call-overload]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def prepare() -> None:
    step("translations and icons")
    run([sys.executable, str(ROOT / "scripts" / "translations.py"), "build"])
    run([sys.executable, str(ROOT / "installer" / "make_icons.py"), "--check"])


def bundle() -> Path:
    step("PyInstaller bundle")
    started = time.monotonic()
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={DIST}",
            f"--workpath={WORK}",
            str(ROOT / "installer" / "coopdesk.spec"),
        ]
    )
    folder = DIST / project.name()
    size = folder_size(folder) / 1e6
    print(f"bundle {folder}: {size:.0f} MB, built in {time.monotonic() - started:.0f} s")
    if size > MAX_BUNDLE_MB:
        raise SystemExit(f"the bundle is {size:.0f} MB, more than {MAX_BUNDLE_MB} MB: see the excludes in the spec")
    return folder


def minimal_environment(home: Path) -> dict[str, str]:
    """An environment like a supervisor's PC: no Python on PATH, no virtualenv, nothing of the build."""
    if WINDOWS:
        keep = ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "TEMP", "TMP", "USERPROFILE", "LOCALAPPDATA")
        env = {key: os.environ[key] for key in keep if key in os.environ}
        env["PATH"] = os.path.join(os.environ.get("SYSTEMROOT", r"C:\Windows"), "System32")
        env["APPDATA"] = str(home)
        return env
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


def selftest(folder: Path) -> None:
    step("self-test of the bundle, copied to a fresh folder, in a minimal environment")
    with tempfile.TemporaryDirectory(prefix="coopdesk-bundle-test-") as tmp:
        copy = Path(tmp) / "coopdesk"
        shutil.copytree(folder, copy, symlinks=True)
        home = Path(tmp) / "home"
        home.mkdir()
        exe = copy / (f"{project.name()}-cli.exe" if WINDOWS else project.name())
        started = time.monotonic()
        result = subprocess.run([str(exe), "--selftest"], cwd=tmp, env=minimal_environment(home), check=False)
        print(f"self-test exit code {result.returncode} in {time.monotonic() - started:.1f} s")
        if result.returncode != 0:
            raise SystemExit("the self-test of the bundle failed")
        if not WINDOWS:
            check_libraries(copy)


def check_libraries(folder: Path) -> None:
    """No executable or library of the bundle may load anything from the build machine's Python."""
    build_python = {str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    files = [folder / project.name(), *(p for p in folder.rglob("*.so*") if p.is_file())]
    leaks, unresolved = [], set()
    for path in files:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if "not found" in line:
                unresolved.add(line.split()[0])
            elif any(prefix in line for prefix in build_python) or str(ROOT) in line:
                leaks.append(f"{path.relative_to(folder)}: {line.strip()}")
    for leak in leaks:
        print(f"leak: {leak}")
    if unresolved:
        # Libraries of optional Qt plugins (e.g. xcb extras) that a desktop provides; not used offscreen.
        print(f"note: system libraries not on this machine, used by some plugins: {', '.join(sorted(unresolved))}")
    if leaks:
        raise SystemExit("the bundle loads libraries from the build machine's Python")
    print(f"ldd: {len(files)} executables and libraries, none from {', '.join(sorted(build_python))}")


def pack_linux(folder: Path) -> Path:
    step("Linux tarball")
    version = project.version()
    top = f"{project.name()}-{version}"
    target = DIST / f"{top}-linux-{platform.machine()}.tar.gz"
    linux = ROOT / "installer" / "linux"
    icons = ROOT / "coopdesk" / "resources" / "icons"
    metainfo = (linux / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    if f'<release version="{version}"' not in metainfo:
        raise SystemExit(f'add <release version="{version}" date=…/> to installer/linux/{APP_ID}.metainfo.xml')
    extra = {
        f"share/applications/{APP_ID}.desktop": linux / f"{APP_ID}.desktop",
        f"share/metainfo/{APP_ID}.metainfo.xml": linux / f"{APP_ID}.metainfo.xml",
        "share/icons/hicolor/scalable/apps/coopdesk.svg": icons / "coopdesk.svg",
        **{f"share/icons/hicolor/{n}x{n}/apps/coopdesk.png": icons / f"coopdesk-{n}.png" for n in ICON_SIZES},
    }
    started = time.monotonic()

    def executable(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=f"{top}/bundle", filter=executable)
        for name, source in extra.items():
            tar.add(source, arcname=f"{top}/{name}", filter=executable)
        tar.add(linux / "install.sh", arcname=f"{top}/install.sh", filter=executable)
    print(f"{target}: {target.stat().st_size / 1e6:.0f} MB, packed in {time.monotonic() - started:.0f} s")
    return target


def try_install_script(tarball: Path) -> None:
    """Unpack the tarball in a fresh HOME, install, upgrade, uninstall: the data folder must survive."""
    step("install.sh from the tarball, in a fresh home folder")
    with tempfile.TemporaryDirectory(prefix="coopdesk-install-test-") as tmp:
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="tar")
        (script,) = Path(tmp).glob("*/install.sh")
        home = Path(tmp) / "home"
        data = home / ".local" / "share" / "coopdesk"
        data.mkdir(parents=True)
        (data / "coopdesk.db").write_bytes(b"a supervisor's data")
        env = minimal_environment(home)
        for args in ([], [], ["--uninstall"]):  # install, upgrade in place, uninstall
            run(["sh", str(script), *args], env=env)
            installed = home / ".local" / "opt" / "coopdesk" / "coopdesk"
            if args == [] and not (home / ".local/share/applications" / f"{APP_ID}.desktop").exists():
                raise SystemExit("install.sh did not install the menu entry")
            if args == [] and not installed.exists():
                raise SystemExit("install.sh did not install the program")
        if installed.exists() or (data / "coopdesk.db").read_bytes() != b"a supervisor's data":
            raise SystemExit("install.sh --uninstall left the program or touched the data")


def find_iscc() -> str | None:
    """Inno Setup's compiler: on PATH, or where its installer puts it (for all users or for one)."""
    found = shutil.which("iscc")
    if found:
        return found
    for variable, below in (("PROGRAMFILES(X86)", ""), ("PROGRAMFILES", ""), ("LOCALAPPDATA", "Programs")):
        candidate = Path(os.environ.get(variable, "")) / below / "Inno Setup 6" / "ISCC.exe"
        if os.environ.get(variable) and candidate.exists():
            return str(candidate)
    return None


def pack_windows(folder: Path) -> Path:
    step("Windows installer (Inno Setup)")
    iscc = find_iscc()
    if iscc is None:
        raise SystemExit("Inno Setup's ISCC.exe was not found: install Inno Setup 6.5 or later")
    version = project.version()
    run(
        [
            iscc,
            f"/DAppVersion={version}",
            f"/DAppNumericVersion={'.'.join(map(str, project.numeric_version()))}",
            f"/DBundleDir={folder}",
            f"/O{DIST}",
            str(ROOT / "installer" / "windows" / "coopdesk.iss"),
        ]
    )
    target = DIST / f"{project.name()}-{version}-setup.exe"
    print(f"{target}: {target.stat().st_size / 1e6:.0f} MB")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build, self-test and pack the coopdesk bundle.")
    parser.add_argument("--no-pack", action="store_true", help="stop after the self-test")
    args = parser.parse_args(argv)
    started = time.monotonic()
    print(f"{project.name()} {project.version()} on {platform.system()} {platform.machine()}, Python {sys.version}")
    prepare()
    folder = bundle()
    selftest(folder)
    if not args.no_pack:
        if WINDOWS:
            pack_windows(folder)
        else:
            try_install_script(pack_linux(folder))
    print(f"\nbuild done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Reading kit versions (a git tag, a release archive, the repository's HEAD) and writing files.

Git runs with local paths or the library's own remote only; nothing here opens a connection
of its own. Every file `invoke upgrade` writes or deletes goes through write_entry/delete_entry,
which check the path with the write guard first (guarded_path).
"""

from __future__ import annotations

import os
import subprocess
import tarfile

from .upgradeplan import Tree
from .writeguard import WriteRefused, checked_path

SYMLINK = "120000"
EXECUTABLE = "100755"


class UpgradeError(Exception):
    """A reason `invoke upgrade` stops, in words that say what to do."""


def git(root: str, *arguments: str, data: bytes | None = None) -> bytes:
    done = subprocess.run(["git", *arguments], cwd=root, input=data, capture_output=True,
                          timeout=600)
    if done.returncode:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UpgradeError(f"git {' '.join(arguments[:3])}: {message[-1] if message else ''}")
    return done.stdout


def has_ref(root: str, ref: str) -> bool:
    return subprocess.run(["git", "rev-parse", "-q", "--verify", f"{ref}^{{commit}}"],
                          cwd=root, capture_output=True).returncode == 0


def fetch_tag(root: str, remote: str, tag: str) -> None:
    """Bring the tag from the remote unless the repository has it already."""
    if not has_ref(root, f"refs/tags/{tag}"):
        git(root, "fetch", "--no-tags", remote, f"refs/tags/{tag}:refs/tags/{tag}")


def remote_tags(root: str, remote: str) -> list[str]:
    """The tag names a remote has (git ls-remote: nothing is fetched)."""
    output = git(root, "ls-remote", "--tags", "--refs", remote).decode("utf-8")
    return [line.split("refs/tags/", 1)[1] for line in output.splitlines() if "refs/tags/" in line]


def tree_at(root: str, ref: str) -> Tree:
    """Every file of a commit (a tag, HEAD), read in one `git cat-file --batch`."""
    listing = git(root, "ls-tree", "-r", "-z", "--full-tree", ref).split(b"\0")
    entries = []
    for line in filter(None, listing):
        meta, _tab, path = line.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind == "blob":
            entries.append((path.decode("utf-8"), mode, sha))
    output = git(root, "cat-file", "--batch",
                 data="".join(f"{sha}\n" for _p, _m, sha in entries).encode())
    tree, offset = {}, 0
    for path, mode, _sha in entries:
        header_end = output.index(b"\n", offset)
        size = int(output[offset:header_end].split()[2])
        tree[path] = (mode, output[header_end + 1:header_end + 1 + size])
        offset = header_end + 1 + size + 1  # the data, then a newline
    return tree


def tree_from_archive(path: str) -> Tree:
    """The files of a release archive (`git archive --prefix=shelfcast-X.Y.Z/` .tar.gz)."""
    try:
        with tarfile.open(path, "r:*") as archive:
            members = [m for m in archive.getmembers() if m.isfile() or m.issym()]
            tops = {m.name.split("/", 1)[0] for m in members}
            strip = len(tops.pop()) + 1 if len(tops) == 1 and all("/" in m.name
                                                                  for m in members) else 0
            tree = {}
            for member in members:
                name = member.name[strip:]
                if name.startswith("/") or ".." in name.split("/"):
                    raise UpgradeError(f"{path}: {member.name} points outside the kit; this is "
                                       "not a Shelfcast release archive")
                if member.issym():
                    tree[name] = (SYMLINK, member.linkname.encode("utf-8"))
                else:
                    mode = EXECUTABLE if member.mode & 0o111 else "100644"
                    tree[name] = (mode, archive.extractfile(member).read())
    except (OSError, tarfile.TarError) as err:
        raise UpgradeError(f"{path}: cannot be read as a .tar.gz release archive ({err})") \
            from None
    return tree


def changed_paths(root: str) -> list[str]:
    """Tracked files with changes not committed (staged or not)."""
    output = git(root, "status", "--porcelain", "-z", "--untracked-files=no")
    return [entry[3:].decode("utf-8") for entry in output.split(b"\0") if len(entry) > 3]


def guarded_path(root: str, relative: str) -> str:
    """The path `invoke upgrade` writes for `relative`, refused (by the write guard) unless it
    stays inside the repository. A symbolic link is the link itself, not what it points to."""
    try:
        checked_path(root, relative)
    except WriteRefused as err:
        raise UpgradeError(f"{err}: the kit version is damaged") from None
    folder = os.path.realpath(os.path.join(root, os.path.dirname(relative)))
    return os.path.join(folder, os.path.basename(relative))


def write_entry(root: str, relative: str, entry: tuple[str, bytes]) -> None:
    mode, data = entry
    path = guarded_path(root, relative)
    if mode == SYMLINK:
        # A link the kit ships (tests/fixture_site/pelicanconf.py) must point inside it too.
        guarded_path(root, os.path.normpath(os.path.join(os.path.dirname(relative),
                                                         data.decode("utf-8"))))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.islink(path) or os.path.exists(path):
        os.remove(path)
    if mode == SYMLINK:
        os.symlink(data.decode("utf-8"), path)
        return
    with open(path, "wb") as handle:
        handle.write(data)
    os.chmod(path, 0o755 if mode == EXECUTABLE else 0o644)


def delete_entry(root: str, relative: str) -> None:
    """Delete a file and the folders it leaves empty (git does not keep empty folders)."""
    path = guarded_path(root, relative)
    if os.path.islink(path) or os.path.exists(path):
        os.remove(path)
    folder = os.path.dirname(path)
    while folder != os.path.realpath(root) and os.path.isdir(folder) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)

#!/usr/bin/env python3
"""Writes the package-index fixtures in the mirrors' own layout and formats, from the fixture root filesystems.

  debian/dists/bookworm/main/binary-amd64/Packages{,.gz,.xz}          every package of rootfs/debian12, and more
  debian-security/dists/bookworm-security/main/binary-amd64/Packages.xz   newer openssl binaries only
  ubuntu/dists/jammy/main/binary-amd64/Packages{,.xz}                 every package of rootfs/ubuntu2204, and more
  alpine/v3.19/{main,community}/x86_64/APKINDEX.tar.gz (+ main's APKINDEX)   signature member first, as Alpine signs it

Run from this folder: ./make-fixtures.py (needs gzip and xz). The output is deterministic.
"""
import gzip, hashlib, io, os, subprocess, tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOTFS = os.path.join(HERE, "..", "rootfs")


def paragraphs(path):
    with open(path, encoding="utf-8") as f:
        for block in f.read().split("\n\n"):
            fields, last = {}, None
            for line in block.splitlines():
                if line[:1] in (" ", "\t"):
                    fields[last] += "\n" + line
                elif line:
                    last, value = line.split(":", 1)
                    fields[last] = value.strip()
            if fields:
                yield fields


def deb_paragraph(package, version, source=None, arch="amd64", section="misc", description="fixture package"):
    """A paragraph with the fields and field order of Debian's Packages files."""
    pool = (source or package).split(" ")[0]
    prefix = pool[:4] if pool.startswith("lib") else pool[0]
    file_version = version.split(":", 1)[-1]
    digest = hashlib.sha256(f"{package}_{version}".encode()).hexdigest()
    lines = [f"Package: {package}"]
    if source:
        lines.append(f"Source: {source}")
    lines += [
        f"Version: {version}", "Installed-Size: 1024",
        "Maintainer: Depwatch Fixture Maintainers <fixtures@depwatch.invalid>", f"Architecture: {arch}",
        f"Description: {description}", f"Homepage: https://example.invalid/{pool}",
        f"Description-md5: {digest[:32]}", "Tag: role::program,", " implemented-in::c", f"Section: {section}",
        "Priority: optional", f"Filename: pool/main/{prefix}/{pool}/{package}_{file_version}_{arch}.deb",
        "Size: 123456", f"MD5sum: {digest[32:]}", f"SHA256: {digest}",
    ]
    return "\n".join(lines) + "\n"


def from_status(rootfs, overrides=None):
    overrides = overrides or {}
    out = []
    for p in paragraphs(os.path.join(ROOTFS, rootfs, "var/lib/dpkg/status")):
        name = p["Package"]
        version, source = overrides.get(name, (p["Version"], p.get("Source")))
        out.append(deb_paragraph(name, version, source, p.get("Architecture", "amd64"), p.get("Section", "misc"), p.get("Description", "").split("\n")[0]))
    return out


def write_deb(relative, text, forms):
    folder = os.path.join(HERE, relative)
    os.makedirs(folder, exist_ok=True)
    data = text.encode()
    if "plain" in forms:
        open(os.path.join(folder, "Packages"), "wb").write(data)
    if "gz" in forms:
        open(os.path.join(folder, "Packages.gz"), "wb").write(gzip.compress(data, 9, mtime=0))
    if "xz" in forms:
        xz = subprocess.run(["xz", "-9", "-c", "--check=crc64"], input=data, capture_output=True, check=True).stdout
        open(os.path.join(folder, "Packages.xz"), "wb").write(xz)


def apk_entry(package, version, origin, description="fixture package"):
    digest = hashlib.sha1(f"{package}-{version}".encode()).hexdigest()
    return "\n".join([
        f"C:Q1{digest[:27]}=", f"P:{package}", f"V:{version}", "A:x86_64", "S:12345", "I:45056", f"T:{description}",
        f"U:https://example.invalid/{origin}", "L:MIT", f"o:{origin}",
        "m:Depwatch Fixture Maintainers <fixtures@depwatch.invalid>", "t:1705000000", f"c:{digest[:40]}",
    ]) + "\n"


def cut_tar(members):
    """A tar stream without its end-of-archive blocks, as abuild-tar --cut writes the parts of APKINDEX.tar.gz."""
    buffer = io.BytesIO()
    archive = tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT)
    for name, data in members:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode, info.uname, info.gname = len(data), 1705000000, 0o644, "root", "root"
        archive.addfile(info, io.BytesIO(data))
    end = archive.offset
    archive.close()
    return buffer.getvalue()[:end]


def write_apk(relative, entries, keep_plain=False):
    folder = os.path.join(HERE, relative)
    os.makedirs(folder, exist_ok=True)
    index = "\n".join(entries).encode()
    signature = cut_tar([(".SIGN.RSA.alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub", hashlib.sha512(index).digest() * 4)])
    content = cut_tar([("DESCRIPTION", b"v3.19.1-0-gdepwatch"), ("APKINDEX", index)])
    with open(os.path.join(folder, "APKINDEX.tar.gz"), "wb") as f:
        f.write(gzip.compress(signature, 9, mtime=0) + gzip.compress(content, 9, mtime=0))
    if keep_plain:
        open(os.path.join(folder, "APKINDEX"), "wb").write(index)


def debian():
    main = from_status("debian12", {"bash": ("5.2.15-2+b7", "bash (5.2.15-2)")}) + [
        deb_paragraph("adduser", "3.134", arch="all", section="admin"),
        deb_paragraph("dpkg", "1.21.22", section="admin"),
        deb_paragraph("libgcc-s1", "12.2.0-14", "gcc-12", section="libs"),
        deb_paragraph("gcc", "4:12.2.0-3", "gcc-defaults (1.203)", section="devel"),
        deb_paragraph("libpam0g", "1.5.2-6+deb12u1", "pam", section="libs"),
    ]
    write_deb("debian/dists/bookworm/main/binary-amd64", "\n".join(sorted(main)), {"plain", "gz", "xz"})
    security = [deb_paragraph(name, "3.0.15-1~deb12u1", source, section="libs") for name, source in [("libssl3", "openssl"), ("openssl", None)]]
    write_deb("debian-security/dists/bookworm-security/main/binary-amd64", "\n".join(security), {"xz"})


def ubuntu():
    main = from_status("ubuntu2204") + [deb_paragraph("adduser", "3.118ubuntu5", arch="all", section="admin")]
    write_deb("ubuntu/dists/jammy/main/binary-amd64", "\n".join(sorted(main)), {"plain", "xz"})


def alpine():
    entries = []
    for p in paragraphs(os.path.join(ROOTFS, "alpine319/lib/apk/db/installed")):
        entries.append(apk_entry(p["P"], p["V"], p.get("o", p["P"]), p.get("T", "")))
    entries.append(apk_entry("openssl", "3.1.4-r5", "openssl", "Toolkit for Transport Layer Security (TLS)"))
    write_apk("alpine/v3.19/main/x86_64", sorted(entries), keep_plain=True)
    write_apk("alpine/v3.19/community/x86_64", [apk_entry("py3-certifi", "2023.11.17-r0", "py3-certifi")])


debian()
ubuntu()
alpine()

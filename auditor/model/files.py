"""Reading a file the user named: only a regular file, never a FIFO or a device (opening one
blocks or acts on it), and never more than a limit. Every input goes through here: reports, rule
and configuration files, baselines, mappings."""

from __future__ import annotations

import errno
import os
import stat

from auditor.model.errors import InputError, Said

MB = 1_000_000
TEXT_LIMIT = 10 * MB  # a rule, configuration, baseline or mapping file

_KINDS = [(stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "char_device"), (stat.S_ISBLK, "block_device"),
          (stat.S_ISSOCK, "socket")]
# What the system says, by error number, in the catalogue's words (input.os.*).
_OS_REASONS = {"EACCES": "denied", "EPERM": "denied", "ENOSPC": "no_space", "EDQUOT": "no_space", "EROFS": "read_only",
               "EIO": "io", "ENAMETOOLONG": "name_too_long", "ELOOP": "loop", "EBUSY": "busy",
               "EADDRINUSE": "address_in_use", "EADDRNOTAVAIL": "address_unavailable"}


def too_large(size: int, limit: int, what: str = "file") -> Said:
    """The reason given for `what` (input.what.*) of `size` bytes over the `limit`."""
    shown = f"{size / MB:.1f} MB" if size < 10 * MB else f"{size // MB} MB"
    return Said("input.too_large", what=Said(f"input.what.{what}"), size=shown, limit=limit // MB)


def status(name: str) -> os.stat_result:
    """The file's status, following links; InputError when there is no file to read."""
    try:
        return os.stat(name)
    except ValueError:  # a NUL character in the name
        raise InputError(name, Said("input.invalid_name")) from None
    except (FileNotFoundError, NotADirectoryError):
        try:
            broken = stat.S_ISLNK(os.lstat(name).st_mode)
        except (OSError, ValueError):
            broken = False
        raise InputError(name, Said("input.broken_link" if broken else "input.no_such_file")) from None
    except OSError as e:
        raise InputError(name, os_reason(e)) from None


def not_regular(mode: int) -> Said | None:
    if stat.S_ISDIR(mode):
        return Said("input.is_directory")
    if stat.S_ISREG(mode):
        return None
    kind = next((kind for test, kind in _KINDS if test(mode)), "special")
    return Said("input.not_regular", kind=Said(f"input.kind.{kind}"))


# Non-blocking, in case the file was replaced by a FIFO since it was checked; no effect on a
# regular file.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def read_bounded(name: str, limit: int) -> bytes:
    """The bytes of the file, at most `limit` of them (InputError beyond)."""
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except (FileNotFoundError, NotADirectoryError):  # removed since the check above
        raise InputError(name, Said("input.no_such_file")) from None
    except IsADirectoryError:
        raise InputError(name, Said("input.is_directory")) from None
    except OSError as e:
        raise InputError(name, os_reason(e)) from None
    with open(fd, "rb", closefd=True) as f:
        try:
            info = os.fstat(fd)
            reason = not_regular(info.st_mode)
            if reason:  # replaced since the check above
                raise InputError(name, reason)
            if info.st_size > limit:
                raise InputError(name, too_large(info.st_size, limit))
            data = f.read(info.st_size + 1)
            if len(data) > info.st_size:  # growing, or a size the system does not know (/proc)
                parts, size = [data], len(data)
                while size <= limit:
                    part = f.read(min(1 << 20, limit + 1 - size))
                    if not part:
                        break
                    parts.append(part)
                    size += len(part)
                data = b"".join(parts)
        except OSError as e:
            raise InputError(name, os_reason(e)) from None
    if len(data) > limit:
        raise InputError(name, too_large(len(data), limit))
    return data


def os_reason(error: OSError) -> Said:
    known = _OS_REASONS.get(errno.errorcode.get(error.errno or 0, ""))
    return Said(f"input.os.{known}") if known else Said("input.os.other", detail=(error.strerror or str(error)).lower())


def read_regular(name: str, limit: int = TEXT_LIMIT) -> bytes:
    """The bytes of the regular file `name`, at most `limit` of them; InputError otherwise."""
    reason = not_regular(status(name).st_mode)
    if reason:
        raise InputError(name, reason)
    return read_bounded(name, limit)

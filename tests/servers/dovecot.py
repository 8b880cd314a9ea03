"""A throwaway Debian Dovecot 2.3 IMAP server on loopback, for tests against a real server.

``DovecotServer`` writes a minimal config into a fresh temporary directory, runs
``/usr/sbin/dovecot -F -c CONF`` in the foreground (so the PID we hold is the
master's), and offers helpers that act on mailboxes through real IMAP sessions
(imapclient) or ``doveadm``. The layout follows
/work/shared/reference/libraries.md, "Dovecot as a real IMAP server for tests".
"""

from __future__ import annotations

import atexit
import contextlib
import grp
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# imapclient has no type information (pyproject's mypy override): its objects are Any.
from imapclient import IMAPClient

from tests.servers.ports import LOOPBACK, free_port

DOVECOT_BINARY = Path("/usr/sbin/dovecot")
DOVEADM_BINARY = Path("/usr/bin/doveadm")

BOT_USER = "bot@example.test"
BOT_PASSWORD = "s3cret"
OAUTH_USER = "oauth@example.test"
# Dovecot 2.3 checks XOAUTH2/OAUTHBEARER bearer tokens against the ordinary
# passdb, so storing the token as this user's password makes the token "valid".
OAUTH_TOKEN = "ya29.fake-access-token"

START_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 10.0
IMAP_TIMEOUT_S = 10.0
_POLL_S = 0.02
_LOG_TAIL_LINES = 40

# \Recent depends on which session saw a message first, so it is dropped from
# flags() to keep assertions deterministic.
_RECENT = b"\\Recent"
_APPENDUID = re.compile(rb"\[APPENDUID \d+ (\d+)\]")
# sysexits EX_NOUSER: doveadm kick's exit code when no connection matched.
_EX_NOUSER = 68


class DovecotError(RuntimeError):
    """The test Dovecot could not be started, stopped or driven."""


class DovecotServer:
    """One Dovecot 2.3 instance with plaintext IMAP on 127.0.0.1 and maildir storage.

    Users live in one passwd-file per user (``{PLAIN}`` passwords), so
    ``add_user`` works while it runs. Mailbox helpers log in as the user with
    the password recorded here.
    """

    def __init__(self, *, max_userip_connections: int = 50) -> None:
        # Not under pytest's tmp_path: /tmp/pytest-of-root is 0700 and the auth
        # process (user "dovecot") then cannot traverse it to read the users file.
        self._dir = Path(tempfile.mkdtemp(prefix="portdesk-dovecot-"))
        self._dir.chmod(0o755)
        self._max_userip_connections = max_userip_connections
        self._port = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._users: dict[str, str] = {}
        self._users_lock = threading.Lock()
        # Unique greeting: start() waits for *this* server's banner, so a stray
        # listener that already holds the port cannot look like a ready Dovecot.
        self._greeting = f"portdesk-test-dovecot {uuid.uuid4().hex}"
        self._closed = False
        for sub in ("run", "state", "mail", "users.d"):
            (self._dir / sub).mkdir()
            # Explicit chmod: mkdir's mode is filtered by the umask.
            (self._dir / sub).chmod(0o755)
        self._is_root = os.geteuid() == 0
        if self._is_root:
            # Mail is stored as nobody:nogroup (the static userdb below); the
            # mail processes create each user's home under mail/ themselves.
            os.chown(self._dir / "mail", _uid("nobody"), _gid("nogroup"))
        self.add_user(BOT_USER, BOT_PASSWORD)
        self.add_user(OAUTH_USER, OAUTH_TOKEN)
        # Safety net if the test process exits without running fixture teardown.
        atexit.register(self.close)

    # ------------------------------------------------------------------ properties

    @property
    def host(self) -> str:
        return LOOPBACK

    @property
    def port(self) -> int:
        return self._port

    @property
    def directory(self) -> Path:
        return self._dir

    @property
    def config_path(self) -> Path:
        return self._dir / "dovecot.conf"

    @property
    def log_path(self) -> Path:
        return self._dir / "dovecot.log"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def log_text(self) -> str:
        """Dovecot's log file plus anything the master printed before opening it."""
        parts = []
        for path in (self._dir / "dovecot.stderr", self.log_path):
            if path.exists():
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
        return "".join(parts)

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Start Dovecot and return once it greets on its port.

        The first start picks a free port and retries with another one if the
        port was taken in between; later starts (``restart``) keep the port.
        """
        if self._closed:
            raise DovecotError("server was closed")
        if self.running:
            return
        if not DOVECOT_BINARY.exists():
            raise DovecotError(f"{DOVECOT_BINARY} is not installed (apt-get install dovecot-imapd)")
        keep_port = self._port != 0
        attempts = 1 if keep_port else 3
        for attempt in range(attempts):
            if not keep_port:
                self._port = free_port()
            self._write_config()
            try:
                self._launch_and_wait()
                return
            except DovecotError:
                in_use = "Address already in use" in self.log_text()
                if keep_port or not in_use or attempt == attempts - 1:
                    raise

    def stop(self, *, graceful: bool = True) -> None:
        """Stop Dovecot and wait until none of its processes is left.

        ``graceful=True``: SIGTERM to every Dovecot process (the master was
        started as a process-group leader), so connected clients get
        ``* BYE Server shutting down.``; SIGKILL if they are not gone in 10 s.
        Signalling only the master would take 1 s and leave logged-in imap
        processes running for another ~10 s.
        ``graceful=False``: SIGKILL to all of them, like a crash; clients see
        the connection close without a BYE.
        """
        proc = self._proc
        if proc is None:
            return
        self._proc = None
        _killpg(proc.pid, signal.SIGTERM if graceful else signal.SIGKILL)
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            _killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=STOP_TIMEOUT_S)
        # Children (imap-login holds the listening socket) can outlive the
        # master briefly; wait for them so that restart() can bind the port.
        if not _wait_until(lambda: not _group_has_live_members(proc.pid), STOP_TIMEOUT_S):
            _killpg(proc.pid, signal.SIGKILL)
            if not _wait_until(lambda: not _group_has_live_members(proc.pid), STOP_TIMEOUT_S):
                raise DovecotError(f"dovecot processes of group {proc.pid} survived SIGKILL")

    def restart(self, *, graceful: bool = True) -> None:
        """Stop and start again on the same port; mail and users are kept."""
        self.stop(graceful=graceful)
        self.start()

    def close(self) -> None:
        """Stop the server and remove its directory (mail, config, log)."""
        if self._closed:
            return
        self.stop()
        self._closed = True
        shutil.rmtree(self._dir, ignore_errors=True)
        atexit.unregister(self.close)

    def __enter__(self) -> DovecotServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ users

    def add_user(self, user: str, password: str) -> None:
        """Add a user, or change a user's password; effective when this returns.

        Each user has its own passwd-file (``users.d/USER``): Dovecot re-reads a
        passwd-file at most once per second and only if its mtime or size
        changed, so a user appended to one shared file is "unknown" for up to a
        second. A new per-user file is read on its first lookup instead.
        """
        if (
            not user
            or "/" in user
            or user.startswith(".")
            or any(c in user + password for c in ":\n\r")
        ):
            raise ValueError(f"unusable test user or password: {user!r}")
        with self._users_lock:
            replacing = user in self._users
            self._users[user] = password
            path = self._dir / "users.d" / user
            old_mtime = path.stat().st_mtime_ns if replacing else 0
            # Write-then-rename so Dovecot never reads a half-written file.
            fd, tmp = tempfile.mkstemp(dir=self._dir / "users.d", prefix=".new-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(f"{user}:{{PLAIN}}{password}\n")
            # mkstemp makes the file 0600, but the auth process runs as the
            # "dovecot" user when we are root and must be able to read it.
            os.chmod(tmp, 0o644)
            if replacing:
                # Dovecot compares whole-second mtimes; make sure this one differs.
                mtime = max(time.time_ns(), old_mtime + 1_000_000_000)
                os.utime(tmp, ns=(mtime, mtime))
            os.replace(tmp, path)
        if replacing and self.running:
            self._wait_for_password(user, password)

    def _wait_for_password(self, user: str, password: str) -> None:
        # The once-per-second re-read gate means a changed password may need
        # up to ~1 s; poll real logins (auth_failure_delay is 0 here).
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            client = IMAPClient(self.host, port=self.port, ssl=False, timeout=IMAP_TIMEOUT_S)
            try:
                client.login(user, password)
            except IMAPClient.Error:
                if time.monotonic() > deadline:
                    raise DovecotError(f"new password for {user} not accepted") from None
                time.sleep(0.1)
            else:
                client.logout()
                return
            finally:
                with contextlib.suppress(Exception):
                    client.shutdown()

    def password(self, user: str) -> str:
        with self._users_lock:
            try:
                return self._users[user]
            except KeyError:
                raise DovecotError(f"unknown test user {user!r}") from None

    def new_mailbox(self, prefix: str = "test", password: str = BOT_PASSWORD) -> Mailbox:
        """Create a user with a unique address, and so a fresh, empty mailbox."""
        user = f"{prefix}-{uuid.uuid4().hex[:12]}@example.test"
        self.add_user(user, password)
        return Mailbox(self, user)

    # ------------------------------------------------------------------ IMAP helpers

    def connect(self, user: str = BOT_USER, *, timeout: float = IMAP_TIMEOUT_S) -> Any:
        """Return a logged-in ``IMAPClient``; the caller logs out."""
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=timeout)
        try:
            client.login(user, self.password(user))
        except BaseException:
            with contextlib.suppress(Exception):
                client.shutdown()
            raise
        return client

    @contextlib.contextmanager
    def session(self, user: str = BOT_USER) -> Iterator[Any]:
        """A logged-in ``IMAPClient`` that is logged out on exit."""
        client = self.connect(user)
        try:
            yield client
        finally:
            try:
                client.logout()
            except Exception:
                # The test may have kicked or restarted the server underneath us.
                with contextlib.suppress(Exception):
                    client.shutdown()

    def append(
        self,
        folder: str,
        raw: bytes,
        *,
        user: str = BOT_USER,
        flags: Iterable[bytes | str] = (),
    ) -> int:
        """Deliver ``raw`` into ``folder`` with IMAP APPEND; return the new UID."""
        with self.session(user) as client:
            response = client.append(folder, raw, flags=tuple(flags))
        # Dovecot supports UIDPLUS, so the tagged OK carries [APPENDUID validity uid].
        match = _APPENDUID.search(response if isinstance(response, bytes) else b"")
        if match is None:
            raise DovecotError(f"APPEND response without APPENDUID: {response!r}")
        return int(match.group(1))

    def create_folder(self, folder: str, *, user: str = BOT_USER) -> None:
        """Create ``folder`` unless it exists already."""
        with self.session(user) as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)

    def folders(self, *, user: str = BOT_USER) -> list[str]:
        with self.session(user) as client:
            return [str(name) for _flags, _delim, name in client.list_folders()]

    def uids(self, folder: str = "INBOX", *, user: str = BOT_USER) -> list[int]:
        """All UIDs in ``folder``, ascending (read-only; flags are not touched)."""
        with self.session(user) as client:
            client.select_folder(folder, readonly=True)
            return sorted(int(u) for u in client.search(["ALL"]))

    def flags(self, folder: str = "INBOX", *, user: str = BOT_USER) -> dict[int, frozenset[bytes]]:
        """UID -> flags, as bytes like imapclient's (``b"\\\\Seen"``), without ``\\Recent``."""
        with self.session(user) as client:
            client.select_folder(folder, readonly=True)
            # imapclient 4.x rejects range strings such as "1:*" here; pass the
            # list of ints from search() instead.
            uids = [int(u) for u in client.search(["ALL"])]
            if not uids:
                return {}
            raw = client.get_flags(uids)
        return {int(uid): frozenset(f for f in fl if f != _RECENT) for uid, fl in raw.items()}

    def fetch_bodies(self, folder: str = "INBOX", *, user: str = BOT_USER) -> dict[int, bytes]:
        """UID -> raw message via ``BODY.PEEK[]`` (does not set \\Seen)."""
        with self.session(user) as client:
            client.select_folder(folder, readonly=True)
            uids = [int(u) for u in client.search(["ALL"])]
            if not uids:
                return {}
            data = client.fetch(uids, ["BODY.PEEK[]"])
        return {int(uid): bytes(item[b"BODY[]"]) for uid, item in data.items()}

    def message_count(self, folder: str = "INBOX", *, user: str = BOT_USER) -> int:
        with self.session(user) as client:
            status = client.folder_status(folder, ["MESSAGES"])
        return int(status[b"MESSAGES"])

    def kick(self, user: str = BOT_USER) -> bool:
        """Drop every IMAP connection of ``user`` (``doveadm kick``).

        Returns whether any connection was kicked, once ``doveadm who`` no
        longer lists the user (doveadm returns as soon as it has signalled).
        """
        result = self._doveadm("kick", user)
        if result.returncode == _EX_NOUSER:
            return False  # "no users kicked": nothing to drop.
        if result.returncode != 0:
            raise DovecotError(
                f"doveadm kick {user} failed ({result.returncode}): "
                f"{(result.stdout + result.stderr).strip()}"
            )
        if not _wait_until(lambda: self.connection_count(user) == 0, STOP_TIMEOUT_S):
            raise DovecotError(f"{user} still connected {STOP_TIMEOUT_S:.0f} s after kick")
        return True

    def connection_count(self, user: str = BOT_USER) -> int:
        """Number of logged-in IMAP connections of ``user`` (``doveadm who``)."""
        result = self._doveadm("who", "-1", user)
        if result.returncode != 0:
            output = (result.stdout + result.stderr).strip()
            raise DovecotError(f"doveadm who failed ({result.returncode}): {output}")
        # First line is the column header; one line per connection follows.
        return sum(1 for line in result.stdout.splitlines()[1:] if line.split()[:1] == [user])

    def _doveadm(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(DOVEADM_BINARY), "-c", str(self.config_path), *args],
            capture_output=True,
            text=True,
            timeout=STOP_TIMEOUT_S,
            check=False,
        )

    # ------------------------------------------------------------------ internals

    def _log_tail(self) -> str:
        lines = self.log_text().splitlines()[-_LOG_TAIL_LINES:]
        return "\n".join(lines) if lines else "(log is empty)"

    def _write_config(self) -> None:
        d = self._dir
        if self._is_root:
            mail_uid, mail_gid = "nobody", "nogroup"
            extra_global = ""
            # As root the login and anvil processes chroot (Dovecot's default).
            login_chroot = ""
            anvil_chroot = ""
        else:
            # Non-root: every Dovecot process runs as us, and chroot() is not
            # permitted, also not for anvil (else "anvil: Fatal: chroot(...)").
            me = pwd.getpwuid(os.getuid()).pw_name
            my_group = grp.getgrgid(os.getgid()).gr_name
            mail_uid, mail_gid = me, my_group
            extra_global = (
                f"default_login_user = {me}\n"
                f"default_internal_user = {me}\n"
                f"default_internal_group = {my_group}\n"
                f"first_valid_uid = {min(os.getuid(), 500)}\n"
                f"first_valid_gid = {min(os.getgid(), 1)}\n"
            )
            login_chroot = "  chroot =\n"
            anvil_chroot = "  chroot =\n"
        config = f"""\
# Throwaway Dovecot 2.3 for portdesk tests (generated by tests/servers/dovecot.py).
protocols = imap
listen = {LOOPBACK}
base_dir = {d}/run
state_dir = {d}/state
instance_name = portdesk-{d.name}
log_path = {d}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_verbose = yes
# Answer bad logins after ~0.5 s (Dovecot's flush tick) instead of the default 2 s.
auth_failure_delay = 0
mail_location = maildir:~/Maildir
# Throwaway data: durability does not matter, speed does.
mail_fsync = never
# Several workers of the daemon under test log in as the same user from 127.0.0.1.
mail_max_userip_connections = {self._max_userip_connections}
# Fallback poll interval for IDLE if inotify is unavailable.
mailbox_idle_check_interval = 1 secs
login_greeting = {self._greeting}
{extra_global}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users.d/%u
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={d}/mail/%u
}}

service imap-login {{
{login_chroot}  inet_listener imap {{
    address = {LOOPBACK}
    port = {self._port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}

# No auth penalty: after a failed login anvil delays the *next* login from the
# same IP by 2-15 s (login_trusted_networks does not exempt it in 2.3), which
# would leak into every later test on 127.0.0.1. Without this socket the auth
# process silently skips penalties.
service anvil {{
{anvil_chroot}  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""
        self.config_path.write_text(config, encoding="utf-8")

    def _launch_and_wait(self) -> None:
        stderr_path = self._dir / "dovecot.stderr"
        with stderr_path.open("wb") as stderr:
            # Popen execs dovecot directly, so proc.pid is the master's PID.
            # Own session: the master is a group leader, and a SIGKILL fallback
            # can reach its children through the group.
            self._proc = subprocess.Popen(
                [str(DOVECOT_BINARY), "-F", "-c", str(self.config_path)],
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            code = self._proc.poll()
            if code is not None:
                self._proc = None
                raise DovecotError(
                    f"dovecot exited with code {code} while starting on port {self._port}; "
                    f"log tail:\n{self._log_tail()}"
                )
            if self._greets():
                return
            if time.monotonic() > deadline:
                self.stop()
                raise DovecotError(
                    f"dovecot did not greet on {LOOPBACK}:{self._port} within "
                    f"{START_TIMEOUT_S:.0f} s; log tail:\n{self._log_tail()}"
                )
            time.sleep(_POLL_S)

    def _greets(self) -> bool:
        """True once a connection gets this instance's IMAP greeting."""
        try:
            with socket.create_connection((LOOPBACK, self._port), timeout=1.0) as sock:
                banner = b""
                while b"\r\n" not in banner:
                    chunk = sock.recv(1024)
                    if not chunk:
                        return False
                    banner += chunk
        except OSError:
            return False
        return banner.startswith(b"* OK") and self._greeting.encode() in banner


@dataclass(frozen=True)
class Mailbox:
    """One test user's mailbox on a ``DovecotServer`` (what ``imap_mailbox`` yields)."""

    server: DovecotServer
    user: str

    @property
    def password(self) -> str:
        """The current password; ``server.add_user(user, new)`` changes it."""
        return self.server.password(self.user)

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    def connect(self, *, timeout: float = IMAP_TIMEOUT_S) -> Any:
        """A logged-in ``IMAPClient`` for this user; the caller logs out."""
        return self.server.connect(self.user, timeout=timeout)

    def session(self) -> contextlib.AbstractContextManager[Any]:
        return self.server.session(self.user)

    def append(self, folder: str, raw: bytes, *, flags: Iterable[bytes | str] = ()) -> int:
        return self.server.append(folder, raw, user=self.user, flags=flags)

    def create_folder(self, folder: str) -> None:
        self.server.create_folder(folder, user=self.user)

    def folders(self) -> list[str]:
        return self.server.folders(user=self.user)

    def uids(self, folder: str = "INBOX") -> list[int]:
        return self.server.uids(folder, user=self.user)

    def flags(self, folder: str = "INBOX") -> dict[int, frozenset[bytes]]:
        return self.server.flags(folder, user=self.user)

    def fetch_bodies(self, folder: str = "INBOX") -> dict[int, bytes]:
        return self.server.fetch_bodies(folder, user=self.user)

    def message_count(self, folder: str = "INBOX") -> int:
        return self.server.message_count(folder, user=self.user)

    def kick(self) -> bool:
        return self.server.kick(self.user)

    def connection_count(self) -> int:
        return self.server.connection_count(self.user)


def _uid(name: str) -> int:
    return pwd.getpwnam(name).pw_uid


def _gid(name: str) -> int:
    return grp.getgrnam(name).gr_gid


def _group_has_live_members(pgid: int) -> bool:
    """Whether a non-zombie process is in process group ``pgid``.

    Zombies are skipped: after the master exits its children are reparented,
    and whoever reaps them may take a while, but a zombie holds no sockets.
    """
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue  # exited while we looked
        # Fields after "(comm)": state, ppid, pgrp, ... (comm may hold spaces).
        fields = stat[stat.rindex(")") + 2 :].split()
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def _wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(_POLL_S)
    return True


def _killpg(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)

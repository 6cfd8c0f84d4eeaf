"""irctest controller for Parley (https://github.com/progval/irctest).

Parley's own code (no irctest code is copied here; irctest is imported from a checkout kept
outside the repository): put this file's directory on PYTHONPATH and run irctest with
--controller parley_controller. PARLEY_JAR is the packaged server (default: the one
`mvn -o -q -DskipTests package -pl server -am` builds in this checkout).

Every test gets a fresh Parley: its own data directory and config in a temporary directory,
the IRC listener on irctest's port, the account listener on a second free port (accounts are
built in, so registerUser() registers through Parley's own account protocol and the
"services" tests need no services package), every other listener off.

registerUser() speaks the account protocol (docs/protocols/account.md): C USER, then C PASS
with the password encrypted to the server's key in the pg3lib form (RSA-OAEP-SHA256 of a Fernet
key, then the Fernet token), with Python's `cryptography` package (Debian: python3-cryptography).
The test server accepts irctest's short passwords (account.min-password-length = 1) and hashes
them cheaply (Argon2id at 1 MiB, 1 pass): never settings for a real server.
"""

import base64
import os
import shutil
import socket
from pathlib import Path
from typing import Optional, Set, Type

from irctest.basecontrollers import BaseServerController, DirectoryBasedController
from irctest.runner import NotImplementedByController
from irctest.specifications import Capabilities, OptionalBehaviors

PARLEY_HOME = Path(__file__).resolve().parents[2]

# The irc.* keys are documented in docs/irc.md and parley.conf; the server name, description
# and operator are the ones irctest expects.
CONFIG = """\
bind = {hostname}
data = {data}
listeners.only = irc,account
admin.port = off
account.port = {account_port}
irc.port = {port}
irc.server-name = My.Little.Server
irc.network = ParleyTest
irc.description = test server
irc.oper-name = operuser
irc.oper-password = operpassword
account.min-password-length = 1
account.argon2-memory-kib = 1024
account.argon2-iterations = 1
{password_line}
"""


class ParleyController(BaseServerController, DirectoryBasedController):
    software_name = "Parley"
    supported_sasl_mechanisms: Set[str] = {"PLAIN"}
    supports_sts = False
    # The mute extban (m:<mask> in +b and +e; EXTBAN=,m).
    extban_mute_char = "m"
    _port_wait_interval = 0.05

    capabilities = frozenset(
        (
            Capabilities.ACCOUNT_NOTIFY,
            Capabilities.ACCOUNT_TAG,
            Capabilities.AWAY_NOTIFY,
            Capabilities.BATCH,
            Capabilities.ECHO_MESSAGE,
            Capabilities.EXTENDED_JOIN,
            Capabilities.EXTENDED_MONITOR,
            Capabilities.LABELED_RESPONSE,
            Capabilities.MESSAGE_TAGS,
            Capabilities.MULTILINE,
            Capabilities.MULTI_PREFIX,
            Capabilities.READ_MARKER,
            Capabilities.SERVER_TIME,
            Capabilities.SETNAME,
        )
    )
    # Claim only what the adapter does: a claimed behaviour that is missing fails the test.
    optional_behaviors = frozenset(
        (
            OptionalBehaviors.CAP_REQ_MINUS,
            OptionalBehaviors.METADATA_BEFORE_CONNECT,
            OptionalBehaviors.MULTI_JOIN,
            OptionalBehaviors.MULTI_PRIVMSG,
        )
    )
    # Tokens checked by isupport.testValues; each stands for a feature the listener has.
    isupport = {
        "CASEMAPPING": "ascii",
        "BOT": "B",
        "ELIST": "CMNTU",
        "EXCEPTS": "e",
        "EXTBAN": ",m",
        "INVEX": "I",
        "STATUSMSG": "@+",
    }

    account_port: int

    def run(
        self,
        hostname: str,
        port: int,
        *,
        password: Optional[str],
        ssl: bool,
        run_services: bool,
        faketime: Optional[str],
        websocket_hostname: Optional[str],
        websocket_port: Optional[int],
    ) -> None:
        if ssl:
            raise NotImplementedByController("TLS")
        if websocket_hostname is not None or websocket_port is not None:
            raise NotImplementedByController("Websocket")
        assert self.proc is None
        self.hostname, self.port = hostname, port
        self.create_config()
        assert self.directory
        (_, self.account_port) = self.get_hostname_and_port()
        with self.open_file("parley.conf", "w") as fd:
            fd.write(
                CONFIG.format(
                    hostname=hostname,
                    port=port,
                    account_port=self.account_port,
                    data=self.directory / "data",
                    password_line=f"irc.password = {password}" if password else "",
                )
            )
        faketime_cmd = []
        if faketime and shutil.which("faketime"):
            faketime_cmd = ["faketime", "-f", faketime]
            self.faketime_enabled = True
            # The Sable tests run the server's clock 15 times as fast: the 30 s to log in over the
            # account protocol (registerUser) and the 120 s ping interval would pass in 2 and 8
            # real seconds, while irctest registers accounts and sleeps 8 s between commands.
            with self.open_file("parley.conf", "a") as fd:
                fd.write("connection.registration-timeout-seconds = 3600\nirc.ping-seconds = 3600\n")
        self.proc = self.execute(
            [*faketime_cmd, "java", "-jar", os.environ.get("PARLEY_JAR", str(PARLEY_HOME / "server/target/parley.jar")), "serve", "--config", self.directory / "parley.conf"],
            proc_name="parley",
        )
        # Nothing else to start for run_services: accounts are Parley's own.

    def wait_for_services(self) -> None:
        # Accounts are built in: the services are up once the server is.
        self.wait_for_port()

    def registerUser(self, case, username: str, password: Optional[str] = None) -> None:
        """Registers the account over Parley's account protocol (a first login registers)."""
        self.wait_for_port()  # irctest may register before its first client connects
        password = password if password is not None else username + "-password"
        with socket.create_connection((self.hostname, self.account_port), timeout=10) as sock:
            reader = sock.makefile("r", encoding="utf-8", newline="\n")

            def exchange(frame: str) -> str:
                sock.sendall((frame + "\n").encode("utf-8"))
                return reader.readline().rstrip("\n")

            reply = exchange("C USER " + username)
            if not (reply.startswith("C NEW ") or reply.startswith("C EXISTING ")):
                raise AssertionError("account protocol: C USER got " + reply)
            key_line = reply.rsplit(" ", 1)[1]
            reply = exchange("C PASS " + _pg3_encrypt(password.encode("utf-8"), key_line))
            if not reply.startswith("C OK welcome"):
                raise AssertionError("account protocol: registering " + username + " got " + reply)
            sock.sendall(b"C EX\n")


def _pg3_encrypt(message: bytes, key_line: str) -> str:
    """pg3lib's form (account.md): base64(RSA-OAEP(fernet key)) ";" base64(Fernet token)."""
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    oaep = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    public_key = serialization.load_pem_public_key(base64.b64decode(key_line))
    fernet_key = Fernet.generate_key()
    wrapped = public_key.encrypt(fernet_key, oaep)
    token = Fernet(fernet_key).encrypt(message)
    return base64.b64encode(wrapped).decode() + ";" + base64.b64encode(token).decode()


def get_irctest_controller_class() -> Type[ParleyController]:
    return ParleyController

"""irctest controller for Parley (https://github.com/progval/irctest).

Parley's own code (no irctest code is copied here; irctest is imported from a checkout kept
outside the repository): put this file's directory on PYTHONPATH and run irctest with
--controller parley_controller. PARLEY_JAR is the packaged server (default: the one
`mvn -o -q -DskipTests package -pl server -am` builds in this checkout).

Every test gets a fresh Parley: its own data directory and config in a temporary directory,
the IRC listener on irctest's port, the account listener on a second free port (accounts are
built in, so registerUser() registers through Parley's own account protocol and the
"services" tests need no services package), every other listener off.
"""

import os
import shutil
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
tcd.port = off
line.port = off
directory.port = off
admin.port = off
web.port = off
account.port = {account_port}
irc.port = {port}
irc.server-name = My.Little.Server
irc.network = ParleyTest
irc.description = test server
irc.oper-name = operuser
irc.oper-password = operpassword
{password_line}
"""


class ParleyController(BaseServerController, DirectoryBasedController):
    software_name = "Parley"
    supported_sasl_mechanisms: Set[str] = set()
    supports_sts = False
    extban_mute_char = None
    _port_wait_interval = 0.05

    capabilities = frozenset(
        (
            Capabilities.AWAY_NOTIFY,
            Capabilities.BATCH,
            Capabilities.ECHO_MESSAGE,
            Capabilities.EXTENDED_JOIN,
            Capabilities.LABELED_RESPONSE,
            Capabilities.MESSAGE_TAGS,
            Capabilities.MULTI_PREFIX,
            Capabilities.SERVER_TIME,
        )
    )
    # Claim only what the adapter does: a claimed behaviour that is missing fails the test.
    optional_behaviors = frozenset(
        (
            OptionalBehaviors.CAP_REQ_MINUS,
            OptionalBehaviors.MULTI_JOIN,
            OptionalBehaviors.MULTI_PRIVMSG,
        )
    )
    isupport = {"CASEMAPPING": "ascii"}

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
        self.proc = self.execute(
            [*faketime_cmd, "java", "-jar", os.environ.get("PARLEY_JAR", str(PARLEY_HOME / "server/target/parley.jar")), "serve", "--config", self.directory / "parley.conf"],
            proc_name="parley",
        )
        # Nothing else to start for run_services: accounts are Parley's own.

    def registerUser(self, case, username: str, password: Optional[str] = None) -> None:
        # The IRC listener has no SASL yet: the services tests are not run (docs/irc.md).
        raise NotImplementedByController("account registration (no SASL in the IRC listener yet)")


def get_irctest_controller_class() -> Type[ParleyController]:
    return ParleyController

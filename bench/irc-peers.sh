# Sourced by bench/run.sh and bench/versus.sh: minimal configs for the IRC peers they measure
# Parley against (Debian's ngircd and inspircd): connection, join and flood limits lifted as far
# as each allows, no DNS or ident look-ups, loopback only.

# write_ngircd_conf FILE PORT: an operator "bench" (password "bench") can take +F, without which
# ngIRCd throttles every client to a few commands a second.
write_ngircd_conf() {
  cat > "$1" <<CONF
[Global]
Name = bench.ngircd.local
Info = ngIRCd for parley bench
Listen = 127.0.0.1
Ports = $2
MotdPhrase = bench
[Limits]
MaxConnections = 0
MaxConnectionsIP = 0
MaxJoins = 0
PingTimeout = 120
PongTimeout = 20
[Options]
DNS = no
Ident = no
PAM = no
[Operator]
Name = bench
Password = bench
CONF
}

# write_inspircd_conf FILE PORT DIR: its pid file and log in DIR; echo-message for parley bench.
write_inspircd_conf() {
  cat > "$1" <<CONF
<server name="bench.inspircd.local" description="InspIRCd for parley bench" network="Bench">
<admin name="bench" nick="bench" email="bench@localhost">
<bind address="127.0.0.1" port="$2" type="clients">
<connect name="bench" allow="*" timeout="60" pingfreq="120" hardsendq="16777216" softsendq="16777216" recvq="65536" threshold="1000000" commandrate="1000000000" fakelag="no" localmax="100000" globalmax="100000" maxconnwarn="no" limit="100000" resolvehostnames="no" useident="no">
<module name="cap">
<module name="ircv3">
<module name="ircv3_echomessage">
<performance clonesonconnect="no" softlimit="100000" somaxconn="1024" timeskipwarn="0">
<channels users="100000" opers="100000">
<limits maxchan="60" maxnick="30">
<pid file="$3/inspircd.pid">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="$3/inspircd.log">
CONF
}

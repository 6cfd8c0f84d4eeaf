package io.parley.protocol.irc;

/**
 * The numeric replies Parley's IRC adapter sends, named as in the Modern IRC documentation
 * (modern.ircdocs.horse), with the IRCv3 ones (SASL 900-908, MONITOR 730-734) and the standard
 * reply commands. Each comment gives the parameters after the client's nick, as clients parse
 * them. Thread-safe (constants).
 */
public final class IrcNumerics {

    private IrcNumerics() {}

    // Registration
    /** {@code :Welcome to the <network> Network, <nick>[!<user>@<host>]} */
    public static final String RPL_WELCOME = "001";
    /** {@code :Your host is <servername>, running version <version>} */
    public static final String RPL_YOURHOST = "002";
    /** {@code :This server was created <datetime>} */
    public static final String RPL_CREATED = "003";
    /** {@code <servername> <version> <available user modes> <available channel modes> [<channel modes with a parameter>]} */
    public static final String RPL_MYINFO = "004";
    /** {@code <1-13 tokens> :are supported by this server} */
    public static final String RPL_ISUPPORT = "005";

    // Queries about the server and users
    /** {@code <user modes>} */
    public static final String RPL_UMODEIS = "221";
    /** {@code :There are <u> users and <i> invisible on <s> servers} */
    public static final String RPL_LUSERCLIENT = "251";
    /** {@code <ops> :operator(s) online} */
    public static final String RPL_LUSEROP = "252";
    /** {@code <connections> :unknown connection(s)} */
    public static final String RPL_LUSERUNKNOWN = "253";
    /** {@code <channels> :channels formed} */
    public static final String RPL_LUSERCHANNELS = "254";
    /** {@code :I have <c> clients and <s> servers} */
    public static final String RPL_LUSERME = "255";
    /** {@code [<u> <m>] :Current local users <u>, max <m>} */
    public static final String RPL_LOCALUSERS = "265";
    /** {@code [<u> <m>] :Current global users <u>, max <m>} */
    public static final String RPL_GLOBALUSERS = "266";
    /** {@code <nick> :<message>} */
    public static final String RPL_AWAY = "301";
    /** {@code :[<reply>{ <reply>}]} */
    public static final String RPL_USERHOST = "302";
    /** {@code :[<nickname>{ <nickname>}]} */
    public static final String RPL_ISON = "303";
    /** {@code :You are no longer marked as being away} */
    public static final String RPL_UNAWAY = "305";
    /** {@code :You have been marked as being away} */
    public static final String RPL_NOWAWAY = "306";
    /** {@code <nick> <username> <host> * :<realname>} */
    public static final String RPL_WHOISUSER = "311";
    /** {@code <nick> <server> :<server info>} */
    public static final String RPL_WHOISSERVER = "312";
    /** {@code <nick> :is an IRC operator} */
    public static final String RPL_WHOISOPERATOR = "313";
    /** {@code <nick> <username> <host> * :<realname>} */
    public static final String RPL_WHOWASUSER = "314";
    /** {@code <mask> :End of WHO list} */
    public static final String RPL_ENDOFWHO = "315";
    /** {@code <nick> <secs> <signon> :seconds idle, signon time} */
    public static final String RPL_WHOISIDLE = "317";
    /** {@code <nick> :End of /WHOIS list} */
    public static final String RPL_ENDOFWHOIS = "318";
    /** {@code <nick> :[prefix]<channel>{ [prefix]<channel>}} */
    public static final String RPL_WHOISCHANNELS = "319";
    /** {@code <nick> :<text>}: Parley says which protocol a user came by. */
    public static final String RPL_WHOISSPECIAL = "320";
    /** {@code Channel :Users  Name} */
    public static final String RPL_LISTSTART = "321";
    /** {@code <channel> <client count> :<topic>} */
    public static final String RPL_LIST = "322";
    /** {@code :End of /LIST} */
    public static final String RPL_LISTEND = "323";
    /** {@code <channel> <modestring> <mode arguments>...} */
    public static final String RPL_CHANNELMODEIS = "324";
    /** {@code <channel> <creationtime>} */
    public static final String RPL_CREATIONTIME = "329";
    /** {@code <nick> <account> :is logged in as} */
    public static final String RPL_WHOISACCOUNT = "330";
    /** {@code <nick> :is a bot on <network>} (IRCv3 bot mode) */
    public static final String RPL_WHOISBOT = "335";
    /** {@code <channel>}: a channel one is invited to ({@code INVITE} without arguments) */
    public static final String RPL_INVITELIST_USER = "336";
    /** {@code :End of /INVITE list} */
    public static final String RPL_ENDOFINVITELIST_USER = "337";
    /** {@code <channel> :No topic is set} */
    public static final String RPL_NOTOPIC = "331";
    /** {@code <channel> :<topic>} */
    public static final String RPL_TOPIC = "332";
    /** {@code <channel> <nick> <setat>} */
    public static final String RPL_TOPICWHOTIME = "333";
    /** {@code <nick> <channel>} */
    public static final String RPL_INVITING = "341";
    /** {@code <channel> <mask> [<who> <set-ts>]}: an invite exception ({@code +I}; Modern's RPL_INVEXLIST) */
    public static final String RPL_INVITELIST = "346";
    /** {@code <channel> :End of Channel Invite Exception List} */
    public static final String RPL_ENDOFINVITELIST = "347";
    /** {@code <channel> <mask> [<who> <set-ts>]}: a ban exception ({@code +e}) */
    public static final String RPL_EXCEPTLIST = "348";
    /** {@code <channel> :End of channel exception list} */
    public static final String RPL_ENDOFEXCEPTLIST = "349";
    /** {@code <channel> <user> <host> <server> <nick> <flags> :<hopcount> <realname>} */
    public static final String RPL_WHOREPLY = "352";
    /** {@code <symbol> <channel> :[prefix]<nick>{ [prefix]<nick>}} */
    public static final String RPL_NAMREPLY = "353";
    /** WHOX: the fields the client asked for, in order. */
    public static final String RPL_WHOSPCRPL = "354";
    /** {@code <channel> :End of /NAMES list} */
    public static final String RPL_ENDOFNAMES = "366";
    /** {@code <channel> <mask> [<who> <set-ts>]} */
    public static final String RPL_BANLIST = "367";
    /** {@code <channel> :End of channel ban list} */
    public static final String RPL_ENDOFBANLIST = "368";
    /** {@code <nick> :End of WHOWAS} */
    public static final String RPL_ENDOFWHOWAS = "369";
    /** {@code :<string>} */
    public static final String RPL_INFO = "371";
    /** {@code :<line of the motd>} */
    public static final String RPL_MOTD = "372";
    /** {@code :End of INFO list} */
    public static final String RPL_ENDOFINFO = "374";
    /** {@code :- <server> Message of the day - } */
    public static final String RPL_MOTDSTART = "375";
    /** {@code :End of /MOTD command.} */
    public static final String RPL_ENDOFMOTD = "376";
    /** {@code :You are now an IRC operator} */
    public static final String RPL_YOUREOPER = "381";
    /** {@code <server> [<timestamp> [<TS offset>]] :<human-readable time>} */
    public static final String RPL_TIME = "391";

    // Errors
    /** {@code <nick> :No such nick/channel} */
    public static final String ERR_NOSUCHNICK = "401";
    /** {@code <server name> :No such server} */
    public static final String ERR_NOSUCHSERVER = "402";
    /** {@code <channel> :No such channel} */
    public static final String ERR_NOSUCHCHANNEL = "403";
    /** {@code <channel> :Cannot send to channel} */
    public static final String ERR_CANNOTSENDTOCHAN = "404";
    /** {@code <channel> :You have joined too many channels} */
    public static final String ERR_TOOMANYCHANNELS = "405";
    /** {@code <nick> :There was no such nickname} */
    public static final String ERR_WASNOSUCHNICK = "406";
    /** {@code <target> :Too many targets} */
    public static final String ERR_TOOMANYTARGETS = "407";
    /** {@code :No origin specified} */
    public static final String ERR_NOORIGIN = "409";
    /** {@code <subcommand> :Invalid CAP command} */
    public static final String ERR_INVALIDCAPCMD = "410";
    /** {@code :No recipient given (<command>)} */
    public static final String ERR_NORECIPIENT = "411";
    /** {@code :No text to send} */
    public static final String ERR_NOTEXTTOSEND = "412";
    /** {@code :Input line was too long} */
    public static final String ERR_INPUTTOOLONG = "417";
    /** {@code <command> :Unknown command} */
    public static final String ERR_UNKNOWNCOMMAND = "421";
    /** {@code :MOTD File is missing} */
    public static final String ERR_NOMOTD = "422";
    /** {@code :No nickname given} */
    public static final String ERR_NONICKNAMEGIVEN = "431";
    /** {@code <nick> :Erroneus nickname} */
    public static final String ERR_ERRONEUSNICKNAME = "432";
    /** {@code <nick> :Nickname is already in use} */
    public static final String ERR_NICKNAMEINUSE = "433";
    /** {@code <nick> :Nickname collision KILL from <user>@<host>} */
    public static final String ERR_NICKCOLLISION = "436";
    /** {@code <nick> <channel> :They aren't on that channel} */
    public static final String ERR_USERNOTINCHANNEL = "441";
    /** {@code <channel> :You're not on that channel} */
    public static final String ERR_NOTONCHANNEL = "442";
    /** {@code <nick> <channel> :is already on channel} */
    public static final String ERR_USERONCHANNEL = "443";
    /** {@code :You have not registered} */
    public static final String ERR_NOTREGISTERED = "451";
    /** {@code <command> :Not enough parameters} */
    public static final String ERR_NEEDMOREPARAMS = "461";
    /** {@code :You may not reregister} */
    public static final String ERR_ALREADYREGISTERED = "462";
    /** {@code :Password incorrect} */
    public static final String ERR_PASSWDMISMATCH = "464";
    /** {@code :You are banned from this server.} */
    public static final String ERR_YOUREBANNEDCREEP = "465";
    /** {@code <channel> :Cannot join channel (+l)} */
    public static final String ERR_CHANNELISFULL = "471";
    /** {@code <modechar> :is unknown mode char to me} */
    public static final String ERR_UNKNOWNMODE = "472";
    /** {@code <channel> :Cannot join channel (+i)} */
    public static final String ERR_INVITEONLYCHAN = "473";
    /** {@code <nick/channel> :<why it cannot be had now>}: try again later (the store or bus is busy or away). */
    public static final String ERR_UNAVAILRESOURCE = "437";
    /** {@code <channel> :Cannot join channel (+b)} */
    public static final String ERR_BANNEDFROMCHAN = "474";
    /** {@code <channel> :Cannot join channel (+k)} */
    public static final String ERR_BADCHANNELKEY = "475";
    /** {@code <channel> :Bad Channel Mask} */
    public static final String ERR_BADCHANMASK = "476";
    /** {@code <channel> :Channel doesn't support modes} */
    public static final String ERR_NOCHANMODES = "477";
    /** {@code <channel> <char> :Channel list is full} */
    public static final String ERR_BANLISTFULL = "478";
    /** {@code <channel> :Illegal channel name} (not in RFC 2812; hybrid, InspIRCd, Ergo) */
    public static final String ERR_BADCHANNAME = "479";
    /** {@code :Permission Denied- You're not an IRC operator} */
    public static final String ERR_NOPRIVILEGES = "481";
    /** {@code <channel> :You're not channel operator} */
    public static final String ERR_CHANOPRIVSNEEDED = "482";
    /** {@code :No O-lines for your host} */
    public static final String ERR_NOOPERHOST = "491";
    /** {@code :Unknown MODE flag} */
    public static final String ERR_UMODEUNKNOWNFLAG = "501";
    /** {@code :Cant change mode for other users} */
    public static final String ERR_USERSDONTMATCH = "502";
    /** {@code <subject> :No help available on this topic} */
    public static final String ERR_HELPNOTFOUND = "524";
    /** {@code <key> :Key is not well-formed} */
    public static final String ERR_INVALIDKEY = "525";
    /** {@code <nick> :is using a secure connection} */
    public static final String RPL_WHOISSECURE = "671";
    /** {@code :STARTTLS successful, proceed with TLS handshake} (Parley has no STARTTLS; listed for completeness) */
    public static final String RPL_STARTTLS = "670";
    /** {@code <target chan/user> <mode char> <parameter> :<description>} */
    public static final String ERR_INVALIDMODEPARAM = "696";
    /** {@code <subject> :<first line of help section>} */
    public static final String RPL_HELPSTART = "704";
    /** {@code <subject> :<line of help text>} */
    public static final String RPL_HELPTXT = "705";
    /** {@code <subject> :<last line of help text>} */
    public static final String RPL_ENDOFHELP = "706";

    // MONITOR (IRCv3)
    /** {@code :target[!user@host][,target[!user@host]]*} (the nick parameter is {@code *} before registration) */
    public static final String RPL_MONONLINE = "730";
    /** {@code :target[,target2]*} */
    public static final String RPL_MONOFFLINE = "731";
    /** {@code :target[,target2]*} */
    public static final String RPL_MONLIST = "732";
    /** {@code :End of MONITOR list} */
    public static final String RPL_ENDOFMONLIST = "733";
    /** {@code <limit> <targets> :Monitor list is full.} */
    public static final String ERR_MONLISTFULL = "734";

    // SASL (IRCv3)
    /** {@code <nick>!<ident>@<host> <account> :You are now logged in as <user>} */
    public static final String RPL_LOGGEDIN = "900";
    /** {@code <nick>!<ident>@<host> :You are now logged out} */
    public static final String RPL_LOGGEDOUT = "901";
    /** {@code :You must use a nick assigned to you} */
    public static final String ERR_NICKLOCKED = "902";
    /** {@code :SASL authentication successful} */
    public static final String RPL_SASLSUCCESS = "903";
    /** {@code :SASL authentication failed} */
    public static final String ERR_SASLFAIL = "904";
    /** {@code :SASL message too long} */
    public static final String ERR_SASLTOOLONG = "905";
    /** {@code :SASL authentication aborted} */
    public static final String ERR_SASLABORTED = "906";
    /** {@code :You have already authenticated using SASL} */
    public static final String ERR_SASLALREADY = "907";
    /** {@code <mechanisms> :are available SASL mechanisms} */
    public static final String RPL_SASLMECHS = "908";

    // Standard replies (IRCv3): commands, not numerics: FAIL <command> <code> [<context>...] :<description>
    public static final String FAIL = "FAIL";
    public static final String WARN = "WARN";
    public static final String NOTE = "NOTE";
}

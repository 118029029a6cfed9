import Foundation

/// A mailbox on an IMAP server (issue 23: the bases arrive there): what `celda correo probar`
/// says of it before anything is taken.
public struct IMAPMailbox: Sendable {
    /// `imap://host:port/INBOX` (STARTTLS when offered) or `imaps://…`.
    public var url: String
    public var user: String
    public var password: String?
    /// A self-signed certificate is accepted (the tests' server).
    /// An OAuth2 bearer token (XOAUTH2), for mail services that have turned passwords off.
    public var token: String?
    public var insecure = false
    /// The certificate authority of a server whose certificate no public one signs (a PEM file).
    public var caFile: String?

    public init(url: String, user: String, password: String?, insecure: Bool = false) {
        self.url = url
        self.user = user
        self.password = password
        self.insecure = insecure
    }

    /// Messages waiting, the mailbox's UIDVALIDITY (with a message's UID, what the store keeps so
    /// nothing is taken twice) and the next UID.
    public struct Status: Equatable, Sendable {
        public var messages: Int
        public var uidValidity: UInt32
        public var uidNext: UInt32
    }

    /// The mailbox's name: the URL's path («/INBOX» → INBOX).
    public var name: String {
        let path = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst(2).joined(separator: "/")
        return path.isEmpty ? "INBOX" : path.removingPercentEncoding ?? path
    }

    public func status() throws -> Status {
        // The command goes to the server: a URL with a mailbox would SELECT it first.
        let server = try serverURL
        let reply: String
        do {
            reply = try CurlSession().request(url: server, user: user, password: password, token: token,
                                              command: "STATUS \(Self.quoted(name)) (MESSAGES UIDVALIDITY UIDNEXT)", insecure: insecure, caFile: caFile)
        } catch var error as MailError {
            // Said of the mailbox the user named, not of the server URL the command went to.
            error.server = CurlSession.shown(url)
            throw error
        }
        guard let status = Self.parse(status: reply) else {
            throw MailError(server: CurlSession.shown(url), code: 0, message: "the server's STATUS reply is not understood: \(reply.prefix(120))")
        }
        return status
    }

    /// The server's URL («imap://host:port/»), for commands that name their mailbox themselves.
    var serverURL: String {
        get throws {
            var parts = URLComponents(string: url)
            parts?.path = "/"
            guard let server = parts?.string else { throw MailError(server: CurlSession.shown(url), code: 3, message: "not a mailbox URL") }
            return server
        }
    }

    /// The UIDs of every message waiting in the mailbox, ascending.
    public func uids() throws -> [UInt32] {
        let reply = try CurlSession().request(url: url, user: user, password: password, token: token, command: "UID SEARCH ALL", insecure: insecure, caFile: caFile)
        return Self.parse(search: reply)
    }

    /// The UIDs of the messages nobody has read yet (no \Seen flag).
    public func unseenUIDs() throws -> [UInt32] {
        Self.parse(search: try CurlSession().request(url: url, user: user, password: password, token: token, command: "UID SEARCH UNSEEN",
                                                     insecure: insecure, caFile: caFile))
    }

    /// A message's header only: enough to tell whether it is one to take. (libcurl's fetch
    /// marks it \Seen: `markUnseen` undoes that for a message left alone.)
    public func header(uid: UInt32) throws -> Data {
        try CurlSession().requestBytes(url: url + ";UID=\(uid);SECTION=HEADER", user: user, password: password, token: token, command: nil,
                                       insecure: insecure, caFile: caFile)
    }

    /// Takes the \Seen flag off again: a message Celda read but did not take stays unread for
    /// the person who shares the mailbox.
    public func markUnseen(uid: UInt32) throws {
        _ = try CurlSession().request(url: url, user: user, password: password, token: token, command: "UID STORE \(uid) -FLAGS (\\Seen)",
                                      insecure: insecure, caFile: caFile)
    }

    /// One message, whole, as the server keeps it (its RFC 5322 bytes).
    public func message(uid: UInt32) throws -> Data {
        try CurlSession().requestBytes(url: url + ";UID=\(uid)", user: user, password: password, token: token, command: nil, insecure: insecure, caFile: caFile)
    }

    /// Moves a message to `mailbox` (created when missing): where a taken message goes.
    public func move(uid: UInt32, to mailbox: String) throws {
        let server = try serverURL
        // CREATE fails when the mailbox exists: that is no fault here.
        _ = try? CurlSession().request(url: server, user: user, password: password, token: token, command: "CREATE \(Self.quoted(mailbox))", insecure: insecure, caFile: caFile)
        _ = try CurlSession().request(url: url, user: user, password: password, token: token, command: "UID MOVE \(uid) \(Self.quoted(mailbox))", insecure: insecure, caFile: caFile)
    }

    /// Marks a message \Flagged: one Celda leaves in place (no usable attachment) stands out in
    /// the mail program.
    public func flag(uid: UInt32) throws {
        _ = try CurlSession().request(url: url, user: user, password: password, token: token, command: "UID STORE \(uid) +FLAGS (\\Flagged)",
                                      insecure: insecure, caFile: caFile)
    }

    /// The mailbox, as the store names it: user, server and mailbox, never a password.
    public var identity: String {
        var parts = URLComponents(string: url)
        parts?.user = nil
        parts?.password = nil
        return user + "@" + (parts?.string ?? url)
    }

    /// A mailbox name as an IMAP quoted string: quotes and backslashes escaped, and anything
    /// beyond printable ASCII in IMAP's modified UTF-7 (RFC 3501 §5.1.3), so «Celda/Revisión» is
    /// the folder the person sees in Outlook.
    static func quoted(_ name: String) -> String {
        "\"" + modifiedUTF7(name).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func modifiedUTF7(_ name: String) -> String {
        var out = "", pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            let bytes = pending.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            out += "&" + Data(bytes).base64EncodedString().replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "/", with: ",") + "-"
            pending = []
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                out += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return out
    }

    /// «* SEARCH 1 4 9».
    static func parse(search reply: String) -> [UInt32] {
        reply.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("* SEARCH") }
            .flatMap { $0.split(separator: " ").dropFirst(2).compactMap { UInt32($0) } }.sorted()
    }

    /// «* STATUS INBOX (MESSAGES 3 UIDVALIDITY 1796650066 UIDNEXT 4)».
    static func parse(status reply: String) -> Status? {
        guard let open = reply.firstIndex(of: "("), let close = reply.lastIndex(of: ")"), open < close else { return nil }
        let words = reply[reply.index(after: open)..<close].split(separator: " ")
        var values: [String: UInt64] = [:]
        var i = 0
        while i + 1 < words.count {
            if let v = UInt64(words[i + 1]) { values[words[i].uppercased()] = v }
            i += 2
        }
        guard let m = values["MESSAGES"], let v = values["UIDVALIDITY"], let n = values["UIDNEXT"], v <= UInt64(UInt32.max), n <= UInt64(UInt32.max) else { return nil }
        return Status(messages: Int(m), uidValidity: UInt32(v), uidNext: UInt32(n))
    }
}

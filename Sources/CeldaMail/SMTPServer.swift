import CCurl
import Foundation

/// The SMTP server reports leave by (issue 23): one message at a time, to its recipients.
public struct SMTPServer: Sendable {
    /// `smtp://host:port` (STARTTLS when offered) or `smtps://…`.
    public var url: String
    public var user: String?
    public var password: String?
    /// An OAuth2 bearer token (XOAUTH2), for mail services that have turned passwords off.
    public var token: String?
    public var insecure = false
    /// The certificate authority of a server whose certificate no public one signs (a PEM file).
    public var caFile: String?

    public init(url: String, user: String? = nil, password: String? = nil, insecure: Bool = false) {
        self.url = url
        self.user = user
        self.password = password
        self.insecure = insecure
    }

    /// The server's greeting («220 …») and its answer to NOOP, after logging in when a user is
    /// given: what `celda correo probar` says. Nothing is sent.
    public func probe() throws -> (greeting: String, reply: String) {
        final class Lines { var greeting = "" }
        let lines = Unmanaged.passRetained(Lines())
        defer { lines.release() }
        let reply = try CurlSession().request(url: url, user: user, password: password, token: token, command: "NOOP", insecure: insecure, caFile: caFile) { handle in
            var code = celda_curl_set_debug(handle) { _, type, data, size, context in
                guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
                let lines = Unmanaged<Lines>.fromOpaque(context).takeUnretainedValue()
                let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
                if lines.greeting.isEmpty && line.hasPrefix("220") { lines.greeting = line.trimmingCharacters(in: .whitespacesAndNewlines) }
                return 0
            }
            if code == CURLE_OK { code = celda_curl_set_pointer(handle, CURLOPT_DEBUGDATA, lines.toOpaque()) }
            // The debug function is only called with VERBOSE on; its output goes to the function, not stderr.
            if code == CURLE_OK { code = celda_curl_set_long(handle, CURLOPT_VERBOSE, 1) }
            return code
        }
        return (lines.takeUnretainedValue().greeting, reply.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Sends `message` (a whole RFC 5322 message, CRLF lines) from `sender` to `recipients`.
    /// A recipient the server refuses fails the whole message — nobody gets half a list's
    /// mail, so a retry never sends twice — and the error names that recipient and what the
    /// server answered.
    public func send(_ message: Data, from sender: String, to recipients: [String]) throws {
        var list: UnsafeMutablePointer<curl_slist>?
        for r in recipients { list = curl_slist_append(list, "<\(r)>") }
        defer { curl_slist_free_all(list) }
        final class Source { let bytes: [UInt8]; var offset = 0; init(_ d: Data) { bytes = [UInt8](d) } }
        let source = Unmanaged.passRetained(Source(message))
        defer { source.release() }
        let dialogue = Unmanaged.passRetained(SMTPDialogue())
        defer { dialogue.release() }
        do {
            _ = try CurlSession().request(url: url, user: user, password: password, token: token, command: nil, insecure: insecure, caFile: caFile) { handle in
                var code = celda_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>")
                if code == CURLE_OK { code = celda_curl_set_list(handle, CURLOPT_MAIL_RCPT, list) }
                if code == CURLE_OK { code = celda_curl_set_long(handle, CURLOPT_UPLOAD, 1) }
                if code == CURLE_OK {
                    code = celda_curl_set_read(handle) { buffer, size, count, context in
                        guard let buffer, let context else { return 0 }
                        let source = Unmanaged<Source>.fromOpaque(context).takeUnretainedValue()
                        let n = min(size * count, source.bytes.count - source.offset)
                        source.bytes.withUnsafeBufferPointer { all in
                            UnsafeMutableRawPointer(buffer).copyMemory(from: all.baseAddress! + source.offset, byteCount: n)
                        }
                        source.offset += n
                        return n
                    }
                }
                if code == CURLE_OK { code = celda_curl_set_pointer(handle, CURLOPT_READDATA, source.toOpaque()) }
                if code == CURLE_OK { code = dialogue.takeUnretainedValue().listen(handle, context: dialogue.toOpaque()) }
                return code
            }
        } catch var error as MailError {
            if let (recipient, reply) = dialogue.takeUnretainedValue().refusal {
                error.refusedRecipient = recipient
                error.message = "the server refused the recipient \(recipient): \(reply)"
            }
            throw error
        }
    }
}

/// The commands and replies of one SMTP conversation, as libcurl's debug function sees them:
/// which RCPT TO the server refused, and with what words.
final class SMTPDialogue {
    private var lastRecipient: String?
    private(set) var refusal: (recipient: String, reply: String)?

    func listen(_ handle: UnsafeMutableRawPointer, context: UnsafeMutableRawPointer) -> CURLcode {
        var code = celda_curl_set_debug(handle) { _, type, data, size, context in
            guard let data, let context, type == CURLINFO_HEADER_IN || type == CURLINFO_HEADER_OUT else { return 0 }
            let dialogue = Unmanaged<SMTPDialogue>.fromOpaque(context).takeUnretainedValue()
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            dialogue.heard(line, sent: type == CURLINFO_HEADER_OUT)
            return 0
        }
        if code == CURLE_OK { code = celda_curl_set_pointer(handle, CURLOPT_DEBUGDATA, context) }
        if code == CURLE_OK { code = celda_curl_set_long(handle, CURLOPT_VERBOSE, 1) }
        return code
    }

    func heard(_ line: String, sent: Bool) {
        if sent {
            if line.uppercased().hasPrefix("RCPT TO:") {
                lastRecipient = line.dropFirst(8).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
            } else {
                lastRecipient = nil
            }
        } else if let recipient = lastRecipient, refusal == nil, let first = line.first, first == "4" || first == "5" {
            refusal = (recipient, line)
        }
    }
}

import CCurl
import Foundation

/// The SMTP server reports leave by (issue 23): one message at a time, to its recipients.
public struct SMTPServer: Sendable {
    /// `smtp://host:port` (STARTTLS when offered) or `smtps://…`.
    public var url: String
    public var user: String?
    public var password: String?
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
        let reply = try CurlSession().request(url: url, user: user, password: password, command: "NOOP", insecure: insecure, caFile: caFile) { handle in
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

    /// Sends `message` (a whole RFC 5322 message, CRLF lines) from `sender` to `recipients`;
    /// a recipient the server refuses fails the whole message (libcurl's default), and the
    /// error says which server and what it answered.
    public func send(_ message: Data, from sender: String, to recipients: [String]) throws {
        var list: UnsafeMutablePointer<curl_slist>?
        for r in recipients { list = curl_slist_append(list, "<\(r)>") }
        defer { curl_slist_free_all(list) }
        final class Source { let bytes: [UInt8]; var offset = 0; init(_ d: Data) { bytes = [UInt8](d) } }
        let source = Unmanaged.passRetained(Source(message))
        defer { source.release() }
        _ = try CurlSession().request(url: url, user: user, password: password, command: nil, insecure: insecure, caFile: caFile) { handle in
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
            return code
        }
    }
}

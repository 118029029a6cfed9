import CCurl
import Foundation

/// The SMTP server reports leave by (issue 23): one message at a time, to its recipients.
public struct SMTPServer: Sendable {
    /// `smtp://host:port` (STARTTLS when offered) or `smtps://…`.
    public var url: String
    public var user: String?
    public var password: String?
    public var insecure = false

    public init(url: String, user: String? = nil, password: String? = nil, insecure: Bool = false) {
        self.url = url
        self.user = user
        self.password = password
        self.insecure = insecure
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
        _ = try CurlSession().request(url: url, user: user, password: password, command: nil, insecure: insecure) { handle in
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

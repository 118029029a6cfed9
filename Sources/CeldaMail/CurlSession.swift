import CCurl
import Foundation

/// What a mail server said when a request failed: which server (its URL, never a password),
/// libcurl's code and words, and the server's last reply when there is one.
public struct MailError: Error, Equatable, CustomStringConvertible {
    public var server: String
    public var code: Int
    public var message: String
    /// The recipient an SMTP server refused, when that is what failed.
    public var refusedRecipient: String?
    public var description: String { "\(server): \(message) (curl \(code))" }

    public init(server: String, code: Int, message: String, refusedRecipient: String? = nil) {
        self.server = server
        self.code = code
        self.message = message
        self.refusedRecipient = refusedRecipient
    }

    /// A URL as messages show it: any password in it is ***.
    public static func shown(_ url: String) -> String { CurlSession.shown(url) }
}

/// One libcurl easy handle, owned: made, used for one request at a time, cleaned up when the
/// session goes. Not shared between threads.
final class CurlSession {
    private let handle: UnsafeMutableRawPointer
    /// libcurl writes its detailed error here during a request: memory of the session's own, so
    /// the pointer libcurl keeps stays valid.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    /// libcurl's global state, once per process, before any handle.
    private static let initialised: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    init() throws {
        guard Self.initialised, let h = curl_easy_init() else { throw MailError(server: "", code: -1, message: "libcurl could not start") }
        handle = h
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Body of the reply to `command` on `url` (IMAP: a custom command such as STATUS; nil: the
    /// URL's default request). `insecure`: a self-signed certificate is accepted (tests only).
    func request(url: String, user: String?, password: String?, token: String? = nil, command: String?, insecure: Bool = false, caFile: String? = nil,
                 timeout seconds: Int = 30, prepare: (UnsafeMutableRawPointer) -> CURLcode = { _ in CURLE_OK }) throws -> String {
        let bytes = try requestBytes(url: url, user: user, password: password, token: token, command: command, insecure: insecure, caFile: caFile,
                                     timeout: seconds, prepare: prepare)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The reply's bytes as the server sent them (a message in Windows-1252 or 8-bit stays as it is).
    /// `token`: an OAuth2 bearer token (XOAUTH2) instead of a password; with neither, the
    /// password is looked up in ~/.netrc.
    func requestBytes(url: String, user: String?, password: String?, token: String? = nil, command: String?, insecure: Bool = false, caFile: String? = nil,
                      timeout seconds: Int = 30, prepare: (UnsafeMutableRawPointer) -> CURLcode = { _ in CURLE_OK }) throws -> Data {
        curl_easy_reset(handle)
        final class Sink { var data = Data() }
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        // With neither password nor token, the password is ~/.netrc's: libcurl looks there only
        // for a user named in the URL (one set apart is asked no password).
        let fromNetrc = password == nil && token == nil && user != nil
        var code = celda_curl_set_string(handle, CURLOPT_URL, fromNetrc ? Self.url(url, user: user!) : url)
        if let user, !fromNetrc { code = pick(code, celda_curl_set_string(handle, CURLOPT_USERNAME, user)) }
        if let password { code = pick(code, celda_curl_set_string(handle, CURLOPT_PASSWORD, password)) }
        if let token { code = pick(code, celda_curl_set_string(handle, CURLOPT_XOAUTH2_BEARER, token)) }
        if fromNetrc { code = pick(code, celda_curl_set_long(handle, CURLOPT_NETRC, Int(CURL_NETRC_OPTIONAL.rawValue))) }
        if let command { code = pick(code, celda_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, command)) }
        // STARTTLS when the server offers it; imaps:// and smtps:// are TLS from the start.
        code = pick(code, celda_curl_set_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_TRY.rawValue)))
        if let caFile { code = pick(code, celda_curl_set_string(handle, CURLOPT_CAINFO, caFile)) }
        if insecure {
            code = pick(code, celda_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 0))
            code = pick(code, celda_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 0))
        }
        code = pick(code, celda_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, seconds))
        code = pick(code, celda_curl_set_long(handle, CURLOPT_TIMEOUT, seconds * 4))
        code = pick(code, celda_curl_set_long(handle, CURLOPT_NOSIGNAL, 1))
        errorBuffer[0] = 0
        code = pick(code, celda_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        code = pick(code, celda_curl_set_write(handle) { bytes, size, count, context in
            guard let bytes, let context else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            sink.data.append(UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: size * count)
            return size * count
        })
        code = pick(code, celda_curl_set_pointer(handle, CURLOPT_WRITEDATA, unmanaged.toOpaque()))
        code = pick(code, prepare(handle))
        if code == CURLE_OK { code = curl_easy_perform(handle) }
        // The buffer is libcurl's until the handle is reset: read it before anything else.
        _ = celda_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, nil)
        guard code == CURLE_OK else {
            let detail = Self.text(errorBuffer)
            let words = Self.text(curl_easy_strerror(code))
            throw MailError(server: Self.shown(url), code: Int(code.rawValue), message: detail.isEmpty ? words : detail)
        }
        return sink.data
    }

    private static func text(_ c: UnsafePointer<CChar>?) -> String {
        guard let c else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: c, count: strlen(c)), as: UTF8.self)
    }

    private func pick(_ first: CURLcode, _ next: CURLcode) -> CURLcode { first == CURLE_OK ? next : first }

    /// `url` with `user` in it («imap://backoffice@host:993/INBOX»).
    static func url(_ url: String, user: String) -> String {
        guard var parts = URLComponents(string: url) else { return url }
        parts.user = user
        return parts.string ?? url
    }

    /// A URL as messages show it: any password in it is ***.
    static func shown(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }
}

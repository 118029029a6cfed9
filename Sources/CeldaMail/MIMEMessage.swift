import CGMime
import Foundation

/// A received message as GMime reads it (issue 23): who sent it, its subject, and every part
/// that carries a file — through multiparts of any nesting and forwarded messages, names in
/// RFC 2231 or RFC 2047 encodings, bodies in base64 or quoted-printable, all decoded.
public struct ReceivedMessage: Sendable {
    /// A part of the message that has a file name (or is a file by its type).
    public struct File: Sendable, Equatable {
        /// As the sender named it, decoded to Unicode; nil when the part has no name.
        public var name: String?
        /// «type/subtype» in lower case.
        public var mimeType: String
        public var bytes: Data
        public init(name: String?, mimeType: String, bytes: Data) {
            self.name = name
            self.mimeType = mimeType
            self.bytes = bytes
        }
    }

    public var from: String?
    public var subject: String?
    public var messageID: String?
    public var files: [File]

    public init(from: String?, subject: String?, messageID: String?, files: [File]) {
        self.from = from
        self.subject = subject
        self.messageID = messageID
        self.files = files
    }

    /// Reads `bytes` (a whole RFC 5322 message); nil when GMime finds no message in them.
    public static func parse(_ bytes: Data) -> ReceivedMessage? {
        _ = GMimeLibrary.ready
        let parsed: OpaquePointer? = bytes.withUnsafeBytes { raw in
            OpaquePointer(celda_gmime_parse(raw.baseAddress, raw.count))
        }
        guard let parsed else { return nil }
        let message = UnsafeMutablePointer<GMimeMessage>(parsed)
        defer { g_object_unref(message) }
        var result = ReceivedMessage(from: text(celda_gmime_from_address(message)), subject: text(g_mime_message_get_subject(message)),
                                     messageID: text(g_mime_message_get_message_id(message)), files: [])
        guard let parts = celda_gmime_leaf_parts(message) else { return result }
        defer { g_ptr_array_free(parts, 1) }
        for index in 0..<parts.pointee.len {
            guard let part = celda_gmime_part_at(parts, index) else { continue }
            let name = text(g_mime_part_get_filename(part))
            let type = owned(celda_gmime_part_mime_type(part))?.lowercased() ?? "application/octet-stream"
            // A body (text/plain, text/html) is no file; a named part or an attachment is.
            guard name != nil || celda_gmime_part_is_attachment(part) != 0 else { continue }
            guard let content = celda_gmime_part_bytes(part) else { continue }
            let data = content.pointee.len == 0 ? Data() : Data(bytes: content.pointee.data, count: Int(content.pointee.len))
            g_byte_array_free(content, 1)
            result.files.append(File(name: name, mimeType: type, bytes: data))
        }
        return result
    }

    private static func text(_ c: UnsafePointer<CChar>?) -> String? {
        guard let c else { return nil }
        let s = String(decoding: UnsafeRawBufferPointer(start: c, count: strlen(c)), as: UTF8.self)
        return s.isEmpty ? nil : s
    }

    private static func owned(_ c: UnsafeMutablePointer<CChar>?) -> String? {
        defer { g_free(c) }
        return text(c)
    }
}

/// A message Celda sends (issue 23): a short plain-text body and one workbook attached.
public struct OutgoingMessage: Sendable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var body: String
    /// «<…@…>» without the brackets: what a later correction names in In-Reply-To.
    public var messageID: String
    /// The Message-ID of the message this one replaces, when it corrects one sent before.
    public var replaces: String?
    public var fileName: String
    public var mimeType: String
    public var attachment: Data

    public init(from: String, to: [String], subject: String, body: String, messageID: String, replaces: String? = nil,
                fileName: String, mimeType: String, attachment: Data) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.replaces = replaces
        self.fileName = fileName
        self.mimeType = mimeType
        self.attachment = attachment
    }

    /// The MIME type of an Excel workbook.
    public static let workbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The whole message, CRLF lines, as SMTP sends it.
    public func rendered() -> Data {
        _ = GMimeLibrary.ready
        let kind = mimeType.split(separator: "/", maxSplits: 1).map(String.init)
        let type = kind.first ?? "application", subtype = kind.count > 1 ? kind[1] : "octet-stream"
        let recipients = to.map { strdup($0) }
        defer { recipients.forEach { free($0) } }
        let pointers = recipients.map { UnsafePointer<CChar>($0) }
        let replacing = replaces.map { "<\($0)>" }
        let text: UnsafeMutablePointer<CChar>? = pointers.withUnsafeBufferPointer { list in
            attachment.withUnsafeBytes { raw in
                celda_gmime_compose(from, list.baseAddress, Int32(list.count), subject, body, messageID, replacing,
                                    fileName, type, subtype, raw.baseAddress, raw.count)
            }
        }
        guard let text else { return Data() }
        defer { g_free(text) }
        return Data(bytes: text, count: strlen(text))
    }
}

/// GMime's global state, set up once per process before any message is read or written.
enum GMimeLibrary {
    static let ready: Bool = {
        g_mime_init()
        return true
    }()
}

import CeldaMail
import Foundation
import FuzzSupport

// The input is a whole e-mail message: GMime's parser under Celda's reading of it (nested
// multiparts, forwarded messages, RFC 2231/2047 names, base64 / quoted-printable / uuencode).
// Checked on each input, aborting (so libFuzzer keeps it) when one fails:
// - reading it never crashes, traps or leaks, and writes nothing to stderr (GLib's warnings);
// - each file found has a type; a name, when it has one, is never empty;
// - composing a message with the input's bytes attached, under a name made from them, and
//   reading it back gives the same bytes and name: what Celda sends is what is received.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    Harness.check {
        if let message = ReceivedMessage.parse(bytes) {
            for file in message.files {
                if file.mimeType.isEmpty { Harness.fail("a file without a type") }
                if file.name == "" { Harness.fail("an empty name instead of none") }
            }
        }
        let name = String(decoding: bytes.prefix(40), as: UTF8.self)
            .unicodeScalars.filter { $0.value >= 0x20 && $0 != "\u{7F}" && !($0.value >= 0x80 && $0.value < 0xA0) }
            .map(String.init).joined().trimmingCharacters(in: .whitespaces)
        let fileName = (name.isEmpty ? "base" : name) + ".xlsx"
        let outgoing = OutgoingMessage(from: "celda@almacontact.com.co", to: ["a@b.co"], subject: name, body: name, messageID: "f@celda",
                                       fileName: fileName, mimeType: OutgoingMessage.workbookType, attachment: bytes)
        guard let back = ReceivedMessage.parse(outgoing.rendered()) else { Harness.fail("a composed message is not read back") }
        guard back.files.count == 1, back.files[0].bytes == bytes else { Harness.fail("the attachment does not come back whole") }
        if back.files[0].name != fileName { Harness.fail("the name «\(fileName)» comes back as «\(back.files[0].name ?? "nil")»") }
    }
    return 0
}

@_cdecl("MIMEFuzz_main")
func mimeFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, { fuzz($0, $1) })
}

import Foundation
import Testing
@testable import CeldaMail

/// Messages as Outlook, Gmail and Thunderbird write them, read by GMime: every file part found
/// whatever its nesting, its name decoded from RFC 2047 or RFC 2231 (with continuations and a
/// Latin-1 charset), its bytes decoded from base64 or quoted-printable exactly.
struct ReceivedMessageTests {
    /// Bytes no text encoding would survive: every byte value, several times.
    static let workbook = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 256) })

    static func base64Lines(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
    }

    static func crlf(_ text: String) -> Data { Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

    @Test func outlookNestedAlternativeWithALatin1EncodedWordName() throws {
        // Outlook: mixed ⊃ (alternative ⊃ plain in Windows-1252 QP, html) + the workbook, its
        // name as an RFC 2047 encoded word inside the quoted parameter.
        var text = """
        From: "Gestion Soporte" <gestion.soporte@claro.com.co>
        To: backoffice@almacontact.com.co
        Subject: =?Windows-1252?Q?Base_Mal_Escalados_22-03_=96_Bogot=E1?=
        Message-ID: <AM0PR01MB1234@outlook.com>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="_004_AM0PR_"

        --_004_AM0PR_
        Content-Type: multipart/alternative; boundary="_000_AM0PR_"

        --_000_AM0PR_
        Content-Type: text/plain; charset="Windows-1252"
        Content-Transfer-Encoding: quoted-printable

        Buenos d=EDas, adjunto la base del d=EDa.

        --_000_AM0PR_
        Content-Type: text/html; charset="Windows-1252"
        Content-Transfer-Encoding: quoted-printable

        <p>Buenos d=EDas</p>
        --_000_AM0PR_--

        --_004_AM0PR_
        Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;
        \tname="=?iso-8859-1?Q?Base_Mal_Escalados_22-03_Bogot=E1.xlsx?="
        Content-Disposition: attachment;
        \tfilename="=?iso-8859-1?Q?Base_Mal_Escalados_22-03_Bogot=E1.xlsx?="; size=3000
        Content-Transfer-Encoding: base64


        """
        text += Self.base64Lines(Self.workbook) + "\n\n--_004_AM0PR_--\n"
        let message = try #require(ReceivedMessage.parse(Self.crlf(text)))
        #expect(message.from == "gestion.soporte@claro.com.co")
        #expect(message.subject == "Base Mal Escalados 22-03 – Bogotá")
        #expect(message.messageID == "AM0PR01MB1234@outlook.com")
        #expect(message.files.count == 1)
        #expect(message.files.first?.name == "Base Mal Escalados 22-03 Bogotá.xlsx")
        #expect(message.files.first?.mimeType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(message.files.first?.bytes == Self.workbook)
    }

    @Test func thunderbirdRFC2231ContinuationsAndAForwardedMessageWithAQuotedPrintableCSV() throws {
        // A name split over RFC 2231 continuations, percent-encoded UTF-8; and a message forwarded
        // as an attachment (message/rfc822) that carries a CSV in quoted-printable, LF lines.
        let csv = "cuenta;asesor;observación\n123;Ana Pérez;sin novedad"  // the line break before a boundary is the boundary's
        var text = """
        From: Coordinación <coordinacion@almacontact.com.co>
        Subject: Fwd: bases
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="------------b1"

        This is a multi-part message in MIME format.
        --------------b1
        Content-Type: text/plain; charset=UTF-8; format=flowed

        Van las dos.
        --------------b1
        Content-Type: application/octet-stream;
         name*0*=UTF-8''Formulario%20Tipificador%20;
         name*1*=%E2%80%94%20Medell%C3%ADn.xlsx
        Content-Disposition: attachment;
         filename*0*=UTF-8''Formulario%20Tipificador%20;
         filename*1*=%E2%80%94%20Medell%C3%ADn.xlsx
        Content-Transfer-Encoding: base64


        """
        text += Self.base64Lines(Self.workbook) + "\n--------------b1\n"
        text += """
        Content-Type: message/rfc822; name="reenviado.eml"
        Content-Disposition: attachment; filename="reenviado.eml"

        From: gestion.soporte@claro.com.co
        Subject: base
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="inner"

        --inner
        Content-Type: text/csv; charset=utf-8
        Content-Disposition: attachment; filename*=iso-8859-1''Recurrentes%20mayo.csv
        Content-Transfer-Encoding: quoted-printable

        cuenta;asesor;observaci=C3=B3n
        123;Ana P=C3=A9rez;sin novedad
        --inner--

        --------------b1--

        """
        let message = try #require(ReceivedMessage.parse(Data(text.utf8)))
        #expect(message.from == "coordinacion@almacontact.com.co")
        #expect(message.files.map(\.name) == ["Formulario Tipificador — Medellín.xlsx", "Recurrentes mayo.csv"])
        #expect(message.files.first?.bytes == Self.workbook)
        #expect(message.files.last.map { String(decoding: $0.bytes, as: UTF8.self) } == csv)
    }

    @Test func aBodyIsNoFileAndGarbageIsNoCrash() throws {
        let plain = try #require(ReceivedMessage.parse(Data("From: a@b.co\r\nSubject: hola\r\n\r\nsolo texto\r\n".utf8)))
        #expect(plain.files.isEmpty && plain.subject == "hola")
        // Whatever GMime makes of bytes that are no message, it is an answer, not a crash.
        for junk in [Data(), Data([0, 0xFF, 0x0D]), Data("--\r\n--".utf8), Data(repeating: 0x2D, count: 10_000)] {
            _ = ReceivedMessage.parse(junk)
        }
        // A boundary never closed, a base64 body cut short: what is there is read.
        let cut = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Disposition: attachment; filename=a.csv\r\nContent-Transfer-Encoding: base64\r\n\r\nYSxi\r\nYw"
        let read = try #require(ReceivedMessage.parse(Data(cut.utf8)))
        #expect(read.files.first?.name == "a.csv")
    }

    @Test func anOutgoingMessageIsReadBackAsItWasMade() throws {
        let outgoing = OutgoingMessage(from: "celda@almacontact.com.co", to: ["coordinacion@almacontact.com.co", "cliente@claro.com.co"],
                                       subject: "Informe mal escalados — día 22/03/2024", body: "Casos: 12\nCon causal: 9 (75 %)\n",
                                       messageID: "informe-1@celda", replaces: "informe-0@celda",
                                       fileName: "Informe mal escalados 2024-03-22 — Bogotá.xlsx", mimeType: OutgoingMessage.workbookType,
                                       attachment: Self.workbook)
        let bytes = outgoing.rendered()
        let text = String(decoding: bytes, as: UTF8.self)
        // SMTP wants CRLF lines; the raw text is ASCII (names and subject encoded).
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(bytes.allSatisfy { $0 < 0x80 })
        #expect(text.contains("In-Reply-To: <informe-0@celda>"))
        let back = try #require(ReceivedMessage.parse(bytes))
        #expect(back.subject == outgoing.subject && back.messageID == "informe-1@celda" && back.from == outgoing.from)
        #expect(back.files == [.init(name: outgoing.fileName, mimeType: OutgoingMessage.workbookType, bytes: Self.workbook)])
    }
}

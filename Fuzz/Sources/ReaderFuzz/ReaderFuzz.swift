import Foundation
import FuzzSupport
import XLSXReader

// The fuzz input is the worksheet XML of an otherwise well-formed workbook (shared strings,
// date, time and duration styles), so mutations reach the SAX parser and the cell typing
// instead of stopping at the zip's CRC. Every value is printed the way `celda dump` would.
let template: [String: String] = [
    "[Content_Types].xml": #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
    "_rels/.rels": #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    "xl/workbook.xml": #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="H" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    "xl/_rels/workbook.xml.rels": #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    "xl/styles.xml": #"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="46"/><xf numFmtId="164"/><xf numFmtId="20"/></cellXfs></styleSheet>"#,
    "xl/sharedStrings.xml": #"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si><si><r><t>b</t></r><r><t xml:space="preserve"> c</t></r></si><si><t>_x000D__xD83D__xDE00_</t></si></sst>"#,
]

let path = Harness.scratch("f.xlsx")

func writeWorkbook(sheet: Data) {
    var tmp = [String: Data]()
    for (k, v) in template { tmp[k] = Data(v.utf8) }
    tmp["xl/worksheets/sheet1.xml"] = sheet
    // A stored zip written by hand: local headers, central directory, end record.
    var out = Data(), central = Data()
    func le16(_ v: Int) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)]) }
    func le32(_ v: UInt32) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)]) }
    for (name, body) in tmp.sorted(by: { $0.key < $1.key }) {
        let crc = crc32(body)
        let offset = UInt32(out.count)
        let n = Data(name.utf8)
        let size = le32(UInt32(body.count))
        var local = le32(0x04034b50)
        for part in [le16(20), le16(0), le16(0), le16(0), le16(0), le32(crc), size, size, le16(n.count), le16(0), n, body] { local.append(part) }
        out.append(local)
        var entry = le32(0x02014b50)
        for part in [le16(20), le16(20), le16(0), le16(0), le16(0), le16(0), le32(crc), size, size, le16(n.count),
                     le16(0), le16(0), le16(0), le16(0), le32(0), le32(offset), n] { entry.append(part) }
        central.append(entry)
    }
    let cdOffset = UInt32(out.count)
    out.append(central)
    for part in [le32(0x06054b50), le16(0), le16(0), le16(tmp.count), le16(tmp.count), le32(UInt32(central.count)), le32(cdOffset), le16(0)] {
        out.append(part)
    }
    _ = FileManager.default.createFile(atPath: path, contents: out)
}

func crc32(_ data: Data) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in data {
        c ^= UInt32(b)
        for _ in 0..<8 { c = (c >> 1) ^ (0xEDB8_8320 & (0 &- (c & 1))) }
    }
    return ~c
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    writeWorkbook(sheet: Data(bytes: data, count: size))
    // Only ReaderErrors, with a reason; nothing on stderr (see FuzzSupport).
    Harness.check { try Harness.readAll(path) }
    return 0
}

// SwiftPM links an executable's entry point as `ReaderFuzz_main`; libFuzzer's driver is entered
// explicitly from there (see FuzzSupport.runFuzzer), so the two `main`s do not collide.
@_cdecl("ReaderFuzz_main")
func readerFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, { fuzz($0, $1) })
}

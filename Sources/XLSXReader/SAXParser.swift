import CXML2

/// Base of every SAX event handler. libxml2 calls C callbacks with this object as user data;
/// the concrete subclass casts it back. A handler stops the parse by calling `stop(_:)`.
class SAXHandler {
    fileprivate(set) var context: xmlParserCtxtPtr?
    private(set) var stopReason: ReaderError?

    /// Stops parsing; `SAXParser.parse` then throws `reason`.
    final func stop(_ reason: ReaderError) {
        if stopReason == nil { stopReason = reason }
        if let context { xmlStopParser(context) }
    }

    /// The C callbacks of this handler. Subclasses fill the element and text ones; the
    /// hostile-XML guards are always in.
    class func callbacks() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        // OOXML parts never carry a DTD: refuse one at its first sign, before any entity exists.
        sax.internalSubset = { ctx, _, _, _ in SAXHandler.from(ctx).refuseDTD() }
        sax.externalSubset = { ctx, _, _, _ in SAXHandler.from(ctx).refuseDTD() }
        sax.entityDecl = { ctx, _, _, _, _, _ in SAXHandler.from(ctx).refuseDTD() }
        // Silences libxml2's own printing; the error is read back from the context.
        sax.serror = { _, _ in }
        return sax
    }

    @inline(__always)
    static func from(_ ctx: UnsafeMutableRawPointer?) -> SAXHandler {
        Unmanaged<SAXHandler>.fromOpaque(ctx!).takeUnretainedValue()
    }

    private func refuseDTD() {
        stop(ReaderError(.forbiddenDTD, file: ""))
    }
}

enum SAXParser {
    static let chunkSize = 1 << 16

    /// Streams one zip entry through libxml2's push parser. Network access, entity
    /// substitution and DTD loading stay off; memory is one chunk plus what the handler keeps.
    static func parse(_ stream: ZipEntryStream, handler: SAXHandler, sax: inout xmlSAXHandler, file: String) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        let part = stream.entry.name
        var n = try stream.read(into: buffer)
        if n == 0 { throw ReaderError(.malformedXML("la parte está vacía"), file: file, part: part) }

        let userData = Unmanaged.passUnretained(handler).toOpaque()
        // Four bytes are enough for libxml2 to detect UTF-16 or a BOM; the rest goes in by chunk.
        let head = min(4, n)
        guard let ctxt = xmlCreatePushParserCtxt(
            &sax, userData, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(head), nil)
        else { throw ReaderError(.malformedXML("libxml2 no pudo crear el analizador"), file: file, part: part) }
        defer { xmlFreeParserCtxt(ctxt) }
        _ = xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
        handler.context = ctxt
        defer { handler.context = nil }

        var offset = head
        var status: Int32 = 0
        while true {
            if n > offset {
                status = xmlParseChunk(
                    ctxt, buffer.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self),
                    Int32(n - offset), 0)
            }
            if let reason = handler.stopReason { throw located(reason, file: file, part: part) }
            if status != 0 { break }
            n = try stream.read(into: buffer)
            offset = 0
            if n == 0 { break }
        }
        if status == 0 { status = xmlParseChunk(ctxt, nil, 0, 1) }
        if let reason = handler.stopReason { throw located(reason, file: file, part: part) }
        if status != 0 || celda_xml_ctxt_error_code(ctxt) != 0 {
            let message = String(cString: celda_xml_ctxt_error_message(ctxt))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let line = celda_xml_ctxt_error_line(ctxt)
            throw ReaderError(.malformedXML(message), file: file, part: part, location: line > 0 ? "línea \(line)" : nil)
        }
    }

    private static func located(_ error: ReaderError, file: String, part: String) -> ReaderError {
        var e = error
        if e.file.isEmpty { e.file = file }
        if e.part == nil { e.part = part }
        return e
    }
}

/// Compares a NUL-terminated libxml2 name with an ASCII literal without building a String.
@inline(__always)
func nameIs(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
    let lit = literal.utf8Start
    var i = 0
    let count = literal.utf8CodeUnitCount
    while i < count {
        if name[i] != lit[i] { return false }
        i += 1
    }
    return name[count] == 0
}

/// Iterates libxml2's SAX2 attribute array: five pointers per attribute
/// (localname, prefix, URI, value start, value end).
@inline(__always)
func forEachAttribute(
    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int32,
    _ body: (UnsafePointer<xmlChar>, UnsafePointer<xmlChar>?, UnsafeBufferPointer<UInt8>) -> Void
) {
    guard let attributes, count > 0 else { return }
    for i in 0..<Int(count) {
        let base = attributes + i * 5
        guard let local = base[0], let start = base[3], let end = base[4] else { continue }
        body(local, base[1], UnsafeBufferPointer(start: start, count: end - start))
    }
}

import Foundation

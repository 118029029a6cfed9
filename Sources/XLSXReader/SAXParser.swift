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
    /// Parts larger than this are inflated on a second thread while they are parsed.
    static let prefetchThreshold: UInt64 = 4 << 20

    static func parse(_ stream: ZipEntryStream, handler: SAXHandler, sax: inout xmlSAXHandler, file: String) throws {
        if stream.entry.size > prefetchThreshold {
            let reader = PrefetchingReader(stream)
            defer { reader.stop() }
            try parse(chunks: { try reader.nextChunk() }, part: stream.entry.name, handler: handler, sax: &sax, file: file)
        } else {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
            defer { buffer.deallocate() }
            try parse(chunks: {
                let n = try stream.read(into: buffer)
                return UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            }, part: stream.entry.name, handler: handler, sax: &sax, file: file)
        }
    }

    /// Feeds libxml2's push parser chunk by chunk; `chunks` returns an empty buffer at the end.
    private static func parse(chunks: () throws -> UnsafeRawBufferPointer, part: String, handler: SAXHandler,
                              sax: inout xmlSAXHandler, file: String) throws {
        var chunk = try chunks()
        if chunk.isEmpty { throw ReaderError(.malformedXML("la parte está vacía"), file: file, part: part) }

        // libxml2 prints some errors itself (encoding failures); keep them for the reason instead.
        let libxmlErrors = LibXMLErrorCapture()
        defer { libxmlErrors.end() }
        let userData = Unmanaged.passUnretained(handler).toOpaque()
        // Four bytes are enough for libxml2 to detect UTF-16 or a BOM; the rest goes in by chunk.
        let head = min(4, chunk.count)
        guard let ctxt = xmlCreatePushParserCtxt(
            &sax, userData, chunk.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(head), nil)
        else { throw ReaderError(.malformedXML("libxml2 no pudo crear el analizador"), file: file, part: part) }
        defer { xmlFreeParserCtxt(ctxt) }
        _ = xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
        handler.context = ctxt
        defer { handler.context = nil }

        var offset = head
        var status: Int32 = 0
        while true {
            if chunk.count > offset {
                status = xmlParseChunk(
                    ctxt, chunk.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self),
                    Int32(chunk.count - offset), 0)
            }
            if let reason = handler.stopReason { throw located(reason, file: file, part: part) }
            if status != 0 { break }
            do {
                chunk = try chunks()
            } catch var error as ReaderError {
                if error.file.isEmpty { error.file = file }
                throw error
            }
            offset = 0
            if chunk.isEmpty { break }
        }
        if status == 0 { status = xmlParseChunk(ctxt, nil, 0, 1) }
        if let reason = handler.stopReason { throw located(reason, file: file, part: part) }
        if status != 0 || celda_xml_ctxt_error_code(ctxt) != 0 {
            var message = String(cString: celda_xml_ctxt_error_message(ctxt))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            // An encoding failure leaves the context's error empty; libxml2 said why on its generic channel.
            if message.isEmpty { message = libxmlErrors.firstMessage }
            if message.isEmpty { message = "libxml2 error \(status != 0 ? status : celda_xml_ctxt_error_code(ctxt))" }
            let line = celda_xml_ctxt_error_line(ctxt)
            throw ReaderError(.malformedXML(message), file: file, part: part, line: line > 0 ? Int(line) : nil)
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

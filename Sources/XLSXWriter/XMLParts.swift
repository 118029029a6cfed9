import CXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Namespaces and content types of the parts the writer adds or edits after libxlsxwriter.
enum OOXML {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
    static let officeDocument = relationships + "/officeDocument"
    static let pivotCacheDefinitionRelationship = relationships + "/pivotCacheDefinition"
    static let pivotTableRelationship = relationships + "/pivotTable"
    static let pivotCacheDefinitionType = "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"
    static let pivotTableType = "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"
}

/// A new XML document built with libxml2's `xmlTextWriter` (escaping and encoding are
/// libxml2's, never pasted by hand). Owns the writer and its memory buffer.
final class XMLBuilder {
    private let buffer: xmlBufferPtr
    private var writer: xmlTextWriterPtr?
    let part: String

    init(part: String) throws {
        self.part = part
        guard let buffer = xmlBufferCreate() else { throw WriterError(.cannotSave("sin memoria para \(part)")) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw WriterError(.cannotSave("libxml2 no pudo empezar \(part)"))
        }
        self.buffer = buffer
        self.writer = writer
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", "yes"), "inicio")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) } // flushes into the buffer, which goes after it
        xmlBufferFree(buffer)
    }

    private func check(_ status: Int32, _ what: String) throws {
        guard status >= 0 else { throw WriterError(.cannotSave("libxml2 no pudo escribir \(part) (\(what))")) }
    }

    private func live() throws -> xmlTextWriterPtr {
        guard let writer else { throw WriterError(.cannotSave("\(part) ya se terminó")) }
        return writer
    }

    /// `<name attr="…" …>`; children follow until `end()`.
    func start(_ name: String, _ attributes: [(String, String)] = []) throws {
        let w = try live()
        try check(Self.xml(name) { xmlTextWriterStartElement(w, $0) }, name)
        for (key, value) in attributes {
            try check(Self.xml(key) { k in Self.xml(value) { v in xmlTextWriterWriteAttribute(w, k, v) } }, name + "@" + key)
        }
    }

    func end() throws { try check(xmlTextWriterEndElement(try live()), "fin de elemento") }

    /// An element without children.
    func element(_ name: String, _ attributes: [(String, String)] = []) throws {
        try start(name, attributes)
        try end()
    }

    /// The document's bytes; the builder can take no more.
    func finish() throws -> [UInt8] {
        let w = try live()
        try check(xmlTextWriterEndDocument(w), "fin del documento")
        xmlFreeTextWriter(w)
        writer = nil
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    static func xml<R>(_ s: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        var bytes = Array(s.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// An existing part parsed with libxml2's tree API, edited, serialised again. Owns the document.
final class XMLTree {
    let doc: xmlDocPtr
    let part: String

    init(_ bytes: [UInt8], part: String) throws {
        self.part = part
        // No network, no DTD, no entity substitution: these are our own parts, read defensively all the same.
        let options = Int32(XML_PARSE_NONET.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) { xmlReadMemory($0, Int32(clamping: buf.count), part, "UTF-8", options) }
            }
        }
        guard let parsed else { throw WriterError(.cannotSave("\(part) no es XML legible")) }
        doc = parsed
        guard xmlDocGetRootElement(doc) != nil else {
            xmlFreeDoc(doc)
            throw WriterError(.cannotSave("\(part) no tiene elemento raíz"))
        }
    }

    deinit { xmlFreeDoc(doc) }

    var root: xmlNodePtr { xmlDocGetRootElement(doc)! } // checked in init; the root is never removed

    /// Element children, optionally only those with a local name.
    func children(_ node: xmlNodePtr, named name: String? = nil) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, name == nil || Self.name(c) == name { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    static func name(_ node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }

    /// An attribute without namespace, or in `namespace`.
    func attribute(_ node: xmlNodePtr, _ name: String, namespace: String? = nil) -> String? {
        let value: UnsafeMutablePointer<xmlChar>? = XMLBuilder.xml(name) { n in
            if let namespace { return XMLBuilder.xml(namespace) { xmlGetNsProp(node, n, $0) } }
            return xmlGetNoNsProp(node, n)
        }
        guard let value else { return nil }
        defer { celda_xml_free(value) }
        return String(cString: value)
    }

    func setAttribute(_ node: xmlNodePtr, _ name: String, _ value: String, namespace: String? = nil) throws {
        let done: xmlAttrPtr? = XMLBuilder.xml(name) { n in
            XMLBuilder.xml(value) { v in
                if let namespace {
                    guard let ns = self.namespace(namespace, prefix: "r") else { return nil }
                    return xmlSetNsProp(node, ns, n, v)
                }
                return xmlSetProp(node, n, v)
            }
        }
        guard done != nil else { throw WriterError(.cannotSave("no se pudo escribir \(name) en \(part)")) }
    }

    /// The namespace declared for `href` in scope of the root, declared on the root when absent.
    private func namespace(_ href: String, prefix: String) -> xmlNsPtr? {
        XMLBuilder.xml(href) { h in
            if let ns = xmlSearchNsByHref(doc, root, h) { return ns }
            return XMLBuilder.xml(prefix) { xmlNewNs(root, h, $0) }
        }
    }

    /// A new element in the parent's namespace: appended, or inserted before `before`.
    func add(_ name: String, to parent: xmlNodePtr, before: xmlNodePtr? = nil) throws -> xmlNodePtr {
        let node = XMLBuilder.xml(name) { xmlNewDocNode(doc, parent.pointee.ns, $0, nil) }
        guard let node else { throw WriterError(.cannotSave("sin memoria para \(name) en \(part)")) }
        let placed = before.map { xmlAddPrevSibling($0, node) } ?? xmlAddChild(parent, node)
        guard placed != nil else {
            xmlFreeNode(node)
            throw WriterError(.cannotSave("no se pudo añadir \(name) a \(part)"))
        }
        return node
    }

    func serialised() throws -> [UInt8] {
        var memory: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(doc, &memory, &size, "UTF-8")
        guard let memory, size > 0 else { throw WriterError(.cannotSave("no se pudo serializar \(part)")) }
        defer { celda_xml_free(memory) }
        return Array(UnsafeBufferPointer(start: memory, count: Int(size)))
    }
}

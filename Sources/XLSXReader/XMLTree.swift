import CXML2

/// A small in-memory element tree, for the package's little parts (content types, rels,
/// workbook, styles). Worksheets and shared strings never go through here.
struct XMLElement {
    var name: String
    var namespace: String
    var attributes: [String: String]
    var children: [XMLElement] = []
    var text: String = ""

    func attribute(_ name: String) -> String? { attributes[name] }
    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
    func all(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }
}

final class XMLTreeBuilder: SAXHandler {
    private var stack: [XMLElement] = []
    private(set) var root: XMLElement?

    override class func callbacks() -> xmlSAXHandler {
        var sax = super.callbacks()
        sax.startElementNs = { ctx, local, prefix, uri, _, _, nAttrs, _, attrs in
            let me = Unmanaged<XMLTreeBuilder>.fromOpaque(ctx!).takeUnretainedValue()
            var attributes: [String: String] = [:]
            forEachAttribute(attrs, count: nAttrs) { name, attrPrefix, value in
                var key = String(cString: name)
                // Keep r:id apart from a plain id; other prefixes are noise here.
                if let attrPrefix, String(cString: attrPrefix) == "r" { key = "r:" + key }
                if let existing = attributes[key], !existing.isEmpty, key.hasPrefix("r:") { return }
                attributes[key] = XMLTreeBuilder.attributeValue(value)
            }
            let ns = uri.map { String(cString: $0) } ?? ""
            _ = prefix
            me.stack.append(XMLElement(name: String(cString: local!), namespace: ns, attributes: attributes))
        }
        sax.endElementNs = { ctx, _, _, _ in
            let me = Unmanaged<XMLTreeBuilder>.fromOpaque(ctx!).takeUnretainedValue()
            guard let done = me.stack.popLast() else { return }
            if me.stack.isEmpty { me.root = done } else { me.stack[me.stack.count - 1].children.append(done) }
        }
        let text: charactersSAXFunc = { ctx, ch, len in
            let me = Unmanaged<XMLTreeBuilder>.fromOpaque(ctx!).takeUnretainedValue()
            guard !me.stack.isEmpty, let ch, len > 0 else { return }
            me.stack[me.stack.count - 1].text += String(decoding: UnsafeBufferPointer(start: ch, count: Int(len)), as: UTF8.self)
        }
        sax.characters = text
        sax.cdataBlock = text
        sax.ignorableWhitespace = text
        return sax
    }

    /// With entity substitution off (it stays off: no DTD tricks), libxml2 hands a `&` in an
    /// attribute value back as `&#38;` and escapes a literal one the same way, so turning every
    /// `&#38;` into `&` is exact. Sheet names such as "Ventas & Cartera" depend on it.
    static func attributeValue(_ value: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: value, as: UTF8.self)
        return s.contains("&#38;") ? s.replacingOccurrences(of: "&#38;", with: "&") : s
    }

    static func parse(_ archive: ZipArchive, _ entry: ZipArchive.Entry, file: String) throws -> XMLElement {
        let builder = XMLTreeBuilder()
        var sax = callbacks()
        try SAXParser.parse(try archive.open(entry), handler: builder, sax: &sax, file: file)
        guard let root = builder.root else {
            throw ReaderError(.malformedXML("sin elemento raíz"), file: file, part: entry.name)
        }
        return root
    }
}

import CXML2

/// Streams `sharedStrings.xml` into an array of Strings. Rich-text runs are concatenated;
/// phonetic runs (`rPh`, furigana) are skipped, as Excel shows only the base text.
final class SharedStringsParser: SAXHandler {
    let strings: SharedStringTable
    private let text = ByteAccumulator(capacity: 1024)
    private var inSI = false
    private var inT = false
    private var phoneticDepth = 0
    private var preserve = false
    private var current = ""
    private var tCount = 0
    /// Memory guard: the total of all strings may not exceed this.
    private let maxTotalBytes: Int
    private var totalBytes = 0
    private let file: String

    init(file: String, maxTotalBytes: Int, onDisk: Bool) throws {
        self.file = file
        self.maxTotalBytes = maxTotalBytes
        strings = try SharedStringTable(onDisk: onDisk)
    }

    override class func callbacks() -> xmlSAXHandler {
        var sax = super.callbacks()
        sax.startElementNs = { ctx, local, _, _, _, _, nAttrs, _, attrs in
            let me = Unmanaged<SharedStringsParser>.fromOpaque(ctx!).takeUnretainedValue()
            guard let local else { return }
            if nameIs(local, "si") {
                me.inSI = true; me.current = ""; me.tCount = 0
            } else if nameIs(local, "rPh") {
                me.phoneticDepth += 1
            } else if nameIs(local, "t"), me.inSI, me.phoneticDepth == 0 {
                me.inT = true
                me.text.reset()
                me.preserve = false
                forEachAttribute(attrs, count: nAttrs) { name, _, value in
                    if nameIs(name, "space"), value.elementsEqual("preserve".utf8) { me.preserve = true }
                }
            }
        }
        sax.endElementNs = { ctx, local, _, _ in
            let me = Unmanaged<SharedStringsParser>.fromOpaque(ctx!).takeUnretainedValue()
            guard let local else { return }
            if nameIs(local, "t"), me.inT {
                me.inT = false
                let piece = TextDecoding.string(me.text.buffer, preserveSpace: me.preserve)
                if me.tCount == 0 { me.current = piece } else { me.current += piece }
                me.tCount += 1
            } else if nameIs(local, "rPh") {
                me.phoneticDepth -= 1
            } else if nameIs(local, "si") {
                me.inSI = false
                me.totalBytes += me.current.utf8.count
                if me.totalBytes > me.maxTotalBytes {
                    me.stop(ReaderError(.tooLarge("sharedStrings"), file: me.file))
                    return
                }
                do { try me.strings.append(me.current) } catch { me.stop(ReaderError(.unreadableFile("\(error)"), file: me.file)) }
            }
        }
        let chars: charactersSAXFunc = { ctx, ch, len in
            let me = Unmanaged<SharedStringsParser>.fromOpaque(ctx!).takeUnretainedValue()
            if me.inT, let ch { me.text.append(ch, Int(len)) }
        }
        sax.characters = chars
        sax.cdataBlock = chars
        sax.ignorableWhitespace = chars
        return sax
    }

    static func parse(_ archive: ZipArchive, _ entry: ZipArchive.Entry, file: String, maxTotalBytes: Int, onDiskFrom: UInt64) throws -> SharedStringTable {
        let parser = try SharedStringsParser(file: file, maxTotalBytes: maxTotalBytes, onDisk: entry.size > onDiskFrom)
        var sax = callbacks()
        try SAXParser.parse(try archive.open(entry), handler: parser, sax: &sax, file: file)
        try parser.strings.finish()
        return parser.strings
    }
}

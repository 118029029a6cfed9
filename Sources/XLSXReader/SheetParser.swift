import CXML2

/// Streams one worksheet part: SAX events in, typed rows out, one row in memory at a time.
/// The element and attribute tests compare bytes; a Swift String is made only for a cell's
/// final text value.
final class SheetParser: SAXHandler {
    private enum ValueType { case number, sharedString, formulaString, inlineString, boolean, error, isoDate }

    private let sharedStrings: SharedStringTable
    private let styles: CellStyles
    private let date1904: Bool
    private let file: String
    private let sheetName: String
    private let sink: (Row) throws -> Void
    private(set) var sinkError: Error?
    private(set) var summary = SheetSummary()

    private var row = Row(number: 0, cells: [])
    private var inSheetData = false
    private var inRow = false
    private var rowHadNumber = false
    private var nextColumn = 0

    // The cell being read.
    private var inCell = false
    private var cellColumn = 0
    private var cellType = ValueType.number
    private var cellStyle = 0
    private var hasValue = false
    private var hasInline = false
    private let text = ByteAccumulator(capacity: 256)
    private let formula = ByteAccumulator(capacity: 64)
    private var collecting: Collecting = .none
    private enum Collecting { case none, value, formula, inlineText }
    private var inInline = false
    private var phoneticDepth = 0
    private var preserve = false
    private var inlineValue = ""
    private var inlinePieces = 0

    init(sharedStrings: SharedStringTable, styles: CellStyles, date1904: Bool, file: String, sheetName: String,
         sink: @escaping (Row) throws -> Void) {
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
        self.file = file
        self.sheetName = sheetName
        self.sink = sink
        row.cells.reserveCapacity(64)
    }

    override class func callbacks() -> xmlSAXHandler {
        var sax = super.callbacks()
        // The parser object outlives the parse (SAXParser.parse holds it), so the callbacks
        // borrow it without a retain/release per event: that pair cost a fifth of the time.
        sax.startElementNs = { ctx, local, _, _, _, _, nAttrs, _, attrs in
            Unmanaged<SheetParser>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.start(local!, attrs, nAttrs) }
        }
        sax.endElementNs = { ctx, local, _, _ in
            Unmanaged<SheetParser>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.end(local!) }
        }
        let chars: charactersSAXFunc = { ctx, ch, len in
            Unmanaged<SheetParser>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.characters(ch!, Int(len)) }
        }
        sax.characters = chars
        sax.cdataBlock = chars
        sax.ignorableWhitespace = chars
        return sax
    }

    @inline(__always)
    private func characters(_ ch: UnsafePointer<UInt8>, _ len: Int) {
        switch collecting {
        case .none: return
        case .value, .inlineText: text.append(ch, len)
        case .formula: formula.append(ch, len)
        }
    }

    @inline(__always)
    private func start(_ name: UnsafePointer<xmlChar>, _ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ nAttrs: Int32) {
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0 && inRow:
            startCell(attrs, nAttrs)
        case UInt8(ascii: "v") where name[1] == 0 && inCell:
            text.reset()
            hasValue = true
            collecting = .value
        case UInt8(ascii: "r"):
            if name[1] == UInt8(ascii: "o") && nameIs(name, "row") && inSheetData {
                startRow(attrs, nAttrs)
            } else if nameIs(name, "rPh") {
                phoneticDepth += 1
            }
        case UInt8(ascii: "f") where name[1] == 0 && inCell:
            formula.reset()
            collecting = .formula
        case UInt8(ascii: "i") where nameIs(name, "is") && inCell:
            inInline = true
            hasInline = true
            inlineValue = ""
            inlinePieces = 0
        case UInt8(ascii: "t") where name[1] == 0 && inInline && phoneticDepth == 0:
            text.reset()
            preserve = false
            forEachAttribute(attrs, count: nAttrs) { n, _, value in
                if nameIs(n, "space"), value.elementsEqual("preserve".utf8) { preserve = true }
            }
            collecting = .inlineText
        case UInt8(ascii: "s") where nameIs(name, "sheetData"):
            inSheetData = true
        case UInt8(ascii: "m") where nameIs(name, "mergeCell"):
            forEachAttribute(attrs, count: nAttrs) { n, _, value in
                if nameIs(n, "ref"), let range = CellReference.parseRange(String(decoding: value, as: UTF8.self)) {
                    summary.mergedRanges.append(range)
                }
            }
        default:
            break
        }
    }

    @inline(__always)
    private func end(_ name: UnsafePointer<xmlChar>) {
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0 && inCell:
            endCell()
        case UInt8(ascii: "v") where name[1] == 0:
            if collecting == .value { collecting = .none }
        case UInt8(ascii: "f") where name[1] == 0:
            if collecting == .formula { collecting = .none }
        case UInt8(ascii: "t") where name[1] == 0:
            if collecting == .inlineText {
                collecting = .none
                let piece = TextDecoding.string(text.buffer, preserveSpace: preserve)
                if inlinePieces == 0 { inlineValue = piece } else { inlineValue += piece }
                inlinePieces += 1
            }
        case UInt8(ascii: "r"):
            if nameIs(name, "row") && inRow {
                endRow()
            } else if nameIs(name, "rPh") {
                phoneticDepth -= 1
            }
        case UInt8(ascii: "i") where nameIs(name, "is"):
            inInline = false
        case UInt8(ascii: "s") where nameIs(name, "sheetData"):
            inSheetData = false
            flushRow()
        default:
            break
        }
    }

    private func startRow(_ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ nAttrs: Int32) {
        inRow = true
        rowHadNumber = false
        var number = row.number + 1
        var invalid: String?
        forEachAttribute(attrs, count: nAttrs) { n, prefix, value in
            guard prefix == nil, nameIs(n, "r") else { return }
            if let r = CellReference.parseRow(value) { number = r; rowHadNumber = true }
            else { invalid = String(decoding: value, as: UTF8.self) }
        }
        if let invalid {
            fail(.invalidCellReference("fila r=\"\(invalid)\""), at: nil)
            return
        }
        // Some generators write one <row r="8"> element per cell: they are one row.
        if rowHadNumber && number == row.number && !row.cells.isEmpty { return }
        flushRow()
        row.number = number
        nextColumn = 0
    }

    private func endRow() {
        inRow = false
    }

    /// Hands the pending row to the sink. Rows are held until the next row starts so that
    /// repeated row elements merge; `finish()` flushes the last one.
    private func flushRow() {
        guard !row.cells.isEmpty else { return }
        summary.lastRow = max(summary.lastRow, row.number)
        do { try sink(row) } catch {
            sinkError = error
            stop(ReaderError(.unreadableFile("lectura interrumpida"), file: file, sheet: sheetName))
        }
        row.cells.removeAll(keepingCapacity: true)
    }

    func finish() {
        if stopReason == nil { flushRow() }
    }

    @inline(__always)
    private func startCell(_ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ nAttrs: Int32) {
        inCell = true
        hasValue = false
        hasInline = false
        formula.reset()
        cellType = .number
        cellStyle = 0
        var column = nextColumn
        var badReference: String?
        forEachAttribute(attrs, count: nAttrs) { n, prefix, value in
            guard prefix == nil, n[1] == 0 else { return }
            switch n[0] {
            case UInt8(ascii: "r"):
                if let ref = CellReference.parse(value) {
                    column = ref.column
                    if !rowHadNumber && row.cells.isEmpty {
                        row.number = ref.row
                        rowHadNumber = true
                    }
                } else {
                    badReference = String(decoding: value, as: UTF8.self)
                }
            case UInt8(ascii: "t"):
                cellType = SheetParser.valueType(value)
            case UInt8(ascii: "s"):
                cellStyle = NumberParsing.parseIndex(value) ?? 0
            default:
                break
            }
        }
        if let badReference {
            fail(.invalidCellReference(badReference), at: nil)
            return
        }
        cellColumn = column
        nextColumn = column + 1
    }

    private static func valueType(_ v: UnsafeBufferPointer<UInt8>) -> ValueType {
        guard let first = v.first else { return .number }
        switch first {
        case UInt8(ascii: "s"): return v.count == 1 ? .sharedString : .formulaString
        case UInt8(ascii: "i"): return .inlineString
        case UInt8(ascii: "b"): return .boolean
        case UInt8(ascii: "e"): return .error
        case UInt8(ascii: "d"): return .isoDate
        default: return .number
        }
    }

    @inline(__always)
    private func endCell() {
        inCell = false
        collecting = .none
        var value: CellValue
        switch cellType {
        case .number:
            guard hasValue, text.count > 0 else { value = .empty; break }
            if let number = NumberParsing.parseDouble(text) {
                switch SpreadsheetDate.isRepresentable(number) ? styles[cellStyle] : .number {
                case .number: value = .number(number)
                case .date: value = .date(SpreadsheetDate.fromSerial(number, date1904: date1904, isDuration: false))
                case .duration: value = .date(SpreadsheetDate.fromSerial(number, date1904: date1904, isDuration: true))
                }
            } else {
                // Not a number after all: keep the text rather than lose it.
                value = .text(String(decoding: text.buffer, as: UTF8.self))
            }
        case .sharedString:
            guard hasValue, !TextDecoding.trimmed(text.buffer).isEmpty else { value = .empty; break }
            guard let index = NumberParsing.parseIndex(text.buffer), index < sharedStrings.count else {
                fail(.sharedStringMissing(NumberParsing.parseIndex(text.buffer) ?? -1), at: cellColumn)
                return
            }
            do { value = .text(try sharedStrings[index]) } catch {
                fail(.unreadableFile("\(error)"), at: cellColumn)
                return
            }
        case .inlineString:
            if hasInline { value = .text(inlineValue) }
            else if hasValue { value = .text(TextDecoding.string(text.buffer, preserveSpace: true)) }
            else { value = .empty }
        case .formulaString:
            value = hasValue ? .text(TextDecoding.string(text.buffer, preserveSpace: true)) : .empty
        case .boolean:
            guard hasValue else { value = .empty; break }
            let t = TextDecoding.trimmed(text.buffer)
            value = .bool(t.count == 1 ? t[0] == UInt8(ascii: "1") : t.elementsEqual("true".utf8))
        case .error:
            value = hasValue ? .error(String(decoding: TextDecoding.trimmed(text.buffer), as: UTF8.self)) : .empty
        case .isoDate:
            guard hasValue else { value = .empty; break }
            let raw = String(decoding: TextDecoding.trimmed(text.buffer), as: UTF8.self)
            if let date = ISODate.parse(raw, isDuration: styles[cellStyle] == .duration) { value = .date(date) }
            else { value = .text(raw) }
        }
        let formulaText: String? = formula.count > 0 ? String(decoding: formula.buffer, as: UTF8.self) : nil
        // An empty string (an empty shared string, a formula that returned "") shows as a blank
        // cell and is one for every purpose here, as for calamine; a formula is still kept.
        if case .text(let s) = value, s.isEmpty { value = .empty }
        if value.isEmpty && formulaText == nil { return }
        if !value.isEmpty && cellColumn + 1 > summary.columnCount { summary.columnCount = cellColumn + 1 }
        row.cells.append(Cell(column: cellColumn, value: value, formula: formulaText))
    }

    private func fail(_ kind: ReaderError.Kind, at column: Int?) {
        let location = column.map { CellReference.name(row: row.number, column: $0) }
        stop(ReaderError(kind, file: file, sheet: sheetName, location: location))
    }
}

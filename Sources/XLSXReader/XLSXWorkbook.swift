/// An .xlsx/.xlsm workbook opened for streaming.
///
/// Opening reads only the small workbook-wide parts (relationships, workbook, styles) and
/// checks the package; shared strings are read on the first sheet read; cells are streamed
/// one row at a time by `readRows`, so memory grows with the shared strings, never the sheet.
///
/// ```swift
/// let book = try XLSXWorkbook(path: "Base Mal Escalados.xlsx")
/// let summary = try book.readRows(of: book.sheets[0]) { row in print(row.number, row.cells.count) }
/// ```
public final class XLSXWorkbook {
    public struct Options: Sendable {
        /// Total bytes of text the shared-strings table may hold.
        public var maxSharedStringBytes = 2 << 30
        /// Shared-strings parts larger than this (uncompressed XML) are kept on disk, not in memory.
        public var sharedStringsOnDiskFrom = SharedStringTable.inMemoryLimit
        /// Inflated size beyond which a zip entry may not exceed `maxCompressionRatio`.
        public var ratioFloorBytes: UInt64 = 64 << 20
        public var maxCompressionRatio: UInt64 = 250
        public var maxPartBytes: UInt64 = 8 << 30
        public init() {}
    }

    public let path: String
    public let sheets: [SheetInfo]
    public let date1904: Bool
    private let archive: ZipArchive
    private let package: WorkbookPackage
    private let styles: CellStyles
    private let options: Options
    private var sharedStrings: SharedStringTable?

    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        switch try FileSniffer.container(of: path) {
        case .empty: throw ReaderError(.emptyFile, file: path)
        case .ole2:
            throw ReaderError(FileSniffer.oleIsEncrypted(path: path) ? .encrypted : .legacyXLS, file: path)
        case .other: throw ReaderError(.notASpreadsheet, file: path)
        case .zip: break
        }
        var limits = ZipArchive.Limits()
        limits.maxPartBytes = options.maxPartBytes
        limits.maxRatio = options.maxCompressionRatio
        limits.ratioFloorBytes = options.ratioFloorBytes
        archive = try ZipArchive(path: path, limits: limits)
        if archive.entries.isEmpty { throw ReaderError(.notOOXMLPackage, file: path) }
        let archive = self.archive
        let package = try WorkbookPackage(archive: archive, file: path)
        self.package = package
        date1904 = package.date1904
        if let stylesEntry = package.styles {
            styles = CellStyles(styles: try XMLTreeBuilder.parse(archive, stylesEntry, file: path))
        } else {
            styles = CellStyles()
        }
        sheets = package.sheets.enumerated().map { i, s in
            SheetInfo(name: s.name, index: i, visibility: s.visibility, type: s.type)
        }
        if sheets.isEmpty { throw ReaderError(.noSheets, file: path) }
        try verifyOtherParts()
    }

    /// The sheet with this name (exact first, then ignoring case) or 1-based position.
    public func sheet(named selector: String) throws -> SheetInfo {
        if let exact = sheets.first(where: { $0.name == selector }) { return exact }
        if let folded = sheets.first(where: { $0.name.lowercased() == selector.lowercased() }) { return folded }
        if let n = Int(selector), n >= 1, n <= sheets.count { return sheets[n - 1] }
        throw ReaderError(.sheetNotFound(selector, available: sheets.map(\.name)), file: path)
    }

    /// The first visible worksheet (what Excel shows on open is usually this).
    public var firstWorksheet: SheetInfo? {
        sheets.first { $0.type == .worksheet && $0.visibility == .visible } ?? sheets.first { $0.type == .worksheet }
    }

    /// Streams the rows of a worksheet. `body` sees each row with at least one cell, in file
    /// order; throwing from it stops the read and rethrows.
    @discardableResult
    public func readRows(of sheet: SheetInfo, _ body: @escaping (Row) throws -> Void) throws -> SheetSummary {
        let entry = package.sheets[sheet.index]
        guard sheet.type == .worksheet || sheet.type == .macrosheet || sheet.type == .dialogsheet else {
            throw ReaderError(.notAWorksheet(sheet.name), file: path, sheet: sheet.name)
        }
        guard let part = entry.part else {
            throw ReaderError(.missingPart(entry.partName), file: path, sheet: sheet.name)
        }
        let strings = try loadSharedStrings()
        let parser = SheetParser(
            sharedStrings: strings, styles: styles, date1904: date1904, file: path, sheetName: sheet.name, sink: body)
        var sax = SheetParser.callbacks()
        do {
            try SAXParser.parse(try archive.open(part), handler: parser, sax: &sax, file: path)
            parser.finish()
            if let sinkError = parser.sinkError { throw sinkError }
        } catch var error as ReaderError {
            if let sinkError = parser.sinkError { throw sinkError }
            if error.sheet == nil { error.sheet = sheet.name }
            throw error
        }
        return parser.summary
    }

    private func loadSharedStrings() throws -> SharedStringTable {
        if let sharedStrings { return sharedStrings }
        let strings = try package.sharedStrings.map {
            try SharedStringsParser.parse(archive, $0, file: path, maxTotalBytes: options.maxSharedStringBytes, onDiskFrom: options.sharedStringsOnDiskFrom)
        } ?? SharedStringTable(onDisk: false)
        sharedStrings = strings
        return strings
    }

    /// Reads every part that sheet streaming will not touch to its end, so a damaged part
    /// (bad CRC, wrong size) is reported on open rather than ignored. Sheets and shared strings
    /// are checked as they are read.
    private func verifyOtherParts() throws {
        var streamed = Set(package.sheets.compactMap { $0.part?.index })
        if let sst = package.sharedStrings { streamed.insert(sst.index) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        for entry in archive.entries.values where !streamed.contains(entry.index) {
            let stream = try archive.open(entry)
            while try stream.read(into: buffer) > 0 {}
        }
    }
}

/// Why a file could not be read, and where. Structural failures only: problems in the
/// values of readable cells are data for the core, never thrown.
public struct ReaderError: Error, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case fileNotFound
        case unreadableFile(String)
        case emptyFile
        case notASpreadsheet
        case encrypted
        case legacyXLS
        case openDocument
        case binaryXLSB
        case notOOXMLPackage
        case corruptZip(String)
        case ambiguousPackage(String)
        case missingPart(String)
        case malformedXML(String)
        case forbiddenDTD
        case unsupportedNamespace(String)
        case invalidAttribute(String)
        case zipBomb
        case tooLarge(String)
        case invalidCellReference(String)
        case sharedStringMissing(Int)
        case noSheets
        case sheetNotFound(String, available: [String])
        case notAWorksheet(String)
        /// A quote opened and never closed: the rest of the file would be one cell.
        case csvUnclosedQuote
    }

    public var kind: Kind
    public var file: String
    /// The zip part involved, e.g. `xl/worksheets/sheet3.xml`.
    public var part: String?
    public var sheet: String?
    /// A cell reference such as `C17`.
    public var location: String?
    /// The line of an XML part or a CSV file where the problem is (1-based).
    public var line: Int?

    public init(_ kind: Kind, file: String, part: String? = nil, sheet: String? = nil, location: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.file = file
        self.part = part
        self.sheet = sheet
        self.location = location
        self.line = line
    }
}

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
        case csvMalformed(String)
    }

    public var kind: Kind
    public var file: String
    /// The zip part involved, e.g. `xl/worksheets/sheet3.xml`.
    public var part: String?
    public var sheet: String?
    /// A cell reference such as `C17`, or a line number for XML and CSV problems (`línea 12`).
    public var location: String?

    public init(_ kind: Kind, file: String, part: String? = nil, sheet: String? = nil, location: String? = nil) {
        self.kind = kind
        self.file = file
        self.part = part
        self.sheet = sheet
        self.location = location
    }
}

/// The package-level facts of an .xlsx: where the workbook, its sheets, shared strings and
/// styles live, resolved through relationships as ECMA-376 Part 2 says (never by guessing
/// `sheetN.xml`), with the refusals that belong to the package itself.
struct WorkbookPackage {
    struct SheetEntry {
        var name: String
        var visibility: SheetInfo.Visibility
        var type: SheetInfo.SheetType
        /// Zip entry of the sheet part; nil for a sheet whose relationship points nowhere.
        var part: ZipArchive.Entry?
        var partName: String
    }

    var workbookPart: String
    var date1904: Bool
    var sheets: [SheetEntry]
    var sharedStrings: ZipArchive.Entry?
    var styles: ZipArchive.Entry?

    static let mainNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main",
    ]

    init(archive: ZipArchive, file: String) throws {
        if let mimetype = archive.entry(named: "mimetype"),
           let bytes = try? archive.readAll(mimetype, maxBytes: 1024),
           String(decoding: bytes, as: UTF8.self).contains("opendocument") {
            throw ReaderError(.openDocument, file: file)
        }
        workbookPart = try WorkbookPackage.findWorkbookPart(archive: archive, file: file)
        if workbookPart.lowercased().hasSuffix(".bin") { throw ReaderError(.binaryXLSB, file: file) }
        guard let workbookEntry = archive.entry(named: workbookPart) else {
            throw ReaderError(.missingPart(workbookPart), file: file)
        }
        let workbook = try XMLTreeBuilder.parse(archive, workbookEntry, file: file)
        guard WorkbookPackage.mainNamespaces.contains(workbook.namespace) else {
            throw ReaderError(.unsupportedNamespace(workbook.namespace), file: file, part: workbookEntry.name)
        }
        let pr = workbook.child("workbookPr")?.attribute("date1904")?.lowercased()
        date1904 = pr == "1" || pr == "true"

        let relsPart = WorkbookPackage.relsPath(for: workbookPart)
        guard let relsEntry = archive.entry(named: relsPart) else {
            throw ReaderError(.missingPart(relsPart), file: file)
        }
        let rels = try Relationships(archive: archive, entry: relsEntry, sourcePart: workbookPart, file: file)

        sheets = []
        for sheet in workbook.child("sheets")?.all("sheet") ?? [] {
            let name = sheet.attribute("name") ?? ""
            let visibility: SheetInfo.Visibility
            switch sheet.attribute("state") ?? "visible" {
            case "visible": visibility = .visible
            case "hidden": visibility = .hidden
            case "veryHidden": visibility = .veryHidden
            case let other:
                throw ReaderError(.invalidAttribute("state=\"\(other)\" en la hoja «\(name)»"), file: file, part: workbookEntry.name)
            }
            let rid = sheet.attribute("r:id") ?? sheet.attribute("id") ?? ""
            // An empty r:id is an Excel 5 VBA module sheet kept for compatibility: it has no
            // cells and Excel does not show it as a sheet (peer readers skip it too).
            if rid.isEmpty { continue }
            // A sheet whose relationship or part is missing is still listed (Excel shows it);
            // reading it is refused with the missing part named.
            guard let rel = rels.byId[rid] else {
                sheets.append(SheetEntry(name: name, visibility: visibility, type: .worksheet, part: nil,
                                         partName: "relación «\(rid)» en \(relsEntry.name)"))
                continue
            }
            let type = SheetInfo.SheetType(relationshipType: rel.type)
            sheets.append(SheetEntry(name: name, visibility: visibility, type: type,
                                     part: archive.entry(named: rel.target), partName: rel.target))
        }

        sharedStrings = rels.first(endingWith: "/sharedStrings").flatMap { archive.entry(named: $0.target) }
        styles = rels.first(endingWith: "/styles").flatMap { archive.entry(named: $0.target) }
    }

    private static func findWorkbookPart(archive: ZipArchive, file: String) throws -> String {
        if let rootRels = archive.entry(named: "_rels/.rels") {
            let rels = try Relationships(archive: archive, entry: rootRels, sourcePart: "", file: file)
            if let office = rels.first(endingWith: "/officeDocument") { return office.target }
        }
        // Some hand-made packages have no root relationships: trust the content types instead.
        if let types = archive.entry(named: "[Content_Types].xml") {
            let root = try XMLTreeBuilder.parse(archive, types, file: file)
            for override in root.all("Override") {
                let type = override.attribute("ContentType") ?? ""
                if type.contains("sheet.binary") { throw ReaderError(.binaryXLSB, file: file) }
                if type.hasSuffix(".main+xml"), type.contains("spreadsheetml") || type.contains("ms-excel") {
                    return Relationships.resolve(override.attribute("PartName") ?? "", from: "")
                }
            }
        }
        if archive.entry(named: "xl/workbook.xml") != nil { return "xl/workbook.xml" }
        if archive.entry(named: "xl/workbook.bin") != nil { throw ReaderError(.binaryXLSB, file: file) }
        throw ReaderError(.notOOXMLPackage, file: file)
    }

    static func relsPath(for part: String) -> String {
        let slash = part.lastIndex(of: "/")
        let folder = slash.map { String(part[..<$0]) + "/" } ?? ""
        let name = slash.map { String(part[part.index(after: $0)...]) } ?? part
        return folder + "_rels/" + name + ".rels"
    }
}

struct Relationships {
    struct Relationship { var type: String; var target: String }
    var byId: [String: Relationship] = [:]
    var ordered: [Relationship] = []

    init(archive: ZipArchive, entry: ZipArchive.Entry, sourcePart: String, file: String) throws {
        let root = try XMLTreeBuilder.parse(archive, entry, file: file)
        for rel in root.all("Relationship") where rel.attribute("TargetMode") != "External" {
            let r = Relationship(
                type: rel.attribute("Type") ?? "",
                target: Relationships.resolve(rel.attribute("Target") ?? "", from: sourcePart))
            ordered.append(r)
            if let id = rel.attribute("Id") { byId[id] = r }
        }
    }

    /// Matches the type's last segment, which is the same in Transitional and Strict OOXML.
    func first(endingWith suffix: String) -> Relationship? {
        ordered.first { $0.type.hasSuffix(suffix) }
    }

    /// Resolves a relationship target against the folder of its source part.
    static func resolve(_ target: String, from sourcePart: String) -> String {
        let t = target.replacingBackslashes()
        var components: [Substring] = []
        if !t.hasPrefix("/") {
            let folder = sourcePart.split(separator: "/", omittingEmptySubsequences: true).dropLast()
            components = Array(folder)
        }
        for piece in t.split(separator: "/", omittingEmptySubsequences: true) {
            if piece == "." { continue }
            if piece == ".." { _ = components.popLast(); continue }
            components.append(piece)
        }
        return components.joined(separator: "/")
    }
}

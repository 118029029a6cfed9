import CXML2
import CZip
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An .xlsx opened with libzip to add and replace parts; owns the archive. `commit()` writes
/// it; otherwise `deinit` discards every change.
final class ZipPackage {
    private var archive: OpaquePointer?
    let path: String

    init(path: String) throws {
        self.path = path
        var err: Int32 = 0
        guard let za = zip_open(path, 0, &err) else {
            // libzip's own words for the code (the path is said by whoever reports the error).
            var error = zip_error_t()
            zip_error_init_with_code(&error, err)
            defer { zip_error_fini(&error) }
            let why = zip_error_strerror(&error).map { String(cString: $0) } ?? "código \(err)"
            throw WriterError(.cannotSave("no se pudo reabrir el libro para añadir la tabla dinámica: \(why)"))
        }
        archive = za
    }

    deinit { if let archive { zip_discard(archive) } }

    private func open() throws -> OpaquePointer {
        guard let archive else { throw WriterError(.cannotSave("el paquete ya se cerró")) }
        return archive
    }

    func contains(_ entry: String) -> Bool {
        guard let archive else { return false }
        return zip_name_locate(archive, entry, 0) >= 0
    }

    /// The bytes of an entry; nil when there is none. Parts written by libxlsxwriter are small
    /// (workbook, relationships, content types): 64 MiB is far past any of them.
    func read(_ entry: String) throws -> [UInt8]? {
        let za = try open()
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_stat(za, entry, 0, &stat) == 0 else { return nil }
        guard stat.size <= 64 << 20, let size = Int(exactly: stat.size) else { throw WriterError(.cannotSave("\(entry) demasiado grande")) }
        guard let file = zip_fopen(za, entry, 0) else { throw WriterError(.cannotSave("no se pudo abrir \(entry)")) }
        defer { zip_fclose(file) }
        var bytes = [UInt8](repeating: 0, count: size)
        let n = bytes.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, stat.size) }
        guard n == Int64(size) else { throw WriterError(.cannotSave("lectura de \(entry)")) }
        return bytes
    }

    func write(_ entry: String, _ data: [UInt8]) throws { try VeryHiddenPatch.replace(entry, in: try open(), with: data) }

    func commit() throws {
        let za = try open()
        guard zip_close(za) == 0 else { // deinit discards it
            let why = zip_get_error(za).flatMap { zip_error_strerror($0) }.map { String(cString: $0) } ?? "error de libzip"
            throw WriterError(.cannotSave("no se pudo guardar la tabla dinámica en el libro: \(why)"))
        }
        archive = nil
    }
}

/// Part names inside the package (no leading slash) and relationship targets between them.
enum PartName {
    static func folder(_ part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[..<slash])
    }

    /// `xl/worksheets/_rels/sheet2.xml.rels` for `xl/worksheets/sheet2.xml`.
    static func relationships(of part: String) -> String {
        let folder = folder(part)
        let file = folder.isEmpty ? part : String(part.dropFirst(folder.count + 1))
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    }

    /// The part a relationship of `source` points to: absolute (`/xl/…`) or relative to the
    /// source's folder, with `..` and `.` resolved.
    static func resolve(_ target: String, from source: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder(source).split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    /// The relative target from `source` to `part` (`../pivotTables/pivotTable1.xml`).
    static func relative(to part: String, from source: String) -> String {
        let from = folder(source).split(separator: "/"), to = part.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
    }
}

/// A pivot table waiting for `save()`: its layout and the sheet it goes on.
struct PendingPivot {
    let layout: PivotLayout
    let sheet: String
}

/// Adds pivot tables to a workbook libxlsxwriter has written: for each, a cache definition and
/// a pivot-table part, their relationships (workbook → cache, sheet → table, table → cache),
/// `<pivotCaches>` in the workbook and the content types. Every part is found through the
/// relationships, every existing XML part edited through libxml2's tree.
enum PivotTablePatch {
    static func apply(to path: String, pivots: [PendingPivot]) throws {
        let zip = try ZipPackage(path: path)
        let package = try Package(zip)
        for pivot in pivots { try package.add(pivot) }
        try package.save()
        try zip.commit()
    }

    /// The parts every pivot table touches, parsed once and written once.
    final class Package {
        let zip: ZipPackage
        let contentTypes: XMLTree
        let workbookPart: String
        let workbook: XMLTree
        let workbookRels: XMLTree
        var sheetRels: [String: XMLTree] = [:]

        init(_ zip: ZipPackage) throws {
            self.zip = zip
            contentTypes = try XMLTree(try Self.need("[Content_Types].xml", zip), part: "[Content_Types].xml")
            let root = try XMLTree(try Self.need("_rels/.rels", zip), part: "_rels/.rels")
            guard let office = root.children(root.root, named: "Relationship").first(where: { root.attribute($0, "Type") == OOXML.officeDocument }),
                  let target = root.attribute(office, "Target") else { throw WriterError(.cannotSave("_rels/.rels no nombra el libro")) }
            workbookPart = PartName.resolve(target, from: "")
            workbook = try XMLTree(try Self.need(workbookPart, zip), part: workbookPart)
            let relsPart = PartName.relationships(of: workbookPart)
            workbookRels = try XMLTree(try Self.need(relsPart, zip), part: relsPart)
        }

        static func need(_ entry: String, _ zip: ZipPackage) throws -> [UInt8] {
            guard let bytes = try zip.read(entry) else { throw WriterError(.cannotSave("falta \(entry)")) }
            return bytes
        }

        /// The worksheet part of a sheet, through `<sheet r:id>` and the workbook's relationships.
        func sheetPart(_ name: String) throws -> String {
            let sheets = workbook.children(workbook.root, named: "sheets").flatMap { workbook.children($0, named: "sheet") }
            guard let sheet = sheets.first(where: { workbook.attribute($0, "name") == name }),
                  let id = workbook.attribute(sheet, "id", namespace: OOXML.relationships),
                  let rel = workbookRels.children(workbookRels.root, named: "Relationship").first(where: { workbookRels.attribute($0, "Id") == id }),
                  let target = workbookRels.attribute(rel, "Target") else {
                throw WriterError(.cannotSave("no se encontró la parte de la hoja"), sheet: name)
            }
            return PartName.resolve(target, from: workbookPart)
        }

        /// `rId<n>` not yet used in a relationships part.
        static func freshID(_ rels: XMLTree) -> String {
            let used = Set(rels.children(rels.root, named: "Relationship").compactMap { rels.attribute($0, "Id") })
            var n = used.count + 1
            while used.contains("rId\(n)") { n += 1 }
            return "rId\(n)"
        }

        /// `<prefix><n>.xml` in `folder` that no entry of the package has.
        func freshPart(_ folder: String, _ prefix: String) -> String {
            var n = 1
            while zip.contains("\(folder)/\(prefix)\(n).xml") { n += 1 }
            return "\(folder)/\(prefix)\(n).xml"
        }

        func addRelationship(to rels: XMLTree, type: String, target: String) throws -> String {
            let id = Self.freshID(rels)
            let node = try rels.add("Relationship", to: rels.root)
            try rels.setAttribute(node, "Id", id)
            try rels.setAttribute(node, "Type", type)
            try rels.setAttribute(node, "Target", target)
            return id
        }

        func addOverride(_ part: String, type: String) throws {
            let node = try contentTypes.add("Override", to: contentTypes.root)
            try contentTypes.setAttribute(node, "PartName", "/" + part)
            try contentTypes.setAttribute(node, "ContentType", type)
        }

        /// `<pivotCaches>` where CT_Workbook puts it: after definedNames, calcPr, oleSize and
        /// customWorkbookViews, before smartTagPr … extLst.
        func pivotCaches() throws -> xmlNodePtr {
            if let existing = workbook.children(workbook.root, named: "pivotCaches").first { return existing }
            let after: Set<String> = ["smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]
            let before = workbook.children(workbook.root).first { after.contains(XMLTree.name($0)) }
            return try workbook.add("pivotCaches", to: workbook.root, before: before)
        }

        func add(_ pivot: PendingPivot) throws {
            let caches = try pivotCaches()
            let ids = workbook.children(caches, named: "pivotCache").compactMap { workbook.attribute($0, "cacheId").flatMap { Int($0) } }
            let cacheID = (ids.max() ?? 0) + 1

            let cachePart = freshPart(PartName.folder(workbookPart) + "/pivotCache", "pivotCacheDefinition")
            try zip.write(cachePart, try PivotTableParts.cacheDefinition(pivot.layout))
            let tablePart = freshPart(PartName.folder(workbookPart) + "/pivotTables", "pivotTable")
            try zip.write(tablePart, try PivotTableParts.tableDefinition(pivot.layout, cacheID: cacheID))
            try zip.write(PartName.relationships(of: tablePart),
                          try PivotTableParts.relationships("rId1", type: OOXML.pivotCacheDefinitionRelationship,
                                                            target: PartName.relative(to: cachePart, from: tablePart)))

            let cacheRel = try addRelationship(to: workbookRels, type: OOXML.pivotCacheDefinitionRelationship,
                                               target: PartName.relative(to: cachePart, from: workbookPart))
            let cache = try workbook.add("pivotCache", to: caches)
            try workbook.setAttribute(cache, "cacheId", String(cacheID))
            try workbook.setAttribute(cache, "id", cacheRel, namespace: OOXML.relationships)

            let sheet = try sheetPart(pivot.sheet)
            let relsPart = PartName.relationships(of: sheet)
            let rels: XMLTree
            if let open = sheetRels[relsPart] {
                rels = open
            } else if let bytes = try zip.read(relsPart) {
                rels = try XMLTree(bytes, part: relsPart)
            } else {
                let empty = try XMLBuilder(part: relsPart)
                try empty.element("Relationships", [("xmlns", OOXML.packageRelationships)])
                rels = try XMLTree(try empty.finish(), part: relsPart)
            }
            sheetRels[relsPart] = rels
            _ = try addRelationship(to: rels, type: OOXML.pivotTableRelationship, target: PartName.relative(to: tablePart, from: sheet))

            try addOverride(cachePart, type: OOXML.pivotCacheDefinitionType)
            try addOverride(tablePart, type: OOXML.pivotTableType)
        }

        func save() throws {
            try zip.write("[Content_Types].xml", try contentTypes.serialised())
            try zip.write(workbookPart, try workbook.serialised())
            try zip.write(PartName.relationships(of: workbookPart), try workbookRels.serialised())
            for (part, rels) in sheetRels { try zip.write(part, try rels.serialised()) }
        }
    }
}

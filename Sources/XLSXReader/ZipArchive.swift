import CZip

/// Read-only view of a zip file through libzip. Owns the `zip_t`; entries are looked up by
/// normalised name (backslashes as slashes, no leading slash, case-insensitive), because real
/// producers write `xl\worksheets\sheet1.xml` or `XL/Workbook.xml` and Excel opens them.
final class ZipArchive {
    struct Entry {
        let index: zip_uint64_t
        let name: String
        let compressedSize: UInt64
        let size: UInt64
    }

    /// Limits that stop zip bombs before they cost memory or time.
    struct Limits {
        /// No part may inflate beyond this.
        var maxPartBytes: UInt64 = 8 << 30
        /// Beyond `ratioFloorBytes`, a part may not inflate more than this many times its size.
        /// Real sheets deflate 5–20:1; one deflate stream cannot pass about 1032:1, so a limit
        /// well below that catches a single-layer bomb early.
        var maxRatio: UInt64 = 250
        var ratioFloorBytes: UInt64 = 64 << 20
    }

    let path: String
    let limits: Limits
    private let handle: OpaquePointer
    private(set) var entries: [String: Entry] = [:]
    /// Entry names as written, in archive order (for messages and sniffing).
    private(set) var rawNames: [String] = []

    /// ZIP_CHECKCONS is left off on purpose: it refuses files that Excel and every peer reader
    /// open (local headers that disagree in harmless ways with the central directory). Real
    /// damage still surfaces as a CRC or size error when an entry is inflated.
    init(path: String, limits: Limits = Limits()) throws {
        self.path = path
        self.limits = limits
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_RDONLY, &code) else {
            throw ZipArchive.openError(code: code, path: path)
        }
        // Every stored property is set from here on, so a throw below runs deinit, which
        // discards the handle: no second zip_discard here.
        handle = za
        try indexEntries()
    }

    deinit { zip_discard(handle) }

    static func normalise(_ name: String) -> String {
        var n = name.replacingBackslashes()
        while n.hasPrefix("/") { n.removeFirst() }
        return n.lowercased()
    }

    private func indexEntries() throws {
        let count = zip_get_num_entries(handle, 0)
        guard count >= 0 else { throw ReaderError(.corruptZip(lastError()), file: path) }
        for i in 0..<zip_uint64_t(count) {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(handle, i, zip_flags_t(ZIP_FL_ENC_GUESS), &st) == 0, let cname = st.name else {
                throw ReaderError(.corruptZip(lastError()), file: path)
            }
            let name = String(cString: cname)
            rawNames.append(name)
            if name.hasSuffix("/") || name.hasSuffix("\\") { continue }
            let key = ZipArchive.normalise(name)
            if entries[key] != nil {
                // Two entries for one part: readers that pick the first or the last see different data.
                throw ReaderError(.ambiguousPackage(name), file: path)
            }
            entries[key] = Entry(index: i, name: name, compressedSize: st.comp_size, size: st.size)
        }
    }

    func entry(named name: String) -> Entry? { entries[ZipArchive.normalise(name)] }

    /// Opens an entry for streaming. The stream enforces the bomb limits as it inflates.
    func open(_ entry: Entry) throws -> ZipEntryStream {
        guard let file = zip_fopen_index(handle, entry.index, 0) else {
            throw ReaderError(.corruptZip(lastError()), file: path, part: entry.name)
        }
        return ZipEntryStream(file: file, entry: entry, archive: self)
    }

    /// Reads a whole (small) part. Parts read this way are capped at `maxBytes`.
    func readAll(_ entry: Entry, maxBytes: Int = 256 << 20) throws -> [UInt8] {
        let stream = try open(entry)
        var out: [UInt8] = []
        out.reserveCapacity(Int(min(entry.size, UInt64(maxBytes))))
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > maxBytes { throw ReaderError(.tooLarge(entry.name), file: path, part: entry.name) }
        }
        return out
    }

    fileprivate func lastError() -> String {
        String(cString: zip_error_strerror(zip_get_error(handle)))
    }

    private static func openError(code: Int32, path: String) -> ReaderError {
        var err = zip_error_t()
        zip_error_init_with_code(&err, code)
        defer { zip_error_fini(&err) }
        let text = String(cString: zip_error_strerror(&err))
        switch code {
        // The caller has seen the zip signature, so "not a zip" here means the end of the
        // archive (its central directory) is missing: a truncated download.
        case ZIP_ER_NOZIP: return ReaderError(.corruptZip("falta el final del archivo; está truncado"), file: path)
        case ZIP_ER_NOENT: return ReaderError(.fileNotFound, file: path)
        case ZIP_ER_OPEN, ZIP_ER_READ: return ReaderError(.unreadableFile(text), file: path)
        default: return ReaderError(.corruptZip(text), file: path)
        }
    }
}

/// One entry being inflated. Holds its archive so the `zip_t` outlives the `zip_file_t`.
final class ZipEntryStream {
    private let file: OpaquePointer
    let entry: ZipArchive.Entry
    private let archive: ZipArchive
    private(set) var inflated: UInt64 = 0
    private var closed = false

    fileprivate init(file: OpaquePointer, entry: ZipArchive.Entry, archive: ZipArchive) {
        self.file = file
        self.entry = entry
        self.archive = archive
    }

    deinit { if !closed { zip_fclose(file) } }

    /// Fills `buffer` and returns the byte count; 0 at the end of the entry.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = zip_fread(file, buffer.baseAddress, zip_uint64_t(buffer.count))
        if n < 0 {
            let text = String(cString: zip_error_strerror(zip_file_get_error(file)))
            throw ReaderError(.corruptZip(text), file: archive.path, part: entry.name)
        }
        inflated += UInt64(n)
        let limits = archive.limits
        if inflated > limits.maxPartBytes
            || (inflated > limits.ratioFloorBytes && inflated / max(entry.compressedSize, 1) > limits.maxRatio) {
            throw ReaderError(.zipBomb, file: archive.path, part: entry.name)
        }
        return Int(n)
    }
}

extension String {
    func replacingBackslashes() -> String {
        guard contains("\\") else { return self }
        return String(map { $0 == "\\" ? "/" : $0 })
    }
}

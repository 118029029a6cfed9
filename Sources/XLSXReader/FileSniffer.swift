import Foundation

/// Tells what a file really is from its first bytes, so that a renamed .xls, an encrypted
/// workbook or a stray download is refused with its own reason instead of "corrupt zip".
enum FileSniffer {
    enum Container { case zip, ole2, empty, other }

    static func container(of path: String) throws -> Container {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw ReaderError(.unreadableFile("permiso denegado"), file: path)
            }
            throw ReaderError(.fileNotFound, file: path)
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        if head.isEmpty { return .empty }
        if head.starts(with: [0x50, 0x4B]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole2 }
        return .other
    }

    /// An OLE2 compound file holding `EncryptionInfo`/`EncryptedPackage` streams is an
    /// encrypted OOXML workbook; any other OLE2 file here is a legacy BIFF .xls. Stream names
    /// sit in the directory as UTF-16LE; reading at most the first 16 MiB keeps this bounded.
    static func oleIsEncrypted(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 16 << 20)) ?? Data()
        let needle = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let needle2 = Data("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return data.range(of: needle) != nil || data.range(of: needle2) != nil
    }
}

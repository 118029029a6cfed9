import CeldaCore
import Foundation
import XLSXWriter

/// Why a use case could not finish: a base Celda cannot take, or a place it cannot write.
/// Reader and template problems keep their own types (`ReaderError`, `TemplateError`); every
/// one of them becomes one line through `ErrorReport`.
public enum PipelineError: Error, Equatable, Sendable {
    /// No row among the first `searched` looks like the header of a known kind.
    case noHeaderRow(file: String, sheet: String, searched: Int, kinds: [String])
    /// The base looks like `kind` but lacks required fields.
    case missingFields(file: String, kind: String, missing: [HeaderMatcher.Missing], headerRow: Int, headers: [String])
    /// A folder Celda must write into cannot be created or written (`errno` says why).
    case folderUnusable(path: String, errno: Int32)
    /// A file Celda writes (journal, lock, note) could not be written.
    case fileNotWritten(path: String, errno: Int32)
    /// An output workbook could not be written; `detail` is the writer's reason.
    case outputNotWritten(path: String, detail: WriterError)
    /// Dropped in entrada/ but not a kind of file Celda processes.
    case notAccepted(file: String, accepted: [String], entrada: String)
    /// Another `celda watch` holds the folder.
    case folderWatched(folder: String, pid: String)
    /// A file could not be moved between the workflow's folders.
    case moveFailed(file: String, folder: String, errno: Int32)
    /// Standard output closed or full (`celda dump … | head`, a full disk).
    case standardOutputFailed
    /// `dump` met rows that reappear after later rows and could not place them.
    case rowsOutOfOrder(file: String, rows: [Int])
    /// `report` was asked for with no store to read from.
    case noStore
    /// `report` or `feedback` was given a store file that does not exist (a mistyped path must
    /// not read as an empty history).
    case storeNotFound(path: String)
    /// `celda service --install` could not write the unit (not root, most often).
    case unitNotWritten(path: String, errno: Int32)
    /// The unit's name is already taken by the unit of another folder with the same last name.
    case unitOfAnotherFolder(path: String)
    /// A folder or file named with a line break or another control character, which a unit cannot hold.
    case unitUnsafePath(String)
    /// `systemctl` refused a step of `--install`; `output` is what it said.
    case systemctlFailed(command: String, output: String)
    /// `celda service --user` names a user this machine does not have.
    case unknownUser(String)
    /// A store URL with its password in it, which a unit file (readable by all) must not hold.
    case passwordInStoreURL(shown: String, environmentFile: String)
    /// `celda status` was given a folder `celda watch` never used.
    case notAWatchFolder(path: String)
}


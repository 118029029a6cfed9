import Foundation
import XLSXWriter

/// Where a report workbook goes and how its writing fails: `<folder>/<stem>.xlsx` (the stem cut
/// to fit a file name), the folder made and checked first, a writer failure said as the output
/// that could not be written. A report is Celda's own, made again from the history, so an
/// earlier one of the same name is replaced.
enum ReportFile {
    static func write(stem: String, in folder: String, _ write: (String) throws -> Void) throws -> String {
        try OutputFolder.prepare(folder)
        let path = (folder as NSString).appendingPathComponent(OutputNames.fitted(stem: stem, tail: ".xlsx"))
        do {
            try write(path)
        } catch let error as WriterError {
            throw PipelineError.outputNotWritten(path: path, detail: error)
        }
        return path
    }
}

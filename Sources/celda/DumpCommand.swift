import ArgumentParser
import CeldaPipeline
import Foundation
import XLSXReader

struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Vuelca las celdas de una hoja, fila por fila, con su tipo.",
        discussion: """
        Cada fila de la hoja es una línea, en su posición (una fila vacía sale como [] o línea vacía).
        En jsonl cada celda es: null · número · true/false · "texto" · {"date":"2024-03-05"} ·
        {"datetime":"2024-03-05T14:10:00"} · {"time":"14:10:00"} · {"duration":"PT36H0M0S"} ·
        {"error":"#N/A"}. Las fechas salen como fechas según el formato de la celda.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

    @Argument(help: "Libro .xlsx/.xlsm o archivo .csv.")
    var file: String

    @Option(name: .long, help: "Hoja por nombre o por posición (1 = la primera). Por defecto, la primera hoja de datos visible.")
    var sheet: String?

    @Option(name: .long, help: "jsonl (por defecto) o csv.")
    var format: Format = .jsonl

    @OptionGroup var options: ReadOptions

    func run() throws {
        let source = try SpreadsheetFile.open(path: file)
        let target: SheetInfo
        if let sheet {
            target = try source.sheet(named: sheet)
        } else if let first = source.firstWorksheet {
            target = first
        } else {
            throw ReaderError(.noSheets, file: file)
        }
        let out = ByteOutput(fd: STDOUT_FILENO)
        let encoder: RowEncoder = format == .jsonl ? JSONLinesEncoder() : CSVEncoder()
        var printedRows = 0
        var scratch: [Cell] = []
        var outOfOrder: [Int] = []
        try source.readRows(of: target) { row in
            guard row.number > printedRows else {
                // A row given again after later ones cannot go back in a stream: say so.
                outOfOrder.append(row.number)
                return
            }
            while printedRows + 1 < row.number {
                encoder.writeEmptyRow(to: out)
                printedRows += 1
            }
            encoder.write(row: row, to: out, scratch: &scratch)
            printedRows = row.number
            if out.failed { throw PipelineError.standardOutputFailed }
        }
        out.flush()
        if out.failed { throw PipelineError.standardOutputFailed }
        if !outOfOrder.isEmpty {
            throw PipelineError.rowsOutOfOrder(file: file, rows: Array(outOfOrder.prefix(10)))
        }
    }
}

import CeldaCore
import CeldaMail
import CeldaPipeline
import CeldaStore
import CeldaTestSupport
import Foundation
import Testing
import XLSXReader
import XLSXWriter

/// Every error a user can meet, in both languages: one line, no Spanish inside the English.
struct MessagesTests {
    static let pipelineErrors: [PipelineError] = [
        .noHeaderRow(file: "/x/Base.xlsx", sheet: "Base", searched: 30, kinds: ["mal-escalados", "tipificador"]),
        .missingFields(file: "Base.xlsx", kind: "mal-escalados", missing: [HeaderMatcher.Missing(field: "cuenta", closestHeader: "Cuentta", alias: "Cuenta")],
                       headerRow: 3, headers: ["Fecha", "Cuentta"]),
        .folderUnusable(path: "/data/out", errno: EACCES),
        .fileNotWritten(path: "/data/.celda/procesados.jsonl", errno: ENOSPC),
        .outputNotWritten(path: "/data/out/Base - gestionado.xlsx", detail: WriterError(.cannotSave("rename failed"))),
        .notAccepted(file: "notes.docx", accepted: ["xlsx", "csv"], entrada: "entrada"),
        .folderWatched(folder: "/data", pid: "4242"),
        .moveFailed(file: "Base.xlsx", folder: "/data/procesados", errno: EXDEV),
        .standardOutputFailed,
        .rowsOutOfOrder(file: "Base.xlsx", rows: [4, 9]),
        .noStore,
        .storeNotFound(path: "/data/.celda/celda.sqlite"),
        .unitNotWritten(path: "/etc/systemd/system/celda-mal-escalados.service", errno: EACCES),
        .systemctlFailed(command: "systemctl enable --now celda-mal-escalados.service", output: "Failed to connect to bus"),
        .unknownUser("celda"),
        .unitOfAnotherFolder(path: "/etc/systemd/system/celda-bases.service"),
        .unitUnsafePath("/srv/Bases\nExecStartPre=/bin/rm"),
        .passwordInStoreURL(shown: "postgres://celda:***@db/celda", environmentFile: "/etc/celda/celda-mal-escalados.env"),
        .notAWatchFolder(path: "/srv/celda/Mal escalados"),
    ]

    /// Fails to compile when a case is added without a sample above (and so without this test).
    private func covered(_ e: PipelineError) {
        switch e {
        case .noHeaderRow, .missingFields, .folderUnusable, .fileNotWritten, .outputNotWritten, .notAccepted, .folderWatched,
             .moveFailed, .standardOutputFailed, .rowsOutOfOrder, .noStore, .storeNotFound, .unitNotWritten, .systemctlFailed, .unknownUser, .unitOfAnotherFolder, .unitUnsafePath,
             .passwordInStoreURL, .notAWatchFolder: break
        }
    }

    static let templateProblems: [TemplateError.Problem] = [
        .folderNotFound, .missingFile, .unreadable, .invalidYAML("bad"), .missingKey("aliases"), .invalidValue("Expected Int"),
        .noRequiredField, .fieldWithoutAliases("cuenta"), .duplicateCode("ME01"), .notADate("24/12/2025"), .badFolderNames,
        .badWeekday(9), .unknownTimeZone("Mars/Olympus"),
    ]

    private func covered(_ p: TemplateError.Problem) {
        switch p {
        case .folderNotFound, .missingFile, .unreadable, .invalidYAML, .missingKey, .invalidValue, .noRequiredField,
             .fieldWithoutAliases, .duplicateCode, .notADate, .badFolderNames, .badWeekday, .unknownTimeZone: break
        }
    }

    static let writerErrors: [WriterError] = [
        WriterError(.library(LXWCode(rawValue: 1), call: "worksheet_write_string"), sheet: "Base", cell: "A1"),
        WriterError(.workbookClosed), WriterError(.cannotCreateTemporaryFile("no space")), WriterError(.cannotSave("rename")),
        WriterError(.rowOutOfRange(2_000_000)), WriterError(.columnOutOfRange(20_000)), WriterError(.rowAlreadyWritten(row: 3, current: 9)),
        WriterError(.invalidRange("A0")), WriterError(.invalidName("a:b")), WriterError(.emptyList),
    ]

    static let readerErrors: [ReaderError] = [
        ReaderError(.encrypted, file: "Base.xlsx"), ReaderError(.malformedXML("Start tag expected"), file: "Base.xlsx", sheet: "Sheet1"),
        ReaderError(.sheetNotFound("Datos", available: ["Base"]), file: "Base.xlsx"), ReaderError(.csvUnclosedQuote, file: "b.csv", line: 7),
    ]

    static let storeErrors: [StoreError] = [
        .locked(path: "/data/.celda/celda.sqlite"), .corrupt(path: "/data/x.sqlite", message: "file is not a database"),
        .newerVersion(path: "/data/x.sqlite", unknownMigrations: ["v9 future"]), .sqlite(path: "/data/x.sqlite", code: 13, message: "database or disk is full"),
        .unreachable(location: "postgres://celda:***@db:5432/celda", message: "connection to server at \"db\" (10.0.0.5), port 5432 failed: Connection refused"),
        .postgres(location: "postgres://celda@db/celda", sqlstate: "42501", message: "permission denied for table case_record"),
        .badValue(location: "/data/x.sqlite", table: "case_record", rowID: "42", column: "first_seen", expected: .date, found: "2024-13-45\nx"),
    ]

    private func covered(_ e: StoreError) {
        switch e {
        case .locked, .corrupt, .newerVersion, .sqlite, .unreachable, .postgres, .badValue: break
        }
    }

    static var all: [Error] {
        storeErrors.map { $0 as Error } + pipelineErrors.map { $0 as Error } + templateProblems.map { TemplateError(file: "kinds.yaml", key: "kinds.x", problem: $0) }
            + writerErrors.map { $0 as Error } + readerErrors.map { $0 as Error } + spoolErrors.map { $0 as Error } + mailErrors.map { $0 as Error }
    }

    /// A mail server's faults, by libcurl's code (the words libcurl or the server said are kept).
    static let mailErrors: [MailError] = [6, 7, 9, 28, 55, 60, 67, 99].map {
        MailError(server: "imaps://outlook.office365.com:993/INBOX", code: $0, message: "server said something")
    } + [MailError(server: "smtp://smtp.office365.com:587", code: 55, message: "RCPT failed: 550", refusedRecipient: "nadie@claro.com.co")]

    static let spoolErrors: [SpoolError] = [
        .cannotCreate("/tmp/celda-XXXXXX", errno: ENOSPC), .cannotWrite(errno: EACCES), .cannotRead(errno: EIO), .corrupt,
    ]

    /// The progress of a streamed base: how far, for the terminal's bar, in both languages.
    @Test func streamedProgressSaysHowFar() {
        let stage = ProcessStage.writingRows(done: 250_000, of: 1_000_000)
        #expect(stage.fraction == 0.25)
        #expect(stage.text(.es) == "decidiendo y escribiendo, 250000 de 1000000 filas")
        #expect(stage.text(.en) == "deciding and writing, 250000 of 1000000 rows")
        #expect(ProcessStage.reading(rows: 10).fraction == nil && ProcessStage.writingRows(done: 5, of: 0).fraction == nil)
    }

    @Test func aFullTemporaryFolderIsSaidInTheUsersLanguage() {
        let e = SpoolError.cannotWrite(errno: ENOSPC)
        #expect(ErrorReport.message(for: e, language: .es)
                    == "no se pudo escribir un archivo temporal (el disco está lleno). Libere espacio en la carpeta temporal o indique otra con TMPDIR")
        #expect(ErrorReport.message(for: e, language: .en).contains("(the disk is full)"))
    }

    /// Letters and marks only Spanish text has.
    static let spanishMarks = CharacterSet(charactersIn: "áéíóúñÁÉÍÓÚÑ¿¡«»")

    @Test func everyErrorIsOneLineInBothLanguages() {
        for error in MessagesTests.all {
            let es = ErrorReport.message(for: error, language: .es)
            let en = ErrorReport.message(for: error, language: .en)
            #expect(!es.isEmpty && !en.isEmpty && es != en, "\(error)")
            #expect(!es.contains("\n") && !en.contains("\n"), "\(error)")
            #expect(en.rangeOfCharacter(from: MessagesTests.spanishMarks) == nil, "Spanish inside English: \(en)")
            #expect(!en.contains("Unexpected") && !es.hasPrefix("error inesperado"), "\(error) has its own sentence")
        }
    }

    static let rowWords: [RowWords] = [
        .notValid(shown: "32/13/2024", type: .date), .notValid(shown: "abc", type: .number), .missing(header: "Cuenta"),
        .accountLength(digits: "12", min: 6, max: 12), .accountNotDigits("12a"), .futureDate(CalendarDate(year: 2025, month: 1, day: 2), today: CalendarDate(year: 2024, month: 3, day: 22)),
        .duplicateRow(row: 9, of: 4), .scoreNotInteger("diez"), .causalContradicts(given: "I · Ventas", named: ["D · Traslados", "E · Retencion"]),
    ]

    /// Fails to compile when a case is added without a sample above.
    private func covered(_ w: RowWords) {
        switch w {
        case .notValid, .missing, .accountLength, .accountNotDigits, .futureDate, .duplicateRow, .scoreNotInteger, .causalContradicts, .said, .stored: break
        }
    }

    /// What the core says of a row, in both languages, the English with no Spanish words.
    @Test func everyRowProblemIsSaidInBothLanguages() {
        for w in MessagesTests.rowWords {
            let es = w.text(.es), en = w.text(.en)
            #expect(!es.isEmpty && !en.isEmpty && es != en, "\(w)")
            #expect(en.rangeOfCharacter(from: MessagesTests.spanishMarks) == nil, "Spanish inside English: \(en)")
            for spanish in [" no es ", "falta", " la fila ", "cuenta", "fecha", " contradice "] { #expect(!en.contains(spanish), "\(en)") }
        }
    }

    static let evidence: [MalEscaladosEvidence] = [
        .distance(blocks: 4.5, max: 3), .otherTower(hhpp: "H1", row: 9), .otherFloor(hhpp: "H1", row: 9), .otherNode(escalated: "N2", client: "N1"),
        .inactiveAccount(state: "Suspended"), .optionNotForSymptom(option: "Slow", symptom: "No TV"), .externalNetworkWithVisit(option: "Red", visit: "OT-1"),
        .noFaultNotice("PMA"), .serialNotInInventory("S9"), .noSerials, .otherTV(escalated: "ATSC", installed: "DVB"), .serviceWithoutEmail("Mail"),
        .invalidEmail("x@"), .noIncidence, .shortTD(minutes: 1.5, min: 3), .emptyNotes, .shortNotes(length: 5, min: 20),
    ]

    private func covered(_ e: MalEscaladosEvidence) {
        switch e {
        case .distance, .otherTower, .otherFloor, .otherNode, .inactiveAccount, .optionNotForSymptom, .externalNetworkWithVisit, .noFaultNotice,
             .serialNotInInventory, .noSerials, .otherTV, .serviceWithoutEmail, .invalidEmail, .noIncidence, .shortTD, .emptyNotes, .shortNotes: break
        }
    }

    /// Mal escalados' evidence in both languages; numbers with the language's decimal mark.
    @Test func everyEvidenceIsSaidInBothLanguages() {
        for e in MessagesTests.evidence {
            let es = e.text(.es), en = e.text(.en)
            #expect(!es.isEmpty && !en.isEmpty && es != en, "\(e)")
            #expect(en.rangeOfCharacter(from: MessagesTests.spanishMarks) == nil, "Spanish inside English: \(en)")
        }
        #expect(MalEscaladosEvidence.shortTD(minutes: 1.5, min: 3).text(.es) == "Duración T&D 1,5 min < 3 min")
        #expect(MalEscaladosEvidence.shortTD(minutes: 1.5, min: 3).text(.en) == "T&D duration 1.5 min < 3 min")
    }

    /// A `--lang en` gestionado says its rows' problems in English: Incidencias and the form
    /// errors column; the Spanish one in Spanish.
    @Test func aGestionadosProblemsAreInItsLanguage() throws {
        let dir = try CeldaTestSupport.Repository.temporaryFolder("celda-row-words")
        let base = try tipificadorCSV(in: dir, rows: [
            ["20/03/2024 10:00", "Laura Castro", "12a", "Sin señal", "A"],
            ["20/03/2024 10:05", "Laura Castro", "", "Sin señal", "A"],
            ["32/03/2024 10:05", "Laura Castro", "71000001", "Sin señal", "A"],
        ])
        for (language, words) in [(Language.en, ["\"12a\" has characters that are not digits", "\"Cuenta\" is missing", "is not a valid date"]),
                                  (Language.es, ["«12a» tiene caracteres que no son dígitos", "falta «Cuenta»", "no es una fecha válida"])] {
            let p = try BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 22), language: language,
                                      outFolder: dir + "/salida-\(language)")
            let output = try p.process(base).output
            let sheets = try SpreadsheetFile.open(path: output).sheets.map(\.name)
            let incidencias = try cells(output, sheet: try #require(sheets.first { $0 == "Issues" || $0 == "Incidencias" }))
            let said = incidencias.values.flatMap(\.values).compactMap { if case .text(let t) = $0 { return t } else { return nil } }
            for w in words { #expect(said.contains { $0.lowercased().contains(w.lowercased()) }, "\(language): «\(w)» in \(said)") }
            let rows = try cells(output)
            let column = try #require(rows[1]?.first { $0.value == .text(language == .en ? "Form error" : "Error de diligenciamiento") }?.key)
            guard case .text(let formError)? = rows[2]?[column] else { Issue.record("no form error on row 2"); continue }
            #expect(formError.contains(words[0]), "\(language): \(formError)")
        }
    }

    /// A `--lang en` mal-escalados gestionado gives its evidence in English; the history keeps
    /// the Spanish.
    @Test func aGestionadosEvidenceIsInItsLanguage() throws {
        let dir = try CeldaTestSupport.Repository.temporaryFolder("celda-evidence-words")
        var generator = SampleGenerator(seed: 31)
        let base = try generator.write(into: dir, rows: 300)[0]
        var p = try BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 22), language: .en, outFolder: dir + "/salida")
        p.store = try SQLiteStore(path: dir + "/h.sqlite")
        let output = try p.process(base).output
        let rows = try cells(output)
        let column = try #require(rows[1]?.first { $0.value == .text("Evidence") }?.key)
        let evidence = rows.values.compactMap { row -> String? in if case .text(let t)? = row[column] { return t } else { return nil } }
        #expect(evidence.count > 50)
        for e in evidence { #expect(e.rangeOfCharacter(from: MessagesTests.spanishMarks) == nil || e.contains("\""), "Spanish evidence: \(e)") }
        #expect(evidence.contains { $0.contains("T&D duration") || $0.contains("Empty notes") || $0.contains("Distance") })
        let stored = try #require(p.store).cases(kind: MalEscaladosKind.id, from: CalendarDate(year: 2024, month: 1, day: 1), to: CalendarDate(year: 2024, month: 3, day: 22))
        #expect(stored.contains { ($0.evidence ?? "").contains("Duración T&D") || ($0.evidence ?? "").contains("Notas") || ($0.evidence ?? "").contains("Distancia") })
    }

    @Test func aTemplateErrorNamesFileKeyAndWhatToDo() {
        let e = TemplateError(file: "kinds.yaml", key: "kinds.tipificador.fields[2]", problem: .missingKey("aliases"))
        #expect(e.message(.es) == "plantilla «kinds.yaml», clave «kinds.tipificador.fields[2]»: falta la clave «aliases». Corrija la plantilla o indique otra carpeta con --templates")
        #expect(e.message(.en) == "template \"kinds.yaml\", key \"kinds.tipificador.fields[2]\": key \"aliases\" is missing. Fix the template or point to another folder with --templates")
    }

    @Test func systemReasonsAreSaidInTheUsersLanguage() {
        let e = PipelineError.folderUnusable(path: "/solo-lectura", errno: EROFS)
        #expect(e.message(.es) == "no se puede usar la carpeta «/solo-lectura» (es de solo lectura). Elija una carpeta donde pueda escribir o créela")
        #expect(e.message(.en).contains("(read-only file system)"))
    }

    @Test func theEnglishReaderLocationSaysLine() {
        let e = ReaderError(.malformedXML("x"), file: "Base.xlsx", sheet: "Sheet1", line: 12)
        #expect(e.message(.en).contains("(sheet \"Sheet1\", line 12)"))
        #expect(e.message(.es).contains("(hoja «Sheet1», línea 12)"))
    }
}

// The Swift side of the writing benchmark: the same rows as Benchmarks/c_floor/write_floor.c,
// through XLSXWriter (constant memory, formats as values resolved once to styles).
//   swift build -c release --product celda-write-bench
//   .build/release/celda-write-bench OUT.xlsx [ROWS]
#if canImport(Glibc)
import Glibc
#endif
import XLSXWriter

/// The C floor's generator, step for step, so both write identical cells.
struct Generator {
    var state: UInt64 = 42
    @inline(__always) mutating func next() -> UInt32 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return UInt32(truncatingIfNeeded: state >> 33)
    }
}
var random = Generator()

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { print("usage: celda-write-bench OUT.xlsx [ROWS]"); exit(2) }
let rows = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let prefixes = ["Cuenta ", "Asesor ", "Supervisor ", "Opcion ", "Nodo ", "HHPP ", "Estado ", "Nota de escalamiento numero "]
let pools: [[String]] = prefixes.map { p in (0..<1000).map { p + String($0 * 7919 % 100_000) } }

do {
    var options = Workbook.Options()
    options.constantMemory = true
    let book = try Workbook(path: arguments[1], options: options)
    let sheet = try book.addWorksheet("Base")
    let date = book.style(.numberFormat("dd/mm/yyyy hh:mm"))
    let decimal = book.style(.numberFormat("0.00"))
    for r in 0..<rows {
        let serial = 45292.0 + Double(random.next() % 365) + Double(random.next() % 86400) / 86400
        try sheet.write(.number(serial), row: r, column: 0, style: date)
        for c in 1..<18 {
            if c == 10 { try sheet.write(.number(Double(random.next() % 13)), row: r, column: c) }
            else if c == 16 { try sheet.write(.number(Double(random.next() % 2500) / 100), row: r, column: c, style: decimal) }
            else { try sheet.write(.text(pools[c % 8][Int(random.next() % 1000)]), row: r, column: c) }
        }
    }
    try book.save()
} catch {
    let message = "\(error)\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    exit(1)
}

import Foundation

/// Values of one type kept on disk in the order appended and read back whole, in constant
/// memory: a file without a name, one write buffer, one read chunk. `encode` and `decode` say
/// how one value is laid out.
public final class Spool<Value> {
    private let file: TemporaryFile
    private let writer: SpoolWriter
    private let encode: (Value, SpoolWriter) -> Void
    private let decode: (SpoolReader) throws -> Value
    public private(set) var count = 0

    public init(encode: @escaping (Value, SpoolWriter) -> Void, decode: @escaping (SpoolReader) throws -> Value) throws {
        file = try TemporaryFile()
        writer = SpoolWriter(file: file)
        self.encode = encode
        self.decode = decode
    }

    public func append(_ value: Value) throws {
        encode(value, writer)
        count += 1
        try writer.flushIfFull()
    }

    /// Every value in the order appended (as many times as asked; appending may go on after).
    public func forEach(_ body: (Value) throws -> Void) throws {
        try writer.close()
        let reader = SpoolReader(file: file)
        for _ in 0..<count { try body(try decode(reader)) }
    }
}

/// Rows kept on disk between two passes over a base: the first pass reads the workbook once
/// (unzip, XML, shared strings) and writes each row here in a compact binary form; the second
/// pass reads them back at a fraction of the cost, and the shared strings can be freed in
/// between.
public enum RowSpool {
    public static func make() throws -> Spool<Row> { try Spool(encode: encode, decode: decode) }

    public static func encode(_ row: Row, _ writer: SpoolWriter) {
        writer.int(row.number)
        writer.int(row.cells.count)
        for cell in row.cells {
            writer.int(cell.column)
            switch cell.value {
            case .empty: writer.byte(0)
            case .text(let t): writer.byte(1); writer.string(t)
            case .number(let n): writer.byte(2); writer.double(n)
            case .bool(let b): writer.byte(b ? 4 : 3)
            case .date(let d):
                writer.byte(5)
                writer.byte(code(d.kind))
                writer.double(d.serial)
            case .error(let e): writer.byte(6); writer.string(e)
            }
            if let formula = cell.formula { writer.byte(1); writer.string(formula) } else { writer.byte(0) }
        }
    }

    public static func decode(_ reader: SpoolReader) throws -> Row {
        let number = try reader.int()
        let count = try reader.int()
        var cells: [Cell] = []
        cells.reserveCapacity(count)
        for _ in 0..<count {
            let column = try reader.int()
            let value: CellValue
            switch try reader.byte() {
            case 0: value = .empty
            case 1: value = .text(try reader.string())
            case 2: value = .number(try reader.double())
            case 3: value = .bool(false)
            case 4: value = .bool(true)
            case 5:
                let kind = Self.kind(try reader.byte())
                value = .date(SpreadsheetDate(kind: kind, serial: try reader.double()))
            case 6: value = .error(try reader.string())
            default: throw SpoolError.corrupt
            }
            let formula = try reader.byte() == 1 ? try reader.string() : nil
            cells.append(Cell(column: column, value: value, formula: formula))
        }
        return Row(number: number, cells: cells)
    }

    private static func code(_ kind: SpreadsheetDate.Kind) -> UInt8 {
        switch kind {
        case .date: return 0
        case .dateTime: return 1
        case .time: return 2
        case .duration: return 3
        }
    }

    private static func kind(_ code: UInt8) -> SpreadsheetDate.Kind {
        switch code {
        case 1: return .dateTime
        case 2: return .time
        case 3: return .duration
        default: return .date
        }
    }
}

/// A file without a name in the system's temporary folder (`TMPDIR`): removed from the folder
/// the moment it is made, so nothing is left behind however the process ends (Ctrl-C, a kill, a
/// crash); its space is freed when this object closes it.
public final class TemporaryFile {
    public let descriptor: Int32

    public init() throws {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? NSTemporaryDirectory()
        var template = Array(((folder as NSString).appendingPathComponent("celda-XXXXXX")).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let path = String(cString: template)
        guard fd >= 0 else { throw SpoolError.cannotCreate(path, errno: errno) }
        unlink(path)
        descriptor = fd
    }

    deinit { close(descriptor) }
}

public enum SpoolError: Error, CustomStringConvertible {
    case cannotCreate(String, errno: Int32)
    case cannotWrite(errno: Int32)
    case cannotRead(errno: Int32)
    case corrupt

    public var description: String {
        switch self {
        case .cannotCreate(let p, let e): return "no se pudo crear el archivo temporal «\(p)»: \(String(cString: strerror(e)))"
        case .cannotWrite(let e): return "no se pudo escribir un archivo temporal: \(String(cString: strerror(e))) (¿disco lleno?)"
        case .cannotRead(let e): return "no se pudo leer un archivo temporal: \(String(cString: strerror(e)))"
        case .corrupt: return "un archivo temporal quedó incompleto"
        }
    }
}

/// Appends primitives to a temporary file through one buffer (integers as LEB128 varints).
public final class SpoolWriter {
    private let file: TemporaryFile
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 20
    /// Bytes in the file so far.
    public private(set) var written: UInt64 = 0

    public init(file: TemporaryFile) {
        self.file = file
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    public func byte(_ b: UInt8) { buffer.append(b) }

    public func int(_ value: Int) {
        // Zig-zag so that −1 (a missing column) stays one byte.
        var v = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while v >= 0x80 {
            buffer.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        buffer.append(UInt8(v))
    }

    public func double(_ d: Double) {
        withUnsafeBytes(of: d.bitPattern.littleEndian) { buffer.append(contentsOf: $0) }
    }

    public func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            int(utf8.count)
            buffer.append(contentsOf: utf8)
        }
    }

    /// A string's bytes alone (the reader knows their length).
    public func raw(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
    }

    public func flushIfFull() throws { if buffer.count >= Self.flushAt { try flush() } }

    private func flush() throws {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(file.descriptor, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SpoolError.cannotWrite(errno: errno) }
            done += n
        }
        written += UInt64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered; the file can then be read (and appended to again).
    public func close() throws { try flush() }
}

/// Reads back what a `SpoolWriter` wrote, from the start, a chunk at a time.
public final class SpoolReader {
    private let file: TemporaryFile
    private var chunk: [UInt8]
    private var position = 0
    private var end = 0
    private var offset: off_t = 0
    private static let chunkSize = 1 << 20

    public init(file: TemporaryFile) {
        self.file = file
        chunk = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    /// Makes at least `count` bytes available from `position`.
    @inline(__always)
    private func need(_ count: Int) throws {
        if end - position >= count { return }
        let kept = end - position
        if count > chunk.count { chunk.append(contentsOf: [UInt8](repeating: 0, count: count - chunk.count + Self.chunkSize)) }
        chunk.withUnsafeMutableBytes { bytes in
            if kept > 0 { memmove(bytes.baseAddress!, bytes.baseAddress! + position, kept) }
        }
        position = 0
        end = kept
        while end < count {
            let read = chunk.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress! + end, $0.count - end, offset) }
            if read < 0 && errno == EINTR { continue }
            if read < 0 { throw SpoolError.cannotRead(errno: errno) }
            if read == 0 { throw SpoolError.corrupt }
            end += read
            offset += off_t(read)
        }
    }

    public func byte() throws -> UInt8 {
        try need(1)
        defer { position += 1 }
        return chunk[position]
    }

    public func int() throws -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
            if shift > 63 { throw SpoolError.corrupt }
        }
        // Zig-zag back, with a logical shift (Int.min and Int.max survive).
        return Int(Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1))))
    }

    public func double() throws -> Double {
        try need(8)
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(chunk[position + i]) << (8 * UInt64(i)) }
        position += 8
        return Double(bitPattern: bits)
    }

    public func string() throws -> String {
        let count = try int()
        guard count >= 0 else { throw SpoolError.corrupt }
        try need(count)
        let s = chunk.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[position..<position + count]), as: UTF8.self) }
        position += count
        return s
    }
}

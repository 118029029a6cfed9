import Foundation
import FuzzSupport

// The input is a CSV file's bytes: BOM and encoding detection (UTF-8 / Windows-1252), delimiter
// sniffing, RFC 4180 quoting across lines.
let path = Harness.scratch("f.csv")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    Harness.readAsFile(data, size, at: path)
    return 0
}

@_cdecl("CSVFuzz_main")
func csvFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, { fuzz($0, $1) })
}

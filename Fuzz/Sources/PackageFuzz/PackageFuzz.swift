import Foundation
import FuzzSupport

// The input is a whole .xlsx file: zip structure, every part, every XML parser of the reader.
// Seeds are small real workbooks copied from ../shared/corpus by make_seeds.py (never committed).
let path = Harness.scratch("f.xlsx")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    Harness.readAsFile(data, size, at: path)
    return 0
}

@_cdecl("PackageFuzz_main")
func packageFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, { fuzz($0, $1) })
}

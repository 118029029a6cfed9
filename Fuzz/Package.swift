// swift-tools-version:6.0
// A libFuzzer target for the reader, kept out of the main package (it has no main() of its own).
//   cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   python3 make_seeds.py && .build/release/ReaderFuzz -max_total_time=120 corpus
import PackageDescription

let package = Package(
    name: "CeldaFuzz",
    dependencies: [.package(name: "Celda", path: "..")],
    targets: [
        .executableTarget(name: "ReaderFuzz", dependencies: [.product(name: "XLSXReader", package: "Celda")]),
    ]
)

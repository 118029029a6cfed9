// swift-tools-version:6.0
// libFuzzer targets for the reader, kept out of the main package (they have no main() of their
// own). See README.md for the commands and the last runs.
//   python3 make_seeds.py
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   .build/release/ReaderFuzz  -max_total_time=300 corpus/sheet     # worksheet XML in a valid package
//   .build/release/PackageFuzz -max_total_time=300 corpus/package   # the whole .xlsx file
//   .build/release/CSVFuzz     -max_total_time=300 corpus/csv       # CSV bytes
//   .build/release/MIMEFuzz    -max_total_time=300 corpus/mime      # an e-mail message
import PackageDescription

let package = Package(
    name: "CeldaFuzz",
    dependencies: [.package(name: "Celda", path: "..")],
    targets: [
        // What every target checks: only ReaderErrors, with a reason; nothing on stderr.
        .target(name: "FuzzSupport", dependencies: [.product(name: "XLSXReader", package: "Celda")]),
        .executableTarget(name: "ReaderFuzz", dependencies: ["FuzzSupport", .product(name: "XLSXReader", package: "Celda")]),
        .executableTarget(name: "PackageFuzz", dependencies: ["FuzzSupport", .product(name: "XLSXReader", package: "Celda")]),
        .executableTarget(name: "CSVFuzz", dependencies: ["FuzzSupport", .product(name: "XLSXReader", package: "Celda")]),
        .executableTarget(name: "MIMEFuzz", dependencies: ["FuzzSupport", .product(name: "CeldaMail", package: "Celda")]),
    ]
)

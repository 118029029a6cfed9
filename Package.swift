// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Celda",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "celda", targets: ["celda"]),
        .library(name: "XLSXReader", targets: ["XLSXReader"]),
        .library(name: "XLSXWriter", targets: ["XLSXWriter"]),
        .library(name: "CeldaMail", targets: ["CeldaMail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries, found through pkg-config; the providers tell `swift build` what to apt-get.
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // libpq, PostgreSQL's own client library: the shared history on a server (issue 14).
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // libcurl: IMAP and SMTP, the mailbox the bases arrive in and the mail reports leave by (issue 23).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // GMime: reading the messages the bases arrive in (nested parts, encoded names) and composing
        // the ones reports leave in.
        .systemLibrary(name: "CGMime", pkgConfig: "gmime-3.0", providers: [.apt(["libgmime-3.0-dev"])]),
        .target(name: "CeldaMail", dependencies: ["CCurl", "CGMime"]),

        .target(
            name: "XLSXReader",
            dependencies: ["CZip", "CXML2"],
            // Release builds drop dynamic exclusivity checks: the parser's state is touched only
            // from its own callbacks on one thread, and the checks cost ~2% of a 1M-row read.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(
            name: "XLSXWriter",
            dependencies: ["CXLSXWriter", "CZip", "CXML2"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // Kinds, templates, header mapping, rules, calendar: pure values, no file or database I/O.
        .target(
            name: "CeldaCore",
            dependencies: ["XLSXReader", .product(name: "Yams", package: "Yams")]
        ),
        // The workbooks supervisors open, from core values; computes nothing the core owns.
        .target(name: "CeldaReports", dependencies: ["CeldaCore", "XLSXWriter", "XLSXReader"]),
        // The use cases: process a base, the folder workflow, inspection, samples; every error
        // as one line in Spanish or English. Testable without the binary.
        // The history: every ingested row, case states over time, human decisions (SQLite via GRDB,
        // or PostgreSQL via libpq for several stations).
        .target(name: "CeldaStore", dependencies: ["CeldaCore", "CPostgres", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "CeldaPipeline", dependencies: ["CeldaCore", "CeldaReports", "CeldaStore", "CeldaMail", "XLSXReader", "XLSXWriter",
                                                      .product(name: "Yams", package: "Yams")]),
        // Argument parsing and printing only.
        .executableTarget(
            name: "celda",
            dependencies: [
                "XLSXReader",
                "CeldaCore",
                "CeldaPipeline",
                "CeldaStore",
                "CeldaMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .executableTarget(name: "celda-write-bench", dependencies: ["XLSXWriter"], path: "Benchmarks/WriteBench",
                          swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .executableTarget(name: "celda-store-bench", dependencies: ["CeldaStore", "CeldaCore"], path: "Benchmarks/StoreBench"),
        // Builds small .xlsx files with the real libzip for tests of every layer.
        .target(name: "CeldaTestSupport", dependencies: ["CZip"], path: "Tests/Support", exclude: ["outside_read.py", "scripts"]),
        .testTarget(name: "XLSXReaderTests", dependencies: ["XLSXReader", "CeldaTestSupport"]),
        .testTarget(name: "CeldaCLITests", dependencies: ["CeldaTestSupport", "XLSXReader"]),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter", "XLSXReader", "CeldaTestSupport"]),
        .testTarget(name: "CeldaMailTests", dependencies: ["CeldaMail"]),
        .testTarget(name: "CeldaCoreTests", dependencies: ["CeldaCore", "CeldaTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CeldaReportsTests", dependencies: ["CeldaReports", "CeldaCore", "XLSXReader", "CeldaTestSupport"]),
        .testTarget(name: "CeldaStoreTests", dependencies: ["CeldaStore", "CeldaCore", "CeldaTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "CeldaPipelineTests", dependencies: ["CeldaPipeline", "CeldaReports", "CeldaCore", "CeldaStore", "XLSXReader", "XLSXWriter", "CeldaMail", "CeldaTestSupport"],
                    exclude: ["NewKind/visitas-tecnicas.yaml"]),
    ]
)

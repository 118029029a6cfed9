import Dispatch

/// Splits work over the machine's cores, keeping the order of the results. Each chunk's
/// function must depend only on its own elements (cross-row facts are computed before).
public enum Parallel {
    public static func map<T: Sendable, U: Sendable>(_ items: [T], minimumChunk: Int = 2_000, _ body: @Sendable (ArraySlice<T>) -> [U]) -> [U] {
        let cores = max(1, ProcessInfoCores.count)
        guard items.count >= minimumChunk * 2, cores > 1 else { return body(items[...]) }
        let chunks = min(cores * 2, items.count / minimumChunk)
        let size = (items.count + chunks - 1) / chunks
        let results = ParallelResults<U>(count: chunks)
        results.parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { i in
                let start = i * size, end = min(items.count, start + size)
                out[i] = start < end ? body(items[start..<end]) : []
            }
        }
        return results.parts.flatMap { $0 }
    }
}

import Foundation
enum ProcessInfoCores {
    static let count = ProcessInfo.processInfo.environment["CELDA_THREADS"].flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
}

/// The slots each chunk writes its own results into (one slot per chunk: no two threads
/// touch the same element).
final class ParallelResults<U>: @unchecked Sendable {
    var parts: [[U]]
    init(count: Int) { parts = Array(repeating: [], count: count) }
}
